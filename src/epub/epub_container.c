/* epub_container.c - the OCF container: a zip with `mimetype` first and
 * stored, META-INF/container.xml, then every resource deflated.
 *
 * Reproducibility: every entry gets the same fixed mtime and external
 * attributes, entries are added in the book's (deterministic) order, and
 * libzip writes no extra fields for buffer sources, so the same book gives
 * the same bytes.
 *
 * Speed: fonts are most of the book's bytes and most of its build time if
 * deflated every time.  Their deflated form is kept in a cache zip
 * (cache_dir/epub-media.zip, one entry per resource, named by the CRC-32
 * and length of its content) and copied raw into the next book.  An entry
 * is used only when its stored CRC and size match the content; a cache
 * that does not open is ignored and rewritten. */
#include "epub_book.h"

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

/* Resources worth caching: large and binary. */
static bool is_cached_media(const epub_item *it)
{
    return g_str_has_prefix(it->href, "fonts/") || g_str_has_prefix(it->href, "images/");
}

static char *media_cache_key(const void *data, size_t len)
{
    uLong crc = crc32(0L, Z_NULL, 0);
    const unsigned char *p = data;
    for (size_t off = 0; off < len;) {
        uInt chunk = len - off > (1u << 30) ? (1u << 30) : (uInt)(len - off);
        crc = crc32(crc, p + off, chunk);
        off += chunk;
    }
    return g_strdup_printf("%08lx-%zu", (unsigned long)crc, len);
}

/* The cached deflated copy of this content, or NULL. */
static zip_source_t *cached_source(zip_t *z, zip_t *cache, const void *data, size_t len)
{
    if (!cache)
        return NULL;
    char *key = media_cache_key(data, len);
    zip_int64_t idx = zip_name_locate(cache, key, 0);
    g_free(key);
    zip_stat_t st;
    if (idx < 0 || zip_stat_index(cache, (zip_uint64_t)idx, 0, &st) < 0)
        return NULL;
    uLong crc = crc32(crc32(0L, Z_NULL, 0), data, (uInt)len);
    if (!(st.valid & ZIP_STAT_CRC) || st.crc != crc || st.size != len ||
        st.comp_method != ZIP_CM_DEFLATE)
        return NULL;
    /* start 0 and len -1: the compressed data is copied as it is. */
    return zip_source_zip(z, cache, (zip_uint64_t)idx, 0, 0, -1);
}

/* Adds one entry; the data must outlive zip_close (libzip reads it then). */
static bool add_entry(zip_t *z, const char *name, const void *data, size_t len, bool store,
                      time_t mtime, zip_t *cache, bool *cache_hit, const char *path,
                      diag_list *d)
{
    src_pos p = {path, 0, 0};
    zip_source_t *src = cache ? cached_source(z, cache, data, len) : NULL;
    if (cache_hit)
        *cache_hit = src != NULL;
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
         zip_set_file_compression(z, i, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 9) < 0) ||
        zip_file_set_mtime(z, i, mtime, 0) < 0 ||
        zip_file_set_external_attributes(z, i, 0, ZIP_OPSYS_UNIX, 0100644u << 16) < 0) {
        diag_error(d, p, "zip: %s: %s", name, zip_strerror(z));
        return false;
    }
    return true;
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

/* Rewrites the cache from the book just written: its media entries,
 * copied raw under their content keys.  Failure only costs speed. */
static void update_media_cache(const epub_book *b, const char *book_path, const char *cache_dir)
{
    if (g_mkdir_with_parents(cache_dir, 0755) != 0)
        return;
    char *cache_path = g_build_filename(cache_dir, "epub-media.zip", NULL);
    char *tmp = g_strdup_printf("%s.tmp-%d", cache_path, (int)getpid());
    int err = 0;
    zip_t *book = zip_open(book_path, ZIP_RDONLY, &err);
    zip_t *out = book ? zip_open(tmp, ZIP_CREATE | ZIP_TRUNCATE, &err) : NULL;
    bool ok = out != NULL;
    for (size_t i = 0; ok && i < b->count; i++) {
        const epub_item *it = &b->items[i];
        if (!is_cached_media(it))
            continue;
        char *name = g_strdup_printf(EPUB_ROOT_DIR "/%s", it->href);
        zip_int64_t idx = zip_name_locate(book, name, 0);
        g_free(name);
        char *key = media_cache_key(it->data, it->len);
        zip_source_t *src = idx >= 0 ? zip_source_zip(out, book, (zip_uint64_t)idx, 0, 0, -1)
                                     : NULL;
        if (!src || zip_file_add(out, key, src, ZIP_FL_OVERWRITE) < 0) {
            if (src)
                zip_source_free(src);
            ok = false;
        }
        g_free(key);
    }
    if (out && (!ok || zip_close(out) < 0)) {
        zip_discard(out);
        ok = false;
    }
    if (book)
        zip_discard(book);
    if (!ok || g_rename(tmp, cache_path) != 0)
        g_unlink(tmp);
    g_free(tmp);
    g_free(cache_path);
}

bool epub_write_container(const epub_book *b, const unsigned char *opf, size_t opf_len,
                          time_t date, const char *cache_dir, const char *path, diag_list *d)
{
    zip_t *cache = NULL;
    if (cache_dir) {
        char *cache_path = g_build_filename(cache_dir, "epub-media.zip", NULL);
        int cerr = 0;
        cache = zip_open(cache_path, ZIP_RDONLY | ZIP_CHECKCONS, &cerr);
        g_free(cache_path);
    }
    bool all_cached = true;
    src_pos p = {path, 0, 0};
    time_t mtime = utc_as_local(date);
    int err = 0;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!z) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, err);
        diag_error(d, p, "cannot create EPUB: %s", zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return false;
    }
    static const char mimetype[] = "application/epub+zip";
    size_t cx_len = 0;
    unsigned char *cx = container_xml(&cx_len);
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    bool ok = add_entry(z, "mimetype", mimetype, strlen(mimetype), true, mtime, NULL, NULL,
                        path, d) &&
              add_entry(z, "META-INF/container.xml", cx, cx_len, false, mtime, NULL, NULL, path,
                        d) &&
              add_entry(z, EPUB_ROOT_DIR "/" EPUB_OPF_NAME, opf, opf_len, false, mtime, NULL,
                        NULL, path, d);
    for (size_t i = 0; ok && i < b->count; i++) {
        char *name = g_strdup_printf(EPUB_ROOT_DIR "/%s", b->items[i].href);
        g_ptr_array_add(names, name);
        bool media = is_cached_media(&b->items[i]), hit = false;
        ok = add_entry(z, name, b->items[i].data, b->items[i].len, false, mtime,
                       media ? cache : NULL, &hit, path, d);
        if (media && !hit)
            all_cached = false;
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
    /* The cache must stay open until zip_close has copied from it. */
    if (cache)
        zip_discard(cache);
    if (ok && cache_dir && !all_cached)
        update_media_cache(b, path, cache_dir);
    g_ptr_array_free(names, TRUE);
    g_free(cx);
    return ok;
}
