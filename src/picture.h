/* picture.h - photos as they come from cameras and agencies, read in
 * bounded memory and brought to the size an edition needs.
 *
 * Both backends use it: the PDF at the resolution of its edition (screen
 * or press), the EPUB at a size for screens.  Nothing here ever holds a
 * large picture at full size:
 *   - a JPEG is decoded with libjpeg's scaled decoding (1/2, 1/4, 1/8)
 *     to the smallest size that is still at least the size asked for;
 *   - a PNG is read row by row with libpng;
 *   - rows are averaged down to the size asked for as they arrive.
 * Colour comes out as sRGB: an embedded ICC profile (Adobe RGB, a CMYK
 * press profile) is converted with LittleCMS; CMYK without a profile is
 * converted naively.  EXIF orientation is applied, so width and height
 * here are always as the picture is seen. */
#ifndef FOLIO_PICTURE_H
#define FOLIO_PICTURE_H

#include <stdbool.h>
#include <stddef.h>

/* Pictures larger than this are refused (a 100 MP medium-format photo
 * passes; a PNG that declares 100,000 x 100,000 pixels does not). */
#define PICTURE_MAX_PIXELS (200L * 1000 * 1000)
/* What libjpeg may allocate for one decode (a progressive JPEG needs its
 * coefficients at full size; beyond this it is refused, not swapped). */
#define PICTURE_JPEG_MAX_MEMORY (192L * 1024 * 1024)
/* The largest progressive JPEG accepted (its coefficients, about 3 bytes a
 * pixel, must fit in PICTURE_JPEG_MAX_MEMORY). */
#define PICTURE_MAX_PROGRESSIVE_MP 60

typedef struct {
    int width, height;        /* as seen: after EXIF orientation */
    int stored_w, stored_h;   /* as stored in the file */
    bool is_jpeg;
    bool has_alpha;           /* PNG with transparency */
    bool cmyk;                /* a CMYK or YCCK JPEG */
    bool icc;                 /* an embedded ICC profile */
    bool progressive;         /* progressive JPEG or interlaced PNG */
    int orientation;          /* EXIF 1..8 (1 = as stored) */
} picture_info;

/* The facts of a picture file from its headers; no pixels are decoded.
 * On failure returns false with *why (owned, g_free) set. */
bool picture_probe(const char *path, picture_info *out, char **why);

/* Decoded pixels: RGB (3 channels) or, for a PNG with alpha, RGBA (4,
 * not premultiplied), rows of width*channels bytes, sRGB. */
typedef struct {
    int width, height, channels;
    unsigned char *px;        /* owned: g_free */
} picture_pixels;

/* Decodes path as seen (oriented) and reduced so that it is no larger than
 * needed for max_w x max_h (the picture keeps its proportions; it is never
 * enlarged: a smaller picture comes out at its own size).  Peak memory is
 * about the output's size plus one source row. */
bool picture_decode(const char *path, int max_w, int max_h, picture_pixels *out, char **why);
void picture_pixels_clear(picture_pixels *p);

/* Encodes RGB pixels as a baseline JPEG at quality 1..100 (alpha, if any,
 * is dropped onto white).  Returns g_malloc'd bytes. */
unsigned char *picture_encode_jpeg(const picture_pixels *p, int quality, size_t *len);
/* Encodes pixels as PNG (RGB or RGBA).  Returns g_malloc'd bytes. */
unsigned char *picture_encode_png(const picture_pixels *p, size_t *len);

/* A PNG in memory (a rendered page) as a JPEG at quality; NULL on error.
 * Returns g_malloc'd bytes. */
unsigned char *picture_png_to_jpeg(const unsigned char *png, size_t len, int quality,
                                   size_t *out_len);

/* The bytes of the picture at path made for screens: no edge longer than
 * edge pixels, sRGB, upright.  A JPEG that needs nothing is returned as it
 * is; others are re-encoded (JPEG at quality; PNG when the source is a PNG).
 * *media_type is "image/jpeg" or "image/png".  NULL with *why on error. */
unsigned char *picture_for_screen(const char *path, int edge, int quality, size_t *len,
                                  const char **media_type, char **why);

/* The pixel size at which a picture shown w_pt x h_pt points large has
 * ppi pixels per inch (rounded up; at least 1). */
void picture_size_for(double w_pt, double h_pt, double ppi, int *w_px, int *h_px);

/* May the file go into an output as it is?  Only a JPEG that needs no
 * reduction to fit max_w x max_h, is already in RGB or grey, has no
 * profile to convert and no orientation to apply. */
bool picture_passes_through(const picture_info *pi, int max_w, int max_h);

/* Effective resolution of a picture (as seen) placed w_pt wide:
 * pixels per inch along its width. */
double picture_effective_ppi(const picture_info *pi, double w_pt, double h_pt);

#endif
