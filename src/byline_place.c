/* byline_place.c - moves bylines to the place the style chooses (see
 * byline_place.h). */
#include "byline_place.h"

#include <glib.h>
#include <string.h>

/* The byline with its portrait, if a figure stands right before it. */
static node *portrait_of(node *byline)
{
    return byline->prev && byline->prev->type == NODE_FIGURE ? byline->prev : NULL;
}

static void place_article(node *a, const char *place)
{
    if (!strcmp(place, "inline"))
        return;
    /* the bylines (and portraits) in source order */
    GPtrArray *moving = g_ptr_array_new();
    for (node *k = a->first; k; k = k->next)
        if (k->type == NODE_BYLINE) {
            node *p = portrait_of(k);
            if (p)
                g_ptr_array_add(moving, p);
            g_ptr_array_add(moving, k);
        }
    if (!moving->len) {
        g_ptr_array_free(moving, TRUE);
        return;
    }
    for (guint i = 0; i < moving->len; i++)
        node_unlink(g_ptr_array_index(moving, i));
    if (!strcmp(place, "opener")) {
        node *first = a->first;
        for (guint i = 0; i < moving->len; i++) {
            node *k = g_ptr_array_index(moving, i);
            if (first)
                node_insert_before(first, k);
            else
                node_append(a, k);
        }
    } else {
        /* end: after the text, before the trailing note definitions */
        node *notes = NULL;
        for (node *k = a->last; k && k->type == NODE_FOOTNOTE_DEF; k = k->prev)
            notes = k;
        for (guint i = 0; i < moving->len; i++) {
            node *k = g_ptr_array_index(moving, i);
            if (notes)
                node_insert_before(notes, k);
            else
                node_append(a, k);
        }
    }
    g_ptr_array_free(moving, TRUE);
}

void bylines_place(node *issue, const style *st)
{
    for (node *a = issue->first; a; a = a->next) {
        if (a->type != NODE_ARTICLE)
            continue;
        const article_meta *m = &a->as.article;
        place_article(a, m->byline_place ? m->byline_place
                                         : style_byline_place(st, (int)m->type));
    }
}
