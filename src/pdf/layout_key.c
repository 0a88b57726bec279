/* layout_key.c - the frame cache's key (layout_key.h).
 *
 * Every field of every node of the article is written with its length
 * (so no two trees write the same bytes), in the order of a depth-first
 * walk with explicit ends of containers: the article's meta and lead,
 * the blocks and inlines, positions (diagnostics and the layout dump
 * name them), note numbers, and for each image the file's size and
 * modification time.  Unlike the debug dump, nothing is left out or
 * abbreviated.  A field added to the tree must be added here. */
#include "pdf/layout_key.h"

#include <glib.h>
#include <sys/stat.h>

#include "hyph_exceptions.h"

typedef struct {
    GChecksum *ck;
} key_writer;

static void put_bytes(key_writer *w, const char *s, gssize len)
{
    char head[32];
    if (!s) {
        g_checksum_update(w->ck, (const guchar *)"~", 1);
        return;
    }
    if (len < 0)
        len = (gssize)strlen(s);
    int n = g_snprintf(head, sizeof head, "%ld:", (long)len);
    g_checksum_update(w->ck, (const guchar *)head, n);
    g_checksum_update(w->ck, (const guchar *)s, len);
}

static void put_str(key_writer *w, const char *s) { put_bytes(w, s, -1); }

static void put_int(key_writer *w, long long v)
{
    char buf[32];
    int n = g_snprintf(buf, sizeof buf, "i%lld;", v);
    g_checksum_update(w->ck, (const guchar *)buf, n);
}

static void put_image_file(key_writer *w, const char *dir, const char *url)
{
    if (!url) {
        put_str(w, NULL);
        return;
    }
    char *path = g_path_is_absolute(url) ? g_strdup(url) : g_build_filename(dir, url, NULL);
    struct stat st;
    put_str(w, path);
    if (stat(path, &st) == 0) {
        put_int(w, (long long)st.st_size);
        put_int(w, (long long)st.st_mtim.tv_sec);
        put_int(w, (long long)st.st_mtim.tv_nsec);
    } else {
        put_int(w, -1);
    }
    g_free(path);
}

static void put_node(key_writer *w, const node *n, const char *dir)
{
    put_int(w, n->type);
    put_str(w, n->pos.file);
    put_int(w, n->pos.line);
    put_int(w, n->pos.col);
    put_str(w, n->text);
    switch (n->type) {
    case NODE_ARTICLE: {
        const article_meta *m = &n->as.article;
        put_str(w, m->title);
        put_str(w, m->rubric);
        put_str(w, m->subtitle);
        put_int(w, (long long)m->nauthors);
        for (size_t i = 0; i < m->nauthors; i++)
            put_str(w, m->authors[i]);
        put_int(w, m->type);
        put_int(w, m->cover);
        put_int(w, m->columns);
        put_str(w, m->slug);
        put_int(w, m->lead != NULL);
        put_str(w, m->lang);
        break;
    }
    case NODE_HEADING:
        put_int(w, n->as.heading.level);
        put_str(w, n->as.heading.id);
        break;
    case NODE_LIST:
        put_int(w, n->as.list.ordered);
        put_int(w, n->as.list.start);
        put_int(w, n->as.list.tight);
        put_int(w, n->as.list.delim);
        break;
    case NODE_CODE_BLOCK:
        put_str(w, n->as.code.info);
        break;
    case NODE_TABLE:
        put_int(w, n->as.table.ncols);
        for (int i = 0; n->as.table.align && i < n->as.table.ncols; i++)
            put_int(w, n->as.table.align[i]);
        break;
    case NODE_TABLE_ROW:
        put_int(w, n->as.row.header);
        break;
    case NODE_LINK:
        put_str(w, n->as.link.url);
        put_str(w, n->as.link.title);
        break;
    case NODE_IMAGE:
    case NODE_FIGURE:
        put_str(w, n->as.image.url);
        put_str(w, n->as.image.alt);
        put_str(w, n->as.image.title);
        put_image_file(w, dir, n->as.image.url);
        break;
    case NODE_FOOTNOTE_DEF:
    case NODE_FOOTNOTE_REF:
        put_int(w, n->as.note.number);
        put_str(w, n->as.note.label);
        put_int(w, n->as.note.def ? n->as.note.def->as.note.number : -1);
        break;
    case NODE_SPAN_LANG:
        put_str(w, n->as.span.lang);
        break;
    default:
        break;
    }
}

static void put_subtree(key_writer *w, const node *root, const char *dir)
{
    tree_walker tw;
    node *n;
    walk_event ev;
    tree_walk_init(&tw, (node *)root);
    while (tree_walk_next(&tw, &n, &ev)) {
        if (ev == WALK_ENTER) {
            g_checksum_update(w->ck, (const guchar *)"(", 1);
            put_node(w, n, dir);
        } else {
            g_checksum_update(w->ck, (const guchar *)")", 1);
        }
    }
}

char *layout_article_key(const char *salt, const node *issue, const node *article,
                         const layout_options *o)
{
    key_writer w = {g_checksum_new(G_CHECKSUM_SHA256)};
    const issue_meta *im = &issue->as.issue;
    const char *dir = im->dir ? im->dir : ".";
    put_str(&w, "folio-frames-2");
    put_str(&w, salt);
    put_str(&w, im->language);
    char *exceptions = hyph_exceptions_fingerprint(im->hyphenation);
    put_str(&w, exceptions);
    g_free(exceptions);
    put_str(&w, dir);
    put_int(&w, o ? o->linebreak : 0);
    if (article->as.article.lead)
        put_subtree(&w, article->as.article.lead, dir);
    else
        put_str(&w, NULL);
    put_subtree(&w, article, dir);
    char *key = g_strdup(g_checksum_get_string(w.ck));
    g_checksum_free(w.ck);
    return key;
}
