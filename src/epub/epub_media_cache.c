/* epub_media_cache.c - deflated fonts kept between builds, and the
 * prefetch that reads the font files on worker threads while the print
 * edition is laid out (the EPUB subsets them: epub_media.c; see
 * epub_container.c for how the book copies the deflated subsets).
 *
 * Each font subset is deflated once (zlib level 1: 7% larger than level 9 in a
 * third of the time) into its own small zip in
 * cache_dir/media/<crc32>-<length>.zip.  A cache file is used only when
 * its entry's CRC, size and method match the content; anything else is
 * rewritten.  Its own file: the container needs the cache, the cache
 * needs to know which fonts the book embeds (epub_media.c), and neither
 * of those needs the other. */
#include "epub_media_cache.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "epub_book.h"
#include "epub/epub.h"
#include "fonts.h"


uLong epub_crc_of(const void *data, size_t len)
{
    uLong crc = crc32(0L, Z_NULL, 0);
    const unsigned char *p = data;
    for (size_t off = 0; off < len;) {
        uInt chunk = len - off > (1u << 30) ? (1u << 30) : (uInt)(len - off);
        crc = crc32(crc, p + off, chunk);
        off += chunk;
    }
    return crc;
}

static char *media_cache_path(const char *cache_dir, uLong crc, size_t len)
{
    return g_strdup_printf("%s/media/%08lx-%zu.zip", cache_dir, (unsigned long)crc, len);
}

/* The cache zip at path if it holds this content deflated, else NULL. */
static zip_t *open_cached(const char *path, uLong crc, size_t len)
{
    int err = 0;
    zip_t *c = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &err);
    zip_stat_t st;
    if (c && (zip_get_num_entries(c, 0) != 1 || zip_stat_index(c, 0, 0, &st) < 0 ||
              !(st.valid & ZIP_STAT_CRC) || st.crc != crc || st.size != len ||
              st.comp_method != ZIP_CM_DEFLATE)) {
        zip_discard(c);
        c = NULL;
    }
    return c;
}

/* Writes the cache zip for this content (atomically: temporary + rename).
 * Failure only costs speed. */
static bool write_cached(const char *path, const void *data, size_t len)
{
    char *dir = g_path_get_dirname(path);
    bool ok = g_mkdir_with_parents(dir, 0755) == 0;
    g_free(dir);
    if (!ok)
        return false;
    /* A name build.c's sweep of stale temporaries recognises, unique per
     * writing thread (two jobs never write the same key at once, but a
     * thread's identity makes that safe without shared state). */
    char *dir_part = g_path_get_dirname(path), *base = g_path_get_basename(path);
    char *tmp = g_strdup_printf("%s/.%s-%p.tmp-%d", dir_part, base, (void *)g_thread_self(),
                                (int)getpid());
    g_free(dir_part);
    g_free(base);
    int err = 0;
    zip_t *z = zip_open(tmp, ZIP_CREATE | ZIP_TRUNCATE, &err);
    zip_source_t *src = z ? zip_source_buffer(z, data, len, 0) : NULL;
    zip_int64_t idx = src ? zip_file_add(z, "data", src, 0) : -1;
    if (src && idx < 0)
        zip_source_free(src);
    ok = idx >= 0 && zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_DEFLATE,
                                              MEDIA_LEVEL) == 0;
    if (z && (!ok || zip_close(z) < 0)) {
        zip_discard(z);
        ok = false;
    }
    ok = ok && g_rename(tmp, path) == 0;
    if (!ok)
        g_unlink(tmp);
    g_free(tmp);
    return ok;
}


zip_t *epub_media_cache_open(const char *cache_dir, const void *data, size_t len,
                             const uLong *known_crc)
{
    uLong crc = known_crc ? *known_crc : epub_crc_of(data, len);
    char *path = media_cache_path(cache_dir, crc, len);
    zip_t *c = open_cached(path, crc, len);
    if (!c && write_cached(path, data, len))
        c = open_cached(path, crc, len);
    g_free(path);
    return c;
}

/* ------------------------------------------------------------------ */
/* reading the fonts ahead, on worker threads                          */

typedef struct {
    unsigned char *data;
    size_t len;
} prefetched;

static void prefetched_free(gpointer p)
{
    prefetched *f = p;
    g_free(f->data);
    g_free(f);
}

struct epub_prefetch {
    GThreadPool *pool;
    GMutex lock;
    GHashTable *files;         /* path -> prefetched, read by the workers */
};

bool epub_prefetch_take(epub_prefetch *pf, const char *path, unsigned char **data, size_t *len)
{
    if (!pf)
        return false;
    g_mutex_lock(&pf->lock);
    prefetched *f = NULL;
    char *key = NULL;
    bool found = g_hash_table_steal_extended(pf->files, path, (gpointer *)&key, (gpointer *)&f);
    g_mutex_unlock(&pf->lock);
    if (!found)
        return false;
    *data = f->data;
    *len = f->len;
    g_free(f);
    g_free(key);
    return true;
}

/* A font file read ahead: the EPUB cuts it to the book's characters once
 * the text is known, so only the subset is deflated (into the cache). */
static void prefetch_one(gpointer data, gpointer user)
{
    char *file = data;
    epub_prefetch *pf = user;
    gchar *bytes = NULL;
    gsize len = 0;
    if (g_file_get_contents(file, &bytes, &len, NULL)) {
        prefetched *f = g_new0(prefetched, 1);
        f->data = (unsigned char *)bytes;
        f->len = len;
        g_mutex_lock(&pf->lock);
        g_hash_table_replace(pf->files, g_strdup(file), f);
        g_mutex_unlock(&pf->lock);
    }
    g_free(file);
}

epub_prefetch *epub_prefetch_fonts(const style *st, FcConfig *fc, const char *cache_dir)
{
    if (!fc || !cache_dir || !st)
        return NULL;
    epub_prefetch *pf = g_new0(epub_prefetch, 1);
    g_mutex_init(&pf->lock);
    pf->files = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, prefetched_free);
    int cpus = (int)g_get_num_processors();
    pf->pool = g_thread_pool_new(prefetch_one, pf, cpus < 2 ? 1 : cpus > 4 ? 4 : cpus, FALSE,
                                 NULL);
    font_face *faces = NULL;
    size_t n = fonts_list_faces(fc, &faces);
    for (size_t i = 0; i < n; i++)
        if (epub_font_used(st, faces[i].family, faces[i].weight))
            g_thread_pool_push(pf->pool, g_strdup(faces[i].path), NULL);
    fonts_free_faces(faces, n);
    return pf;
}

void epub_prefetch_wait(epub_prefetch *pf)
{
    if (pf && pf->pool) {
        g_thread_pool_free(pf->pool, FALSE, TRUE);
        pf->pool = NULL;
    }
}

void epub_prefetch_finish(epub_prefetch *pf)
{
    if (!pf)
        return;
    epub_prefetch_wait(pf);
    g_hash_table_destroy(pf->files);
    g_mutex_clear(&pf->lock);
    g_free(pf);
}
