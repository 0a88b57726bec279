/* layout_cover.c - the cover page.
 *
 * The masthead fills the measure at the top; the cover list sits in the
 * lower part of the page, each entry a link to its article's opener.  The
 * cover carries no running head and no folio (its label is ""). */
#include "pdf/layout_cover.h"

#include <string.h>

#include "pdf/layout_contents.h"
#include "pdf/layout_display.h"
#include "pdf/layout_flow.h"
#include "words.h"

/* The 0-based index of the opener of the issue's child number a. */
static int opener_page(const pdf_document *doc, int a)
{
    for (size_t i = 0; i < doc->npages; i++)
        if (doc->pages[i].opener && doc->pages[i].article == a)
            return (int)i;
    return -1;
}

double cover_put_text(block_builder *bb, pdf_page *page, const char *text,
                      const style_text *ts, double x, double y, double w, PangoAlignment align,
                      const char *tag, box_role role)
{
    style_text flush = *ts;
    flow_block *b = NULL;
    /* A word wider than the cover (a long title in the masthead's size)
     * is set smaller until it fits whole, never cut in two. */
    for (int tries = 0; tries < 12; tries++) {
        flow_block_free(b);
        b = blocks_plain(bb, text, &flush, w, align, role, tag);
        if (!b || !flow_block_breaks_inside_word(b))
            break;
        flush.size *= 0.85;
        flush.leading *= 0.85;
    }
    for (size_t i = 0; b && i < b->nrows; i++) {
        for (size_t j = 0; j < b->rows[i].boxes.count; j++)
            flow_copy_box(page, &b->rows[i].boxes.items[j], x, y, -1);
        y += b->rows[i].height;
    }
    flow_block_free(b);
    return y;
}

static double put_text(block_builder *bb, pdf_page *page, const char *text, const style_text *ts,
                       double x, double y, double w, PangoAlignment align, const char *tag)
{
    return cover_put_text(bb, page, text, ts, x, y, w, align, tag, ROLE_COVER);
}

/* The height put_text would take. */
static double text_height(block_builder *bb, const char *text, const style_text *ts, double w)
{
    flow_block *b = blocks_plain(bb, text, ts, w, PANGO_ALIGN_LEFT, ROLE_COVER, NULL);
    double h = b ? flow_block_height(b) : 0;
    flow_block_free(b);
    return h;
}

void cover_entry_end(pdf_page *page, const node *a, double x, double top, double w,
                     double bottom)
{
    if (a) {
        box *l = box_list_add(&page->boxes, BOX_LINK);
        l->x = x;
        l->y = top;
        l->w = w;
        l->h = bottom - top;
        l->text = g_strdup_printf("art-%s", a->as.article.slug);
    }
    box_list_add(&page->boxes, BOX_TAG_END); /* LBody */
    box_list_add(&page->boxes, BOX_TAG_END); /* LI */
}

static void put_rule(pdf_page *page, const style *st, double x, double y, double w, double width,
                     style_color c)
{
    box *r = box_list_add(&page->boxes, BOX_RULE);
    r->role = ROLE_DECOR;
    r->x = x;
    r->y = y;
    r->w = w;
    r->line_width = width;
    r->color[0] = c.r;
    r->color[1] = c.g;
    r->color[2] = c.b;
}

void cover_layout(block_builder *bb, pdf_document *doc, pdf_page *page, const node *issue)
{
    const style *st = bb->st;
    const issue_meta *im = &issue->as.issue;
    double x0, colw;
    flow_page_frame(st, 1, 1, &x0, &colw);
    double w = colw, y = st->margin_top;

    box *t = box_list_add(&page->boxes, BOX_TAG_BEGIN);
    t->text = g_strdup("Sect");
    t->attrs = g_strdup("");
    /* a band of accent above the masthead, bleeding off the top edge */
    box *band = box_list_add(&page->boxes, BOX_RECT);
    band->role = ROLE_DECOR;
    band->x = 0;
    band->y = 0;
    band->w = st->page_width;
    band->h = st->margin_top * 0.6;
    band->color[0] = st->accent.r;
    band->color[1] = st->accent.g;
    band->color[2] = st->accent.b;

    style_text masthead = display_fit(bb, im->title, &st->masthead, w, issue->pos, "masthead");
    y = put_text(bb, page, im->title, &masthead, x0, y, w, PANGO_ALIGN_LEFT, "H1");
    y = put_text(bb, page, im->subtitle, &st->subtitle, x0, y, w, PANGO_ALIGN_LEFT, "P");
    y += st->body.leading * 0.5;
    put_rule(page, st, x0, y, w, st->rule_width * 3, st->accent);
    y += st->body.leading;
    GString *line = g_string_new(NULL);
    if (im->number)
        g_string_append_printf(line, "%s %s \xC2\xB7 ", words_get(im->language, WORD_NUMBER),
                               im->number);
    g_string_append(line, im->date ? im->date : "");
    double y_after = put_text(bb, page, line->str, &st->cover_item, x0, y, w / 2, PANGO_ALIGN_LEFT, "P");
    put_text(bb, page, im->publisher, &st->cover_item, x0 + w / 2, y, w / 2, PANGO_ALIGN_RIGHT, "P");
    g_string_free(line, TRUE);
    y = y_after;

    /* the cover list: in the lower half, one entry per cover article
     * (none when the style lists the contents on a page of their own) */
    int n = 0;
    for (const node *a = issue->first; a; a = a->next)
        n += a->as.article.cover && contents_on_cover(st);
    double entry_h = st->cover_item.leading * 2 + st->subtitle.leading * 2 + st->body.leading;
    double list_y = st->page_height - st->margin_bottom - n * entry_h;
    if (list_y < y + st->body.leading * 2)
        list_y = y + st->body.leading * 2;
    /* the list sits on a tinted panel that bleeds off the foot of the page */
    box *panel = box_list_add(&page->boxes, BOX_RECT);
    panel->role = ROLE_DECOR;
    panel->x = 0;
    panel->y = list_y - st->body.leading * 2;
    panel->w = st->page_width;
    panel->h = st->page_height - panel->y;
    panel->color[0] = st->sidebar_tint.r;
    panel->color[1] = st->sidebar_tint.g;
    panel->color[2] = st->sidebar_tint.b;
    y = list_y;
    t = box_list_add(&page->boxes, BOX_TAG_BEGIN);
    t->text = g_strdup("L");
    t->attrs = g_strdup("");
    double num_w = st->cover_item.size * 3;
    double bottom = st->page_height - st->margin_bottom;
    int placed = 0;
    int ai = 0;
    for (const node *a = issue->first; a; a = a->next, ai++) {
        const article_meta *m = &a->as.article;
        if (!m->cover || !contents_on_cover(st))
            continue;
        /* An entry that would run past the foot of the page is an error:
         * the list is never cut off silently. */
        double need = st->body.leading * 0.5 +
                      text_height(bb, m->title, &st->cover_item, w - num_w) +
                      text_height(bb, m->subtitle, &st->subtitle, w - num_w);
        if (y + need > bottom) {
            diag_error(bb->d, m->listed_at.file ? m->listed_at : a->pos,
                       "the cover list does not fit: %d of the %d articles with `cover: true` "
                       "fit on the cover; take `cover: true` off %d of them (FORMAT.md, "
                       "Cover list)", placed, n, n - placed);
            break;
        }
        placed++;
        int pi = opener_page(doc, ai);
        double top = y;
        put_rule(page, st, x0, y, w, st->rule_width, st->accent);
        y += st->body.leading * 0.5;
        t = box_list_add(&page->boxes, BOX_TAG_BEGIN);
        t->text = g_strdup("LI");
        t->attrs = g_strdup("");
        char num[16];
        g_snprintf(num, sizeof num, "%d", pi >= 0 ? doc->pages[pi].number : 0);
        t = box_list_add(&page->boxes, BOX_TAG_BEGIN);
        t->text = g_strdup("Lbl");
        t->attrs = g_strdup("");
        style_text num_style = st->cover_item;
        num_style.color = st->accent;
        num_style.weight = 900;
        put_text(bb, page, num, &num_style, x0, y, num_w, PANGO_ALIGN_LEFT, NULL);
        box_list_add(&page->boxes, BOX_TAG_END);
        t = box_list_add(&page->boxes, BOX_TAG_BEGIN);
        t->text = g_strdup("LBody");
        t->attrs = g_strdup("");
        double yy = put_text(bb, page, m->title, &st->cover_item, x0 + num_w, y, w - num_w,
                             PANGO_ALIGN_LEFT, "P");
        yy = put_text(bb, page, m->subtitle, &st->subtitle, x0 + num_w, yy, w - num_w,
                      PANGO_ALIGN_LEFT, "P");
        cover_entry_end(page, pi >= 0 ? a : NULL, x0, top, w, yy);
        y = yy + st->body.leading * 0.5;
    }
    box_list_add(&page->boxes, BOX_TAG_END); /* L */
    box_list_add(&page->boxes, BOX_TAG_END); /* Sect */
}
