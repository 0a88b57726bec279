/* build.c - orchestration of one build (backends plug in here). */
#include "build.h"

#include <glib.h>
#include <stdio.h>

#include "diag.h"
#include "reader.h"

int build_run(const build_options *o)
{
    diag_list d;
    diag_list_init(&d);
    node *issue = reader_read_issue(o->content_dir, &d);
    diag_print(&d, stderr);
    int status = diag_has_errors(&d) || !issue ? 1 : 0;
    tree_free(issue);
    diag_list_free(&d);
    return status;
}

int build_watch(const build_options *o)
{
    return build_run(o);
}
