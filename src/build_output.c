/* build_output.c - how outputs are committed (build_output.h): written
 * beside their final name, made durable, renamed into place in one step;
 * what killed builds left behind is swept. */
#include "build_output.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *build_temp_path(const char *final_path)
{
    char *dir = g_path_get_dirname(final_path);
    char *base = g_path_get_basename(final_path);
    char *tmp = g_strdup_printf("%s/.%s.tmp-%d", dir, base, (int)getpid());
    g_free(dir);
    g_free(base);
    return tmp;
}

void build_sync_file(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

bool build_rename_into_place(const char *tmp, const char *final_path, diag_list *d)
{
    if (rename(tmp, final_path) != 0) {
        src_pos p = {final_path, 0, 0};
        diag_error(d, p, "cannot replace output: %s", strerror(errno));
        return false;
    }
    return true;
}

/* Makes the temporary file durable, then puts it in place in one step. */
bool build_commit_file(const char *tmp, const char *final_path, diag_list *d)
{
    build_sync_file(tmp);
    return build_rename_into_place(tmp, final_path, d);
}

/* Removes temporaries that killed builds left behind: names made by
 * build_temp_path whose process is gone. */
void build_sweep_temporaries(const char *out_dir)
{
    GDir *d = g_dir_open(out_dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d))) {
        const char *tag = strstr(name, ".tmp-");
        if (name[0] != '.' || !tag)
            continue;
        char *end;
        long pid = strtol(tag + 5, &end, 10);
        if (*end || pid <= 0 || (kill((pid_t)pid, 0) != 0 && errno == ESRCH) ||
            pid == (long)getpid()) {
            char *path = g_build_filename(out_dir, name, NULL);
            unlink(path);
            g_free(path);
        }
    }
    if (d)
        g_dir_close(d);
}

