/* xhtml.h - the tree as XHTML, built with libxml2 (never by pasting
 * strings).  The EPUB backend writes one such document per article; the
 * CommonMark conformance test uses the fragment form. */
#ifndef FOLIO_XHTML_H
#define FOLIO_XHTML_H

#include <libxml/tree.h>
#include "tree.h"

/* A print page that begins in a block: its label and the word at which it
 * begins (pagemap.h counts words; 0 = the block's first). */
typedef struct {
    const char *label;
    int word;
} xhtml_page_mark;

typedef struct {
    /* When set: the print pages that begin in block n (NULL, 0 if none),
     * in order.  In a paragraph or heading each marker is written inside,
     * at its word; before any other block.  The EPUB backend uses it for
     * pagebreak markers. */
    size_t (*page_marks)(const node *n, void *ud, const xhtml_page_mark **marks);
    void *ud;
    /* Stylesheet href for the article documents (NULL: none). */
    const char *stylesheet;
    /* Relative path that prefixes image URLs in the output (e.g. "" or
     * "../"); the EPUB backend maps content paths to package paths. */
    char *(*image_href)(const char *url, void *ud);
} xhtml_options;

/* An empty XHTML5 document in language lang with the given title and
 * stylesheet (NULL: none): returns its body, and the document and the
 * epub: namespace through the out parameters.  Every document of the
 * EPUB starts here. */
xmlNodePtr xhtml_new_document(const char *lang, const char *title, const char *stylesheet,
                              xmlDocPtr *doc_out, xmlNsPtr *epub_ns_out);

/* An empty print page marker (<span epub:type="pagebreak"
 * role="doc-pagebreak" id="page-LABEL" aria-label="LABEL"/>) at the end
 * of parent. */
void xhtml_add_pagebreak(xmlNodePtr parent, xmlNsPtr epub_ns, const char *label);

/* A complete XHTML5 document for one article of the issue. */
xmlDocPtr xhtml_article_document(const node *issue, const node *article,
                                 const xhtml_options *o);

/* The body blocks of an article (no magazine wrappers, no notes section)
 * as an XHTML fragment string, the way the CommonMark spec writes it.
 * Caller frees with g_free. */
char *xhtml_body_fragment(const node *article);

/* Serialises a document as XHTML (UTF-8, with XML declaration).  Caller
 * frees with g_free; *len receives the length. */
char *xhtml_serialize(xmlDocPtr doc, size_t *len);

/* Percent-encodes what may not stand in a URL attribute, as cmark does. */
char *xhtml_escape_href(const char *url);

extern const char *const XHTML_NS;
extern const char *const EPUB_OPS_NS;
#endif
