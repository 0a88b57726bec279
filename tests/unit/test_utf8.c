/* test_utf8.c - the letter runs that hyphenation works on
 * (utf8_letter_run): letters of any script, accents and all; a run stops
 * at the first non-letter and counts characters, not bytes. */
#include <string.h>

#include "check.h"
#include "utf8.h"

int main(void)
{
    long n = -1;
    const char *s = "woord, verder";
    const char *e = utf8_letter_run(s, &n);
    CHECK("a run ends at the comma", e == s + 5 && n == 5);

    e = utf8_letter_run(s + 5, &n);
    CHECK("no letter: the run is empty and stays put", e == s + 5 && n == 0);

    s = "\xC3\xA9\xC3\xA9n-twee"; /* "één-twee" */
    e = utf8_letter_run(s, &n);
    CHECK("accented letters count once each (3 letters, 5 bytes)", e == s + 5 && n == 3);

    s = "\xD0\xBC\xD0\xB8\xD1\x80 1"; /* Cyrillic "мир 1" */
    e = utf8_letter_run(s, &n);
    CHECK("another script's letters are letters", e == s + 6 && n == 3);

    s = "abc12";
    e = utf8_letter_run(s, &n);
    CHECK("digits end a run", e == s + 3 && n == 3);

    s = "";
    e = utf8_letter_run(s, &n);
    CHECK("the empty text has an empty run", e == s && n == 0);

    s = "ab\xC2\xAD" "cd"; /* a soft hyphen inside */
    e = utf8_letter_run(s, &n);
    CHECK("a soft hyphen ends a run", e == s + 2 && n == 2);
    CHECK_DONE();
}
