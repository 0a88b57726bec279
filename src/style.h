/* style.h - the magazine's style: one source (styles/<name>.ini, a GLib key
 * file) read into one struct that both backends use, so print and e-book
 * look like the same magazine.  All lengths are in PostScript points. */
#ifndef FOLIO_STYLE_H
#define FOLIO_STYLE_H

#include <stdbool.h>
#include "diag.h"
#include "style_limits.h"


typedef struct {
    double r, g, b;      /* 0..1 */
    /* The press edition's value: written in the style (`#rrggbb /
     * cmyk(c, m, y, k)`), or derived through the output profile when
     * has_cmyk is false (see press_colour.h).  0..1. */
    double cmyk[4];
    bool has_cmyk;
    int line;            /* where the style file set it, 0 for a default */
} style_color;

/* [print] marks */
typedef enum { MARKS_NONE, MARKS_CROP } style_marks;

/* How one kind of text is set. */
typedef struct {
    char *family;        /* fontconfig family name, from fonts/ */
    double size;         /* pt */
    double leading;      /* baseline-to-baseline, pt */
    int weight;          /* 100..900, CSS scale */
    bool italic;
    bool caps;           /* set in capitals (a style; the source is normal case) */
    double tracking;     /* letter-spacing in em, e.g. 0.05 for caps */
    style_color color;
    double space_before; /* pt */
    double space_after;  /* pt */
    bool hyphenate;      /* may this text be hyphenated */
    bool justify;        /* justified (true) or ragged/flush left (false) */
    int family_line;     /* line of the style file that named family; 0: default */
} style_text;

typedef struct style {
    char *name;          /* e.g. "dimensies" */
    char *path;          /* the file it was read from */

    /* page geometry */
    double page_width, page_height;
    double margin_top, margin_bottom, margin_inner, margin_outer;
    int columns;         /* body columns by default */
    double gutter;

    /* families, for CSS @font-face and fallbacks */
    char *serif_family, *sans_family, *display_family, *mono_family;
    int font_lines[4];   /* lines of [fonts] serif, sans, display, mono; 0: default */

    /* the kinds of text */
    style_text body;
    style_text lead;          /* standfirst */
    style_text rubric;        /* kicker above the title */
    style_text title;         /* article title */
    style_text subtitle;
    style_text heading[3];    /* levels 1, 2, 3+ inside an article */
    style_text pullquote;
    style_text attribution;
    style_text byline_name;
    style_text byline_role;
    style_text footnote;
    style_text caption;
    style_text sidebar;       /* text inside sidebars */
    style_text colophon;      /* body text of the colophon */
    style_text running_head;
    style_text folio;         /* page number */
    style_text masthead;      /* issue title on the cover */
    style_text cover_item;    /* cover list entries */
    style_text code;
    style_text table;
    style_text credit;        /* photo credit along a picture's edge */

    style_color accent;       /* rubric, rules, pull quote marks */
    style_color sidebar_tint; /* background of sidebars */
    style_color rule_color;
    double rule_width;        /* pt */
    double footnote_rule_length; /* pt: the short rule above footnotes */
    double paragraph_indent;  /* first-line indent of following paragraphs, pt */
    int min_hyphen_word;      /* no hyphenation of shorter words (letters) */

    /* pictures ([pictures]) */
    int screen_ppi;           /* images in the reading PDF (default 150) */
    int press_ppi;            /* images in the press PDF (default 300) */
    int warn_ppi;             /* warn below this effective resolution (150) */
    int jpeg_quality;         /* re-encoded photos, both editions (1..100) */
    int epub_image_edge;      /* longest edge of an EPUB image, px (1600) */
    int inset_width;          /* an .inset figure's width, % of the column (40) */
    char *cover_backing;      /* "scrim" or "panel": under cover text on a photo */
    char *opener_image;       /* "above" or "behind" the opener's title */
    /* Page craft (issue 13): [typography], [issue] and [byline.<type>]. */
    char *quotes;             /* "double" or "single": the primary quotation marks */
    double display_min_scale; /* masthead, titles, rubrics shrink to fit down to this */
    char *byline_place;       /* "opener", "end" or "inline" */
    char *byline_place_type[5]; /* per article_type; NULL = byline_place */
    int page_multiple;        /* the page count should be a multiple of this */
    char *page_pad;           /* "warn" or "pad" when it is not */
    char *contents;           /* "cover", "page" or "both" */
    double keep_space_stretch; /* copyfitting: space around headings etc. may grow
                                  or shrink by this fraction */
    int min_page_lines;       /* copyfitting: fewest body lines on a continuation page */
    style_text blockquote;    /* quoted passages: their text and the space around them */
    style_text question;      /* an interview's questions */

    /* [colors.<type>] accent: the accent of one article type (rubric,
     * headings and pull quotes whose colour is "accent", pull-quote rules,
     * links), in print and in the e-book (whose articles carry their type
     * as a class: section.interview).  typed[t]: the style as an article
     * of type t sees it, a copy owned by this style that borrows its
     * strings; NULL where the type has no accent of its own. */
    style_color type_accent[5];
    bool has_type_accent[5];
    struct style *typed[5];

    /* [print]: the press edition (PDF/X-4) */
    double bleed;             /* pt on every side of the trimmed page */
    style_marks marks;        /* crop marks and slug line outside the bleed */
    char *output_profile;     /* CMYK ICC profile path as written, or NULL: the default */
    char *output_condition;   /* e.g. "FOGRA39", or NULL */
} style;

/* The width of one body column when the text area is set in columns
 * (points; may be negative when margins and gutters take the page). */
double style_column_measure(const style *s, int columns);

/* One font family the style uses, with where the file names it. */
typedef struct {
    const char *family;       /* borrowed from the style */
    int line;                 /* 1-based line in s->path; 0: a built-in default */
} style_family_use;

/* The families of every kind of text, each once (first use), into
 * out[0..max).  Returns the count. */
size_t style_families(const style *s, style_family_use *out, size_t max);
/* Whether family is a generic name (serif, sans-serif, monospace) that
 * fontconfig resolves to the nearest face of the fonts folder. */
bool style_family_is_generic(const char *family);

/* Reads path into a new style, filling every key the file leaves out with
 * the built-in defaults.  Bad values are reported to d with file:line and
 * the default is kept.  Returns NULL only when the file cannot be read or
 * parsed at all (also reported). */
style *style_load(const char *path, diag_list *d);
/* Every colour of the style with the name of its group ("body", "accent"...):
 * fills up to max entries, returns how many there are.  The press edition
 * gives each its CMYK value. */
size_t style_colors(style *s, style_color **colors, const char **names, size_t max);
/* The built-in defaults alone (for tests and fuzzers). */
style *style_new_default(void);
void style_free(style *s);
/* Where the byline of an article of this type goes ("opener", "end",
 * "inline"): [byline.<type>] place, else [byline] place.  type is an
 * article_type value. */
const char *style_byline_place(const style *s, int type);
/* The style as an article of this type (an article_type value) sees it:
 * its own accent from [colors.<type>], else s itself. */
const style *style_for_type(const style *s, int type);

#endif
