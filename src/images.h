/* images.h - checks of the images an issue uses, done once by the reader
 * so both backends can trust them: inside the content folder, a real PNG
 * or JPEG, complete, and of a sane size. */
#ifndef FOLIO_IMAGES_H
#define FOLIO_IMAGES_H
#include <stdbool.h>
#include <stddef.h>
#include "diag.h"
#include "picture.h"
#include "tree.h"

/* Larger images are refused before anything decodes them (see
 * picture.h: pictures are decoded in bounded memory, so the limit is
 * about absurd sizes, such as a decompression bomb: a small PNG that
 * declares 100,000 x 100,000 pixels). */
#define IMAGES_MAX_PIXELS PICTURE_MAX_PIXELS
#define IMAGES_MAX_BYTES (256L * 1024 * 1024)

typedef enum { IMAGE_PNG, IMAGE_JPEG } image_format;

typedef struct {
    image_format format;
    long width, height;
} image_facts;

/* Checks every image and figure of article against content_dir; reports
 * problems at the node's position.  Returns false on any error. */
bool images_check_article(const node *article, const char *content_dir, diag_list *d);

/* The same for one figure (a cover or opener picture from front matter). */
bool images_check_figure(const node *fig, const char *content_dir, diag_list *d);

/* The facts of one image file's bytes, or false with *why set. */
bool images_sniff(const unsigned char *data, size_t len, image_facts *out, const char **why);
#endif
