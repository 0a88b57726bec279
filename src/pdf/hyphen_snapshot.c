/* hyphen_snapshot.c - a libhyphen dictionary kept as loaded (see the header
 * for why).
 *
 * The bytes are this machine's own (native byte order and int size, named
 * in the header so another build refuses them).  Every string and array is
 * allocated with malloc, one by one, as libhyphen allocates them, so
 * hnj_hyphen_free frees a decoded dictionary like a loaded one. */
#include "pdf/hyphen_snapshot.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAGIC "folio-hyphen-1"
#define MAX_LEVELS 4 /* libhyphen writes two (NEXTLEVEL); more is damage */

/* ---- writing ---- */

static void put_i32(GByteArray *b, int32_t v) { g_byte_array_append(b, (guint8 *)&v, sizeof v); }

static void put_str(GByteArray *b, const char *s)
{
    put_i32(b, s ? (int32_t)strlen(s) : -1);
    if (s)
        g_byte_array_append(b, (const guint8 *)s, (guint)strlen(s));
}

/* libhyphen keeps NOHYPHEN as strings each ended by a NUL; nohyphenl is
 * their number less one (it counts the commas of the line, and
 * hnj_hyphen_hyphenate2 walks i <= nohyphenl). */
static size_t nohyphen_bytes(const HyphenDict *d)
{
    size_t n = 0;
    for (int i = 0; d->nohyphen && i <= d->nohyphenl; i++)
        n += strlen(d->nohyphen + n) + 1;
    return n;
}

static void put_level(GByteArray *b, const HyphenDict *d)
{
    guint8 mins[4] = {(guint8)d->lhmin, (guint8)d->rhmin, (guint8)d->clhmin, (guint8)d->crhmin};
    g_byte_array_append(b, mins, 4);
    g_byte_array_append(b, (const guint8 *)d->cset, MAX_NAME);
    put_i32(b, d->utf8);
    size_t nb = nohyphen_bytes(d);
    put_i32(b, d->nohyphen ? d->nohyphenl : -1);
    put_i32(b, (int32_t)nb);
    if (nb)
        g_byte_array_append(b, (const guint8 *)d->nohyphen, (guint)nb);
    put_i32(b, d->num_states);
    for (int i = 0; i < d->num_states; i++) {
        const HyphenState *s = &d->states[i];
        put_str(b, s->match);
        put_str(b, s->repl);
        /* libhyphen leaves these two unset when there is no repl (and
         * reads them only when there is one): 0 keeps the bytes the same */
        guint8 rep[2] = {s->repl ? (guint8)s->replindex : 0, s->repl ? (guint8)s->replcut : 0};
        g_byte_array_append(b, rep, 2);
        put_i32(b, s->fallback_state);
        put_i32(b, s->num_trans);
        for (int t = 0; t < s->num_trans; t++) {
            g_byte_array_append(b, (const guint8 *)&s->trans[t].ch, 1);
            put_i32(b, s->trans[t].new_state);
        }
    }
}

static uint64_t fnv1a(const char *p, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 1099511628211ull;
    return h;
}

char *hyphen_snapshot_encode(const HyphenDict *dict, size_t *len)
{
    GByteArray *b = g_byte_array_new();
    g_byte_array_append(b, (const guint8 *)MAGIC, sizeof MAGIC);
    put_i32(b, (int32_t)sizeof(int));
    put_i32(b, 0x01020304); /* byte order */
    int levels = 0;
    for (const HyphenDict *d = dict; d && levels < MAX_LEVELS; d = d->nextlevel)
        levels++;
    put_i32(b, levels);
    for (const HyphenDict *d = dict; d && levels-- > 0; d = d->nextlevel)
        put_level(b, d);
    uint64_t h = fnv1a((const char *)b->data, b->len);
    g_byte_array_append(b, (const guint8 *)&h, sizeof h);
    *len = b->len;
    return (char *)g_byte_array_free(b, FALSE);
}

/* ---- reading: a cursor that refuses to run past the end ---- */

typedef struct {
    const char *p, *end;
    bool ok;
} cursor;

static bool take(cursor *c, void *dst, size_t n)
{
    if (!c->ok || (size_t)(c->end - c->p) < n)
        return c->ok = false;
    memcpy(dst, c->p, n);
    c->p += n;
    return true;
}

static int32_t get_i32(cursor *c)
{
    int32_t v = 0;
    take(c, &v, sizeof v);
    return v;
}

/* A malloc'd copy of n bytes plus a NUL; NULL for the -1 of a NULL string. */
static char *get_bytes(cursor *c, int32_t n)
{
    if (n < 0 || !c->ok || c->end - c->p < n)
        return c->ok = c->ok && n == -1, NULL;
    char *s = malloc((size_t)n + 1);
    if (!s)
        return c->ok = false, NULL;
    memcpy(s, c->p, (size_t)n);
    s[n] = 0;
    c->p += n;
    return s;
}

static HyphenDict *get_level(cursor *c)
{
    HyphenDict *d = calloc(1, sizeof *d);
    if (!d)
        return c->ok = false, NULL;
    unsigned char mins[4] = {0};
    take(c, mins, 4);
    d->lhmin = (char)mins[0], d->rhmin = (char)mins[1];
    d->clhmin = (char)mins[2], d->crhmin = (char)mins[3];
    take(c, d->cset, MAX_NAME);
    d->cset[MAX_NAME - 1] = 0;
    d->utf8 = get_i32(c);
    int32_t nohyphenl = get_i32(c);
    int32_t nb = get_i32(c);
    if (nohyphenl >= 0) {
        d->nohyphen = get_bytes(c, nb);
        d->nohyphenl = nohyphenl;
        /* the strings libhyphen will walk must all lie in the copy */
        size_t off = 0;
        for (int i = 0; c->ok && d->nohyphen && i <= nohyphenl; i++) {
            const char *z = memchr(d->nohyphen + off, 0, (size_t)nb - off);
            if (!z || (size_t)nb <= off)
                c->ok = false;
            else
                off = (size_t)(z - d->nohyphen) + 1;
        }
        if (!d->nohyphen)
            c->ok = false;
    } else if (nb != 0) {
        c->ok = false;
    }
    int32_t n = get_i32(c);
    /* each state takes at least 18 bytes: a cheap bound before allocating */
    if (!c->ok || n < 1 || n > (c->end - c->p) / 18)
        return c->ok = false, d;
    d->states = calloc((size_t)n, sizeof *d->states);
    if (!d->states)
        return c->ok = false, d;
    d->num_states = n;
    for (int i = 0; i < n && c->ok; i++) {
        HyphenState *s = &d->states[i];
        s->match = get_bytes(c, get_i32(c));
        s->repl = get_bytes(c, get_i32(c));
        signed char rep[2] = {0, 0};
        take(c, rep, 2);
        s->replindex = rep[0], s->replcut = rep[1];
        s->fallback_state = get_i32(c);
        int32_t nt = get_i32(c);
        if (!c->ok || s->fallback_state < -1 || s->fallback_state >= n || nt < 0 ||
            nt > (c->end - c->p) / 5)
            return c->ok = false, d;
        if (nt) {
            s->trans = malloc((size_t)nt * sizeof *s->trans);
            if (!s->trans)
                return c->ok = false, d;
            s->num_trans = nt;
        }
        for (int t = 0; t < nt && c->ok; t++) {
            take(c, &s->trans[t].ch, 1);
            s->trans[t].new_state = get_i32(c);
            if (s->trans[t].new_state < 0 || s->trans[t].new_state >= n)
                c->ok = false;
        }
    }
    return d;
}

HyphenDict *hyphen_snapshot_decode(const char *data, size_t len)
{
    uint64_t h;
    if (!data || len < sizeof MAGIC + 3 * sizeof(int32_t) + sizeof h ||
        memcmp(data, MAGIC, sizeof MAGIC))
        return NULL;
    memcpy(&h, data + len - sizeof h, sizeof h);
    if (h != fnv1a(data, len - sizeof h))
        return NULL;
    cursor c = {data + sizeof MAGIC, data + len - sizeof h, true};
    int32_t int_size = get_i32(&c), order = get_i32(&c), levels = get_i32(&c);
    if (int_size != (int32_t)sizeof(int) || order != 0x01020304 || levels < 1 ||
        levels > MAX_LEVELS)
        return NULL;
    HyphenDict *first = NULL, **link = &first;
    for (int i = 0; i < levels && c.ok; i++) {
        *link = get_level(&c);
        if (*link)
            link = &(*link)->nextlevel;
    }
    if (!c.ok || c.p != c.end) {
        if (first)
            hnj_hyphen_free(first); /* frees what was made so far */
        return NULL;
    }
    return first;
}

/* ---- the cache file ---- */

/* The key of a dictionary file: its resolved path, size and time.  The
 * file name carries a hash of the path; the rest is checked inside. */
typedef struct {
    int64_t size, mtime;
    char path[4096];
} snapshot_key;

static bool key_of(const char *dict_path, snapshot_key *k)
{
    char *real = realpath(dict_path, NULL);
    GStatBuf st;
    bool ok = real && strlen(real) < sizeof k->path && g_stat(real, &st) == 0;
    if (ok) {
        memset(k, 0, sizeof *k);
        k->size = (int64_t)st.st_size;
        k->mtime = (int64_t)st.st_mtime;
        memcpy(k->path, real, strlen(real));
    }
    free(real);
    return ok;
}

static char *snapshot_path(const char *cache_dir, const snapshot_key *k)
{
    char *base = g_path_get_basename(k->path);
    char *name = g_strdup_printf("%s-%08x.snapshot", base, g_str_hash(k->path));
    char *path = g_build_filename(cache_dir, "hyphen", name, NULL);
    g_free(base);
    g_free(name);
    return path;
}

static HyphenDict *read_snapshot(const char *path, const snapshot_key *k)
{
    char *data = NULL;
    gsize len = 0;
    HyphenDict *d = NULL;
    if (g_file_get_contents(path, &data, &len, NULL) && len > sizeof *k &&
        !memcmp(data, k, sizeof *k))
        d = hyphen_snapshot_decode(data + sizeof *k, len - sizeof *k);
    g_free(data);
    return d;
}

/* Written to a temporary file and renamed, so a reader sees a whole
 * snapshot or none; failures are quiet (see the header). */
static void write_snapshot(const char *path, const snapshot_key *k, const HyphenDict *d)
{
    char *dir = g_path_get_dirname(path);
    size_t len = 0;
    char *bytes = hyphen_snapshot_encode(d, &len);
    char *tmp = g_strdup_printf("%s.%u.tmp", path, (unsigned)g_random_int());
    GString *all = g_string_sized_new(sizeof *k + len);
    g_string_append_len(all, (const char *)k, sizeof *k);
    g_string_append_len(all, bytes, (gssize)len);
    if (g_mkdir_with_parents(dir, 0755) == 0 &&
        g_file_set_contents(tmp, all->str, (gssize)all->len, NULL) && g_rename(tmp, path) != 0)
        g_unlink(tmp);
    g_string_free(all, TRUE);
    g_free(tmp);
    g_free(bytes);
    g_free(dir);
}

HyphenDict *hyphen_snapshot_load(const char *dict_path, const char *cache_dir)
{
    snapshot_key k;
    if (!cache_dir || !*cache_dir || !key_of(dict_path, &k))
        return hnj_hyphen_load(dict_path);
    char *path = snapshot_path(cache_dir, &k);
    HyphenDict *d = read_snapshot(path, &k);
    if (!d) {
        d = hnj_hyphen_load(dict_path);
        if (d)
            write_snapshot(path, &k, d);
    }
    g_free(path);
    return d;
}
