/* layout_contents.c - the contents page and the page count (see
 * layout_contents.h). */
#include "pdf/layout_contents.h"

#include <string.h>

#include "pdf/layout_cover.h"
#include "pdf/layout_display.h"
#include "pdf/layout_flow.h"

bool contents_wanted(const style *st)
{
    return st->contents && (!strcmp(st->contents, "page") || !strcmp(st->contents, "both"));
}

bool contents_on_cover(const style *st)
{
    return !st->contents || strcmp(st->contents, "page") != 0;
}

/* The few words this page adds, in the issue's language. */
static const char *word(const char *lang, bool contents)
{
    static const struct { const char *lang, *contents, *notes; } words[] = {
        {"nl", "Inhoud", "Aantekeningen"}, {"de", "Inhalt", "Notizen"},
        {"fr", "Sommaire", "Notes"},       {"en", "Contents", "Notes"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(words); i++)
        if (lang && !g_ascii_strncasecmp(lang, words[i].lang, 2))
            return contents ? words[i].contents : words[i].notes;
    return contents ? "Contents" : "Notes";
}

pdf_page *contents_reserve(pdf_document *doc)
{
    pdf_page *p = doc_add_page(doc);
    p->number = (int)doc->npages;
    g_snprintf(p->label, sizeof p->label, "%d", p->number);
    p->article = -1; /* no article's: no running head */
    return p;
}

/* The entries repeat the articles' titles: like the cover's list, they
 * are lines of role cover under a link to the article (tests count them
 * apart from the reading text). */
static double put(block_builder *bb, pdf_page *page, const char *text, const style_text *ts,
                  double x, double y, double w, PangoAlignment align, const char *tag)
{
    return cover_put_text(bb, page, text, ts, x, y, w, align, tag, ROLE_COVER);
}

static void rule(pdf_page *page, const style *st, double x, double y, double w, style_color c)
{
    box *r = box_list_add(&page->boxes, BOX_RULE);
    r->role = ROLE_DECOR;
    r->x = x;
    r->y = y;
    r->w = w;
    r->line_width = st->rule_width;
    r->color[0] = c.r;
    r->color[1] = c.g;
    r->color[2] = c.b;
}

/* The page number of the opener of the issue's child number a. */
static int opener_number(const pdf_document *doc, int a)
{
    for (size_t i = 0; i < doc->npages; i++)
        if (doc->pages[i].opener && doc->pages[i].article == a)
            return doc->pages[i].number;
    return 0;
}

void contents_layout(block_builder *bb, pdf_document *doc, pdf_page *page, const node *issue)
{
    const style *st = bb->st;
    const char *lang = issue->as.issue.language;
    double x0, w;
    flow_page_frame(st, page->number, 1, &x0, &w);
    double y = st->margin_top, bottom = st->page_height - st->margin_bottom;
    cover_tag_begin(page, "Sect");
    const char *heading = word(lang, true);
    style_text title = display_fit(bb, heading, &st->title, w, issue->pos, "contents heading");
    y = put(bb, page, heading, &title, x0, y, w, PANGO_ALIGN_LEFT, "H1");
    y += st->title.space_after;
    rule(page, st, x0, y, w, st->accent);
    y += st->body.leading;
    cover_tag_begin(page, "L");
    double num_w = st->cover_item.size * 3;
    style_text num = st->cover_item;
    num.color = st->accent;
    num.weight = 900;
    int ai = 0;
    for (const node *a = issue->first; a; a = a->next, ai++) {
        const article_meta *m = &a->as.article;
        double top = y;
        double need = st->cover_item.leading + (m->subtitle ? st->subtitle.leading : 0);
        if (y + need > bottom) {
            diag_error(bb->d, m->listed_at.file ? m->listed_at : a->pos,
                       "the contents page is full: this article and the ones after it do not "
                       "fit on it");
            break;
        }
        cover_entry_begin(bb, page, opener_number(doc, ai), &num, x0, y, num_w);
        double yy = put(bb, page, m->rubric, &st->rubric, x0 + num_w, y, w - num_w,
                        PANGO_ALIGN_LEFT, "P");
        yy = put(bb, page, m->title, &st->cover_item, x0 + num_w, yy, w - num_w,
                 PANGO_ALIGN_LEFT, "P");
        yy = put(bb, page, m->subtitle, &st->subtitle, x0 + num_w, yy, w - num_w,
                 PANGO_ALIGN_LEFT, "P");
        cover_entry_end(page, a, x0, top, w, yy);
        y = yy + st->body.leading * 0.5;
        rule(page, st, x0, y - st->body.leading * 0.25, w, st->rule_color);
        y += st->body.leading * 0.25;
    }
    box_list_add(&page->boxes, BOX_TAG_END); /* L */
    box_list_add(&page->boxes, BOX_TAG_END); /* Sect */
}

/* A notes page: a heading and ruled lines to write on. */
static void house_page(block_builder *bb, pdf_document *doc, const node *issue)
{
    const style *st = bb->st;
    pdf_page *p = contents_reserve(doc);
    double x0, w;
    flow_page_frame(st, p->number, 1, &x0, &w);
    /* a house page, not content: its heading is drawn as an artifact */
    double y = cover_put_text(bb, p, word(issue->as.issue.language, false), &st->heading[0], x0,
                              st->margin_top, w, PANGO_ALIGN_LEFT, NULL, ROLE_FURNITURE);
    y += st->body.leading * 2;
    for (; y < st->page_height - st->margin_bottom; y += st->body.leading * 2)
        rule(p, st, x0, y, w, st->rule_color);
}

void issue_page_multiple(block_builder *bb, pdf_document *doc, const node *issue)
{
    const style *st = bb->st;
    int k = st->page_multiple > 0 ? st->page_multiple : 1;
    int missing = (k - (int)doc->npages % k) % k;
    if (!missing)
        return;
    if (st->page_pad && !strcmp(st->page_pad, "pad")) {
        for (int i = 0; i < missing; i++)
            house_page(bb, doc, issue);
        return;
    }
    /* warn: in the fit report, beside the lines to cut or add, rather than
     * as a diagnostic (a proof or a test issue of three pages is no fault
     * of the text) */
    if (!doc->fit_report)
        doc->fit_report = g_string_new(NULL);
    g_string_append_printf(doc->fit_report,
                           "%-24s %zu pages, not a multiple of %d: a printer needs %d more "
                           "(add text, or set [issue] page-pad = pad for notes pages)\n",
                           "(issue)", doc->npages, k, missing);
}
