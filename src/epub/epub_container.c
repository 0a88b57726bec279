/* epub_container.c - the OCF container: a zip with `mimetype` first and
 * stored, META-INF/container.xml, then every resource deflated.
 *
 * Reproducibility: every entry gets the same fixed mtime and external
 * attributes, entries are added in the book's (deterministic) order, and
 * libzip writes no extra fields for buffer sources, so the same book gives
 * the same bytes.
 *
 * Speed: fonts are most of the book's bytes.  Each font subset is deflated
 * once (zlib level 1: 7% larger than level 9 in a third of the time) into
 * its own small zip in cache_dir/media/<crc32>-<length>.zip; the book then
 * copies the compressed data raw (zip_source_zip from 0, -1).  The font
 * files themselves are read ahead by epub_prefetch_fonts on worker threads
 * while the print edition is laid out.  A cache file is used
 * only when its entry's CRC, size and method match the content; anything
 * else is rewritten.  The bytes are the same whether the cache was cold or
 * warm: the same libzip deflate at the same level makes them either way.
 * Images (PNG, JPEG) are already compressed and are stored. */
#include "epub_book.h"
#include "epub/epub.h"
#include "fonts.h"

#include <glib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>
#include <zlib.h>
#include <glib/gstdio.h>

#define X(s) ((const xmlChar *)(s))

static unsigned char *container_xml(size_t *len)
{
    xmlDocPtr doc = xmlNewDoc(X("1.0"));
    xmlNodePtr root = xmlNewNode(NULL, X("container"));
    xmlDocSetRootElement(doc, root);
    xmlSetNs(root, xmlNewNs(root, X("urn:oasis:names:tc:opendocument:xmlns:container"), NULL));
    xmlNewProp(root, X("version"), X("1.0"));
    xmlNodePtr rfs = xmlNewChild(root, NULL, X("rootfiles"), NULL);
    xmlNodePtr rf = xmlNewChild(rfs, NULL, X("rootfile"), NULL);
    xmlNewProp(rf, X("full-path"), X(EPUB_ROOT_DIR "/" EPUB_OPF_NAME));
    xmlNewProp(rf, X("media-type"), X("application/oebps-package+xml"));
    unsigned char *out = epub_xml_bytes(doc, len);
    xmlFreeDoc(doc);
    return out;
}

#define MEDIA_LEVEL 1

/* Resources deflated through the cache: large and compressible. */
static bool is_cached_media(const epub_item *it)
{
    return g_str_has_prefix(it->href, "fonts/");
}

/* Resources stored: already compressed. */
static bool is_stored_media(const epub_item *it)
{
    return g_str_has_prefix(it->href, "images/");
}

static uLong crc_of(const void *data, size_t len)
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

/* The cached deflated copy of this content, made now if missing; the cache
 * zip is added to opened (it must stay open until the book is closed). */
static zip_source_t *cached_source(zip_t *z, const char *cache_dir, const void *data,
                                   size_t len, GPtrArray *opened)
{
    if (!cache_dir)
        return NULL;
    uLong crc = crc_of(data, len);
    char *path = media_cache_path(cache_dir, crc, len);
    zip_t *c = open_cached(path, crc, len);
    if (!c && write_cached(path, data, len))
        c = open_cached(path, crc, len);
    g_free(path);
    if (!c)
        return NULL;
    g_ptr_array_add(opened, c);
    /* start 0 and len -1: the compressed data is copied as it is. */
    return zip_source_zip(z, c, 0, 0, 0, -1);
}

/* Adds one entry; the data must outlive zip_close (libzip reads it then). */
static bool add_entry(zip_t *z, const char *name, const void *data, size_t len, bool store,
                      int level, time_t mtime, const char *cache_dir, GPtrArray *opened,
                      const char *path, diag_list *d)
{
    src_pos p = {path, 0, 0};
    zip_source_t *src = cache_dir ? cached_source(z, cache_dir, data, len, opened) : NULL;
    bool from_cache = src != NULL;
    if (!src)
        src = zip_source_buffer(z, data, len, 0);
    if (!src) {
        diag_error(d, p, "zip: %s: %s", name, zip_strerror(z));
        return false;
    }
    zip_int64_t idx = zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8);
    if (idx < 0) {
        zip_source_free(src);
        diag_error(d, p, "zip: %s: %s", name, zip_strerror(z));
        return false;
    }
    zip_uint64_t i = (zip_uint64_t)idx;
    if ((!from_cache &&
         zip_set_file_compression(z, i, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, level) < 0) ||
        zip_file_set_mtime(z, i, mtime, 0) < 0 ||
        zip_file_set_external_attributes(z, i, 0, ZIP_OPSYS_UNIX, 0100644u << 16) < 0) {
        diag_error(d, p, "zip: %s: %s", name, zip_strerror(z));
        return false;
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* deflating the fonts ahead, on worker threads                        */

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
    char *cache_dir;
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

/* Reading a font file ahead: the EPUB subsets it (epub_media.c) once the
 * book's text is known; the deflated subset goes through the cache. */
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
    pf->cache_dir = g_strdup(cache_dir);
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
    g_free(pf->cache_dir);
    g_free(pf);
}

/* libzip turns a time_t into the zip's DOS date with localtime(); this
 * time_t makes localtime() give the UTC fields of t, so the entries carry
 * the same date whatever the builder's time zone. */
static time_t utc_as_local(time_t t)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    tm.tm_isdst = -1;
    time_t local = mktime(&tm);
    return local == (time_t)-1 ? t : local;
}

bool epub_write_container(const epub_book *b, const unsigned char *opf, size_t opf_len,
                          time_t date, const char *cache_dir, const char *path, diag_list *d)
{
    GPtrArray *opened = g_ptr_array_new();
    src_pos p = {path, 0, 0};
    time_t mtime = utc_as_local(date);
    int err = 0;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!z) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, err);
        diag_error(d, p, "cannot create EPUB: %s", zip_error_strerror(&ze));
        zip_error_fini(&ze);
        g_ptr_array_free(opened, TRUE);
        return false;
    }
    static const char mimetype[] = "application/epub+zip";
    size_t cx_len = 0;
    unsigned char *cx = container_xml(&cx_len);
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    bool ok = add_entry(z, "mimetype", mimetype, strlen(mimetype), true, 0, mtime, NULL, NULL,
                        path, d) &&
              add_entry(z, "META-INF/container.xml", cx, cx_len, false, 9, mtime, NULL, NULL,
                        path, d) &&
              add_entry(z, EPUB_ROOT_DIR "/" EPUB_OPF_NAME, opf, opf_len, false, 9, mtime, NULL,
                        NULL, path, d);
    for (size_t i = 0; ok && i < b->count; i++) {
        const epub_item *it = &b->items[i];
        char *name = g_strdup_printf(EPUB_ROOT_DIR "/%s", it->href);
        g_ptr_array_add(names, name);
        bool media = is_cached_media(it);
        ok = add_entry(z, name, it->data, it->len, is_stored_media(it), media ? MEDIA_LEVEL : 9,
                       mtime, media ? cache_dir : NULL, opened, path, d);
    }
    if (ok) {
        if (zip_close(z) < 0) {
            diag_error(d, p, "cannot write EPUB: %s", zip_strerror(z));
            zip_discard(z);
            ok = false;
        }
    } else {
        zip_discard(z);
    }
    /* The caches must stay open until zip_close has copied from them. */
    for (guint i = 0; i < opened->len; i++)
        zip_discard(g_ptr_array_index(opened, i));
    g_ptr_array_free(opened, TRUE);
    g_ptr_array_free(names, TRUE);
    g_free(cx);
    return ok;
}
