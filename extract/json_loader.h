/* extract/json_loader.h - internal: the helpers the lexicon and rules loaders
 * share. Both walk a cJSON tree of one data file, check the keys of each
 * object, and fail with "ARRAY[INDEX]: MESSAGE" located at FILE:LINE:COL of
 * the entry being read. The loader state carries what that location needs. */
#ifndef DKG_EXTRACT_JSON_LOADER_H
#define DKG_EXTRACT_JSON_LOADER_H

#include <stddef.h>

#include "dkg/error.h"

struct cJSON;

typedef struct dkg_json_loader {
    void *into;         /* what is being filled: a dkg_lexicon or dkg_rules */
    const char *name;   /* file name for messages */
    const char *buf;    /* the raw JSON text, to turn an entry into LINE:COL */
    size_t len;
    dkg_error *err;
    const char *docs;   /* where the format is documented, named in key errors */
    const char *array;  /* top-level key being walked ("entities", "rules") */
    int index;          /* element of that array, -1 for the key itself */
} dkg_json_loader;

/* Set a DKG_EPARSE error: fmt with up to two %s (NULL prints ""), prefixed by
 * "ARRAY[INDEX]: " while an element is being read, located at that element
 * (or at the array's key) in the file. Returns DKG_EPARSE. */
int dkg__loader_fail(dkg_json_loader *ld, const char *fmt, const char *a, const char *b);

/* Fail with "unknown key" (naming ld->docs) at the first member of obj whose
 * name is not in the NULL-terminated list allowed. Returns 0 or DKG_EPARSE. */
int dkg__loader_check_keys(dkg_json_loader *ld, const struct cJSON *obj,
                           const char *const *allowed);

/* Call each(ld, element) for every element of the array root[key], with
 * ld->array and ld->index naming it; a missing key is an empty array. Stops
 * at the first non-zero return and returns it; a non-array is DKG_EPARSE. */
int dkg__loader_each(dkg_json_loader *ld, const struct cJSON *root, const char *key,
                     int (*each)(dkg_json_loader *ld, const struct cJSON *item));

/* A malloc'd copy of s, or NULL when out of memory. */
char *dkg__strdup(const char *s);

/* Read a whole file (at most 256 MB) into a malloc'd buffer. Errors (DKG_EIO,
 * DKG_ENOMEM, DKG_ELIMIT) name the path. */
int dkg__read_file(const char *path, char **out, size_t *len_out, dkg_error *err);

/* Call each(ctx, path) for every *.json file directly in dir (not hidden), in
 * byte order of their names; stops at the first non-zero return. */
int dkg__for_each_json(const char *dir, int (*each)(void *ctx, const char *path, dkg_error *err),
                       void *ctx, dkg_error *err);

#endif
