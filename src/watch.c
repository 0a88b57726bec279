/* watch.c - `folio watch`: build, then rebuild on every change to the
 * content, styles or fonts folders.
 *
 * An editor's save is a burst of events (write a temporary file, rename it,
 * change attributes): they are coalesced by waiting until the folders have
 * been quiet for a while before rebuilding.  A save can still be read half
 * written (an editor that pauses between chunks, `cp` of a large file on a
 * busy machine): a build that fails is therefore reported only once the
 * sources have stayed quiet and unchanged since it read them; if they
 * changed, it is retried silently.  A failing build leaves the last good
 * outputs in place (build_run never replaces them on failure). */
#include "build.h"

#include <gio/gio.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* Quiet time after an event in the middle of a save (a write, a create):
 * an editor writing in chunks, or cp of a large file, pauses between
 * writes for a few milliseconds, far longer on a busy machine. */
#define WATCH_SETTLE_MS 120
/* After an event that ends a save (the file closed after writing, or
 * renamed into place) the burst is over: a shorter wait still coalesces
 * the events of several files saved together (vim's rename, then its
 * backup's removal). */
#define WATCH_DONE_SETTLE_MS 40
/* A failed build is reported when the sources have not changed for this
 * long after it: a save still in progress gets its rebuild instead. */
#define WATCH_CONFIRM_MS 400

typedef struct {
    const build_options *opts;
    GMainLoop *loop;
    GPtrArray *monitors;     /* GFileMonitor*, owned */
    GPtrArray *dirs;         /* watched folders (owned strings) */
    GHashTable *changed;     /* paths changed since the last report (owned keys) */
    guint settle_id;
    guint confirm_id;        /* a failed build waiting to be reported */
    char *failed_sources;    /* the sources that build read (fingerprint) */
    char *failed_diags;      /* its diagnostics, held until reported */
    double failed_ms;
    int builds;
    build_session *session;  /* what rebuilds keep: fonts, laid-out articles */
} watch_state;

static void watch_print_changed(watch_state *w, GString *line)
{
    GList *keys = g_hash_table_get_keys(w->changed);
    keys = g_list_sort(keys, (GCompareFunc)strcmp);
    int n = 0;
    for (GList *k = keys; k; k = k->next, n++) {
        if (n == 3) {
            g_string_append_printf(line, " and %u more", g_hash_table_size(w->changed) - 3);
            break;
        }
        g_string_append_printf(line, "%s%s", n ? ", " : "", (char *)k->data);
    }
    g_list_free(keys);
}

/* Editors' swap and backup files, and the font cache, are not sources. */
static bool is_source_name(const char *base)
{
    return !(base[0] == '.' || g_str_has_suffix(base, "~") || g_str_has_suffix(base, ".swp") ||
             g_str_has_prefix(base, "#") || !strcmp(base, "cache"));
}

static gint compare_names(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Name, size and modification time of every file in a watched folder (its
 * sub-folders are watched folders of their own): equal fingerprints mean
 * the sources a build read are still the same. */
static void fingerprint_dir(const char *dir, GString *out)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    if (!d)
        return;
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    const char *name;
    while ((name = g_dir_read_name(d)))
        if (is_source_name(name))
            g_ptr_array_add(names, g_strdup(name));
    g_dir_close(d);
    g_ptr_array_sort(names, compare_names);
    for (guint i = 0; i < names->len; i++) {
        char *path = g_build_filename(dir, (char *)g_ptr_array_index(names, i), NULL);
        struct stat st;
        if (stat(path, &st) == 0) {
            g_string_append_printf(out, "%s %lld %lld.%09ld\n", path, (long long)st.st_size,
                                   (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
        }
        g_free(path);
    }
    g_ptr_array_free(names, TRUE);
}

static char *sources_fingerprint(watch_state *w)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < w->dirs->len; i++)
        fingerprint_dir(g_ptr_array_index(w->dirs, i), s);
    char *sum = g_compute_checksum_for_string(G_CHECKSUM_SHA256, s->str, (gssize)s->len);
    g_string_free(s, TRUE);
    return sum;
}

static void watch_report(watch_state *w, bool ok, double ms)
{
    GString *line = g_string_new("changed ");
    watch_print_changed(w, line);
    g_hash_table_remove_all(w->changed);
    GDateTime *now = g_date_time_new_now_local();
    char *stamp = g_date_time_format(now, "%H:%M:%S");
    if (ok)
        printf("%s %s: rebuilt EPUB and PDF in %.1f ms\n", stamp, line->str, ms);
    else
        printf("%s %s: build FAILED (%.1f ms); the last good outputs in %s are kept\n", stamp,
               line->str, ms, w->opts->out_dir);
    fflush(stdout);
    g_free(stamp);
    g_date_time_unref(now);
    g_string_free(line, TRUE);
}

static void watch_forget_failure(watch_state *w)
{
    if (w->confirm_id)
        g_source_remove(w->confirm_id);
    w->confirm_id = 0;
    g_clear_pointer(&w->failed_sources, g_free);
    g_clear_pointer(&w->failed_diags, g_free);
}

static gboolean watch_rebuild(gpointer data);

/* The sources stayed quiet after a failed build: if they are still what it
 * read, the failure is real and reported; else a save was in progress and
 * the build runs again. */
static gboolean watch_confirm(gpointer data)
{
    watch_state *w = data;
    w->confirm_id = 0;
    char *now = sources_fingerprint(w);
    bool same = w->failed_sources && !strcmp(now, w->failed_sources);
    g_free(now);
    if (same) {
        fputs(w->failed_diags ? w->failed_diags : "", stderr);
        fflush(stderr);
        watch_report(w, false, w->failed_ms);
        w->builds++;
    } else if (!w->settle_id) {
        w->settle_id = g_timeout_add(WATCH_SETTLE_MS, watch_rebuild, w);
    }
    g_clear_pointer(&w->failed_sources, g_free);
    g_clear_pointer(&w->failed_diags, g_free);
    return G_SOURCE_REMOVE;
}

static gboolean watch_rebuild(gpointer data)
{
    watch_state *w = data;
    w->settle_id = 0;
    watch_forget_failure(w);
    char *sources = sources_fingerprint(w);
    char *diags = NULL;
    size_t diags_len = 0;
    FILE *dout = open_memstream(&diags, &diags_len);
    gint64 t0 = g_get_monotonic_time();
    build_options o = *w->opts;
    o.quiet = true;
    o.session = w->session;
    o.diag_out = dout;
    int status = build_run(&o);
    double ms = (g_get_monotonic_time() - t0) / 1000.0;
    if (dout)
        fclose(dout);
    if (status == 0) {
        fputs(diags ? diags : "", stderr); /* warnings */
        fflush(stderr);
        watch_report(w, true, ms);
        w->builds++;
        g_free(sources);
        free(diags);
    } else {
        w->failed_sources = sources;
        w->failed_diags = g_strdup(diags ? diags : "");
        free(diags);
        w->failed_ms = ms;
        w->confirm_id = g_timeout_add(WATCH_CONFIRM_MS, watch_confirm, w);
    }
    return G_SOURCE_REMOVE;
}

static void watch_on_change(GFileMonitor *m, GFile *file, GFile *other, GFileMonitorEvent ev,
                            gpointer data)
{
    watch_state *w = data;
    if (ev == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED || ev == G_FILE_MONITOR_EVENT_PRE_UNMOUNT ||
        ev == G_FILE_MONITOR_EVENT_UNMOUNTED)
        return;
    GFile *f = (ev == G_FILE_MONITOR_EVENT_RENAMED || ev == G_FILE_MONITOR_EVENT_MOVED_IN) && other
                   ? other : file;
    char *path = g_file_get_path(f);
    if (!path)
        return;
    char *base = g_path_get_basename(path);
    bool ignore = !is_source_name(base);
    g_free(base);
    if (ignore) {
        g_free(path);
        return;
    }
    char *cwd = g_get_current_dir();
    const char *rel = g_str_has_prefix(path, cwd) && path[strlen(cwd)] == '/'
                          ? path + strlen(cwd) + 1 : path;
    g_hash_table_add(w->changed, g_strdup(rel));
    g_free(cwd);
    g_free(path);
    /* a failed build waiting to be confirmed is superseded by this save */
    watch_forget_failure(w);
    if (w->settle_id)
        g_source_remove(w->settle_id);
    bool done = ev == G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT ||
                ev == G_FILE_MONITOR_EVENT_RENAMED || ev == G_FILE_MONITOR_EVENT_MOVED_IN;
    w->settle_id = g_timeout_add(done ? WATCH_DONE_SETTLE_MS : WATCH_SETTLE_MS, watch_rebuild, w);
}

static void watch_dir(watch_state *w, const char *dir)
{
    GFile *f = g_file_new_for_path(dir);
    GError *err = NULL;
    GFileMonitor *m = g_file_monitor_directory(f, G_FILE_MONITOR_WATCH_MOVES, NULL, &err);
    g_object_unref(f);
    if (!m) {
        fprintf(stderr, "folio: cannot watch %s: %s\n", dir, err->message);
        g_error_free(err);
        return;
    }
    g_file_monitor_set_rate_limit(m, 0);
    g_signal_connect(m, "changed", G_CALLBACK(watch_on_change), w);
    g_ptr_array_add(w->monitors, m);
    g_ptr_array_add(w->dirs, g_strdup(dir));
    /* Sub-folders (images/) are sources too. */
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d))) {
        if (name[0] == '.' || !strcmp(name, "cache"))
            continue;
        char *sub = g_build_filename(dir, name, NULL);
        if (g_file_test(sub, G_FILE_TEST_IS_DIR))
            watch_dir(w, sub);
        g_free(sub);
    }
    if (d)
        g_dir_close(d);
}

static gboolean watch_on_interrupt(gpointer data)
{
    watch_state *w = data;
    g_main_loop_quit(w->loop);
    return G_SOURCE_REMOVE;
}

static char *sibling_dir(const char *content_dir, const char *name)
{
    char *parent = g_path_get_dirname(content_dir);
    char *sib = g_build_filename(parent, name, NULL);
    g_free(parent);
    if (!g_file_test(sib, G_FILE_TEST_IS_DIR)) {
        g_free(sib);
        sib = g_file_test(name, G_FILE_TEST_IS_DIR) ? g_strdup(name) : NULL;
    }
    return sib;
}

int build_watch(const build_options *o)
{
    watch_state w = {.opts = o};
    w.loop = g_main_loop_new(NULL, FALSE);
    w.monitors = g_ptr_array_new_with_free_func(g_object_unref);
    w.dirs = g_ptr_array_new_with_free_func(g_free);
    w.changed = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    watch_dir(&w, o->content_dir);
    const char *others[] = {"styles", "fonts"};
    for (int i = 0; i < 2; i++) {
        char *dir = sibling_dir(o->content_dir, others[i]);
        if (dir)
            watch_dir(&w, dir);
        g_free(dir);
    }
    w.session = build_session_new();
    build_options first = *o;
    first.session = w.session;
    gint64 t0 = g_get_monotonic_time();
    int status = build_run(&first);
    printf("folio watch: first build %s in %.1f ms; watching %s (Ctrl-C to stop)\n",
           status == 0 ? "done" : "FAILED", (g_get_monotonic_time() - t0) / 1000.0,
           o->content_dir);
    fflush(stdout);
    g_unix_signal_add(SIGINT, watch_on_interrupt, &w);
    g_unix_signal_add(SIGTERM, watch_on_interrupt, &w);
    g_main_loop_run(w.loop);
    printf("folio watch: stopped after %d rebuilds\n", w.builds);
    if (w.settle_id)
        g_source_remove(w.settle_id);
    watch_forget_failure(&w);
    g_ptr_array_free(w.monitors, TRUE);
    g_ptr_array_free(w.dirs, TRUE);
    g_hash_table_destroy(w.changed);
    g_main_loop_unref(w.loop);
    build_session_free(w.session);
    return 0;
}
