/* punctuation.c - straight quotes, double hyphens and three dots become
 * the typographic characters of the text's language (see punctuation.h).
 *
 * One block of inline text (a paragraph, a heading, a table cell...) is
 * flattened into one array of code points, so a quote's neighbours are
 * seen across emphasis and links: `"*word*"` opens before the emphasis.
 * Code, images, note references and autolinks stand in the array as one
 * object character (U+FFFC) and are never changed.  Each position gets a
 * replacement of zero to three code points; the text nodes are then
 * rebuilt from their own positions. */
#include "punctuation.h"

#include <glib.h>
#include <string.h>

#define OBJECT 0xFFFC   /* code, image, note reference, autolink */
#define NNBSP 0x202F    /* narrow no-break space (French) */
#define APOSTROPHE 0x2019

typedef struct {
    gunichar open, close;
} mark_pair;

typedef struct {
    mark_pair dbl, sgl;
    bool french;        /* thin no-break spaces inside « » and before ; : ! ? */
} lang_marks;

static const lang_marks marks_en = {{0x201C, 0x201D}, {0x2018, 0x2019}, false};
static const lang_marks marks_de = {{0x201E, 0x201C}, {0x201A, 0x2018}, false};
static const lang_marks marks_fr = {{0x00AB, 0x00BB}, {0x201C, 0x201D}, true};

static const lang_marks *marks_for(const char *lang)
{
    if (lang && !g_ascii_strncasecmp(lang, "de", 2) && (!lang[2] || lang[2] == '-'))
        return &marks_de;
    if (lang && !g_ascii_strncasecmp(lang, "fr", 2) && (!lang[2] || lang[2] == '-'))
        return &marks_fr;
    /* nl, en and every other language: English-style marks. */
    return &marks_en;
}

/* The flattened block: code points, the text node each came from (NULL
 * for breaks and objects) and its language. */
typedef struct {
    GArray *cp;          /* gunichar */
    GArray *owner;       /* node * */
    GArray *lang;        /* const char * */
} flat;

static void flat_push(flat *f, gunichar c, node *owner, const char *lang)
{
    g_array_append_val(f->cp, c);
    g_array_append_val(f->owner, owner);
    g_array_append_val(f->lang, lang);
}

/* An autolink shows its URL as its text: that text is a URL, not prose. */
static bool is_autolink(const node *link)
{
    const node *t = link->first;
    if (!t || t != link->last || t->type != NODE_TEXT || !t->text || !link->as.link.url)
        return false;
    const char *url = link->as.link.url;
    size_t lu = strlen(url), lt = strlen(t->text);
    return lt <= lu && !strcmp(url + lu - lt, t->text);
}

static void flatten(flat *f, node *parent, const char *lang)
{
    for (node *n = parent->first; n; n = n->next) {
        switch (n->type) {
        case NODE_TEXT:
            for (const char *p = n->text ? n->text : ""; *p; p = g_utf8_next_char(p))
                flat_push(f, g_utf8_get_char(p), n, lang);
            break;
        case NODE_SOFTBREAK:
        case NODE_LINEBREAK:
            flat_push(f, ' ', NULL, lang);
            break;
        case NODE_LINK:
            if (is_autolink(n))
                flat_push(f, OBJECT, NULL, lang);
            else
                flatten(f, n, lang);
            break;
        case NODE_SPAN_LANG:
            flatten(f, n, n->as.span.lang ? n->as.span.lang : lang);
            break;
        case NODE_EMPH:
        case NODE_STRONG:
        case NODE_STRIKE:
        case NODE_SUPERSCRIPT:
        case NODE_SUBSCRIPT:
            flatten(f, n, lang);
            break;
        default: /* code, images, note references: never changed */
            flat_push(f, OBJECT, NULL, lang);
            break;
        }
    }
}

typedef struct {
    gunichar u[3];
    int n;
} repl;

typedef struct {
    char ch;             /* ' or " as typed */
    int level;           /* nesting depth when it opened */
} open_quote;

static bool is_blank(gunichar c)
{
    return c == 0 || c == 0xA0 || c == NNBSP || g_unichar_isspace(c);
}

static bool is_word(gunichar c)
{
    return c != 0 && g_unichar_isalnum(c);
}

/* Before an opening quote: a space, the start, a bracket or a dash. */
static bool opens_after(gunichar c)
{
    return is_blank(c) || c == '(' || c == '[' || c == '{' || c == '-' || c == '/' ||
           c == 0x2013 || c == 0x2014;
}

/* Words that begin with an elided letter: 't, 's, 'n, 'k (Dutch), 'em,
 * 'til, 'tis (English).  A quote before one of these is an apostrophe. */
static bool elision_at(const gunichar *c, size_t i, size_t len)
{
    static const char *const words[] = {"t", "s", "n", "k", "m", "r", "ns", "em", "er", "tis",
                                        "twas", "til", "cause", "bout", "round", "tween"};
    for (size_t w = 0; w < G_N_ELEMENTS(words); w++) {
        size_t l = strlen(words[w]), k;
        for (k = 0; k < l && i + k < len; k++)
            if (g_unichar_tolower(c[i + k]) != (gunichar)words[w][k])
                break;
        if (k == l && (i + l >= len || !is_word(c[i + l])))
            return true;
    }
    return false;
}

/* Is there a ' later in the block that can close a quotation (not between
 * two letters, not after a space)? */
static bool closing_single_later(const gunichar *c, size_t i, size_t len)
{
    for (size_t j = i + 1; j < len; j++)
        if (c[j] == '\'' && !is_blank(c[j - 1]) && !(is_word(c[j - 1]) && j + 1 < len &&
                                                     is_word(c[j + 1])))
            return true;
    return false;
}

static mark_pair level_marks(const lang_marks *m, quote_primary primary, int level)
{
    bool dbl = (level % 2 == 0) == (primary == QUOTES_DOUBLE);
    return dbl ? m->dbl : m->sgl;
}

static void set1(repl *r, gunichar a)
{
    r->u[0] = a;
    r->n = 1;
}

/* Decides every position of the block. */
static void decide(const gunichar *c, const char *const *langs, const node *const *owner,
                   size_t len, quote_primary primary, repl *r)
{
    GArray *stack = g_array_new(FALSE, FALSE, sizeof(open_quote));
    bool *opened = g_new0(bool, len + 1);
    for (size_t i = 0; i < len; i++)
        set1(&r[i], c[i]);
    for (size_t i = 0; i < len; i++) {
        const lang_marks *m = marks_for(langs[i]);
        gunichar prev = i > 0 ? c[i - 1] : 0, next = i + 1 < len ? c[i + 1] : 0;
        bool open_ctx = opens_after(prev) || (i > 0 && opened[i - 1]);
        if (c[i] == '-' && owner[i]) {
            size_t k = i;
            while (k < len && c[k] == '-' && owner[k] == owner[i])
                k++;
            if (k - i == 2 || k - i == 3) {
                set1(&r[i], k - i == 2 ? 0x2013 : 0x2014);
                for (size_t j = i + 1; j < k; j++)
                    r[j].n = 0;
            }
            i = k - 1;
            continue;
        }
        if (c[i] == '.' && owner[i]) {
            size_t k = i;
            while (k < len && c[k] == '.' && owner[k] == owner[i])
                k++;
            if (k - i == 3) {
                set1(&r[i], 0x2026);
                r[i + 1].n = r[i + 2].n = 0;
            }
            i = k - 1;
            continue;
        }
        if (m->french && owner[i] && (c[i] == ';' || c[i] == ':' || c[i] == '!' || c[i] == '?') &&
            i > 0 && (prev == ' ' || prev == 0xA0) && r[i - 1].n == 1)
            set1(&r[i - 1], NNBSP);
        if ((c[i] != '"' && c[i] != '\'') || !owner[i])
            continue;
        bool open;
        if (c[i] == '\'') {
            if (is_word(prev) && is_word(next)) {
                set1(&r[i], APOSTROPHE);               /* regio's, zo'n */
                continue;
            }
            if (open_ctx) {
                if (g_unichar_isdigit(next) || is_blank(next) || elision_at(c, i + 1, len) ||
                    !closing_single_later(c, i, len)) {
                    set1(&r[i], APOSTROPHE);           /* '80, 't, 's-Hertogenbosch */
                    continue;
                }
                open = true;
            } else {
                open = false;
            }
        } else {
            /* Spaced quotes (French habit: `" oui "`): open unless one is
             * already open. */
            bool dq_open = false;
            for (guint k = 0; k < stack->len; k++)
                dq_open |= g_array_index(stack, open_quote, k).ch == '"';
            open = open_ctx && (!is_blank(next) || !dq_open);
        }
        if (open) {
            open_quote q = {(char)c[i], (int)stack->len};
            g_array_append_val(stack, q);
            mark_pair p = level_marks(m, primary, q.level);
            r[i].u[0] = p.open;
            r[i].n = 1;
            if (m->french && p.open == 0x00AB) {
                r[i].u[r[i].n++] = NNBSP;
                if (next == ' ' && i + 1 < len)
                    r[i + 1].n = 0;
            }
            opened[i] = true;
            continue;
        }
        /* A close: the innermost quotation opened with the same character. */
        int found = -1;
        for (int k = (int)stack->len - 1; k >= 0; k--)
            if (g_array_index(stack, open_quote, k).ch == (char)c[i]) {
                found = k;
                break;
            }
        if (found < 0 && c[i] == '\'') {
            set1(&r[i], APOSTROPHE);                   /* the jongens' boeken */
            continue;
        }
        int level = found >= 0 ? g_array_index(stack, open_quote, found).level : 0;
        if (found >= 0)
            g_array_set_size(stack, found);
        mark_pair p = level_marks(m, primary, level);
        r[i].n = 0;
        if (m->french && p.close == 0x00BB) {
            if (i > 0 && (prev == ' ' || prev == 0xA0) && r[i - 1].n == 1)
                r[i - 1].n = 0;
            r[i].u[r[i].n++] = NNBSP;
        }
        r[i].u[r[i].n++] = p.close;
    }
    g_free(opened);
    g_array_free(stack, TRUE);
}

/* Rewrites the text nodes among parent's inlines as one block. */
static void punctuate_block(node *parent, const char *lang, quote_primary primary)
{
    flat f = {g_array_new(FALSE, FALSE, sizeof(gunichar)),
              g_array_new(FALSE, FALSE, sizeof(node *)),
              g_array_new(FALSE, FALSE, sizeof(const char *))};
    flatten(&f, parent, lang);
    size_t len = f.cp->len;
    const gunichar *c = (const gunichar *)(void *)f.cp->data;
    node *const *owner = (node *const *)(void *)f.owner->data;
    repl *r = g_new0(repl, len + 1);
    decide(c, (const char *const *)(void *)f.lang->data, (const node *const *)owner, len,
           primary, r);
    /* Rebuild each text node from its own positions (they are contiguous). */
    for (size_t i = 0; i < len;) {
        node *t = owner[i];
        if (!t) {
            i++;
            continue;
        }
        GString *s = g_string_new(NULL);
        size_t k = i;
        for (; k < len && owner[k] == t; k++)
            for (int j = 0; j < r[k].n; j++)
                g_string_append_unichar(s, r[k].u[j]);
        if (strcmp(s->str, t->text)) {
            g_free(t->text);
            t->text = g_string_free(s, FALSE);
        } else {
            g_string_free(s, TRUE);
        }
        i = k;
    }
    g_free(r);
    g_array_free(f.cp, TRUE);
    g_array_free(f.owner, TRUE);
    g_array_free(f.lang, TRUE);
}

static void punctuate_blocks(node *n, const char *lang, quote_primary primary)
{
    if (!n->first)
        return;
    if (node_is_inline(n->first)) {
        punctuate_block(n, lang, primary);
        return;
    }
    for (node *k = n->first; k; k = k->next)
        punctuate_blocks(k, lang, primary);
}

char *punctuation_string(const char *text, const char *lang, quote_primary primary)
{
    src_pos nowhere = {NULL, 0, 0};
    node *p = node_new(NODE_PARAGRAPH, nowhere);
    node *t = node_new(NODE_TEXT, nowhere);
    t->text = g_strdup(text ? text : "");
    node_append(p, t);
    punctuate_block(p, lang, primary);
    char *out = t->text;
    t->text = NULL;
    tree_free(p);
    return out;
}

static void punctuate_meta(char **s, const char *lang, quote_primary primary)
{
    if (!*s)
        return;
    char *out = punctuation_string(*s, lang, primary);
    g_free(*s);
    *s = out;
}

void punctuation_apply(node *issue, quote_primary primary)
{
    issue_meta *im = &issue->as.issue;
    const char *lang = im->language;
    punctuate_meta(&im->title, lang, primary);
    punctuate_meta(&im->subtitle, lang, primary);
    for (node *a = issue->first; a; a = a->next) {
        if (a->type != NODE_ARTICLE)
            continue;
        article_meta *am = &a->as.article;
        punctuate_meta(&am->title, lang, primary);
        punctuate_meta(&am->subtitle, lang, primary);
        punctuate_meta(&am->rubric, lang, primary);
        for (size_t k = 0; k < am->nauthors; k++)
            punctuate_meta(&am->authors[k], lang, primary);
        if (am->lead)
            punctuate_blocks(am->lead, lang, primary);
        punctuate_blocks(a, lang, primary);
    }
}
