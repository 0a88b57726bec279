/* mkimage.c - test pictures made at test time, so no megabytes are kept
 * in the repository.
 *
 *   mkimage jpeg OUT W H [orientation=N] [icc=adobe] [cmyk] [quality=Q] [progressive]
 *   mkimage png  OUT W H [alpha] [interlace]
 *   mkimage bomb OUT W H     a small PNG that declares W x H pixels
 *
 * The picture is a landscape (sky, sun, hills) with a red block in its
 * top-left corner as seen, so a test can tell whether the orientation was
 * honoured.  With orientation=N the pixels are stored turned so that a
 * reader that applies the EXIF tag sees the same picture. */
#include <glib.h>
#include <stdio.h>
#include <jpeglib.h>
#include <lcms2.h>
#include <math.h>
#include <png.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static void scene(int x, int y, int w, int h, unsigned char *rgb)
{
    double u = (double)x / w, v = (double)y / h;
    double hill = 0.62 + 0.08 * sin(u * 9.0) + 0.04 * sin(u * 23.0 + 1.0);
    double r, g, b;
    if (v < hill) {
        r = 0.35 + 0.5 * v;
        g = 0.55 + 0.35 * v;
        b = 0.9;
        double dx = u - 0.7, dy = (v - 0.25) * h / w;
        if (dx * dx + dy * dy < 0.006)
            r = 1.0, g = 0.85, b = 0.3;
    } else {
        r = 0.2;
        g = 0.45 + 0.2 * sin(u * 40.0) * (v - hill);
        b = 0.2;
    }
    /* fine stripes in the hills: sharpness shows */
    if (v > hill && ((x / 3) % 2) == 0)
        g *= 0.9;
    if (u < 0.08 && v < 0.08 * w / h)
        r = 0.85, g = 0.1, b = 0.1;
    rgb[0] = (unsigned char)(fmin(r, 1) * 255);
    rgb[1] = (unsigned char)(fmin(g, 1) * 255);
    rgb[2] = (unsigned char)(fmin(b, 1) * 255);
}

/* The stored pixel (sx, sy) of a picture seen as W x H with orientation o. */
static void seen_from_stored(int o, int sx, int sy, int sw, int sh, int *dx, int *dy)
{
    switch (o) {
    case 3: *dx = sw - 1 - sx; *dy = sh - 1 - sy; break;
    case 6: *dx = sh - 1 - sy; *dy = sx; break;
    case 8: *dx = sy; *dy = sw - 1 - sx; break;
    default: *dx = sx; *dy = sy; break;
    }
}

static void exif_orientation(j_compress_ptr c, int o)
{
    unsigned char e[] = {'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1,
                         0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (unsigned char)o, 0, 0, 0, 0, 0, 0};
    jpeg_write_marker(c, JPEG_APP0 + 1, e, sizeof e);
}

static void adobe_icc(j_compress_ptr c)
{
    /* Adobe RGB (1998): its primaries and gamma 2.2 */
    cmsCIExyY wp = {0.3127, 0.3290, 1.0};
    cmsCIExyYTRIPLE prim = {{0.64, 0.33, 1.0}, {0.21, 0.71, 1.0}, {0.15, 0.06, 1.0}};
    cmsToneCurve *g = cmsBuildGamma(NULL, 2.19921875);
    cmsToneCurve *curves[3] = {g, g, g};
    cmsHPROFILE p = cmsCreateRGBProfile(&wp, &prim, curves);
    cmsUInt32Number n = 0;
    cmsSaveProfileToMem(p, NULL, &n);
    unsigned char *buf = malloc(n);
    cmsSaveProfileToMem(p, buf, &n);
    jpeg_write_icc_profile(c, buf, n);
    free(buf);
    cmsCloseProfile(p);
    cmsFreeToneCurve(g);
}

static int make_jpeg(const char *out, int w, int h, int argc, char **argv)
{
    int orient = 1, quality = 90;
    bool adobe = false, cmyk = false, prog = false;
    for (int i = 0; i < argc; i++) {
        if (!strncmp(argv[i], "orientation=", 12))
            orient = atoi(argv[i] + 12);
        else if (!strncmp(argv[i], "quality=", 8))
            quality = atoi(argv[i] + 8);
        else if (!strcmp(argv[i], "icc=adobe"))
            adobe = true;
        else if (!strcmp(argv[i], "cmyk"))
            cmyk = true;
        else if (!strcmp(argv[i], "progressive"))
            prog = true;
    }
    int sw = (orient == 6 || orient == 8) ? h : w, sh = (orient == 6 || orient == 8) ? w : h;
    FILE *f = fopen(out, "wb");
    if (!f)
        return 1;
    struct jpeg_compress_struct c;
    struct jpeg_error_mgr e;
    c.err = jpeg_std_error(&e);
    jpeg_create_compress(&c);
    jpeg_stdio_dest(&c, f);
    c.image_width = (JDIMENSION)sw;
    c.image_height = (JDIMENSION)sh;
    c.input_components = cmyk ? 4 : 3;
    c.in_color_space = cmyk ? JCS_CMYK : JCS_RGB;
    jpeg_set_defaults(&c);
    jpeg_set_quality(&c, quality, TRUE);
    if (prog)
        jpeg_simple_progression(&c);
    jpeg_start_compress(&c, TRUE);
    if (orient != 1)
        exif_orientation(&c, orient);
    if (adobe)
        adobe_icc(&c);
    unsigned char *row = malloc((size_t)sw * 4);
    for (int sy = 0; sy < sh; sy++) {
        for (int sx = 0; sx < sw; sx++) {
            int dx, dy;
            seen_from_stored(orient, sx, sy, sw, sh, &dx, &dy);
            unsigned char rgb[3];
            scene(dx, dy, w, h, rgb);
            if (cmyk) {
                /* stored inverted, as Photoshop does (libjpeg writes the
                 * Adobe marker that says so) */
                int k = 255 - MAX(rgb[0], MAX(rgb[1], rgb[2]));
                int d = 255 - k;
                unsigned char *p = row + 4 * sx;
                p[0] = (unsigned char)(255 - (d ? (d - rgb[0]) * 255 / d : 0));
                p[1] = (unsigned char)(255 - (d ? (d - rgb[1]) * 255 / d : 0));
                p[2] = (unsigned char)(255 - (d ? (d - rgb[2]) * 255 / d : 0));
                p[3] = (unsigned char)(255 - k);
            } else {
                memcpy(row + 3 * sx, rgb, 3);
            }
        }
        JSAMPROW rows[1] = {row};
        jpeg_write_scanlines(&c, rows, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    free(row);
    fclose(f);
    return 0;
}

static int make_png(const char *out, int w, int h, int argc, char **argv)
{
    bool alpha = false, interlace = false;
    for (int i = 0; i < argc; i++) {
        alpha |= !strcmp(argv[i], "alpha");
        interlace |= !strcmp(argv[i], "interlace");
    }
    FILE *f = fopen(out, "wb");
    if (!f)
        return 1;
    png_structp p = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(p);
    png_init_io(p, f);
    int ch = alpha ? 4 : 3;
    png_set_IHDR(p, info, (png_uint_32)w, (png_uint_32)h, 8,
                 alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB,
                 interlace ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(p, 3);
    png_write_info(p, info);
    unsigned char *row = malloc((size_t)w * ch);
    int passes = interlace ? png_set_interlace_handling(p) : 1;
    for (int pass = 0; pass < passes; pass++) {
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                scene(x, y, w, h, row + (size_t)ch * x);
                if (alpha)
                    row[(size_t)ch * x + 3] = (unsigned char)(255 * x / (w > 1 ? w - 1 : 1));
            }
            png_write_row(p, row);
        }
    }
    png_write_end(p, info);
    png_destroy_write_struct(&p, &info);
    free(row);
    fclose(f);
    return 0;
}

static void put_chunk(FILE *f, const char *type, const unsigned char *data, unsigned long n)
{
    unsigned char len[4] = {n >> 24, n >> 16, n >> 8, n};
    fwrite(len, 1, 4, f);
    fwrite(type, 1, 4, f);
    if (n)
        fwrite(data, 1, n, f);
    unsigned long crc = crc32(0, (const unsigned char *)type, 4);
    crc = crc32(crc, data, (uInt)n);
    unsigned char c[4] = {crc >> 24, crc >> 16, crc >> 8, crc};
    fwrite(c, 1, 4, f);
}

/* A decompression bomb: the header declares W x H; the data is a deflate
 * stream of zeros (what a real bomb holds, highly compressible) cut at
 * about 100 KB. */
static int make_bomb(const char *out, unsigned long w, unsigned long h)
{
    FILE *f = fopen(out, "wb");
    if (!f)
        return 1;
    fwrite("\x89PNG\r\n\x1a\n", 1, 8, f);
    unsigned char ihdr[13] = {w >> 24, w >> 16, w >> 8, w, h >> 24, h >> 16, h >> 8, h,
                              8, 2, 0, 0, 0};
    put_chunk(f, "IHDR", ihdr, 13);
    size_t raw = 100L * 1000 * 1000;
    unsigned char *zeros = calloc(1, raw);
    uLongf clen = compressBound(raw);
    unsigned char *z = malloc(clen);
    compress2(z, &clen, zeros, raw, 9);
    /* repeat the stream's body to about 100 KB */
    unsigned long target = 100 * 1024;
    unsigned char *idat = malloc(target);
    for (unsigned long i = 0; i < target; i++)
        idat[i] = z[i % clen];
    put_chunk(f, "IDAT", idat, target);
    put_chunk(f, "IEND", NULL, 0);
    free(zeros);
    free(z);
    free(idat);
    fclose(f);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: mkimage jpeg|png|bomb OUT W H [options]\n");
        return 2;
    }
    int w = atoi(argv[3]), h = atoi(argv[4]);
    if (!strcmp(argv[1], "jpeg"))
        return make_jpeg(argv[2], w, h, argc - 5, argv + 5);
    if (!strcmp(argv[1], "png"))
        return make_png(argv[2], w, h, argc - 5, argv + 5);
    if (!strcmp(argv[1], "bomb"))
        return make_bomb(argv[2], strtoul(argv[3], NULL, 10), strtoul(argv[4], NULL, 10));
    return 2;
}
