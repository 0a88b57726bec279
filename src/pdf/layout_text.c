/* layout_text.c - inlines to Pango text and attributes; line breaking
 * (total fit by linebreak.c, realised on Pango; or Pango's first fit).
 *
 * Fonts are chosen by description only: the context comes from the private
 * font map, so a family that fonts/ lacks falls back inside fonts/, never
 * to the system's fonts. */
#include "pdf/layout_text.h"

#include <math.h>
#include <string.h>

#include "pdf/font_metrics.h"
#include "pdf/linebreak.h"

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
    const hyphenator *hyph;   /* the passage's language; NULL: never hyphenate */
} inline_state;

static void append_text(rich_text *rt, const char *s, const inline_state *is)
{
    if (is->no_hyphen || is->mono || !is->ts->hyphenate)
        g_string_append(rt->text, s);
    else
        hyphenate_append(is->hyph, is->env->exceptions, rt->text, s);
}

static void walk_inlines(rich_text *rt, const node *parent, inline_state is);

/* A web address may break after / ? & = (not inside ://; after - and .
 * it may anyway, as the last resort): a zero-width space there gives
 * Pango and the line breaker the same break opportunity as a space,
 * without a visible character.  (More of them, after every dot, make
 * Pango 1.50 overrun a chosen break: it keeps no allow_breaks=false at a
 * zero-width space, so the next one within the slack wins.) */
static void append_url(rich_text *rt, const char *s)
{
    for (const char *p = s; *p; p++) {
        char prev = p > s ? p[-1] : 0;
        g_string_append_c(rt->text, *p);
        bool after = (*p == '/' || *p == '?' || *p == '&' || *p == '=') && p[1] &&
                     p[1] != '/' && !(*p == '/' && prev == '/') && prev != ':';
        if (after)
            g_string_append(rt->text, "\xE2\x80\x8B");
    }
}

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
        if (is.no_hyphen && k->parent && k->parent->type == NODE_LINK && k->text &&
            !strchr(k->text, ' ') && (strchr(k->text, '/') || strchr(k->text, '.')))
            append_url(rt, k->text);
        else
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
        /* A passage in another language takes that language's patterns
         * (where the text around it is hyphenated at all). */
        if (is.hyph && is.env->hyphens && k->as.span.lang)
            is.hyph = hyphen_set_get(is.env->hyphens, k->as.span.lang);
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
    inline_state is = {ts, env, ts->italic, ts->weight >= 600, false, false, env->hyph};
    walk_inlines(rt, parent, is);
}

void rich_append_plain(rich_text *rt, const char *s, const style_text *ts, const text_env *env)
{
    inline_state is = {ts, env, ts->italic, false, false, false, env->hyph};
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
        /* A soft hyphen is a cluster of its own: spaced like a letter, it
         * would double the space between the two letters around it (a
         * gap a reader sees, and a text extractor takes for a space). */
        for (const char *p = strstr(rt->text->str, "\xC2\xAD"); p; p = strstr(p + 2, "\xC2\xAD")) {
            a = pango_attr_letter_spacing_new(0);
            a->start_index = (guint)(p - rt->text->str);
            a->end_index = a->start_index + 2;
            pango_attr_list_insert(l, a);
        }
    }
    /* Text that must not be hyphenated gets no hyphen either where Pango
     * has to break a word too long for its line. */
    if (!ts->hyphenate) {
        pango_attr_list_insert_before(l, pango_attr_insert_hyphens_new(FALSE));
        /* ...except where a soft hyphen stands: one typed by the editor,
         * or one layout_break_paragraph put where it had to cut a word;
         * without its hyphen the word's halves would read as two words */
        for (const char *p = strstr(rt->text->str, "\xC2\xAD"); p; p = strstr(p + 2, "\xC2\xAD")) {
            a = pango_attr_insert_hyphens_new(TRUE);
            a->start_index = (guint)(p - rt->text->str);
            a->end_index = a->start_index + 2;
            pango_attr_list_insert(l, a);
        }
    }
    return l;
}

/* ---- total fit ---------------------------------------------------------
 *
 * The breaks are chosen by linebreak.c from widths that Pango measured on
 * one unwrapped layout of the paragraph (word widths, the stretch and
 * shrink of each space from its own width, break opportunities from
 * Pango's log attributes: spaces, soft hyphens, hyphens; inside words at
 * / . - only when nothing else fits).  They are then realised on a
 * PangoLayout of the same text, so callers' byte offsets (links, note
 * references) still hold: Pango may break only at the chosen points
 * (allow_breaks), in a layout a little wider than the measure, and each
 * line is then justified by setting the widths of its glyphs (tf_justify).
 * Where no one layout width suits every line, the lines that need it are
 * first brought near the measure with letter spacing (the slow way).
 * Should the realised lines still differ from the chosen ones, the
 * paragraph is set by Pango alone.  FOLIO_LINEBREAK=first-fit selects
 * Pango's breaking for every paragraph (for comparison);
 * FOLIO_LINEBREAK_DEBUG=1 reports paragraphs that fell back. */

#define STRETCH_OF_SPACE 0.5   /* of the space's natural width, as in TeX */
#define SHRINK_OF_SPACE 0.33
/* Letters take a little of the adjustment too (as letter spacing), so
 * that narrow columns need less of it between words: at most this much
 * of an em between two letters at the tolerance (r = 1). */
#define STRETCH_OF_LETTER 0.012
#define SHRINK_OF_LETTER 0.004

/* The layout options travel with the measuring context that every
 * paragraph is set with (layout_text_set_options). */
static const layout_options *context_options(PangoContext *ctx)
{
    static const layout_options defaults = {LINEBREAK_TOTAL_FIT, false, NULL, 0};
    const layout_options *o = g_object_get_data(G_OBJECT(ctx), "folio-layout-options");
    return o ? o : &defaults;
}

void layout_text_set_options(PangoContext *ctx, const layout_options *o)
{
    layout_options *copy = g_new(layout_options, 1);
    *copy = *o;
    copy->dump_path = NULL; /* not kept: the caller owns the string */
    g_object_set_data_full(G_OBJECT(ctx), "folio-layout-options", copy, g_free);
}

static bool first_fit_wanted(PangoContext *ctx)
{
    return context_options(ctx)->linebreak == LINEBREAK_FIRST_FIT;
}

static bool debug_wanted(PangoContext *ctx)
{
    return context_options(ctx)->linebreak_debug;
}

typedef struct {
    const char *text;
    double letter_stretch, letter_shrink;   /* per letter, in points */
    int nchars;
    int *offs;          /* byte offset of each character, nchars+1 */
    int *byte2char;     /* character of each byte that begins one */
    double *cw;         /* natural width of each character */
    double *x, *stretch, *shrink;
    bool *space;        /* stretchable space */
    bool *rigid;        /* inside a URL: never letter-spaced */
    double *space_stretch; /* prefix sums of the spaces' stretch alone */
    lb_break *brk;
    int nbrk;
    lb_line *lines;
    int nlines;
    double w_first, w_rest;
    const double *widths;  /* a paragraph shape (see lb_input), or NULL */
    int nwidths;
    /* the lines to realise and justify: nset of the nlines (0: all); the
     * others only say where the text goes on (a part of a shape) */
    int nset;
} tf_para;

/* The measure of line k. */
static double tf_width(const tf_para *t, int k)
{
    if (t->widths && k < t->nwidths)
        return t->widths[k];
    return k == 0 ? t->w_first : t->w_rest;
}

static int tf_nset(const tf_para *t)
{
    return t->nset > 0 && t->nset < t->nlines ? t->nset : t->nlines;
}

static void tf_free(tf_para *t)
{
    g_free(t->offs);
    g_free(t->byte2char);
    g_free(t->cw);
    g_free(t->x);
    g_free(t->stretch);
    g_free(t->shrink);
    g_free(t->space);
    g_free(t->rigid);
    g_free(t->space_stretch);
    g_free(t->brk);
    g_free(t->lines);
}

/* A layout of the paragraph's text with its attributes, wrapping at
 * width points (a width of 0 or less: no wrapping). */
static PangoLayout *paragraph_layout(PangoContext *ctx, const rich_text *rt,
                                     const PangoFontDescription *fd, PangoAttrList *attrs,
                                     double width, double indent, PangoAlignment align)
{
    PangoLayout *layout = pango_layout_new(ctx);
    pango_layout_set_font_description(layout, fd);
    pango_layout_set_text(layout, rt->text->str, (int)rt->text->len);
    pango_layout_set_attributes(layout, attrs);
    pango_layout_set_width(layout, width > 0 ? (int)(width * PANGO_SCALE) : -1);
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_indent(layout, (int)(indent * PANGO_SCALE));
    pango_layout_set_alignment(layout, align);
    font_metrics_prepare(layout);
    return layout;
}

/* The width of the hyphen Pango inserts at a break, per font.  Cached on
 * the context it was measured with (owned by it, freed with it), since a
 * run of paragraphs asks for the same few fonts. */
static double hyphen_width(PangoContext *ctx, const PangoFontDescription *fd)
{
    GHashTable *cache = g_object_get_data(G_OBJECT(ctx), "folio-hyphen-widths");
    if (!cache) {
        cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        g_object_set_data_full(G_OBJECT(ctx), "folio-hyphen-widths", cache,
                               (GDestroyNotify)g_hash_table_destroy);
    }
    char *key = pango_font_description_to_string(fd);
    double *w = g_hash_table_lookup(cache, key);
    if (w) {
        g_free(key);
        return *w;
    }
    PangoLayout *l = pango_layout_new(ctx);
    pango_layout_set_font_description(l, fd);
    pango_layout_set_text(l, "\xE2\x80\x90", -1); /* U+2010, the hyphen Pango inserts */
    font_metrics_prepare(l);
    PangoRectangle log;
    pango_layout_get_extents(l, NULL, &log);
    g_object_unref(l);
    w = g_new(double, 1);
    *w = log.width / (double)PANGO_SCALE;
    g_hash_table_insert(cache, key, w);
    return *w;
}

static bool is_emergency_char(gunichar c)
{
    return c == '/' || c == '.' || c == '-';
}

/* A link whose text has no space shows a web address (an autolink, a
 * bare URL): its characters are never letter-spaced (its break points
 * were put in by append_url). */
static void mark_urls(const rich_text *rt, tf_para *t)
{
    for (guint k = 0; k < rt->links->len; k++) {
        const text_link *l = &g_array_index(rt->links, text_link, k);
        if (!l->is_uri || l->end <= l->start || l->end > (int)rt->text->len ||
            memchr(rt->text->str + l->start, ' ', (size_t)(l->end - l->start)))
            continue;
        for (int i = 0; i < t->nchars; i++)
            if (t->offs[i] >= l->start && t->offs[i] < l->end)
                t->rigid[i] = true;
    }
}


/* Measures the paragraph and lists its break candidates. */
static bool tf_measure(PangoContext *ctx, const rich_text *rt, const PangoFontDescription *fd,
                       PangoAttrList *attrs, const style_text *ts, tf_para *t)
{
    t->letter_stretch = STRETCH_OF_LETTER * ts->size;
    t->letter_shrink = SHRINK_OF_LETTER * ts->size;
    PangoLayout *m = paragraph_layout(ctx, rt, fd, attrs, 0, 0, PANGO_ALIGN_LEFT);
    int nattrs = 0;
    const PangoLogAttr *la = pango_layout_get_log_attrs_readonly(m, &nattrs);
    int n = nattrs - 1;
    const char *text = rt->text->str;
    int len = (int)rt->text->len;
    t->text = text;
    t->nchars = n;
    t->offs = g_new(int, n + 1);
    int *byte2char = t->byte2char = g_new0(int, len + 1);
    int bi = 0;
    for (int i = 0; i < n; i++) {
        t->offs[i] = bi;
        byte2char[bi] = i;
        bi = (int)(g_utf8_next_char(text + bi) - text);
        if (bi > len)
            bi = len;
    }
    t->offs[n] = len;
    byte2char[len] = n;
    t->cw = g_new0(double, n + 1);
    bool ok = true;
    for (GSList *ll = pango_layout_get_lines_readonly(m); ll && ok; ll = ll->next) {
        PangoLayoutLine *line = ll->data;
        for (GSList *r = line->runs; r; r = r->next) {
            PangoGlyphItem *gi = r->data;
            if (gi->item->analysis.level % 2) {
                ok = false; /* right to left: left to Pango */
                break;
            }
            int nc = gi->item->num_chars;
            int *w = g_new(int, nc > 0 ? nc : 1);
            pango_glyph_item_get_logical_widths(gi, text, w);
            int c0 = byte2char[gi->item->offset];
            for (int j = 0; j < nc && c0 + j < n; j++)
                t->cw[c0 + j] += w[j] / (double)PANGO_SCALE;
            g_free(w);
        }
    }
    t->x = g_new(double, n + 1);
    t->stretch = g_new(double, n + 1);
    t->shrink = g_new(double, n + 1);
    t->space = g_new0(bool, n + 1);
    t->rigid = g_new0(bool, n + 1);
    t->space_stretch = g_new(double, n + 1);
    mark_urls(rt, t);
    t->x[0] = t->stretch[0] = t->shrink[0] = t->space_stretch[0] = 0;
    for (int i = 0; i < n; i++) {
        gunichar c = g_utf8_get_char(text + t->offs[i]);
        t->space[i] = c == ' ' || c == 0xA0;
        t->x[i + 1] = t->x[i] + t->cw[i];
        t->space_stretch[i + 1] =
            t->space_stretch[i] + (t->space[i] ? t->cw[i] * STRETCH_OF_SPACE : 0);
        /* Pango spaces every grapheme, a soft hyphen included; a URL's
         * letters keep their spacing */
        bool letter = !t->space[i] && !t->rigid[i] && la[i].is_cursor_position &&
                      !la[i].is_white;
        t->stretch[i + 1] = t->stretch[i] + (t->space[i]  ? t->cw[i] * STRETCH_OF_SPACE
                                             : letter ? t->letter_stretch
                                                      : 0);
        t->shrink[i + 1] = t->shrink[i] + (t->space[i]  ? t->cw[i] * SHRINK_OF_SPACE
                                           : letter ? t->letter_shrink
                                                    : 0);
    }
    double hyph = ok ? hyphen_width(ctx, fd) : 0;
    t->brk = g_new(lb_break, n + 1);
    t->nbrk = 0;
    for (int i = 1; ok && i <= n; i++) {
        gunichar prev = g_utf8_get_char(text + t->offs[i - 1]);
        lb_break b = {i, i, 0, LB_OTHER};
        if (i == n || la[i].is_mandatory_break) {
            b.kind = LB_FORCED;
            if (i < n || prev == 0x2028 || prev == '\n')
                b.end = i - 1 >= 0 && (prev == 0x2028 || prev == '\n' || prev == 0x2029) ? i - 1 : i;
        } else if (la[i].is_line_break) {
            if (la[i - 1].is_white)
                b.kind = LB_SPACE;
            else if (prev == 0xAD) {
                b.kind = LB_HYPHEN;
                b.extra = hyph;
            } else if (prev == '-' || prev == 0x2010)
                b.kind = LB_EXPLICIT;
        } else if (la[i].is_char_break && !la[i].is_white && !la[i - 1].is_white &&
                   prev != 0xAD && g_utf8_get_char(text + t->offs[i]) != 0xAD) {
            b.kind = is_emergency_char(prev) ? LB_EMERGENCY : LB_CHAR;
        } else {
            continue;
        }
        /* the line's text ends before its trailing spaces */
        while (b.end > 0 && b.end > (t->nbrk ? t->brk[t->nbrk - 1].pos : 0) &&
               la[b.end - 1].is_white && g_utf8_get_char(text + t->offs[b.end - 1]) != 0x2028)
            b.end--;
        t->brk[t->nbrk++] = b;
    }
    g_object_unref(m);
    return ok && t->nbrk > 0;
}

/* A copy of base where no break is allowed inside a chosen line, so
 * Pango can only break where the total-fit breaker decided. */
static PangoAttrList *chosen_breaks_only(PangoAttrList *base, const tf_para *t)
{
    PangoAttrList *attrs = pango_attr_list_copy(base);
    int start = 0;
    for (int k = 0; k < t->nlines; k++) {
        const lb_break *b = &t->brk[t->lines[k].brk];
        if (b->pos > start) {
            PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);
            a->start_index = (guint)t->offs[start];
            a->end_index = (guint)t->offs[b->pos];
            pango_attr_list_insert(attrs, a);
        }
        start = b->pos;
    }
    return attrs;
}

/* The layout with the chosen breaks: Pango may break only there.  The
 * layout is a little wider than the measure, so that a line still to be
 * shrunk fits; no chosen line leaves room for the next line's text. */
static PangoLayout *tf_realise(PangoContext *ctx, const rich_text *rt,
                               const PangoFontDescription *fd, PangoAttrList *base,
                               const tf_para *t, double width, double slack, double indent)
{
    PangoAttrList *attrs = chosen_breaks_only(base, t);
    PangoLayout *layout =
        paragraph_layout(ctx, rt, fd, attrs, width + slack, indent, PANGO_ALIGN_LEFT);
    pango_attr_list_unref(attrs);
    return layout;
}

/* Checks that Pango made the chosen lines, then justifies each: the
 * glyphs of its spaces and letters get the widths that bring the line to
 * the measure, in proportion to their stretch or shrink (what Pango's own
 * justification does to spaces).  This happens before anything asks for
 * the lines' extents, so all later measures see the justified lines.  The
 * actual width is taken from the glyphs: a hyphen Pango added, kerning and
 * ligatures are all counted. */
static bool tf_justify(PangoLayout *layout, const tf_para *t)
{
    /* (a part of a shape uses its first lines only) */
    if (pango_layout_get_line_count(layout) != t->nlines && tf_nset(t) == t->nlines &&
        debug_wanted(pango_layout_get_context(layout)))
        g_printerr("linebreak: %d lines, want %d\n", pango_layout_get_line_count(layout),
                   t->nlines);
    int start = 0;
    for (int k = 0; k < tf_nset(t); k++) {
        PangoLayoutLine *line = pango_layout_get_line(layout, k);
        const lb_break *b = &t->brk[t->lines[k].brk];
        if (!line || line->start_index != t->offs[start]) {
            if (debug_wanted(pango_layout_get_context(layout)))
                g_printerr("linebreak: line %d of %d: want %d got %d (%d lines) |%.20s|%.20s|\n", k, t->nlines,
                           t->offs[start], line ? line->start_index : -1,
                           pango_layout_get_line_count(layout), t->text + t->offs[start] - 20, t->text + t->offs[start]);
            return false;
        }
        int endb = t->offs[b->end];
        double w = tf_width(t, k);
        /* pass 1: the width of the line's text, and the room to adjust */
        double lw = 0, cap_sp = 0, cap_let = 0;
        bool stretch = true;
        for (int pass = 0; pass < 2; pass++) {
            double delta = w - lw;
            if (pass == 1) {
                if (!t->lines[k].justify && delta >= -0.01)
                    break;   /* a last line that fits: as it is */
                stretch = delta > 0;
            }
            if (pass == 1 && cap_sp + cap_let <= 0)
                break;
            for (GSList *r = line->runs; r; r = r->next) {
                PangoGlyphItem *gi = r->data;
                PangoGlyphString *gs = gi->glyphs;
                for (int g = 0; g < gs->num_glyphs; g++) {
                    int byte = gi->item->offset + gs->log_clusters[g];
                    bool cluster_end = g + 1 == gs->num_glyphs ||
                                       gs->log_clusters[g + 1] != gs->log_clusters[g];
                    if (byte >= endb) {
                        /* trailing spaces: no width (as Pango does for one) */
                        if (pass == 1)
                            gs->glyphs[g].geometry.width = 0;
                        continue;
                    }
                    int c = t->byte2char[byte];
                    bool sp = t->space[c];
                    if (pass == 0) {
                        lw += gs->glyphs[g].geometry.width / (double)PANGO_SCALE;
                        continue;
                    }
                    double weight = sp ? t->cw[c] * (stretch ? STRETCH_OF_SPACE : SHRINK_OF_SPACE)
                                       : (cluster_end && !t->rigid[c]
                                              ? (stretch ? t->letter_stretch : t->letter_shrink)
                                              : 0);
                    if (weight <= 0 || (!sp && !cluster_end))
                        continue;
                    double add = delta * weight / (cap_sp + cap_let);
                    gs->glyphs[g].geometry.width += (int)lround(add * PANGO_SCALE);
                }
            }
            if (pass == 0) {
                /* the capacities of stretch and of shrink */
                double sp_st = 0, sp_sh = 0, n_let = 0;
                for (int c = start; c < b->end; c++) {
                    if (t->space[c]) {
                        sp_st += t->cw[c] * STRETCH_OF_SPACE;
                        sp_sh += t->cw[c] * SHRINK_OF_SPACE;
                    }
                }
                for (GSList *r = line->runs; r; r = r->next) {
                    PangoGlyphItem *gi = r->data;
                    PangoGlyphString *gs = gi->glyphs;
                    for (int g = 0; g < gs->num_glyphs; g++) {
                        int byte = gi->item->offset + gs->log_clusters[g];
                        bool cluster_end = g + 1 == gs->num_glyphs ||
                                           gs->log_clusters[g + 1] != gs->log_clusters[g];
                        if (byte < endb && cluster_end && !t->space[t->byte2char[byte]] &&
                            !t->rigid[t->byte2char[byte]])
                            n_let++;
                    }
                }
                bool st = w - lw > 0;
                cap_sp = st ? sp_st : sp_sh;
                cap_let = n_let * (st ? t->letter_stretch : t->letter_shrink);
            }
        }
        start = b->pos;
    }
    return true;
}

/* How much wider than the measure the layout may be.  Pango must find
 * room for every chosen line before it is shrunk (lo: the widest
 * overshoot), and no room for the first word of the next line (hi): an
 * allow_breaks attribute does not remove a break where another attribute
 * begins, nor (Pango 1.50) at a soft hyphen, so such a break could
 * otherwise take the next line's first syllable. */
#define SPACED_SLACK 3.0

static double tf_slack(const tf_para *t, PangoAttrList *attrs, bool *conflict, bool *needs)
{
    /* the byte offsets where an attribute begins or ends */
    GHashTable *bounds = g_hash_table_new(g_direct_hash, g_direct_equal);
    GSList *all = pango_attr_list_get_attributes(attrs);
    for (GSList *l = all; l; l = l->next) {
        PangoAttribute *a = l->data;
        g_hash_table_add(bounds, GINT_TO_POINTER((int)MIN(a->start_index, G_MAXINT)));
        g_hash_table_add(bounds, GINT_TO_POINTER((int)MIN(a->end_index, G_MAXINT)));
        pango_attribute_destroy(a);
    }
    g_slist_free(all);
    double lo = 0, hi = HUGE_VAL;
    int start = 0, bi = 0;
    for (int k = 0; k < tf_nset(t); k++) {
        const lb_break *b = &t->brk[t->lines[k].brk];
        double w = tf_width(t, k);
        double nat = t->x[b->end] - t->x[start] + b->extra;
        if (nat - w > lo)
            lo = nat - w;
        /* for the slow way: lines that the fixed slack does not suit */
        needs[k] = nat - w + 0.5 > SPACED_SLACK;
        if (k + 1 < t->nlines) {
            /* the next line's first break opportunity */
            while (bi < t->nbrk && t->brk[bi].pos <= b->pos)
                bi++;
            int j = bi;
            while (j < t->nbrk && t->brk[j].kind != LB_FORCED && t->brk[j].kind != LB_HYPHEN &&
                   !g_hash_table_contains(bounds, GINT_TO_POINTER(t->offs[t->brk[j].pos])))
                j++;
            if (j < t->nbrk) {
                double ext = t->x[t->brk[j].end] - t->x[start] + t->brk[j].extra;
                if (ext - w < hi)
                    hi = ext - w;
                if (ext - w < SPACED_SLACK + 0.5)
                    needs[k] = true;
            }
        }
        start = b->pos;
    }
    g_hash_table_destroy(bounds);
    lo += 0.5; /* what the measure may have missed: a kern across a break */
    *conflict = lo >= hi;
    if (lo >= hi)
        return lo;
    return MIN(lo + 3.5, (lo + hi) / 2);
}

/* The sure way, for a paragraph where the fast one fails: every line
 * brought to the measure by letter spacing on its spaces and letters
 * (one attribute per space: slower to shape), so that no room is left
 * on any line.  corr[k] is added to line k's spaces. */
static PangoLayout *tf_realise_spaced(PangoContext *ctx, const rich_text *rt,
                               const PangoFontDescription *fd, PangoAttrList *base,
                               const style_text *ts, const tf_para *t, const double *corr,
                               const bool *needs, double width, double indent)
{
    PangoAttrList *attrs = chosen_breaks_only(base, t);
    int tracking = (int)(ts->tracking * ts->size * PANGO_SCALE);
    int start = 0;
    for (int k = 0; k < t->nlines; k++) {
        const lb_break *b = &t->brk[t->lines[k].brk];
        double r = t->lines[k].ratio;
        int nsp = 0;
        for (int j = start; j < b->end; j++)
            nsp += t->space[j];
        if (needs[k] && ((t->lines[k].justify && r != 0) || corr[k] != 0)) {
            bool has_url = false;
            for (int j = start; j < b->end; j++)
                has_url |= t->rigid[j];
            if (t->lines[k].justify && r != 0 && b->end > start && !has_url) {
                double ls = r > 0 ? r * t->letter_stretch : r * t->letter_shrink;
                PangoAttribute *a =
                    pango_attr_letter_spacing_new(tracking + (int)lround(ls * PANGO_SCALE));
                a->start_index = (guint)t->offs[start];
                a->end_index = (guint)t->offs[b->end];
                pango_attr_list_insert(attrs, a);
            }
            for (int j = start; j < b->end; j++) {
                if (!t->space[j])
                    continue;
                double d = t->lines[k].justify
                               ? (r > 0 ? r * t->cw[j] * STRETCH_OF_SPACE
                                        : r * t->cw[j] * SHRINK_OF_SPACE)
                               : 0;
                d += corr[k] / (nsp ? nsp : 1);
                PangoAttribute *a =
                    pango_attr_letter_spacing_new(tracking + (int)lround(d * PANGO_SCALE));
                a->start_index = (guint)t->offs[j];
                a->end_index = (guint)t->offs[j + 1];
                pango_attr_list_insert(attrs, a);
            }
        }
        start = b->pos;
    }
    PangoLayout *layout =
        paragraph_layout(ctx, rt, fd, attrs, width + SPACED_SLACK, indent, PANGO_ALIGN_LEFT);
    pango_attr_list_unref(attrs);
    return layout;
}

static PangoLayout *total_fit_spaced(PangoContext *ctx, const rich_text *rt,
                                     const PangoFontDescription *fd, PangoAttrList *attrs,
                                     const style_text *ts, const tf_para *t, const bool *needs,
                                     double width, double indent)
{
    double *corr = g_new0(double, t->nlines);
    PangoLayout *layout =
        tf_realise_spaced(ctx, rt, fd, attrs, ts, t, corr, needs, width, indent);
    g_free(corr);
    /* the letter spacing came near the measure; the glyphs make it exact */
    if (!tf_justify(layout, t)) {
        if (debug_wanted(ctx))
            g_printerr("linebreak: lines differ, first fit for: %.60s\n", rt->text->str);
        g_object_unref(layout);
        layout = NULL;
    }
    return layout;
}

/* The chosen lines of t realised on one layout width wide (or NULL). */
static PangoLayout *tf_lines_layout(PangoContext *ctx, const rich_text *rt,
                                    const PangoFontDescription *fd, PangoAttrList *attrs,
                                    const style_text *ts, const tf_para *t, double width,
                                    double indent)
{
    PangoLayout *layout = NULL;
    bool conflict = false;
    bool *needs = g_new0(bool, t->nlines);
    double slack = tf_slack(t, attrs, &conflict, needs);
    if (!conflict) {
        layout = tf_realise(ctx, rt, fd, attrs, t, width, slack, indent);
        if (!tf_justify(layout, t)) {
            g_object_unref(layout);
            layout = NULL;
        }
    }
    /* no one width lets Pango find the chosen lines: bring them near the
     * measure first */
    if (!layout)
        layout = total_fit_spaced(ctx, rt, fd, attrs, ts, t, needs, width, indent);
    g_free(needs);
    return layout;
}

static PangoLayout *total_fit_layout(PangoContext *ctx, const rich_text *rt,
                                     const PangoFontDescription *fd, PangoAttrList *attrs,
                                     const style_text *ts, double width, double indent,
                                     int looseness)
{
    tf_para t = {0};
    PangoLayout *layout = NULL;
    if (!tf_measure(ctx, rt, fd, attrs, ts, &t))
        goto out;
    t.w_first = indent > 0 ? width - indent : width;
    t.w_rest = indent < 0 ? width + indent : width;
    lb_input in = {t.x, t.stretch, t.shrink, t.brk, t.nbrk, t.w_first, t.w_rest,
                   t.space_stretch, looseness, NULL, 0};
    t.nlines = linebreak_total_fit(&in, &t.lines);
    if (t.nlines <= 0)
        goto out;
    layout = tf_lines_layout(ctx, rt, fd, attrs, ts, &t, width, indent);
out:
    tf_free(&t);
    return layout;
}

static PangoLayout *break_into_layout(PangoContext *ctx, const rich_text *rt,
                                      const PangoFontDescription *fd, const style_text *ts,
                                      double width, double indent, PangoAlignment align,
                                      int looseness)
{
    PangoAttrList *attrs = paragraph_attrs(rt, ts);
    PangoLayout *layout = NULL;
    if (width > 0 && ts->justify && align == PANGO_ALIGN_LEFT && rt->text->len > 0 &&
        !first_fit_wanted(ctx))
        layout = total_fit_layout(ctx, rt, fd, attrs, ts, width, indent, looseness);
    if (!layout) {
        /* width 0 means a label or a line that must not wrap */
        layout = paragraph_layout(ctx, rt, fd, attrs, width, indent, align);
        pango_layout_set_justify(layout, ts->justify && align == PANGO_ALIGN_LEFT);
    }
    pango_attr_list_unref(attrs);
    return layout;
}

/* Whether byte i lies in an address (a URL, a path, an e-mail address):
 * a token with '/' or '@'.  An address is cut without a hyphen, which a
 * reader would take for part of it. */
static bool in_address(const char *text, int len, int i)
{
    int a = i, b = i;
    while (a > 0 && i - a < 512 && text[a - 1] != ' ' && text[a - 1] != '\n')
        a--;
    while (b < len && b - i < 512 && text[b] != ' ' && text[b] != '\n')
        b++;
    for (int k = a; k < b; k++)
        if (text[k] == '/' || text[k] == '@')
            return true;
    return false;
}

/* Where a line end of layout cuts a word (a letter or digit on both sides,
 * not in an address), inserts a soft hyphen into rt between every two
 * letters of that word: Pango cuts a word that has no break point and does
 * not fit the measure between two letters, showing no hyphen, so a reader
 * would take the halves for two words; after a soft hyphen it shows one.
 * Returns how many it inserted. */
static int hyphenate_cuts(rich_text *rt, PangoLayout *layout)
{
    GArray *at = g_array_new(FALSE, FALSE, sizeof(int));
    const char *text = rt->text->str;
    int len = (int)rt->text->len;
    for (GSList *l = pango_layout_get_lines_readonly(layout); l && l->next; l = l->next) {
        const PangoLayoutLine *line = l->data;
        int end = line->start_index + line->length;
        if (end <= 0 || end >= len)
            continue;
        gunichar before = g_utf8_get_char(g_utf8_prev_char(text + end));
        gunichar after = g_utf8_get_char(text + end);
        if (!g_unichar_isalnum(before) || !g_unichar_isalnum(after) || in_address(text, len, end))
            continue;
        /* every letter boundary of the cut word, so that the next round
         * chooses the cut knowing the hyphen's width, and no soft hyphen
         * of an earlier choice is left where it may make a line of its own */
        int a = (int)(g_utf8_prev_char(text + end) - text), b = end;
        while (a > 0 && g_unichar_isalnum(g_utf8_get_char(g_utf8_prev_char(text + a))))
            a = (int)(g_utf8_prev_char(text + a) - text);
        while (b < len && g_unichar_isalnum(g_utf8_get_char(text + b)))
            b = (int)(g_utf8_next_char(text + b) - text);
        for (int k = (int)(g_utf8_next_char(text + a) - text); k < b;
             k = (int)(g_utf8_next_char(text + k) - text))
            if (!at->len || g_array_index(at, int, at->len - 1) < k)
                g_array_append_val(at, k);
    }
    /* from the last, so earlier positions stay valid */
    for (int i = (int)at->len - 1; i >= 0; i--) {
        int pos = g_array_index(at, int, i);
        g_string_insert_len(rt->text, pos, "\xC2\xAD", 2);
        pango_attr_list_update(rt->attrs, pos, 0, 2);
        for (guint k = 0; k < rt->links->len; k++) {
            text_link *lk = &g_array_index(rt->links, text_link, k);
            if (lk->start >= pos)
                lk->start += 2;
            if (lk->end > pos)
                lk->end += 2;
        }
        for (guint k = 0; k < rt->notes->len; k++) {
            text_note_ref *n = &g_array_index(rt->notes, text_note_ref, k);
            if (n->index >= pos)
                n->index += 2;
        }
    }
    int n = (int)at->len;
    g_array_free(at, TRUE);
    return n;
}

static para_lines *lines_of_layout(PangoContext *ctx, PangoLayout *layout,
                                   const PangoFontDescription *fd, const style_text *ts);

static para_lines *break_paragraph(PangoContext *ctx, rich_text *rt,
                                   const style_text *ts, double width, double indent,
                                   PangoAlignment align, int looseness)
{
    PangoFontDescription *fd = text_font(ts);
    PangoLayout *layout = break_into_layout(ctx, rt, fd, ts, width, indent, align, looseness);
    /* A cut word gets a soft hyphen at each letter; then it is set again
     * (a second cut in the same line set is rare: a word of two lines). */
    for (int round = 0; width > 0 && round < 3 && hyphenate_cuts(rt, layout) > 0; round++) {
        g_object_unref(layout);
        layout = break_into_layout(ctx, rt, fd, ts, width, indent, align, looseness);
    }

    para_lines *p = lines_of_layout(ctx, layout, fd, ts);
    pango_font_description_free(fd);
    return p;
}

/* The lines of a layout (taken over) set in fd at ts's leading. */
static para_lines *lines_of_layout(PangoContext *ctx, PangoLayout *layout,
                                   const PangoFontDescription *fd, const style_text *ts)
{
    para_lines *p = g_new0(para_lines, 1);
    p->layout = layout;
    p->nlines = pango_layout_get_line_count(layout);
    p->leading = ts->leading > 0 ? ts->leading : ts->size * 1.3;
    PangoFontMetrics *m = font_metrics_for_context(ctx, fd, NULL);
    double asc = pango_font_metrics_get_ascent(m) / (double)PANGO_SCALE;
    double desc = pango_font_metrics_get_descent(m) / (double)PANGO_SCALE;
    pango_font_metrics_unref(m);
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

para_lines *layout_break_paragraph(PangoContext *ctx, rich_text *rt,
                                   const style_text *ts, double width, double indent,
                                   PangoAlignment align)
{
    return break_paragraph(ctx, rt, ts, width, indent, align, 0);
}

para_lines *layout_break_paragraph_loose(PangoContext *ctx, rich_text *rt,
                                         const style_text *ts, double width, double indent,
                                         int looseness)
{
    return break_paragraph(ctx, rt, ts, width, indent, PANGO_ALIGN_LEFT, looseness);
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

/* ---- paragraph shapes --------------------------------------------------
 *
 * Text beside an inset: the paragraph broken by linebreak.c in one pass
 * with a measure for every line (TeX's \parshape).  Pango takes one width
 * per layout, so the lines of the shape are realised one by one: each on
 * a layout of its own text and the next line's (so that Pango sees where
 * the line goes on, and shows the hyphen of a soft hyphen at its end),
 * breakable only where the breaker chose, of which the first line is
 * used.  The lines after the shape are one more layout at the full
 * measure.  Where that cannot be done (first fit wanted, a word cut
 * between letters, Pango making other lines), the paragraph is set one
 * line at a time at each line's measure instead. */

static void part_add(GArray *parts, rich_text *text, para_lines *p, int nlines, int first_line)
{
    if (nlines < p->nlines)
        p->nlines = nlines;
    shaped_part sp = {.text = *text, .lines = p, .first_line = first_line};
    g_array_append_val(parts, sp); /* the part owns the text now */
}

/* The candidate of u that breaks before character pos, or -1. */
static int break_at(const tf_para *u, int pos)
{
    for (int i = 0; i < u->nbrk; i++)
        if (u->brk[i].pos == pos)
            return i;
    return -1;
}

/* Line k of t (whose text starts at character c0) as a part of its own, w
 * wide with the first-line indent when it is the paragraph's first. */
static bool shape_line_part(PangoContext *ctx, const rich_text *rt,
                            const PangoFontDescription *fd, const style_text *ts,
                            const tf_para *t, int k, int c0, double w, double indent,
                            GArray *parts)
{
    const lb_line *ln = &t->lines[k];
    int c1 = t->brk[ln->brk].pos;
    int c2 = k + 1 < t->nlines ? t->brk[t->lines[k + 1].brk].pos : t->nchars;
    rich_text s;
    rich_text_slice(rt, t->offs[c0], t->offs[c2], &s);
    PangoAttrList *attrs = paragraph_attrs(&s, ts);
    tf_para u = {0};
    PangoLayout *layout = NULL;
    int j = -1;
    if (tf_measure(ctx, &s, fd, attrs, ts, &u) && (j = break_at(&u, c1 - c0)) >= 0) {
        u.lines = g_new(lb_line, 2);
        u.lines[0] = (lb_line){j, ln->ratio, ln->justify};
        u.lines[1] = (lb_line){u.nbrk - 1, 0, false};
        u.nlines = j == u.nbrk - 1 ? 1 : 2;
        u.nset = 1;
        u.w_first = u.w_rest = indent > 0 ? w - indent : w;
        layout = tf_lines_layout(ctx, &s, fd, attrs, ts, &u, w, indent);
    }
    /* tf_justify checked where the line begins; here, where it ends */
    if (layout) {
        PangoLayoutLine *next = pango_layout_get_line_readonly(layout, 1);
        bool ends_right = u.nlines == 1 ? !next : next && next->start_index == u.offs[c1 - c0];
        if (!ends_right) {
            g_object_unref(layout);
            layout = NULL;
        }
    }
    tf_free(&u);
    pango_attr_list_unref(attrs);
    if (!layout) {
        rich_text_clear(&s);
        return false;
    }
    part_add(parts, &s, lines_of_layout(ctx, layout, fd, ts), 1, k);
    return true;
}

/* The lines of t from k on (their text from character c0), at the full
 * measure, as one part. */
static bool shape_rest_part(PangoContext *ctx, const rich_text *rt,
                            const PangoFontDescription *fd, const style_text *ts,
                            const tf_para *t, int k, int c0, double width, GArray *parts)
{
    rich_text s;
    rich_text_slice(rt, t->offs[c0], (int)rt->text->len, &s);
    PangoAttrList *attrs = paragraph_attrs(&s, ts);
    tf_para u = {0};
    PangoLayout *layout = NULL;
    if (tf_measure(ctx, &s, fd, attrs, ts, &u)) {
        u.nlines = t->nlines - k;
        u.lines = g_new(lb_line, u.nlines);
        bool mapped = true;
        for (int i = 0; i < u.nlines && mapped; i++) {
            const lb_line *ln = &t->lines[k + i];
            int j = break_at(&u, t->brk[ln->brk].pos - c0);
            u.lines[i] = (lb_line){j, ln->ratio, ln->justify};
            mapped = j >= 0;
        }
        u.w_first = u.w_rest = width;
        if (mapped)
            layout = tf_lines_layout(ctx, &s, fd, attrs, ts, &u, width, 0);
    }
    tf_free(&u);
    pango_attr_list_unref(attrs);
    if (!layout) {
        rich_text_clear(&s);
        return false;
    }
    part_add(parts, &s, lines_of_layout(ctx, layout, fd, ts), t->nlines - k, k);
    return true;
}

static bool shaped_total_fit(PangoContext *ctx, const rich_text *rt, const style_text *ts,
                             const double *widths, int nwidths, double width, double indent,
                             GArray *parts)
{
    PangoFontDescription *fd = text_font(ts);
    PangoAttrList *attrs = paragraph_attrs(rt, ts);
    tf_para t = {0};
    double *w = g_new(double, nwidths);
    memcpy(w, widths, sizeof(double) * (size_t)nwidths);
    if (indent > 0)
        w[0] -= indent;
    bool ok = false;
    if (tf_measure(ctx, rt, fd, attrs, ts, &t)) {
        lb_input in = {t.x, t.stretch, t.shrink, t.brk, t.nbrk, w[0], width,
                       t.space_stretch, 0, w, nwidths};
        t.nlines = linebreak_total_fit(&in, &t.lines);
        ok = t.nlines > 0;
        /* a word cut between letters needs its hyphens: the other way */
        for (int k = 0; ok && k < t.nlines; k++)
            ok = t.brk[t.lines[k].brk].kind != LB_CHAR;
    }
    int k = 0, c0 = 0;
    for (; ok && k < t.nlines && k < nwidths; k++) {
        ok = shape_line_part(ctx, rt, fd, ts, &t, k, c0, widths[k], k == 0 ? indent : 0, parts);
        c0 = t.brk[t.lines[k].brk].pos;
    }
    if (ok && k < t.nlines)
        ok = shape_rest_part(ctx, rt, fd, ts, &t, k, c0, width, parts);
    tf_free(&t);
    g_free(w);
    pango_attr_list_unref(attrs);
    pango_font_description_free(fd);
    return ok;
}

/* One line at a time: the text left set at the line's measure (total fit
 * or Pango's first fit, as for any paragraph), its first line kept. */
static void shaped_line_by_line(PangoContext *ctx, const rich_text *rt, const style_text *ts,
                                const double *widths, int nwidths, double width, double indent,
                                GArray *parts)
{
    rich_text cur;
    rich_text_slice(rt, 0, (int)rt->text->len, &cur);
    int line = 0;
    for (; line < nwidths; line++) {
        para_lines *p = break_paragraph(ctx, &cur, ts, widths[line], line == 0 ? indent : 0,
                                        PANGO_ALIGN_LEFT, 0);
        int end = p->nlines > 1 ? pango_layout_get_line_readonly(p->layout, 1)->start_index
                                : (int)cur.text->len;
        if (end >= (int)cur.text->len) {
            part_add(parts, &cur, p, p->nlines, line);
            return;
        }
        rich_text next;
        rich_text_slice(&cur, end, (int)cur.text->len, &next);
        part_add(parts, &cur, p, 1, line);
        cur = next;
    }
    para_lines *p = break_paragraph(ctx, &cur, ts, width, 0, PANGO_ALIGN_LEFT, 0);
    part_add(parts, &cur, p, p->nlines, line);
}

static void shaped_parts_clear(GArray *parts)
{
    for (guint i = 0; i < parts->len; i++) {
        shaped_part *sp = &g_array_index(parts, shaped_part, i);
        rich_text_clear(&sp->text);
        para_lines_free(sp->lines);
    }
    g_array_set_size(parts, 0);
}

int layout_break_shaped(PangoContext *ctx, const rich_text *rt, const style_text *ts,
                        const double *widths, int nwidths, double width, double indent,
                        shaped_part **out)
{
    GMutex *lock = g_object_get_data(G_OBJECT(ctx), "folio-paragraph-lock");
    if (lock)
        g_mutex_lock(lock);
    GArray *parts = g_array_new(FALSE, FALSE, sizeof(shaped_part));
    bool done = false;
    if (nwidths > 0 && ts->justify && rt->text->len > 0 && !first_fit_wanted(ctx))
        done = shaped_total_fit(ctx, rt, ts, widths, nwidths, width, indent, parts);
    if (!done) {
        if (nwidths > 0 && ts->justify && debug_wanted(ctx))
            g_printerr("linebreak: shape set line by line: %.60s\n", rt->text->str);
        shaped_parts_clear(parts);
        shaped_line_by_line(ctx, rt, ts, widths, nwidths, width, indent, parts);
    }
    if (lock)
        g_mutex_unlock(lock);
    int n = (int)parts->len;
    *out = (shaped_part *)(void *)g_array_free(parts, FALSE);
    return n;
}

void shaped_parts_free(shaped_part *parts, int n)
{
    for (int i = 0; i < n; i++) {
        rich_text_clear(&parts[i].text);
        para_lines_free(parts[i].lines);
    }
    g_free(parts);
}
