/* style_limits.h - the bounds of a style's values, one constant each, used
 * wherever the value is read or used (the style, front matter `columns:`,
 * layout's per-column arrays).  Apart from style.h so that the frames
 * (pdf_doc.h), which never see a style, can size their arrays by it. */
#ifndef FOLIO_STYLE_LIMITS_H
#define FOLIO_STYLE_LIMITS_H

#define STYLE_MAX_COLUMNS 6
#define STYLE_MIN_PAGE_MM 74.0      /* A7's short side */
#define STYLE_MAX_PAGE_MM 1000.0
#define STYLE_MIN_MEASURE_MM 25.0   /* the width of one column, the height of the text area */
#define STYLE_MIN_FONT_PT 4.0
#define STYLE_MAX_FONT_PT 200.0

#endif
