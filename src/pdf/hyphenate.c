/* hyphenate.c - libhyphen behind a UTF-8 interface.
 *
 * A dictionary names its own character set (the Dutch and German ones are
 * ISO 8859-1, the English UTF-8), so each word is converted before the
 * pattern lookup; a word that does not fit the set is left whole rather
 * than guessed at. */
#include "pdf/hyphenate.h"

#include <hyphen.h>
#include <string.h>

#include "lang.h"
#include "pdf/hyphen_snapshot.h"
#include "utf8.h"

/* At least two letters before a break and three after it (Dutch and
 * general practice), so a line never ends in a single letter plus hyphen. */
#define LEFT_MIN 2
#define RIGHT_MIN 3

struct hyphenator {
    HyphenDict *dict;
    int min_word;
};

hyphenator *hyphenator_new(const char *path, int min_word, const char *snapshot_dir)
{
    HyphenDict *dict = path ? hyphen_snapshot_load(path, snapshot_dir) : NULL;
    hyphenator *h = g_new0(hyphenator, 1);
    h->dict = dict;
    h->min_word = min_word > 0 ? min_word : 5;
    return h;
}

void hyphenator_free(hyphenator *h)
{
    if (!h)
        return;
    if (h->dict)
        hnj_hyphen_free(h->dict);
    g_free(h);
}

/* Appends one word (nletters letters, UTF-8 bytes word[0..len)). */
/* A listed word: breaks at its own points only, whatever its length. */
static bool append_exception(const hyph_exceptions *exc, GString *out, const char *word,
                             gsize len, long nletters)
{
    char *breaks = g_malloc(nletters);
    bool listed = hyph_exceptions_lookup(exc, word, len, breaks, nletters);
    const char *p = word;
    for (long i = 0; listed && i < nletters; i++) {
        const char *next = g_utf8_next_char(p);
        g_string_append_len(out, p, next - p);
        if (breaks[i] && i + 1 < nletters)
            g_string_append(out, "\xC2\xAD");
        p = next;
    }
    g_free(breaks);
    return listed;
}

static void append_word(const hyphenator *h, const hyph_exceptions *exc, GString *out,
                        const char *word, gsize len, long nletters)
{
    if (append_exception(exc, out, word, len, nletters))
        return;
    if (nletters < h->min_word || !h->dict) {
        g_string_append_len(out, word, (gssize)len);
        return;
    }
    char *lower = g_utf8_strdown(word, (gssize)len);
    gsize latin_len = 0;
    char *latin = g_convert(lower, -1, h->dict->cset, "UTF-8", NULL, &latin_len, NULL);
    g_free(lower);
    /* one byte a letter: the marks below are indexed by letter */
    if (!latin || (long)latin_len != nletters) {
        g_free(latin);
        g_string_append_len(out, word, (gssize)len);
        return;
    }
    char *marks = g_malloc0(latin_len + 5);
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    int bad = hnj_hyphen_hyphenate2(h->dict, latin, (int)latin_len, marks, NULL, &rep, &pos,
                                    &cut);
    const char *p = word;
    for (long i = 0; i < nletters; i++) {
        const char *next = g_utf8_next_char(p);
        g_string_append_len(out, p, next - p);
        /* rep != NULL means a non-standard break (e.g. "oo-" for "o"):
         * a soft hyphen cannot express it, so the word stays whole there. */
        if (!bad && !rep && (marks[i] & 1) && i + 1 >= LEFT_MIN && nletters - i - 1 >= RIGHT_MIN)
            g_string_append(out, "\xC2\xAD");
        p = next;
    }
    if (rep) {
        for (gsize i = 0; i < latin_len; i++)
            free(rep[i]);
        free(rep);
        free(pos);
        free(cut);
    }
    g_free(marks);
    g_free(latin);
}

void hyphenate_append(const hyphenator *h, const hyph_exceptions *exc, GString *out,
                      const char *text)
{
    if (!h) {
        g_string_append(out, text);
        return;
    }
    const char *p = text;
    while (*p) {
        const char *start = p;
        long n;
        p = utf8_letter_run(p, &n);
        if (n) {
            append_word(h, exc, out, start, (gsize)(p - start), n);
            continue;
        }
        /* Not a letter: copy it, and leave a whole token with '@', '/' or
         * a digit in it (addresses, URLs, numbers) unhyphenated. */
        const char *tok_end = p;
        bool raw = false;
        while (*tok_end && !g_unichar_isspace(g_utf8_get_char(tok_end))) {
            gunichar c = g_utf8_get_char(tok_end);
            if (c == '@' || c == '/' || g_unichar_isdigit(c))
                raw = true;
            tok_end = g_utf8_next_char(tok_end);
        }
        if (raw) {
            g_string_append_len(out, p, tok_end - p);
            p = tok_end;
            if (*p) {
                const char *q = g_utf8_next_char(p);
                g_string_append_len(out, p, q - p);
                p = q;
            }
        } else {
            const char *q = g_utf8_next_char(p);
            g_string_append_len(out, p, q - p);
            p = q;
        }
    }
}

/* Articles are laid out on several threads: the table is guarded, and a
 * hyphenator, once made, is only read. */
struct hyphen_set {
    char *dir;
    char *snapshot_dir;  /* or NULL */
    int min_word;
    GMutex lock;
    GHashTable *by_lang;   /* lower-case tag -> hyphenator (owned) */
};

hyphen_set *hyphen_set_new(const char *dict_dir, int min_word, const char *snapshot_dir)
{
    hyphen_set *s = g_new0(hyphen_set, 1);
    s->dir = g_strdup(dict_dir ? dict_dir : LANG_HYPHEN_DIR);
    s->snapshot_dir = g_strdup(snapshot_dir);
    s->min_word = min_word;
    s->by_lang = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify)hyphenator_free);
    g_mutex_init(&s->lock);
    return s;
}

void hyphen_set_free(hyphen_set *s)
{
    if (!s)
        return;
    g_hash_table_destroy(s->by_lang);
    g_mutex_clear(&s->lock);
    g_free(s->dir);
    g_free(s->snapshot_dir);
    g_free(s);
}

const hyphenator *hyphen_set_get(hyphen_set *s, const char *lang)
{
    if (!s)
        return NULL;
    char *key = g_ascii_strdown(lang ? lang : "", -1);
    g_mutex_lock(&s->lock);
    hyphenator *h = g_hash_table_lookup(s->by_lang, key);
    if (h) {
        g_free(key);
    } else {
        char *package = NULL;
        char *path = lang_hyphen_dict(s->dir, key, &package);
        h = hyphenator_new(path, s->min_word, s->snapshot_dir);
        g_hash_table_insert(s->by_lang, key, h);
        g_free(path);
        g_free(package);
    }
    g_mutex_unlock(&s->lock);
    return h;
}
