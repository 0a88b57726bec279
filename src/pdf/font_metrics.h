/* font_metrics.h - Pango font metrics made under one process-wide lock.
 *
 * Pango 1.50's pango_fc_font_get_metrics (pangofc-font.c) guards its own
 * recursion with a plain static int (in_get_metrics): while one thread
 * lays out the sample string that gives a font's approximate character
 * width, any other thread that makes a font's metrics for the first time
 * skips that step, and the font keeps an approximate_char_width of 0 for
 * as long as it lives.  Pango's line breaker takes three of those widths
 * as its safe distance (process_item), so with 0 it measures other break
 * points, counts a hyphen differently, and justifies the paragraph
 * differently: the PDF depended on how the layout threads met.
 *
 * The font maps are per thread, the flag is not.  So every layout of the
 * PDF edition has its fonts' metrics made here first, with the lock held
 * (they are cached on the font, which the layout keeps alive), and Pango
 * never makes metrics on its own while another thread is inside. */
#ifndef FOLIO_PDF_FONT_METRICS_H
#define FOLIO_PDF_FONT_METRICS_H

#include <pango/pango.h>

/* Makes the metrics of every font that layout will use for its text,
 * attributes and font description, plus its empty-line font; the layout
 * keeps a reference to those fonts.  Call before anything asks the
 * layout for lines or sizes. */
void font_metrics_prepare(PangoLayout *layout);

/* pango_context_get_metrics, under the same lock. */
PangoFontMetrics *font_metrics_for_context(PangoContext *ctx, const PangoFontDescription *fd,
                                           PangoLanguage *lang);

#endif
