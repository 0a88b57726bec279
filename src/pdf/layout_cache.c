/* layout_cache.c - laid-out articles kept between builds (see
 * layout_cache.h). */
#include "pdf/layout_cache.h"

#include <string.h>
#include <sys/stat.h>

#include "tree_dump.h"

/* How many builds an article unused stays: an edit that moves the pages
 * after it by one and the next that moves them back find both parities. */
#define KEEP_BUILDS 4

typedef struct {
    pdf_page meta;             /* boxes empty */
    box *boxes;                /* owned copies; block is NULL, see block_idx */
    int *block_idx;            /* index+1 in the article's node order, 0 none */
    size_t nboxes;
} cached_page;

typedef struct {
    cached_page *pages;
    size_t npages;
    outline_entry *outline;    /* page relative to the article's first */
    size_t noutline;
    int nids;                  /* block ids the article used */
    int id_base;               /* the first of them when it was laid out */
    diag *diags;
    size_t ndiags;
    unsigned used;             /* generation of the last build that used it */
} cached_article;

static void cached_article_free(gpointer data)
{
    cached_article *ca = data;
    for (size_t i = 0; i < ca->npages; i++) {
        box_list l = {ca->pages[i].boxes, ca->pages[i].nboxes, ca->pages[i].nboxes};
        box_list_free(&l);
        g_free(ca->pages[i].block_idx);
    }
    g_free(ca->pages);
    for (size_t i = 0; i < ca->noutline; i++)
        g_free(ca->outline[i].title);
    g_free(ca->outline);
    for (size_t i = 0; i < ca->ndiags; i++) {
        g_free(ca->diags[i].file);
        g_free(ca->diags[i].message);
    }
    g_free(ca->diags);
    g_free(ca);
}

pdf_cache *pdf_cache_new(void)
{
    pdf_cache *c = g_new0(pdf_cache, 1);
    c->articles = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, cached_article_free);
    return c;
}

static void drop_measuring(pdf_cache *c)
{
    if (c->ctx)
        g_object_unref(c->ctx);
    if (c->fontmap)
        g_object_unref(c->fontmap);
    hyphen_set_free(c->hy);
    c->ctx = NULL;
    c->fontmap = NULL;
    c->hy = NULL;
    c->fc = NULL;
}

void pdf_cache_free(pdf_cache *c)
{
    if (!c)
        return;
    drop_measuring(c);
    g_hash_table_destroy(c->articles);
    g_free(c->salt);
    g_free(c->lang);
    g_free(c->hy_dict);
    g_free(c);
}

bool layout_cache_begin(pdf_cache *c, FcConfig *fc, const char *salt, const char *lang,
                        const char *hy_dict)
{
    c->gen++;
    if (!hy_dict)
        hy_dict = "";
    if (!lang)
        lang = "";
    bool same = c->fontmap && c->fc == fc && !g_strcmp0(c->salt, salt) &&
                !g_strcmp0(c->lang, lang) && !g_strcmp0(c->hy_dict, hy_dict);
    if (same)
        return true;
    drop_measuring(c);
    g_hash_table_remove_all(c->articles);
    g_free(c->salt);
    g_free(c->lang);
    g_free(c->hy_dict);
    c->salt = g_strdup(salt);
    c->lang = g_strdup(lang);
    c->hy_dict = g_strdup(hy_dict);
    return false;
}

static void image_stats(node *n, void *ud)
{
    GChecksum *ck = ((void **)ud)[0];
    const char *dir = ((void **)ud)[1];
    if ((n->type != NODE_IMAGE && n->type != NODE_FIGURE) || !n->as.image.url)
        return;
    char *path = g_build_filename(dir, n->as.image.url, NULL);
    struct stat st;
    char buf[96];
    if (stat(path, &st) == 0)
        g_snprintf(buf, sizeof buf, "|%lld.%ld:%lld", (long long)st.st_mtim.tv_sec,
                   (long)st.st_mtim.tv_nsec, (long long)st.st_size);
    else
        g_snprintf(buf, sizeof buf, "|missing");
    g_checksum_update(ck, (const guchar *)path, -1);
    g_checksum_update(ck, (const guchar *)buf, -1);
    g_free(path);
}

char *layout_cache_key(const pdf_cache *c, const node *issue, const node *article,
                       int first_number)
{
    GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
    const issue_meta *im = &issue->as.issue;
    const char *dir = im->dir ? im->dir : ".";
    char head[64];
    g_snprintf(head, sizeof head, "folio-layout-1|parity %d|", first_number % 2);
    g_checksum_update(ck, (const guchar *)head, -1);
    g_checksum_update(ck, (const guchar *)(c->salt ? c->salt : ""), -1);
    g_checksum_update(ck, (const guchar *)"|", 1);
    g_checksum_update(ck, (const guchar *)(im->language ? im->language : ""), -1);
    g_checksum_update(ck, (const guchar *)"|", 1);
    g_checksum_update(ck, (const guchar *)dir, -1);
    g_checksum_update(ck, (const guchar *)"|", 1);
    char *exceptions = hyph_exceptions_fingerprint(im->hyphenation);
    g_checksum_update(ck, (const guchar *)exceptions, -1);
    g_checksum_update(ck, (const guchar *)"|", 1);
    g_free(exceptions);
    GString *dump = g_string_new(NULL);
    tree_dump(article, dump);
    g_checksum_update(ck, (const guchar *)dump->str, (gssize)dump->len);
    g_string_free(dump, TRUE);
    void *ud[2] = {ck, (void *)dir};
    tree_visit_article((node *)article, image_stats, ud);
    char *key = g_strdup(g_checksum_get_string(ck));
    g_checksum_free(ck);
    return key;
}

static void collect(node *n, void *ud) { g_ptr_array_add(ud, n); }

/* The article's nodes in a fixed order: the article, then reading order. */
static GPtrArray *article_nodes(const node *article)
{
    GPtrArray *a = g_ptr_array_new();
    g_ptr_array_add(a, (gpointer)article);
    tree_visit_article((node *)article, collect, a);
    return a;
}

static void copy_box(box *to, const box *from)
{
    *to = *from;
    if (to->layout)
        g_object_ref(to->layout);
    to->text = g_strdup(from->text);
    to->attrs = g_strdup(from->attrs);
}

bool layout_cache_apply(pdf_cache *c, const char *key, pdf_document *doc, const node *article,
                        int *next_id, diag_list *d)
{
    cached_article *ca = g_hash_table_lookup(c->articles, key);
    if (!ca)
        return false;
    GPtrArray *nodes = article_nodes(article);
    size_t first_page = doc->npages;
    for (size_t i = 0; i < ca->npages; i++) {
        const cached_page *cp = &ca->pages[i];
        pdf_page *p = doc_add_page(doc);
        *p = cp->meta;
        memset(&p->boxes, 0, sizeof p->boxes);
        p->number = (int)doc->npages;
        g_snprintf(p->label, sizeof p->label, "%d", p->number);
        p->article = article;
        for (size_t j = 0; j < cp->nboxes; j++) {
            box *b = box_list_add(&p->boxes, cp->boxes[j].kind);
            copy_box(b, &cp->boxes[j]);
            int idx = cp->block_idx[j];
            b->block = idx > 0 && (guint)idx <= nodes->len ? g_ptr_array_index(nodes, idx - 1)
                                                             : NULL;
            if (b->block_id >= 0)
                b->block_id = b->block_id - ca->id_base + *next_id;
        }
    }
    for (size_t i = 0; i < ca->noutline; i++) {
        const outline_entry *e = &ca->outline[i];
        outline_add(doc, e->title, e->level, (int)first_page + e->page, e->y);
    }
    *next_id += ca->nids;
    for (size_t i = 0; i < ca->ndiags; i++) {
        const diag *x = &ca->diags[i];
        src_pos pos = {x->file, x->line, x->col};
        diag_add(d, x->severity, pos, "%s", x->message);
    }
    g_ptr_array_free(nodes, TRUE);
    ca->used = c->gen;
    return true;
}

void layout_cache_store(pdf_cache *c, const char *key, const pdf_document *doc,
                        const node *article, size_t first_page, size_t first_outline,
                        int first_id, int next_id, const diag_list *d, size_t first_diag)
{
    GPtrArray *nodes = article_nodes(article);
    GHashTable *index = g_hash_table_new(g_direct_hash, g_direct_equal);
    for (guint i = nodes->len; i-- > 0;) /* the first index wins */
        g_hash_table_insert(index, g_ptr_array_index(nodes, i), GINT_TO_POINTER(i + 1));
    cached_article *ca = g_new0(cached_article, 1);
    ca->npages = doc->npages - first_page;
    ca->pages = g_new0(cached_page, ca->npages);
    bool ok = true;
    for (size_t i = 0; i < ca->npages; i++) {
        const pdf_page *p = &doc->pages[first_page + i];
        cached_page *cp = &ca->pages[i];
        cp->meta = *p;
        memset(&cp->meta.boxes, 0, sizeof cp->meta.boxes);
        cp->meta.article = NULL;
        cp->nboxes = p->boxes.count;
        cp->boxes = g_new0(box, cp->nboxes);
        cp->block_idx = g_new0(int, cp->nboxes);
        for (size_t j = 0; j < cp->nboxes; j++) {
            const box *b = &p->boxes.items[j];
            copy_box(&cp->boxes[j], b);
            cp->boxes[j].block = NULL;
            if (b->block) {
                int idx = GPOINTER_TO_INT(g_hash_table_lookup(index, b->block));
                ok = ok && idx > 0; /* a node outside the article: not kept */
                cp->block_idx[j] = idx;
            }
        }
        if (p->cover || p->article != article)
            ok = false;
    }
    ca->noutline = doc->noutline - first_outline;
    ca->outline = g_new0(outline_entry, ca->noutline ? ca->noutline : 1);
    for (size_t i = 0; i < ca->noutline; i++) {
        ca->outline[i] = doc->outline[first_outline + i];
        ca->outline[i].title = g_strdup(ca->outline[i].title);
        ca->outline[i].page -= (int)first_page;
    }
    ca->id_base = first_id;
    ca->nids = next_id - first_id;
    ca->ndiags = d->count - first_diag;
    ca->diags = g_new0(diag, ca->ndiags ? ca->ndiags : 1);
    for (size_t i = 0; i < ca->ndiags; i++) {
        ca->diags[i] = d->items[first_diag + i];
        ca->diags[i].file = g_strdup(ca->diags[i].file);
        ca->diags[i].message = g_strdup(ca->diags[i].message);
    }
    ca->used = c->gen;
    g_hash_table_destroy(index);
    g_ptr_array_free(nodes, TRUE);
    if (ok)
        g_hash_table_replace(c->articles, g_strdup(key), ca);
    else
        cached_article_free(ca);
}

static gboolean stale(gpointer key, gpointer value, gpointer data)
{
    const cached_article *ca = value;
    unsigned gen = *(const unsigned *)data;
    return ca->used + KEEP_BUILDS <= gen;
}

void layout_cache_end(pdf_cache *c)
{
    g_hash_table_foreach_remove(c->articles, stale, &c->gen);
}
