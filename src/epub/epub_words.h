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
    const char *lang;       /* the language these words are in */
    /* The accessibility summary, sentence by sentence (the last three only
     * when the book has images, print page numbers, a named print source). */
    const char *a11y_structure;
    const char *a11y_images;
    const char *a11y_pages;
    const char *a11y_pages_source; /* printf: the print edition's identifier */
    const char *print_edition;     /* "print edition": dc:source without an ISSN/ISBN */
} epub_words;

/* Dutch for "nl*", English otherwise. */
const epub_words *epub_words_for(const char *lang);
#endif
