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
#include "markdown.h"
#include "pagemap.h"
#include "pdf/pdf.h"
#include "reader.h"
#include "style.h"

/* A sibling folder of the content folder if it exists (the repository
 * layout), else the one in the working directory. */
static char *resolve_dir(const char *content_dir, const char *name)
{
    char *parent = g_path_get_dirname(content_dir);
    char *sib = g_build_filename(parent, name, NULL);
    g_free(parent);
    if (g_file_test(sib, G_FILE_TEST_IS_DIR))
        return sib;
    g_free(sib);
    return g_strdup(name);
}

static char *resolve_style(const char *styles_dir, const node *issue)
{
    const char *name = issue->as.issue.style;
    if (name)
        return g_strdup_printf("%s/%s.ini", styles_dir, name);
    /* No style named: the first in the folder, so a one-magazine repo
     * needs no setting. */
    GDir *d = g_dir_open(styles_dir, 0, NULL);
    char *best = NULL;
    const char *f;
    while (d && (f = g_dir_read_name(d)))
        if (g_str_has_suffix(f, ".ini") && (!best || strcmp(f, best) < 0)) {
            g_free(best);
            best = g_strdup(f);
        }
    if (d)
        g_dir_close(d);
    char *path = best ? g_build_filename(styles_dir, best, NULL) : NULL;
    g_free(best);
    return path;
}

static void newest_mtime(const char *path, time_t *newest)
{
    struct stat st;
    if (stat(path, &st) == 0 && st.st_mtime > *newest)
        *newest = st.st_mtime;
}

/* SOURCE_DATE_EPOCH when set (reproducible builds), else the newest
 * source's modification time: the same sources give the same bytes. */
static time_t source_date(const node *issue, const char *style_path)
{
    const char *env = getenv("SOURCE_DATE_EPOCH");
    if (env && *env) {
        char *end;
        long long v = strtoll(env, &end, 10);
        if (!*end && v >= 0)
            return (time_t)v;
    }
    time_t newest = 0;
    const issue_meta *m = &issue->as.issue;
    for (size_t i = 0; i < m->nfiles; i++)
        newest_mtime(m->files[i], &newest);
    if (style_path)
        newest_mtime(style_path, &newest);
    return newest ? newest : 315532800; /* 1980-01-01, the zip epoch */
}

char *build_temp_path(const char *final_path)
{
    char *dir = g_path_get_dirname(final_path);
    char *base = g_path_get_basename(final_path);
    char *tmp = g_strdup_printf("%s/.%s.tmp-%d", dir, base, (int)getpid());
    g_free(dir);
    g_free(base);
    return tmp;
}

/* Makes the temporary file durable, then puts it in place in one step. */
bool build_commit_file(const char *tmp, const char *final_path, diag_list *d)
{
    int fd = open(tmp, O_RDONLY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    if (rename(tmp, final_path) != 0) {
        src_pos p = {final_path, 0, 0};
        diag_error(d, p, "cannot replace output: %s", strerror(errno));
        return false;
    }
    return true;
}

/* Removes temporaries that killed builds left behind: names made by
 * build_temp_path whose process is gone. */
static void sweep_stale_temporaries(const char *out_dir)
{
    GDir *d = g_dir_open(out_dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d))) {
        const char *tag = strstr(name, ".tmp-");
        if (name[0] != '.' || !tag)
            continue;
        char *end;
        long pid = strtol(tag + 5, &end, 10);
        if (*end || pid <= 0 || (kill((pid_t)pid, 0) != 0 && errno == ESRCH) ||
            pid == (long)getpid()) {
            char *path = g_build_filename(out_dir, name, NULL);
            unlink(path);
            g_free(path);
        }
    }
    if (d)
        g_dir_close(d);
}

int build_run(const build_options *o)
{
    diag_list d;
    diag_list_init(&d);
    int status = 1;
    node *issue = reader_read_issue(o->content_dir, &d);
    char *styles_dir = resolve_dir(o->content_dir, "styles");
    char *fonts_dir = resolve_dir(o->content_dir, "fonts");
    char *style_path = NULL, *slug = NULL, *epub_path = NULL, *pdf_path = NULL;
    char *epub_tmp = NULL, *pdf_tmp = NULL;
    style *st = NULL;
    pdf_document *doc = NULL;
    page_map pages;
    page_map_init(&pages);
    unsigned char *cover = NULL;
    size_t cover_len = 0;

    if (!issue || diag_has_errors(&d))
        goto done;
    style_path = resolve_style(styles_dir, issue);
    if (!style_path) {
        src_pos p = {styles_dir, 0, 0};
        diag_error(&d, p, "no style (.ini) found");
        goto done;
    }
    st = style_load(style_path, &d);
    if (!st || diag_has_errors(&d))
        goto done;
    if (g_mkdir_with_parents(o->out_dir, 0755) != 0) {
        src_pos p = {o->out_dir, 0, 0};
        diag_error(&d, p, "cannot create output folder: %s", strerror(errno));
        goto done;
    }
    sweep_stale_temporaries(o->out_dir);
    time_t sde = source_date(issue, style_path);
    slug = markdown_slug(issue->as.issue.title);
    epub_path = g_strdup_printf("%s/%s.epub", o->out_dir, slug);
    pdf_path = g_strdup_printf("%s/%s.pdf", o->out_dir, slug);
    epub_tmp = build_temp_path(epub_path);
    pdf_tmp = build_temp_path(pdf_path);

    pdf_options po = {.fonts_dir = fonts_dir, .hyphen_dict = NULL, .source_date = sde};
    doc = pdf_layout_issue(issue, st, &po, &pages, &d);
    if (!doc || diag_has_errors(&d))
        goto done;
    if (!pdf_write(doc, pdf_tmp, &d))
        goto done;
    /* One cover for both editions: the EPUB's is the PDF's first page. */
    if (!pdf_render_page_png(doc, 0, 120, &cover, &cover_len, &d))
        goto done;
    char *cache_dir = g_build_filename(o->out_dir, ".cache", NULL);
    epub_options eo = {.fonts_dir = fonts_dir, .pages = &pages, .cover_png = cover,
                       .cover_png_len = cover_len, .source_date = sde, .cache_dir = cache_dir};
    bool epub_ok = epub_write_issue(issue, st, &eo, epub_tmp, &d);
    g_free(cache_dir);
    if (!epub_ok || diag_has_errors(&d))
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
    if (build_commit_file(pdf_tmp, pdf_path, &d) && build_commit_file(epub_tmp, epub_path, &d)) {
        status = 0;
        if (!o->quiet)
            fprintf(stderr, "folio: wrote %s (%d pages) and %s\n", pdf_path,
                    pdf_page_count(doc), epub_path);
    }

done:
    if (status != 0 && issue && !diag_has_errors(&d)) {
        src_pos p = {o->content_dir, 0, 0};
        diag_error(&d, p, "build failed");
    }
    diag_print(&d, stderr);
    if (status != 0)
        fprintf(stderr, "folio: build failed; nothing was written: previous outputs in %s "
                        "are unchanged\n", o->out_dir);
    if (epub_tmp)
        unlink(epub_tmp);
    if (pdf_tmp)
        unlink(pdf_tmp);
    g_free(cover);
    if (doc)
        pdf_document_free(doc);
    page_map_free(&pages);
    if (st)
        style_free(st);
    g_free(epub_tmp); g_free(pdf_tmp); g_free(epub_path); g_free(pdf_path);
    g_free(slug); g_free(style_path); g_free(styles_dir); g_free(fonts_dir);
    tree_free(issue);
    diag_list_free(&d);
    return status;
}
