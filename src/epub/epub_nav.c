/* epub_nav.c - the navigation: nav.xhtml (toc, landmarks, page-list) for
 * EPUB 3 reading systems and toc.ncx for EPUB 2 ones.  Both list the same
 * entries: every article, and inside it its level-2 headings (sections;
 * a colophon's headings label addresses and credits, not sections, and
 * are not listed). */
#include "epub_book.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include "words.h"
#include "xhtml.h"

#define X(s) ((const xmlChar *)(s))

static bool is_section_heading(const node *n)
{
    return n->type == NODE_HEADING && n->as.heading.level == 2 && n->as.heading.id &&
           n->parent && n->parent->type == NODE_ARTICLE &&
           n->parent->as.article.type != ARTICLE_COLOPHON;
}

static const char *article_title(const node *a)
{
    const char *t = a->as.article.title;
    return t && *t ? t : a->as.article.slug;
}

/* ------------------------------------------------------------------ */
/* nav.xhtml                                                          */

static xmlNodePtr nav_link(xmlNodePtr ol, xmlNsPtr epub_ns, const char *href, const char *label,
                           const char *type)
{
    xmlNodePtr li = xmlNewChild(ol, NULL, X("li"), NULL);
    xmlNodePtr a = epub_xml_text_child(li, NULL, "a", label);
    if (type)
        xmlNewNsProp(a, epub_ns, X("type"), X(type));
    char *e = xhtml_escape_href(href);
    xmlNewProp(a, X("href"), X(e));
    g_free(e);
    return li;
}

static xmlNodePtr nav_section(xmlNodePtr body, xmlNsPtr epub_ns, const char *type,
                              const char *role, const char *heading, bool hidden)
{
    xmlNodePtr nav = xmlNewChild(body, NULL, X("nav"), NULL);
    xmlNewNsProp(nav, epub_ns, X("type"), X(type));
    xmlNewProp(nav, X("id"), X(type));
    if (role)
        xmlNewProp(nav, X("role"), X(role));
    if (hidden)
        xmlNewProp(nav, X("hidden"), X("hidden"));
    epub_xml_text_child(nav, NULL, hidden ? "h2" : "h1", heading);
    return xmlNewChild(nav, NULL, X("ol"), NULL);
}

static void toc_entries(xmlNodePtr ol, xmlNsPtr epub_ns, const node *issue)
{
    for (const node *a = issue->first; a; a = a->next) {
        if (a->type != NODE_ARTICLE)
            continue;
        char *href = epub_article_href(a);
        xmlNodePtr li = nav_link(ol, epub_ns, href, article_title(a), NULL);
        xmlNodePtr sub = NULL;
        for (const node *k = a->first; k; k = k->next) {
            if (!is_section_heading(k))
                continue;
            if (!sub)
                sub = xmlNewChild(li, NULL, X("ol"), NULL);
            char *text = tree_plain_text(k);
            char *target = g_strdup_printf("%s#%s", href, k->as.heading.id);
            nav_link(sub, epub_ns, target, text, NULL);
            g_free(target);
            g_free(text);
        }
        g_free(href);
    }
}

static const node *first_article(const node *issue)
{
    for (const node *a = issue->first; a; a = a->next)
        if (a->type == NODE_ARTICLE)
            return a;
    return NULL;
}

void epub_add_nav(epub_book *b, const node *issue, const page_map *pages)
{
    const char *lang = issue->as.issue.language;
    xmlDocPtr doc;
    xmlNsPtr epub_ns;
    xmlNodePtr body = xhtml_new_document(lang, words_get(lang, WORD_CONTENTS), "css/folio.css", &doc, &epub_ns);

    toc_entries(nav_section(body, epub_ns, "toc", "doc-toc", words_get(lang, WORD_CONTENTS),
                             false), epub_ns, issue);

    xmlNodePtr lm = nav_section(body, epub_ns, "landmarks", NULL, words_get(lang, WORD_LANDMARKS), true);
    nav_link(lm, epub_ns, "cover.xhtml", words_get(lang, WORD_COVER), "cover");
    nav_link(lm, epub_ns, "nav.xhtml#toc", words_get(lang, WORD_CONTENTS), "toc");
    const node *first = first_article(issue);
    if (first) {
        char *href = epub_article_href(first);
        nav_link(lm, epub_ns, href, words_get(lang, WORD_START), "bodymatter");
        g_free(href);
    }

    if (b->ntargets) {
        xmlNodePtr pl = nav_section(body, epub_ns, "page-list", "doc-pagelist",
                                       words_get(lang, WORD_PAGES), true);
        for (size_t i = 0; i < b->ntargets; i++)
            nav_link(pl, epub_ns, b->targets[i].href, b->targets[i].label, NULL);
    }

    size_t len = 0;
    char *bytes = xhtml_serialize(doc, &len);
    xmlFreeDoc(doc);
    epub_book_add(b, "nav", "nav.xhtml", "application/xhtml+xml", "nav", (unsigned char *)bytes,
                  len, EPUB_SPINE_NAV);
}

/* ------------------------------------------------------------------ */
/* toc.ncx                                                            */

typedef struct {
    xmlNodePtr nav_map, page_list;
    int order;           /* playOrder: one sequence over both lists */
    int points;          /* navPoint ids */
} ncx_ctx;

static void ncx_label(xmlNodePtr parent, const char *text)
{
    epub_xml_text_child(xmlNewChild(parent, NULL, X("navLabel"), NULL), NULL, "text", text);
}

static xmlNodePtr ncx_point(ncx_ctx *c, xmlNodePtr parent, const char *label, const char *src)
{
    char id[32], order[16];
    g_snprintf(id, sizeof id, "navpoint-%d", ++c->points);
    g_snprintf(order, sizeof order, "%d", ++c->order);
    xmlNodePtr np = xmlNewChild(parent, NULL, X("navPoint"), NULL);
    xmlNewProp(np, X("id"), X(id));
    xmlNewProp(np, X("playOrder"), X(order));
    ncx_label(np, label);
    char *e = xhtml_escape_href(src);
    xmlNewProp(xmlNewChild(np, NULL, X("content"), NULL), X("src"), X(e));
    g_free(e);
    return np;
}

/* The page targets written in or before n, in order. */
static void ncx_page(ncx_ctx *c, const epub_book *b, const node *n)
{
    for (size_t i = 0; i < b->ntargets; i++) {
        const epub_page_target *t = &b->targets[i];
        if (t->at != n)
            continue;
        char order[16], id[40];
        g_snprintf(order, sizeof order, "%d", ++c->order);
        g_snprintf(id, sizeof id, "pagetarget-%zu", i + 1);
        xmlNodePtr pt = xmlNewChild(c->page_list, NULL, X("pageTarget"), NULL);
        xmlNewProp(pt, X("id"), X(id));
        xmlNewProp(pt, X("type"), X("normal"));
        xmlNewProp(pt, X("value"), X(t->label));
        xmlNewProp(pt, X("playOrder"), X(order));
        ncx_label(pt, t->label);
        xmlNewProp(xmlNewChild(pt, NULL, X("content"), NULL), X("src"), X(t->href));
    }
}

void epub_add_ncx(epub_book *b, const node *issue, const page_map *pages)
{
    const issue_meta *im = &issue->as.issue;
    xmlDocPtr doc = xmlNewDoc(X("1.0"));
    xmlNodePtr ncx = xmlNewNode(NULL, X("ncx"));
    xmlDocSetRootElement(doc, ncx);
    xmlSetNs(ncx, xmlNewNs(ncx, X("http://www.daisy.org/z3986/2005/ncx/"), NULL));
    xmlNewProp(ncx, X("version"), X("2005-1"));
    xmlNodeSetLang(ncx, X(im->language));
    xmlNodePtr head = xmlNewChild(ncx, NULL, X("head"), NULL);
    bool has_sections = false;
    for (const node *a = issue->first; a; a = a->next)
        for (const node *k = a->first; k && !has_sections; k = k->next)
            has_sections = is_section_heading(k);
    int max_page = 0;
    for (size_t i = 0; i < b->ntargets; i++) {
        int v = atoi(b->targets[i].label);
        max_page = MAX(max_page, v);
    }
    char depth[8], total[16], maxp[16];
    g_snprintf(depth, sizeof depth, "%d", has_sections ? 2 : 1);
    g_snprintf(total, sizeof total, "%d", pages && b->ntargets ? pages->page_count : 0);
    g_snprintf(maxp, sizeof maxp, "%d", max_page);
    const char *metas[][2] = {{"dtb:uid", im->identifier}, {"dtb:depth", depth},
                              {"dtb:totalPageCount", total}, {"dtb:maxPageNumber", maxp}};
    for (size_t i = 0; i < G_N_ELEMENTS(metas); i++) {
        xmlNodePtr m = xmlNewChild(head, NULL, X("meta"), NULL);
        xmlNewProp(m, X("name"), X(metas[i][0]));
        xmlNewProp(m, X("content"), X(metas[i][1]));
    }
    epub_xml_text_child(xmlNewChild(ncx, NULL, X("docTitle"), NULL), NULL, "text", im->title);

    ncx_ctx c = {.nav_map = xmlNewChild(ncx, NULL, X("navMap"), NULL)};
    if (b->ntargets) {
        c.page_list = xmlNewNode(NULL, X("pageList"));
        ncx_label(c.page_list, words_get(im->language, WORD_PAGES));
    }
    /* One walk in reading order numbers both lists, as playOrder wants. */
    if (c.page_list)
        ncx_page(&c, b, issue); /* the cover */
    for (const node *a = issue->first; a; a = a->next) {
        if (a->type != NODE_ARTICLE)
            continue;
        char *href = epub_article_href(a);
        if (c.page_list)
            ncx_page(&c, b, a);
        xmlNodePtr np = ncx_point(&c, c.nav_map, article_title(a), href);
        tree_walker tw;
        tree_walk_init(&tw, (node *)a);
        node *n;
        walk_event ev;
        while (tree_walk_next(&tw, &n, &ev)) {
            if (ev != WALK_ENTER || n == a)
                continue;
            if (c.page_list && node_is_block(n))
                ncx_page(&c, b, n);
            if (is_section_heading(n)) {
                char *text = tree_plain_text(n);
                char *src = g_strdup_printf("%s#%s", href, n->as.heading.id);
                ncx_point(&c, np, text, src);
                g_free(src);
                g_free(text);
            }
        }
        g_free(href);
    }
    if (c.page_list) {
        /* The NCX schema puts pageList after navMap. */
        xmlAddChild(ncx, c.page_list);
    }
    size_t len = 0;
    unsigned char *bytes = epub_xml_bytes(doc, &len);
    xmlFreeDoc(doc);
    epub_book_add(b, "ncx", "toc.ncx", "application/x-dtbncx+xml", NULL, bytes, len, EPUB_SPINE_NONE);
    b->ncx_id = "ncx";
}
