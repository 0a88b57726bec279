/* pdf_doc.h - the laid-out issue: pages of positioned boxes (frames).
 *
 * This is the contract between the two stages of the print backend.
 * Layout (layout_*.c) fills it and decides every position; drawing
 * (draw_*.c) only paints what is here.  All lengths are PostScript points,
 * y grows downwards from the top of the page (as cairo's).
 *
 * Frames are plain data: text is glyph runs (glyph_run.h), fonts and
 * images are keys in the resources, a box names its source block by an
 * index in its article's nodes (the article, then tree_visit_article
 * order), never by a pointer.  So an article's pages are a function of
 * its inputs alone and can be kept and copied as they are; where they
 * land (page numbers, labels, the parity's margins) is set in layout's
 * final pass. */
#ifndef FOLIO_PDF_DOC_H
#define FOLIO_PDF_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "pdf/glyph_run.h"
#include "pdf/pdf_draw.h"
#include "pdf/resources.h"
#include "style_limits.h"

typedef enum {
    BOX_LINE,       /* a line of glyph runs, baseline at (x, y + baseline) */
    BOX_RULE,       /* a line from (x, y) to (x + w, y + h) */
    BOX_RECT,       /* a filled rectangle */
    BOX_IMAGE,      /* a decoded image (resources) scaled into the box */
    BOX_LINK,       /* a clickable area: uri (external) or dest (internal) */
    BOX_DEST,       /* a named destination at (x, y) */
    BOX_TAG_BEGIN,  /* opens a structure element (text = name, attrs) */
    BOX_TAG_END,    /* closes the innermost structure element */
} box_kind;

/* What a box is for, so tests and the dump can check layout rules. */
typedef enum {
    ROLE_BODY,      /* article body text */
    ROLE_HEADING,
    ROLE_NOTE,      /* footnote text at a column foot */
    ROLE_HEADER,    /* article opener header (rubric, title, lead) */
    ROLE_FURNITURE, /* running head, folio: not content */
    ROLE_COVER,
    ROLE_DECOR,     /* rules, tints */
} box_role;

typedef struct {
    box_kind kind;
    box_role role;
    double x, y, w, h;         /* the box's frame on the page */
    double baseline;           /* BOX_LINE: baseline offset from y */
    glyph_line *line;          /* BOX_LINE: a reference (the box owns one) */
    double color[3];           /* BOX_LINE, RULE, RECT */
    double line_width;         /* BOX_RULE */
    double fade[2];            /* BOX_RECT: a scrim, opacity at the top and at the
                                  bottom; both 0: opaque */
    char *text;                /* owned: uri, dest name or tag name */
    char *attrs;               /* owned: tag attributes; image alt text */
    bool is_uri;               /* BOX_LINK: text is a uri, else a dest name */
    int image;                 /* BOX_IMAGE: key in the resources */
    double clip_x, clip_y, clip_w, clip_h; /* BOX_IMAGE: the visible part, when
                                  clip_w > 0 (a picture cropped to its frame) */
    bool page_abs;             /* x is the page's, not the text area's: a picture
                                  to the trim edge, which no margin moves */
    int column;                /* column index on the page, -1 outside columns */
    int node;                  /* the source block: index in the article's nodes, or -1 */
    int block_id;              /* the flow block it belongs to, -1 none */
    int line_no, line_count;   /* BOX_LINE of a paragraph: 1-based, of count */
    int note;                  /* ROLE_NOTE: note number; BOX_LINE refs: 0 */
} box;

typedef struct {
    box *items;
    size_t count, cap;
} box_list;

typedef struct {
    box_list boxes;
    int number;                /* printed page number (folio) */
    char label[16];            /* page label; "" for the cover */
    int article;               /* index of its article among the children;
                                  -1 for the cover */
    bool opener;               /* an article's first page */
    bool cover;
    bool picture_page;         /* a full-page (.bleed) picture: no furniture */
    /* column frames, for the dump's invariants */
    int ncolumns;
    double col_x[STYLE_MAX_COLUMNS], col_w, col_top, col_bottom;
} pdf_page;

typedef struct {
    char *title;               /* owned */
    int level;                 /* 0 article, 1 section */
    int page;                  /* 0-based page index */
    double y;                  /* top of the target on the page */
} outline_entry;

struct pdf_document {
    pdf_page *pages;
    size_t npages, cap;
    outline_entry *outline;
    size_t noutline, outline_cap;
    double page_width, page_height;
    pdf_resources *res;        /* a reference: the fonts and images boxes name */
    /* metadata, owned */
    char *title, *author, *subject, *keywords, *lang;
    time_t source_date;
    double image_ppi;          /* pictures' resolution in the PDF (the style's
                                  screen-ppi; the press edition sets press-ppi) */
    int jpeg_quality;          /* of reduced photos (the style's) */
    struct _GString *fit_report; /* owned GString: one line per article (layout_fit.c) */
};

/* Page and box construction, used by every layout module. */
pdf_page *doc_add_page(pdf_document *doc);
box *box_list_add(box_list *l, box_kind kind);
void box_list_free(box_list *l);
void outline_add(pdf_document *doc, const char *title, int level, int page, double y);
/* A copy of b on l (the line shared, strings copied), moved by (dx, dy). */
box *box_list_copy(box_list *l, const box *b, double dx, double dy);
/* A new empty document (pages, outline) whose boxes name fonts and
 * images in res (referenced). */
pdf_document *pdf_document_new(pdf_resources *res);

#endif
