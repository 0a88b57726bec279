/* watch.c - `folio watch`: build, then rebuild on every change to the
 * content, styles or fonts folders.
 *
 * An editor's save is a burst of events (write a temporary file, rename it,
 * change attributes): they are coalesced by waiting a few milliseconds
 * after the last one before rebuilding.  A failing build leaves the last
 * good outputs in place (build_run never replaces them on failure). */
#include "build.h"

#include <gio/gio.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

/* Long enough to take in one save's burst, short enough not to be felt. */
#define WATCH_SETTLE_MS 8
/* After an event that ends a save (the file closed after writing, or
 * renamed into place) the burst is over: a shorter wait still coalesces
 * the events of several files saved together. */
#define WATCH_DONE_SETTLE_MS 1

typedef struct {
    const build_options *opts;
    GMainLoop *loop;
    GPtrArray *monitors;     /* GFileMonitor*, owned */
    GHashTable *changed;     /* paths changed since the last build (owned keys) */
    guint settle_id;
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

static gboolean watch_rebuild(gpointer data)
{
    watch_state *w = data;
    w->settle_id = 0;
    GString *line = g_string_new("changed ");
    watch_print_changed(w, line);
    g_hash_table_remove_all(w->changed);
    gint64 t0 = g_get_monotonic_time();
    build_options o = *w->opts;
    o.quiet = true;
    o.session = w->session;
    int status = build_run(&o);
    double ms = (g_get_monotonic_time() - t0) / 1000.0;
    GDateTime *now = g_date_time_new_now_local();
    char *stamp = g_date_time_format(now, "%H:%M:%S");
    if (status == 0)
        printf("%s %s: rebuilt EPUB and PDF in %.1f ms\n", stamp, line->str, ms);
    else
        printf("%s %s: build FAILED (%.1f ms); the last good outputs in %s are kept\n", stamp,
               line->str, ms, w->opts->out_dir);
    fflush(stdout);
    g_free(stamp);
    g_date_time_unref(now);
    g_string_free(line, TRUE);
    w->builds++;
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
    /* Editors' swap and backup files are not sources. */
    bool ignore = base[0] == '.' || g_str_has_suffix(base, "~") || g_str_has_suffix(base, ".swp") ||
                  g_str_has_prefix(base, "#") || !strcmp(base, "cache");
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
    g_ptr_array_free(w.monitors, TRUE);
    g_hash_table_destroy(w.changed);
    g_main_loop_unref(w.loop);
    build_session_free(w.session);
    return 0;
}
