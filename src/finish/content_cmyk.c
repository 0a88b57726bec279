/* content_cmyk.c - DeviceRGB and DeviceGray colour operators to
 * DeviceCMYK, with overprint for 100 K.
 *
 * The graphics state is saved and restored by q/Q, so the colour spaces
 * and the overprint state in effect are kept on a stack of the same
 * depth. */
#include "finish/content_policies.h"

#include "finish/content_edit.h"

#define MAX_Q 64

typedef struct {
    bool fill_rgb, stroke_rgb;   /* the current cs/CS is DeviceRGB (now CMYK) */
    bool fill_k, stroke_k;       /* the current colour is 100 K alone */
    bool op_fill, op_stroke;     /* the overprint state written last */
} gstate;

typedef struct {
    press_palette *pal;
    gstate st[MAX_Q];
    int q;
    int beyond;          /* q nesting past MAX_Q (states not tracked) */
    bool *used;
} cmyk_state;

static void put_cmyk(GString *out, const double c[4], const char *op)
{
    g_string_append_c(out, '\n');
    for (int i = 0; i < 4; i++) {
        char num[G_ASCII_DTOSTR_BUF_SIZE];
        g_ascii_formatd(num, sizeof num, "%.4g", c[i]);
        g_string_append(out, num);
        g_string_append_c(out, ' ');
    }
    g_string_append(out, op);
    g_string_append_c(out, '\n');
}

/* After a colour change: the overprint state that goes with it. */
static void sync_overprint(cmyk_state *s, GString *out)
{
    gstate *g = &s->st[s->q];
    if (g->fill_k == g->op_fill && g->stroke_k == g->op_stroke)
        return;
    g->op_fill = g->fill_k;
    g->op_stroke = g->stroke_k;
    int i = g->op_fill * 2 + g->op_stroke;
    s->used[i] = true;
    g_string_append_printf(out, "/FolioOP%d%d gs\n", g->op_fill, g->op_stroke);
}

/* rgb (3 numbers) -> cmyk written with op; records whether it is 100 K */
static void rgb_op(cmyk_state *s, const double rgb[3], bool fill, const char *op, GString *out)
{
    double c[4];
    bool k = press_palette_cmyk(s->pal, rgb, c);
    put_cmyk(out, c, op);
    if (fill)
        s->st[s->q].fill_k = k;
    else
        s->st[s->q].stroke_k = k;
    sync_overprint(s, out);
}

static void policy(const ce_op *op, GString *out, void *user)
{
    cmyk_state *s = user;
    gstate *g = &s->st[s->q];
    bool fill;
    if ((fill = ce_is(op, "rg")) || ce_is(op, "RG")) {
        if (ce_all_numbers(op, 3)) {
            double rgb[3] = {ce_num(op, 0), ce_num(op, 1), ce_num(op, 2)};
            rgb_op(s, rgb, fill, fill ? "k" : "K", out);
            return;
        }
    } else if ((fill = ce_is(op, "g")) || ce_is(op, "G")) {
        if (ce_all_numbers(op, 1)) {
            double v = ce_num(op, 0), rgb[3] = {v, v, v};
            rgb_op(s, rgb, fill, fill ? "k" : "K", out);
            return;
        }
    } else if ((fill = ce_is(op, "k")) || ce_is(op, "K")) {
        if (ce_all_numbers(op, 4)) {
            bool k = ce_num(op, 0) == 0 && ce_num(op, 1) == 0 && ce_num(op, 2) == 0 &&
                     ce_num(op, 3) == 1;
            ce_keep(op, out);
            if (fill)
                g->fill_k = k;
            else
                g->stroke_k = k;
            sync_overprint(s, out);
            return;
        }
    } else if ((fill = ce_is(op, "cs")) || ce_is(op, "CS")) {
        bool rgb = op->noperands == 1 && ct_is_name(op->r, op->operands[0], "DeviceRGB");
        bool gray = op->noperands == 1 && ct_is_name(op->r, op->operands[0], "DeviceGray");
        if (fill)
            g->fill_rgb = rgb || gray;
        else
            g->stroke_rgb = rgb || gray;
        if (fill)
            g->fill_k = false;
        else
            g->stroke_k = false;
        if (rgb || gray) {
            g_string_append_printf(out, "\n/DeviceCMYK %s\n", fill ? "cs" : "CS");
            sync_overprint(s, out);
            return;
        }
        ce_keep(op, out);
        sync_overprint(s, out);
        return;
    } else if ((fill = (ce_is(op, "sc") || ce_is(op, "scn"))) || ce_is(op, "SC") ||
               ce_is(op, "SCN")) {
        if ((fill ? g->fill_rgb : g->stroke_rgb) && (ce_all_numbers(op, 3) || ce_all_numbers(op, 1))) {
            double rgb[3];
            for (int i = 0; i < 3; i++)
                rgb[i] = ce_num(op, op->noperands == 3 ? i : 0);
            rgb_op(s, rgb, fill, fill ? "sc" : "SC", out);
            return;
        }
    } else if (ce_is(op, "q")) {
        ce_keep(op, out);
        if (s->q + 1 < MAX_Q) {
            s->st[s->q + 1] = s->st[s->q];
            s->q++;
        } else {
            s->beyond++;
        }
        return;
    } else if (ce_is(op, "Q")) {
        ce_keep(op, out);
        if (s->beyond > 0)
            s->beyond--;
        else if (s->q > 0)
            s->q--;
        return;
    }
    ce_keep(op, out);
}

void content_to_cmyk(const unsigned char *buf, size_t len, press_palette *pal, GString *out,
                     bool used_gs[4])
{
    cmyk_state s = {.pal = pal, .used = used_gs};
    ce_walk(buf, len, policy, &s, out);
    g_string_append_c(out, '\n');
}
