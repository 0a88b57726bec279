/* test_hyphen_snapshot.c - a snapshot of a libhyphen dictionary is the
 * same dictionary: the same structure, the same breaks for every letter
 * sequence its patterns name; damaged bytes are refused, never read past;
 * the cache file is written once and then read.  (Debian's German
 * patterns, the reason for snapshots, take seconds to load: the build test
 * tests/t_hyphen_snapshot.sh covers them; here the smaller ones.) */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "pdf/hyphen_snapshot.h"

static bool same_str(const char *a, const char *b) { return (!a && !b) || (a && b && !strcmp(a, b)); }

static bool same_dict(const HyphenDict *a, const HyphenDict *b)
{
    for (; a || b; a = a->nextlevel, b = b->nextlevel) {
        if (!a || !b || a->lhmin != b->lhmin || a->rhmin != b->rhmin || a->clhmin != b->clhmin ||
            a->crhmin != b->crhmin || a->utf8 != b->utf8 || strcmp(a->cset, b->cset) ||
            a->num_states != b->num_states || !a->nohyphen != !b->nohyphen)
            return false;
        if (a->nohyphen) {
            if (a->nohyphenl != b->nohyphenl)
                return false;
            const char *p = a->nohyphen, *q = b->nohyphen;
            for (int i = 0; i <= a->nohyphenl; i++, p += strlen(p) + 1, q += strlen(q) + 1)
                if (strcmp(p, q))
                    return false;
        }
        for (int i = 0; i < a->num_states; i++) {
            const HyphenState *s = &a->states[i], *t = &b->states[i];
            if (!same_str(s->match, t->match) || !same_str(s->repl, t->repl) ||
                /* libhyphen sets these only for a repl (else they are
                 * whatever the memory held) */
                (s->repl && (s->replindex != t->replindex || s->replcut != t->replcut)) ||
                s->fallback_state != t->fallback_state || s->num_trans != t->num_trans)
                return false;
            for (int k = 0; k < s->num_trans; k++)
                if (s->trans[k].ch != t->trans[k].ch || s->trans[k].new_state != t->trans[k].new_state)
                    return false;
        }
    }
    return true;
}

/* The breaks of a word, as hnj_hyphen_hyphenate2 gives them. */
static char *breaks(HyphenDict *d, const char *w)
{
    int n = (int)strlen(w);
    char *marks = calloc((size_t)n + 5, 1);
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    hnj_hyphen_hyphenate2(d, w, n, marks, NULL, &rep, &pos, &cut);
    if (rep) {
        for (int i = 0; i < n; i++)
            free(rep[i]);
        free(rep);
        free(pos);
        free(cut);
    }
    return marks;
}

/* Every pattern of the file, without its digits and dots, is a letter
 * sequence that reaches deep into the state machine: words to compare. */
static int same_breaks(HyphenDict *a, HyphenDict *b, const char *path)
{
    char *text = NULL;
    if (!g_file_get_contents(path, &text, NULL, NULL))
        return -1;
    int words = 0, differ = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        GString *w = g_string_new("x");
        for (const char *p = line; *p && *p != '/' && *p != ' '; p++)
            if (!g_ascii_isdigit(*p) && *p != '.')
                g_string_append_c(w, *p);
        g_string_append(w, "xy");
        char *m1 = breaks(a, w->str), *m2 = breaks(b, w->str);
        differ += strcmp(m1, m2) != 0;
        words++;
        free(m1);
        free(m2);
        g_string_free(w, TRUE);
    }
    g_free(text);
    return differ ? -differ : words;
}

static uint64_t fnv1a(const char *p, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 1099511628211ull;
    return h;
}

static void one_dictionary(const char *path)
{
    HyphenDict *loaded = hnj_hyphen_load(path);
    if (!loaded) {
        printf("(%s not installed: skipped)\n", path);
        return;
    }
    size_t len = 0;
    char *bytes = hyphen_snapshot_encode(loaded, &len);
    HyphenDict *back = hyphen_snapshot_decode(bytes, len);
    char *name = g_strdup_printf("snapshot of %s decodes to the same states", path);
    CHECK(name, back && same_dict(loaded, back));
    g_free(name);
    int words = back ? same_breaks(loaded, back, path) : -1;
    name = g_strdup_printf("snapshot of %s breaks every pattern's letters alike (%d words)", path, words);
    CHECK(name, words > 1000);
    g_free(name);
    if (back)
        hnj_hyphen_free(back);

    /* damage: every cut is refused; a changed byte fails the checksum; a
     * changed byte with a mended checksum is refused or decoded, never
     * read past (ASan in make check watches this) */
    int cut_taken = 0;
    for (size_t n = 0; n < len; n += 1 + n / 7) {
        HyphenDict *d = hyphen_snapshot_decode(bytes, n);
        cut_taken += d != NULL;
        if (d)
            hnj_hyphen_free(d);
    }
    name = g_strdup_printf("snapshot of %s: no cut of it is taken", path);
    CHECK(name, cut_taken == 0);
    g_free(name);
    char *bad = g_memdup2(bytes, len);
    bad[len / 2] ^= 0x40;
    HyphenDict *d = hyphen_snapshot_decode(bad, len);
    name = g_strdup_printf("snapshot of %s: a changed byte is refused", path);
    CHECK(name, d == NULL);
    g_free(name);
    if (d)
        hnj_hyphen_free(d);
    GRand *r = g_rand_new_with_seed(7);
    int refused = 0;
    for (int i = 0; i < 300; i++) {
        memcpy(bad, bytes, len);
        size_t at = 20 + (size_t)g_rand_int_range(r, 0, (gint32)(len - 28));
        bad[at] = (char)g_rand_int_range(r, 0, 256);
        uint64_t h = fnv1a(bad, len - 8);
        memcpy(bad + len - 8, &h, 8);
        d = hyphen_snapshot_decode(bad, len);
        refused += d == NULL;
        if (d) {
            char *m = breaks(d, "xabcdefghijklmnopxy");
            free(m);
            hnj_hyphen_free(d);
        }
    }
    g_rand_free(r);
    /* the structural checks refuse some (a length or a state number out
     * of range); the rest decode to some dictionary, read without harm */
    name = g_strdup_printf("snapshot of %s: of 300 damaged copies %d refused, none read past", path,
                           refused);
    CHECK(name, refused > 0);
    g_free(name);
    g_free(bad);
    g_free(bytes);
    hnj_hyphen_free(loaded);
}

static void cache_file(void)
{
    char *dir = g_dir_make_tmp("folio-hyphen-XXXXXX", NULL);
    const char *dic = "/usr/share/hyphen/hyph_nl_NL.dic";
    HyphenDict *a = hyphen_snapshot_load(dic, dir);
    char *sub = g_build_filename(dir, "hyphen", NULL);
    GDir *gd = g_dir_open(sub, 0, NULL);
    const char *entry = gd ? g_dir_read_name(gd) : NULL;
    char *file = entry ? g_build_filename(sub, entry, NULL) : NULL;
    if (gd)
        g_dir_close(gd);
    CHECK("hyphen_snapshot_load writes one snapshot file", a && file && g_str_has_suffix(file, ".snapshot"));
    /* a damaged file: the load falls back to libhyphen and writes it again */
    if (file) {
        char *text = NULL;
        gsize n = 0;
        g_file_get_contents(file, &text, &n, NULL);
        if (text && n > 100) {
            text[n - 50] ^= 1;
            g_file_set_contents(file, text, (gssize)n, NULL);
        }
        g_free(text);
    }
    HyphenDict *b = hyphen_snapshot_load(dic, dir);
    CHECK("a damaged snapshot file falls back to the same dictionary", a && b && same_dict(a, b));
    HyphenDict *c = hyphen_snapshot_load(dic, dir);
    CHECK("the rewritten snapshot file is read back whole", c && a && same_dict(a, c));
    HyphenDict *none = hyphen_snapshot_load("/nonexistent/hyph_xx.dic", dir);
    CHECK("a missing dictionary gives NULL", none == NULL);
    HyphenDict *nodir = hyphen_snapshot_load(dic, "/proc/folio-cannot-write-here");
    CHECK("an unwritable cache folder only costs time", nodir && a && same_dict(a, nodir));
    for (HyphenDict **p = (HyphenDict *[]){a, b, c, nodir, NULL}; *p; p++)
        hnj_hyphen_free(*p);
    if (file)
        g_unlink(file);
    g_rmdir(sub);
    g_rmdir(dir);
    g_free(file);
    g_free(sub);
    g_free(dir);
}

int main(void)
{
    one_dictionary("/usr/share/hyphen/hyph_nl_NL.dic");
    one_dictionary("/usr/share/hyphen/hyph_en_US.dic");
    one_dictionary("/usr/share/hyphen/hyph_fr.dic");
    cache_file();
    CHECK_DONE();
}
