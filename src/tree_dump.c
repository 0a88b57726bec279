/* tree_dump.c - `folio tree` and `folio text`. */
#include "tree_dump.h"

#include <stdlib.h>
#include <string.h>

static void put_quoted(GString *out, const char *s)
{
    g_string_append_c(out, '"');
    for (; s && *s; s++) {
        switch (*s) {
        case '"': g_string_append(out, "\\\""); break;
        case '\\': g_string_append(out, "\\\\"); break;
        case '\n': g_string_append(out, "\\n"); break;
        case '\t': g_string_append(out, "\\t"); break;
        default: g_string_append_c(out, *s);
        }
    }
    g_string_append_c(out, '"');
}

static void put_field(GString *out, const char *key, const char *value)
{
    if (!value)
        return;
    g_string_append_printf(out, " %s=", key);
    put_quoted(out, value);
}

static const char *align_name(table_align a)
{
    switch (a) {
    case ALIGN_LEFT: return "left";
    case ALIGN_CENTER: return "center";
    case ALIGN_RIGHT: return "right";
    default: return "none";
    }
}

static void dump_node(const node *n, int depth, GString *out);

static void dump_children(const node *n, int depth, GString *out)
{
    for (const node *k = n->first; k; k = k->next)
        dump_node(k, depth, out);
}

static void dump_node(const node *n, int depth, GString *out)
{
    for (int i = 0; i < depth; i++)
        g_string_append(out, "  ");
    g_string_append(out, node_type_name(n->type));
    switch (n->type) {
    case NODE_ISSUE: {
        const issue_meta *m = &n->as.issue;
        g_string_append_printf(out, " %s", n->pos.file ? n->pos.file : "");
        put_field(out, "title", m->title);
        put_field(out, "subtitle", m->subtitle);
        put_field(out, "publisher", m->publisher);
        put_field(out, "language", m->language);
        put_field(out, "date", m->date);
        put_field(out, "number", m->number);
        put_field(out, "identifier", m->identifier);
        put_field(out, "issn", m->issn);
        put_field(out, "isbn", m->isbn);
        g_string_append_c(out, '\n');
        if (m->cover_image)
            dump_node(m->cover_image, depth + 1, out);
        dump_children(n, depth + 1, out);
        return;
    }
    case NODE_ARTICLE: {
        const article_meta *m = &n->as.article;
        g_string_append_printf(out, " %s", n->pos.file ? n->pos.file : "");
        put_field(out, "slug", m->slug);
        g_string_append_printf(out, " type=%s", article_type_name(m->type));
        put_field(out, "rubric", m->rubric);
        put_field(out, "title", m->title);
        put_field(out, "subtitle", m->subtitle);
        for (size_t i = 0; i < m->nauthors; i++)
            put_field(out, "author", m->authors[i]);
        if (m->cover)
            g_string_append(out, " cover");
        if (m->columns)
            g_string_append_printf(out, " columns=%d", m->columns);
        g_string_append_c(out, '\n');
        if (m->image)
            dump_node(m->image, depth + 1, out);
        if (m->lead)
            dump_node(m->lead, depth + 1, out);
        dump_children(n, depth + 1, out);
        return;
    }
    default:
        break;
    }
    g_string_append_printf(out, " %d:%d", n->pos.line, n->pos.col);
    switch (n->type) {
    case NODE_HEADING:
        g_string_append_printf(out, " level=%d", n->as.heading.level);
        put_field(out, "id", n->as.heading.id);
        break;
    case NODE_LIST:
        if (n->as.list.ordered)
            g_string_append_printf(out, " ordered start=%d delim=%c", n->as.list.start,
                                   n->as.list.delim);
        else
            g_string_append(out, " bullet");
        g_string_append(out, n->as.list.tight ? " tight" : " loose");
        break;
    case NODE_CODE_BLOCK:
        put_field(out, "info", n->as.code.info);
        break;
    case NODE_TABLE:
        g_string_append(out, " align=");
        for (int i = 0; i < n->as.table.ncols; i++)
            g_string_append_printf(out, "%s%s", i ? "," : "", align_name(n->as.table.align[i]));
        break;
    case NODE_TABLE_ROW:
        if (n->as.row.header)
            g_string_append(out, " header");
        break;
    case NODE_LINK:
        put_field(out, "url", n->as.link.url);
        put_field(out, "title", n->as.link.title);
        break;
    case NODE_IMAGE:
    case NODE_FIGURE:
        put_field(out, "url", n->as.image.url);
        put_field(out, "alt", n->as.image.alt);
        put_field(out, "title", n->as.image.title);
        put_field(out, "credit", n->as.image.credit);
        if (n->as.image.place != FIG_COLUMN)
            g_string_append_printf(out, " place=%s", n->as.image.place == FIG_WIDE    ? "wide"
                                                     : n->as.image.place == FIG_INSET ? "inset"
                                                                                      : "bleed");
        if (n->as.image.side != FIG_SIDE_AUTO)
            g_string_append_printf(out, " side=%s", n->as.image.side == FIG_LEFT ? "left" : "right");
        if (n->as.image.width)
            g_string_append_printf(out, " width=%d%%", n->as.image.width);
        if (n->as.image.focus_x != 0.5 || n->as.image.focus_y != 0.5)
            g_string_append_printf(out, " focus=%g%%,%g%%", n->as.image.focus_x * 100,
                                   n->as.image.focus_y * 100);
        if (n->as.image.decorative)
            g_string_append(out, " decorative");
        break;
    case NODE_FOOTNOTE_REF:
    case NODE_FOOTNOTE_DEF:
        g_string_append_printf(out, " number=%d", n->as.note.number);
        put_field(out, "label", n->as.note.label);
        break;
    case NODE_SPAN_LANG:
        put_field(out, "lang", n->as.span.lang);
        break;
    default:
        break;
    }
    if (n->text) {
        g_string_append_c(out, ' ');
        put_quoted(out, n->text);
    }
    g_string_append_c(out, '\n');
    if (n->type != NODE_FIGURE || n->first)
        dump_children(n, depth + 1, out);
}

void tree_dump(const node *n, GString *out) { dump_node(n, 0, out); }

/* ------------------------------------------------------------------ */

static void text_line(GString *out, const char *s)
{
    if (s && *s) {
        g_string_append(out, s);
        g_string_append_c(out, '\n');
    }
}

static void text_inlines(const node *n, GString *out)
{
    for (const node *k = n->first; k; k = k->next) {
        switch (k->type) {
        case NODE_TEXT: case NODE_CODE: g_string_append(out, k->text); break;
        case NODE_SOFTBREAK: case NODE_LINEBREAK: g_string_append_c(out, ' '); break;
        case NODE_FOOTNOTE_REF: break;
        case NODE_IMAGE:
            /* the print edition sets an inline picture as its alt text,
             * the EPUB carries it as the picture's text equivalent */
            if (k->as.image.alt)
                g_string_append(out, k->as.image.alt);
            break;
        default: text_inlines(k, out);
        }
    }
}

static void text_blocks(const node *n, GString *out)
{
    for (const node *k = n->first; k; k = k->next) {
        switch (k->type) {
        case NODE_FOOTNOTE_DEF:
            break; /* after the body */
        case NODE_PARAGRAPH: case NODE_HEADING: case NODE_TABLE_CELL: case NODE_ATTRIBUTION:
        case NODE_BYLINE_NAME: case NODE_BYLINE_ROLE: case NODE_FIGURE:
            text_inlines(k, out);
            g_string_append_c(out, '\n');
            break;
        case NODE_CODE_BLOCK:
            g_string_append(out, k->text);
            break;
        default:
            text_blocks(k, out);
        }
    }
}

void tree_dump_text(const node *issue, GString *out)
{
    const issue_meta *im = &issue->as.issue;
    text_line(out, im->title);
    text_line(out, im->subtitle);
    text_line(out, im->publisher);
    for (const node *a = issue->first; a; a = a->next) {
        const article_meta *m = &a->as.article;
        text_line(out, m->rubric);
        text_line(out, m->title);
        text_line(out, m->subtitle);
        if (m->lead) {
            text_inlines(m->lead, out);
            g_string_append_c(out, '\n');
        }
        text_blocks(a, out);
        for (const node *k = a->first; k; k = k->next)
            if (k->type == NODE_FOOTNOTE_DEF)
                text_blocks(k, out);
    }
}
