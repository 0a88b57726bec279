/* pdf_update.c - an incremental update of a PDF written by cairo.
 *
 * The original bytes stay; new versions of the changed objects, an xref
 * section for them and a trailer pointing back (/Prev) are appended.
 * Everything written derives from the file and the document, so the
 * result stays reproducible.  cairo writes structure elements depth-first
 * in the order they were opened, so the n-th Figure element in object
 * order is the n-th figure drawn. */
#include "pdf/pdf_update.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The last occurrence of needle in hay[0..n). */
static const char *rfind(const char *hay, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    for (size_t i = n >= m ? n - m + 1 : 0; i-- > 0;)
        if (memcmp(hay + i, needle, m) == 0)
            return hay + i;
    return NULL;
}

static bool trailer_int(const char *tr, const char *key, long *out)
{
    const char *p = strstr(tr, key);
    if (!p)
        return false;
    *out = strtol(p + strlen(key), NULL, 10);
    return true;
}

/* A PDF text string in UTF-16BE hex, which holds any text safely. */
static void append_text_string(GString *u, const char *utf8)
{
    glong n = 0;
    gunichar2 *w = g_utf8_to_utf16(utf8 ? utf8 : "", -1, NULL, &n, NULL);
    g_string_append(u, "<FEFF");
    for (glong i = 0; w && i < n; i++)
        g_string_append_printf(u, "%04X", w[i]);
    g_string_append_c(u, '>');
    g_free(w);
}

typedef struct {
    long num;      /* object number */
    long offset;   /* of its new version */
} xref_entry;

/* Appends a new version of object num (whose dictionary is [open, close)
 * of the file, without the final ">>") with extra entries. */
static void rewrite(GString *u, GArray *xref, long base, long num, const char *open,
                    const char *close, const char *extra)
{
    xref_entry e = {num, base + (long)u->len};
    g_array_append_val(xref, e);
    g_string_append_printf(u, "%ld 0 obj\n", num);
    g_string_append_len(u, open, close - open);
    g_string_append(u, extra);
    g_string_append(u, "\n>>\nendobj\n");
}

/* The dictionary of object num: [*open, *close) where *close is its ">>". */
static bool find_object(const char *buf, size_t n, long num, const char **open,
                        const char **close)
{
    char head[32];
    g_snprintf(head, sizeof head, "\n%ld 0 obj", num);
    const char *obj = rfind(buf, n, head);
    *open = obj ? strstr(obj, "<<") : NULL;
    const char *end = *open ? strstr(*open, "endobj") : NULL;
    *close = end ? rfind(*open, (size_t)(end - *open), ">>") : NULL;
    return *close != NULL;
}

static int cmp_entry(const void *a, const void *b)
{
    long x = ((const xref_entry *)a)->num, y = ((const xref_entry *)b)->num;
    return x < y ? -1 : x > y;
}

bool pdf_update_file(const char *path, const char *lang, GPtrArray *alts, diag_list *d)
{
    src_pos at = {path, 0, 0};
    char *buf = NULL;
    gsize n = 0;
    if (!g_file_get_contents(path, &buf, &n, NULL)) {
        diag_error(d, at, "cannot read the PDF back to complete it");
        return false;
    }
    const char *tr = rfind(buf, n, "trailer");
    const char *sx = rfind(buf, n, "startxref");
    long root = 0, size = 0, info = -1;
    if (!tr || !sx || !trailer_int(tr, "/Root ", &root) || !trailer_int(tr, "/Size ", &size)) {
        diag_warning(d, at, "unexpected PDF structure: no document language or figure alt text");
        g_free(buf);
        return true;
    }
    trailer_int(tr, "/Info ", &info);
    long prev = strtol(sx + strlen("startxref"), NULL, 10);
    GString *u = g_string_new(NULL);
    GArray *xref = g_array_new(FALSE, FALSE, sizeof(xref_entry));
    const char *open, *close;
    if (lang && *lang && find_object(buf, n, root, &open, &close)) {
        /* a BCP 47 tag is ASCII: a literal string, as validators expect */
        GString *extra = g_string_new("/Lang (");
        for (const char *c = lang; *c; c++)
            if (g_ascii_isalnum(*c) || *c == '-')
                g_string_append_c(extra, *c);
        g_string_append_c(extra, ')');
        rewrite(u, xref, (long)n, root, open, close, extra->str);
        g_string_free(extra, TRUE);
    }
    /* Figure elements, in object order */
    guint fig = 0;
    for (long num = 1; alts && fig < alts->len && num < size; num++) {
        if (!find_object(buf, n, num, &open, &close))
            continue;
        const char *s = g_strstr_len(open, close - open, "/S /Figure");
        if (!s || !g_strstr_len(open, close - open, "/StructElem"))
            continue;
        const char *alt = g_ptr_array_index(alts, fig++);
        if (!alt || !*alt)
            continue;
        GString *extra = g_string_new("/Alt ");
        append_text_string(extra, alt);
        rewrite(u, xref, (long)n, num, open, close, extra->str);
        g_string_free(extra, TRUE);
    }
    bool ok = true;
    if (xref->len) {
        g_array_sort(xref, cmp_entry);
        long xref_at = (long)n + (long)u->len;
        g_string_append(u, "xref\n0 1\n0000000000 65535 f \n");
        for (guint i = 0; i < xref->len; i++) {
            xref_entry *e = &g_array_index(xref, xref_entry, i);
            g_string_append_printf(u, "%ld 1\n%010ld 00000 n \n", e->num, e->offset);
        }
        g_string_append_printf(u, "trailer\n<< /Size %ld /Root %ld 0 R", size, root);
        if (info >= 0)
            g_string_append_printf(u, " /Info %ld 0 R", info);
        g_string_append_printf(u, " /Prev %ld >>\nstartxref\n%ld\n%%%%EOF\n", prev, xref_at);
        FILE *f = fopen(path, "ab");
        ok = f && fwrite(u->str, 1, u->len, f) == u->len;
        if (f && fclose(f) != 0)
            ok = false;
        if (!ok)
            diag_error(d, at, "cannot complete the PDF (language, alt text)");
    }
    g_array_free(xref, TRUE);
    g_string_free(u, TRUE);
    g_free(buf);
    return ok;
}
