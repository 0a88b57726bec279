/* epub_container.c - the OCF container: a zip with `mimetype` first and
 * stored, META-INF/container.xml, then every resource deflated.
 *
 * Reproducibility: every entry gets the same fixed mtime and external
 * attributes, entries are added in the book's (deterministic) order, and
 * libzip writes no extra fields for buffer sources, so the same book gives
 * the same bytes.
 *
 * Speed: fonts (their subsets) are most of the book's bytes.  Each is
 * deflated once into a cache file by epub_media_cache.c; the book then
 * copies the compressed data raw (zip_source_zip from 0, -1).  The bytes are the same whether the cache
 * was cold or warm: the same libzip deflate at the same level makes them
 * either way.
 * Images (PNG, JPEG) are already compressed and are stored. */
#include "epub_book.h"
#include "epub_media_cache.h"
#include "epub/epub.h"

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

/* The cached deflated copy of this content, made now if missing; the cache
 * zip is added to opened (it must stay open until the book is closed). */
static zip_source_t *cached_source(zip_t *z, const char *cache_dir, const void *data,
                                   size_t len, const uLong *known_crc, GPtrArray *opened)
{
    if (!cache_dir)
        return NULL;
    zip_t *c = epub_media_cache_open(cache_dir, data, len, known_crc);
    if (!c)
        return NULL;
    g_ptr_array_add(opened, c);
    /* start 0 and len -1: the compressed data is copied as it is. */
    return zip_source_zip(z, c, 0, 0, 0, -1);
}

/* Adds one entry; the data must outlive zip_close (libzip reads it then). */
static bool add_entry(zip_t *z, const char *name, const void *data, size_t len, bool store,
                      int level, time_t mtime, const char *cache_dir, const uLong *crc,
                      GPtrArray *opened, const char *path, diag_list *d)
{
    src_pos p = {path, 0, 0};
    zip_source_t *src = cache_dir ? cached_source(z, cache_dir, data, len, crc, opened) : NULL;
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
                        NULL, path, d) &&
              add_entry(z, "META-INF/container.xml", cx, cx_len, false, 9, mtime, NULL, NULL,
                        NULL, path, d) &&
              add_entry(z, EPUB_ROOT_DIR "/" EPUB_OPF_NAME, opf, opf_len, false, 9, mtime, NULL,
                        NULL, NULL, path, d);
    for (size_t i = 0; ok && i < b->count; i++) {
        const epub_item *it = &b->items[i];
        char *name = g_strdup_printf(EPUB_ROOT_DIR "/%s", it->href);
        g_ptr_array_add(names, name);
        bool media = is_cached_media(it);
        ok = add_entry(z, name, it->data, it->len, is_stored_media(it), media ? MEDIA_LEVEL : 9,
                       mtime, media ? cache_dir : NULL, NULL, opened, path, d);
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
