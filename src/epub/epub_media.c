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

bool epub_add_fonts(epub_book *b, const style *st, FcConfig *fc, struct epub_prefetch *pf,
                    diag_list *d)
{
    if (!fc)
        return true; /* no fonts: the reading system's own are used */
    font_face *faces = NULL;
    size_t n = fonts_list_faces(fc, &faces); /* sorted by path */
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        const font_face *f = &faces[i];
        if (!epub_font_used(st, f->family, f->weight))
            continue;
        unsigned char *data = NULL;
        size_t len = 0;
        unsigned long crc = 0;
        bool has_crc = epub_prefetch_take(pf, f->path, &data, &len, &crc);
        GError *err = NULL;
        if (!has_crc && !g_file_get_contents(f->path, (gchar **)&data, &len, &err)) {
            src_pos p = {f->path, 0, 0};
            diag_error(d, p, "cannot read font: %s", err->message);
            g_error_free(err);
            ok = false;
            continue;
        }
        char *base = g_path_get_basename(f->path);
        char *id = g_strdup_printf("font-%zu", b->nfonts + 1);
        char *href = g_strdup_printf("fonts/%s", base);
        epub_item *it = epub_book_add(b, id, href,
                                      g_str_has_suffix(base, ".otf") ? "font/otf" : "font/ttf",
                                      NULL, data, len, EPUB_SPINE_NONE);
        it->crc = crc;
        it->has_crc = has_crc;
        b->fonts = g_renew(epub_font, b->fonts, b->nfonts + 1);
        b->fonts[b->nfonts++] = (epub_font){href, g_strdup(f->family), f->weight, f->italic};
        g_free(id);
        g_free(base);
    }
    fonts_free_faces(faces, n);
    return ok;
}
