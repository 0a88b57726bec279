/* images.h - checks of the images an issue uses, done once by the reader
 * so both backends can trust them: inside the content folder, a real PNG
 * or JPEG, complete, and of a sane size. */
#ifndef FOLIO_IMAGES_H
#define FOLIO_IMAGES_H
#include <stdbool.h>
#include <stddef.h>
#include "diag.h"
#include "tree.h"

/* Larger images are refused: decoding them would cost memory out of all
 * proportion to a magazine page (50 megapixels is a 8660 x 5773 photo). */
#define IMAGES_MAX_PIXELS (50L * 1000 * 1000)
#define IMAGES_MAX_BYTES (64L * 1024 * 1024)

typedef enum { IMAGE_PNG, IMAGE_JPEG } image_format;

typedef struct {
    image_format format;
    long width, height;
} image_facts;

/* Checks every image and figure of article against content_dir; reports
 * problems at the node's position.  Returns false on any error. */
bool images_check_article(const node *article, const char *content_dir, diag_list *d);

/* The facts of one image file's bytes, or false with *why set. */
bool images_sniff(const unsigned char *data, size_t len, image_facts *out, const char **why);
#endif
