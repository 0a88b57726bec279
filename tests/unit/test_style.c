/* test_style.c - styles/dimensies.ini is read without complaint into the
 * values the designer wrote; bad files give exact diagnostics and keep the
 * defaults.  Run from the repository root. */
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "diag.h"
#include "style.h"

#define NEAR(a, b) (fabs((a) - (b)) < 0.01)
#define MM(x) ((x) * 72.0 / 25.4)

static bool color_is(style_color c, unsigned rgb)
{
    return NEAR(c.r, ((rgb >> 16) & 0xff) / 255.0) && NEAR(c.g, ((rgb >> 8) & 0xff) / 255.0) &&
           NEAR(c.b, (rgb & 0xff) / 255.0);
}

/* Writes text to a new file in dir; returns its path (caller frees). */
static char *write_file(const char *dir, const char *name, const char *text)
{
    char *path = g_build_filename(dir, name, NULL);
    g_file_set_contents(path, text, -1, NULL);
    return path;
}

static void check_shipped_style(void)
{
    diag_list d;
    diag_list_init(&d);
    style *s = style_load("styles/dimensies.ini", &d);
    CHECK("dimensies.ini loads", s != NULL);
    CHECK("dimensies.ini: no diagnostics", d.count == 0);
    diag_print(&d, stdout);
    if (!s) {
        diag_list_free(&d);
        return;
    }
    CHECK_STR("name from the file name", s->name, "dimensies");
    CHECK_STR("path kept", s->path, "styles/dimensies.ini");
    CHECK("page is A4 wide", NEAR(s->page_width, 595.276));
    CHECK("page is A4 high", NEAR(s->page_height, 841.89));
    CHECK("inner margin 20mm", NEAR(s->margin_inner, MM(20)));
    CHECK("outer margin 18mm", NEAR(s->margin_outer, MM(18)));
    CHECK("top margin 18mm", NEAR(s->margin_top, MM(18)));
    CHECK("bottom margin 20mm", NEAR(s->margin_bottom, MM(20)));
    CHECK("two columns", s->columns == 2);
    CHECK("gutter 5mm", NEAR(s->gutter, MM(5)));
    CHECK_STR("serif family", s->serif_family, "Charis SIL");
    CHECK_STR("sans family", s->sans_family, "Lato");
    CHECK_STR("display family", s->display_family, "Lato");
    CHECK("mono family set", s->mono_family && *s->mono_family);

    CHECK_STR("body in the serif (role resolved)", s->body.family, "Charis SIL");
    CHECK("body 9.5pt", NEAR(s->body.size, 9.5));
    CHECK("body leading 12.5pt", NEAR(s->body.leading, 12.5));
    CHECK("body justified", s->body.justify);
    CHECK("body hyphenated", s->body.hyphenate);
    CHECK("body regular", s->body.weight == 400 && !s->body.italic && !s->body.caps);
    CHECK("body near-black", color_is(s->body.color, 0x1c1c1c));

    CHECK("accent is #006470", color_is(s->accent, 0x006470));
    CHECK("sidebar tint is #e6f0f1", color_is(s->sidebar_tint, 0xe6f0f1));
    CHECK("rule is #8fa3a6", color_is(s->rule_color, 0x8fa3a6));
    CHECK("rule width 0.5pt", NEAR(s->rule_width, 0.5));
    CHECK("footnote rule 15mm", NEAR(s->footnote_rule_length, MM(15)));
    CHECK("paragraph indent 9.5pt", NEAR(s->paragraph_indent, 9.5));
    CHECK("min hyphen word 6", s->min_hyphen_word == 6);

    CHECK("lead in capitals", s->lead.caps);
    CHECK("rubric in capitals", s->rubric.caps);
    CHECK("headings in capitals", s->heading[0].caps && s->heading[1].caps && s->heading[2].caps);
    CHECK_STR("headings in the sans", s->heading[0].family, "Lato");
    CHECK("rubric in the accent", color_is(s->rubric.color, 0x006470));
    CHECK_STR("pull quote in the display face", s->pullquote.family, "Lato");
    CHECK("pull quote large", s->pullquote.size >= 14);
    CHECK("pull quote in the accent", color_is(s->pullquote.color, 0x006470));
    CHECK("footnote 7.5pt", NEAR(s->footnote.size, 7.5));
    CHECK("colophon smaller and denser than body",
          s->colophon.size < s->body.size && s->colophon.leading < s->body.leading);
    CHECK_STR("subtitle in the serif", s->subtitle.family, "Charis SIL");
    CHECK("subtitle italic", s->subtitle.italic);
    CHECK("title black weight", s->title.weight == 900);
    CHECK("pull quote light weight", s->pullquote.weight == 300);
    CHECK("masthead caps", s->masthead.caps);
    CHECK("code not hyphenated", !s->code.hyphenate);
    style_free(s);
    diag_list_free(&d);
}

static void check_defaults(void)
{
    style *s = style_new_default();
    CHECK("default style exists", s != NULL);
    CHECK_STR("default name", s->name, "default");
    CHECK("default has no path", s->path == NULL);
    CHECK_STR("default body family resolved", s->body.family, "Charis SIL");
    CHECK_STR("default title family resolved", s->title.family, "Lato");
    CHECK("default columns", s->columns == 2);
    CHECK("default rubric in the accent", color_is(s->rubric.color, 0x006470));
    style_free(s);
}

static void check_bad_values(const char *dir)
{
    char *path = write_file(dir, "bad.ini",
                            "# a style with mistakes\n"                 /* 1 */
                            "[page]\n"                                   /* 2 */
                            "width = wide\n"                             /* 3 */
                            "columns = 0\n"                              /* 4 */
                            "gutter = -3mm\n"                            /* 5 */
                            "margin-top = 1.5cm\n"                       /* 6 */
                            "margin-inner = 2px\n"                       /* 7 */
                            "\n"                                         /* 8 */
                            "[colors]\n"                                 /* 9 */
                            "accent = #12345\n"                          /* 10 */
                            "rule = #A01020\n"                           /* 11 */
                            "\n"                                         /* 12 */
                            "[fonts]\n"                                  /* 13 */
                            "sans = Charis SIL\n"                        /* 14 */
                            "\n"                                         /* 15 */
                            "[body]\n"                                   /* 16 */
                            "size = big\n"                               /* 17 */
                            "colour = #000000\n"                         /* 18 */
                            "leading = 0.2in\n"                          /* 19 */
                            "weight = bold\n"                            /* 20 */
                            "justify = maybe\n"                          /* 21 */
                            "\n"                                         /* 22 */
                            "[heading1]\n"                               /* 23 */
                            "weight = 950\n"                             /* 24 */
                            "color = #ff0000\n"                          /* 25 */
                            "\n"                                         /* 26 */
                            "[sidebars]\n"                               /* 27 */
                            "size = 8pt\n"                               /* 28 */
                            "[rubric]\n"                                 /* 29 */
                            "tracking = lots\n"                          /* 30 */
                            "family = \n");                              /* 31 */
    diag_list d;
    diag_list_init(&d);
    style *s = style_load(path, &d);
    CHECK("bad values: style still loads", s != NULL);
    const char *want[] = {
        "%s:3:1: error: [page] width: \"wide\" is not a length (a number, optionally followed "
        "by pt, mm, cm or in); the default is kept",
        "%s:4:1: error: [page] columns: \"0\" is not a whole number from 1 to 6; the default "
        "is kept",
        "%s:5:1: error: [page] gutter: negative length \"-3mm\"; the default is kept",
        "%s:7:1: error: [page] margin-inner: unknown unit \"px\" in \"2px\" (use pt, mm, cm or "
        "in); the default is kept",
        "%s:10:1: error: [colors] accent: \"#12345\" is not a colour (write #rrggbb); the default "
        "is kept",
        "%s:17:1: error: [body] size: \"big\" is not a length (a number, optionally followed by "
        "pt, mm, cm or in); the default is kept",
        "%s:18:1: warning: [body] unknown key \"colour\"",
        "%s:21:1: error: [body] justify: \"maybe\" is not true or false; the default is kept",
        "%s:24:1: error: [heading1] weight: \"950\" is not a weight (100 to 900, or thin, light, "
        "regular, medium, semibold, bold, heavy, black); the default is kept",
        "%s:27:1: warning: unknown group [sidebars]",
        "%s:30:1: error: [rubric] tracking: \"lots\" is not a number; the default is kept",
        "%s:31:1: error: [rubric] family: empty value; the default is kept",
    };
    size_t n = G_N_ELEMENTS(want);
    CHECK("bad values: diagnostic count", d.count == n);
    for (size_t i = 0; i < n && i < d.count; i++) {
        char *w = g_strdup_printf(want[i], path);
        char *got = diag_format(&d.items[i]);
        char *name = g_strdup_printf("bad values: diagnostic %zu", i + 1);
        CHECK_STR(name, got, w);
        g_free(name);
        free(got);
        g_free(w);
    }
    CHECK("bad values: 10 errors, 2 warnings", d.errors == 10 && d.warnings == 2);
    if (s) {
        CHECK("bad width keeps A4", NEAR(s->page_width, MM(210)));
        CHECK("bad columns keeps 2", s->columns == 2);
        CHECK("bad gutter keeps 5mm", NEAR(s->gutter, MM(5)));
        CHECK("cm converted", NEAR(s->margin_top, MM(15)));
        CHECK("bad unit keeps the margin", NEAR(s->margin_inner, MM(20)));
        CHECK("bad accent keeps the default", color_is(s->accent, 0x006470));
        CHECK("upper-case hex colour read", color_is(s->rule_color, 0xa01020));
        CHECK("bad size keeps 9.5", NEAR(s->body.size, 9.5));
        CHECK("in converted", NEAR(s->body.leading, 14.4));
        CHECK("weight by name", s->body.weight == 700);
        CHECK("bad boolean keeps the default", s->body.justify);
        CHECK("bad weight keeps the default", s->heading[0].weight == 900);
        CHECK("explicit colour replaces the accent", color_is(s->heading[0].color, 0xff0000));
        CHECK("bad tracking keeps the default", NEAR(s->rubric.tracking, 0.12));
        CHECK_STR("[fonts] sans reaches the texts that use the role", s->rubric.family,
                  "Charis SIL");
        CHECK_STR("name from the bad file", s->name, "bad");
    }
    style_free(s);
    diag_list_free(&d);
    g_unlink(path);
    g_free(path);
}

/* A changed accent recolours every text kind that says color = accent. */
static void check_accent_follows(const char *dir)
{
    char *path = write_file(dir, "accent.ini", "[colors]\naccent = #aa0000\n");
    diag_list d;
    diag_list_init(&d);
    style *s = style_load(path, &d);
    CHECK("accent file: no diagnostics", s && d.count == 0);
    if (s) {
        CHECK("rubric follows the accent", color_is(s->rubric.color, 0xaa0000));
        CHECK("pull quote follows the accent", color_is(s->pullquote.color, 0xaa0000));
        CHECK("body does not", color_is(s->body.color, 0x1c1c1c));
    }
    style_free(s);
    diag_list_free(&d);
    g_unlink(path);
    g_free(path);
}

/* [colors.<type>] accent: one article type's accent, seen through
 * style_for_type; the others and the style itself keep [colors] accent. */
static void check_type_accent(const char *dir)
{
    char *path = write_file(dir, "typed.ini",
                            "[colors]\naccent = #006470\n"
                            "[colors.interview]\naccent = #aa0000\n"
                            "[colors.gossip]\naccent = #00aa00\n"
                            "[colors.column]\naccent = red\n");
    diag_list d;
    diag_list_init(&d);
    style *s = style_load(path, &d);
    CHECK("typed accent: loads", s != NULL);
    CHECK("typed accent: a warning (unknown type) and an error (bad colour)",
          d.count == 2 && d.errors == 1);
    if (s) {
        const style *iv = style_for_type(s, 2);   /* ARTICLE_INTERVIEW */
        CHECK("typed accent: the interview has its own style", iv != s);
        CHECK("typed accent: its accent", color_is(iv->accent, 0xaa0000));
        CHECK("typed accent: its headings follow", color_is(iv->heading[0].color, 0xaa0000));
        CHECK("typed accent: its body does not", color_is(iv->body.color, 0x1c1c1c));
        CHECK("typed accent: the strings are the style's", iv->body.family == s->body.family);
        CHECK("typed accent: the style keeps its accent", color_is(s->accent, 0x006470) &&
                                                           color_is(s->heading[0].color, 0x006470));
        CHECK("typed accent: a feature is the style", style_for_type(s, 0) == s);
        CHECK("typed accent: the bad colour leaves the column as the style",
              style_for_type(s, 3) == s);
        style_color *cs[64];
        const char *names[64];
        size_t n = style_colors(s, cs, names, 64);
        bool listed = false;
        for (size_t i = 0; i < n && i < 64; i++)
            listed |= !strcmp(names[i], "colors.interview") && color_is(*cs[i], 0xaa0000);
        CHECK("typed accent: among the style's colours (for the press)", listed);
    }
    style_free(s);
    diag_list_free(&d);
    g_unlink(path);
    g_free(path);
}

static void check_unreadable(const char *dir)
{
    char *path = write_file(dir, "broken.ini",
                            "[page]\n"
                            "width = 210mm\n"
                            "this line is not a key\n");
    diag_list d;
    diag_list_init(&d);
    style *s = style_load(path, &d);
    CHECK("unparsable file: NULL", s == NULL);
    CHECK("unparsable file: one error", d.count == 1 && d.errors == 1);
    if (d.count == 1) {
        char *got = diag_format(&d.items[0]);
        char *prefix = g_strdup_printf("%s:3:1: error: not a style file: ", path);
        CHECK("unparsable file: error at the bad line", g_str_has_prefix(got, prefix));
        printf("  (%s)\n", got);
        g_free(prefix);
        free(got);
    }
    style_free(s);
    diag_list_free(&d);
    g_unlink(path);
    g_free(path);

    char *missing = g_build_filename(dir, "missing.ini", NULL);
    diag_list_init(&d);
    s = style_load(missing, &d);
    CHECK("missing file: NULL", s == NULL);
    CHECK("missing file: one error", d.count == 1 && d.errors == 1);
    if (d.count == 1) {
        char *got = diag_format(&d.items[0]);
        char *prefix = g_strdup_printf("%s: error: cannot read the style: ", missing);
        CHECK("missing file: error names the file", g_str_has_prefix(got, prefix));
        g_free(prefix);
        free(got);
    }
    diag_list_free(&d);
    g_free(missing);
}

int main(void)
{
    char *dir = g_dir_make_tmp("folio-style-XXXXXX", NULL);
    check_shipped_style();
    check_defaults();
    check_bad_values(dir);
    check_accent_follows(dir);
    check_type_accent(dir);
    check_unreadable(dir);
    g_rmdir(dir);
    g_free(dir);
    CHECK_DONE();
}
