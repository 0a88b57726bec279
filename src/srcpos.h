/* srcpos.h - a position in a source file.  Its own header so that code
 * which reports positions without reading the tree (diagnostics, the
 * print backend's drawing) need not see the tree. */
#ifndef FOLIO_SRCPOS_H
#define FOLIO_SRCPOS_H

typedef struct {
    const char *file;    /* path as given to the reader, e.g. content/a.md */
    int line;            /* 1-based; 0 when unknown */
    int col;             /* 1-based byte column; 0 when unknown */
} src_pos;

#endif
