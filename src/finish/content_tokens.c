/* content_tokens.c - PDF content stream tokens. */
#include "finish/content_tokens.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\0';
}

static bool is_delim(unsigned char c)
{
    return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' ||
           c == '}' || c == '/' || c == '%';
}

static bool is_regular(unsigned char c)
{
    return !is_space(c) && !is_delim(c);
}

void ct_init(ct_reader *r, const unsigned char *buf, size_t len)
{
    r->buf = buf;
    r->len = len;
    r->pos = 0;
}

static void skip_space(ct_reader *r)
{
    while (r->pos < r->len) {
        unsigned char c = r->buf[r->pos];
        if (is_space(c)) {
            r->pos++;
        } else if (c == '%') {
            while (r->pos < r->len && r->buf[r->pos] != '\n' && r->buf[r->pos] != '\r')
                r->pos++;
        } else {
            break;
        }
    }
}

static ct_token make(ct_reader *r, ct_kind k, size_t start)
{
    return (ct_token){k, start, r->pos - start};
}

/* After "ID" and one white-space byte: binary data up to "EI" standing
 * alone (white space before it, white space or the end after it). */
static void skip_inline_data(ct_reader *r)
{
    if (r->pos < r->len)
        r->pos++; /* the single white-space byte after ID */
    while (r->pos + 1 < r->len) {
        const unsigned char *p = r->buf + r->pos;
        if (p[0] == 'E' && p[1] == 'I' && r->pos > 0 && is_space(p[-1]) &&
            (r->pos + 2 == r->len || is_space(p[2]))) {
            r->pos += 2;
            return;
        }
        r->pos++;
    }
    r->pos = r->len;
}

ct_token ct_next(ct_reader *r)
{
    skip_space(r);
    size_t start = r->pos;
    if (r->pos >= r->len)
        return make(r, CT_END, start);
    unsigned char c = r->buf[r->pos];
    if (c == '(') {
        int depth = 0;
        while (r->pos < r->len) {
            unsigned char x = r->buf[r->pos++];
            if (x == '\\') {
                if (r->pos < r->len)
                    r->pos++;
            } else if (x == '(') {
                depth++;
            } else if (x == ')' && --depth == 0) {
                return make(r, CT_STRING, start);
            }
        }
        return make(r, CT_BAD, start);
    }
    if (c == '<' && r->pos + 1 < r->len && r->buf[r->pos + 1] == '<') {
        r->pos += 2;
        return make(r, CT_DICT_OPEN, start);
    }
    if (c == '>' && r->pos + 1 < r->len && r->buf[r->pos + 1] == '>') {
        r->pos += 2;
        return make(r, CT_DICT_CLOSE, start);
    }
    if (c == '<') {
        while (r->pos < r->len && r->buf[r->pos] != '>')
            r->pos++;
        if (r->pos >= r->len)
            return make(r, CT_BAD, start);
        r->pos++;
        return make(r, CT_HEX, start);
    }
    if (c == '[' || c == ']') {
        r->pos++;
        return make(r, c == '[' ? CT_ARRAY_OPEN : CT_ARRAY_CLOSE, start);
    }
    if (c == '/') {
        r->pos++;
        while (r->pos < r->len && is_regular(r->buf[r->pos]))
            r->pos++;
        return make(r, CT_NAME, start);
    }
    if (!is_regular(c)) { /* ) > { } on their own */
        r->pos++;
        return make(r, CT_BAD, start);
    }
    while (r->pos < r->len && is_regular(r->buf[r->pos]))
        r->pos++;
    const unsigned char *w = r->buf + start;
    size_t n = r->pos - start;
    bool number = true, digit = false;
    for (size_t i = 0; i < n && number; i++) {
        if (w[i] >= '0' && w[i] <= '9')
            digit = true;
        else if (!(w[i] == '.' || ((w[i] == '-' || w[i] == '+') && i == 0)))
            number = false;
    }
    if (number && digit)
        return make(r, CT_NUMBER, start);
    if (n == 2 && w[0] == 'B' && w[1] == 'I') {
        /* the image dictionary's tokens, up to the ID operator */
        for (;;) {
            ct_token t = ct_next(r);
            if (t.kind == CT_END)
                return make(r, CT_BAD, start);
            if (t.kind == CT_OPERATOR && t.len == 2 && !memcmp(r->buf + t.start, "ID", 2))
                break;
        }
        skip_inline_data(r);
        return make(r, CT_INLINE_IMAGE, start);
    }
    return make(r, CT_OPERATOR, start);
}

bool ct_is_op(const ct_reader *r, ct_token t, const char *op)
{
    size_t n = strlen(op);
    return t.kind == CT_OPERATOR && t.len == n && !memcmp(r->buf + t.start, op, n);
}

double ct_number(const ct_reader *r, ct_token t)
{
    if (t.kind != CT_NUMBER || t.len >= 64)
        return 0;
    char tmp[64];
    memcpy(tmp, r->buf + t.start, t.len);
    tmp[t.len] = '\0';
    return g_ascii_strtod(tmp, NULL);
}

bool ct_is_name(const ct_reader *r, ct_token t, const char *name)
{
    size_t n = strlen(name);
    return t.kind == CT_NAME && t.len == n + 1 && !memcmp(r->buf + t.start + 1, name, n);
}
