/* build.h - one build of the issue: read the tree, run the backends, and
 * replace the outputs atomically, keeping the previous ones on failure. */
#ifndef FOLIO_BUILD_H
#define FOLIO_BUILD_H
#include <stdbool.h>

/* What one process keeps from one build to the next (`folio watch`): the
 * font configuration while the fonts folder is unchanged, and the print
 * layout's cache of unchanged articles.  Outputs are the same bytes as a
 * build without it. */
typedef struct build_session build_session;
build_session *build_session_new(void);
void build_session_free(build_session *s);

typedef struct {
    const char *content_dir;
    const char *out_dir;
    bool quiet;
    bool png;            /* also write page PNGs */
    bool proof_sheet;    /* also write a contact sheet of all pages */
    bool fit_only;       /* `folio fit`: lay out, print the fit report, write nothing */
    bool print_fit;      /* `folio build`: print the fit report on stdout */
    build_session *session; /* or NULL */
} build_options;

/* Returns the process exit status: 0 success, 1 input errors. */
int build_run(const build_options *o);
/* The issue tree as the build sees it: read, with the punctuation and
 * the byline places the style chooses (for `folio tree` and `folio text`). */
#include "diag.h"
#include "tree.h"
node *build_read_issue(const char *content_dir, diag_list *d);

/* Helpers for atomic outputs: a temporary name beside the final one, and
 * fsync + rename into place. */
#include "diag.h"
char *build_temp_path(const char *final_path);
bool build_commit_file(const char *tmp, const char *final_path, diag_list *d);

/* Builds, then rebuilds on every change until interrupted. */
int build_watch(const build_options *o);
#endif
