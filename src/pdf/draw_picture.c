/* draw_picture.c - image boxes to cairo through the picture pipeline. */
#include "pdf/draw_picture.h"

#include <glib.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "picture.h"

typedef struct {
    double ppi;
    int quality;
} target_wish;

static const cairo_user_data_key_t wish_key;

void draw_picture_set_target(cairo_surface_t *target, double ppi, int quality)
{
    target_wish *w = g_new(target_wish, 1);
    w->ppi = ppi;
    w->quality = quality;
    cairo_surface_set_user_data(target, &wish_key, w, g_free);
}

/* A JPEG that could pass through is reduced only when clearly above the
 * target (400 ppi for a 300 ppi edition): a picture a little sharper than
 * needed is not worth a second JPEG generation. */
#define REDUCE_ABOVE (4.0 / 3.0)

/* cairo surface from decoded pixels (premultiplied when there is alpha). */
static cairo_surface_t *surface_of(const picture_pixels *p)
{
    bool alpha = p->channels == 4;
    cairo_surface_t *s =
        cairo_image_surface_create(alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24, p->width,
                                   p->height);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
        return s;
    cairo_surface_flush(s);
    unsigned char *dst = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    for (int y = 0; y < p->height; y++) {
        uint32_t *row = (uint32_t *)(dst + (size_t)y * stride);
        const unsigned char *src = p->px + (size_t)y * p->width * p->channels;
        for (int x = 0; x < p->width; x++) {
            const unsigned char *q = src + (size_t)x * p->channels;
            unsigned a = alpha ? q[3] : 255;
            unsigned r = q[0] * a / 255, g = q[1] * a / 255, b = q[2] * a / 255;
            row[x] = a << 24 | r << 16 | g << 8 | b;
        }
    }
    cairo_surface_mark_dirty(s);
    return s;
}

/* A surface of the right size whose pixels are never drawn by the PDF
 * backend: it embeds the JPEG bytes (taken over) instead.  Its memory is
 * never touched, so it costs no resident pages. */
static cairo_surface_t *jpeg_surface(int w, int h, unsigned char *jpeg, size_t len,
                                     const char *id)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, jpeg, len, g_free, jpeg);
    char *uid = g_strdup(id);
    cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_UNIQUE_ID, (unsigned char *)uid, strlen(uid),
                                g_free, uid);
    return s;
}

static cairo_surface_t *for_vector(const char *path, const picture_info *pi, int tw, int th,
                                   const target_wish *wish)
{
    /* a picture that is decoded and encoded again anyway (a profile, an
     * orientation, CMYK, a PNG) is brought to the target; one that could
     * pass through unchanged only when clearly above it */
    bool pass = picture_passes_through(pi, pi->width, pi->height);
    bool above = pi->width > tw || pi->height > th;
    bool reduce = pass ? pi->width > tw * REDUCE_ABOVE || pi->height > th * REDUCE_ABOVE : above;
    if (!reduce && pass) {
        gchar *data = NULL;
        gsize len = 0;
        if (!g_file_get_contents(path, &data, &len, NULL))
            return NULL;
        char *id = g_strdup_printf("%s@orig", path);
        cairo_surface_t *s = jpeg_surface(pi->width, pi->height, (unsigned char *)data, len, id);
        g_free(id);
        return s;
    }
    picture_pixels px;
    char *why = NULL;
    if (!picture_decode(path, reduce ? tw : pi->width, reduce ? th : pi->height, &px, &why)) {
        g_free(why);
        return NULL;
    }
    cairo_surface_t *s;
    bool photo = pi->is_jpeg || (double)px.width * px.height >= 250000;
    if (px.channels == 3 && photo) {
        size_t len = 0;
        unsigned char *jpeg = picture_encode_jpeg(&px, wish->quality, &len);
        char *id = g_strdup_printf("%s@%dx%d", path, px.width, px.height);
        s = jpeg ? jpeg_surface(px.width, px.height, jpeg, len, id) : surface_of(&px);
        g_free(id);
    } else {
        s = surface_of(&px);
    }
    picture_pixels_clear(&px);
    return s;
}

static cairo_surface_t *for_raster(const char *path, int tw, int th)
{
    picture_pixels px;
    char *why = NULL;
    if (!picture_decode(path, tw, th, &px, &why)) {
        g_free(why);
        return NULL;
    }
    cairo_surface_t *s = surface_of(&px);
    picture_pixels_clear(&px);
    return s;
}

bool draw_picture(cairo_t *cr, const char *path, double x, double y, double w, double h,
                  double cx, double cy, double cw, double ch)
{
    picture_info pi;
    char *why = NULL;
    if (w <= 0 || h <= 0 || !picture_probe(path, &pi, &why)) {
        g_free(why);
        return false;
    }
    cairo_surface_t *target = cairo_get_target(cr);
    const target_wish *wish = cairo_surface_get_user_data(target, &wish_key);
    cairo_surface_t *img;
    if (cairo_surface_get_type(target) == CAIRO_SURFACE_TYPE_IMAGE || !wish) {
        /* pixels: as many as the device shows */
        double dx = w, dy = h;
        cairo_user_to_device_distance(cr, &dx, &dy);
        int tw = (int)ceil(fabs(dx)), th = (int)ceil(fabs(dy));
        img = for_raster(path, tw > 0 ? tw : 1, th > 0 ? th : 1);
    } else {
        int tw, th;
        picture_size_for(w, h, wish->ppi, &tw, &th);
        img = for_vector(path, &pi, tw, th, wish);
    }
    if (!img)
        return false;
    if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(img);
        return false;
    }
    int pw = cairo_image_surface_get_width(img), ph = cairo_image_surface_get_height(img);
    cairo_save(cr);
    if (cw > 0 && ch > 0) {
        cairo_rectangle(cr, cx, cy, cw, ch);
        cairo_clip(cr);
    }
    cairo_translate(cr, x, y);
    cairo_scale(cr, w / pw, h / ph);
    cairo_set_source_surface(cr, img, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
    cairo_paint(cr);
    cairo_restore(cr);
    cairo_surface_destroy(img);
    return true;
}
