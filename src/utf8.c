/* utf8.c - strict UTF-8 validation with the position of the first bad byte. */
#include "utf8.h"

/* Length of the valid sequence at s (n bytes available), or 0. */
static size_t utf8_seq_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    size_t len;
    unsigned cp, min;
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; min = 0x10000; }
    else return 0;
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
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
        size_t k = utf8_seq_len(s + i, len - i);
        if (k == 0) {
            *line = ln; *col = (int)(i - line_start) + 1;
            if ((s[i] & 0xC0) == 0x80)
                *why = "invalid UTF-8 (stray continuation byte)";
            else if (len - i < 4 && (s[i] & 0xC0) == 0xC0)
                *why = "invalid UTF-8 (truncated sequence)";
            else
                *why = "invalid UTF-8";
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
