/* resources.h - the fonts and images that frames refer to by key.
 *
 * Layout adds them (from any worker thread: the table is locked); drawing
 * only looks them up.  A font is a cairo scaled font, interned by a name
 * that says what it is (file, face index, size, synthesis), so every
 * worker's copy of one font draws as one; an image's headers are read once, when
 * layout first meets it, and shared by every box that shows it.  Keys
 * stay valid as long as the table lives (a `folio watch` session keeps it
 * with the frame cache). */
#ifndef FOLIO_PDF_RESOURCES_H
#define FOLIO_PDF_RESOURCES_H

#include <cairo.h>
#include <stdbool.h>

typedef struct pdf_resources pdf_resources;

pdf_resources *resources_new(void);
pdf_resources *resources_ref(pdf_resources *r);
void resources_unref(pdf_resources *r);

/* The key of the font called name; sf is kept (referenced) when the name
 * is new.  Thread-safe. */
int resources_add_font(pdf_resources *r, const char *name, cairo_scaled_font_t *sf);
/* Borrowed; NULL for an unknown key. */
cairo_scaled_font_t *resources_font(pdf_resources *r, int key);

/* Reads the headers of the PNG or JPEG file at path once per version of
 * the file (its size and modification time); returns its key and pixel
 * size as seen (EXIF orientation applied), or -1 when it cannot be read.
 * The pixels are decoded when drawn, at the resolution that output needs
 * (src/pdf/draw_picture.h).  Thread-safe. */
int resources_add_image(pdf_resources *r, const char *path, int *width, int *height);
/* The file of an image key (borrowed); NULL for an unknown key. */
const char *resources_image_path(pdf_resources *r, int key);

#endif
