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
#include "finish/press_colour.h"
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

/* The press edition is drawn on a thread of its own while the reading
 * edition is drawn on the build's: both only read the frames (the
 * resource table is locked; cairo's scaled fonts are thread-safe), and
 * each has its own cairo surface, libqpdf document and diagnostics. */
typedef struct {
    pdf_document *doc;
    const pdf_press_options *o;
    const char *path;
    diag_list d;
    bool ok;
    double ms;                 /* time the press edition took on its thread */
} press_job;

static gpointer press_thread(gpointer data)
{
    press_job *j = data;
    gint64 t0 = g_get_monotonic_time();
    j->ok = pdf_write_press(j->doc, j->path, j->o, &j->d);
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
/* Everything one build holds, so each stage below is a function of it;
 * build_run orders them and build_state_clear frees what they made. */
typedef struct {
    const build_options *o;
    diag_list d;
    build_tracer tracer;
    node *issue;
    char *fonts_dir, *style_why, *style_path, *cache_dir, *fonts_print, *salt;
    char *slug, *epub_path, *pdf_path, *epub_tmp, *pdf_tmp;
    char *press_path, *press_tmp, *press_name;
    press_profile *profile;        /* the press edition's output profile */
    press_palette *palette;
    bool default_profile;
    style *st;
    FcConfig *fc;
    epub_prefetch *prefetch;
    time_t source_date;
    pdf_document *doc;
    page_map pages;
    pdf_pixels *cover;
} build_state;

#define T(x) trace(&b->tracer, (x))

/* The tree, the style, the output folder, the fonts; the EPUB's fonts
 * start deflating on the other cores. */
static bool stage_inputs(build_state *b)
{
    const build_options *o = b->o;
    b->issue = reader_read_issue(o->content_dir, &b->d);
    if (!b->issue || diag_has_errors(&b->d))
        return false;
    b->style_path = locate_style(&o->loc, o->content_dir, b->issue, &b->style_why, &b->d);
    b->fonts_dir = locate_fonts(&o->loc, o->content_dir, &b->d);
    if (!b->style_path || !b->fonts_dir)
        return false;
    if (o->verbose)
        fprintf(stderr, "folio: style %s (%s)\nfolio: fonts %s\n", b->style_path, b->style_why,
                b->fonts_dir);
    b->st = style_load(b->style_path, &b->d);
    if (!b->st || diag_has_errors(&b->d))
        return false;
    check_article_columns(b->issue, b->st, &b->d);
    if (diag_has_errors(&b->d))
        return false;
    punctuation_apply(b->issue, !strcmp(b->st->quotes, "single") ? QUOTES_SINGLE : QUOTES_DOUBLE);
    bylines_place(b->issue, b->st);
    /* The press edition's profile: a bad one stops the build before
     * anything is written. */
    if (!o->fit_only) {
        b->profile = press_profile_for_style(b->st, &b->default_profile, &b->d);
        if (!b->profile)
            return false;
        press_complete_style(b->st, b->profile, &b->d);
        b->palette = press_palette_new(b->st, b->profile);
    }
    if (!o->fit_only && g_mkdir_with_parents(o->out_dir, 0755) != 0) {
        src_pos p = {o->out_dir, 0, 0};
        diag_error(&b->d, p, "cannot create output folder: %s", strerror(errno));
        return false;
    }
    T("tree read");
    b->cache_dir = g_build_filename(o->out_dir, ".cache", NULL);
    if (!o->fit_only) {
        build_sweep_temporaries(o->out_dir);
        char *media_dir = g_build_filename(b->cache_dir, "media", NULL);
        build_sweep_temporaries(media_dir);
        g_free(media_dir);
    }
    /* One font configuration for both editions. */
    b->fc = session_load_fonts(o->session, b->fonts_dir, &b->fonts_print, &b->d);
    if (!b->fc)
        return false;
    /* A family the fonts folder lacks, or a character no font has, would
     * be set in a stand-in or as a blank box: both are errors. */
    fonts_check_style(b->fc, b->st, b->fonts_dir, &b->d);
    fonts_check_coverage(b->fc, b->st, b->issue, &b->d);
    if (diag_has_errors(&b->d))
        return false;
    /* The default configuration too: Pango's FreeType module initialises
     * fontconfig, which would otherwise load the machine's configuration
     * and font list, only to use neither. */
    FcConfigSetCurrent(b->fc);
    /* The fonts the EPUB embeds are deflated on the other cores while the
     * print edition is laid out; once per process and fonts: the EPUB
     * checks every cache file it copies and remakes a missing one itself. */
    char *pf_key = g_strdup_printf("%s\n%s\n%s", b->fonts_print, b->cache_dir, b->style_path);
    if (!o->fit_only && session_prefetch_due(o->session, pf_key))
        b->prefetch = epub_prefetch_fonts(b->st, b->fc, b->cache_dir);
    g_free(pf_key);
    b->source_date = source_date(b->issue, b->style_path, o->source_date_epoch);
    b->slug = markdown_slug(b->issue->as.issue.title);
    b->epub_path = g_strdup_printf("%s/%s.epub", o->out_dir, b->slug);
    b->pdf_path = g_strdup_printf("%s/%s.pdf", o->out_dir, b->slug);
    b->epub_tmp = build_temp_path(b->epub_path);
    b->pdf_tmp = build_temp_path(b->pdf_path);
    b->press_path = g_strdup_printf("%s/%s-press.pdf", o->out_dir, b->slug);
    b->press_tmp = build_temp_path(b->press_path);
    b->salt = session_layout_salt(b->style_path, b->fonts_print);
    return true;
}

/* The print layout (the EPUB's page-list and cover come from it). */
static bool stage_layout(build_state *b)
{
    const build_options *o = b->o;
    T("fonts and style loaded; layout");
    pdf_options po = {.fonts_dir = b->fonts_dir, .fc = b->fc, .hyphen_dir = NULL,
                      .hyphen_snapshots = o->hyphen_snapshots,
                      .source_date = b->source_date, .cache = session_frames(o->session),
                      .cache_salt = b->salt, .layout = o->layout};
    b->doc = pdf_layout_issue(b->issue, b->st, &po, &b->pages, &b->d);
    if (!b->doc || diag_has_errors(&b->d))
        return false;
    if (o->layout.dump_path && !pdf_layout_dump(b->doc, b->issue, o->layout.dump_path)) {
        src_pos p = {o->layout.dump_path, 0, 0};
        diag_warning(&b->d, p, "cannot write the layout dump");
    }
    return true;
}

/* Both editions into their temporary files: the EPUB on a second thread
 * while the PDF is drawn; then the proofs if asked for. */
static bool stage_outputs(build_state *b)
{
    const build_options *o = b->o;
    /* One cover for both editions: the EPUB's is the PDF's first page. */
    T("cover pixels");
    b->cover = pdf_render_page_pixels(b->doc, 0, 120, &b->d);
    if (!b->cover)
        return false;
    epub_job job = {.issue = b->issue, .st = b->st, .cover = b->cover, .path = b->epub_tmp};
    job.eo = (epub_options){.fonts_dir = b->fonts_dir, .fc = b->fc, .pages = &b->pages,
                            .source_date = b->source_date, .cache_dir = b->cache_dir,
                            .prefetch = b->prefetch};
    diag_list_init(&job.d);
    GThread *th = g_thread_try_new("epub", epub_thread, &job, NULL);
    if (!th)
        epub_thread(&job);
    b->press_name = g_path_get_basename(b->press_path);
    pdf_press_options ppo = {.profile = b->profile, .palette = b->palette,
                             .condition = b->st->output_condition,
                             .default_profile = b->default_profile, .bleed = b->st->bleed,
                             .crop_marks = b->st->marks == MARKS_CROP,
                             .slug_family = b->st->sans_family, .file_name = b->press_name,
                             .image_ppi = b->st->press_ppi};
    press_job pj = {.doc = b->doc, .o = &ppo, .path = b->press_tmp, .ok = true};
    diag_list_init(&pj.d);
    GThread *press_th = NULL;
    if (!o->no_press) {
        press_th = g_thread_try_new("press", press_thread, &pj, NULL);
        if (!press_th)
            press_thread(&pj);
    }
    T("PDF drawing (EPUB and press edition on their threads)");
    bool pdf_ok = pdf_write(b->doc, b->pdf_tmp, &b->d);
    T("PDF drawn");
    if (press_th)
        g_thread_join(press_th);
    if (th)
        g_thread_join(th);
    if (b->tracer.on) {
        char *msg = g_strdup_printf("EPUB written (cover encoding + EPUB: %.1f ms on its "
                                    "thread); press edition %.1f ms on its thread",
                                    job.ms, pj.ms);
        T(msg);
        g_free(msg);
    }
    /* the order of the serial build: reading edition, press edition, EPUB */
    diag_take(&b->d, &pj.d);
    diag_list_free(&pj.d);
    diag_take(&b->d, &job.d);
    diag_list_free(&job.d);
    g_free(job.png);
    if (!pdf_ok || !pj.ok || !job.ok || diag_has_errors(&b->d))
        return false;
    if (o->png) {
        char *sheet = o->proof_sheet ? g_strdup_printf("%s/proof.png", o->out_dir) : NULL;
        char *dir = g_strdup_printf("%s/pages", o->out_dir);
        g_mkdir_with_parents(dir, 0755);
        bool ok = pdf_write_proofs(b->doc, dir, sheet, &b->d);
        if (ok && sheet) {
            char *press_sheet = g_strdup_printf("%s/press-proof.png", o->out_dir);
            ok = pdf_write_press_proof(b->doc, press_sheet, &ppo, &b->d);
            g_free(press_sheet);
        }
        g_free(sheet);
        g_free(dir);
        if (!ok)
            return false;
    }
    return true;
}

/* The outputs into place: the PDF synced and renamed, then the EPUB
 * (synced on its thread). */
static bool stage_commit(build_state *b)
{
    T("renaming into place");
    if (!build_commit_file(b->pdf_tmp, b->pdf_path, &b->d) ||
        (!b->o->no_press && !build_commit_file(b->press_tmp, b->press_path, &b->d)) ||
        !build_rename_into_place(b->epub_tmp, b->epub_path, &b->d))
        return false;
    /* --no-press: no press edition of older sources stays beside these */
    if (b->o->no_press)
        unlink(b->press_path);
    T("done");
    if (!b->o->quiet) {
        fprintf(stderr, "folio: wrote %s (%d pages), %s%s%s\n", b->pdf_path,
                pdf_page_count(b->doc), b->o->no_press ? "" : b->press_path,
                b->o->no_press ? "" : " and ", b->epub_path);
        if (b->o->print_fit)
            printf("fit report (lines of body text):\n%s", pdf_fit_report(b->doc));
    }
    return true;
}

/* Reports the build's diagnostics, removes what a failed build left, and
 * frees everything. */
static void build_state_finish(build_state *b, int status)
{
    const build_options *o = b->o;
    fflush(stdout);
    if (status != 0 && b->issue && !diag_has_errors(&b->d)) {
        src_pos p = {o->content_dir, 0, 0};
        diag_error(&b->d, p, "build failed");
    }
    FILE *dout = o->diag_out ? o->diag_out : stderr;
    diag_print(&b->d, dout);
    if (status != 0)
        fprintf(dout, "folio: build failed; nothing was written: previous outputs in %s "
                      "are unchanged\n", o->out_dir);
    if (b->epub_tmp)
        unlink(b->epub_tmp);
    if (b->pdf_tmp)
        unlink(b->pdf_tmp);
    if (b->press_tmp)
        unlink(b->press_tmp);
    press_palette_free(b->palette);
    press_profile_free(b->profile);
    pdf_pixels_free(b->cover);
    epub_prefetch_finish(b->prefetch);
    if (b->doc)
        pdf_document_free(b->doc);
    if (b->fc)
        FcConfigDestroy(b->fc);
    page_map_free(&b->pages);
    if (b->st)
        style_free(b->st);
    char *strings[] = {b->cache_dir, b->fonts_print, b->salt, b->epub_tmp, b->pdf_tmp,
                       b->epub_path, b->pdf_path, b->slug, b->style_path, b->style_why,
                       b->fonts_dir, b->press_path, b->press_tmp, b->press_name};
    for (size_t i = 0; i < G_N_ELEMENTS(strings); i++)
        g_free(strings[i]);
    tree_free(b->issue);
    diag_list_free(&b->d);
}

int build_run(const build_options *o)
{
    build_state b = {.o = o, .tracer = {g_get_monotonic_time(), o->trace}};
    diag_list_init(&b.d);
    page_map_init(&b.pages);
    trace(&b.tracer, "begin");
    bool ok = stage_inputs(&b) && stage_layout(&b);
    if (ok && o->fit_only)
        fputs(pdf_fit_report(b.doc), stdout); /* folio fit: the report, no outputs */
    else
        ok = ok && stage_outputs(&b) && stage_commit(&b);
    int status = ok ? 0 : 1;
    build_state_finish(&b, status);
    return status;
}
