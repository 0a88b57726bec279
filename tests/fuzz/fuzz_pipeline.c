/* fuzz_pipeline.c - libFuzzer target for the whole print pipeline on a
 * small issue: bytes as one article -> tree -> layout -> PDF (written to
 * /dev/null) and the cover PNG in memory.  Run from the repository root:
 * it sets type with the fonts in fonts/. */
#include <glib.h>
#include <stdint.h>
#include <string.h>

#include "diag.h"
#include "pagemap.h"
#include "pdf/pdf.h"
#include "reader.h"
#include "style.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 16384)
        return 0;
    int line, col;
    const char *why;
    if (!utf8_check((const char *)data, size, &line, &col, &why))
        return 0;
    char *text = g_strndup((const char *)data, size);
    diag_list d;
    diag_list_init(&d);
    node *a = reader_read_article("fuzz.md", text, size, &d);
    node *issue = node_new(NODE_ISSUE, a->pos);
    issue->as.issue.language = g_strdup("nl");
    issue->as.issue.title = g_strdup("Fuzz");
    issue->as.issue.publisher = g_strdup("P");
    issue->as.issue.date = g_strdup("2019");
    issue->as.issue.dir = g_strdup("tests/fuzz");
    a->as.article.slug = g_strdup("fuzz");
    if (!a->as.article.title)
        a->as.article.title = g_strdup("Fuzz");
    node_append(issue, a);
    /* Images are checked by the reader in a real build; here they would
     * name files that do not exist, so only image-free trees go on. */
    bool has_image = strstr(text, "![") != NULL;
    if (!diag_has_errors(&d) && !has_image) {
        style *st = style_new_default();
        pdf_options po = {.fonts_dir = "fonts", .hyphen_dict = NULL, .source_date = 0};
        page_map pages;
        page_map_init(&pages);
        pdf_document *doc = pdf_layout_issue(issue, st, &po, &pages, &d);
        if (doc) {
            pdf_write(doc, "/dev/null", &d);
            unsigned char *png = NULL;
            size_t len = 0;
            if (pdf_render_page_png(doc, 0, 20, &png, &len, &d))
                g_free(png);
            pdf_document_free(doc);
        }
        page_map_free(&pages);
        style_free(st);
    }
    tree_free(issue);
    diag_list_free(&d);
    g_free(text);
    return 0;
}
