/* extract/json_loader.c - what the lexicon and rules loaders share (see the
 * header): located failures, key checks, array walks, file reading.
 *
 * Errors are located lazily: cJSON keeps no positions, so on failure
 * dkg__json_locate scans the raw text again for the element being read. That
 * costs nothing on the success path, which is the one that matters at
 * start-up. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "json_loader.h"
#include "json_locate.h"

int dkg__loader_fail(dkg_json_loader *ld, const char *fmt, const char *a, const char *b)
{
    char what[400];
    snprintf(what, sizeof what, fmt, a ? a : "", b ? b : "");
    if (ld->index >= 0) {
        dkg_error_set(ld->err, DKG_EPARSE, "%s[%d]: %s", ld->array, ld->index, what);
    } else {
        dkg_error_set(ld->err, DKG_EPARSE, "%s", what);
    }
    dkg__json_error_at(ld->err, ld->name, ld->buf, ld->len,
                       dkg__json_locate(ld->buf, ld->len, ld->array, ld->index));
    return DKG_EPARSE;
}

int dkg__loader_check_keys(dkg_json_loader *ld, const cJSON *obj, const char *const *allowed)
{
    const cJSON *item;
    cJSON_ArrayForEach(item, obj)
    {
        int ok = 0;
        for (const char *const *a = allowed; *a != NULL && !ok; a++) {
            ok = strcmp(item->string, *a) == 0;
        }
        if (!ok) {
            return dkg__loader_fail(ld, "unknown key \"%s\" (a typo? see %s)", item->string,
                                    ld->docs);
        }
    }
    return 0;
}

int dkg__loader_each(dkg_json_loader *ld, const cJSON *root, const char *key,
                     int (*each)(dkg_json_loader *ld, const cJSON *item))
{
    ld->array = key;
    ld->index = -1;
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, key);
    if (arr == NULL) {
        return 0;
    }
    if (!cJSON_IsArray(arr)) {
        return dkg__loader_fail(ld, "\"%s\" must be an array", key, NULL);
    }
    const cJSON *item;
    int index = 0;
    cJSON_ArrayForEach(item, arr)
    {
        ld->index = index++;
        int rc = each(ld, item);
        if (rc != 0) {
            return rc;
        }
    }
    return 0;
}

char *dkg__strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d != NULL) {
        memcpy(d, s, n);
    }
    return d;
}

int dkg__read_file(const char *path, char **out, size_t *len_out, dkg_error *err)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        dkg_error_locate(err, path, 0, 0, -1);
        return dkg_error_set(err, DKG_EIO, "cannot open: %s", strerror(errno));
    }
    size_t cap = 1 << 16;
    size_t len = 0;
    char *buf = malloc(cap);
    int rc = 0;
    while (buf != NULL) {
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0) {
            break;
        }
        if (len == cap) {
            if (cap >= ((size_t)256 << 20)) {
                rc = dkg_error_set(err, DKG_ELIMIT, "file larger than 256 MB");
                break;
            }
            char *grown = realloc(buf, cap * 2);
            if (grown == NULL) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = grown;
            cap *= 2;
        }
    }
    if (rc == 0 && buf == NULL) {
        rc = dkg_error_set(err, DKG_ENOMEM, "out of memory");
    } else if (rc == 0 && ferror(f)) {
        rc = dkg_error_set(err, DKG_EIO, "read error: %s", strerror(errno));
    }
    fclose(f);
    if (rc != 0) {
        free(buf);
        dkg_error_locate(err, path, 0, 0, -1);
        return rc;
    }
    *out = buf;
    *len_out = len;
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int dkg__for_each_json(const char *dir, int (*each)(void *ctx, const char *path, dkg_error *err),
                       void *ctx, dkg_error *err)
{
    DIR *d = opendir(dir);
    if (d == NULL) {
        dkg_error_locate(err, dir, 0, 0, -1);
        return dkg_error_set(err, DKG_EIO, "cannot open directory: %s", strerror(errno));
    }
    char **names = NULL;
    size_t n = 0;
    int rc = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        size_t len = strlen(de->d_name);
        if (len < 6 || strcmp(de->d_name + len - 5, ".json") != 0 || de->d_name[0] == '.') {
            continue;
        }
        char **grown = realloc(names, (n + 1) * sizeof *grown);
        size_t plen = strlen(dir) + len + 2;
        char *path = malloc(plen);
        if (grown != NULL) {
            names = grown; /* realloc may have moved it even if malloc failed */
        }
        if (grown == NULL || path == NULL) {
            free(path);
            rc = dkg_error_set(err, DKG_ENOMEM, "out of memory");
            break;
        }
        snprintf(path, plen, "%s/%s", dir, de->d_name);
        names[n++] = path;
    }
    closedir(d);
    if (names != NULL) {
        qsort(names, n, sizeof *names, by_name);
    }
    for (size_t i = 0; i < n && rc == 0; i++) {
        rc = each(ctx, names[i], err);
    }
    for (size_t i = 0; i < n; i++) {
        free(names[i]);
    }
    free(names);
    return rc;
}
