/* epub_words.c - see epub_words.h. */
#include "epub_words.h"

#include <glib.h>

static const epub_words dutch = {
    "Inhoud", "Oriëntatiepunten", "Pagina’s", "Omslag", "Begin", "nl",
    "Artikelen en hun paragrafen zijn opgemaakt met koppen en staan in de inhoudsopgave; "
    "voetnoten linken naar hun verwijzing en terug; streamers, die tekst uit het artikel "
    "herhalen, worden door hulpsoftware niet voorgelezen.",
    "Afbeeldingen hebben een tekstalternatief.",
    "De paginanummers van de gedrukte uitgave zijn gemarkeerd, op het woord waar elke "
    "pagina begint, en opgesomd.",
    "De gedrukte uitgave: %s.", "gedrukte uitgave"};
static const epub_words english = {
    "Contents", "Landmarks", "Pages", "Cover", "Start", "en",
    "Articles and their sections are marked up with headings and listed in the table of "
    "contents; footnotes link to and from their references; pull quotes, which repeat the "
    "text, are hidden from assistive technology.",
    "Images have text alternatives.",
    "Page numbers of the print edition are marked, at the word where each page begins, "
    "and listed.",
    "The print edition: %s.", "print edition"};

const epub_words *epub_words_for(const char *lang)
{
    if (lang && (!g_ascii_strncasecmp(lang, "nl", 2)) && (lang[2] == '\0' || lang[2] == '-'))
        return &dutch;
    return &english;
}
