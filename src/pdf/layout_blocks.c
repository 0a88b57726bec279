/* layout_blocks.c - setting each kind of block as rows.
 *
 * Sizes and spaces come from the style's text kinds; the few proportions
 * here (list indent, sidebar padding, table cell gap) are expressed in the
 * body's size and leading so they scale with the style. */
#include "pdf/layout_blocks.h"

#include <math.h>
#include <string.h>

#include "pdf/layout_picture.h"
#include "pdf/layout_display.h"
#include "pdf/layout_glyphs.h"
#include "words.h"

static void color_of(double out[3], style_color c)
{
    out[0] = c.r;
    out[1] = c.g;
    out[2] = c.b;
}

int blocks_node_ix(const block_builder *bb, const node *n)
{
    if (!n || !bb->node_ix)
        return -1;
    return GPOINTER_TO_INT(g_hash_table_lookup(bb->node_ix, n)) - 1;
}

static flow_block *new_block(block_builder *bb, const node *n)
{
    return flow_block_new(n, (*bb->next_id)++);
}

static void append_tag(box_list *l, const char *name, const char *attrs)
{
    box *t = box_list_add(l, BOX_TAG_BEGIN);
    t->text = g_strdup(name);
    t->attrs = g_strdup(attrs ? attrs : "");
}

flow_block *blocks_note(const block_builder *bb, int number)
{
    for (guint i = 0; bb->notes && i < bb->notes->len; i++) {
        flow_block *b = g_ptr_array_index(bb->notes, i);
        if (b->note_number == number)
            return b;
    }
    return NULL;
}

static void add_rows_of_piece(block_builder *bb, flow_block *b, rich_text *rt,
                              const style_text *ts, double x, double width, double indent,
                              PangoAlignment align, box_role role, int line_base, int line_total);

void blocks_add_text_rows(block_builder *bb, flow_block *b, rich_text *rt,
                          const style_text *ts, double x, double width, double indent,
                          PangoAlignment align, box_role role)
{
    if ((int)rt->text->len <= RICH_TEXT_MAX_PIECE) {
        add_rows_of_piece(bb, b, rt, ts, x, width, indent, align, role, 0, 0);
        return;
    }
    /* A huge paragraph: set piece by piece (see RICH_TEXT_MAX_PIECE). */
    int start = 0;
    size_t rows_before = b->nrows;
    while (start < (int)rt->text->len) {
        int end = rich_text_chunk_end(rt, start, RICH_TEXT_MAX_PIECE);
        rich_text piece;
        rich_text_slice(rt, start, end, &piece);
        add_rows_of_piece(bb, b, &piece, ts, x, width, start == 0 ? indent : 0, align, role,
                          (int)(b->nrows - rows_before), 0);
        rich_text_clear(&piece);
        start = end;
    }
    /* Line numbers run through the whole paragraph, for widow and orphan
     * control. */
    int total = (int)(b->nrows - rows_before);
    for (size_t i = rows_before; i < b->nrows; i++)
        for (size_t k = 0; k < b->rows[i].boxes.count; k++)
            if (b->rows[i].boxes.items[k].kind == BOX_LINE)
                b->rows[i].boxes.items[k].line_count = total;
}

/* The link areas of rt on one line of its layout, set in row r at (x, y). */
static void row_add_links(flow_row *r, const rich_text *rt, PangoLayoutLine *line, double x,
                          double y, double h)
{
    int ls = line->start_index, le = line->start_index + line->length;
    for (guint k = 0; k < rt->links->len; k++) {
        const text_link *l = &g_array_index(rt->links, text_link, k);
        if (l->end <= ls || l->start >= le)
            continue;
        int *ranges = NULL, n = 0;
        pango_layout_line_get_x_ranges(line, MAX(l->start, ls), MIN(l->end, le), &ranges, &n);
        for (int j = 0; j < n; j++) {
            box *a = box_list_add(&r->boxes, BOX_LINK);
            a->x = x + ranges[2 * j] / (double)PANGO_SCALE;
            a->w = (ranges[2 * j + 1] - ranges[2 * j]) / (double)PANGO_SCALE;
            a->y = y;
            a->h = h;
            a->text = g_strdup(l->target);
            a->is_uri = l->is_uri;
        }
        g_free(ranges);
    }
}

/* The note references of rt set on bytes [ls, le) of layout, a line of
 * row r at (x, y): a destination for the note's link back, and the note
 * itself, which the flow places at the foot of the column that holds r. */
static void row_add_note_refs(block_builder *bb, flow_row *r, const rich_text *rt,
                              PangoLayout *layout, int ls, int le, double x, double y)
{
    for (guint k = 0; k < rt->notes->len; k++) {
        const text_note_ref *nr = &g_array_index(rt->notes, text_note_ref, k);
        if (nr->index < ls || nr->index >= le)
            continue;
        PangoRectangle pos;
        pango_layout_index_to_pos(layout, nr->index, &pos);
        box *dst = box_list_add(&r->boxes, BOX_DEST);
        dst->x = x + pos.x / (double)PANGO_SCALE;
        dst->y = y;
        dst->text = g_strdup_printf("ref-%d", nr->number);
        flow_block *note = blocks_note(bb, nr->number);
        if (note) {
            if (!r->notes)
                r->notes = g_ptr_array_new();
            g_ptr_array_add(r->notes, note);
        }
    }
}

static void add_rows_of_lines(block_builder *bb, flow_block *b, const rich_text *rt,
                              para_lines *p, int count, const style_text *ts, double x,
                              double width, box_role role, int line_base, int line_total);

static void add_rows_of_piece(block_builder *bb, flow_block *b, rich_text *rt,
                              const style_text *ts, double x, double width, double indent,
                              PangoAlignment align, box_role role, int line_base, int line_total)
{
    para_lines *p = bb->looseness && ts->justify && width > 0
                        ? layout_break_paragraph_loose(bb->ctx, rt, ts, width, indent,
                                                       bb->looseness)
                        : layout_break_paragraph(bb->ctx, rt, ts, width, indent, align);
    add_rows_of_lines(bb, b, rt, p, p->nlines, ts, x, width, role, line_base, line_total);
    para_lines_free(p);
}

/* Rows for the first count lines of p (which it does not free). */
static void add_rows_of_lines(block_builder *bb, flow_block *b, const rich_text *rt,
                              para_lines *p, int count, const style_text *ts, double x,
                              double width, box_role role, int line_base, int line_total)
{
    for (int i = 0; i < count && i < p->nlines; i++) {
        flow_row *r = flow_block_add_row(b, p->leading);
        PangoLayoutLine *line = pango_layout_get_line_readonly(p->layout, i);
        box *lb = box_list_add(&r->boxes, BOX_LINE);
        lb->role = role;
        lb->x = x + p->line_x[i];
        lb->w = width - p->line_x[i];
        lb->h = p->leading;
        lb->baseline = p->baseline;
        lb->line = layout_glyph_line(bb->res, p->layout, i);
        lb->node = blocks_node_ix(bb, b->node);
        lb->block_id = b->id;
        lb->line_no = line_base + i + 1;
        lb->line_count = line_total ? line_total : p->nlines;
        color_of(lb->color, ts->color);
        row_add_links(r, rt, line, x, 0, p->leading);
        row_add_note_refs(bb, r, rt, p->layout, line->start_index,
                          line->start_index + line->length, x, 0);
    }
}

flow_block *blocks_plain(block_builder *bb, const char *text, const style_text *ts, double w,
                         PangoAlignment align, box_role role, const char *tag)
{
    if (!text || !*text)
        return NULL;
    flow_block *b = flow_block_new(NULL, (*bb->next_id)++);
    rich_text rt;
    rich_text_init(&rt);
    text_env plain = bb->env;
    plain.hyph = NULL;
    rich_append_plain(&rt, text, ts, &plain);
    style_text flush = *ts;
    flush.justify = false;
    blocks_add_text_rows(bb, b, &rt, &flush, 0, w, 0, align, role);
    rich_text_clear(&rt);
    if (tag && b->nrows) {
        flow_row_tag_begin(&b->rows[0], tag, NULL);
        flow_row_tag_end(&b->rows[b->nrows - 1]);
    }
    return b;
}

/* A paragraph beside an inset: its first lines (at most narrow) at the
 * narrow measure nw from nx, the rest at the full measure, broken in one
 * total-fit pass with a measure for every line (layout_break_shaped).
 * Returns how many lines were set narrow. */
static int add_wrapped_rows(block_builder *bb, flow_block *b, rich_text *rt,
                            const style_text *ts, double x, double width, double indent,
                            double nx, double nw, int narrow)
{
    if ((int)rt->text->len > RICH_TEXT_MAX_PIECE || narrow <= 0) {
        blocks_add_text_rows(bb, b, rt, ts, x, width, indent, PANGO_ALIGN_LEFT, ROLE_BODY);
        return 0;
    }
    double *widths = g_new(double, narrow);
    for (int i = 0; i < narrow; i++)
        widths[i] = nw;
    shaped_part *parts = NULL;
    int n = layout_break_shaped(bb->ctx, rt, ts, widths, narrow, width, indent, &parts);
    g_free(widths);
    int total = 0, used = 0;
    for (int i = 0; i < n; i++)
        total += parts[i].lines->nlines;
    for (int i = 0; i < n; i++) {
        shaped_part *sp = &parts[i];
        bool beside = sp->first_line < narrow;
        add_rows_of_lines(bb, b, &sp->text, sp->lines, sp->lines->nlines, ts, beside ? nx : x,
                          beside ? nw : width, ROLE_BODY, sp->first_line, total);
        if (beside)
            used += sp->lines->nlines;
    }
    shaped_parts_free(parts, n);
    return used;
}

para_lines *blocks_set_line(block_builder *bb, const char *text, const style_text *ts,
                            double width, PangoAlignment align)
{
    rich_text rt;
    rich_text_init(&rt);
    g_string_append(rt.text, text ? text : "");
    para_lines *p = layout_break_paragraph(bb->ctx, &rt, ts, width, 0, align);
    rich_text_clear(&rt);
    return p;
}

/* A block of one paragraph of inlines, tagged tag. */
static flow_block *text_block(block_builder *bb, const node *n, const node *inl,
                              const style_text *ts, double x, double width, double indent,
                              const char *tag, box_role role)
{
    rich_text rt;
    rich_text_init(&rt);
    rich_append_inlines(&rt, inl, ts, &bb->env);
    flow_block *b = new_block(bb, n);
    blocks_add_text_rows(bb, b, &rt, ts, x, width, indent, PANGO_ALIGN_LEFT, role);
    rich_text_clear(&rt);
    b->space_before = ts->space_before;
    b->space_after = ts->space_after;
    b->is_paragraph = true;
    if (b->nrows && tag) {
        flow_row_tag_begin(&b->rows[0], tag, NULL);
        flow_row_tag_end(&b->rows[b->nrows - 1]);
    }
    return b;
}

static const style_text *heading_style(const style *st, int level)
{
    int i = level - 2;
    return &st->heading[i < 0 ? 0 : i > 2 ? 2 : i];
}

/* Where the blocks of a container go and how they are set. */
/* An .inset figure and the text set beside it, gathered into one block
 * until the text has passed the inset. */
typedef struct {
    flow_block *b;
    int lines_left;           /* narrow lines still beside the inset */
    double narrow_x, narrow_w;
    double leading;
} inset_wrap;

typedef struct {
    GPtrArray *out;
    double x, width;
    const style_text *ts;     /* running text of this container */
    bool prev_paragraph;      /* indent the next paragraph's first line */
    inset_wrap *wrap;         /* an inset being wrapped, or NULL */
} container;

static void build_blocks(block_builder *bb, const node *parent, container *c);

static void push(container *c, flow_block *b)
{
    if (b->nrows == 0) {
        flow_block_free(b);
        return;
    }
    g_ptr_array_add(c->out, b);
}

static flow_block *last_block(container *c)
{
    return c->out->len ? g_ptr_array_index(c->out, c->out->len - 1) : NULL;
}

/* A one-line label beside a line of b (a list bullet, a code line's
 * continuation mark): p's first line at x, w wide, on the given baseline. */
static void label_box(block_builder *bb, box *lb, const para_lines *p, const flow_block *b,
                      double x, double w, double baseline, style_color color, box_role role)
{
    lb->kind = BOX_LINE;
    lb->role = role;
    lb->x = x;
    lb->w = w;
    lb->h = p->leading;
    lb->baseline = baseline;
    lb->line = layout_glyph_line(bb->res, p->layout, 0);
    lb->node = blocks_node_ix(bb, b->node);
    lb->block_id = b->id;
    lb->image = -1;
    color_of(lb->color, color);
}

/* Puts a list item's label (bullet or number) to the left of the first
 * line of its first block, as a Lbl element before the item's body. */
static void add_label(block_builder *bb, flow_block *b, const char *label, const style_text *ts,
                      double x)
{
    box_list *l = &b->rows[0].boxes;
    double baseline = -1;
    for (size_t i = 0; i < l->count; i++)
        if (l->items[i].kind == BOX_LINE) {
            baseline = l->items[i].baseline;
            break;
        }
    para_lines *p = blocks_set_line(bb, label, ts, 0, PANGO_ALIGN_LEFT);
    /* an item that begins with no text (a table's rule, a figure): the
     * label's own first line at the item's top */
    if (baseline < 0)
        baseline = p->baseline;
    PangoRectangle log;
    pango_layout_get_extents(p->layout, NULL, &log);
    double w = log.width / (double)PANGO_SCALE;
    box trio[3];
    memset(trio, 0, sizeof trio);
    trio[0].kind = BOX_TAG_BEGIN;
    trio[0].text = g_strdup("Lbl");
    trio[0].attrs = g_strdup("");
    label_box(bb, &trio[1], p, b, x - w - ts->size * 0.4, w, baseline, ts->color, ROLE_BODY);
    trio[2].kind = BOX_TAG_END;
    trio[0].node = trio[2].node = -1;
    trio[0].image = trio[2].image = -1;
    for (int i = 0; i < 3; i++) {
        trio[i].column = -1;
        trio[i].block_id = trio[i].block_id ? trio[i].block_id : -1;
        box_list_add(l, BOX_TAG_END); /* grow by one */
        memmove(&l->items[i + 1], &l->items[i], (l->count - 1 - i) * sizeof(box));
        l->items[i] = trio[i];
    }
    para_lines_free(p);
}

static void build_question(block_builder *bb, const node *k, container *c)
{
    const style_text *ts = &bb->st->question;
    flow_block *b = text_block(bb, k, k, ts, c->x, c->width, 0, "P", ROLE_BODY);
    b->keep_with_next = true;
    b->unsplittable = true;
    if (ts->leading == bb->body->leading && c->x == 0)
        b->grid = ts->leading;
    push(c, b);
    c->prev_paragraph = false;
}

/* Closes the inset block: what the text left beside it stays white. */
static void finish_wrap(block_builder *bb, container *c)
{
    inset_wrap *w = c->wrap;
    if (!w)
        return;
    if (w->lines_left > 0)
        flow_block_add_row(w->b, w->lines_left * w->leading);
    w->b->unsplittable = flow_block_height(w->b) <= bb->col_h;
    push(c, w->b);
    g_free(w);
    c->wrap = NULL;
}

/* A paragraph set beside the inset being wrapped. */
static void wrap_paragraph(block_builder *bb, const node *k, container *c)
{
    inset_wrap *w = c->wrap;
    double indent = c->prev_paragraph ? bb->st->paragraph_indent : 0;
    rich_text rt;
    rich_text_init(&rt);
    rich_append_inlines(&rt, k, c->ts, &bb->env);
    size_t first = w->b->nrows;
    int used = add_wrapped_rows(bb, w->b, &rt, c->ts, c->x, c->width, indent, w->narrow_x,
                                w->narrow_w, w->lines_left);
    rich_text_clear(&rt);
    for (size_t i = first; i < w->b->nrows; i++)
        for (size_t j = 0; j < w->b->rows[i].boxes.count; j++)
            w->b->rows[i].boxes.items[j].node = blocks_node_ix(bb, k);
    size_t total = w->b->nrows;
    if (total > first)
        flow_row_tag_begin(&w->b->rows[first], "P", NULL);
    w->lines_left -= used;
    c->prev_paragraph = true;
    /* the lines below the inset are an ordinary paragraph's: they may go
     * on in the next column, so they leave the inset's block */
    size_t split = first + (size_t)used;
    flow_block *rest = NULL;
    if (w->lines_left <= 0 && used > 0 && total >= split + 2) {
        rest = new_block(bb, k);
        for (size_t i = split; i < total; i++) {
            flow_row *r = flow_block_add_row(rest, 0);
            *r = w->b->rows[i]; /* moved */
        }
        w->b->nrows = split;
        rest->is_paragraph = true;
        rest->grid = w->b->grid;
        flow_row_tag_end(&rest->rows[rest->nrows - 1]);
    } else if (total > first) {
        flow_row_tag_end(&w->b->rows[total - 1]);
    }
    if (w->lines_left <= 0 || used == 0)
        finish_wrap(bb, c);
    if (rest)
        push(c, rest);
}

/* An .inset figure: the picture (with its caption and credit) at the
 * side of the column, and the paragraphs after it wrapped around it.
 * False when the column is too narrow for it (a column figure then). */
static bool build_inset(block_builder *bb, const node *k, container *c)
{
    const style *st = bb->st;
    picture_info pi;
    char *path = NULL;
    if (c->wrap || c->ts != bb->body || !layout_picture_probe(bb, k, &pi, &path))
        return false;
    int pct = k->as.image.width > 0 ? k->as.image.width : st->inset_width;
    double gap = st->body.size;
    double iw = c->width * pct / 100.0, ih = iw * pi.height / pi.width;
    if (ih > bb->col_h * 0.5) {
        ih = bb->col_h * 0.5;
        iw = ih * pi.width / pi.height;
    }
    double nw = c->width - iw - gap;
    if (nw < c->width * 0.3 || nw < st->body.size * 8) {
        g_free(path);
        return false;
    }
    bool left = k->as.image.side == FIG_LEFT;
    double ix = left ? c->x : c->x + c->width - iw;
    layout_picture_check_ppi(bb, k, &pi, iw, ih);
    /* the figure's own rows (picture, credit, caption), then moved into
     * the first row of the wrap block */
    flow_block *fig = new_block(bb, k);
    flow_row *r = flow_block_add_row(fig, ih + st->caption.leading * 0.4);
    layout_picture_box(bb, &r->boxes, k, path, ix, 0, iw, ih, fig->id);
    g_free(path);
    layout_picture_credit_rows(bb, fig, k, ix, iw);
    layout_picture_caption_rows(bb, fig, k, ix, iw);
    double fh = flow_block_height(fig);
    flow_block *b = new_block(bb, k);
    flow_row *r0 = flow_block_add_row(b, 0);
    double y = 0;
    for (size_t i = 0; i < fig->nrows; i++) {
        for (size_t j = 0; j < fig->rows[i].boxes.count; j++) {
            box *to = box_list_add(&r0->boxes, fig->rows[i].boxes.items[j].kind);
            *to = fig->rows[i].boxes.items[j];
            to->y += y;
            to->block_id = b->id;
            fig->rows[i].boxes.items[j].line = NULL; /* moved */
            fig->rows[i].boxes.items[j].text = NULL;
            fig->rows[i].boxes.items[j].attrs = NULL;
        }
        y += fig->rows[i].height;
    }
    flow_block_free(fig);
    inset_wrap *w = g_new0(inset_wrap, 1);
    w->b = b;
    w->leading = c->ts->leading > 0 ? c->ts->leading : c->ts->size * 1.3;
    w->lines_left = (int)ceil((fh + w->leading * 0.5) / w->leading);
    w->narrow_x = left ? c->x + iw + gap : c->x;
    w->narrow_w = nw;
    b->space_before = b->space_after = 0;
    if (c->x == 0)
        b->grid = w->leading;
    c->wrap = w;
    return true;
}

static void build_paragraph(block_builder *bb, const node *k, container *c)
{
    bool question = c->ts == bb->body && node_is_question(k);
    if (c->wrap && !question) {
        wrap_paragraph(bb, k, c);
        return;
    }
    finish_wrap(bb, c);
    if (question) {
        build_question(bb, k, c);
        return;
    }
    double indent = c->prev_paragraph ? bb->st->paragraph_indent : 0;
    flow_block *b = text_block(bb, k, k, c->ts, c->x, c->width, indent, "P", ROLE_BODY);
    /* paragraphs that follow each other are marked by the indent alone */
    if (c->prev_paragraph)
        b->space_before = 0;
    /* running text of the article sits on the body's baseline grid */
    if (c->ts == bb->body && c->x == 0)
        b->grid = c->ts->leading;
    push(c, b);
    c->prev_paragraph = true;
}

static void build_heading(block_builder *bb, const node *k, container *c)
{
    int level = k->as.heading.level;
    const style_text *ts = heading_style(bb->st, level);
    char tag[4];
    g_snprintf(tag, sizeof tag, "H%d", level < 6 ? level : 6);
    rich_text rt;
    rich_text_init(&rt);
    text_env plain = bb->env;
    plain.hyph = NULL; /* headings are never hyphenated */
    rich_append_inlines(&rt, k, ts, &plain);
    flow_block *b = new_block(bb, k);
    blocks_add_text_rows(bb, b, &rt, ts, c->x, c->width, 0, PANGO_ALIGN_LEFT, ROLE_HEADING);
    rich_text_clear(&rt);
    for (size_t i = 0; i < b->nrows; i++)
        for (size_t j = 0; j < b->rows[i].boxes.count; j++)
            if (b->rows[i].boxes.items[j].kind == BOX_LINE)
                b->rows[i].boxes.items[j].role = ROLE_HEADING;
    b->space_before = ts->space_before;
    b->space_after = ts->space_after;
    b->keep_with_next = true;
    b->unsplittable = true;
    if (b->nrows) {
        flow_row_tag_begin(&b->rows[0], tag, NULL);
        flow_row_tag_end(&b->rows[b->nrows - 1]);
    }
    push(c, b);
    c->prev_paragraph = false;
}

/* How far a nested list or quote indents: its usual step while what is
 * left stays readable; once the measure is down to NEST_MIN_MEASURE of the
 * column, deeper levels stop indenting, so no depth squeezes the text to a
 * letter a line or pushes it past the column. */
#define NEST_MIN_MEASURE 0.4
static double nest_indent(const block_builder *bb, const container *c, double step)
{
    double min = bb->col_w * NEST_MIN_MEASURE;
    if (c->width - step >= min)
        return step;
    return c->width > min ? c->width - min : 0;
}

/* The width of a list's widest label ("10." is wider than "9.", a long
 * list's last number the widest), which its indent must hold. */
static double widest_label(block_builder *bb, const node *k, const style_text *ts)
{
    if (!k->as.list.ordered)
        return 0;
    int n = 0;
    for (const node *item = k->first; item; item = item->next)
        n++;
    int start = k->as.list.start ? k->as.list.start : 1;
    char label[32];
    g_snprintf(label, sizeof label, "%d%c", start + (n > 0 ? n - 1 : 0),
               k->as.list.delim ? k->as.list.delim : '.');
    para_lines *p = blocks_set_line(bb, label, ts, 0, PANGO_ALIGN_LEFT);
    PangoRectangle log;
    pango_layout_get_extents(p->layout, NULL, &log);
    para_lines_free(p);
    return log.width / (double)PANGO_SCALE;
}

static void build_list(block_builder *bb, const node *k, container *c)
{
    /* the label stands in the indent, a little space before the text */
    double step = MAX(c->ts->size * 1.6, widest_label(bb, k, c->ts) + c->ts->size * 0.5);
    double indent = nest_indent(bb, c, step);
    int num = k->as.list.start ? k->as.list.start : 1;
    size_t first = c->out->len;
    for (const node *item = k->first; item; item = item->next) {
        char label[24];
        if (k->as.list.ordered)
            g_snprintf(label, sizeof label, "%d%c", num++, k->as.list.delim ? k->as.list.delim : '.');
        else
            g_strlcpy(label, "\xE2\x80\xA2", sizeof label);
        container ic = {c->out, c->x + indent, c->width - indent, c->ts, false, NULL};
        size_t before = c->out->len;
        build_blocks(bb, item, &ic);
        if (c->out->len > before) {
            flow_block *fb = g_ptr_array_index(c->out, before);
            flow_row_tag_begin(&fb->rows[0], "LBody", NULL);
            add_label(bb, fb, label, c->ts, ic.x);
            flow_row_tag_begin(&fb->rows[0], "LI", NULL);
            flow_block *lb = last_block(c);
            flow_row_tag_end(&lb->rows[lb->nrows - 1]);
            flow_row_tag_end(&lb->rows[lb->nrows - 1]);
        }
        /* tight lists: items follow without paragraph space */
        for (size_t i = before; k->as.list.tight && i < c->out->len; i++) {
            flow_block *fb = g_ptr_array_index(c->out, i);
            fb->space_before = i == first ? c->ts->space_before : 0;
            fb->space_after = 0;
        }
    }
    if (c->out->len > first) {
        flow_block *fb = g_ptr_array_index(c->out, first);
        flow_row_tag_begin(&fb->rows[0], "L", NULL);
        flow_block *lb = last_block(c);
        flow_row_tag_end(&lb->rows[lb->nrows - 1]);
        lb->space_after = c->ts->space_after > 0 ? c->ts->space_after : c->ts->leading / 2;
    }
    c->prev_paragraph = false;
}

static void build_code(block_builder *bb, const node *k, container *c)
{
    const style_text *ts = &bb->st->code;
    flow_block *b = new_block(bb, k);
    char **lines = g_strsplit(k->text ? k->text : "", "\n", -1);
    int n = (int)g_strv_length(lines);
    if (n > 0 && !lines[n - 1][0])
        n--; /* the code's final newline ends the last line, it adds none */
    /* A source line too long for the measure wraps with a hanging indent,
     * and each continuation starts with a mark (U+2192: the mono face has
     * no U+21AA), so it cannot be read as a new line of code. */
    double hang = ts->size * 1.5;
    para_lines *mark = blocks_set_line(bb, "\xE2\x86\x92", ts, 0, PANGO_ALIGN_LEFT);
    for (int i = 0; i < n; i++) {
        rich_text rt;
        rich_text_init(&rt);
        g_string_append(rt.text, lines[i][0] ? lines[i] : " ");
        style_text flush = *ts;
        flush.justify = false;
        size_t first_row = b->nrows;
        blocks_add_text_rows(bb, b, &rt, &flush, c->x, c->width - hang, 0, PANGO_ALIGN_LEFT,
                             ROLE_BODY);
        rich_text_clear(&rt);
        for (size_t r = first_row + 1; r < b->nrows; r++) {
            box_list *l = &b->rows[r].boxes;
            double baseline = 0;
            for (size_t j = 0; j < l->count; j++) {
                l->items[j].x += hang;
                if (l->items[j].kind == BOX_LINE)
                    baseline = l->items[j].baseline;
            }
            /* a mark, not code: drawn as an artifact */
            box *mb = box_list_add(l, BOX_LINE);
            label_box(bb, mb, mark, b, c->x + hang * 0.15, hang, baseline, bb->st->rule_color,
                      ROLE_FURNITURE);
            mb->column = -1;
        }
    }
    para_lines_free(mark);
    g_strfreev(lines);
    b->space_before = ts->space_before > 0 ? ts->space_before : ts->leading / 2;
    b->space_after = ts->space_after > 0 ? ts->space_after : ts->leading / 2;
    if (b->nrows) {
        flow_row_tag_begin(&b->rows[0], "Code", NULL);
        flow_row_tag_end(&b->rows[b->nrows - 1]);
    }
    push(c, b);
    c->prev_paragraph = false;
}

static void rule_row(flow_block *b, double x, double w, double height, double at,
                     const style *st, style_color color, double width)
{
    flow_row *r = flow_block_add_row(b, height);
    box *rb = box_list_add(&r->boxes, BOX_RULE);
    rb->role = ROLE_DECOR;
    rb->x = x;
    rb->y = at;
    rb->w = w;
    rb->h = 0;
    rb->line_width = width;
    color_of(rb->color, color);
}

static void build_table(block_builder *bb, const node *k, container *c)
{
    const style_text *ts = &bb->st->table;
    int ncols = k->as.table.ncols > 0 ? k->as.table.ncols : 1;
    double gap = ts->size * 0.8;
    double cw = (c->width - gap * (ncols - 1)) / ncols;
    flow_block *b = new_block(bb, k);
    style_text head = *ts, cell = *ts;
    head.weight = 700;
    head.justify = cell.justify = false;
    rule_row(b, c->x, c->width, ts->leading * 0.4, ts->leading * 0.2, bb->st, bb->st->rule_color,
             bb->st->rule_width);
    flow_row_tag_begin(&b->rows[0], "Table", NULL);
    for (const node *row = k->first; row; row = row->next) {
        const style_text *rs = row->as.row.header ? &head : &cell;
        flow_row *r = flow_block_add_row(b, 0);
        append_tag(&r->boxes, "TR", NULL);
        int col = 0;
        double h = rs->leading;
        for (const node *cl = row->first; cl; cl = cl->next, col++) {
            rich_text rt;
            rich_text_init(&rt);
            rich_append_inlines(&rt, cl, rs, &bb->env);
            table_align al = col < k->as.table.ncols ? k->as.table.align[col] : ALIGN_NONE;
            PangoAlignment pa = al == ALIGN_RIGHT    ? PANGO_ALIGN_RIGHT
                                : al == ALIGN_CENTER ? PANGO_ALIGN_CENTER
                                                     : PANGO_ALIGN_LEFT;
            para_lines *p = layout_break_paragraph(bb->ctx, &rt, rs, cw, 0, pa);
            append_tag(&r->boxes, row->as.row.header ? "TH" : "TD", NULL);
            double cx = c->x + col * (cw + gap);
            for (int i = 0; i < p->nlines; i++) {
                PangoLayoutLine *pl = pango_layout_get_line_readonly(p->layout, i);
                row_add_links(r, &rt, pl, cx, i * p->leading, p->leading);
                row_add_note_refs(bb, r, &rt, p->layout, pl->start_index,
                                  pl->start_index + pl->length, cx, i * p->leading);
                box *lb = box_list_add(&r->boxes, BOX_LINE);
                lb->role = ROLE_BODY;
                lb->x = cx + p->line_x[i];
                lb->y = i * p->leading;
                lb->w = cw - p->line_x[i];
                lb->h = p->leading;
                lb->baseline = p->baseline;
                lb->line = layout_glyph_line(bb->res, p->layout, i);
                lb->node = blocks_node_ix(bb, cl);
                lb->block_id = b->id;
                color_of(lb->color, rs->color);
            }
            rich_text_clear(&rt);
            box_list_add(&r->boxes, BOX_TAG_END);
            if (p->nlines * p->leading > h)
                h = p->nlines * p->leading;
            para_lines_free(p);
        }
        box_list_add(&r->boxes, BOX_TAG_END);
        r->height = h + ts->leading * 0.25;
        if (row->as.row.header) {
            rule_row(b, c->x, c->width, ts->leading * 0.4, ts->leading * 0.1, bb->st,
                     bb->st->rule_color, bb->st->rule_width / 2);
            b->head_rows = b->nrows; /* top rule, header, its rule: repeated */
        }
    }
    rule_row(b, c->x, c->width, ts->leading * 0.4, ts->leading * 0.2, bb->st, bb->st->rule_color,
             bb->st->rule_width);
    flow_row_tag_end(&b->rows[b->nrows - 1]);
    b->space_before = ts->space_before > 0 ? ts->space_before : ts->leading / 2;
    b->space_after = ts->space_after > 0 ? ts->space_after : ts->leading / 2;
    push(c, b);
    c->prev_paragraph = false;
}

static void build_pullquote(block_builder *bb, const node *k, container *c)
{
    const style *st = bb->st;
    flow_block *b = new_block(bb, k);
    double pad = st->pullquote.leading * 0.5;
    rule_row(b, c->x, c->width, pad, 0, st, st->accent, st->rule_width * 2);
    text_env plain = bb->env;
    if (!st->pullquote.hyphenate)
        plain.hyph = NULL;
    for (const node *p = k->first; p; p = p->next) {
        const style_text *ts = p->type == NODE_ATTRIBUTION ? &st->attribution : &st->pullquote;
        rich_text rt;
        rich_text_init(&rt);
        if (p->type == NODE_ATTRIBUTION)
            g_string_append(rt.text, "\xE2\x80\x94 ");
        rich_append_inlines(&rt, p, ts, &plain);
        blocks_add_text_rows(bb, b, &rt, ts, c->x, c->width, 0, PANGO_ALIGN_LEFT, ROLE_BODY);
        rich_text_clear(&rt);
    }
    rule_row(b, c->x, c->width, pad, pad, st, st->accent, st->rule_width * 2);
    flow_row_tag_begin(&b->rows[0], "BlockQuote", NULL);
    flow_row_tag_end(&b->rows[b->nrows - 1]);
    b->unsplittable = true;
    b->floats = true;
    b->space_before = st->pullquote.space_before > 0 ? st->pullquote.space_before : st->body.leading;
    b->space_after = st->pullquote.space_after > 0 ? st->pullquote.space_after : st->body.leading;
    push(c, b);
    c->prev_paragraph = false;
}

static void build_byline(block_builder *bb, const node *k, container *c)
{
    const style *st = bb->st;
    flow_block *b = new_block(bb, k);
    text_env plain = bb->env;
    plain.hyph = NULL;
    /* a portrait stands beside the name and role */
    byline_portrait bp;
    layout_picture_portrait_begin(bb, k, c->width, &bp);
    double tx = c->x + bp.text_x, tw = c->width - bp.text_x;
    for (const node *p = k->first; p; p = p->next) {
        if (p->type == NODE_FIGURE)
            continue;
        const style_text *ts = p->type == NODE_BYLINE_ROLE ? &st->byline_role : &st->byline_name;
        rich_text rt;
        rich_text_init(&rt);
        rich_append_inlines(&rt, p, ts, &plain);
        style_text flush = *ts;
        flush.justify = false;
        blocks_add_text_rows(bb, b, &rt, &flush, tx, tw, 0, PANGO_ALIGN_LEFT, ROLE_BODY);
        rich_text_clear(&rt);
    }
    if (!b->nrows) {
        flow_block_free(b);
        layout_picture_portrait_end(bb, &bp, NULL, c->x);
        return;
    }
    flow_row_tag_begin(&b->rows[0], "P", NULL);
    flow_row_tag_end(&b->rows[b->nrows - 1]);
    layout_picture_portrait_end(bb, &bp, b, c->x);
    b->unsplittable = true;
    b->space_before = st->byline_name.space_before > 0 ? st->byline_name.space_before
                                                       : st->body.leading;
    b->space_after = st->byline_role.space_after > 0 ? st->byline_role.space_after
                                                     : st->body.leading;
    /* in running text, the byline with its space takes whole lines of the
     * body's grid, so a column ending in it lines up with its neighbour */
    if (c->ts == bb->body && c->x == 0 && bb->body->leading > 0) {
        double h = flow_block_height(b);
        double g = bb->body->leading;
        double whole = ceil((b->space_before + h) / g - 0.01) * g;
        b->space_before = whole - h;
    }
    push(c, b);
    c->prev_paragraph = false;
}

/* A sidebar's blocks become one tinted block: set inside a padding. */
static void build_sidebar(block_builder *bb, const node *k, container *c)
{
    const style *st = bb->st;
    double pad = st->sidebar.size * 0.8;
    GPtrArray *inner = g_ptr_array_new();
    container sc = {inner, c->x + pad, c->width - 2 * pad, &st->sidebar, false, NULL};
    build_blocks(bb, k, &sc);
    flow_block *b = new_block(bb, k);
    flow_block_add_row(b, pad);
    for (guint i = 0; i < inner->len; i++) {
        flow_block *ib = g_ptr_array_index(inner, i);
        if (i > 0 && ib->space_before > 0)
            flow_block_add_row(b, ib->space_before);
        for (size_t j = 0; j < ib->nrows; j++) {
            flow_row *r = flow_block_add_row(b, 0);
            *r = ib->rows[j]; /* the rows move: ib no longer owns them */
        }
        ib->nrows = 0;
        flow_block_free(ib);
    }
    g_ptr_array_free(inner, TRUE);
    flow_block_add_row(b, pad);
    flow_row_tag_begin(&b->rows[0], "Div", NULL);
    flow_row_tag_end(&b->rows[b->nrows - 1]);
    b->tinted = true;
    color_of(b->tint, st->sidebar_tint);
    b->unsplittable = flow_block_height(b) <= bb->col_h;
    b->space_before = b->space_after = st->body.leading;
    push(c, b);
    c->prev_paragraph = false;
}

static void figure_caption_rows(block_builder *bb, flow_block *b, const node *k, double x,
                                double w)
{
    layout_picture_caption_rows(bb, b, k, x, w);
}

static void build_bleed(block_builder *bb, const node *k, flow_block *b, const picture_info *pi,
                        const char *path)
{
    layout_picture_bleed(bb, k, b, pi, path);
}

static void build_figure(block_builder *bb, const node *k, container *c)
{
    const style *st = bb->st;
    flow_block *b = new_block(bb, k);
    const char *url = k->as.image.url ? k->as.image.url : "";
    figure_place place = k->as.image.place;
    /* a .wide figure is set across the columns, from the first one's edge */
    double x = place == FIG_WIDE ? 0 : c->x;
    double width = place == FIG_WIDE && bb->full_w > 0 ? bb->full_w : c->width;
    picture_info pi;
    char *path = NULL;
    if (place == FIG_BLEED && layout_picture_probe(bb, k, &pi, &path)) {
        build_bleed(bb, k, b, &pi, path);
        g_free(path);
        push(c, b);
        c->prev_paragraph = false;
        return;
    }
    if (path || layout_picture_probe(bb, k, &pi, &path)) {
        double w = width, h = w * pi.height / pi.width;
        double maxh = bb->col_h * (place == FIG_WIDE ? 0.6 : 0.75);
        if (maxh > 0 && h > maxh) {
            h = maxh;
            w = h * pi.width / pi.height;
        }
        layout_picture_check_ppi(bb, k, &pi, w, h);
        flow_row *r = flow_block_add_row(b, h + st->caption.leading * 0.4);
        layout_picture_box(bb, &r->boxes, k, path, x, 0, w, h, b->id);
        if (k->as.image.credit) {
            layout_picture_credit_rows(bb, b, k, x, w);
        }
    } else {
        rich_text rt;
        rich_text_init(&rt);
        g_string_append(rt.text, "[");
        rich_append_plain(&rt, k->as.image.alt && *k->as.image.alt ? k->as.image.alt : url,
                          &st->caption, &bb->env);
        g_string_append(rt.text, "]");
        blocks_add_text_rows(bb, b, &rt, &st->caption, x, width, 0, PANGO_ALIGN_LEFT,
                             ROLE_BODY);
        rich_text_clear(&rt);
    }
    g_free(path);
    figure_caption_rows(bb, b, k, x, width);
    b->unsplittable = true;
    b->floats = place != FIG_WIDE;
    b->spans = place == FIG_WIDE;
    b->space_before = b->space_after = st->body.leading;
    push(c, b);
    c->prev_paragraph = false;
}

static void build_one(block_builder *bb, const node *k, container *c)
{
    if (c->wrap && k->type != NODE_PARAGRAPH)
        finish_wrap(bb, c);
    if (k->type == NODE_FIGURE && k->as.image.place == FIG_INSET && build_inset(bb, k, c))
        return;
    const style *st = bb->st;
    {
        switch (k->type) {
        case NODE_PARAGRAPH:
            build_paragraph(bb, k, c);
            break;
        case NODE_HEADING:
            build_heading(bb, k, c);
            break;
        case NODE_LIST:
            build_list(bb, k, c);
            break;
        case NODE_ITEM:
            build_blocks(bb, k, c);
            break;
        case NODE_BLOCK_QUOTE: {
            /* set apart: indented, in the style's [blockquote] text, with
             * its space before and after */
            double ind = nest_indent(bb, c, c->ts->size * 1.6);
            bool running = c->ts == bb->body;
            container qc = {c->out, c->x + ind, c->width - ind,
                            running ? &st->blockquote : c->ts, false, NULL};
            size_t before = c->out->len;
            build_blocks(bb, k, &qc);
            if (c->out->len > before) {
                flow_block *fb = g_ptr_array_index(c->out, before);
                flow_row_tag_begin(&fb->rows[0], "BlockQuote", NULL);
                flow_block *lb = last_block(c);
                flow_row_tag_end(&lb->rows[lb->nrows - 1]);
                if (running) {
                    fb->space_before = MAX(fb->space_before, st->blockquote.space_before);
                    lb->space_after = MAX(lb->space_after, st->blockquote.space_after);
                }
            }
            c->prev_paragraph = false;
            break;
        }
        case NODE_CODE_BLOCK:
            build_code(bb, k, c);
            break;
        case NODE_THEMATIC_BREAK: {
            flow_block *b = new_block(bb, k);
            double w = c->width / 4;
            rule_row(b, c->x + (c->width - w) / 2, w, st->body.leading, st->body.leading / 2, st,
                     st->rule_color, st->rule_width);
            push(c, b);
            c->prev_paragraph = false;
            break;
        }
        case NODE_TABLE:
            build_table(bb, k, c);
            break;
        case NODE_FIGURE:
            build_figure(bb, k, c);
            break;
        case NODE_PULLQUOTE:
            build_pullquote(bb, k, c);
            break;
        case NODE_BYLINE:
            build_byline(bb, k, c);
            break;
        case NODE_SIDEBAR:
            build_sidebar(bb, k, c);
            break;
        case NODE_FOOTNOTE_DEF:
            break; /* set by blocks_build_notes, placed by the flow */
        default:
            if (!node_is_inline(k))
                build_blocks(bb, k, c);
            break;
        }
    }
}

static void build_blocks(block_builder *bb, const node *parent, container *c)
{
    for (const node *k = parent->first; k; k = k->next)
        build_one(bb, k, c);
    finish_wrap(bb, c);
}


GPtrArray *blocks_build_body(block_builder *bb, const node *article)
{
    GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify)flow_block_free);
    container c = {out, 0, bb->col_w, bb->body, false, NULL};
    /* Sections: a level-2 heading opens one that lasts to the next. */
    bool in_sect = false;
    for (const node *k = article->first; k; k = k->next) {
        if (c.wrap && k->type != NODE_PARAGRAPH)
            finish_wrap(bb, &c); /* before a section opens: it is not the section's */
        bool sect_start = k->type == NODE_HEADING && k->as.heading.level == 2;
        if (sect_start && in_sect && out->len) {
            flow_block *lb = g_ptr_array_index(out, out->len - 1);
            flow_row_tag_end(&lb->rows[lb->nrows - 1]);
            in_sect = false;
        }
        size_t before = out->len;
        build_one(bb, k, &c);
        if (sect_start && out->len > before) {
            flow_block *fb = g_ptr_array_index(out, before);
            flow_row_tag_begin(&fb->rows[0], "Sect", NULL);
            in_sect = true;
        }
    }
    finish_wrap(bb, &c);
    if (in_sect && out->len) {
        flow_block *lb = g_ptr_array_index(out, out->len - 1);
        flow_row_tag_end(&lb->rows[lb->nrows - 1]);
    }
    return out;
}

/* A note is set as one paragraph: its other blocks (lists, quotes, code,
 * tables) as plain text, one line for each paragraph, item, code line or
 * table row, so their words stay apart. */
static void note_block_text(const node *n, GString *out)
{
    switch (n->type) {
    case NODE_PARAGRAPH: case NODE_HEADING: case NODE_FIGURE: case NODE_ATTRIBUTION:
    case NODE_BYLINE_NAME: case NODE_BYLINE_ROLE: case NODE_TABLE_CELL: {
        if (out->len)
            g_string_append(out, n->type == NODE_TABLE_CELL && n->prev ? " " : "\xE2\x80\xA8");
        if (n->parent && n->parent->type == NODE_ITEM && n == n->parent->first)
            g_string_append(out, "\xE2\x80\x93 "); /* an item's dash */
        char *t = tree_plain_text(n);
        g_string_append(out, t);
        g_free(t);
        return;
    }
    case NODE_CODE_BLOCK: {
        char **lines = g_strsplit(n->text ? n->text : "", "\n", -1);
        for (char **l = lines; *l; l++)
            if (**l) {
                if (out->len)
                    g_string_append(out, "\xE2\x80\xA8");
                g_string_append(out, *l);
            }
        g_strfreev(lines);
        return;
    }
    default:
        for (const node *k = n->first; k; k = k->next)
            note_block_text(k, out);
    }
}

void blocks_build_notes(block_builder *bb, const node *article)
{
    const style *st = bb->st;
    /* Every note's block exists before any is set, so a note that refers
     * to another finds it, whatever their order. */
    for (const node *k = article->first; k; k = k->next) {
        if (k->type != NODE_FOOTNOTE_DEF)
            continue;
        flow_block *b = new_block(bb, k);
        b->note_number = k->as.note.number;
        g_ptr_array_add(bb->notes, b);
    }
    for (const node *k = article->first; k; k = k->next) {
        if (k->type != NODE_FOOTNOTE_DEF)
            continue;
        flow_block *b = blocks_note(bb, k->as.note.number);
        rich_text rt;
        rich_text_init(&rt);
        char num[16];
        g_snprintf(num, sizeof num, "%d", k->as.note.number);
        rich_append_bold(&rt, num);
        int num_end = (int)rt.text->len;
        g_string_append(rt.text, "\xE2\x80\x83"); /* em space after the number */
        bool first = true;
        for (const node *p = k->first; p; p = p->next) {
            if (!first)
                g_string_append(rt.text, "\xE2\x80\xA8");
            first = false;
            if (p->type == NODE_PARAGRAPH)
                rich_append_inlines(&rt, p, &st->footnote, &bb->env);
            else {
                GString *t = g_string_new(NULL);
                note_block_text(p, t);
                rich_append_plain(&rt, t->str, &st->footnote, &bb->env);
                g_string_free(t, TRUE);
            }
        }
        /* the number links back to the reference */
        text_link back = {0, num_end, g_strdup_printf("ref-%d", k->as.note.number), false};
        g_array_append_val(rt.links, back);
        blocks_add_text_rows(bb, b, &rt, &st->footnote, 0, bb->col_w, 0, PANGO_ALIGN_LEFT,
                             ROLE_NOTE);
        rich_text_clear(&rt);
        if (!b->nrows)
            continue;
        box *dst = box_list_add(&b->rows[0].boxes, BOX_DEST);
        dst->text = g_strdup_printf("note-%d", k->as.note.number);
        for (size_t i = 0; i < b->nrows; i++)
            for (size_t j = 0; j < b->rows[i].boxes.count; j++)
                b->rows[i].boxes.items[j].note = b->note_number;
        /* the mark that starts the part of a note continued in the next column */
        rich_text_init(&rt);
        char *mark = g_strdup_printf("%d (%s)", k->as.note.number,
                                     words_get(bb->lang, WORD_CONTINUED));
        rich_append_plain(&rt, mark, &st->footnote, &bb->env);
        g_free(mark);
        flow_block tmp = {0};
        tmp.node = k;
        tmp.id = b->id;
        blocks_add_text_rows(bb, &tmp, &rt, &st->footnote, 0, bb->col_w, 0, PANGO_ALIGN_LEFT,
                             ROLE_NOTE);
        rich_text_clear(&rt);
        b->continued = g_new0(flow_row, 1);
        *b->continued = tmp.rows[0];
        for (size_t i = 1; i < tmp.nrows; i++)
            flow_row_clear(&tmp.rows[i]);
        g_free(tmp.rows);
        for (size_t j = 0; j < b->continued->boxes.count; j++)
            b->continued->boxes.items[j].note = b->note_number;
    }
}

flow_block *blocks_build_header(block_builder *bb, const node *article, double w)
{
    const style *st = bb->st;
    const article_meta *m = &article->as.article;
    flow_block *b = new_block(bb, article);
    text_env plain = bb->env;
    plain.hyph = NULL;
    struct { const char *text; const style_text *ts; const char *tag; } parts[] = {
        {m->rubric, &st->rubric, "P"},
        {m->title, &st->title, "H1"},
        {m->subtitle, &st->subtitle, "P"},
    };
    for (int i = 0; i < 3; i++) {
        if (!parts[i].text)
            continue;
        if (b->nrows && parts[i].ts->space_before > 0)
            flow_block_add_row(b, parts[i].ts->space_before);
        size_t first = b->nrows;
        rich_text rt;
        rich_text_init(&rt);
        /* rubric and title are display type: they shrink, never break */
        style_text flush = i < 2 ? display_fit(bb, parts[i].text, parts[i].ts, w, article->pos,
                                               i == 0 ? "rubric" : "title")
                                 : *parts[i].ts;
        flush.justify = false;
        rich_append_plain(&rt, parts[i].text, &flush, &plain);
        blocks_add_text_rows(bb, b, &rt, &flush, 0, w, 0, PANGO_ALIGN_LEFT, ROLE_HEADER);
        rich_text_clear(&rt);
        if (b->nrows > first) {
            flow_row_tag_begin(&b->rows[first], parts[i].tag, NULL);
            flow_row_tag_end(&b->rows[b->nrows - 1]);
        }
        if (parts[i].ts->space_after > 0)
            flow_block_add_row(b, parts[i].ts->space_after);
    }
    if (m->lead) {
        if (st->lead.space_before > 0)
            flow_block_add_row(b, st->lead.space_before);
        size_t first = b->nrows;
        rich_text rt;
        rich_text_init(&rt);
        rich_append_inlines(&rt, m->lead, &st->lead, &bb->env);
        blocks_add_text_rows(bb, b, &rt, &st->lead, 0, w, 0, PANGO_ALIGN_LEFT, ROLE_HEADER);
        rich_text_clear(&rt);
        if (b->nrows > first) {
            flow_row_tag_begin(&b->rows[first], "P", NULL);
            flow_row_tag_end(&b->rows[b->nrows - 1]);
        }
    }
    /* a rule closes the header off from the columns */
    rule_row(b, 0, w, st->body.leading * 1.5, st->body.leading * 0.75, st, st->rule_color,
             st->rule_width);
    layout_picture_opener_space(bb, article, b);
    return b;
}

/* The first line's box of a paragraph that may be set again (its x is
 * the first-line indent: running text sits at the column's left edge),
 * with *cost; NULL when b is not one. */
static const box *refit_first_line(const block_builder *bb, const flow_block *b, int looseness,
                                   double *cost)
{
    *cost = 1;
    if (!b->node || b->node->type != NODE_PARAGRAPH || b->grid <= 0 || !b->is_paragraph ||
        b->nrows < 2)
        return NULL;
    const box *first = NULL, *last = NULL;
    for (size_t j = 0; j < b->rows[0].boxes.count && !first; j++)
        if (b->rows[0].boxes.items[j].kind == BOX_LINE)
            first = &b->rows[0].boxes.items[j];
    for (size_t j = 0; j < b->rows[b->nrows - 1].boxes.count && !last; j++)
        if (b->rows[b->nrows - 1].boxes.items[j].kind == BOX_LINE)
            last = &b->rows[b->nrows - 1].boxes.items[j];
    if (!first || !last || !last->line)
        return NULL;
    double full = bb->col_w > 0 ? last->line->width / bb->col_w : 1;
    *cost = looseness < 0 ? full : 1 - full;
    return first;
}

bool blocks_refit_cost(const block_builder *bb, const flow_block *b, int looseness, double *cost)
{
    return refit_first_line(bb, b, looseness, cost) != NULL;
}

flow_block *blocks_refit(block_builder *bb, const flow_block *b, int looseness, double *cost)
{
    const box *first = refit_first_line(bb, b, looseness, cost);
    if (!first)
        return NULL;
    rich_text rt;
    rich_text_init(&rt);
    rich_append_inlines(&rt, b->node, bb->body, &bb->env);
    flow_block *t = flow_block_new(b->node, b->id);
    int was = bb->looseness;
    bb->looseness = looseness;
    blocks_add_text_rows(bb, t, &rt, bb->body, 0, bb->col_w, first->x, PANGO_ALIGN_LEFT,
                         ROLE_BODY);
    bb->looseness = was;
    rich_text_clear(&rt);
    if (looseness < 0 ? t->nrows >= b->nrows : t->nrows <= b->nrows) {
        flow_block_free(t);
        return NULL;
    }
    t->space_before = b->space_before;
    t->space_after = b->space_after;
    t->is_paragraph = true;
    t->grid = b->grid;
    t->keep_with_next = b->keep_with_next;
    /* the same structure tags as the block it replaces */
    size_t ntags = 0;
    while (ntags < b->rows[0].boxes.count && b->rows[0].boxes.items[ntags].kind == BOX_TAG_BEGIN)
        ntags++;
    for (size_t j = ntags; j > 0; j--) { /* each goes to the front: innermost first */
        const box *x = &b->rows[0].boxes.items[j - 1];
        flow_row_tag_begin(&t->rows[0], x->text, x->attrs && *x->attrs ? x->attrs : NULL);
    }
    /* closing tags sit at the end of the last row, after its line */
    const flow_row *lr = &b->rows[b->nrows - 1];
    for (size_t j = lr->boxes.count; j > 0 && lr->boxes.items[j - 1].kind == BOX_TAG_END; j--)
        flow_row_tag_end(&t->rows[t->nrows - 1]);
    return t;
}
