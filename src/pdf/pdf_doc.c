/* pdf_doc.c - frames: glyph lines, box copies, the document's lifetime. */
#include "pdf/pdf_doc.h"

#include <glib.h>
#include <string.h>

/* ---- glyph lines: shared, immutable, counted atomically ---------------- */

static void glyph_line_clear(gpointer data)
{
    glyph_line *l = data;
    for (int i = 0; i < l->nparts; i++) {
        g_free(l->parts[i].glyphs);
        g_free(l->parts[i].text);
        g_free(l->parts[i].clusters);
    }
    g_free(l->parts);
}

glyph_line *glyph_line_new(int nparts)
{
    glyph_line *l = g_atomic_rc_box_new0(glyph_line);
    l->parts = g_new0(line_part, nparts > 0 ? nparts : 1);
    return l;
}

glyph_line *glyph_line_ref(glyph_line *l) { return l ? g_atomic_rc_box_acquire(l) : NULL; }

void glyph_line_unref(glyph_line *l)
{
    if (l)
        g_atomic_rc_box_release_full(l, glyph_line_clear);
}

/* ---- boxes and documents ---------------------------------------------- */

box *box_list_copy(box_list *l, const box *b, double dx, double dy)
{
    box *c = box_list_add(l, b->kind);
    *c = *b;
    if (b->page_abs)
        dx = 0; /* to the trim edge whatever the margins */
    c->x += dx;
    c->y += dy;
    c->clip_x += dx;
    c->clip_y += dy;
    c->line = glyph_line_ref(b->line);
    c->text = g_strdup(b->text);
    c->attrs = g_strdup(b->attrs);
    return c;
}

pdf_document *pdf_document_new(pdf_resources *res)
{
    pdf_document *doc = g_new0(pdf_document, 1);
    doc->res = resources_ref(res);
    return doc;
}

int pdf_page_count(const pdf_document *doc) { return doc ? (int)doc->npages : 0; }

void pdf_document_free(pdf_document *doc)
{
    if (!doc)
        return;
    for (size_t i = 0; i < doc->npages; i++)
        box_list_free(&doc->pages[i].boxes);
    g_free(doc->pages);
    for (size_t i = 0; i < doc->noutline; i++)
        g_free(doc->outline[i].title);
    g_free(doc->outline);
    g_free(doc->title);
    g_free(doc->author);
    g_free(doc->subject);
    g_free(doc->keywords);
    g_free(doc->lang);
    if (doc->fit_report)
        g_string_free(doc->fit_report, TRUE);
    if (doc->res)
        resources_unref(doc->res);
    g_free(doc);
}
