/* layout_display.h - display type (masthead, titles, rubrics) that fits.
 *
 * Display type is never hyphenated.  A word wider than the measure would
 * otherwise be broken between letters (TIDEWAT-/ER), so the whole text is
 * set smaller, just enough for its widest word to fit, down to the
 * style's [typography] display-min-scale of its size.  Below that the
 * build warns at the source position and the word is broken without a
 * hyphen. */
#ifndef FOLIO_PDF_LAYOUT_DISPLAY_H
#define FOLIO_PDF_LAYOUT_DISPLAY_H

#include "pdf/layout_blocks.h"

/* ts, or a copy made smaller so that every word of text fits in width w.
 * what names the text in the warning ("title", "masthead"). */
style_text display_fit(block_builder *bb, const char *text, const style_text *ts, double w,
                       src_pos pos, const char *what);

#endif
