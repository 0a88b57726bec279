/* content_tokens.h - a tokeniser for PDF content streams (ISO 32000-1
 * 7.2, 7.8.2): numbers, names, strings, arrays, dictionaries, operators,
 * and inline images (BI ... ID data EI) as one token, so that their
 * binary data is never read as operators.  It never copies: a token is a
 * span of the buffer.  The finishing pass rewrites operators with it. */
#ifndef FOLIO_CONTENT_TOKENS_H
#define FOLIO_CONTENT_TOKENS_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    CT_END,          /* no more tokens */
    CT_NUMBER,
    CT_NAME,         /* /Name (the span includes the slash) */
    CT_STRING,       /* (literal), balanced parentheses and escapes */
    CT_HEX,          /* <hex> */
    CT_ARRAY_OPEN,   /* [ */
    CT_ARRAY_CLOSE,  /* ] */
    CT_DICT_OPEN,    /* << */
    CT_DICT_CLOSE,   /* >> */
    CT_OPERATOR,     /* a keyword: rg, BT, Tj, ', true, null... */
    CT_INLINE_IMAGE, /* BI ... ID data EI, whole */
    CT_BAD,          /* a byte that starts no token, or an unclosed string */
} ct_kind;

typedef struct {
    ct_kind kind;
    size_t start, len;   /* the token's bytes in the buffer */
} ct_token;

typedef struct {
    const unsigned char *buf;
    size_t len, pos;
} ct_reader;

void ct_init(ct_reader *r, const unsigned char *buf, size_t len);
/* The next token; CT_END at the end.  A CT_BAD token covers one byte (or
 * the rest of an unclosed string), so reading always moves on. */
ct_token ct_next(ct_reader *r);
/* True when token t is the operator op. */
bool ct_is_op(const ct_reader *r, ct_token t, const char *op);
/* The value of a CT_NUMBER token (0 for anything else). */
double ct_number(const ct_reader *r, ct_token t);
/* True when t is the name /name (name given without the slash). */
bool ct_is_name(const ct_reader *r, ct_token t, const char *name);

#endif
