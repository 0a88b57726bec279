/* layout_dump.c - writes the boxes of every page.
 *
 * Format (tab-separated):
 *   page <index> <number> <label> cover|opener|page <ncols> <col_w> <top> <bottom> <col_x...>
 *   box <page> <column> <kind> <role> <x> <y> <w> <h> <block_id> <line>/<count> <note> <file:line>
 * (a cropped picture's box is the part of it that shows)
 * A note's reference appears as a dest box named ref-N; the note's text
 * lines have role note and note N. */
#include "pdf/layout_dump.h"

#include <stdio.h>

static const char *kind_name(box_kind k)
{
    static const char *names[] = {"line", "rule", "rect", "image", "link", "dest", "tag", "end"};
    return names[k];
}

static const char *role_name(box_role r)
{
    static const char *names[] = {"body", "heading", "note", "header", "furniture", "cover",
                                  "decor"};
    return names[r];
}

bool layout_dump_write(const pdf_document *doc, frame_nodes *nodes, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return false;
    for (size_t i = 0; i < doc->npages; i++) {
        const pdf_page *p = &doc->pages[i];
        fprintf(f, "page\t%zu\t%d\t%s\t%s\t%d\t%.2f\t%.2f\t%.2f", i, p->number,
                p->label[0] ? p->label : "-", p->cover ? "cover" : p->opener ? "opener" : "page",
                p->ncolumns, p->col_w, p->col_top, p->col_bottom);
        for (int c = 0; c < p->ncolumns && c < STYLE_MAX_COLUMNS; c++)
            fprintf(f, "\t%.2f", p->col_x[c]);
        fputc('\n', f);
        for (size_t j = 0; j < p->boxes.count; j++) {
            const box *b = &p->boxes.items[j];
            if (b->kind == BOX_TAG_BEGIN || b->kind == BOX_TAG_END)
                continue;
            /* a cropped picture: the part that shows */
            bool clipped = b->kind == BOX_IMAGE && b->clip_w > 0;
            double bx = clipped ? b->clip_x : b->x, by = clipped ? b->clip_y : b->y;
            double bw = clipped ? b->clip_w : b->w, bh = clipped ? b->clip_h : b->h;
            const node *block = frame_nodes_get(nodes, p->article, b->node);
            fprintf(f, "box\t%zu\t%d\t%s\t%s\t%.2f\t%.2f\t%.2f\t%.2f\t%d\t%d/%d\t%d\t%s:%d\t%s\n", i,
                    b->column, kind_name(b->kind), role_name(b->role), bx, by, bw, bh,
                    b->block_id, b->line_no, b->line_count, b->note,
                    block && block->pos.file ? block->pos.file : "-",
                    block ? block->pos.line : 0,
                    b->kind == BOX_DEST || b->kind == BOX_LINK ? b->text :
                    block ? node_type_name(block->type) : "-");
        }
    }
    return fclose(f) == 0;
}
