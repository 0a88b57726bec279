/* hyphenate.h - Dutch hyphenation through libhyphen: the points where a
 * word may break become soft hyphens (U+00AD), which Pango turns into a
 * visible hyphen only when it breaks a line there. */
#ifndef FOLIO_PDF_HYPHENATE_H
#define FOLIO_PDF_HYPHENATE_H

#include <glib.h>
#include <stdbool.h>

typedef struct hyphenator hyphenator;

/* Loads the libhyphen dictionary at path.  Returns NULL when it cannot be
 * read: text is then set without hyphenation. */
hyphenator *hyphenator_new(const char *path, int min_word);
void hyphenator_free(hyphenator *h);
/* Appends text to out with soft hyphens inside words of at least min_word
 * letters.  A NULL hyphenator appends text unchanged. */
void hyphenate_append(const hyphenator *h, GString *out, const char *text);

#endif
