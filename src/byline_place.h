/* byline_place.h - bylines where the magazine puts them.
 *
 * The style says where an article's bylines (`::: byline`) go, per
 * article type ([byline] place, [byline.<type>] place); the front matter
 * key `byline-place` overrides it for one article:
 *   opener  at the start of the body, right under the title and lead
 *   end     at the end of the body (before the notes)
 *   inline  where the source puts them
 * The blocks are moved in the tree, so both editions agree.  A figure
 * right before a byline is its portrait and moves with it. */
#ifndef FOLIO_BYLINE_PLACE_H
#define FOLIO_BYLINE_PLACE_H

#include "style.h"
#include "tree.h"

void bylines_place(node *issue, const style *st);

#endif
