/* layout_contents.h - the issue as a whole: the contents page, and a page
 * count that is a multiple of the style's [issue] page-multiple.
 *
 * [issue] contents = cover | page | both: the articles marked `cover: true`
 * listed on the cover (the default), every article listed with its page
 * number on a contents page right after the cover, or both.
 * [issue] page-pad = warn | pad: a page count that is not a multiple of
 * page-multiple (4: a printed magazine is folded sheets) is a warning in
 * the fit report (what folio build and folio fit print), or is made one
 * with house pages (a notes page: a heading and ruled lines) at the end. */
#ifndef FOLIO_PDF_LAYOUT_CONTENTS_H
#define FOLIO_PDF_LAYOUT_CONTENTS_H

#include "pdf/layout_blocks.h"

bool contents_wanted(const style *st);
bool contents_on_cover(const style *st);
/* Adds the contents page (empty until contents_layout) as the next page. */
pdf_page *contents_reserve(pdf_document *doc);
/* Fills the contents page once the articles are placed. */
void contents_layout(block_builder *bb, pdf_document *doc, pdf_page *page, const node *issue);
/* Pads, or warns in the fit report, so the page count is a multiple. */
void issue_page_multiple(block_builder *bb, pdf_document *doc, const node *issue);

#endif
