/* flow_block.c - blocks of rows, and the page and box lists they end in. */
#include "pdf/flow_block.h"

#include <string.h>

box *box_list_add(box_list *l, box_kind kind)
{
    if (l->count == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->items = g_renew(box, l->items, l->cap);
    }
    box *b = &l->items[l->count++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->column = -1;
    b->block_id = -1;
    b->node = -1;
    b->image = -1;
    return b;
}

static void box_clear(box *b)
{
    glyph_line_unref(b->line);
    g_free(b->text);
    g_free(b->attrs);
}

void box_list_free(box_list *l)
{
    for (size_t i = 0; i < l->count; i++)
        box_clear(&l->items[i]);
    g_free(l->items);
    memset(l, 0, sizeof *l);
}

pdf_page *doc_add_page(pdf_document *doc)
{
    if (doc->npages == doc->cap) {
        doc->cap = doc->cap ? doc->cap * 2 : 16;
        doc->pages = g_renew(pdf_page, doc->pages, doc->cap);
    }
    pdf_page *p = &doc->pages[doc->npages++];
    memset(p, 0, sizeof *p);
    return p;
}

void outline_add(pdf_document *doc, const char *title, int level, int page, double y)
{
    if (doc->noutline == doc->outline_cap) {
        doc->outline_cap = doc->outline_cap ? doc->outline_cap * 2 : 16;
        doc->outline = g_renew(outline_entry, doc->outline, doc->outline_cap);
    }
    outline_entry *e = &doc->outline[doc->noutline++];
    e->title = g_strdup(title);
    e->level = level;
    e->page = page;
    e->y = y;
}

flow_block *flow_block_new(const node *n, int id)
{
    flow_block *b = g_new0(flow_block, 1);
    b->node = n;
    b->id = id;
    return b;
}

void flow_row_clear(flow_row *r)
{
    box_list_free(&r->boxes);
    if (r->notes)
        g_ptr_array_free(r->notes, TRUE);
    r->notes = NULL;
}

void flow_block_free(flow_block *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->nrows; i++)
        flow_row_clear(&b->rows[i]);
    g_free(b->rows);
    if (b->continued) {
        flow_row_clear(b->continued);
        g_free(b->continued);
    }
    g_free(b);
}

flow_row *flow_block_add_row(flow_block *b, double height)
{
    if (b->nrows == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 8;
        b->rows = g_renew(flow_row, b->rows, b->cap);
    }
    flow_row *r = &b->rows[b->nrows++];
    memset(r, 0, sizeof *r);
    r->height = height;
    return r;
}

double flow_block_height(const flow_block *b)
{
    double h = 0;
    for (size_t i = 0; i < b->nrows; i++)
        h += b->rows[i].height;
    return h;
}

void flow_row_tag_begin(flow_row *r, const char *name, const char *attrs)
{
    box *t = box_list_add(&r->boxes, BOX_TAG_BEGIN);
    t->text = g_strdup(name);
    t->attrs = g_strdup(attrs ? attrs : "");
    /* move it to the front: a structure element opens before its content */
    box tmp = *t;
    memmove(&r->boxes.items[1], &r->boxes.items[0], (r->boxes.count - 1) * sizeof(box));
    r->boxes.items[0] = tmp;
}

void flow_row_tag_end(flow_row *r)
{
    box_list_add(&r->boxes, BOX_TAG_END);
}

/* The last (or first) character of a line's text, 0 when it has none. */
static gunichar line_edge_char(const glyph_line *l, bool last)
{
    for (int k = 0; k < l->nparts; k++) {
        const line_part *p = &l->parts[last ? l->nparts - 1 - k : k];
        if (p->kind != PART_GLYPHS || p->text_len <= 0)
            continue;
        return last ? g_utf8_get_char(g_utf8_prev_char(p->text + p->text_len))
                    : g_utf8_get_char(p->text);
    }
    return 0;
}

/* A break inside a word: one line ends in a letter or digit and the next
 * begins with one (a break at a space leaves the space on the line). */
bool flow_block_breaks_inside_word(const flow_block *b)
{
    const glyph_line *prev = NULL;
    for (size_t i = 0; i < b->nrows; i++)
        for (size_t j = 0; j < b->rows[i].boxes.count; j++) {
            const box *x = &b->rows[i].boxes.items[j];
            if (x->kind != BOX_LINE || !x->line)
                continue;
            if (prev && g_unichar_isalnum(line_edge_char(prev, true)) &&
                g_unichar_isalnum(line_edge_char(x->line, false)))
                return true;
            prev = x->line;
        }
    return false;
}
