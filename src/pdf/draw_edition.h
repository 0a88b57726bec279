/* draw_edition.h - what the two editions' writers (draw_pdf.c, reading;
 * draw_press.c, press) share: cairo's PDF collected in memory for the
 * finishing pass, and the document's metadata for it. */
#ifndef FOLIO_DRAW_EDITION_H
#define FOLIO_DRAW_EDITION_H

#include <cairo.h>
#include <glib.h>

#include "finish/finish.h"
#include "pdf/pdf_doc.h"

/* A cairo write function appending to a GByteArray (the closure). */
cairo_status_t pdf_append_bytes(void *closure, const unsigned char *data, unsigned int len);
void pdf_finish_meta(const pdf_document *doc, finish_meta *m);
/* Destroys cr, finishes and destroys s (cairo writes the PDF then);
 * returns the first error of either. */
cairo_status_t pdf_close_surface(cairo_t *cr, cairo_surface_t *s);

#endif
