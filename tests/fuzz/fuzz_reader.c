/* fuzz_reader.c - libFuzzer target for the reader: arbitrary bytes as an
 * article file (front matter + markdown) -> tree -> tree dump and XHTML.
 * Any crash, hang, leak or sanitizer report is a bug. */
#include <glib.h>
#include <stdint.h>
#include <string.h>

#include "diag.h"
#include "reader.h"
#include "tree_dump.h"
#include "utf8.h"
#include "xhtml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > (1u << 20))
        return 0;
    int line, col;
    const char *why;
    /* The reader refuses invalid UTF-8 before parsing, as read_source does. */
    if (!utf8_check((const char *)data, size, &line, &col, &why))
        return 0;
    char *text = g_strndup((const char *)data, size);
    diag_list d;
    diag_list_init(&d);
    node *a = reader_read_article("fuzz.md", text, size, &d);
    GString *s = g_string_new(NULL);
    tree_dump(a, s);
    g_string_free(s, TRUE);
    a->as.article.slug = g_strdup("fuzz");
    node *issue = node_new(NODE_ISSUE, a->pos);
    issue->as.issue.language = g_strdup("nl");
    issue->as.issue.title = g_strdup("Fuzz");
    node_append(issue, a);
    xmlDocPtr doc = xhtml_article_document(issue, a, NULL);
    size_t len;
    g_free(xhtml_serialize(doc, &len));
    xmlFreeDoc(doc);
    char *frag = xhtml_body_fragment(a);
    g_free(frag);
    tree_free(issue);
    diag_list_free(&d);
    g_free(text);
    return 0;
}
