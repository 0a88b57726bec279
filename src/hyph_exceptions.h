/* hyph_exceptions.h - the issue's own hyphenation: `hyphenation:` in
 * issue.yaml lists words with their break points ("Dimen-sies"; a word
 * without hyphens never breaks).  They override the dictionary's patterns
 * in both editions: print breaks a listed word only at its points, and
 * the EPUB carries the points as soft hyphens (which reading systems
 * prefer to their own hyphenation) or, for a word that must not break,
 * a span with hyphenation off. */
#ifndef FOLIO_HYPH_EXCEPTIONS_H
#define FOLIO_HYPH_EXCEPTIONS_H

#include <glib.h>
#include <stdbool.h>
#include "diag.h"

typedef struct hyph_exceptions hyph_exceptions;

/* From the entries as written; a bad entry (anything but letters and
 * single inner hyphens) is reported at its position and left out.
 * Returns NULL when there is no entry. */
hyph_exceptions *hyph_exceptions_new(char **entries, const src_pos *pos, size_t n,
                                     diag_list *d);
void hyph_exceptions_free(hyph_exceptions *e);

/* When the word (UTF-8, len bytes, nletters letters) is listed (any
 * case), fills breaks[0..nletters) with 1 after each letter that may end
 * a line and returns true. */
bool hyph_exceptions_lookup(const hyph_exceptions *e, const char *word, size_t len,
                            char *breaks, long nletters);

/* Calls emit for each piece of text: words and what lies between them,
 * a listed word with soft hyphens at its points; nobreak is set for a
 * listed word without points. */
typedef void (*hyph_emit_fn)(const char *piece, bool nobreak, void *ud);
void hyph_exceptions_apply(const hyph_exceptions *e, const char *text, hyph_emit_fn emit,
                           void *ud);

/* The listed words and their points, sorted, as one string (for cache
 * keys); "" for NULL.  Caller frees. */
char *hyph_exceptions_fingerprint(const hyph_exceptions *e);
#endif
