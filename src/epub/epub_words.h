/* epub_words.h - the few words the EPUB adds around the issue's own text
 * (navigation headings, the cover's alt text), in the language. */
#ifndef FOLIO_EPUB_WORDS_H
#define FOLIO_EPUB_WORDS_H

typedef struct {
    const char *contents;   /* heading of the table of contents */
    const char *landmarks;
    const char *pages;
    const char *cover;
    const char *start;      /* the first article, as a landmark */
} epub_words;

/* Dutch for "nl*", English otherwise. */
const epub_words *epub_words_for(const char *lang);
#endif
