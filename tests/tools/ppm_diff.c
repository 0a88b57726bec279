/* ppm_diff - how much two renders of one page differ (tests/t_renderers.py).
 *
 *   ppm_diff [-s N] A.ppm B.ppm [MASK.pgm]
 *
 * Prints the fraction of the common area's pixels that differ by more
 * than 64 levels in any channel, pixel by pixel, then the number of such
 * pixels and of all pixels.  MASK.pgm shows the differing pixels in black.
 *
 * -s N: A and B are renders at N times the resolution to compare at; each
 * is first reduced by averaging every N x N block into one pixel (a box
 * filter: coverage anti-aliasing with N x N samples, the same for every
 * renderer; see tests/t_renderers.py for why).  A partial block at the
 * right or bottom edge is dropped. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    im->px = NULL;
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
    int ok = im->px && max == 255 && im->w > 0 && im->h > 0 && fread(im->px, 1, n, f) == n;
    fclose(f);
    return ok;
}

/* Replaces im by its box-filtered reduction by n (n >= 1). */
static int shrink(image *im, int n)
{
    if (n <= 1)
        return 1;
    int w = im->w / n, h = im->h / n;
    if (w <= 0 || h <= 0)
        return 0;
    unsigned char *out = malloc((size_t)w * h * 3);
    if (!out)
        return 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            for (int c = 0; c < 3; c++) {
                long sum = 0;
                for (int dy = 0; dy < n; dy++) {
                    const unsigned char *row = im->px + ((size_t)(y * n + dy) * im->w + (size_t)x * n) * 3 + c;
                    for (int dx = 0; dx < n; dx++)
                        sum += row[dx * 3];
                }
                out[((size_t)y * w + x) * 3 + c] = (unsigned char)((sum + n * n / 2) / (n * n));
            }
    free(im->px);
    im->px = out;
    im->w = w;
    im->h = h;
    return 1;
}

static int close_px(const unsigned char *p, const unsigned char *q)
{
    for (int c = 0; c < 3; c++)
        if (abs(p[c] - q[c]) > 64)
            return 0;
    return 1;
}

int main(int argc, char **argv)
{
    image a = {0}, b = {0};
    int scale = 1, arg = 1;
    if (argc > 2 && strcmp(argv[1], "-s") == 0) {
        scale = atoi(argv[2]);
        arg = 3;
    }
    int rest = argc - arg;
    if (scale < 1 || rest < 2 || rest > 3 || !load(argv[arg], &a) || !load(argv[arg + 1], &b) ||
        !shrink(&a, scale) || !shrink(&b, scale)) {
        fprintf(stderr, "usage: ppm_diff [-s N] A.ppm B.ppm [MASK.pgm] (binary PPM, 8 bits)\n");
        free(a.px);
        free(b.px);
        return 2;
    }
    int w = a.w < b.w ? a.w : b.w, h = a.h < b.h ? a.h : b.h;
    FILE *mask = rest == 3 ? fopen(argv[arg + 2], "wb") : NULL;
    if (mask)
        fprintf(mask, "P5\n%d %d\n255\n", w, h);
    long bad = 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            int off = !close_px(a.px + ((size_t)y * a.w + x) * 3, b.px + ((size_t)y * b.w + x) * 3);
            bad += off;
            if (mask)
                fputc(off ? 0 : 255, mask);
        }
    if (mask)
        fclose(mask);
    printf("%.6f %ld %ld\n", (double)bad / ((double)w * h), bad, (long)w * h);
    free(a.px);
    free(b.px);
    return 0;
}
