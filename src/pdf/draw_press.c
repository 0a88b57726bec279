/* draw_press.c - the press edition: the laid-out pages drawn on a sheet
 * with the style's bleed (and, with `marks = crop`, room for crop marks
 * and a slug line), without structure tags or links, then finished as
 * PDF/X-4 by finish_press.
 *
 * Bleed: a filled box that the layout set against a trim edge is drawn
 * on past that edge by the bleed, so trimming leaves no white sliver.
 * That is the only difference in what is drawn; positions are the
 * layout's, shifted by the sheet's margin. */
#include <cairo-pdf.h>
#include <math.h>
#include <string.h>

#include "pdf/draw.h"
#include "pdf/draw_edition.h"
#include "pdf/draw_picture.h"

#define MM(x) ((x) * 72.0 / 25.4)
/* Room outside the bleed for crop marks and the slug line. */
#define MARKS_ROOM MM(12)
#define EDGE 0.01

/* A copy of box b (sharing its pointers) extended into the bleed on every
 * trim edge it touches. */
static box bled(const box *b, double w, double h, double bleed)
{
    box x = *b;
    if (b->kind != BOX_RECT)
        return x;
    if (x.x <= EDGE) {
        x.w += x.x + bleed;
        x.x = -bleed;
    }
    if (x.y <= EDGE) {
        x.h += x.y + bleed;
        x.y = -bleed;
    }
    if (x.x + x.w >= w - EDGE)
        x.w = w + bleed - x.x;
    if (x.y + x.h >= h - EDGE)
        x.h = h + bleed - x.y;
    return x;
}

/* Crop marks at the four corners of the trim, starting outside the bleed;
 * black, so the finishing pass writes them as 100 K. */
static void crop_marks(cairo_t *cr, double w, double h, double bleed)
{
    double gap = bleed + MM(1), len = MARKS_ROOM - MM(4);
    cairo_save(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, 0.25);
    double xs[2] = {0, w}, ys[2] = {0, h};
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) {
            double x = xs[i], y = ys[j], sx = i ? 1 : -1, sy = j ? 1 : -1;
            cairo_move_to(cr, x + sx * gap, y);
            cairo_line_to(cr, x + sx * (gap + len), y);
            cairo_move_to(cr, x, y + sy * gap);
            cairo_line_to(cr, x, y + sy * (gap + len));
        }
    cairo_stroke(cr);
    cairo_restore(cr);
}

/* The slug line under the page, outside the bleed: file, page, date.
 * Set with cairo's own text API in the style's sans family (found through
 * folio's fontconfig, which the build makes current): a line for the
 * printer, not typography. */
static void slug_line(cairo_t *cr, const pdf_document *doc, size_t page,
                      const pdf_press_options *o, double h)
{
    char date[32];
    struct tm tm;
    time_t t = doc->source_date;
    gmtime_r(&t, &tm);
    strftime(date, sizeof date, "%Y-%m-%d", &tm);
    const char *label = doc->pages[page].label;
    char *text = g_strdup_printf("%s    page %zu of %zu%s%s%s    %s",
                                 o->file_name ? o->file_name : "", page + 1, doc->npages,
                                 *label ? " (folio " : "", label, *label ? ")" : "", date);
    cairo_save(cr);
    cairo_select_font_face(cr, o->slug_family ? o->slug_family : "sans-serif",
                           CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 6);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_move_to(cr, MM(5), h + o->bleed + MM(7));
    cairo_show_text(cr, text);
    cairo_restore(cr);
    g_free(text);
}

/* One press sheet on cr, whose origin is the sheet's corner: the page
 * drawn off = margin + bleed in, with its bleed, and the marks when
 * marks is on. */
static void draw_sheet(cairo_t *cr, const pdf_document *doc, size_t i,
                       const pdf_press_options *o, double off, bool marks)
{
    double w = doc->page_width, h = doc->page_height, bleed = o->bleed;
    const pdf_page *p = &doc->pages[i];
    pdf_page sheet = *p;
    sheet.boxes.items = g_new(box, p->boxes.count ? p->boxes.count : 1);
    for (size_t j = 0; j < p->boxes.count; j++)
        sheet.boxes.items[j] = bled(&p->boxes.items[j], w, h, bleed);
    cairo_save(cr);
    cairo_translate(cr, off, off);
    draw_page(cr, &sheet, doc->res, NULL);
    if (marks) {
        crop_marks(cr, w, h, bleed);
        slug_line(cr, doc, i, o, h);
    }
    cairo_restore(cr);
    g_free(sheet.boxes.items);
}

bool pdf_write_press(pdf_document *doc, const char *path, const pdf_press_options *o,
                     diag_list *d)
{
    src_pos at = {path, 0, 0};
    double w = doc->page_width, h = doc->page_height, bleed = o->bleed;
    double margin = o->crop_marks ? MARKS_ROOM : 0, off = margin + bleed;
    GByteArray *bytes = g_byte_array_new();
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(pdf_append_bytes, bytes,
                                                             w + 2 * off, h + 2 * off);
    cairo_pdf_surface_restrict_to_version(s, CAIRO_PDF_VERSION_1_5);
    /* pictures at the press resolution, not the reading edition's */
    draw_picture_set_target(s, o->image_ppi > 0 ? o->image_ppi : 300,
                            doc->jpeg_quality > 0 ? doc->jpeg_quality : 85);
    cairo_t *cr = cairo_create(s);
    for (size_t i = 0; i < doc->npages; i++) {
        draw_sheet(cr, doc, i, o, off, o->crop_marks);
        cairo_show_page(cr);
    }
    cairo_status_t cs = pdf_close_surface(cr, s);
    if (cs != CAIRO_STATUS_SUCCESS) {
        diag_error(d, at, "cannot draw the press edition: %s", cairo_status_to_string(cs));
        g_byte_array_free(bytes, TRUE);
        return false;
    }
    finish_meta m;
    pdf_finish_meta(doc, &m);
    finish_press_options fo = {.trim_w = w, .trim_h = h, .bleed = bleed, .margin = margin,
                               .profile = o->profile, .palette = o->palette,
                               .condition = o->condition, .default_profile = o->default_profile};
    bool ok = finish_press(bytes->data, bytes->len, path, &m, &fo, d);
    g_byte_array_free(bytes, TRUE);
    return ok;
}

/* The press proof: for every page, the press sheet (with its bleed, and
 * crop marks and slug line whatever the style says, the BleedBox dashed
 * magenta and the TrimBox cyan) beside the page as it is after trimming,
 * two pairs a row, on a grey table. */
bool pdf_write_press_proof(pdf_document *doc, const char *path, const pdf_press_options *o,
                           diag_list *d)
{
    const double dpi = 30, k = dpi / 72.0, gap = 16;
    double w = doc->page_width, h = doc->page_height, bleed = o->bleed;
    double off = MARKS_ROOM + bleed, sw = w + 2 * off, sh = h + 2 * off;
    double cell_w = (sw + w) * k + 3 * gap, cell_h = sh * k + gap;
    int per_row = 2, rows = (int)((doc->npages + 1) / 2);
    cairo_surface_t *img = cairo_image_surface_create(
        CAIRO_FORMAT_RGB24, (int)(per_row * cell_w + gap), (int)(rows * cell_h + gap));
    cairo_t *cr = cairo_create(img);
    cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
    cairo_paint(cr);
    for (size_t i = 0; i < doc->npages; i++) {
        double x = gap + (double)(i % 2) * cell_w, y = gap + (double)(i / 2) * cell_h;
        cairo_save(cr);
        cairo_translate(cr, x, y);
        cairo_scale(cr, k, k);
        cairo_rectangle(cr, 0, 0, sw, sh);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill(cr);
        draw_sheet(cr, doc, i, o, off, true);
        cairo_set_line_width(cr, 0.8 / k);
        cairo_rectangle(cr, off - bleed, off - bleed, w + 2 * bleed, h + 2 * bleed);
        cairo_set_source_rgb(cr, 0.9, 0, 0.6);
        double dash = 4 / k;
        cairo_set_dash(cr, &dash, 1, 0);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
        cairo_rectangle(cr, off, off, w, h);
        cairo_set_source_rgb(cr, 0, 0.7, 0.9);
        cairo_stroke(cr);
        /* the trimmed page beside it */
        cairo_translate(cr, sw + gap / k, off);
        cairo_rectangle(cr, 0, 0, w, h);
        cairo_clip_preserve(cr);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill(cr);
        draw_page(cr, &doc->pages[i], doc->res, NULL);
        cairo_restore(cr);
    }
    cairo_destroy(cr);
    cairo_status_t cs = cairo_surface_write_to_png(img, path);
    cairo_surface_destroy(img);
    if (cs != CAIRO_STATUS_SUCCESS) {
        src_pos at = {path, 0, 0};
        diag_error(d, at, "cannot write the press proof: %s", cairo_status_to_string(cs));
        return false;
    }
    return true;
}
