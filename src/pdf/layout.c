/* layout.c - the layout stage's entry point: the issue, article by article,
 * into pages of boxes; then furniture, the page map and the metadata. */
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#include "fonts.h"
#include "lang.h"
#include "pdf/layout_article.h"
#include "pdf/layout_blocks.h"
#include "pdf/layout_cache.h"
#include "pdf/layout_contents.h"
#include "pdf/layout_cover.h"
#include "pdf/layout_dump.h"
#include "pdf/layout_flow.h"
#include "pdf/layout_glyphs.h"
#include "pdf/layout_key.h"
#include "pdf/layout_fit.h"

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

/* The measuring objects of one thread: Pango's font maps are not safe to
 * share between threads, so each has its own over the shared FcConfig. */
typedef struct {
    PangoFontMap *fontmap;
    PangoContext *ctx;
} layout_measurer;

void layout_measurer_free(gpointer data);
void layout_measurer_free(gpointer data)
{
    layout_measurer *m = data;
    if (!m)
        return;
    if (m->ctx)
        g_object_unref(m->ctx);
    if (m->fontmap)
        g_object_unref(m->fontmap);
    g_free(m);
}

static layout_measurer *measurer_new(FcConfig *fc, const char *lang)
{
    PangoFontMap *fm = fonts_new_pango_fontmap(fc);
    if (!fm)
        return NULL;
    layout_measurer *m = g_new0(layout_measurer, 1);
    m->fontmap = fm;
    m->ctx = measuring_context(fm, lang);
    return m;
}

/* Running head and folio: not on the cover nor on openers.  The issue
 * title heads left (even) pages, the article title right (odd) pages,
 * each at the outer edge, as the folio in the foot. */
static void add_furniture(block_builder *bb, pdf_document *doc, pdf_page *p, const node *issue,
                          const frame_nodes *fn)
{
    const style *st = bb->st;
    const node *article = frame_nodes_article(fn, p->article);
    if (p->cover || p->opener || p->picture_page || !article)
        return;
    bool left = p->number % 2 == 0;
    double x0, colw;
    flow_page_frame(st, p->number, 1, &x0, &colw);
    PangoAlignment outer = left ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT;
    const char *head = left ? issue->as.issue.title : article->as.article.title;
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
        b->line = layout_glyph_line(bb->res, l->layout, 0);
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

/* Words of a block counted so far, as its lines come (page map). */
typedef struct {
    int words;
    bool after_space;
    bool open_word;      /* the last line ended inside a word (a hyphenated break) */
} word_count;

static bool in_pullquote(const node *n)
{
    for (; n; n = n->parent)
        if (n->type == NODE_PULLQUOTE)
            return true;
    return false;
}

/* The text a line of glyph runs stands for. */
static char *line_text(const glyph_line *l)
{
    GString *s = g_string_new(NULL);
    for (int i = 0; l && i < l->nparts; i++)
        if (l->parts[i].kind == PART_GLYPHS && l->parts[i].text)
            g_string_append_len(s, l->parts[i].text, l->parts[i].text_len);
    return g_string_free(s, FALSE);
}

/* Whether text ends inside a word: a soft hyphen or hyphen at a line's
 * end, with no space after it, breaks a word across lines. */
static bool ends_in_word(const char *text)
{
    const char *end = text + strlen(text);
    if (end == text)
        return false;
    gunichar c = g_utf8_get_char(g_utf8_prev_char(end));
    return c == 0xAD || c == '-' || c == 0x2010;
}

/* The page map: for each page the block and the word at which its text
 * begins.  The lines of each block are counted in words (pagemap.h) as
 * they come, page after page; a page begins at the word its first line of
 * running text begins in (the word before, when the line starts in the
 * middle of a hyphenated word).  Pull quotes repeat the text elsewhere and
 * list labels are not the item's text: neither counts. */
static void fill_page_map(const pdf_document *doc, const node *issue, frame_nodes *fn,
                          page_map *pm)
{
    GHashTable *counts = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    for (size_t i = 0; i < doc->npages; i++) {
        const pdf_page *p = &doc->pages[i];
        const node *article = frame_nodes_article(fn, p->article);
        const node *first = p->cover ? issue : p->opener ? article : NULL;
        int word = 0;
        for (size_t j = 0; j < p->boxes.count; j++) {
            const box *b = &p->boxes.items[j];
            bool label = j > 0 && p->boxes.items[j - 1].kind == BOX_TAG_BEGIN &&
                         !g_strcmp0(p->boxes.items[j - 1].text, "Lbl");
            if (b->kind != BOX_LINE || b->node < 0 || !b->line || label ||
                (b->role != ROLE_BODY && b->role != ROLE_HEADING))
                continue;
            const node *block = frame_nodes_get(fn, p->article, b->node);
            if (!block || in_pullquote(block))
                continue;
            word_count *wc = g_hash_table_lookup(counts, block);
            if (!wc) {
                wc = g_new0(word_count, 1);
                g_hash_table_insert(counts, (gpointer)block, wc);
            }
            char *text = line_text(b->line);
            /* A line starts a word unless the one before broke a word (the
             * runs may or may not carry a line's trailing space). */
            wc->after_space = !wc->open_word;
            if (!first) {
                first = block;
                word = wc->open_word && wc->words > 0 ? wc->words - 1 : wc->words;
            }
            wc->words += page_map_word_starts(text, strlen(text), &wc->after_space);
            wc->open_word = ends_in_word(text);
            g_free(text);
        }
        if (!first)
            first = article ? article : issue->first ? issue->first : issue; /* contents, notes pages: before the first article */
        page_map_add_at(pm, first, word, p->number, p->label);
    }
    g_hash_table_destroy(counts);
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

static void layout_article(block_builder *bb, flow_state *fs, pdf_document *doc, const node *a,
                           article_fit *fit)
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

    copyfit_article(bb, fs, doc, a, header, body, ncols, colw, fit);
    box_list_add(&flow_current_page(fs)->boxes, BOX_TAG_END); /* Art */

    g_ptr_array_free(body, TRUE);
    flow_block_free(header);
    g_ptr_array_free(bb->notes, TRUE);
    bb->notes = NULL;
}

/* One warning per language the issue uses (issue.yaml `language:`, front
 * matter `lang:`, <span lang>) that has no hyphenation dictionary, at the
 * first place it is used, naming the Debian package that has it. */
static void note_lang(GHashTable *seen, const char *dir, const char *lang, src_pos at,
                      diag_list *d)
{
    if (!lang || !*lang)
        return;
    char *key = g_ascii_strdown(lang, -1);
    if (g_hash_table_contains(seen, key)) {
        g_free(key);
        return;
    }
    g_hash_table_add(seen, key);
    char *package = NULL;
    char *path = lang_hyphen_dict(dir, lang, &package);
    if (!path)
        diag_warning(d, at, "no hyphenation dictionary for `%s` in %s: the print edition sets "
                     "this text unhyphenated; install the Debian package %s", lang, dir, package);
    g_free(path);
    g_free(package);
}

typedef struct {
    GHashTable *seen;
    const char *dir;
    diag_list *d;
} lang_walk;

static void note_span_lang(node *n, void *ud)
{
    lang_walk *w = ud;
    if (n->type == NODE_SPAN_LANG)
        note_lang(w->seen, w->dir, n->as.span.lang, n->pos, w->d);
}

static void warn_missing_dictionaries(const node *issue, const char *dir, diag_list *d)
{
    const issue_meta *im = &issue->as.issue;
    lang_walk w = {g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL), dir, d};
    note_lang(w.seen, dir, im->language, im->language_pos.file ? im->language_pos : issue->pos,
              d);
    for (node *a = issue->first; a; a = a->next) {
        if (a->type != NODE_ARTICLE)
            continue;
        note_lang(w.seen, dir, a->as.article.lang, a->as.article.lang_pos, d);
        tree_visit_article(a, note_span_lang, &w);
    }
    g_hash_table_destroy(w.seen);
}

/* What every article's layout shares: read-only inputs, and the objects
 * made once per build (or per session) for them. */
typedef struct {
    const style *st;
    const node *issue;
    hyphen_set *hyphens;       /* one hyphenator per language (thread-safe) */
    pdf_resources *res;
    const char *content_dir, *lang;
} layout_inputs;

/* One article on pages of its own (layout_article.h), measured with m. */
static article_frames *article_frames_make(const layout_inputs *in, layout_measurer *m,
                                           const node *a)
{
    article_frames *af = article_frames_new(in->res);
    int next_id = 0;
    /* An article may be in another language than the issue (`lang:`). */
    const char *lang = a->as.article.lang ? a->as.article.lang : in->lang;
    /* ...and of a type whose accent may be its own ([colors.<type>]) */
    const style *st = style_for_type(in->st, a->as.article.type);
    text_env env = {st, hyphen_set_get(in->hyphens, lang), in->hyphens,
                    in->issue->as.issue.hyphenation};
    block_builder bb = {.st = st, .ctx = m->ctx, .env = env, .body = &st->body,
                        .content_dir = in->content_dir, .lang = lang, .next_id = &next_id,
                        .d = &af->diags, .res = in->res, .node_ix = frame_node_index(a)};
    flow_state *fs = flow_new(af->doc, st);
    layout_article(&bb, fs, af->doc, a, &af->fit);
    flow_free(fs);
    g_hash_table_destroy(bb.node_ix);
    af->nids = next_id;
    return af;
}

/* ---- articles in parallel ----------------------------------------------
 *
 * Each article is laid out alone (its frames depend on nothing outside
 * it), so they go to a pool of threads.  A thread takes a measurer (font
 * map and context) from the queue of free ones for the article and gives
 * it back after; results land in the article's own slot, and everything
 * that follows (the cache, the final pass) runs on the calling thread in
 * article order, so any number of threads gives the same bytes. */
typedef struct {
    const layout_inputs *in;
    GAsyncQueue *measurers;    /* layout_measurer* free to use */
} layout_pool;

typedef struct {
    const node *article;
    size_t size;               /* bytes of text: the longest go first */
    article_frames *out;
} layout_task;

static void add_text_size(node *n, void *ud)
{
    if (n->text)
        *(size_t *)ud += strlen(n->text);
}

/* Longest first, so no thread is left with a long article at the end;
 * the order of the results does not depend on it (each has its slot). */
static gint task_longer(gconstpointer a, gconstpointer b)
{
    const layout_task *x = *(layout_task *const *)a, *y = *(layout_task *const *)b;
    return x->size < y->size ? 1 : x->size > y->size ? -1 : 0;
}

static void layout_task_run(gpointer data, gpointer user)
{
    layout_task *t = data;
    layout_pool *p = user;
    layout_measurer *m = g_async_queue_pop(p->measurers);
    t->out = article_frames_make(p->in, m, t->article);
    g_async_queue_push(p->measurers, m);
}

/* Runs the tasks on up to jobs threads, with the measurers given (at
 * least one; more are made over fc while there are fewer than threads). */
static void layout_tasks_run(const layout_inputs *in, GPtrArray *measurers, FcConfig *fc,
                             const layout_options *o, layout_task *tasks, size_t ntasks,
                             int jobs)
{
    if (jobs > (int)ntasks)
        jobs = (int)ntasks;
    while (jobs > 1 && (int)measurers->len < jobs) {
        layout_measurer *m = measurer_new(fc, in->lang);
        if (!m)
            break;
        layout_text_set_options(m->ctx, o);
        g_ptr_array_add(measurers, m);
    }
    if (jobs > (int)measurers->len)
        jobs = (int)measurers->len;
    GThreadPool *pool = NULL;
    layout_pool lp = {in, g_async_queue_new()};
    for (int i = 0; i < jobs; i++)
        g_async_queue_push(lp.measurers, g_ptr_array_index(measurers, i));
    if (jobs > 1)
        pool = g_thread_pool_new(layout_task_run, &lp, jobs, FALSE, NULL);
    GPtrArray *order = g_ptr_array_new();
    for (size_t i = 0; i < ntasks; i++) {
        tree_visit_article((node *)tasks[i].article, add_text_size, &tasks[i].size);
        g_ptr_array_add(order, &tasks[i]);
    }
    if (pool)
        g_ptr_array_sort(order, task_longer);
    for (guint i = 0; i < order->len; i++) {
        layout_task *t = g_ptr_array_index(order, i);
        if (!pool || !g_thread_pool_push(pool, t, NULL))
            layout_task_run(t, &lp);
    }
    g_ptr_array_free(order, TRUE);
    if (pool)
        g_thread_pool_free(pool, FALSE, TRUE); /* waits for every task */
    g_async_queue_unref(lp.measurers);
}

/* The final pass for one article: its frames copied after the pages so
 * far, numbered, moved to the margins of their page's parity; outline
 * pages and block ids made the issue's; its diagnostics given again. */
static void place_article(pdf_document *doc, const style *st, const article_frames *af,
                          int article, int id_base, diag_list *d)
{
    size_t first = doc->npages;
    for (size_t i = 0; i < af->doc->npages; i++) {
        const pdf_page *src = &af->doc->pages[i];
        pdf_page *p = doc_add_page(doc);
        *p = *src;
        memset(&p->boxes, 0, sizeof p->boxes);
        p->number = (int)doc->npages;
        g_snprintf(p->label, sizeof p->label, "%d", p->number);
        p->article = article;
        double x0, w;
        flow_page_frame(st, p->number, 1, &x0, &w);
        for (int c = 0; c < p->ncolumns && c < STYLE_MAX_COLUMNS; c++)
            p->col_x[c] += x0;
        for (size_t j = 0; j < src->boxes.count; j++) {
            box *b = box_list_copy(&p->boxes, &src->boxes.items[j], x0, 0);
            if (b->block_id >= 0)
                b->block_id += id_base;
        }
    }
    for (size_t i = 0; i < af->doc->noutline; i++) {
        const outline_entry *e = &af->doc->outline[i];
        outline_add(doc, e->title, e->level, (int)first + e->page, e->y);
    }
    for (size_t i = 0; i < af->diags.count; i++) {
        const diag *x = &af->diags.items[i];
        src_pos pos = {x->file, x->line, x->col};
        diag_add(d, x->severity, pos, "%s", x->message);
    }
}

/* Every article's frames (frames[i] for the issue's child i; NULL for a
 * child that is not an article): kept from the last build when the cache
 * has them, else laid out now, on up to o->layout.jobs threads.  Frames
 * made without a cache go to made[i], for the caller to free. */
static void frames_for_articles(const layout_inputs *in, pdf_cache *cache, bool keep,
                                FcConfig *fc, const pdf_options *o, size_t narticles,
                                const article_frames **frames, article_frames **made)
{
    layout_task *tasks = g_new0(layout_task, narticles + 1);
    size_t *task_of = g_new0(size_t, narticles + 1);
    char **keys = g_new0(char *, narticles + 1);
    size_t ntasks = 0, ai = 0;
    for (const node *a = in->issue->first; a; a = a->next, ai++) {
        if (a->type != NODE_ARTICLE)
            continue;
        keys[ai] = keep ? layout_article_key(o->cache_salt, in->issue, a, &o->layout) : NULL;
        frames[ai] = keys[ai] ? layout_cache_lookup(cache, keys[ai]) : NULL;
        if (!frames[ai]) {
            task_of[ai] = ntasks + 1;
            tasks[ntasks++].article = a;
        }
    }
    int jobs = o->layout.jobs > 0 ? o->layout.jobs : (int)g_get_num_processors();
    layout_tasks_run(in, cache->measurers, fc, &o->layout, tasks, ntasks, jobs);
    for (size_t i = 0; i < narticles; i++) {
        if (!task_of[i])
            continue;
        article_frames *af = tasks[task_of[i] - 1].out;
        frames[i] = af;
        if (keys[i])
            layout_cache_store(cache, keys[i], af);
        else
            made[i] = af;
    }
    for (size_t i = 0; i < narticles; i++)
        g_free(keys[i]);
    g_free(keys);
    g_free(tasks);
    g_free(task_of);
}

/* The final pass: the cover, the articles' frames in order, numbered and
 * moved to their margins; then what needs the numbers (the cover list,
 * running heads and folios), the metadata, the page map. */
static pdf_document *final_pass(const layout_inputs *in, layout_measurer *m,
                                const article_frames **frames, size_t narticles,
                                const pdf_options *o, page_map *pages, diag_list *d)
{
    const style *st = in->st;
    const node *issue = in->issue;
    pdf_document *doc = pdf_document_new(in->res);
    doc->page_width = st->page_width;
    doc->image_ppi = st->screen_ppi;
    doc->jpeg_quality = st->jpeg_quality;
    doc->page_height = st->page_height;
    doc->source_date = o->source_date;
    pdf_page *cover = doc_add_page(doc);
    cover->cover = true;
    cover->number = 1;
    cover->label[0] = '\0';
    cover->article = -1;
    add_tag(cover, "Document");
    size_t contents_at = 0;
    if (contents_wanted(st)) {
        contents_reserve(doc);
        contents_at = doc->npages - 1;
    }
    frame_nodes fn;
    frame_nodes_init(&fn, issue);
    int next_id = 1;
    for (size_t i = 0; i < narticles; i++)
        if (frames[i]) {
            size_t first_page = doc->npages;
            place_article(doc, st, frames[i], (int)i, next_id, d);
            next_id += frames[i]->nids;
            fit_report_add(doc, st, frame_nodes_article(&fn, (int)i), first_page, &frames[i]->fit);
        }
    text_env env = {st, hyphen_set_get(in->hyphens, in->lang), in->hyphens,
                    issue->as.issue.hyphenation};
    block_builder bb = {.st = st, .ctx = m->ctx, .env = env, .body = &st->body,
                        .content_dir = in->content_dir, .lang = in->lang, .next_id = &next_id,
                        .d = d, .res = in->res};
    cover_layout(&bb, doc, &doc->pages[0], issue);
    if (contents_at)
        contents_layout(&bb, doc, &doc->pages[contents_at], issue);
    issue_page_multiple(&bb, doc, issue);
    for (size_t i = 0; i < doc->npages; i++)
        add_furniture(&bb, doc, &doc->pages[i], issue, &fn);
    box_list_add(&doc->pages[doc->npages - 1].boxes, BOX_TAG_END); /* Document */
    set_metadata(doc, issue);
    if (pages)
        fill_page_map(doc, issue, &fn, pages);
    frame_nodes_clear(&fn);
    return doc;
}

/* The hyphenator and resources for this build, and the place of its
 * measuring objects: the cache's when they are still good, else new ones
 * in the cache, or in local when there is no cache; *out is the one to
 * use. */
static void measuring_begin(pdf_cache *cache, pdf_cache *local, FcConfig *fc, const style *st,
                            const char *salt, const char *lang, const char *dict_dir,
                            const char *snapshots, pdf_cache **out)
{
    if (cache && layout_cache_begin(cache, fc, salt, lang, dict_dir)) {
        *out = cache; /* the session's objects are still good */
        return;
    }
    if (!cache) {
        cache = local;
        local->res = resources_new();
        local->measurers = g_ptr_array_new_with_free_func(layout_measurer_free);
    }
    cache->fc = fc;
    cache->hy = hyphen_set_new(dict_dir, st->min_hyphen_word, snapshots);
    *out = cache;
}

pdf_document *pdf_layout_issue(const node *issue, const style *st, const pdf_options *o,
                               page_map *pages, diag_list *d)
{
    src_pos here = {"pdf", 0, 0};
    FcConfig *fc = o->fc ? o->fc : fonts_load_config(o->fonts_dir, d);
    if (!fc)
        return NULL;
    const issue_meta *im = &issue->as.issue;
    const char *dict_dir = o->hyphen_dir ? o->hyphen_dir : LANG_HYPHEN_DIR;
    warn_missing_dictionaries(issue, dict_dir, d);
    pdf_cache local = {0}, *cache = NULL;
    measuring_begin(o->fc && o->cache_salt ? o->cache : NULL, &local, fc, st, o->cache_salt,
                    im->language, dict_dir, o->hyphen_snapshots, &cache);
    if (!cache->measurers->len) {
        layout_measurer *m = measurer_new(fc, im->language);
        if (m)
            g_ptr_array_add(cache->measurers, m);
    }
    pdf_document *doc = NULL;
    if (!cache->measurers->len) {
        diag_error(d, here, "cannot make a font map over %s", o->fonts_dir);
        goto out;
    }
    for (guint i = 0; i < cache->measurers->len; i++)
        layout_text_set_options(((layout_measurer *)g_ptr_array_index(cache->measurers, i))->ctx,
                                &o->layout);
    layout_inputs in = {st, issue, cache->hy, cache->res, im->dir ? im->dir : ".", im->language};
    size_t narticles = 0;
    for (const node *a = issue->first; a; a = a->next)
        narticles++;
    const article_frames **frames = g_new0(const article_frames *, narticles + 1);
    article_frames **made = g_new0(article_frames *, narticles + 1);
    frames_for_articles(&in, cache, cache != &local, fc, o, narticles, frames, made);
    doc = final_pass(&in, g_ptr_array_index(cache->measurers, 0), frames, narticles, o, pages,
                     d);
    for (size_t i = 0; i < narticles; i++)
        article_frames_free(made[i]);
    g_free(made);
    g_free(frames);
out:
    if (cache == &local) {
        hyphen_set_free(local.hy);
        g_ptr_array_free(local.measurers, TRUE);
        resources_unref(local.res);
    } else {
        layout_cache_end(cache);
    }
    if (!o->fc)
        FcConfigDestroy(fc);
    return doc;
}

bool pdf_layout_dump(const pdf_document *doc, const node *issue, const char *path)
{
    frame_nodes fn;
    frame_nodes_init(&fn, issue);
    bool ok = layout_dump_write(doc, &fn, path);
    frame_nodes_clear(&fn);
    return ok;
}

const char *pdf_fit_report(const pdf_document *doc)
{
    return doc && doc->fit_report ? doc->fit_report->str : "";
}
