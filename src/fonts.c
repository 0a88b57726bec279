/* fonts.c - the private fontconfig over fonts/ (see fonts.h). */
#include "fonts.h"

#include <glib.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <stdlib.h>
#include <string.h>

/* Checks that every file fonts.list names was copied into fonts_dir.
 * Done before fontconfig scans the folder, because fontconfig would simply
 * not see a missing face and a neighbour would stand in for it. */
static bool check_manifest(const char *fonts_dir, diag_list *d)
{
    char *list = g_build_filename(fonts_dir, "fonts.list", NULL);
    char *text = NULL;
    GError *err = NULL;
    if (!g_file_get_contents(list, &text, NULL, &err)) {
        src_pos p = {list, 0, 0};
        diag_error(d, p, "cannot read the font list: %s", err->message);
        g_error_free(err);
        g_free(list);
        return false;
    }
    bool ok = true;
    char **lines = g_strsplit(text, "\n", -1);
    for (int i = 0; lines[i]; i++) {
        char *line = g_strstrip(lines[i]);
        if (!*line || *line == '#')
            continue;
        src_pos p = {list, i + 1, 1};
        char **fields = g_strsplit_set(line, " \t", -1);
        const char *word[3] = {NULL, NULL, NULL};
        int n = 0;
        for (int j = 0; fields[j] && n < 3; j++)
            if (*fields[j])
                word[n++] = fields[j];
        if (n < 3) {
            diag_error(d, p, "expected 'package file licence', got \"%s\"", line);
            ok = false;
        } else {
            char *base = g_path_get_basename(word[1]);
            char *file = g_build_filename(fonts_dir, base, NULL);
            if (!g_file_test(file, G_FILE_TEST_IS_REGULAR) && !strcmp(word[0], "-")) {
                diag_error(d, p, "font file %s is missing: copy the file into %s", file,
                           fonts_dir);
                ok = false;
            } else if (!g_file_test(file, G_FILE_TEST_IS_REGULAR)) {
                diag_error(d, p,
                           "font file %s is missing: install the Debian package %s "
                           "and run scripts/copy-fonts.sh %s",
                           file, word[0], fonts_dir);
                ok = false;
            }
            g_free(file);
            g_free(base);
        }
        g_strfreev(fields);
    }
    g_strfreev(lines);
    g_free(text);
    g_free(list);
    return ok;
}

/* The cache lives in fonts_dir/cache so that start-up does not rescan
 * the fonts.  It is given as an absolute path because fontconfig 2.14
 * resolves <cachedir prefix="relative"> against the working directory. */
static bool add_cache_dir(FcConfig *c, const char *fonts_dir)
{
    char *dir = g_build_filename(fonts_dir, "cache", NULL);
    char *abs = g_canonicalize_filename(dir, NULL);
    char *esc = g_markup_escape_text(abs, -1);
    char *xml = g_strdup_printf("<?xml version=\"1.0\"?>\n"
                                "<fontconfig><cachedir>%s</cachedir></fontconfig>\n", esc);
    bool ok = FcConfigParseAndLoadFromMemory(c, (const FcChar8 *)xml, FcTrue);
    g_free(xml);
    g_free(esc);
    g_free(abs);
    g_free(dir);
    return ok;
}

FcConfig *fonts_load_config(const char *fonts_dir, diag_list *d)
{
    if (!check_manifest(fonts_dir, d))
        return NULL;
    char *conf = g_build_filename(fonts_dir, "fonts.conf", NULL);
    /* fontconfig looks a relative name up in its own configuration
     * folders, not in the working directory. */
    char *abs_conf = g_canonicalize_filename(conf, NULL);
    src_pos p = {conf, 0, 0};
    FcConfig *c = NULL;
    if (!g_file_test(conf, G_FILE_TEST_IS_REGULAR)) {
        diag_error(d, p, "fontconfig configuration is missing");
        goto out;
    }
    /* FcConfigCreate, not FcInitLoadConfig: the latter would read the
     * system's fonts.conf and with it every installed font. */
    c = FcConfigCreate();
    if (!c) {
        diag_error(d, p, "out of memory creating a fontconfig configuration");
        goto out;
    }
    if (!add_cache_dir(c, fonts_dir)) {
        diag_error(d, p, "fontconfig rejected the cache folder %s/cache", fonts_dir);
        FcConfigDestroy(c);
        c = NULL;
        goto out;
    }
    if (!FcConfigParseAndLoad(c, (const FcChar8 *)abs_conf, FcTrue)) {
        diag_error(d, p, "fontconfig cannot parse this configuration");
        FcConfigDestroy(c);
        c = NULL;
        goto out;
    }
    if (!FcConfigBuildFonts(c)) {
        diag_error(d, p, "fontconfig cannot scan the fonts in %s", fonts_dir);
        FcConfigDestroy(c);
        c = NULL;
        goto out;
    }
    FcFontSet *set = FcConfigGetFonts(c, FcSetSystem);
    if (!set || set->nfont == 0) {
        diag_error(d, p, "no fonts found in %s", fonts_dir);
        FcConfigDestroy(c);
        c = NULL;
    }
out:
    g_free(abs_conf);
    g_free(conf);
    return c;
}

bool fonts_has_family(FcConfig *c, const char *family)
{
    FcFontSet *set = c ? FcConfigGetFonts(c, FcSetSystem) : NULL;
    if (!set || !family)
        return false;
    for (int i = 0; i < set->nfont; i++) {
        FcChar8 *name;
        for (int k = 0; FcPatternGetString(set->fonts[i], FC_FAMILY, k, &name) == FcResultMatch;
             k++)
            if (FcStrCmpIgnoreCase(name, (const FcChar8 *)family) == 0)
                return true;
    }
    return false;
}

static int cmp_face(const void *a, const void *b)
{
    return strcmp(((const font_face *)a)->path, ((const font_face *)b)->path);
}

/* fontconfig weights are its own scale; CSS wants 100..900 in hundreds. */
static int css_weight(double fc_weight)
{
    int w = (int)(FcWeightToOpenTypeDouble(fc_weight) + 0.5);
    w = (w + 50) / 100 * 100;
    return w < 100 ? 100 : w > 900 ? 900 : w;
}

size_t fonts_list_faces(FcConfig *c, font_face **out)
{
    *out = NULL;
    FcFontSet *set = c ? FcConfigGetFonts(c, FcSetSystem) : NULL;
    if (!set || set->nfont == 0)
        return 0;
    font_face *faces = g_new0(font_face, set->nfont);
    size_t n = 0;
    for (int i = 0; i < set->nfont; i++) {
        FcPattern *pat = set->fonts[i];
        FcChar8 *file = NULL, *family = NULL;
        if (FcPatternGetString(pat, FC_FILE, 0, &file) != FcResultMatch ||
            FcPatternGetString(pat, FC_FAMILY, 0, &family) != FcResultMatch)
            continue;
        double weight = FC_WEIGHT_REGULAR;
        int slant = FC_SLANT_ROMAN;
        FcPatternGetDouble(pat, FC_WEIGHT, 0, &weight);
        FcPatternGetInteger(pat, FC_SLANT, 0, &slant);
        faces[n++] = (font_face){g_strdup((const char *)file), g_strdup((const char *)family),
                                 css_weight(weight), slant != FC_SLANT_ROMAN};
    }
    /* fontconfig's order depends on the directory scan; sorted output
     * keeps the EPUB byte-for-byte reproducible. */
    qsort(faces, n, sizeof *faces, cmp_face);
    *out = faces;
    return n;
}

void fonts_free_faces(font_face *faces, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        g_free(faces[i].path);
        g_free(faces[i].family);
    }
    g_free(faces);
}

PangoFontMap *fonts_new_pango_fontmap(FcConfig *c)
{
    PangoFontMap *map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    if (map && c)
        pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map), c);
    return map;
}

static gint cmp_name(gconstpointer a, gconstpointer b)
{
    return g_ascii_strcasecmp(*(const char *const *)a, *(const char *const *)b);
}

static char *family_list(FcConfig *c)
{
    GPtrArray *names = g_ptr_array_new();
    FcFontSet *set = FcConfigGetFonts(c, FcSetSystem);
    for (int i = 0; set && i < set->nfont; i++) {
        FcChar8 *name;
        if (FcPatternGetString(set->fonts[i], FC_FAMILY, 0, &name) != FcResultMatch)
            continue;
        bool seen = false;
        for (guint k = 0; k < names->len && !seen; k++)
            seen = !strcmp(g_ptr_array_index(names, k), (const char *)name);
        if (!seen)
            g_ptr_array_add(names, name);
    }
    g_ptr_array_sort(names, cmp_name);
    GString *out = g_string_new(NULL);
    for (guint k = 0; k < names->len; k++)
        g_string_append_printf(out, "%s%s", k ? ", " : "", (char *)g_ptr_array_index(names, k));
    g_ptr_array_free(names, TRUE);
    return g_string_free(out, FALSE);
}

bool fonts_check_style(FcConfig *c, const style *st, const char *fonts_dir, diag_list *d)
{
    style_family_use uses[64];
    size_t n = style_families(st, uses, G_N_ELEMENTS(uses));
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        if (style_family_is_generic(uses[i].family) || fonts_has_family(c, uses[i].family))
            continue;
        char *have = family_list(c);
        src_pos p = {st->path ? st->path : "style", uses[i].line, uses[i].line ? 1 : 0};
        diag_error(d, p, "font family `%s` is not in the fonts folder %s (it has: %s); add it "
                   "to fonts.list there (see README, \"Adding a font\")", uses[i].family,
                   fonts_dir, have);
        g_free(have);
        ok = false;
    }
    return ok;
}

/* The characters the style's fonts cover together. */
static FcCharSet *style_charset(FcConfig *c, const style *st)
{
    style_family_use uses[64];
    size_t n = style_families(st, uses, G_N_ELEMENTS(uses));
    bool generic = false;
    for (size_t i = 0; i < n; i++)
        generic = generic || style_family_is_generic(uses[i].family);
    FcCharSet *all = FcCharSetCreate();
    FcFontSet *set = FcConfigGetFonts(c, FcSetSystem);
    for (int i = 0; set && i < set->nfont; i++) {
        bool used = generic; /* a generic name may fall on any face of the folder */
        FcChar8 *name;
        for (int k = 0; !used && FcPatternGetString(set->fonts[i], FC_FAMILY, k, &name) ==
                                     FcResultMatch; k++)
            for (size_t u = 0; u < n && !used; u++)
                used = FcStrCmpIgnoreCase(name, (const FcChar8 *)uses[u].family) == 0;
        FcCharSet *cs;
        if (used && FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &cs) == FcResultMatch)
            FcCharSetMerge(all, cs, NULL);
    }
    return all;
}

typedef struct {
    FcCharSet *cs;
    GHashTable *seen;     /* code points reported */
    diag_list *d;
    bool ok;
} coverage;

static void check_text(coverage *cv, const char *text, src_pos at)
{
    if (!text)
        return;
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        gunichar u = g_utf8_get_char(p);
        GUnicodeType t = g_unichar_type(u);
        if (u < 0x21 || g_unichar_isspace(u) || t == G_UNICODE_CONTROL ||
            t == G_UNICODE_FORMAT || t == G_UNICODE_NON_SPACING_MARK ||
            FcCharSetHasChar(cv->cs, u) ||
            g_hash_table_contains(cv->seen, GUINT_TO_POINTER(u)))
            continue;
        g_hash_table_add(cv->seen, GUINT_TO_POINTER(u));
        char ch[8] = {0};
        g_unichar_to_utf8(u, ch);
        src_pos q = at;
        if (q.col > 0)
            q.col += (int)(p - text);
        diag_error(cv->d, q, "no font of the style has the character U+%04X `%s`: it would "
                   "print as a blank box (add a font that has it, see README)", u, ch);
        cv->ok = false;
    }
}

static void check_node(node *n, void *ud)
{
    coverage *cv = ud;
    if (n->type == NODE_TEXT || n->type == NODE_CODE || n->type == NODE_CODE_BLOCK)
        check_text(cv, n->text, n->pos);
    else if (n->type == NODE_IMAGE || n->type == NODE_FIGURE)
        check_text(cv, n->as.image.alt, n->pos);
}

bool fonts_check_coverage(FcConfig *c, const style *st, const node *issue, diag_list *d)
{
    coverage cv = {style_charset(c, st), g_hash_table_new(g_direct_hash, g_direct_equal), d,
                   true};
    const issue_meta *im = &issue->as.issue;
    const char *meta[] = {im->title, im->subtitle, im->publisher, im->number, im->date};
    /* Metadata has no column of its own: its file and line. */
    src_pos ip = issue->pos;
    ip.col = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(meta); i++)
        check_text(&cv, meta[i], ip);
    for (node *a = issue->first; a; a = a->next) {
        if (a->type != NODE_ARTICLE)
            continue;
        const article_meta *m = &a->as.article;
        const char *am[] = {m->title, m->rubric, m->subtitle};
        src_pos ap = a->pos;
        ap.col = 0;
        for (size_t i = 0; i < G_N_ELEMENTS(am); i++)
            check_text(&cv, am[i], ap);
        for (size_t i = 0; i < m->nauthors; i++)
            check_text(&cv, m->authors[i], ap);
        tree_visit_article(a, check_node, &cv);
    }
    g_hash_table_destroy(cv.seen);
    FcCharSetDestroy(cv.cs);
    return cv.ok;
}
