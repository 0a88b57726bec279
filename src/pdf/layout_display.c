/* layout_display.c - display type shrinks to fit (see layout_display.h). */
#include "pdf/layout_display.h"

#include <string.h>

/* The natural width of one word set in ts, on one line. */
static double word_width(block_builder *bb, const char *word, const style_text *ts)
{
    rich_text rt;
    rich_text_init(&rt);
    text_env plain = bb->env;
    plain.hyph = NULL;
    rich_append_plain(&rt, word, ts, &plain);
    para_lines *p = layout_break_paragraph(bb->ctx, &rt, ts, 0, 0, PANGO_ALIGN_LEFT);
    PangoRectangle log;
    pango_layout_get_extents(p->layout, NULL, &log);
    para_lines_free(p);
    rich_text_clear(&rt);
    return log.width / (double)PANGO_SCALE;
}

style_text display_fit(block_builder *bb, const char *text, const style_text *ts, double w,
                       src_pos pos, const char *what)
{
    style_text out = *ts;
    out.hyphenate = false;
    if (!text || w <= 0)
        return out;
    double widest = 0;
    char **words = g_strsplit_set(text, " \t\n", -1);
    for (int i = 0; words[i]; i++)
        if (words[i][0]) {
            double ww = word_width(bb, words[i], ts);
            if (ww > widest)
                widest = ww;
        }
    g_strfreev(words);
    if (widest <= w)
        return out;
    double min = bb->st->display_min_scale;
    double scale = w / widest * 0.995; /* a hair under: kerning across the edge */
    if (scale < min) {
        diag_warning(bb->d, pos,
                     "the %s \"%s\" has a word too long for the measure even at %.1f pt "
                     "(%.0f%% of %.1f pt, [typography] display-min-scale): shorten it",
                     what, text, ts->size * min, min * 100, ts->size);
        scale = min;
    }
    out.size = ts->size * scale;
    out.leading = ts->leading * scale;
    return out;
}
