/* figure_attrs.h - what a figure says about its placement: pandoc's
 * attribute syntax after an image, `{.wide credit="Foto: Naam" alt="..."}`,
 * and the front matter of opener and cover pictures.  The reader calls
 * this; the backends read only the fields of the tree. */
#ifndef FOLIO_FIGURE_ATTRS_H
#define FOLIO_FIGURE_ATTRS_H

#include <stdbool.h>
#include "diag.h"
#include "tree.h"

/* A figure's defaults (focus in the middle). */
void figure_init(node *fig);

/* Is text (trimmed) an attribute block `{...}`? */
bool figure_attrs_is_block(const char *text);

/* Applies the attribute block text to fig (.wide, .inset, .left, .right,
 * .bleed, credit=, alt=, width=N%, focus=X%,Y%).  Unknown or bad
 * attributes are warnings at pos; the rest still applies. */
void figure_attrs_apply(node *fig, const char *text, src_pos pos, diag_list *d);

/* Parses "X%,Y%" into 0..1 fractions; false when it is not that. */
bool figure_parse_focus(const char *v, double *x, double *y);

/* The decorative check, once alt text and caption are known: a figure
 * with neither is decorative, with a warning at its position. */
void figure_finish(node *fig, diag_list *d);

/* Pictures named in front matter (image:, image-alt:, image-credit:,
 * image-focus: of an article; cover-image:, cover-alt:, cover-credit:,
 * cover-focus: of issue.yaml), collected key by key. */
typedef struct {
    char *url, *alt, *credit, *focus;
    src_pos pos, focus_pos;
} picture_meta;

/* Takes key (after the prefix "image" or "cover-image"/"cover") with its
 * value; returns false when the key is not one of them. */
bool picture_meta_take(picture_meta *pm, const char *suffix, char *value, src_pos pos);
/* The figure node, or NULL when no url was given (other keys then warn).
 * Frees the collected strings. */
node *picture_meta_figure(picture_meta *pm, const char *prefix, diag_list *d);

#endif
