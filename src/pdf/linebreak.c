/* linebreak.c - total-fit line breaking after Knuth and Plass (1981).
 *
 * Demerits of a line: (line penalty + badness)^2 + penalty^2, where the
 * badness is 100 |r|^3 for the adjustment ratio r of its spaces; more for
 * two hyphenated lines in a row, for a hyphen on the last full line, for
 * lines of very different tightness next to each other (fitness classes),
 * and for a paragraph that ends in a stub.  Three hyphenated lines in a
 * row are not allowed at all.
 *
 * Four passes: the usual breaks with a firm tolerance; then also inside
 * words at / . - (long URLs) with a looser one; then the same with no
 * limit on stretch; then between any two characters as well.  A line never gets narrower than
 * its spaces can shrink: nothing overflows the measure.
 *
 * A paragraph shape gives every line its own measure (lines beside an
 * inset); the breaks are still chosen in one pass over the paragraph.
 *
 * The active list holds, per break, at most one node for each fitness
 * class and hyphen run (and, within a paragraph shape, for each line
 * number, since the lines after it have different measures); nodes whose
 * line would overflow are dropped, and
 * the list is capped (the worst nodes go first), so the work stays linear
 * in the length of the paragraph. */
#include "pdf/linebreak.h"

#include <glib.h>
#include <limits.h>
#include <math.h>

#define LINE_PENALTY 10.0
#define HYPHEN_PENALTY 50.0
#define EMERGENCY_PENALTY 150.0
#define CHAR_PENALTY 400.0
#define DOUBLE_HYPHEN_DEMERITS 3000.0
#define FINAL_HYPHEN_DEMERITS 5000.0
#define ADJ_DEMERITS 3000.0
#define SHORT_LAST_DEMERITS 4000.0
#define SHORT_LAST_FRACTION 0.15
#define MAX_ACTIVE 256
#define NO_STRETCH 1e6
/* With a looseness, a line costs (or, for +1, earns) more than any
 * badness a line within the tolerance can have (100 * 2.5^3), so the
 * count decides first. */
#define LOOSENESS_PENALTY 3000.0

typedef struct {
    int brk;        /* -1: the start of the paragraph */
    int line;       /* lines before this break */
    int fit;        /* fitness class of the line ending here */
    int hrun;       /* hyphenated lines ending here in a row */
    double total;
    int prev;       /* index in the pool, -1 at the start */
    double ratio;
    bool justify;
} lb_node;

static int fitness(double r)
{
    return r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1.0 ? 2 : 3;
}

static bool kind_allowed(lb_kind k, int pass)
{
    if (k == LB_EMERGENCY)
        return pass >= 1;
    if (k == LB_CHAR)
        return pass >= 3;
    return true;
}

static double kind_penalty(lb_kind k)
{
    switch (k) {
    case LB_HYPHEN:
    case LB_EXPLICIT:
        return HYPHEN_PENALTY;
    case LB_EMERGENCY:
        return EMERGENCY_PENALTY;
    case LB_CHAR:
        return CHAR_PENALTY;
    default:
        return 0;
    }
}

/* Would the line need more than its word spaces can give (beyond the
 * loosest tolerance) to reach the measure?  Then it is set ragged. */
#define SPACE_ONLY_TOLERANCE 2.5
static bool needs_letters(const lb_input *in, int from, int to, double short_by)
{
    if (!in->space_stretch || short_by <= 0)
        return false;
    double y = in->space_stretch[to] - in->space_stretch[from];
    return y <= 0 || short_by / y > SPACE_ONLY_TOLERANCE;
}

/* The measure of line (0-based). */
static double line_width(const lb_input *in, int line)
{
    if (in->widths && in->nwidths > 0)
        return line < in->nwidths ? in->widths[line] : in->width_rest;
    return line == 0 ? in->width_first : in->width_rest;
}

/* Nodes ending different lines of a paragraph shape are kept apart: the
 * next line's measure depends on the number.  After the shape (and
 * without one) a node's line number does not matter. */
static int line_class(const lb_input *in, int lines)
{
    int n = in->widths && in->nwidths > 0 ? in->nwidths : 0;
    return lines < n ? lines : n;
}

static int try_pass(const lb_input *in, int pass, lb_line **out)
{
    static const double max_ratio[] = {1.6, 2.5, HUGE_VAL, HUGE_VAL};
    GArray *pool = g_array_new(FALSE, FALSE, sizeof(lb_node));
    GArray *active = g_array_new(FALSE, FALSE, sizeof(int));
    lb_node start = {-1, 0, 1, 0, 0, -1, 0, false};
    g_array_append_val(pool, start);
    int zero = 0;
    g_array_append_val(active, zero);
    int result = 0;
    int nbest = 12 * (line_class(in, INT_MAX) + 1);
    double *best = g_new(double, nbest);
    int *best_prev = g_new(int, nbest);
    double *best_ratio = g_new(double, nbest);
    bool *best_just = g_new(bool, nbest);

    for (int bi = 0; bi < in->nbrk && active->len; bi++) {
        const lb_break *b = &in->brk[bi];
        if (!kind_allowed(b->kind, pass))
            continue;
        bool forced = b->kind == LB_FORCED;
        bool flagged = b->kind == LB_HYPHEN || b->kind == LB_EXPLICIT;
        bool last = bi == in->nbrk - 1;
        /* best new node per fitness class (4) and hyphen run (3), for
         * each line class */
        for (int k = 0; k < nbest; k++)
            best[k] = HUGE_VAL;
        for (guint ai = 0; ai < active->len;) {
            int an = g_array_index(active, int, ai);
            const lb_node *a = &g_array_index(pool, lb_node, an);
            int apos = a->brk < 0 ? 0 : in->brk[a->brk].pos;
            if (b->end <= apos && !forced) {
                ai++;
                continue;
            }
            double w = line_width(in, a->line);
            double natural = in->x[b->end] - in->x[apos];
            double len = natural + b->extra;
            double y = in->stretch[b->end] - in->stretch[apos];
            double z = in->shrink[b->end] - in->shrink[apos];
            double r;
            bool justify = true;
            if (forced && len <= w) {
                r = 0;
                justify = false;
            } else if (len < w) {
                r = y > 0 ? (w - len) / y : NO_STRETCH;
            } else if (len > w) {
                r = z > 0 ? (w - len) / z : -HUGE_VAL;
            } else {
                r = 0;
            }
            /* overfull even without the hyphen: no later break can help */
            bool drop = natural - z > w + 1e-9;
            if (r >= -1 && r <= max_ratio[pass]) {
                double bad = fabs(r) >= NO_STRETCH ? 10000 : 100 * fabs(r * r * r);
                if (bad > 10000)
                    bad = 10000;
                double p = kind_penalty(b->kind);
                double lp = in->looseness < 0 ? LOOSENESS_PENALTY : LINE_PENALTY;
                double d = (lp + bad) * (lp + bad) + p * p;
                if (in->looseness > 0)
                    d -= LOOSENESS_PENALTY * LOOSENESS_PENALTY;
                int hrun = flagged ? a->hrun + 1 : 0;
                bool ok = true;
                if (flagged && a->hrun > 0)
                    d += DOUBLE_HYPHEN_DEMERITS;
                if (hrun >= 3) {
                    if (pass < 3)
                        ok = false;
                    hrun = 2;
                }
                if (last && a->hrun > 0)
                    d += FINAL_HYPHEN_DEMERITS;
                int fit = justify ? fitness(r) : 1;
                if (abs(fit - a->fit) > 1)
                    d += ADJ_DEMERITS;
                if (last && a->line > 0 && natural < SHORT_LAST_FRACTION * w)
                    d += SHORT_LAST_DEMERITS;
                int k = line_class(in, a->line + 1) * 12 + fit * 3 + hrun;
                if (ok && a->total + d < best[k]) {
                    best[k] = a->total + d;
                    best_prev[k] = an;
                    best_ratio[k] = r >= NO_STRETCH ? 0 : r;
                    best_just[k] = justify && r < NO_STRETCH &&
                               !needs_letters(in, apos, b->end, w - len);
                }
            }
            if (drop || forced)
                g_array_remove_index(active, ai);
            else
                ai++;
        }
        for (int k = 0; k < nbest; k++) {
            if (best[k] == HUGE_VAL)
                continue;
            const lb_node *pr = &g_array_index(pool, lb_node, best_prev[k]);
            lb_node n = {bi, pr->line + 1, k % 12 / 3, k % 3, best[k], best_prev[k],
                         best_ratio[k], best_just[k]};
            g_array_append_val(pool, n);
            int ni = (int)pool->len - 1;
            g_array_append_val(active, ni);
        }
        /* the bound on the active list: drop the worst */
        while (active->len > MAX_ACTIVE) {
            guint worst = 0;
            for (guint i = 1; i < active->len; i++)
                if (g_array_index(pool, lb_node, g_array_index(active, int, i)).total >
                    g_array_index(pool, lb_node, g_array_index(active, int, worst)).total)
                    worst = i;
            g_array_remove_index(active, worst);
        }
    }
    /* the best node at the end of the paragraph */
    int bestn = -1;
    for (guint i = 0; i < active->len; i++) {
        int ni = g_array_index(active, int, i);
        const lb_node *n = &g_array_index(pool, lb_node, ni);
        if (n->brk == in->nbrk - 1 &&
            (bestn < 0 || n->total < g_array_index(pool, lb_node, bestn).total))
            bestn = ni;
    }
    if (bestn >= 0) {
        int nlines = g_array_index(pool, lb_node, bestn).line;
        lb_line *lines = g_new(lb_line, nlines);
        for (int ni = bestn, li = nlines - 1; ni > 0 && li >= 0; li--) {
            const lb_node *n = &g_array_index(pool, lb_node, ni);
            lines[li] = (lb_line){n->brk, n->ratio, n->justify};
            ni = n->prev;
        }
        *out = lines;
        result = nlines;
    }
    g_free(best);
    g_free(best_prev);
    g_free(best_ratio);
    g_free(best_just);
    g_array_free(pool, TRUE);
    g_array_free(active, TRUE);
    return result;
}

int linebreak_total_fit(const lb_input *in, lb_line **out)
{
    *out = NULL;
    if (in->nbrk <= 0)
        return 0;
    for (int pass = 0; pass < 4; pass++) {
        int n = try_pass(in, pass, out);
        if (n > 0)
            return n;
    }
    return 0;
}
