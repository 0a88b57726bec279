/* draw_picture.h - the pixels of an image box, at the resolution the
 * target needs: the PDF edition's (screen or press ppi, set on the PDF
 * surface) or a raster's (proofs, the EPUB cover: from the device scale).
 * Photos that need reducing go in as JPEG at the style's quality; a JPEG
 * that needs nothing goes in unchanged. */
#ifndef FOLIO_PDF_DRAW_PICTURE_H
#define FOLIO_PDF_DRAW_PICTURE_H

#include <cairo.h>
#include <stdbool.h>

/* What a vector target (the PDF) wants of its pictures. */
void draw_picture_set_target(cairo_surface_t *target, double ppi, int quality);

/* Paints the picture at path into the rectangle (x, y, w, h) of cr's user
 * space, clipped to (cx, cy, cw, ch) when cw > 0.  False when the file
 * cannot be decoded (nothing is painted). */
bool draw_picture(cairo_t *cr, const char *path, double x, double y, double w, double h,
                  double cx, double cy, double cw, double ch);

#endif
