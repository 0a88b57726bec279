/* epub_words.c - see epub_words.h. */
#include "epub_words.h"

#include <glib.h>

static const epub_words dutch = {"Inhoud", "Oriëntatiepunten", "Pagina’s", "Omslag", "Begin"};
static const epub_words english = {"Contents", "Landmarks", "Pages", "Cover", "Start"};

const epub_words *epub_words_for(const char *lang)
{
    if (lang && (!g_ascii_strncasecmp(lang, "nl", 2)) && (lang[2] == '\0' || lang[2] == '-'))
        return &dutch;
    return &english;
}
