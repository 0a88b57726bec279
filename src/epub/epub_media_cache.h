/* epub_media_cache.h - deflated fonts kept between builds, made ahead on
 * worker threads (epub_media_cache.c). */
#ifndef FOLIO_EPUB_MEDIA_CACHE_H
#define FOLIO_EPUB_MEDIA_CACHE_H

#include <stddef.h>
#include <zip.h>
#include <zlib.h>

/* The zlib level of cached media: 7% larger than level 9 in a third of
 * the time, and the same bytes whether made now or taken from the cache. */
#define MEDIA_LEVEL 1

/* The CRC-32 of data. */
uLong epub_crc_of(const void *data, size_t len);
/* The cache zip under cache_dir holding this content deflated, written
 * now if missing (NULL if that fails: it only costs speed).  known_crc
 * may be NULL.  The caller zip_discard()s it. */
zip_t *epub_media_cache_open(const char *cache_dir, const void *data, size_t len,
                             const uLong *known_crc);

#endif
