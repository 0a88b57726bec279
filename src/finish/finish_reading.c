/* finish_reading.c - the reading edition, PDF/UA-1.
 *
 * cairo 1.16 writes the structure tree and marks tagged content with
 * MCIDs; it cannot mark artifacts or write /Lang, /Alt, /ID, /Scope.
 * Those are added here: artifacts in the content streams
 * (content_mark_artifacts), the rest on the structure elements, which are
 * visited depth-first in /K order: the order cairo opened them, which is
 * the drawing order, so the n-th Figure is the n-th figure drawn. */
#include "finish/finish.h"

#include <stdlib.h>
#include <string.h>

#include "finish/content_policies.h"
#include "finish/finish_doc.h"
#include "finish/font_widths.h"

typedef struct {
    qpdf_data q;
    const finish_meta *m;
    guint figures, notes, spans;
    GHashTable *seen;   /* object ids visited */
} struct_walk;

static const char *nth(GPtrArray *a, guint i)
{
    return a && i < a->len ? g_ptr_array_index(a, i) : NULL;
}

static void visit(struct_walk *w, qpdf_oh e, int depth)
{
    qpdf_data q = w->q;
    if (depth > 200)
        return;
    if (qpdf_oh_is_indirect(q, e)) {
        int id = qpdf_oh_get_object_id(q, e);
        if (g_hash_table_contains(w->seen, GINT_TO_POINTER(id)))
            return;
        g_hash_table_add(w->seen, GINT_TO_POINTER(id));
    }
    if (qpdf_oh_is_array(q, e)) {
        int n = qpdf_oh_get_array_n_items(q, e);
        for (int i = 0; i < n; i++)
            visit(w, qpdf_oh_get_array_item(q, e, i), depth + 1);
        return;
    }
    if (!qpdf_oh_is_dictionary(q, e) || !qpdf_oh_has_key(q, e, "/S"))
        return; /* an MCID, a marked-content or object reference */
    qpdf_oh s = qpdf_oh_get_key(q, e, "/S");
    if (qpdf_oh_is_name_and_equals(q, s, "/Span")) {
        /* a run in another language (draw.c, lang_begin) */
        const char *lang = nth(w->m->span_langs, w->spans++);
        if (lang && *lang)
            qpdf_oh_replace_key(q, e, "/Lang", qpdf_oh_new_string(q, lang));
    } else if (qpdf_oh_is_name_and_equals(q, s, "/Figure")) {
        const char *alt = nth(w->m->alts, w->figures++);
        if (alt && *alt)
            qpdf_oh_replace_key(q, e, "/Alt", qpdf_oh_new_unicode_string(q, alt));
    } else if (qpdf_oh_is_name_and_equals(q, s, "/Note")) {
        char id[32];
        g_snprintf(id, sizeof id, "note-%u", ++w->notes);
        qpdf_oh_replace_key(q, e, "/ID", qpdf_oh_new_string(q, id));
    } else if (qpdf_oh_is_name_and_equals(q, s, "/TH")) {
        qpdf_oh_replace_key(q, e, "/A", qpdf_oh_parse(q, "<< /O /Table /Scope /Column >>"));
    }
    if (qpdf_oh_has_key(q, e, "/K"))
        visit(w, qpdf_oh_get_key(q, e, "/K"), depth + 1);
}

/* Link annotations need a description (/Contents); pages with
 * annotations a tab order that follows the structure (/Tabs /S). */
static void finish_annotations(qpdf_data q, qpdf_oh page)
{
    qpdf_oh_replace_key(q, page, "/Tabs", qpdf_oh_new_name(q, "/S"));
    qpdf_oh annots = qpdf_oh_get_key(q, page, "/Annots");
    int n = qpdf_oh_is_array(q, annots) ? qpdf_oh_get_array_n_items(q, annots) : 0;
    for (int i = 0; i < n; i++) {
        qpdf_oh a = qpdf_oh_get_array_item(q, annots, i);
        if (!qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, a, "/Subtype"), "/Link") ||
            qpdf_oh_has_key(q, a, "/Contents"))
            continue;
        qpdf_oh action = qpdf_oh_get_key(q, a, "/A");
        qpdf_oh uri = qpdf_oh_get_key(q, action, "/URI");
        char *text = qpdf_oh_is_string(q, uri)
                         ? g_strdup_printf("Link to %s", qpdf_oh_get_utf8_value(q, uri))
                         : g_strdup("Link to another place in this document");
        qpdf_oh_replace_key(q, a, "/Contents", qpdf_oh_new_unicode_string(q, text));
        g_free(text);
    }
}

bool finish_reading(const void *pdf, size_t len, const char *out, const finish_meta *m,
                    diag_list *d)
{
    qpdf_data q = finish_open(out, pdf, len, d);
    if (!q)
        return false;
    int npages = qpdf_get_num_pages(q);
    GString *buf = g_string_new(NULL);
    for (int i = 0; i < npages; i++) {
        qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
        size_t clen = 0;
        unsigned char *data = finish_page_content(q, page, &clen);
        if (data) {
            g_string_truncate(buf, 0);
            content_mark_artifacts(data, clen, buf);
            finish_set_page_content(q, page, buf);
            free(data);
        }
        finish_annotations(q, page);
    }
    g_string_free(buf, TRUE);
    finish_font_maps(q);
    finish_exact_widths(q);

    qpdf_oh root = qpdf_get_root(q);
    if (m->lang && *m->lang)
        qpdf_oh_replace_key(q, root, "/Lang", qpdf_oh_new_string(q, m->lang));
    qpdf_oh_replace_key(q, root, "/ViewerPreferences",
                        qpdf_oh_parse(q, "<< /DisplayDocTitle true >>"));
    qpdf_oh_replace_key(q, root, "/MarkInfo", qpdf_oh_parse(q, "<< /Marked true >>"));
    qpdf_oh tree = qpdf_oh_get_key(q, root, "/StructTreeRoot");
    if (qpdf_oh_is_dictionary(q, tree)) {
        struct_walk w = {.q = q, .m = m, .seen = g_hash_table_new(g_direct_hash, g_direct_equal)};
        visit(&w, qpdf_oh_get_key(q, tree, "/K"), 0);
        g_hash_table_destroy(w.seen);
    }
    finish_metadata(q, m, EDITION_READING, " <pdfuaid:part>1</pdfuaid:part>\n", NULL);
    return finish_write(q, out, "1.7", d);
}
