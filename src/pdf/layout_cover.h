/* layout_cover.h - the cover: masthead, issue line, publisher and the list
 * of the articles marked `cover: true` with their page numbers. */
#ifndef FOLIO_PDF_LAYOUT_COVER_H
#define FOLIO_PDF_LAYOUT_COVER_H

#include "pdf/layout_blocks.h"

/* Fills page (the cover, already added) once the articles are placed:
 * the list needs their page numbers. */
void cover_layout(block_builder *bb, pdf_document *doc, pdf_page *page, const node *issue);
/* Opens a structure element (BOX_TAG_BEGIN) called name on the page. */
void cover_tag_begin(pdf_page *page, const char *name);
/* Begins an entry of an article list (cover, contents): the LI element,
 * the article's page number in num's look as its Lbl in the num_w wide
 * column at (x, y), and the LBody that the title lines go into. */
void cover_entry_begin(block_builder *bb, pdf_page *page, int number, const style_text *num,
                       double x, double y, double num_w);
/* Ends an entry of an article list (cover, contents): a link to the
 * article's opener over [top, bottom) when a is not NULL, then the LBody
 * and LI elements close. */
void cover_entry_end(pdf_page *page, const node *a, double x, double top, double w,
                     double bottom);
/* Sets plain text at (x, y) on the page; returns the y below it. */
double cover_put_text(block_builder *bb, pdf_page *page, const char *text,
                      const style_text *ts, double x, double y, double w, PangoAlignment align,
                      const char *tag, box_role role);

#endif
