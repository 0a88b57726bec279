/* press_colour.h - the press edition's colours: the CMYK output profile
 * (LittleCMS) and the CMYK value of every RGB colour the drawing uses.
 *
 * A colour's CMYK value is the one the style gives (`#rrggbb / cmyk(...)`),
 * else derived from its sRGB value through the output profile (relative
 * colorimetric, black point compensation).  Black and near-black (every
 * RGB channel below 20%) is always 100 K alone: no rich black on type. */
#ifndef FOLIO_PRESS_COLOUR_H
#define FOLIO_PRESS_COLOUR_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "style.h"

/* Ghostscript's default CMYK profile (Debian libgs-common): a SWOP-like
 * characterisation under the AGPL, used when the style names none. */
#define PRESS_DEFAULT_PROFILE "/usr/share/color/icc/ghostscript/default_cmyk.icc"

typedef struct press_profile press_profile;

/* Reads and checks a CMYK output profile.  NULL with an error naming the
 * path (at `at`, the style line that named it) when it is missing,
 * unreadable or not a CMYK profile. */
press_profile *press_profile_load(const char *path, src_pos at, diag_list *d);
void press_profile_free(press_profile *p);
/* The profile's bytes, for the OutputIntent's /DestOutputProfile. */
const unsigned char *press_profile_bytes(const press_profile *p, size_t *len);
/* The profile's own description (its 'desc' tag), never NULL. */
const char *press_profile_description(const press_profile *p);
/* An sRGB profile made by LittleCMS, with a fixed header date so that the
 * PDF stays reproducible (for ICCBased image colour spaces). */
const unsigned char *press_profile_srgb(const press_profile *p, size_t *len);

/* The CMYK value (0..1) of an sRGB colour through the profile. */
void press_profile_cmyk(const press_profile *p, const double rgb[3], double cmyk[4]);

/* The style's output profile ([print] output-profile, relative to the
 * style file's folder), or folio's default with a warning asking for the
 * printer's profile (*is_default set).  NULL with an error naming the path
 * when it cannot be used. */
press_profile *press_profile_for_style(const style *st, bool *is_default, diag_list *d);

/* Gives every colour of the style that has no CMYK value a derived one,
 * with a warning at the style line that set it (or at the style file for
 * a built-in default). */
void press_complete_style(style *st, const press_profile *p, diag_list *d);

/* What the finishing pass maps cairo's RGB operands to: the style's
 * colours, then the profile for anything else. */
typedef struct press_palette press_palette;
press_palette *press_palette_new(const style *st, const press_profile *p);
void press_palette_free(press_palette *pal);
/* cmyk (0..1) for rgb (0..1); returns true when the result is 100 K only
 * (black or near-black), which the press edition overprints. */
bool press_palette_cmyk(press_palette *pal, const double rgb[3], double cmyk[4]);

#endif
