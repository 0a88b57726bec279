/* style.c - reads a style key file (styles/<name>.ini) into a style.
 *
 * Every group and key is described once, in the tables below, together
 * with its built-in default: the defaults are a complete, sober magazine
 * style, so a style file only needs to say what differs.  GKeyFile does
 * the parsing; it keeps no line numbers, so diagnostics find their line
 * again by scanning the file text (see find_line). */
#include "style.h"

#include <glib.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define MM(x) ((x) * 72.0 / 25.4)

/* A text kind may take its colour from [colors] accent rather than a fixed
 * value, so that changing the accent recolours rubrics, pull quotes etc.
 * The value is outside 0xrrggbb on purpose. */
#define ACCENT 0x1000000u
#define INK 0x1c1c1cu
#define GREY 0x5a5a5au

/* ------------------------------------------------------------------ */
/* the tables                                                         */

typedef struct {
    const char *group;
    size_t offset;          /* of the style_text inside style */
    const char *family;     /* a role of [fonts] (serif, sans...) or a name */
    double size, leading;
    int weight;
    bool italic, caps;
    double tracking;
    unsigned color;         /* 0xrrggbb or ACCENT */
    double before, after;
    bool hyphenate, justify;
} text_spec;

#define T(field) offsetof(style, field)
static const text_spec text_specs[] = {
    /* group          offset              family     size  lead  wt   ital   caps   track  color  bef   aft  hyph   just */
    {"body",         T(body),            "serif",    9.5, 12.5, 400, false, false, 0,     INK,    0,    0,   true,  true},
    {"lead",         T(lead),            "sans",     9.5, 14,   700, false, true,  0.02,  INK,    0,    14,  false, false},
    {"rubric",       T(rubric),          "sans",     8,   10,   900, false, true,  0.12,  ACCENT, 0,    6,   false, false},
    {"title",        T(title),           "display",  30,  33,   900, false, false, -0.01, INK,    0,    8,   false, false},
    {"subtitle",     T(subtitle),        "serif",    13,  17,   400, true,  false, 0,     GREY,   0,    12,  false, false},
    {"heading1",     T(heading[0]),      "sans",     10.5, 12.5, 900, false, true, 0.06,  ACCENT, 16,   4,   false, false},
    {"heading2",     T(heading[1]),      "sans",     9.5, 12.5, 700, false, true,  0.05,  INK,    12.5, 2,   false, false},
    {"heading3",     T(heading[2]),      "sans",     8.5, 12.5, 700, false, true,  0.06,  GREY,   12.5, 0,   false, false},
    {"pullquote",    T(pullquote),       "display",  17,  21,   300, false, false, 0,     ACCENT, 12,   6,   false, false},
    {"attribution",  T(attribution),     "sans",     7.5, 10,   700, false, true,  0.1,   ACCENT, 0,    12,  false, false},
    {"byline-name",  T(byline_name),     "sans",     8.5, 11,   700, false, false, 0,     INK,    0,    0,   false, false},
    {"byline-role",  T(byline_role),     "sans",     8,   11,   400, true,  false, 0,     GREY,   0,    0,   false, false},
    {"footnote",     T(footnote),        "serif",    7.5, 9.5,  400, false, false, 0,     INK,    0,    2,   true,  false},
    {"caption",      T(caption),         "sans",     7.5, 10,   400, true,  false, 0,     GREY,   4,    8,   true,  false},
    {"sidebar",      T(sidebar),         "sans",     8.5, 11.5, 400, false, false, 0,     INK,    0,    0,   true,  false},
    {"colophon",     T(colophon),        "serif",    7,   8.5,  400, false, false, 0,     INK,    0,    0,   true,  false},
    {"running-head", T(running_head),    "sans",     7,   9,    700, false, true,  0.12,  GREY,   0,    0,   false, false},
    {"folio",        T(folio),           "sans",     8,   9,    900, false, false, 0,     ACCENT, 0,    0,   false, false},
    {"masthead",     T(masthead),        "display",  64,  64,   900, false, true,  -0.02, ACCENT, 0,    6,   false, false},
    {"cover-item",   T(cover_item),      "sans",     13,  16,   700, false, false, 0,     INK,    0,    10,  false, false},
    {"code",         T(code),            "mono",     8.5, 12.5, 400, false, false, 0,     INK,    6,    6,   false, false},
    {"credit",       T(credit),          "sans",     6,   7.5,  400, false, true,  0.06,  GREY,   0,    0,   false, false},
    {"table",        T(table),           "sans",     8,   11,   400, false, false, 0,     INK,    6,    6,   false, false},
    /* page craft (issue 13) */
    {"blockquote",   T(blockquote),      "serif",    9.5, 12.5, 400, false, false, 0,     INK,    6,    6,   true,  true},
    {"question",     T(question),        "sans",     9,   12.5, 700, false, false, 0,     INK,    8,    0,   false, false},
};
#define N_TEXT G_N_ELEMENTS(text_specs)

typedef enum {
    V_SIZE,     /* length > 0 */
    V_LENGTH,   /* length >= 0 */
    V_NUMBER,   /* any number, no unit */
    V_COUNT,    /* whole number >= min */
    V_BOOL,
    V_COLOR,    /* #rrggbb; in text groups also "accent" */
    V_WEIGHT,
    V_STRING,   /* non-empty */
    V_MARKS,    /* none | crop */
} value_kind;

typedef struct {
    const char *key;
    value_kind kind;
    size_t offset;          /* inside style_text (text groups) or style */
    int min;                /* V_COUNT only */
    double lo, hi;          /* V_COUNT, V_SIZE: bounds (points for a size); 0, 0: none */
} key_spec;

#define PAGE_MIN MM(STYLE_MIN_PAGE_MM)
#define PAGE_MAX MM(STYLE_MAX_PAGE_MM)

#define K(field) offsetof(style_text, field)
static const key_spec text_keys[] = {
    {"family", V_STRING, K(family), 0, 0, 0},
    {"size", V_SIZE, K(size), 0, STYLE_MIN_FONT_PT, STYLE_MAX_FONT_PT},
    {"leading", V_SIZE, K(leading), 0, 1, 3 * STYLE_MAX_FONT_PT},
    {"weight", V_WEIGHT, K(weight), 0, 0, 0},
    {"italic", V_BOOL, K(italic), 0, 0, 0},
    {"caps", V_BOOL, K(caps), 0, 0, 0},
    {"tracking", V_NUMBER, K(tracking), 0, 0, 0},
    {"color", V_COLOR, K(color), 0, 0, 0},
    {"space-before", V_LENGTH, K(space_before), 0, 0, 0},
    {"space-after", V_LENGTH, K(space_after), 0, 0, 0},
    {"hyphenate", V_BOOL, K(hyphenate), 0, 0, 0},
    {"justify", V_BOOL, K(justify), 0, 0, 0},
};

static const key_spec page_keys[] = {
    {"width", V_SIZE, T(page_width), 0, PAGE_MIN, PAGE_MAX},
    {"height", V_SIZE, T(page_height), 0, PAGE_MIN, PAGE_MAX},
    {"margin-top", V_LENGTH, T(margin_top), 0, 0, 0},
    {"margin-bottom", V_LENGTH, T(margin_bottom), 0, 0, 0},
    {"margin-inner", V_LENGTH, T(margin_inner), 0, 0, 0},
    {"margin-outer", V_LENGTH, T(margin_outer), 0, 0, 0},
    {"columns", V_COUNT, T(columns), 1, 1, STYLE_MAX_COLUMNS},
    {"gutter", V_LENGTH, T(gutter), 0, 0, 0},
};

static const key_spec font_keys[] = {
    {"serif", V_STRING, T(serif_family), 0, 0, 0},
    {"sans", V_STRING, T(sans_family), 0, 0, 0},
    {"display", V_STRING, T(display_family), 0, 0, 0},
    {"mono", V_STRING, T(mono_family), 0, 0, 0},
};

static const key_spec color_keys[] = {
    {"accent", V_COLOR, T(accent), 0, 0, 0},
    {"sidebar-tint", V_COLOR, T(sidebar_tint), 0, 0, 0},
    {"rule", V_COLOR, T(rule_color), 0, 0, 0},
};

static const key_spec rule_keys[] = {
    {"width", V_LENGTH, T(rule_width), 0, 0, 0},
    {"footnote-length", V_LENGTH, T(footnote_rule_length), 0, 0, 0},
};

static const key_spec paragraph_keys[] = {
    {"indent", V_LENGTH, T(paragraph_indent), 0, 0, 0},
    {"min-hyphen-word", V_COUNT, T(min_hyphen_word), 1, 0, 0},
};

/* [print]: the press edition.  Its own block: the colours' CMYK halves
 * are read by parse_color, everything else here. */
static const key_spec print_keys[] = {
    {"bleed", V_LENGTH, T(bleed), 0, 0, 0},
    {"marks", V_MARKS, T(marks), 0, 0, 0},
    {"output-profile", V_STRING, T(output_profile), 0, 0, 0},
    {"output-condition", V_STRING, T(output_condition), 0, 0, 0},
};

size_t style_colors(style *s, style_color **colors, const char **names, size_t max)
{
    size_t n = 0;
#define ADD(c, name)                                                                         \
    do {                                                                                     \
        if (n < max) {                                                                       \
            colors[n] = (c);                                                                 \
            names[n] = (name);                                                               \
        }                                                                                    \
        n++;                                                                                 \
    } while (0)
    ADD(&s->accent, "accent");
    ADD(&s->sidebar_tint, "sidebar-tint");
    ADD(&s->rule_color, "rule");
    for (size_t i = 0; i < N_TEXT; i++)
        ADD(&((style_text *)((char *)s + text_specs[i].offset))->color, text_specs[i].group);
    static const char *const typed[] = {"colors.feature", "colors.editorial",
                                        "colors.interview", "colors.column", "colors.colophon"};
    for (size_t t = 0; t < G_N_ELEMENTS(typed); t++)
        if (s->has_type_accent[t])
            ADD(&s->type_accent[t], typed[t]);
#undef ADD
    return n;
}

static char *parse_marks(const char *v, style_marks *out)
{
    if (!strcmp(v, "none"))
        *out = MARKS_NONE;
    else if (!strcmp(v, "crop"))
        *out = MARKS_CROP;
    else
        return g_strdup_printf("\"%s\" is not a kind of marks (write none or crop)", v);
    return NULL;
}

static const key_spec picture_keys[] = {
    {"screen-ppi", V_COUNT, T(screen_ppi), 36, 36, 1200},
    {"press-ppi", V_COUNT, T(press_ppi), 72, 72, 2400},
    {"warn-ppi", V_COUNT, T(warn_ppi), 1, 1, 1200},
    {"jpeg-quality", V_COUNT, T(jpeg_quality), 1, 1, 100},
    {"epub-image-edge", V_COUNT, T(epub_image_edge), 64, 64, 10000},
    {"inset-width", V_COUNT, T(inset_width), 10, 10, 90},
    {"cover-backing", V_STRING, T(cover_backing), 0, 0, 0},
    {"opener-image", V_STRING, T(opener_image), 0, 0, 0},
};

/* Page craft (issue 13): punctuation, display type, bylines, the issue's
 * page count and contents.  The choices are strings, checked by
 * check_craft() below. */
static const key_spec typography_keys[] = {
    {"quotes", V_STRING, T(quotes), 0, 0, 0},
    {"display-min-scale", V_NUMBER, T(display_min_scale), 0, 0, 0},
    {"keep-space-stretch", V_NUMBER, T(keep_space_stretch), 0, 0, 0},
    {"min-page-lines", V_COUNT, T(min_page_lines), 1, 0, 0},
};
static const key_spec issue_keys[] = {
    {"page-multiple", V_COUNT, T(page_multiple), 1, 0, 0},
    {"page-pad", V_STRING, T(page_pad), 0, 0, 0},
    {"contents", V_STRING, T(contents), 0, 0, 0},
};
static const key_spec byline_keys[] = {
    {"place", V_STRING, T(byline_place), 0, 0, 0},
};

typedef struct {
    const char *group;
    const key_spec *keys;
    size_t nkeys;
} group_spec;

static const group_spec plain_groups[] = {
    {"page", page_keys, G_N_ELEMENTS(page_keys)},
    {"fonts", font_keys, G_N_ELEMENTS(font_keys)},
    {"colors", color_keys, G_N_ELEMENTS(color_keys)},
    {"rules", rule_keys, G_N_ELEMENTS(rule_keys)},
    {"paragraphs", paragraph_keys, G_N_ELEMENTS(paragraph_keys)},
    {"print", print_keys, G_N_ELEMENTS(print_keys)},
    {"pictures", picture_keys, G_N_ELEMENTS(picture_keys)},
    {"typography", typography_keys, G_N_ELEMENTS(typography_keys)},
    {"issue", issue_keys, G_N_ELEMENTS(issue_keys)},
    {"byline", byline_keys, G_N_ELEMENTS(byline_keys)},
};

/* ------------------------------------------------------------------ */
/* defaults                                                           */

static style_color hex_color(unsigned rgb)
{
    return (style_color){.r = ((rgb >> 16) & 0xff) / 255.0, .g = ((rgb >> 8) & 0xff) / 255.0,
                         .b = (rgb & 0xff) / 255.0};
}

static style_text *text_at(style *s, size_t i)
{
    return (style_text *)((char *)s + text_specs[i].offset);
}

/* The defaults with families still naming [fonts] roles and colours still
 * marked accent, so a file's [fonts] and [colors] reach every text kind
 * the file does not set itself.  resolve() finishes the job. */
static style *new_unresolved(bool accent_text[N_TEXT])
{
    style *s = g_new0(style, 1);
    s->name = g_strdup("default");
    s->page_width = MM(210);
    s->page_height = MM(297);
    s->margin_top = MM(18);
    s->margin_bottom = MM(20);
    s->margin_inner = MM(20);
    s->margin_outer = MM(18);
    s->columns = 2;
    s->gutter = MM(5);
    s->serif_family = g_strdup("Charis SIL");
    s->sans_family = g_strdup("Lato");
    s->display_family = g_strdup("Lato");
    s->mono_family = g_strdup("JetBrains Mono");
    s->accent = hex_color(0x006470);
    s->sidebar_tint = hex_color(0xe6f0f1);
    s->rule_color = hex_color(0x8fa3a6);
    s->rule_width = 0.5;
    s->footnote_rule_length = MM(15);
    s->paragraph_indent = 9.5;
    s->min_hyphen_word = 6;
    s->bleed = MM(3);
    s->marks = MARKS_NONE;
    s->screen_ppi = 150;
    s->press_ppi = 300;
    s->warn_ppi = 150;
    s->jpeg_quality = 85;
    s->epub_image_edge = 1600;
    s->inset_width = 40;
    s->cover_backing = g_strdup("scrim");
    s->opener_image = g_strdup("above");
    s->quotes = g_strdup("double");
    s->display_min_scale = 0.6;
    s->keep_space_stretch = 0.5;
    s->min_page_lines = 12;
    s->byline_place = g_strdup("inline");
    s->page_multiple = 4;
    s->page_pad = g_strdup("warn");
    s->contents = g_strdup("cover");
    for (size_t i = 0; i < N_TEXT; i++) {
        const text_spec *t = &text_specs[i];
        *text_at(s, i) = (style_text){
            .family = g_strdup(t->family), .size = t->size, .leading = t->leading,
            .weight = t->weight, .italic = t->italic, .caps = t->caps,
            .tracking = t->tracking, .color = hex_color(t->color & 0xffffff),
            .space_before = t->before, .space_after = t->after,
            .hyphenate = t->hyphenate, .justify = t->justify};
        accent_text[i] = t->color == ACCENT;
    }
    return s;
}

static const char *role_family(const style *s, const char *family)
{
    if (!strcmp(family, "serif"))
        return s->serif_family;
    if (!strcmp(family, "sans"))
        return s->sans_family;
    if (!strcmp(family, "display"))
        return s->display_family;
    if (!strcmp(family, "mono"))
        return s->mono_family;
    return NULL;
}

static int role_line(const style *s, const char *family)
{
    static const char *roles[] = {"serif", "sans", "display", "mono"};
    for (int i = 0; i < 4; i++)
        if (!strcmp(family, roles[i]))
            return s->font_lines[i];
    return 0;
}

static void resolve(style *s, const bool accent_text[N_TEXT])
{
    for (size_t i = 0; i < N_TEXT; i++) {
        style_text *t = text_at(s, i);
        const char *name = role_family(s, t->family);
        if (name) {
            /* The name is written in [fonts]: point there when it is. */
            int line = role_line(s, t->family);
            if (line)
                t->family_line = line;
            char *copy = g_strdup(name);
            g_free(t->family);
            t->family = copy;
        }
        if (accent_text[i])
            t->color = s->accent;
    }
}

style *style_new_default(void)
{
    bool accent_text[N_TEXT];
    style *s = new_unresolved(accent_text);
    resolve(s, accent_text);
    return s;
}

void style_free(style *s)
{
    if (!s)
        return;
    g_free(s->name);
    g_free(s->path);
    g_free(s->serif_family);
    g_free(s->sans_family);
    g_free(s->display_family);
    g_free(s->mono_family);
    g_free(s->output_profile);
    g_free(s->output_condition);
    g_free(s->cover_backing);
    g_free(s->opener_image);
    g_free(s->quotes);
    g_free(s->byline_place);
    for (size_t i = 0; i < G_N_ELEMENTS(s->byline_place_type); i++)
        g_free(s->byline_place_type[i]);
    g_free(s->page_pad);
    g_free(s->contents);
    for (size_t i = 0; i < N_TEXT; i++)
        g_free(text_at(s, i)->family);
    /* the typed copies borrow every string of s */
    for (size_t t = 0; t < G_N_ELEMENTS(s->typed); t++)
        g_free(s->typed[t]);
    g_free(s);
}

/* ------------------------------------------------------------------ */
/* values                                                             */

/* Each parser returns what went wrong with one value, as the tail of a
 * diagnostic (caller frees), or NULL when the value was good and stored. */

static char *parse_length(const char *v, double *out, bool positive)
{
    char *end;
    double x = g_ascii_strtod(v, &end);
    if (end == v || !isfinite(x))
        return g_strdup_printf("\"%s\" is not a length (a number, optionally followed by "
                               "pt, mm, cm or in)", v);
    while (*end == ' ' || *end == '\t')
        end++;
    double scale;
    if (!*end || !strcmp(end, "pt"))
        scale = 1;
    else if (!strcmp(end, "mm"))
        scale = 72.0 / 25.4;
    else if (!strcmp(end, "cm"))
        scale = 72.0 / 2.54;
    else if (!strcmp(end, "in"))
        scale = 72.0;
    else
        return g_strdup_printf("unknown unit \"%s\" in \"%s\" (use pt, mm, cm or in)", end, v);
    if (x < 0)
        return g_strdup_printf("negative length \"%s\"", v);
    if (positive && x == 0)
        return g_strdup_printf("\"%s\" must be more than 0", v);
    *out = x * scale;
    return NULL;
}

/* `#rrggbb`, optionally followed by `/ cmyk(c, m, y, k)` in percent: the
 * value the press edition prints (see [print] in the style file). */
static char *parse_cmyk(const char *v, style_color *out)
{
    const char *p = v;
    while (*p == ' ' || *p == '\t')
        p++;
    if (strncmp(p, "cmyk(", 5) != 0)
        return g_strdup_printf("\"%s\" is not a CMYK value (write cmyk(c, m, y, k) in percent)", v);
    p += 5;
    double x[4];
    for (int i = 0; i < 4; i++) {
        char *end;
        x[i] = g_ascii_strtod(p, &end);
        if (end == p || !isfinite(x[i]) || x[i] < 0 || x[i] > 100)
            return g_strdup_printf("\"%s\": each CMYK part is a percentage from 0 to 100", v);
        p = end;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p != (i < 3 ? ',' : ')'))
            return g_strdup_printf("\"%s\" is not a CMYK value (write cmyk(c, m, y, k) in percent)", v);
        p++;
    }
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p)
        return g_strdup_printf("unexpected \"%s\" after the CMYK value", p);
    for (int i = 0; i < 4; i++)
        out->cmyk[i] = x[i] / 100.0;
    out->has_cmyk = true;
    return NULL;
}

static char *parse_color(const char *v, style_color *out)
{
    const char *slash = strchr(v, '/');
    char *hex = g_strstrip(g_strndup(v, slash ? (size_t)(slash - v) : strlen(v)));
    bool ok = strlen(hex) == 7 && hex[0] == '#';
    for (int i = 1; ok && i < 7; i++)
        ok = g_ascii_isxdigit(hex[i]);
    if (!ok) {
        g_free(hex);
        return g_strdup_printf("\"%s\" is not a colour (write #rrggbb)", v);
    }
    style_color c = hex_color((unsigned)strtoul(hex + 1, NULL, 16));
    g_free(hex);
    if (slash) {
        char *err = parse_cmyk(slash + 1, &c);
        if (err)
            return err;
    }
    *out = c;
    return NULL;
}

static char *parse_weight(const char *v, int *out)
{
    static const struct { const char *name; int weight; } names[] = {
        {"thin", 100}, {"extralight", 200}, {"light", 300}, {"regular", 400},
        {"normal", 400}, {"medium", 500}, {"semibold", 600}, {"bold", 700},
        {"extrabold", 800}, {"heavy", 800}, {"black", 900},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
        if (!g_ascii_strcasecmp(v, names[i].name)) {
            *out = names[i].weight;
            return NULL;
        }
    char *end;
    long w = strtol(v, &end, 10);
    if (end == v || *end || w < 100 || w > 900)
        return g_strdup_printf("\"%s\" is not a weight (100 to 900, or thin, light, regular, "
                               "medium, semibold, bold, heavy, black)", v);
    *out = (int)w;
    return NULL;
}

static char *parse_bool(const char *v, bool *out)
{
    if (!g_ascii_strcasecmp(v, "true") || !g_ascii_strcasecmp(v, "yes")) {
        *out = true;
        return NULL;
    }
    if (!g_ascii_strcasecmp(v, "false") || !g_ascii_strcasecmp(v, "no")) {
        *out = false;
        return NULL;
    }
    return g_strdup_printf("\"%s\" is not true or false", v);
}

static void describe_length(GString *out, double pt, bool in_mm)
{
    if (in_mm)
        g_string_append_printf(out, "%g mm", round(pt * 25.4 / 72.0 * 10) / 10);
    else
        g_string_append_printf(out, "%g pt", round(pt * 10) / 10);
}

/* A length outside its bounds: the bounds, and what was probably meant
 * when a number without a unit (points) would fit as millimetres. */
static char *out_of_bounds(const char *v, double x, const key_spec *k)
{
    GString *msg = g_string_new(NULL);
    bool in_mm = k->lo >= PAGE_MIN; /* page sizes in mm, type sizes in points */
    g_string_append_printf(msg, "\"%s\" is ", v);
    describe_length(msg, x, in_mm);
    g_string_append(msg, ", outside ");
    describe_length(msg, k->lo, in_mm);
    g_string_append(msg, " to ");
    describe_length(msg, k->hi, in_mm);
    char *end;
    double n = g_ascii_strtod(v, &end);
    while (*end == ' ' || *end == '\t')
        end++;
    if (!*end && MM(n) >= k->lo && MM(n) <= k->hi)
        g_string_append_printf(msg, " (a number without a unit is in points: did you mean "
                               "`%gmm`?)", n);
    return g_string_free(msg, FALSE);
}

/* Parses v by k into base + k->offset.  *is_accent is set for a text
 * colour written as "accent" (only when is_accent is non-NULL). */
static char *parse_value(const char *v, const key_spec *k, char *base, bool *is_accent)
{
    void *dst = base + k->offset;
    switch (k->kind) {
    case V_SIZE:
    case V_LENGTH: {
        double x = 0;
        char *err = parse_length(v, &x, k->kind == V_SIZE);
        if (!err && k->hi > 0 && (x < k->lo || x > k->hi))
            return out_of_bounds(v, x, k);
        if (!err)
            *(double *)dst = x;
        return err;
    }
    case V_NUMBER: {
        char *end;
        double x = g_ascii_strtod(v, &end);
        if (end == v || *end || !isfinite(x))
            return g_strdup_printf("\"%s\" is not a number", v);
        *(double *)dst = x;
        return NULL;
    }
    case V_COUNT: {
        char *end;
        long n = strtol(v, &end, 10);
        long max = k->hi > 0 ? (long)k->hi : 1000;
        if (end == v || *end || n < k->min || n > max)
            return g_strdup_printf("\"%s\" is not a whole number from %d to %ld", v, k->min,
                                   max);
        *(int *)dst = (int)n;
        return NULL;
    }
    case V_BOOL:
        return parse_bool(v, dst);
    case V_COLOR:
        if (is_accent && !strcmp(v, "accent")) {
            *is_accent = true;
            return NULL;
        }
        {
            char *err = parse_color(v, dst);
            if (!err && is_accent)
                *is_accent = false;
            return err;
        }
    case V_WEIGHT:
        return parse_weight(v, dst);
    case V_MARKS:
        return parse_marks(v, dst);
    case V_STRING:
        if (!*v)
            return g_strdup("empty value");
        g_free(*(char **)dst);
        *(char **)dst = g_strdup(v);
        return NULL;
    }
    return NULL;
}

/* ------------------------------------------------------------------ */
/* reading the file                                                   */

/* The 1-based line of `key =` in [group], or of the [group] line itself
 * when key is NULL; 0 when not found.  GKeyFile lets a later key or group
 * of the same name win, so the last key is taken. */
static int find_line(char **lines, const char *group, const char *key)
{
    bool inside = false;
    int found = 0;
    size_t klen = key ? strlen(key) : 0;
    for (int i = 0; lines[i]; i++) {
        const char *l = lines[i];
        while (*l == ' ' || *l == '\t')
            l++;
        if (*l == '[') {
            const char *close = strchr(l, ']');
            inside = close && (size_t)(close - l - 1) == strlen(group) &&
                     !strncmp(l + 1, group, close - l - 1);
            if (inside && !key)
                found = i + 1;
        } else if (inside && key && !strncmp(l, key, klen)) {
            const char *e = l + klen;
            while (*e == ' ' || *e == '\t')
                e++;
            if (*e == '=')
                found = i + 1;
        }
    }
    return found;
}

/* GKeyFile names no line when it rejects a file; the first line that is
 * neither blank, comment, group nor `key = value` is almost always it. */
static int find_bad_line(char **lines)
{
    bool in_group = false;
    for (int i = 0; lines[i]; i++) {
        const char *l = lines[i];
        while (*l == ' ' || *l == '\t')
            l++;
        if (!*l || *l == '#')
            continue;
        if (*l == '[' && strchr(l, ']')) {
            in_group = true;
            continue;
        }
        if (!in_group || !strchr(l, '='))
            return i + 1;
    }
    return 0;
}

static const group_spec *find_plain_group(const char *name)
{
    for (size_t i = 0; i < G_N_ELEMENTS(plain_groups); i++)
        if (!strcmp(plain_groups[i].group, name))
            return &plain_groups[i];
    return NULL;
}

static int find_text_group(const char *name)
{
    for (size_t i = 0; i < N_TEXT; i++)
        if (!strcmp(text_specs[i].group, name))
            return (int)i;
    return -1;
}

/* ------------------------------------------------------------------ */
/* page craft (issue 13)                                              */

static const char *const byline_type_names[] = {"feature", "editorial", "interview", "column",
                                                "colophon"};

static bool one_of(const char *v, const char *const *choices)
{
    for (; *choices; choices++)
        if (!strcmp(v, *choices))
            return true;
    return false;
}

/* [byline.interview] place = end: the byline place of one article type. */
/* The article type a group [<thing>.<type>] names (an article_type
 * value), or -1 with a warning at the group. */
static int group_type(const char *group, char **lines, const char *path, diag_list *d)
{
    const char *type = strchr(group, '.') + 1;
    for (size_t t = 0; t < G_N_ELEMENTS(byline_type_names); t++)
        if (!strcmp(type, byline_type_names[t]))
            return (int)t;
    src_pos p = {path, find_line(lines, group, NULL), 1};
    diag_warning(d, p, "unknown group [%s] (article types: feature, editorial, interview, "
                       "column, colophon)", group);
    return -1;
}

/* A per-type group ([byline.<type>], [colors.<type>]) holds one key: its
 * value (NULL if absent; free it) and line; every other key is warned
 * about. */
static gchar *type_group_value(GKeyFile *kf, char **lines, const char *path, const char *group,
                               const char *key, src_pos *at, diag_list *d)
{
    gchar *value = NULL;
    gchar **names = g_key_file_get_keys(kf, group, NULL, NULL);
    for (int i = 0; names && names[i]; i++) {
        src_pos p = {path, find_line(lines, group, names[i]), 1};
        if (strcmp(names[i], key)) {
            diag_warning(d, p, "[%s] unknown key \"%s\"", group, names[i]);
            continue;
        }
        g_free(value);
        value = g_key_file_get_string(kf, group, names[i], NULL);
        if (!value)
            value = g_strdup(""); /* an unreadable value: judged as empty */
        *at = p;
    }
    g_strfreev(names);
    return value;
}

static void read_byline_type(style *s, GKeyFile *kf, char **lines, const char *path,
                             const char *group, diag_list *d)
{
    int t = group_type(group, lines, path, d);
    if (t < 0)
        return;
    src_pos p;
    gchar *v = type_group_value(kf, lines, path, group, "place", &p, d);
    if (!v)
        return;
    g_free(s->byline_place_type[t]);
    s->byline_place_type[t] = g_strdup(g_strstrip(v));
    g_free(v);
}

/* [colors.interview] accent = #...: the accent of one article type. */
static void read_colors_type(style *s, GKeyFile *kf, char **lines, const char *path,
                             const char *group, diag_list *d)
{
    int t = group_type(group, lines, path, d);
    if (t < 0)
        return;
    static const key_spec accent = {"accent", V_COLOR, 0, 0, 0, 0};
    src_pos p;
    gchar *v = type_group_value(kf, lines, path, group, "accent", &p, d);
    if (!v)
        return;
    char *err = parse_value(g_strstrip(v), &accent, (char *)&s->type_accent[t], NULL);
    if (err) {
        diag_error(d, p, "[%s] accent: %s; [colors] accent is kept", group, err);
        g_free(err);
    } else {
        s->type_accent[t].line = p.line;
        s->has_type_accent[t] = true;
    }
    g_free(v);
}

/* The style as each article type with an accent of its own sees it: a
 * copy with that accent, in every text kind whose colour is "accent". */
static void make_typed(style *s, const bool accent_text[N_TEXT])
{
    for (size_t t = 0; t < G_N_ELEMENTS(s->typed); t++) {
        if (!s->has_type_accent[t])
            continue;
        style *c = g_new(style, 1);
        *c = *s;
        memset(c->typed, 0, sizeof c->typed);
        c->accent = s->type_accent[t];
        for (size_t i = 0; i < N_TEXT; i++)
            if (accent_text[i])
                text_at(c, i)->color = c->accent;
        s->typed[t] = c;
    }
}

const style *style_for_type(const style *s, int type)
{
    if (type >= 0 && (size_t)type < G_N_ELEMENTS(s->typed) && s->typed[type])
        return s->typed[type];
    return s;
}

/* A choice key with a value outside its list is an error; the default
 * comes back. */
static void check_choice(char **value, const char *def, const char *const *choices,
                         char **lines, const char *path, const char *group, const char *key,
                         diag_list *d)
{
    if (*value && one_of(*value, choices))
        return;
    src_pos p = {path, find_line(lines, group, key), 1};
    GString *list = g_string_new(NULL);
    for (const char *const *c = choices; *c; c++)
        g_string_append_printf(list, "%s%s", list->len ? ", " : "", *c);
    diag_error(d, p, "[%s] %s: \"%s\" is not one of %s; the default is kept", group, key,
               *value ? *value : "", list->str);
    g_string_free(list, TRUE);
    g_free(*value);
    *value = g_strdup(def);
}

static void check_craft(style *s, char **lines, const char *path, diag_list *d)
{
    static const char *const quotes[] = {"double", "single", NULL};
    static const char *const places[] = {"opener", "end", "inline", NULL};
    static const char *const pads[] = {"warn", "pad", NULL};
    static const char *const contents[] = {"cover", "page", "both", NULL};
    check_choice(&s->quotes, "double", quotes, lines, path, "typography", "quotes", d);
    check_choice(&s->byline_place, "inline", places, lines, path, "byline", "place", d);
    for (size_t t = 0; t < G_N_ELEMENTS(s->byline_place_type); t++)
        if (s->byline_place_type[t]) {
            char *group = g_strdup_printf("byline.%s", byline_type_names[t]);
            check_choice(&s->byline_place_type[t], s->byline_place, places, lines, path, group,
                         "place", d);
            g_free(group);
        }
    check_choice(&s->page_pad, "warn", pads, lines, path, "issue", "page-pad", d);
    check_choice(&s->contents, "cover", contents, lines, path, "issue", "contents", d);
    if (s->display_min_scale <= 0 || s->display_min_scale > 1) {
        src_pos p = {path, find_line(lines, "typography", "display-min-scale"), 1};
        diag_error(d, p, "[typography] display-min-scale: must be above 0 and at most 1; "
                         "the default is kept");
        s->display_min_scale = 0.6;
    }
    if (s->keep_space_stretch < 0 || s->keep_space_stretch > 1) {
        src_pos p = {path, find_line(lines, "typography", "keep-space-stretch"), 1};
        diag_error(d, p, "[typography] keep-space-stretch: must be 0..1; the default is kept");
        s->keep_space_stretch = 0.5;
    }
}

static void read_group(style *s, GKeyFile *kf, char **lines, const char *path,
                       const char *group, bool accent_text[N_TEXT], diag_list *d)
{
    const key_spec *keys;
    size_t nkeys;
    char *base;
    bool *is_accent = NULL;
    const group_spec *plain = find_plain_group(group);
    int text = plain ? -1 : find_text_group(group);
    if (!plain && text < 0 && g_str_has_prefix(group, "byline.")) {
        read_byline_type(s, kf, lines, path, group, d);
        return;
    }
    if (!plain && text < 0 && g_str_has_prefix(group, "colors.")) {
        read_colors_type(s, kf, lines, path, group, d);
        return;
    }
    if (plain) {
        keys = plain->keys;
        nkeys = plain->nkeys;
        base = (char *)s;
    } else if (text >= 0) {
        keys = text_keys;
        nkeys = G_N_ELEMENTS(text_keys);
        base = (char *)text_at(s, (size_t)text);
        is_accent = &accent_text[text];
    } else {
        src_pos p = {path, find_line(lines, group, NULL), 1};
        diag_warning(d, p, "unknown group [%s]", group);
        return;
    }
    gchar **names = g_key_file_get_keys(kf, group, NULL, NULL);
    for (int i = 0; names && names[i]; i++) {
        src_pos p = {path, find_line(lines, group, names[i]), 1};
        const key_spec *k = NULL;
        for (size_t j = 0; j < nkeys && !k; j++)
            if (!strcmp(keys[j].key, names[i]))
                k = &keys[j];
        if (!k) {
            diag_warning(d, p, "[%s] unknown key \"%s\"", group, names[i]);
            continue;
        }
        /* get_string undoes GKeyFile's escapes (\s, \t...). */
        gchar *raw = g_key_file_get_string(kf, group, names[i], NULL);
        if (!raw)
            raw = g_key_file_get_value(kf, group, names[i], NULL);
        char *err = parse_value(g_strstrip(raw), k, base, is_accent);
        if (!err && k->kind == V_STRING && text >= 0)
            ((style_text *)base)->family_line = p.line;
        else if (!err && k >= font_keys && k < font_keys + G_N_ELEMENTS(font_keys))
            s->font_lines[k - font_keys] = p.line;
        if (err) {
            diag_error(d, p, "[%s] %s: %s; the default is kept", group, names[i], err);
            g_free(err);
        } else if (k->kind == V_COLOR) {
            ((style_color *)(base + k->offset))->line = p.line;
        }
        g_free(raw);
    }
    g_strfreev(names);
}

double style_column_measure(const style *s, int columns)
{
    if (columns < 1)
        columns = 1;
    return (s->page_width - s->margin_inner - s->margin_outer - s->gutter * (columns - 1)) /
           columns;
}

/* The columns must leave room for text: a measure under 25 mm holds a
 * word or two a line. */
static void check_measure(const style *s, char **lines, const char *path, diag_list *d)
{
    double h = s->page_height - s->margin_top - s->margin_bottom;
    if (h < MM(STYLE_MIN_MEASURE_MM)) {
        int line = find_line(lines, "page", "margin-bottom");
        if (!line)
            line = find_line(lines, "page", "margin-top");
        if (!line)
            line = find_line(lines, "page", NULL);
        src_pos p = {path, line, 1};
        diag_error(d, p, "[page] the margins leave a text area %.1f mm high on a page %.0f mm "
                   "high; it must be at least %.0f mm", h * 25.4 / 72, s->page_height * 25.4 / 72,
                   STYLE_MIN_MEASURE_MM);
        return;
    }
    /* Every kind of text must fit the text area with its spacing: a line
     * taller than the column could never be placed. */
    for (size_t i = 0; i < N_TEXT; i++) {
        const style_text *t = text_at((style *)s, i);
        double need = t->space_before + t->leading + t->space_after;
        if (need <= h / 2 && t->size <= h / 2)
            continue;
        int line = find_line(lines, text_specs[i].group, "leading");
        if (!line)
            line = find_line(lines, text_specs[i].group, NULL);
        src_pos p = {path, line, 1};
        diag_error(d, p, "[%s] space-before, leading and space-after add up to %.1f pt (size "
                   "%.1f pt); they must fit half the text area's height, %.1f pt",
                   text_specs[i].group, need, t->size, h / 2);
        return;
    }
    double w = style_column_measure(s, s->columns);
    if (w >= MM(STYLE_MIN_MEASURE_MM))
        return;
    int line = find_line(lines, "page", "columns");
    if (!line)
        line = find_line(lines, "page", NULL);
    src_pos p = {path, line, 1};
    diag_error(d, p, "[page] %d column%s on a page %.0f mm wide with these margins and "
               "gutter give a measure of %.1f mm; it must be at least %.0f mm (fewer columns, "
               "smaller margins or a wider page)", s->columns, s->columns == 1 ? "" : "s",
               s->page_width * 25.4 / 72, w * 25.4 / 72, STYLE_MIN_MEASURE_MM);
}

bool style_family_is_generic(const char *family)
{
    return family && (!g_ascii_strcasecmp(family, "serif") ||
                      !g_ascii_strcasecmp(family, "sans-serif") ||
                      !g_ascii_strcasecmp(family, "sans") ||
                      !g_ascii_strcasecmp(family, "monospace"));
}

size_t style_families(const style *s, style_family_use *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < N_TEXT; i++) {
        const style_text *t = text_at((style *)s, i);
        bool seen = false;
        for (size_t k = 0; k < n && !seen; k++)
            seen = !g_ascii_strcasecmp(out[k].family, t->family);
        if (!seen && n < max)
            out[n++] = (style_family_use){t->family, t->family_line};
    }
    return n;
}

static char *name_from_path(const char *path)
{
    char *base = g_path_get_basename(path);
    char *dot = strrchr(base, '.');
    if (dot && dot != base)
        *dot = '\0';
    return base;
}

style *style_load(const char *path, diag_list *d)
{
    src_pos whole = {path, 0, 0};
    char *text = NULL;
    gsize len = 0;
    GError *err = NULL;
    if (!g_file_get_contents(path, &text, &len, &err)) {
        diag_error(d, whole, "cannot read the style: %s", err->message);
        g_error_free(err);
        return NULL;
    }
    char **lines = g_strsplit(text, "\n", -1);
    GKeyFile *kf = g_key_file_new();
    style *s = NULL;
    if (!g_key_file_load_from_data(kf, text, len, G_KEY_FILE_NONE, &err)) {
        src_pos p = {path, find_bad_line(lines), 1};
        diag_error(d, p, "not a style file: %s", err->message);
        g_error_free(err);
        goto out;
    }
    bool accent_text[N_TEXT];
    s = new_unresolved(accent_text);
    g_free(s->name);
    s->name = name_from_path(path);
    s->path = g_strdup(path);
    gchar **groups = g_key_file_get_groups(kf, NULL);
    for (int i = 0; groups[i]; i++)
        read_group(s, kf, lines, path, groups[i], accent_text, d);
    g_strfreev(groups);
    check_craft(s, lines, path, d);
    resolve(s, accent_text);
    if (s->jpeg_quality > 100)
        s->jpeg_quality = 100;
    if (strcmp(s->cover_backing, "scrim") && strcmp(s->cover_backing, "panel")) {
        src_pos p = {path, find_line(lines, "pictures", "cover-backing"), 1};
        diag_warning(d, p, "cover-backing must be scrim or panel; scrim is used");
        g_free(s->cover_backing);
        s->cover_backing = g_strdup("scrim");
    }
    if (strcmp(s->opener_image, "above") && strcmp(s->opener_image, "behind")) {
        src_pos p = {path, find_line(lines, "pictures", "opener-image"), 1};
        diag_warning(d, p, "opener-image must be above or behind; above is used");
        g_free(s->opener_image);
        s->opener_image = g_strdup("above");
    }
    check_measure(s, lines, path, d);
    make_typed(s, accent_text);   /* last: the copies borrow the final strings */
out:
    g_key_file_free(kf);
    g_strfreev(lines);
    g_free(text);
    return s;
}

const char *style_byline_place(const style *s, int type)
{
    if (type >= 0 && (size_t)type < G_N_ELEMENTS(s->byline_place_type) &&
        s->byline_place_type[type])
        return s->byline_place_type[type];
    return s->byline_place;
}
