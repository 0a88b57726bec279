/* image_info.h - the pixel size and kind of a PNG or JPEG file, read from
 * its header: whether and how resources.c can decode it. */
#ifndef FOLIO_PDF_IMAGE_INFO_H
#define FOLIO_PDF_IMAGE_INFO_H

#include <stdbool.h>

bool image_info_read(const char *path, int *width, int *height, bool *is_jpeg);

#endif
