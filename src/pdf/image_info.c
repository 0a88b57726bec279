/* image_info.c - PNG IHDR and JPEG SOFn parsing. */
#include "pdf/image_info.h"

#include <glib.h>
#include <string.h>

static unsigned be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }
static unsigned be32(const unsigned char *p) { return be16(p) << 16 | be16(p + 2); }

static bool jpeg_size(const unsigned char *b, gsize n, int *w, int *h)
{
    gsize i = 2;
    while (i + 9 < n) {
        if (b[i] != 0xFF) {
            i++;
            continue;
        }
        unsigned char m = b[i + 1];
        if (m == 0xFF) {
            i++;
            continue;
        }
        /* SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the size */
        if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
            *h = (int)be16(b + i + 5);
            *w = (int)be16(b + i + 7);
            return *w > 0 && *h > 0;
        }
        if (m == 0xD8 || (m >= 0xD0 && m <= 0xD7)) {
            i += 2;
            continue;
        }
        i += 2 + be16(b + i + 2);
    }
    return false;
}

bool image_info_read(const char *path, int *width, int *height, bool *is_jpeg)
{
    char *buf = NULL;
    gsize n = 0;
    if (!g_file_get_contents(path, &buf, &n, NULL))
        return false;
    const unsigned char *b = (const unsigned char *)buf;
    bool ok = false;
    if (n >= 24 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0) {
        *width = (int)be32(b + 16);
        *height = (int)be32(b + 20);
        *is_jpeg = false;
        ok = *width > 0 && *height > 0;
    } else if (n >= 4 && b[0] == 0xFF && b[1] == 0xD8) {
        *is_jpeg = true;
        ok = jpeg_size(b, n, width, height);
    }
    g_free(buf);
    return ok;
}
