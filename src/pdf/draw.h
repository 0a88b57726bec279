/* draw.h - paints laid-out pages on a cairo context.  Shared by the PDF
 * writer (with structure tags, links and destinations) and the PNG
 * renderer (pixels only).  Drawing decides nothing about placement. */
#ifndef FOLIO_PDF_DRAW_H
#define FOLIO_PDF_DRAW_H

#include <cairo.h>
#include <glib.h>

#include "pdf/pdf_doc.h"

/* Structure elements open across a page turn, and destinations already
 * written (PDF only). */
typedef struct {
    GPtrArray *open;      /* char* "name\tattrs", outermost first */
    GPtrArray *suspended; /* closed at the last page's end, to reopen */
    GHashTable *dests;    /* names written */
    int keep_depth;       /* elements this deep stay open over a page turn */
} draw_tags;

void draw_tags_init(draw_tags *t);
void draw_tags_free(draw_tags *t);

/* Paints page p.  With tags (PDF), also writes structure elements, link
 * annotations and destinations. */
void draw_page(cairo_t *cr, const pdf_page *p, pdf_resources *res, draw_tags *tags);

#endif
