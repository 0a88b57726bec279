/* diag.h - diagnostics as values: collected with their source position,
 * printed by the caller as `file:line:col: error|warning: message`.
 * Library code never prints and never exits; it appends here. */
#ifndef FOLIO_DIAG_H
#define FOLIO_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "srcpos.h"

typedef enum { DIAG_WARNING, DIAG_ERROR } diag_severity;

typedef struct {
    diag_severity severity;
    char *file;          /* owned copy; may be NULL for whole-run errors */
    int line, col;       /* 0 when unknown */
    char *message;       /* owned */
} diag;

typedef struct {
    diag *items;
    size_t count, cap;
    size_t errors, warnings;
} diag_list;

void diag_list_init(diag_list *d);
void diag_list_free(diag_list *d);
void diag_add(diag_list *d, diag_severity sev, src_pos pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
#define diag_error(d, pos, ...) diag_add((d), DIAG_ERROR, (pos), __VA_ARGS__)
#define diag_warning(d, pos, ...) diag_add((d), DIAG_WARNING, (pos), __VA_ARGS__)
bool diag_has_errors(const diag_list *d);
/* Prints every diagnostic, one a line, in the order they were added. */
void diag_print(const diag_list *d, FILE *out);
/* One diagnostic as `file:line:col: severity: message` (caller frees). */
char *diag_format(const diag *x);

#endif
