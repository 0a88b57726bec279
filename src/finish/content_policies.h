/* content_policies.h - the two rewrites of a page's content stream that
 * the finishing pass makes (see finish.h). */
#ifndef FOLIO_CONTENT_POLICIES_H
#define FOLIO_CONTENT_POLICIES_H

#include <glib.h>

#include "finish/finish.h"
#include "finish/press_colour.h"

/* Reading edition (PDF/UA-1): content that is in no marked-content
 * sequence with an /MCID (cairo leaves running heads, folios, rules and
 * decoration there) is wrapped in /Artifact BMC ... EMC, so no text and
 * no painting is left outside both the structure tree and the artifacts.
 * With bands (or NULL), an artifact whose text all stands in the head band
 * is /Artifact <</Type /Pagination /Subtype /Header>> BDC, in the foot
 * band /Subtype /Footer (PDF/UA-1 7.8).  Appends the rewritten stream to out. */
void content_mark_artifacts(const unsigned char *buf, size_t len, const finish_bands *bands,
                            GString *out);

/* Press edition (PDF/X-4): every DeviceRGB and DeviceGray colour operator
 * becomes DeviceCMYK through the palette; 100 K alone sets overprint on
 * (the graphics state /FolioOP<fill><stroke>, 1 = overprint, /OPM 1), any
 * other colour sets it off.  Sets *used_gs[fill*2+stroke] for each state
 * it names, so the caller adds those ExtGStates to the resources. */
void content_to_cmyk(const unsigned char *buf, size_t len, press_palette *pal, GString *out,
                     bool used_gs[4]);

#endif
