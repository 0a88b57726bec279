/* markdown.h - article bodies from markdown: cmark-gfm parses, this module
 * turns its AST into our tree and adds the magazine's constructs (fenced
 * divs, figures, footnotes, the safe raw-HTML subset). */
#ifndef FOLIO_MARKDOWN_H
#define FOLIO_MARKDOWN_H

#include <stddef.h>
#include "diag.h"
#include "tree.h"

/* Deeper nesting of blocks or inlines is refused with an error: the tree and
 * every backend recurse on depth, and no magazine text needs more.  Lists
 * and block quotes have limits of their own, below it, so that the message
 * names what was too deep; MARKDOWN_MAX_DEPTH counts every block level
 * (a list level is two: the list and its item), and inline markup is
 * counted from its paragraph. */
#define MARKDOWN_MAX_DEPTH 64
#define MARKDOWN_MAX_LIST_DEPTH 30
#define MARKDOWN_MAX_QUOTE_DEPTH 30

/* A longer paragraph is refused: 2 MiB is some 300,000 words, hundreds of
 * printed pages; beyond it the typesetter's memory and time grow for text
 * no magazine has, and a pasted log file is the likelier cause. */
#define MARKDOWN_MAX_PARAGRAPH (2L * 1024 * 1024)

/* Parses a body and appends its blocks to article, then the footnote
 * definitions in the order of their first reference, numbered 1..n within
 * this body (the reader renumbers them through the issue).  file must live
 * as long as the tree; line_offset is the number of lines before the body in
 * the file (front matter).  Problems go to d; returns false on errors. */
bool markdown_read_body(node *article, const char *file, int line_offset, const char *text,
                        size_t len, diag_list *d);

/* The same, with the front matter's lead parsed as part of the body (so a
 * footnote reference in the lead finds its definition and is numbered
 * first).  The lead's inlines go to a new NODE_LEAD at lead_pos, stored in
 * article->as.article.lead. */
bool markdown_read_body_with_lead(node *article, const char *file, int line_offset,
                                  const char *text, size_t len, const char *lead,
                                  src_pos lead_pos, diag_list *d);

/* Slug of a text for ids: lower-case ASCII letters and digits, '-' between
 * words, accents dropped.  Caller frees. */
char *markdown_slug(const char *text);
#endif
