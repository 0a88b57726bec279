/* epub.h - the EPUB 3 backend: tree + style -> one .epub file. */
#ifndef FOLIO_EPUB_H
#define FOLIO_EPUB_H
#include <stddef.h>
#include <time.h>
#include "diag.h"
#include "pagemap.h"
#include "style.h"
#include "tree.h"

typedef struct {
    const char *fonts_dir;        /* fonts/ : the files to embed */
    const page_map *pages;        /* print page starts, or NULL (no page-list) */
    const unsigned char *cover_png; /* the cover image, or NULL (draw one) */
    size_t cover_png_len;
    time_t source_date;           /* fixed timestamp for zip entries and
                                     dcterms:modified (SOURCE_DATE_EPOCH) */
    const char *cache_dir;        /* out/.cache, or NULL: no cache */
} epub_options;

/* Writes the EPUB to path (the caller renames it into place).  Returns
 * false with errors in d on failure. */
bool epub_write_issue(const node *issue, const style *st, const epub_options *o,
                      const char *path, diag_list *d);
#endif
