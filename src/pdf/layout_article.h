/* layout_article.h - one article's frames, and how frames name tree nodes.
 *
 * An article is laid out on pages of its own, numbered from 1, in
 * text-area coordinates (x = 0 at the inner edge of a right-hand page's
 * text): nothing in them depends on where the article lands in the issue.
 * Layout's final pass copies them into the issue, numbers the pages,
 * moves them to their page's margins, and offsets the block ids. */
#ifndef FOLIO_PDF_LAYOUT_ARTICLE_H
#define FOLIO_PDF_LAYOUT_ARTICLE_H

#include <glib.h>

#include "diag.h"
#include "pdf/pdf_doc.h"
#include "tree.h"

/* What copyfitting did to an article (layout_fit.h). */
typedef struct {
    bool laid_out;       /* false: the article came from the layout cache */
    int tightened;       /* paragraphs set a line shorter */
    bool spaces;         /* space around headings and floats reduced */
    bool moved_quote;    /* a pull quote moved */
    bool runt;           /* a short continuation page remains */
    bool balanced;       /* the last page's columns end within a line */
} article_fit;

typedef struct {
    pdf_document *doc;   /* owned: pages and outline (page indexes from 0) */
    int nids;            /* block ids used, numbered from 0 */
    diag_list diags;     /* what laying it out reported */
    article_fit fit;     /* for the fit report */
} article_frames;

article_frames *article_frames_new(pdf_resources *res);
void article_frames_free(article_frames *af);

/* node* -> index + 1 in the article's nodes: the article is 0, then the
 * nodes in tree_visit_article order.  Caller destroys. */
GHashTable *frame_node_index(const node *article);
/* The article's nodes in that order (borrowed pointers); caller frees. */
GPtrArray *frame_node_list(const node *article);

/* The tree behind a document's frames: an issue child by index, and a
 * node by (article, node index). */
typedef struct {
    const node *issue;
    GPtrArray *children;     /* const node*: the issue's children in order */
    GPtrArray **nodes;       /* per child, made on first use */
} frame_nodes;
void frame_nodes_init(frame_nodes *t, const node *issue);
void frame_nodes_clear(frame_nodes *t);
const node *frame_nodes_article(const frame_nodes *t, int article);
const node *frame_nodes_get(frame_nodes *t, int article, int index);

#endif
