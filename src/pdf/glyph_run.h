/* glyph_run.h - a line of text as layout decided it: glyph runs.
 *
 * Plain data, made by layout (layout_glyphs.c, from Pango's shaped lines)
 * and painted by drawing without any text library: each run names its
 * font by a key in the document's resources, lists its glyphs with their
 * positions, and keeps the text they stand for with the cluster map
 * between the two, so the PDF's text layer (copy, search, accessibility)
 * stays exact.  A line is immutable once made and shared by reference
 * between the boxes that show it (a row, its copy on a page, the frame
 * cache), from any thread. */
#ifndef FOLIO_PDF_GLYPH_RUN_H
#define FOLIO_PDF_GLYPH_RUN_H

#include <stdbool.h>

typedef struct {
    unsigned long index;     /* glyph id in the font */
    double x, y;             /* offset from the run's origin, points */
} run_glyph;

typedef struct {
    int num_bytes, num_glyphs;
} run_cluster;

typedef enum {
    PART_GLYPHS,             /* a run of glyphs in one font */
    PART_RECT,               /* a filled rectangle (strike-through) */
} line_part_kind;

typedef struct {
    line_part_kind kind;
    int font;                /* PART_GLYPHS: key in the resources */
    double x, y;             /* origin from the line's baseline origin; PART_RECT:
                                its top left corner */
    double w, h;             /* PART_RECT */
    run_glyph *glyphs;       /* owned */
    int nglyphs;
    char *text;              /* owned: the UTF-8 text the glyphs stand for */
    int text_len;
    run_cluster *clusters;   /* owned: in text order */
    int nclusters;
    bool backward;           /* right-to-left run: clusters run backwards */
    bool colored;            /* a colour of its own (a link), else the line's */
    double rgba[4];
} line_part;

typedef struct {
    line_part *parts;        /* owned, in drawing order */
    int nparts;
    double width;            /* the line's logical width, points (copyfitting
                                reads how full a last line is) */
} glyph_line;

/* A new, empty line with one reference. */
glyph_line *glyph_line_new(int nparts);
glyph_line *glyph_line_ref(glyph_line *l);
void glyph_line_unref(glyph_line *l);

#endif
