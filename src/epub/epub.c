/* epub.c - the EPUB backend's entry point: gathers the resources in a
 * fixed order (the order is the manifest's and, for documents, the
 * spine's), writes the package document, then the container. */
#include "epub/epub.h"

#include <glib.h>
#include "epub_book.h"
#include "fonts.h"

bool epub_write_issue(const node *issue, const style *st, const epub_options *o,
                      const char *path, diag_list *d)
{
    epub_book b;
    epub_book_init(&b);
    bool ok = epub_add_images(&b, issue, st, d);
    /* The fonts are folio's private configuration (src/fonts.h): the same
     * files the PDF is set in, never the machine's. */
    FcConfig *fc = o->fc, *own_fc = NULL;
    if (ok && !fc && o->fonts_dir) {
        /* Absolute: fontconfig resolves a relative configuration file
         * against its own folders, not the working directory. */
        char *dir = g_canonicalize_filename(o->fonts_dir, NULL);
        fc = own_fc = fonts_load_config(dir, d);
        g_free(dir);
        ok = fc != NULL;
    }
    /* The fonts' bytes come from the prefetch when there is one. */
    epub_prefetch_wait(o->prefetch);
    ok = ok && epub_add_fonts(&b, issue, st, fc, o->prefetch, d);
    if (ok) {
        epub_add_css(&b, st);
        ok = epub_add_cover(&b, issue, st, fc, o->cover_png, o->cover_png_len, o->pages, d);
    }
    if (ok) {
        /* Articles before nav and NCX: writing them records which page
         * markers exist, and the page-lists link only to those. */
        epub_add_articles(&b, issue, o->pages);
        epub_add_nav(&b, issue, o->pages);
        epub_add_ncx(&b, issue, o->pages);
        size_t opf_len = 0;
        unsigned char *opf = epub_package_document(&b, issue, o->source_date, &opf_len);
        ok = epub_write_container(&b, opf, opf_len, o->source_date, o->cache_dir,
                                  path, d);
        g_free(opf);
    }
    if (own_fc)
        FcConfigDestroy(own_fc);
    epub_book_free(&b);
    return ok;
}
