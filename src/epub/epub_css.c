/* epub_css.c - the e-book stylesheet (css/folio.css), made from the same
 * style struct the PDF uses, so both editions look like one magazine.
 *
 * Sizes become em relative to the body size (the reader chooses the body
 * size); leading becomes a unitless line-height; spaces become em.  Only
 * typography comes from the style: page geometry belongs to the reader. */
#include "epub_book.h"

#include <glib.h>
#include <string.h>

static void put_color(GString *css, const char *prop, style_color c)
{
    int r = (int)(c.r * 255 + 0.5), g = (int)(c.g * 255 + 0.5), b = (int)(c.b * 255 + 0.5);
    g_string_append_printf(css, "  %s: #%02x%02x%02x;\n", prop, CLAMP(r, 0, 255),
                           CLAMP(g, 0, 255), CLAMP(b, 0, 255));
}

/* A number for CSS: C locale, no trailing zeros ("1.25", "0"). */
static void put_num(GString *css, const char *prop, double v, const char *unit)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    g_ascii_formatd(buf, sizeof buf, "%.3f", v);
    char *e = buf + strlen(buf);
    while (e > buf && e[-1] == '0')
        *--e = '\0';
    if (e > buf && e[-1] == '.')
        *--e = '\0';
    if (!strcmp(buf, "-0"))
        strcpy(buf, "0");
    g_string_append_printf(css, "  %s: %s%s;\n", prop, buf, strcmp(buf, "0") ? unit : "");
}

static void put_family(GString *css, const char *family, const char *generic)
{
    if (family && *family)
        g_string_append_printf(css, "  font-family: \"%s\", %s;\n", family, generic);
    else
        g_string_append_printf(css, "  font-family: %s;\n", generic);
}

static const char *generic_for(const style *st, const char *family)
{
    if (family && st->sans_family && !strcmp(family, st->sans_family))
        return "sans-serif";
    if (family && st->mono_family && !strcmp(family, st->mono_family))
        return "monospace";
    return "serif";
}

/* One kind of text.  base is the body size in pt (1em). */
static void text_rule(GString *css, const style *st, const char *selector, const style_text *t,
                      double base, bool with_size)
{
    g_string_append_printf(css, "%s {\n", selector);
    put_family(css, t->family, generic_for(st, t->family));
    if (with_size && t->size > 0)
        put_num(css, "font-size", t->size / base, "em");
    if (t->size > 0 && t->leading > 0)
        put_num(css, "line-height", t->leading / t->size, "");
    put_num(css, "font-weight", t->weight > 0 ? t->weight : 400, "");
    g_string_append_printf(css, "  font-style: %s;\n", t->italic ? "italic" : "normal");
    if (t->caps)
        g_string_append(css, "  text-transform: uppercase;\n");
    if (t->tracking != 0)
        put_num(css, "letter-spacing", t->tracking, "em");
    put_color(css, "color", t->color);
    double fs = t->size > 0 ? t->size : base;
    put_num(css, "margin-top", t->space_before / fs, "em");
    put_num(css, "margin-bottom", t->space_after / fs, "em");
    g_string_append_printf(css, "  text-align: %s;\n", t->justify ? "justify" : "left");
    const char *h = t->hyphenate ? "auto" : "manual";
    g_string_append_printf(css, "  -epub-hyphens: %s;\n  -webkit-hyphens: %s;\n  hyphens: %s;\n",
                           h, h, h);
    g_string_append(css, "}\n\n");
}

static void font_faces(GString *css, const epub_book *b)
{
    for (size_t i = 0; i < b->nfonts; i++) {
        const epub_font *f = &b->fonts[i];
        g_string_append_printf(css,
                               "@font-face {\n  font-family: \"%s\";\n  src: url(\"../%s\");\n"
                               "  font-weight: %d;\n  font-style: %s;\n}\n\n",
                               f->family, f->href, f->weight, f->italic ? "italic" : "normal");
    }
}

/* Rules that do not come from the style: structure of an e-book. */
static const char ebook_rules[] =
    "h1, h2, h3, h4, h5, h6 {\n  page-break-after: avoid;\n  break-after: avoid;\n"
    "  -epub-hyphens: none;\n  -webkit-hyphens: none;\n  hyphens: none;\n}\n\n"
    "p, li, blockquote {\n  widows: 2;\n  orphans: 2;\n}\n\n"
    "section.article > header {\n  margin-bottom: 1.5em;\n}\n\n"
    "aside.pullquote {\n  margin: 1em 1.5em;\n  padding: 0.5em 0;\n"
    "  page-break-inside: avoid;\n  break-inside: avoid;\n}\n\n"
    "aside.pullquote p {\n  text-indent: 0;\n}\n\n"
    "aside.sidebar {\n  margin: 1em 0;\n  padding: 0.75em 1em;\n}\n\n"
    "aside.footnote {\n  margin-top: 0.5em;\n}\n\n"
    "aside.footnote p {\n  text-indent: 0;\n}\n\n"
    "a.note-number {\n  font-weight: bold;\n  text-decoration: none;\n}\n\n"
    "sup a {\n  text-decoration: none;\n}\n\n"
    "div.byline {\n  margin: 1em 0;\n}\n\n"
    "div.byline p {\n  text-indent: 0;\n}\n\n"
    "figure {\n  margin: 1em 0;\n  page-break-inside: avoid;\n  break-inside: avoid;\n}\n\n"
    "figure img, p img {\n  max-width: 100%;\n  height: auto;\n}\n\n"
    "pre {\n  white-space: pre-wrap;\n  -epub-hyphens: none;\n  hyphens: none;\n}\n\n"
    "table {\n  border-collapse: collapse;\n  margin: 1em 0;\n}\n\n"
    "th, td {\n  padding: 0.2em 0.5em;\n  vertical-align: top;\n}\n\n"
    "section.cover {\n  text-align: center;\n  margin: 0;\n  padding: 0;\n}\n\n"
    "section.cover img {\n  max-width: 100%;\n  max-height: 100%;\n}\n\n"
    "nav ol {\n  list-style: none;\n}\n";

void epub_add_css(epub_book *b, const style *st)
{
    GString *css = g_string_new("/* folio: generated from the style ");
    g_string_append_printf(css, "\"%s\" */\n\n", st->name ? st->name : "default");
    font_faces(css, b);
    double base = st->body.size > 0 ? st->body.size : 10;

    text_rule(css, st, "body", &st->body, base, false);
    /* The body's spaces belong to its paragraphs, not to the page. */
    g_string_append(css, "body {\n  margin: 0 5%;\n}\n\np {\n");
    put_num(css, "margin-top", st->body.space_before / base, "em");
    put_num(css, "margin-bottom", st->body.space_after / base, "em");
    /* Indent only paragraphs that follow paragraphs of running text; the
     * lead, bylines and notes keep their own rules. */
    g_string_append(css, "}\n\nsection.article > p + p, blockquote p + p {\n");
    put_num(css, "text-indent", st->paragraph_indent / base, "em");
    g_string_append(css, "}\n\n");
    text_rule(css, st, "p.rubric", &st->rubric, base, true);
    text_rule(css, st, "h1", &st->title, base, true);
    text_rule(css, st, "p.subtitle", &st->subtitle, base, true);
    text_rule(css, st, "p.lead", &st->lead, base, true);
    text_rule(css, st, "h2", &st->heading[1], base, true);
    text_rule(css, st, "h3, h4, h5, h6", &st->heading[2], base, true);
    text_rule(css, st, "aside.pullquote p", &st->pullquote, base, true);
    g_string_append(css, "aside.pullquote {\n");
    g_string_append(css, "  border-top: solid 1px;\n  border-bottom: solid 1px;\n");
    put_color(css, "border-color", st->accent);
    g_string_append(css, "}\n\n");
    text_rule(css, st, "aside.pullquote p.attribution", &st->attribution, base, true);
    text_rule(css, st, "p.byline-name", &st->byline_name, base, true);
    text_rule(css, st, "p.byline-role", &st->byline_role, base, true);
    text_rule(css, st, "aside.sidebar, aside.sidebar p", &st->sidebar, base, true);
    g_string_append(css, "aside.sidebar {\n");
    put_color(css, "background-color", st->sidebar_tint);
    g_string_append(css, "}\n\n");
    text_rule(css, st, "aside.footnote, aside.footnote p", &st->footnote, base, true);
    g_string_append(css, "aside.footnote {\n");
    g_string_append(css, "  border-top: solid 1px;\n");
    put_color(css, "border-color", st->rule_color);
    g_string_append(css, "}\n\n");
    text_rule(css, st, "figcaption", &st->caption, base, true);
    text_rule(css, st, "code, pre", &st->code, base, true);
    text_rule(css, st, "table", &st->table, base, true);
    text_rule(css, st, "section.colophon p", &st->colophon, base, true);
    g_string_append(css, ebook_rules);
    epub_css_pictures(css, st);

    size_t len = css->len;
    unsigned char *data = (unsigned char *)g_string_free(css, FALSE);
    epub_book_add(b, "css", "css/folio.css", "text/css", NULL, data, len, EPUB_SPINE_NONE);
}
