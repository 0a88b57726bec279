/* epub_cover.c - the cover: the PDF's first page as images/cover.png when
 * the caller has it, else a plain typographic cover drawn here with cairo
 * and Pango from the issue's metadata; and cover.xhtml showing it. */
#include "epub_book.h"

#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <string.h>
#include "words.h"
#include "fonts.h"
#include "picture.h"
#include "xhtml.h"

#define X(s) ((const xmlChar *)(s))

enum { COVER_W = 1200, COVER_H = 1697 };

static cairo_status_t png_append(void *closure, const unsigned char *data, unsigned int len)
{
    g_byte_array_append(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

/* One block of text, centred, its top at y; returns the y below it. */
static double draw_text(cairo_t *cr, PangoContext *ctx, const char *family, int weight, double px,
                        const char *text, double y)
{
    PangoLayout *layout = pango_layout_new(ctx);
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, family && *family ? family : "serif");
    pango_font_description_set_weight(fd, (PangoWeight)weight);
    pango_font_description_set_absolute_size(fd, px * PANGO_SCALE);
    pango_layout_set_font_description(layout, fd);
    pango_layout_set_width(layout, (int)(COVER_W * 0.8) * PANGO_SCALE);
    pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD);
    pango_layout_set_text(layout, text, -1);
    int w = 0, h = 0;
    pango_layout_get_pixel_size(layout, &w, &h);
    cairo_move_to(cr, COVER_W * 0.1, y);
    pango_cairo_show_layout(cr, layout);
    pango_font_description_free(fd);
    g_object_unref(layout);
    return y + h;
}

static unsigned char *draw_cover(const node *issue, const style *st, FcConfig *fc, size_t *len)
{
    const issue_meta *im = &issue->as.issue;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, COVER_W, COVER_H);
    cairo_t *cr = cairo_create(s);
    /* Hint and antialias settings fixed, so the pixels do not depend on
     * the desktop's font configuration. */
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    cairo_set_font_options(cr, fo);
    cairo_font_options_destroy(fo);
    /* The same fonts as the print edition when folio's own configuration
     * is at hand; the system's otherwise. */
    PangoFontMap *map = fc ? fonts_new_pango_fontmap(fc) : NULL;
    PangoContext *ctx = map ? pango_font_map_create_context(map) : pango_cairo_create_context(cr);
    pango_cairo_update_context(cr, ctx);

    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    style_color accent = st ? st->accent : (style_color){.r = 0.6, .g = 0.1, .b = 0.1};
    cairo_set_source_rgb(cr, accent.r, accent.g, accent.b);
    cairo_rectangle(cr, 0, 0, COVER_W, COVER_H * 0.06);
    cairo_fill(cr);
    cairo_rectangle(cr, COVER_W * 0.1, COVER_H * 0.42, COVER_W * 0.8, 6);
    cairo_fill(cr);

    const char *display = st && st->display_family ? st->display_family
                          : st ? st->title.family : NULL;
    const char *text_family = st ? st->body.family : NULL;
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    double y = draw_text(cr, ctx, display, 700, 150, im->title, COVER_H * 0.2);
    if (im->subtitle)
        y = draw_text(cr, ctx, text_family, 400, 56, im->subtitle, y + 30);
    GString *line = g_string_new(NULL);
    if (im->number)
        g_string_append_printf(line, "%s  ", im->number);
    if (im->date)
        g_string_append(line, im->date);
    if (line->len)
        draw_text(cr, ctx, text_family, 400, 56, line->str, COVER_H * 0.45);
    g_string_free(line, TRUE);
    if (im->publisher)
        draw_text(cr, ctx, text_family, 400, 48, im->publisher, COVER_H * 0.85);

    g_object_unref(ctx);
    if (map)
        g_object_unref(map);
    cairo_destroy(cr);
    GByteArray *png = g_byte_array_new();
    cairo_surface_write_to_png_stream(s, png_append, png);
    cairo_surface_destroy(s);
    *len = png->len;
    return g_byte_array_free(png, FALSE);
}

static unsigned char *cover_document(epub_book *b, const node *issue, const page_map *pages,
                                     const char *href, size_t *len)
{
    const issue_meta *im = &issue->as.issue;
    const char *cover_word = words_get(im->language, WORD_COVER);
    xmlDocPtr doc;
    xmlNsPtr epub_ns;
    xmlNodePtr body = xhtml_new_document(im->language, cover_word, "css/folio.css", &doc, &epub_ns);
    xmlNodePtr sec = xmlNewChild(body, NULL, X("section"), NULL);
    xmlNewNsProp(sec, epub_ns, X("type"), X("cover"));
    xmlNewProp(sec, X("class"), X("cover"));
    /* The cover is page 1 of the print edition. */
    for (size_t i = 0; pages && i < pages->count; i++) {
        char buf[16];
        const char *label = epub_page_label(&pages->items[i], buf);
        if (pages->items[i].block != issue ||
            !epub_page_target_add(b, label, "cover.xhtml", issue))
            continue;
        xhtml_add_pagebreak(sec, epub_ns, label);
    }
    xmlNodePtr img = xmlNewChild(sec, NULL, X("img"), NULL);
    xmlNewProp(img, X("src"), X(href));
    xmlNewProp(img, X("role"), X("doc-cover"));
    GString *alt = g_string_new(cover_word);
    g_string_append_printf(alt, ": %s", im->title);
    if (im->number)
        g_string_append_printf(alt, " %s", im->number);
    if (im->date)
        g_string_append_printf(alt, ", %s", im->date);
    /* The cover shows the subtitle and the publisher too, and this is the
     * only place of the EPUB that carries them: without them a reader of
     * the EPUB would miss words the print edition has. */
    if (im->subtitle)
        g_string_append_printf(alt, ". %s", im->subtitle);
    if (im->publisher)
        g_string_append_printf(alt, ". %s", im->publisher);
    /* the photo under the masthead, described by cover-alt: */
    const node *photo = im->cover_image;
    if (photo && photo->as.image.alt && *photo->as.image.alt)
        g_string_append_printf(alt, ". %s", photo->as.image.alt);
    if (photo && photo->as.image.credit)
        g_string_append_printf(alt, " (%s)", photo->as.image.credit);
    xmlNewProp(img, X("alt"), X(alt->str));
    g_string_free(alt, TRUE);
    char *bytes = xhtml_serialize(doc, len);
    xmlFreeDoc(doc);
    return (unsigned char *)bytes;
}

bool epub_add_cover(epub_book *b, const node *issue, const style *st, FcConfig *fc,
                    const unsigned char *png, size_t png_len, const page_map *pages,
                    diag_list *d)
{
    unsigned char *data;
    size_t len;
    if (png) {
        if (png_len < 8 || memcmp(png, "\x89PNG\r\n\x1a\n", 8) != 0) {
            src_pos p = {issue->as.issue.dir, 0, 0};
            diag_error(d, p, "the cover image handed to the EPUB writer is not a PNG");
            return false;
        }
        data = g_memdup2(png, png_len);
        len = png_len;
    } else {
        data = draw_cover(issue, st, fc, &len);
    }
    /* The cover with a photo: the printed cover page, photo and all, as a
     * JPEG (a photo in PNG would weigh megabytes). */
    const char *href = "images/cover.png", *type = "image/png";
    if (issue->as.issue.cover_image && png) {
        size_t jlen = 0;
        unsigned char *jpeg = picture_png_to_jpeg(data, len, st->jpeg_quality, &jlen);
        if (jpeg) {
            g_free(data);
            data = jpeg;
            len = jlen;
            href = "images/cover.jpg";
            type = "image/jpeg";
        }
    }
    epub_book_add(b, "cover-image", href, type, "cover-image", data, len, EPUB_SPINE_NONE);
    size_t doc_len = 0;
    unsigned char *doc = cover_document(b, issue, pages, href, &doc_len);
    epub_book_add(b, "cover", "cover.xhtml", "application/xhtml+xml", NULL, doc, doc_len,
                  EPUB_SPINE_COVER);
    return true;
}
