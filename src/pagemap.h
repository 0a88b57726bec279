/* pagemap.h - where the print pages begin, in terms of the tree.
 *
 * The PDF layout fills it; the EPUB backend reads it to place pagebreak
 * markers and the page-list.  It lives beside the tree, not in either
 * backend, so neither backend includes the other's headers. */
#ifndef FOLIO_PAGEMAP_H
#define FOLIO_PAGEMAP_H
#include <stdbool.h>
#include <stddef.h>
#include "tree.h"

typedef struct {
    const node *block;   /* the first block whose text is on this page (it may
                            have begun on the page before): a borrowed pointer
                            into the tree; for an article opener, the article;
                            for the cover, the issue */
    int word;            /* the word of block at which the page begins: 0 its
                            first word (see page_map_word_starts), counted in
                            the block's inline text as the tree has it */
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
/* The same, for a page that begins at a word inside block. */
void page_map_add_at(page_map *m, const node *block, int word, int page, const char *label);

/* Words, the unit both editions count in: a word begins at a character
 * that is not white space (g_unichar_isspace: spaces, no-break spaces,
 * line and paragraph separators) after one that is, or at the start.
 * Inline text counts as the tree has it: text, code, note numbers, an
 * inline image's alt text; soft and hard breaks are white space.
 * Counts the word starts in text[0..len); *after_space carries the state
 * from the text before (true at a block's start) and is updated. */
int page_map_word_starts(const char *text, size_t len, bool *after_space);
bool page_map_is_space(unsigned int c);
void page_map_free(page_map *m);
/* The label of the page that begins at block, or NULL. */
const char *page_map_label_at(const page_map *m, const node *block);
#endif
