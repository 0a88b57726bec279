/* lang.h - language tags: BCP 47 syntax with an ISO 639 language, and the
 * hyphenation dictionary (Debian hyphen-* packages) for a tag. */
#ifndef FOLIO_LANG_H
#define FOLIO_LANG_H

#include <stdbool.h>

/* Where Debian's hyphen-* packages put their dictionaries. */
#define LANG_HYPHEN_DIR "/usr/share/hyphen"

/* NULL when tag is a well-formed BCP 47 tag whose language subtag is a
 * registered ISO 639 code; otherwise what is wrong, with a suggestion
 * when there is one ("`english` ... use `en`").  Caller frees. */
char *lang_check(const char *tag);

/* The libhyphen dictionary for tag in dir (hyph_<ll>_<CC>.dic, then the
 * language's usual region, then hyph_<ll>.dic): a new path, or NULL.
 * *package (always set, caller frees) is the Debian package that ships
 * the dictionary: hyphen-en-us for en, hyphen-en-gb for en-GB, hyphen-de
 * for de... */
char *lang_hyphen_dict(const char *dir, const char *tag, char **package);

/* The tag's primary language subtag, lower case (caller frees). */
char *lang_primary(const char *tag);
#endif
