/* finish_doc.h - what both editions' finishing shares: opening and
 * writing with libqpdf, the document information and the XMP packet. */
#ifndef FOLIO_FINISH_DOC_H
#define FOLIO_FINISH_DOC_H

#include <qpdf/qpdf-c.h>

#include "finish/finish.h"

typedef enum { EDITION_READING, EDITION_PRESS } finish_edition;

/* Reads the drawn PDF from memory (kept by the caller until written);
 * NULL with an error in d. */
qpdf_data finish_open(const char *what, const void *pdf, size_t len, diag_list *d);
/* Writes out (deterministic /ID, compressed, object streams) at the PDF
 * version given; frees q.  False with an error in d. */
bool finish_write(qpdf_data q, const char *out, const char *version, diag_list *d);
/* Sets the document information and attaches the XMP packet to the
 * catalog; the two say the same.  extra_xmp: more properties (inside the
 * rdf:Description), may be "". */
void finish_metadata(qpdf_data q, const finish_meta *m, finish_edition e, const char *extra_xmp,
                     const char *seed);
/* A new stream holding data (filtered by nothing: qpdf compresses on write). */
qpdf_oh finish_new_stream(qpdf_data q, const void *data, size_t len);
/* A page's content, decoded and concatenated; caller free()s. */
unsigned char *finish_page_content(qpdf_data q, qpdf_oh page, size_t *len);
/* Replaces the page's content with data (one stream). */
void finish_set_page_content(qpdf_data q, qpdf_oh page, const GString *data);
/* Writes /CIDToGIDMap /Identity into every CIDFontType2 that has none (the
 * default written out, as PDF/UA-1 and PDF/A want; finish_fonts.c). */
void finish_font_maps(qpdf_data q);
/* Appends the XML-escaped text to s. */
void finish_xml_text(GString *s, const char *text);

#endif
