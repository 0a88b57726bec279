/* resources.c - fonts and decoded images, shared by key (resources.h). */
#include "pdf/resources.h"

#include <glib.h>
#include <sys/stat.h>

#include "picture.h"

struct pdf_resources {
    GMutex lock;
    GPtrArray *fonts;          /* cairo_scaled_font_t*, owned references */
    GHashTable *font_keys;     /* name -> key + 1 */
    GPtrArray *images;         /* picture_info*, owned */
    GPtrArray *image_paths;    /* char*, owned: the file of each image */
    GHashTable *image_keys;    /* "path|size|mtime" -> key + 1 */
};

pdf_resources *resources_new(void)
{
    pdf_resources *r = g_atomic_rc_box_new0(pdf_resources);
    g_mutex_init(&r->lock);
    r->fonts = g_ptr_array_new_with_free_func((GDestroyNotify)cairo_scaled_font_destroy);
    r->font_keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    r->images = g_ptr_array_new_with_free_func(g_free);
    r->image_paths = g_ptr_array_new_with_free_func(g_free);
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
    g_ptr_array_free(r->image_paths, TRUE);
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
        /* the headers only: the pixels are decoded when drawn, at the
         * resolution the output needs (src/picture.h) */
        picture_info *pi = g_new(picture_info, 1);
        char *why = NULL;
        if (picture_probe(path, pi, &why)) {
            key = (int)r->images->len;
            g_ptr_array_add(r->images, pi);
            g_ptr_array_add(r->image_paths, g_strdup(path));
            g_hash_table_insert(r->image_keys, id, GINT_TO_POINTER(key + 1));
            id = NULL;
        } else {
            g_free(pi);
        }
        g_free(why);
    }
    if (key >= 0) {
        const picture_info *pi = g_ptr_array_index(r->images, key);
        *width = pi->width;
        *height = pi->height;
    }
    g_mutex_unlock(&r->lock);
    g_free(id);
    return key;
}

const char *resources_image_path(pdf_resources *r, int key)
{
    g_mutex_lock(&r->lock);
    const char *path = key >= 0 && (guint)key < r->image_paths->len
                           ? g_ptr_array_index(r->image_paths, key) : NULL;
    g_mutex_unlock(&r->lock);
    return path;
}
