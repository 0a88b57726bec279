/* cm_render.c - the reader and XHTML serialiser on bare markdown, for the
 * CommonMark conformance and differential tests: reads documents from stdin
 * separated by NUL bytes, writes each body fragment followed by a NUL byte.
 * Diagnostics are not printed (raw HTML warnings are expected there).
 * With --cmark, renders with cmark-gfm's own HTML renderer instead (same
 * parser options), to tell our tree's differences from the parser's. */
#define CMARK_NO_SHORT_NAMES 1
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <glib.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "markdown.h"
#include "xhtml.h"

static char *render_cmark(const char *text, size_t len)
{
    cmark_gfm_core_extensions_ensure_registered();
    int opts = CMARK_OPT_FOOTNOTES | CMARK_OPT_UNSAFE;
    cmark_parser *p = cmark_parser_new(opts);
    const char *exts[] = {"table", "strikethrough", "autolink", NULL};
    for (int i = 0; exts[i]; i++)
        cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension(exts[i]));
    cmark_parser_feed(p, text, len);
    cmark_node *doc = cmark_parser_finish(p);
    char *html = cmark_render_html(doc, opts, cmark_parser_get_syntax_extensions(p));
    char *out = g_strdup(html);
    free(html);
    cmark_node_free(doc);
    cmark_parser_free(p);
    return out;
}

int main(int argc, char **argv)
{
    bool native = argc > 1 && !strcmp(argv[1], "--cmark");
    GString *in = g_string_new(NULL);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, stdin)) > 0)
        g_string_append_len(in, buf, n);
    size_t start = 0;
    while (start < in->len) {
        size_t len = strnlen(in->str + start, in->len - start);
        if (native) {
            char *html = render_cmark(in->str + start, len);
            fputs(html, stdout);
            fputc(0, stdout);
            g_free(html);
            start += len + 1;
            continue;
        }
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
