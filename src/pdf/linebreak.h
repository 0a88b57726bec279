/* linebreak.h - total-fit line breaking (Knuth and Plass) over measured
 * text, independent of Pango.
 *
 * The paragraph is described by positions (characters): the natural width
 * of the text before each position, and the stretch and shrink of the
 * spaces before it, as prefix sums; and a list of break candidates in text
 * order.  A line from candidate a to candidate b holds the text
 * [a.pos, b.end): its natural width is x[b.end] - x[a.pos] + b.extra, its
 * stretch and shrink those of the spaces inside. */
#ifndef FOLIO_PDF_LINEBREAK_H
#define FOLIO_PDF_LINEBREAK_H

#include <stdbool.h>

typedef enum {
    LB_SPACE,      /* after a run of spaces */
    LB_HYPHEN,     /* at a soft hyphen: a visible hyphen is added (extra) */
    LB_EXPLICIT,   /* after a hyphen or dash in the text */
    LB_OTHER,      /* any other break Pango allows (after a slash, ...) */
    LB_EMERGENCY,  /* inside a word after / . - : only when nothing else fits */
    LB_CHAR,       /* between any two characters: the last resort */
    LB_FORCED,     /* a line separator, or the end of the paragraph */
} lb_kind;

typedef struct {
    int pos;          /* where the next line begins */
    int end;          /* where this line's text ends (before trailing spaces) */
    double extra;     /* width added at the end of the line (a hyphen) */
    lb_kind kind;
} lb_break;

typedef struct {
    const double *x;        /* natural width before each position, n+1 */
    const double *stretch;  /* stretch of the spaces before each position */
    const double *shrink;   /* shrink of the spaces before each position */
    const lb_break *brk;    /* candidates in order; the last is the end */
    int nbrk;
    double width_first;     /* the measure of the first line */
    double width_rest;      /* ... and of the others */
    /* The stretch of the word spaces alone (prefix sums, as stretch), or
     * NULL.  A line that word spaces cannot bring to the measure within
     * the tolerance is set ragged (justify false), never letter-spaced
     * apart. */
    const double *space_stretch;
    /* Copyfitting's looseness: -1 fewest lines first (the paragraph set a
     * line shorter where the tolerance allows), +1 most lines first, then
     * the usual quality; 0 the usual quality alone. */
    int looseness;
    /* A paragraph shape, as TeX's \parshape: line k is widths[k] wide
     * for k < nwidths, the lines after them width_rest (width_first is
     * then unused).  NULL: no shape. */
    const double *widths;
    int nwidths;
} lb_input;

typedef struct {
    int brk;        /* index of the break that ends the line */
    double ratio;   /* adjustment: >0 stretch, <0 shrink (of the spaces) */
    bool justify;   /* false for the paragraph's last line and forced ends */
} lb_line;

/* Chooses the breaks.  Returns the number of lines written to *out (a new
 * g_malloc'd array), or 0 when no solution exists within the measure. */
int linebreak_total_fit(const lb_input *in, lb_line **out);

#endif
