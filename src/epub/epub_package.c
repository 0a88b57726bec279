/* epub_package.c - the package document (EPUB/package.opf): metadata,
 * manifest, spine.  Metadata includes the EPUB Accessibility 1.1
 * discovery metadata; every claim there is one this writer makes true
 * (structure from the tree, alt text from the source, page-list from the
 * print layout). */
#include "epub_book.h"

#include <glib.h>
#include <string.h>

#include "words.h"

#define X(s) ((const xmlChar *)(s))

static const char OPF_NS[] = "http://www.idpf.org/2007/opf";
static const char DC_NS[] = "http://purl.org/dc/elements/1.1/";

static xmlNodePtr meta_property(xmlNodePtr md, const char *property, const char *value)
{
    xmlNodePtr m = epub_xml_text_child(md, NULL, "meta", value);
    xmlNewProp(m, X("property"), X(property));
    return m;
}

/* Each author once, in order of first appearance in the issue. */
static void creators(xmlNodePtr md, xmlNsPtr dc, const node *issue)
{
    GPtrArray *seen = g_ptr_array_new();
    for (const node *a = issue->first; a; a = a->next) {
        if (a->type != NODE_ARTICLE)
            continue;
        for (size_t i = 0; i < a->as.article.nauthors; i++) {
            const char *name = a->as.article.authors[i];
            bool dup = false;
            for (guint j = 0; j < seen->len && !dup; j++)
                dup = !strcmp(g_ptr_array_index(seen, j), name);
            if (dup || !*name)
                continue;
            g_ptr_array_add(seen, (gpointer)name);
            char id[32];
            g_snprintf(id, sizeof id, "creator-%u", seen->len);
            xmlNodePtr c = epub_xml_text_child(md, dc, "creator", name);
            xmlNewProp(c, X("id"), X(id));
            char ref[40];
            g_snprintf(ref, sizeof ref, "#%s", id);
            xmlNodePtr role = meta_property(md, "role", "aut");
            xmlNewProp(role, X("refines"), X(ref));
            xmlNewProp(role, X("scheme"), X("marc:relators"));
        }
    }
    g_ptr_array_free(seen, TRUE);
}

/* The print edition as a URN, from issue.yaml's issn or isbn, or NULL. */
static char *print_source(const issue_meta *im)
{
    if (im->isbn)
        return g_strdup_printf("urn:isbn:%s", im->isbn);
    if (im->issn)
        return g_strdup_printf("urn:issn:%s", im->issn);
    return NULL;
}

/* EPUB Accessibility 1.1 discovery metadata.  No dcterms:conformsTo: a
 * conformance claim needs checks beyond what the build and the tests do
 * (epubcheck, DAISY Ace, the rendering checks), so none is made.  The
 * summary is in the issue's language, or in English marked as such. */
static void accessibility(xmlNodePtr md, const epub_book *b, const issue_meta *im,
                          const char *source)
{
    bool images = b->nimages > 0;
    bool pagelist = b->ntargets > 0;
    meta_property(md, "schema:accessMode", "textual");
    if (b->visual)
        meta_property(md, "schema:accessMode", "visual");
    meta_property(md, "schema:accessModeSufficient", "textual");
    const char *features[] = {"structuralNavigation", "tableOfContents", "readingOrder",
                              images ? "alternativeText" : NULL,
                              pagelist ? "pageNavigation" : NULL,
                              pagelist ? "printPageNumbers" : NULL};
    for (size_t i = 0; i < G_N_ELEMENTS(features); i++)
        if (features[i])
            meta_property(md, "schema:accessibilityFeature", features[i]);
    meta_property(md, "schema:accessibilityHazard", "none");
    const char *lang = im->language;
    GString *sum = g_string_new(words_get(lang, WORD_A11Y_SUMMARY));
    if (images)
        g_string_append(sum, words_get(lang, WORD_A11Y_IMAGES));
    if (pagelist)
        g_string_append(sum, words_get(lang, WORD_A11Y_PAGES));
    if (pagelist && source)
        g_string_append_printf(sum, words_get(lang, WORD_A11Y_PAGES_SOURCE), source);
    xmlNodePtr m = meta_property(md, "schema:accessibilitySummary", sum->str);
    /* The table's English stands in for a language it lacks: say so. */
    if (!words_has_language(lang))
        xmlNodeSetLang(m, X("en"));
    g_string_free(sum, TRUE);
}

/* The magazine as a series: this issue is one of its numbers. */
static void collection(xmlNodePtr md, const issue_meta *im)
{
    xmlNodePtr c = meta_property(md, "belongs-to-collection", im->title);
    xmlNewProp(c, X("id"), X("magazine"));
    xmlNewProp(meta_property(md, "collection-type", "series"), X("refines"), X("#magazine"));
    /* group-position is a number ("33", "2.1"); an issue number such as
     * "2019-2" is not, and is left to the title. */
    if (im->number && g_regex_match_simple("^[0-9]+(\\.[0-9]+)*$", im->number, 0, 0))
        xmlNewProp(meta_property(md, "group-position", im->number), X("refines"),
                   X("#magazine"));
}

unsigned char *epub_package_document(const epub_book *b, const node *issue, time_t modified,
                                     size_t *len)
{
    const issue_meta *im = &issue->as.issue;
    xmlDocPtr doc = xmlNewDoc(X("1.0"));
    xmlNodePtr pkg = xmlNewNode(NULL, X("package"));
    xmlDocSetRootElement(doc, pkg);
    xmlSetNs(pkg, xmlNewNs(pkg, X(OPF_NS), NULL));
    xmlNewProp(pkg, X("version"), X("3.0"));
    xmlNewProp(pkg, X("unique-identifier"), X("pub-id"));
    xmlNodeSetLang(pkg, X(im->language));

    xmlNodePtr md = xmlNewChild(pkg, NULL, X("metadata"), NULL);
    xmlNsPtr dc = xmlNewNs(md, X(DC_NS), X("dc"));
    xmlNewProp(epub_xml_text_child(md, dc, "identifier", im->identifier), X("id"), X("pub-id"));
    GString *title = g_string_new(im->title);
    if (im->number)
        g_string_append_printf(title, " %s", im->number);
    epub_xml_text_child(md, dc, "title", title->str);
    g_string_free(title, TRUE);
    epub_xml_text_child(md, dc, "language", im->language);
    if (im->publisher)
        epub_xml_text_child(md, dc, "publisher", im->publisher);
    if (im->date)
        epub_xml_text_child(md, dc, "date", im->date);
    creators(md, dc, issue);
    char stamp[32];
    struct tm tm;
    gmtime_r(&modified, &tm);
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    meta_property(md, "dcterms:modified", stamp);
    /* The page-list's source, the print edition: by its ISSN or ISBN when
     * issue.yaml gives one (a URN), else as a citation (title, number,
     * publisher, date, "print edition"): never a made-up identifier.
     * dc:source is refined by source-of (EPUB 3.2).  The newer way, one
     * <meta property="pageBreakSource"> in the default vocabulary (W3C
     * Publishing CG, Page Source Identification, 2023; epubcheck 5
     * accepts it), cannot be written next to it: the validator folio is
     * checked with, Debian's epubcheck 4.2.6, rejects every spelling:
     *   pageBreakSource       ERROR(OPF-027): Undefined property: "pageBreakSource".
     *   a11y:pageBreakSource  ERROR(OPF-027): Undefined property: "a11y:pageBreakSource".
     *     (also with prefix="a11y: http://www.idpf.org/epub/vocab/package/a11y/#":
     *     4.2.6 knows that vocabulary, and it has no such term)
     *   meta:pageBreakSource with prefix="meta: http://idpf.org/epub/vocab/package/meta/#"
     *     WARNING(OPF-007b): Invalid prefix mapping: default vocabulary "meta"
     *     must not be re-declared.  ERROR(OPF-028): Undeclared prefix: "meta". */
    char *source = print_source(im);
    if (b->ntargets) {
        char *cite = NULL;
        if (!source) {
            GString *c = g_string_new(im->title);
            if (im->number)
                g_string_append_printf(c, " %s", im->number);
            if (im->publisher)
                g_string_append_printf(c, ", %s", im->publisher);
            if (im->date)
                g_string_append_printf(c, ", %s", im->date);
            g_string_append_printf(c, " (%s)", words_get(im->language, WORD_PRINT_EDITION));
            cite = g_string_free(c, FALSE);
        }
        xmlNodePtr s = epub_xml_text_child(md, dc, "source", source ? source : cite);
        xmlNewProp(s, X("id"), X("print-source"));
        xmlNewProp(meta_property(md, "source-of", "pagination"), X("refines"),
                   X("#print-source"));
        g_free(cite);
    }
    collection(md, im);
    accessibility(md, b, im, source);
    g_free(source);
    /* For EPUB 2 reading systems, which look for the cover this way. */
    xmlNodePtr cm = xmlNewChild(md, NULL, X("meta"), NULL);
    xmlNewProp(cm, X("name"), X("cover"));
    xmlNewProp(cm, X("content"), X("cover-image"));

    xmlNodePtr man = xmlNewChild(pkg, NULL, X("manifest"), NULL);
    for (size_t i = 0; i < b->count; i++) {
        const epub_item *it = &b->items[i];
        xmlNodePtr e = xmlNewChild(man, NULL, X("item"), NULL);
        xmlNewProp(e, X("id"), X(it->id));
        xmlNewProp(e, X("href"), X(it->href));
        xmlNewProp(e, X("media-type"), X(it->media_type));
        if (it->properties)
            xmlNewProp(e, X("properties"), X(it->properties));
    }
    xmlNodePtr spine = xmlNewChild(pkg, NULL, X("spine"), NULL);
    if (b->ncx_id)
        xmlNewProp(spine, X("toc"), X(b->ncx_id));
    /* By rank, and by manifest order within a rank (articles in issue order). */
    for (int rank = EPUB_SPINE_COVER; rank <= EPUB_SPINE_ARTICLES; rank++)
        for (size_t i = 0; i < b->count; i++)
            if (b->items[i].spine == rank)
                xmlNewProp(xmlNewChild(spine, NULL, X("itemref"), NULL), X("idref"),
                           X(b->items[i].id));

    unsigned char *out = epub_xml_bytes(doc, len);
    xmlFreeDoc(doc);
    return out;
}
