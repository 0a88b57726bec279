/* epub_articles.c - one XHTML content document per article, written by
 * the shared XHTML serialiser (src/xhtml.c) with the package's paths. */
#include "epub_book.h"

#include <glib.h>
#include <string.h>
#include "xhtml.h"

typedef struct {
    epub_book *b;
    GHashTable *marks;   /* node -> GArray of xhtml_page_mark, in page order */
    const char *href;    /* the document being written */
} article_ctx;

/* The block the XHTML writer marks for a page that begins at block: a
 * table for its rows and cells, an item's first block for the item.  Word
 * positions are kept only where the writer counts words in place. */
static const node *marked_block(const node *block, int *word)
{
    const node *n = block;
    while (n->parent && (n->type == NODE_TABLE_CELL || n->type == NODE_TABLE_ROW)) {
        n = n->parent;
        *word = 0;
    }
    while (n->type == NODE_ITEM && n->first) {
        n = n->first;
        *word = 0;
    }
    return n;
}

const char *epub_page_label(const page_start *ps, char buf[16])
{
    if (ps->label[0])
        return ps->label;
    /* The cover prints no number; it is page 1 all the same. */
    g_snprintf(buf, 16, "%d", ps->page);
    return buf;
}

bool epub_page_target_add(epub_book *b, const char *label, const char *href, const node *at)
{
    for (size_t i = 0; i < b->ntargets; i++)
        if (!strcmp(b->targets[i].label, label))
            return false; /* one marker per page: ids must be unique */
    b->targets = g_renew(epub_page_target, b->targets, b->ntargets + 1);
    b->targets[b->ntargets].label = g_strdup(label);
    b->targets[b->ntargets].href = g_strdup_printf("%s#page-%s", href, label);
    b->targets[b->ntargets].at = at;
    b->ntargets++;
    return true;
}

static void free_marks(gpointer p)
{
    GArray *a = p;
    for (guint i = 0; i < a->len; i++)
        g_free((char *)g_array_index(a, xhtml_page_mark, i).label);
    g_array_free(a, TRUE);
}

static GHashTable *marks_by_block(const page_map *pages)
{
    GHashTable *h = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, free_marks);
    for (size_t i = 0; pages && i < pages->count; i++) {
        const page_start *ps = &pages->items[i];
        if (!ps->block || ps->block->type == NODE_ISSUE)
            continue; /* the cover: cover.xhtml */
        int word = ps->word;
        const node *at = marked_block(ps->block, &word);
        char buf[16];
        xhtml_page_mark m = {g_strdup(epub_page_label(ps, buf)), word};
        GArray *a = g_hash_table_lookup(h, at);
        if (!a) {
            a = g_array_new(FALSE, FALSE, sizeof(xhtml_page_mark));
            g_hash_table_insert(h, (gpointer)at, a);
        }
        g_array_append_val(a, m);
    }
    return h;
}

/* The pages that begin in n.  Every marker handed out is recorded, so the
 * page-list links only to markers that exist; a page already marked
 * elsewhere is not handed out twice. */
static size_t page_marks(const node *n, void *ud, const xhtml_page_mark **out)
{
    article_ctx *c = ud;
    GArray *a = g_hash_table_lookup(c->marks, n);
    *out = NULL;
    if (!a)
        return 0;
    size_t k = 0;
    for (guint i = 0; i < a->len; i++) {
        xhtml_page_mark m = g_array_index(a, xhtml_page_mark, i);
        if (epub_page_target_add(c->b, m.label, c->href, n))
            g_array_index(a, xhtml_page_mark, k++) = m;
        else
            g_free((char *)m.label);
    }
    g_array_set_size(a, k);
    *out = (const xhtml_page_mark *)a->data;
    return k;
}

/* Content documents live in text/, images in images/. */
static char *image_href(const char *url, void *ud)
{
    const article_ctx *c = ud;
    const char *href = epub_book_image_href(c->b, url);
    return g_strdup_printf("../%s", href ? href : url);
}

void epub_add_articles(epub_book *b, const node *issue, const page_map *pages)
{
    article_ctx c = {b, marks_by_block(pages), NULL};
    xhtml_options xo = {.page_marks = page_marks, .ud = &c,
                        .stylesheet = "../css/folio.css", .image_href = image_href};
    for (const node *a = issue->first; a; a = a->next) {
        if (a->type != NODE_ARTICLE)
            continue;
        char *id = epub_article_id(a);
        char *href = epub_article_href(a);
        c.href = href;
        xmlDocPtr doc = xhtml_article_document(issue, a, &xo);
        size_t len = 0;
        char *bytes = xhtml_serialize(doc, &len);
        xmlFreeDoc(doc);
        epub_book_add(b, id, href, "application/xhtml+xml", NULL, (unsigned char *)bytes, len,
                      EPUB_SPINE_ARTICLES);
        g_free(id);
        g_free(href);
    }
    g_hash_table_destroy(c.marks);
    b->has_pages = b->ntargets > 0;
}
