/* draw_pdf.c - the reading edition: pages, outline, metadata, page
 * labels drawn by cairo into memory, then finished (PDF/UA-1) by
 * finish_reading with libqpdf.
 *
 * Reproducible: the dates come from the source date, and cairo 1.16 writes
 * no other clock or random value (font subset tags are hashes of the
 * subset), so the same sources give the same bytes. */
#include <cairo-pdf.h>
#include <errno.h>
#include <string.h>

#include "pdf/draw.h"
#include "pdf/draw_edition.h"
#include "pdf/draw_picture.h"

#ifndef FOLIO_VERSION
#define FOLIO_VERSION "dev"
#endif

static void set_metadata(cairo_surface_t *s, const pdf_document *doc)
{
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, doc->title ? doc->title : "");
    if (doc->author)
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, doc->author);
    if (doc->subject)
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, doc->subject);
    if (doc->keywords)
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_KEYWORDS, doc->keywords);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "folio " FOLIO_VERSION);
    time_t t = doc->source_date;
    struct tm tm;
    gmtime_r(&t, &tm);
    char date[32];
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date);
}

static void add_outline(cairo_surface_t *s, const pdf_document *doc)
{
    int parent = CAIRO_PDF_OUTLINE_ROOT;
    for (size_t i = 0; i < doc->noutline; i++) {
        const outline_entry *e = &doc->outline[i];
        char *link = g_strdup_printf("page=%d pos=[%.2f %.2f]", e->page + 1, 0.0, e->y);
        int id = cairo_pdf_surface_add_outline(s, e->level == 0 ? CAIRO_PDF_OUTLINE_ROOT : parent,
                                               e->title, link, 0);
        if (e->level == 0)
            parent = id;
        g_free(link);
    }
}

cairo_status_t pdf_append_bytes(void *closure, const unsigned char *data, unsigned int len)
{
    g_byte_array_append(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

cairo_status_t pdf_close_surface(cairo_t *cr, cairo_surface_t *s)
{
    cairo_status_t cs = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    if (cs == CAIRO_STATUS_SUCCESS)
        cs = cairo_surface_status(s);
    cairo_surface_destroy(s);
    return cs;
}

void pdf_finish_meta(const pdf_document *doc, finish_meta *m)
{
    *m = (finish_meta){.title = doc->title, .author = doc->author, .subject = doc->subject,
                       .keywords = doc->keywords, .lang = doc->lang, .date = doc->source_date};
}

void pdf_set_image_ppi(pdf_document *doc, double ppi) { doc->image_ppi = ppi; }

bool pdf_write(pdf_document *doc, const char *path, diag_list *d)
{
    src_pos at = {path, 0, 0};
    GByteArray *bytes = g_byte_array_new();
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(pdf_append_bytes, bytes,
                                                             doc->page_width, doc->page_height);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        diag_error(d, at, "cannot create PDF: %s", cairo_status_to_string(cairo_surface_status(s)));
        cairo_surface_destroy(s);
        g_byte_array_free(bytes, TRUE);
        return false;
    }
    set_metadata(s, doc);
    draw_picture_set_target(s, doc->image_ppi > 0 ? doc->image_ppi : 150,
                            doc->jpeg_quality > 0 ? doc->jpeg_quality : 85);
    cairo_t *cr = cairo_create(s);
    draw_tags tags;
    draw_tags_init(&tags);
    tags.lang = doc->lang;
    for (size_t i = 0; i < doc->npages; i++) {
        cairo_pdf_surface_set_page_label(s, doc->pages[i].label);
        draw_page(cr, &doc->pages[i], doc->res, &tags);
        cairo_show_page(cr);
    }
    while (tags.open->len) {
        char *top = g_ptr_array_index(tags.open, tags.open->len - 1);
        *strchr(top, '\t') = '\0';
        cairo_tag_end(cr, top);
        g_ptr_array_remove_index(tags.open, tags.open->len - 1);
    }
    add_outline(s, doc);
    cairo_status_t cs = pdf_close_surface(cr, s);
    GPtrArray *span_langs = g_steal_pointer(&tags.span_langs);
    tags.span_langs = g_ptr_array_new();
    draw_tags_free(&tags);
    if (cs != CAIRO_STATUS_SUCCESS) {
        diag_error(d, at, "cannot write PDF: %s", cairo_status_to_string(cs));
        g_byte_array_free(bytes, TRUE);
        g_ptr_array_free(span_langs, TRUE);
        return false;
    }
    /* the figures' alt texts, in drawing order (= structure order); an
     * image without one is decorative and has no Figure element */
    GPtrArray *alts = g_ptr_array_new();
    for (size_t i = 0; i < doc->npages; i++)
        for (size_t j = 0; j < doc->pages[i].boxes.count; j++) {
            const box *b = &doc->pages[i].boxes.items[j];
            if (b->kind == BOX_IMAGE && b->role != ROLE_DECOR)
                g_ptr_array_add(alts, b->attrs);
        }
    /* the running heads' and folios' bands: the furniture lines above the
     * text frame and below it, as the layout placed them */
    GArray *bands = g_array_sized_new(FALSE, TRUE, sizeof(finish_bands), (guint)doc->npages);
    for (size_t i = 0; i < doc->npages; i++) {
        const pdf_page *p = &doc->pages[i];
        double h = doc->page_height, ht = G_MAXDOUBLE, hb = -1, ft = G_MAXDOUBLE, fb = -1;
        for (size_t j = 0; j < p->boxes.count; j++) {
            const box *b = &p->boxes.items[j];
            if (b->role != ROLE_FURNITURE || b->kind != BOX_LINE)
                continue;
            if (b->y + b->h <= p->col_top) {
                ht = MIN(ht, b->y);
                hb = MAX(hb, b->y + b->h);
            } else if (b->y >= p->col_bottom) {
                ft = MIN(ft, b->y);
                fb = MAX(fb, b->y + b->h);
            }
        }
        finish_bands fb_ = {.head_y0 = h - hb, .head_y1 = hb < 0 ? h - hb - 1 : h - ht,
                            .foot_y0 = h - fb, .foot_y1 = fb < 0 ? h - fb - 1 : h - ft};
        g_array_append_val(bands, fb_);
    }
    finish_meta m;
    pdf_finish_meta(doc, &m);
    m.alts = alts;
    m.span_langs = span_langs;
    m.bands = bands;
    bool ok = finish_reading(bytes->data, bytes->len, path, &m, d);
    g_array_free(bands, TRUE);
    g_ptr_array_free(alts, TRUE);
    g_ptr_array_free(span_langs, TRUE);
    g_byte_array_free(bytes, TRUE);
    return ok;
}
