/* yamlmap.c - flat YAML mappings with positions, on libyaml's document API. */
#include "yamlmap.h"

#include <errno.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

src_pos yaml_map_pos(yaml_map *m, yaml_node_t *n)
{
    src_pos p = {m->file, (int)n->start_mark.line + 1 + m->line_offset,
                 (int)n->start_mark.column + 1};
    return p;
}

bool yaml_map_load(yaml_map *m, const char *file, int line_offset, const char *text,
                   size_t len, diag_list *d)
{
    memset(m, 0, sizeof *m);
    m->file = file;
    m->line_offset = line_offset;
    yaml_parser_t p;
    yaml_parser_initialize(&p);
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    if (!yaml_parser_load(&p, &m->doc)) {
        src_pos pos = {file, (int)p.problem_mark.line + 1 + line_offset,
                       (int)p.problem_mark.column + 1};
        diag_error(d, pos, "YAML syntax error: %s%s%s", p.problem ? p.problem : "unknown",
                   p.context ? " " : "", p.context ? p.context : "");
        yaml_parser_delete(&p);
        return false;
    }
    yaml_parser_delete(&p);
    m->loaded = true;
    yaml_node_t *root = yaml_document_get_root_node(&m->doc);
    if (root && root->type != YAML_MAPPING_NODE) {
        diag_error(d, yaml_map_pos(m, root), "expected a mapping of `key: value` lines");
        yaml_map_free(m);
        return false;
    }
    return true;
}

void yaml_map_free(yaml_map *m)
{
    if (m->loaded)
        yaml_document_delete(&m->doc);
    m->loaded = false;
}

size_t yaml_map_count(yaml_map *m)
{
    yaml_node_t *root = m->loaded ? yaml_document_get_root_node(&m->doc) : NULL;
    if (!root)
        return 0;
    return (size_t)(root->data.mapping.pairs.top - root->data.mapping.pairs.start);
}

const char *yaml_map_key(yaml_map *m, size_t i, src_pos *pos)
{
    yaml_node_t *root = yaml_document_get_root_node(&m->doc);
    yaml_node_pair_t *pair = root->data.mapping.pairs.start + i;
    yaml_node_t *k = yaml_document_get_node(&m->doc, pair->key);
    *pos = yaml_map_pos(m, k);
    if (k->type != YAML_SCALAR_NODE)
        return "";
    return (const char *)k->data.scalar.value;
}

yaml_node_t *yaml_map_value(yaml_map *m, size_t i)
{
    yaml_node_t *root = yaml_document_get_root_node(&m->doc);
    yaml_node_pair_t *pair = root->data.mapping.pairs.start + i;
    return yaml_document_get_node(&m->doc, pair->value);
}

static bool scalar_is_null(yaml_node_t *v)
{
    const char *s = (const char *)v->data.scalar.value;
    return v->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
           (!*s || !strcmp(s, "~") || !strcmp(s, "null"));
}

bool yaml_get_string(yaml_map *m, yaml_node_t *v, const char *key, char **out, diag_list *d)
{
    if (v->type != YAML_SCALAR_NODE) {
        diag_error(d, yaml_map_pos(m, v), "`%s` must be a text, not a %s", key,
                   v->type == YAML_SEQUENCE_NODE ? "list" : "mapping");
        return false;
    }
    if (scalar_is_null(v)) {
        diag_error(d, yaml_map_pos(m, v), "`%s` is empty", key);
        return false;
    }
    g_free(*out);
    *out = g_strdup((const char *)v->data.scalar.value);
    return true;
}

bool yaml_get_bool(yaml_map *m, yaml_node_t *v, const char *key, bool *out, diag_list *d)
{
    const char *s = v->type == YAML_SCALAR_NODE ? (const char *)v->data.scalar.value : NULL;
    if (s && (!g_ascii_strcasecmp(s, "true") || !g_ascii_strcasecmp(s, "yes"))) {
        *out = true;
        return true;
    }
    if (s && (!g_ascii_strcasecmp(s, "false") || !g_ascii_strcasecmp(s, "no"))) {
        *out = false;
        return true;
    }
    diag_error(d, yaml_map_pos(m, v), "`%s` must be true or false", key);
    return false;
}

bool yaml_get_int(yaml_map *m, yaml_node_t *v, const char *key, long min, long max, int *out,
                  diag_list *d)
{
    const char *s = v->type == YAML_SCALAR_NODE ? (const char *)v->data.scalar.value : NULL;
    char *end = NULL;
    errno = 0;
    long x = s && *s ? strtol(s, &end, 10) : 0;
    if (!s || !*s || *end || errno || x < min || x > max) {
        diag_error(d, yaml_map_pos(m, v), "`%s` must be a whole number from %ld to %ld", key,
                   min, max);
        return false;
    }
    *out = (int)x;
    return true;
}

bool yaml_get_string_list(yaml_map *m, yaml_node_t *v, const char *key, char ***out,
                          size_t *n, src_pos **positions, diag_list *d)
{
    GPtrArray *items = g_ptr_array_new();
    GArray *pos = g_array_new(FALSE, FALSE, sizeof(src_pos));
    bool ok = true;
    if (v->type == YAML_SCALAR_NODE) {
        char *s = NULL;
        if (yaml_get_string(m, v, key, &s, d)) {
            g_ptr_array_add(items, s);
            src_pos p = yaml_map_pos(m, v);
            g_array_append_val(pos, p);
        } else {
            ok = false;
        }
    } else if (v->type == YAML_SEQUENCE_NODE) {
        for (yaml_node_item_t *it = v->data.sequence.items.start;
             it < v->data.sequence.items.top; it++) {
            yaml_node_t *item = yaml_document_get_node(&m->doc, *it);
            char *s = NULL;
            if (!yaml_get_string(m, item, key, &s, d)) {
                ok = false;
                continue;
            }
            g_ptr_array_add(items, s);
            src_pos p = yaml_map_pos(m, item);
            g_array_append_val(pos, p);
        }
    } else {
        diag_error(d, yaml_map_pos(m, v), "`%s` must be a list", key);
        ok = false;
    }
    *n = items->len;
    g_ptr_array_add(items, NULL);
    *out = (char **)g_ptr_array_free(items, FALSE);
    if (positions)
        *positions = (src_pos *)g_array_free(pos, FALSE);
    else
        g_array_free(pos, TRUE);
    return ok;
}
