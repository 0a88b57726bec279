/* build_output.h - atomic outputs: a temporary name beside the final one,
 * fsync, rename into place; a failed or killed build never touches the
 * previous outputs. */
#ifndef FOLIO_BUILD_OUTPUT_H
#define FOLIO_BUILD_OUTPUT_H

#include <stdbool.h>

#include "diag.h"

/* A temporary name beside final_path, unique to this process. */
char *build_temp_path(const char *final_path);
/* Makes the file durable (fsync). */
void build_sync_file(const char *path);
/* Renames tmp to final_path in one step; an error at final_path if not. */
bool build_rename_into_place(const char *tmp, const char *final_path, diag_list *d);
/* fsync + rename into place. */
bool build_commit_file(const char *tmp, const char *final_path, diag_list *d);
/* Removes temporaries in out_dir whose process is gone. */
void build_sweep_temporaries(const char *out_dir);

#endif
