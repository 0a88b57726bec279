/* test_picture.c - the picture pipeline on pictures made by
 * build/tools/mkimage: orientation, colour (Adobe RGB, CMYK), reduction,
 * encoding, and the refusal of a decompression bomb without decoding. */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

/* A check whose name says what was seen. */
#define CHECK_MSG(cond, ...) do { \
    char *name_ = g_strdup_printf(__VA_ARGS__); \
    CHECK(name_, cond); \
    g_free(name_); \
} while (0)
#define CHECK1(cond) CHECK(#cond, cond)
#include "picture.h"

static char *dir;

static char *make(const char *args, const char *name)
{
    char *path = g_build_filename(dir, name, NULL);
    char *cmd = g_strdup_printf("build/tools/mkimage %s %s", args, path);
    char *full = g_strdup_printf(cmd, path);
    int rc = system(full);
    g_free(cmd);
    g_free(full);
    CHECK1(rc == 0);
    return path;
}

/* The colour at (fx, fy) of the picture as seen (fractions). */
static void px_at(const picture_pixels *p, double fx, double fy, int rgb[3])
{
    int x = (int)(fx * (p->width - 1)), y = (int)(fy * (p->height - 1));
    const unsigned char *q = p->px + ((size_t)y * p->width + x) * p->channels;
    for (int i = 0; i < 3; i++)
        rgb[i] = q[i];
}

static bool reddish(const int c[3]) { return c[0] > 150 && c[1] < 90 && c[2] < 90; }
static bool bluish(const int c[3]) { return c[2] > 150 && c[2] > c[0]; }

static void decode_check(const char *path, int max_w, int max_h, int want_w, int want_h,
                         const char *what)
{
    picture_pixels p;
    char *why = NULL;
    bool ok = picture_decode(path, max_w, max_h, &p, &why);
    CHECK_MSG(ok, "%s: %s", what, why ? why : "");
    if (!ok)
        return;
    CHECK_MSG(p.width == want_w && p.height == want_h, "%s: %dx%d, want %dx%d", what, p.width,
              p.height, want_w, want_h);
    int tl[3], sky[3];
    px_at(&p, 0.02, 0.02, tl);
    px_at(&p, 0.3, 0.1, sky);
    CHECK_MSG(reddish(tl), "%s: the red block is top left (%d %d %d)", what, tl[0], tl[1], tl[2]);
    CHECK_MSG(bluish(sky), "%s: the sky is blue at the top (%d %d %d)", what, sky[0], sky[1],
              sky[2]);
    picture_pixels_clear(&p);
}

int main(void)
{
    dir = g_dir_make_tmp("folio-picture-XXXXXX", NULL);
    char *plain = make("jpeg %s 1200 800", "plain.jpg");
    char *rot6 = make("jpeg %s 600 800 orientation=6", "rot6.jpg");
    char *rot3 = make("jpeg %s 600 400 orientation=3", "rot3.jpg");
    char *rot8 = make("jpeg %s 600 800 orientation=8", "rot8.jpg");
    char *adobe = make("jpeg %s 600 400 icc=adobe", "adobe.jpg");
    char *cmyk = make("jpeg %s 600 400 cmyk", "cmyk.jpg");
    char *png = make("png %s 900 600", "p.png");
    char *alpha = make("png %s 300 200 alpha", "a.png");
    char *bomb = make("bomb %s 100000 100000", "bomb.png");

    picture_info pi;
    char *why = NULL;
    CHECK1(picture_probe(rot6, &pi, &why));
    CHECK_MSG(pi.width == 600 && pi.height == 800 && pi.orientation == 6,
              "orientation 6: seen %dx%d (stored %dx%d)", pi.width, pi.height, pi.stored_w,
              pi.stored_h);
    CHECK1(picture_probe(adobe, &pi, &why) && pi.icc && !picture_passes_through(&pi, 600, 400));
    CHECK1(picture_probe(cmyk, &pi, &why) && pi.cmyk);
    CHECK1(picture_probe(plain, &pi, &why) && picture_passes_through(&pi, 1200, 800));
    CHECK1(!picture_passes_through(&pi, 600, 400));
    CHECK1(picture_probe(alpha, &pi, &why) && pi.has_alpha);

    /* scaled decoding: 1200x800 to fit 300x200 */
    decode_check(plain, 300, 200, 300, 200, "plain reduced");
    decode_check(plain, 5000, 5000, 1200, 800, "plain never enlarged");
    decode_check(rot6, 600, 800, 600, 800, "orientation 6");
    decode_check(rot3, 600, 400, 600, 400, "orientation 3");
    decode_check(rot8, 300, 400, 300, 400, "orientation 8");
    decode_check(adobe, 600, 400, 600, 400, "Adobe RGB");
    decode_check(cmyk, 600, 400, 600, 400, "CMYK");
    decode_check(png, 450, 300, 450, 300, "PNG row by row");

    /* Adobe RGB converted: the same scene's sky differs from the plain one's */
    picture_pixels a, b;
    CHECK1(picture_decode(adobe, 600, 400, &a, &why));
    char *same = make("jpeg %s 600 400", "same.jpg");
    CHECK1(picture_decode(same, 600, 400, &b, &why));
    int ca[3], cb[3];
    px_at(&a, 0.1, 0.9, ca);
    px_at(&b, 0.1, 0.9, cb);
    CHECK_MSG(abs(ca[1] - cb[1]) > 4 || abs(ca[0] - cb[0]) > 4,
              "the Adobe RGB profile is applied (%d %d %d vs %d %d %d)", ca[0], ca[1], ca[2],
              cb[0], cb[1], cb[2]);
    size_t len = 0;
    unsigned char *jpeg = picture_encode_jpeg(&a, 85, &len);
    CHECK1(jpeg && len > 100 && jpeg[0] == 0xFF && jpeg[1] == 0xD8);
    g_free(jpeg);
    picture_pixels_clear(&a);
    picture_pixels_clear(&b);

    /* a bomb: refused by its header, nothing decoded */
    CHECK1(!picture_probe(bomb, &pi, &why));
    CHECK_MSG(why && strstr(why, "100000 x 100000"), "bomb: %s", why ? why : "");
    g_free(why);
    why = NULL;
    CHECK1(!picture_decode(bomb, 100, 100, &a, &why));
    g_free(why);

    char *paths[] = {plain, rot6, rot3, rot8, adobe, cmyk, png, alpha, bomb, same};
    for (size_t i = 0; i < G_N_ELEMENTS(paths); i++)
        g_free(paths[i]);
    char *cmd = g_strdup_printf("rm -rf %s", dir);
    CHECK1(system(cmd) == 0);
    g_free(cmd);
    g_free(dir);
    CHECK_DONE();
}
