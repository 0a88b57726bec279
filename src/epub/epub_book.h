/* epub_book.h - what the EPUB backend's parts share: the book being
 * assembled (every publication resource, in manifest order) and the
 * writers of each part.  Internal to src/epub/.
 *
 * Layout inside the container (all paths below are relative to EPUB/,
 * where the package document lives):
 *   package.opf, nav.xhtml, toc.ncx, cover.xhtml,
 *   text/<slug>.xhtml, css/folio.css, images/<name>, fonts/<name>. */
#ifndef FOLIO_EPUB_BOOK_H
#define FOLIO_EPUB_BOOK_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <libxml/tree.h>
#include "diag.h"
#include "fonts.h"
#include "pagemap.h"
#include "style.h"
#include "tree.h"

struct epub_prefetch;

#define EPUB_ROOT_DIR "EPUB"
#define EPUB_OPF_NAME "package.opf"

/* Reading order: the cover, the table of contents, the articles. */
enum { EPUB_SPINE_NONE = 0, EPUB_SPINE_COVER = 1, EPUB_SPINE_NAV = 2, EPUB_SPINE_ARTICLES = 3 };

typedef struct {
    char *id;            /* manifest id (an XML NCName) */
    char *href;          /* relative to EPUB/ */
    char *media_type;
    char *properties;    /* manifest properties, or NULL */
    unsigned char *data; /* the bytes; owned */
    size_t len;
    int spine;           /* place in the reading order (see EPUB_SPINE_*),
                            0 = not in the spine */
} epub_item;

/* An image of the issue, found in the tree: the URL as written and the
 * package path it is copied to. */
typedef struct {
    char *url;
    char *href;          /* images/<name>, relative to EPUB/ */
} epub_image;

/* An embedded font face, for @font-face. */
typedef struct {
    char *href;          /* fonts/<file>, relative to EPUB/ */
    char *family;        /* the family as the style names it ("Charis SIL") */
    char *css_family;    /* the embedded subset's own family ("Dimensies Text") */
    int weight;          /* CSS 100..900 */
    bool italic;
} epub_font;

/* A print page that begins in a content document: where its pagebreak
 * marker is.  Only pages whose marker was written are listed. */
typedef struct {
    char *label;         /* "12" */
    char *href;          /* text/<slug>.xhtml#page-12 */
    const node *at;      /* the block it is written in or before (borrowed);
                            the issue for the cover */
} epub_page_target;

typedef struct {
    epub_item *items;    /* manifest order = insertion order; spine items
                            are read in this order too */
    size_t count, cap;
    epub_image *images;  /* owned, in order of first use */
    size_t nimages;
    epub_font *fonts;    /* owned, sorted by file name */
    size_t nfonts;
    epub_page_target *targets; /* owned, in print page order */
    size_t ntargets;
    bool has_pages;      /* a page-list is written */
    bool visual;         /* some picture carries meaning (accessMode visual) */
    const char *ncx_id;  /* id of the NCX item (spine toc attribute) */
} epub_book;

void epub_book_init(epub_book *b);
void epub_book_free(epub_book *b);
/* Adds a resource, taking ownership of data (g_malloc'd).  Returns it. */
epub_item *epub_book_add(epub_book *b, const char *id, const char *href,
                         const char *media_type, const char *properties,
                         unsigned char *data, size_t len, int spine);
/* The package path of an image URL (NULL if unknown). */
const char *epub_book_image_href(const epub_book *b, const char *url);

/* The content document path of an article (text/<slug>.xhtml); caller frees. */
char *epub_article_href(const node *article);
/* The manifest id of an article; caller frees. */
char *epub_article_id(const node *article);

/* Serialises an XML document (not XHTML) as UTF-8 with declaration. */
unsigned char *epub_xml_bytes(xmlDocPtr doc, size_t *len);
/* xmlNewChild with a text content set as text, not as entity-parsed markup. */
xmlNodePtr epub_xml_text_child(xmlNodePtr parent, xmlNsPtr ns, const char *name,
                               const char *text);

/* The parts.  Each adds its resources to b or writes the file. */
/* The CSS of pictures (.wide, .inset, portraits, credits), appended to css. */
void epub_css_pictures(GString *css, const style *st);
bool epub_add_images(epub_book *b, const node *issue, const style *st, diag_list *d);
/* fc: folio's private font configuration (src/fonts.h), or NULL for no
 * embedded fonts and the system's fonts on a drawn cover. */
bool epub_add_fonts(epub_book *b, const node *issue, const style *st, FcConfig *fc,
                    struct epub_prefetch *pf, diag_list *d);
/* The bytes of a font file the prefetch read (ownership passes to the
 * caller), or false. */
bool epub_prefetch_take(struct epub_prefetch *pf, const char *path, unsigned char **data,
                        size_t *len);
/* Whether the stylesheet can ask for this face (only those are embedded). */
bool epub_font_used(const style *st, const char *family, int weight);

/* Which faces the book's text is set in and which characters each family
 * draws (epub_font_use.c). */
typedef struct epub_font_use epub_font_use;
epub_font_use *epub_font_use_new(const node *issue, const style *st);
void epub_font_use_free(epub_font_use *u);
/* The characters set in family, sorted; caller frees (g_free). */
gunichar *epub_font_use_chars(const epub_font_use *u, const char *family, size_t *n);
/* For each of faces[0..n), whether CSS font matching picks it for some
 * text of the book; caller frees (g_free). */
bool *epub_font_use_faces(const epub_font_use *u, const font_face *faces, size_t n);

/* A font subset to some characters and renamed (epub_subset.c). */
typedef struct {
    unsigned char *data; /* the new font file */
    size_t len;
    /* From the original's name table, for the licence notice: */
    char *original_family, *version, *copyright, *licence, *licence_url;
    char **reserved;     /* its Reserved Font Names (NULL-terminated) */
} epub_subset;
bool epub_subset_font(const unsigned char *data, size_t len, const gunichar *chars, size_t n,
                      const char *new_family, epub_subset *out, char **error);
void epub_subset_clear(epub_subset *s);
/* The text of the SIL Open Font License 1.1 (epub_ofl.c). */
extern const char epub_ofl_text[];
void epub_add_css(epub_book *b, const style *st);
bool epub_add_cover(epub_book *b, const node *issue, const style *st, FcConfig *fc,
                    const unsigned char *png, size_t png_len, const page_map *pages,
                    diag_list *d);
/* A print page's label in the e-book ("1" for the unnumbered cover). */
const char *epub_page_label(const page_start *ps, char buf[16]);
/* Records a page-list target at href#page-<label>, written in or before
 * at; false (nothing recorded) when that page has its marker already. */
bool epub_page_target_add(epub_book *b, const char *label, const char *href, const node *at);
void epub_add_articles(epub_book *b, const node *issue, const page_map *pages);
void epub_add_nav(epub_book *b, const node *issue, const page_map *pages);
void epub_add_ncx(epub_book *b, const node *issue, const page_map *pages);
unsigned char *epub_package_document(const epub_book *b, const node *issue, time_t modified,
                                     size_t *len);
/* cache_dir (may be NULL): where deflated fonts and images are kept
 * between builds, keyed by their content, so a rebuild copies them
 * instead of compressing them again. */
bool epub_write_container(const epub_book *b, const unsigned char *opf, size_t opf_len,
                          time_t date, const char *cache_dir, const char *path, diag_list *d);

#endif
