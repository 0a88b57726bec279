/* layout_article.c - article frames and the node indexes frames use. */
#include "pdf/layout_article.h"

article_frames *article_frames_new(pdf_resources *res)
{
    article_frames *af = g_new0(article_frames, 1);
    af->doc = pdf_document_new(res);
    diag_list_init(&af->diags);
    return af;
}

void article_frames_free(article_frames *af)
{
    if (!af)
        return;
    pdf_document_free(af->doc);
    diag_list_free(&af->diags);
    g_free(af);
}

static void collect(node *n, void *ud) { g_ptr_array_add(ud, n); }

GPtrArray *frame_node_list(const node *article)
{
    GPtrArray *a = g_ptr_array_new();
    g_ptr_array_add(a, (gpointer)article);
    tree_visit_article((node *)article, collect, a);
    return a;
}

GHashTable *frame_node_index(const node *article)
{
    GPtrArray *a = frame_node_list(article);
    GHashTable *ix = g_hash_table_new(g_direct_hash, g_direct_equal);
    for (guint i = a->len; i-- > 0;) /* the first index wins */
        g_hash_table_insert(ix, g_ptr_array_index(a, i), GINT_TO_POINTER(i + 1));
    g_ptr_array_free(a, TRUE);
    return ix;
}

void frame_nodes_init(frame_nodes *t, const node *issue)
{
    t->issue = issue;
    t->children = g_ptr_array_new();
    for (const node *a = issue->first; a; a = a->next)
        g_ptr_array_add(t->children, (gpointer)a);
    t->nodes = g_new0(GPtrArray *, t->children->len + 1);
}

void frame_nodes_clear(frame_nodes *t)
{
    for (guint i = 0; i < t->children->len; i++)
        if (t->nodes[i])
            g_ptr_array_free(t->nodes[i], TRUE);
    g_free(t->nodes);
    g_ptr_array_free(t->children, TRUE);
}

const node *frame_nodes_article(const frame_nodes *t, int article)
{
    return article >= 0 && (guint)article < t->children->len
               ? g_ptr_array_index(t->children, article) : NULL;
}

const node *frame_nodes_get(frame_nodes *t, int article, int index)
{
    const node *a = frame_nodes_article(t, article);
    if (!a || index < 0)
        return NULL;
    if (!t->nodes[article])
        t->nodes[article] = frame_node_list(a);
    GPtrArray *l = t->nodes[article];
    return (guint)index < l->len ? g_ptr_array_index(l, index) : NULL;
}
