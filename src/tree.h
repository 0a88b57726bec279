/* tree.h - the document tree: one issue, its articles, their blocks and inlines.
 *
 * This is the one data structure every stage shares.  The reader builds it,
 * the backends only read it.  Magazine meaning (pull quote, byline, lead,
 * note numbers) is decided when the tree is built, so a backend never looks
 * at raw markdown, class strings or HTML.
 *
 * Ownership: a node owns its children and every string it points to, except
 * pos.file, which points into the issue's file-name table (issue_meta.files)
 * and lives as long as the issue node.  tree_free() on the issue frees all.
 */
#ifndef FOLIO_TREE_H
#define FOLIO_TREE_H

#include <stdbool.h>
#include <stddef.h>

#include "srcpos.h"

typedef enum {
    /* containers of the issue */
    NODE_ISSUE,          /* root; meta in node->as.issue */
    NODE_ARTICLE,        /* one source file; meta in node->as.article */

    /* blocks */
    NODE_PARAGRAPH,
    NODE_HEADING,        /* as.heading.level 2..6, as written in markdown:
                            level 1 is the article title (front matter) */
    NODE_BLOCK_QUOTE,
    NODE_LIST,           /* as.list */
    NODE_ITEM,
    NODE_CODE_BLOCK,     /* text = code, as.code.info = info string */
    NODE_THEMATIC_BREAK,
    NODE_TABLE,          /* as.table.ncols, as.table.align[] */
    NODE_TABLE_ROW,      /* as.row.header */
    NODE_TABLE_CELL,
    NODE_FIGURE,         /* as.image: a standalone image; caption = children
                            (inlines of the title), alt text in as.image.alt */
    NODE_PULLQUOTE,      /* children: paragraphs, then optional ATTRIBUTION */
    NODE_ATTRIBUTION,    /* inlines: who said it (without the leading dash) */
    NODE_BYLINE,         /* children: optional FIGURE (the portrait), then
                            BYLINE_NAME, then optional BYLINE_ROLE */
    NODE_BYLINE_NAME,    /* inlines */
    NODE_BYLINE_ROLE,    /* inlines; line breaks between role lines kept */
    NODE_SIDEBAR,        /* blocks */
    NODE_FOOTNOTE_DEF,   /* blocks; as.note.number, as.note.label */
    NODE_LEAD,           /* inlines of the front-matter lead (child of ARTICLE
                            meta, never in the body) */

    /* inlines */
    NODE_TEXT,           /* text */
    NODE_SOFTBREAK,      /* a line end inside a paragraph: a space */
    NODE_LINEBREAK,      /* a hard line break */
    NODE_EMPH,
    NODE_STRONG,
    NODE_STRIKE,
    NODE_CODE,           /* text = code */
    NODE_LINK,           /* as.link.url, as.link.title; inline children */
    NODE_IMAGE,          /* inline image: as.image */
    NODE_FOOTNOTE_REF,   /* as.note: number through the issue, and the
                            definition (borrowed pointer) */
    NODE_SUPERSCRIPT,
    NODE_SUBSCRIPT,
    NODE_SPAN_LANG,      /* as.span.lang (BCP 47) */

    NODE_TYPE_COUNT
} node_type;

typedef enum { ALIGN_NONE, ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT } table_align;

typedef enum {
    ARTICLE_FEATURE,     /* default */
    ARTICLE_EDITORIAL,
    ARTICLE_INTERVIEW,
    ARTICLE_COLUMN,
    ARTICLE_COLOPHON,
} article_type;

/* Where a figure goes ({.wide}, {.inset}, {.bleed} in the source). */
typedef enum { FIG_COLUMN, FIG_WIDE, FIG_INSET, FIG_BLEED } figure_place;
typedef enum { FIG_SIDE_AUTO, FIG_LEFT, FIG_RIGHT } figure_side;

typedef struct node node;
typedef struct hyph_exceptions hyph_exceptions;   /* hyph_exceptions.h */

typedef struct {
    char *title;
    char *subtitle;      /* NULL when absent */
    char *publisher;
    char *language;      /* BCP 47 */
    char *date;          /* ISO 8601 as written: YYYY, YYYY-MM or YYYY-MM-DD */
    char *number;        /* NULL when absent */
    char *identifier;    /* never NULL after reading: derived when absent */
    char *issn;          /* the print edition's ISSN ("1234-5679"), or NULL */
    char *isbn;          /* the print edition's ISBN-13, digits only, or NULL */
    char *style;         /* style name (styles/<style>.ini); NULL = default */
    node *cover_image;   /* NODE_FIGURE from cover-image:, cover-alt:, or NULL */
    char *dir;           /* the content directory */
    /* Every file name a src_pos may point at; owned here. */
    char **files;
    size_t nfiles;
    src_pos language_pos; /* of the `language:` value (for diagnostics) */
    src_pos style_pos;    /* of the `style:` value */
    hyph_exceptions *hyphenation; /* `hyphenation:` words, or NULL; owned */
} issue_meta;

typedef struct {
    char *title;
    char *rubric;        /* kicker; NULL when absent */
    char *subtitle;      /* NULL when absent */
    node *lead;          /* NODE_LEAD with inline children, or NULL */
    char **authors;      /* NULL-terminated; may be empty */
    size_t nauthors;
    article_type type;
    bool cover;
    int columns;         /* 0 = the style's default */
    char *slug;          /* file name without .md: a stable id for outputs */
    char *source_hash;   /* hex SHA-256 of the source bytes, for caches */
    node *image;         /* NODE_FIGURE from image:, image-alt:, image-credit:
                            (the opener picture), or NULL */
    src_pos listed_at;   /* its entry in issue.yaml `articles:` */
    char *byline_place;  /* front matter `byline-place` (opener, end, inline) or NULL */
    char *lang;          /* front matter `lang:` (BCP 47), NULL = the issue's */
    src_pos lang_pos;    /* of the `lang:` value */
} article_meta;

struct node {
    node_type type;
    src_pos pos;
    node *parent, *first, *last, *prev, *next;
    char *text;          /* TEXT, CODE, CODE_BLOCK: the literal */
    union {
        issue_meta issue;
        article_meta article;
        struct { int level; char *id; } heading;       /* id unique per article */
        struct { bool ordered; int start; bool tight; char delim; } list;
        struct { char *info; } code;
        struct { int ncols; table_align *align; } table;
        struct { bool header; } row;
        struct { char *url; char *title; } link;
        struct {
            char *url, *alt, *title;
            char *credit;            /* credit="..." or NULL */
            figure_place place;
            figure_side side;
            int width;               /* width=N%: percent of the column; 0 = style's */
            double focus_x, focus_y; /* focus=X%,Y% as 0..1 (default 0.5, 0.5) */
            bool decorative;         /* neither alt text nor caption */
        } image;
        struct { int number; char *label; node *def; } note;
        struct { char *lang; } span;
    } as;
};

/* Construction (used by the reader and by tests). */
node *node_new(node_type type, src_pos pos);
void node_append(node *parent, node *child);
void node_insert_before(node *sibling, node *child);
void node_unlink(node *n);
/* Frees n, its children and everything they own.  Unlinks it first. */
void tree_free(node *n);

const char *node_type_name(node_type type);
const char *article_type_name(article_type type);
bool node_is_block(const node *n);
bool node_is_inline(const node *n);
/* In an interview, a paragraph of the body that is wholly bold is a
 * question (FORMAT.md): both editions set it in the style's [question]. */
bool node_is_question(const node *paragraph);

/* Depth-first walk with enter and exit events, as cmark's iterator: every
 * container is seen twice (enter, exit), every leaf once (enter). */
typedef enum { WALK_ENTER, WALK_EXIT } walk_event;
typedef struct {
    node *root, *cur;
    walk_event ev;
    bool started;
} tree_walker;
void tree_walk_init(tree_walker *w, node *root);
/* Returns false when the walk is done. */
bool tree_walk_next(tree_walker *w, node **out, walk_event *ev);

/* Calls fn on every node of an article in reading order, on entering it:
 * first the lead (which lives in the article's meta, not among its
 * children), then the body. */
void tree_visit_article(node *article, void (*fn)(node *n, void *ud), void *ud);

/* The plain text of a subtree: text and code literals, breaks as spaces,
 * footnote references omitted.  Caller frees. */
char *tree_plain_text(const node *n);

/* Accessors that read better than the union. */
static inline const issue_meta *node_issue(const node *n) { return &n->as.issue; }
static inline const article_meta *node_article(const node *n) { return &n->as.article; }

#endif
