/* font_widths.c - exact /Widths and /W from the embedded font programs
 * (see font_widths.h for why).  HarfBuzz reads the programs; GLib's
 * iconv maps WinAnsiEncoding codes to Unicode. */
#include "finish/font_widths.h"

#include <glib.h>
#include <hb.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

/* The embedded program's advances, in thousandths of an em. */
typedef struct {
    hb_font_t *font;
    double per_unit;   /* 1000 / units per em */
} font_program;

static bool program_open(qpdf_data q, qpdf_oh descriptor, font_program *p)
{
    qpdf_oh file = qpdf_oh_get_key(q, descriptor, "/FontFile2");
    if (!qpdf_oh_is_stream(q, file))
        return false;
    unsigned char *buf = NULL;
    size_t len = 0;
    QPDF_BOOL filtered = QPDF_FALSE;
    if ((qpdf_oh_get_stream_data(q, file, qpdf_dl_generalized, &filtered, &buf, &len) &
         QPDF_ERRORS) || !filtered || !buf || len == 0 || len > G_MAXUINT) {
        free(buf);
        return false;
    }
    hb_blob_t *blob = hb_blob_create((const char *)buf, (unsigned)len, HB_MEMORY_MODE_READONLY,
                                     buf, free);
    hb_face_t *face = hb_face_create(blob, 0);
    hb_blob_destroy(blob);
    unsigned upem = hb_face_get_upem(face);
    p->font = hb_font_create(face);
    hb_face_destroy(face);
    hb_font_set_scale(p->font, (int)upem, (int)upem);
    p->per_unit = upem ? 1000.0 / upem : 0;
    return upem > 0;
}

/* Replaces width (at index i of array a) by the glyph's exact advance
 * when the old one is that advance cut to an integer. */
static int replace_width(qpdf_data q, qpdf_oh a, int i, const font_program *p, hb_codepoint_t g)
{
    qpdf_oh old = qpdf_oh_get_array_item(q, a, i);
    if (!qpdf_oh_is_number(q, old))
        return 0;
    double was = qpdf_oh_get_numeric_value(q, old);
    double exact = hb_font_get_glyph_h_advance(p->font, g) * p->per_unit;
    if (was == exact || fabs(exact - was) >= 1.0 || floor(exact) != floor(was))
        return 0;
    qpdf_oh_set_array_item(q, a, i, qpdf_oh_new_real_from_double(q, exact, 4));
    return 1;
}

/* A simple TrueType font: code -> Unicode (WinAnsiEncoding) -> glyph. */
static int simple_font(qpdf_data q, qpdf_oh font, const font_program *p)
{
    if (!qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, font, "/Encoding"),
                                    "/WinAnsiEncoding"))
        return 0;
    qpdf_oh first = qpdf_oh_get_key(q, font, "/FirstChar");
    qpdf_oh widths = qpdf_oh_get_key(q, font, "/Widths");
    if (!qpdf_oh_is_integer(q, first) || !qpdf_oh_is_array(q, widths))
        return 0;
    GIConv cd = g_iconv_open("UTF-8", "WINDOWS-1252");
    if (cd == (GIConv)-1)
        return 0;
    long long c0 = qpdf_oh_get_int_value(q, first);
    int n = qpdf_oh_get_array_n_items(q, widths), done = 0;
    for (int i = 0; i < n && c0 >= 0 && c0 + i < 256; i++) {
        char code = (char)(unsigned char)(c0 + i);
        char *utf8 = g_convert_with_iconv(&code, 1, cd, NULL, NULL, NULL);
        hb_codepoint_t g;
        if (utf8 && hb_font_get_nominal_glyph(p->font, g_utf8_get_char(utf8), &g))
            done += replace_width(q, widths, i, p, g);
        g_free(utf8);
    }
    g_iconv_close(cd);
    return done;
}

/* A CIDFontType2 whose CIDs are glyph ids: /W is [c [w ...]] and
 * [c_first c_last w] entries. */
static int cid_font(qpdf_data q, qpdf_oh cid, const font_program *p)
{
    qpdf_oh map = qpdf_oh_get_key(q, cid, "/CIDToGIDMap");
    if (!qpdf_oh_is_null(q, map) && !qpdf_oh_is_name_and_equals(q, map, "/Identity"))
        return 0;
    qpdf_oh w = qpdf_oh_get_key(q, cid, "/W");
    int n = qpdf_oh_is_array(q, w) ? qpdf_oh_get_array_n_items(q, w) : 0, done = 0;
    for (int i = 0; i + 1 < n;) {
        qpdf_oh c = qpdf_oh_get_array_item(q, w, i), next = qpdf_oh_get_array_item(q, w, i + 1);
        if (!qpdf_oh_is_integer(q, c))
            break;
        long long c0 = qpdf_oh_get_int_value(q, c);
        if (qpdf_oh_is_array(q, next)) {
            int m = qpdf_oh_get_array_n_items(q, next);
            for (int k = 0; k < m; k++)
                done += replace_width(q, next, k, p, (hb_codepoint_t)(c0 + k));
            i += 2;
        } else {
            /* a range shares one width: exact only if all its glyphs agree */
            i += 3;
        }
    }
    return done;
}

static int one_font(qpdf_data q, qpdf_oh font)
{
    qpdf_oh sub = qpdf_oh_get_key(q, font, "/Subtype");
    qpdf_oh target = font;
    if (qpdf_oh_is_name_and_equals(q, sub, "/Type0")) {
        qpdf_oh desc = qpdf_oh_get_key(q, font, "/DescendantFonts");
        if (!qpdf_oh_is_array(q, desc) || qpdf_oh_get_array_n_items(q, desc) < 1)
            return 0;
        target = qpdf_oh_get_array_item(q, desc, 0);
        if (!qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, target, "/Subtype"),
                                        "/CIDFontType2"))
            return 0;
    } else if (!qpdf_oh_is_name_and_equals(q, sub, "/TrueType")) {
        return 0;
    }
    font_program p = {0};
    if (!program_open(q, qpdf_oh_get_key(q, target, "/FontDescriptor"), &p)) {
        hb_font_destroy(p.font);
        return 0;
    }
    int done = target == font ? simple_font(q, font, &p) : cid_font(q, target, &p);
    hb_font_destroy(p.font);
    return done;
}

/* once per indirect object */
static bool first_visit(qpdf_data q, GHashTable *seen, qpdf_oh o)
{
    if (!qpdf_oh_is_indirect(q, o))
        return true;
    int id = qpdf_oh_get_object_id(q, o);
    if (g_hash_table_contains(seen, GINT_TO_POINTER(id)))
        return false;
    g_hash_table_add(seen, GINT_TO_POINTER(id));
    return true;
}

/* The fonts of a resource dictionary, and of the forms and patterns it
 * uses (cairo draws groups as forms). */
static int resources(qpdf_data q, qpdf_oh res, GHashTable *seen, int depth)
{
    if (depth > 32 || !qpdf_oh_is_dictionary(q, res) || !first_visit(q, seen, res))
        return 0;
    int done = 0;
    static const char *const kinds[] = {"/Font", "/XObject", "/Pattern"};
    for (size_t k = 0; k < G_N_ELEMENTS(kinds); k++) {
        qpdf_oh dict = qpdf_oh_get_key(q, res, kinds[k]);
        if (!qpdf_oh_is_dictionary(q, dict))
            continue;
        GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
        qpdf_oh_begin_dict_key_iter(q, dict);
        while (qpdf_oh_dict_more_keys(q))
            g_ptr_array_add(keys, g_strdup(qpdf_oh_dict_next_key(q)));
        for (guint i = 0; i < keys->len; i++) {
            qpdf_oh o = qpdf_oh_get_key(q, dict, g_ptr_array_index(keys, i));
            if (!first_visit(q, seen, o))
                continue;
            if (k == 0) {
                if (qpdf_oh_is_dictionary(q, o))
                    done += one_font(q, o);
            } else {
                qpdf_oh d = qpdf_oh_is_stream(q, o) ? qpdf_oh_get_dict(q, o) : o;
                if (qpdf_oh_is_dictionary(q, d))
                    done += resources(q, qpdf_oh_get_key(q, d, "/Resources"), seen, depth + 1);
            }
        }
        g_ptr_array_free(keys, TRUE);
    }
    return done;
}

int finish_exact_widths(qpdf_data q)
{
    GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
    int done = 0, npages = qpdf_get_num_pages(q);
    for (int i = 0; i < npages; i++) {
        qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
        qpdf_oh res = qpdf_oh_get_key(q, page, "/Resources");
        for (int up = 0; up < 32 && !qpdf_oh_is_dictionary(q, res); up++) {
            page = qpdf_oh_get_key(q, page, "/Parent");
            if (!qpdf_oh_is_dictionary(q, page))
                break;
            res = qpdf_oh_get_key(q, page, "/Resources");
        }
        done += resources(q, res, seen, 0);
    }
    g_hash_table_destroy(seen);
    return done;
}
