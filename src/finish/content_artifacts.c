/* content_artifacts.c - untagged content becomes /Artifact.
 *
 * Marked content with an /MCID belongs to the structure tree.  Marked
 * content without one (cairo's /Span << /ActualText >> for ligatures and
 * capitals) is not structure: inside tagged content it is part of it,
 * outside it is wrapped like everything else.  The artifact is closed
 * before anything that cannot be inside it: a tagged sequence (BDC with
 * /MCID), the end of the text object or graphics state it was opened in,
 * or the end of the stream; sequences stay properly nested. */
#include "finish/content_policies.h"

#include "finish/content_edit.h"

#define MAX_NEST 256

typedef struct {
    bool tagged[MAX_NEST];  /* each open marked-content sequence: has an MCID */
    int depth;              /* open sequences (those beyond MAX_NEST count as untagged) */
    int tagged_open;        /* how many of them are tagged */
    bool in_text;           /* between BT and ET */
    int q;                  /* q nesting */
    bool art;               /* our /Artifact is open */
    int art_depth, art_q;   /* depth and q nesting where it was opened */
    bool art_in_text;
} art_state;

static void art_close(art_state *s, GString *out)
{
    if (s->art) {
        g_string_append(out, "\nEMC\n");
        s->art = false;
    }
}

static void art_open(art_state *s, GString *out)
{
    if (s->art || s->tagged_open)
        return;
    g_string_append(out, "\n/Artifact BMC\n");
    s->art = true;
    s->art_depth = s->depth;
    s->art_q = s->q;
    s->art_in_text = s->in_text;
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

static void policy(const ce_op *op, GString *out, void *user)
{
    art_state *s = user;
    if (ce_is(op, "BDC") || ce_is(op, "BMC")) {
        bool tagged = ce_is(op, "BDC") && op->has_mcid;
        if (tagged)
            art_close(s, out);
        else if (!s->tagged_open)
            art_open(s, out); /* untagged marked content: inside the artifact */
        ce_keep(op, out);
        if (s->depth < MAX_NEST)
            s->tagged[s->depth] = tagged;
        s->depth++;
        s->tagged_open += tagged;
        return;
    }
    if (ce_is(op, "EMC")) {
        if (s->art && s->depth <= s->art_depth)
            art_close(s, out);
        ce_keep(op, out);
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
        ce_keep(op, out);
        s->in_text = false;
        return;
    }
    if (ce_is(op, "Q")) {
        if (s->art && s->q <= s->art_q)
            art_close(s, out);
        ce_keep(op, out);
        if (s->q > 0)
            s->q--;
        return;
    }
    if (!s->tagged_open && paints(op))
        art_open(s, out);
    ce_keep(op, out);
    if (ce_is(op, "q"))
        s->q++;
    else if (ce_is(op, "BT"))
        s->in_text = true;
}

void content_mark_artifacts(const unsigned char *buf, size_t len, GString *out)
{
    art_state s = {0};
    ce_walk(buf, len, policy, &s, out);
    art_close(&s, out);
    g_string_append_c(out, '\n');
}
