/* content_edit.h - rewrites a content stream one operator at a time.
 *
 * The walker reads the stream with content_tokens and hands each operator
 * (with its operands) to a policy, which appends to the output either the
 * operator's own bytes or a replacement, and may append text before or
 * after it.  One pass, no backtracking: the cost is linear in the
 * stream's length. */
#ifndef FOLIO_CONTENT_EDIT_H
#define FOLIO_CONTENT_EDIT_H

#include <glib.h>

#include "finish/content_tokens.h"

#define CE_MAX_OPERANDS 8

typedef struct {
    const ct_reader *r;
    ct_token op;                          /* the operator (or CT_INLINE_IMAGE) */
    ct_token operands[CE_MAX_OPERANDS];   /* the first top-level operands */
    int noperands;                        /* top-level operands (may exceed the array) */
    bool has_mcid;                        /* a /MCID key among the operands (BDC) */
    size_t seg_start, seg_end;            /* operands and operator, with the space before */
} ce_op;

/* The policy: append what replaces the segment [seg_start, seg_end) to
 * out (ce_keep appends it unchanged). */
typedef void (*ce_policy)(const ce_op *op, GString *out, void *user);

/* Walks buf, calling policy for every operator; bytes after the last
 * operator are kept.  Returns the number of bad tokens met (kept as is). */
size_t ce_walk(const unsigned char *buf, size_t len, ce_policy policy, void *user, GString *out);
void ce_keep(const ce_op *op, GString *out);
bool ce_is(const ce_op *op, const char *name);
/* Operand i as a number (0 when absent or not a number). */
double ce_num(const ce_op *op, int i);
bool ce_all_numbers(const ce_op *op, int n);

#endif
