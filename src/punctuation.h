/* punctuation.h - typographic punctuation, decided in the tree.
 *
 * Editors type straight quotes, `--`, `---` and `...`; a magazine prints
 * the language's quotation marks, the apostrophe ’, dashes and the
 * ellipsis.  The pass runs once over the tree's text nodes after reading,
 * so the print and the e-book editions show the same characters.  It never
 * touches code (inline or block), autolinks (their text is a URL) or
 * attribute values (URLs, alt text, language tags).
 *
 * Quotes are nested by depth, not by the character typed: the outermost
 * quotation gets the style's primary marks, a quotation inside it the
 * secondary ones, whichever of ' and " the editor typed.  Languages:
 *   nl, en (and any other):  “…” and ‘…’
 *   de:                      „…“ and ‚…‘
 *   fr:                      « … » and “…”, with thin no-break spaces
 *                            (U+202F) inside guillemets and before ; : ! ?
 * "single" primary swaps the two levels.  The apostrophe is always ’. */
#ifndef FOLIO_PUNCTUATION_H
#define FOLIO_PUNCTUATION_H

#include <stdbool.h>

#include "tree.h"

typedef enum { QUOTES_DOUBLE, QUOTES_SINGLE } quote_primary;

/* Rewrites every text node of the issue (and the titles, subtitles,
 * rubrics and authors in its metadata) in place. */
void punctuation_apply(node *issue, quote_primary primary);

/* One string, as one block of text in language lang (BCP 47; NULL = en).
 * Caller frees.  Used for metadata and by the unit tests. */
char *punctuation_string(const char *text, const char *lang, quote_primary primary);

#endif
