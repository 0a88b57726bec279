/* test_lang.c - language tags, dictionaries, folio's own words, the
 * issue's hyphenation exceptions, and the style lookup places. */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "check.h"
#include "hyph_exceptions.h"
#include "lang.h"
#include "locate.h"
#include "words.h"

static void tag_ok(const char *tag)
{
    char *why = lang_check(tag);
    char *name = g_strdup_printf("lang_check accepts %s", tag);
    CHECK(name, why == NULL);
    if (why)
        printf("  %s\n", why);
    g_free(name);
    g_free(why);
}

static void tag_bad(const char *tag, const char *hint)
{
    char *why = lang_check(tag);
    char *name = g_strdup_printf("lang_check refuses %s, saying %s", tag, hint);
    CHECK(name, why && strstr(why, hint));
    if (why && !strstr(why, hint))
        printf("  %s\n", why);
    g_free(name);
    g_free(why);
}

static void collect(const char *piece, bool nobreak, void *ud)
{
    GString *s = ud;
    g_string_append_printf(s, nobreak ? "[%s]" : "%s", piece);
}

int main(void)
{
    const char *good[] = {"en", "nl", "de", "fr", "en-GB", "EN-gb", "nl-BE", "de-CH-1996",
                          "sr-Latn-RS", "zh-Hant", "es-419", "fy", "haw", "en-x-house",
                          "de-DE-u-co-phonebk"};
    for (size_t i = 0; i < G_N_ELEMENTS(good); i++)
        tag_ok(good[i]);
    tag_bad("english", "use `en` (English)");
    tag_bad("Dutch", "use `nl`");
    tag_bad("eng", "use `en`");
    tag_bad("en_GB", "use `en-GB`");
    tag_bad("xx", "not an ISO 639 language code");
    tag_bad("", "empty");
    tag_bad("en-", "not a BCP 47");
    tag_bad("en-GB-x", "singleton");
    tag_bad("en-toolongvariant", "not a script");

    char *pkg = NULL;
    char *p = lang_hyphen_dict("/nonexistent", "en", &pkg);
    CHECK("no dictionary in an empty folder", p == NULL);
    CHECK_STR("en is in hyphen-en-us", pkg, "hyphen-en-us");
    g_free(pkg);
    lang_hyphen_dict("/nonexistent", "en-GB", &pkg);
    CHECK_STR("en-GB is in hyphen-en-gb", pkg, "hyphen-en-gb");
    g_free(pkg);
    lang_hyphen_dict("/nonexistent", "de-AT", &pkg);
    CHECK_STR("de-AT is in hyphen-de", pkg, "hyphen-de");
    g_free(pkg);
    lang_hyphen_dict("/nonexistent", "pt-BR", &pkg);
    CHECK_STR("pt-BR is in hyphen-pt-br", pkg, "hyphen-pt-br");
    g_free(pkg);
    char *dir = g_dir_make_tmp("folio-lang-XXXXXX", NULL);
    const char *files[] = {"hyph_en_US.dic", "hyph_en_GB.dic", "hyph_fr.dic"};
    for (size_t i = 0; i < 3; i++) {
        char *f = g_build_filename(dir, files[i], NULL);
        g_file_set_contents(f, "UTF-8\n", -1, NULL);
        g_free(f);
    }
    struct { const char *tag, *file; } dicts[] = {
        {"en", "hyph_en_US.dic"}, {"en-GB", "hyph_en_GB.dic"}, {"en-AU", "hyph_en_US.dic"},
        {"fr-CA", "hyph_fr.dic"}, {"fr", "hyph_fr.dic"}};
    for (size_t i = 0; i < G_N_ELEMENTS(dicts); i++) {
        p = lang_hyphen_dict(dir, dicts[i].tag, &pkg);
        char *want = g_build_filename(dir, dicts[i].file, NULL);
        char *name = g_strdup_printf("%s takes %s", dicts[i].tag, dicts[i].file);
        CHECK_STR(name, p, want);
        g_free(name);
        g_free(want);
        g_free(p);
        g_free(pkg);
    }
    for (size_t i = 0; i < 3; i++) {
        char *f = g_build_filename(dir, files[i], NULL);
        g_unlink(f);
        g_free(f);
    }
    g_rmdir(dir);
    g_free(dir);

    CHECK_STR("words: Dutch", words_get("nl", WORD_CONTINUED), "vervolg");
    CHECK_STR("words: nl-BE takes Dutch", words_get("nl-BE", WORD_NUMBER), "Nummer");
    CHECK_STR("words: German", words_get("de", WORD_CONTENTS), "Inhalt");
    CHECK_STR("words: French", words_get("fr", WORD_NUMBER), "Numéro");
    CHECK_STR("words: English fallback for Swahili", words_get("sw", WORD_CONTENTS), "Contents");
    CHECK_STR("words: English fallback for no language", words_get(NULL, WORD_PAGES), "Pages");
    const char *langs[] = {"en", "nl", "de", "fr"};
    bool complete = true;
    for (size_t l = 0; l < 4; l++)
        for (int w = 0; w < WORD_COUNT; w++)
            complete = complete && *words_get(langs[l], (word_id)w) &&
                       (l == 0 || w == WORD_PAGES ||
                        strcmp(words_get(langs[l], (word_id)w), words_get("en", (word_id)w)));
    CHECK("words: nl, de and fr have every word of their own", complete);

    diag_list d;
    diag_list_init(&d);
    char *entries[] = {"Dimen-sies", "folio", "in-for-ma-tion", "bad--word", "-x", "a1b", NULL};
    src_pos pos[6] = {{"issue.yaml", 3, 5}, {"issue.yaml", 4, 5}, {"issue.yaml", 5, 5},
                      {"issue.yaml", 6, 5}, {"issue.yaml", 7, 5}, {"issue.yaml", 8, 5}};
    hyph_exceptions *e = hyph_exceptions_new(entries, pos, 6, &d);
    CHECK("exceptions: three malformed entries reported", d.count == 3);
    char breaks[16];
    CHECK("exceptions: a listed word is found in any case",
          hyph_exceptions_lookup(e, "DIMENSIES", 9, breaks, 9) && breaks[4] && !breaks[3]);
    CHECK("exceptions: an unlisted word is not", !hyph_exceptions_lookup(e, "other", 5, breaks, 5));
    GString *out = g_string_new(NULL);
    hyph_exceptions_apply(e, "The folio of Dimensies: information.", collect, out);
    CHECK_STR("exceptions: applied as soft hyphens and a no-break piece", out->str,
              "The [folio] of Dimen\xC2\xADsies: in\xC2\xAD" "for\xC2\xAD" "ma\xC2\xADtion.");
    g_string_free(out, TRUE);
    hyph_exceptions_free(e);
    diag_list_free(&d);

    locate_options o = {.config_dir = "/home/u/.config/folio", .data_dir = "/usr/share/folio"};
    char **places = locate_places(&o, "mag/issue", "styles");
    CHECK_STR("lookup 1: inside the issue", places[0], "mag/issue/styles");
    CHECK_STR("lookup 2: beside the issue", places[1], "mag/styles");
    CHECK_STR("lookup 3: the user's folder", places[2], "/home/u/.config/folio/styles");
    CHECK_STR("lookup 4: the installed folder", places[3], "/usr/share/folio/styles");
    CHECK("lookup: four places", places[4] == NULL);
    g_strfreev(places);
    places = locate_places(&o, ".", "fonts");
    CHECK_STR("lookup: beside . is ..", places[1], "../fonts");
    g_strfreev(places);
    places = locate_places(&o, "issue/", "fonts");
    CHECK_STR("lookup: a trailing slash does not count", places[1], "./fonts");
    g_strfreev(places);
    CHECK_DONE();
}
