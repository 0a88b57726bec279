/* fuzz_pipeline.c - libFuzzer target for the whole pipeline on a small
 * issue: bytes as one article -> tree -> layout -> both PDFs (the reading
 * and the press edition, finished and written to /dev/null), the cover PNG
 * in memory, and the EPUB (written to a temporary file, with the PDF's
 * page list and cover, as a build does).  Run from the repository root:
 * it sets type with the fonts in fonts/; the EPUB's compressed fonts are
 * kept in build/fuzz/epub-cache so that they are deflated once, not for
 * every input.
 *
 * With FUZZ_SAVE_INPUTS=DIR every input the run executes is also written
 * to DIR (DIR/000001, ... in order): tests/fuzz_words.py then builds each
 * with folio and checks that no word is lost (the word invariant), for
 * every input of a fixed run, not only those libFuzzer keeps. */
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "epub/epub.h"
#include "finish/press_colour.h"
#include "fuzz_issue.h"
#include "pagemap.h"
#include "pdf/pdf.h"
#include "style.h"

static void write_epub(const node *issue, const style *st, const page_map *pages,
                       const unsigned char *cover, size_t cover_len, diag_list *d)
{
    char *tmp = NULL;
    int fd = g_file_open_tmp("fuzz-pipeline-XXXXXX.epub", &tmp, NULL);
    if (fd < 0)
        return;
    close(fd);
    g_mkdir_with_parents("build/fuzz/epub-cache", 0755);
    epub_options eo = {.fonts_dir = "fonts", .pages = pages, .cover_png = cover,
                       .cover_png_len = cover_len, .source_date = 0,
                       .cache_dir = "build/fuzz/epub-cache"};
    epub_write_issue(issue, st, &eo, tmp, d);
    g_unlink(tmp);
    g_free(tmp);
}

static const char *save_dir;   /* FUZZ_SAVE_INPUTS, read once at start */
static unsigned long saved;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    save_dir = getenv("FUZZ_SAVE_INPUTS");
    if (save_dir && *save_dir)
        g_mkdir_with_parents(save_dir, 0755);
    else
        save_dir = NULL;
    return 0;
}

static void save_input(const uint8_t *data, size_t size)
{
    char name[32];
    g_snprintf(name, sizeof name, "%06lu", ++saved);
    char *path = g_build_filename(save_dir, name, NULL);
    g_file_set_contents(path, (const char *)data, (gssize)size, NULL);
    g_free(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (save_dir)
        save_input(data, size);
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
        src_pos at = {"fuzz", 0, 0};
        press_profile *prof = press_profile_load(PRESS_DEFAULT_PROFILE, at, &d);
        press_palette *pal = prof ? press_palette_new(st, prof) : NULL;
        if (doc) {
            pdf_write(doc, "/dev/null", &d);
            pdf_press_options ppo = {.profile = prof, .palette = pal, .bleed = 8.5,
                                     .crop_marks = true, .file_name = "fuzz.pdf"};
            if (prof)
                pdf_write_press(doc, "/dev/null", &ppo, &d);
            unsigned char *png = NULL;
            size_t len = 0;
            if (!pdf_render_page_png(doc, 0, 20, &png, &len, &d))
                png = NULL;
            write_epub(issue, st, &pages, png, png ? len : 0, &d);
            g_free(png);
            pdf_document_free(doc);
        }
        press_palette_free(pal);
        press_profile_free(prof);
        page_map_free(&pages);
        style_free(st);
    }
    tree_free(issue);
    diag_list_free(&d);
    g_free(text);
    return 0;
}
