/* pagemap.c - the list of print page starts. */
#include "pagemap.h"

#include <glib.h>
#include <string.h>

void page_map_init(page_map *m) { memset(m, 0, sizeof *m); }

void page_map_add(page_map *m, const node *block, int page, const char *label)
{
    page_map_add_at(m, block, 0, page, label);
}

void page_map_add_at(page_map *m, const node *block, int word, int page, const char *label)
{
    if (m->count == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 32;
        m->items = g_renew(page_start, m->items, m->cap);
    }
    page_start *p = &m->items[m->count++];
    p->block = block;
    p->word = word;
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

bool page_map_is_space(unsigned int c)
{
    return g_unichar_isspace((gunichar)c);
}

int page_map_word_starts(const char *text, size_t len, bool *after_space)
{
    int n = 0;
    const char *end = text + len;
    for (const char *p = text; p < end; p = g_utf8_next_char(p)) {
        bool space = page_map_is_space(g_utf8_get_char(p));
        if (!space && *after_space)
            n++;
        *after_space = space;
    }
    return n;
}
