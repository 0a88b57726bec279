/* layout_fit.h - copyfitting and balanced endings of one article, and the
 * fit report.
 *
 * After a first flow of an article:
 * - Copyfitting: a continuation page (one that does not open the article)
 *   with fewer than the style's [typography] min-page-lines lines of body
 *   text is a runt.  To pull its lines back, the layout tries in turn:
 *   setting paragraphs a line shorter (looseness -1), the cheapest first
 *   (those whose last line is emptiest); less space around headings, pull
 *   quotes and figures, within [typography] keep-space-stretch; moving a
 *   pull quote up to three blocks earlier.  What does not help is undone;
 *   a runt that stays is a warning at the article, never cut text.
 * - Balanced endings: the columns of the article's last page end at the
 *   same height, within one line: the lowest common column height that
 *   holds the text on the same number of pages (notes stay at the foot).
 * The fit report says, per article, its pages and how far its last page
 * is over a page break or short of full. */
#ifndef FOLIO_PDF_LAYOUT_FIT_H
#define FOLIO_PDF_LAYOUT_FIT_H

#include "pdf/layout_blocks.h"
#include "pdf/layout_article.h"
#include "pdf/layout_flow.h"


/* Drops the pages and outline entries from first_page, first_outline on. */
void truncate_doc(pdf_document *doc, size_t first_page, size_t first_outline);

/* Lays out the article (its header and body blocks, which it may replace
 * with tighter ones or respace) with copyfitting and a balanced ending. */
void copyfit_article(block_builder *bb, flow_state *fs, pdf_document *doc, const node *a,
                     flow_block *header, GPtrArray *body, int ncols, double colw,
                     article_fit *fit);

/* Appends the article's line of the fit report (its pages are
 * first_page..the last page of the document). */
void fit_report_add(pdf_document *doc, const style *st, const node *a, size_t first_page,
                    const article_fit *fit);

#endif
