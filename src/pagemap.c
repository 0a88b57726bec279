/* pagemap.c - the list of print page starts. */
#include "pagemap.h"

#include <glib.h>
#include <string.h>

void page_map_init(page_map *m) { memset(m, 0, sizeof *m); }

void page_map_add(page_map *m, const node *block, int page, const char *label)
{
    if (m->count == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 32;
        m->items = g_renew(page_start, m->items, m->cap);
    }
    page_start *p = &m->items[m->count++];
    p->block = block;
    p->page = page;
    g_strlcpy(p->label, label ? label : "", sizeof p->label);
    if (page > m->page_count)
        m->page_count = page;
}

void page_map_free(page_map *m)
{
    g_free(m->items);
    memset(m, 0, sizeof *m);
}

const char *page_map_label_at(const page_map *m, const node *block)
{
    for (size_t i = 0; i < m->count; i++)
        if (m->items[i].block == block && m->items[i].label[0])
            return m->items[i].label;
    return NULL;
}
