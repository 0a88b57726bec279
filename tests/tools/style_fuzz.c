/* style_fuzz.c - random style files through style_load and, when folio
 * accepts one, through the whole print layout of a small issue: folio must
 * never abort, it builds or refuses with a diagnostic.
 *
 * Usage: style_fuzz N [SEED]   (run from the repository root: it sets
 * type with the fonts in fonts/).  Each input is up to a dozen lines of
 * known and unknown groups and keys with values inside and outside their
 * bounds (units, zero, negative, huge, not a number).  A fixed seed and N
 * make the run the same everywhere.  Prints one PASS or FAIL line. */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fonts.h"
#include "pagemap.h"
#include "pdf/pdf.h"
#include "reader.h"
#include "style.h"

static const char *groups[] = {"page", "fonts", "colors", "rules", "paragraphs", "body",
                               "lead", "title", "heading1", "footnote", "caption", "table",
                               "code", "masthead", "folio", "pullquote", "nosuch"};
static const char *keys[] = {"width", "height", "margin-top", "margin-bottom", "margin-inner",
                             "margin-outer", "columns", "gutter", "serif", "sans", "display",
                             "mono", "accent", "rule", "footnote-length", "indent",
                             "min-hyphen-word", "family", "size", "leading", "weight",
                             "italic", "caps", "tracking", "color", "space-before",
                             "space-after", "hyphenate", "justify", "bogus"};
static const char *values[] = {
    "0", "1", "2", "3", "6", "7", "8", "100", "-1", "-3mm", "148", "148mm", "74mm", "73mm",
    "1000mm", "1001mm", "2m", "1e9", "1e308", "nan", "inf", "0.0001pt", "4pt", "3.9pt",
    "200pt", "201pt", "25mm", "24mm", "600mm", "9.5", "12.5pt", "1cm", "2in", "wide", "",
    "true", "false", "#ff0000", "#zzzzzz", "accent", "bold", "950", "Charis SIL", "Lato",
    "monospace", "No Such Font", "0.5", "-0.5", "1000", "99999999999999999999"};

static const char article[] =
    "---\ntitle: A test article with a long title that wraps\nlead: A lead with a note.[^a]\n"
    "---\n\nA paragraph of ordinary text that is long enough to be broken into several lines "
    "and hyphenated where the measure asks for it, with *emphasis* and **strong** words.\n\n"
    "## A heading\n\n- one\n- two\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n```\ncode\n```\n\n"
    "::: pullquote\n“Quoted.”\n\n— Someone\n:::\n\n"
    "Onderwijsvernieuwingsprogramma en beroepspraktijkvorming.[^b]\n\n"
    "[^a]: Note a.\n[^b]: Note b, which is a little longer than the first.\n";

static char *random_style(GRand *r)
{
    GString *s = g_string_new(NULL);
    int nlines = g_rand_int_range(r, 1, 13);
    const char *group = NULL;
    for (int i = 0; i < nlines; i++) {
        if (!group || g_rand_int_range(r, 0, 4) == 0) {
            group = groups[g_rand_int_range(r, 0, G_N_ELEMENTS(groups))];
            g_string_append_printf(s, "[%s]\n", group);
        }
        g_string_append_printf(s, "%s = %s\n", keys[g_rand_int_range(r, 0, G_N_ELEMENTS(keys))],
                               values[g_rand_int_range(r, 0, G_N_ELEMENTS(values))]);
    }
    return g_string_free(s, FALSE);
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 100;
    guint32 seed = argc > 2 ? (guint32)atoi(argv[2]) : 1;
    GRand *r = g_rand_new_with_seed(seed);
    diag_list fd;
    diag_list_init(&fd);
    FcConfig *fc = fonts_load_config("fonts", &fd);
    if (!fc) {
        diag_print(&fd, stdout);
        printf("FAIL: style fuzz: no fonts in fonts/ (run from the repository root)\n");
        return 1;
    }
    FcConfigSetCurrent(fc);
    char *dir = g_dir_make_tmp("folio-style-fuzz-XXXXXX", NULL);
    char *path = g_build_filename(dir, "fuzz.ini", NULL);
    int built = 0, refused = 0, bad = 0;
    for (int i = 0; i < n; i++) {
        char *text = random_style(r);
        if (argc > 3 && i >= atoi(argv[3]))
            fprintf(stderr, "input %d:\n%s\n", i, text);
        g_file_set_contents(path, text, -1, NULL);
        diag_list d;
        diag_list_init(&d);
        style *st = style_load(path, &d);
        if (st && !diag_has_errors(&d))
            fonts_check_style(fc, st, "fonts", &d);
        if (!st || diag_has_errors(&d)) {
            refused++;
            /* A refusal must say why. */
            if (!diag_has_errors(&d)) {
                bad++;
                printf("refused without an error:\n%s\n", text);
            }
        } else {
            node *a = reader_read_article("fuzz.md", article, strlen(article), &d);
            node *issue = node_new(NODE_ISSUE, a->pos);
            issue->as.issue.language = g_strdup(i % 2 ? "en" : "nl");
            issue->as.issue.title = g_strdup("Fuzz");
            issue->as.issue.publisher = g_strdup("P");
            issue->as.issue.date = g_strdup("2019");
            issue->as.issue.number = g_strdup("1");
            issue->as.issue.dir = g_strdup(".");
            a->as.article.slug = g_strdup("fuzz");
            a->as.article.cover = true;
            node_append(issue, a);
            pdf_options po = {.fonts_dir = "fonts", .fc = fc, .source_date = 0};
            page_map pages;
            page_map_init(&pages);
            pdf_document *doc = pdf_layout_issue(issue, st, &po, &pages, &d);
            if (doc && pdf_write(doc, "/dev/null", &d))
                built++;
            else if (diag_has_errors(&d))
                refused++;
            else {
                bad++;
                printf("layout failed without an error:\n%s\n", text);
            }
            if (doc)
                pdf_document_free(doc);
            page_map_free(&pages);
            tree_free(issue);
        }
        style_free(st);
        diag_list_free(&d);
        g_free(text);
    }
    g_unlink(path);
    g_rmdir(dir);
    g_free(path);
    g_free(dir);
    FcConfigDestroy(fc);
    diag_list_free(&fd);
    g_rand_free(r);
    if (bad)
        printf("FAIL: style fuzz: %d of %d inputs failed without a diagnostic\n", bad, n);
    else
        printf("PASS: style fuzz: %d random styles (seed %u): %d built, %d refused with a "
               "diagnostic, none aborted\n", n, seed, built, refused);
    return bad ? 1 : 0;
}
