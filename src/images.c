/* images.c - image paths and files, checked before anything decodes them. */
#include "images.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "paths.h"

static unsigned long be32(const unsigned char *p)
{
    return ((unsigned long)p[0] << 24) | ((unsigned long)p[1] << 16) | ((unsigned long)p[2] << 8) |
           p[3];
}

/* PNG: signature, IHDR first, IEND last (a cut-off download has none). */
static bool sniff_png(const unsigned char *d, size_t n, image_facts *f, const char **why)
{
    if (n < 33 || memcmp(d + 12, "IHDR", 4) != 0) {
        *why = "PNG file is truncated or damaged (no IHDR)";
        return false;
    }
    f->format = IMAGE_PNG;
    f->width = (long)be32(d + 16);
    f->height = (long)be32(d + 20);
    if (n < 45 || memcmp(d + n - 8, "IEND", 4) != 0) {
        *why = "PNG file is truncated (no IEND at its end)";
        return false;
    }
    return true;
}

/* JPEG: walk the markers to a start-of-frame for the size; the file must
 * end with EOI. */
static bool sniff_jpeg(const unsigned char *d, size_t n, image_facts *f, const char **why)
{
    f->format = IMAGE_JPEG;
    size_t i = 2;
    bool sized = false;
    while (i + 4 <= n && !sized) {
        if (d[i] != 0xFF) {
            *why = "JPEG file is damaged (bad marker)";
            return false;
        }
        unsigned m = d[i + 1];
        if (m == 0xFF) {
            i++;
            continue;
        }
        if (m == 0xD8 || (m >= 0xD0 && m <= 0xD7) || m == 0x01) {
            i += 2;
            continue;
        }
        size_t seg = ((size_t)d[i + 2] << 8) | d[i + 3];
        if ((m >= 0xC0 && m <= 0xCF) && m != 0xC4 && m != 0xC8 && m != 0xCC) {
            if (i + 9 > n) {
                break;
            }
            f->height = ((long)d[i + 5] << 8) | d[i + 6];
            f->width = ((long)d[i + 7] << 8) | d[i + 8];
            sized = true;
        }
        i += 2 + seg;
    }
    if (!sized) {
        *why = "JPEG file is truncated or damaged (no frame header)";
        return false;
    }
    if (n < 4 || d[n - 2] != 0xFF || d[n - 1] != 0xD9) {
        *why = "JPEG file is truncated (no end-of-image marker)";
        return false;
    }
    return true;
}

bool images_sniff(const unsigned char *data, size_t len, image_facts *out, const char **why)
{
    memset(out, 0, sizeof *out);
    bool ok;
    if (len >= 8 && memcmp(data, "\x89PNG\r\n\x1a\n", 8) == 0)
        ok = sniff_png(data, len, out, why);
    else if (len >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        ok = sniff_jpeg(data, len, out, why);
    else {
        *why = "not a PNG or JPEG image";
        return false;
    }
    if (ok && (out->width <= 0 || out->height <= 0)) {
        *why = "image has no size";
        return false;
    }
    if (ok && (double)out->width * out->height > IMAGES_MAX_PIXELS) {
        *why = "image declares more pixels than the limit of 200 million (a decompression "
               "bomb?); it is refused without being decoded";
        return false;
    }
    return ok;
}

/* The path as it will be opened, or NULL with an error: relative, no
 * `..`, no URL, and after following links still inside the folder. */
static char *resolve_inside(const char *url, const char *dir, src_pos at, diag_list *d)
{
    if (strstr(url, "://") || g_str_has_prefix(url, "data:")) {
        diag_error(d, at, "image `%s` must be a file in the content folder, not a URL", url);
        return NULL;
    }
    if (g_path_is_absolute(url)) {
        diag_error(d, at, "image `%s`: absolute paths are refused; give a path inside the "
                          "content folder", url);
        return NULL;
    }
    char **parts = g_strsplit(url, "/", -1);
    bool dotdot = false;
    for (char **p = parts; *p; p++)
        if (!strcmp(*p, ".."))
            dotdot = true;
    g_strfreev(parts);
    if (dotdot) {
        diag_error(d, at, "image `%s`: paths with `..` are refused; keep images inside the "
                          "content folder", url);
        return NULL;
    }
    char *path = g_build_filename(dir, url, NULL);
    switch (paths_place(path, dir)) {
    case PATH_MISSING:
        diag_error(d, at, "image `%s` does not exist", url);
        break;
    case PATH_OUTSIDE:
        diag_error(d, at, "image `%s` leads outside the content folder (a link?) and is refused",
                   url);
        break;
    case PATH_INSIDE:
        return path;
    }
    g_free(path);
    return NULL;
}

static bool check_one(const node *n, const char *dir, diag_list *d)
{
    const char *url = n->as.image.url;
    char *path = resolve_inside(url, dir, n->pos, d);
    if (!path)
        return false;
    struct stat st;
    bool ok = false;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
        diag_error(d, n->pos, "image `%s` is not a file", url);
    } else if (st.st_size > IMAGES_MAX_BYTES) {
        diag_error(d, n->pos, "image `%s` is larger than 256 MB", url);
    } else {
        /* mapped, not read: only the pages the markers are on are touched */
        GMappedFile *mf = st.st_size > 0 ? g_mapped_file_new(path, FALSE, NULL) : NULL;
        if (!mf) {
            diag_error(d, n->pos, "image `%s` cannot be read", url);
        } else {
            image_facts f;
            const char *why = NULL;
            ok = images_sniff((const unsigned char *)g_mapped_file_get_contents(mf),
                              g_mapped_file_get_length(mf), &f, &why);
            if (!ok && f.width > 0 && f.height > 0 && (double)f.width * f.height > IMAGES_MAX_PIXELS)
                diag_error(d, n->pos, "image `%s` declares %ld x %ld pixels: %s", url, f.width,
                           f.height, why);
            else if (!ok)
                diag_error(d, n->pos, "image `%s`: %s", url, why);
            picture_info pi;
            char *pwhy = NULL;
            if (ok && !picture_probe(path, &pi, &pwhy)) {
                /* what the picture pipeline cannot read is refused here */
                diag_error(d, n->pos, "image `%s`: %s", url, pwhy ? pwhy : "cannot be read");
                ok = false;
            }
            g_free(pwhy);
            g_mapped_file_unref(mf);
        }
    }
    g_free(path);
    return ok;
}

bool images_check_figure(const node *fig, const char *content_dir, diag_list *d)
{
    return check_one(fig, content_dir, d);
}

typedef struct {
    const char *dir;
    diag_list *d;
    bool ok;
} check_ctx;

static void check_node(node *n, void *ud)
{
    check_ctx *c = ud;
    if (n->type == NODE_FIGURE || n->type == NODE_IMAGE)
        c->ok = check_one(n, c->dir, c->d) && c->ok;
}

bool images_check_article(const node *article, const char *content_dir, diag_list *d)
{
    check_ctx c = {content_dir, d, true};
    tree_visit_article((node *)article, check_node, &c);
    return c.ok;
}
