/* words.h - every word folio itself prints around the issue's own text
 * (the continued-note mark, "Number" on the cover, the EPUB's navigation
 * and landmark titles, the accessibility summary), in the issue's
 * language.  One table for both backends; English is the fallback for a
 * language the table lacks, and for a word one language leaves out. */
#ifndef FOLIO_WORDS_H
#define FOLIO_WORDS_H

typedef enum {
    WORD_CONTINUED,      /* after a note number: "3 (continued)" */
    WORD_NUMBER,         /* before the issue number on the cover */
    WORD_CONTENTS,       /* the table of contents */
    WORD_LANDMARKS,
    WORD_PAGES,          /* the page list */
    WORD_COVER,
    WORD_START,          /* the first article, as a landmark */
    WORD_A11Y_SUMMARY,   /* the accessibility summary, always */
    WORD_A11Y_IMAGES,    /* ... appended when there are images */
    WORD_A11Y_PAGES,     /* ... appended when print page numbers are listed */
    WORD_A11Y_PAGES_SOURCE, /* ... and the print edition's identifier (printf %s) */
    WORD_PRINT_EDITION,  /* "print edition": dc:source without an ISSN or ISBN */
    WORD_COUNT
} word_id;

/* The word in the language of the BCP 47 tag lang (its primary subtag:
 * "en-GB" takes "en"); English when lang is NULL or not in the table.
 * Never NULL; static storage. */
const char *words_get(const char *lang, word_id id);

/* Whether the table has its own words for lang's primary subtag. */
int words_has_language(const char *lang);

#endif
