/* reader.h - content directory -> document tree.
 *
 * reader_read_issue() reads DIR/issue.yaml and every article it lists, and
 * returns the issue tree.  Problems are appended to d with file:line:col;
 * the tree is returned whenever issue.yaml could be read, even with errors,
 * so a caller can show all problems at once; it must not render a tree when
 * d has errors. */
#ifndef FOLIO_READER_H
#define FOLIO_READER_H

#include "diag.h"
#include "tree.h"

/* Larger source files are refused: a magazine article is far smaller, and
 * this bounds memory and time on pasted junk. */
#define READER_MAX_FILE_SIZE (16 * 1024 * 1024)

node *reader_read_issue(const char *dir, diag_list *d);

/* Checks a language tag (BCP 47 with an ISO 639 language) and reports
 * what is wrong at `at`.  Returns whether it is good. */
bool reader_check_lang(const char *tag, src_pos at, diag_list *d);

/* One article from its bytes (used by reader_read_issue, tests and the
 * fuzzer).  file is stored in the tree's src_pos and must outlive it. */
node *reader_read_article(const char *file, const char *text, size_t len, diag_list *d);
#endif
