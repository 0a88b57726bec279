/* draw.c - boxes to cairo.
 *
 * Structure tags: cairo 1.16 has no artifact marking, so the running head
 * and folio are drawn while only the Document and Art elements are open
 * (never inside a paragraph).  Elements deeper than that are closed at a
 * page's end and opened again on the next page, after the furniture. */
#include "pdf/draw.h"

#include <glib.h>
#include <string.h>

#include "pdf/draw_picture.h"

void draw_tags_init(draw_tags *t)
{
    t->open = g_ptr_array_new_with_free_func(g_free);
    t->dests = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    t->suspended = g_ptr_array_new_with_free_func(g_free);
    t->keep_depth = 2;
    t->resume = t->cont = false;
    t->lang = NULL;
    t->span_langs = g_ptr_array_new_with_free_func(g_free);
}

void draw_tags_free(draw_tags *t)
{
    g_ptr_array_free(t->open, TRUE);
    g_ptr_array_free(t->suspended, TRUE);
    g_ptr_array_free(t->span_langs, TRUE);
    g_hash_table_destroy(t->dests);
}

/* Quotes s for a cairo attribute string: in single quotes, with ' and \
 * escaped. */
static char *attr_quote(const char *s)
{
    GString *q = g_string_new("'");
    for (const char *p = s ? s : ""; *p; p++) {
        if (*p == '\'' || *p == '\\')
            g_string_append_c(q, '\\');
        g_string_append_c(q, *p);
    }
    g_string_append_c(q, '\'');
    return g_string_free(q, FALSE);
}

/* A line of glyph runs, painted as pango_cairo_show_layout_line painted
 * the Pango line it came from (the same operations in the same order, so
 * the PDF is the same): the colour, then each run in its font with its
 * text and clusters (the PDF's text layer), strike-throughs as
 * rectangles. */
static void cont_begin(cairo_t *cr, draw_tags *t);
static void lang_begin(cairo_t *cr, draw_tags *t, const char *lang);
static void lang_end(cairo_t *cr, draw_tags *t, const char *lang);

/* Is the run's language another than the document's (by primary subtag:
 * Pango may add or drop a region)? */
static bool other_language(const draw_tags *t, const line_part *p)
{
    if (!t || !t->lang || !*t->lang || p->kind != PART_GLYPHS || !*p->lang)
        return false;
    size_t a = strcspn(t->lang, "-_"), b = strcspn(p->lang, "-_");
    return a != b || g_ascii_strncasecmp(t->lang, p->lang, a) != 0;
}

/* Does the part show nothing (no glyph, or only glyphs without ink: the
 * spaces of a run of their own)?  cairo leaves out of the PDF a show
 * call with no ink at all, text included (the paginated surface replays
 * no operation of empty extents), so such a part's words would run
 * together in the text layer: "wethouders" and "en" read as one word. */
static bool inkless(const line_part *p, pdf_resources *res)
{
    if (p->kind != PART_GLYPHS)
        return false;
    if (p->nglyphs == 0)
        return true;
    cairo_scaled_font_t *sf = resources_font(res, p->font);
    if (!sf)
        return false;
    cairo_glyph_t g = {0};
    for (int k = 0; k < p->nglyphs; k++) {
        cairo_text_extents_t e;
        g.index = p->glyphs[k].index;
        cairo_scaled_font_glyph_extents(sf, &g, 1, &e);
        if (e.width > 0 || e.height > 0)
            return false;
    }
    return true;
}

/* Shows part p at (bx, by) with the text of the inkless parts before it
 * (parts [from, at)) and after it ([at + 1, to)) as clusters of no glyph,
 * so their text reaches the PDF with p's ink. */
static void show_part(cairo_t *cr, const glyph_line *l, int from, int at, int to,
                      pdf_resources *res, double bx, double by)
{
    const line_part *p = &l->parts[at];
    cairo_scaled_font_t *sf = resources_font(res, p->font);
    if (!sf)
        return;
    cairo_set_scaled_font(cr, sf);
    double base_x = bx + p->x, base_y = by + p->y;
    cairo_glyph_t stack[64];
    cairo_glyph_t *g = p->nglyphs > 64 ? g_new(cairo_glyph_t, p->nglyphs) : stack;
    for (int k = 0; k < p->nglyphs; k++) {
        g[k].index = p->glyphs[k].index;
        g[k].x = base_x + p->glyphs[k].x;
        g[k].y = p->glyphs[k].y == 0 ? base_y : base_y + p->glyphs[k].y;
    }
    if (from == at && to == at + 1) {
        cairo_show_text_glyphs(cr, p->text, p->text_len, g, p->nglyphs,
                               (const cairo_text_cluster_t *)p->clusters, p->nclusters,
                               p->backward ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : 0);
    } else {
        GString *text = g_string_new(NULL);
        GArray *cl = g_array_new(FALSE, FALSE, sizeof(cairo_text_cluster_t));
        for (int i = from; i < to; i++) {
            const line_part *q = &l->parts[i];
            g_string_append_len(text, q->text, q->text_len);
            if (i == at) {
                g_array_append_vals(cl, q->clusters, (guint)q->nclusters);
            } else {
                cairo_text_cluster_t c = {q->text_len, 0};
                if (q->text_len > 0)
                    g_array_append_val(cl, c);
            }
        }
        cairo_show_text_glyphs(cr, text->str, (int)text->len, g, p->nglyphs,
                               (const cairo_text_cluster_t *)(void *)cl->data, (int)cl->len, 0);
        g_array_free(cl, TRUE);
        g_string_free(text, TRUE);
    }
    if (g != stack)
        g_free(g);
}

static void draw_line(cairo_t *cr, const box *b, pdf_resources *res, draw_tags *t)
{
    const glyph_line *l = b->line;
    if (!l)
        return;
    double bx = b->x, by = b->y + b->baseline;
    cairo_set_source_rgb(cr, b->color[0], b->color[1], b->color[2]);
    /* the origin as cairo keeps a point (fixed point, 1/256), as Pango's
     * renderer took it from the current point */
    cairo_move_to(cr, bx, by);
    cairo_get_current_point(cr, &bx, &by);
    /* inkless parts go with the left-to-right part of ink before them on
     * the line (or, at its start, after them): see inkless() */
    int from = 0;
    for (int i = 0; i < l->nparts; i++) {
        const line_part *p = &l->parts[i];
        bool host = p->kind == PART_GLYPHS && !p->backward && !inkless(p, res);
        if (!host && inkless(p, res)) {
            int k = i + 1;
            while (k < l->nparts && inkless(&l->parts[k], res))
                k++;
            bool before = i > 0 && l->parts[i - 1].kind == PART_GLYPHS &&
                          !l->parts[i - 1].backward && !inkless(&l->parts[i - 1], res);
            bool after = k < l->nparts && l->parts[k].kind == PART_GLYPHS &&
                         !l->parts[k].backward;
            if (before || after)
                continue;   /* shown with its host */
        }
        if (!host)
            from = i;
        int to = i + 1;
        if (host)
            while (to < l->nparts && inkless(&l->parts[to], res))
                to++;
        bool other = other_language(t, p);
        if (other)
            lang_begin(cr, t, p->lang);
        else if (t)
            cont_begin(cr, t);
        cairo_save(cr);
        if (p->colored)
            cairo_set_source_rgba(cr, p->rgba[0], p->rgba[1], p->rgba[2], p->rgba[3]);
        if (p->kind == PART_RECT) {
            cairo_rectangle(cr, bx + p->x, by + p->y, p->w, p->h);
            cairo_fill(cr);
        } else if (host) {
            show_part(cr, l, from <= i ? from : i, i, to, res, bx, by);
        } else {
            show_part(cr, l, i, i, i + 1, res, bx, by);
        }
        cairo_restore(cr);
        if (other)
            lang_end(cr, t, p->lang);
        if (host)
            i = to - 1;
        from = i + 1;
    }
    cairo_move_to(cr, bx, by);
}

static void draw_image(cairo_t *cr, const box *b, pdf_resources *res)
{
    const char *path = resources_image_path(res, b->image);
    if (path)
        draw_picture(cr, path, b->x, b->y, b->w, b->h, b->clip_x, b->clip_y, b->clip_w,
                     b->clip_h);
}

static void draw_link(cairo_t *cr, const box *b)
{
    char *target = attr_quote(b->text);
    char *attrs = g_strdup_printf("rect=[%.2f %.2f %.2f %.2f] %s=%s", b->x, b->y, b->w, b->h,
                                  b->is_uri ? "uri" : "dest", target);
    cairo_tag_begin(cr, CAIRO_TAG_LINK, attrs);
    cairo_tag_end(cr, CAIRO_TAG_LINK);
    g_free(attrs);
    g_free(target);
}

static void draw_dest(cairo_t *cr, const box *b, draw_tags *t)
{
    if (!b->text || g_hash_table_contains(t->dests, b->text))
        return; /* a second reference to one note: the first keeps the name */
    g_hash_table_add(t->dests, g_strdup(b->text));
    char *name = attr_quote(b->text);
    char *attrs = g_strdup_printf("name=%s x=%.2f y=%.2f", name, b->x, b->y);
    cairo_tag_begin(cr, CAIRO_TAG_DEST, attrs);
    cairo_tag_end(cr, CAIRO_TAG_DEST);
    g_free(attrs);
    g_free(name);
}

/* cairo 1.16 marks content only in leaf elements of the structure tree
 * (is_leaf_node in cairo-pdf-interchange.c): a paragraph with a link in
 * it has a child, so none of its own words would be in marked content,
 * and the finishing pass would make them artifacts.  So what an element
 * draws itself goes into a Span child, which is always a leaf: opened
 * just before the content is drawn, closed before the next tag.  Grouping
 * elements get none: what they draw themselves is decoration. */
static bool holds_content(const char *name)
{
    static const char *const groups[] = {"Document", "Art", "Sect", "Part", "Div", "L", "LI",
                                         "Table", "TR", "THead", "TBody", "TFoot", "TOC"};
    for (size_t i = 0; i < G_N_ELEMENTS(groups); i++)
        if (!strcmp(name, groups[i]))
            return false;
    return true;
}

static void cont_end(cairo_t *cr, draw_tags *t)
{
    if (!t->cont)
        return;
    t->cont = false;
    cairo_tag_end(cr, "Span");
    g_ptr_array_remove_index(t->open, t->open->len - 1);
    t->resume = true;
}

/* Before drawing content: the continuation Span, when one is due. */
static void cont_begin(cairo_t *cr, draw_tags *t)
{
    if (!t || !t->resume || t->cont || !t->open->len)
        return;
    t->resume = false;
    cairo_tag_begin(cr, "Span", "");
    g_ptr_array_add(t->open, g_strdup("Span\t"));
    g_ptr_array_add(t->span_langs, NULL);
    t->cont = true;
}

/* A run in another language: a Span element of its own.  cairo cannot
 * write /Lang (and refuses structure types it does not know), so the
 * language of every Span opened is listed in order (NULL for a
 * continuation); the finishing pass (finish_reading.c) meets the Spans in
 * the same order, depth first, and sets their /Lang. */
static void lang_begin(cairo_t *cr, draw_tags *t, const char *lang)
{
    cont_end(cr, t);
    cairo_tag_begin(cr, "Span", "");
    g_ptr_array_add(t->span_langs, g_strdup(lang));
}

static void lang_end(cairo_t *cr, draw_tags *t, const char *lang)
{
    (void)lang;
    cairo_tag_end(cr, "Span");
    t->resume = true; /* what follows in the element gets a Span again */
}

static void tag_open(cairo_t *cr, draw_tags *t, const char *name, const char *attrs)
{
    cont_end(cr, t);
    t->resume = false;
    cairo_tag_begin(cr, name, attrs ? attrs : "");
    g_ptr_array_add(t->open, g_strdup_printf("%s\t%s", name, attrs ? attrs : ""));
    t->resume = holds_content(name);
}

static void tag_close(cairo_t *cr, draw_tags *t)
{
    cont_end(cr, t);
    t->resume = false;
    if (!t->open->len)
        return;
    char *top = g_ptr_array_index(t->open, t->open->len - 1);
    char *tab = strchr(top, '\t');
    *tab = '\0';
    cairo_tag_end(cr, top);
    g_ptr_array_remove_index(t->open, t->open->len - 1);
    if (t->open->len) {
        char *parent = g_strdup(g_ptr_array_index(t->open, t->open->len - 1));
        *strchr(parent, '\t') = '\0';
        t->resume = holds_content(parent);
        g_free(parent);
    }
}

static void draw_box(cairo_t *cr, const box *b, pdf_resources *res, draw_tags *t)
{
    /* (a line opens its Span per run: see draw_line) */
    if (b->kind == BOX_RULE || b->kind == BOX_RECT || b->kind == BOX_IMAGE)
        cont_begin(cr, t);
    switch (b->kind) {
    case BOX_LINE:
        draw_line(cr, b, res, t);
        break;
    case BOX_RULE:
        cairo_set_source_rgb(cr, b->color[0], b->color[1], b->color[2]);
        cairo_set_line_width(cr, b->line_width);
        cairo_move_to(cr, b->x, b->y);
        cairo_line_to(cr, b->x + b->w, b->y + b->h);
        cairo_stroke(cr);
        break;
    case BOX_RECT:
        if (b->fade[0] > 0 || b->fade[1] > 0) {
            cairo_pattern_t *g = cairo_pattern_create_linear(0, b->y, 0, b->y + b->h);
            cairo_pattern_add_color_stop_rgba(g, 0, b->color[0], b->color[1], b->color[2],
                                              b->fade[0]);
            cairo_pattern_add_color_stop_rgba(g, 1, b->color[0], b->color[1], b->color[2],
                                              b->fade[1]);
            cairo_set_source(cr, g);
            cairo_pattern_destroy(g);
        } else {
            cairo_set_source_rgb(cr, b->color[0], b->color[1], b->color[2]);
        }
        cairo_rectangle(cr, b->x, b->y, b->w, b->h);
        cairo_fill(cr);
        break;
    case BOX_IMAGE:
        draw_image(cr, b, res);
        break;
    case BOX_LINK:
        if (t) {
            /* a Link element is a child: not inside the Span (which must
             * stay a leaf); the words after it get a new one */
            cont_end(cr, t);
            draw_link(cr, b);
        }
        break;
    case BOX_DEST:
        if (t)
            draw_dest(cr, b, t);
        break;
    case BOX_TAG_BEGIN:
        if (t)
            tag_open(cr, t, b->text, b->attrs);
        break;
    case BOX_TAG_END:
        if (t)
            tag_close(cr, t);
        break;
    }
}

void draw_page(cairo_t *cr, const pdf_page *p, pdf_resources *res, draw_tags *t)
{
    for (size_t i = 0; i < p->boxes.count; i++)
        if (p->boxes.items[i].role == ROLE_FURNITURE)
            draw_box(cr, &p->boxes.items[i], res, NULL);
    if (t) {
        for (guint i = 0; i < t->suspended->len; i++) {
            char *s = g_strdup(g_ptr_array_index(t->suspended, i));
            char *tab = strchr(s, '\t');
            *tab = '\0';
            tag_open(cr, t, s, tab + 1);
            g_free(s);
        }
        g_ptr_array_set_size(t->suspended, 0);
    }
    for (size_t i = 0; i < p->boxes.count; i++)
        if (p->boxes.items[i].role != ROLE_FURNITURE)
            draw_box(cr, &p->boxes.items[i], res, t);
    if (t) {
        /* elements reopened on the next page start with fresh marked
         * content: no continuation is due there */
        cont_end(cr, t);
        while ((int)t->open->len > t->keep_depth) {
            char *top = g_strdup(g_ptr_array_index(t->open, t->open->len - 1));
            g_ptr_array_insert(t->suspended, 0, top);
            tag_close(cr, t);
        }
        t->resume = false;
    }
}
