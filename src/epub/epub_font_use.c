/* epub_font_use.c - which faces the e-book's text is set in, and which
 * characters each family must draw, found by walking the tree the way the
 * stylesheet (epub_css.c) sets it: each kind of text in its style's family
 * and weight, <em> italic, <strong> one step bolder (CSS "bolder"), table
 * heads and note numbers bold.
 *
 * The characters are gathered per family, not per face: a face keeps every
 * character its family sets anywhere in the book, so a reading system's
 * own bold or italic of any word still finds its glyphs.  Added to every
 * family: what CSS can produce beyond the text (capitals where the style
 * sets caps, the hyphen a hyphenating engine inserts, quotation marks,
 * digits of note and list numbers). */
#include "epub_book.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include "words.h"

struct epub_font_use {
    GHashTable *chars;   /* casefolded family -> GHashTable (set of gunichar) */
    GHashTable *faces;   /* "family\nweight\nitalic" (casefolded family) -> itself */
};

typedef struct {
    const style_text *t; /* the kind of text */
    int weight;          /* CSS weight after <strong> */
    bool italic;
} text_ctx;

static char *family_key(const char *family)
{
    return g_utf8_casefold(family ? family : "", -1);
}

static GHashTable *family_set(epub_font_use *u, const char *family)
{
    char *k = family_key(family);
    GHashTable *set = g_hash_table_lookup(u->chars, k);
    if (!set) {
        set = g_hash_table_new(g_direct_hash, g_direct_equal);
        g_hash_table_insert(u->chars, k, set);
    } else {
        g_free(k);
    }
    return set;
}

/* The text of s, set in family at weight/italic (caps: also its capitals). */
static void add_text(epub_font_use *u, const text_ctx *c, const char *s)
{
    if (!c->t->family || !s)
        return;
    GHashTable *set = family_set(u, c->t->family);
    bool any = false;
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar ch = g_utf8_get_char(p);
        if (ch == '\n' || ch == '\t')
            ch = ' ';
        g_hash_table_add(set, GUINT_TO_POINTER(ch));
        if (c->t->caps) {
            /* Capitals where the style sets them (which kinds keep them in
             * the e-book is the stylesheet's choice; the glyphs are cheap). */
            gunichar up[8];
            char buf[32];
            int n = g_unichar_to_utf8(ch, buf);
            buf[n] = '\0';
            char *U = g_utf8_strup(buf, -1);
            size_t k = 0;
            for (const char *q = U; *q && k < G_N_ELEMENTS(up); q = g_utf8_next_char(q))
                up[k++] = g_utf8_get_char(q);
            for (size_t i = 0; i < k; i++)
                g_hash_table_add(set, GUINT_TO_POINTER(up[i]));
            g_free(U);
        }
        any = true;
    }
    if (any) {
        char *fk = family_key(c->t->family);
        char *key = g_strdup_printf("%s\n%d\n%d", fk, c->weight, c->italic ? 1 : 0);
        g_free(fk);
        g_hash_table_add(u->faces, key);
    }
}

/* CSS "bolder" (CSS Fonts 4, the relative weights table). */
static int bolder(int w)
{
    return w < 350 ? 400 : w < 550 ? 700 : 900;
}

static text_ctx ctx_of(const style_text *t)
{
    return (text_ctx){t, t->weight > 0 ? t->weight : 400, t->italic};
}

static void add_number(epub_font_use *u, const text_ctx *c, int n)
{
    char buf[16];
    g_snprintf(buf, sizeof buf, "%d", n);
    add_text(u, c, buf);
}

static void inlines(epub_font_use *u, const style *st, const text_ctx *c, const node *first)
{
    for (const node *n = first; n; n = n->next) {
        text_ctx k = *c;
        switch (n->type) {
        case NODE_TEXT:
            add_text(u, c, n->text);
            break;
        case NODE_SOFTBREAK:
        case NODE_LINEBREAK:
            add_text(u, c, " ");
            break;
        case NODE_CODE: {
            text_ctx code = ctx_of(&st->code);
            add_text(u, &code, n->text);
            break;
        }
        case NODE_EMPH:
            k.italic = true;
            inlines(u, st, &k, n->first);
            break;
        case NODE_STRONG:
            k.weight = bolder(k.weight);
            inlines(u, st, &k, n->first);
            break;
        case NODE_FOOTNOTE_REF:
            add_number(u, c, n->as.note.number);
            break;
        default:
            inlines(u, st, c, n->first);
            break;
        }
    }
}

static const style_text *heading_text(const style *st, int level)
{
    return level <= 2 ? &st->heading[0] : level == 3 ? &st->heading[1] : &st->heading[2];
}

/* How a colophon sets its headings (epub_css.c colophon_rules). */
static text_ctx colophon_heading(const style *st)
{
    text_ctx c = ctx_of(&st->colophon);
    c.weight = 700;
    return c;
}

static void blocks(epub_font_use *u, const style *st, const text_ctx *c, const node *first,
                   bool colophon)
{
    for (const node *n = first; n; n = n->next) {
        text_ctx k;
        switch (n->type) {
        case NODE_PARAGRAPH:
            if (node_is_question(n)) {
                k = ctx_of(&st->question);
                inlines(u, st, &k, n->first);
            } else {
                inlines(u, st, c, n->first);
            }
            break;
        case NODE_TABLE_CELL:
            inlines(u, st, c, n->first);
            break;
        case NODE_BLOCK_QUOTE:
            k = ctx_of(&st->blockquote);
            blocks(u, st, &k, n->first, colophon);
            break;
        case NODE_HEADING:
            k = colophon ? colophon_heading(st) : ctx_of(heading_text(st, n->as.heading.level));
            inlines(u, st, &k, n->first);
            break;
        case NODE_LIST:
            /* The markers: numbers and bullets in the text's face. */
            add_text(u, c, "0123456789.)\xe2\x80\xa2\xe2\x97\xa6\xe2\x96\xaa");
            blocks(u, st, c, n->first, colophon);
            break;
        case NODE_CODE_BLOCK:
            k = ctx_of(&st->code);
            add_text(u, &k, n->text);
            break;
        case NODE_TABLE:
            k = ctx_of(&st->table);
            for (const node *row = n->first; row; row = row->next) {
                text_ctx r = k;
                if (row->as.row.header)
                    r.weight = 700; /* th */
                blocks(u, st, &r, row->first, colophon);
            }
            break;
        case NODE_FIGURE:
            k = ctx_of(&st->caption);
            inlines(u, st, &k, n->first);
            break;
        case NODE_PULLQUOTE:
            k = ctx_of(&st->pullquote);
            blocks(u, st, &k, n->first, colophon);
            break;
        case NODE_ATTRIBUTION:
            k = ctx_of(&st->attribution);
            add_text(u, &k, "\xe2\x80\x94 ");
            inlines(u, st, &k, n->first);
            break;
        case NODE_BYLINE_NAME:
            k = ctx_of(&st->byline_name);
            inlines(u, st, &k, n->first);
            break;
        case NODE_BYLINE_ROLE:
            k = ctx_of(&st->byline_role);
            inlines(u, st, &k, n->first);
            break;
        case NODE_SIDEBAR:
            k = ctx_of(&st->sidebar);
            blocks(u, st, &k, n->first, colophon);
            break;
        case NODE_FOOTNOTE_DEF:
            k = ctx_of(&st->footnote);
            blocks(u, st, &k, n->first, colophon);
            k.weight = 700; /* a.note-number */
            add_number(u, &k, n->as.note.number);
            break;
        default:
            blocks(u, st, c, n->first, colophon);
            break;
        }
    }
}

static void article(epub_font_use *u, const style *st, const node *a)
{
    const article_meta *m = &a->as.article;
    text_ctx k = ctx_of(&st->rubric);
    add_text(u, &k, m->rubric);
    k = ctx_of(&st->title);
    add_text(u, &k, m->title);
    k = ctx_of(&st->subtitle);
    add_text(u, &k, m->subtitle);
    if (m->lead) {
        k = ctx_of(&st->lead);
        inlines(u, st, &k, m->lead->first);
    }
    bool colophon = m->type == ARTICLE_COLOPHON;
    k = ctx_of(colophon ? &st->colophon : &st->body);
    blocks(u, st, &k, a->first, colophon);
    /* In the contents: the title as an article entry, headings as sections. */
    k = ctx_of(&st->cover_item);
    add_text(u, &k, m->title);
}

/* The nav document's own words and its section entries (epub_nav.c). */
static void nav(epub_font_use *u, const style *st, const node *issue)
{
    const char *lang = issue->as.issue.language;
    text_ctx k = ctx_of(&st->title);
    add_text(u, &k, words_get(lang, WORD_CONTENTS));
    k = ctx_of(&st->body);
    const char *words[] = {words_get(lang, WORD_LANDMARKS), words_get(lang, WORD_PAGES),
                           words_get(lang, WORD_COVER), words_get(lang, WORD_START)};
    for (size_t i = 0; i < G_N_ELEMENTS(words); i++)
        add_text(u, &k, words[i]);
    for (const node *a = issue->first; a; a = a->next)
        for (const node *h = a->type == NODE_ARTICLE ? a->first : NULL; h; h = h->next)
            if (h->type == NODE_HEADING) {
                char *t = tree_plain_text(h);
                add_text(u, &k, t);
                g_free(t);
            }
}

/* What CSS can put on the page that is not in the text. */
static const char css_extras[] =
    " \xc2\xa0"                          /* space, no-break space */
    "-\xe2\x80\x90\xc2\xad"              /* hyphen-minus, hyphen, soft hyphen */
    "'\"\xe2\x80\x98\xe2\x80\x99\xe2\x80\x9c\xe2\x80\x9d\xe2\x80\x9a\xe2\x80\x9e" /* quotes */
    "0123456789";

static void add_extras(gpointer key, gpointer value, gpointer ud)
{
    GHashTable *set = value;
    for (const char *p = css_extras; *p; p = g_utf8_next_char(p))
        g_hash_table_add(set, GUINT_TO_POINTER(g_utf8_get_char(p)));
}

epub_font_use *epub_font_use_new(const node *issue, const style *st)
{
    epub_font_use *u = g_new0(epub_font_use, 1);
    u->chars = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify)g_hash_table_destroy);
    u->faces = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (const node *a = issue->first; a; a = a->next)
        if (a->type == NODE_ARTICLE)
            article(u, st, a);
    nav(u, st, issue);
    g_hash_table_foreach(u->chars, add_extras, NULL);
    return u;
}

void epub_font_use_free(epub_font_use *u)
{
    if (!u)
        return;
    g_hash_table_destroy(u->chars);
    g_hash_table_destroy(u->faces);
    g_free(u);
}

static int cmp_unichar(const void *a, const void *b)
{
    gunichar x = *(const gunichar *)a, y = *(const gunichar *)b;
    return x < y ? -1 : x > y;
}

gunichar *epub_font_use_chars(const epub_font_use *u, const char *family, size_t *n)
{
    char *k = family_key(family);
    GHashTable *set = g_hash_table_lookup(u->chars, k);
    g_free(k);
    *n = set ? g_hash_table_size(set) : 0;
    gunichar *out = g_new(gunichar, *n + 1);
    if (set) {
        GHashTableIter it;
        gpointer key;
        size_t i = 0;
        g_hash_table_iter_init(&it, set);
        while (g_hash_table_iter_next(&it, &key, NULL))
            out[i++] = GPOINTER_TO_UINT(key);
        qsort(out, *n, sizeof *out, cmp_unichar); /* a stable order: the same subset */
    }
    return out;
}

/* CSS font matching (CSS Fonts 4, 5.2 step 4) among the files of one
 * family: style first (italic, else upright and synthesised), then the
 * weight rule.  Returns the index in faces, or -1. */
static int css_match(const font_face *faces, size_t n, const char *family, int weight,
                     bool italic)
{
    int best = -1;
    for (int pass = 0; pass < 2 && best < 0; pass++) {
        bool want_italic = pass == 0 ? italic : !italic;
        long best_rank = 0;
        for (size_t i = 0; i < n; i++) {
            const font_face *f = &faces[i];
            if (g_ascii_strcasecmp(f->family, family) != 0 || f->italic != want_italic)
                continue;
            int w = f->weight;
            long rank; /* lower is better */
            if (w == weight)
                rank = 0;
            else if (weight >= 400 && weight <= 500 && w > weight && w <= 500)
                rank = w - weight;                       /* up to 500 first */
            else if (weight <= 500 && w < weight)
                rank = 1000 + (weight - w);              /* then lighter */
            else if (weight <= 500)
                rank = 2000 + (w - weight);              /* then heavier */
            else if (w > weight)
                rank = w - weight;                       /* heavy: heavier first */
            else
                rank = 1000 + (weight - w);
            if (best < 0 || rank < best_rank) {
                best = (int)i;
                best_rank = rank;
            }
        }
    }
    return best;
}

bool *epub_font_use_faces(const epub_font_use *u, const font_face *faces, size_t n)
{
    bool *used = g_new0(bool, n + 1);
    GHashTableIter it;
    gpointer key;
    g_hash_table_iter_init(&it, u->faces);
    while (g_hash_table_iter_next(&it, &key, NULL)) {
        char **parts = g_strsplit(key, "\n", 3);
        int i = css_match(faces, n, parts[0], atoi(parts[1]), atoi(parts[2]) != 0);
        if (i >= 0)
            used[i] = true;
        g_strfreev(parts);
    }
    return used;
}
