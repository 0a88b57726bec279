/* draw_png.c - pages as PNG: the EPUB cover and the proofs. */
#include <cairo.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pdf/draw.h"

static cairo_surface_t *render(const pdf_document *doc, int page, double dpi)
{
    const style *st = doc->st;
    double scale = dpi / 72.0;
    int w = (int)(st->page_width * scale + 0.5), h = (int)(st->page_height * scale + 0.5);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    draw_page(cr, &doc->pages[page], NULL);
    cairo_destroy(cr);
    return s;
}

static cairo_status_t to_gstring(void *closure, const unsigned char *data, unsigned int len)
{
    g_byte_array_append(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

bool pdf_render_page_png(pdf_document *doc, int page, double dpi, unsigned char **png,
                         size_t *len, diag_list *d)
{
    src_pos at = {"pdf", 0, 0};
    if (!doc || page < 0 || (size_t)page >= doc->npages || dpi <= 0) {
        diag_error(d, at, "no page %d to render", page + 1);
        return false;
    }
    cairo_surface_t *s = render(doc, page, dpi);
    GByteArray *out = g_byte_array_new();
    cairo_status_t cs = cairo_surface_write_to_png_stream(s, to_gstring, out);
    cairo_surface_destroy(s);
    if (cs != CAIRO_STATUS_SUCCESS) {
        g_byte_array_free(out, TRUE);
        diag_error(d, at, "cannot render page %d: %s", page + 1, cairo_status_to_string(cs));
        return false;
    }
    *len = out->len;
    *png = g_byte_array_free(out, FALSE);
    return true;
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
