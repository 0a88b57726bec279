/* fuzz_issue.h - what both fuzz targets do first: accept the bytes as the
 * reader would (valid UTF-8, under a size), read them as one article and
 * wrap it in a one-article issue. */
#ifndef FOLIO_FUZZ_ISSUE_H
#define FOLIO_FUZZ_ISSUE_H
#include <glib.h>
#include <stdint.h>

#include "diag.h"
#include "reader.h"
#include "utf8.h"

/* The issue (caller frees with tree_free), or NULL for input the reader
 * would refuse before parsing.  *text receives the article's bytes as a
 * string (caller g_free()s; the tree's positions do not point into it). */
static node *fuzz_issue_from_bytes(const uint8_t *data, size_t size, size_t max_size,
                                   diag_list *d, char **text)
{
    int line, col;
    const char *why;
    if (size > max_size || !utf8_check((const char *)data, size, &line, &col, &why))
        return NULL;
    *text = g_strndup((const char *)data, size);
    node *a = reader_read_article("fuzz.md", *text, size, d);
    node *issue = node_new(NODE_ISSUE, a->pos);
    issue->as.issue.language = g_strdup("nl");
    issue->as.issue.title = g_strdup("Fuzz");
    issue->as.issue.publisher = g_strdup("P");
    issue->as.issue.date = g_strdup("2019");
    issue->as.issue.dir = g_strdup("tests/fuzz");
    a->as.article.slug = g_strdup("fuzz");
    if (!a->as.article.title)
        a->as.article.title = g_strdup("Fuzz");
    node_append(issue, a);
    return issue;
}
#endif
