/* picture.c - bounded-memory decoding, colour, orientation, reduction and
 * encoding of photos (see picture.h). */
#include "picture.h"

#include <glib.h>
#include <stdio.h> /* before jpeglib.h, which uses FILE */
#include <jpeglib.h>
#include <lcms2.h>
#include <math.h>
#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* EXIF orientation                                                    */
/* ------------------------------------------------------------------ */

static unsigned rd16(const unsigned char *p, bool le)
{
    return le ? (unsigned)p[0] | (unsigned)p[1] << 8 : (unsigned)p[0] << 8 | p[1];
}

static unsigned long rd32(const unsigned char *p, bool le)
{
    return le ? (unsigned long)rd16(p, le) | (unsigned long)rd16(p + 2, le) << 16
              : (unsigned long)rd16(p, le) << 16 | rd16(p + 2, le);
}

/* The orientation tag (0x0112) of IFD0 of a TIFF structure; 1 if none. */
static int tiff_orientation(const unsigned char *t, size_t n)
{
    if (n < 8 || !((t[0] == 'I' && t[1] == 'I') || (t[0] == 'M' && t[1] == 'M')))
        return 1;
    bool le = t[0] == 'I';
    unsigned long ifd = rd32(t + 4, le);
    if (ifd + 2 > n)
        return 1;
    unsigned count = rd16(t + ifd, le);
    for (unsigned i = 0; i < count; i++) {
        size_t e = ifd + 2 + (size_t)i * 12;
        if (e + 12 > n)
            break;
        if (rd16(t + e, le) == 0x0112) {
            unsigned v = rd16(t + e + 8, le);
            return v >= 1 && v <= 8 ? (int)v : 1;
        }
    }
    return 1;
}

static bool swaps_axes(int orientation) { return orientation >= 5 && orientation <= 8; }

/* The picture as seen: out (dims swapped for 5..8) from in. */
static void apply_orientation(picture_pixels *p, int o)
{
    if (o <= 1 || o > 8)
        return;
    int W = p->width, H = p->height, ch = p->channels;
    int ow = swaps_axes(o) ? H : W, oh = swaps_axes(o) ? W : H;
    unsigned char *out = g_malloc((size_t)ow * oh * ch);
    for (int dy = 0; dy < oh; dy++) {
        for (int dx = 0; dx < ow; dx++) {
            int sx, sy;
            switch (o) {
            case 2: sx = W - 1 - dx; sy = dy; break;
            case 3: sx = W - 1 - dx; sy = H - 1 - dy; break;
            case 4: sx = dx; sy = H - 1 - dy; break;
            case 5: sx = dy; sy = dx; break;
            case 6: sx = dy; sy = H - 1 - dx; break;
            case 7: sx = W - 1 - dy; sy = H - 1 - dx; break;
            default: sx = W - 1 - dy; sy = dx; break; /* 8 */
            }
            memcpy(out + ((size_t)dy * ow + dx) * ch, p->px + ((size_t)sy * W + sx) * ch, ch);
        }
    }
    g_free(p->px);
    p->px = out;
    p->width = ow;
    p->height = oh;
}

/* ------------------------------------------------------------------ */
/* Row-by-row reduction: a box filter, each source row averaged into     */
/* the output row it falls in as it arrives                             */
/* ------------------------------------------------------------------ */

typedef struct {
    int in_w, in_h, out_w, out_h, ch;
    uint64_t *acc;      /* one output row of sums */
    int *xmap;          /* source column -> output column */
    int *xcount;        /* source columns per output column */
    int cur, rows;      /* output row being summed, source rows in it */
    unsigned char *out;
} reducer;

static void reducer_init(reducer *r, int in_w, int in_h, int out_w, int out_h, int ch)
{
    memset(r, 0, sizeof *r);
    r->in_w = in_w;
    r->in_h = in_h;
    r->out_w = out_w;
    r->out_h = out_h;
    r->ch = ch;
    r->acc = g_new0(uint64_t, (size_t)out_w * ch);
    r->xmap = g_new(int, in_w);
    r->xcount = g_new0(int, out_w);
    for (int x = 0; x < in_w; x++) {
        r->xmap[x] = (int)((int64_t)x * out_w / in_w);
        r->xcount[r->xmap[x]]++;
    }
    r->out = g_malloc((size_t)out_w * out_h * ch);
}

static void reducer_flush(reducer *r)
{
    if (r->rows == 0)
        return;
    unsigned char *o = r->out + (size_t)r->cur * r->out_w * r->ch;
    for (int x = 0; x < r->out_w; x++) {
        uint64_t n = (uint64_t)r->xcount[x] * r->rows;
        for (int c = 0; c < r->ch; c++) {
            uint64_t *a = &r->acc[(size_t)x * r->ch + c];
            o[(size_t)x * r->ch + c] = n ? (unsigned char)((*a + n / 2) / n) : 0;
            *a = 0;
        }
    }
    r->rows = 0;
}

static void reducer_row(reducer *r, int y, const unsigned char *row)
{
    int oy = (int)((int64_t)y * r->out_h / r->in_h);
    if (oy != r->cur) {
        reducer_flush(r);
        r->cur = oy;
    }
    for (int x = 0; x < r->in_w; x++) {
        uint64_t *a = &r->acc[(size_t)r->xmap[x] * r->ch];
        for (int c = 0; c < r->ch; c++)
            a[c] += row[(size_t)x * r->ch + c];
    }
    r->rows++;
}

static unsigned char *reducer_finish(reducer *r)
{
    reducer_flush(r);
    g_free(r->acc);
    g_free(r->xmap);
    g_free(r->xcount);
    return r->out;
}

static void reducer_abandon(reducer *r)
{
    g_free(r->acc);
    g_free(r->xmap);
    g_free(r->xcount);
    g_free(r->out);
}

/* The output size for in_w x in_h to cover max_w x max_h, never larger
 * than the input. */
static void reduced_size(int in_w, int in_h, int max_w, int max_h, int *w, int *h)
{
    double s = 1.0;
    if (max_w > 0 && max_h > 0) {
        s = fmax((double)max_w / in_w, (double)max_h / in_h);
        if (s > 1.0)
            s = 1.0;
    }
    *w = (int)ceil(in_w * s - 1e-9);
    *h = (int)ceil(in_h * s - 1e-9);
    if (*w < 1)
        *w = 1;
    if (*h < 1)
        *h = 1;
}

/* ------------------------------------------------------------------ */
/* Colour                                                               */
/* ------------------------------------------------------------------ */

/* A transform from an embedded profile to sRGB, or NULL (no profile, a
 * profile of the wrong colour space, or one LittleCMS cannot read). */
static cmsHTRANSFORM icc_transform(const unsigned char *icc, size_t len, bool cmyk, bool inverted)
{
    if (!icc || len < 128)
        return NULL;
    cmsHPROFILE src = cmsOpenProfileFromMem(icc, (cmsUInt32Number)len);
    if (!src)
        return NULL;
    cmsColorSpaceSignature cs = cmsGetColorSpace(src);
    cmsHTRANSFORM t = NULL;
    if ((cmyk && cs == cmsSigCmykData) || (!cmyk && cs == cmsSigRgbData)) {
        cmsHPROFILE srgb = cmsCreate_sRGBProfile();
        cmsUInt32Number fmt = cmyk ? (inverted ? TYPE_CMYK_8_REV : TYPE_CMYK_8) : TYPE_RGB_8;
        t = cmsCreateTransform(src, fmt, srgb, TYPE_RGB_8, INTENT_PERCEPTUAL,
                               cmsFLAGS_BLACKPOINTCOMPENSATION);
        cmsCloseProfile(srgb);
    }
    cmsCloseProfile(src);
    return t;
}

/* CMYK without a profile: the naive conversion, so the picture is at
 * least recognisable.  Adobe's CMYK JPEGs store the channels inverted. */
static void cmyk_naive(const unsigned char *in, unsigned char *out, int n, bool inverted)
{
    for (int i = 0; i < n; i++) {
        int c = in[4 * i], m = in[4 * i + 1], y = in[4 * i + 2], k = in[4 * i + 3];
        if (!inverted) {
            c = 255 - c;
            m = 255 - m;
            y = 255 - y;
            k = 255 - k;
        }
        out[3 * i] = (unsigned char)(c * k / 255);
        out[3 * i + 1] = (unsigned char)(m * k / 255);
        out[3 * i + 2] = (unsigned char)(y * k / 255);
    }
}

/* ------------------------------------------------------------------ */
/* JPEG                                                                 */
/* ------------------------------------------------------------------ */

typedef struct {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
    char msg[JMSG_LENGTH_MAX];
} jpeg_err;

static void jpeg_fail(j_common_ptr c)
{
    jpeg_err *e = (jpeg_err *)c->err;
    c->err->format_message(c, e->msg);
    longjmp(e->jump, 1);
}

static void jpeg_quiet(j_common_ptr c, int level) { (void)c; (void)level; }

static int jpeg_exif_orientation(j_decompress_ptr d)
{
    for (jpeg_saved_marker_ptr m = d->marker_list; m; m = m->next)
        if (m->marker == JPEG_APP0 + 1 && m->data_length > 14 && !memcmp(m->data, "Exif\0\0", 6))
            return tiff_orientation(m->data + 6, m->data_length - 6);
    return 1;
}

/* Opens f for decoding with the EXIF and ICC markers kept. */
static void jpeg_open(struct jpeg_decompress_struct *d, FILE *f)
{
    jpeg_stdio_src(d, f);
    jpeg_save_markers(d, JPEG_APP0 + 1, 0xFFFF);
    jpeg_save_markers(d, JPEG_APP0 + 2, 0xFFFF);
    jpeg_read_header(d, TRUE);
}

static bool jpeg_probe(FILE *f, picture_info *pi, char **why)
{
    struct jpeg_decompress_struct d;
    jpeg_err e;
    d.err = jpeg_std_error(&e.pub);
    e.pub.error_exit = jpeg_fail;
    e.pub.emit_message = jpeg_quiet;
    if (setjmp(e.jump)) {
        *why = g_strdup_printf("JPEG cannot be read: %s", e.msg);
        jpeg_destroy_decompress(&d);
        return false;
    }
    jpeg_create_decompress(&d);
    jpeg_open(&d, f);
    pi->is_jpeg = true;
    pi->stored_w = (int)d.image_width;
    pi->stored_h = (int)d.image_height;
    pi->cmyk = d.jpeg_color_space == JCS_CMYK || d.jpeg_color_space == JCS_YCCK;
    pi->progressive = jpeg_has_multiple_scans(&d);
    JOCTET *icc = NULL;
    unsigned int icc_len = 0;
    if (jpeg_read_icc_profile(&d, &icc, &icc_len)) {
        pi->icc = true;
        free(icc);
    }
    pi->orientation = jpeg_exif_orientation(&d);
    jpeg_destroy_decompress(&d);
    return true;
}

/* Everything a JPEG decode owns, so the error path frees it all. */
typedef struct {
    struct jpeg_decompress_struct d;
    jpeg_err e;
    reducer r;
    bool have_r;
    unsigned char *row, *rgb;
    cmsHTRANSFORM xf;
} jpeg_job;

static void jpeg_job_free(jpeg_job *j, bool abandon)
{
    jpeg_destroy_decompress(&j->d);
    if (j->have_r && abandon)
        reducer_abandon(&j->r);
    g_free(j->row);
    g_free(j->rgb);
    if (j->xf)
        cmsDeleteTransform(j->xf);
}

static bool jpeg_decode(FILE *f, const picture_info *pi, int max_w, int max_h, picture_pixels *out,
                        char **why)
{
    jpeg_job *j = g_new0(jpeg_job, 1);
    j->d.err = jpeg_std_error(&j->e.pub);
    j->e.pub.error_exit = jpeg_fail;
    j->e.pub.emit_message = jpeg_quiet;
    if (setjmp(j->e.jump)) {
        *why = g_strdup_printf("JPEG cannot be decoded: %s", j->e.msg);
        jpeg_job_free(j, true);
        g_free(j);
        return false;
    }
    struct jpeg_decompress_struct *d = &j->d;
    jpeg_create_decompress(d);
    d->mem->max_memory_to_use = PICTURE_JPEG_MAX_MEMORY;
    jpeg_open(d, f);
    /* the target in stored orientation */
    int tw = swaps_axes(pi->orientation) ? max_h : max_w;
    int th = swaps_axes(pi->orientation) ? max_w : max_h;
    int want_w, want_h;
    reduced_size((int)d->image_width, (int)d->image_height, tw, th, &want_w, &want_h);
    /* the largest reduction libjpeg can do that still gives enough pixels */
    d->scale_num = 1;
    d->scale_denom = 1;
    for (unsigned den = 8; den > 1; den /= 2) {
        if ((int)((d->image_width + den - 1) / den) >= want_w &&
            (int)((d->image_height + den - 1) / den) >= want_h) {
            d->scale_denom = den;
            break;
        }
    }
    bool cmyk = d->jpeg_color_space == JCS_CMYK || d->jpeg_color_space == JCS_YCCK;
    bool inverted = cmyk && d->saw_Adobe_marker;
    d->out_color_space = cmyk ? JCS_CMYK : JCS_RGB;
    JOCTET *icc = NULL;
    unsigned int icc_len = 0;
    if (jpeg_read_icc_profile(d, &icc, &icc_len)) {
        j->xf = icc_transform(icc, icc_len, cmyk, inverted);
        free(icc);
    }
    jpeg_start_decompress(d);
    /* the size chosen above, from what the scaled decoding gives */
    int ow = (int)d->output_width, oh = (int)d->output_height;
    int outw = want_w < ow ? want_w : ow, outh = want_h < oh ? want_h : oh;
    reducer_init(&j->r, ow, oh, outw, outh, 3);
    j->have_r = true;
    j->row = g_malloc((size_t)ow * d->output_components);
    j->rgb = g_malloc((size_t)ow * 3);
    while (d->output_scanline < d->output_height) {
        int y = (int)d->output_scanline;
        JSAMPROW rows[1] = {j->row};
        jpeg_read_scanlines(d, rows, 1);
        const unsigned char *src = j->row;
        if (cmyk) {
            if (j->xf)
                cmsDoTransform(j->xf, j->row, j->rgb, (cmsUInt32Number)ow);
            else
                cmyk_naive(j->row, j->rgb, ow, inverted);
            src = j->rgb;
        } else if (j->xf) {
            cmsDoTransform(j->xf, j->row, j->rgb, (cmsUInt32Number)ow);
            src = j->rgb;
        }
        reducer_row(&j->r, y, src);
    }
    jpeg_finish_decompress(d);
    out->width = outw;
    out->height = outh;
    out->channels = 3;
    out->px = reducer_finish(&j->r);
    j->have_r = false;
    jpeg_job_free(j, false);
    g_free(j);
    return true;
}

/* ------------------------------------------------------------------ */
/* PNG                                                                  */
/* ------------------------------------------------------------------ */

/* Interlaced PNGs cannot be read row by row: only small ones are read. */
#define PNG_MAX_INTERLACED_PIXELS (16L * 1000 * 1000)

typedef struct {
    jmp_buf jump;
    char msg[200];
    png_structp p;
    png_infop info;
    reducer r;
    bool have_r;
    unsigned char *row, *rgb, *whole;
    cmsHTRANSFORM xf;
} png_job;

static void png_fail(png_structp p, png_const_charp msg)
{
    png_job *j = png_get_error_ptr(p);
    g_strlcpy(j->msg, msg, sizeof j->msg);
    longjmp(j->jump, 1);
}

static void png_quiet(png_structp p, png_const_charp msg) { (void)p; (void)msg; }

static void png_job_free(png_job *j, bool abandon)
{
    png_destroy_read_struct(&j->p, &j->info, NULL);
    if (j->have_r && abandon)
        reducer_abandon(&j->r);
    g_free(j->row);
    g_free(j->rgb);
    g_free(j->whole);
    if (j->xf)
        cmsDeleteTransform(j->xf);
    g_free(j);
}

/* Reads the header into pi; with decode, also the pixels into out. */
static bool png_run(FILE *f, bool decode, picture_info *pi, int max_w, int max_h,
                    picture_pixels *out, char **why)
{
    png_job *j = g_new0(png_job, 1);
    j->p = png_create_read_struct(PNG_LIBPNG_VER_STRING, j, png_fail, png_quiet);
    j->info = j->p ? png_create_info_struct(j->p) : NULL;
    if (!j->info) {
        *why = g_strdup("PNG: out of memory");
        png_job_free(j, true);
        return false;
    }
    if (setjmp(j->jump)) {
        *why = g_strdup_printf("PNG cannot be read: %s", j->msg);
        png_job_free(j, true);
        return false;
    }
    png_structp p = j->p;
    png_infop info = j->info;
    /* the size is checked here, not by libpng's own (smaller) limits */
    png_set_user_limits(p, 0x7fffffff, 0x7fffffff);
    png_init_io(p, f);
    png_read_info(p, info);
    png_uint_32 w = png_get_image_width(p, info), h = png_get_image_height(p, info);
    int ct = png_get_color_type(p, info);
    pi->is_jpeg = false;
    pi->stored_w = (int)w;
    pi->stored_h = (int)h;
    pi->has_alpha = (ct & PNG_COLOR_MASK_ALPHA) || png_get_valid(p, info, PNG_INFO_tRNS);
    png_charp name;
    int comp;
    png_bytep prof = NULL;
    png_uint_32 prof_len = 0;
    pi->icc = png_get_iCCP(p, info, &name, &comp, &prof, &prof_len) != 0;
    pi->progressive = png_get_interlace_type(p, info) != PNG_INTERLACE_NONE;
    pi->orientation = 1;
#ifdef PNG_eXIf_SUPPORTED
    png_bytep exif = NULL;
    png_uint_32 exif_len = 0;
    if (png_get_eXIf_1(p, info, &exif_len, &exif) && exif)
        pi->orientation = tiff_orientation(exif, exif_len);
#endif
    if (!decode || (double)w * h > PICTURE_MAX_PIXELS) {
        png_job_free(j, true);
        return true;
    }
    png_set_expand(p);
    png_set_strip_16(p);
    png_set_gray_to_rgb(p);
    int passes = png_set_interlace_handling(p);
    png_read_update_info(p, info);
    int ch = png_get_channels(p, info);
    if (ch != 3 && ch != 4) {
        *why = g_strdup("PNG has an unusual pixel layout");
        png_job_free(j, true);
        return false;
    }
    if (passes > 1 && (double)w * h > PNG_MAX_INTERLACED_PIXELS) {
        *why = g_strdup("interlaced PNG too large to read in bounded memory; save it without "
                        "interlacing");
        png_job_free(j, true);
        return false;
    }
    if (pi->icc && (ct & PNG_COLOR_MASK_COLOR))
        j->xf = icc_transform(prof, prof_len, false, false);
    int tw = swaps_axes(pi->orientation) ? max_h : max_w;
    int th = swaps_axes(pi->orientation) ? max_w : max_h;
    int outw, outh;
    reduced_size((int)w, (int)h, tw, th, &outw, &outh);
    reducer_init(&j->r, (int)w, (int)h, outw, outh, ch);
    j->have_r = true;
    size_t rowbytes = png_get_rowbytes(p, info);
    j->rgb = g_malloc((size_t)w * 3);
    if (passes > 1) {
        j->whole = g_malloc(rowbytes * h);
        png_bytep *rows = g_new(png_bytep, h);
        for (png_uint_32 y = 0; y < h; y++)
            rows[y] = j->whole + rowbytes * y;
        png_read_image(p, rows);
        g_free(rows);
    } else {
        j->row = g_malloc(rowbytes);
    }
    for (png_uint_32 y = 0; y < h; y++) {
        unsigned char *src = j->whole ? j->whole + rowbytes * y : j->row;
        if (!j->whole)
            png_read_row(p, j->row, NULL);
        if (j->xf) {
            if (ch == 3) {
                cmsDoTransform(j->xf, src, j->rgb, w);
                memcpy(src, j->rgb, (size_t)w * 3);
            } else {
                for (png_uint_32 x = 0; x < w; x++)
                    memcpy(j->rgb + 3 * x, src + 4 * x, 3);
                cmsDoTransform(j->xf, j->rgb, j->rgb, w);
                for (png_uint_32 x = 0; x < w; x++)
                    memcpy(src + 4 * x, j->rgb + 3 * x, 3);
            }
        }
        reducer_row(&j->r, (int)y, src);
    }
    png_read_end(p, NULL);
    out->width = outw;
    out->height = outh;
    out->channels = ch;
    out->px = reducer_finish(&j->r);
    j->have_r = false;
    png_job_free(j, false);
    return true;
}

/* ------------------------------------------------------------------ */
/* Entry points                                                         */
/* ------------------------------------------------------------------ */

static FILE *open_kind(const char *path, bool *is_jpeg, char **why)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        *why = g_strdup("cannot be opened");
        return NULL;
    }
    unsigned char sig[8] = {0};
    size_t n = fread(sig, 1, 8, f);
    rewind(f);
    if (n >= 8 && !memcmp(sig, "\x89PNG\r\n\x1a\n", 8))
        *is_jpeg = false;
    else if (n >= 3 && sig[0] == 0xFF && sig[1] == 0xD8 && sig[2] == 0xFF)
        *is_jpeg = true;
    else {
        fclose(f);
        *why = g_strdup("not a PNG or JPEG image");
        return NULL;
    }
    return f;
}

static bool finish_probe(picture_info *pi, char **why)
{
    if (pi->stored_w <= 0 || pi->stored_h <= 0) {
        *why = g_strdup("image has no size");
        return false;
    }
    if ((double)pi->stored_w * pi->stored_h > PICTURE_MAX_PIXELS) {
        *why = g_strdup_printf("image declares %d x %d pixels (%.0f megapixels), more than the "
                               "limit of %ld megapixels: refused without decoding it",
                               pi->stored_w, pi->stored_h,
                               (double)pi->stored_w * pi->stored_h / 1e6,
                               PICTURE_MAX_PIXELS / 1000000);
        return false;
    }
    /* a progressive JPEG keeps every coefficient until its last scan, an
     * interlaced PNG every row until its last pass: only smaller ones */
    double mp = (double)pi->stored_w * pi->stored_h / 1e6;
    if (pi->progressive && pi->is_jpeg && mp > PICTURE_MAX_PROGRESSIVE_MP) {
        *why = g_strdup_printf("progressive JPEG of %.0f megapixels cannot be decoded in bounded "
                               "memory (the limit is %d); save it as a baseline JPEG", mp,
                               PICTURE_MAX_PROGRESSIVE_MP);
        return false;
    }
    if (pi->progressive && !pi->is_jpeg && mp > PNG_MAX_INTERLACED_PIXELS / 1e6) {
        *why = g_strdup_printf("interlaced PNG of %.0f megapixels cannot be read in bounded "
                               "memory; save it without interlacing", mp);
        return false;
    }
    bool sw = swaps_axes(pi->orientation);
    pi->width = sw ? pi->stored_h : pi->stored_w;
    pi->height = sw ? pi->stored_w : pi->stored_h;
    return true;
}

bool picture_probe(const char *path, picture_info *out, char **why)
{
    memset(out, 0, sizeof *out);
    out->orientation = 1;
    *why = NULL;
    bool jpeg = false;
    FILE *f = open_kind(path, &jpeg, why);
    if (!f)
        return false;
    bool ok = jpeg ? jpeg_probe(f, out, why) : png_run(f, false, out, 0, 0, NULL, why);
    fclose(f);
    return ok && finish_probe(out, why);
}

bool picture_decode(const char *path, int max_w, int max_h, picture_pixels *out, char **why)
{
    memset(out, 0, sizeof *out);
    *why = NULL;
    picture_info pi;
    if (!picture_probe(path, &pi, why))
        return false;
    bool jpeg = false;
    FILE *f = open_kind(path, &jpeg, why);
    if (!f)
        return false;
    bool ok = jpeg ? jpeg_decode(f, &pi, max_w, max_h, out, why)
                   : png_run(f, true, &pi, max_w, max_h, out, why);
    fclose(f);
    if (ok)
        apply_orientation(out, pi.orientation);
    return ok;
}

void picture_pixels_clear(picture_pixels *p)
{
    g_free(p->px);
    memset(p, 0, sizeof *p);
}

typedef struct {
    struct jpeg_compress_struct c;
    jpeg_err e;
    unsigned char *mem;
    unsigned long mlen;
    unsigned char *rgb;
} jpeg_enc_job;

unsigned char *picture_encode_jpeg(const picture_pixels *p, int quality, size_t *len)
{
    jpeg_enc_job *j = g_new0(jpeg_enc_job, 1);
    j->rgb = g_malloc((size_t)p->width * 3);
    j->c.err = jpeg_std_error(&j->e.pub);
    j->e.pub.error_exit = jpeg_fail;
    j->e.pub.emit_message = jpeg_quiet;
    *len = 0;
    if (setjmp(j->e.jump)) {
        jpeg_destroy_compress(&j->c);
        free(j->mem);
        g_free(j->rgb);
        g_free(j);
        return NULL;
    }
    struct jpeg_compress_struct *c = &j->c;
    jpeg_create_compress(c);
    jpeg_mem_dest(c, &j->mem, &j->mlen);
    c->image_width = (JDIMENSION)p->width;
    c->image_height = (JDIMENSION)p->height;
    c->input_components = 3;
    c->in_color_space = JCS_RGB;
    jpeg_set_defaults(c);
    jpeg_set_quality(c, quality < 1 ? 1 : quality > 100 ? 100 : quality, TRUE);
    c->optimize_coding = TRUE;
    jpeg_start_compress(c, TRUE);
    while (c->next_scanline < c->image_height) {
        const unsigned char *src = p->px + (size_t)c->next_scanline * p->width * p->channels;
        if (p->channels == 4) {
            /* alpha onto white: a JPEG has no transparency */
            for (int x = 0; x < p->width; x++) {
                int a = src[4 * x + 3];
                for (int k = 0; k < 3; k++)
                    j->rgb[3 * x + k] =
                        (unsigned char)((src[4 * x + k] * a + 255 * (255 - a)) / 255);
            }
        } else {
            memcpy(j->rgb, src, (size_t)p->width * 3);
        }
        JSAMPROW rows[1] = {j->rgb};
        jpeg_write_scanlines(c, rows, 1);
    }
    jpeg_finish_compress(c);
    jpeg_destroy_compress(c);
    unsigned char *copy = g_memdup2(j->mem, j->mlen);
    *len = j->mlen;
    free(j->mem);
    g_free(j->rgb);
    g_free(j);
    return copy;
}

typedef struct {
    jmp_buf jump;
    char msg[200];
    png_structp w;
    png_infop info;
    GByteArray *out;
} png_enc_job;

static void png_enc_fail(png_structp p, png_const_charp msg)
{
    png_enc_job *j = png_get_error_ptr(p);
    g_strlcpy(j->msg, msg, sizeof j->msg);
    longjmp(j->jump, 1);
}

static void png_append(png_structp p, png_bytep data, size_t n)
{
    g_byte_array_append(png_get_io_ptr(p), data, (guint)n);
}

static void png_noflush(png_structp p) { (void)p; }

unsigned char *picture_encode_png(const picture_pixels *p, size_t *len)
{
    png_enc_job *j = g_new0(png_enc_job, 1);
    j->out = g_byte_array_new();
    *len = 0;
    j->w = png_create_write_struct(PNG_LIBPNG_VER_STRING, j, png_enc_fail, png_quiet);
    j->info = j->w ? png_create_info_struct(j->w) : NULL;
    if (!j->info || setjmp(j->jump)) {
        png_destroy_write_struct(&j->w, &j->info);
        g_byte_array_free(j->out, TRUE);
        g_free(j);
        return NULL;
    }
    png_set_write_fn(j->w, j->out, png_append, png_noflush);
    png_set_IHDR(j->w, j->info, (png_uint_32)p->width, (png_uint_32)p->height, 8,
                 p->channels == 4 ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(j->w, j->info);
    for (int y = 0; y < p->height; y++)
        png_write_row(j->w, p->px + (size_t)y * p->width * p->channels);
    png_write_end(j->w, j->info);
    png_destroy_write_struct(&j->w, &j->info);
    *len = j->out->len;
    unsigned char *bytes = g_byte_array_free(j->out, FALSE);
    g_free(j);
    return bytes;
}

void picture_size_for(double w_pt, double h_pt, double ppi, int *w_px, int *h_px)
{
    *w_px = (int)ceil(w_pt / 72.0 * ppi - 1e-6);
    *h_px = (int)ceil(h_pt / 72.0 * ppi - 1e-6);
    if (*w_px < 1)
        *w_px = 1;
    if (*h_px < 1)
        *h_px = 1;
}

bool picture_passes_through(const picture_info *pi, int max_w, int max_h)
{
    if (!pi->is_jpeg || pi->cmyk || pi->icc || pi->orientation != 1)
        return false;
    int w, h;
    reduced_size(pi->width, pi->height, max_w, max_h, &w, &h);
    return w == pi->width && h == pi->height;
}

double picture_effective_ppi(const picture_info *pi, double w_pt, double h_pt)
{
    double a = w_pt > 0 ? pi->width / (w_pt / 72.0) : 0;
    double b = h_pt > 0 ? pi->height / (h_pt / 72.0) : 0;
    return a > 0 && b > 0 ? fmin(a, b) : fmax(a, b);
}

unsigned char *picture_png_to_jpeg(const unsigned char *png, size_t len, int quality,
                                   size_t *out_len)
{
    png_image im;
    memset(&im, 0, sizeof im);
    im.version = PNG_IMAGE_VERSION;
    *out_len = 0;
    if (!png_image_begin_read_from_memory(&im, png, len))
        return NULL;
    im.format = PNG_FORMAT_RGB;
    picture_pixels p = {(int)im.width, (int)im.height, 3, NULL};
    p.px = g_malloc(PNG_IMAGE_SIZE(im));
    unsigned char *jpeg = NULL;
    if (png_image_finish_read(&im, NULL, p.px, 0, NULL))
        jpeg = picture_encode_jpeg(&p, quality, out_len);
    png_image_free(&im);
    picture_pixels_clear(&p);
    return jpeg;
}

unsigned char *picture_for_screen(const char *path, int edge, int quality, size_t *len,
                                  const char **media_type, char **why)
{
    picture_info pi;
    *len = 0;
    if (!picture_probe(path, &pi, why))
        return NULL;
    /* the long edge at most edge pixels */
    double s = fmin(1.0, (double)edge / fmax(pi.width, pi.height));
    int mw = (int)floor(pi.width * s + 1e-9), mh = (int)floor(pi.height * s + 1e-9);
    if (mw < 1)
        mw = 1;
    if (mh < 1)
        mh = 1;
    if (picture_passes_through(&pi, mw, mh)) {
        gchar *data = NULL;
        gsize n = 0;
        if (!g_file_get_contents(path, &data, &n, NULL)) {
            *why = g_strdup("cannot be read");
            return NULL;
        }
        *len = n;
        *media_type = "image/jpeg";
        return (unsigned char *)data;
    }
    picture_pixels p;
    if (!picture_decode(path, mw, mh, &p, why))
        return NULL;
    unsigned char *out;
    if (pi.is_jpeg) {
        out = picture_encode_jpeg(&p, quality, len);
        *media_type = "image/jpeg";
    } else {
        out = picture_encode_png(&p, len);
        *media_type = "image/png";
    }
    picture_pixels_clear(&p);
    if (!out)
        *why = g_strdup("cannot be encoded");
    return out;
}
