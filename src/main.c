/* main.c - the folio command line: parse options, dispatch a command, print
 * diagnostics, choose the exit status (0 ok, 1 input errors, 2 usage). */
#include <glib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "build.h"
#include "diag.h"
#include "lang.h"
#include "locate.h"
#include "newissue.h"
#include "reader.h"
#include "tree_dump.h"

#ifndef FOLIO_VERSION
#define FOLIO_VERSION "0.0.0"
#endif

static const char usage_line[] = "folio [OPTION...] COMMAND [DIR]";

/* --help: the commands, then (after GLib's option list) everything else
 * an editor needs on one screen.  docs/folio.1 says the same. */
static const char summary_text[] =
    "Magazine issues from markdown to a print PDF and an EPUB 3.\n\n"
    "Commands:\n"
    "  build [DIR]     write OUTDIR/<slug>.pdf and OUTDIR/<slug>.epub\n"
    "  proof [DIR]     build, plus page PNGs and a contact sheet OUTDIR/proof.png\n"
    "  watch [DIR]     build, then rebuild on every change (Ctrl-C stops)\n"
    "  tree  [DIR]     print the document tree\n"
    "  text  [DIR]     print the issue's words in reading order\n"
    "  fit   [DIR]     print the fit report of the print edition (writes nothing)\n"
    "  new   DIR       make a new issue in DIR that builds at once (--lang)\n"
    "DIR is the issue folder (issue.yaml and the articles); default content/.";

static const char description_text[] =
    "Style lookup, first found wins:\n"
    "  1. --style FILE|NAME\n"
    "  2. style: NAME in issue.yaml\n"
    "  3. DIR/styles/, then styles/ beside DIR\n"
    "  4. $XDG_CONFIG_HOME/folio/styles/ (default ~/.config/folio/styles/)\n"
    "  5. the installed PREFIX/share/folio/styles/\n"
    "A NAME is NAME.ini in those folders; without one, the first .ini of the first\n"
    "folder that has one.  Fonts: the first of DIR/fonts/, fonts/ beside DIR,\n"
    "$XDG_CONFIG_HOME/folio/fonts/ and PREFIX/share/folio/fonts/ with a fonts.list.\n\n"
    "Environment:\n"
    "  XDG_CONFIG_HOME   the user's folder for styles and fonts (folio/ in it)\n"
    "  HOME              ~/.config when XDG_CONFIG_HOME is not set\n"
    "  SOURCE_DATE_EPOCH the date in both outputs (default: newest source file)\n"
    "  FOLIO_TRACE=1     print the time of each build phase\n"
    "  FOLIO_LINEBREAK=first-fit  Pango's own line breaking instead of total fit\n\n"
    "Exit status: 0 success; 1 errors in the input (file:line:col: error: ...,\n"
    "nothing written, previous outputs kept); 2 usage errors.\n\n"
    "Example:\n"
    "  folio new ~/mag/issue-1 --lang en-GB\n"
    "  cd ~/mag/issue-1 && folio build . -o out -v\n\n"
    "See folio(1) and FORMAT.md for the source format.";

typedef struct {
    gchar *outdir;
    gchar *style;
    gchar *lang;
    gboolean version;
    gboolean png;
    gboolean quiet;
    gboolean verbose;
    gint jobs;
    gboolean no_press;
} cli_options;

/* The data folder of an installed folio: <bindir>/../share/folio.  An
 * uninstalled build (./folio, build/asan/folio) uses the source tree it
 * was built in, found the same way: the nearest folder above the program
 * with styles/ and fonts/fonts.list. */
static char *find_data_dir(void)
{
    char *exe = g_file_read_link("/proc/self/exe", NULL);
    if (!exe)
        return NULL;
    char *bindir = g_path_get_dirname(exe);
    g_free(exe);
    char *tries[] = {g_build_filename(bindir, "..", "share", "folio", NULL), g_strdup(bindir),
                     g_build_filename(bindir, "..", "..", NULL)};
    char *found = NULL;
    for (int i = 0; i < 3; i++) {
        char *list = g_build_filename(tries[i], "fonts", "fonts.list", NULL);
        char *styles = g_build_filename(tries[i], "styles", NULL);
        if (!found && g_file_test(list, G_FILE_TEST_IS_REGULAR) &&
            g_file_test(styles, G_FILE_TEST_IS_DIR))
            found = g_canonicalize_filename(tries[i], NULL);
        g_free(list);
        g_free(styles);
        g_free(tries[i]);
    }
    g_free(bindir);
    return found;
}

/* The user's folio folder: $XDG_CONFIG_HOME/folio, else ~/.config/folio. */
static char *find_config_dir(void)
{
    const char *xdg = g_getenv("XDG_CONFIG_HOME");
    if (xdg && g_path_is_absolute(xdg))
        return g_build_filename(xdg, "folio", NULL);
    const char *home = g_getenv("HOME");
    if (home && *home)
        return g_build_filename(home, ".config", "folio", NULL);
    return NULL;
}

static int run_new(const char *dir, const char *lang, const locate_options *loc)
{
    char *why = lang_check(lang);
    if (why) {
        fprintf(stderr, "folio: --lang: %s\n", why);
        g_free(why);
        return 2;
    }
    diag_list d;
    diag_list_init(&d);
    bool ok = newissue_write(dir, lang, loc, &d);
    diag_print(&d, stderr);
    diag_list_free(&d);
    if (ok)
        fprintf(stderr, "folio: new issue in %s: build it with `folio build %s`\n", dir, dir);
    return ok ? 0 : 1;
}

static int run_print(const char *cmd, const char *dir, const locate_options *loc)
{
    diag_list d;
    diag_list_init(&d);
    node *issue = build_read_issue(dir, loc, &d);
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

/* Where loaded hyphenation dictionaries are kept between runs, as
 * fontconfig keeps its cache: FOLIO_HYPHEN_CACHE if set (empty: nowhere),
 * else folio/ in the user's cache folder (XDG_CACHE_HOME or ~/.cache). */
static char *hyphen_snapshot_dir(void)
{
    const char *e = g_getenv("FOLIO_HYPHEN_CACHE");
    if (e)
        return *e ? g_strdup(e) : NULL;
    return g_build_filename(g_get_user_cache_dir(), "folio", NULL);
}

/* The environment, read here only: what a build takes from it goes into
 * the options (README: SOURCE_DATE_EPOCH, FOLIO_TRACE, FOLIO_LINEBREAK,
 * FOLIO_HYPHEN_CACHE; FOLIO_LINEBREAK_DEBUG and FOLIO_LAYOUT_DUMP for
 * tests). */
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
        {"style", 's', 0, G_OPTION_ARG_FILENAME, &o.style,
         "use this style (a .ini file, or a NAME looked up as NAME.ini)", "FILE|NAME"},
        {"png", 0, 0, G_OPTION_ARG_NONE, &o.png, "build: also write page PNGs (proofs)", NULL},
        {"lang", 0, 0, G_OPTION_ARG_STRING, &o.lang, "new: the issue's language (default en)",
         "TAG"},
        {"verbose", 'v', 0, G_OPTION_ARG_NONE, &o.verbose,
         "say which style and fonts a build uses", NULL},
        {"jobs", 'j', 0, G_OPTION_ARG_INT, &o.jobs,
         "lay out N articles at once (default: one per core)", "N"},
        {"no-press", 0, 0, G_OPTION_ARG_NONE, &o.no_press,
         "build, watch: leave out the press edition (drafts; removes an older one)", NULL},
        {"quiet", 'q', 0, G_OPTION_ARG_NONE, &o.quiet, "print only diagnostics", NULL},
        {"version", 'V', 0, G_OPTION_ARG_NONE, &o.version, "print the version and exit", NULL},
        {NULL, 0, 0, 0, NULL, NULL, NULL}};
    GOptionContext *ctx = g_option_context_new("COMMAND [DIR]");
    g_option_context_set_summary(ctx, summary_text);
    g_option_context_set_description(ctx, description_text);
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
        g_free(o.outdir);
        return 2;
    }
    if (o.version) {
        printf("folio %s\n", FOLIO_VERSION);
        return 0;
    }
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s (try folio --help)\n", usage_line);
        return 2;
    }
    const char *cmd = argv[1];
    const char *dir = argc == 3 ? argv[2] : "content";
    const char *outdir = o.outdir ? o.outdir : "out";
    char *data_dir = find_data_dir(), *config_dir = find_config_dir();
    locate_options loc = {.style_arg = o.style, .config_dir = config_dir, .data_dir = data_dir};
    int status;
    if (o.style && (!strcmp(cmd, "build") || !strcmp(cmd, "proof") || !strcmp(cmd, "watch") ||
                    !strcmp(cmd, "fit") || !strcmp(cmd, "tree") || !strcmp(cmd, "text"))) {
        char *looked = NULL;
        char *path = locate_style_arg(&loc, dir, &looked);
        if (!path) {
            fprintf(stderr, "folio: --style: no style `%s`; looked in: %s\n", o.style, looked);
            g_free(looked);
            g_free(data_dir);
            g_free(config_dir);
            g_free(o.outdir);
            g_free(o.style);
            g_free(o.lang);
            return 2;
        }
        g_free(o.style);
        o.style = path;
        loc.style_arg = path;
    }
    if (!strcmp(cmd, "new")) {
        if (argc != 3) {
            fprintf(stderr, "usage: folio new DIR [--lang TAG] (try folio --help)\n");
            status = 2;
        } else {
            status = run_new(dir, o.lang ? o.lang : "en", &loc);
        }
    } else if (!strcmp(cmd, "tree") || !strcmp(cmd, "text")) {
        status = run_print(cmd, dir, &loc);
    } else if (!strcmp(cmd, "build") || !strcmp(cmd, "proof") || !strcmp(cmd, "watch") ||
               !strcmp(cmd, "fit")) {
        build_options bo = {.content_dir = dir, .out_dir = outdir, .quiet = o.quiet,
                            .png = o.png || !strcmp(cmd, "proof"),
                            .proof_sheet = !strcmp(cmd, "proof"),
                            .fit_only = !strcmp(cmd, "fit"),
                            .print_fit = !strcmp(cmd, "build"), .loc = loc,
                            .verbose = o.verbose, .no_press = o.no_press};
        options_from_env(&bo);
        char *snapshots = hyphen_snapshot_dir();
        bo.hyphen_snapshots = snapshots;
        bo.layout.jobs = o.jobs > 0 ? o.jobs : 0;
        status = !strcmp(cmd, "watch") ? build_watch(&bo) : build_run(&bo);
        g_free(snapshots);
    } else {
        fprintf(stderr, "folio: unknown command `%s` (try folio --help)\n", cmd);
        status = 2;
    }
    g_free(o.outdir);
    g_free(o.style);
    g_free(o.lang);
    g_free(data_dir);
    g_free(config_dir);
    return status;
}
