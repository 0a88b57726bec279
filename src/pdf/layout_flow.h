/* layout_flow.h - blocks into columns, columns into pages, notes to the
 * foot of the column that references them.
 *
 * The rules it keeps: a heading is never the last thing in a column (at
 * least two lines of what follows go with it); a paragraph split across
 * columns leaves at least two lines on each side; pull quotes, figures and
 * short sidebars are never split; a footnote sits at the foot of the column
 * holding its reference, and what does not fit continues at the foot of
 * the next column behind a continuation mark. */
#ifndef FOLIO_PDF_LAYOUT_FLOW_H
#define FOLIO_PDF_LAYOUT_FLOW_H

#include "pdf/flow_block.h"

typedef struct flow_state flow_state;

/* Running heads and folios are added after the flow (layout.c), when it
 * is known which pages are openers. */
flow_state *flow_new(pdf_document *doc, const style *st);
void flow_free(flow_state *fs);
/* Opens the article on a new page with its header across the columns. */
void flow_begin_article(flow_state *fs, const node *article, int ncols, double measure,
                        flow_block *header);
/* Places the body's blocks in order. */
void flow_place_blocks(flow_state *fs, GPtrArray *blocks);
/* Closes the last column and places every note still waiting. */
void flow_end_article(flow_state *fs);
/* Column balancing of an article's last page: after a first pass,
 * flow_balance_height gives the column height that shares the last page's
 * text evenly between its columns (false when it has notes or one column);
 * a second pass with flow_set_balance ends the columns of that page there. */
bool flow_balance_height(const flow_state *fs, double grid, double *height);
void flow_set_balance(flow_state *fs, int page_index, double height);
/* The index of the page flow_balance_height speaks of: the article's last
 * page, or the last with text when figures took pages after it. */
int flow_balance_page(const flow_state *fs);
/* The page the flow is on. */
pdf_page *flow_current_page(flow_state *fs);
/* Copies a box onto a page, offset by (dx, dy). */
void flow_copy_box(pdf_page *page, const box *b, double dx, double dy, int column);
/* The column frame of a page with the given number (parity picks the
 * inner margin's side).  The flow itself sets articles in text-area
 * coordinates (x0 = 0); the final pass (layout.c) adds this x0. */
void flow_page_frame(const style *st, int number, int ncols, double *x0, double *col_w);

#endif
