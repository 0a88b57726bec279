/* locate.h - where the style and the fonts of an issue come from.
 *
 * The style, in this order:
 *   1. --style FILE|NAME on the command line;
 *   2. `style: NAME` in issue.yaml;
 *   3. styles/ inside the issue folder, then styles/ beside it;
 *   4. the user's $XDG_CONFIG_HOME/folio/styles;
 *   5. the installed share/folio/styles.
 * A NAME is looked for as NAME.ini in the folders of 3-5; without a name
 * the first folder that has a .ini file gives its first (by name).
 * The fonts: fonts/ inside or beside the issue folder, then the user's
 * folder, then the installed one: the first that has a fonts.list.
 * Nothing here reads the environment: main.c passes the folders down. */
#ifndef FOLIO_LOCATE_H
#define FOLIO_LOCATE_H

#include <stdbool.h>
#include "diag.h"
#include "tree.h"

typedef struct {
    const char *style_arg;   /* --style FILE|NAME, or NULL */
    const char *config_dir;  /* $XDG_CONFIG_HOME/folio, or NULL */
    const char *data_dir;    /* the installed share/folio (found beside the program), or NULL */
} locate_options;

/* The folders a style or the fonts are looked for in, in order (caller
 * frees with g_strfreev).  what is "styles" or "fonts". */
char **locate_places(const locate_options *o, const char *content_dir, const char *what);

/* --style as a file: a path as given when it names an existing file
 * (contains a '/' or ends in .ini), else NAME.ini in the places.  NULL
 * when not found, with *looked (caller frees) listing where. */
char *locate_style_arg(const locate_options *o, const char *content_dir, char **looked);

/* The style file for the issue (new path), or NULL after an error listing
 * every place looked (at issue.yaml's `style:` when it named one).
 * *why (caller frees) says which rule chose it. */
char *locate_style(const locate_options *o, const char *content_dir, const node *issue,
                   char **why, diag_list *d);

/* The fonts folder (new path), or NULL after an error listing every place
 * looked. */
char *locate_fonts(const locate_options *o, const char *content_dir, diag_list *d);
#endif
