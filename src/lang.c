/* lang.c - language tags and hyphenation dictionaries (see lang.h).
 *
 * The syntax is RFC 5646's langtag: language [-script] [-region]
 * *(-variant) *(-extension) [-privateuse].  The language subtag must be
 * in ISO 639 (the table generated from iso-codes); three letters are
 * refused when a two-letter code exists, as BCP 47 requires. */
#include "lang.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "lang_table.h"

static int cmp_alpha3(const void *key, const void *item)
{
    return strcmp(key, ((const lang_code *)item)->alpha3);
}

static const lang_code *by_alpha3(const char *a3)
{
    return bsearch(a3, lang_codes, lang_code_count, sizeof lang_codes[0], cmp_alpha3);
}

static const lang_code *by_alpha2(const char *a2)
{
    for (unsigned i = 0; i < lang_code_count; i++)
        if (!strcmp(lang_codes[i].alpha2, a2))
            return &lang_codes[i];
    return NULL;
}

/* A language named in English ("English", "dutch"). */
static const lang_code *by_name(const char *name)
{
    for (unsigned i = 0; i < lang_code_count; i++)
        if (!g_ascii_strcasecmp(lang_codes[i].name, name))
            return &lang_codes[i];
    return NULL;
}

static const char *best_code(const lang_code *c)
{
    return *c->alpha2 ? c->alpha2 : c->alpha3;
}

static bool all(const char *s, size_t min, size_t max, gboolean (*is)(gchar))
{
    size_t n = strlen(s);
    if (n < min || n > max)
        return false;
    for (; *s; s++)
        if (!is(*s))
            return false;
    return true;
}

static gboolean is_alpha(gchar c) { return g_ascii_isalpha(c); }
static gboolean is_digit(gchar c) { return g_ascii_isdigit(c); }
static gboolean is_alnum(gchar c) { return g_ascii_isalnum(c); }

/* The subtags after the language; NULL when well formed, else why not. */
static char *check_rest(char **sub, const char *tag)
{
    int i = 1;
    if (sub[i] && all(sub[i], 4, 4, is_alpha))
        i++; /* script */
    if (sub[i] && (all(sub[i], 2, 2, is_alpha) || all(sub[i], 3, 3, is_digit)))
        i++; /* region */
    while (sub[i] && (all(sub[i], 5, 8, is_alnum) ||
                      (strlen(sub[i]) == 4 && g_ascii_isdigit(sub[i][0]) &&
                       all(sub[i], 4, 4, is_alnum))))
        i++; /* variants */
    while (sub[i] && strlen(sub[i]) == 1 && g_ascii_isalnum(sub[i][0])) {
        bool priv = g_ascii_tolower(sub[i][0]) == 'x';
        int first = ++i;
        while (sub[i] && all(sub[i], priv ? 1 : 2, 8, is_alnum))
            i++;
        if (i == first)
            return g_strdup_printf("`%s` is not a BCP 47 language tag: the singleton `%s` "
                                   "needs a subtag after it", tag, sub[first - 1]);
        if (priv)
            break;
    }
    if (sub[i])
        return g_strdup_printf("`%s` is not a BCP 47 language tag: `%s` is not a script "
                               "(4 letters), region (2 letters or 3 digits) or variant "
                               "(e.g. en, en-GB, de-CH, sr-Latn)", tag, sub[i]);
    return NULL;
}

char *lang_check(const char *tag)
{
    if (!tag || !*tag)
        return g_strdup("empty language tag (write e.g. en, nl, de, fr or en-GB)");
    if (strchr(tag, '_')) {
        char *fixed = g_strdelimit(g_strdup(tag), "_", '-');
        char *msg = g_strdup_printf("`%s` is not a BCP 47 language tag: subtags are joined "
                                    "with `-`; use `%s`", tag, fixed);
        g_free(fixed);
        return msg;
    }
    char **sub = g_strsplit(tag, "-", -1);
    char *lang = g_ascii_strdown(sub[0], -1);
    char *msg = NULL;
    const lang_code *c = NULL;
    if (!all(lang, 2, 3, is_alpha)) {
        c = by_name(tag);
        if (c)
            msg = g_strdup_printf("`%s` is not a BCP 47 language tag: write the code, "
                                  "use `%s` (%s)", tag, best_code(c), c->name);
        else
            msg = g_strdup_printf("`%s` is not a BCP 47 language tag: it must begin with a "
                                  "two- or three-letter ISO 639 code (e.g. en, nl, de, fr, "
                                  "en-GB)", tag);
    } else if (strlen(lang) == 2 && !(c = by_alpha2(lang))) {
        msg = g_strdup_printf("`%s`: `%s` is not an ISO 639 language code (e.g. en, nl, de, fr)",
                              tag, sub[0]);
    } else if (strlen(lang) == 3 && !(c = by_alpha3(lang))) {
        msg = g_strdup_printf("`%s`: `%s` is not an ISO 639 language code (e.g. en, nl, de, fr)",
                              tag, sub[0]);
    } else if (strlen(lang) == 3 && *c->alpha2) {
        msg = g_strdup_printf("`%s`: BCP 47 uses the two-letter code for %s: use `%s`", tag,
                              c->name, c->alpha2);
    } else {
        msg = check_rest(sub, tag);
    }
    g_free(lang);
    g_strfreev(sub);
    return msg;
}

char *lang_primary(const char *tag)
{
    if (!tag)
        return g_strdup("");
    return g_ascii_strdown(tag, (gssize)strcspn(tag, "-_"));
}

/* The region a bare language's dictionary is usually made for, and the
 * languages whose Debian package is named by region too. */
static const struct {
    const char *lang, *region;
    bool package_by_region;
} usual_regions[] = {
    {"en", "US", true}, {"pt", "PT", true}, {"nl", "NL", false}, {"de", "DE", false},
    {"fr", "FR", false}, {"it", "IT", false}, {"es", "ES", false},
};

char *lang_hyphen_dict(const char *dir, const char *tag, char **package)
{
    char *ll = lang_primary(tag);
    char *region = NULL;
    char **sub = g_strsplit(tag ? tag : "", "-", -1);
    for (int i = 1; sub[i] && !region; i++)
        if (all(sub[i], 2, 2, is_alpha))
            region = g_ascii_strup(sub[i], -1);
    g_strfreev(sub);
    const char *usual = NULL;
    bool by_region = false;
    for (size_t i = 0; i < G_N_ELEMENTS(usual_regions); i++)
        if (!strcmp(ll, usual_regions[i].lang)) {
            usual = usual_regions[i].region;
            by_region = usual_regions[i].package_by_region;
        }
    if (by_region) {
        char *r = g_ascii_strdown(region ? region : usual, -1);
        *package = g_strdup_printf("hyphen-%s-%s", ll, r);
        g_free(r);
    } else {
        *package = g_strdup_printf("hyphen-%s", ll);
    }
    char *tries[3] = {region ? g_strdup_printf("%s/hyph_%s_%s.dic", dir, ll, region) : NULL,
                      usual ? g_strdup_printf("%s/hyph_%s_%s.dic", dir, ll, usual) : NULL,
                      g_strdup_printf("%s/hyph_%s.dic", dir, ll)};
    char *found = NULL;
    for (int i = 0; i < 3; i++) {
        if (!found && tries[i] && g_file_test(tries[i], G_FILE_TEST_IS_REGULAR))
            found = g_strdup(tries[i]);
        g_free(tries[i]);
    }
    g_free(region);
    g_free(ll);
    return found;
}
