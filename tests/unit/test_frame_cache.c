/* test_frame_cache.c - reusing kept frames gives the frames a fresh
 * layout gives.  Lays out the bundled issue three times: into an empty
 * cache, again from the cache (every article reused, nothing laid out),
 * and with no cache at all; all three must hold the same frames, box by
 * box and glyph by glyph.  Then an edit to one article: only it is laid
 * out again, and the article before it keeps its frames.  Also the key:
 * the same for the same tree read twice, different after an edit.
 * Run from the repository root (content/, styles/, fonts/). */
#include <glib.h>
#include <stdlib.h>

#include "check.h"
#include "fonts.h"
#include "pdf/layout_cache.h"
#include "pdf/layout_key.h"
#include "reader.h"

/* Every field of every box of the pages of article (all pages: -2), as
 * text; page numbers left out when numbers is false. */
static char *frames_text(const pdf_document *doc, int article, bool numbers)
{
    GString *s = g_string_new(NULL);
    for (size_t i = 0; i < doc->npages; i++) {
        const pdf_page *p = &doc->pages[i];
        if (article != -2 && p->article != article)
            continue;
        if (numbers)
            g_string_append_printf(s, "page %d %s ", p->number, p->label);
        g_string_append_printf(s, "art %d opener %d cover %d cols %d %a %a %a\n", p->article,
                               p->opener, p->cover, p->ncolumns, p->col_w, p->col_top,
                               p->col_bottom);
        for (size_t j = 0; j < p->boxes.count; j++) {
            const box *b = &p->boxes.items[j];
            g_string_append_printf(s, " box %d %d %a %a %a %a %a %a %a %a %a %d %d %d %d/%d %d "
                                   "%d %d %s %s\n",
                                   b->kind, b->role, b->x, b->y, b->w, b->h, b->baseline,
                                   b->color[0], b->color[1], b->color[2], b->line_width,
                                   b->column, b->node, b->block_id, b->line_no, b->line_count,
                                   b->note, b->image, b->is_uri, b->text ? b->text : "-",
                                   b->attrs ? b->attrs : "-");
            for (int k = 0; b->line && k < b->line->nparts; k++) {
                const line_part *lp = &b->line->parts[k];
                g_string_append_printf(s, "  part %d font %d %a %a %a %a %.*s | %d", lp->kind,
                                       lp->font, lp->x, lp->y, lp->w, lp->h, lp->text_len,
                                       lp->text ? lp->text : "", lp->nglyphs);
                for (int g = 0; g < lp->nglyphs; g++)
                    g_string_append_printf(s, " %lu@%a,%a", lp->glyphs[g].index,
                                           lp->glyphs[g].x, lp->glyphs[g].y);
                for (int c = 0; c < lp->nclusters; c++)
                    g_string_append_printf(s, " c%d/%d", lp->clusters[c].num_bytes,
                                           lp->clusters[c].num_glyphs);
                g_string_append_c(s, '\n');
            }
        }
    }
    return g_string_free(s, FALSE);
}

static node *nth_article(node *issue, int n)
{
    node *a = issue->first;
    while (a && n-- > 0)
        a = a->next;
    return a;
}

static node *first_text(node *n)
{
    if (n->type == NODE_TEXT && n->text && *n->text)
        return n;
    for (node *k = n->first; k; k = k->next) {
        node *t = first_text(k);
        if (t)
            return t;
    }
    return NULL;
}

int main(void)
{
    diag_list d;
    diag_list_init(&d);
    node *issue = reader_read_issue("content", &d);
    node *again = reader_read_issue("content", &d);
    char *style_path = g_strdup_printf("styles/%s.ini",
                                       issue && issue->as.issue.style ? issue->as.issue.style
                                                                      : "dimensies");
    style *st = style_load(style_path, &d);
    char *fonts = realpath("fonts", NULL);
    FcConfig *fc = fonts ? fonts_load_config(fonts, &d) : NULL;
    CHECK("issue, style and fonts load", issue && again && st && fc && !diag_has_errors(&d));
    if (!issue || !again || !st || !fc)
        CHECK_DONE();

    pdf_cache *cache = pdf_cache_new();
    pdf_options o = {.fonts_dir = fonts, .fc = fc, .cache = cache, .cache_salt = "test-salt",
                     .layout = {.jobs = 1}};
    pdf_document *fresh = pdf_layout_issue(issue, st, &o, NULL, &d);
    guint kept = g_hash_table_size(cache->articles);
    pdf_document *reused = pdf_layout_issue(issue, st, &o, NULL, &d);
    pdf_options none = o;
    none.cache = NULL;
    pdf_document *uncached = pdf_layout_issue(issue, st, &none, NULL, &d);
    CHECK("three layouts", fresh && reused && uncached);
    if (!fresh || !reused || !uncached)
        CHECK_DONE();
    size_t narticles = 0;
    for (node *a = issue->first; a; a = a->next)
        narticles++;
    CHECK("every article kept", kept == narticles);
    CHECK("the second layout reused every article (nothing added)",
          g_hash_table_size(cache->articles) == kept);
    char *t_fresh = frames_text(fresh, -2, true), *t_reused = frames_text(reused, -2, true);
    char *t_uncached = frames_text(uncached, -2, true);
    CHECK("frames hold text", strlen(t_fresh) > 100000 && strstr(t_fresh, "part 0 font"));
    CHECK("reused frames are the fresh frames", !strcmp(t_fresh, t_reused));
    CHECK("a layout without a cache gives the same frames", !strcmp(t_fresh, t_uncached));

    /* the key: the same tree read twice gives the same key per article;
     * an edit changes only the edited article's */
    node *a1 = nth_article(issue, 1), *b1 = nth_article(again, 1);
    node *a0 = nth_article(issue, 0), *b0 = nth_article(again, 0);
    char *k1 = layout_article_key("s", issue, a1, &o.layout);
    char *k1b = layout_article_key("s", again, b1, &o.layout);
    CHECK("key: the same tree read twice, the same key", !strcmp(k1, k1b));
    node *t = first_text(a1);
    CHECK("an article with text", t != NULL);
    if (t) {
        char *edited = g_strdup_printf("%sx", t->text);
        g_free(t->text);
        t->text = edited;
    }
    char *k1e = layout_article_key("s", issue, a1, &o.layout);
    char *k0 = layout_article_key("s", issue, a0, &o.layout);
    char *k0b = layout_article_key("s", again, b0, &o.layout);
    CHECK("key: an edit changes the article's key", strcmp(k1, k1e) != 0);
    CHECK("key: and not the others'", !strcmp(k0, k0b));
    char *k1s = layout_article_key("other salt", issue, a1, &o.layout);
    CHECK("key: the style and fonts' salt is in it", strcmp(k1e, k1s) != 0);
    layout_options ff = o.layout;
    ff.linebreak = LINEBREAK_FIRST_FIT;
    char *k1f = layout_article_key("s", issue, a1, &ff);
    CHECK("key: the line-break mode is in it", strcmp(k1e, k1f) != 0);

    pdf_document *edited = pdf_layout_issue(issue, st, &o, NULL, &d);
    CHECK("after the edit: one article laid out again",
          edited && g_hash_table_size(cache->articles) == kept + 1);
    char *before0 = frames_text(fresh, 0, false), *after0 = frames_text(edited, 0, false);
    CHECK("after the edit: the article before it keeps its frames",
          strlen(before0) > 1000 && !strcmp(before0, after0));

    g_free(before0); g_free(after0);
    g_free(k1); g_free(k1b); g_free(k1e); g_free(k0); g_free(k0b); g_free(k1s); g_free(k1f);
    g_free(t_fresh); g_free(t_reused); g_free(t_uncached);
    pdf_document_free(fresh);
    pdf_document_free(reused);
    pdf_document_free(uncached);
    pdf_document_free(edited);
    pdf_cache_free(cache);
    FcConfigDestroy(fc);
    style_free(st);
    tree_free(issue);
    tree_free(again);
    free(fonts);
    g_free(style_path);
    diag_list_free(&d);
    CHECK_DONE();
}
