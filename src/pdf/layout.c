/* layout.c - the layout stage's entry point: the issue, article by article,
 * into pages of boxes; then furniture, the page map and the metadata. */
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#include "fonts.h"
#include "pdf/layout_blocks.h"
#include "pdf/layout_cache.h"
#include "pdf/layout_cover.h"
#include "pdf/layout_dump.h"
#include "pdf/layout_flow.h"
#include "pdf/layout_picture.h"

/* A context for measuring only: it comes from the private font map and
 * never touches a cairo surface.  72 dpi makes Pango's units points;
 * unhinted metrics and unrounded positions keep the PDF's spacing exact. */
static PangoContext *measuring_context(PangoFontMap *fm, const char *lang)
{
    PangoContext *ctx = pango_font_map_create_context(fm);
    pango_cairo_context_set_resolution(ctx, 72);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(ctx, fo);
    cairo_font_options_destroy(fo);
    pango_context_set_round_glyph_positions(ctx, FALSE);
    pango_context_set_language(ctx, pango_language_from_string(lang ? lang : "nl"));
    return ctx;
}

/* Running head and folio: not on the cover nor on openers.  The issue
 * title heads left (even) pages, the article title right (odd) pages,
 * each at the outer edge, as the folio in the foot. */
static void add_furniture(block_builder *bb, pdf_document *doc, pdf_page *p, const node *issue)
{
    const style *st = bb->st;
    if (p->cover || p->opener || p->picture_page || !p->article)
        return;
    bool left = p->number % 2 == 0;
    double x0, colw;
    flow_page_frame(st, p->number, 1, &x0, &colw);
    PangoAlignment outer = left ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT;
    const char *head = left ? issue->as.issue.title : p->article->as.article.title;
    struct { const char *text; const style_text *ts; double top; } items[] = {
        {head, &st->running_head, st->margin_top - st->running_head.leading * 2},
        {p->label, &st->folio, st->page_height - st->margin_bottom + st->folio.leading},
    };
    for (int i = 0; i < 2; i++) {
        para_lines *l = blocks_set_line(bb, items[i].text, items[i].ts, colw, outer);
        box *b = box_list_add(&p->boxes, BOX_LINE);
        b->role = ROLE_FURNITURE;
        b->x = x0 + l->line_x[0];
        b->y = items[i].top;
        b->w = colw - l->line_x[0];
        b->h = l->leading;
        b->baseline = l->baseline;
        b->layout = g_object_ref(l->layout);
        b->color[0] = items[i].ts->color.r;
        b->color[1] = items[i].ts->color.g;
        b->color[2] = items[i].ts->color.b;
        para_lines_free(l);
    }
    box *r = box_list_add(&p->boxes, BOX_RULE);
    r->role = ROLE_FURNITURE;
    r->x = x0;
    r->y = st->margin_top - st->running_head.leading * 0.6;
    r->w = colw;
    r->line_width = st->rule_width;
    r->color[0] = st->rule_color.r;
    r->color[1] = st->rule_color.g;
    r->color[2] = st->rule_color.b;
}

/* The page map: for each page the first block whose text is on it. */
static void fill_page_map(const pdf_document *doc, const node *issue, page_map *pm)
{
    for (size_t i = 0; i < doc->npages; i++) {
        const pdf_page *p = &doc->pages[i];
        const node *first = p->cover ? issue : p->opener ? p->article : NULL;
        for (size_t j = 0; !first && j < p->boxes.count; j++) {
            const box *b = &p->boxes.items[j];
            if (b->kind == BOX_LINE && b->block &&
                (b->role == ROLE_BODY || b->role == ROLE_HEADING))
                first = b->block;
        }
        if (!first)
            first = p->article;
        page_map_add(pm, first, p->number, p->label);
    }
}

static void add_tag(pdf_page *p, const char *name)
{
    box *t = box_list_add(&p->boxes, BOX_TAG_BEGIN);
    t->text = g_strdup(name);
    t->attrs = g_strdup("");
}

static void set_metadata(pdf_document *doc, const node *issue)
{
    const issue_meta *im = &issue->as.issue;
    doc->title = g_strdup(im->title);
    GString *authors = g_string_new(NULL), *subject = g_string_new(NULL);
    for (const node *a = issue->first; a; a = a->next) {
        const article_meta *m = &a->as.article;
        for (size_t i = 0; i < m->nauthors; i++)
            if (!strstr(authors->str, m->authors[i]))
                g_string_append_printf(authors, "%s%s", authors->len ? ", " : "", m->authors[i]);
        if (m->type != ARTICLE_COLOPHON)
            g_string_append_printf(subject, "%s%s", subject->len ? "; " : "", m->title);
    }
    if (!authors->len)
        g_string_append(authors, im->publisher ? im->publisher : "");
    doc->author = g_string_free(authors, FALSE);
    doc->subject = g_string_free(subject, FALSE);
    doc->keywords = g_strdup_printf("%s%s%s, %s", im->title, im->number ? " " : "",
                                    im->number ? im->number : "", im->date ? im->date : "");
    doc->lang = g_strdup(im->language);
}

/* Drops the pages and outline entries from first_page, first_outline on:
 * what a layout pass that is tried again had added. */
static void truncate_doc(pdf_document *doc, size_t first_page, size_t first_outline)
{
    for (size_t i = first_page; i < doc->npages; i++)
        box_list_free(&doc->pages[i].boxes);
    doc->npages = first_page;
    for (size_t i = first_outline; i < doc->noutline; i++)
        g_free(doc->outline[i].title);
    doc->noutline = first_outline;
}

/* Balanced heights tried for an article's last page before it is set
 * unbalanced. */
#define BALANCE_TRIES 3

static void layout_article(block_builder *bb, flow_state *fs, pdf_document *doc, const node *a)
{
    const style *st = bb->st;
    const article_meta *m = &a->as.article;
    int ncols = m->columns > 0 ? m->columns : st->columns;
    if (ncols < 1)
        ncols = 1;
    double x0, colw, fullw;
    flow_page_frame(st, 2, ncols, &x0, &colw);
    flow_page_frame(st, 2, 1, &x0, &fullw);
    /* One column over the whole measure would give lines of a hundred
     * characters: a single column keeps a readable measure of 34 em of
     * its text (about 65 characters) and leaves the rest as margin. */
    const style_text *run = m->type == ARTICLE_COLOPHON ? &st->colophon : &st->body;
    if (ncols == 1 && colw > run->size * 34)
        colw = run->size * 34;
    bb->col_w = colw;
    bb->full_w = fullw;
    bb->col_h = st->page_height - st->margin_top - st->margin_bottom;
    bb->body = m->type == ARTICLE_COLOPHON ? &st->colophon : &st->body;
    bb->notes = g_ptr_array_new_with_free_func((GDestroyNotify)flow_block_free);

    blocks_build_notes(bb, a);
    flow_block *header = blocks_build_header(bb, a, fullw);
    flow_row_tag_begin(&header->rows[0], "Art", NULL);
    box *dest = box_list_add(&header->rows[0].boxes, BOX_DEST);
    dest->text = g_strdup_printf("art-%s", m->slug);
    GPtrArray *body = blocks_build_body(bb, a);

    /* First pass; then, if the last page's columns are uneven, a second
     * pass that ends them at the same height (a third, plain pass if the
     * balanced one needs more pages). */
    size_t first_page = doc->npages, first_outline = doc->noutline, pass0_pages = 0;
    double balance_h = 0;
    int balance_page = -1;
    for (int pass = 0;; pass++) {
        flow_set_balance(fs, pass >= 1 && pass <= BALANCE_TRIES ? balance_page : -1, balance_h);
        flow_begin_article(fs, a, ncols, colw, header);
        layout_picture_opener(bb, flow_current_page(fs), a);
        outline_add(doc, m->title, 0, (int)doc->npages - 1, st->margin_top);
        flow_place_blocks(fs, body);
        flow_end_article(fs);
        if (pass == 0) {
            if (!flow_balance_height(fs, bb->body->leading, &balance_h))
                break;
            pass0_pages = doc->npages;
            balance_page = flow_balance_page(fs);
        } else if (pass <= BALANCE_TRIES) {
            /* (fewer pages: a figure that waited found room under the
             * balanced columns) */
            if (doc->npages <= pass0_pages)
                break;
            /* a block that is never split (an inset with its text, a
             * figure) did not fit: a few lines more per column */
            balance_h += bb->body->leading * 3;
        } else
            break;
        truncate_doc(doc, first_page, first_outline);
    }
    flow_set_balance(fs, -1, 0);
    box_list_add(&flow_current_page(fs)->boxes, BOX_TAG_END); /* Art */

    g_ptr_array_free(body, TRUE);
    flow_block_free(header);
    g_ptr_array_free(bb->notes, TRUE);
    bb->notes = NULL;
}

/* The hyphenation dictionary for the issue's language: the one given, or
 * /usr/share/hyphen/hyph_<ll>_<CC>.dic, then hyph_<ll>.dic.  NULL when
 * there is none (text is then set unhyphenated). */
static char *hyphen_dict_for(const char *given, const char *lang)
{
    if (given)
        return g_strdup(given);
    char *tag = g_strdup(lang && *lang ? lang : "nl");
    g_strdelimit(tag, "-", '_');
    char **parts = g_strsplit(tag, "_", 2);
    char *ll = g_ascii_strdown(parts[0], -1);
    char *cc = parts[1] ? g_ascii_strup(parts[1], -1)
                        : g_ascii_strup(parts[0], -1); /* nl -> nl_NL, de -> de_DE */
    const char *dir = "/usr/share/hyphen";
    char *tries[] = {g_strdup_printf("%s/hyph_%s_%s.dic", dir, ll, cc),
                     g_strdup_printf("%s/hyph_%s.dic", dir, ll)};
    char *found = NULL;
    for (int i = 0; i < 2; i++) {
        if (!found && g_file_test(tries[i], G_FILE_TEST_IS_REGULAR))
            found = g_strdup(tries[i]);
        g_free(tries[i]);
    }
    g_strfreev(parts);
    g_free(ll);
    g_free(cc);
    g_free(tag);
    return found;
}

pdf_document *pdf_layout_issue(const node *issue, const style *st, const pdf_options *o,
                               page_map *pages, diag_list *d)
{
    src_pos here = {"pdf", 0, 0};
    FcConfig *fc = o->fc ? o->fc : fonts_load_config(o->fonts_dir, d);
    if (!fc)
        return NULL;
    pdf_document *doc = g_new0(pdf_document, 1);
    doc->st = st;
    doc->fc = fc;
    doc->own_fc = !o->fc;
    doc->source_date = o->source_date;
    const issue_meta *im = &issue->as.issue;
    char *dict = hyphen_dict_for(o->hyphen_dict, im->language);
    pdf_cache *cache = o->fc && o->cache_salt ? o->cache : NULL;
    PangoContext *ctx = NULL;
    hyphenator *hy = NULL;
    if (cache && layout_cache_begin(cache, fc, o->cache_salt, im->language, dict)) {
        doc->fontmap = g_object_ref(cache->fontmap);
        ctx = g_object_ref(cache->ctx);
        hy = cache->hy;
    } else {
        doc->fontmap = fonts_new_pango_fontmap(fc);
        if (!doc->fontmap) {
            diag_error(d, here, "cannot make a font map over %s", o->fonts_dir);
            g_free(dict);
            pdf_document_free(doc);
            return NULL;
        }
        ctx = measuring_context(doc->fontmap, im->language);
        hy = dict ? hyphenator_new(dict, st->min_hyphen_word) : NULL;
        if (cache) {
            cache->fc = fc;
            cache->fontmap = g_object_ref(doc->fontmap);
            cache->ctx = g_object_ref(ctx);
            cache->hy = hy;
        }
    }
    if (!hy)
        diag_warning(d, here, "no hyphenation dictionary for `%s`%s%s: text is set unhyphenated",
                     im->language ? im->language : "", dict ? " at " : "", dict ? dict : "");
    g_free(dict);
    int next_id = 1;
    block_builder bb = {.st = st, .ctx = ctx, .env = {st, hy}, .body = &st->body,
                        .content_dir = im->dir ? im->dir : ".", .lang = im->language,
                        .next_id = &next_id, .d = d};

    pdf_page *cover = doc_add_page(doc);
    cover->cover = true;
    cover->number = 1;
    cover->label[0] = '\0';
    add_tag(cover, "Document");

    flow_state *fs = flow_new(doc, st);
    for (const node *a = issue->first; a; a = a->next) {
        if (a->type != NODE_ARTICLE)
            continue;
        char *key = cache ? layout_cache_key(cache, issue, a, (int)doc->npages + 1) : NULL;
        if (key && layout_cache_apply(cache, key, doc, a, &next_id, d)) {
            g_free(key);
            continue;
        }
        size_t first_page = doc->npages, first_outline = doc->noutline, first_diag = d->count;
        int first_id = next_id;
        layout_article(&bb, fs, doc, a);
        if (key)
            layout_cache_store(cache, key, doc, a, first_page, first_outline, first_id, next_id,
                               d, first_diag);
        g_free(key);
    }
    if (cache)
        layout_cache_end(cache);
    flow_free(fs);
    cover_layout(&bb, doc, &doc->pages[0], issue);
    for (size_t i = 0; i < doc->npages; i++)
        add_furniture(&bb, doc, &doc->pages[i], issue);
    box_list_add(&doc->pages[doc->npages - 1].boxes, BOX_TAG_END); /* Document */
    set_metadata(doc, issue);
    if (pages)
        fill_page_map(doc, issue, pages);

    const char *dump = getenv("FOLIO_LAYOUT_DUMP");
    if (dump && *dump && !layout_dump_write(doc, dump))
        diag_warning(d, here, "cannot write the layout dump to %s", dump);
    if (!cache)
        hyphenator_free(hy);
    g_object_unref(ctx);
    return doc;
}

int pdf_page_count(const pdf_document *doc) { return doc ? (int)doc->npages : 0; }

void pdf_document_free(pdf_document *doc)
{
    if (!doc)
        return;
    for (size_t i = 0; i < doc->npages; i++)
        box_list_free(&doc->pages[i].boxes);
    g_free(doc->pages);
    for (size_t i = 0; i < doc->noutline; i++)
        g_free(doc->outline[i].title);
    g_free(doc->outline);
    g_free(doc->title);
    g_free(doc->author);
    g_free(doc->subject);
    g_free(doc->keywords);
    g_free(doc->lang);
    if (doc->fontmap)
        g_object_unref(doc->fontmap);
    if (doc->fc && doc->own_fc)
        FcConfigDestroy(doc->fc);
    g_free(doc);
}
