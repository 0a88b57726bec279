/* utf8.h - validation of source text before any parser sees it, and the
 * letter runs that hyphenation works on. */
#ifndef FOLIO_UTF8_H
#define FOLIO_UTF8_H
#include <stdbool.h>
#include <stddef.h>

/* Checks that text[0..len) is valid UTF-8 without NUL bytes, other control
 * characters than tab and line ends, or U+FFFE/U+FFFF (overlong forms,
 * surrogates and code points above U+10FFFF are invalid).  On failure sets
 * *line and *col (1-based, col in bytes) of the first bad byte and *why to a
 * static description, and returns false. */
bool utf8_check(const char *text, size_t len, int *line, int *col, const char **why);

/* The end of the run of letters (g_unichar_isalpha) that starts at p, in
 * NUL-terminated UTF-8: p itself when p is no letter.  *nletters gets the
 * run's length in characters.  Hyphenation (the dictionary and the
 * exceptions) works on these runs: a word is its letters. */
const char *utf8_letter_run(const char *p, long *nletters);
#endif
