/* pdf_draw.h - the drawing half of the print backend: laid-out pages to a
 * PDF file or to PNG pixels.  It sees frames only (pdf_doc.h): no tree,
 * no style, no files but the one it writes. */
#ifndef FOLIO_PDF_DRAW_API_H
#define FOLIO_PDF_DRAW_API_H
#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

typedef struct pdf_document pdf_document;   /* laid-out pages, opaque */

/* The resolution of the pictures in the PDF that pdf_write makes, pixels
 * per inch at their placed size: the reading edition uses the style's
 * screen-ppi (the default), the press edition its press-ppi. */
void pdf_set_image_ppi(pdf_document *doc, double ppi);
/* Draws the laid-out pages to the reading edition (PDF/UA-1) at path. */
bool pdf_write(pdf_document *doc, const char *path, diag_list *d);
/* The press edition (PDF/X-4): the same pages on a sheet with bleed (and
 * marks), finished in CMYK through the output profile (src/finish/).  The
 * options are plain values: build.c takes them from the style. */
typedef struct press_profile press_profile;
typedef struct press_palette press_palette;
typedef struct {
    const press_profile *profile;
    press_palette *palette;
    const char *condition;        /* the style's output-condition, or NULL */
    bool default_profile;         /* folio's default profile (labelled Custom) */
    double bleed;                 /* pt on every side */
    bool crop_marks;              /* crop marks and slug line outside the bleed */
    const char *slug_family;      /* the slug line's font family */
    const char *file_name;        /* for the slug line */
    double image_ppi;             /* pictures' resolution: the style's press-ppi
                                     (0: 300); the reading edition has screen-ppi */
} pdf_press_options;
bool pdf_write_press(pdf_document *doc, const char *path, const pdf_press_options *o,
                     diag_list *d);
/* A PNG of every press sheet (bleed, crop marks, slug line, the boxes
 * outlined) beside its trimmed page: `folio proof` writes press-proof.png. */
bool pdf_write_press_proof(pdf_document *doc, const char *path, const pdf_press_options *o,
                           diag_list *d);
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
