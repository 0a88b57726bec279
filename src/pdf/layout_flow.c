/* layout_flow.c - the column and page flow of an article.
 *
 * Placement is greedy, block by block, with the break rules checked before
 * each commit; nothing is ever placed and then taken back, so the boxes on
 * a page are final as soon as they are copied there. */
#include "pdf/layout_flow.h"

#include <string.h>

#define EPS 0.01

/* A part of a note in a column's foot. */
typedef struct {
    flow_row *row;
    flow_block *note;
} note_piece;

struct flow_state {
    pdf_document *doc;
    const style *st;
    const node *article;
    pdf_page *page;
    int ncols;
    double col_x0, col_w;
    double measure;            /* the column width the blocks were set at */
    double top, bottom;        /* column frame on the current page */
    double body_bottom;        /* where body text ends: bottom, or higher on a
                                  balanced page (notes stay at the foot) */
    int col;
    double y;
    bool col_empty;
    GArray *foot;              /* note_piece in the current column's foot */
    double foot_h;             /* height of the foot incl. its separator */
    GArray *pending;           /* note_piece waiting for the next column */
    GArray *placed;            /* int: notes already given a place */
    /* the fill of the page being set, for balancing an article's last page */
    double used[STYLE_MAX_COLUMNS];            /* body height set in each column */
    bool page_has_notes;
    GPtrArray *deferred;       /* floating blocks waiting for the next column */
    bool placing_deferred;
    GPtrArray *page_figures;   /* .wide and .bleed figures waiting for the next page */
    /* the page where the text ended, when figures after the text took
     * pages of their own (page -1: the text ends on the last page) */
    struct {
        int page;
        double used[STYLE_MAX_COLUMNS], top, bottom;
        bool notes;
    } text_end;
    int balance_page;          /* page index whose columns end at balance_h, or -1 */
    double balance_h;
    bool text_done;            /* the article's text is set: only figures wait */
};

flow_state *flow_new(pdf_document *doc, const style *st)
{
    flow_state *fs = g_new0(flow_state, 1);
    fs->doc = doc;
    fs->st = st;
    fs->foot = g_array_new(FALSE, FALSE, sizeof(note_piece));
    fs->pending = g_array_new(FALSE, FALSE, sizeof(note_piece));
    fs->placed = g_array_new(FALSE, FALSE, sizeof(int));
    fs->balance_page = -1;
    fs->text_end.page = -1;
    fs->deferred = g_ptr_array_new();
    fs->page_figures = g_ptr_array_new();
    return fs;
}

void flow_free(flow_state *fs)
{
    if (!fs)
        return;
    g_array_free(fs->foot, TRUE);
    g_array_free(fs->pending, TRUE);
    g_array_free(fs->placed, TRUE);
    g_ptr_array_free(fs->deferred, TRUE);
    g_ptr_array_free(fs->page_figures, TRUE);
    g_free(fs);
}

pdf_page *flow_current_page(flow_state *fs) { return fs->page; }

void flow_page_frame(const style *st, int number, int ncols, double *x0, double *col_w)
{
    bool left_page = number % 2 == 0;
    *x0 = left_page ? st->margin_outer : st->margin_inner;
    double text_w = st->page_width - st->margin_inner - st->margin_outer;
    *col_w = (text_w - st->gutter * (ncols - 1)) / ncols;
}

void flow_copy_box(pdf_page *page, const box *b, double dx, double dy, int column)
{
    box_list_copy(&page->boxes, b, dx, dy)->column = column;
}

static double col_x(const flow_state *fs, int col)
{
    return fs->col_x0 + col * (fs->col_w + fs->st->gutter);
}

/* On the page chosen for balancing, the columns' text ends higher; the
 * notes keep their place at the foot of the page. */
static void apply_balance(flow_state *fs)
{
    fs->body_bottom = fs->bottom;
    if ((int)fs->doc->npages - 1 != fs->balance_page)
        return;
    double b = fs->top + fs->balance_h;
    if (b < fs->bottom)
        fs->body_bottom = b;
}

static void open_page(flow_state *fs);

/* Copies a page figure's rows onto the page: a .wide one across the
 * columns from (x, y), a .bleed one from the page's corner. */
static void put_page_figure(flow_state *fs, const flow_block *b, double x, double y)
{
    for (size_t i = 0; i < b->nrows; i++) {
        for (size_t j = 0; j < b->rows[i].boxes.count; j++)
            flow_copy_box(fs->page, &b->rows[i].boxes.items[j], x, y, -1);
        y += b->rows[i].height;
    }
}

/* The page figures waiting for this new page: a .bleed picture takes the
 * page (and the text goes on over the page), a .wide one its top. */
static void place_waiting_figures(flow_state *fs)
{
    if (!fs->page_figures->len)
        return;
    GPtrArray *todo = fs->page_figures;
    fs->page_figures = g_ptr_array_new();
    bool full = false, top_taken = false;
    /* a .bleed picture takes a page of its own: the first one waiting
     * takes this page, everything else waits for the next */
    for (guint i = 0; i < todo->len; i++) {
        const flow_block *b = g_ptr_array_index(todo, i);
        if (b->full_page) {
            put_page_figure(fs, b, 0, 0);
            fs->page->picture_page = true;
            full = true;
            g_ptr_array_remove_index(todo, i);
            break;
        }
    }
    for (guint i = 0; i < todo->len; i++) {
        const flow_block *b = g_ptr_array_index(todo, i);
        if (b->full_page && !full) {
            put_page_figure(fs, b, 0, 0);
            fs->page->picture_page = true;
            full = true;
        } else if (b->full_page || full) {
            g_ptr_array_add(fs->page_figures, (gpointer)b);
        } else {
            double bh = flow_block_height(b), gap = fs->st->body.leading;
            bool room = fs->top + bh + gap <= fs->bottom - 5 * gap;
            if (!room && (top_taken || fs->y > fs->st->margin_top)) {
                g_ptr_array_add(fs->page_figures, (gpointer)b); /* next page */
                continue;
            }
            if (top_taken) {
                /* a second one goes to the foot: text between the two */
                put_page_figure(fs, b, fs->col_x0, fs->bottom - bh);
                fs->bottom -= bh + gap;
                fs->body_bottom = MIN(fs->body_bottom, fs->bottom);
                fs->page->col_bottom = fs->bottom;
                continue;
            }
            put_page_figure(fs, b, fs->col_x0, fs->top);
            fs->top += bh + gap;
            fs->y = fs->top;
            fs->page->col_top = fs->top;
            top_taken = true;
        }
    }
    g_ptr_array_free(todo, TRUE);
    /* the text goes on over the page; once it has ended, a page is
     * opened only for figures still waiting, never left empty */
    if (full && (!fs->text_done || fs->page_figures->len))
        open_page(fs);
}

static void open_page(flow_state *fs)
{
    pdf_page *p = doc_add_page(fs->doc);
    p->number = (int)fs->doc->npages;
    g_snprintf(p->label, sizeof p->label, "%d", p->number);
    fs->page = p;
    /* text-area coordinates: the final pass moves the page to its margins */
    flow_page_frame(fs->st, p->number, fs->ncols, &fs->col_x0, &fs->col_w);
    fs->col_x0 = 0;
    if (fs->measure > 0 && fs->col_w > fs->measure)
        fs->col_w = fs->measure;
    fs->top = fs->st->margin_top;
    fs->bottom = fs->st->page_height - fs->st->margin_bottom;
    p->ncolumns = fs->ncols;
    for (int i = 0; i < fs->ncols && i < STYLE_MAX_COLUMNS; i++)
        p->col_x[i] = col_x(fs, i);
    p->col_w = fs->col_w;
    p->col_top = fs->top;
    p->col_bottom = fs->bottom;
    fs->col = 0;
    fs->y = fs->top;
    fs->col_empty = true;
    memset(fs->used, 0, sizeof fs->used);
    fs->page_has_notes = false;
    place_waiting_figures(fs);
    if (fs->page != p)
        return; /* a picture page came first; the new one is set up */
    apply_balance(fs);
}

/* A .wide figure goes at the top of the page when nothing is set there
 * yet, at its foot while the first column is being set and there is
 * room, else at the top of the next page; a .bleed one on the next page. */
static void place_page_figure(flow_state *fs, const flow_block *b)
{
    double bh = flow_block_height(b), gap = fs->st->body.leading;
    if (!b->full_page && fs->col == 0) {
        if (fs->col_empty && fs->top + bh + gap <= fs->bottom - 3 * gap) {
            put_page_figure(fs, b, fs->col_x0, fs->top);
            fs->top += bh + gap;
            fs->y = fs->top;
            fs->page->col_top = fs->top;
            return;
        }
        if (fs->y + fs->foot_h + bh + gap <= fs->bottom + EPS &&
            fs->y + bh + gap <= fs->body_bottom + EPS) {
            put_page_figure(fs, b, fs->col_x0, fs->bottom - bh);
            fs->bottom -= bh + gap;
            fs->body_bottom = MIN(fs->body_bottom, fs->bottom);
            fs->page->col_bottom = fs->bottom;
            return;
        }
    }
    g_ptr_array_add(fs->page_figures, (gpointer)b);
}

static double note_sep(const flow_state *fs)
{
    return fs->st->footnote.leading > 0 ? fs->st->footnote.leading : fs->st->footnote.size * 1.3;
}

/* Does body height bh plus extra foot height nh fit in the column? */
static bool fits(const flow_state *fs, double bh, double nh)
{
    double foot = fs->foot_h + nh;
    if (fs->foot_h == 0 && nh > 0)
        foot += note_sep(fs);
    return fs->y + bh + foot <= fs->bottom + EPS && fs->y + bh <= fs->body_bottom + EPS;
}

static bool note_is_placed(const flow_state *fs, int number)
{
    for (guint i = 0; i < fs->placed->len; i++)
        if (g_array_index(fs->placed, int, i) == number)
            return true;
    return false;
}

/* Height of the notes on row r not yet given a place (and not in seen). */
static double new_notes_h(const flow_state *fs, const flow_row *r, GPtrArray *seen,
                          double *first_lines)
{
    double h = 0;
    if (first_lines)
        *first_lines = 0;
    for (guint i = 0; r->notes && i < r->notes->len; i++) {
        flow_block *n = g_ptr_array_index(r->notes, i);
        if (note_is_placed(fs, n->note_number) || (seen && g_ptr_array_find(seen, n, NULL)))
            continue;
        if (seen)
            g_ptr_array_add(seen, n);
        h += flow_block_height(n);
        if (first_lines)
            for (size_t k = 0; k < n->nrows && k < 2; k++)
                *first_lines += n->rows[k].height;
    }
    return h;
}

/* Paints the column's foot: a short rule, then the notes, bottom-aligned. */
static void finish_column(flow_state *fs)
{
    if (fs->col < STYLE_MAX_COLUMNS)
        fs->used[fs->col] = fs->y - fs->top;
    if (fs->foot->len == 0)
        return;
    fs->page_has_notes = true;
    const style *st = fs->st;
    double x = col_x(fs, fs->col);
    double y = fs->bottom - fs->foot_h;
    double sep = note_sep(fs);
    box *rule = box_list_add(&fs->page->boxes, BOX_RULE);
    rule->role = ROLE_DECOR;
    rule->x = x;
    rule->y = y + sep * 0.4;
    rule->w = st->footnote_rule_length > 0 ? st->footnote_rule_length : fs->col_w / 4;
    rule->line_width = st->rule_width > 0 ? st->rule_width : 0.5;
    rule->color[0] = st->rule_color.r;
    rule->color[1] = st->rule_color.g;
    rule->color[2] = st->rule_color.b;
    rule->column = fs->col;
    y += sep;
    for (guint i = 0; i < fs->foot->len; i++) {
        note_piece *np = &g_array_index(fs->foot, note_piece, i);
        bool first = i == 0 || g_array_index(fs->foot, note_piece, i - 1).note != np->note;
        bool last = i + 1 == fs->foot->len ||
                    g_array_index(fs->foot, note_piece, i + 1).note != np->note;
        if (first) {
            box *t = box_list_add(&fs->page->boxes, BOX_TAG_BEGIN);
            t->text = g_strdup("Note");
            t->attrs = g_strdup("");
        }
        for (size_t j = 0; j < np->row->boxes.count; j++)
            flow_copy_box(fs->page, &np->row->boxes.items[j], x, y, fs->col);
        y += np->row->height;
        if (last)
            box_list_add(&fs->page->boxes, BOX_TAG_END);
    }
    g_array_set_size(fs->foot, 0);
    fs->foot_h = 0;
}

/* Moves waiting note parts into the current column's foot while they fit;
 * what is left waits for the next column. */
static void take_pending(flow_state *fs)
{
    guint i = 0;
    while (i < fs->pending->len) {
        note_piece *np = &g_array_index(fs->pending, note_piece, i);
        /* the first part always goes, so a note taller than a column still
         * makes progress */
        if (!fits(fs, 0, np->row->height) && !(fs->foot->len == 0 && fs->col_empty))
            break;
        fs->foot_h += (fs->foot_h == 0 ? note_sep(fs) : 0) + np->row->height;
        g_array_append_val(fs->foot, *np);
        i++;
    }
    g_array_remove_range(fs->pending, 0, i);
    if (fs->pending->len) {
        /* a continued note starts with its mark in the next column */
        note_piece *np = &g_array_index(fs->pending, note_piece, 0);
        if (np->note->continued && np->row != np->note->continued) {
            note_piece mark = {np->note->continued, np->note};
            g_array_prepend_val(fs->pending, mark);
        }
    }
}

static void place_block(flow_state *fs, const flow_block *b, const flow_block *next);

/* Floating blocks that did not fit at the foot of the last column open
 * the new one, so they stay next to the text they belong with. */
static void place_deferred(flow_state *fs)
{
    if (fs->placing_deferred || !fs->deferred->len)
        return;
    fs->placing_deferred = true;
    GPtrArray *todo = fs->deferred;
    fs->deferred = g_ptr_array_new();
    for (guint i = 0; i < todo->len; i++)
        place_block(fs, g_ptr_array_index(todo, i), NULL);
    g_ptr_array_free(todo, TRUE);
    fs->placing_deferred = false;
}

static void next_column(flow_state *fs)
{
    finish_column(fs);
    if (fs->col + 1 < fs->ncols) {
        fs->col++;
        fs->y = fs->top;
        fs->col_empty = true;
    } else
        open_page(fs);
    take_pending(fs);
    place_deferred(fs);
}

/* Gives the notes referenced on r their place: in this foot while they
 * fit, the rest waiting for the next column. */
static void place_notes_of(flow_state *fs, const flow_row *r)
{
    for (guint i = 0; r->notes && i < r->notes->len; i++) {
        flow_block *n = g_ptr_array_index(r->notes, i);
        if (note_is_placed(fs, n->note_number))
            continue;
        g_array_append_val(fs->placed, n->note_number);
        for (size_t k = 0; k < n->nrows; k++) {
            note_piece np = {&n->rows[k], n};
            if (fs->pending->len == 0 && fits(fs, 0, np.row->height)) {
                fs->foot_h += (fs->foot_h == 0 ? note_sep(fs) : 0) + np.row->height;
                g_array_append_val(fs->foot, np);
            } else {
                if (fs->pending->len == 0 && n->continued) {
                    note_piece mark = {n->continued, n};
                    g_array_append_val(fs->pending, mark);
                }
                g_array_append_val(fs->pending, np);
            }
        }
        /* a note referenced in this note follows it */
        for (size_t k = 0; k < n->nrows; k++)
            place_notes_of(fs, &n->rows[k]);
    }
}

static void outline_heading(flow_state *fs, const flow_block *b)
{
    if (b->node && b->node->type == NODE_HEADING && b->node->as.heading.level == 2) {
        char *t = tree_plain_text(b->node);
        outline_add(fs->doc, t, 1, (int)fs->doc->npages - 1, fs->y);
        g_free(t);
    }
}

/* The space before rows of b that start below y: its space before, and
 * for text on the grid, down to the next grid line (so lines in
 * neighbouring columns share their baselines). */
static double space_above(const flow_state *fs, const flow_block *b, double sb)
{
    double y = fs->y + sb;
    if (b->grid > 0) {
        double k = (y - fs->top) / b->grid;
        double up = (double)(long)k;
        if (k - up > 0.02)
            y = fs->top + (up + 1) * b->grid;
    }
    return y - fs->y;
}

static void commit_rows(flow_state *fs, const flow_block *b, size_t from, size_t count, double sb)
{
    fs->y += sb;
    if (from == 0)
        outline_heading(fs, b);
    double x = col_x(fs, fs->col);
    size_t tint_at = fs->page->boxes.count;
    double tint_y = fs->y;
    if (b->tinted) {
        box *t = box_list_add(&fs->page->boxes, BOX_RECT);
        t->role = ROLE_DECOR;
        t->x = x;
        t->y = fs->y;
        t->w = fs->col_w;
        memcpy(t->color, b->tint, sizeof t->color);
        t->column = fs->col;
    }
    for (size_t i = from; i < from + count; i++) {
        const flow_row *r = &b->rows[i];
        for (size_t j = 0; j < r->boxes.count; j++)
            flow_copy_box(fs->page, &r->boxes.items[j], x, fs->y, fs->col);
        fs->y += r->height;
        place_notes_of(fs, r);
    }
    if (b->tinted)
        fs->page->boxes.items[tint_at].h = fs->y - tint_y;
    fs->col_empty = false;
}

/* A table's header rows again at the top of a continuation: drawn as
 * page furniture (an artifact, outside the structure tree, which holds
 * them once). */
static void commit_repeat(flow_state *fs, const flow_block *b, double sb)
{
    fs->y += sb;
    double x = col_x(fs, fs->col);
    for (size_t i = 0; i < b->head_rows; i++) {
        const flow_row *r = &b->rows[i];
        for (size_t j = 0; j < r->boxes.count; j++) {
            const box *src = &r->boxes.items[j];
            if (src->kind == BOX_TAG_BEGIN || src->kind == BOX_TAG_END || src->kind == BOX_DEST)
                continue;
            flow_copy_box(fs->page, src, x, fs->y, fs->col);
            box *c = &fs->page->boxes.items[fs->page->boxes.count - 1];
            if (c->kind == BOX_LINE)
                c->role = ROLE_FURNITURE;
        }
        fs->y += r->height;
    }
    fs->col_empty = false;
}

/* Height of the first rows of b that must go with a heading before it. */
static double lead_in_height(const flow_block *b, double *notes, const flow_state *fs)
{
    size_t n = b->unsplittable || b->nrows <= 3 ? b->nrows : 2;
    double h = b->space_before;
    *notes = 0;
    for (size_t i = 0; i < n; i++) {
        h += b->rows[i].height;
        *notes += new_notes_h(fs, &b->rows[i], NULL, NULL);
    }
    return h;
}

static void place_block(flow_state *fs, const flow_block *b, const flow_block *next)
{
    if (b->spans || b->full_page) {
        place_page_figure(fs, b);
        return;
    }
    double col_h = fs->body_bottom - fs->top;
    double bh = flow_block_height(b);
    if (b->keep_with_next && next && !fs->col_empty) {
        double nn, nh = lead_in_height(next, &nn, fs);
        double sb = space_above(fs, b, b->space_before);
        /* the next block's first line may move down to the grid */
        double snap = 0;
        if (next->grid > 0) {
            double y = fs->y + sb + bh + b->space_after + next->space_before - fs->top;
            double k = y / next->grid, up = (double)(long)k;
            if (k - up > 0.02)
                snap = (up + 1) * next->grid - y;
        }
        if (!fits(fs, sb + bh + b->space_after + snap + nh, nn))
            next_column(fs);
    }
    if (b->unsplittable && !fs->col_empty && bh <= col_h) {
        double nn = 0;
        for (size_t i = 0; i < b->nrows; i++)
            nn += new_notes_h(fs, &b->rows[i], NULL, NULL);
        if (!fits(fs, b->space_before + bh, nn)) {
            if (b->floats && !fs->placing_deferred) {
                g_ptr_array_add(fs->deferred, (gpointer)b);
                return;
            }
            next_column(fs);
        }
    }
    size_t i = 0, n = b->nrows;
    size_t head = b->head_rows < n ? b->head_rows : 0;
    while (i < n) {
        double sb = space_above(fs, b, (i == 0 && !fs->col_empty) ? b->space_before : 0);
        double acc = sb, accn = 0;
        bool repeat = head && i >= head;
        for (size_t h = 0; repeat && h < head; h++)
            acc += b->rows[h].height;
        size_t k = 0;
        GPtrArray *seen = g_ptr_array_new();
        while (i + k < n) {
            const flow_row *r = &b->rows[i + k];
            double first_lines;
            double nh = new_notes_h(fs, r, seen, &first_lines);
            if (fits(fs, acc + r->height, accn + nh)) {
                acc += r->height;
                accn += nh;
                k++;
                continue;
            }
            /* the reference's line may go if its note can begin here */
            if (nh > 0 && fits(fs, acc + r->height, accn + first_lines))
                k++;
            break;
        }
        g_ptr_array_free(seen, TRUE);
        size_t raw = k, remaining = n - i;
        if (b->unsplittable && k < remaining && !fs->col_empty)
            k = 0;
        if (b->is_paragraph && k < remaining) {
            if (k < 2)
                k = 0;
            else if (remaining - k < 2)
                k = remaining >= 4 ? remaining - 2 : 0;
        }
        if (head && k < remaining) {
            /* a header goes with two rows after it, on a continuation too
             * (where it is repeated): two rows and the closing rule */
            size_t min = (i == 0 ? head : 0) + 2;
            if (k < min)
                k = 0;
            else if (remaining - k < 3)
                k = remaining >= min + 3 ? remaining - 3 : 0;
        }
        if (k == 0) {
            if (!fs->col_empty) {
                next_column(fs);
                continue;
            }
            /* a fresh column that cannot hold the rule's minimum: make progress */
            k = raw > 0 ? raw : 1;
            if (k > remaining)
                k = remaining;
        }
        if (repeat) {
            commit_repeat(fs, b, sb);
            commit_rows(fs, b, i, k, 0);
        } else {
            commit_rows(fs, b, i, k, sb);
        }
        i += k;
        if (i < n)
            next_column(fs);
    }
    fs->y += b->space_after;
}

void flow_place_blocks(flow_state *fs, GPtrArray *blocks)
{
    for (guint i = 0; i < blocks->len; i++)
        place_block(fs, g_ptr_array_index(blocks, i),
                    i + 1 < blocks->len ? g_ptr_array_index(blocks, i + 1) : NULL);
}

void flow_begin_article(flow_state *fs, const node *article, int ncols, double measure,
                        flow_block *header)
{
    fs->article = article;
    fs->measure = measure;
    fs->ncols = ncols > 0 ? (ncols < STYLE_MAX_COLUMNS ? ncols : STYLE_MAX_COLUMNS) : 1;
    g_array_set_size(fs->pending, 0);
    g_array_set_size(fs->foot, 0);
    g_array_set_size(fs->placed, 0);
    g_ptr_array_set_size(fs->deferred, 0);
    g_ptr_array_set_size(fs->page_figures, 0);
    fs->text_end.page = -1;
    fs->text_done = false;
    fs->foot_h = 0;
    open_page(fs);
    fs->page->opener = true;
    /* the header spans the columns: one wide column above them */
    double x = fs->col_x0;
    for (size_t i = 0; header && i < header->nrows; i++) {
        const flow_row *r = &header->rows[i];
        for (size_t j = 0; j < r->boxes.count; j++)
            flow_copy_box(fs->page, &r->boxes.items[j], x, fs->y, -1);
        fs->y += r->height;
        place_notes_of(fs, r); /* notes of the lead go to the first column */
    }
    fs->top = fs->y;
    fs->page->col_top = fs->top;
    fs->bottom = fs->st->page_height - fs->st->margin_bottom;
    fs->page->col_bottom = fs->bottom;
    fs->col_empty = true;
    apply_balance(fs);
}

void flow_set_balance(flow_state *fs, int page_index, double height)
{
    fs->balance_page = page_index;
    fs->balance_h = height;
}

int flow_balance_page(const flow_state *fs)
{
    return fs->text_end.page >= 0 ? fs->text_end.page : (int)fs->doc->npages - 1;
}

bool flow_balance_height(const flow_state *fs, double grid, double *height)
{
    bool end = fs->text_end.page >= 0;
    const double *used = end ? fs->text_end.used : fs->used;
    double top = end ? fs->text_end.top : fs->top, bottom = end ? fs->text_end.bottom : fs->bottom;
    if (fs->ncols < 2)
        return false;
    double total = 0;
    int filled = 0;
    for (int c = 0; c < fs->ncols && c < STYLE_MAX_COLUMNS; c++) {
        total += used[c];
        filled += used[c] > 0;
    }
    if (filled < 1)
        return false;
    /* the lowest height worth trying: an even share, on the grid; the
     * layout tries higher ones until the text fits (layout.c) */
    double per = total / fs->ncols;
    if (grid > 0)
        per = (double)(long)(per / grid) * grid;
    if (per >= bottom - top)
        return false;
    *height = per;
    return true;
}

/* .wide figures still waiting when the text has ended: at the foot of
 * the last page when the text (and no note) leaves room under it, else on
 * a page after the text. */
static void place_figures_at_end(flow_state *fs)
{
    double lowest = fs->top;
    for (size_t i = 0; i < fs->page->boxes.count; i++) {
        const box *b = &fs->page->boxes.items[i];
        if (b->column >= 0 && b->kind != BOX_TAG_BEGIN && b->kind != BOX_TAG_END)
            lowest = MAX(lowest, b->y + b->h);
    }
    lowest = MAX(lowest, fs->y);
    double bottom = fs->st->page_height - fs->st->margin_bottom, gap = fs->st->body.leading;
    bool notes = fs->page_has_notes || fs->foot_h > 0 || fs->pending->len;
    GPtrArray *todo = fs->page_figures;
    fs->page_figures = g_ptr_array_new();
    for (guint i = 0; i < todo->len; i++) {
        const flow_block *b = g_ptr_array_index(todo, i);
        double bh = flow_block_height(b);
        if (!b->full_page && !notes && lowest + gap + bh <= bottom + EPS) {
            put_page_figure(fs, b, fs->col_x0, bottom - bh);
            bottom -= bh + gap;
        } else {
            g_ptr_array_add(fs->page_figures, (gpointer)b);
        }
    }
    g_ptr_array_free(todo, TRUE);
    if (fs->page_figures->len) {
        finish_column(fs);
        fs->text_end.page = (int)fs->doc->npages - 1;
        memcpy(fs->text_end.used, fs->used, sizeof fs->used);
        fs->text_end.top = fs->top;
        fs->text_end.bottom = fs->bottom;
        fs->text_end.notes = fs->page_has_notes || fs->pending->len;
        fs->text_done = true;
        open_page(fs);
    }
}

void flow_end_article(flow_state *fs)
{
    if (fs->deferred->len) {
        /* floats still waiting: after the text, where they fit */
        GPtrArray *todo = fs->deferred;
        fs->deferred = g_ptr_array_new();
        fs->placing_deferred = true;
        for (guint i = 0; i < todo->len; i++)
            place_block(fs, g_ptr_array_index(todo, i), NULL);
        fs->placing_deferred = false;
        g_ptr_array_free(todo, TRUE);
    }
    if (fs->page_figures->len)
        place_figures_at_end(fs);
    finish_column(fs);
    while (fs->pending->len) {
        next_column(fs);
        finish_column(fs);
    }
}
