/* utf8.c - strict UTF-8 validation with the position of the first bad byte;
 * letter runs. */
#include "utf8.h"

#include <glib.h>

typedef enum { SEQ_OK, SEQ_BAD_LEAD, SEQ_STRAY, SEQ_TRUNCATED, SEQ_OVERLONG, SEQ_RANGE } seq_error;

/* Length of the valid sequence at s (n bytes available), or 0 with *err. */
static size_t utf8_seq_len(const unsigned char *s, size_t n, seq_error *err)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    size_t len;
    unsigned cp, min;
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; min = 0x10000; }
    else {
        *err = (c & 0xC0) == 0x80 ? SEQ_STRAY : SEQ_BAD_LEAD;
        return 0;
    }
    for (size_t i = 1; i < len; i++) {
        if (i >= n || (s[i] & 0xC0) != 0x80) {
            *err = SEQ_TRUNCATED;
            return 0;
        }
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min) {
        *err = SEQ_OVERLONG;
        return 0;
    }
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        *err = SEQ_RANGE;
        return 0;
    }
    return len;
}

bool utf8_check(const char *text, size_t len, int *line, int *col, const char **why)
{
    const unsigned char *s = (const unsigned char *)text;
    int ln = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < len;) {
        if (s[i] == 0) {
            *line = ln; *col = (int)(i - line_start) + 1;
            *why = "NUL byte in text";
            return false;
        }
        /* XML (so the EPUB) cannot hold other control characters, nor
         * U+FFFE and U+FFFF; print would show them as boxes. */
        if ((s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') ||
            (i + 2 < len && s[i] == 0xEF && s[i + 1] == 0xBF && (s[i + 2] & 0xFE) == 0xBE)) {
            *line = ln; *col = (int)(i - line_start) + 1;
            *why = s[i] < 0x20 ? "control character in text (only tab and line ends are allowed)"
                               : "non-character U+FFFE or U+FFFF in text";
            return false;
        }
        seq_error err = SEQ_OK;
        size_t k = utf8_seq_len(s + i, len - i, &err);
        if (k == 0) {
            static const char *const reasons[] = {
                [SEQ_OK] = "invalid UTF-8",
                [SEQ_BAD_LEAD] = "invalid UTF-8 (byte that never starts a character)",
                [SEQ_STRAY] = "invalid UTF-8 (stray continuation byte)",
                [SEQ_TRUNCATED] = "invalid UTF-8 (truncated sequence)",
                [SEQ_OVERLONG] = "invalid UTF-8 (overlong encoding)",
                [SEQ_RANGE] = "invalid UTF-8 (surrogate or code point beyond U+10FFFF)",
            };
            *line = ln;
            *col = (int)(i - line_start) + 1;
            *why = reasons[err];
            return false;
        }
        if (s[i] == '\n') {
            ln++;
            line_start = i + 1;
        }
        i += k;
    }
    return true;
}

const char *utf8_letter_run(const char *p, long *nletters)
{
    long n = 0;
    while (*p && g_unichar_isalpha(g_utf8_get_char(p))) {
        p = g_utf8_next_char(p);
        n++;
    }
    *nletters = n;
    return p;
}
