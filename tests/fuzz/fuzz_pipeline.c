/* fuzz_pipeline.c - libFuzzer target for the whole print pipeline on a
 * small issue: bytes as one article -> tree -> layout -> PDF (written to
 * /dev/null) and the cover PNG in memory.  Run from the repository root:
 * it sets type with the fonts in fonts/. */
#include <string.h>

#include "fuzz_issue.h"
#include "pagemap.h"
#include "pdf/pdf.h"
#include "style.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    diag_list d;
    diag_list_init(&d);
    char *text = NULL;
    node *issue = fuzz_issue_from_bytes(data, size, 16384, &d, &text);
    if (!issue) {
        diag_list_free(&d);
        return 0;
    }
    /* Images are checked by the reader in a real build; here they would
     * name files that do not exist, so only image-free trees go on. */
    bool has_image = strstr(text, "![") != NULL;
    if (!diag_has_errors(&d) && !has_image) {
        style *st = style_new_default();
        pdf_options po = {.fonts_dir = "fonts", .hyphen_dir = NULL, .source_date = 0};
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
