/* test_byline_place.c - bylines go where the style or the front matter
 * says: opener, end or inline; a portrait moves with its byline. */
#include <glib.h>
#include <string.h>

#include "byline_place.h"
#include "check.h"
#include "reader.h"

/* The article's top-level blocks as a string of letters: P paragraph,
 * B byline, F figure, N note definition. */
static char *shape(const char *md, const style *st)
{
    diag_list d;
    diag_list_init(&d);
    node *issue = node_new(NODE_ISSUE, (src_pos){"t", 1, 1});
    node *a = reader_read_article("t.md", md, strlen(md), &d);
    node_append(issue, a);
    bylines_place(issue, st);
    GString *s = g_string_new(NULL);
    for (node *k = a->first; k; k = k->next)
        g_string_append_c(s, k->type == NODE_PARAGRAPH     ? 'P'
                             : k->type == NODE_BYLINE      ? 'B'
                             : k->type == NODE_FIGURE      ? 'F'
                             : k->type == NODE_FOOTNOTE_DEF ? 'N'
                                                           : '?');
    tree_free(issue);
    diag_list_free(&d);
    return g_string_free(s, FALSE);
}

#define BODY "One.[^n]\n\n![Portrait](p.png \"Anna\")\n\n::: byline\nAnna\nEditor\n:::\n\n" \
             "Two.\n\nThree.\n\n[^n]: A note.\n"

int main(void)
{
    style *st = style_new_default();
    char *s;
    g_free(st->byline_place);
    st->byline_place = g_strdup("end");
    s = shape("---\ntitle: T\n---\n" BODY, st);
    CHECK_STR("end: byline and portrait after the text, before the notes", s, "PPPFBN");
    g_free(s);
    g_free(st->byline_place);
    st->byline_place = g_strdup("opener");
    s = shape("---\ntitle: T\n---\n" BODY, st);
    CHECK_STR("opener: byline and portrait first", s, "FBPPPN");
    g_free(s);
    g_free(st->byline_place);
    st->byline_place = g_strdup("inline");
    s = shape("---\ntitle: T\n---\n" BODY, st);
    CHECK_STR("inline: where the source has it", s, "PFBPPN");
    g_free(s);
    st->byline_place_type[ARTICLE_INTERVIEW] = g_strdup("end");
    s = shape("---\ntitle: T\ntype: interview\n---\n" BODY, st);
    CHECK_STR("[byline.interview] place = end", s, "PPPFBN");
    g_free(s);
    s = shape("---\ntitle: T\ntype: interview\nbyline-place: opener\n---\n" BODY, st);
    CHECK_STR("front matter byline-place overrides the style", s, "FBPPPN");
    g_free(s);
    style_free(st);
    CHECK_DONE();
}
