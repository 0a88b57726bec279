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

static const word_row rows[] = {
    {"en", {"continued", "Number", "Contents", "Landmarks", "Pages", "Cover", "Start",
            "This publication conforms to EPUB Accessibility 1.1 at WCAG 2.1 Level AA. "
            "Articles and their sections are marked up with headings and listed in the "
            "table of contents; footnotes link to and from their references; pull quotes, "
            "which repeat the text, are hidden from assistive technology.",
            " Images have text alternatives.",
            " Page numbers of the print edition are marked and listed."}},
    {"nl", {"vervolg", "Nummer", "Inhoud", "Oriëntatiepunten", "Pagina’s", "Omslag",
            "Begin",
            "Deze publicatie voldoet aan EPUB Accessibility 1.1 op WCAG 2.1 niveau AA. "
            "Artikelen en hun onderdelen hebben koppen en staan in de inhoudsopgave; "
            "voetnoten linken naar en van hun verwijzingen; streamers, die de tekst "
            "herhalen, zijn verborgen voor hulptechnologie.",
            " Afbeeldingen hebben een tekstalternatief.",
            " De paginanummers van de gedrukte editie zijn gemarkeerd en opgesomd."}},
    {"de", {"Fortsetzung", "Nummer", "Inhalt", "Orientierungspunkte", "Seiten",
            "Umschlag", "Anfang",
            "Diese Publikation entspricht EPUB Accessibility 1.1 nach WCAG 2.1 Stufe AA. "
            "Artikel und ihre Abschnitte sind mit Überschriften ausgezeichnet und im "
            "Inhaltsverzeichnis aufgeführt; Fußnoten sind mit ihren Verweisen in beiden "
            "Richtungen verlinkt; Zitate, die den Text wiederholen, sind vor assistiven "
            "Technologien verborgen.",
            " Bilder haben Textalternativen.",
            " Die Seitenzahlen der Druckausgabe sind markiert und aufgelistet."}},
    {"fr", {"suite", "Numéro", "Sommaire", "Repères", "Pages", "Couverture", "Début",
            "Cette publication est conforme à EPUB Accessibility 1.1, niveau AA des WCAG 2.1. "
            "Les articles et leurs sections sont balisés par des titres et figurent dans la "
            "table des matières ; les notes renvoient à leurs appels et inversement ; les "
            "exergues, qui répètent le texte, sont masqués aux technologies d'assistance.",
            " Les images ont des alternatives textuelles.",
            " Les numéros de page de l'édition imprimée sont balisés et listés."}},
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
