/* finish_doc.c - libqpdf plumbing, document information and XMP. */
#include "finish/finish_doc.h"

#include <stdlib.h>
#include <string.h>

#ifndef FOLIO_VERSION
#define FOLIO_VERSION "dev"
#endif

static void report(qpdf_data q, const char *path, const char *what, diag_list *d)
{
    src_pos at = {path, 0, 0};
    qpdf_error e = qpdf_get_error(q);
    diag_error(d, at, "%s: %s", what, e ? qpdf_get_error_full_text(q, e) : "libqpdf failed");
}

qpdf_data finish_open(const char *what, const void *pdf, size_t len, diag_list *d)
{
    qpdf_data q = qpdf_init();
    qpdf_silence_errors(q);
    qpdf_set_suppress_warnings(q, QPDF_TRUE);
    if (qpdf_read_memory(q, what, pdf, (unsigned long long)len, NULL) & QPDF_ERRORS) {
        report(q, what, "cannot read the drawn PDF back", d);
        qpdf_cleanup(&q);
        return NULL;
    }
    return q;
}

bool finish_write(qpdf_data q, const char *out, const char *version, diag_list *d)
{
    bool ok = !(qpdf_init_write(q, out) & QPDF_ERRORS);
    if (ok) {
        qpdf_set_deterministic_ID(q, QPDF_TRUE);
        qpdf_set_stream_data_mode(q, qpdf_s_compress);
        qpdf_set_object_stream_mode(q, qpdf_o_generate);
        qpdf_force_pdf_version(q, version);
        ok = !(qpdf_write(q) & QPDF_ERRORS);
    }
    if (!ok || qpdf_has_error(q)) {
        report(q, out, "cannot write the finished PDF", d);
        ok = false;
    }
    qpdf_cleanup(&q);
    return ok;
}

qpdf_oh finish_new_stream(qpdf_data q, const void *data, size_t len)
{
    qpdf_oh s = qpdf_oh_new_stream(q);
    qpdf_oh_replace_stream_data(q, s, data, len, qpdf_oh_new_null(q), qpdf_oh_new_null(q));
    return s;
}

unsigned char *finish_page_content(qpdf_data q, qpdf_oh page, size_t *len)
{
    unsigned char *buf = NULL;
    *len = 0;
    if (qpdf_oh_get_page_content_data(q, page, &buf, len) & QPDF_ERRORS) {
        free(buf);
        *len = 0;
        return NULL;
    }
    return buf;
}

void finish_set_page_content(qpdf_data q, qpdf_oh page, const GString *data)
{
    qpdf_oh s = finish_new_stream(q, data->str, data->len);
    qpdf_oh_replace_key(q, page, "/Contents", s);
}

void finish_xml_text(GString *s, const char *text)
{
    char *e = g_markup_escape_text(text ? text : "", -1);
    g_string_append(s, e);
    g_free(e);
}

static void pdf_date(char *buf, size_t n, time_t t, bool xmp)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, n, xmp ? "%Y-%m-%dT%H:%M:%S+00:00" : "D:%Y%m%d%H%M%S+00'00'", &tm);
}

/* A UUID (RFC 4122 version 5 layout) from a name: the same document
 * gets the same identifiers on every build. */
static void uuid_from(char *buf, const char *name)
{
    GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA1);
    g_checksum_update(ck, (const guchar *)name, -1);
    guint8 h[20];
    gsize n = sizeof h;
    g_checksum_get_digest(ck, h, &n);
    g_checksum_free(ck);
    h[6] = (h[6] & 0x0f) | 0x50;
    h[8] = (h[8] & 0x3f) | 0x80;
    g_snprintf(buf, 48,
               "uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
               h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9], h[10], h[11], h[12],
               h[13], h[14], h[15]);
}

static void set_info(qpdf_data q, qpdf_oh info, const char *key, const char *value)
{
    if (value && *value)
        qpdf_oh_replace_key(q, info, key, qpdf_oh_new_unicode_string(q, value));
}

void finish_metadata(qpdf_data q, const finish_meta *m, finish_edition e, const char *extra_xmp,
                     const char *seed)
{
    const char *producer = "folio " FOLIO_VERSION " (cairo, libqpdf)";
    char date[64], xdate[64];
    pdf_date(date, sizeof date, m->date, false);
    pdf_date(xdate, sizeof xdate, m->date, true);
    /* the information dictionary, made anew: cairo's dates and producer
     * would contradict the XMP */
    qpdf_oh info = qpdf_make_indirect_object(q, qpdf_oh_new_dictionary(q));
    qpdf_oh_replace_key(q, qpdf_get_trailer(q), "/Info", info);
    set_info(q, info, "/Title", m->title);
    set_info(q, info, "/Author", m->author);
    set_info(q, info, "/Subject", m->subject);
    set_info(q, info, "/Keywords", m->keywords);
    set_info(q, info, "/Creator", "folio " FOLIO_VERSION);
    set_info(q, info, "/Producer", producer);
    qpdf_oh_replace_key(q, info, "/CreationDate", qpdf_oh_new_string(q, date));
    qpdf_oh_replace_key(q, info, "/ModDate", qpdf_oh_new_string(q, date));
    if (e == EDITION_PRESS) {
        qpdf_oh_replace_key(q, info, "/Trapped", qpdf_oh_new_name(q, "/False"));
        qpdf_oh_replace_key(q, info, "/GTS_PDFXVersion",
                            qpdf_oh_new_string(q, "PDF/X-4"));
    }

    char doc_id[48], inst_id[48];
    char *name = g_strdup_printf("folio\n%s\n%s\n%lld\n%s", m->title ? m->title : "",
                                 e == EDITION_PRESS ? "press" : "reading", (long long)m->date,
                                 seed ? seed : "");
    uuid_from(doc_id, name);
    char *iname = g_strconcat(name, "\ninstance", NULL);
    uuid_from(inst_id, iname);
    g_free(iname);
    g_free(name);

    GString *x = g_string_new("<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                              "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                              "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                              "<rdf:Description rdf:about=\"\"\n"
                              "  xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                              "  xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                              "  xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
                              "  xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\"\n"
                              "  xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\"\n"
                              "  xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
                              " <dc:format>application/pdf</dc:format>\n"
                              " <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
    finish_xml_text(x, m->title);
    g_string_append(x, "</rdf:li></rdf:Alt></dc:title>\n");
    if (m->author && *m->author) {
        g_string_append(x, " <dc:creator><rdf:Seq><rdf:li>");
        finish_xml_text(x, m->author);
        g_string_append(x, "</rdf:li></rdf:Seq></dc:creator>\n");
    }
    if (m->subject && *m->subject) {
        g_string_append(x, " <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
        finish_xml_text(x, m->subject);
        g_string_append(x, "</rdf:li></rdf:Alt></dc:description>\n");
    }
    if (m->lang && *m->lang) {
        g_string_append(x, " <dc:language><rdf:Bag><rdf:li>");
        finish_xml_text(x, m->lang);
        g_string_append(x, "</rdf:li></rdf:Bag></dc:language>\n");
    }
    g_string_append_printf(x,
                           " <xmp:CreateDate>%s</xmp:CreateDate>\n"
                           " <xmp:ModifyDate>%s</xmp:ModifyDate>\n"
                           " <xmp:MetadataDate>%s</xmp:MetadataDate>\n"
                           " <xmp:CreatorTool>folio " FOLIO_VERSION "</xmp:CreatorTool>\n"
                           " <pdf:Producer>%s</pdf:Producer>\n",
                           xdate, xdate, xdate, producer);
    if (m->keywords && *m->keywords) {
        g_string_append(x, " <pdf:Keywords>");
        finish_xml_text(x, m->keywords);
        g_string_append(x, "</pdf:Keywords>\n");
    }
    if (e == EDITION_PRESS)
        g_string_append(x, " <pdf:Trapped>False</pdf:Trapped>\n");
    g_string_append_printf(x,
                           " <xmpMM:DocumentID>%s</xmpMM:DocumentID>\n"
                           " <xmpMM:InstanceID>%s</xmpMM:InstanceID>\n"
                           " <xmpMM:VersionID>1</xmpMM:VersionID>\n"
                           " <xmpMM:RenditionClass>default</xmpMM:RenditionClass>\n",
                           doc_id, inst_id);
    g_string_append(x, extra_xmp ? extra_xmp : "");
    g_string_append(x, "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n");
    /* room to edit the packet in place, as the XMP specification asks */
    for (int i = 0; i < 20; i++)
        g_string_append(x, "                                                                                                   \n");
    g_string_append(x, "<?xpacket end=\"w\"?>");
    qpdf_oh meta = finish_new_stream(q, x->str, x->len);
    qpdf_oh dict = qpdf_oh_get_dict(q, meta);
    qpdf_oh_replace_key(q, dict, "/Type", qpdf_oh_new_name(q, "/Metadata"));
    qpdf_oh_replace_key(q, dict, "/Subtype", qpdf_oh_new_name(q, "/XML"));
    qpdf_oh_replace_key(q, qpdf_get_root(q), "/Metadata", meta);
    g_string_free(x, TRUE);
}
