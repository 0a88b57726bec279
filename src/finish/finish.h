/* finish.h - the finishing pass: cairo's PDF in, a finished edition out,
 * through libqpdf (structure) and content_edit (content streams).
 *
 *   reading edition, PDF/UA-1: artifacts for untagged content, /Lang
 *     (catalog, and Spans of runs in another language), /Alt on figures,
 *     /ID on notes, /Scope on header cells,
 *     DisplayDocTitle, XMP with pdfuaid:part 1;
 *   press edition, PDF/X-4: TrimBox/BleedBox, DeviceCMYK colour with 100 K
 *     overprinting, ICCBased sRGB images, CMYK transparency groups, no
 *     link annotations, a GTS_PDFX OutputIntent with the embedded profile,
 *     XMP with pdfxid:GTS_PDFXVersion, /Trapped /False;
 *   both: the embedded TrueType fonts' exact /Widths and /W (cairo 1.16
 *     truncates them; font_widths.h).
 *
 * Every object is visited once and every content stream read once, so the
 * cost is linear in the file's size.  The output depends only on the input
 * and these arguments (qpdf's deterministic /ID), so it is reproducible. */
#ifndef FOLIO_FINISH_H
#define FOLIO_FINISH_H

#include <glib.h>
#include <stdbool.h>
#include <time.h>

#include "diag.h"

/* press_colour.h; not included, so that drawing (which calls the
 * finishing pass) never sees the style */
typedef struct press_profile press_profile;
typedef struct press_palette press_palette;

typedef struct {
    const char *title, *author, *subject, *keywords;
    const char *lang;          /* BCP 47, or NULL */
    time_t date;               /* creation and modification date */
    GPtrArray *alts;           /* reading: one char* per Figure element, in order */
    GPtrArray *span_langs;     /* reading: per Span element, in order: its /Lang or NULL */
} finish_meta;

typedef struct {
    double trim_w, trim_h;     /* the page as the style says, pt */
    double bleed;              /* pt on every side */
    double margin;             /* from the MediaBox to the BleedBox (room for marks) */
    const press_profile *profile;
    press_palette *palette;
    const char *condition;     /* the style's output-condition, or NULL */
    bool default_profile;      /* the profile is folio's default (labelled Custom) */
} finish_press_options;

/* pdf[0..len): cairo's PDF; out: the file to write. */
bool finish_reading(const void *pdf, size_t len, const char *out, const finish_meta *m,
                    diag_list *d);
bool finish_press(const void *pdf, size_t len, const char *out, const finish_meta *m,
                  const finish_press_options *o, diag_list *d);

#endif
