/* pdf.h - the print backend: tree + style -> pages of boxes -> PDF.
 *
 * Two stages in separate modules: layout (layout_*.c: decides every box;
 * no cairo drawing calls) and drawing (draw_*.c: paints the boxes; no
 * layout decisions).  This header and pdf_draw.h (drawing, which never
 * sees the tree or the style) are the backend's whole interface. */
#ifndef FOLIO_PDF_H
#define FOLIO_PDF_H
#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include <fontconfig/fontconfig.h>
#include "diag.h"
#include "pdf/pdf_draw.h"
#include "pagemap.h"
#include "style.h"
#include "tree.h"

/* Laid-out articles and measuring objects kept from one build to the next
 * in one process (`folio watch`); see layout_cache.h. */
typedef struct pdf_cache pdf_cache;
pdf_cache *pdf_cache_new(void);
void pdf_cache_free(pdf_cache *c);

/* How layout works, chosen on the command line or by the environment in
 * main.c (layout itself reads no environment). */
typedef enum {
    LINEBREAK_TOTAL_FIT,          /* folio's total-fit breaker (linebreak.c) */
    LINEBREAK_FIRST_FIT,          /* Pango's own breaking, for comparison */
} linebreak_mode;

typedef struct {
    linebreak_mode linebreak;
    bool linebreak_debug;         /* report paragraphs that fell back to Pango */
    const char *dump_path;        /* build.c writes the layout dump here (tests), or NULL */
    int jobs;                     /* articles laid out at once; 0: one per core */
} layout_options;

typedef struct {
    const char *fonts_dir;        /* fonts/ with fonts.conf */
    FcConfig *fc;                 /* the configuration over fonts_dir, already loaded
                                     (borrowed; must outlive the document), or NULL */
    const char *hyphen_dir;       /* folder of hyph_<ll>_<CC>.dic, or NULL for Debian's */
    const char *hyphen_snapshots; /* where loaded dictionaries are kept for the next
                                     process (hyphen_snapshot.h), or NULL */
    time_t source_date;           /* SOURCE_DATE_EPOCH for metadata */
    pdf_cache *cache;             /* or NULL; needs fc */
    const char *cache_salt;       /* changes whenever the style or the fonts change */
    layout_options layout;
} pdf_options;

/* Lays out the issue.  Fills pages (if not NULL) with where each print
 * page begins.  Returns NULL with errors in d on failure. */
pdf_document *pdf_layout_issue(const node *issue, const style *st, const pdf_options *o,
                               page_map *pages, diag_list *d);
/* Writes the layout as text, one box a line (layout_dump.c), for tests
 * that check the break rules; issue is the tree doc was laid out from. */
bool pdf_layout_dump(const pdf_document *doc, const node *issue, const char *path);
/* The fit report of the layout: per article its pages and how many lines
 * its last page is over a page break or short of full (layout_fit.h). */
const char *pdf_fit_report(const pdf_document *doc);
#endif
