/* session.c - what one process keeps from one build to the next
 * (session.h). */
#include "session.h"

#include <glib.h>
#include <string.h>
#include <sys/stat.h>

#include "fonts.h"

struct build_session {
    char *prefetched;    /* fonts print and cache folder of the last prefetch */
    char *fonts_print;   /* the fonts folder as fc saw it */
    FcConfig *fc;        /* owned */
    pdf_cache *layout;   /* measuring objects, hyphenator, resources, frames */
};

build_session *build_session_new(void)
{
    build_session *s = g_new0(build_session, 1);
    s->layout = pdf_cache_new();
    return s;
}

void build_session_free(build_session *s)
{
    if (!s)
        return;
    pdf_cache_free(s->layout);
    g_free(s->prefetched);
    if (s->fc)
        FcConfigDestroy(s->fc);
    g_free(s->fonts_print);
    g_free(s);
}

static gint cmp_str(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The fonts folder's files (name, size, modification time), sorted: when
 * it is the same, the configuration over it is still good. */
static char *fonts_fingerprint(const char *fonts_dir)
{
    GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
    GDir *d = g_dir_open(fonts_dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d))) {
        char *path = g_build_filename(fonts_dir, name, NULL);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
            g_ptr_array_add(lines, g_strdup_printf("%s %lld %lld.%ld\n", name,
                                                   (long long)st.st_size,
                                                   (long long)st.st_mtim.tv_sec,
                                                   (long)st.st_mtim.tv_nsec));
        g_free(path);
    }
    if (d)
        g_dir_close(d);
    g_ptr_array_sort(lines, cmp_str);
    GString *out = g_string_new(fonts_dir);
    g_string_append_c(out, '\n');
    for (guint i = 0; i < lines->len; i++)
        g_string_append(out, g_ptr_array_index(lines, i));
    g_ptr_array_free(lines, TRUE);
    return g_string_free(out, FALSE);
}

/* The font configuration, from the session when the folder is unchanged.
 * The caller owns a reference. */
FcConfig *session_load_fonts(build_session *s, const char *fonts_dir, char **print, diag_list *d)
{
    char *abs = g_canonicalize_filename(fonts_dir, NULL);
    *print = fonts_fingerprint(abs);
    FcConfig *fc = NULL;
    if (s && s->fc && !g_strcmp0(s->fonts_print, *print)) {
        fc = FcConfigReference(s->fc);
    } else {
        /* Absolute: fontconfig resolves a relative configuration file
         * against its own folders. */
        fc = fonts_load_config(abs, d);
        if (fc && s) {
            if (s->fc)
                FcConfigDestroy(s->fc);
            s->fc = FcConfigReference(fc);
            g_free(s->fonts_print);
            s->fonts_print = g_strdup(*print);
        }
    }
    g_free(abs);
    return fc;
}

/* What the print layout depends on besides the tree: the style file's
 * bytes and the fonts. */
char *session_layout_salt(const char *style_path, const char *fonts_print)
{
    char *text = NULL;
    gsize len = 0;
    if (!g_file_get_contents(style_path, &text, &len, NULL))
        return NULL; /* NULL salt: the layout cache is not used */
    GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
    g_checksum_update(ck, (const guchar *)text, (gssize)len);
    g_checksum_update(ck, (const guchar *)fonts_print, -1);
    char *salt = g_strdup(g_checksum_get_string(ck));
    g_checksum_free(ck);
    g_free(text);
    return salt;
}

bool session_prefetch_due(build_session *s, const char *key)
{
    if (!s)
        return true;
    bool due = g_strcmp0(s->prefetched, key) != 0;
    g_free(s->prefetched);
    s->prefetched = g_strdup(key);
    return due;
}

pdf_cache *session_frames(build_session *s) { return s ? s->layout : NULL; }
