/* yamlmap.h - a YAML mapping read with libyaml, with typed getters that
 * report wrong types at the value's position.  Used for issue.yaml and for
 * article front matter, which are both flat mappings. */
#ifndef FOLIO_YAMLMAP_H
#define FOLIO_YAMLMAP_H

#include <stdbool.h>
#include <yaml.h>
#include "diag.h"

typedef struct {
    yaml_document_t doc;
    bool loaded;
    const char *file;    /* borrowed */
    int line_offset;     /* lines before the YAML text in the file */
} yaml_map;

/* Parses text as one YAML document whose root is a mapping.  Syntax errors
 * and a non-mapping root are reported; returns false then (and m needs no
 * yaml_map_free).  An empty text is an empty mapping. */
bool yaml_map_load(yaml_map *m, const char *file, int line_offset, const char *text,
                   size_t len, diag_list *d);
void yaml_map_free(yaml_map *m);

/* Iteration over the mapping's pairs. */
size_t yaml_map_count(yaml_map *m);
const char *yaml_map_key(yaml_map *m, size_t i, src_pos *pos);
yaml_node_t *yaml_map_value(yaml_map *m, size_t i);
src_pos yaml_map_pos(yaml_map *m, yaml_node_t *n);

/* Typed values; on a wrong type report an error naming key and return false. */
bool yaml_get_string(yaml_map *m, yaml_node_t *v, const char *key, char **out, diag_list *d);
bool yaml_get_bool(yaml_map *m, yaml_node_t *v, const char *key, bool *out, diag_list *d);
bool yaml_get_int(yaml_map *m, yaml_node_t *v, const char *key, long min, long max, int *out,
                  diag_list *d);
/* A list of strings; a single string is taken as a list of one. */
bool yaml_get_string_list(yaml_map *m, yaml_node_t *v, const char *key, char ***out,
                          size_t *n, src_pos **positions, diag_list *d);
#endif
