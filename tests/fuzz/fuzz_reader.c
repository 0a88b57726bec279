/* fuzz_reader.c - libFuzzer target for the reader: arbitrary bytes as an
 * article file (front matter + markdown) -> tree -> tree dump and XHTML.
 * Any crash, hang, leak or sanitizer report is a bug. */
#include "fuzz_issue.h"
#include "tree_dump.h"
#include "xhtml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    diag_list d;
    diag_list_init(&d);
    char *text = NULL;
    node *issue = fuzz_issue_from_bytes(data, size, 1u << 20, &d, &text);
    if (issue) {
        node *a = issue->first;
        GString *s = g_string_new(NULL);
        tree_dump(issue, s);
        g_string_free(s, TRUE);
        xmlDocPtr doc = xhtml_article_document(issue, a, NULL);
        size_t len;
        g_free(xhtml_serialize(doc, &len));
        xmlFreeDoc(doc);
        g_free(xhtml_body_fragment(a));
        tree_free(issue);
    }
    diag_list_free(&d);
    g_free(text);
    return 0;
}
