/* main.c - the folio command line: parse options, dispatch a command, print
 * diagnostics, choose the exit status (0 ok, 1 input errors, 2 usage). */
#include <glib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "build.h"
#include "diag.h"
#include "reader.h"
#include "tree_dump.h"

#ifndef FOLIO_VERSION
#define FOLIO_VERSION "0.0.0"
#endif

static const char usage_text[] =
    "COMMAND [DIR] - magazine issues from markdown to EPUB and PDF\n\n"
    "Commands:\n"
    "  build [DIR]   write OUTDIR/<slug>.epub and OUTDIR/<slug>.pdf\n"
    "  proof [DIR]   write page PNGs and a contact sheet of the print edition\n"
    "  watch [DIR]   build, then rebuild on every change\n"
    "  tree  [DIR]   print the document tree\n"
    "  text  [DIR]   print the issue's words in reading order\n"
    "  fit   [DIR]   print the fit report of the print edition (writes nothing)\n\n"
    "DIR defaults to content/.  Diagnostics go to stderr as\n"
    "file:line:col: error|warning: message.  Exit status: 0 success,\n"
    "1 errors in the input, 2 usage errors.";

typedef struct {
    gchar *outdir;
    gboolean version;
    gboolean png;
    gboolean quiet;
    gint jobs;
} cli_options;

static int run_print(const char *cmd, const char *dir)
{
    diag_list d;
    diag_list_init(&d);
    node *issue = build_read_issue(dir, &d);
    diag_print(&d, stderr);
    int status = diag_has_errors(&d) || !issue ? 1 : 0;
    if (status == 0) {
        GString *out = g_string_new(NULL);
        if (!strcmp(cmd, "tree"))
            tree_dump(issue, out);
        else
            tree_dump_text(issue, out);
        fwrite(out->str, 1, out->len, stdout);
        g_string_free(out, TRUE);
    }
    tree_free(issue);
    diag_list_free(&d);
    return status;
}

/* The environment, read here only: what a build takes from it goes into
 * the options (README: SOURCE_DATE_EPOCH, FOLIO_TRACE, FOLIO_LINEBREAK;
 * FOLIO_LINEBREAK_DEBUG and FOLIO_LAYOUT_DUMP for tests). */
static void options_from_env(build_options *bo)
{
    const char *e = g_getenv("SOURCE_DATE_EPOCH");
    bo->source_date_epoch = -1;
    if (e && *e) {
        char *end;
        long long v = g_ascii_strtoll(e, &end, 10);
        if (!*end && v >= 0)
            bo->source_date_epoch = v;
    }
    e = g_getenv("FOLIO_TRACE");
    bo->trace = e && *e;
    e = g_getenv("FOLIO_LINEBREAK");
    bo->layout.linebreak = e && !strcmp(e, "first-fit") ? LINEBREAK_FIRST_FIT : LINEBREAK_TOTAL_FIT;
    bo->layout.linebreak_debug = g_getenv("FOLIO_LINEBREAK_DEBUG") != NULL;
    e = g_getenv("FOLIO_LAYOUT_DUMP");
    bo->layout.dump_path = e && *e ? e : NULL;
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "C.UTF-8");
    cli_options o = {0};
    GOptionEntry entries[] = {
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &o.outdir, "write outputs to OUTDIR (default out/)",
         "OUTDIR"},
        {"png", 0, 0, G_OPTION_ARG_NONE, &o.png, "build: also write page PNGs (proofs)", NULL},
        {"jobs", 'j', 0, G_OPTION_ARG_INT, &o.jobs,
         "lay out N articles at once (default: one per core)", "N"},
        {"quiet", 'q', 0, G_OPTION_ARG_NONE, &o.quiet, "print only diagnostics", NULL},
        {"version", 'V', 0, G_OPTION_ARG_NONE, &o.version, "print the version and exit", NULL},
        {NULL, 0, 0, 0, NULL, NULL, NULL}};
    GOptionContext *ctx = g_option_context_new(NULL);
    g_option_context_set_summary(ctx, usage_text);
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *err = NULL;
    if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
        fprintf(stderr, "folio: %s (try folio --help)\n", err->message);
        g_error_free(err);
        g_option_context_free(ctx);
        return 2;
    }
    g_option_context_free(ctx);
    if (o.jobs < 0) {
        fprintf(stderr, "folio: -j needs a positive number (try folio --help)\n");
        return 2;
    }
    if (o.version) {
        printf("folio %s\n", FOLIO_VERSION);
        return 0;
    }
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: folio COMMAND [DIR] [-o OUTDIR] (try folio --help)\n");
        return 2;
    }
    const char *cmd = argv[1];
    const char *dir = argc == 3 ? argv[2] : "content";
    const char *outdir = o.outdir ? o.outdir : "out";
    int status;
    if (!strcmp(cmd, "tree") || !strcmp(cmd, "text")) {
        status = run_print(cmd, dir);
    } else if (!strcmp(cmd, "build") || !strcmp(cmd, "proof") || !strcmp(cmd, "watch") ||
               !strcmp(cmd, "fit")) {
        build_options bo = {.content_dir = dir, .out_dir = outdir, .quiet = o.quiet,
                            .png = o.png || !strcmp(cmd, "proof"),
                            .proof_sheet = !strcmp(cmd, "proof"),
                            .fit_only = !strcmp(cmd, "fit"),
                            .print_fit = !strcmp(cmd, "build")};
        options_from_env(&bo);
        bo.layout.jobs = o.jobs > 0 ? o.jobs : 0;
        status = !strcmp(cmd, "watch") ? build_watch(&bo) : build_run(&bo);
    } else {
        fprintf(stderr, "folio: unknown command `%s` (try folio --help)\n", cmd);
        status = 2;
    }
    g_free(o.outdir);
    return status;
}
