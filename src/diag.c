/* diag.c - collecting and printing diagnostics. */
#include "diag.h"

#include <glib.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void diag_list_init(diag_list *d) { memset(d, 0, sizeof *d); }

void diag_list_free(diag_list *d)
{
    for (size_t i = 0; i < d->count; i++) {
        free(d->items[i].file);
        free(d->items[i].message);
    }
    free(d->items);
    memset(d, 0, sizeof *d);
}

void diag_add(diag_list *d, diag_severity sev, src_pos pos, const char *fmt, ...)
{
    if (d->count == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 16;
        d->items = g_realloc(d->items, d->cap * sizeof *d->items);
    }
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    diag *x = &d->items[d->count++];
    x->severity = sev;
    x->file = pos.file ? strdup(pos.file) : NULL;
    x->line = pos.line;
    x->col = pos.col;
    x->message = strdup(msg);
    g_free(msg);
    if (sev == DIAG_ERROR)
        d->errors++;
    else
        d->warnings++;
}

bool diag_has_errors(const diag_list *d) { return d->errors > 0; }

char *diag_format(const diag *x)
{
    const char *sev = x->severity == DIAG_ERROR ? "error" : "warning";
    char *s;
    if (!x->file)
        s = g_strdup_printf("folio: %s: %s", sev, x->message);
    else if (x->line <= 0)
        s = g_strdup_printf("%s: %s: %s", x->file, sev, x->message);
    else
        s = g_strdup_printf("%s:%d:%d: %s: %s", x->file, x->line, x->col > 0 ? x->col : 1, sev,
                            x->message);
    char *out = strdup(s);
    g_free(s);
    return out;
}

void diag_print(const diag_list *d, FILE *out)
{
    for (size_t i = 0; i < d->count; i++) {
        char *s = diag_format(&d->items[i]);
        fprintf(out, "%s\n", s);
        free(s);
    }
}
