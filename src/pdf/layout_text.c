/* layout_text.c - inlines to Pango text and attributes; Pango line breaking.
 *
 * Fonts are chosen by description only: the context comes from the private
 * font map, so a family that fonts/ lacks falls back inside fonts/, never
 * to the system's fonts. */
#include "pdf/layout_text.h"

#include <string.h>

void rich_text_init(rich_text *rt)
{
    rt->text = g_string_new(NULL);
    rt->attrs = pango_attr_list_new();
    rt->links = g_array_new(FALSE, TRUE, sizeof(text_link));
    rt->notes = g_array_new(FALSE, TRUE, sizeof(text_note_ref));
}

void rich_text_clear(rich_text *rt)
{
    if (!rt->text)
        return;
    g_string_free(rt->text, TRUE);
    pango_attr_list_unref(rt->attrs);
    for (guint i = 0; i < rt->links->len; i++)
        g_free(g_array_index(rt->links, text_link, i).target);
    g_array_free(rt->links, TRUE);
    g_array_free(rt->notes, TRUE);
    memset(rt, 0, sizeof *rt);
}

PangoFontDescription *text_font(const style_text *ts)
{
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, ts->family ? ts->family : "serif");
    pango_font_description_set_absolute_size(fd, ts->size * PANGO_SCALE);
    pango_font_description_set_weight(fd, (PangoWeight)(ts->weight ? ts->weight : 400));
    pango_font_description_set_style(fd, ts->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    return fd;
}

static void add_attr(rich_text *rt, PangoAttribute *a, int start)
{
    a->start_index = (guint)start;
    a->end_index = (guint)rt->text->len;
    pango_attr_list_insert(rt->attrs, a);
}

/* The state of the inline walk: what the enclosing inlines ask for. */
typedef struct {
    const style_text *ts;
    const text_env *env;
    bool italic, bold, mono, no_hyphen;
} inline_state;

static void append_text(rich_text *rt, const char *s, const inline_state *is)
{
    if (is->no_hyphen || is->mono || !is->ts->hyphenate)
        g_string_append(rt->text, s);
    else
        hyphenate_append(is->env->hyph, rt->text, s);
}

static void walk_inlines(rich_text *rt, const node *parent, inline_state is);

static void add_note_ref(rich_text *rt, const node *k, const inline_state *is)
{
    int start = (int)rt->text->len;
    char num[16];
    g_snprintf(num, sizeof num, "%d", k->as.note.number);
    g_string_append(rt->text, num);
    add_attr(rt, pango_attr_rise_new((int)(is->ts->size * 0.33 * PANGO_SCALE)), start);
    add_attr(rt, pango_attr_scale_new(0.62), start);
    text_note_ref ref = {start, k->as.note.number, k->as.note.def};
    g_array_append_val(rt->notes, ref);
    text_link l = {start, (int)rt->text->len, g_strdup_printf("note-%d", k->as.note.number),
                   false};
    g_array_append_val(rt->links, l);
}

static void walk_one(rich_text *rt, const node *k, inline_state is)
{
    int start = (int)rt->text->len;
    const style *st = is.env->st;
    switch (k->type) {
    case NODE_TEXT:
        append_text(rt, k->text, &is);
        break;
    case NODE_SOFTBREAK:
        g_string_append_c(rt->text, ' ');
        break;
    case NODE_LINEBREAK:
        g_string_append(rt->text, "\xE2\x80\xA8"); /* U+2028: a line break in the paragraph */
        break;
    case NODE_EMPH:
        is.italic = !is.italic;
        walk_inlines(rt, k, is);
        add_attr(rt, pango_attr_style_new(is.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL),
                 start);
        break;
    case NODE_STRONG:
        is.bold = true;
        walk_inlines(rt, k, is);
        add_attr(rt, pango_attr_weight_new(PANGO_WEIGHT_BOLD), start);
        break;
    case NODE_STRIKE:
        walk_inlines(rt, k, is);
        add_attr(rt, pango_attr_strikethrough_new(TRUE), start);
        break;
    case NODE_CODE:
        g_string_append(rt->text, k->text);
        add_attr(rt, pango_attr_family_new(st->mono_family ? st->mono_family : "monospace"), start);
        add_attr(rt, pango_attr_scale_new(0.88), start);
        break;
    case NODE_LINK: {
        is.no_hyphen = true;
        walk_inlines(rt, k, is);
        add_attr(rt, pango_attr_foreground_new((guint16)(st->accent.r * 65535),
                                               (guint16)(st->accent.g * 65535),
                                               (guint16)(st->accent.b * 65535)),
                 start);
        /* A link annotation repeats its URL on every line it spans; a URL
         * beyond any real address's length is set as text only, so a
         * pasted megabyte cannot multiply into the PDF. */
        if (!k->as.link.url || strlen(k->as.link.url) > LAYOUT_MAX_LINK_URL)
            break;
        text_link l = {start, (int)rt->text->len, g_strdup(k->as.link.url), true};
        if (l.target && l.start < l.end)
            g_array_append_val(rt->links, l);
        else
            g_free(l.target);
        break;
    }
    case NODE_IMAGE:
        /* an inline picture is set as its alt text: nothing is lost */
        append_text(rt, k->as.image.alt ? k->as.image.alt : "", &is);
        break;
    case NODE_FOOTNOTE_REF:
        add_note_ref(rt, k, &is);
        break;
    case NODE_SUPERSCRIPT:
    case NODE_SUBSCRIPT:
        walk_inlines(rt, k, is);
        add_attr(rt, pango_attr_rise_new((int)((k->type == NODE_SUPERSCRIPT ? 0.33 : -0.15) *
                                               is.ts->size * PANGO_SCALE)),
                 start);
        add_attr(rt, pango_attr_scale_new(0.7), start);
        break;
    case NODE_SPAN_LANG:
        walk_inlines(rt, k, is);
        if (k->as.span.lang)
            add_attr(rt, pango_attr_language_new(pango_language_from_string(k->as.span.lang)),
                     start);
        break;
    default:
        walk_inlines(rt, k, is);
        break;
    }
}

static void walk_inlines(rich_text *rt, const node *parent, inline_state is)
{
    for (const node *k = parent->first; k; k = k->next)
        walk_one(rt, k, is);
}

void rich_append_inlines(rich_text *rt, const node *parent, const style_text *ts,
                         const text_env *env)
{
    inline_state is = {ts, env, ts->italic, ts->weight >= 600, false, false};
    walk_inlines(rt, parent, is);
}

void rich_append_plain(rich_text *rt, const char *s, const style_text *ts, const text_env *env)
{
    inline_state is = {ts, env, ts->italic, false, false, false};
    if (s)
        append_text(rt, s, &is);
}

void rich_append_bold(rich_text *rt, const char *s)
{
    int start = (int)rt->text->len;
    g_string_append(rt->text, s);
    add_attr(rt, pango_attr_weight_new(PANGO_WEIGHT_BOLD), start);
}

void rich_text_slice(const rich_text *rt, int start, int end, rich_text *out)
{
    rich_text_init(out);
    g_string_append_len(out->text, rt->text->str + start, end - start);
    GSList *attrs = pango_attr_list_get_attributes(rt->attrs);
    for (GSList *l = attrs; l; l = l->next) {
        PangoAttribute *a = l->data;
        int as = (int)a->start_index, ae = a->end_index > (guint)G_MAXINT ? G_MAXINT
                                                                           : (int)a->end_index;
        if (ae <= start || as >= end) {
            pango_attribute_destroy(a);
            continue;
        }
        a->start_index = (guint)(MAX(as, start) - start);
        a->end_index = (guint)(MIN(ae, end) - start);
        pango_attr_list_insert(out->attrs, a);
    }
    g_slist_free(attrs);
    for (guint i = 0; i < rt->links->len; i++) {
        text_link l = g_array_index(rt->links, text_link, i);
        if (l.end <= start || l.start >= end)
            continue;
        l.start = MAX(l.start, start) - start;
        l.end = MIN(l.end, end) - start;
        l.target = g_strdup(l.target);
        g_array_append_val(out->links, l);
    }
    for (guint i = 0; i < rt->notes->len; i++) {
        text_note_ref n = g_array_index(rt->notes, text_note_ref, i);
        if (n.index < start || n.index >= end)
            continue;
        n.index -= start;
        g_array_append_val(out->notes, n);
    }
}

int rich_text_chunk_end(const rich_text *rt, int start, int max_bytes)
{
    int len = (int)rt->text->len;
    if (len - start <= max_bytes)
        return len;
    const char *s = rt->text->str;
    int limit = start + max_bytes;
    /* after the last space before the limit */
    for (int i = limit; i > start + max_bytes / 2; i--)
        if (s[i - 1] == ' ')
            return i;
    /* A run without spaces: Pango breaks it at characters, in time that
     * grows with the square of the run, so such pieces are kept short. */
    limit = start + RICH_TEXT_MAX_UNBROKEN;
    const char *b = g_utf8_find_prev_char(s + start, s + limit);
    return b && b > s + start ? (int)(b - s) : limit;
}

/* Attributes that apply to the whole paragraph from its style. */
static PangoAttrList *paragraph_attrs(const rich_text *rt, const style_text *ts)
{
    PangoAttrList *l = pango_attr_list_copy(rt->attrs);
    if (!l)
        l = pango_attr_list_new();
    PangoAttribute *a;
    if (ts->caps) {
        a = pango_attr_text_transform_new(PANGO_TEXT_TRANSFORM_UPPERCASE);
        pango_attr_list_insert_before(l, a);
    }
    if (ts->tracking != 0) {
        a = pango_attr_letter_spacing_new((int)(ts->tracking * ts->size * PANGO_SCALE));
        pango_attr_list_insert_before(l, a);
    }
    return l;
}

para_lines *layout_break_paragraph(PangoContext *ctx, const rich_text *rt,
                                   const style_text *ts, double width, double indent,
                                   PangoAlignment align)
{
    PangoLayout *layout = pango_layout_new(ctx);
    PangoFontDescription *fd = text_font(ts);
    pango_layout_set_font_description(layout, fd);
    pango_layout_set_text(layout, rt->text->str, (int)rt->text->len);
    PangoAttrList *attrs = paragraph_attrs(rt, ts);
    pango_layout_set_attributes(layout, attrs);
    pango_attr_list_unref(attrs);
    /* width 0 means a label or a line that must not wrap */
    pango_layout_set_width(layout, width > 0 ? (int)(width * PANGO_SCALE) : -1);
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_indent(layout, (int)(indent * PANGO_SCALE));
    pango_layout_set_alignment(layout, align);
    pango_layout_set_justify(layout, ts->justify && align == PANGO_ALIGN_LEFT);

    para_lines *p = g_new0(para_lines, 1);
    p->layout = layout;
    p->nlines = pango_layout_get_line_count(layout);
    p->leading = ts->leading > 0 ? ts->leading : ts->size * 1.3;
    PangoFontMetrics *m = pango_context_get_metrics(ctx, fd, NULL);
    double asc = pango_font_metrics_get_ascent(m) / (double)PANGO_SCALE;
    double desc = pango_font_metrics_get_descent(m) / (double)PANGO_SCALE;
    pango_font_metrics_unref(m);
    pango_font_description_free(fd);
    /* Centre the font's ascent+descent in the line slot: lines of any
     * size sit evenly in their leading. */
    p->baseline = (p->leading - (asc + desc)) / 2 + asc;
    p->line_x = g_new0(double, p->nlines > 0 ? p->nlines : 1);
    PangoLayoutIter *it = pango_layout_get_iter(layout);
    int i = 0;
    do {
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it, NULL, &logical);
        if (i < p->nlines)
            p->line_x[i++] = logical.x / (double)PANGO_SCALE;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    return p;
}

void para_lines_free(para_lines *p)
{
    if (!p)
        return;
    g_object_unref(p->layout);
    g_free(p->line_x);
    g_free(p);
}

int para_line_of_index(const para_lines *p, int i)
{
    int line = 0, x;
    pango_layout_index_to_line_x(p->layout, i, FALSE, &line, &x);
    return line;
}
