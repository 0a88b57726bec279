/* layout_fit.c - copyfitting, balanced endings and the fit report (see
 * layout_fit.h).
 *
 * Every attempt is a whole flow of the article from its opener: the flow
 * only copies boxes that are already set, so a pass costs little next to
 * setting the text, and what a pass decides is exactly what is printed. */
#include "pdf/layout_fit.h"

#include <math.h>
#include <string.h>

#define EPS 0.5
#define MOVE_QUOTE_MAX 3

void truncate_doc(pdf_document *doc, size_t first_page, size_t first_outline)
{
    for (size_t i = first_page; i < doc->npages; i++)
        box_list_free(&doc->pages[i].boxes);
    doc->npages = first_page;
    for (size_t i = first_outline; i < doc->noutline; i++)
        g_free(doc->outline[i].title);
    doc->noutline = first_outline;
}

/* What one pass needs. */
typedef struct {
    flow_state *fs;
    pdf_document *doc;
    const node *a;
    flow_block *header;
    GPtrArray *body;
    int ncols;
    double colw;
    size_t first_page, first_outline;
    int min_lines;
    double leading;
    double top;          /* the page's top margin: where the outline points */
} fit_ctx;

static void flow_pass(fit_ctx *c, int balance_page, double balance_h)
{
    truncate_doc(c->doc, c->first_page, c->first_outline);
    flow_set_balance(c->fs, balance_page, balance_h);
    flow_begin_article(c->fs, c->a, c->ncols, c->colw, c->header);
    outline_add(c->doc, c->a->as.article.title, 0, (int)c->doc->npages - 1,
                c->top);
    flow_place_blocks(c->fs, c->body);
    flow_end_article(c->fs);
    flow_set_balance(c->fs, -1, 0);
}

/* Lines of body text on a page (not notes, headings or furniture): the
 * heights in each column that hold some, so a table row of five cells is
 * one line. */
static int body_lines(const pdf_page *p)
{
    GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
    for (size_t i = 0; i < p->boxes.count; i++) {
        const box *b = &p->boxes.items[i];
        if (b->kind == BOX_LINE && b->role == ROLE_BODY && b->column >= 0)
            g_hash_table_add(seen, GINT_TO_POINTER((b->column << 20) + (int)lround(b->y * 4)));
    }
    int n = (int)g_hash_table_size(seen);
    g_hash_table_destroy(seen);
    return n;
}

/* The article's last page with text: figures waiting at the end (a
 * .bleed picture, .wide ones) may have taken pages after it. */
static size_t last_text_page(const pdf_document *doc, size_t first_page)
{
    size_t last = doc->npages - 1;
    while (last > first_page && body_lines(&doc->pages[last]) == 0)
        last--;
    return last;
}

static bool has_runt(const fit_ctx *c)
{
    size_t last = last_text_page(c->doc, c->first_page);
    return last > c->first_page && body_lines(&c->doc->pages[last]) < c->min_lines;
}

/* Where each column's text ends on a page (notes not counted); columns
 * without text end at the top.  Returns how many columns have text. */
static int column_ends(const pdf_page *p, double ends[STYLE_MAX_COLUMNS])
{
    int n = p->ncolumns < STYLE_MAX_COLUMNS ? p->ncolumns : STYLE_MAX_COLUMNS, used = 0;
    for (int c = 0; c < n; c++)
        ends[c] = p->col_top;
    for (size_t i = 0; i < p->boxes.count; i++) {
        const box *b = &p->boxes.items[i];
        if (b->kind == BOX_LINE && b->column >= 0 && b->column < n &&
            (b->role == ROLE_BODY || b->role == ROLE_HEADING) && b->y + b->h > ends[b->column])
            ends[b->column] = b->y + b->h;
    }
    for (int c = 0; c < n; c++)
        used += ends[c] > p->col_top;
    return used;
}

static bool last_page_balanced(const fit_ctx *c)
{
    const pdf_page *p = &c->doc->pages[flow_balance_page(c->fs)];
    double ends[STYLE_MAX_COLUMNS];
    column_ends(p, ends);
    double lo = HUGE_VAL, hi = -HUGE_VAL;
    for (int k = 0; k < p->ncolumns && k < STYLE_MAX_COLUMNS; k++) {
        lo = fmin(lo, ends[k]);
        hi = fmax(hi, ends[k]);
    }
    return p->ncolumns < 2 || hi - lo <= c->leading + EPS;
}

typedef struct {
    guint index;
    flow_block *tight;
    double cost;
} tight_candidate;

static gint by_cost(gconstpointer x, gconstpointer y)
{
    const tight_candidate *a = x, *b = y;
    return a->cost < b->cost ? -1 : a->cost > b->cost ? 1 : (int)a->index - (int)b->index;
}

/* Looseness -1 (or +1), the cheapest paragraphs first, until the runt
 * is gone.  Swapped blocks are kept in originals (index -> the block
 * replaced).  The costs come from the paragraphs as they are set, so a
 * paragraph is set again only when its turn comes (most runts go after
 * one or two): setting every paragraph of the article up front was a
 * sixth of a build's time.  A paragraph that cannot be set so is skipped
 * and the next cheapest tried, which chooses what setting all first did. */
static int try_refit(block_builder *bb, fit_ctx *c, GHashTable *originals, int looseness)
{
    GArray *cands = g_array_new(FALSE, FALSE, sizeof(tight_candidate));
    for (guint i = 0; i < c->body->len; i++) {
        tight_candidate t = {i, NULL, 1};
        if (blocks_refit_cost(bb, g_ptr_array_index(c->body, i), looseness, &t.cost))
            g_array_append_val(cands, t);
    }
    g_array_sort(cands, by_cost);
    int used = 0;
    for (guint k = 0; k < cands->len && has_runt(c); k++) {
        tight_candidate *t = &g_array_index(cands, tight_candidate, k);
        double cost;
        /* the index's block is still the original: each is swapped once */
        t->tight = blocks_refit(bb, g_ptr_array_index(c->body, t->index), looseness, &cost);
        if (!t->tight)
            continue;
        g_hash_table_insert(originals, GUINT_TO_POINTER(t->index),
                            g_ptr_array_index(c->body, t->index));
        c->body->pdata[t->index] = t->tight;
        t->tight = NULL;
        used++;
        flow_pass(c, -1, 0);
    }
    g_array_free(cands, TRUE);
    return used;
}

static void undo_tighten(fit_ctx *c, GHashTable *originals)
{
    GHashTableIter it;
    gpointer key, value;
    g_hash_table_iter_init(&it, originals);
    while (g_hash_table_iter_next(&it, &key, &value)) {
        guint i = GPOINTER_TO_UINT(key);
        flow_block_free(g_ptr_array_index(c->body, i));
        c->body->pdata[i] = value;
    }
    g_hash_table_remove_all(originals);
}

/* Headings, pull quotes and figures: the blocks whose space may give. */
static bool space_gives(const flow_block *b)
{
    return b->keep_with_next || b->floats;
}

static void scale_spaces(fit_ctx *c, double f)
{
    for (guint i = 0; i < c->body->len; i++) {
        flow_block *b = g_ptr_array_index(c->body, i);
        if (space_gives(b)) {
            b->space_before *= f;
            b->space_after *= f;
        }
    }
}

static void move_block(GPtrArray *body, guint from, guint to)
{
    /* steal, not remove: the array frees the blocks it removes */
    gpointer b = g_ptr_array_steal_index(body, from);
    g_ptr_array_insert(body, (gint)to, b);
}

/* A pull quote up to MOVE_QUOTE_MAX blocks earlier; kept only if that
 * ends the runt. */
static bool try_move_quote(fit_ctx *c)
{
    for (guint i = 0; i < c->body->len; i++) {
        const flow_block *b = g_ptr_array_index(c->body, i);
        if (!b->floats || !b->node || b->node->type != NODE_PULLQUOTE)
            continue;
        for (guint k = 1; k <= MOVE_QUOTE_MAX && k <= i; k++) {
            move_block(c->body, i, i - k);
            flow_pass(c, -1, 0);
            if (!has_runt(c))
                return true;
            move_block(c->body, i - k, i);
        }
    }
    flow_pass(c, -1, 0);
    return false;
}

/* The lowest column height on the last page that keeps the page count
 * and ends the columns within a line of each other. */
static bool balance(fit_ctx *c)
{
    if (c->ncols < 2)
        return true;
    double h0;
    if (!flow_balance_height(c->fs, c->leading, &h0))
        return last_page_balanced(c);
    if (last_page_balanced(c))
        return true;
    size_t pages = c->doc->npages;
    /* the last page with text (.wide figures waiting at the end may have
     * taken a page after it) */
    int last = flow_balance_page(c->fs);
    const pdf_page *lp = &c->doc->pages[last];
    double full = lp->col_bottom - lp->col_top;
    double fallback = -1;
    for (double h = h0; h < full; h += c->leading) {
        flow_pass(c, last, h);
        /* (fewer pages: such a figure found room under the columns) */
        if (c->doc->npages > pages)
            continue;
        if (last_page_balanced(c))
            return true;
        if (fallback < 0)
            fallback = h;
    }
    /* no height balances (a tall unsplittable block): the most even one */
    if (fallback >= 0)
        flow_pass(c, last, fallback);
    else
        flow_pass(c, -1, 0);
    return last_page_balanced(c);
}

void copyfit_article(block_builder *bb, flow_state *fs, pdf_document *doc, const node *a,
                     flow_block *header, GPtrArray *body, int ncols, double colw,
                     article_fit *fit)
{
    const style *st = bb->st;
    fit_ctx c = {fs, doc, a, header, body, ncols, colw, doc->npages, doc->noutline,
                 st->min_page_lines, bb->body->leading, st->margin_top};
    memset(fit, 0, sizeof *fit);
    fit->laid_out = true;
    flow_pass(&c, -1, 0);
    if (has_runt(&c)) {
        GHashTable *originals = g_hash_table_new(g_direct_hash, g_direct_equal);
        fit->tightened = try_refit(bb, &c, originals, -1);
        if (has_runt(&c) && st->keep_space_stretch > 0) {
            scale_spaces(&c, 1 - st->keep_space_stretch);
            flow_pass(&c, -1, 0);
            fit->spaces = true;
        }
        if (has_runt(&c))
            fit->moved_quote = try_move_quote(&c);
        if (has_runt(&c)) {
            /* nothing helped: the text as it was, and a word to the editor */
            undo_tighten(&c, originals);
            if (fit->spaces)
                scale_spaces(&c, 1 / (1 - st->keep_space_stretch));
            fit->tightened = 0;
            fit->spaces = false;
            flow_pass(&c, -1, 0);
            /* the other way: fill the short page, paragraphs a line longer */
            fit->loosened = try_refit(bb, &c, originals, +1);
        }
        if (has_runt(&c)) {
            undo_tighten(&c, originals);
            fit->loosened = 0;
            flow_pass(&c, -1, 0);
            fit->runt = true;
            int runt_lines = body_lines(&doc->pages[last_text_page(doc, c.first_page)]);
            diag_warning(bb->d, a->pos,
                         "the last page of \"%s\" holds only %d lines of text (fewer than "
                         "[typography] min-page-lines = %d) and copyfitting cannot pull them "
                         "back nor fill the page: cut %d lines or add %d (see the fit report)",
                         a->as.article.title ? a->as.article.title : "",
                         runt_lines, c.min_lines, runt_lines, c.min_lines - runt_lines);
        } else {
            /* the replaced blocks are no longer used */
            GHashTableIter it;
            gpointer key, value;
            g_hash_table_iter_init(&it, originals);
            while (g_hash_table_iter_next(&it, &key, &value))
                flow_block_free(value);
        }
        g_hash_table_destroy(originals);
    }
    fit->balanced = balance(&c);
}

/* Body lines a column of the page could hold. */
static int column_capacity(const pdf_page *p, double leading)
{
    return leading > 0 ? (int)floor((p->col_bottom - p->col_top) / leading + 0.01) : 0;
}

void fit_report_add(pdf_document *doc, const style *st, const node *a, size_t first_page,
                    const article_fit *fit)
{
    if (!doc->fit_report)
        doc->fit_report = g_string_new(NULL);
    if (first_page >= doc->npages)
        return;
    const article_meta *m = &a->as.article;
    const style_text *run = m->type == ARTICLE_COLOPHON ? &st->colophon : &st->body;
    size_t last = doc->npages - 1;
    const pdf_page *lp = &doc->pages[last_text_page(doc, first_page)];
    int lines = body_lines(lp);
    double ends[STYLE_MAX_COLUMNS];
    column_ends(lp, ends);
    int ncols = lp->ncolumns < STYLE_MAX_COLUMNS ? lp->ncolumns : STYLE_MAX_COLUMNS, cap = 0, left = 0;
    for (int k = 0; k < ncols; k++) {
        cap += column_capacity(lp, run->leading);
        left += run->leading > 0 ? (int)floor((lp->col_bottom - ends[k]) / run->leading + 0.01)
                                 : 0;
    }
    GString *r = doc->fit_report;
    g_string_append_printf(r, "%-24s ", m->slug ? m->slug : "");
    if (last > first_page)
        g_string_append_printf(r, "pp. %d-%d", doc->pages[first_page].number,
                               doc->pages[last].number);
    else
        g_string_append_printf(r, "p. %d", lp->number);
    g_string_append_printf(r, " (%zu %s): last page %d lines", last - first_page + 1,
                           last > first_page ? "pages" : "page", lines);
    if (last > first_page)
        g_string_append_printf(r, ", %d over a page break", lines);
    g_string_append_printf(r, ", %d short of full", left);
    if (fit && fit->laid_out) {
        if (fit->runt)
            g_string_append_printf(r, "; RUNT: cut %d lines", lines);
        if (fit->tightened)
            g_string_append_printf(r, "; copyfit: %d paragraph%s a line shorter", fit->tightened,
                                   fit->tightened == 1 ? "" : "s");
        if (fit->loosened)
            g_string_append_printf(r, "; copyfit: %d paragraph%s a line longer", fit->loosened,
                                   fit->loosened == 1 ? "" : "s");
        if (fit->spaces)
            g_string_append(r, "; copyfit: less space around headings and quotes");
        if (fit->moved_quote)
            g_string_append(r, "; copyfit: a pull quote moved");
        if (ncols > 1)
            g_string_append(r, fit->balanced ? "; balanced" : "; NOT balanced");
    }
    (void)cap;
    g_string_append_c(r, '\n');
}
