/* press_colour.c - output profile and CMYK values, with LittleCMS. */
#include "finish/press_colour.h"

#include <glib.h>
#include <lcms2.h>
#include <math.h>
#include <string.h>

struct press_profile {
    unsigned char *bytes;   /* the file, embedded as is */
    size_t len;
    char *description;
    unsigned char *srgb;    /* LittleCMS's sRGB, header date zeroed */
    size_t srgb_len;
    cmsHTRANSFORM to_cmyk;  /* sRGB doubles -> profile CMYK doubles */
};

static void profile_free_handles(cmsHPROFILE a, cmsHPROFILE b)
{
    if (a)
        cmsCloseProfile(a);
    if (b)
        cmsCloseProfile(b);
}

press_profile *press_profile_load(const char *path, src_pos at, diag_list *d)
{
    gchar *bytes = NULL;
    gsize len = 0;
    GError *err = NULL;
    if (!g_file_get_contents(path, &bytes, &len, &err)) {
        diag_error(d, at, "cannot read the output profile %s: %s", path, err->message);
        g_error_free(err);
        return NULL;
    }
    cmsHPROFILE cmyk = cmsOpenProfileFromMem(bytes, (cmsUInt32Number)len);
    if (!cmyk || cmsGetColorSpace(cmyk) != cmsSigCmykData ||
        cmsGetDeviceClass(cmyk) != cmsSigOutputClass) {
        diag_error(d, at, "the output profile %s is not a CMYK printer (output) ICC profile",
                   path);
        profile_free_handles(cmyk, NULL);
        g_free(bytes);
        return NULL;
    }
    press_profile *p = g_new0(press_profile, 1);
    p->bytes = (unsigned char *)bytes;
    p->len = len;
    char desc[256] = "";
    cmsGetProfileInfoASCII(cmyk, cmsInfoDescription, "en", "US", desc, sizeof desc);
    p->description = g_strdup(*desc ? desc : "CMYK output profile");
    cmsHPROFILE srgb = cmsCreate_sRGBProfile();
    p->to_cmyk = cmsCreateTransform(srgb, TYPE_RGB_DBL, cmyk, TYPE_CMYK_DBL,
                                    INTENT_RELATIVE_COLORIMETRIC, cmsFLAGS_BLACKPOINTCOMPENSATION);
    cmsUInt32Number n = 0;
    if (cmsSaveProfileToMem(srgb, NULL, &n) && n > 128) {
        p->srgb = g_malloc(n);
        p->srgb_len = n;
        cmsSaveProfileToMem(srgb, p->srgb, &n);
        /* the header's creation date (bytes 24..35) is the clock: fixed */
        static const unsigned char y2000[12] = {0x07, 0xd0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0};
        memcpy(p->srgb + 24, y2000, sizeof y2000);
    }
    profile_free_handles(srgb, cmyk);
    if (!p->to_cmyk || !p->srgb) {
        diag_error(d, at, "cannot make a colour transform to the output profile %s", path);
        press_profile_free(p);
        return NULL;
    }
    return p;
}

/* 1-based line of `key =` in [print] of the style file, 0 if absent. */
static int print_line(const char *style_path, const char *key)
{
    char *text = NULL;
    if (!style_path || !g_file_get_contents(style_path, &text, NULL, NULL))
        return 0;
    char **lines = g_strsplit(text, "\n", -1);
    int found = 0;
    bool inside = false;
    for (int i = 0; lines[i]; i++) {
        char *l = g_strstrip(lines[i]);
        if (*l == '[')
            inside = g_str_has_prefix(l, "[print]");
        else if (inside && g_str_has_prefix(l, key) && strchr(l, '='))
            found = i + 1;
    }
    g_strfreev(lines);
    g_free(text);
    return found;
}

press_profile *press_profile_for_style(const style *st, bool *is_default, diag_list *d)
{
    *is_default = !st->output_profile;
    if (*is_default) {
        src_pos at = {st->path ? st->path : "style", print_line(st->path, "output-profile"), 0};
        press_profile *p = press_profile_load(PRESS_DEFAULT_PROFILE, at, d);
        if (p)
            diag_warning(d, at,
                         "[print] names no output-profile: the press edition uses Ghostscript's "
                         "SWOP-like %s, labelled as condition Custom; ask the printer for their "
                         "profile (e.g. FOGRA39) and name it in [print] output-profile",
                         PRESS_DEFAULT_PROFILE);
        return p;
    }
    src_pos at = {st->path ? st->path : "style", print_line(st->path, "output-profile"), 1};
    char *path;
    if (g_path_is_absolute(st->output_profile) || !st->path) {
        path = g_strdup(st->output_profile);
    } else {
        char *dir = g_path_get_dirname(st->path);
        path = g_build_filename(dir, st->output_profile, NULL);
        g_free(dir);
    }
    press_profile *p = press_profile_load(path, at, d);
    g_free(path);
    return p;
}

void press_profile_free(press_profile *p)
{
    if (!p)
        return;
    if (p->to_cmyk)
        cmsDeleteTransform(p->to_cmyk);
    g_free(p->bytes);
    g_free(p->srgb);
    g_free(p->description);
    g_free(p);
}

const unsigned char *press_profile_bytes(const press_profile *p, size_t *len)
{
    *len = p->len;
    return p->bytes;
}

const char *press_profile_description(const press_profile *p)
{
    return p->description;
}

const unsigned char *press_profile_srgb(const press_profile *p, size_t *len)
{
    *len = p->srgb_len;
    return p->srgb;
}

void press_profile_cmyk(const press_profile *p, const double rgb[3], double cmyk[4])
{
    double in[3] = {rgb[0], rgb[1], rgb[2]}, out[4] = {0, 0, 0, 0};
    cmsDoTransform(p->to_cmyk, in, out, 1);
    /* LittleCMS's CMYK doubles are percentages; round to a tenth so that
     * the written operands are short and stable */
    for (int i = 0; i < 4; i++)
        cmyk[i] = fmin(1, fmax(0, round(out[i] * 10) / 1000.0));
}

static bool near_black(const double rgb[3])
{
    return rgb[0] < 0.2 && rgb[1] < 0.2 && rgb[2] < 0.2;
}

void press_complete_style(style *st, const press_profile *p, diag_list *d)
{
    style_color *colors[64];
    const char *names[64];
    size_t n = style_colors(st, colors, names, G_N_ELEMENTS(colors));
    GHashTable *told = g_hash_table_new(g_direct_hash, g_direct_equal);
    for (size_t i = 0; i < n && i < G_N_ELEMENTS(colors); i++) {
        style_color *c = colors[i];
        if (c->has_cmyk)
            continue;
        double rgb[3] = {c->r, c->g, c->b};
        c->has_cmyk = true;
        if (near_black(rgb)) { /* 100 K by rule: nothing to choose */
            c->cmyk[0] = c->cmyk[1] = c->cmyk[2] = 0;
            c->cmyk[3] = 1;
            continue;
        }
        press_profile_cmyk(p, rgb, c->cmyk);
        /* one warning per line of the file (a text group's colour that
         * follows the accent has the accent's line) */
        if (c->line > 0 && !g_hash_table_contains(told, GINT_TO_POINTER(c->line))) {
            g_hash_table_add(told, GINT_TO_POINTER(c->line));
            src_pos at = {st->path, c->line, 1};
            diag_warning(d, at,
                         "[%s] colour #%02x%02x%02x has no CMYK value; the press edition uses "
                         "cmyk(%.0f, %.0f, %.0f, %.0f), derived through the output profile "
                         "(write #rrggbb / cmyk(c, m, y, k) to choose)",
                         names[i], (int)lround(c->r * 255), (int)lround(c->g * 255),
                         (int)lround(c->b * 255), c->cmyk[0] * 100, c->cmyk[1] * 100,
                         c->cmyk[2] * 100, c->cmyk[3] * 100);
        }
    }
    g_hash_table_destroy(told);
}

/* ------------------------------------------------------------------ */

typedef struct {
    double rgb[3], cmyk[4];
} palette_entry;

struct press_palette {
    const press_profile *p;
    GArray *style;        /* palette_entry: the style's colours */
    GHashTable *derived;  /* 24-bit rgb key -> palette_entry*, owned */
};

press_palette *press_palette_new(const style *st, const press_profile *p)
{
    press_palette *pal = g_new0(press_palette, 1);
    pal->p = p;
    pal->style = g_array_new(FALSE, FALSE, sizeof(palette_entry));
    pal->derived = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    style_color *colors[64];
    const char *names[64];
    size_t n = style_colors((style *)st, colors, names, G_N_ELEMENTS(colors));
    for (size_t i = 0; i < n && i < G_N_ELEMENTS(colors); i++) {
        const style_color *c = colors[i];
        palette_entry e = {{c->r, c->g, c->b}, {0, 0, 0, 0}};
        if (c->has_cmyk)
            memcpy(e.cmyk, c->cmyk, sizeof e.cmyk);
        else
            press_profile_cmyk(p, e.rgb, e.cmyk);
        g_array_append_val(pal->style, e);
    }
    return pal;
}

void press_palette_free(press_palette *pal)
{
    if (!pal)
        return;
    g_array_free(pal->style, TRUE);
    g_hash_table_destroy(pal->derived);
    g_free(pal);
}

bool press_palette_cmyk(press_palette *pal, const double rgb[3], double cmyk[4])
{
    if (near_black(rgb)) {
        cmyk[0] = cmyk[1] = cmyk[2] = 0;
        cmyk[3] = 1;
        return true;
    }
    /* cairo writes operands to 6 decimals: a style colour is within half
     * a step of 1/255 of what the style said */
    for (guint i = 0; i < pal->style->len; i++) {
        const palette_entry *e = &g_array_index(pal->style, palette_entry, i);
        if (fabs(e->rgb[0] - rgb[0]) < 0.5 / 255 && fabs(e->rgb[1] - rgb[1]) < 0.5 / 255 &&
            fabs(e->rgb[2] - rgb[2]) < 0.5 / 255) {
            memcpy(cmyk, e->cmyk, sizeof e->cmyk);
            return e->cmyk[0] == 0 && e->cmyk[1] == 0 && e->cmyk[2] == 0 && e->cmyk[3] == 1;
        }
    }
    guint key = 0;
    for (int i = 0; i < 3; i++)
        key = key << 8 | (guint)lround(fmin(1, fmax(0, rgb[i])) * 255);
    palette_entry *e = g_hash_table_lookup(pal->derived, GUINT_TO_POINTER(key + 1));
    if (!e) {
        e = g_new0(palette_entry, 1);
        memcpy(e->rgb, rgb, sizeof e->rgb);
        press_profile_cmyk(pal->p, rgb, e->cmyk);
        g_hash_table_insert(pal->derived, GUINT_TO_POINTER(key + 1), e);
    }
    memcpy(cmyk, e->cmyk, sizeof e->cmyk);
    return false;
}
