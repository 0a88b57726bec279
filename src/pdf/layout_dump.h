/* layout_dump.h - the layout as text, one box a line, for tests that check
 * the break rules (FOLIO_LAYOUT_DUMP=path). */
#ifndef FOLIO_PDF_LAYOUT_DUMP_H
#define FOLIO_PDF_LAYOUT_DUMP_H

#include "pdf/layout_article.h"

bool layout_dump_write(const pdf_document *doc, frame_nodes *nodes, const char *path);

#endif
