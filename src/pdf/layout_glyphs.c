/* layout_glyphs.c - PangoLayoutLine -> glyph_line (see layout_glyphs.h).
 *
 * The arithmetic follows Pango 1.50's renderer (pango-renderer.c,
 * pangocairo-render.c) step for step, in the same order and in the same
 * units, so the glyphs land where pango_cairo_show_layout_line put them. */
#include "pdf/layout_glyphs.h"

#include <pango/pangocairo.h>
#include <pango/pangofc-font.h>
#include <string.h>

/* The font's name in the resources: what it is, not which object. */
static int font_key(pdf_resources *res, PangoFont *font)
{
    PangoFontDescription *fd = pango_font_describe_with_absolute_size(font);
    char *desc = pango_font_description_to_string(fd);
    pango_font_description_free(fd);
    const FcChar8 *file = (const FcChar8 *)"";
    int index = 0;
    FcBool embolden = FcFalse;
    FcMatrix *m = NULL;
    if (PANGO_IS_FC_FONT(font)) {
        FcPattern *p = pango_fc_font_get_pattern(PANGO_FC_FONT(font));
        FcPatternGetString(p, FC_FILE, 0, (FcChar8 **)&file);
        FcPatternGetInteger(p, FC_INDEX, 0, &index);
        FcPatternGetBool(p, FC_EMBOLDEN, 0, &embolden);
        FcPatternGetMatrix(p, FC_MATRIX, 0, &m);
    }
    cairo_scaled_font_t *sf = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(font));
    cairo_matrix_t fm;
    cairo_scaled_font_get_font_matrix(sf, &fm);
    char *name = g_strdup_printf("%s|%d|%s|%d|%a %a %a %a|%a %a %a %a", (const char *)file, index,
                                 desc, embolden, fm.xx, fm.yx, fm.xy, fm.yy, m ? m->xx : 1.0,
                                 m ? m->xy : 0.0, m ? m->yx : 0.0, m ? m->yy : 1.0);
    int key = resources_add_font(res, name, sf);
    g_free(name);
    g_free(desc);
    return key;
}

/* What the renderer's prepare_run takes from a run's attributes: whether
 * it is struck through, and its own colour (set_color of
 * pangocairo-render.c: alpha 1 unless given). */
static bool run_props(const PangoGlyphItem *run, bool *colored, double rgba[4])
{
    bool struck = false;
    const PangoColor *fg = NULL;
    guint16 alpha = 0;
    for (GSList *l = run->item->analysis.extra_attrs; l; l = l->next) {
        const PangoAttribute *a = l->data;
        if (a->klass->type == PANGO_ATTR_STRIKETHROUGH)
            struck = ((const PangoAttrInt *)a)->value != 0;
        else if (a->klass->type == PANGO_ATTR_FOREGROUND)
            fg = &((const PangoAttrColor *)a)->color;
        else if (a->klass->type == PANGO_ATTR_FOREGROUND_ALPHA)
            alpha = (guint16)((const PangoAttrInt *)a)->value;
    }
    *colored = fg != NULL;
    if (fg) {
        rgba[0] = fg->red / 65535.;
        rgba[1] = fg->green / 65535.;
        rgba[2] = fg->blue / 65535.;
        rgba[3] = alpha ? alpha / 65535. : 1.;
    }
    return struck;
}

/* Pango's cluster map of a run, without empty and unknown glyphs
 * (pango_cairo_renderer_draw_glyph_item). */
static void run_clusters(PangoGlyphItem *run, const char *text, line_part *part)
{
    PangoGlyphString *glyphs = run->glyphs;
    bool backward = (run->item->analysis.level & 1) != 0;
    part->clusters = g_new(run_cluster, glyphs->num_glyphs > 0 ? glyphs->num_glyphs : 1);
    part->nclusters = 0;
    PangoGlyphItemIter iter;
    if (!pango_glyph_item_iter_init_start(&iter, run, text))
        return;
    do {
        int num_bytes = iter.end_index - iter.start_index;
        int num_glyphs = backward ? iter.start_glyph - iter.end_glyph
                                  : iter.end_glyph - iter.start_glyph;
        for (int i = MIN(iter.start_glyph, iter.end_glyph + 1);
             i < MAX(iter.start_glyph + 1, iter.end_glyph); i++) {
            const PangoGlyphInfo *gi = &glyphs->glyphs[i];
            if (gi->glyph == PANGO_GLYPH_EMPTY || (gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG))
                num_glyphs--;
        }
        part->clusters[part->nclusters].num_bytes = num_bytes;
        part->clusters[part->nclusters].num_glyphs = num_glyphs;
        part->nclusters++;
    } while (pango_glyph_item_iter_next_cluster(&iter));
}

/* The glyphs of a run at pango units (x, y) from the line's origin
 * (pango_cairo_renderer_show_text_glyphs).  Unknown glyphs (no font has
 * them) are left out: layout reports missing characters elsewhere. */
static void run_glyphs(PangoGlyphItem *run, const char *text, int x, int y, line_part *part)
{
    PangoGlyphString *glyphs = run->glyphs;
    part->kind = PART_GLYPHS;
    part->x = (double)x / PANGO_SCALE;
    part->y = (double)y / PANGO_SCALE;
    part->glyphs = g_new(run_glyph, glyphs->num_glyphs > 0 ? glyphs->num_glyphs : 1);
    int x_position = 0;
    for (int i = 0; i < glyphs->num_glyphs; i++) {
        const PangoGlyphInfo *gi = &glyphs->glyphs[i];
        if (gi->glyph != PANGO_GLYPH_EMPTY && !(gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG)) {
            run_glyph *g = &part->glyphs[part->nglyphs++];
            g->index = gi->glyph;
            g->x = (double)(x_position + gi->geometry.x_offset) / PANGO_SCALE;
            g->y = gi->geometry.y_offset == 0 ? 0 : (double)gi->geometry.y_offset / PANGO_SCALE;
        }
        x_position += gi->geometry.width;
    }
    part->text = g_strndup(text + run->item->offset, run->item->length);
    part->text_len = run->item->length;
    part->backward = (run->item->analysis.level & 1) != 0;
    run_clusters(run, text, part);
}

/* A strike-through over runs in a row (add_strikethrough and
 * draw_strikethrough of pango-renderer.c, integer arithmetic included). */
typedef struct {
    bool on;
    int glyphs;
    PangoRectangle r;
} strike_state;

static void strike_add(strike_state *s, PangoFont *font, PangoLanguage *lang, int base_x,
                       int base_y, const PangoRectangle *ink, int num_glyphs)
{
    PangoFontMetrics *m = pango_font_get_metrics(font, lang);
    int thick = pango_font_metrics_get_strikethrough_thickness(m);
    int pos = pango_font_metrics_get_strikethrough_position(m);
    pango_font_metrics_unref(m);
    PangoRectangle n = {base_x + ink->x, (base_y - pos) * num_glyphs, ink->width,
                        thick * num_glyphs};
    if (s->on) {
        s->r.width = n.x + n.width - s->r.x;
        s->r.y += n.y;
        s->r.height += n.height;
        s->glyphs += num_glyphs;
    } else {
        s->r = n;
        s->on = true;
        s->glyphs = num_glyphs;
    }
}

static void strike_flush(strike_state *s, GArray *parts, bool colored, const double rgba[4])
{
    if (s->on && s->glyphs > 0) {
        line_part p = {.kind = PART_RECT, .font = -1, .colored = colored};
        memcpy(p.rgba, rgba, sizeof p.rgba);
        p.x = (double)s->r.x / PANGO_SCALE;
        p.y = (double)(s->r.y / s->glyphs) / PANGO_SCALE;
        p.w = (double)s->r.width / PANGO_SCALE;
        p.h = (double)(s->r.height / s->glyphs) / PANGO_SCALE;
        g_array_append_val(parts, p);
    }
    s->on = false;
    s->glyphs = 0;
    s->r.x += s->r.width;
    s->r.width = s->r.y = s->r.height = 0;
}

glyph_line *layout_glyph_line(pdf_resources *res, PangoLayout *layout, int index)
{
    PangoLayoutLine *line = pango_layout_get_line_readonly(layout, index);
    GArray *parts = g_array_new(FALSE, TRUE, sizeof(line_part));
    const char *text = pango_layout_get_text(layout);
    strike_state strike = {0};
    int x_off = 0, logical_end = 0;
    bool colored = false;
    double rgba[4] = {0, 0, 0, 1};
    for (GSList *l = line ? line->runs : NULL; l; l = l->next) {
        PangoGlyphItem *run = l->data;
        PangoFont *font = run->item->analysis.font;
        bool was_colored = colored;
        double was_rgba[4];
        memcpy(was_rgba, rgba, sizeof was_rgba);
        bool struck = run_props(run, &colored, rgba);
        /* a change of colour ends a strike-through, drawn in the old one
         * (pango_renderer_set_color -> part_changed) */
        if (strike.on && (colored != was_colored ||
                          (colored && memcmp(rgba, was_rgba, 3 * sizeof(double)) != 0))) {
            /* (handle_line_state_change) to the end of the last run; a
             * struck run goes on from there */
            strike.r.width = logical_end - strike.r.x;
            strike_flush(&strike, parts, was_colored, was_rgba);
            strike.on = struck;
        }
        PangoRectangle ink, logical;
        int width;
        if (struck) {
            pango_glyph_string_extents(run->glyphs, font, &ink, &logical);
            width = logical.width;
        } else {
            width = pango_glyph_string_get_width(run->glyphs);
        }
        logical_end = x_off + width;
        x_off += run->start_x_offset;
        int y_off = run->y_offset;
        line_part p = {.colored = colored};
        memcpy(p.rgba, rgba, sizeof p.rgba);
        run_glyphs(run, text, x_off, -y_off, &p);
        p.font = font_key(res, font);
        g_array_append_val(parts, p);
        if (struck)
            strike_add(&strike, font, run->item->analysis.language, x_off, -y_off, &ink,
                       run->glyphs->num_glyphs);
        else if (strike.on)
            strike_flush(&strike, parts, colored, rgba);
        x_off += width;
        x_off += run->end_x_offset;
    }
    strike_flush(&strike, parts, colored, rgba);
    glyph_line *gl = glyph_line_new(0);
    g_free(gl->parts);
    gl->nparts = (int)parts->len;
    gl->parts = (line_part *)g_array_free(parts, FALSE);
    if (line) {
        PangoRectangle log;
        pango_layout_line_get_extents(line, NULL, &log);
        gl->width = log.width / (double)PANGO_SCALE;
    }
    return gl;
}
