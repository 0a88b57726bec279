/* finish_time - the CPU time of the finishing pass alone, for the scale
 * test (tests/slow/t_finish_scale.py).
 *
 *   finish_time READING.pdf PRESS.pdf
 *
 * Runs finish_reading on the first file and finish_press on the second
 * (as folio does on cairo's output; here on folio's finished editions,
 * which have the same pages, content streams and structure tree), and
 * prints the thread CPU milliseconds of each: "reading_ms press_ms". */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <time.h>

#include "diag.h"
#include "finish/finish.h"
#include "finish/press_colour.h"
#include "style.h"

static double cpu_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: finish_time READING.pdf PRESS.pdf\n");
        return 2;
    }
    gchar *a = NULL, *b = NULL;
    gsize na = 0, nb = 0;
    if (!g_file_get_contents(argv[1], &a, &na, NULL) || !g_file_get_contents(argv[2], &b, &nb, NULL)) {
        fprintf(stderr, "finish_time: cannot read the PDFs\n");
        return 1;
    }
    diag_list d;
    diag_list_init(&d);
    src_pos at = {"finish_time", 0, 0};
    press_profile *p = press_profile_load(PRESS_DEFAULT_PROFILE, at, &d);
    style *st = style_new_default();
    press_palette *pal = p ? press_palette_new(st, p) : NULL;
    finish_meta m = {.title = "scale", .author = "folio", .lang = "nl", .date = 315532800};
    char *dir = g_dir_make_tmp("finish-time-XXXXXX", NULL);
    char *out1 = g_build_filename(dir, "r.pdf", NULL), *out2 = g_build_filename(dir, "p.pdf", NULL);
    double t0 = cpu_ms();
    bool ok = finish_reading(a, na, out1, &m, &d);
    double t1 = cpu_ms();
    finish_press_options o = {.trim_w = st->page_width, .trim_h = st->page_height,
                              .bleed = st->bleed, .profile = p, .palette = pal};
    ok = ok && p && finish_press(b, nb, out2, &m, &o, &d);
    double t2 = cpu_ms();
    diag_print(&d, stderr);
    printf("%.1f %.1f\n", t1 - t0, t2 - t1);
    remove(out1);
    remove(out2);
    g_rmdir(dir);
    g_free(out1);
    g_free(out2);
    g_free(dir);
    press_palette_free(pal);
    press_profile_free(p);
    style_free(st);
    diag_list_free(&d);
    g_free(a);
    g_free(b);
    return ok ? 0 : 1;
}
