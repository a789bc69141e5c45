/* extract/json_locate.h - internal: find where an element of a top-level
 * array sits in raw JSON text, so load errors can name a line and column.
 * cJSON keeps no positions, and lexicon and rule files are small, so a second
 * light scan of the text on the error path is cheap. */
#ifndef DKG_EXTRACT_JSON_LOCATE_H
#define DKG_EXTRACT_JSON_LOCATE_H

#include <stddef.h>

#include "dkg/error.h"

/* Byte offset of element `index` of the array under top-level key `key`
 * in buf[0..len), or of the key itself when index < 0; 0 when not found. */
size_t dkg__json_locate(const char *buf, size_t len, const char *key, int index);

/* Parse a data file (lexicon, rules) with cJSON after checking it is UTF-8,
 * nests no deeper than DKG_MAX_JSON_DEPTH and repeats no key in an object;
 * on failure fill err with FILE:LINE:COL and the offending line with a
 * caret. Returns the cJSON root (a cJSON *) or NULL. */
void *dkg__json_parse(const char *name, const char *buf, size_t len, dkg_error *err);

/* A data file must be UTF-8 without NUL bytes (cJSON would pass bad bytes
 * through into our output). Returns 0, or DKG_EPARSE with FILE:LINE:COL. */
int dkg__json_check_utf8(const char *name, const char *buf, size_t len, dkg_error *err);

/* The first key that appears twice in one object of a parsed tree (a
 * const cJSON *), or NULL. cJSON keeps both and reads the first silently. */
struct cJSON;
const char *dkg__json_duplicate_key(const struct cJSON *item);

/* Fill err's location (line, column, context line, caret) from an offset. */
void dkg__json_error_at(dkg_error *err, const char *name, const char *buf, size_t len,
                        size_t offset);

#endif
