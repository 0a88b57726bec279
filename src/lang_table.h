/* lang_table.h - the ISO 639 codes, generated at build time from Debian's
 * iso-codes by scripts/gen-iso639.sh (build/gen/lang_codes.c). */
#ifndef FOLIO_LANG_TABLE_H
#define FOLIO_LANG_TABLE_H

typedef struct {
    const char *alpha3;  /* ISO 639-3, lower case; the table is sorted by it */
    const char *alpha2;  /* ISO 639-1, or "" */
    const char *name;    /* English name */
} lang_code;

extern const lang_code lang_codes[];
extern const unsigned lang_code_count;
#endif
