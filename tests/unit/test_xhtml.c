/* test_xhtml.c - the XHTML writer: a well-formed XHTML5 document per
 * article, text escaped by libxml2 (never pasted), links percent-encoded,
 * note references with unique ids and their notes as footnote asides,
 * magazine blocks with their classes and epub:types, print page breaks
 * where the page map says; and the fragment form the CommonMark test
 * reads. */
#include <glib.h>
#include <libxml/parser.h>

#include "check.h"
#include "reader.h"
#include "xhtml.h"

static const char article_md[] =
    "---\n"
    "title: Een <titel> & meer\n"
    "---\n"
    "\n"
    "Tekst met *nadruk*, een [link](<https://example.org/a b?x=1&y=2>), een noot[^n] en nog "
    "eens[^n].\n"
    "\n"
    "::: pullquote\n"
    "Een citaat.\n"
    ":::\n"
    "\n"
    "Tweede alinea met 1 < 2 & 3 > 2.\n"
    "\n"
    "[^n]: De noot.\n";

static const node *second_paragraph;

/* A print page begins at the second paragraph's first word. */
static size_t marks_at(const node *n, void *ud, const xhtml_page_mark **marks)
{
    static const xhtml_page_mark seven = {"7", 0};
    if (n != second_paragraph)
        return 0;
    *marks = &seven;
    return 1;
}

static bool has(const char *s, const char *part) { return s && strstr(s, part) != NULL; }

int main(void)
{
    diag_list d;
    diag_list_init(&d);
    node *article = reader_read_article("t.md", article_md, sizeof article_md - 1, &d);
    CHECK("article read", article && !diag_has_errors(&d));
    if (!article)
        CHECK_DONE();
    src_pos pos = {"issue.yaml", 1, 1};
    node *issue = node_new(NODE_ISSUE, pos);
    issue->as.issue.title = g_strdup("Dimensies");
    issue->as.issue.language = g_strdup("nl");
    node_append(issue, article);
    int paras = 0;
    for (const node *k = article->first; k; k = k->next)
        if (k->type == NODE_PARAGRAPH && ++paras == 2)
            second_paragraph = k;
    CHECK("two paragraphs", second_paragraph != NULL);

    xhtml_options o = {.page_marks = marks_at, .stylesheet = "../css/folio.css"};
    xmlDocPtr doc = xhtml_article_document(issue, article, &o);
    size_t len = 0;
    char *x = doc ? xhtml_serialize(doc, &len) : NULL;
    CHECK("serialised", x && len == strlen(x));
    CHECK("XML declaration first", x && g_str_has_prefix(x, "<?xml"));
    CHECK("XHTML namespace and language", has(x, "xmlns=\"http://www.w3.org/1999/xhtml\"") &&
                                              has(x, "lang=\"nl\""));
    CHECK("the stylesheet linked", has(x, "href=\"../css/folio.css\""));
    CHECK("markup in the title escaped", has(x, "Een &lt;titel&gt; &amp; meer"));
    CHECK("markup in the text escaped", has(x, "1 &lt; 2 &amp; 3 &gt; 2"));
    CHECK("emphasis", has(x, "<em>nadruk</em>"));
    CHECK("link percent-encoded, & escaped", has(x, "href=\"https://example.org/a%20b?x=1&amp;y=2\""));
    CHECK("first reference id", has(x, "id=\"noteref-1\""));
    CHECK("second reference to the same note: its own id", has(x, "id=\"noteref-1-2\""));
    CHECK("the note as a footnote aside", has(x, "epub:type=\"footnote\"") &&
                                              has(x, "id=\"note-1\""));
    CHECK("the note's text", has(x, "De noot."));
    CHECK("pull quote aside", has(x, "class=\"pullquote\"") &&
                                  has(x, "epub:type=\"pullquote\""));
    const char *brk = x ? strstr(x, "epub:type=\"pagebreak\"") : NULL;
    CHECK("a page break marker with its label", has(x, "id=\"page-7\"") &&
                                                    has(x, "aria-label=\"7\""));
    CHECK("the page break before the second paragraph's text",
          brk && has(brk, "Tweede alinea") && !has(brk, "Tekst met"));
    xmlDocPtr back = x ? xmlReadMemory(x, (int)len, "t.xhtml", NULL, XML_PARSE_NONET) : NULL;
    CHECK("well-formed: libxml2 reads it back", back != NULL);

    char *frag = xhtml_body_fragment(article);
    CHECK("fragment: CommonMark form of a paragraph",
          frag && g_str_has_prefix(frag, "<p>Tekst met <em>nadruk</em>, een <a href="));
    CHECK("fragment: no magazine wrappers", frag && !has(frag, "<section"));

    g_free(frag);
    if (back)
        xmlFreeDoc(back);
    g_free(x);
    if (doc)
        xmlFreeDoc(doc);
    tree_free(issue);
    diag_list_free(&d);
    CHECK_DONE();
}
