/* layout_picture.h - pictures on the page: their size from the file (as
 * seen, after EXIF orientation), the check of their print resolution, a
 * picture cropped to fill a frame around its focal point, and credits.
 * Used by the figure blocks, the article opener and the cover. */
#ifndef FOLIO_PDF_LAYOUT_PICTURE_H
#define FOLIO_PDF_LAYOUT_PICTURE_H

#include "pdf/layout_blocks.h"
#include "picture.h"

/* The facts of fig's picture and its path (owned); false with a warning
 * at fig's position when it cannot be read. */
bool layout_picture_probe(block_builder *bb, const node *fig, picture_info *pi, char **path);

/* Warns at fig's position when the picture, w x h points large, prints
 * below the style's warn-ppi. */
void layout_picture_check_ppi(block_builder *bb, const node *fig, const picture_info *pi,
                              double w, double h);

/* An image box for fig: alt text, decorative figures marked as such. */
box *layout_picture_box(block_builder *bb, box_list *l, const node *fig, const char *path,
                        double x, double y, double w, double h, int block_id);

/* Sizes b so that the picture covers the frame (fx, fy, fw, fh), cropped
 * around fig's focal point, clipped to the frame. */
void layout_picture_fill(box *b, const node *fig, const picture_info *pi, double fx, double fy,
                         double fw, double fh);

/* Rows of the credit line of fig (if any) added to b, flush right at x, w. */
void layout_picture_credit_rows(block_builder *bb, flow_block *b, const node *fig, double x,
                                double w);

void layout_picture_credit_rows_aligned(block_builder *bb, flow_block *b, const node *fig,
                                        double x, double w, PangoAlignment align);

/* Copies the rows of b onto page at (x, y), recolouring text when color
 * is not NULL; returns the y below them. */
double layout_picture_put_rows(pdf_page *page, const flow_block *b, double x, double y,
                               const double *color);

/* The caption rows of fig (if any) added to b at x, w, and the Figure
 * element around all of b's rows (none for a decorative figure). */
void layout_picture_caption_rows(block_builder *bb, flow_block *b, const node *fig, double x,
                                 double w);

/* A .bleed figure as one row of boxes relative to the page's corner: the
 * picture over the whole page to the trim edge, its caption and credit
 * on a white panel at the foot. */
void layout_picture_bleed(block_builder *bb, const node *fig, flow_block *b,
                          const picture_info *pi, const char *path);

/* A byline's portrait (its first child, a figure): begin gives where the
 * name and role start (text_x, 0 without a portrait); end adds the
 * picture and its credit to b, the byline's rows, and frees what begin
 * took (b may be NULL: then only that). */
typedef struct {
    const node *fig;
    picture_info pi;
    char *path;
    double w, h, text_x, text_w;
} byline_portrait;
void layout_picture_portrait_begin(block_builder *bb, const node *byline, double width,
                                   byline_portrait *bp);
void layout_picture_portrait_end(block_builder *bb, byline_portrait *bp, flow_block *b, double x);

/* The opener picture of an article, as a row put first in its built
 * header: the picture across the page from the top trim edge, above the
 * title, or, with the style's opener-image = behind, under the header set
 * on it (on a scrim or a panel), and its credit. */
void layout_picture_opener_space(block_builder *bb, const node *article, flow_block *header);

#endif
