/* pdf_update.h - what cairo 1.16 cannot write, added to the finished PDF
 * as one incremental update: the document language (/Lang in the catalog)
 * and the alternative text of figures (/Alt on Figure elements). */
#ifndef FOLIO_PDF_UPDATE_H
#define FOLIO_PDF_UPDATE_H

#include <glib.h>

#include "diag.h"

/* lang may be NULL; alts holds one char* per figure in document order.
 * Leaves the file unchanged (with a warning) when its structure is not
 * the classic cross-reference table cairo writes. */
bool pdf_update_file(const char *path, const char *lang, GPtrArray *alts, diag_list *d);

#endif
