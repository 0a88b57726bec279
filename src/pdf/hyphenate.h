/* hyphenate.h - hyphenation through libhyphen, in the language of each
 * passage: the points where a word may break become soft hyphens
 * (U+00AD), which Pango turns into a visible hyphen only when it breaks a
 * line there.  The issue's own exceptions (hyph_exceptions.h) come first. */
#ifndef FOLIO_PDF_HYPHENATE_H
#define FOLIO_PDF_HYPHENATE_H

#include <glib.h>
#include <stdbool.h>

#include "hyph_exceptions.h"

typedef struct hyphenator hyphenator;

/* Loads the libhyphen dictionary at path (through its snapshot in
 * snapshot_dir when that is not NULL: hyphen_snapshot.h); with a NULL path
 * or a file that cannot be read, the hyphenator breaks only the issue's
 * listed words.  Never NULL. */
hyphenator *hyphenator_new(const char *path, int min_word, const char *snapshot_dir);
void hyphenator_free(hyphenator *h);
/* Appends text to out with soft hyphens inside words of at least min_word
 * letters; a listed exception breaks only at its points.  A NULL
 * hyphenator appends text unchanged (text that is never hyphenated). */
void hyphenate_append(const hyphenator *h, const hyph_exceptions *exc, GString *out,
                      const char *text);

/* One hyphenator per language, loaded when first asked for. */
typedef struct hyphen_set hyphen_set;
hyphen_set *hyphen_set_new(const char *dict_dir, int min_word, const char *snapshot_dir);
void hyphen_set_free(hyphen_set *s);
/* The hyphenator for a BCP 47 tag (never NULL for a non-NULL set). */
const hyphenator *hyphen_set_get(hyphen_set *s, const char *lang);

#endif
