/* ppm_diff - how much two renders of one page differ (tests/t_renderers.py).
 *
 *   ppm_diff A.ppm B.ppm [MASK.pgm]
 *
 * Prints two fractions of the common area's pixels that differ by more
 * than 64 levels in any channel: first pixel by pixel, then with two
 * pixels of play: a pixel counts only when it is more than 64 levels
 * outside the range of the other render's pixels within two pixels of it
 * (either way round).  That forgives a glyph or an edge rasterised a
 * pixel or two over or blended differently, not a missing, moved or
 * miscoloured object: where one render has ink and the other none within
 * two pixels, the inked pixels count.  MASK.pgm shows the second kind in black. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Pixels of play (see above). */
#define PLAY 2

typedef struct {
    int w, h;
    unsigned char *px;
} image;

static int field(FILE *f)
{
    int c, v = 0;
    while ((c = fgetc(f)) != EOF) {
        if (c == '#')
            while ((c = fgetc(f)) != EOF && c != '\n')
                ;
        else if (c > ' ')
            break;
    }
    while (c >= '0' && c <= '9') {
        v = v * 10 + (c - '0');
        c = fgetc(f);
    }
    return v;
}

static int load(const char *path, image *im)
{
    FILE *f = fopen(path, "rb");
    if (!f || fgetc(f) != 'P' || fgetc(f) != '6') {
        if (f)
            fclose(f);
        return 0;
    }
    im->w = field(f);
    im->h = field(f);
    int max = field(f);
    size_t n = (size_t)im->w * (size_t)im->h * 3;
    im->px = malloc(n ? n : 1);
    int ok = max == 255 && im->w > 0 && im->h > 0 && fread(im->px, 1, n, f) == n;
    fclose(f);
    return ok;
}

static int close_px(const unsigned char *p, const unsigned char *q)
{
    for (int c = 0; c < 3; c++)
        if (abs(p[c] - q[c]) > 64)
            return 0;
    return 1;
}

/* Is a's pixel (x, y) within 64 levels of the range of values that b
 * has within PLAY pixels of it, in every channel?  An edge that one
 * renderer blends (anti-aliasing) and the other does not lies between
 * the two sides' values; a missing object does not. */
static int matched(const image *a, const image *b, int x, int y, int w, int h)
{
    const unsigned char *p = a->px + ((size_t)y * a->w + x) * 3;
    int lo[3] = {255, 255, 255}, hi[3] = {0, 0, 0};
    for (int dy = -PLAY; dy <= PLAY; dy++)
        for (int dx = -PLAY; dx <= PLAY; dx++) {
            int yy = y + dy, xx = x + dx;
            if (yy < 0 || xx < 0 || yy >= h || xx >= w)
                continue;
            const unsigned char *q = b->px + ((size_t)yy * b->w + xx) * 3;
            for (int c = 0; c < 3; c++) {
                if (q[c] < lo[c])
                    lo[c] = q[c];
                if (q[c] > hi[c])
                    hi[c] = q[c];
            }
        }
    for (int c = 0; c < 3; c++)
        if (p[c] < lo[c] - 64 || p[c] > hi[c] + 64)
            return 0;
    return 1;
}

static double tolerant(const image *a, const image *b, int w, int h, FILE *mask)
{
    long bad = 0;
    if (mask)
        fprintf(mask, "P5\n%d %d\n255\n", w, h);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            int off = !matched(a, b, x, y, w, h) || !matched(b, a, x, y, w, h);
            bad += off;
            if (mask)
                fputc(off ? 0 : 255, mask);
        }
    return (double)bad / ((double)w * h);
}

static double differ(const unsigned char *a, int wa, const unsigned char *b, int wb, int w, int h)
{
    long bad = 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            const unsigned char *p = a + ((size_t)y * wa + x) * 3, *q = b + ((size_t)y * wb + x) * 3;
            bad += !close_px(p, q);
        }
    return (double)bad / ((double)w * h);
}

int main(int argc, char **argv)
{
    image a, b;
    if (argc < 3 || argc > 4 || !load(argv[1], &a) || !load(argv[2], &b)) {
        fprintf(stderr, "usage: ppm_diff A.ppm B.ppm [MASK.pgm] (binary PPM, 8 bits)\n");
        return 2;
    }
    int w = a.w < b.w ? a.w : b.w, h = a.h < b.h ? a.h : b.h;
    FILE *mask = argc == 4 ? fopen(argv[3], "wb") : NULL;
    double raw = differ(a.px, a.w, b.px, b.w, w, h);
    double play = tolerant(&a, &b, w, h, mask);
    if (mask)
        fclose(mask);
    printf("%.6f %.6f\n", raw, play);
    free(a.px);
    free(b.px);
    return 0;
}
