/* cm_render.c - the reader and XHTML serialiser on bare markdown, for the
 * CommonMark conformance test: reads documents from stdin separated by NUL
 * bytes, writes each body fragment followed by a NUL byte.  Diagnostics are
 * not printed (raw HTML warnings are expected in the spec examples). */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "markdown.h"
#include "xhtml.h"

int main(void)
{
    GString *in = g_string_new(NULL);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, stdin)) > 0)
        g_string_append_len(in, buf, n);
    size_t start = 0;
    while (start < in->len) {
        size_t len = strnlen(in->str + start, in->len - start);
        src_pos p = {"spec.md", 1, 1};
        node *article = node_new(NODE_ARTICLE, p);
        diag_list d;
        diag_list_init(&d);
        markdown_read_body(article, "spec.md", 0, in->str + start, len, &d);
        char *html = xhtml_body_fragment(article);
        fputs(html, stdout);
        fputc(0, stdout);
        g_free(html);
        diag_list_free(&d);
        tree_free(article);
        start += len + 1;
    }
    g_string_free(in, TRUE);
    return 0;
}
