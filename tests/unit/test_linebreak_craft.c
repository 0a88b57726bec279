/* test_linebreak_craft.c - the line breaker's page craft: a web address
 * in justified text is never letter-spaced and no line overflows; the
 * looseness of copyfitting sets a paragraph in fewer or more lines.
 * Run from the repository root after scripts/copy-fonts.sh fonts. */
#include <glib.h>
#include <pango/pangocairo.h>

#include "check.h"
#include "fonts.h"
#include "pdf/hyphenate.h"
#include "pdf/layout_text.h"
#include "style.h"

/* The advance of every glyph of the bytes [from, to) of line k, summed,
 * and how many glyphs differ from their width in the natural layout. */
static int stretched_glyphs(PangoLayout *set, PangoLayout *natural, int from, int to)
{
    /* natural widths by byte index */
    GHashTable *nat = g_hash_table_new(g_direct_hash, g_direct_equal);
    for (GSList *l = pango_layout_get_lines_readonly(natural); l; l = l->next)
        for (GSList *r = ((PangoLayoutLine *)l->data)->runs; r; r = r->next) {
            PangoGlyphItem *gi = r->data;
            for (int g = 0; g < gi->glyphs->num_glyphs; g++)
                g_hash_table_insert(nat,
                                    GINT_TO_POINTER(gi->item->offset + gi->glyphs->log_clusters[g] + 1),
                                    GINT_TO_POINTER(gi->glyphs->glyphs[g].geometry.width));
        }
    int differ = 0;
    for (GSList *l = pango_layout_get_lines_readonly(set); l; l = l->next) {
        PangoLayoutLine *line = l->data;
        for (GSList *r = line->runs; r; r = r->next) {
            PangoGlyphItem *gi = r->data;
            for (int g = 0; g < gi->glyphs->num_glyphs; g++) {
                int byte = gi->item->offset + gi->glyphs->log_clusters[g];
                if (byte < from || byte >= to || byte >= line->start_index + line->length - 1)
                    continue;
                gpointer w = g_hash_table_lookup(nat, GINT_TO_POINTER(byte + 1));
                if (w && abs(GPOINTER_TO_INT(w) - gi->glyphs->glyphs[g].geometry.width) > 2)
                    differ++;
            }
        }
    }
    g_hash_table_destroy(nat);
    return differ;
}

int main(void)
{
    diag_list d;
    diag_list_init(&d);
    FcConfig *fc = fonts_load_config("fonts", &d);
    CHECK("fonts load", fc != NULL);
    if (!fc)
        CHECK_DONE();
    PangoFontMap *fm = fonts_new_pango_fontmap(fc);
    PangoContext *ctx = pango_font_map_create_context(fm);
    pango_cairo_context_set_resolution(ctx, 72);
    style *st = style_new_default();
    text_env env = {st, NULL, NULL, NULL};

    const char *before = "The documentation is at ";
    const char *url = "https://example.org/documentation/typesetting/magazines/long-addresses";
    const char *after = " and it explains, in more words than anyone needs, why the address "
                        "is never letter-spaced in a narrow column of justified text.";
    rich_text rt;
    rich_text_init(&rt);
    rich_append_plain(&rt, before, &st->body, &env);
    int from = (int)rt.text->len;
    g_string_append(rt.text, url);
    int to = (int)rt.text->len;
    text_link l = {from, to, g_strdup(url), true};
    g_array_append_val(rt.links, l);
    rich_append_plain(&rt, after, &st->body, &env);

    para_lines *nat = layout_break_paragraph(ctx, &rt, &st->body, 0, 0, PANGO_ALIGN_LEFT);
    para_lines *p = layout_break_paragraph(ctx, &rt, &st->body, 120, 0, PANGO_ALIGN_LEFT);
    CHECK("the paragraph takes several lines at 120 pt", p->nlines >= 4);
    CHECK("no glyph of the URL is wider or narrower than its natural width",
          stretched_glyphs(p->layout, nat->layout, from, to) == 0);
    /* Every line ends at the measure or is ragged; no line wider than it. */
    int over = 0;
    for (int i = 0; i < p->nlines; i++) {
        PangoRectangle log;
        pango_layout_line_get_extents(pango_layout_get_line_readonly(p->layout, i), NULL, &log);
        if (log.width / (double)PANGO_SCALE > 120.5)
            over++;
    }
    CHECK("no line is wider than the measure", over == 0);
    para_lines_free(nat);
    para_lines_free(p);
    rich_text_clear(&rt);

    /* looseness: at some measure a long paragraph loses a line (-1) and at
     * some it gains one (+1); never the other way round */
    hyphenator *hy = hyphenator_new("/usr/share/hyphen/hyph_nl_NL.dic", 6, NULL);
    text_env nl = {st, hy, NULL, NULL};
    rich_text long_rt;
    rich_text_init(&long_rt);
    rich_append_plain(&long_rt,
                      "Samenwerking is mensenwerk. De relatie en de kwaliteit van de "
                      "groepsprocessen vormen belangrijke succesvoorwaarden voor samenwerking. "
                      "Vertrouwen speelt daarin een grote rol. Er is een vertrouwensbasis nodig "
                      "om samen aan de slag te gaan, in de verwachting dat de samenwerking "
                      "meerwaarde oplevert. Dat vertrouwen krijg je alleen als je elkaar goed "
                      "kent, weet wat je aan elkaar hebt en zicht hebt op elkaars kracht en "
                      "kwaliteiten. Vertrouwen ontstaat door persoonlijke ontmoetingen, door "
                      "openheid van zaken en interesse in elkaar, door samen ervaringen op te "
                      "doen en door samen knelpunten te benoemen en aan te pakken.",
                      &st->body, &nl);
    int fewer = 0, more = 0, wrong = 0;
    for (double w = 150; w <= 260; w += 5) {
        para_lines *n = layout_break_paragraph(ctx, &long_rt, &st->body, w, 0, PANGO_ALIGN_LEFT);
        para_lines *t = layout_break_paragraph_loose(ctx, &long_rt, &st->body, w, 0, -1);
        para_lines *l = layout_break_paragraph_loose(ctx, &long_rt, &st->body, w, 0, +1);
        fewer += t->nlines < n->nlines;
        more += l->nlines > n->nlines;
        wrong += t->nlines > n->nlines || l->nlines < n->nlines;
        para_lines_free(n);
        para_lines_free(t);
        para_lines_free(l);
    }
    rich_text_clear(&long_rt);
    hyphenator_free(hy);
    CHECK("looseness -1 sets the paragraph a line shorter at some measure", fewer > 0);
    CHECK("looseness +1 sets the paragraph a line longer at some measure", more > 0);
    CHECK("looseness never goes the wrong way", wrong == 0);
    style_free(st);
    g_object_unref(ctx);
    g_object_unref(fm);
    FcConfigDestroy(fc);
    diag_list_free(&d);
    CHECK_DONE();
}
