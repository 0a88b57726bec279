/* build.h - one build of the issue: read the tree, run the backends, and
 * replace the outputs atomically, keeping the previous ones on failure. */
#ifndef FOLIO_BUILD_H
#define FOLIO_BUILD_H
#include <stdbool.h>
#include <stdio.h>

#include "locate.h"

#include "pdf/pdf.h"

#include "build_output.h"
#include "session.h"

typedef struct {
    const char *content_dir;
    const char *out_dir;
    bool quiet;
    bool png;            /* also write page PNGs */
    bool proof_sheet;    /* also write a contact sheet of all pages */
    bool fit_only;       /* `folio fit`: lay out, print the fit report, write nothing */
    bool print_fit;      /* `folio build`: print the fit report on stdout */
    bool no_press;       /* leave out the press edition (--no-press) */
    build_session *session; /* or NULL */
    long long source_date_epoch; /* SOURCE_DATE_EPOCH, or -1: the newest source */
    bool trace;          /* each phase's time on stderr */
    layout_options layout;
    FILE *diag_out;      /* where diagnostics go; NULL = stderr (watch mode
                            holds them until it knows the failure is real) */
    locate_options loc;  /* where the style and fonts are looked for */
    bool verbose;        /* say which style and fonts were used */
    const char *hyphen_snapshots; /* the user's cache folder for loaded hyphenation
                                     dictionaries (hyphen_snapshot.h), or NULL */
} build_options;

/* Returns the process exit status: 0 success, 1 input errors. */
int build_run(const build_options *o);
/* The issue tree as the build sees it: read, with the punctuation and
 * the byline places the style chooses (for `folio tree` and `folio text`). */
#include "diag.h"
#include "tree.h"
node *build_read_issue(const char *content_dir, const locate_options *loc, diag_list *d);

/* Builds, then rebuilds on every change until interrupted. */
int build_watch(const build_options *o);
#endif
