/* figure_attrs.c - pandoc-style attributes on figures, and front-matter
 * pictures. */
#include "figure_attrs.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

void figure_init(node *fig)
{
    fig->as.image.focus_x = 0.5;
    fig->as.image.focus_y = 0.5;
}

bool figure_attrs_is_block(const char *text)
{
    if (!text)
        return false;
    while (*text == ' ' || *text == '\t' || *text == '\n')
        text++;
    size_t n = strlen(text);
    while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t' || text[n - 1] == '\n'))
        n--;
    return n >= 2 && text[0] == '{' && text[n - 1] == '}';
}

static bool parse_percent(const char *v, double *out)
{
    char *end;
    double x = g_ascii_strtod(v, &end);
    if (end == v || *end != '%' || end[1] || x < 0 || x > 100)
        return false;
    *out = x / 100.0;
    return true;
}

bool figure_parse_focus(const char *v, double *x, double *y)
{
    char **parts = g_strsplit(v, ",", 3);
    bool ok = parts[0] && parts[1] && !parts[2];
    if (ok) {
        g_strstrip(parts[0]);
        g_strstrip(parts[1]);
        ok = parse_percent(parts[0], x) && parse_percent(parts[1], y);
    }
    g_strfreev(parts);
    return ok;
}

/* The next token of an attribute block: `.class`, `#id`, `key=value` or
 * `key="quoted value"`; NULL at the end.  *key is NULL for a class. */
static const char *next_token(const char *p, char **key, char **value)
{
    while (*p == ' ' || *p == '\t' || *p == '\n')
        p++;
    if (!*p)
        return NULL;
    const char *start = p;
    while (*p && *p != '=' && *p != ' ' && *p != '\t' && *p != '\n')
        p++;
    if (*p != '=') {
        *key = NULL;
        *value = g_strndup(start, p - start);
        return p;
    }
    *key = g_strndup(start, p - start);
    p++;
    GString *v = g_string_new(NULL);
    if (*p == '"' || *p == '\'') {
        char q = *p++;
        while (*p && *p != q) {
            if (*p == '\\' && p[1])
                p++;
            g_string_append_c(v, *p++);
        }
        if (*p == q)
            p++;
    } else {
        while (*p && *p != ' ' && *p != '\t' && *p != '\n')
            g_string_append_c(v, *p++);
    }
    *value = g_string_free(v, FALSE);
    return p;
}

void figure_attrs_apply(node *fig, const char *text, src_pos pos, diag_list *d)
{
    const char *open = strchr(text, '{');
    const char *close = strrchr(text, '}');
    if (!open || !close || close < open)
        return;
    char *inner = g_strndup(open + 1, close - open - 1);
    const char *p = inner;
    char *key, *value;
    while ((p = next_token(p, &key, &value))) {
        if (!key) {
            const char *c = value;
            if (!strcmp(c, ".wide"))
                fig->as.image.place = FIG_WIDE;
            else if (!strcmp(c, ".inset"))
                fig->as.image.place = FIG_INSET;
            else if (!strcmp(c, ".bleed"))
                fig->as.image.place = FIG_BLEED;
            else if (!strcmp(c, ".left"))
                fig->as.image.side = FIG_LEFT;
            else if (!strcmp(c, ".right"))
                fig->as.image.side = FIG_RIGHT;
            else if (c[0] == '#')
                ; /* an identifier: allowed, not used */
            else
                diag_warning(d, pos, "figure attribute `%s` is not known (known: .wide, .inset, "
                                     ".left, .right, .bleed, credit=, alt=, width=, focus=)", c);
        } else if (!strcmp(key, "credit")) {
            g_free(fig->as.image.credit);
            fig->as.image.credit = *value ? g_strdup(value) : NULL;
        } else if (!strcmp(key, "alt")) {
            g_free(fig->as.image.alt);
            fig->as.image.alt = g_strdup(value);
        } else if (!strcmp(key, "width")) {
            double w;
            if (parse_percent(value, &w) && w >= 0.1)
                fig->as.image.width = (int)(w * 100 + 0.5);
            else
                diag_warning(d, pos, "figure width `%s` must be a percentage of the column "
                                     "between 10%% and 100%% (width=40%%)", value);
        } else if (!strcmp(key, "focus")) {
            if (!figure_parse_focus(value, &fig->as.image.focus_x, &fig->as.image.focus_y))
                diag_warning(d, pos, "figure focus `%s` must be two percentages, across and "
                                     "down (focus=30%%,40%%)", value);
        } else {
            diag_warning(d, pos, "figure attribute `%s=` is not known (known: credit=, alt=, "
                                 "width=, focus=)", key);
        }
        g_free(key);
        g_free(value);
    }
    g_free(inner);
    if (fig->as.image.side != FIG_SIDE_AUTO && fig->as.image.place != FIG_INSET)
        diag_warning(d, pos, "`.left` and `.right` apply to `.inset` figures only");
    if (fig->as.image.width && fig->as.image.place != FIG_INSET)
        diag_warning(d, pos, "`width=` applies to `.inset` figures only");
}

void figure_finish(node *fig, diag_list *d)
{
    bool alt = fig->as.image.alt && *fig->as.image.alt;
    fig->as.image.decorative = !alt && !fig->first;
    if (fig->as.image.decorative)
        diag_warning(d, fig->pos, "image `%s` has neither alt text nor a caption: it is taken "
                                  "as decorative (an artifact in the PDF, alt=\"\" in the EPUB); "
                                  "write alt=\"...\" if it carries meaning",
                     fig->as.image.url ? fig->as.image.url : "");
}

bool picture_meta_take(picture_meta *pm, const char *suffix, char *value, src_pos pos)
{
    char **slot = !strcmp(suffix, "")         ? &pm->url
                  : !strcmp(suffix, "-alt")    ? &pm->alt
                  : !strcmp(suffix, "-credit") ? &pm->credit
                  : !strcmp(suffix, "-focus")  ? &pm->focus
                                               : NULL;
    if (!slot)
        return false;
    g_free(*slot);
    *slot = value;
    if (slot == &pm->url || !pm->pos.file)
        pm->pos = pos;
    if (slot == &pm->focus)
        pm->focus_pos = pos;
    return true;
}

node *picture_meta_figure(picture_meta *pm, const char *prefix, diag_list *d)
{
    node *fig = NULL;
    if (pm->url) {
        fig = node_new(NODE_FIGURE, pm->pos);
        figure_init(fig);
        fig->as.image.url = pm->url;
        fig->as.image.alt = pm->alt;
        fig->as.image.credit = pm->credit;
        pm->url = pm->alt = pm->credit = NULL;
        if (pm->focus &&
            !figure_parse_focus(pm->focus, &fig->as.image.focus_x, &fig->as.image.focus_y))
            diag_warning(d, pm->focus_pos, "`%s-focus` must be two percentages, across and down "
                                           "(30%%,40%%)", prefix);
        figure_finish(fig, d);
    } else if (pm->alt || pm->credit || pm->focus) {
        diag_warning(d, pm->pos.file ? pm->pos : pm->focus_pos,
                     "`%s-alt`, `%s-credit` or `%s-focus` without `%s:` (ignored)", prefix,
                     prefix, prefix, prefix);
    }
    g_free(pm->url);
    g_free(pm->alt);
    g_free(pm->credit);
    g_free(pm->focus);
    memset(pm, 0, sizeof *pm);
    return fig;
}
