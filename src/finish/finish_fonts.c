/* finish_fonts.c - what the font dictionaries cairo writes lack.
 *
 * cairo writes its CIDFontType2 fonts (the Type 0 fonts' descendants)
 * without a /CIDToGIDMap: the PDF reference lets it default to Identity,
 * but PDF/UA-1 (7.21.3.2, Matterhorn 31-005) and PDF/A want it written.
 * cairo's CIDs are glyph ids, so /Identity says what the default said. */
#include "finish/finish_doc.h"

#include <glib.h>

static void fix_descendants(qpdf_data q, qpdf_oh type0)
{
    qpdf_oh kids = qpdf_oh_get_key(q, type0, "/DescendantFonts");
    int n = qpdf_oh_is_array(q, kids) ? qpdf_oh_get_array_n_items(q, kids) : 0;
    for (int i = 0; i < n; i++) {
        qpdf_oh cid = qpdf_oh_get_array_item(q, kids, i);
        if (qpdf_oh_is_dictionary(q, cid) && qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, cid, "/Subtype"),
                                                                         "/CIDFontType2") &&
            !qpdf_oh_has_key(q, cid, "/CIDToGIDMap"))
            qpdf_oh_replace_key(q, cid, "/CIDToGIDMap", qpdf_oh_new_name(q, "/Identity"));
    }
}

/* The fonts of one resource dictionary, and of the Form XObjects in it
 * (seen: the forms' object ids, so a form drawn on every page is one visit). */
static void fix_resources(qpdf_data q, qpdf_oh res, GHashTable *seen, int depth)
{
    if (depth > 20 || !qpdf_oh_is_dictionary(q, res))
        return;
    qpdf_oh fonts = qpdf_oh_get_key(q, res, "/Font");
    if (qpdf_oh_is_dictionary(q, fonts)) {
        qpdf_oh_begin_dict_key_iter(q, fonts);
        while (qpdf_oh_dict_more_keys(q)) {
            qpdf_oh f = qpdf_oh_get_key(q, fonts, qpdf_oh_dict_next_key(q));
            if (qpdf_oh_is_dictionary(q, f) &&
                qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, f, "/Subtype"), "/Type0"))
                fix_descendants(q, f);
        }
    }
    qpdf_oh xobjects = qpdf_oh_get_key(q, res, "/XObject");
    if (!qpdf_oh_is_dictionary(q, xobjects))
        return;
    GPtrArray *forms = g_ptr_array_new();
    qpdf_oh_begin_dict_key_iter(q, xobjects);
    while (qpdf_oh_dict_more_keys(q)) {
        qpdf_oh x = qpdf_oh_get_key(q, xobjects, qpdf_oh_dict_next_key(q));
        int id = qpdf_oh_get_object_id(q, x);
        if (qpdf_oh_is_stream(q, x) && !g_hash_table_contains(seen, GINT_TO_POINTER(id))) {
            g_hash_table_add(seen, GINT_TO_POINTER(id));
            g_ptr_array_add(forms, GUINT_TO_POINTER(x));
        }
    }
    /* the key iterator is one per qpdf_data: recurse after it is done */
    for (guint i = 0; i < forms->len; i++) {
        qpdf_oh x = GPOINTER_TO_UINT(g_ptr_array_index(forms, i));
        fix_resources(q, qpdf_oh_get_key(q, qpdf_oh_get_dict(q, x), "/Resources"), seen, depth + 1);
    }
    g_ptr_array_free(forms, TRUE);
}

void finish_font_maps(qpdf_data q)
{
    GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
    int npages = qpdf_get_num_pages(q);
    for (int i = 0; i < npages; i++) {
        qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
        fix_resources(q, qpdf_oh_get_key(q, page, "/Resources"), seen, 0);
    }
    g_hash_table_destroy(seen);
}
