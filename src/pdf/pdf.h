/* pdf.h - the print backend: tree + style -> pages of boxes -> PDF.
 *
 * Two stages in separate modules: layout (layout_*.c: decides every box;
 * no cairo drawing calls) and drawing (draw_*.c: paints the boxes; no
 * layout decisions).  This header is the backend's whole interface. */
#ifndef FOLIO_PDF_H
#define FOLIO_PDF_H
#include <stddef.h>
#include <time.h>
#include <fontconfig/fontconfig.h>
#include "diag.h"
#include "pagemap.h"
#include "style.h"
#include "tree.h"

typedef struct pdf_document pdf_document;   /* laid-out pages, opaque */

/* Laid-out articles and measuring objects kept from one build to the next
 * in one process (`folio watch`); see layout_cache.h. */
typedef struct pdf_cache pdf_cache;
pdf_cache *pdf_cache_new(void);
void pdf_cache_free(pdf_cache *c);

typedef struct {
    const char *fonts_dir;        /* fonts/ with fonts.conf */
    FcConfig *fc;                 /* the configuration over fonts_dir, already loaded
                                     (borrowed; must outlive the document), or NULL */
    const char *hyphen_dict;      /* path of hyph_nl_NL.dic, or NULL for the default */
    time_t source_date;           /* SOURCE_DATE_EPOCH for metadata */
    pdf_cache *cache;             /* or NULL; needs fc */
    const char *cache_salt;       /* changes whenever the style or the fonts change */
} pdf_options;

/* Lays out the issue.  Fills pages (if not NULL) with where each print
 * page begins.  Returns NULL with errors in d on failure. */
pdf_document *pdf_layout_issue(const node *issue, const style *st, const pdf_options *o,
                               page_map *pages, diag_list *d);
/* The resolution of the pictures in the PDF that pdf_write makes, pixels
 * per inch at their placed size: the reading edition uses the style's
 * screen-ppi (the default), the press edition its press-ppi. */
void pdf_set_image_ppi(pdf_document *doc, double ppi);
/* Draws the laid-out pages to a PDF file at path. */
bool pdf_write(pdf_document *doc, const char *path, diag_list *d);
/* Draws page index (0-based) to a PNG in memory at the given resolution
 * (dots per inch).  Caller g_free()s *png. */
bool pdf_render_page_png(pdf_document *doc, int page, double dpi, unsigned char **png,
                         size_t *len, diag_list *d);
/* The same in two steps: the pixels (drawing: on the thread that owns the
 * document), then the PNG (only zlib: safe on any thread, while the
 * document is drawn elsewhere).  pdf_pixels_png returns false when out of
 * memory; caller g_free()s *png. */
typedef struct pdf_pixels pdf_pixels;
pdf_pixels *pdf_render_page_pixels(pdf_document *doc, int page, double dpi, diag_list *d);
bool pdf_pixels_png(const pdf_pixels *px, unsigned char **png, size_t *len);
void pdf_pixels_free(pdf_pixels *px);
/* Writes every page as PNG to dir/page-NNN.png and, when sheet_path is
 * not NULL, a contact sheet of all pages. */
bool pdf_write_proofs(pdf_document *doc, const char *dir, const char *sheet_path,
                      diag_list *d);
int pdf_page_count(const pdf_document *doc);
void pdf_document_free(pdf_document *doc);
#endif
