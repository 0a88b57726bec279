/* epub_articles.c - one XHTML content document per article, written by
 * the shared XHTML serialiser (src/xhtml.c) with the package's paths. */
#include "epub_book.h"

#include <glib.h>
#include <string.h>
#include "xhtml.h"

typedef struct {
    epub_book *b;
    const page_map *pages;
    const char *href;    /* the document being written */
} article_ctx;

/* Page labels name pagebreak ids (page-N); the unlabelled cover has none.
 * Every marker handed out is recorded, so the page-list links only to
 * markers that exist. */
static const char *page_label(const node *n, void *ud)
{
    article_ctx *c = ud;
    if (!c->pages)
        return NULL;
    const char *label = page_map_label_at(c->pages, n);
    /* A list item is not a block the writer marks: a page that begins
     * with one is marked before the item's first block. */
    for (const node *k = n; !label && k->parent && k->parent->type == NODE_ITEM &&
                            k->parent->first == k; k = k->parent)
        label = page_map_label_at(c->pages, k->parent);
    if (!label || !*label)
        return NULL;
    epub_book *b = c->b;
    for (size_t i = 0; i < b->ntargets; i++)
        if (!strcmp(b->targets[i].label, label))
            return NULL; /* one marker per page: ids must be unique */
    b->targets = g_renew(epub_page_target, b->targets, b->ntargets + 1);
    b->targets[b->ntargets].label = g_strdup(label);
    b->targets[b->ntargets].href = g_strdup_printf("%s#page-%s", c->href, label);
    b->ntargets++;
    return label;
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
    article_ctx c = {b, pages, NULL};
    xhtml_options xo = {.page_label = page_label, .ud = &c,
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
    b->has_pages = b->ntargets > 0;
}
