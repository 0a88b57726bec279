/* markdown.c - cmark-gfm AST -> folio tree.
 *
 * Contents:
 *   1. source lines and fence lines   (the `:::` divs cmark does not know)
 *   2. raw HTML: the safe inline subset
 *   3. inlines
 *   4. blocks and divs
 *   5. footnotes: labels, definitions, diagnostics
 *   6. entry points
 */
#include "markdown.h"
#include "figure_attrs.h"
#include "lang.h"

#define CMARK_NO_SHORT_NAMES 1 /* cmark would #define NODE_* names that clash with ours */
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <ctype.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#define PARSE_OPTIONS (CMARK_OPT_FOOTNOTES | CMARK_OPT_UNSAFE)

typedef enum { DIV_NONE, DIV_PULLQUOTE, DIV_BYLINE, DIV_SIDEBAR } div_kind;

typedef struct {
    int open_line, close_line;   /* 1-based body lines; close 0 = unterminated */
    div_kind kind;
} fence_div;

typedef struct {
    const char *file;
    int line_offset;
    diag_list *d;
    const char *text;            /* the body as given */
    size_t len;
    GPtrArray *lines;            /* borrowed pointers to line starts */
    GArray *line_lens;
    GArray *divs;                /* fence_div */
    GPtrArray *defs;             /* NODE_FOOTNOTE_DEF in cmark's order */
    bool ok;
} md_reader;

static void md_refuse_notes_in_alt(md_reader *r, const node *desc);

static src_pos md_pos(md_reader *r, int line, int col)
{
    src_pos p = {r->file, line > 0 ? line + r->line_offset : 0, line > 0 ? col : 0};
    return p;
}

static src_pos cm_pos(md_reader *r, cmark_node *c, src_pos fallback)
{
    int line = cmark_node_get_start_line(c);
    if (line <= 0)
        return fallback;
    return md_pos(r, line, cmark_node_get_start_column(c));
}

/* ---------------------------------------------------------------------
 * 1. source lines and fence lines
 * ------------------------------------------------------------------ */

static void md_split_lines(md_reader *r)
{
    r->lines = g_ptr_array_new();
    r->line_lens = g_array_new(FALSE, FALSE, sizeof(size_t));
    size_t start = 0;
    for (size_t i = 0; i <= r->len; i++) {
        if (i == r->len || r->text[i] == '\n') {
            if (i == r->len && start == r->len)
                break;
            size_t l = i - start;
            if (l > 0 && r->text[start + l - 1] == '\r')
                l--;
            g_ptr_array_add(r->lines, (gpointer)(r->text + start));
            g_array_append_val(r->line_lens, l);
            start = i + 1;
        }
    }
}

static const char *md_line(md_reader *r, int line, size_t *len)
{
    if (line < 1 || (guint)line > r->lines->len) {
        *len = 0;
        return "";
    }
    *len = g_array_index(r->line_lens, size_t, line - 1);
    return g_ptr_array_index(r->lines, line - 1);
}

/* A fence line is `:::` (three or more colons) at the start of a line,
 * optionally followed by a name.  Returns 0 when the line is no fence,
 * 1 for an opening fence (name copied), 2 for a closing fence. */
static int fence_parse(const char *s, size_t n, char *name, size_t name_cap, int *name_col)
{
    size_t i = 0;
    while (i < n && s[i] == ':')
        i++;
    if (i < 3)
        return 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i == n)
        return 2;
    *name_col = (int)i + 1;
    size_t k = 0;
    /* pandoc also allows `::: {.name}`; accept the braces and the dot. */
    if (s[i] == '{')
        i++;
    if (i < n && s[i] == '.')
        i++;
    while (i < n && (isalnum((unsigned char)s[i]) || s[i] == '-' || s[i] == '_')) {
        if (k + 1 < name_cap)
            name[k++] = s[i];
        i++;
    }
    name[k] = 0;
    if (i < n && s[i] == '}')
        i++;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == ':'))
        i++;
    if (k == 0 || i != n)
        return 0;
    return 1;
}

static div_kind div_kind_from_name(const char *name)
{
    if (!strcmp(name, "pullquote"))
        return DIV_PULLQUOTE;
    if (!strcmp(name, "byline"))
        return DIV_BYLINE;
    if (!strcmp(name, "sidebar"))
        return DIV_SIDEBAR;
    return DIV_NONE;
}

/* Marks the lines that belong to code and HTML blocks of a first parse:
 * a `:::` there is code, not a fence. */
static void md_mark_literal_lines(cmark_node *doc, guint8 *literal, int nlines)
{
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *c = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        cmark_node_type t = cmark_node_get_type(c);
        if (t == CMARK_NODE_CODE_BLOCK || t == CMARK_NODE_HTML_BLOCK) {
            int a = cmark_node_get_start_line(c), b = cmark_node_get_end_line(c);
            for (int l = a; l <= b && l <= nlines; l++)
                if (l >= 1)
                    literal[l - 1] = 1;
        }
    }
    cmark_iter_free(it);
}

/* The length of what puts a line inside another block: indentation,
 * block quote markers, list markers.  A fence after it would reach the
 * outputs as text, since fences are only read at the left margin. */
static size_t container_prefix(const char *s, size_t n)
{
    size_t i = 0;
    for (;;) {
        size_t k = i;
        while (k < n && (s[k] == ' ' || s[k] == '\t'))
            k++;
        if (k < n && s[k] == '>') {
            i = k + 1;
            continue;
        }
        if (k + 1 < n && (s[k] == '-' || s[k] == '*' || s[k] == '+') &&
            (s[k + 1] == ' ' || s[k + 1] == '\t')) {
            i = k + 1;
            continue;
        }
        size_t d = k;
        while (d < n && d - k < 9 && isdigit((unsigned char)s[d]))
            d++;
        if (d > k && d + 1 < n && (s[d] == '.' || s[d] == ')') &&
            (s[d + 1] == ' ' || s[d + 1] == '\t')) {
            i = d + 1;
            continue;
        }
        return k;
    }
}

/* Finds the fences, reports bad ones, and returns a copy of the text with
 * every fence line blanked (so cmark sees a paragraph end there), or NULL
 * when there are none. */
static char *md_find_fences(md_reader *r, cmark_node *first_parse)
{
    int nlines = (int)r->lines->len;
    guint8 *literal = g_new0(guint8, nlines + 1);
    md_mark_literal_lines(first_parse, literal, nlines);
    char *copy = NULL;
    fence_div *open = NULL;
    for (int l = 1; l <= nlines; l++) {
        size_t n;
        const char *s = md_line(r, l, &n);
        char name[64];
        int name_col = 1;
        int kind = literal[l - 1] ? 0 : fence_parse(s, n, name, sizeof name, &name_col);
        if (!kind && !literal[l - 1]) {
            size_t skip = container_prefix(s, n);
            if (skip > 0 && fence_parse(s + skip, n - skip, name, sizeof name, &name_col)) {
                diag_error(r->d, md_pos(r, l, (int)skip + 1),
                           "a `:::` fence inside a list item, block quote or note: `:::` "
                           "blocks stand at the left margin, outside other blocks");
                r->ok = false;
            }
        }
        if (!kind)
            continue;
        if (!copy)
            copy = g_memdup2(r->text, r->len + 1);
        memset(copy + (s - r->text), ' ', n);
        if (kind == 1) {
            div_kind k = div_kind_from_name(name);
            if (k == DIV_NONE) {
                diag_error(r->d, md_pos(r, l, name_col),
                           "unknown block `::: %s` (known: pullquote, byline, sidebar)", name);
                r->ok = false;
            }
            if (open) {
                diag_error(r->d, md_pos(r, l, 1),
                           "`::: %s` inside another block opened on line %d: blocks cannot nest",
                           name, open->open_line + r->line_offset);
                r->ok = false;
                continue;
            }
            fence_div f = {l, 0, k};
            g_array_append_val(r->divs, f);
            open = &g_array_index(r->divs, fence_div, r->divs->len - 1);
        } else {
            if (!open) {
                diag_error(r->d, md_pos(r, l, 1), "`:::` closes no open block");
                r->ok = false;
                continue;
            }
            open->close_line = l;
            open = NULL;
        }
    }
    if (open) {
        diag_error(r->d, md_pos(r, open->open_line, 1),
                   "block opened here is never closed with `:::`");
        r->ok = false;
        open->close_line = nlines + 1;
    }
    g_free(literal);
    return copy;
}

/* The div whose lines contain [a, b], or NULL; a block that straddles a
 * fence is reported. */
static fence_div *md_div_of(md_reader *r, int a, int b)
{
    for (guint i = 0; i < r->divs->len; i++) {
        fence_div *f = &g_array_index(r->divs, fence_div, i);
        /* cmark-gfm 0.29 reports an HTML block that ends on its first
         * line as ending the line before it starts. */
        if (b < a)
            b = a;
        bool starts_in = a > f->open_line && a < f->close_line;
        bool ends_in = b > f->open_line && b < f->close_line;
        if (starts_in && ends_in)
            return f;
        if (starts_in != ends_in) {
            diag_error(r->d, md_pos(r, a, 1),
                       "this block crosses the `:::` fence on line %d; put blank lines "
                       "around fences",
                       (starts_in ? f->close_line : f->open_line) + r->line_offset);
            r->ok = false;
            return starts_in ? f : NULL;
        }
    }
    return NULL;
}

/* ---------------------------------------------------------------------
 * 2. raw HTML: the safe inline subset
 * ------------------------------------------------------------------ */

typedef struct {
    char name[16];
    bool closing, self_closing, comment;
    char *lang;                  /* span lang= value, owned */
    GPtrArray *other_attrs;      /* names of attributes we drop, owned */
} html_tag;

static void html_tag_clear(html_tag *t)
{
    g_free(t->lang);
    if (t->other_attrs)
        g_ptr_array_free(t->other_attrs, TRUE);
    memset(t, 0, sizeof *t);
}

/* Parses one tag as cmark delivers it (a whole `<...>`).  Returns false
 * for things that are not plain tags (declarations, CDATA, ...). */
static bool html_tag_parse(const char *s, html_tag *t)
{
    memset(t, 0, sizeof *t);
    if (g_str_has_prefix(s, "<!--")) {
        t->comment = true;
        return true;
    }
    const char *p = s + 1;
    if (*p == '/') {
        t->closing = true;
        p++;
    }
    size_t k = 0;
    if (!isalpha((unsigned char)*p))
        return false;
    while (isalnum((unsigned char)*p) || *p == '-') {
        if (k + 1 < sizeof t->name)
            t->name[k++] = (char)tolower((unsigned char)*p);
        p++;
    }
    t->name[k] = 0;
    t->other_attrs = g_ptr_array_new_with_free_func(g_free);
    for (;;) {
        while (isspace((unsigned char)*p))
            p++;
        if (!*p || *p == '>')
            break;
        if (*p == '/') {
            t->self_closing = true;
            p++;
            continue;
        }
        const char *an = p;
        while (*p && !isspace((unsigned char)*p) && *p != '=' && *p != '>' && *p != '/')
            p++;
        char *attr = g_ascii_strdown(an, p - an);
        char *value = NULL;
        while (isspace((unsigned char)*p))
            p++;
        if (*p == '=') {
            p++;
            while (isspace((unsigned char)*p))
                p++;
            const char *vs;
            if (*p == '"' || *p == '\'') {
                char q = *p++;
                vs = p;
                while (*p && *p != q)
                    p++;
                value = g_strndup(vs, p - vs);
                if (*p)
                    p++;
            } else {
                vs = p;
                while (*p && !isspace((unsigned char)*p) && *p != '>')
                    p++;
                value = g_strndup(vs, p - vs);
            }
        }
        if (!strcmp(t->name, "span") && !strcmp(attr, "lang") && value && !t->lang) {
            t->lang = value;
            value = NULL;
            g_free(attr);
        } else {
            g_ptr_array_add(t->other_attrs, attr);
        }
        g_free(value);
    }
    return true;
}

static node_type html_allowed_type(const char *name)
{
    if (!strcmp(name, "sup")) return NODE_SUPERSCRIPT;
    if (!strcmp(name, "sub")) return NODE_SUBSCRIPT;
    if (!strcmp(name, "em") || !strcmp(name, "i")) return NODE_EMPH;
    if (!strcmp(name, "strong") || !strcmp(name, "b")) return NODE_STRONG;
    if (!strcmp(name, "span")) return NODE_SPAN_LANG;
    if (!strcmp(name, "br")) return NODE_LINEBREAK;
    return NODE_TYPE_COUNT;
}

/* Elements whose content is not text for a reader: dropped with the tags. */
static bool html_drops_content(const char *name)
{
    static const char *const names[] = {"script", "style", "iframe", "object", "embed",
                                        "textarea", "title", "noscript", "template", "svg",
                                        "math", NULL};
    for (int i = 0; names[i]; i++)
        if (!strcmp(name, names[i]))
            return true;
    return false;
}

/* ---------------------------------------------------------------------
 * 3. inlines
 * ------------------------------------------------------------------ */

typedef struct {
    node *stack[MARKDOWN_MAX_DEPTH];
    int depth;
    char skip_until[16];         /* inside <script> etc.: drop until its end tag */
} inline_state;

static void md_read_inlines(md_reader *r, cmark_node *first, node *parent, int depth);

static bool url_is_unsafe(const char *url)
{
    while (*url && isspace((unsigned char)*url))
        url++;
    return g_ascii_strncasecmp(url, "javascript:", 11) == 0 ||
           g_ascii_strncasecmp(url, "vbscript:", 9) == 0 ||
           g_ascii_strncasecmp(url, "data:text/html", 14) == 0;
}

static void md_html_inline(md_reader *r, cmark_node *c, inline_state *st, src_pos pos)
{
    const char *lit = cmark_node_get_literal(c);
    html_tag t;
    if (!html_tag_parse(lit, &t)) {
        diag_warning(r->d, pos, "raw HTML `%s` is not allowed and was dropped", lit);
        return;
    }
    if (t.comment) {
        html_tag_clear(&t);
        return;
    }
    if (st->skip_until[0]) {
        if (t.closing && !strcmp(t.name, st->skip_until))
            st->skip_until[0] = 0;
        html_tag_clear(&t);
        return;
    }
    node *target = st->stack[st->depth];
    node_type type = html_allowed_type(t.name);
    if (type == NODE_TYPE_COUNT) {
        if (!t.closing) {
            diag_warning(r->d, pos, "raw HTML <%s> is not allowed and was dropped%s", t.name,
                         html_drops_content(t.name) ? " with its content" : "");
            if (html_drops_content(t.name) && !t.self_closing)
                g_strlcpy(st->skip_until, t.name, sizeof st->skip_until);
        }
        html_tag_clear(&t);
        return;
    }
    for (guint i = 0; !t.closing && i < t.other_attrs->len; i++)
        diag_warning(r->d, pos, "attribute `%s` of <%s> is not allowed and was dropped",
                     (char *)g_ptr_array_index(t.other_attrs, i), t.name);
    if (type == NODE_LINEBREAK) {
        if (!t.closing)
            node_append(target, node_new(NODE_LINEBREAK, pos));
    } else if (!t.closing) {
        if (type == NODE_SPAN_LANG && !t.lang) {
            /* A span without a language means nothing to us: keep the text. */
            html_tag_clear(&t);
            return;
        }
        if (st->depth + 1 >= MARKDOWN_MAX_DEPTH) {
            diag_error(r->d, pos, "inline markup nested deeper than %d levels",
                       MARKDOWN_MAX_DEPTH);
            r->ok = false;
        } else {
            node *n = node_new(type, pos);
            if (type == NODE_SPAN_LANG) {
                char *why = lang_check(t.lang);
                if (why)
                    diag_error(r->d, pos, "<span lang>: %s", why);
                g_free(why);
                n->as.span.lang = t.lang;
                t.lang = NULL;
            }
            node_append(target, n);
            st->stack[++st->depth] = n;
        }
    } else {
        if (st->depth > 0 && st->stack[st->depth]->type == type)
            st->depth--;
        else if (type != NODE_SPAN_LANG)
            diag_warning(r->d, pos, "</%s> closes nothing and was dropped", t.name);
    }
    html_tag_clear(&t);
}

static node *md_inline_node(md_reader *r, cmark_node *c, src_pos pos, int depth)
{
    const char *ts = cmark_node_get_type_string(c);
    switch (cmark_node_get_type(c)) {
    case CMARK_NODE_TEXT: {
        node *n = node_new(NODE_TEXT, pos);
        n->text = g_strdup(cmark_node_get_literal(c));
        return n;
    }
    case CMARK_NODE_SOFTBREAK: return node_new(NODE_SOFTBREAK, pos);
    case CMARK_NODE_LINEBREAK: return node_new(NODE_LINEBREAK, pos);
    case CMARK_NODE_CODE: {
        node *n = node_new(NODE_CODE, pos);
        n->text = g_strdup(cmark_node_get_literal(c));
        return n;
    }
    case CMARK_NODE_EMPH:
    case CMARK_NODE_STRONG: {
        node *n = node_new(cmark_node_get_type(c) == CMARK_NODE_EMPH ? NODE_EMPH : NODE_STRONG,
                           pos);
        md_read_inlines(r, cmark_node_first_child(c), n, depth + 1);
        return n;
    }
    case CMARK_NODE_LINK: {
        const char *url = cmark_node_get_url(c);
        node *n;
        if (url_is_unsafe(url)) {
            diag_warning(r->d, pos, "link to `%.40s` is not allowed and was dropped (text kept)",
                         url);
            n = node_new(NODE_SPAN_LANG, pos); /* replaced by its children below */
            md_read_inlines(r, cmark_node_first_child(c), n, depth + 1);
            return n;
        }
        n = node_new(NODE_LINK, pos);
        n->as.link.url = g_strdup(url);
        const char *title = cmark_node_get_title(c);
        n->as.link.title = title && *title ? g_strdup(title) : NULL;
        md_read_inlines(r, cmark_node_first_child(c), n, depth + 1);
        return n;
    }
    case CMARK_NODE_IMAGE: {
        node *n = node_new(NODE_IMAGE, pos);
        figure_init(n);
        n->as.image.url = g_strdup(cmark_node_get_url(c));
        const char *title = cmark_node_get_title(c);
        n->as.image.title = title && *title ? g_strdup(title) : NULL;
        /* The alt text is the plain text of the description. */
        node tmp = {0};
        md_read_inlines(r, cmark_node_first_child(c), &tmp, depth + 1);
        md_refuse_notes_in_alt(r, &tmp);
        n->as.image.alt = tree_plain_text(&tmp);
        for (node *k = tmp.first, *next; k; k = next) {
            next = k->next;
            k->parent = NULL;
            tree_free(k);
        }
        return n;
    }
    case CMARK_NODE_FOOTNOTE_REFERENCE: {
        node *n = node_new(NODE_FOOTNOTE_REF, pos);
        n->as.note.number = atoi(cmark_node_get_literal(c));
        return n;
    }
    default:
        break;
    }
    if (ts && !strcmp(ts, "strikethrough")) {
        node *n = node_new(NODE_STRIKE, pos);
        md_read_inlines(r, cmark_node_first_child(c), n, depth + 1);
        return n;
    }
    return NULL;
}

/* Moves the children of a placeholder span (an unsafe link) into its place. */
static void md_unwrap(node *n)
{
    while (n->first) {
        node *k = n->first;
        node_unlink(k);
        node_insert_before(n, k);
    }
    tree_free(n);
}

static void md_read_inlines(md_reader *r, cmark_node *first, node *parent, int depth)
{
    if (depth >= MARKDOWN_MAX_DEPTH) {
        if (first) {
            diag_error(r->d, cm_pos(r, first, parent->pos),
                       "inline markup nested deeper than %d levels", MARKDOWN_MAX_DEPTH);
            r->ok = false;
        }
        return;
    }
    inline_state st = {.depth = 0};
    st.stack[0] = parent;
    for (cmark_node *c = first; c; c = cmark_node_next(c)) {
        src_pos pos = cm_pos(r, c, parent->pos);
        if (cmark_node_get_type(c) == CMARK_NODE_HTML_INLINE) {
            md_html_inline(r, c, &st, pos);
            continue;
        }
        if (st.skip_until[0])
            continue;
        node *n = md_inline_node(r, c, pos, depth);
        if (!n)
            continue;
        node *target = st.stack[st.depth];
        node_append(target, n);
        if (n->type == NODE_SPAN_LANG && !n->as.span.lang)
            md_unwrap(n);
    }
    for (int i = st.depth; i > 0; i--)
        diag_warning(r->d, st.stack[i]->pos, "<%s> is never closed",
                     st.stack[i]->type == NODE_SUPERSCRIPT ? "sup"
                     : st.stack[i]->type == NODE_SUBSCRIPT ? "sub"
                     : st.stack[i]->type == NODE_SPAN_LANG ? "span"
                     : st.stack[i]->type == NODE_EMPH      ? "em"
                                                           : "strong");
}

/* ---------------------------------------------------------------------
 * 4. blocks and divs
 * ------------------------------------------------------------------ */

static node *md_block(md_reader *r, cmark_node *c, int depth);

static void md_read_blocks(md_reader *r, cmark_node *first, node *parent, int depth)
{
    for (cmark_node *c = first; c; c = cmark_node_next(c)) {
        node *n = md_block(r, c, depth);
        if (n)
            node_append(parent, n);
    }
}

/* The text after an image, as written (cmark splits it into several
 * text nodes); NULL when something other than text follows. */
static char *md_text_after(cmark_node *img)
{
    GString *s = g_string_new(NULL);
    for (cmark_node *c = cmark_node_next(img); c; c = cmark_node_next(c)) {
        cmark_node_type t = cmark_node_get_type(c);
        if (t == CMARK_NODE_TEXT)
            g_string_append(s, cmark_node_get_literal(c));
        else if (t == CMARK_NODE_SOFTBREAK)
            g_string_append_c(s, ' ');
        else {
            g_string_free(s, TRUE);
            return NULL;
        }
    }
    return g_string_free(s, FALSE);
}

/* A paragraph that holds one image and nothing else, or one image and
 * its attribute block `{...}`, is a figure. */
static cmark_node *md_lone_image(cmark_node *para)
{
    cmark_node *img = NULL;
    for (cmark_node *c = cmark_node_first_child(para); c; c = cmark_node_next(c)) {
        cmark_node_type t = cmark_node_get_type(c);
        if (t == CMARK_NODE_IMAGE && !img) {
            img = c;
            char *after = md_text_after(c);
            bool attrs = figure_attrs_is_block(after);
            g_free(after);
            if (attrs)
                return img;
        } else if (t == CMARK_NODE_TEXT && strspn(cmark_node_get_literal(c), " \t") ==
                                                 strlen(cmark_node_get_literal(c)))
            continue;
        else
            return NULL;
    }
    return img;
}

/* A picture's description is its alt text, plain text: a note referenced
 * there would have no place to print its number. */
static void md_refuse_notes_in_alt(md_reader *r, const node *desc)
{
    for (const node *k = desc->first; k; k = k->next) {
        if (k->type == NODE_FOOTNOTE_REF) {
            diag_error(r->d, k->pos, "a footnote in a picture's description (its alt text) "
                                     "cannot be printed: put the reference in the text");
            r->ok = false;
        }
        md_refuse_notes_in_alt(r, k);
    }
}

/* A caption is the image's title, which markdown does not parse: a
 * `[^label]` there would print as it is and its note nowhere. */
static void md_refuse_notes_in_caption(md_reader *r, const char *title, src_pos pos)
{
    const char *at = title ? strstr(title, "[^") : NULL;
    if (!at || !strchr(at, ']'))
        return;
    /* the column of the reference on the figure's line, when it is there */
    size_t n;
    const char *line = md_line(r, pos.line - r->line_offset, &n);
    char *probe = g_strndup(at, strcspn(at, "]") + 1);
    const char *hit = g_strstr_len(line, (gssize)n, probe);
    if (hit)
        pos.col = (int)(hit - line) + 1;
    diag_error(r->d, pos, "a footnote %s in a figure caption: captions cannot hold notes; "
                          "put the reference in the text", probe);
    g_free(probe);
    r->ok = false;
}

static node *md_figure(md_reader *r, cmark_node *img, src_pos pos)
{
    node *n = node_new(NODE_FIGURE, pos);
    figure_init(n);
    n->as.image.url = g_strdup(cmark_node_get_url(img));
    const char *title = cmark_node_get_title(img);
    n->as.image.title = title && *title ? g_strdup(title) : NULL;
    node tmp = {0};
    md_read_inlines(r, cmark_node_first_child(img), &tmp, 1);
    md_refuse_notes_in_alt(r, &tmp);
    n->as.image.alt = tree_plain_text(&tmp);
    for (node *k = tmp.first, *next; k; k = next) {
        next = k->next;
        k->parent = NULL;
        tree_free(k);
    }
    /* With attributes (pandoc's syntax), the text in brackets is the
     * caption and alt= the description, which defaults to the caption;
     * a title in quotes stays the caption as before. */
    char *after = md_text_after(img);
    if (figure_attrs_is_block(after)) {
        char *described = n->as.image.alt;
        n->as.image.alt = NULL;
        figure_attrs_apply(n, after, pos, r->d);
        if (!n->as.image.title && described && *described)
            n->as.image.title = g_strdup(described);
        if (!n->as.image.alt)
            n->as.image.alt = g_strdup(described ? described : "");
        g_free(described);
    }
    g_free(after);
    md_refuse_notes_in_caption(r, n->as.image.title, pos);
    /* The caption is the title, as text nodes (titles are not markdown). */
    if (n->as.image.title) {
        node *t = node_new(NODE_TEXT, pos);
        t->text = g_strdup(n->as.image.title);
        node_append(n, t);
    }
    figure_finish(n, r->d);
    return n;
}

static node *md_block(md_reader *r, cmark_node *c, int depth)
{
    src_pos pos = cm_pos(r, c, md_pos(r, 1, 1));
    if (depth >= MARKDOWN_MAX_DEPTH) {
        diag_error(r->d, pos, "blocks nested deeper than %d levels (lists, items and quotes "
                              "together)", MARKDOWN_MAX_DEPTH);
        r->ok = false;
        return NULL;
    }
    cmark_node_type ct = cmark_node_get_type(c);
    if (ct == CMARK_NODE_LIST || ct == CMARK_NODE_BLOCK_QUOTE) {
        int levels = 0;
        for (cmark_node *a = c; a; a = cmark_node_parent(a))
            levels += cmark_node_get_type(a) == ct;
        int limit = ct == CMARK_NODE_LIST ? MARKDOWN_MAX_LIST_DEPTH : MARKDOWN_MAX_QUOTE_DEPTH;
        if (levels > limit) {
            diag_error(r->d, pos, "%s nested deeper than %d levels",
                       ct == CMARK_NODE_LIST ? "list" : "block quote", limit);
            r->ok = false;
            return NULL;
        }
    }
    const char *ts = cmark_node_get_type_string(c);
    node *n = NULL;
    switch (cmark_node_get_type(c)) {
    case CMARK_NODE_PARAGRAPH: {
        cmark_node *img = md_lone_image(c);
        if (img)
            return md_figure(r, img, pos);
        n = node_new(NODE_PARAGRAPH, pos);
        md_read_inlines(r, cmark_node_first_child(c), n, 1);
        if (!n->first) {           /* only dropped HTML */
            tree_free(n);
            return NULL;
        }
        char *plain = tree_plain_text(n);
        size_t plain_len = strlen(plain);
        free(plain);
        if (plain_len > MARKDOWN_MAX_PARAGRAPH) {
            diag_error(r->d, pos, "paragraph of %zu bytes is longer than the limit of %ld; "
                       "split it", plain_len, MARKDOWN_MAX_PARAGRAPH);
            r->ok = false;
        }
        return n;
    }
    case CMARK_NODE_HEADING: {
        n = node_new(NODE_HEADING, pos);
        n->as.heading.level = cmark_node_get_heading_level(c);
        md_read_inlines(r, cmark_node_first_child(c), n, 1);
        return n;
    }
    case CMARK_NODE_BLOCK_QUOTE:
        n = node_new(NODE_BLOCK_QUOTE, pos);
        md_read_blocks(r, cmark_node_first_child(c), n, depth + 1);
        return n;
    case CMARK_NODE_LIST:
        n = node_new(NODE_LIST, pos);
        n->as.list.ordered = cmark_node_get_list_type(c) == CMARK_ORDERED_LIST;
        n->as.list.start = n->as.list.ordered ? cmark_node_get_list_start(c) : 0;
        n->as.list.tight = cmark_node_get_list_tight(c);
        n->as.list.delim = cmark_node_get_list_delim(c) == CMARK_PAREN_DELIM ? ')' : '.';
        md_read_blocks(r, cmark_node_first_child(c), n, depth + 1);
        return n;
    case CMARK_NODE_ITEM:
        n = node_new(NODE_ITEM, pos);
        md_read_blocks(r, cmark_node_first_child(c), n, depth + 1);
        return n;
    case CMARK_NODE_CODE_BLOCK: {
        n = node_new(NODE_CODE_BLOCK, pos);
        n->text = g_strdup(cmark_node_get_literal(c));
        const char *info = cmark_node_get_fence_info(c);
        n->as.code.info = info && *info ? g_strdup(info) : NULL;
        return n;
    }
    case CMARK_NODE_THEMATIC_BREAK:
        return node_new(NODE_THEMATIC_BREAK, pos);
    case CMARK_NODE_HTML_BLOCK: {
        const char *lit = cmark_node_get_literal(c);
        if (g_str_has_prefix(lit, "<!--"))
            return NULL;
        char *first_line = g_strndup(lit, strcspn(lit, "\n"));
        diag_warning(r->d, pos, "raw HTML block `%.60s` is not allowed and was dropped",
                     first_line);
        g_free(first_line);
        return NULL;
    }
    case CMARK_NODE_FOOTNOTE_DEFINITION:
        n = node_new(NODE_FOOTNOTE_DEF, md_pos(r, cmark_node_get_start_line(c), 1));
        /* cmark keeps the label as the definition's literal */
        if (cmark_node_get_literal(c))
            n->as.note.label = g_strdup(cmark_node_get_literal(c));
        md_read_blocks(r, cmark_node_first_child(c), n, depth + 1);
        g_ptr_array_add(r->defs, n);
        return NULL; /* placed by md_finish_notes */
    default:
        break;
    }
    if (ts && !strcmp(ts, "table")) {
        n = node_new(NODE_TABLE, pos);
        int ncols = cmark_gfm_extensions_get_table_columns(c);
        uint8_t *al = cmark_gfm_extensions_get_table_alignments(c);
        n->as.table.ncols = ncols;
        n->as.table.align = g_new0(table_align, ncols > 0 ? ncols : 1);
        for (int i = 0; i < ncols; i++)
            n->as.table.align[i] = al[i] == 'l' ? ALIGN_LEFT
                                   : al[i] == 'c' ? ALIGN_CENTER
                                   : al[i] == 'r' ? ALIGN_RIGHT
                                                  : ALIGN_NONE;
        md_read_blocks(r, cmark_node_first_child(c), n, depth + 1);
        return n;
    }
    if (ts && (!strcmp(ts, "table_row") || !strcmp(ts, "table_header"))) {
        n = node_new(NODE_TABLE_ROW, pos);
        n->as.row.header = cmark_gfm_extensions_get_table_row_is_header(c);
        md_read_blocks(r, cmark_node_first_child(c), n, depth + 1);
        return n;
    }
    if (ts && !strcmp(ts, "table_cell")) {
        n = node_new(NODE_TABLE_CELL, pos);
        md_read_inlines(r, cmark_node_first_child(c), n, 1);
        return n;
    }
    diag_warning(r->d, pos, "unsupported markdown construct `%s` was dropped",
                 ts ? ts : "?");
    return NULL;
}

/* Splits a paragraph's inlines at its first line end: name, then role. */
static void md_build_byline(md_reader *r, node *div, node *blocks_first)
{
    node *para = blocks_first;
    if (!para || para->type != NODE_PARAGRAPH) {
        diag_error(r->d, div->pos, "a byline holds one paragraph: the name, then the role");
        r->ok = false;
        tree_free(para); /* unlinked by the caller: ours to free */
        return;
    }
    node *name = node_new(NODE_BYLINE_NAME, para->pos);
    node *role = NULL;
    node_append(div, name);
    node *k = para->first;
    while (k) {
        node *next = k->next;
        node_unlink(k);
        if (!role && (k->type == NODE_SOFTBREAK || k->type == NODE_LINEBREAK)) {
            role = node_new(NODE_BYLINE_ROLE, next ? next->pos : k->pos);
            node_append(div, role);
            tree_free(k);
        } else {
            if (role && k->type == NODE_SOFTBREAK)
                k->type = NODE_LINEBREAK;
            node_append(role ? role : name, k);
        }
        k = next;
    }
    /* Bold on the name is the style's job: unwrap a name that is all strong. */
    if (name->first && name->first == name->last && name->first->type == NODE_STRONG)
        md_unwrap(name->first);
    tree_free(para);
    for (node *extra = div->first; extra;) {
        node *next = extra->next;
        if (extra->type != NODE_BYLINE_NAME && extra->type != NODE_BYLINE_ROLE) {
            diag_error(r->d, extra->pos, "a byline holds one paragraph: the name, then the role");
            r->ok = false;
            tree_free(extra);
        }
        extra = next;
    }
}

/* A last paragraph that begins with a dash is the pull quote's attribution. */
static void md_build_pullquote(md_reader *r, node *div)
{
    node *last = div->last;
    if (!div->first) {
        diag_error(r->d, div->pos, "empty pull quote");
        r->ok = false;
        return;
    }
    if (last && last->type == NODE_PARAGRAPH && last != div->first && last->first &&
        last->first->type == NODE_TEXT) {
        const char *t = last->first->text;
        const char *dashes[] = {"\xe2\x80\x94", "\xe2\x80\x93", "--", NULL};
        for (int i = 0; dashes[i]; i++) {
            size_t dl = strlen(dashes[i]);
            if (strncmp(t, dashes[i], dl) == 0) {
                t += dl;
                while (*t == ' ')
                    t++;
                char *rest = g_strdup(t);
                g_free(last->first->text);
                last->first->text = rest;
                last->type = NODE_ATTRIBUTION;
                break;
            }
        }
    }
    for (node *k = div->first; k; k = k->next)
        if (k->type != NODE_PARAGRAPH && k->type != NODE_ATTRIBUTION) {
            diag_error(r->d, k->pos, "a pull quote holds paragraphs only");
            r->ok = false;
        }
}

/* A blank line, or a fence line (blank to cmark's second parse). */
static bool md_line_is_blank(md_reader *r, int l)
{
    size_t n;
    const char *s = md_line(r, l, &n);
    char name[64];
    int col;
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i == n || fence_parse(s, n, name, sizeof name, &col) != 0;
}

static void md_read_document(md_reader *r, cmark_node *doc, node *article)
{
    fence_div *cur = NULL;
    node *div = NULL;
    for (cmark_node *c = cmark_node_first_child(doc); c; c = cmark_node_next(c)) {
        int a = cmark_node_get_start_line(c), b = cmark_node_get_end_line(c);
        /* cmark ends a list after the blank lines that follow it, and a
         * closing fence is one of them: the list ends at its last text */
        while (b > a && md_line_is_blank(r, b))
            b--;
        fence_div *f = cmark_node_get_type(c) == CMARK_NODE_FOOTNOTE_DEFINITION
                           ? NULL : md_div_of(r, a, b);
        if (f != cur) {
            cur = f;
            div = NULL;
            if (f && f->kind != DIV_NONE) {
                node_type t = f->kind == DIV_PULLQUOTE ? NODE_PULLQUOTE
                              : f->kind == DIV_BYLINE  ? NODE_BYLINE
                                                       : NODE_SIDEBAR;
                div = node_new(t, md_pos(r, f->open_line, 1));
                node_append(article, div);
            }
        }
        node *n = md_block(r, c, 1);
        if (!n)
            continue;
        if (f && !div) { /* an unknown div: its content stays, the error is out */
            node_append(article, n);
        } else {
            node_append(div ? div : article, n);
        }
    }
    /* Divs whose lines held no block at all are still reported. */
    for (guint i = 0; i < r->divs->len; i++) {
        fence_div *f = &g_array_index(r->divs, fence_div, i);
        bool found = false;
        for (node *k = article->first; k; k = k->next)
            if (k->pos.line == f->open_line + r->line_offset &&
                (k->type == NODE_PULLQUOTE || k->type == NODE_BYLINE || k->type == NODE_SIDEBAR))
                found = true;
        if (!found && f->kind != DIV_NONE) {
            diag_error(r->d, md_pos(r, f->open_line, 1), "empty `:::` block");
            r->ok = false;
        }
    }
    for (node *k = article->first; k; k = k->next) {
        if (k->type == NODE_BYLINE) {
            /* A first block that is an image is the author's portrait. */
            node *portrait = k->first && k->first->type == NODE_FIGURE ? k->first : NULL;
            if (portrait)
                node_unlink(portrait);
            /* its description is its alt text: the name beside it is its
             * caption (a caption written apart, as a title, stays) */
            if (portrait && portrait->as.image.title && portrait->as.image.alt &&
                !strcmp(portrait->as.image.title, portrait->as.image.alt)) {
                while (portrait->first)
                    tree_free(portrait->first);
                g_free(portrait->as.image.title);
                portrait->as.image.title = NULL;
            }
            /* Empty when its only block was dropped (e.g. HTML only). */
            node *first = k->first;
            if (first)
                node_unlink(first);
            md_build_byline(r, k, first);
            if (portrait && k->first)
                node_insert_before(k->first, portrait);
            else if (portrait)
                node_append(k, portrait);
        } else if (k->type == NODE_PULLQUOTE) {
            md_build_pullquote(r, k);
        }
    }
}

/* ---------------------------------------------------------------------
 * 5. footnotes: labels, definitions, diagnostics
 * ------------------------------------------------------------------ */

static bool label_char(char c) { return c && c != ']' && c != '[' && !isspace((unsigned char)c); }

/* Scans the source for `[^label]` uses and `[^label]:` definitions (outside
 * code), because cmark-gfm silently drops unused definitions and leaves
 * unknown references as text: both would be lost without a word. */
static void md_check_notes(md_reader *r, cmark_node *doc)
{
    int nlines = (int)r->lines->len;
    guint8 *literal = g_new0(guint8, nlines + 1);
    md_mark_literal_lines(doc, literal, nlines);
    GHashTable *defined = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    GHashTable *used = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    typedef struct { char *label; int line, col; } use;
    GArray *uses = g_array_new(FALSE, FALSE, sizeof(use));
    GArray *defs = g_array_new(FALSE, FALSE, sizeof(use));
    for (int l = 1; l <= nlines; l++) {
        if (literal[l - 1])
            continue;
        size_t n;
        const char *s = md_line(r, l, &n);
        size_t lead = 0;
        while (lead < n && lead < 3 && s[lead] == ' ')
            lead++;
        for (size_t i = 0; i + 2 < n; i++) {
            if (s[i] != '[' || s[i + 1] != '^' || (i > 0 && s[i - 1] == '\\'))
                continue;
            size_t j = i + 2;
            while (j < n && label_char(s[j]))
                j++;
            if (j >= n || s[j] != ']' || j == i + 2)
                continue;
            use u = {g_strndup(s + i + 2, j - i - 2), l, (int)i + 1};
            if (i == lead && j + 1 < n && s[j + 1] == ':')
                g_array_append_val(defs, u);
            else
                g_array_append_val(uses, u);
            i = j;
        }
    }
    for (guint i = 0; i < defs->len; i++) {
        use *u = &g_array_index(defs, use, i);
        char *folded = g_utf8_casefold(u->label, -1);
        if (g_hash_table_contains(defined, folded)) {
            diag_error(r->d, md_pos(r, u->line, u->col), "footnote [^%s] is defined twice",
                       u->label);
            r->ok = false;
            g_free(folded);
        } else {
            g_hash_table_insert(defined, folded, GINT_TO_POINTER(1));
        }
    }
    for (guint i = 0; i < uses->len; i++) {
        use *u = &g_array_index(uses, use, i);
        char *folded = g_utf8_casefold(u->label, -1);
        if (!g_hash_table_contains(defined, folded)) {
            diag_error(r->d, md_pos(r, u->line, u->col), "footnote [^%s] has no definition",
                       u->label);
            r->ok = false;
        }
        g_hash_table_replace(used, folded, GINT_TO_POINTER(1));
    }
    for (guint i = 0; i < defs->len; i++) {
        use *u = &g_array_index(defs, use, i);
        char *folded = g_utf8_casefold(u->label, -1);
        if (!g_hash_table_contains(used, folded))
            diag_warning(r->d, md_pos(r, u->line, u->col),
                         "footnote [^%s] is defined but never referenced", u->label);
        g_free(folded);
    }
    /* Give definitions their labels: cmark orders them by first use. */
    GPtrArray *order = g_ptr_array_new();
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint i = 0; i < uses->len; i++) {
        use *u = &g_array_index(uses, use, i);
        char *folded = g_utf8_casefold(u->label, -1);
        if (g_hash_table_contains(defined, folded) && !g_hash_table_contains(seen, folded)) {
            g_hash_table_add(seen, folded);
            g_ptr_array_add(order, u->label);
        } else {
            g_free(folded);
        }
    }
    /* Only where cmark gave none: the order of first use in the source is
     * not cmark's when a note refers to another note. */
    for (guint i = 0; i < r->defs->len && i < order->len; i++) {
        node *def = g_ptr_array_index(r->defs, i);
        if (!def->as.note.label)
            def->as.note.label = g_strdup(g_ptr_array_index(order, i));
    }
    GList *keys = g_hash_table_get_keys(seen);
    g_list_free_full(keys, g_free);
    g_hash_table_destroy(seen);
    g_ptr_array_free(order, TRUE);
    for (guint i = 0; i < uses->len; i++)
        g_free(g_array_index(uses, use, i).label);
    for (guint i = 0; i < defs->len; i++)
        g_free(g_array_index(defs, use, i).label);
    g_array_free(uses, TRUE);
    g_array_free(defs, TRUE);
    g_hash_table_destroy(defined);
    g_hash_table_destroy(used);
    g_free(literal);
}

/* Links each reference to its definition.  The references are found by
 * walking the finished tree, not remembered while reading: blocks dropped
 * on the way (bad bylines, HTML-only paragraphs) take theirs with them. */
static void md_link_ref(node *n, void *ud)
{
    md_reader *r = ud;
    if (n->type != NODE_FOOTNOTE_REF)
        return;
    int k = n->as.note.number;
    if (k >= 1 && (guint)k <= r->defs->len) {
        node *def = g_ptr_array_index(r->defs, k - 1);
        n->as.note.def = def;
        g_free(n->as.note.label);
        n->as.note.label = g_strdup(def->as.note.label);
    }
}

/* The references of an article's notes, each with the note it sits in
 * (NULL: in the text). */
typedef struct {
    GPtrArray *refs, *within;
} note_refs;

static void md_collect_ref(node *n, void *ud)
{
    note_refs *nr = ud;
    if (n->type != NODE_FOOTNOTE_REF || !n->as.note.def)
        return;
    node *in = n->parent;
    while (in && in->type != NODE_FOOTNOTE_DEF)
        in = in->parent;
    g_ptr_array_add(nr->refs, n);
    g_ptr_array_add(nr->within, in);
}

/* A note is set after what references it: in the text, or after a note
 * that has its place.  A note referenced only from itself, or from notes
 * that are (a cycle the text never enters), has no place: the print
 * edition would lose it without a word.  Refused at its first reference. */
static void md_check_note_places(md_reader *r, node *article)
{
    note_refs nr = {g_ptr_array_new(), g_ptr_array_new()};
    tree_visit_article(article, md_collect_ref, &nr);
    GHashTable *placed = g_hash_table_new(g_direct_hash, g_direct_equal);
    for (bool more = true; more;) {
        more = false;
        for (guint i = 0; i < nr.refs->len; i++) {
            node *ref = g_ptr_array_index(nr.refs, i);
            node *in = g_ptr_array_index(nr.within, i);
            if ((!in || g_hash_table_contains(placed, in)) &&
                !g_hash_table_contains(placed, ref->as.note.def)) {
                g_hash_table_add(placed, ref->as.note.def);
                more = true;
            }
        }
    }
    GHashTable *told = g_hash_table_new(g_direct_hash, g_direct_equal);
    for (guint i = 0; i < nr.refs->len; i++) {
        node *ref = g_ptr_array_index(nr.refs, i);
        node *def = ref->as.note.def;
        if (g_hash_table_contains(placed, def) || g_hash_table_contains(told, def))
            continue;
        g_hash_table_add(told, def);
        const char *label = def->as.note.label ? def->as.note.label : "?";
        if (g_ptr_array_index(nr.within, i) == def)
            diag_error(r->d, ref->pos,
                       "footnote [^%s] is referenced only from within itself: it has no "
                       "place in the text", label);
        else
            diag_error(r->d, ref->pos,
                       "footnote [^%s] is referenced only from notes that the text never "
                       "references: it has no place in the text", label);
        r->ok = false;
    }
    g_hash_table_destroy(told);
    g_hash_table_destroy(placed);
    g_ptr_array_free(nr.refs, TRUE);
    g_ptr_array_free(nr.within, TRUE);
}

static void md_finish_notes(md_reader *r, node *article)
{
    for (guint i = 0; i < r->defs->len; i++) {
        node *def = g_ptr_array_index(r->defs, i);
        def->as.note.number = (int)i + 1;
        node_append(article, def);
    }
    tree_visit_article(article, md_link_ref, r);
    md_check_note_places(r, article);
}

/* ---------------------------------------------------------------------
 * 6. entry points
 * ------------------------------------------------------------------ */

static cmark_node *md_parse(const char *text, size_t len)
{
    cmark_gfm_core_extensions_ensure_registered();
    cmark_parser *p = cmark_parser_new(PARSE_OPTIONS);
    static const char *const exts[] = {"table", "strikethrough", "autolink", NULL};
    for (int i = 0; exts[i]; i++) {
        cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);
        if (e)
            cmark_parser_attach_syntax_extension(p, e);
    }
    cmark_parser_feed(p, text, len);
    cmark_node *doc = cmark_parser_finish(p);
    cmark_parser_free(p);
    return doc;
}

static void set_pos_all(node *n, src_pos pos);

/* Moves the inlines of the blocks that came from the lead (the first
 * lead_lines lines of the combined text) into a NODE_LEAD. */
static void md_take_lead(md_reader *r, node *article, int lead_lines, src_pos lead_pos)
{
    node *lead = node_new(NODE_LEAD, lead_pos);
    while (article->first && article->first->pos.line - r->line_offset <= lead_lines &&
           article->first->type != NODE_FOOTNOTE_DEF) {
        node *b = article->first;
        node_unlink(b);
        if (b->type == NODE_PARAGRAPH || b->type == NODE_HEADING) {
            if (lead->first)
                node_append(lead, node_new(NODE_SOFTBREAK, lead_pos));
            while (b->first) {
                node *k = b->first;
                node_unlink(k);
                node_append(lead, k);
            }
        } else {
            diag_warning(r->d, lead_pos, "only text is allowed in `lead:`; a %s was dropped",
                         node_type_name(b->type));
        }
        tree_free(b);
    }
    set_pos_all(lead, lead_pos);
    if (article->as.article.lead)
        tree_free(article->as.article.lead);
    article->as.article.lead = lead;
}

bool markdown_read_body_with_lead(node *article, const char *file, int line_offset,
                                  const char *text, size_t len, const char *lead_text,
                                  src_pos lead_pos, diag_list *d)
{
    int lead_lines = 0;
    GString *all = g_string_new(NULL);
    if (lead_text) {
        g_string_append(all, lead_text);
        g_string_append(all, "\n\n");
        for (const char *p = all->str; *p; p++)
            if (*p == '\n')
                lead_lines++;
    }
    g_string_append_len(all, text, len);
    md_reader r = {.file = file, .line_offset = line_offset - lead_lines, .d = d,
                   .text = all->str, .len = all->len, .ok = true};
    r.divs = g_array_new(FALSE, FALSE, sizeof(fence_div));
    r.defs = g_ptr_array_new();
    md_split_lines(&r);
    cmark_node *doc = md_parse(r.text, r.len);
    char *unfenced = md_find_fences(&r, doc);
    if (unfenced) {
        cmark_node_free(doc);
        doc = md_parse(unfenced, r.len);
    }
    md_read_document(&r, doc, article);
    md_check_notes(&r, doc); /* after reading: it labels the collected definitions */
    if (lead_text)
        md_take_lead(&r, article, lead_lines, lead_pos);
    md_finish_notes(&r, article);
    cmark_node_free(doc);
    g_free(unfenced);
    g_array_free(r.divs, TRUE);
    g_ptr_array_free(r.defs, TRUE);
    g_ptr_array_free(r.lines, TRUE);
    g_array_free(r.line_lens, TRUE);
    g_string_free(all, TRUE);
    return r.ok;
}

bool markdown_read_body(node *article, const char *file, int line_offset, const char *text,
                        size_t len, diag_list *d)
{
    src_pos none = {file, 0, 0};
    return markdown_read_body_with_lead(article, file, line_offset, text, len, NULL, none, d);
}

static void set_pos_all(node *n, src_pos pos)
{
    n->pos = pos;
    for (node *k = n->first; k; k = k->next)
        set_pos_all(k, pos);
}

char *markdown_slug(const char *text)
{
    char *ascii = g_str_to_ascii(text, "C");
    GString *s = g_string_new(NULL);
    bool dash = false;
    for (const char *p = ascii; *p; p++) {
        if (isalnum((unsigned char)*p)) {
            if (dash && s->len)
                g_string_append_c(s, '-');
            g_string_append_c(s, (char)tolower((unsigned char)*p));
            dash = false;
        } else {
            dash = true;
        }
    }
    if (!s->len)
        g_string_append(s, "section");
    g_free(ascii);
    return g_string_free(s, FALSE);
}
