/* layout_picture.c - pictures on the page (see layout_picture.h). */
#include "pdf/layout_picture.h"

#include <math.h>
#include <string.h>

#include "pdf/layout_flow.h"

static void append_tag(box_list *l, const char *name)
{
    box *t = box_list_add(l, BOX_TAG_BEGIN);
    t->text = g_strdup(name);
    t->attrs = g_strdup("");
}

bool layout_picture_probe(block_builder *bb, const node *fig, picture_info *pi, char **path)
{
    const char *url = fig->as.image.url ? fig->as.image.url : "";
    *path = g_path_is_absolute(url) ? g_strdup(url) : g_build_filename(bb->content_dir, url, NULL);
    char *why = NULL;
    if (picture_probe(*path, pi, &why))
        return true;
    diag_warning(bb->d, fig->pos, "cannot read image `%s` (%s): its description is printed "
                                  "instead", url, why ? why : "unknown error");
    g_free(why);
    g_free(*path);
    *path = NULL;
    return false;
}

void layout_picture_check_ppi(block_builder *bb, const node *fig, const picture_info *pi,
                              double w, double h)
{
    double ppi = picture_effective_ppi(pi, w, h);
    if (ppi > 0 && ppi < bb->st->warn_ppi)
        diag_warning(bb->d, fig->pos, "image `%s` prints at %.0f ppi (%d x %d pixels over "
                                      "%.0f x %.0f mm), below %d ppi: it will look soft; supply "
                                      "a larger picture or place it smaller",
                     fig->as.image.url, ppi, pi->width, pi->height, w / 72 * 25.4, h / 72 * 25.4,
                     bb->st->warn_ppi);
}

box *layout_picture_box(block_builder *bb, box_list *l, const node *fig, const char *path,
                        double x, double y, double w, double h, int block_id)
{
    int pw = 0, ph = 0;
    box *ib = box_list_add(l, BOX_IMAGE);
    ib->role = fig->as.image.decorative ? ROLE_DECOR : ROLE_BODY;
    ib->x = x;
    ib->y = y;
    ib->w = w;
    ib->h = h;
    ib->image = resources_add_image(bb->res, path, &pw, &ph);
    /* the alt text; without it, the caption describes the picture */
    if (fig->as.image.alt && *fig->as.image.alt)
        ib->attrs = g_strdup(fig->as.image.alt);
    else
        ib->attrs = fig->first ? tree_plain_text(fig) : g_strdup("");
    ib->node = blocks_node_ix(bb, fig);
    ib->block_id = block_id;
    return ib;
}

void layout_picture_fill(box *b, const node *fig, const picture_info *pi, double fx, double fy,
                         double fw, double fh)
{
    double s = fmax(fw / pi->width, fh / pi->height);
    double iw = pi->width * s, ih = pi->height * s;
    /* the focal point as near the frame's middle as the picture allows */
    double ox = fw / 2 - fig->as.image.focus_x * iw;
    double oy = fh / 2 - fig->as.image.focus_y * ih;
    ox = fmin(0, fmax(fw - iw, ox));
    oy = fmin(0, fmax(fh - ih, oy));
    b->x = fx + ox;
    b->y = fy + oy;
    b->w = iw;
    b->h = ih;
    b->clip_x = fx;
    b->clip_y = fy;
    b->clip_w = fw;
    b->clip_h = fh;
}

void layout_picture_credit_rows(block_builder *bb, flow_block *b, const node *fig, double x,
                                double w)
{
    layout_picture_credit_rows_aligned(bb, b, fig, x, w, PANGO_ALIGN_RIGHT);
}

void layout_picture_credit_rows_aligned(block_builder *bb, flow_block *b, const node *fig,
                                        double x, double w, PangoAlignment align)
{
    if (!fig->as.image.credit || !*fig->as.image.credit)
        return;
    rich_text rt;
    rich_text_init(&rt);
    text_env plain = bb->env;
    plain.hyph = NULL;
    rich_append_plain(&rt, fig->as.image.credit, &bb->st->credit, &plain);
    style_text flush = bb->st->credit;
    flush.justify = false;
    size_t first = b->nrows;
    blocks_add_text_rows(bb, b, &rt, &flush, x, w, 0, align, ROLE_BODY);
    rich_text_clear(&rt);
    if (b->nrows > first) {
        flow_row_tag_begin(&b->rows[first], "P", NULL);
        flow_row_tag_end(&b->rows[b->nrows - 1]);
    }
}

double layout_picture_put_rows(pdf_page *page, const flow_block *b, double x, double y,
                               const double *color)
{
    for (size_t i = 0; i < b->nrows; i++) {
        for (size_t j = 0; j < b->rows[i].boxes.count; j++) {
            size_t at = page->boxes.count;
            flow_copy_box(page, &b->rows[i].boxes.items[j], x, y, -1);
            box *c = &page->boxes.items[at];
            if (color && c->kind == BOX_LINE)
                memcpy(c->color, color, sizeof c->color);
        }
        y += b->rows[i].height;
    }
    return y;
}

/* The band of an opener picture: from the top trim edge down, at most
 * 45% of the page, no taller than the picture's proportions need at the
 * page's width. */
static double opener_band(const style *st, const picture_info *pi)
{
    double h = st->page_width * pi->height / pi->width;
    return fmin(h, st->page_height * 0.45);
}

static bool opener_behind(const style *st) { return !strcmp(st->opener_image, "behind"); }

/* The opener picture is set in the header's first row, which the flow
 * puts at the top margin of the article's first page: its boxes are
 * relative to (the text area's left edge, the top margin).  The picture
 * runs across the page from trim edge to trim edge (page_abs: no margin
 * moves it, whatever the page's parity), from the top trim edge down. */
void layout_picture_opener_space(block_builder *bb, const node *article, flow_block *header)
{
    const node *fig = article->as.article.image;
    if (!fig)
        return;
    picture_info pi;
    char *path = NULL;
    if (!layout_picture_probe(bb, fig, &pi, &path))
        return;
    const style *st = bb->st;
    double L = st->body.leading, top = st->margin_top;
    double header_h = flow_block_height(header);
    double band = opener_band(st, &pi);
    bool behind = opener_behind(st), scrim = !strcmp(st->cover_backing, "scrim");
    double space;
    if (behind) {
        /* the header over the foot of the picture: its text ends a line
         * above the picture's edge, its closing rule and the columns below */
        double text_h = 0, acc = 0;
        for (size_t i = 0; i < header->nrows; i++) {
            for (size_t j = 0; j < header->rows[i].boxes.count; j++) {
                const box *h = &header->rows[i].boxes.items[j];
                if (h->kind == BOX_LINE && h->role == ROLE_HEADER)
                    text_h = fmax(text_h, acc + h->y + h->h);
            }
            acc += header->rows[i].height;
        }
        if (band < top + text_h + 2 * L)
            band = top + text_h + 2 * L;
        space = band - L - text_h - top;
        (void)header_h;
    } else {
        double credit = fig->as.image.credit ? st->credit.leading : 0;
        /* the header starts a line below the band (and its credit) */
        space = band + credit + L - top;
    }
    double pw = st->page_width;
    double s = fmax(pw / pi.width, band / pi.height);
    layout_picture_check_ppi(bb, fig, &pi, pi.width * s, pi.height * s);
    /* the row of the picture goes first */
    flow_block_add_row(header, space);
    flow_row row = header->rows[header->nrows - 1];
    memmove(&header->rows[1], &header->rows[0], (header->nrows - 1) * sizeof(flow_row));
    header->rows[0] = row;
    flow_row *r = &header->rows[0];
    if (!fig->as.image.decorative)
        append_tag(&r->boxes, "Figure");
    box *ib = layout_picture_box(bb, &r->boxes, fig, path, 0, 0, 1, 1, header->id);
    layout_picture_fill(ib, fig, &pi, 0, -top, pw, band);
    ib->page_abs = true;
    if (!fig->as.image.decorative)
        box_list_add(&r->boxes, BOX_TAG_END);
    g_free(path);
    if (behind) {
        /* the header's text is set on the picture: a scrim under white
         * text, or a white panel, as the style says */
        double text_top = space, w = bb->full_w > 0 ? bb->full_w : pw;
        box *bk = box_list_add(&r->boxes, BOX_RECT);
        bk->role = ROLE_DECOR;
        if (scrim) {
            bk->x = 0;
            bk->page_abs = true;
            bk->w = pw;
            bk->y = fmax(-top, text_top - 4 * L);
            bk->h = band - top - bk->y;
            bk->fade[1] = 0.75;
        } else {
            bk->x = -L;
            bk->w = w + 2 * L;
            bk->y = text_top - L;
            bk->h = band - top - L / 2 - bk->y;
            bk->color[0] = bk->color[1] = bk->color[2] = 1;
        }
        for (size_t i = 1; scrim && i < header->nrows; i++)
            for (size_t j = 0; j < header->rows[i].boxes.count; j++) {
                box *h = &header->rows[i].boxes.items[j];
                if (h->kind == BOX_LINE && h->role == ROLE_HEADER)
                    h->color[0] = h->color[1] = h->color[2] = 1;
            }
    }
    if (fig->as.image.credit) {
        flow_block *cb = flow_block_new(fig, -1);
        double w = bb->full_w > 0 ? bb->full_w : pw;
        layout_picture_credit_rows(bb, cb, fig, 0, w);
        static const double white[3] = {1, 1, 1};
        /* under the picture; on it, in white at the foot of the scrim, or
         * in the panel's top corner */
        double y = !behind ? band - top + 1
                   : scrim ? band - top - flow_block_height(cb) - 2
                           : space - L + 2;
        for (size_t i = 0; i < cb->nrows; i++) {
            for (size_t j = 0; j < cb->rows[i].boxes.count; j++) {
                box *c = box_list_copy(&r->boxes, &cb->rows[i].boxes.items[j], 0, y);
                if (behind && scrim && c->kind == BOX_LINE)
                    memcpy(c->color, white, sizeof c->color);
            }
            y += cb->rows[i].height;
        }
        flow_block_free(cb);
    }
}

void layout_picture_caption_rows(block_builder *bb, flow_block *b, const node *k, double x,
                                 double w)
{
    const style *st = bb->st;
    if (k->first) {
        rich_text rt;
        rich_text_init(&rt);
        rich_append_inlines(&rt, k, &st->caption, &bb->env);
        size_t first_caption = b->nrows;
        blocks_add_text_rows(bb, b, &rt, &st->caption, x, w, 0, PANGO_ALIGN_LEFT, ROLE_BODY);
        rich_text_clear(&rt);
        if (b->nrows > first_caption) {
            flow_row_tag_begin(&b->rows[first_caption], "Caption", NULL);
            flow_row_tag_end(&b->rows[b->nrows - 1]);
        }
    }
    if (b->nrows && !k->as.image.decorative) {
        flow_row_tag_begin(&b->rows[0], "Figure", NULL);
        flow_row_tag_end(&b->rows[b->nrows - 1]);
    }
}

void layout_picture_bleed(block_builder *bb, const node *k, flow_block *b, const picture_info *pi,
                          const char *path)
{
    const style *st = bb->st;
    double pw = st->page_width, ph = st->page_height;
    layout_picture_check_ppi(bb, k, pi, fmax(pw, ph * pi->width / pi->height),
                             fmax(ph, pw * pi->height / pi->width));
    /* the caption and credit first, to know the panel's height */
    double margin = fmax(st->margin_inner, st->margin_outer);
    double w = fmin(pw - 2 * margin, st->caption.size * 40);
    flow_block *text = flow_block_new(k, b->id);
    if (k->first) {
        rich_text rt;
        rich_text_init(&rt);
        rich_append_inlines(&rt, k, &st->caption, &bb->env);
        blocks_add_text_rows(bb, text, &rt, &st->caption, 0, w, 0, PANGO_ALIGN_LEFT, ROLE_BODY);
        rich_text_clear(&rt);
        flow_row_tag_begin(&text->rows[0], "Caption", NULL);
        flow_row_tag_end(&text->rows[text->nrows - 1]);
    }
    layout_picture_credit_rows(bb, text, k, 0, w);
    flow_row *r = flow_block_add_row(b, ph);
    if (!k->as.image.decorative)
        flow_row_tag_begin(r, "Figure", NULL);
    box *ib = layout_picture_box(bb, &r->boxes, k, path, 0, 0, 1, 1, b->id);
    ib->page_abs = true;
    layout_picture_fill(ib, k, pi, 0, 0, pw, ph);
    double th = flow_block_height(text);
    if (th > 0) {
        double pad = st->caption.size;
        double y = ph - st->margin_bottom - th;
        box *panel = box_list_add(&r->boxes, BOX_RECT);
        panel->role = ROLE_DECOR;
        panel->x = margin - pad;
        panel->y = y - pad;
        panel->w = w + 2 * pad;
        panel->h = th + 2 * pad;
        panel->color[0] = panel->color[1] = panel->color[2] = 1;
        panel->page_abs = true;
        for (size_t i = 0; i < text->nrows; i++) {
            for (size_t j = 0; j < text->rows[i].boxes.count; j++) {
                box *c = box_list_add(&r->boxes, text->rows[i].boxes.items[j].kind);
                *c = text->rows[i].boxes.items[j];
                c->x += margin;
                c->y += y;
                c->page_abs = true;
                /* taken over: the rows no longer own them */
                text->rows[i].boxes.items[j].line = NULL;
                text->rows[i].boxes.items[j].text = NULL;
                text->rows[i].boxes.items[j].attrs = NULL;
            }
            y += text->rows[i].height;
        }
    }
    if (!k->as.image.decorative)
        flow_row_tag_end(r);
    flow_block_free(text);
    b->unsplittable = true;
    b->full_page = true;
}

void layout_picture_portrait_begin(block_builder *bb, const node *byline, double width,
                                   byline_portrait *bp)
{
    memset(bp, 0, sizeof *bp);
    const node *fig = byline->first && byline->first->type == NODE_FIGURE ? byline->first : NULL;
    if (!fig || !layout_picture_probe(bb, fig, &bp->pi, &bp->path))
        return;
    bp->fig = fig;
    /* a head-and-shoulders frame of 4:5, a quarter of the column */
    bp->w = round(width * 0.25);
    bp->h = bp->w * 1.25;
    bp->text_x = bp->w + bb->st->body.size;
    bp->text_w = width - bp->text_x;
    layout_picture_check_ppi(bb, fig, &bp->pi, fmax(bp->w, bp->h * bp->pi.width / bp->pi.height),
                             fmax(bp->h, bp->w * bp->pi.height / bp->pi.width));
}

void layout_picture_portrait_end(block_builder *bb, byline_portrait *bp, flow_block *b, double x)
{
    if (b && bp->fig) {
        layout_picture_credit_rows_aligned(bb, b, bp->fig, x + bp->text_x, bp->text_w,
                                           PANGO_ALIGN_LEFT);
        double th = flow_block_height(b);
        if (th < bp->h)
            flow_block_add_row(b, bp->h - th);
        flow_row *last = &b->rows[b->nrows - 1];
        double above = flow_block_height(b) - last->height;
        if (!bp->fig->as.image.decorative)
            append_tag(&last->boxes, "Figure");
        box *ib = layout_picture_box(bb, &last->boxes, bp->fig, bp->path, 0, 0, 1, 1, b->id);
        layout_picture_fill(ib, bp->fig, &bp->pi, x, -above, bp->w, bp->h);
        if (!bp->fig->as.image.decorative)
            flow_row_tag_end(last);
    }
    g_free(bp->path);
    bp->path = NULL;
}
