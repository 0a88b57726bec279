/* content_artifacts.c - untagged content becomes /Artifact.
 *
 * Marked content with an /MCID belongs to the structure tree.  Marked
 * content without one (cairo's /Span << /ActualText >> for ligatures and
 * capitals) is not structure: inside tagged content it is part of it,
 * outside it is wrapped like everything else.  The artifact is closed
 * before anything that cannot be inside it: a tagged sequence (BDC with
 * /MCID), the end of the text object or graphics state it was opened in,
 * or the end of the stream; sequences stay properly nested.  An artifact
 * opened for a text object ends with it, so that each running head and
 * folio is an artifact of its own: one whose text all stands in the
 * page's head band is a pagination header, in its foot band a pagination
 * footer (PDF/UA-1 7.8); the opener is written when the artifact closes,
 * so the body waits in a buffer of its own (linear: each byte is copied
 * once more). */
#include "finish/content_policies.h"

#include "finish/content_edit.h"

#include <string.h>

#define MAX_NEST 256

#define MAX_Q 64

typedef struct {
    bool tagged[MAX_NEST];  /* each open marked-content sequence: has an MCID */
    int depth;              /* open sequences (those beyond MAX_NEST count as untagged) */
    int tagged_open;        /* how many of them are tagged */
    bool in_text;           /* between BT and ET */
    int q;                  /* q nesting */
    bool art;               /* our /Artifact is open */
    int art_depth, art_q;   /* depth and q nesting where it was opened */
    bool art_in_text, art_at_bt;
    GString *body;          /* the open artifact's content, until its opener is known */
    /* where text is shown: the CTM (saved by q) and the text line matrix */
    double ctm[6], saved[MAX_Q][6], tlm[6];
    const finish_bands *bands;
    int head_text, foot_text, other_text;   /* text shown in the open artifact */
} art_state;

static void mat_mul(const double a[6], const double b[6], double out[6])
{
    double r[6] = {a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
                   a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
                   a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]};
    memcpy(out, r, sizeof r);
}

static void art_close(art_state *s, GString *out)
{
    if (!s->art)
        return;
    const finish_bands *b = s->bands;
    bool head = b && s->head_text && !s->foot_text && !s->other_text;
    bool foot = b && s->foot_text && !s->head_text && !s->other_text;
    g_string_append(out, head   ? "\n/Artifact <</Type /Pagination /Subtype /Header>> BDC\n"
                         : foot ? "\n/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n"
                                : "\n/Artifact BMC\n");
    g_string_append_len(out, s->body->str, (gssize)s->body->len);
    g_string_append(out, "\nEMC\n");
    g_string_truncate(s->body, 0);
    s->art = false;
}

static void art_open(art_state *s, bool at_bt)
{
    if (s->art || s->tagged_open)
        return;
    s->art = true;
    s->art_depth = s->depth;
    s->art_q = s->q;
    s->art_in_text = s->in_text;
    s->art_at_bt = at_bt;
    s->head_text = s->foot_text = s->other_text = 0;
}

/* Text shown inside the artifact: its origin's height on the page. */
static void note_text(art_state *s)
{
    if (!s->art || !s->bands)
        return;
    double m[6];
    mat_mul(s->tlm, s->ctm, m);
    double y = m[5];
    const finish_bands *b = s->bands;
    if (b->head_y1 > b->head_y0 && y >= b->head_y0 && y <= b->head_y1)
        s->head_text++;
    else if (b->foot_y1 > b->foot_y0 && y >= b->foot_y0 && y <= b->foot_y1)
        s->foot_text++;
    else
        s->other_text++;
}

/* Operators that paint or show something (or begin a path or text object
 * that will). */
static bool paints(const ce_op *op)
{
    static const char *const ops[] = {"m", "re", "BT", "Do", "sh", "Tj", "TJ", "'", "\"",
                                      "d0", "d1"};
    if (op->op.kind == CT_INLINE_IMAGE)
        return true;
    for (size_t i = 0; i < G_N_ELEMENTS(ops); i++)
        if (ce_is(op, ops[i]))
            return true;
    return false;
}

/* The graphics and text state the classification needs. */
static void track(art_state *s, const ce_op *op)
{
    if (ce_is(op, "q")) {
        if (s->q < MAX_Q)
            memcpy(s->saved[s->q], s->ctm, sizeof s->ctm);
    } else if (ce_is(op, "Q")) {
        if (s->q > 0 && s->q <= MAX_Q)
            memcpy(s->ctm, s->saved[s->q - 1], sizeof s->ctm);
    } else if (ce_is(op, "cm") && ce_all_numbers(op, 6)) {
        double m[6] = {ce_num(op, 0), ce_num(op, 1), ce_num(op, 2), ce_num(op, 3), ce_num(op, 4), ce_num(op, 5)};
        mat_mul(m, s->ctm, s->ctm);
    } else if (ce_is(op, "BT")) {
        static const double id[6] = {1, 0, 0, 1, 0, 0};
        memcpy(s->tlm, id, sizeof id);
    } else if (ce_is(op, "Tm") && ce_all_numbers(op, 6)) {
        double m[6] = {ce_num(op, 0), ce_num(op, 1), ce_num(op, 2), ce_num(op, 3), ce_num(op, 4), ce_num(op, 5)};
        memcpy(s->tlm, m, sizeof m);
    } else if ((ce_is(op, "Td") || ce_is(op, "TD")) && ce_all_numbers(op, 2)) {
        double t[6] = {1, 0, 0, 1, ce_num(op, 0), ce_num(op, 1)};
        mat_mul(t, s->tlm, s->tlm);
    } else if (ce_is(op, "Tj") || ce_is(op, "TJ") || ce_is(op, "'") || ce_is(op, "\"")) {
        note_text(s);
    }
}

static void policy(const ce_op *op, GString *out, void *user)
{
    art_state *s = user;
    /* what the open artifact holds waits in its body */
    GString *dst = s->art ? s->body : out;
    if (ce_is(op, "BDC") || ce_is(op, "BMC")) {
        bool tagged = ce_is(op, "BDC") && op->has_mcid;
        if (tagged)
            art_close(s, out);
        else if (!s->tagged_open)
            art_open(s, false); /* untagged marked content: inside the artifact */
        ce_keep(op, s->art ? s->body : out);
        if (s->depth < MAX_NEST)
            s->tagged[s->depth] = tagged;
        s->depth++;
        s->tagged_open += tagged;
        return;
    }
    if (ce_is(op, "EMC")) {
        if (s->art && s->depth <= s->art_depth)
            art_close(s, out);
        ce_keep(op, s->art ? s->body : out);
        if (s->depth > 0) {
            s->depth--;
            if (s->depth < MAX_NEST && s->tagged[s->depth])
                s->tagged_open--;
        }
        return;
    }
    if (ce_is(op, "ET")) {
        if (s->art && s->art_in_text)
            art_close(s, out);
        ce_keep(op, s->art ? s->body : out);
        s->in_text = false;
        /* an artifact opened for this text object ends with it */
        if (s->art && s->art_at_bt && s->depth == s->art_depth && s->q == s->art_q)
            art_close(s, out);
        return;
    }
    if (ce_is(op, "Q")) {
        if (s->art && s->q <= s->art_q)
            art_close(s, out);
        ce_keep(op, s->art ? s->body : out);
        track(s, op);
        if (s->q > 0)
            s->q--;
        return;
    }
    if (!s->tagged_open && paints(op))
        art_open(s, ce_is(op, "BT"));
    dst = s->art ? s->body : out;
    ce_keep(op, dst);
    track(s, op);
    if (ce_is(op, "q"))
        s->q++;
    else if (ce_is(op, "BT"))
        s->in_text = true;
}

void content_mark_artifacts(const unsigned char *buf, size_t len, const finish_bands *bands,
                            GString *out)
{
    art_state s = {.bands = bands, .ctm = {1, 0, 0, 1, 0, 0}, .tlm = {1, 0, 0, 1, 0, 0}};
    s.body = g_string_new(NULL);
    ce_walk(buf, len, policy, &s, out);
    art_close(&s, out);
    g_string_free(s.body, TRUE);
    g_string_append_c(out, '\n');
}
