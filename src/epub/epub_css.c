/* epub_css.c - the e-book stylesheet (css/folio.css), made from the same
 * style struct the PDF uses, so both editions look like one magazine.
 *
 * Sizes become em relative to the body size (the reader chooses the body
 * size); leading becomes a unitless line-height; spaces become em.  Only
 * typography comes from the style: page geometry belongs to the reader. */
#include "epub_book.h"

#include <glib.h>
#include <stddef.h>
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

/* The family as the book embeds it (the renamed subset), then the
 * style's own name (a reader may have it installed), then the generic. */
static void put_family(GString *css, const epub_book *b, const char *family, const char *generic)
{
    const char *embedded = NULL;
    for (size_t i = 0; family && i < b->nfonts && !embedded; i++)
        if (!g_ascii_strcasecmp(b->fonts[i].family, family))
            embedded = b->fonts[i].css_family;
    if (embedded)
        g_string_append_printf(css, "  font-family: \"%s\", \"%s\", %s;\n", embedded, family,
                               generic);
    else if (family && *family)
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

/* How a kind of text is set in the e-book, beside its print values. */
enum {
    TEXT_SIZE = 1,      /* set font-size (only on the element whose parent is at body size) */
    TEXT_CAPS = 2,      /* the style's capitals apply (display text of a line or two) */
    TEXT_FLOOR = 4,     /* running text: never smaller than EBOOK_MIN_SIZE */
};

/* The smallest running text a phone shows legibly, in em of the reader's
 * body size.  Print can set 7 pt under 9.5 pt; a reflowable book whose
 * reader picks 16 px should not go below about 13 px. */
#define EBOOK_MIN_SIZE 0.8

/* The e-book size of a kind of text, in em of the body size. */
static double ebook_size(const style_text *t, double base, int flags)
{
    double em = t->size > 0 ? t->size / base : 1;
    if ((flags & TEXT_FLOOR) && em < EBOOK_MIN_SIZE)
        em = EBOOK_MIN_SIZE;
    return em;
}

/* One kind of text.  base is the body size in pt (1em).  Text is ragged in
 * the e-book whatever the print does: a reading system without a
 * dictionary for the language (Chromium-based ones for Dutch) opens wide
 * gaps in justified lines, and @supports cannot tell. */
static void text_rule(GString *css, const epub_book *b, const style *st, const char *selector,
                      const style_text *t, double base, int flags)
{
    g_string_append_printf(css, "%s {\n", selector);
    put_family(css, b, t->family, generic_for(st, t->family));
    if ((flags & TEXT_SIZE) && t->size > 0)
        put_num(css, "font-size", ebook_size(t, base, flags), "em");
    if (t->size > 0 && t->leading > 0)
        put_num(css, "line-height", t->leading / t->size, "");
    put_num(css, "font-weight", t->weight > 0 ? t->weight : 400, "");
    g_string_append_printf(css, "  font-style: %s;\n", t->italic ? "italic" : "normal");
    bool caps = t->caps && (flags & TEXT_CAPS);
    g_string_append_printf(css, "  text-transform: %s;\n", caps ? "uppercase" : "none");
    /* Tracking belongs to capitals; lower case keeps the font's spacing. */
    put_num(css, "letter-spacing", caps || !t->caps ? t->tracking : 0, "em");
    put_color(css, "color", t->color);
    double fs = t->size > 0 ? t->size : base;
    put_num(css, "margin-top", t->space_before / fs, "em");
    put_num(css, "margin-bottom", t->space_after / fs, "em");
    g_string_append(css, "  text-align: left;\n");
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
                               f->css_family, f->href, f->weight, f->italic ? "italic" : "normal");
    }
}

/* Rules that do not come from the style: structure of a reflowable book. */
static const char ebook_rules[] =
    /* Long words and URLs wrap rather than run off a phone's screen. */
    "body {\n  margin: 0 5%;\n  overflow-wrap: break-word;\n  word-wrap: break-word;\n}\n\n"
    "h1, h2, h3, h4, h5, h6 {\n  page-break-after: avoid;\n  break-after: avoid;\n"
    "  overflow-wrap: break-word;\n  word-wrap: break-word;\n"
    "  -epub-hyphens: auto;\n  -webkit-hyphens: auto;\n  hyphens: auto;\n}\n\n"
    "p, li, blockquote {\n  widows: 2;\n  orphans: 2;\n}\n\n"
    /* What the font subsets assume (epub_font_use.c), said for every
     * reading system, not only those whose defaults say it. */
    "strong, b {\n  font-weight: bolder;\n}\n\n"
    "em, i {\n  font-style: italic;\n}\n\n"
    "section.article > header {\n  margin-bottom: 1.5em;\n}\n\n"
    "aside.pullquote {\n  margin: 1em 1.5em;\n  padding: 0.5em 0;\n"
    "  page-break-inside: avoid;\n  break-inside: avoid;\n}\n\n"
    "aside.pullquote p {\n  text-indent: 0;\n}\n\n"
    "aside.sidebar {\n  margin: 1em 0;\n  padding: 0.75em 1em;\n}\n\n"
    "aside.footnote p {\n  text-indent: 0;\n  margin: 0;\n}\n\n"
    /* Note numbers and superscripts sit above the baseline without
     * opening the line they are in: no line-height of their own, moved up
     * relative to the baseline rather than aligned to 'super'. */
    "sup, sub {\n  font-size: 0.75em;\n  line-height: 0;\n  position: relative;\n"
    "  vertical-align: baseline;\n}\n\n"
    "sup {\n  top: -0.45em;\n}\n\n"
    "sub {\n  top: 0.25em;\n}\n\n"
    /* Links in running text are told apart by more than colour (WCAG
     * 1.4.1): a thin underline.  Note numbers are set apart by position. */
    "a[href] {\n  text-decoration: underline;\n  text-decoration-thickness: 0.06em;\n"
    "  text-underline-offset: 0.15em;\n}\n\n"
    "sup a[href], a.note-number, nav a[href] {\n  text-decoration: none;\n}\n\n"
    "a.note-number {\n  font-weight: bold;\n}\n\n"
    "div.byline {\n  margin: 1em 0;\n}\n\n"
    "div.byline p {\n  text-indent: 0;\n}\n\n"
    "figure {\n  margin: 1em 0;\n  page-break-inside: avoid;\n  break-inside: avoid;\n}\n\n"
    "figure img, p img {\n  max-width: 100%;\n  height: auto;\n}\n\n"
    "pre {\n  white-space: pre-wrap;\n  -epub-hyphens: none;\n  -webkit-hyphens: none;\n"
    "  hyphens: none;\n}\n\n"
    "table {\n  border-collapse: collapse;\n  margin: 1em 0;\n}\n\n"
    "th, td {\n  padding: 0.2em 0.5em;\n  vertical-align: top;\n}\n\n"
    "section.cover {\n  text-align: center;\n  margin: 0;\n  padding: 0;\n}\n\n"
    "section.cover img {\n  max-width: 100%;\n  max-height: 100%;\n}\n\n"
    "nav ol {\n  list-style: none;\n  margin: 0;\n  padding: 0;\n}\n\n"
    "nav ol ol {\n  margin: 0.25em 0 0.5em 1em;\n}\n\n";

/* The notes: one short rule above the block of notes (the first note of a
 * run), as in print, not one per note. */
static void notes_rules(GString *css, const epub_book *b, const style *st, double base)
{
    text_rule(css, b, st, "aside.footnote", &st->footnote, base, TEXT_SIZE | TEXT_FLOOR);
    g_string_append(css, "aside.footnote {\n  margin-top: 2em;\n}\n\n");
    g_string_append(css, "aside.footnote::before {\n  content: \"\";\n  display: block;\n");
    double em = ebook_size(&st->footnote, base, TEXT_FLOOR);
    put_num(css, "width", st->footnote_rule_length / (base * em), "em");
    put_num(css, "border-top-width", st->rule_width > 0 ? st->rule_width : 0.5, "pt");
    g_string_append(css, "  border-top-style: solid;\n");
    put_color(css, "border-top-color", st->rule_color);
    g_string_append(css, "  margin-bottom: 0.5em;\n}\n\n");
    /* Later notes of the run: no rule, no gap. */
    g_string_append(css, "aside.footnote + aside.footnote {\n  margin-top: 0;\n}\n\n"
                         "aside.footnote + aside.footnote::before {\n  display: none;\n}\n\n");
    /* The note references and the numbers of the notes: the accent. */
    g_string_append(css, "a[role=\"doc-noteref\"], a.note-number, a[href] {\n");
    put_color(css, "color", st->accent);
    g_string_append(css, "}\n\n");
}

/* The contents: articles in the display face, their sections in the body
 * face under them. */
static void nav_rules(GString *css, const epub_book *b, const style *st, double base)
{
    text_rule(css, b, st, "nav#toc > ol > li", &st->cover_item, base, TEXT_SIZE);
    g_string_append(css, "nav#toc > ol > li {\n  margin-bottom: 0.6em;\n}\n\n");
    text_rule(css, b, st, "nav#toc ol ol li", &st->body, base, 0);
    g_string_append(css, "nav#toc ol ol li {\n  font-size: ");
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    double parent = ebook_size(&st->cover_item, base, 0);
    g_string_append_printf(css, "%s", g_ascii_formatd(buf, sizeof buf, "%.3f", 1.0 / parent));
    g_string_append(css, "em;\n  margin-top: 0.2em;\n}\n\n");
    g_string_append(css, "nav#toc a {\n  color: inherit;\n}\n\n");
}

/* The colophon: its own smaller type, and headings at that size in bold,
 * so no heading shouts over the small print it labels. */
static void colophon_rules(GString *css, const epub_book *b, const style *st, double base)
{
    text_rule(css, b, st, "section.colophon > p", &st->colophon, base, TEXT_SIZE | TEXT_FLOOR);
    /* The indent is the body's, whatever the colophon's size. */
    g_string_append(css, "section.colophon > p + p,\n"
                         "section.colophon > p + span[role=\"doc-pagebreak\"] + p {\n");
    put_num(css, "text-indent",
            st->paragraph_indent / (base * ebook_size(&st->colophon, base, TEXT_FLOOR)), "em");
    g_string_append(css, "}\n\n");
    style_text h = st->colophon;
    h.weight = 700;
    h.space_before = h.size > 0 ? h.size : base;
    h.space_after = 0;
    h.color = st->heading[0].color;
    h.hyphenate = false;
    text_rule(css, b, st, "section.colophon > h2, section.colophon > h3, section.colophon > h4",
              &h, base, TEXT_SIZE | TEXT_FLOOR);
    /* Its title in the title's face, at the subtitle's size: a display
     * title over small print is out of scale. */
    style_text t = st->title;
    t.size = st->subtitle.size > 0 ? st->subtitle.size : st->title.size;
    t.leading = st->subtitle.leading > 0 ? st->subtitle.leading : st->title.leading;
    t.space_after = st->subtitle.space_after;
    text_rule(css, b, st, "section.colophon h1", &t, base, TEXT_SIZE | TEXT_CAPS);
}

/* Article types with an accent of their own ([colors.<type>] accent):
 * each article's section carries its type as a class (section.interview),
 * so the colours that follow the accent are set again under it.  Only the
 * colours differ from the general rules above. */
static bool same_color(style_color a, style_color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b;
}

static void type_rules(GString *css, const style *st)
{
    static const struct {
        const char *selector;
        size_t offset;
    } texts[] = {
        {"p.rubric", offsetof(style, rubric)},
        {"h1", offsetof(style, title)},
        {"p.subtitle", offsetof(style, subtitle)},
        {"p.lead", offsetof(style, lead)},
        {"h2", offsetof(style, heading[0])},
        {"h3", offsetof(style, heading[1])},
        {"h4, h5, h6", offsetof(style, heading[2])},
        {"p.question", offsetof(style, question)},
        {"blockquote", offsetof(style, blockquote)},
        {"aside.pullquote p", offsetof(style, pullquote)},
        {"aside.pullquote p.attribution", offsetof(style, attribution)},
        {"p.byline-name", offsetof(style, byline_name)},
        {"p.byline-role", offsetof(style, byline_role)},
        {"aside.sidebar", offsetof(style, sidebar)},
        {"figcaption", offsetof(style, caption)},
        {"aside.footnote", offsetof(style, footnote)},
        {"table", offsetof(style, table)},
    };
    for (int t = ARTICLE_FEATURE; t <= ARTICLE_COLOPHON; t++) {
        const style *ts = style_for_type(st, t);
        if (ts == st)
            continue;
        const char *name = article_type_name((article_type)t);
        for (size_t i = 0; i < G_N_ELEMENTS(texts); i++) {
            const style_text *a = (const style_text *)((const char *)st + texts[i].offset);
            const style_text *b = (const style_text *)((const char *)ts + texts[i].offset);
            if (same_color(a->color, b->color))
                continue;
            /* every part of a selector list, under the type */
            gchar **parts = g_strsplit(texts[i].selector, ", ", -1);
            for (int k = 0; parts[k]; k++)
                g_string_append_printf(css, "%ssection.%s %s", k ? ",\n" : "", name, parts[k]);
            g_strfreev(parts);
            g_string_append(css, " {\n");
            put_color(css, "color", b->color);
            g_string_append(css, "}\n\n");
        }
        if (same_color(st->accent, ts->accent))
            continue;
        g_string_append_printf(css, "section.%s aside.pullquote {\n", name);
        put_color(css, "border-color", ts->accent);
        g_string_append_printf(css, "}\n\nsection.%s a[role=\"doc-noteref\"],\n"
                                    "section.%s a.note-number,\nsection.%s a[href] {\n",
                               name, name, name);
        put_color(css, "color", ts->accent);
        g_string_append(css, "}\n\n");
    }
}

void epub_add_css(epub_book *b, const style *st)
{
    GString *css = g_string_new("/* folio: generated from the style ");
    g_string_append_printf(css, "\"%s\" */\n\n", st->name ? st->name : "default");
    font_faces(css, b);
    double base = st->body.size > 0 ? st->body.size : 10;

    text_rule(css, b, st, "body", &st->body, base, 0);
    g_string_append(css, "p {\n");
    put_num(css, "margin-top", st->body.space_before / base, "em");
    put_num(css, "margin-bottom", st->body.space_after / base, "em");
    /* Indent only paragraphs that follow paragraphs of running text; the
     * lead, bylines and notes keep their own rules.  A print page marker
     * between two paragraphs does not end the run. */
    g_string_append(css, "}\n\nsection.article > p + p,\n"
                         "section.article > p + span[role=\"doc-pagebreak\"] + p {\n");
    put_num(css, "text-indent", st->paragraph_indent / base, "em");
    g_string_append(css, "}\n\n");
    text_rule(css, b, st, "p.rubric", &st->rubric, base, TEXT_SIZE | TEXT_CAPS);
    text_rule(css, b, st, "h1", &st->title, base, TEXT_SIZE | TEXT_CAPS);
    /* A title in display size leaves a phone room for a word or two a
     * line: there it is set smaller (never below the section headings). */
    double title = ebook_size(&st->title, base, 0);
    if (title > 2) {
        g_string_append(css, "@media (max-width: 30em) {\n  h1 {\n  ");
        put_num(css, "font-size", 2, "em");
        g_string_append(css, "  }\n}\n\n");
    }
    text_rule(css, b, st, "p.subtitle", &st->subtitle, base, TEXT_SIZE | TEXT_CAPS);
    /* The lead is running text: print may set it in capitals, the e-book
     * sets it as written (capitals only for a line or two of display). */
    text_rule(css, b, st, "p.lead", &st->lead, base, TEXT_SIZE | TEXT_FLOOR);
    text_rule(css, b, st, "section.article > h1, h2", &st->heading[0], base, TEXT_SIZE | TEXT_CAPS);
    text_rule(css, b, st, "h3", &st->heading[1], base, TEXT_SIZE | TEXT_CAPS);
    text_rule(css, b, st, "h4, h5, h6", &st->heading[2], base, TEXT_SIZE | TEXT_CAPS);
    /* Classes by article type: an interview's questions (and the answer
     * after one starts without an indent, as after a heading). */
    text_rule(css, b, st, "section.interview > p.question", &st->question, base,
              TEXT_SIZE | TEXT_FLOOR);
    g_string_append(css, "section.interview > p.question + p,\n"
                         "section.interview > p.question + span[role=\"doc-pagebreak\"] + p {\n"
                         "  text-indent: 0;\n}\n\n");
    /* Quoted passages, set apart as in print. */
    text_rule(css, b, st, "blockquote", &st->blockquote, base, TEXT_SIZE | TEXT_FLOOR);
    g_string_append(css, "blockquote {\n  margin-left: 1.5em;\n  margin-right: 0;\n}\n\n"
                         "blockquote p + p,\n"
                         "blockquote p + span[role=\"doc-pagebreak\"] + p {\n");
    /* The body's indent, whatever the quote's size. */
    put_num(css, "text-indent",
            st->paragraph_indent / (base * ebook_size(&st->blockquote, base, TEXT_FLOOR)), "em");
    g_string_append(css, "}\n\n");
    text_rule(css, b, st, "aside.pullquote p", &st->pullquote, base, TEXT_SIZE | TEXT_CAPS);
    g_string_append(css, "aside.pullquote {\n");
    g_string_append(css, "  border-top: solid 1px;\n  border-bottom: solid 1px;\n");
    put_color(css, "border-color", st->accent);
    g_string_append(css, "}\n\n");
    text_rule(css, b, st, "aside.pullquote p.attribution", &st->attribution, base,
              TEXT_SIZE | TEXT_CAPS | TEXT_FLOOR);
    text_rule(css, b, st, "p.byline-name", &st->byline_name, base, TEXT_SIZE | TEXT_FLOOR);
    text_rule(css, b, st, "p.byline-role", &st->byline_role, base, TEXT_SIZE | TEXT_FLOOR);
    text_rule(css, b, st, "aside.sidebar", &st->sidebar, base, TEXT_SIZE | TEXT_FLOOR);
    g_string_append(css, "aside.sidebar {\n");
    put_color(css, "background-color", st->sidebar_tint);
    g_string_append(css, "}\n\n");
    text_rule(css, b, st, "figcaption", &st->caption, base, TEXT_SIZE | TEXT_FLOOR);
    text_rule(css, b, st, "pre", &st->code, base, TEXT_SIZE | TEXT_FLOOR);
    /* Code inside running text keeps the running text's size. */
    text_rule(css, b, st, "code", &st->code, base, 0);
    g_string_append(css, "pre code {\n  font-size: 1em;\n}\n\n"
                         ":not(pre) > code {\n  line-height: inherit;\n}\n\n");
    text_rule(css, b, st, "table", &st->table, base, TEXT_SIZE | TEXT_FLOOR);
    g_string_append(css, ebook_rules);
    notes_rules(css, b, st, base);
    nav_rules(css, b, st, base);
    colophon_rules(css, b, st, base);
    type_rules(css, st);
    epub_css_pictures(css, st);

    size_t len = css->len;
    unsigned char *data = (unsigned char *)g_string_free(css, FALSE);
    epub_book_add(b, "css", "css/folio.css", "text/css", NULL, data, len, EPUB_SPINE_NONE);
}
