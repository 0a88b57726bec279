/* build.c - one build of the issue: tree, style, the two backends, and the
 * atomic replacement of the outputs.
 *
 * Order matters: the PDF is laid out first because the EPUB's page-list
 * and cover come from it.  Outputs are written to temporary files in the
 * output directory, synced, and renamed into place only when everything
 * succeeded, so a failed or killed build leaves the previous outputs. */
#include "build.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "epub/epub.h"
#include "fonts.h"
#include "markdown.h"
#include "pagemap.h"
#include "pdf/pdf.h"
#include "byline_place.h"
#include "punctuation.h"
#include "reader.h"
#include "style.h"

/* Every article's own column count must leave a usable measure too. */
static void check_article_columns(const node *issue, const style *st, diag_list *d)
{
    for (const node *a = issue->first; a; a = a->next) {
        int n = a->type == NODE_ARTICLE ? a->as.article.columns : 0;
        if (n <= 0)
            continue;
        double w = style_column_measure(st, n);
        if (w < STYLE_MIN_MEASURE_MM * 72 / 25.4)
            diag_error(d, a->pos, "`columns: %d` gives a measure of %.1f mm with the style %s; "
                       "it must be at least %.0f mm", n, w * 25.4 / 72, st->path ? st->path : "",
                       STYLE_MIN_MEASURE_MM);
    }
}

static void newest_mtime(const char *path, time_t *newest)
{
    struct stat st;
    if (stat(path, &st) == 0 && st.st_mtime > *newest)
        *newest = st.st_mtime;
}

/* SOURCE_DATE_EPOCH when set (reproducible builds), else the newest
 * source's modification time: the same sources give the same bytes. */
static time_t source_date(const node *issue, const char *style_path, long long epoch)
{
    if (epoch >= 0)
        return (time_t)epoch;
    time_t newest = 0;
    const issue_meta *m = &issue->as.issue;
    for (size_t i = 0; i < m->nfiles; i++)
        newest_mtime(m->files[i], &newest);
    if (style_path)
        newest_mtime(style_path, &newest);
    return newest ? newest : 315532800; /* 1980-01-01, the zip epoch */
}

node *build_read_issue(const char *content_dir, const locate_options *loc, diag_list *d)
{
    node *issue = reader_read_issue(content_dir, d);
    if (!issue || diag_has_errors(d))
        return issue;
    /* The style decides the quotation marks; its own problems (and a
     * style that is not found) are the build's to report, so they are
     * dropped here. */
    diag_list quiet;
    diag_list_init(&quiet);
    char *why = NULL;
    char *path = locate_style(loc, content_dir, issue, &why, &quiet);
    g_free(why);
    style *st = path ? style_load(path, &quiet) : NULL;
    punctuation_apply(issue, st && !strcmp(st->quotes, "single") ? QUOTES_SINGLE : QUOTES_DOUBLE);
    if (st)
        bylines_place(issue, st);
    style_free(st);
    diag_list_free(&quiet);
    g_free(path);
    return issue;
}

/* The EPUB is written on a second thread while the PDF is drawn on the
 * first: the two share only read-only inputs (tree, style, page map,
 * cover, font configuration) and each collects its own diagnostics. */
typedef struct {
    const node *issue;
    const style *st;
    epub_options eo;
    const pdf_pixels *cover;   /* encoded here, off the PDF's thread */
    unsigned char *png;        /* owned */
    const char *path;
    diag_list d;
    bool ok;
    double ms;                 /* time the EPUB took on its thread */
} epub_job;

static gpointer epub_thread(gpointer data)
{
    epub_job *j = data;
    gint64 t0 = g_get_monotonic_time();
    size_t len = 0;
    if (!pdf_pixels_png(j->cover, &j->png, &len)) {
        src_pos p = {j->path, 0, 0};
        diag_error(&j->d, p, "cannot encode the cover image");
        j->ok = false;
        return NULL;
    }
    j->eo.cover_png = j->png;
    j->eo.cover_png_len = len;
    j->ok = epub_write_issue(j->issue, j->st, &j->eo, j->path, &j->d);
    /* Made durable here, while the PDF is still being drawn; renamed
     * into place with it at the end. */
    if (j->ok)
        build_sync_file(j->path);
    j->ms = (g_get_monotonic_time() - t0) / 1000.0;
    return NULL;
}

static void diag_take(diag_list *to, const diag_list *from)
{
    for (size_t i = 0; i < from->count; i++) {
        const diag *x = &from->items[i];
        src_pos p = {x->file, x->line, x->col};
        diag_add(to, x->severity, p, "%s", x->message);
    }
}

/* FOLIO_TRACE=1: each phase's start on stderr, in milliseconds since the
 * build began (docs/PERFORMANCE.md).  One tracer per build, no globals. */
typedef struct {
    gint64 t0;
    bool on;
} build_tracer;

static void trace(build_tracer *tr, const char *phase)
{
    if (!tr->on)
        return;
    fprintf(stderr, "folio: trace %8.1f ms %s\n", (g_get_monotonic_time() - tr->t0) / 1000.0,
            phase);
}
#define T(x) trace(&tracer, (x))
int build_run(const build_options *o)
{
    diag_list d;
    diag_list_init(&d);
    build_tracer tracer = {g_get_monotonic_time(), o->trace};
    T("begin");
    int status = 1;
    node *issue = reader_read_issue(o->content_dir, &d);
    char *fonts_dir = NULL, *style_why = NULL;
    char *style_path = NULL, *slug = NULL, *epub_path = NULL, *pdf_path = NULL;
    char *epub_tmp = NULL, *pdf_tmp = NULL;
    style *st = NULL;
    pdf_document *doc = NULL;
    page_map pages;
    page_map_init(&pages);
    pdf_pixels *cover = NULL;
    FcConfig *fc = NULL;
    epub_prefetch *prefetch = NULL;
    char *cache_dir = NULL, *fonts_print = NULL, *salt = NULL;

    if (!issue || diag_has_errors(&d))
        goto done;
    style_path = locate_style(&o->loc, o->content_dir, issue, &style_why, &d);
    fonts_dir = locate_fonts(&o->loc, o->content_dir, &d);
    if (!style_path || !fonts_dir)
        goto done;
    if (o->verbose)
        fprintf(stderr, "folio: style %s (%s)\nfolio: fonts %s\n", style_path, style_why,
                fonts_dir);
    st = style_load(style_path, &d);
    if (!st || diag_has_errors(&d))
        goto done;
    check_article_columns(issue, st, &d);
    if (diag_has_errors(&d))
        goto done;
    punctuation_apply(issue, !strcmp(st->quotes, "single") ? QUOTES_SINGLE : QUOTES_DOUBLE);
    bylines_place(issue, st);
    if (!o->fit_only && g_mkdir_with_parents(o->out_dir, 0755) != 0) {
        src_pos p = {o->out_dir, 0, 0};
        diag_error(&d, p, "cannot create output folder: %s", strerror(errno));
        goto done;
    }
    T("tree read");
    cache_dir = g_build_filename(o->out_dir, ".cache", NULL);
    if (!o->fit_only) {
        build_sweep_temporaries(o->out_dir);
        char *media_dir = g_build_filename(cache_dir, "media", NULL);
        build_sweep_temporaries(media_dir);
        g_free(media_dir);
    }
    /* One font configuration for both editions. */
    fc = session_load_fonts(o->session, fonts_dir, &fonts_print, &d);
    if (!fc)
        goto done;
    /* A family the fonts folder lacks, or a character no font has, would
     * be set in a stand-in or as a blank box: both are errors. */
    fonts_check_style(fc, st, fonts_dir, &d);
    fonts_check_coverage(fc, st, issue, &d);
    if (diag_has_errors(&d))
        goto done;
    /* The default configuration too: Pango's FreeType module initialises
     * fontconfig, which would otherwise load the machine's configuration
     * and font list, only to use neither. */
    FcConfigSetCurrent(fc);
    /* The fonts the EPUB embeds are deflated on the other cores while the
     * print edition is laid out. */
    char *pf_key = g_strdup_printf("%s\n%s\n%s", fonts_print, cache_dir, style_path);
    /* Once per process and fonts: the EPUB checks every cache file it
     * copies and remakes a missing one itself. */
    if (!o->fit_only && session_prefetch_due(o->session, pf_key))
        prefetch = epub_prefetch_fonts(st, fc, cache_dir);
    g_free(pf_key);
    time_t sde = source_date(issue, style_path, o->source_date_epoch);
    slug = markdown_slug(issue->as.issue.title);
    epub_path = g_strdup_printf("%s/%s.epub", o->out_dir, slug);
    pdf_path = g_strdup_printf("%s/%s.pdf", o->out_dir, slug);
    epub_tmp = build_temp_path(epub_path);
    pdf_tmp = build_temp_path(pdf_path);

    salt = session_layout_salt(style_path, fonts_print);
    T("fonts and style loaded; layout");
    pdf_options po = {.fonts_dir = fonts_dir, .fc = fc, .hyphen_dir = NULL, .source_date = sde,
                      .cache = session_frames(o->session), .cache_salt = salt,
                      .layout = o->layout};
    doc = pdf_layout_issue(issue, st, &po, &pages, &d);
    if (!doc || diag_has_errors(&d))
        goto done;
    if (o->fit_only) {
        fputs(pdf_fit_report(doc), stdout);
        status = 0;
        goto done;
    }
    /* One cover for both editions: the EPUB's is the PDF's first page. */
    T("cover pixels");
    cover = pdf_render_page_pixels(doc, 0, 120, &d);
    if (!cover)
        goto done;
    epub_job job = {.issue = issue, .st = st, .cover = cover, .path = epub_tmp};
    job.eo = (epub_options){.fonts_dir = fonts_dir, .fc = fc, .pages = &pages,
                            .source_date = sde, .cache_dir = cache_dir, .prefetch = prefetch};
    diag_list_init(&job.d);
    GThread *th = g_thread_try_new("epub", epub_thread, &job, NULL);
    if (!th)
        epub_thread(&job);
    T("PDF drawing (EPUB on the second thread)");
    bool pdf_ok = pdf_write(doc, pdf_tmp, &d);
    T("PDF drawn");
    if (th)
        g_thread_join(th);
    if (tracer.on) {
        char *msg = g_strdup_printf("EPUB written (cover encoding + EPUB: %.1f ms on its thread)",
                                    job.ms);
        T(msg);
        g_free(msg);
    }
    diag_take(&d, &job.d);
    diag_list_free(&job.d);
    g_free(job.png);
    if (!pdf_ok || !job.ok || diag_has_errors(&d))
        goto done;
    if (o->png) {
        char *sheet = o->proof_sheet ? g_strdup_printf("%s/proof.png", o->out_dir) : NULL;
        char *dir = g_strdup_printf("%s/pages", o->out_dir);
        g_mkdir_with_parents(dir, 0755);
        bool ok = pdf_write_proofs(doc, dir, sheet, &d);
        g_free(sheet);
        g_free(dir);
        if (!ok)
            goto done;
    }
    T("renaming into place");
    if (build_commit_file(pdf_tmp, pdf_path, &d) && build_rename_into_place(epub_tmp, epub_path, &d)) {
        T("done");
        status = 0;
        if (!o->quiet) {
            fprintf(stderr, "folio: wrote %s (%d pages) and %s\n", pdf_path,
                    pdf_page_count(doc), epub_path);
            if (o->print_fit)
                printf("fit report (lines of body text):\n%s", pdf_fit_report(doc));
        }
    }

done:
    fflush(stdout);
    if (status != 0 && issue && !diag_has_errors(&d)) {
        src_pos p = {o->content_dir, 0, 0};
        diag_error(&d, p, "build failed");
    }
    FILE *dout = o->diag_out ? o->diag_out : stderr;
    diag_print(&d, dout);
    if (status != 0)
        fprintf(dout, "folio: build failed; nothing was written: previous outputs in %s "
                      "are unchanged\n", o->out_dir);
    if (epub_tmp)
        unlink(epub_tmp);
    if (pdf_tmp)
        unlink(pdf_tmp);
    pdf_pixels_free(cover);
    epub_prefetch_finish(prefetch);
    if (doc)
        pdf_document_free(doc);
    if (fc)
        FcConfigDestroy(fc);
    g_free(cache_dir);
    g_free(fonts_print);
    g_free(salt);
    page_map_free(&pages);
    if (st)
        style_free(st);
    g_free(epub_tmp); g_free(pdf_tmp); g_free(epub_path); g_free(pdf_path);
    g_free(slug); g_free(style_path); g_free(style_why); g_free(fonts_dir);
    tree_free(issue);
    diag_list_free(&d);
    return status;
}
