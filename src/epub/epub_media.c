/* epub_media.c - the binary resources: the issue's images (found in the
 * tree, sniffed, copied under images/) and the style's fonts (the faces
 * of folio's private font configuration the stylesheet can ask for).  Order is the tree's order and the sorted file names, never a
 * hash table's, so the manifest is the same on every build. */
#include "epub_book.h"

#include <glib.h>
#include <string.h>
#include "fonts.h"
#include "picture.h"

/* ------------------------------------------------------------------ */
/* images                                                             */

/* images/<basename>, made unique with a number when two folders hold
 * files of the same name. */
static char *image_package_href(const epub_book *b, const char *url)
{
    char *base = g_path_get_basename(url);
    /* Keep hrefs plain: anything but [A-Za-z0-9._-] becomes '-'. */
    for (char *c = base; *c; c++)
        if (!g_ascii_isalnum(*c) && !strchr("._-", *c))
            *c = '-';
    char *href = g_strdup_printf("images/%s", base);
    for (int n = 2; ; n++) {
        bool taken = false;
        for (size_t i = 0; i < b->nimages && !taken; i++)
            taken = !strcmp(b->images[i].href, href);
        if (!taken && strcmp(href, "images/cover.png") != 0 && strcmp(href, "images/cover.jpg") != 0)
            break;
        g_free(href);
        href = g_strdup_printf("images/%d-%s", n, base);
    }
    g_free(base);
    return href;
}

static bool add_image(epub_book *b, const node *issue, const style *st, const node *n,
                      diag_list *d)
{
    const char *url = n->as.image.url;
    if (!url || epub_book_image_href(b, url))
        return true;
    if (strstr(url, "://") || url[0] == '/') {
        diag_error(d, n->pos, "image %s: only images inside the issue folder can go into the EPUB",
                   url);
        return false;
    }
    /* made for screens: no edge over the style's epub-image-edge, upright,
     * in sRGB (see picture.h) */
    char *file = g_build_filename(issue->as.issue.dir, url, NULL);
    size_t len = 0;
    const char *type = NULL;
    char *why = NULL;
    unsigned char *data = picture_for_screen(file, st->epub_image_edge, st->jpeg_quality, &len,
                                             &type, &why);
    g_free(file);
    if (!data) {
        diag_error(d, n->pos, "image %s: %s", url, why ? why : "cannot be read");
        g_free(why);
        return false;
    }
    if (!n->as.image.decorative)
        b->visual = true;
    char *href = image_package_href(b, url);
    if (!strcmp(type, "image/jpeg") && !g_str_has_suffix(href, ".jpg") &&
        !g_str_has_suffix(href, ".jpeg")) {
        char *j = g_strconcat(href, ".jpg", NULL);
        g_free(href);
        href = j;
    }
    b->images = g_renew(epub_image, b->images, b->nimages + 1);
    b->images[b->nimages].url = g_strdup(url);
    b->images[b->nimages].href = href;
    b->nimages++;
    char *id = g_strdup_printf("img-%zu", b->nimages);
    epub_book_add(b, id, href, type, NULL, (unsigned char *)data, len, EPUB_SPINE_NONE);
    g_free(id);
    return true;
}

static bool add_images_under(epub_book *b, const node *issue, const style *st, const node *root,
                             diag_list *d)
{
    bool ok = true;
    tree_walker w;
    tree_walk_init(&w, (node *)root);
    node *n;
    walk_event ev;
    while (tree_walk_next(&w, &n, &ev))
        if (ev == WALK_ENTER && (n->type == NODE_FIGURE || n->type == NODE_IMAGE))
            ok = add_image(b, issue, st, n, d) && ok;
    return ok;
}

bool epub_add_images(epub_book *b, const node *issue, const style *st, diag_list *d)
{
    bool ok = true;
    /* Article by article, the opener picture and the lead (front matter,
     * outside the body's children) before the body: the order the
     * documents show them. */
    for (const node *a = issue->first; a; a = a->next) {
        if (a->type == NODE_ARTICLE && a->as.article.image)
            ok = add_images_under(b, issue, st, a->as.article.image, d) && ok;
        if (a->type == NODE_ARTICLE && a->as.article.lead)
            ok = add_images_under(b, issue, st, a->as.article.lead, d) && ok;
        ok = add_images_under(b, issue, st, a, d) && ok;
    }
    return ok;
}

/* ------------------------------------------------------------------ */
/* fonts                                                              */

/* The kinds of text the e-book sets (the print-only ones, running heads,
 * folios, the masthead, are left out). */
static const style_text *ebook_texts(const style *st, size_t i)
{
    const style_text *all[] = {&st->body, &st->lead, &st->rubric, &st->title, &st->subtitle,
                               &st->heading[0], &st->heading[1], &st->heading[2],
                               &st->pullquote, &st->attribution, &st->byline_name,
                               &st->byline_role, &st->footnote, &st->caption, &st->sidebar,
                               &st->colophon, &st->code, &st->table};
    return i < G_N_ELEMENTS(all) ? all[i] : NULL;
}

/* Whether the stylesheet can ask for this face: its family is set somewhere
 * at this weight, or at any weight for 400 and 700 (which <em>/<strong>
 * inside that text reach).  Embedding only these keeps the book small. */
bool epub_font_used(const style *st, const char *family, int weight)
{
    const style_text *t;
    for (size_t i = 0; (t = ebook_texts(st, i)); i++) {
        if (!t->family || g_ascii_strcasecmp(t->family, family) != 0)
            continue;
        int w = t->weight > 0 ? t->weight : 400;
        if (weight == w || weight == 400 || weight == 700)
            return true;
    }
    return false;
}

/* "DimensiesText-Bold.ttf": the new family and the original file's style
 * part (after its last '-'), so no file name carries the original's name. */
static char *postscript_file(const char *family, const char *base, bool otf)
{
    GString *s = g_string_new(NULL);
    for (const char *p = family; *p; p++)
        if (g_ascii_isalnum(*p))
            g_string_append_c(s, *p);
    const char *dash = strrchr(base, '-');
    const char *dot = strrchr(base, '.');
    if (dash && dot && dot > dash + 1)
        g_string_append_len(s, dash, dot - dash);
    else
        g_string_append(s, "-Regular");
    g_string_append(s, otf ? ".otf" : ".ttf");
    return g_string_free(s, FALSE);
}

/* The subset's family: the magazine's name (from the style) and the
 * family's role, never the original's (a Reserved Font Name under the OFL). */
static char *subset_family(const style *st, const char *family)
{
    const char *role = "Type";
    if (st->serif_family && !g_ascii_strcasecmp(family, st->serif_family))
        role = "Text";
    else if (st->sans_family && !g_ascii_strcasecmp(family, st->sans_family))
        role = "Sans";
    else if (st->display_family && !g_ascii_strcasecmp(family, st->display_family))
        role = "Display";
    else if (st->mono_family && !g_ascii_strcasecmp(family, st->mono_family))
        role = "Mono";
    char *name = g_strdup(st->name && *st->name ? st->name : "Folio");
    name[0] = g_ascii_toupper(name[0]);
    char *out = g_strdup_printf("%s %s", name, role);
    g_free(name);
    return out;
}

/* One line per embedded face: what it is a Modified Version of. */
static void licence_notice(GString *txt, const epub_subset *s, const epub_font *f)
{
    g_string_append_printf(txt, "fonts/%s: \"%s\", weight %d%s: a subset of %s%s%s\n",
                           f->href + strlen("fonts/"), f->css_family, f->weight,
                           f->italic ? " italic" : "",
                           s->original_family ? s->original_family : "?",
                           s->version ? ", " : "", s->version ? s->version : "");
}

static void licence_family(GString *txt, const epub_subset *s)
{
    g_string_append_printf(txt, "\n== %s ==\n\n", s->original_family ? s->original_family : "?");
    if (s->copyright)
        g_string_append_printf(txt, "%s\n\n", s->copyright);
    if (s->reserved && s->reserved[0]) {
        g_string_append(txt, "Reserved Font Names:");
        for (char **r = s->reserved; *r; r++)
            g_string_append_printf(txt, " \"%s\"", *r);
        g_string_append(txt, ".  The fonts in this book are Modified Versions (subsets) and "
                             "carry none of them.\n\n");
    }
    if (s->licence)
        g_string_append_printf(txt, "%s\n\n", s->licence);
    if (s->licence_url)
        g_string_append_printf(txt, "%s\n", s->licence_url);
}

bool epub_add_fonts(epub_book *b, const node *issue, const style *st, FcConfig *fc,
                    struct epub_prefetch *pf, diag_list *d)
{
    if (!fc)
        return true; /* no fonts: the reading system's own are used */
    font_face *faces = NULL;
    size_t n = fonts_list_faces(fc, &faces); /* sorted by path */
    epub_font_use *use = epub_font_use_new(issue, st);
    bool *used = epub_font_use_faces(use, faces, n);
    GString *txt = g_string_new(
        "The fonts of this book\n======================\n\n"
        "Each font file below is a Modified Version of the font it names: cut down\n"
        "to the characters this book uses (HarfBuzz hb-subset) and renamed.  Each\n"
        "stays under its own licence, given in full below.\n\n");
    GPtrArray *noticed = g_ptr_array_new_with_free_func(g_free);
    GString *families = g_string_new(NULL);
    bool ok = true, ofl = false;
    for (size_t i = 0; i < n; i++) {
        const font_face *f = &faces[i];
        if (!used[i])
            continue;
        unsigned char *data = NULL;
        size_t len = 0;
        GError *err = NULL;
        src_pos p = {f->path, 0, 0};
        if (!epub_prefetch_take(pf, f->path, &data, &len) &&
            !g_file_get_contents(f->path, (gchar **)&data, &len, &err)) {
            diag_error(d, p, "cannot read font: %s", err->message);
            g_error_free(err);
            ok = false;
            continue;
        }
        size_t nchars = 0;
        gunichar *chars = epub_font_use_chars(use, f->family, &nchars);
        char *family = subset_family(st, f->family);
        epub_subset sub;
        char *why = NULL;
        bool subset = epub_subset_font(data, len, chars, nchars, family, &sub, &why);
        g_free(chars);
        g_free(data);
        if (!subset) {
            diag_error(d, p, "cannot embed font in the EPUB: %s", why);
            g_free(why);
            g_free(family);
            ok = false;
            continue;
        }
        char *base = g_path_get_basename(f->path);
        char *ext = strrchr(base, '.');
        bool otf = ext && !g_ascii_strcasecmp(ext, ".otf");
        /* The file is named after the new family, not the original. */
        char *file = postscript_file(family, base, otf);
        char *id = g_strdup_printf("font-%zu", b->nfonts + 1);
        char *href = g_strdup_printf("fonts/%s", file);
        epub_book_add(b, id, href, otf ? "font/otf" : "font/ttf", NULL, sub.data, sub.len,
                      EPUB_SPINE_NONE);
        sub.data = NULL;
        b->fonts = g_renew(epub_font, b->fonts, b->nfonts + 1);
        b->fonts[b->nfonts] = (epub_font){href, g_strdup(f->family), family, f->weight, f->italic};
        licence_notice(txt, &sub, &b->fonts[b->nfonts]);
        /* Each original family's notices once. */
        const char *orig = sub.original_family ? sub.original_family : "?";
        bool seen = false;
        for (guint k = 0; k < noticed->len && !seen; k++)
            seen = !strcmp(g_ptr_array_index(noticed, k), orig);
        if (!seen) {
            g_ptr_array_add(noticed, g_strdup(orig));
            licence_family(families, &sub);
        }
        ofl = ofl || (sub.licence && strstr(sub.licence, "Open Font License")) ||
              (sub.licence_url && strstr(sub.licence_url, "OFL"));
        b->nfonts++;
        epub_subset_clear(&sub);
        g_free(id);
        g_free(file);
        g_free(base);
    }
    if (ok && b->nfonts) {
        g_string_append(txt, families->str);
        if (ofl)
            g_string_append_printf(txt, "\n== The SIL Open Font License ==\n\n%s", epub_ofl_text);
        size_t len = txt->len;
        epub_book_add(b, "fonts-licence", "fonts/LICENSE.txt", "text/plain", NULL,
                      (unsigned char *)g_string_free(txt, FALSE), len, EPUB_SPINE_NONE);
    } else {
        g_string_free(txt, TRUE);
    }
    g_string_free(families, TRUE);
    g_ptr_array_free(noticed, TRUE);
    g_free(used);
    epub_font_use_free(use);
    fonts_free_faces(faces, n);
    return ok;
}
