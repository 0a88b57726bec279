/* font_widths.h - the embedded TrueType fonts' glyph widths, exactly.
 *
 * cairo 1.16 writes a font's /Widths (and a CID font's /W) truncated to
 * whole thousandths of an em, but positions the glyphs of a TJ string
 * with the exact advances: a PDF reader, which moves by /Widths, sets
 * every glyph up to 1/1000 em short, so a line drawn as one string
 * drifts left (about 0.5 pt over a 9.5 pt line of 320 pt), while a
 * line that starts a new text object midway (a run in another language
 * is a Span of its own) lands where layout put it.  Rewriting the widths
 * with the advances of the embedded font program puts every glyph where
 * layout put it. */
#ifndef FOLIO_FONT_WIDTHS_H
#define FOLIO_FONT_WIDTHS_H

#include <qpdf/qpdf-c.h>

/* Every TrueType font (simple, WinAnsiEncoding; or CIDFontType2 with the
 * identity CID to glyph map) used by the pages' resources gets the exact
 * widths of its embedded program.  A width is replaced only when the old
 * one is its truncation (within 1/1000 em), so nothing else changes.
 * Returns how many widths were replaced. */
int finish_exact_widths(qpdf_data q);

#endif
