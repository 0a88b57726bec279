/* test_flow.c - the column flow rules on blocks of known heights, without
 * any text: a paragraph split across columns keeps two lines on each side
 * (no orphans, no widows), a heading goes with the first lines after it,
 * an unsplittable block moves whole, and a footnote sits at the foot of
 * the column that holds its reference.
 *
 * The page: 100 x 200 pt, margins of 10, two columns of 35 with a gutter
 * of 10; the column is 180 high, 18 lines of 10. */
#include <glib.h>
#include <math.h>

#include "check.h"
#include "pdf/layout_flow.h"

static style page_style(void)
{
    style st;
    memset(&st, 0, sizeof st);
    st.page_width = 100;
    st.page_height = 200;
    st.margin_top = st.margin_bottom = st.margin_inner = st.margin_outer = 10;
    st.columns = 2;
    st.gutter = 10;
    st.footnote.size = 8;
    st.footnote.leading = 10;
    st.rule_width = 0.5;
    return st;
}

/* A block of n rows of 10, each with one line box (block_id = id). */
static flow_block *rows_block(int id, int n, box_role role)
{
    flow_block *b = flow_block_new(NULL, id);
    for (int i = 0; i < n; i++) {
        flow_row *r = flow_block_add_row(b, 10);
        box *l = box_list_add(&r->boxes, BOX_LINE);
        l->role = role;
        l->h = 10;
        l->block_id = id;
        l->line_no = i + 1;
        l->line_count = n;
    }
    return b;
}

static flow_block *paragraph(int id, int n)
{
    flow_block *b = rows_block(id, n, ROLE_BODY);
    b->is_paragraph = true;
    return b;
}

typedef struct {
    int count[2][4];          /* lines of a block per page (0, 1) and column */
    double first_y[2][4];
} where;

/* Where the lines of block id went (pages 0-1, columns 0-3). */
static where find(const pdf_document *doc, int id)
{
    where w;
    memset(&w, 0, sizeof w);
    for (size_t p = 0; p < doc->npages && p < 2; p++)
        for (size_t j = 0; j < doc->pages[p].boxes.count; j++) {
            const box *b = &doc->pages[p].boxes.items[j];
            if (b->kind != BOX_LINE || b->block_id != id || b->column < 0 || b->column > 3)
                continue;
            if (!w.count[p][b->column]++)
                w.first_y[p][b->column] = b->y;
        }
    return w;
}

/* Lays the blocks out as one article of two columns. */
static pdf_document *flow(const style *st, GPtrArray *blocks)
{
    pdf_document *doc = pdf_document_new(NULL);
    src_pos pos = {"t.md", 1, 1};
    node *article = node_new(NODE_ARTICLE, pos);
    flow_state *fs = flow_new(doc, st);
    flow_begin_article(fs, article, 2, 35, NULL);
    flow_place_blocks(fs, blocks);
    flow_end_article(fs);
    flow_free(fs);
    tree_free(article);
    return doc;
}

static GPtrArray *blocks_of(flow_block *a, flow_block *b, flow_block *c)
{
    GPtrArray *l = g_ptr_array_new_with_free_func((GDestroyNotify)flow_block_free);
    g_ptr_array_add(l, a);
    if (b)
        g_ptr_array_add(l, b);
    if (c)
        g_ptr_array_add(l, c);
    return l;
}

int main(void)
{
    style st = page_style();

    /* 17 lines leave room for one: a paragraph does not leave one line
     * behind (an orphan), it moves whole */
    GPtrArray *l = blocks_of(paragraph(1, 17), paragraph(2, 5), NULL);
    pdf_document *doc = flow(&st, l);
    where w = find(doc, 2);
    CHECK("orphan: no line of the next paragraph in the full column", w.count[0][0] == 0);
    CHECK("orphan: all five lines in the next column", w.count[0][1] == 5);
    CHECK("orphan: the column is 35 wide: the second starts at 45",
          doc->npages && fabs(doc->pages[0].col_x[1] - 45) < 1e-9);
    pdf_document_free(doc);
    g_ptr_array_free(l, TRUE);

    /* 15 lines leave room for three of four: one would be left alone
     * (a widow), so two go and two follow */
    l = blocks_of(paragraph(1, 15), paragraph(2, 4), NULL);
    doc = flow(&st, l);
    w = find(doc, 2);
    CHECK("widow: two lines stay", w.count[0][0] == 2);
    CHECK("widow: two lines go to the next column", w.count[0][1] == 2);
    CHECK("widow: the continued part starts at the column top",
          fabs(w.first_y[0][1] - st.margin_top) < 1e-9);
    pdf_document_free(doc);
    g_ptr_array_free(l, TRUE);

    /* a heading with room for itself but not for two lines after it
     * goes to the next column with them */
    flow_block *h = rows_block(2, 1, ROLE_HEADING);
    h->keep_with_next = true;
    h->unsplittable = true;
    l = blocks_of(paragraph(1, 16), h, paragraph(3, 5));
    doc = flow(&st, l);
    w = find(doc, 2);
    where after = find(doc, 3);
    CHECK("keep with next: the heading moves to the next column",
          w.count[0][0] == 0 && w.count[0][1] == 1);
    CHECK("keep with next: the text after it follows it",
          after.count[0][1] == 5 && after.first_y[0][1] > w.first_y[0][1]);
    pdf_document_free(doc);
    g_ptr_array_free(l, TRUE);

    /* an unsplittable block of six does not fit in four lines: it moves */
    flow_block *u = rows_block(2, 6, ROLE_BODY);
    u->unsplittable = true;
    l = blocks_of(paragraph(1, 14), u, NULL);
    doc = flow(&st, l);
    w = find(doc, 2);
    CHECK("unsplittable: nothing of it in the first column", w.count[0][0] == 0);
    CHECK("unsplittable: whole in the second", w.count[0][1] == 6);
    pdf_document_free(doc);
    g_ptr_array_free(l, TRUE);

    /* a note referenced on line 3 of a paragraph in the second column
     * sits at that column's foot, below a short rule */
    flow_block *note = rows_block(9, 2, ROLE_NOTE);
    note->note_number = 1;
    flow_block *p2 = paragraph(2, 6);
    p2->rows[2].notes = g_ptr_array_new();
    g_ptr_array_add(p2->rows[2].notes, note);
    l = blocks_of(paragraph(1, 18), p2, NULL);
    doc = flow(&st, l);
    w = find(doc, 9);
    where ref = find(doc, 2);
    CHECK("footnote: the reference is in the second column", ref.count[0][1] == 6);
    CHECK("footnote: both lines in the same column as the reference", w.count[0][1] == 2);
    CHECK("footnote: at the foot: its last line ends at the column bottom",
          fabs(w.first_y[0][1] + 20 - (st.page_height - st.margin_bottom)) < 1e-9);
    int rules = 0;
    for (size_t j = 0; doc->npages && j < doc->pages[0].boxes.count; j++) {
        const box *b = &doc->pages[0].boxes.items[j];
        rules += b->kind == BOX_RULE && b->role == ROLE_DECOR && b->column == 1 &&
                 b->y < w.first_y[0][1];
    }
    CHECK("footnote: a rule above it", rules == 1);
    pdf_document_free(doc);
    g_ptr_array_free(l, TRUE);
    flow_block_free(note);
    CHECK_DONE();
}
