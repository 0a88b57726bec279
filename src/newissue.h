/* newissue.h - `folio new DIR`: a new issue that builds at once. */
#ifndef FOLIO_NEWISSUE_H
#define FOLIO_NEWISSUE_H

#include "diag.h"
#include "locate.h"

/* Writes DIR/issue.yaml, DIR/first-article.md (every construct of the
 * format, with comments), DIR/images/picture.png and DIR/styles/<name>.ini
 * (a copy of the installed default style).  lang is the issue's BCP 47
 * language (already checked).  Refuses a DIR that already has an
 * issue.yaml.  Returns whether all was written. */
bool newissue_write(const char *dir, const char *lang, const locate_options *o, diag_list *d);
#endif
