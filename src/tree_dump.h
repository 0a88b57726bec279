/* tree_dump.h - the tree as stable, indented text (`folio tree`), and the
 * issue's visible words as plain text (`folio text`). */
#ifndef FOLIO_TREE_DUMP_H
#define FOLIO_TREE_DUMP_H
#include <glib.h>
#include "tree.h"

/* One node a line, two spaces of indent a level, positions as line:col
 * (the file is named on Issue and Article lines). */
void tree_dump(const node *n, GString *out);

/* The words a reader sees, in reading order, one block a line: issue title,
 * subtitle, publisher; per article rubric, title, subtitle, lead, body
 * blocks, then footnote texts.  Footnote numbers are left out. */
void tree_dump_text(const node *issue, GString *out);
#endif
