/* layout_cache.c - article frames kept between builds (layout_cache.h). */
#include "pdf/layout_cache.h"

#include <string.h>

/* How many builds an unused article stays: an edit that is undone finds
 * the frames it had. */
#define KEEP_BUILDS 4

typedef struct {
    article_frames *af;        /* owned */
    unsigned used;             /* generation of the last build that used it */
} cached_article;

static void cached_article_free(gpointer data)
{
    cached_article *ca = data;
    article_frames_free(ca->af);
    g_free(ca);
}

/* The measuring objects belong to layout.c; it frees them through this. */
void layout_measurer_free(gpointer m);

pdf_cache *pdf_cache_new(void)
{
    pdf_cache *c = g_new0(pdf_cache, 1);
    c->articles = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, cached_article_free);
    c->measurers = g_ptr_array_new_with_free_func(layout_measurer_free);
    return c;
}

static void drop_measuring(pdf_cache *c)
{
    g_ptr_array_set_size(c->measurers, 0);
    hyphen_set_free(c->hy);
    c->hy = NULL;
    c->fc = NULL;
}

void pdf_cache_free(pdf_cache *c)
{
    if (!c)
        return;
    drop_measuring(c);
    g_ptr_array_free(c->measurers, TRUE);
    g_hash_table_destroy(c->articles);
    if (c->res)
        resources_unref(c->res);
    g_free(c->salt);
    g_free(c->lang);
    g_free(c->hy_dict);
    g_free(c);
}

bool layout_cache_begin(pdf_cache *c, FcConfig *fc, const char *salt, const char *lang,
                        const char *hy_dict)
{
    c->gen++;
    if (!hy_dict)
        hy_dict = "";
    if (!lang)
        lang = "";
    bool same = c->res && c->fc == fc && !g_strcmp0(c->salt, salt) &&
                !g_strcmp0(c->lang, lang) && !g_strcmp0(c->hy_dict, hy_dict);
    if (same)
        return true;
    drop_measuring(c);
    g_hash_table_remove_all(c->articles);
    if (c->res)
        resources_unref(c->res);
    c->res = resources_new();
    g_free(c->salt);
    g_free(c->lang);
    g_free(c->hy_dict);
    c->salt = g_strdup(salt);
    c->lang = g_strdup(lang);
    c->hy_dict = g_strdup(hy_dict);
    return false;
}

const article_frames *layout_cache_lookup(pdf_cache *c, const char *key)
{
    cached_article *ca = g_hash_table_lookup(c->articles, key);
    if (!ca)
        return NULL;
    ca->used = c->gen;
    return ca->af;
}

void layout_cache_store(pdf_cache *c, const char *key, article_frames *af)
{
    cached_article *ca = g_new0(cached_article, 1);
    ca->af = af;
    ca->used = c->gen;
    g_hash_table_replace(c->articles, g_strdup(key), ca);
}

static gboolean stale(gpointer key, gpointer value, gpointer data)
{
    const cached_article *ca = value;
    unsigned gen = *(const unsigned *)data;
    return ca->used + KEEP_BUILDS <= gen;
}

void layout_cache_end(pdf_cache *c)
{
    g_hash_table_foreach_remove(c->articles, stale, &c->gen);
}
