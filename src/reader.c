/* reader.c - issue.yaml, front matter, and the assembly of the issue tree. */
#include "reader.h"

#include <glib.h>
#include <string.h>
#include <sys/stat.h>

#include "figure_attrs.h"
#include "hyph_exceptions.h"
#include "images.h"
#include "lang.h"
#include "style.h"
#include "markdown.h"
#include "paths.h"
#include "utf8.h"
#include "yamlmap.h"

/* ------------------------------------------------------------------ */
/* files                                                              */

/* Reads a whole source file, refusing huge ones and bad UTF-8.  A leading
 * byte-order mark is skipped (editors on Windows write one). */
static char *read_source(const char *path, size_t *len, src_pos at, diag_list *d)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        if (at.line > 0)
            diag_error(d, at, "article file %s does not exist", path);
        else
            diag_error(d, at, "no such file (an issue needs one: see FORMAT.md)");
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        diag_error(d, at, "%s is not a regular file", path);
        return NULL;
    }
    if (st.st_size > READER_MAX_FILE_SIZE) {
        src_pos p = {path, 0, 0};
        diag_error(d, p, "file is %lld bytes; the limit is %d", (long long)st.st_size,
                   READER_MAX_FILE_SIZE);
        return NULL;
    }
    char *text = NULL;
    gsize n = 0;
    GError *err = NULL;
    if (!g_file_get_contents(path, &text, &n, &err)) {
        diag_error(d, at, "cannot read %s: %s", path, err->message);
        g_error_free(err);
        return NULL;
    }
    if (n >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
        memmove(text, text + 3, n - 3);
        n -= 3;
        text[n] = 0;
    }
    int line, col;
    const char *why;
    if (!utf8_check(text, n, &line, &col, &why)) {
        src_pos p = {path, line, col};
        diag_error(d, p, "%s", why);
        g_free(text);
        return NULL;
    }
    *len = n;
    return text;
}

/* Interns a file name in the issue's table so src_pos can point at it. */
static const char *issue_intern_file(node *issue, const char *path)
{
    issue_meta *m = &issue->as.issue;
    for (size_t i = 0; i < m->nfiles; i++)
        if (!strcmp(m->files[i], path))
            return m->files[i];
    m->files = g_renew(char *, m->files, m->nfiles + 1);
    m->files[m->nfiles] = g_strdup(path);
    return m->files[m->nfiles++];
}

/* ------------------------------------------------------------------ */
/* front matter                                                       */

bool reader_check_lang(const char *tag, src_pos at, diag_list *d)
{
    char *why = lang_check(tag);
    if (why)
        diag_error(d, at, "%s", why);
    g_free(why);
    return !why;
}

/* Splits `---` front matter off the text.  Returns the YAML part (may be
 * empty) through yaml/ylen and the line number where the body starts. */
static bool split_front_matter(const char *text, size_t len, const char **yaml, size_t *ylen,
                               const char **body, int *body_line)
{
    *yaml = NULL;
    *ylen = 0;
    *body = text;
    *body_line = 1;
    if (!(len >= 3 && strncmp(text, "---", 3) == 0 &&
          (len == 3 || text[3] == '\n' || (text[3] == '\r' && len > 4 && text[4] == '\n'))))
        return false;
    const char *start = strchr(text, '\n');
    if (!start)
        return false;
    start++;
    int line = 2;
    for (const char *p = start; p < text + len;) {
        const char *eol = memchr(p, '\n', text + len - p);
        size_t l = eol ? (size_t)(eol - p) : (size_t)(text + len - p);
        size_t ll = l > 0 && p[l - 1] == '\r' ? l - 1 : l;
        if ((ll == 3 && (strncmp(p, "---", 3) == 0 || strncmp(p, "...", 3) == 0))) {
            *yaml = start;
            *ylen = p - start;
            *body = eol ? eol + 1 : text + len;
            *body_line = line + 1;
            return true;
        }
        if (!eol)
            break;
        p = eol + 1;
        line++;
    }
    return false;
}

static const struct {
    const char *name;
    article_type type;
} article_types[] = {
    {"feature", ARTICLE_FEATURE},     {"editorial", ARTICLE_EDITORIAL},
    {"interview", ARTICLE_INTERVIEW}, {"column", ARTICLE_COLUMN},
    {"colophon", ARTICLE_COLOPHON},
};

/* The lead is kept as text here and parsed with the body (see
 * markdown_read_body_with_lead), so notes in it work. */
static void read_front_matter(node *article, yaml_map *m, src_pos file_pos, char **lead,
                              src_pos *lead_pos, diag_list *d)
{
    article_meta *a = &article->as.article;
    bool have_title = false;
    picture_meta pm = {0};
    for (size_t i = 0; i < yaml_map_count(m); i++) {
        src_pos kp;
        const char *key = yaml_map_key(m, i, &kp);
        yaml_node_t *v = yaml_map_value(m, i);
        char *pv = NULL;
        if (g_str_has_prefix(key, "image") && yaml_get_string(m, v, key, &pv, d)) {
            if (!picture_meta_take(&pm, key + 5, pv, yaml_map_pos(m, v))) {
                g_free(pv);
                diag_warning(d, kp, "unknown front matter key `%s` (ignored)", key);
            }
        } else if (g_str_has_prefix(key, "image")) {
            ;
        } else if (!strcmp(key, "title")) {
            have_title = yaml_get_string(m, v, key, &a->title, d);
        } else if (!strcmp(key, "rubric")) {
            yaml_get_string(m, v, key, &a->rubric, d);
        } else if (!strcmp(key, "subtitle")) {
            yaml_get_string(m, v, key, &a->subtitle, d);
        } else if (!strcmp(key, "lead")) {
            if (yaml_get_string(m, v, key, lead, d))
                *lead_pos = yaml_map_pos(m, v);
        } else if (!strcmp(key, "authors") || !strcmp(key, "author")) {
            if (a->authors) {
                for (size_t k = 0; k < a->nauthors; k++)
                    g_free(a->authors[k]);
                g_free(a->authors);
            }
            yaml_get_string_list(m, v, key, &a->authors, &a->nauthors, NULL, d);
        } else if (!strcmp(key, "type")) {
            char *t = NULL;
            if (yaml_get_string(m, v, key, &t, d)) {
                size_t k;
                for (k = 0; k < G_N_ELEMENTS(article_types); k++)
                    if (!strcmp(t, article_types[k].name))
                        break;
                if (k < G_N_ELEMENTS(article_types))
                    a->type = article_types[k].type;
                else
                    diag_error(d, yaml_map_pos(m, v),
                               "unknown type `%s` (known: feature, editorial, interview, "
                               "column, colophon)", t);
            }
            g_free(t);
        } else if (!strcmp(key, "cover")) {
            yaml_get_bool(m, v, key, &a->cover, d);
        } else if (!strcmp(key, "columns")) {
            yaml_get_int(m, v, key, 1, STYLE_MAX_COLUMNS, &a->columns, d);
        } else if (!strcmp(key, "lang")) {
            g_free(a->lang);
            a->lang = NULL;
            if (yaml_get_string(m, v, key, &a->lang, d)) {
                a->lang_pos = yaml_map_pos(m, v);
                if (!reader_check_lang(a->lang, a->lang_pos, d)) {
                    g_free(a->lang);
                    a->lang = NULL;
                }
            }
        } else if (!strcmp(key, "byline-place")) {
            char *p = NULL;
            if (yaml_get_string(m, v, key, &p, d)) {
                if (!strcmp(p, "opener") || !strcmp(p, "end") || !strcmp(p, "inline")) {
                    g_free(a->byline_place);
                    a->byline_place = p;
                    p = NULL;
                } else {
                    diag_error(d, yaml_map_pos(m, v),
                               "`byline-place` is opener, end or inline, not `%s`", p);
                }
            }
            g_free(p);
        } else {
            diag_warning(d, kp, "unknown front matter key `%s` (ignored)", key);
        }
    }
    a->image = picture_meta_figure(&pm, "image", d);
    if (!have_title && !a->title)
        diag_error(d, file_pos, "article has no `title:` in its front matter");
}

/* Level 1 belongs to the article's title (front matter): a `#` in the body
 * is a section like `##`, with a warning so the editor knows. */
static void demote_title_headings(node *article, diag_list *d)
{
    tree_walker w;
    node *n;
    walk_event ev;
    tree_walk_init(&w, article);
    while (tree_walk_next(&w, &n, &ev))
        if (ev == WALK_ENTER && n->type == NODE_HEADING && n->as.heading.level == 1) {
            diag_warning(d, n->pos,
                         "`#` is the article title (front matter `title:`); "
                         "this heading is set as `##`");
            n->as.heading.level = 2;
        }
}

/* Unique ids for headings within the article, for links and the toc. */
static void assign_heading_ids(node *article)
{
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (node *k = article->first; k; k = k->next) {
        node *h = k;
        if (k->type == NODE_SIDEBAR)
            h = k->first;
        for (; h; h = h == k ? NULL : h->next) {
            if (h->type != NODE_HEADING)
                continue;
            char *text = tree_plain_text(h);
            char *slug = markdown_slug(text);
            char *id = g_strdup(slug);
            for (int n = 2; g_hash_table_contains(seen, id); n++) {
                g_free(id);
                id = g_strdup_printf("%s-%d", slug, n);
            }
            g_hash_table_add(seen, g_strdup(id));
            h->as.heading.id = id;
            g_free(slug);
            free(text);
            if (k->type != NODE_SIDEBAR)
                break;
        }
    }
    g_hash_table_destroy(seen);
}

node *reader_read_article(const char *file, const char *text, size_t len, diag_list *d)
{
    src_pos file_pos = {file, 1, 1};
    node *article = node_new(NODE_ARTICLE, file_pos);
    const char *yaml, *body;
    size_t ylen;
    int body_line;
    if (len >= 3 && strncmp(text, "---", 3) == 0 &&
        !split_front_matter(text, len, &yaml, &ylen, &body, &body_line)) {
        diag_error(d, file_pos, "front matter opened with `---` is never closed");
        yaml = NULL;
        body = text;
        body_line = 1;
    } else {
        split_front_matter(text, len, &yaml, &ylen, &body, &body_line);
    }
    char *lead = NULL;
    src_pos lead_pos = file_pos;
    if (yaml) {
        yaml_map m;
        if (yaml_map_load(&m, file, 1, yaml, ylen, d)) {
            read_front_matter(article, &m, file_pos, &lead, &lead_pos, d);
            yaml_map_free(&m);
        }
    } else if (body == text && !(len >= 3 && strncmp(text, "---", 3) == 0)) {
        diag_error(d, file_pos, "article has no front matter (`---` lines with a `title:`)");
    }
    markdown_read_body_with_lead(article, file, body_line - 1, body, len - (body - text), lead,
                                 lead_pos, d);
    g_free(lead);
    demote_title_headings(article, d);
    assign_heading_ids(article);
    if (!article->first && !(article->as.article.lead))
        diag_warning(d, file_pos, "article is empty");
    return article;
}

/* ------------------------------------------------------------------ */
/* issue.yaml                                                         */

/* An ISSN as printed ("1234-5679", the hyphen optional, X as check
 * digit): the normal form, or NULL when the check digit is wrong. */
static char *normal_issn(const char *s)
{
    char d[9];
    size_t n = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '-' && n == 4)
            continue;
        if (n == 8 || !(g_ascii_isdigit(*p) || (n == 7 && (*p == 'X' || *p == 'x'))))
            return NULL;
        d[n++] = (char)g_ascii_toupper(*p);
    }
    if (n != 8)
        return NULL;
    int sum = 0;
    for (int i = 0; i < 7; i++)
        sum += (d[i] - '0') * (8 - i);
    int check = (11 - sum % 11) % 11;
    if ((check == 10 ? 'X' : '0' + check) != d[7])
        return NULL;
    return g_strdup_printf("%.4s-%.4s", d, d + 4);
}

/* An ISBN-13 with or without hyphens or spaces: its 13 digits, or NULL
 * when it is not one (or its check digit is wrong). */
static char *normal_isbn(const char *s)
{
    char d[14];
    size_t n = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '-' || *p == ' ')
            continue;
        if (n == 13 || !g_ascii_isdigit(*p))
            return NULL;
        d[n++] = *p;
    }
    if (n != 13)
        return NULL;
    int sum = 0;
    for (int i = 0; i < 12; i++)
        sum += (d[i] - '0') * (i % 2 ? 3 : 1);
    if ((10 - sum % 10) % 10 != d[12] - '0')
        return NULL;
    d[13] = '\0';
    return g_strdup(d);
}

static void read_print_id(yaml_map *m, yaml_node_t *v, const char *key, char **out,
                          char *(*normal)(const char *), diag_list *d)
{
    char *raw = NULL;
    if (!yaml_get_string(m, v, key, &raw, d))
        return;
    char *id = normal(raw);
    if (!id)
        diag_error(d, yaml_map_pos(m, v),
                   "`%s` \"%s\" is not a valid %s, with a correct check digit", key, raw,
                   !strcmp(key, "issn") ? "ISSN (1234-5679)" : "ISBN-13 (978-…)");
    g_free(raw);
    g_free(*out);
    *out = id;
}

static void read_issue_meta(node *issue, yaml_map *m, src_pos file_pos, GPtrArray *articles,
                            GArray *article_pos, diag_list *d)
{
    issue_meta *im = &issue->as.issue;
    picture_meta pm = {0};
    for (size_t i = 0; i < yaml_map_count(m); i++) {
        src_pos kp;
        const char *key = yaml_map_key(m, i, &kp);
        yaml_node_t *v = yaml_map_value(m, i);
        char *pv = NULL;
        if (g_str_has_prefix(key, "cover-")) {
            const char *suffix = !strcmp(key, "cover-image") ? "" : key + 5;
            if (!strcmp(key, "cover-"))
                suffix = "?";
            if (yaml_get_string(m, v, key, &pv, d) &&
                !picture_meta_take(&pm, suffix, pv, yaml_map_pos(m, v))) {
                g_free(pv);
                diag_warning(d, kp, "unknown key `%s` in issue.yaml (ignored)", key);
            }
        } else if (!strcmp(key, "title"))
            yaml_get_string(m, v, key, &im->title, d);
        else if (!strcmp(key, "subtitle"))
            yaml_get_string(m, v, key, &im->subtitle, d);
        else if (!strcmp(key, "publisher"))
            yaml_get_string(m, v, key, &im->publisher, d);
        else if (!strcmp(key, "language")) {
            if (yaml_get_string(m, v, key, &im->language, d)) {
                im->language_pos = yaml_map_pos(m, v);
                reader_check_lang(im->language, im->language_pos, d);
            }
        } else if (!strcmp(key, "hyphenation")) {
            char **list = NULL;
            size_t n = 0;
            src_pos *pos = NULL;
            yaml_get_string_list(m, v, key, &list, &n, &pos, d);
            hyph_exceptions_free(im->hyphenation);
            im->hyphenation = hyph_exceptions_new(list, pos, n, d);
            g_strfreev(list);
            g_free(pos);
        }
        else if (!strcmp(key, "date")) {
            if (yaml_get_string(m, v, key, &im->date, d)) {
                GRegex *re = g_regex_new("^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$",
                                         0, 0, NULL);
                if (!g_regex_match(re, im->date, 0, NULL))
                    diag_error(d, yaml_map_pos(m, v),
                               "`date` must be ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD");
                g_regex_unref(re);
            }
        } else if (!strcmp(key, "number"))
            yaml_get_string(m, v, key, &im->number, d);
        else if (!strcmp(key, "style")) {
            if (yaml_get_string(m, v, key, &im->style, d))
                im->style_pos = yaml_map_pos(m, v);
        }
        else if (!strcmp(key, "identifier"))
            yaml_get_string(m, v, key, &im->identifier, d);
        else if (!strcmp(key, "issn"))
            read_print_id(m, v, key, &im->issn, normal_issn, d);
        else if (!strcmp(key, "isbn"))
            read_print_id(m, v, key, &im->isbn, normal_isbn, d);
        else if (!strcmp(key, "articles")) {
            char **list = NULL;
            size_t n = 0;
            src_pos *pos = NULL;
            yaml_get_string_list(m, v, key, &list, &n, &pos, d);
            for (size_t k = 0; k < n; k++) {
                g_ptr_array_add(articles, list[k]);
                g_array_append_val(article_pos, pos[k]);
            }
            g_free(list);
            g_free(pos);
        } else
            diag_warning(d, kp, "unknown key `%s` in issue.yaml (ignored)", key);
    }
    im->cover_image = picture_meta_figure(&pm, "cover", d);
    const char *required[] = {"title", "publisher", "language", "date"};
    char *values[] = {im->title, im->publisher, im->language, im->date};
    for (int i = 0; i < 4; i++)
        if (!values[i])
            diag_error(d, file_pos, "issue.yaml has no `%s:`", required[i]);
    if (!im->language)
        im->language = g_strdup("en");
    if (!im->title)
        im->title = g_strdup("Untitled");
}

/* An article path must name a .md file inside the content directory, and
 * stay inside once links are followed (as images must). */
static bool article_path_ok(const char *dir, const char *name, src_pos at, diag_list *d)
{
    if (g_path_is_absolute(name) || strstr(name, "..") || !g_str_has_suffix(name, ".md")) {
        diag_error(d, at, "article `%s` must be a .md file inside the content folder", name);
        return false;
    }
    char *path = g_build_filename(dir, name, NULL);
    path_place where = paths_place(path, dir);
    g_free(path);
    if (where == PATH_OUTSIDE) {
        diag_error(d, at, "article `%s` leads outside the content folder (a link?) and is refused",
                   name);
        return false;
    }
    return true;
}

/* The index of an earlier entry naming the same file as entry i, or -1.
 * The same file twice would be two articles with one slug (one EPUB
 * document written twice). */
static int listed_before(GPtrArray *names, guint i)
{
    char *a = g_canonicalize_filename(g_ptr_array_index(names, i), "/");
    int found = -1;
    for (guint k = 0; k < i && found < 0; k++) {
        char *b = g_canonicalize_filename(g_ptr_array_index(names, k), "/");
        if (!strcmp(a, b))
            found = (int)k;
        g_free(b);
    }
    g_free(a);
    return found;
}

static void renumber_ref(node *n, void *ud)
{
    if (n->type == NODE_FOOTNOTE_REF)
        n->as.note.number = n->as.note.def ? n->as.note.def->as.note.number : 0;
}

/* Numbers notes through the issue, in reading order, as the print edition
 * does: the first note of article 2 follows the last of article 1. */
static void number_notes(node *issue)
{
    int base = 0;
    for (node *a = issue->first; a; a = a->next) {
        int max = 0;
        for (node *k = a->first; k; k = k->next)
            if (k->type == NODE_FOOTNOTE_DEF) {
                if (k->as.note.number > max)
                    max = k->as.note.number;
                k->as.note.number += base;
            }
        tree_visit_article(a, renumber_ref, NULL);
        base += max;
    }
}

static char *derive_identifier(node *issue, GPtrArray *texts)
{
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    issue_meta *m = &issue->as.issue;
    const char *fields[] = {m->title, m->publisher, m->date, m->number};
    for (int i = 0; i < 4; i++)
        if (fields[i])
            g_checksum_update(sum, (const guchar *)fields[i], -1);
    /* The articles' titles, not their text: the id must survive a typo fix. */
    for (guint i = 0; i < texts->len; i++)
        g_checksum_update(sum, (const guchar *)g_ptr_array_index(texts, i), -1);
    const char *hex = g_checksum_get_string(sum);
    /* A name-based UUID shape (version 5 bits), stable for the same issue. */
    char *id = g_strdup_printf("urn:uuid:%.8s-%.4s-5%.3s-a%.3s-%.12s", hex, hex + 8, hex + 13,
                               hex + 17, hex + 20);
    g_checksum_free(sum);
    return id;
}

static void warn_unlisted(const char *dir, GPtrArray *listed, diag_list *d)
{
    GDir *gd = g_dir_open(dir, 0, NULL);
    if (!gd)
        return;
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    const char *name;
    while ((name = g_dir_read_name(gd)))
        if (g_str_has_suffix(name, ".md") && strcmp(name, "FORMAT.md") &&
            strcmp(name, "EDITS.md") && strcmp(name, "README.md"))
            g_ptr_array_add(names, g_strdup(name));
    g_dir_close(gd);
    g_ptr_array_sort(names, (GCompareFunc)g_ascii_strcasecmp);
    for (guint i = 0; i < names->len; i++) {
        const char *n = g_ptr_array_index(names, i);
        bool found = false;
        for (guint k = 0; k < listed->len; k++)
            if (!strcmp(g_ptr_array_index(listed, k), n))
                found = true;
        if (!found) {
            char *path = g_build_filename(dir, n, NULL);
            src_pos p = {path, 0, 0};
            diag_warning(d, p, "not listed in issue.yaml `articles:` (not in the issue)");
            g_free(path);
        }
    }
    g_ptr_array_free(names, TRUE);
}

node *reader_read_issue(const char *dir, diag_list *d)
{
    char *yaml_path = g_build_filename(dir, "issue.yaml", NULL);
    src_pos dir_pos = {yaml_path, 0, 0};
    size_t len;
    char *text = read_source(yaml_path, &len, dir_pos, d);
    if (!text) {
        g_free(yaml_path);
        return NULL;
    }
    node *issue = node_new(NODE_ISSUE, dir_pos);
    issue->as.issue.dir = g_strdup(dir);
    const char *yfile = issue_intern_file(issue, yaml_path);
    issue->pos.file = yfile;
    issue->pos.line = 1;
    issue->pos.col = 1;
    g_free(yaml_path);
    src_pos ypos = {yfile, 1, 1};

    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    GArray *name_pos = g_array_new(FALSE, FALSE, sizeof(src_pos));
    yaml_map m;
    if (yaml_map_load(&m, yfile, 0, text, len, d)) {
        read_issue_meta(issue, &m, ypos, names, name_pos, d);
        yaml_map_free(&m);
        if (issue->as.issue.cover_image)
            images_check_figure(issue->as.issue.cover_image, dir, d);
    } else {
        /* A syntax error is reported alone: what follows from it (no
         * articles, every file unlisted) would only bury it. */
        issue->as.issue.language = g_strdup("en");
        issue->as.issue.title = g_strdup("Untitled");
        issue->as.issue.identifier = g_strdup("urn:uuid:00000000-0000-5000-a000-000000000000");
        g_free(text);
        g_ptr_array_free(names, TRUE);
        g_array_free(name_pos, TRUE);
        return issue;
    }
    g_free(text);
    if (names->len == 0)
        diag_error(d, ypos, "the issue lists no articles (`articles:` in issue.yaml)");

    GPtrArray *titles = g_ptr_array_new();
    for (guint i = 0; i < names->len; i++) {
        const char *name = g_ptr_array_index(names, i);
        src_pos at = g_array_index(name_pos, src_pos, i);
        int twice = listed_before(names, i);
        if (twice >= 0) {
            diag_error(d, at, "article `%s` is listed twice in `articles:` (first on line %d)",
                       name, g_array_index(name_pos, src_pos, twice).line);
            continue;
        }
        if (!article_path_ok(dir, name, at, d))
            continue;
        char *path = g_build_filename(dir, name, NULL);
        const char *file = issue_intern_file(issue, path);
        g_free(path);
        char *atext = read_source(file, &len, at, d);
        if (!atext)
            continue;
        node *article = reader_read_article(file, atext, len, d);
        article_meta *am = &article->as.article;
        am->slug = g_strndup(name, strlen(name) - 3);
        for (char *p = am->slug; *p; p++)
            if (*p == '/')
                *p = '-';
        am->source_hash = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (guchar *)atext, len);
        am->listed_at = at;
        g_free(atext);
        images_check_article(article, dir, d);
        node_append(issue, article);
        if (am->title)
            g_ptr_array_add(titles, am->title);
    }
    warn_unlisted(dir, names, d);
    number_notes(issue);
    if (!issue->as.issue.identifier)
        issue->as.issue.identifier = derive_identifier(issue, titles);
    g_ptr_array_free(titles, TRUE);
    g_ptr_array_free(names, TRUE);
    g_array_free(name_pos, TRUE);
    return issue;
}
