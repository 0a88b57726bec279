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
#include "pdf/layout_picture.h"
#include "words.h"

#include <math.h>

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

void cover_tag_begin(pdf_page *page, const char *name)
{
    box *t = box_list_add(&page->boxes, BOX_TAG_BEGIN);
    t->text = g_strdup(name);
    t->attrs = g_strdup("");
}

void cover_entry_begin(block_builder *bb, pdf_page *page, int number, const style_text *num,
                       double x, double y, double num_w)
{
    cover_tag_begin(page, "LI");
    char n[16];
    g_snprintf(n, sizeof n, "%d", number);
    cover_tag_begin(page, "Lbl");
    cover_put_text(bb, page, n, num, x, y, num_w, PANGO_ALIGN_LEFT, NULL, ROLE_COVER);
    box_list_add(&page->boxes, BOX_TAG_END);
    cover_tag_begin(page, "LBody");
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

/* A decoration (rule or rectangle) in colour c. */
static box *put_decor(pdf_page *page, box_kind kind, double x, double y, double w, double h,
                      style_color c)
{
    box *r = box_list_add(&page->boxes, kind);
    r->role = ROLE_DECOR;
    r->x = x;
    r->y = y;
    r->w = w;
    r->h = h;
    r->color[0] = c.r;
    r->color[1] = c.g;
    r->color[2] = c.b;
    return r;
}

static void put_rule(pdf_page *page, const style *st, double x, double y, double w, double width,
                     style_color c)
{
    put_decor(page, BOX_RULE, x, y, w, 0, c)->line_width = width;
}

/* A rectangle: opaque in the colour c, or, with fade, a scrim that goes
 * from opacity fade_top to fade_bottom. */
static void put_rect(pdf_page *page, double x, double y, double w, double h, style_color c,
                     double fade_top, double fade_bottom)
{
    box *r = put_decor(page, BOX_RECT, x, y, w, h, c);
    r->fade[0] = fade_top;
    r->fade[1] = fade_bottom;
}


/* How the cover list is set: the sizes of its titles, whether leads are
 * shown, and the colours over a photo. */
typedef struct {
    style_text title, number, subtitle, lead;
    bool leads;
    style_color rule;
} cover_list_look;

/* Sets the first max entries of the list at y; returns the y below it.
 * gap is the extra space between entries. */
static double put_list_n(block_builder *bb, pdf_document *doc, pdf_page *page, const node *issue,
                         const cover_list_look *lk, double x0, double w, double y, double gap,
                         int max)
{
    const style *st = bb->st;
    double num_w = lk->number.size * 2.4;
    cover_tag_begin(page, "L");
    int ai = 0;
    for (const node *a = issue->first; a; a = a->next, ai++) {
        const article_meta *m = &a->as.article;
        if (!m->cover || !contents_on_cover(st))
            continue;
        if (max-- <= 0)
            break;
        int pi = opener_page(doc, ai);
        double top = y;
        put_rule(page, st, x0, y, w, st->rule_width, lk->rule);
        y += st->body.leading * 0.5;
        cover_entry_begin(bb, page, pi >= 0 ? doc->pages[pi].number : 0, &lk->number, x0, y,
                          num_w);
        double yy = put_text(bb, page, m->title, &lk->title, x0 + num_w, y, w - num_w,
                             PANGO_ALIGN_LEFT, "P");
        yy = put_text(bb, page, m->subtitle, &lk->subtitle, x0 + num_w, yy, w - num_w,
                      PANGO_ALIGN_LEFT, "P");
        if (lk->leads && m->lead) {
            char *lead = tree_plain_text(m->lead);
            yy = put_text(bb, page, lead, &lk->lead, x0 + num_w, yy + st->body.leading * 0.3,
                          w - num_w, PANGO_ALIGN_LEFT, "P");
            g_free(lead);
        }
        cover_entry_end(page, pi >= 0 ? a : NULL, x0, top, w, yy);
        y = yy + st->body.leading * 0.5 + gap;
    }
    box_list_add(&page->boxes, BOX_TAG_END); /* L */
    return y - gap;
}

static double put_list(block_builder *bb, pdf_document *doc, pdf_page *page, const node *issue,
                       const cover_list_look *lk, double x0, double w, double y, double gap)
{
    return put_list_n(bb, doc, page, issue, lk, x0, w, y, gap, G_MAXINT);
}

/* A list that does not fit even at its plainest is an error at the entry
 * (in issue.yaml) of the first article that does not fit: never cut off
 * silently. */
static void report_overflow(block_builder *bb, pdf_document *doc, const node *issue,
                            const cover_list_look *lk, double w, double avail, int n)
{
    int placed = 0;
    for (const node *a = issue->first; a; a = a->next) {
        if (!a->as.article.cover)
            continue;
        /* the list with the first placed + 1 entries */
        node *stop = a->next;
        pdf_page scratch;
        memset(&scratch, 0, sizeof scratch);
        double h = 0;
        int k = 0;
        for (const node *b = issue->first; b != stop; b = b->next)
            k += b->as.article.cover;
        h = put_list_n(bb, doc, &scratch, issue, lk, 0, w, 0, 0, k);
        box_list_free(&scratch.boxes);
        if (h > avail) {
            const article_meta *m = &a->as.article;
            diag_error(bb->d, m->listed_at.file ? m->listed_at : a->pos,
                       "the cover list does not fit: %d of the %d articles with `cover: true` "
                       "fit on the cover; take `cover: true` off %d of them (FORMAT.md, "
                       "Cover list)", placed, n, n - placed);
            return;
        }
        placed++;
    }
}

static double list_height(block_builder *bb, pdf_document *doc, const node *issue,
                          const cover_list_look *lk, double w)
{
    pdf_page scratch;
    memset(&scratch, 0, sizeof scratch);
    double h = put_list(bb, doc, &scratch, issue, lk, 0, w, 0, 0);
    box_list_free(&scratch.boxes);
    return h;
}

static cover_list_look list_look(const style *st, double scale, bool leads, bool on_photo)
{
    cover_list_look lk;
    lk.title = st->cover_item;
    lk.title.size *= scale;
    lk.title.leading *= scale;
    lk.number = lk.title;
    lk.number.color = st->accent;
    lk.number.weight = 900;
    lk.subtitle = st->subtitle;
    lk.lead = st->sidebar;
    lk.lead.hyphenate = false;
    lk.leads = leads;
    lk.rule = st->accent;
    if (on_photo) {
        style_color white = {1, 1, 1, {0, 0, 0, 0}, true, 0};
        lk.title.color = lk.number.color = lk.subtitle.color = lk.lead.color = white;
        lk.rule = white;
    }
    return lk;
}

void cover_layout(block_builder *bb, pdf_document *doc, pdf_page *page, const node *issue)
{
    const style *st = bb->st;
    const issue_meta *im = &issue->as.issue;
    double x0, colw;
    flow_page_frame(st, 1, 1, &x0, &colw);
    double w = colw, y = st->margin_top;
    double pw = st->page_width, ph = st->page_height;
    style_color white = {1, 1, 1, {0, 0, 0, 0}, true, 0}, black = {0, 0, 0, {0, 0, 0, 1}, true, 0};

    cover_tag_begin(page, "Sect");
    /* the cover photo fills the page to the trim edge */
    const node *photo = im->cover_image;
    picture_info pi;
    char *path = NULL;
    bool has_photo = photo && layout_picture_probe(bb, photo, &pi, &path);
    bool scrim = has_photo && !strcmp(st->cover_backing, "scrim");
    if (has_photo) {
        layout_picture_check_ppi(bb, photo, &pi, fmax(pw, ph * pi.width / pi.height),
                                 fmax(ph, pw * pi.height / pi.width));
        if (!photo->as.image.decorative)
            cover_tag_begin(page, "Figure");
        box *b = layout_picture_box(bb, &page->boxes, photo, path, 0, 0, 1, 1, -1);
        layout_picture_fill(b, photo, &pi, 0, 0, pw, ph);
        if (!photo->as.image.decorative)
            box_list_add(&page->boxes, BOX_TAG_END);
        g_free(path);
    } else {
        /* a band of accent above the masthead, bleeding off the top edge */
        put_rect(page, 0, 0, pw, st->margin_top * 0.6, st->accent, 0, 0);
    }

    /* the masthead block: measured first, for its backing on a photo */
    style_text mast = display_fit(bb, im->title, &st->masthead, w, issue->pos, "masthead");
    style_text sub = st->subtitle, item = st->cover_item;
    if (scrim)
        mast.color = sub.color = item.color = white;
    GString *line = g_string_new(NULL);
    if (im->number)
        g_string_append_printf(line, "%s %s \xC2\xB7 ", words_get(im->language, WORD_NUMBER),
                               im->number);
    g_string_append(line, im->date ? im->date : "");
    if (has_photo) {
        pdf_page scratch;
        memset(&scratch, 0, sizeof scratch);
        double h = put_text(bb, &scratch, im->title, &mast, 0, 0, w, PANGO_ALIGN_LEFT, NULL);
        h = put_text(bb, &scratch, im->subtitle, &sub, 0, h, w, PANGO_ALIGN_LEFT, NULL);
        h += st->body.leading * 1.5 + item.leading;
        box_list_free(&scratch.boxes);
        if (scrim)
            put_rect(page, 0, 0, pw, y + h + st->body.leading * 3, black, 0.55, 0);
        else
            put_rect(page, x0 - st->body.leading, y - st->body.leading, w + 2 * st->body.leading,
                     h + 2 * st->body.leading, white, 0, 0);
    }
    y = put_text(bb, page, im->title, &mast, x0, y, w, PANGO_ALIGN_LEFT, "H1");
    y = put_text(bb, page, im->subtitle, &sub, x0, y, w, PANGO_ALIGN_LEFT, "P");
    y += st->body.leading * 0.5;
    put_rule(page, st, x0, y, w, st->rule_width * 3, scrim ? white : st->accent);
    y += st->body.leading;
    double y_after = put_text(bb, page, line->str, &item, x0, y, w / 2, PANGO_ALIGN_LEFT, "P");
    put_text(bb, page, im->publisher, &item, x0 + w / 2, y, w / 2, PANGO_ALIGN_RIGHT, "P");
    g_string_free(line, TRUE);
    y = y_after;

    int n = 0;
    for (const node *a = issue->first; a; a = a->next)
        n += a->as.article.cover && contents_on_cover(st);
    double bottom = ph - st->margin_bottom;
    if (has_photo) {
        /* the cover lines at the foot, over the photo's backing */
        cover_list_look lk = list_look(st, 1.0, false, scrim);
        double h = n ? list_height(bb, doc, issue, &lk, w) : 0;
        double top = bottom - h;
        if (top < y + st->body.leading * 2)
            top = y + st->body.leading * 2;
        if (n) {
            if (scrim)
                put_rect(page, 0, top - st->body.leading * 6, pw, ph - top + st->body.leading * 6,
                         black, 0, 0.7);
            else
                put_rect(page, x0 - st->body.leading, top - st->body.leading,
                         w + 2 * st->body.leading, h + 2 * st->body.leading, white, 0, 0);
            put_list(bb, doc, page, issue, &lk, x0, w, top, 0);
        }
        if (photo->as.image.credit) {
            style_text cr = st->credit;
            cr.color = scrim ? white : st->credit.color;
            put_text(bb, page, photo->as.image.credit, &cr, x0, bottom + st->credit.leading, w,
                     PANGO_ALIGN_RIGHT, "P");
        }
    } else if (n) {
        /* No photo: the cover lines fill the page, large and with their
         * leads, as the printed magazine did, instead of leaving a band of
         * empty paper: the largest titles that fit, the rest of the room
         * shared between the entries. */
        double room_top = y + st->body.leading * 3;
        double avail = bottom - room_top;
        static const double scales[] = {2.2, 1.9, 1.6, 1.35, 1.15, 1.0};
        cover_list_look lk = list_look(st, 1.0, false, false);
        double h = 0;
        for (size_t i = 0; i < G_N_ELEMENTS(scales); i++) {
            for (int leads = 1; leads >= 0; leads--) {
                lk = list_look(st, scales[i], leads, false);
                h = list_height(bb, doc, issue, &lk, w);
                if (h <= avail)
                    goto found;
            }
        }
        if (h > avail)
            report_overflow(bb, doc, issue, &lk, w, avail, n);
    found:;
        double gap = n > 1 ? fmin((avail - h) / (n - 1), st->body.leading * 4) : 0;
        if (gap < 0)
            gap = 0;
        double used = h + gap * (n - 1);
        double list_y = bottom - used;
        if (list_y < room_top)
            list_y = room_top;
        put_rect(page, 0, list_y - st->body.leading * 2, pw, ph - list_y + st->body.leading * 2,
                 st->sidebar_tint, 0, 0);
        put_list(bb, doc, page, issue, &lk, x0, w, list_y, gap);
    }
    box_list_add(&page->boxes, BOX_TAG_END); /* Sect */
}
