/* draw.c - boxes to cairo.
 *
 * Structure tags: cairo 1.16 has no artifact marking, so the running head
 * and folio are drawn while only the Document and Art elements are open
 * (never inside a paragraph).  Elements deeper than that are closed at a
 * page's end and opened again on the next page, after the furniture. */
#include "pdf/draw.h"

#include <pango/pangocairo.h>
#include <string.h>

#include "pdf/draw_picture.h"

void draw_tags_init(draw_tags *t)
{
    t->open = g_ptr_array_new_with_free_func(g_free);
    t->dests = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    t->suspended = g_ptr_array_new_with_free_func(g_free);
    t->keep_depth = 2;
}

void draw_tags_free(draw_tags *t)
{
    g_ptr_array_free(t->open, TRUE);
    g_ptr_array_free(t->suspended, TRUE);
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

static void draw_line(cairo_t *cr, const box *b)
{
    PangoLayoutLine *line = pango_layout_get_line_readonly(b->layout, b->line_index);
    if (!line)
        return;
    cairo_set_source_rgb(cr, b->color[0], b->color[1], b->color[2]);
    cairo_move_to(cr, b->x, b->y + b->baseline);
    pango_cairo_show_layout_line(cr, line);
}

static void draw_image(cairo_t *cr, const box *b)
{
    draw_picture(cr, b->text, b->x, b->y, b->w, b->h, b->clip_x, b->clip_y, b->clip_w, b->clip_h);
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

static void tag_open(cairo_t *cr, draw_tags *t, const char *name, const char *attrs)
{
    cairo_tag_begin(cr, name, attrs ? attrs : "");
    g_ptr_array_add(t->open, g_strdup_printf("%s\t%s", name, attrs ? attrs : ""));
}

static void tag_close(cairo_t *cr, draw_tags *t)
{
    if (!t->open->len)
        return;
    char *top = g_ptr_array_index(t->open, t->open->len - 1);
    char *tab = strchr(top, '\t');
    *tab = '\0';
    cairo_tag_end(cr, top);
    g_ptr_array_remove_index(t->open, t->open->len - 1);
}

static void draw_box(cairo_t *cr, const box *b, draw_tags *t)
{
    switch (b->kind) {
    case BOX_LINE:
        draw_line(cr, b);
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
        draw_image(cr, b);
        break;
    case BOX_LINK:
        if (t)
            draw_link(cr, b);
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

void draw_page(cairo_t *cr, const pdf_page *p, draw_tags *t)
{
    for (size_t i = 0; i < p->boxes.count; i++)
        if (p->boxes.items[i].role == ROLE_FURNITURE)
            draw_box(cr, &p->boxes.items[i], NULL);
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
            draw_box(cr, &p->boxes.items[i], t);
    if (t) {
        while ((int)t->open->len > t->keep_depth) {
            char *top = g_strdup(g_ptr_array_index(t->open, t->open->len - 1));
            g_ptr_array_insert(t->suspended, 0, top);
            tag_close(cr, t);
        }
    }
}
