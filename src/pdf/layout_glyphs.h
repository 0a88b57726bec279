/* layout_glyphs.h - Pango's shaped lines as plain glyph runs (glyph_run.h).
 *
 * The one place where a PangoLayoutLine becomes frame data.  It does what
 * pango_cairo_show_layout_line would do at drawing time (glyph positions,
 * rise, cluster map, strike-through), but now, so drawing needs no Pango
 * and a laid-out line can outlive its layout and its font map. */
#ifndef FOLIO_PDF_LAYOUT_GLYPHS_H
#define FOLIO_PDF_LAYOUT_GLYPHS_H

#include <pango/pango.h>

#include "pdf/glyph_run.h"
#include "pdf/resources.h"

/* Line index of layout as glyph runs; fonts are added to res. */
glyph_line *layout_glyph_line(pdf_resources *res, PangoLayout *layout, int index);

#endif
