/* epub_book.c - the list of publication resources and small helpers the
 * parts share. */
#include "epub_book.h"

#include <glib.h>
#include <string.h>

void epub_book_init(epub_book *b)
{
    memset(b, 0, sizeof *b);
}

void epub_book_free(epub_book *b)
{
    for (size_t i = 0; i < b->count; i++) {
        epub_item *it = &b->items[i];
        g_free(it->id);
        g_free(it->href);
        g_free(it->media_type);
        g_free(it->properties);
        g_free(it->data);
    }
    g_free(b->items);
    for (size_t i = 0; i < b->nimages; i++) {
        g_free(b->images[i].url);
        g_free(b->images[i].href);
    }
    g_free(b->images);
    for (size_t i = 0; i < b->nfonts; i++) {
        g_free(b->fonts[i].href);
        g_free(b->fonts[i].family);
        g_free(b->fonts[i].css_family);
    }
    g_free(b->fonts);
    for (size_t i = 0; i < b->ntargets; i++) {
        g_free(b->targets[i].label);
        g_free(b->targets[i].href);
    }
    g_free(b->targets);
    memset(b, 0, sizeof *b);
}

epub_item *epub_book_add(epub_book *b, const char *id, const char *href,
                         const char *media_type, const char *properties,
                         unsigned char *data, size_t len, int spine)
{
    if (b->count == b->cap) {
        b->cap = b->cap ? 2 * b->cap : 16;
        b->items = g_renew(epub_item, b->items, b->cap);
    }
    epub_item *it = &b->items[b->count++];
    it->id = g_strdup(id);
    it->href = g_strdup(href);
    it->media_type = g_strdup(media_type);
    it->properties = g_strdup(properties);
    it->data = data;
    it->len = len;
    it->spine = spine;
    return it;
}

const char *epub_book_image_href(const epub_book *b, const char *url)
{
    for (size_t i = 0; i < b->nimages; i++)
        if (!strcmp(b->images[i].url, url))
            return b->images[i].href;
    return NULL;
}

/* The slug as a plain file name and NCName part: file names may hold
 * spaces or accents, which neither an id nor an unescaped href may. */
static char *safe_slug(const node *article)
{
    const char *slug = article->as.article.slug;
    char *s = g_strdup(slug && *slug ? slug : "article");
    for (char *c = s; *c; c++)
        if (!g_ascii_isalnum(*c) && *c != '-' && *c != '_')
            *c = '-';
    return s;
}

char *epub_article_href(const node *article)
{
    char *slug = safe_slug(article);
    char *href = g_strdup_printf("text/%s.xhtml", slug);
    g_free(slug);
    return href;
}

char *epub_article_id(const node *article)
{
    /* Slugs may begin with a digit; an NCName may not. */
    char *slug = safe_slug(article);
    char *id = g_strdup_printf("art-%s", slug);
    g_free(slug);
    return id;
}

unsigned char *epub_xml_bytes(xmlDocPtr doc, size_t *len)
{
    xmlChar *mem = NULL;
    int n = 0;
    xmlDocDumpFormatMemoryEnc(doc, &mem, &n, "UTF-8", 1);
    unsigned char *out = g_memdup2(mem, (gsize)n);
    xmlFree(mem);
    *len = (size_t)n;
    return out;
}

xmlNodePtr epub_xml_text_child(xmlNodePtr parent, xmlNsPtr ns, const char *name,
                               const char *text)
{
    xmlNodePtr e = xmlNewChild(parent, ns, (const xmlChar *)name, NULL);
    if (text)
        xmlAddChild(e, xmlNewText((const xmlChar *)text));
    return e;
}
