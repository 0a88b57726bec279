/* test_linebreak.c - the total-fit line breaker on fixed paragraphs with
 * known break points.  Text is described with one unit of width per
 * character: ' ' is a space (stretch 0.5, shrink 0.33 of its width, as
 * layout_text.c gives), '~' a soft hyphen (no width; a break there adds a
 * hyphen of width 1), '/' a character after which an emergency break is
 * allowed, '|' a forced break; every letter may also break (LB_CHAR) when
 * chars is set. */
#include <glib.h>
#include <math.h>

#include "check.h"
#include "pdf/linebreak.h"

typedef struct {
    int n;
    double x[256], stretch[256], shrink[256];
    lb_break brk[256];
    int nbrk;
} para;

static void make_para(para *p, const char *text, bool chars)
{
    int n = (int)strlen(text);
    p->n = n;
    p->nbrk = 0;
    p->x[0] = p->stretch[0] = p->shrink[0] = 0;
    for (int i = 0; i < n; i++) {
        char c = text[i];
        double w = c == '~' || c == '|' ? 0 : 1;
        p->x[i + 1] = p->x[i] + w;
        p->stretch[i + 1] = p->stretch[i] + (c == ' ' ? 0.5 : 0);
        p->shrink[i + 1] = p->shrink[i] + (c == ' ' ? 0.33 : 0);
    }
    for (int i = 1; i <= n; i++) {
        char prev = text[i - 1];
        lb_break b = {i, i, 0, LB_OTHER};
        if (i == n || prev == '|') {
            b.kind = LB_FORCED;
            if (prev == '|')
                b.end = i - 1;
        } else if (prev == ' ' && text[i] != ' ') {
            b.kind = LB_SPACE;
            b.end = i - 1;
        } else if (prev == '~') {
            b.kind = LB_HYPHEN;
            b.extra = 1;
        } else if (prev == '/') {
            b.kind = LB_EMERGENCY;
        } else if (chars && prev != ' ' && text[i] != ' ') {
            b.kind = LB_CHAR;
        } else {
            continue;
        }
        p->brk[p->nbrk++] = b;
    }
}

static int run(const para *p, double width, lb_line **lines)
{
    lb_input in = {.x = p->x, .stretch = p->stretch, .shrink = p->shrink, .brk = p->brk,
                   .nbrk = p->nbrk, .width_first = width, .width_rest = width};
    return linebreak_total_fit(&in, lines);
}

static int run_shaped(const para *p, const double *widths, int nwidths, double rest,
                      lb_line **lines)
{
    lb_input in = {.x = p->x, .stretch = p->stretch, .shrink = p->shrink, .brk = p->brk,
                   .nbrk = p->nbrk, .width_first = rest, .width_rest = rest,
                   .widths = widths, .nwidths = nwidths};
    return linebreak_total_fit(&in, lines);
}

/* Every line fits its own measure of the shape: no wider than it after
 * its spaces shrink fully, and (but for the last) no narrower than it
 * after they stretch to the loosest tolerance. */
static bool shape_fits(const para *p, const lb_line *lines, int n, const double *widths,
                       int nwidths, double rest)
{
    int start = 0;
    for (int i = 0; i < n; i++) {
        const lb_break *b = &p->brk[lines[i].brk];
        double w = i < nwidths ? widths[i] : rest;
        double natural = p->x[b->end] - p->x[start] + b->extra;
        double shrink = p->shrink[b->end] - p->shrink[start];
        double stretch = p->stretch[b->end] - p->stretch[start];
        if (natural - shrink > w + 1e-9)
            return false;
        if (i < n - 1 && natural + 2.5 * stretch < w - 1e-9)
            return false;
        start = b->pos;
    }
    return true;
}

/* The text positions where the lines end, as "a,b,c". */
static char *ends(const para *p, const lb_line *lines, int n)
{
    GString *s = g_string_new(NULL);
    for (int i = 0; i < n; i++)
        g_string_append_printf(s, "%s%d", i ? "," : "", p->brk[lines[i].brk].end);
    return g_string_free(s, FALSE);
}

/* No line is wider than the measure after its spaces shrink fully. */
static bool none_overfull(const para *p, const lb_line *lines, int n, double width)
{
    int start = 0;
    for (int i = 0; i < n; i++) {
        const lb_break *b = &p->brk[lines[i].brk];
        double natural = p->x[b->end] - p->x[start] + b->extra;
        double shrink = p->shrink[b->end] - p->shrink[start];
        if (natural - shrink > width + 1e-9)
            return false;
        start = b->pos;
    }
    return true;
}

int main(void)
{
    para p;
    lb_line *lines = NULL;
    int n;
    char *e;

    make_para(&p, "aaaa bbbb cc", false);
    n = run(&p, 40, &lines);
    CHECK("short paragraph: one line", n == 1);
    CHECK("short paragraph: the last line is not justified", n == 1 && !lines[0].justify);
    g_free(lines);

    /* three words of 4 and two spaces make 14: an exact fit each line */
    make_para(&p, "aaaa bbbb cccc dddd eeee ffff", false);
    n = run(&p, 14, &lines);
    e = ends(&p, lines, n);
    CHECK_STR("exact fit: breaks after the third and sixth word", e, "14,29");
    CHECK("exact fit: first line neither stretched nor shrunk", n == 2 && fabs(lines[0].ratio) < 1e-9);
    CHECK("exact fit: first line justified", n == 2 && lines[0].justify);
    g_free(e);
    g_free(lines);

    /* First fit (as many words as shrink allows) would end line 1 after
     * "ee" (17 shrunk to 16, r = -0.76) and leave "fffff ggggggg" (13 of
     * 16 with one space: r = 6, beyond the tolerance).  Total fit looks
     * ahead: line 1 stretches a little (r = 1.33), line 2 fits exactly.
     * (Found and checked with a brute-force search over all breaks.) */
    make_para(&p, "aaaa bb cc ddd ee fffff ggggggg hhhh", false);
    n = run(&p, 16, &lines);
    e = ends(&p, lines, n);
    CHECK("total fit: no line overfull", none_overfull(&p, lines, n, 16));
    CHECK_STR("total fit: known break points", e, "14,31,36");
    CHECK("total fit: the first line stretched by a third",
          n == 3 && fabs(lines[0].ratio - 4.0 / 3) < 1e-6);
    g_free(e);
    g_free(lines);

    /* only the soft hyphen makes a line that fits */
    make_para(&p, "aaaaaa bbbb~bbbb", false);
    n = run(&p, 12, &lines);
    CHECK("hyphen: two lines", n == 2);
    CHECK("hyphen: the first ends at the soft hyphen",
          n == 2 && p.brk[lines[0].brk].kind == LB_HYPHEN);
    CHECK("hyphen: the hyphen's width is counted, no overfull line",
          none_overfull(&p, lines, n, 12));
    g_free(lines);

    /* a forced break ends a line wherever it is, unjustified */
    make_para(&p, "aa bb|cc dd ee ff gg", false);
    n = run(&p, 30, &lines);
    e = ends(&p, lines, n);
    CHECK_STR("forced break: lines end at it and at the end", e, "5,20");
    CHECK("forced break: that line is not justified", n == 2 && !lines[0].justify);
    g_free(e);
    g_free(lines);

    /* a long URL breaks at its slashes only because nothing else fits */
    make_para(&p, "see aaaaaaa/bbbbbbb/ccccccc", false);
    n = run(&p, 12, &lines);
    CHECK("url: set within the measure", n > 1 && none_overfull(&p, lines, n, 12));
    bool emergency = false;
    for (int i = 0; i < n - 1; i++)
        emergency |= p.brk[lines[i].brk].kind == LB_EMERGENCY;
    CHECK("url: breaks after a slash", emergency);
    g_free(lines);

    /* a word wider than the measure: no solution without character breaks */
    make_para(&p, "aaaaaaaaaaaaaaaaaaaa", false);
    n = run(&p, 8, &lines);
    CHECK("too wide, no char breaks: no lines", n == 0);
    g_free(lines);
    make_para(&p, "aaaaaaaaaaaaaaaaaaaa", true);
    n = run(&p, 8, &lines);
    e = ends(&p, lines, n);
    CHECK_STR("too wide, char breaks: cut at the measure", e, "8,16,20");
    g_free(e);
    g_free(lines);

    /* A paragraph shape (\parshape): three lines of 9 beside an inset,
     * then the full measure of 19.  Words of 4 and one space: two words
     * fit a short line exactly, four a full one. */
    make_para(&p, "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll", false);
    {
        double shape[3] = {9, 9, 9};
        n = run_shaped(&p, shape, 3, 19, &lines);
        e = ends(&p, lines, n);
        CHECK_STR("shape: two words beside the inset, four below it", e, "9,19,29,49,59");
        CHECK("shape: every line within its own measure",
              shape_fits(&p, lines, n, shape, 3, 19));
        CHECK("shape: the short lines are set exactly, not stretched",
              n == 5 && fabs(lines[0].ratio) < 1e-9 && fabs(lines[2].ratio) < 1e-9 &&
                  lines[2].justify);
        g_free(e);
        g_free(lines);
        /* a shape longer than the paragraph: every line short */
        double longer[8] = {9, 9, 9, 9, 9, 9, 9, 9};
        n = run_shaped(&p, longer, 8, 19, &lines);
        CHECK("shape longer than the paragraph: six short lines",
              n == 6 && shape_fits(&p, lines, n, longer, 8, 19));
        g_free(lines);
        /* the narrow lines can be anywhere: full, short, full */
        double middle[3] = {19, 9, 19};
        n = run_shaped(&p, middle, 3, 19, &lines);
        e = ends(&p, lines, n);
        CHECK_STR("shape: a short line between full ones", e, "19,29,49,59");
        g_free(e);
        g_free(lines);
    }
    /* a shape of equal lines is the paragraph without one, on texts that
     * need stretching, shrinking and hyphens */
    {
        const char *texts[] = {"aaaa bb cc ddd ee fffff ggggggg hhhh",
                               "aaaaaa bbbb~bbbb cc ddd~dd e ffff ggg~gg hh",
                               "a bb ccc dddd eeeee ffff ggg hh i jj kkk llll mmm nn o"};
        double widths[] = {16, 12, 11};
        bool same = true;
        for (int t = 0; t < 3; t++) {
            make_para(&p, texts[t], false);
            double shape[4] = {widths[t], widths[t], widths[t], widths[t]};
            lb_line *a = NULL, *b = NULL;
            int na = run(&p, widths[t], &a);
            int nb = run_shaped(&p, shape, 4, widths[t], &b);
            char *ea = ends(&p, a, na), *eb = ends(&p, b, nb);
            same = same && na > 0 && !strcmp(ea, eb);
            g_free(ea);
            g_free(eb);
            g_free(a);
            g_free(b);
        }
        CHECK("shape of equal lines: the same breaks as no shape", same);
    }

    /* no break candidates at all */
    lb_input empty = {.x = p.x, .stretch = p.stretch, .shrink = p.shrink, .brk = p.brk,
                      .nbrk = 0, .width_first = 10, .width_rest = 10};
    CHECK("no candidates: no lines", linebreak_total_fit(&empty, &lines) == 0 && !lines);
    CHECK_DONE();
}
