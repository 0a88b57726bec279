/* hyphen_snapshot.h - a libhyphen dictionary kept as loaded, so the next
 * process need not load it from its patterns again.
 *
 * libhyphen 2.8's hnj_hyphen_load keeps its states in a hash table of a
 * fixed size, so its time grows with the square of the patterns: Debian's
 * German patterns (78,000 lines, 279,000 states) take 4 s of CPU, against
 * 0.03 s for Dutch.  A snapshot is the HyphenDict that libhyphen built,
 * written as it is; reading it back makes the same structure in tens of
 * milliseconds, and libhyphen still does all the hyphenating.  It is a
 * cache in the way fontconfig's is: kept in the user's cache folder, keyed
 * by the dictionary file's path, size and time, checked on every read,
 * and rebuilt by libhyphen whenever it is missing, stale or damaged. */
#ifndef FOLIO_HYPHEN_SNAPSHOT_H
#define FOLIO_HYPHEN_SNAPSHOT_H

#include <hyphen.h>
#include <stdbool.h>
#include <stddef.h>

/* The dictionary at dict_path: from its snapshot in cache_dir when that is
 * good, else from libhyphen, and then its snapshot is written (quietly:
 * a cache that cannot be written only costs time).  cache_dir may be NULL
 * (no snapshots).  NULL when libhyphen cannot load the file.  Free with
 * hnj_hyphen_free. */
HyphenDict *hyphen_snapshot_load(const char *dict_path, const char *cache_dir);

/* The parts, for the unit test: the bytes of a dictionary, and the
 * dictionary from bytes (NULL if they are not a whole, consistent
 * snapshot; never reads outside [data, data + len)). */
char *hyphen_snapshot_encode(const HyphenDict *dict, size_t *len);
HyphenDict *hyphen_snapshot_decode(const char *data, size_t len);

#endif
