/* session.h - one home for what a rebuild reuses.
 *
 * A `folio watch` process keeps a session from one build to the next: the
 * font configuration (while the fonts folder is unchanged), the print
 * layout's measuring objects, hyphenator, decoded images and frame cache
 * (pdf_cache, keyed per article by layout_key.c), and whether the EPUB's
 * fonts were already prepared.  It also computes the fingerprints those
 * are checked against.  Outputs are the same bytes as a build without a
 * session.  Every function takes a NULL session (a one-off build). */
#ifndef FOLIO_SESSION_H
#define FOLIO_SESSION_H

#include <fontconfig/fontconfig.h>
#include <stdbool.h>

#include "diag.h"
#include "pdf/pdf.h"

typedef struct build_session build_session;
build_session *build_session_new(void);
void build_session_free(build_session *s);

/* The font configuration over fonts_dir, from the session when the
 * folder is unchanged; *print gets the folder's fingerprint (caller
 * frees).  The caller owns a reference to the result; NULL on error. */
FcConfig *session_load_fonts(build_session *s, const char *fonts_dir, char **print,
                             diag_list *d);
/* What the print layout depends on besides the tree: the style file's
 * bytes and the fonts' fingerprint (NULL when the style cannot be read:
 * then no frames are kept). */
char *session_layout_salt(const char *style_path, const char *fonts_print);
/* Whether the EPUB's fonts need preparing for key (fonts, cache folder,
 * style); remembers key. */
bool session_prefetch_due(build_session *s, const char *key);
/* The print layout's cache, or NULL without a session. */
pdf_cache *session_frames(build_session *s);

#endif
