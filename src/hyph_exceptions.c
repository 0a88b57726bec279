/* hyph_exceptions.c - see hyph_exceptions.h. */
#include "hyph_exceptions.h"

#include <string.h>

#include "utf8.h"

struct hyph_exceptions {
    GHashTable *words;   /* casefolded word without hyphens -> breaks string ("0100..") */
};

hyph_exceptions *hyph_exceptions_new(char **entries, const src_pos *pos, size_t n,
                                     diag_list *d)
{
    if (!n)
        return NULL;
    hyph_exceptions *e = g_new0(hyph_exceptions, 1);
    e->words = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    for (size_t i = 0; i < n; i++) {
        const char *w = entries[i];
        GString *bare = g_string_new(NULL), *breaks = g_string_new(NULL);
        bool ok = *w && *w != '-';
        const char *p;
        for (p = w; ok && *p; p = g_utf8_next_char(p)) {
            gunichar c = g_utf8_get_char(p);
            if (c == '-') {
                ok = breaks->len > 0 && breaks->str[breaks->len - 1] == '0' && p[1];
                if (ok)
                    breaks->str[breaks->len - 1] = '1';
            } else if (g_unichar_isalpha(c)) {
                g_string_append_unichar(bare, c);
                g_string_append_c(breaks, '0');
            } else {
                ok = false;
            }
        }
        if (!ok) {
            diag_error(d, pos[i], "hyphenation: `%s` is not a word with its break points "
                       "(letters, with a hyphen at each point, e.g. `Dimen-sies`)", w);
        } else {
            char *key = g_utf8_casefold(bare->str, -1);
            g_hash_table_replace(e->words, key, g_strdup(breaks->str));
        }
        g_string_free(bare, TRUE);
        g_string_free(breaks, TRUE);
    }
    return e;
}

void hyph_exceptions_free(hyph_exceptions *e)
{
    if (!e)
        return;
    g_hash_table_destroy(e->words);
    g_free(e);
}

bool hyph_exceptions_lookup(const hyph_exceptions *e, const char *word, size_t len,
                            char *breaks, long nletters)
{
    if (!e)
        return false;
    char *key = g_utf8_casefold(word, (gssize)len);
    const char *b = g_hash_table_lookup(e->words, key);
    g_free(key);
    if (!b || (long)strlen(b) != nletters)
        return false;
    for (long i = 0; i < nletters; i++)
        breaks[i] = b[i] == '1';
    return true;
}

void hyph_exceptions_apply(const hyph_exceptions *e, const char *text, hyph_emit_fn emit,
                           void *ud)
{
    GString *run = g_string_new(NULL);
    const char *p = text;
    while (*p) {
        const char *start = p;
        long n;
        p = utf8_letter_run(p, &n);
        if (!n) {
            const char *q = g_utf8_next_char(p);
            g_string_append_len(run, p, q - p);
            p = q;
            continue;
        }
        char *breaks = g_malloc(n);
        if (!hyph_exceptions_lookup(e, start, (size_t)(p - start), breaks, n)) {
            g_string_append_len(run, start, p - start);
        } else if (!memchr(breaks, 1, n)) {
            if (run->len)
                emit(run->str, false, ud);
            g_string_truncate(run, 0);
            char *word = g_strndup(start, p - start);
            emit(word, true, ud);
            g_free(word);
        } else {
            const char *c = start;
            for (long i = 0; i < n; i++) {
                const char *next = g_utf8_next_char(c);
                g_string_append_len(run, c, next - c);
                if (breaks[i])
                    g_string_append(run, "\xC2\xAD");
                c = next;
            }
        }
        g_free(breaks);
    }
    if (run->len)
        emit(run->str, false, ud);
    g_string_free(run, TRUE);
}

static gint cmp_str(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char *hyph_exceptions_fingerprint(const hyph_exceptions *e)
{
    GString *out = g_string_new(NULL);
    if (!e)
        return g_string_free(out, FALSE);
    GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, e->words);
    while (g_hash_table_iter_next(&it, &k, &v))
        g_ptr_array_add(lines, g_strdup_printf("%s=%s\n", (char *)k, (char *)v));
    g_ptr_array_sort(lines, cmp_str);
    for (guint i = 0; i < lines->len; i++)
        g_string_append(out, g_ptr_array_index(lines, i));
    g_ptr_array_free(lines, TRUE);
    return g_string_free(out, FALSE);
}
