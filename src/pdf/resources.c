/* resources.c - fonts and decoded images, shared by key (resources.h). */
#include "pdf/resources.h"

#include <glib.h>
#include <sys/stat.h>

#include "pdf/image_info.h"

struct pdf_resources {
    GMutex lock;
    GPtrArray *fonts;          /* cairo_scaled_font_t*, owned references */
    GHashTable *font_keys;     /* name -> key + 1 */
    GPtrArray *images;         /* cairo_surface_t*, owned references */
    GHashTable *image_keys;    /* "path|size|mtime" -> key + 1 */
};

pdf_resources *resources_new(void)
{
    pdf_resources *r = g_atomic_rc_box_new0(pdf_resources);
    g_mutex_init(&r->lock);
    r->fonts = g_ptr_array_new_with_free_func((GDestroyNotify)cairo_scaled_font_destroy);
    r->font_keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    r->images = g_ptr_array_new_with_free_func((GDestroyNotify)cairo_surface_destroy);
    r->image_keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    return r;
}

pdf_resources *resources_ref(pdf_resources *r) { return r ? g_atomic_rc_box_acquire(r) : NULL; }

static void resources_clear(gpointer data)
{
    pdf_resources *r = data;
    g_ptr_array_free(r->fonts, TRUE);
    g_hash_table_destroy(r->font_keys);
    g_ptr_array_free(r->images, TRUE);
    g_hash_table_destroy(r->image_keys);
    g_mutex_clear(&r->lock);
}

void resources_unref(pdf_resources *r)
{
    if (r)
        g_atomic_rc_box_release_full(r, resources_clear);
}

int resources_add_font(pdf_resources *r, const char *name, cairo_scaled_font_t *sf)
{
    g_mutex_lock(&r->lock);
    int key = GPOINTER_TO_INT(g_hash_table_lookup(r->font_keys, name)) - 1;
    if (key < 0) {
        key = (int)r->fonts->len;
        g_ptr_array_add(r->fonts, cairo_scaled_font_reference(sf));
        g_hash_table_insert(r->font_keys, g_strdup(name), GINT_TO_POINTER(key + 1));
    }
    g_mutex_unlock(&r->lock);
    return key;
}

cairo_scaled_font_t *resources_font(pdf_resources *r, int key)
{
    g_mutex_lock(&r->lock);
    cairo_scaled_font_t *sf = key >= 0 && (guint)key < r->fonts->len
                                  ? g_ptr_array_index(r->fonts, key) : NULL;
    g_mutex_unlock(&r->lock);
    return sf;
}

/* cairo cannot decode JPEG; the PDF backend embeds the file as it is from
 * the MIME data.  The pixels (for PNG proofs) stay grey. */
static cairo_surface_t *load_jpeg(const char *path, int w, int h)
{
    char *data = NULL;
    gsize len = 0;
    if (!g_file_get_contents(path, &data, &len, NULL))
        return NULL;
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t *ic = cairo_create(img);
    cairo_set_source_rgb(ic, 0.8, 0.8, 0.8);
    cairo_paint(ic);
    cairo_destroy(ic);
    cairo_surface_set_mime_data(img, CAIRO_MIME_TYPE_JPEG, (unsigned char *)data, len, g_free,
                                data);
    return img;
}

int resources_add_image(pdf_resources *r, const char *path, int *width, int *height)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return -1;
    char *id = g_strdup_printf("%s|%lld|%lld.%ld", path, (long long)st.st_size,
                               (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec);
    g_mutex_lock(&r->lock);
    int key = GPOINTER_TO_INT(g_hash_table_lookup(r->image_keys, id)) - 1;
    if (key < 0) {
        int w = 0, h = 0;
        bool jpeg = false;
        cairo_surface_t *img = NULL;
        if (image_info_read(path, &w, &h, &jpeg)) {
            if (jpeg) {
                img = load_jpeg(path, w, h);
            } else {
                img = cairo_image_surface_create_from_png(path);
                if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
                    cairo_surface_destroy(img);
                    img = NULL;
                }
            }
        }
        if (img) {
            key = (int)r->images->len;
            g_ptr_array_add(r->images, img);
            g_hash_table_insert(r->image_keys, id, GINT_TO_POINTER(key + 1));
            id = NULL;
        }
    }
    if (key >= 0) {
        cairo_surface_t *img = g_ptr_array_index(r->images, key);
        *width = cairo_image_surface_get_width(img);
        *height = cairo_image_surface_get_height(img);
    }
    g_mutex_unlock(&r->lock);
    g_free(id);
    return key;
}

cairo_surface_t *resources_image(pdf_resources *r, int key)
{
    g_mutex_lock(&r->lock);
    cairo_surface_t *img = key >= 0 && (guint)key < r->images->len
                               ? g_ptr_array_index(r->images, key) : NULL;
    g_mutex_unlock(&r->lock);
    return img;
}
