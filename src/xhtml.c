/* xhtml.c - tree -> XHTML with libxml2.  One walk over blocks and one over
 * inlines, each a switch on the node type. */
#include "xhtml.h"

#include "hyph_exceptions.h"

#include <glib.h>
#include <libxml/xmlsave.h>
#include <string.h>
#include "pagemap.h"

const char *const XHTML_NS = "http://www.w3.org/1999/xhtml";
const char *const EPUB_OPS_NS = "http://www.idpf.org/2007/ops";

typedef struct {
    const xhtml_options *o;
    xmlNsPtr epub_ns;            /* NULL in fragment mode */
    bool magazine;               /* false: plain CommonMark output */
    GHashTable *ref_count;       /* note number -> times referenced so far */
    const hyph_exceptions *hyph; /* the issue's own hyphenation, or NULL */
    /* Page markers to place inside the block being written, at words. */
    const xhtml_page_mark *marks;
    size_t nmarks, next_mark;
    int words;                   /* word starts seen so far in the block */
    bool after_space;
} xw;

#define X(s) ((const xmlChar *)(s))

static xmlNodePtr el(xmlNodePtr parent, const char *name)
{
    return xmlNewChild(parent, NULL, X(name), NULL);
}

static void text(xmlNodePtr parent, const char *s)
{
    xmlAddChild(parent, xmlNewText(X(s)));
}

static void attr(xmlNodePtr n, const char *name, const char *value)
{
    xmlNewProp(n, X(name), X(value));
}

/* A piece of running text with the issue's hyphenation exceptions: soft
 * hyphens at a listed word's points (reading systems then break it there
 * only), and a word that must never break in a span that says so. */
static void emit_piece(const char *piece, bool nobreak, void *ud)
{
    xmlNodePtr parent = ud;
    if (!nobreak) {
        text(parent, piece);
        return;
    }
    xmlNodePtr s = el(parent, "span");
    attr(s, "style", "-epub-hyphens: none; -webkit-hyphens: none; hyphens: none");
    text(s, piece);
}

static void running_text(xw *w, xmlNodePtr parent, const char *s)
{
    if (w->hyph)
        hyph_exceptions_apply(w->hyph, s, emit_piece, parent);
    else
        text(parent, s);
}

static void epub_type(xw *w, xmlNodePtr n, const char *type)
{
    if (w->epub_ns)
        xmlNewNsProp(n, w->epub_ns, X("type"), X(type));
}

char *xhtml_escape_href(const char *url)
{
    static const char safe[] = "-_.+!*'(),%#@?=;:/,+&$~";
    GString *s = g_string_new(NULL);
    for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
        if (g_ascii_isalnum(*p) || strchr(safe, *p))
            g_string_append_c(s, (char)*p);
        else
            g_string_append_printf(s, "%%%02X", *p);
    }
    return g_string_free(s, FALSE);
}

static void href_attr(xmlNodePtr n, const char *name, const char *url)
{
    char *e = xhtml_escape_href(url);
    attr(n, name, e);
    g_free(e);
}

/* ------------------------------------------------------------------ */
/* inlines                                                            */

static void write_inlines(xw *w, xmlNodePtr parent, const node *first);

void xhtml_add_pagebreak(xmlNodePtr parent, xmlNsPtr epub_ns, const char *label)
{
    xmlNodePtr s = el(parent, "span");
    if (epub_ns)
        xmlNewNsProp(s, epub_ns, X("type"), X("pagebreak"));
    attr(s, "role", "doc-pagebreak");
    char id[64];
    g_snprintf(id, sizeof id, "page-%s", label);
    attr(s, "id", id);
    attr(s, "aria-label", label);
}

static void write_marker(xw *w, xmlNodePtr parent, const char *label)
{
    xhtml_add_pagebreak(parent, w->epub_ns, label);
}

/* Text of the block being written, with the page markers that fall in it
 * placed before their words.  emit false: the text only counts (an inline
 * image's alt text, which print sets and the e-book shows as the image). */
/* Running text takes the issue's hyphenation exceptions; code and
 * attribute text do not. */
static void emit_text(xw *w, xmlNodePtr parent, const char *s, bool running)
{
    if (running)
        running_text(w, parent, s);
    else
        text(parent, s);
}

static void text_marked_as(xw *w, xmlNodePtr parent, const char *s, bool emit, bool running)
{
    if (w->next_mark >= w->nmarks) {
        if (emit)
            emit_text(w, parent, s, running);
        return;
    }
    const char *run = s;
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        bool space = page_map_is_space(g_utf8_get_char(p));
        if (!space && w->after_space) {
            while (w->next_mark < w->nmarks && w->marks[w->next_mark].word <= w->words) {
                if (emit && p > run) {
                    char *t = g_strndup(run, (gsize)(p - run));
                    emit_text(w, parent, t, running);
                    g_free(t);
                }
                run = p;
                write_marker(w, parent, w->marks[w->next_mark++].label);
            }
            w->words++;
        }
        w->after_space = space;
    }
    if (emit && *run)
        emit_text(w, parent, run, running);
}

static void text_marked(xw *w, xmlNodePtr parent, const char *s, bool emit)
{
    text_marked_as(w, parent, s, emit, false);
}

static void text_marked_running(xw *w, xmlNodePtr parent, const char *s)
{
    text_marked_as(w, parent, s, true, true);
}

static void write_noteref(xw *w, xmlNodePtr parent, const node *n)
{
    int num = n->as.note.number;
    char buf[32], id[48], href[48];
    g_snprintf(buf, sizeof buf, "%d", num);
    int seen = GPOINTER_TO_INT(g_hash_table_lookup(w->ref_count, GINT_TO_POINTER(num))) + 1;
    g_hash_table_insert(w->ref_count, GINT_TO_POINTER(num), GINT_TO_POINTER(seen));
    if (seen == 1)
        g_snprintf(id, sizeof id, "noteref-%d", num);
    else
        g_snprintf(id, sizeof id, "noteref-%d-%d", num, seen);
    g_snprintf(href, sizeof href, "#note-%d", num);
    xmlNodePtr sup = el(parent, "sup");
    xmlNodePtr a = el(sup, "a");
    epub_type(w, a, "noteref");
    attr(a, "role", "doc-noteref");
    attr(a, "id", id);
    attr(a, "href", href);
    text_marked(w, a, buf, true);
}

static void write_inline(xw *w, xmlNodePtr parent, const node *n)
{
    xmlNodePtr e;
    switch (n->type) {
    case NODE_TEXT:
        text_marked_running(w, parent, n->text);
        break;
    case NODE_SOFTBREAK:
        text_marked(w, parent, "\n", true);
        break;
    case NODE_LINEBREAK:
        el(parent, "br");
        text_marked(w, parent, "\n", true);
        break;
    case NODE_EMPH:
        write_inlines(w, el(parent, "em"), n->first);
        break;
    case NODE_STRONG:
        write_inlines(w, el(parent, "strong"), n->first);
        break;
    case NODE_STRIKE:
        write_inlines(w, el(parent, "del"), n->first);
        break;
    case NODE_SUPERSCRIPT:
        write_inlines(w, el(parent, "sup"), n->first);
        break;
    case NODE_SUBSCRIPT:
        write_inlines(w, el(parent, "sub"), n->first);
        break;
    case NODE_SPAN_LANG:
        e = el(parent, "span");
        attr(e, "lang", n->as.span.lang);
        if (w->magazine)
            xmlNodeSetLang(e, X(n->as.span.lang));
        write_inlines(w, e, n->first);
        break;
    case NODE_CODE:
        text_marked(w, el(parent, "code"), n->text, true);
        break;
    case NODE_LINK:
        e = el(parent, "a");
        href_attr(e, "href", n->as.link.url);
        if (n->as.link.title)
            attr(e, "title", n->as.link.title);
        write_inlines(w, e, n->first);
        break;
    case NODE_IMAGE: {
        text_marked(w, parent, n->as.image.alt ? n->as.image.alt : "", false);
        e = el(parent, "img");
        char *src = w->o && w->o->image_href ? w->o->image_href(n->as.image.url, w->o->ud)
                                             : g_strdup(n->as.image.url);
        href_attr(e, "src", src);
        g_free(src);
        attr(e, "alt", n->as.image.alt ? n->as.image.alt : "");
        if (n->as.image.title)
            attr(e, "title", n->as.image.title);
        break;
    }
    case NODE_FOOTNOTE_REF:
        write_noteref(w, parent, n);
        break;
    default:
        g_assert_not_reached();
    }
}

static void write_inlines(xw *w, xmlNodePtr parent, const node *first)
{
    for (const node *k = first; k; k = k->next)
        write_inline(w, parent, k);
}

/* ------------------------------------------------------------------ */
/* blocks                                                             */

static void write_blocks(xw *w, xmlNodePtr parent, const node *first, bool tight);

static size_t page_marks_of(xw *w, const node *n, const xhtml_page_mark **marks)
{
    *marks = NULL;
    return w->o && w->o->page_marks ? w->o->page_marks(n, w->o->ud, marks) : 0;
}

/* Markers of pages that begin in n, before it (a block whose words are
 * not counted in place: lists, tables, figures, the article's opening). */
static void write_pagebreak(xw *w, xmlNodePtr parent, const node *n)
{
    const xhtml_page_mark *marks;
    size_t nm = page_marks_of(w, n, &marks);
    for (size_t i = 0; i < nm; i++)
        write_marker(w, parent, marks[i].label);
}

/* The inlines of a paragraph or heading, with the markers of pages that
 * begin inside it at their words; a marker past the last word (which the
 * counts of both editions should never give) ends the element: never lost. */
static void write_marked_inlines(xw *w, xmlNodePtr parent, const node *n)
{
    w->nmarks = page_marks_of(w, n, &w->marks);
    w->next_mark = 0;
    w->words = 0;
    w->after_space = true;
    write_inlines(w, parent, n->first);
    while (w->next_mark < w->nmarks)
        write_marker(w, parent, w->marks[w->next_mark++].label);
    w->marks = NULL;
    w->nmarks = w->next_mark = 0;
}

static const char *align_css(table_align a)
{
    switch (a) {
    case ALIGN_LEFT: return "left";
    case ALIGN_CENTER: return "center";
    case ALIGN_RIGHT: return "right";
    default: return NULL;
    }
}

static void write_table(xw *w, xmlNodePtr parent, const node *n)
{
    xmlNodePtr table = el(parent, "table");
    xmlNodePtr section = NULL;
    bool in_head = false;
    for (const node *row = n->first; row; row = row->next) {
        bool head = row->as.row.header;
        if (!section || head != in_head) {
            section = el(table, head ? "thead" : "tbody");
            in_head = head;
        }
        xmlNodePtr tr = el(section, "tr");
        int col = 0;
        for (const node *cell = row->first; cell; cell = cell->next, col++) {
            xmlNodePtr td = el(tr, head ? "th" : "td");
            const char *a = col < n->as.table.ncols ? align_css(n->as.table.align[col]) : NULL;
            if (a) {
                if (w->magazine) {
                    char *style = g_strdup_printf("text-align: %s", a);
                    attr(td, "style", style);
                    g_free(style);
                } else {
                    attr(td, "align", a);
                }
            }
            write_inlines(w, td, cell->first);
        }
    }
}

static void write_figure(xw *w, xmlNodePtr parent, const node *n)
{
    xmlNodePtr fig = el(parent, "figure");
    xmlNodePtr img = el(fig, "img");
    char *src = w->o && w->o->image_href ? w->o->image_href(n->as.image.url, w->o->ud)
                                         : g_strdup(n->as.image.url);
    href_attr(img, "src", src);
    g_free(src);
    /* a decorative figure says so with an empty alt */
    attr(img, "alt", n->as.image.alt && !n->as.image.decorative ? n->as.image.alt : "");
    if (w->magazine) {
        static const char *place[] = {[FIG_COLUMN] = NULL, [FIG_WIDE] = "wide",
                                      [FIG_INSET] = "inset", [FIG_BLEED] = "bleed"};
        const char *cls = place[n->as.image.place];
        if (n->parent && n->parent->type == NODE_BYLINE)
            cls = "portrait";
        if (cls) {
            char *c = g_strdup_printf("%s%s", cls,
                                      n->as.image.place != FIG_INSET ? ""
                                      : n->as.image.side == FIG_LEFT ? " left" : " right");
            attr(fig, "class", c);
            g_free(c);
        }
    }
    xmlNodePtr cap = NULL;
    if (n->first) {
        cap = el(fig, "figcaption");
        write_inlines(w, cap, n->first);
    }
    if (n->as.image.credit) {
        if (!cap)
            cap = el(fig, "figcaption");
        else
            text(cap, " ");
        xmlNodePtr c = el(cap, "small");
        attr(c, "class", "credit");
        text(c, n->as.image.credit);
    }
}

static void write_block(xw *w, xmlNodePtr parent, const node *n, bool tight)
{
    xmlNodePtr e;
    char tag[4];
    if (n->type != NODE_PARAGRAPH && n->type != NODE_HEADING)
        write_pagebreak(w, parent, n);
    switch (n->type) {
    case NODE_PARAGRAPH:
        if (tight) {
            write_marked_inlines(w, parent, n);
            break;
        }
        e = el(parent, "p");
        if (w->magazine && node_is_question(n))
            attr(e, "class", "question");
        write_marked_inlines(w, e, n);
        break;
    case NODE_HEADING:
        g_snprintf(tag, sizeof tag, "h%d", n->as.heading.level);
        e = el(parent, tag);
        if (w->magazine && n->as.heading.id)
            attr(e, "id", n->as.heading.id);
        write_marked_inlines(w, e, n);
        break;
    case NODE_BLOCK_QUOTE:
        write_blocks(w, el(parent, "blockquote"), n->first, false);
        break;
    case NODE_LIST:
        e = el(parent, n->as.list.ordered ? "ol" : "ul");
        if (n->as.list.ordered && n->as.list.start != 1) {
            char buf[16];
            g_snprintf(buf, sizeof buf, "%d", n->as.list.start);
            attr(e, "start", buf);
        }
        for (const node *item = n->first; item; item = item->next)
            write_blocks(w, el(e, "li"), item->first, n->as.list.tight);
        break;
    case NODE_CODE_BLOCK: {
        xmlNodePtr code = el(el(parent, "pre"), "code");
        if (n->as.code.info) {
            size_t l = strcspn(n->as.code.info, " \t");
            char *cls = g_strdup_printf("language-%.*s", (int)l, n->as.code.info);
            attr(code, "class", cls);
            g_free(cls);
        }
        text(code, n->text);
        break;
    }
    case NODE_THEMATIC_BREAK:
        el(parent, "hr");
        break;
    case NODE_TABLE:
        write_table(w, parent, n);
        break;
    case NODE_FIGURE:
        write_figure(w, parent, n);
        break;
    case NODE_PULLQUOTE:
        /* The quote repeats the article's own words: hidden from assistive
         * technology so it is not read twice. */
        e = el(parent, "aside");
        attr(e, "class", "pullquote");
        epub_type(w, e, "pullquote");
        attr(e, "aria-hidden", "true");
        write_blocks(w, e, n->first, false);
        break;
    case NODE_ATTRIBUTION:
        e = el(parent, "p");
        attr(e, "class", "attribution");
        text(e, "\xe2\x80\x94 ");
        write_inlines(w, e, n->first);
        break;
    case NODE_BYLINE:
        e = el(parent, "div");
        attr(e, "class", "byline");
        write_blocks(w, e, n->first, false);
        break;
    case NODE_BYLINE_NAME:
    case NODE_BYLINE_ROLE:
        e = el(parent, "p");
        attr(e, "class", n->type == NODE_BYLINE_NAME ? "byline-name" : "byline-role");
        write_inlines(w, e, n->first);
        break;
    case NODE_SIDEBAR:
        e = el(parent, "aside");
        attr(e, "class", "sidebar");
        epub_type(w, e, "sidebar");
        write_blocks(w, e, n->first, false);
        break;
    case NODE_FOOTNOTE_DEF:
        break; /* written after the body */
    default:
        g_assert_not_reached();
    }
}

static void write_blocks(xw *w, xmlNodePtr parent, const node *first, bool tight)
{
    for (const node *k = first; k; k = k->next)
        write_block(w, parent, k, tight);
}

static void write_notes(xw *w, xmlNodePtr parent, const node *article)
{
    for (const node *k = article->first; k; k = k->next) {
        if (k->type != NODE_FOOTNOTE_DEF)
            continue;
        char id[32], back[32], num[16];
        g_snprintf(id, sizeof id, "note-%d", k->as.note.number);
        g_snprintf(back, sizeof back, "#noteref-%d", k->as.note.number);
        g_snprintf(num, sizeof num, "%d", k->as.note.number);
        xmlNodePtr aside = el(parent, "aside");
        epub_type(w, aside, "footnote");
        attr(aside, "role", "doc-footnote");
        attr(aside, "id", id);
        attr(aside, "class", "footnote");
        /* The number links back to the reference; it leads the first
         * paragraph so pop-ups show "3 Zie ook ...". */
        xmlNodePtr first_p = NULL;
        write_blocks(w, aside, k->first, false);
        for (xmlNodePtr c = aside->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE && !xmlStrcmp(c->name, X("p"))) {
                first_p = c;
                break;
            }
        if (!first_p) {
            first_p = xmlNewNode(NULL, X("p"));
            if (aside->children)
                xmlAddPrevSibling(aside->children, first_p);
            else
                xmlAddChild(aside, first_p);
        }
        xmlNodePtr a = xmlNewNode(NULL, X("a"));
        attr(a, "href", back);
        attr(a, "role", "doc-backlink");
        attr(a, "class", "note-number");
        text(a, num);
        if (first_p->children) {
            xmlAddPrevSibling(first_p->children, a);
            xmlAddNextSibling(a, xmlNewText(X(" ")));
        } else {
            xmlAddChild(first_p, a);
        }
    }
}

static const char *article_class(article_type t)
{
    return article_type_name(t);
}

xmlNodePtr xhtml_new_document(const char *lang, const char *title, const char *stylesheet,
                              xmlDocPtr *doc_out, xmlNsPtr *epub_ns_out)
{
    xmlDocPtr doc = xmlNewDoc(X("1.0"));
    xmlCreateIntSubset(doc, X("html"), NULL, NULL);
    xmlNodePtr html = xmlNewNode(NULL, X("html"));
    xmlDocSetRootElement(doc, html);
    xmlSetNs(html, xmlNewNs(html, X(XHTML_NS), NULL));
    xmlNsPtr epub_ns = xmlNewNs(html, X(EPUB_OPS_NS), X("epub"));
    attr(html, "lang", lang);
    xmlNodeSetLang(html, X(lang));
    xmlNodePtr head = el(html, "head");
    attr(el(head, "meta"), "charset", "utf-8");
    text(el(head, "title"), title ? title : "");
    if (stylesheet) {
        xmlNodePtr link = el(head, "link");
        attr(link, "rel", "stylesheet");
        attr(link, "type", "text/css");
        attr(link, "href", stylesheet);
    }
    *doc_out = doc;
    if (epub_ns_out)
        *epub_ns_out = epub_ns;
    return el(html, "body");
}

xmlDocPtr xhtml_article_document(const node *issue, const node *article,
                                 const xhtml_options *o)
{
    const article_meta *m = &article->as.article;
    xw w = {.o = o, .magazine = true,
            .ref_count = g_hash_table_new(g_direct_hash, g_direct_equal),
            .hyph = issue->as.issue.hyphenation};
    xmlDocPtr doc;
    xmlNodePtr body = xhtml_new_document(m->lang ? m->lang : issue->as.issue.language, m->title,
                                         o ? o->stylesheet : NULL, &doc, &w.epub_ns);
    xmlNodePtr sec = el(body, "section");
    char *sid = g_strdup_printf("article-%s", m->slug ? m->slug : "x");
    attr(sec, "id", sid);
    g_free(sid);
    char *cls = g_strdup_printf("article %s", article_class(m->type));
    attr(sec, "class", cls);
    g_free(cls);
    switch (m->type) {
    case ARTICLE_EDITORIAL:
        epub_type(&w, sec, "foreword");
        attr(sec, "role", "doc-foreword");
        break;
    case ARTICLE_COLOPHON:
        epub_type(&w, sec, "colophon");
        attr(sec, "role", "doc-colophon");
        break;
    default:
        epub_type(&w, sec, "chapter");
        attr(sec, "role", "doc-chapter");
        break;
    }
    attr(sec, "aria-labelledby", "title");
    write_pagebreak(&w, sec, article);
    xmlNodePtr header = el(sec, "header");
    if (m->image)
        write_figure(&w, header, m->image);
    if (m->rubric) {
        xmlNodePtr p = el(header, "p");
        attr(p, "class", "rubric");
        text(p, m->rubric);
    }
    xmlNodePtr h1 = el(header, "h1");
    attr(h1, "id", "title");
    text(h1, m->title ? m->title : "");
    if (m->subtitle) {
        xmlNodePtr p = el(header, "p");
        attr(p, "class", "subtitle");
        attr(p, "role", "doc-subtitle");
        text(p, m->subtitle);
    }
    if (m->lead) {
        xmlNodePtr p = el(header, "p");
        attr(p, "class", "lead");
        write_inlines(&w, p, m->lead->first);
    }
    write_blocks(&w, sec, article->first, false);
    write_notes(&w, sec, article);
    g_hash_table_destroy(w.ref_count);
    return doc;
}

char *xhtml_serialize(xmlDocPtr doc, size_t *len)
{
    /* No XML_SAVE_FORMAT: indenting adds text where the source had none,
     * inside <pre> (visible) and between adjacent inline elements
     * (<em>a</em><strong>b</strong> would read "a b"). */
    xmlBufferPtr buf = xmlBufferCreate();
    xmlSaveCtxtPtr ctx = xmlSaveToBuffer(buf, "UTF-8", XML_SAVE_XHTML);
    xmlSaveDoc(ctx, doc);
    xmlSaveClose(ctx);
    char *out = g_strndup((const char *)xmlBufferContent(buf), xmlBufferLength(buf));
    if (len)
        *len = xmlBufferLength(buf);
    xmlBufferFree(buf);
    return out;
}

char *xhtml_body_fragment(const node *article)
{
    xmlDocPtr doc = xmlNewDoc(X("1.0"));
    xmlNodePtr root = xmlNewNode(NULL, X("div"));
    xmlDocSetRootElement(doc, root);
    xw w = {.o = NULL, .magazine = false,
            .ref_count = g_hash_table_new(g_direct_hash, g_direct_equal)};
    write_blocks(&w, root, article->first, false);
    g_hash_table_destroy(w.ref_count);
    xmlBufferPtr buf = xmlBufferCreate();
    xmlSaveCtxtPtr ctx = xmlSaveToBuffer(buf, "UTF-8", XML_SAVE_NO_DECL | XML_SAVE_XHTML);
    for (xmlNodePtr c = root->children; c; c = c->next) {
        xmlSaveTree(ctx, c);
        xmlSaveFlush(ctx);
        xmlBufferCCat(buf, "\n");
    }
    xmlSaveClose(ctx);
    char *out = g_strndup((const char *)xmlBufferContent(buf), xmlBufferLength(buf));
    xmlBufferFree(buf);
    xmlFreeDoc(doc);
    return out;
}
