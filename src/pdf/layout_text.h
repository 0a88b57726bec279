/* layout_text.h - text of the tree as Pango paragraphs, and the one place
 * where a paragraph is broken into lines.
 *
 * A rich_text is the flat form of a block's inlines: UTF-8 text with soft
 * hyphens already inserted, Pango attributes for emphasis and code, and the
 * byte ranges of links and note references so layout can place link areas
 * and footnotes on the lines that hold them. */
#ifndef FOLIO_PDF_LAYOUT_TEXT_H
#define FOLIO_PDF_LAYOUT_TEXT_H

#include <glib.h>
#include <pango/pango.h>

#include "pdf/hyphenate.h"
#include "pdf/pdf.h"
#include "style.h"
#include "tree.h"

typedef struct {
    int start, end;      /* byte range in rich_text.text */
    char *target;        /* owned: uri, or dest name when !is_uri */
    bool is_uri;
} text_link;

typedef struct {
    int index;           /* byte index of the reference mark */
    int number;          /* the note's number through the issue */
    const node *def;     /* its definition (borrowed) */
} text_note_ref;

typedef struct {
    GString *text;
    PangoAttrList *attrs;
    GArray *links;       /* text_link */
    GArray *notes;       /* text_note_ref */
} rich_text;

/* What the text layer needs besides the text itself. */
typedef struct {
    const style *st;
    const hyphenator *hyph;   /* NULL: never hyphenate; else in the passage's language */
    hyphen_set *hyphens;      /* for <span lang> passages (may be NULL) */
    const hyph_exceptions *exceptions; /* the issue's own breaks, or NULL */
} text_env;

void rich_text_init(rich_text *rt);
void rich_text_clear(rich_text *rt);
/* Appends the inline children of parent, set in ts. */
void rich_append_inlines(rich_text *rt, const node *parent, const style_text *ts,
                         const text_env *env);
/* Appends a plain string, hyphenated if ts and env allow. */
void rich_append_plain(rich_text *rt, const char *s, const style_text *ts,
                       const text_env *env);
/* Appends s in bold (labels such as a note number "3"). */
void rich_append_bold(rich_text *rt, const char *s);

/* Pango shapes a paragraph as one run, and fails or slows down past some
 * hundred kilobytes (measured: a 900 KB paragraph came back as one line).
 * Longer paragraphs are set in pieces of at most this many bytes, each
 * ending a line; no text of a real magazine comes near it. */
#define RICH_TEXT_MAX_PIECE (32 * 1024)
/* A piece without any space is cut shorter still (see rich_text_chunk_end). */
#define RICH_TEXT_MAX_UNBROKEN 4096
/* The bytes [start, end) of rt as a new rich_text (attributes, links and
 * note references shifted); out must be cleared by the caller. */
void rich_text_slice(const rich_text *rt, int start, int end, rich_text *out);
/* Where the piece that begins at start should end: after a space near
 * max_bytes, else at a character boundary RICH_TEXT_MAX_UNBROKEN on. */
int rich_text_chunk_end(const rich_text *rt, int start, int max_bytes);

/* Longer URLs are not made clickable in print (see walk_one). */
#define LAYOUT_MAX_LINK_URL 4096

/* A PangoFontDescription for a kind of text (caller frees). */
PangoFontDescription *text_font(const style_text *ts);

/* Gives ctx the layout options every paragraph set with it follows (the
 * line-break mode); a context without them uses the defaults. */
void layout_text_set_options(PangoContext *ctx, const layout_options *o);
/* A paragraph broken into lines. */
typedef struct {
    PangoLayout *layout;     /* owned reference */
    int nlines;
    double leading;          /* baseline to baseline */
    double baseline;         /* first baseline below the top of a line slot */
    double *line_x;          /* owned: left edge of each line in the layout */
} para_lines;

/* The line breaker: a paragraph of shaped text in, lines out.  width is
 * the measure; indent the first-line indent.  Everything else about line
 * breaking (hyphenation points, justification) lives in rt and ts, so a
 * total-fit breaker can replace Pango's behind this one function.  A word
 * that must be cut where it has no hyphenation point gets a soft hyphen
 * there, added to rt (its links and note references move with the text),
 * so every cut word shows its hyphen. */
para_lines *layout_break_paragraph(PangoContext *ctx, rich_text *rt,
                                   const style_text *ts, double width, double indent,
                                   PangoAlignment align);
/* The same, set in as few (looseness -1) or as many (+1) lines as the
 * tolerance allows: copyfitting; justified text only. */
para_lines *layout_break_paragraph_loose(PangoContext *ctx, rich_text *rt,
                                         const style_text *ts, double width, double indent,
                                         int looseness);
void para_lines_free(para_lines *p);

/* A paragraph set to a shape (TeX's \parshape), for text beside an inset:
 * line k is widths[k] wide for k < nwidths (the first also indented by
 * indent), the lines after them width; the breaks chosen by the total-fit
 * breaker in one pass for the whole paragraph.  Pango takes one width per
 * layout, so the result is in parts: one for each line of the shape, and
 * one for the lines after it.  Returns the number of parts, in *parts
 * (freed with shaped_parts_free). */
typedef struct {
    rich_text text;      /* the part's text: the byte offsets of its links,
                            notes and lines are into it */
    para_lines *lines;   /* lines->nlines of its lines are the paragraph's */
    int first_line;      /* which line of the paragraph its first one is */
} shaped_part;
int layout_break_shaped(PangoContext *ctx, const rich_text *rt, const style_text *ts,
                        const double *widths, int nwidths, double width, double indent,
                        shaped_part **parts);
void shaped_parts_free(shaped_part *parts, int n);
/* The line that holds byte index i. */
int para_line_of_index(const para_lines *p, int i);

#endif
