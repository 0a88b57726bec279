/* tree.c - nodes of the document tree: construction, freeing, walking. */
#include "tree.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "hyph_exceptions.h"

node *node_new(node_type type, src_pos pos)
{
    node *n = g_new0(node, 1);
    n->type = type;
    n->pos = pos;
    return n;
}

void node_append(node *parent, node *child)
{
    child->parent = parent;
    child->next = NULL;
    child->prev = parent->last;
    if (parent->last)
        parent->last->next = child;
    else
        parent->first = child;
    parent->last = child;
}

void node_insert_before(node *sibling, node *child)
{
    node *parent = sibling->parent;
    child->parent = parent;
    child->next = sibling;
    child->prev = sibling->prev;
    if (sibling->prev)
        sibling->prev->next = child;
    else if (parent)
        parent->first = child;
    sibling->prev = child;
}

void node_unlink(node *n)
{
    if (n->prev)
        n->prev->next = n->next;
    else if (n->parent)
        n->parent->first = n->next;
    if (n->next)
        n->next->prev = n->prev;
    else if (n->parent)
        n->parent->last = n->prev;
    n->parent = n->prev = n->next = NULL;
}

static void free_strv(char **v, size_t n)
{
    if (!v)
        return;
    for (size_t i = 0; i < n; i++)
        g_free(v[i]);
    g_free(v);
}

/* Frees what the union owns for this node's type. */
static void node_free_payload(node *n)
{
    switch (n->type) {
    case NODE_ISSUE: {
        issue_meta *m = &n->as.issue;
        g_free(m->title); g_free(m->subtitle); g_free(m->publisher);
        g_free(m->language); g_free(m->date); g_free(m->number);
        g_free(m->identifier); g_free(m->dir); g_free(m->style);
        if (m->cover_image)
            tree_free(m->cover_image);
        g_free(m->issn); g_free(m->isbn);
        free_strv(m->files, m->nfiles);
        hyph_exceptions_free(m->hyphenation);
        break;
    }
    case NODE_ARTICLE: {
        article_meta *m = &n->as.article;
        g_free(m->title); g_free(m->rubric); g_free(m->subtitle); g_free(m->lang);
        if (m->lead)
            tree_free(m->lead);
        free_strv(m->authors, m->nauthors);
        g_free(m->slug); g_free(m->source_hash); g_free(m->byline_place);
        if (m->image)
            tree_free(m->image);
        break;
    }
    case NODE_HEADING: g_free(n->as.heading.id); break;
    case NODE_CODE_BLOCK: g_free(n->as.code.info); break;
    case NODE_TABLE: g_free(n->as.table.align); break;
    case NODE_LINK: g_free(n->as.link.url); g_free(n->as.link.title); break;
    case NODE_IMAGE:
    case NODE_FIGURE:
        g_free(n->as.image.url); g_free(n->as.image.alt); g_free(n->as.image.title);
        g_free(n->as.image.credit);
        break;
    case NODE_FOOTNOTE_REF:
    case NODE_FOOTNOTE_DEF: g_free(n->as.note.label); break;
    case NODE_SPAN_LANG: g_free(n->as.span.lang); break;
    default: break;
    }
}

void tree_free(node *n)
{
    if (!n)
        return;
    if (n->parent)
        node_unlink(n);
    /* Iterative over siblings, recursive only in depth, which the reader
     * bounds (see reader.h: READER_MAX_DEPTH). */
    node *c = n->first;
    while (c) {
        node *next = c->next;
        c->parent = NULL;
        tree_free(c);
        c = next;
    }
    node_free_payload(n);
    g_free(n->text);
    g_free(n);
}

static const char *const type_names[NODE_TYPE_COUNT] = {
    [NODE_ISSUE] = "Issue", [NODE_ARTICLE] = "Article",
    [NODE_PARAGRAPH] = "Para", [NODE_HEADING] = "Heading",
    [NODE_BLOCK_QUOTE] = "BlockQuote", [NODE_LIST] = "List", [NODE_ITEM] = "Item",
    [NODE_CODE_BLOCK] = "CodeBlock", [NODE_THEMATIC_BREAK] = "ThematicBreak",
    [NODE_TABLE] = "Table", [NODE_TABLE_ROW] = "Row", [NODE_TABLE_CELL] = "Cell",
    [NODE_FIGURE] = "Figure", [NODE_PULLQUOTE] = "PullQuote",
    [NODE_ATTRIBUTION] = "Attribution", [NODE_BYLINE] = "Byline",
    [NODE_BYLINE_NAME] = "BylineName", [NODE_BYLINE_ROLE] = "BylineRole",
    [NODE_SIDEBAR] = "Sidebar", [NODE_FOOTNOTE_DEF] = "Note", [NODE_LEAD] = "Lead",
    [NODE_TEXT] = "Str", [NODE_SOFTBREAK] = "SoftBreak", [NODE_LINEBREAK] = "LineBreak",
    [NODE_EMPH] = "Emph", [NODE_STRONG] = "Strong", [NODE_STRIKE] = "Strikeout",
    [NODE_CODE] = "Code", [NODE_LINK] = "Link", [NODE_IMAGE] = "Image",
    [NODE_FOOTNOTE_REF] = "NoteRef", [NODE_SUPERSCRIPT] = "Superscript",
    [NODE_SUBSCRIPT] = "Subscript", [NODE_SPAN_LANG] = "Span",
};

const char *node_type_name(node_type type)
{
    return (unsigned)type < NODE_TYPE_COUNT && type_names[type] ? type_names[type] : "?";
}

const char *article_type_name(article_type type)
{
    switch (type) {
    case ARTICLE_FEATURE: return "feature";
    case ARTICLE_EDITORIAL: return "editorial";
    case ARTICLE_INTERVIEW: return "interview";
    case ARTICLE_COLUMN: return "column";
    case ARTICLE_COLOPHON: return "colophon";
    }
    return "?";
}

bool node_is_inline(const node *n) { return n->type >= NODE_TEXT && n->type < NODE_TYPE_COUNT; }

bool node_is_question(const node *k)
{
    const node *a = k->parent;
    if (k->type != NODE_PARAGRAPH || !a || a->type != NODE_ARTICLE ||
        a->as.article.type != ARTICLE_INTERVIEW)
        return false;
    const node *strong = NULL;
    for (const node *i = k->first; i; i = i->next) {
        if (i->type == NODE_STRONG && !strong)
            strong = i;
        else if (!(i->type == NODE_TEXT && i->text && !i->text[strspn(i->text, " \t")]) &&
                 i->type != NODE_SOFTBREAK)
            return false;
    }
    return strong != NULL;
}
bool node_is_block(const node *n) { return n->type >= NODE_PARAGRAPH && n->type < NODE_TEXT; }

static bool node_is_leaf(const node *n)
{
    switch (n->type) {
    case NODE_TEXT: case NODE_SOFTBREAK: case NODE_LINEBREAK: case NODE_CODE:
    case NODE_CODE_BLOCK: case NODE_THEMATIC_BREAK: case NODE_FOOTNOTE_REF:
        return true;
    default:
        return false;
    }
}

void tree_walk_init(tree_walker *w, node *root)
{
    w->root = root;
    w->cur = root;
    w->ev = WALK_ENTER;
    w->started = false;
}

bool tree_walk_next(tree_walker *w, node **out, walk_event *ev)
{
    if (!w->cur)
        return false;
    if (!w->started) {
        w->started = true;
    } else if (w->ev == WALK_ENTER && !node_is_leaf(w->cur)) {
        if (w->cur->first) {
            w->cur = w->cur->first;
            w->ev = WALK_ENTER;
        } else {
            w->ev = WALK_EXIT;
        }
    } else if (w->cur == w->root) {
        w->cur = NULL;
        return false;
    } else if (w->cur->next) {
        w->cur = w->cur->next;
        w->ev = WALK_ENTER;
    } else {
        w->cur = w->cur->parent;
        w->ev = WALK_EXIT;
    }
    *out = w->cur;
    *ev = w->ev;
    return true;
}

void tree_visit_article(node *article, void (*fn)(node *n, void *ud), void *ud)
{
    node *roots[3] = {article->as.article.image, article->as.article.lead, article};
    for (int r = 0; r < 3; r++) {
        if (!roots[r])
            continue;
        tree_walker w;
        node *n;
        walk_event ev;
        tree_walk_init(&w, roots[r]);
        while (tree_walk_next(&w, &n, &ev))
            if (ev == WALK_ENTER)
                fn(n, ud);
    }
}

char *tree_plain_text(const node *n)
{
    GString *s = g_string_new(NULL);
    tree_walker w;
    node *c;
    walk_event ev;
    tree_walk_init(&w, (node *)n);
    while (tree_walk_next(&w, &c, &ev)) {
        if (ev != WALK_ENTER)
            continue;
        switch (c->type) {
        case NODE_TEXT: case NODE_CODE: case NODE_CODE_BLOCK:
            g_string_append(s, c->text);
            break;
        case NODE_SOFTBREAK: case NODE_LINEBREAK:
            g_string_append_c(s, ' ');
            break;
        case NODE_IMAGE: /* an image stands for its description */
            if (c->as.image.alt)
                g_string_append(s, c->as.image.alt);
            break;
        default:
            break;
        }
    }
    char *out = strdup(s->str);
    g_string_free(s, TRUE);
    return out;
}
