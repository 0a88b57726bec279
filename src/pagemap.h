/* pagemap.h - where the print pages begin, in terms of the tree.
 *
 * The PDF layout fills it; the EPUB backend reads it to place pagebreak
 * markers and the page-list.  It lives beside the tree, not in either
 * backend, so neither backend includes the other's headers. */
#ifndef FOLIO_PAGEMAP_H
#define FOLIO_PAGEMAP_H
#include <stddef.h>
#include "tree.h"

typedef struct {
    const node *block;   /* the first block whose text is on this page (it may
                            have begun on the page before): a borrowed pointer
                            into the tree; for an article opener, the article */
    int page;            /* the printed page number (folio) */
    char label[16];      /* the page label as printed ("3"); "" for the cover */
} page_start;

typedef struct {
    page_start *items;   /* owned, in page order */
    size_t count, cap;
    int page_count;      /* pages in the print edition */
} page_map;

void page_map_init(page_map *m);
void page_map_add(page_map *m, const node *block, int page, const char *label);
void page_map_free(page_map *m);
/* The label of the page that begins at block, or NULL. */
const char *page_map_label_at(const page_map *m, const node *block);
#endif
