/* fonts.h - the private fontconfig over fonts/: both backends see exactly
 * the fonts listed in fonts/fonts.list and never the machine's own, so a
 * build looks the same everywhere and a missing font is an error, not a
 * silent substitution. */
#ifndef FOLIO_FONTS_H
#define FOLIO_FONTS_H

#include <stdbool.h>
#include <stddef.h>
#include <fontconfig/fontconfig.h>
#include <pango/pango.h>
#include "diag.h"
#include "style.h"
#include "tree.h"

/* One font file as the EPUB's @font-face needs it. */
typedef struct {
    char *path;          /* the file, as fontconfig found it under fonts_dir */
    char *family;        /* the file's first (typographic) family name */
    int weight;          /* CSS scale, 100..900 */
    bool italic;         /* italic or oblique */
} font_face;

/* A configuration built from fonts_dir/fonts.conf alone (no system
 * configuration).  Every file named in fonts_dir/fonts.list must be in
 * fonts_dir: a missing one is an error naming the file and its Debian
 * package.  Returns NULL after reporting to d; the caller owns the result
 * and releases it with FcConfigDestroy. */
FcConfig *fonts_load_config(const char *fonts_dir, diag_list *d);

/* Whether some font in c has family as one of its family names
 * (case-insensitive).  Unlike a fontconfig match this never falls back. */
bool fonts_has_family(FcConfig *c, const char *family);

/* Every font file in c, sorted by path, into a new array *out (caller
 * frees with fonts_free_faces).  Returns the count. */
size_t fonts_list_faces(FcConfig *c, font_face **out);
void fonts_free_faces(font_face *faces, size_t n);

/* Every family the style names must be in c: one that is not is an error
 * at the style file's line, naming the family, the folder and what it
 * has.  Generic names (serif, monospace) take the nearest face.  Returns
 * whether all were found. */
bool fonts_check_style(FcConfig *c, const style *st, const char *fonts_dir, diag_list *d);

/* Reports each character of the issue's text that no font of the style
 * covers (it would print as a blank box) at its source position: an
 * error, as text that cannot be set.  Returns whether all are covered. */
bool fonts_check_coverage(FcConfig *c, const style *st, const node *issue, diag_list *d);

/* A pango-cairo font map (FreeType) that resolves fonts through c only.
 * The font map keeps its own reference to c.  Caller unrefs it. */
PangoFontMap *fonts_new_pango_fontmap(FcConfig *c);

#endif
