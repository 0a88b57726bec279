/* paths.c - see paths.h. */
#include "paths.h"

#include <stdlib.h>
#include <string.h>

path_place paths_place(const char *path, const char *dir)
{
    char *real = realpath(path, NULL);
    if (!real)
        return PATH_MISSING;
    char *real_dir = realpath(dir, NULL);
    size_t n = real_dir ? strlen(real_dir) : 0;
    /* "/" as the folder: everything is inside it */
    bool inside = real_dir && strncmp(real, real_dir, n) == 0 &&
                  (real[n] == '/' || (n == 1 && real_dir[0] == '/'));
    free(real);
    free(real_dir);
    return inside ? PATH_INSIDE : PATH_OUTSIDE;
}
