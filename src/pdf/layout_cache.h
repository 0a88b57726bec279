/* layout_cache.h - article frames kept between the builds of one process
 * (`folio watch`), so an article that did not change is not set again.
 *
 * An article's frames are a function of its subtree, the style and fonts
 * (the caller's salt), the images it shows, the language and
 * folder, and the layout options: the key is a SHA-256 of all of these
 * (layout_key.c).  Nothing in the frames depends on where the article
 * lands in the issue (layout_article.h), so reuse is a plain copy: the
 * final pass numbers the pages the same way for fresh and kept frames.
 * The measuring objects (font maps, contexts, hyphenator) and the
 * resources the frames name are kept with them. */
#ifndef FOLIO_PDF_LAYOUT_CACHE_H
#define FOLIO_PDF_LAYOUT_CACHE_H

#include <pango/pango.h>

#include "pdf/hyphenate.h"
#include "pdf/layout_article.h"
#include "pdf/pdf.h"

struct pdf_cache {
    char *salt;                /* style and fonts as the caller sees them */
    FcConfig *fc;              /* the configuration the measuring objects use */
    char *lang;                /* their language */
    hyphen_set *hy;            /* owned, or NULL */
    char *hy_dict;             /* hy's dictionary folder, "" for none */
    pdf_resources *res;        /* owned reference */
    GPtrArray *measurers;      /* owned layout_measurer* (layout.c), reused */
    GHashTable *articles;      /* key -> cached article frames */
    unsigned gen;              /* builds so far */
};

/* Drops every article when the salt, font configuration or language
 * changed; returns whether the measuring objects can be reused. */
bool layout_cache_begin(pdf_cache *c, FcConfig *fc, const char *salt, const char *lang,
                        const char *hy_dict);
/* The frames kept under key (borrowed until layout_cache_end), or NULL. */
const article_frames *layout_cache_lookup(pdf_cache *c, const char *key);
/* Keeps af (taken over) under key. */
void layout_cache_store(pdf_cache *c, const char *key, article_frames *af);
/* Forgets articles not used by the last few builds. */
void layout_cache_end(pdf_cache *c);

#endif
