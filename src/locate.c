/* locate.c - the style and font lookup order (see locate.h). */
#include "locate.h"

#include <glib.h>
#include <string.h>

char **locate_places(const locate_options *o, const char *content_dir, const char *what)
{
    GPtrArray *p = g_ptr_array_new();
    g_ptr_array_add(p, g_build_filename(content_dir, what, NULL));
    /* "beside": in the issue folder's parent (for "." that is ".."). */
    char *dir = g_strdup(content_dir);
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        dir[--n] = '\0';
    char *parent = !strcmp(dir, ".")            ? g_strdup("..")
                   : g_str_has_suffix(dir, "/.") ? g_build_filename(dir, "..", NULL)
                                                 : g_path_get_dirname(dir);
    g_ptr_array_add(p, g_build_filename(parent, what, NULL));
    g_free(parent);
    g_free(dir);
    if (o && o->config_dir)
        g_ptr_array_add(p, g_build_filename(o->config_dir, what, NULL));
    if (o && o->data_dir)
        g_ptr_array_add(p, g_build_filename(o->data_dir, what, NULL));
    g_ptr_array_add(p, NULL);
    return (char **)g_ptr_array_free(p, FALSE);
}

static char *joined(char **places, const char *suffix)
{
    GString *out = g_string_new(NULL);
    for (int i = 0; places[i]; i++)
        g_string_append_printf(out, "%s%s%s%s", i ? ", " : "", places[i], suffix ? "/" : "",
                               suffix ? suffix : "");
    return g_string_free(out, FALSE);
}

static char *find_named(char **places, const char *name)
{
    char *file = g_strdup_printf("%s.ini", name);
    char *found = NULL;
    for (int i = 0; places[i] && !found; i++) {
        char *path = g_build_filename(places[i], file, NULL);
        if (g_file_test(path, G_FILE_TEST_IS_REGULAR))
            found = path;
        else
            g_free(path);
    }
    g_free(file);
    return found;
}

/* The first .ini of the folder, by name; NULL when it has none. */
static char *first_style(const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    char *best = NULL;
    const char *f;
    while (d && (f = g_dir_read_name(d)))
        if (g_str_has_suffix(f, ".ini") && f[0] != '.' && (!best || strcmp(f, best) < 0)) {
            g_free(best);
            best = g_strdup(f);
        }
    if (d)
        g_dir_close(d);
    char *path = best ? g_build_filename(dir, best, NULL) : NULL;
    g_free(best);
    return path;
}

static bool names_file(const char *s)
{
    return strchr(s, '/') || g_str_has_suffix(s, ".ini");
}

char *locate_style_arg(const locate_options *o, const char *content_dir, char **looked)
{
    *looked = NULL;
    const char *arg = o->style_arg;
    if (names_file(arg)) {
        if (g_file_test(arg, G_FILE_TEST_IS_REGULAR))
            return g_strdup(arg);
        *looked = g_strdup(arg);
        return NULL;
    }
    char **places = locate_places(o, content_dir, "styles");
    char *found = find_named(places, arg);
    if (!found) {
        char *file = g_strdup_printf("%s.ini", arg);
        *looked = joined(places, file);
        g_free(file);
    }
    g_strfreev(places);
    return found;
}

char *locate_style(const locate_options *o, const char *content_dir, const node *issue,
                   char **why, diag_list *d)
{
    *why = NULL;
    if (o && o->style_arg) {
        char *looked = NULL;
        char *path = locate_style_arg(o, content_dir, &looked);
        if (!path) {
            src_pos p = {"--style", 0, 0};
            diag_error(d, p, "no style `%s`; looked in: %s", o->style_arg, looked);
        } else {
            *why = g_strdup("--style");
        }
        g_free(looked);
        return path;
    }
    char **places = locate_places(o, content_dir, "styles");
    char *path = NULL;
    const issue_meta *im = &issue->as.issue;
    if (im->style) {
        src_pos at = im->style_pos.file ? im->style_pos : issue->pos;
        if (names_file(im->style)) {
            /* A file named relative to the issue folder. */
            char *f = g_path_is_absolute(im->style) ? g_strdup(im->style)
                                                    : g_build_filename(content_dir, im->style, NULL);
            if (g_file_test(f, G_FILE_TEST_IS_REGULAR))
                path = f;
            else {
                diag_error(d, at, "style file `%s` not found (looked for %s)", im->style, f);
                g_free(f);
            }
        } else {
            path = find_named(places, im->style);
            if (!path) {
                char *file = g_strdup_printf("%s.ini", im->style);
                char *looked = joined(places, file);
                diag_error(d, at, "no style `%s`; looked in: %s", im->style, looked);
                g_free(looked);
                g_free(file);
            }
        }
        if (path)
            *why = g_strdup_printf("`style: %s` in issue.yaml", im->style);
    } else {
        for (int i = 0; places[i] && !path; i++)
            path = first_style(places[i]);
        if (!path) {
            char *looked = joined(places, NULL);
            src_pos p = {content_dir, 0, 0};
            diag_error(d, p, "no style (.ini) found; looked in: %s (folio new DIR makes an "
                       "issue with its own style; --style FILE names one)", looked);
            g_free(looked);
        } else {
            *why = g_strdup("the first style found");
        }
    }
    g_strfreev(places);
    return path;
}

char *locate_fonts(const locate_options *o, const char *content_dir, diag_list *d)
{
    char **places = locate_places(o, content_dir, "fonts");
    char *found = NULL;
    for (int i = 0; places[i] && !found; i++) {
        char *list = g_build_filename(places[i], "fonts.list", NULL);
        if (g_file_test(list, G_FILE_TEST_IS_REGULAR))
            found = g_strdup(places[i]);
        g_free(list);
    }
    if (!found) {
        char *looked = joined(places, "fonts.list");
        src_pos p = {content_dir, 0, 0};
        diag_error(d, p, "no fonts folder found; looked for %s", looked);
        g_free(looked);
    }
    g_strfreev(places);
    return found;
}
