/* layout_blocks.h - an article's blocks set as flow blocks at column width.
 *
 * This decides how each kind of block looks (paragraph, heading, list,
 * table, pull quote, byline, sidebar, figure, code, note); where it goes
 * on a page is layout_flow's business. */
#ifndef FOLIO_PDF_LAYOUT_BLOCKS_H
#define FOLIO_PDF_LAYOUT_BLOCKS_H

#include "pdf/flow_block.h"
#include "pdf/layout_text.h"

typedef struct {
    const style *st;
    PangoContext *ctx;
    text_env env;             /* with the hyphenator */
    const style_text *body;   /* body text: st->body, or st->colophon */
    double col_w;             /* the measure of a column */
    double col_h;             /* the height of a full column (figures fit in it) */
    double full_w;            /* the width of all columns (.wide figures) */
    const char *content_dir;  /* images are relative to it */
    const char *lang;         /* the language, for the few words layout adds */
    int *next_id;             /* block ids through the issue */
    GPtrArray *notes;         /* flow_block* of this article's notes (owned) */
    diag_list *d;
    pdf_resources *res;       /* fonts and images the boxes name */
    GHashTable *node_ix;      /* the article's node* -> index + 1 (frame_node_index) */
    int looseness;            /* copyfitting: -1 paragraphs in as few lines as
                                 the tolerance allows, +1 in as many */
} block_builder;

/* The index a box names node n by (-1: none, or not in the article). */
int blocks_node_ix(const block_builder *bb, const node *n);

/* Sets every footnote of the article (before the body: refs point at them). */
void blocks_build_notes(block_builder *bb, const node *article);
/* Sets the article's body; returns owned flow_block*s in reading order. */
GPtrArray *blocks_build_body(block_builder *bb, const node *article);
/* Sets the opener header (rubric, title, subtitle, lead) at width w. */
flow_block *blocks_build_header(block_builder *bb, const node *article, double w);
/* Adds the rows of one paragraph of rich text to b. */
void blocks_add_text_rows(block_builder *bb, flow_block *b, rich_text *rt,
                          const style_text *ts, double x, double width, double indent,
                          PangoAlignment align, box_role role);
/* Plain text (cover, contents) as a block of rows at width w, never
 * hyphenated nor justified, tagged tag (or NULL); NULL for no text. */
flow_block *blocks_plain(block_builder *bb, const char *text, const style_text *ts, double w,
                         PangoAlignment align, box_role role, const char *tag);
/* A one-line row of plain text (running heads, labels); caller owns it. */
para_lines *blocks_set_line(block_builder *bb, const char *text, const style_text *ts,
                            double width, PangoAlignment align);
/* Copyfitting: a paragraph of running text (b->grid > 0) set a line
 * shorter (looseness -1) or longer (+1), with b's id, spaces and tags;
 * NULL when it cannot.  *cost says how cheap that is (0..1, lower is
 * cheaper): how much of the measure its last line fills for -1, how
 * little for +1. */
flow_block *blocks_refit(block_builder *bb, const flow_block *b, int looseness, double *cost);
/* Whether b may be set again so, and *cost, without setting it: the
 * cost blocks_refit would give (copyfitting sets only the cheapest). */
bool blocks_refit_cost(const block_builder *bb, const flow_block *b, int looseness, double *cost);
/* The note block for a note number, or NULL. */
flow_block *blocks_note(const block_builder *bb, int number);

#endif
