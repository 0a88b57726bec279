/* test_fonts.c - the private fontconfig sees fonts/ and nothing else, and
 * a font file missing from fonts/ is an error naming it and its package.
 * Run from the repository root after scripts/copy-fonts.sh fonts. */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "diag.h"
#include "fonts.h"

static void check_fonts_dir(void)
{
    diag_list d;
    diag_list_init(&d);
    FcConfig *c = fonts_load_config("fonts", &d);
    CHECK("fonts/ loads", c != NULL);
    CHECK("fonts/: no diagnostics", d.count == 0);
    diag_print(&d, stdout);
    diag_list_free(&d);
    if (!c)
        return;
    CHECK("Charis SIL found", fonts_has_family(c, "Charis SIL"));
    CHECK("Lato found", fonts_has_family(c, "Lato"));
    CHECK("family match ignores case", fonts_has_family(c, "charis sil"));
    CHECK("DejaVu Sans not found (no system fonts)", !fonts_has_family(c, "DejaVu Sans"));
    CHECK("no fallback for a made-up family", !fonts_has_family(c, "No Such Family"));

    font_face *faces = NULL;
    size_t n = fonts_list_faces(c, &faces);
    CHECK("fifteen faces (fonts.list)", n == 15);
    char *real = realpath("fonts", NULL);
    size_t outside = 0, bad_weight = 0;
    bool charis_bold_italic = false, lato_light = false, lato_black = false;
    for (size_t i = 0; i < n; i++) {
        const font_face *f = &faces[i];
        char *dir = g_path_get_dirname(f->path);
        char *rdir = realpath(dir, NULL);
        if (!rdir || !real || strcmp(rdir, real) != 0)
            outside++;
        free(rdir);
        g_free(dir);
        if (f->weight < 100 || f->weight > 900 || f->weight % 100)
            bad_weight++;
        if (!strcmp(f->family, "Charis SIL") && f->weight == 700 && f->italic)
            charis_bold_italic = true;
        if (!strcmp(f->family, "Lato") && f->weight == 300 && !f->italic)
            lato_light = true;
        if (!strcmp(f->family, "Lato") && f->weight == 900 && !f->italic)
            lato_black = true;
    }
    CHECK("every face inside fonts/", outside == 0);
    CHECK("every weight on the CSS scale", bad_weight == 0);
    CHECK("Charis SIL bold italic is 700 italic", charis_bold_italic);
    CHECK("Lato Light is 300, family Lato", lato_light);
    CHECK("Lato Black is 900, family Lato", lato_black);
    bool sorted = true;
    for (size_t i = 1; i < n; i++)
        if (strcmp(faces[i - 1].path, faces[i].path) >= 0)
            sorted = false;
    CHECK("faces sorted by path", sorted);
    free(real);
    fonts_free_faces(faces, n);

    PangoFontMap *map = fonts_new_pango_fontmap(c);
    CHECK("pango font map made", map != NULL);
    if (map) {
        PangoContext *ctx = pango_font_map_create_context(map);
        PangoFontDescription *desc = pango_font_description_from_string("Charis SIL 10");
        PangoFont *font = pango_font_map_load_font(map, ctx, desc);
        char *got = NULL;
        if (font) {
            PangoFontDescription *fd = pango_font_describe(font);
            got = g_strdup(pango_font_description_get_family(fd));
            pango_font_description_free(fd);
            g_object_unref(font);
        }
        CHECK_STR("pango resolves Charis SIL through fonts/", got, "Charis SIL");
        g_free(got);
        pango_font_description_free(desc);
        g_object_unref(ctx);
        g_object_unref(map);
    }
    FcConfigDestroy(c);
}

static void check_missing_file(void)
{
    char *dir = g_dir_make_tmp("folio-fonts-XXXXXX", NULL);
    char *conf = g_build_filename(dir, "fonts.conf", NULL);
    char *list = g_build_filename(dir, "fonts.list", NULL);
    char *copy = g_build_filename(dir, "Lato-Regular.ttf", NULL);
    char *cache = g_build_filename(dir, "cache", NULL);
    char *data = NULL;
    gsize len = 0;
    g_file_get_contents("fonts/fonts.conf", &data, &len, NULL);
    g_file_set_contents(conf, data ? data : "", (gssize)len, NULL);
    g_free(data);
    data = NULL;
    g_file_get_contents("fonts/Lato-Regular.ttf", &data, &len, NULL);
    g_file_set_contents(copy, data ? data : "", (gssize)len, NULL);
    g_free(data);
    g_file_set_contents(list,
                        "# test list\n"
                        "fonts-lato  truetype/lato/Lato-Regular.ttf  OFL-1.1\n"
                        "fonts-example  truetype/example/Absent-Regular.ttf  OFL-1.1\n",
                        -1, NULL);

    diag_list d;
    diag_list_init(&d);
    FcConfig *c = fonts_load_config(dir, &d);
    CHECK("missing font: no configuration", c == NULL);
    CHECK("missing font: one error", d.count == 1 && d.errors == 1);
    if (d.count >= 1) {
        char *got = diag_format(&d.items[0]);
        char *want = g_strdup_printf("%s:3:1: error: font file %s/Absent-Regular.ttf is missing: "
                                     "install the Debian package fonts-example and run "
                                     "scripts/copy-fonts.sh %s",
                                     list, dir, dir);
        CHECK_STR("missing font: error names the file and the package", got, want);
        g_free(want);
        free(got);
    }
    diag_list_free(&d);
    if (c)
        FcConfigDestroy(c);

    /* The same folder with only the present file listed loads, and sees
     * Lato but not Charis SIL: the system's fonts stay out. */
    g_file_set_contents(list, "fonts-lato  truetype/lato/Lato-Regular.ttf  OFL-1.1\n", -1,
                        NULL);
    diag_list_init(&d);
    c = fonts_load_config(dir, &d);
    CHECK("one-font folder loads", c != NULL && d.count == 0);
    CHECK("one-font folder has Lato", c && fonts_has_family(c, "Lato"));
    CHECK("one-font folder lacks Charis SIL", c && !fonts_has_family(c, "Charis SIL"));
    diag_list_free(&d);
    if (c)
        FcConfigDestroy(c);

    /* Clean up, including fontconfig's cache files. */
    GDir *cd = g_dir_open(cache, 0, NULL);
    const char *name;
    while (cd && (name = g_dir_read_name(cd))) {
        char *f = g_build_filename(cache, name, NULL);
        g_unlink(f);
        g_free(f);
    }
    if (cd)
        g_dir_close(cd);
    g_rmdir(cache);
    g_unlink(conf);
    g_unlink(list);
    g_unlink(copy);
    g_rmdir(dir);
    g_free(cache);
    g_free(copy);
    g_free(list);
    g_free(conf);
    g_free(dir);
}

static void check_no_list(void)
{
    char *dir = g_dir_make_tmp("folio-fonts-XXXXXX", NULL);
    diag_list d;
    diag_list_init(&d);
    FcConfig *c = fonts_load_config(dir, &d);
    CHECK("no fonts.list: no configuration", c == NULL);
    CHECK("no fonts.list: one error", d.count == 1 && d.errors == 1);
    diag_list_free(&d);
    g_rmdir(dir);
    g_free(dir);
}

int main(void)
{
    check_fonts_dir();
    check_missing_file();
    check_no_list();
    CHECK_DONE();
}
