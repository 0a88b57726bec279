/* test_press_style.c - the style keys of the press edition: [print]
 * bleed, marks, output-profile, output-condition, and a CMYK value per
 * colour; bad values refused at file:line; a missing or unusable output
 * profile is an error naming its path. */
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "diag.h"
#include "finish/press_colour.h"
#include "style.h"

#define NEAR(a, b) (fabs((a) - (b)) < 0.001)
#define MM(x) ((x) * 72.0 / 25.4)

static char *write_file(const char *dir, const char *name, const char *text)
{
    char *path = g_build_filename(dir, name, NULL);
    g_file_set_contents(path, text, -1, NULL);
    return path;
}

static bool has_diag(const diag_list *d, const char *path, int line, const char *part)
{
    for (size_t i = 0; i < d->count; i++) {
        char *f = diag_format(&d->items[i]);
        char *prefix = g_strdup_printf("%s:%d:", path, line);
        bool ok = g_str_has_prefix(f, prefix) && strstr(f, part);
        g_free(prefix);
        free(f);
        if (ok)
            return true;
    }
    return false;
}

static void check_shipped(void)
{
    diag_list d;
    diag_list_init(&d);
    style *s = style_load("styles/dimensies.ini", &d);
    CHECK("press keys: dimensies.ini loads without diagnostics", s && d.count == 0);
    if (s) {
        CHECK("press keys: bleed 3mm", NEAR(s->bleed, MM(3)));
        CHECK("press keys: marks none by default in dimensies", s->marks == MARKS_NONE);
        CHECK("press keys: accent has its CMYK value",
              s->accent.has_cmyk && NEAR(s->accent.cmyk[0], 1) && NEAR(s->accent.cmyk[1], 0.2) &&
                  NEAR(s->accent.cmyk[2], 0.35) && NEAR(s->accent.cmyk[3], 0.4));
        CHECK("press keys: a text following the accent has the accent's CMYK",
              s->rubric.color.has_cmyk && NEAR(s->rubric.color.cmyk[0], 1));
        CHECK("press keys: no profile named (the default is used)", s->output_profile == NULL);
        style_free(s);
    }
    diag_list_free(&d);
}

static void check_values(const char *dir)
{
    char *path = write_file(dir, "p.ini",
                            "[colors]\n"
                            "accent = #ff0000 / cmyk(0, 100, 100, 0)\n"
                            "rule = #000000 / cmyk(0, 0, 0, 101)\n"
                            "sidebar-tint = #eeeeee / cmyk(1, 2, 3)\n"
                            "[print]\n"
                            "bleed = 5mm\n"
                            "marks = crop\n"
                            "output-condition = FOGRA39\n"
                            "[body]\n"
                            "color = #111111 / rgb(1,2,3)\n");
    diag_list d;
    diag_list_init(&d);
    style *s = style_load(path, &d);
    CHECK("press keys: loads", s != NULL);
    if (s) {
        CHECK("press keys: bleed 5mm", NEAR(s->bleed, MM(5)));
        CHECK("press keys: marks = crop", s->marks == MARKS_CROP);
        CHECK_STR("press keys: output-condition", s->output_condition, "FOGRA39");
        CHECK("press keys: cmyk(0, 100, 100, 0) read",
              s->accent.has_cmyk && NEAR(s->accent.cmyk[1], 1) && NEAR(s->accent.cmyk[3], 0));
        CHECK("press keys: a part above 100 refused at its line",
              has_diag(&d, path, 3, "percentage from 0 to 100"));
        CHECK("press keys: three parts refused at its line", has_diag(&d, path, 4, "CMYK"));
        CHECK("press keys: not cmyk(...) refused at its line", has_diag(&d, path, 10, "CMYK"));
        CHECK("press keys: a refused colour keeps the default (no CMYK)",
              !s->rule_color.has_cmyk);
        style_free(s);
    }
    diag_list_free(&d);
    g_free(path);

    path = write_file(dir, "q.ini", "[print]\nbleed = -1mm\nmarks = trim\n");
    diag_list_init(&d);
    s = style_load(path, &d);
    CHECK("press keys: negative bleed refused at file:line", has_diag(&d, path, 2, "negative"));
    CHECK("press keys: unknown marks refused at file:line", has_diag(&d, path, 3, "none or crop"));
    CHECK("press keys: defaults kept", s && NEAR(s->bleed, MM(3)) && s->marks == MARKS_NONE);
    style_free(s);
    diag_list_free(&d);
    g_free(path);
}

static void check_profiles(const char *dir)
{
    char *path = write_file(dir, "r.ini", "[print]\noutput-profile = nowhere/printer.icc\n");
    diag_list d;
    diag_list_init(&d);
    style *s = style_load(path, &d);
    bool is_default = true;
    press_profile *p = s ? press_profile_for_style(s, &is_default, &d) : NULL;
    char *want = g_build_filename(dir, "nowhere/printer.icc", NULL);
    CHECK("profile: a missing profile is an error", p == NULL && d.errors == 1);
    CHECK("profile: the error names the path at the style line", has_diag(&d, path, 2, want));
    g_free(want);
    style_free(s);
    diag_list_free(&d);
    g_free(path);

    /* an RGB profile is not a CMYK output profile */
    path = write_file(dir, "s.ini",
                      "[print]\noutput-profile = /usr/share/color/icc/ghostscript/srgb.icc\n");
    diag_list_init(&d);
    s = style_load(path, &d);
    p = s ? press_profile_for_style(s, &is_default, &d) : NULL;
    CHECK("profile: an RGB profile is refused, naming it",
          p == NULL && has_diag(&d, path, 2, "srgb.icc is not a CMYK"));
    style_free(s);
    diag_list_free(&d);
    g_free(path);

    /* no profile named: the default, with a warning asking for the printer's */
    path = write_file(dir, "t.ini", "[colors]\nrule = #8fa3a6\n");
    diag_list_init(&d);
    s = style_load(path, &d);
    p = s ? press_profile_for_style(s, &is_default, &d) : NULL;
    CHECK("profile: the default loads", p != NULL && is_default);
    CHECK("profile: the default warns and asks for the printer's profile",
          d.errors == 0 && d.count == 1 && strstr(d.items[0].message, "ask the printer"));
    if (p) {
        press_complete_style(s, p, &d);
        CHECK("derived CMYK: a colour without one gets a value, with a warning at its line",
              s->rule_color.has_cmyk && has_diag(&d, path, 2, "derived through the output profile"));
        CHECK("derived CMYK: near-black body text is 100 K without a warning",
              s->body.color.has_cmyk && NEAR(s->body.color.cmyk[3], 1) &&
                  NEAR(s->body.color.cmyk[0], 0));
    }
    press_profile_free(p);
    style_free(s);
    diag_list_free(&d);
    g_free(path);
}

int main(void)
{
    char *dir = g_dir_make_tmp("folio-press-XXXXXX", NULL);
    check_shipped();
    check_values(dir);
    check_profiles(dir);
    const char *names[] = {"p.ini", "q.ini", "r.ini", "s.ini", "t.ini"};
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        char *f = g_build_filename(dir, names[i], NULL);
        g_unlink(f);
        g_free(f);
    }
    g_rmdir(dir);
    g_free(dir);
    CHECK_DONE();
}
