/* draw_png.c - pages as PNG: the EPUB cover and the proofs. */
#include <cairo.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <string.h>
#include <zlib.h>

#include "pdf/draw.h"

static cairo_surface_t *render(const pdf_document *doc, int page, double dpi)
{
    double scale = dpi / 72.0;
    int w = (int)(doc->page_width * scale + 0.5), h = (int)(doc->page_height * scale + 0.5);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    draw_page(cr, &doc->pages[page], doc->res, NULL);
    cairo_destroy(cr);
    return s;
}

static void put_be32(GByteArray *out, uint32_t v)
{
    unsigned char b[4] = {v >> 24, v >> 16, v >> 8, v};
    g_byte_array_append(out, b, 4);
}

static void put_chunk(GByteArray *out, const char *type, const unsigned char *data, size_t len)
{
    put_be32(out, (uint32_t)len);
    size_t start = out->len;
    g_byte_array_append(out, (const guint8 *)type, 4);
    if (len)
        g_byte_array_append(out, data, (guint)len);
    uLong crc = crc32(0L, out->data + start, (uInt)(4 + len));
    put_be32(out, (uint32_t)crc);
}

/* The surface as an 8-bit RGB PNG.  cairo's own writer (libpng at its
 * default level, adaptive filters) spent most of a warm build on the
 * cover; unfiltered rows at zlib level 1 take a tenth of that and a page
 * of mostly paper still packs well.  Deterministic: the same pixels give
 * the same bytes. */
static GByteArray *encode_png(cairo_surface_t *s)
{
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    const unsigned char *px = cairo_image_surface_get_data(s);
    if (!px || w <= 0 || h <= 0)
        return NULL;
    GByteArray *out = g_byte_array_new();
    g_byte_array_append(out, (const guint8 *)"\x89PNG\r\n\x1a\n", 8);
    unsigned char ihdr[13] = {w >> 24, w >> 16, w >> 8, w, h >> 24, h >> 16, h >> 8, h,
                              8, 2 /* RGB */, 0, 0, 0};
    put_chunk(out, "IHDR", ihdr, sizeof ihdr);
    z_stream zs = {0};
    if (deflateInit(&zs, 1) != Z_OK) {
        g_byte_array_free(out, TRUE);
        return NULL;
    }
    size_t row_len = 1 + (size_t)w * 3;
    unsigned char *row = g_malloc(row_len);
    size_t cap = deflateBound(&zs, (uLong)(row_len * h));
    unsigned char *z = g_malloc(cap);
    zs.next_out = z;
    zs.avail_out = (uInt)cap;
    bool ok = true;
    for (int y = 0; y < h && ok; y++) {
        const uint32_t *src = (const uint32_t *)(px + (size_t)y * stride);
        row[0] = 0; /* filter: none */
        for (int x = 0; x < w; x++) {
            uint32_t v = src[x];
            row[1 + x * 3] = v >> 16;
            row[2 + x * 3] = v >> 8;
            row[3 + x * 3] = v;
        }
        zs.next_in = row;
        zs.avail_in = (uInt)row_len;
        ok = deflate(&zs, y == h - 1 ? Z_FINISH : Z_NO_FLUSH) != Z_STREAM_ERROR &&
             zs.avail_in == 0;
    }
    ok = ok && zs.avail_out > 0;
    size_t zlen = cap - zs.avail_out;
    deflateEnd(&zs);
    if (ok) {
        put_chunk(out, "IDAT", z, zlen);
        put_chunk(out, "IEND", NULL, 0);
    }
    g_free(z);
    g_free(row);
    if (!ok) {
        g_byte_array_free(out, TRUE);
        return NULL;
    }
    return out;
}

struct pdf_pixels {
    cairo_surface_t *surface;
};

pdf_pixels *pdf_render_page_pixels(pdf_document *doc, int page, double dpi, diag_list *d)
{
    src_pos at = {"pdf", 0, 0};
    if (!doc || page < 0 || (size_t)page >= doc->npages || dpi <= 0) {
        diag_error(d, at, "no page %d to render", page + 1);
        return NULL;
    }
    cairo_surface_t *s = render(doc, page, dpi);
    cairo_status_t cs = cairo_surface_status(s);
    if (cs != CAIRO_STATUS_SUCCESS) {
        diag_error(d, at, "cannot render page %d: %s", page + 1, cairo_status_to_string(cs));
        cairo_surface_destroy(s);
        return NULL;
    }
    cairo_surface_flush(s);
    pdf_pixels *px = g_new0(pdf_pixels, 1);
    px->surface = s;
    return px;
}

bool pdf_pixels_png(const pdf_pixels *px, unsigned char **png, size_t *len)
{
    GByteArray *out = px ? encode_png(px->surface) : NULL;
    if (!out)
        return false;
    *len = out->len;
    *png = g_byte_array_free(out, FALSE);
    return true;
}

void pdf_pixels_free(pdf_pixels *px)
{
    if (!px)
        return;
    cairo_surface_destroy(px->surface);
    g_free(px);
}

bool pdf_render_page_png(pdf_document *doc, int page, double dpi, unsigned char **png,
                         size_t *len, diag_list *d)
{
    pdf_pixels *px = pdf_render_page_pixels(doc, page, dpi, d);
    if (!px)
        return false;
    bool ok = pdf_pixels_png(px, png, len);
    pdf_pixels_free(px);
    if (!ok) {
        src_pos at = {"pdf", 0, 0};
        diag_error(d, at, "cannot render page %d: PNG encoding failed", page + 1);
    }
    return ok;
}

/* The contact sheet: every page small, in spreads' order, six a row. */
static bool write_sheet(const pdf_document *doc, const char *path)
{
    const double dpi = 24;
    const int per_row = 6, gap = 12;
    cairo_surface_t *first = render(doc, 0, dpi);
    int pw = cairo_image_surface_get_width(first), ph = cairo_image_surface_get_height(first);
    cairo_surface_destroy(first);
    int rows = ((int)doc->npages + per_row - 1) / per_row;
    cairo_surface_t *sheet = cairo_image_surface_create(
        CAIRO_FORMAT_RGB24, per_row * (pw + gap) + gap, rows * (ph + gap) + gap);
    cairo_t *cr = cairo_create(sheet);
    cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
    cairo_paint(cr);
    for (size_t i = 0; i < doc->npages; i++) {
        cairo_surface_t *s = render(doc, (int)i, dpi);
        int x = gap + (int)(i % per_row) * (pw + gap), y = gap + (int)(i / per_row) * (ph + gap);
        cairo_set_source_surface(cr, s, x, y);
        cairo_paint(cr);
        cairo_surface_destroy(s);
    }
    cairo_destroy(cr);
    bool ok = cairo_surface_write_to_png(sheet, path) == CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(sheet);
    return ok;
}

bool pdf_write_proofs(pdf_document *doc, const char *dir, const char *sheet_path, diag_list *d)
{
    for (size_t i = 0; i < doc->npages; i++) {
        char *path = g_strdup_printf("%s/page-%03zu.png", dir, i + 1);
        cairo_surface_t *s = render(doc, (int)i, 100);
        cairo_status_t cs = cairo_surface_write_to_png(s, path);
        cairo_surface_destroy(s);
        if (cs != CAIRO_STATUS_SUCCESS) {
            src_pos at = {path, 0, 0};
            diag_error(d, at, "cannot write proof: %s", cairo_status_to_string(cs));
            g_free(path);
            return false;
        }
        g_free(path);
    }
    if (sheet_path && !write_sheet(doc, sheet_path)) {
        src_pos at = {sheet_path, 0, 0};
        diag_error(d, at, "cannot write the contact sheet");
        return false;
    }
    return true;
}
