/* newissue.c - `folio new DIR` (see newissue.h).  The article is a short
 * tour of the source format: the editor reads it, then replaces it. */
#include "newissue.h"

#include <cairo.h>
#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "markdown.h"

static const char issue_yaml[] =
    "# issue.yaml - the issue: its metadata and its articles in reading order.\n"
    "# Every key is described in FORMAT.md (folio's source format).\n"
    "title: \"%s\"\n"
    "publisher: Your publisher\n"
    "# The language of the text, a BCP 47 tag (en, en-GB, nl, de, fr ...): it\n"
    "# chooses the hyphenation patterns and the words folio adds itself.\n"
    "language: %s\n"
    "date: \"%s\"\n"
    "number: 1\n"
    "# The style is styles/%s.ini in this folder (found without naming it).\n"
    "# style: %s\n"
    "# Words the hyphenation patterns break badly, with their break points:\n"
    "hyphenation:\n"
    "  - pub-li-ca-tion\n"
    "articles:\n"
    "  - first-article.md\n";

static const char article_md[] =
    "---\n"
    "# Front matter: YAML between two lines of three dashes.\n"
    "title: A first article\n"
    "rubric: Getting started\n"
    "subtitle: Everything the source format can do, on one page\n"
    "lead: >-\n"
    "  The lead (standfirst) is set between the title and the body. It may have\n"
    "  *emphasis* and a footnote.[^lead]\n"
    "authors: [Your Name]\n"
    "# feature, editorial, interview, column or colophon\n"
    "type: feature\n"
    "# true: the cover lists this article\n"
    "cover: true\n"
    "# The style's number of text columns, overridden for this article:\n"
    "# columns: 1\n"
    "# The article's language when it differs from the issue's:\n"
    "# lang: nl\n"
    "---\n"
    "\n"
    "<!-- A comment like this one is left out of both editions. -->\n"
    "\n"
    "Paragraphs are separated by a blank line. Write *emphasis*, **strong**\n"
    "text, ~~struck~~ text, `code`, H<sub>2</sub>O and 10<sup>3</sup>. Links:\n"
    "[the CommonMark spec](https://spec.commonmark.org/) and\n"
    "<https://example.org/>. A note goes where its number is printed.[^note]\n"
    "\n"
    "## A section heading\n"
    "\n"
    "A passage in another language is marked so that it is hyphenated and read\n"
    "aloud in that language: <span lang=\"de\">die Donaudampfschifffahrtsgesellschaft\n"
    "und ihre Kapitänsmützen</span>. A hard line break ends a line with a\n"
    "backslash:\\\n"
    "like this.\n"
    "\n"
    "::: pullquote\n"
    "“A pull quote repeats a sentence of the article, set large.”\n"
    "\n"
    "— Its speaker\n"
    ":::\n"
    "\n"
    "### A subsection\n"
    "\n"
    "- A list item\n"
    "- Another item\n"
    "\n"
    "1. A numbered item\n"
    "2. Another one\n"
    "\n"
    "> A block quote: a longer quotation that is part of the text.\n"
    "\n"
    "| Column | Another column |\n"
    "|--------|---------------:|\n"
    "| text   |             12 |\n"
    "| more   |             34 |\n"
    "\n"
    "```\n"
    "code blocks keep   their spacing\n"
    "```\n"
    "\n"
    "An image alone in its paragraph is a figure: the text in brackets describes it\n"
    "for readers who cannot see it, the text in quotes is its caption.\n"
    "\n"
    "![A blue and orange test picture](images/picture.png \"A caption under the picture\")\n"
    "\n"
    "::: sidebar\n"
    "## A sidebar\n"
    "\n"
    "A boxed aside with its own heading.\n"
    ":::\n"
    "\n"
    "::: byline\n"
    "Your Name\n"
    "Editor\n"
    ":::\n"
    "\n"
    "[^lead]: A note from the lead.\n"
    "[^note]: Notes are numbered through the whole issue.\n";

static bool write_file(const char *path, const char *text, gssize len, diag_list *d)
{
    GError *err = NULL;
    if (g_file_set_contents(path, text, len, &err))
        return true;
    src_pos p = {path, 0, 0};
    diag_error(d, p, "cannot write: %s", err->message);
    g_error_free(err);
    return false;
}

/* A small picture drawn here, so the new issue needs no file from
 * anywhere: two colour fields and a circle.  Drawn at 720 x 480 pixels,
 * enough for a column's width at the print resolution folio asks for
 * (it warns below 150 ppi). */
static bool write_picture(const char *path, diag_list *d)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 720, 480);
    cairo_t *cr = cairo_create(s);
    cairo_scale(cr, 1.5, 1.5);
    cairo_set_source_rgb(cr, 0.0, 0.39, 0.44);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0.95, 0.55, 0.2);
    cairo_rectangle(cr, 0, 220, 480, 100);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.98, 0.93, 0.8);
    cairo_arc(cr, 340, 120, 60, 0, 2 * M_PI);
    cairo_fill(cr);
    cairo_destroy(cr);
    cairo_status_t st = cairo_surface_write_to_png(s, path);
    cairo_surface_destroy(s);
    if (st == CAIRO_STATUS_SUCCESS)
        return true;
    src_pos p = {path, 0, 0};
    diag_error(d, p, "cannot write the picture: %s", cairo_status_to_string(st));
    return false;
}

/* The default style: the first .ini of the user's, else the installed,
 * styles folder. */
static char *default_style(const locate_options *o)
{
    const char *roots[] = {o->config_dir, o->data_dir};
    for (int i = 0; i < 2; i++) {
        if (!roots[i])
            continue;
        char *dir = g_build_filename(roots[i], "styles", NULL);
        GDir *gd = g_dir_open(dir, 0, NULL);
        char *best = NULL;
        const char *f;
        while (gd && (f = g_dir_read_name(gd)))
            if (g_str_has_suffix(f, ".ini") && f[0] != '.' && (!best || strcmp(f, best) < 0)) {
                g_free(best);
                best = g_strdup(f);
            }
        if (gd)
            g_dir_close(gd);
        char *path = best ? g_build_filename(dir, best, NULL) : NULL;
        g_free(best);
        g_free(dir);
        if (path)
            return path;
    }
    return NULL;
}

bool newissue_write(const char *dir, const char *lang, const locate_options *o, diag_list *d)
{
    char *yaml_path = g_build_filename(dir, "issue.yaml", NULL);
    src_pos at = {yaml_path, 0, 0};
    bool ok = false;
    char *style_src = NULL, *style_text = NULL, *name = NULL, *title = NULL;
    if (g_file_test(yaml_path, G_FILE_TEST_EXISTS)) {
        diag_error(d, at, "already exists: folio new makes a new issue in a new or empty folder");
        goto out;
    }
    style_src = default_style(o);
    gsize len = 0;
    if (!style_src || !g_file_get_contents(style_src, &style_text, &len, NULL)) {
        src_pos p = {dir, 0, 0};
        diag_error(d, p, "no default style to copy: looked in %s/styles and %s/styles (is folio "
                   "installed? see README)", o->config_dir ? o->config_dir : "(no user folder)",
                   o->data_dir ? o->data_dir : "(no installed data folder)");
        goto out;
    }
    char *images = g_build_filename(dir, "images", NULL);
    char *styles = g_build_filename(dir, "styles", NULL);
    bool made = g_mkdir_with_parents(images, 0755) == 0 && g_mkdir_with_parents(styles, 0755) == 0;
    if (!made) {
        src_pos p = {dir, 0, 0};
        diag_error(d, p, "cannot create the folder: %s", g_strerror(errno));
    }
    g_free(images);
    g_free(styles);
    if (!made)
        goto out;
    char *base = g_path_get_basename(dir);
    name = markdown_slug(base);
    if (!*name) {
        g_free(name);
        name = g_strdup("magazine");
    }
    /* Quoted in the YAML: a folder name may hold `:` or `#`. */
    GString *t = g_string_new(NULL);
    for (const char *c = base; *c; c++) {
        if (*c == '"' || *c == '\\')
            g_string_append_c(t, '\\');
        g_string_append_c(t, *c);
    }
    title = g_string_free(t, FALSE);
    g_free(base);
    GDateTime *now = g_date_time_new_now_utc();
    char *year = g_date_time_format(now, "%Y");
    g_date_time_unref(now);
    char *yaml = g_strdup_printf(issue_yaml, title, lang, year, name, name);
    g_free(year);
    char *article = g_build_filename(dir, "first-article.md", NULL);
    char *picture = g_build_filename(dir, "images", "picture.png", NULL);
    char *style_file = g_strdup_printf("%s.ini", name);
    char *style_path = g_build_filename(dir, "styles", style_file, NULL);
    char *src_base = g_path_get_basename(style_src);
    char *style_copy = g_strdup_printf("# %s - this issue's own style, copied from %s by "
                                       "`folio new`.\n# Change it freely: it is found because it "
                                       "is in styles/ inside the issue.\n%s", style_file,
                                       src_base, style_text);
    ok = write_file(yaml_path, yaml, -1, d) && write_file(article, article_md, -1, d) &&
         write_picture(picture, d) && write_file(style_path, style_copy, -1, d);
    g_free(src_base);
    g_free(style_copy);
    g_free(style_path);
    g_free(style_file);
    g_free(picture);
    g_free(article);
    g_free(yaml);
out:
    g_free(title);
    g_free(name);
    g_free(style_text);
    g_free(style_src);
    g_free(yaml_path);
    return ok;
}
