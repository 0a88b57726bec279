/* flow_block.h - the unit the page flow places: a block of rows.
 *
 * A row is the smallest thing placed in a column (a line of text, a rule,
 * a table row, an image); its boxes are relative to the column's left edge
 * and the row's top.  A block groups the rows of one source block with the
 * rules for breaking it: keep with next, never split, widows and orphans. */
#ifndef FOLIO_PDF_FLOW_BLOCK_H
#define FOLIO_PDF_FLOW_BLOCK_H

#include <glib.h>

#include "pdf/pdf_doc.h"
#include "style.h"
#include "tree.h"

typedef struct flow_block flow_block;

typedef struct {
    double height;           /* advance down the column */
    box_list boxes;          /* owned; relative to (column left, row top) */
    GPtrArray *notes;        /* flow_block* of notes referenced here (borrowed) */
} flow_row;

struct flow_block {
    flow_row *rows;
    size_t nrows, cap;
    double space_before, space_after;
    bool keep_with_next;     /* a heading: never the last thing in a column */
    bool unsplittable;       /* pull quotes, figures, short sidebars */
    bool floats;             /* may move to the next column's top while the
                                text after it fills this column (pull quotes,
                                figures) */
    bool is_paragraph;       /* at least two lines each side of a break */
    bool spans;              /* a .wide figure: across all columns, at the top
                                or the foot of a page, never mid-column */
    bool full_page;          /* a .bleed figure: a page of its own; its boxes
                                are relative to the page's corner */
    double grid;             /* > 0: its lines sit on a baseline grid of this step */
    bool tinted;             /* sidebar: a tint behind every placed part */
    double tint[3];
    const node *node;        /* source block (borrowed) */
    int id;                  /* unique in the issue, for the dump */
    int note_number;         /* a footnote block: its number; else 0 */
    flow_row *continued;     /* a note: the mark row that starts a continued part */
    size_t head_rows;        /* a table: its first rows (rule, header) repeat at the
                                top of every continuation, and go only with at least
                                two rows after them */
};

flow_block *flow_block_new(const node *n, int id);
void flow_block_free(flow_block *b);
flow_row *flow_block_add_row(flow_block *b, double height);
double flow_block_height(const flow_block *b);
void flow_row_clear(flow_row *r);
/* Adds a tag box at the start (begin) or end of a row. */
void flow_row_tag_begin(flow_row *r, const char *name, const char *attrs);
void flow_row_tag_end(flow_row *r);
/* True when a line of the block ends inside a word (a letter or digit
 * after it; before it one too, or a soft hyphen): text set too large for
 * its measure, or hyphenated, where it should not be (a masthead). */
bool flow_block_breaks_inside_word(const flow_block *b);

#endif
