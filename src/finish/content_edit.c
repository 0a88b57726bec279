/* content_edit.c - the operator walker. */
#include "finish/content_edit.h"

#include <string.h>

size_t ce_walk(const unsigned char *buf, size_t len, ce_policy policy, void *user, GString *out)
{
    ct_reader r;
    ct_init(&r, buf, len);
    ce_op op = {.r = &r};
    size_t seg = 0, bad = 0;
    int depth = 0; /* inside [ ] or << >> */
    for (;;) {
        ct_token t = ct_next(&r);
        if (t.kind == CT_END)
            break;
        switch (t.kind) {
        case CT_ARRAY_OPEN:
        case CT_DICT_OPEN:
            if (depth == 0 && op.noperands++ < CE_MAX_OPERANDS)
                op.operands[op.noperands - 1] = t;
            depth++;
            continue;
        case CT_ARRAY_CLOSE:
        case CT_DICT_CLOSE:
            if (depth > 0)
                depth--;
            continue;
        case CT_BAD:
            bad++;
            continue;
        case CT_NAME:
            if (t.len == 5 && !memcmp(buf + t.start, "/MCID", 5))
                op.has_mcid = true;
            break;
        case CT_OPERATOR:
        case CT_INLINE_IMAGE:
            if (depth == 0 || t.kind == CT_INLINE_IMAGE) {
                depth = 0;
                op.op = t;
                op.seg_start = seg;
                op.seg_end = t.start + t.len;
                policy(&op, out, user);
                seg = op.seg_end;
                op.noperands = 0;
                op.has_mcid = false;
                continue;
            }
            break; /* true, false, null inside an array or dictionary */
        default:
            break;
        }
        if (depth == 0 && op.noperands++ < CE_MAX_OPERANDS)
            op.operands[op.noperands - 1] = t;
    }
    g_string_append_len(out, (const char *)buf + seg, (gssize)(len - seg));
    return bad;
}

void ce_keep(const ce_op *op, GString *out)
{
    g_string_append_len(out, (const char *)op->r->buf + op->seg_start,
                        (gssize)(op->seg_end - op->seg_start));
}

bool ce_is(const ce_op *op, const char *name)
{
    return ct_is_op(op->r, op->op, name);
}

double ce_num(const ce_op *op, int i)
{
    if (i < 0 || i >= op->noperands || i >= CE_MAX_OPERANDS)
        return 0;
    return ct_number(op->r, op->operands[i]);
}

bool ce_all_numbers(const ce_op *op, int n)
{
    if (op->noperands != n || n > CE_MAX_OPERANDS)
        return false;
    for (int i = 0; i < n; i++)
        if (op->operands[i].kind != CT_NUMBER)
            return false;
    return true;
}
