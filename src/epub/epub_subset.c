/* epub_subset.c - a font file cut down to the characters a book uses
 * (HarfBuzz hb-subset) and renamed, as the SIL Open Font License asks of a
 * Modified Version: it must not carry a Reserved Font Name.
 *
 * Debian 12's HarfBuzz 6.0 does not export hb-subset's name-table
 * override, so the `name` table is rebuilt here and the font assembled
 * with hb_face_builder: the subset's other tables as hb-subset made them,
 * and a name table that keeps the copyright (ID 0), version (5), licence
 * (13) and licence URL (14) records as the designer wrote them and gives
 * the family (1, 4, 6, 3) the new name.  The Reserved Font Names are read
 * from the font's own copyright and licence records; a new name that
 * contains one is refused. */
#include "epub_book.h"

#include <glib.h>
#include <hb-subset.h>
#include <hb.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* reading the name table                                             */

typedef struct {
    guint16 platform, encoding, language, id;
    const unsigned char *bytes; /* into the table, or owned (see owned) */
    guint16 len;
    unsigned char *owned;
} name_record;

static guint16 be16(const unsigned char *p) { return (guint16)(p[0] << 8 | p[1]); }

/* The records of a name table (format 0 or 1), borrowing its bytes. */
static GArray *name_records(const unsigned char *t, size_t len)
{
    GArray *out = g_array_new(FALSE, TRUE, sizeof(name_record));
    if (len < 6)
        return out;
    size_t count = be16(t + 2), storage = be16(t + 4);
    for (size_t i = 0; i < count && 6 + 12 * (i + 1) <= len; i++) {
        const unsigned char *r = t + 6 + 12 * i;
        name_record nr = {be16(r), be16(r + 2), be16(r + 4), be16(r + 6), NULL, be16(r + 8),
                          NULL};
        size_t off = storage + be16(r + 10);
        if (off + nr.len > len)
            continue;
        nr.bytes = t + off;
        g_array_append_val(out, nr);
    }
    return out;
}

/* A record's text as UTF-8 (Windows/Unicode records are UTF-16BE, Mac
 * Roman ones are read as Latin-1, close enough for ASCII notices). */
static char *record_text(const name_record *r)
{
    if (r->platform == 0 || r->platform == 3)
        return g_convert((const char *)r->bytes, r->len, "UTF-8", "UTF-16BE", NULL, NULL, NULL);
    return g_convert((const char *)r->bytes, r->len, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
}

/* The text of name ID id, English Windows record first. */
static char *name_text(GArray *recs, guint16 id)
{
    const name_record *best = NULL;
    for (guint i = 0; i < recs->len; i++) {
        const name_record *r = &g_array_index(recs, name_record, i);
        if (r->id != id)
            continue;
        if (!best || (r->platform == 3 && r->language == 0x409))
            best = r;
    }
    return best ? record_text(best) : NULL;
}

/* The Reserved Font Names declared in text: the quoted names right after
 * "Reserved Font Name(s)" ("... with Reserved Font Names "Charis" and
 * "SIL".), joined by commas and "and". */
static void reserved_names(const char *text, GPtrArray *out)
{
    if (!text)
        return;
    char *low = g_ascii_strdown(text, -1);
    static const char phrase[] = "reserved font name";
    for (const char *p = strstr(low, phrase); p; p = strstr(p + 1, phrase)) {
        const char *q = text + (p - low) + strlen(phrase);
        if (*q == 's')
            q++;
        for (;;) {
            while (*q == ' ' || *q == ',' || *q == '\n')
                q++;
            if (!g_ascii_strncasecmp(q, "and ", 4)) {
                q += 4;
                continue;
            }
            const char *open = NULL, *close = NULL;
            if (*q == '"') {
                open = q + 1;
                close = strchr(open, '"');
            } else if (g_str_has_prefix(q, "\xe2\x80\x9c")) {
                open = q + 3;
                close = strstr(open, "\xe2\x80\x9d");
            }
            if (!open || !close || close == open || close - open > 64)
                break;
            char *name = g_strndup(open, (gsize)(close - open));
            bool dup = false;
            for (guint i = 0; i < out->len && !dup; i++)
                dup = !g_ascii_strcasecmp(g_ptr_array_index(out, i), name);
            if (dup)
                g_free(name);
            else
                g_ptr_array_add(out, name);
            q = close + (*close == '"' ? 1 : 3);
        }
    }
    g_free(low);
}

/* ------------------------------------------------------------------ */
/* writing the name table                                             */

static name_record new_record(guint16 id, const char *utf8)
{
    gsize n = 0;
    char *b = g_convert(utf8, -1, "UTF-16BE", "UTF-8", NULL, &n, NULL);
    name_record r = {3, 1, 0x409, id, (const unsigned char *)b, (guint16)MIN(n, 0xfff0),
                     (unsigned char *)b};
    return r;
}

static int cmp_record(const void *a, const void *b)
{
    const name_record *x = a, *y = b;
    if (x->platform != y->platform)
        return x->platform - y->platform;
    if (x->encoding != y->encoding)
        return x->encoding - y->encoding;
    if (x->language != y->language)
        return x->language - y->language;
    return x->id - y->id;
}

static void put16(GByteArray *a, guint16 v)
{
    guint8 b[2] = {(guint8)(v >> 8), (guint8)v};
    g_byte_array_append(a, b, 2);
}

static hb_blob_t *name_table(GArray *recs)
{
    g_array_sort(recs, cmp_record);
    GByteArray *head = g_byte_array_new(), *strings = g_byte_array_new();
    put16(head, 0);
    put16(head, (guint16)recs->len);
    put16(head, (guint16)(6 + 12 * recs->len));
    for (guint i = 0; i < recs->len; i++) {
        const name_record *r = &g_array_index(recs, name_record, i);
        put16(head, r->platform);
        put16(head, r->encoding);
        put16(head, r->language);
        put16(head, r->id);
        put16(head, r->len);
        put16(head, (guint16)strings->len);
        g_byte_array_append(strings, r->bytes, r->len);
    }
    g_byte_array_append(head, strings->data, strings->len);
    g_byte_array_free(strings, TRUE);
    guint len = head->len;
    guint8 *data = g_byte_array_free(head, FALSE);
    return hb_blob_create((const char *)data, len, HB_MEMORY_MODE_WRITABLE, data, g_free);
}

/* ------------------------------------------------------------------ */

static char *postscript_name(const char *family, const char *style)
{
    GString *s = g_string_new(NULL);
    for (const char *p = family; *p; p++)
        if (g_ascii_isalnum(*p))
            g_string_append_c(s, *p);
    g_string_append_c(s, '-');
    for (const char *p = style; *p; p++)
        if (g_ascii_isalnum(*p))
            g_string_append_c(s, *p);
    return g_string_free(s, FALSE);
}

static bool contains_reserved(const char *name, GPtrArray *rfn, const char **which)
{
    char *low = g_utf8_casefold(name, -1);
    bool hit = false;
    for (guint i = 0; i < rfn->len && !hit; i++) {
        char *r = g_utf8_casefold(g_ptr_array_index(rfn, i), -1);
        hit = strstr(low, r) != NULL;
        if (hit)
            *which = g_ptr_array_index(rfn, i);
        g_free(r);
    }
    g_free(low);
    return hit;
}

bool epub_subset_font(const unsigned char *data, size_t len, const gunichar *chars, size_t n,
                      const char *new_family, epub_subset *out, char **error)
{
    memset(out, 0, sizeof *out);
    hb_blob_t *blob = hb_blob_create((const char *)data, (unsigned)len,
                                     HB_MEMORY_MODE_READONLY, NULL, NULL);
    hb_face_t *face = hb_face_create(blob, 0);
    hb_blob_destroy(blob);
    bool ok = false;
    hb_face_t *sub = NULL, *builder = NULL;
    hb_blob_t *name_blob = hb_face_reference_table(face, HB_TAG('n', 'a', 'm', 'e'));
    unsigned name_len = 0;
    const unsigned char *name_data =
        (const unsigned char *)hb_blob_get_data(name_blob, &name_len);
    GArray *recs = name_records(name_data, name_len);
    GArray *keep = g_array_new(FALSE, TRUE, sizeof(name_record));
    GPtrArray *rfn = g_ptr_array_new_with_free_func(g_free);

    out->copyright = name_text(recs, 0);
    out->licence = name_text(recs, 13);
    out->licence_url = name_text(recs, 14);
    out->version = name_text(recs, 5);
    out->original_family = name_text(recs, 16);
    if (!out->original_family)
        out->original_family = name_text(recs, 1);
    char *style_name = name_text(recs, 17);
    if (!style_name)
        style_name = name_text(recs, 2);
    if (!style_name)
        style_name = g_strdup("Regular");
    reserved_names(out->copyright, rfn);
    reserved_names(out->licence, rfn);
    g_ptr_array_add(rfn, NULL);
    out->reserved = g_strdupv((char **)rfn->pdata);
    g_ptr_array_remove_index(rfn, rfn->len - 1);
    const char *hit = NULL;
    if (contains_reserved(new_family, rfn, &hit)) {
        *error = g_strdup_printf("the subset's family name \"%s\" contains the Reserved Font "
                                 "Name \"%s\" of %s (the OFL forbids it in a modified font; "
                                 "subsets are named after the style: rename the style)",
                                 new_family, hit,
                                 out->original_family ? out->original_family : "the font");
        goto done;
    }

    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in) {
        *error = g_strdup("hb-subset: out of memory");
        goto done;
    }
    hb_set_t *u = hb_subset_input_unicode_set(in);
    for (size_t i = 0; i < n; i++)
        hb_set_add(u, chars[i]);
    /* Hinting instructions are most of a TrueType file and reading
     * systems rasterise without them. */
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
    sub = hb_subset_or_fail(face, in);
    hb_subset_input_destroy(in);
    if (!sub) {
        *error = g_strdup("hb-subset could not subset the font");
        goto done;
    }

    /* The name table: licence records as written, the rest renamed. */
    for (guint i = 0; i < recs->len; i++) {
        const name_record *r = &g_array_index(recs, name_record, i);
        if (r->id == 0 || r->id == 2 || r->id == 5 || r->id == 13 || r->id == 14) {
            name_record k = *r;
            k.owned = NULL;
            g_array_append_val(keep, k);
        }
    }
    char *full = g_strdup_printf("%s %s", new_family, style_name);
    char *ps = postscript_name(new_family, style_name);
    char *unique = g_strdup_printf("%s; %s; subset of %s by folio", ps,
                                   out->version ? out->version : "",
                                   out->original_family ? out->original_family : "?");
    name_record fresh[] = {new_record(1, new_family), new_record(3, unique),
                           new_record(4, full), new_record(6, ps)};
    /* ID 2 must be there for a valid font even if the original lacked it. */
    bool has2 = false;
    for (guint i = 0; i < keep->len; i++)
        has2 = has2 || g_array_index(keep, name_record, i).id == 2;
    g_array_append_vals(keep, fresh, G_N_ELEMENTS(fresh));
    if (!has2) {
        name_record r2 = new_record(2, "Regular");
        g_array_append_val(keep, r2);
    }
    g_free(full);
    g_free(ps);
    g_free(unique);

    /* A face hb-subset built cannot list its tables (HarfBuzz 6.0): read
     * the tables back from its serialised bytes. */
    hb_blob_t *sub_blob = hb_face_reference_blob(sub);
    hb_face_destroy(sub);
    sub = hb_face_create(sub_blob, 0);
    hb_blob_destroy(sub_blob);
    builder = hb_face_builder_create();
    hb_tag_t tags[64];
    unsigned start = 0, count;
    do {
        count = G_N_ELEMENTS(tags);
        hb_face_get_table_tags(sub, start, &count, tags);
        for (unsigned i = 0; i < count; i++) {
            if (tags[i] == HB_TAG('n', 'a', 'm', 'e'))
                continue;
            hb_blob_t *t = hb_face_reference_table(sub, tags[i]);
            hb_face_builder_add_table(builder, tags[i], t);
            hb_blob_destroy(t);
        }
        start += count;
    } while (count == G_N_ELEMENTS(tags));
    hb_blob_t *nt = name_table(keep);
    hb_face_builder_add_table(builder, HB_TAG('n', 'a', 'm', 'e'), nt);
    hb_blob_destroy(nt);
    hb_blob_t *font = hb_face_reference_blob(builder);
    unsigned flen = 0;
    const char *fdata = hb_blob_get_data(font, &flen);
    if (flen > 0) {
        out->data = g_memdup2(fdata, flen);
        out->len = flen;
        ok = true;
    } else {
        *error = g_strdup("hb_face_builder made an empty font");
    }
    hb_blob_destroy(font);

done:
    for (guint i = 0; i < keep->len; i++)
        g_free(g_array_index(keep, name_record, i).owned);
    g_array_free(keep, TRUE);
    g_array_free(recs, TRUE);
    g_ptr_array_free(rfn, TRUE);
    g_free(style_name);
    hb_blob_destroy(name_blob);
    if (builder)
        hb_face_destroy(builder);
    if (sub)
        hb_face_destroy(sub);
    hb_face_destroy(face);
    if (!ok)
        epub_subset_clear(out);
    return ok;
}

void epub_subset_clear(epub_subset *s)
{
    g_free(s->data);
    g_free(s->copyright);
    g_free(s->licence);
    g_free(s->licence_url);
    g_free(s->version);
    g_free(s->original_family);
    g_strfreev(s->reserved);
    memset(s, 0, sizeof *s);
}
