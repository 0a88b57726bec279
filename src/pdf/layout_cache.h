/* layout_cache.h - laid-out articles kept between the builds of one
 * process (`folio watch`), so an article that did not change is not set
 * again.
 *
 * An article's pages depend on its tree (text, note numbers, slug: all in
 * its `folio tree` dump), the style and fonts (the caller's salt), the
 * images it shows (their size and modification time), the issue's language
 * and folder, and the parity of its first page (inner margins alternate).
 * The key is a SHA-256 of all of these.  What the pages hold that depends
 * on where the article lands in the issue is rebased on reuse: page
 * numbers and labels, outline page indexes, block ids, and the tree nodes
 * boxes point at (kept as indexes in the article's reading order, so the
 * same text read again maps to the new tree's nodes).  Diagnostics the
 * article's layout gave are given again. */
#ifndef FOLIO_PDF_LAYOUT_CACHE_H
#define FOLIO_PDF_LAYOUT_CACHE_H

#include "pdf/pdf_doc.h"
#include "pdf/hyphenate.h"

struct pdf_cache {
    char *salt;                /* style and fonts as the caller sees them */
    FcConfig *fc;              /* the configuration fontmap was made over */
    PangoFontMap *fontmap;     /* owned; keeps fc alive */
    PangoContext *ctx;         /* measuring context, owned */
    char *lang;                /* ctx's language */
    hyphen_set *hy;            /* owned, or NULL */
    char *hy_dict;             /* hy's dictionary folder, "" for none */
    GHashTable *articles;      /* key -> cached_article */
    unsigned gen;              /* builds so far */
};

/* Drops every article when the salt, font configuration or language
 * changed; returns whether the measuring objects can be reused. */
bool layout_cache_begin(pdf_cache *c, FcConfig *fc, const char *salt, const char *lang,
                        const char *hy_dict);
/* The key of an article laid out from a page of this parity. */
char *layout_cache_key(const pdf_cache *c, const node *issue, const node *article,
                       int first_number);
/* Appends the cached pages of key to doc (true), or does nothing (false). */
bool layout_cache_apply(pdf_cache *c, const char *key, pdf_document *doc, const node *article,
                        int *next_id, diag_list *d);
/* Keeps what layout added for article since first_page, first_outline,
 * first_id and first_diag. */
void layout_cache_store(pdf_cache *c, const char *key, const pdf_document *doc,
                        const node *article, size_t first_page, size_t first_outline,
                        int first_id, int next_id, const diag_list *d, size_t first_diag);
/* Forgets articles not used by the last few builds. */
void layout_cache_end(pdf_cache *c);

#endif
