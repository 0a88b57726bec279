/* epub.h - the EPUB 3 backend: tree + style -> one .epub file. */
#ifndef FOLIO_EPUB_H
#define FOLIO_EPUB_H
#include <stddef.h>
#include <time.h>
#include <fontconfig/fontconfig.h>
#include "diag.h"
#include "pagemap.h"
#include "style.h"
#include "tree.h"

typedef struct {
    const char *fonts_dir;        /* fonts/ : the files to embed */
    FcConfig *fc;                 /* folio's font configuration over fonts_dir, already
                                     loaded (borrowed), or NULL: loaded from fonts_dir */
    const page_map *pages;        /* print page starts, or NULL (no page-list) */
    const unsigned char *cover_png; /* the cover image, or NULL (draw one) */
    size_t cover_png_len;
    time_t source_date;           /* fixed timestamp for zip entries and
                                     dcterms:modified (SOURCE_DATE_EPOCH) */
    const char *cache_dir;        /* out/.cache, or NULL: no cache */
    struct epub_prefetch *prefetch; /* fonts being read ahead, or NULL:
                                     waited for before the container is written */
} epub_options;

/* Writes the EPUB to path (the caller renames it into place).  Returns
 * false with errors in d on failure. */
bool epub_write_issue(const node *issue, const style *st, const epub_options *o,
                      const char *path, diag_list *d);

/* Reads the font files the book may embed, on worker threads, while the
 * caller does other work (the print layout); the EPUB written afterwards
 * subsets them.  NULL when there is nothing to do.  epub_prefetch_finish
 * waits for the workers and frees. */
typedef struct epub_prefetch epub_prefetch;
epub_prefetch *epub_prefetch_fonts(const style *st, FcConfig *fc, const char *cache_dir);
void epub_prefetch_wait(epub_prefetch *pf);
void epub_prefetch_finish(epub_prefetch *pf);
#endif
