/* paths.h - whether a path stays inside a folder once links are followed.
 * The reader refuses articles and images that lead outside the content
 * folder: an issue must be buildable from its folder alone, and a link
 * must not pull in a file the editor never meant to publish. */
#ifndef FOLIO_PATHS_H
#define FOLIO_PATHS_H

#include <stdbool.h>

typedef enum {
    PATH_INSIDE,     /* resolves to a file under dir */
    PATH_OUTSIDE,    /* resolves, but outside dir (through a link) */
    PATH_MISSING,    /* does not resolve */
} path_place;

/* Where path (an existing or missing file) lies relative to dir, both
 * resolved with every symbolic link followed. */
path_place paths_place(const char *path, const char *dir);

#endif
