/* layout_key.h - the key of an article's frames: a SHA-256 over a
 * canonical serialisation of everything laying it out reads. */
#ifndef FOLIO_PDF_LAYOUT_KEY_H
#define FOLIO_PDF_LAYOUT_KEY_H

#include "pdf/pdf.h"

/* salt: the style's values and the fonts, as the caller fingerprints
 * them; o: the layout options that change frames.  Caller frees. */
char *layout_article_key(const char *salt, const node *issue, const node *article,
                         const layout_options *o);

#endif
