/* words.c - the table of folio's own words (see words.h).
 *
 * To add a language: one row below, with the words in the order of
 * word_id.  A NULL cell falls back to English. */
#include "words.h"

#include <glib.h>
#include <string.h>

typedef struct {
    const char *lang;                 /* ISO 639 primary subtag */
    const char *w[WORD_COUNT];
} word_row;

/* The accessibility summary makes no conformance claim: the package has
 * no dcterms:conformsTo, since the build and the tests check less than a
 * WCAG audit would (epubcheck, DAISY Ace, the rendering checks). */
static const word_row rows[] = {
    {"en", {"continued", "Number", "Contents", "Landmarks", "Pages", "Cover", "Start",
            "Articles and their sections are marked up with headings and listed in the table "
            "of contents; footnotes link to and from their references; pull quotes, which "
            "repeat the text, are hidden from assistive technology.",
            " Images have text alternatives.",
            " Page numbers of the print edition are marked, at the word where each page "
            "begins, and listed.",
            " The print edition: %s.", "print edition"}},
    {"nl", {"vervolg", "Nummer", "Inhoud", "Oriëntatiepunten", "Pagina’s", "Omslag",
            "Begin",
            "Artikelen en hun paragrafen zijn opgemaakt met koppen en staan in de "
            "inhoudsopgave; voetnoten linken naar hun verwijzing en terug; streamers, die "
            "tekst uit het artikel herhalen, worden door hulpsoftware niet voorgelezen.",
            " Afbeeldingen hebben een tekstalternatief.",
            " De paginanummers van de gedrukte uitgave zijn gemarkeerd, op het woord waar "
            "elke pagina begint, en opgesomd.",
            " De gedrukte uitgave: %s.", "gedrukte uitgave"}},
    {"de", {"Fortsetzung", "Nummer", "Inhalt", "Orientierungspunkte", "Seiten",
            "Umschlag", "Anfang",
            "Artikel und ihre Abschnitte sind mit Überschriften ausgezeichnet und im "
            "Inhaltsverzeichnis aufgeführt; Fußnoten sind mit ihren Verweisen in beiden "
            "Richtungen verlinkt; Zitate, die den Text wiederholen, sind vor assistiven "
            "Technologien verborgen.",
            " Bilder haben Textalternativen.",
            " Die Seitenzahlen der Druckausgabe sind markiert, an dem Wort, an dem jede "
            "Seite beginnt, und aufgelistet.",
            " Die Druckausgabe: %s.", "Druckausgabe"}},
    {"fr", {"suite", "Numéro", "Sommaire", "Repères", "Pages", "Couverture", "Début",
            "Les articles et leurs sections sont balisés par des titres et figurent dans la "
            "table des matières ; les notes renvoient à leurs appels et inversement ; les "
            "exergues, qui répètent le texte, sont masqués aux technologies d’assistance.",
            " Les images ont des alternatives textuelles.",
            " Les numéros de page de l’édition imprimée sont balisés, au mot où commence "
            "chaque page, et listés.",
            " L’édition imprimée : %s.", "édition imprimée"}},
};

static const word_row *row_for(const char *lang)
{
    if (!lang)
        return NULL;
    size_t n = strcspn(lang, "-_");
    for (size_t i = 0; i < G_N_ELEMENTS(rows); i++)
        if (strlen(rows[i].lang) == n && !g_ascii_strncasecmp(rows[i].lang, lang, n))
            return &rows[i];
    return NULL;
}

const char *words_get(const char *lang, word_id id)
{
    if ((int)id < 0 || id >= WORD_COUNT)
        return "";
    const word_row *r = row_for(lang);
    if (r && r->w[id])
        return r->w[id];
    return rows[0].w[id];
}

int words_has_language(const char *lang)
{
    return row_for(lang) != NULL;
}
