/* font_metrics.c - Pango font metrics made under one lock (see the header
 * for the Pango race this works around). */
#include "pdf/font_metrics.h"

#include <string.h>

/* Process-wide because the state it guards, inside Pango, is. */
static GMutex metrics_lock;

static void font_unref(gpointer font) { g_object_unref(font); }

void font_metrics_prepare(PangoLayout *layout)
{
    PangoContext *ctx = pango_layout_get_context(layout);
    const char *text = pango_layout_get_text(layout);
    int len = (int)strlen(text);
    const PangoFontDescription *fd = pango_layout_get_font_description(layout);
    PangoAttrList *given = pango_layout_get_attributes(layout);
    /* the items PangoLayout will make: its font description under the
     * attributes (first in the list, so they win) */
    PangoAttrList *attrs = given ? pango_attr_list_copy(given) : pango_attr_list_new();
    if (fd)
        pango_attr_list_insert_before(attrs, pango_attr_font_desc_new(fd));
    GList *items = len > 0 ? pango_itemize(ctx, text, 0, len, attrs, NULL) : NULL;
    pango_attr_list_unref(attrs);

    GPtrArray *fonts = g_ptr_array_new_with_free_func(font_unref);
    g_mutex_lock(&metrics_lock);
    for (GList *l = items; l; l = l->next) {
        PangoItem *it = l->data;
        if (!it->analysis.font)
            continue;
        pango_font_metrics_unref(pango_font_get_metrics(it->analysis.font, it->analysis.language));
        g_ptr_array_add(fonts, g_object_ref(it->analysis.font));
    }
    /* the font of an empty line (pango_layout_get_empty_extents...) */
    PangoFont *empty = fd ? pango_context_load_font(ctx, fd) : NULL;
    if (empty) {
        pango_font_metrics_unref(pango_font_get_metrics(empty, pango_context_get_language(ctx)));
        g_ptr_array_add(fonts, empty);
    }
    g_mutex_unlock(&metrics_lock);
    g_list_free_full(items, (GDestroyNotify)pango_item_free);
    /* A font map may drop a font nobody holds and make it again, metrics
     * and all, outside the lock: the layout holds these while it lives. */
    g_object_set_data_full(G_OBJECT(layout), "folio-metrics-fonts", fonts,
                           (GDestroyNotify)g_ptr_array_unref);
}

PangoFontMetrics *font_metrics_for_context(PangoContext *ctx, const PangoFontDescription *fd,
                                           PangoLanguage *lang)
{
    g_mutex_lock(&metrics_lock);
    PangoFontMetrics *m = pango_context_get_metrics(ctx, fd, lang);
    g_mutex_unlock(&metrics_lock);
    return m;
}
