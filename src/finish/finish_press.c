/* finish_press.c - the press edition, PDF/X-4 (ISO 15930-7).
 *
 * The pages come from draw_press.c already at their final size (MediaBox
 * with the bleed and the marks' room) and without tags or links.  Here:
 * the page boxes; DeviceRGB colour operators to DeviceCMYK (content_cmyk)
 * in every page and Form XObject; images and shadings in DeviceRGB tagged
 * with an ICCBased sRGB profile; transparency groups blended in
 * DeviceCMYK; annotations removed; the GTS_PDFX OutputIntent with the
 * embedded CMYK profile; the PDF/X XMP and /Trapped /False. */
#include "finish/finish.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "finish/content_policies.h"
#include "finish/finish_doc.h"
#include "finish/font_widths.h"

typedef struct {
    qpdf_data q;
    press_palette *pal;
    qpdf_oh srgb;          /* [/ICCBased stream] */
    GHashTable *seen;      /* object ids done */
} press_walk;

/* The keys of a dictionary (qpdf iterates one dictionary at a time, and
 * the walk recurses). */
static GPtrArray *dict_keys(qpdf_data q, qpdf_oh dict)
{
    GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
    if (!qpdf_oh_is_dictionary(q, dict))
        return keys;
    qpdf_oh_begin_dict_key_iter(q, dict);
    while (qpdf_oh_dict_more_keys(q))
        g_ptr_array_add(keys, g_strdup(qpdf_oh_dict_next_key(q)));
    return keys;
}

static bool first_visit(press_walk *w, qpdf_oh o)
{
    if (!qpdf_oh_is_indirect(w->q, o))
        return true;
    int id = qpdf_oh_get_object_id(w->q, o);
    if (g_hash_table_contains(w->seen, GINT_TO_POINTER(id)))
        return false;
    g_hash_table_add(w->seen, GINT_TO_POINTER(id));
    return true;
}

/* /ColorSpace /DeviceRGB (or an Indexed space over it) -> ICCBased sRGB */
static void fix_colour_space(press_walk *w, qpdf_oh dict)
{
    qpdf_data q = w->q;
    qpdf_oh cs = qpdf_oh_get_key(q, dict, "/ColorSpace");
    if (qpdf_oh_is_name_and_equals(q, cs, "/DeviceRGB")) {
        qpdf_oh_replace_key(q, dict, "/ColorSpace", w->srgb);
    } else if (qpdf_oh_is_array(q, cs) && qpdf_oh_get_array_n_items(q, cs) >= 2 &&
               qpdf_oh_is_name_and_equals(q, qpdf_oh_get_array_item(q, cs, 0), "/Indexed") &&
               qpdf_oh_is_name_and_equals(q, qpdf_oh_get_array_item(q, cs, 1), "/DeviceRGB")) {
        qpdf_oh_set_array_item(q, cs, 1, w->srgb);
    }
}

/* A transparency group blends in the output intent's space. */
static void fix_group(press_walk *w, qpdf_oh dict)
{
    qpdf_data q = w->q;
    qpdf_oh g = qpdf_oh_get_key(q, dict, "/Group");
    if (qpdf_oh_is_dictionary(q, g) &&
        qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, g, "/CS"), "/DeviceRGB"))
        qpdf_oh_replace_key(q, g, "/CS", qpdf_oh_new_name(q, "/DeviceCMYK"));
}

static void walk_resources(press_walk *w, qpdf_oh res, int depth);

/* Rewrites a content stream's colours and adds the overprint states it
 * names to res. */
static void rewrite_content(press_walk *w, const unsigned char *data, size_t len, qpdf_oh res,
                            GString *out)
{
    qpdf_data q = w->q;
    bool used[4] = {false, false, false, false};
    content_to_cmyk(data, len, w->pal, out, used);
    if (!(used[0] || used[1] || used[2] || used[3]))
        return;
    qpdf_oh gs = qpdf_oh_get_key(q, res, "/ExtGState");
    if (!qpdf_oh_is_dictionary(q, gs)) {
        gs = qpdf_oh_new_dictionary(q);
        qpdf_oh_replace_key(q, res, "/ExtGState", gs);
    }
    for (int i = 0; i < 4; i++) {
        if (!used[i])
            continue;
        char name[16], def[128];
        g_snprintf(name, sizeof name, "/FolioOP%d%d", i >> 1, i & 1);
        g_snprintf(def, sizeof def, "<< /Type /ExtGState /op %s /OP %s /OPM 1 >>",
                   (i >> 1) ? "true" : "false", (i & 1) ? "true" : "false");
        qpdf_oh_replace_key(q, gs, name, qpdf_oh_parse(q, def));
    }
}

/* A Form XObject or tiling pattern: its content, group and resources. */
static void walk_content_stream(press_walk *w, qpdf_oh s, int depth)
{
    qpdf_data q = w->q;
    qpdf_oh dict = qpdf_oh_get_dict(q, s);
    qpdf_oh res = qpdf_oh_get_key(q, dict, "/Resources");
    if (!qpdf_oh_is_dictionary(q, res)) {
        res = qpdf_oh_new_dictionary(q);
        qpdf_oh_replace_key(q, dict, "/Resources", res);
    }
    unsigned char *data = NULL;
    size_t len = 0;
    QPDF_BOOL filtered = QPDF_FALSE;
    if (!(qpdf_oh_get_stream_data(q, s, qpdf_dl_generalized, &filtered, &data, &len) &
          QPDF_ERRORS) &&
        filtered) {
        GString *out = g_string_new(NULL);
        rewrite_content(w, data, len, res, out);
        qpdf_oh_replace_stream_data(q, s, (const unsigned char *)out->str, out->len,
                                    qpdf_oh_new_null(q), qpdf_oh_new_null(q));
        g_string_free(out, TRUE);
    }
    free(data);
    fix_group(w, dict);
    walk_resources(w, res, depth + 1);
}

static void walk_xobject(press_walk *w, qpdf_oh x, int depth)
{
    qpdf_data q = w->q;
    if (!qpdf_oh_is_stream(q, x) || !first_visit(w, x))
        return;
    qpdf_oh dict = qpdf_oh_get_dict(q, x);
    qpdf_oh sub = qpdf_oh_get_key(q, dict, "/Subtype");
    if (qpdf_oh_is_name_and_equals(q, sub, "/Image")) {
        fix_colour_space(w, dict);
    } else if (qpdf_oh_is_name_and_equals(q, sub, "/Form")) {
        walk_content_stream(w, x, depth);
    }
}

static void walk_shading(press_walk *w, qpdf_oh sh)
{
    qpdf_data q = w->q;
    if (!first_visit(w, sh))
        return;
    qpdf_oh dict = qpdf_oh_is_stream(q, sh) ? qpdf_oh_get_dict(q, sh) : sh;
    if (qpdf_oh_is_dictionary(q, dict))
        fix_colour_space(w, dict);
}

static void walk_resources(press_walk *w, qpdf_oh res, int depth)
{
    qpdf_data q = w->q;
    if (depth > 32 || !qpdf_oh_is_dictionary(q, res))
        return;
    static const char *const kinds[] = {"/XObject", "/Shading", "/Pattern", "/ExtGState"};
    for (size_t k = 0; k < G_N_ELEMENTS(kinds); k++) {
        qpdf_oh sub = qpdf_oh_get_key(q, res, kinds[k]);
        GPtrArray *keys = dict_keys(q, sub);
        for (guint i = 0; i < keys->len; i++) {
            qpdf_oh o = qpdf_oh_get_key(q, sub, g_ptr_array_index(keys, i));
            if (k == 0) {
                walk_xobject(w, o, depth);
            } else if (k == 1) {
                walk_shading(w, o);
            } else if (k == 2) {
                if (qpdf_oh_is_stream(q, o)) { /* tiling pattern */
                    if (first_visit(w, o))
                        walk_content_stream(w, o, depth);
                } else if (qpdf_oh_is_dictionary(q, o)) {
                    walk_shading(w, qpdf_oh_get_key(q, o, "/Shading"));
                }
            } else {
                /* soft masks draw their group like any Form XObject */
                qpdf_oh mask = qpdf_oh_get_key(q, o, "/SMask");
                if (qpdf_oh_is_dictionary(q, mask))
                    walk_xobject(w, qpdf_oh_get_key(q, mask, "/G"), depth);
            }
        }
        g_ptr_array_free(keys, TRUE);
    }
}

/* A page box, its corners rounded inward to a thousandth of a point:
 * PDF/X wants the TrimBox within the BleedBox within the MediaBox, and the
 * BleedBox of a sheet without marks is the whole MediaBox (which cairo
 * writes to a millionth), so a corner rounded outward would stick out. */
static qpdf_oh box(qpdf_data q, double x0, double y0, double x1, double y1)
{
    char text[160];
    char a[4][G_ASCII_DTOSTR_BUF_SIZE];
    g_ascii_formatd(a[0], sizeof a[0], "%.3f", ceil(x0 * 1000) / 1000);
    g_ascii_formatd(a[1], sizeof a[1], "%.3f", ceil(y0 * 1000) / 1000);
    g_ascii_formatd(a[2], sizeof a[2], "%.3f", floor(x1 * 1000) / 1000);
    g_ascii_formatd(a[3], sizeof a[3], "%.3f", floor(y1 * 1000) / 1000);
    g_snprintf(text, sizeof text, "[%s %s %s %s]", a[0], a[1], a[2], a[3]);
    return qpdf_oh_parse(q, text);
}

static void add_output_intent(qpdf_data q, const finish_press_options *o)
{
    size_t len = 0;
    const unsigned char *icc = press_profile_bytes(o->profile, &len);
    qpdf_oh prof = finish_new_stream(q, icc, len);
    qpdf_oh_replace_key(q, qpdf_oh_get_dict(q, prof), "/N", qpdf_oh_new_integer(q, 4));
    qpdf_oh intent = qpdf_oh_parse(q, "<< /Type /OutputIntent /S /GTS_PDFX >>");
    const char *desc = press_profile_description(o->profile);
    /* Never a name the profile is not: without a named condition it is
     * Custom, described by the profile's own description. */
    const char *id = o->condition && *o->condition && !o->default_profile ? o->condition : "Custom";
    qpdf_oh_replace_key(q, intent, "/OutputConditionIdentifier", qpdf_oh_new_unicode_string(q, id));
    char *cond = o->default_profile
                     ? g_strdup_printf("%s (Ghostscript default_cmyk.icc, SWOP-like; "
                                       "not the printer's condition)", desc)
                     : g_strdup(desc);
    qpdf_oh_replace_key(q, intent, "/OutputCondition", qpdf_oh_new_unicode_string(q, cond));
    qpdf_oh_replace_key(q, intent, "/Info", qpdf_oh_new_unicode_string(q, cond));
    g_free(cond);
    if (o->condition && *o->condition && !o->default_profile)
        qpdf_oh_replace_key(q, intent, "/RegistryName",
                            qpdf_oh_new_string(q, "http://www.color.org"));
    qpdf_oh_replace_key(q, intent, "/DestOutputProfile", prof);
    qpdf_oh list = qpdf_oh_new_array(q);
    qpdf_oh_append_item(q, list, intent);
    qpdf_oh_replace_key(q, qpdf_get_root(q), "/OutputIntents", list);
}

bool finish_press(const void *pdf, size_t len, const char *out, const finish_meta *m,
                  const finish_press_options *o, diag_list *d)
{
    qpdf_data q = finish_open(out, pdf, len, d);
    if (!q)
        return false;
    press_walk w = {.q = q, .pal = o->palette,
                    .seen = g_hash_table_new(g_direct_hash, g_direct_equal)};
    size_t slen = 0;
    const unsigned char *srgb = press_profile_srgb(o->profile, &slen);
    qpdf_oh srgb_stream = finish_new_stream(q, srgb, slen);
    qpdf_oh_replace_key(q, qpdf_oh_get_dict(q, srgb_stream), "/N", qpdf_oh_new_integer(q, 3));
    w.srgb = qpdf_oh_new_array(q);
    qpdf_oh_append_item(q, w.srgb, qpdf_oh_new_name(q, "/ICCBased"));
    qpdf_oh_append_item(q, w.srgb, srgb_stream);

    double t0 = o->margin + o->bleed, b0 = o->margin;
    int npages = qpdf_get_num_pages(q);
    GString *buf = g_string_new(NULL);
    for (int i = 0; i < npages; i++) {
        qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
        qpdf_oh res = qpdf_oh_get_key(q, page, "/Resources");
        if (!qpdf_oh_is_dictionary(q, res)) {
            res = qpdf_oh_new_dictionary(q);
            qpdf_oh_replace_key(q, page, "/Resources", res);
        }
        size_t clen = 0;
        unsigned char *data = finish_page_content(q, page, &clen);
        if (data) {
            g_string_truncate(buf, 0);
            rewrite_content(&w, data, clen, res, buf);
            finish_set_page_content(q, page, buf);
            free(data);
        }
        walk_resources(&w, res, 0);
        fix_group(&w, page);
        qpdf_oh_remove_key(q, page, "/Annots");
        qpdf_oh_replace_key(q, page, "/TrimBox", box(q, t0, t0, t0 + o->trim_w, t0 + o->trim_h));
        qpdf_oh_replace_key(q, page, "/BleedBox",
                            box(q, b0, b0, t0 + o->trim_w + o->bleed, t0 + o->trim_h + o->bleed));
    }
    g_string_free(buf, TRUE);
    g_hash_table_destroy(w.seen);
    finish_exact_widths(q);

    qpdf_oh root = qpdf_get_root(q);
    add_output_intent(q, o);
    /* the press edition is for the press: no structure, no links */
    qpdf_oh_remove_key(q, root, "/StructTreeRoot");
    qpdf_oh_remove_key(q, root, "/MarkInfo");
    finish_metadata(q, m, EDITION_PRESS,
                    " <pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>\n", NULL);
    return finish_write(q, out, "1.6", d);
}
