/* graph/graph_json.c - typed getters over cJSON with FILE:LINE:COL errors.
 * See graph_json.h for why errors re-scan the raw text. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "graph_json.h"

size_t dkg__jskip_ws(const char *buf, size_t len, size_t i)
{
    while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n' || buf[i] == '\r')) {
        i++;
    }
    return i;
}

static size_t skip_string(const char *buf, size_t len, size_t i)
{
    /* memchr to the next quote (fast on long strings); it ends the string
     * unless an odd number of backslashes precede it. */
    for (i++; i < len;) {
        const char *q = memchr(buf + i, '"', len - i);
        if (q == NULL) {
            return len;
        }
        size_t at = (size_t)(q - buf), k = at;
        while (k > i && buf[k - 1] == '\\') {
            k--;
        }
        if ((at - k) % 2 == 0) {
            return at + 1;
        }
        i = at + 1;
    }
    return len;
}

size_t dkg__jskip_value(const char *buf, size_t len, size_t i)
{
    i = dkg__jskip_ws(buf, len, i);
    if (i >= len) {
        return len;
    }
    if (buf[i] == '"') {
        return skip_string(buf, len, i);
    }
    if (buf[i] == '{' || buf[i] == '[') {
        long depth = 0;
        while (i < len) {
            char ch = buf[i];
            if (ch == '"') {
                i = skip_string(buf, len, i);
                continue;
            }
            if (ch == '{' || ch == '[') {
                depth++;
            } else if (ch == '}' || ch == ']') {
                if (--depth == 0) {
                    return i + 1;
                }
            }
            i++;
        }
        return len;
    }
    while (i < len && strchr(",}] \t\r\n", buf[i]) == NULL) {
        i++;
    }
    return i;
}

/* Offset of the value of key in the object at buf[off] ('{'), or (size_t)-1. */
static size_t find_key(const char *buf, size_t len, size_t off, const char *key)
{
    size_t klen = strlen(key);
    size_t i = off + 1;
    for (;;) {
        i = dkg__jskip_ws(buf, len, i);
        if (i >= len || buf[i] != '"') {
            return (size_t)-1;
        }
        size_t kstart = i + 1;
        i = skip_string(buf, len, i);
        size_t kend = i - 1;
        i = dkg__jskip_ws(buf, len, i);
        if (i >= len || buf[i] != ':') {
            return (size_t)-1;
        }
        i = dkg__jskip_ws(buf, len, i + 1);
        if (kend - kstart == klen && memcmp(buf + kstart, key, klen) == 0) {
            return i;
        }
        i = dkg__jskip_ws(buf, len, dkg__jskip_value(buf, len, i));
        if (i >= len || buf[i] != ',') {
            return (size_t)-1;
        }
        i++;
    }
}

/* Offset of element index of the array at buf[off] ('['), or (size_t)-1. */
static size_t find_index(const char *buf, size_t len, size_t off, long index)
{
    size_t i = dkg__jskip_ws(buf, len, off + 1);
    for (long k = 0; i < len && buf[i] != ']'; k++) {
        if (k == index) {
            return i;
        }
        i = dkg__jskip_ws(buf, len, dkg__jskip_value(buf, len, i));
        if (i >= len || buf[i] != ',') {
            return (size_t)-1;
        }
        i = dkg__jskip_ws(buf, len, i + 1);
    }
    return (size_t)-1;
}

void dkg__jlocate(const dkg__jctx *c, size_t offset)
{
    long line = 0, col = 0;
    dkg_error_line_col(c->buf, c->len, offset, &line, &col);
    if (c->base_line > 0) {
        line += c->base_line - 1;
    }
    dkg_error_locate(c->err, c->name, line, col, (long)offset);
}

/* Fill c->err with "PATH: MESSAGE" (or just MESSAGE for an empty path). */
static void set_message(const dkg__jctx *c, const dkg__jpath *path, const char *fmt, va_list ap)
{
    char where[256] = "";
    size_t w = 0;
    int n = path->n < DKG__JPATH_MAX ? path->n : DKG__JPATH_MAX;
    for (int i = 0; i < n && w < sizeof where; i++) {
        const dkg__jstep *s = &path->steps[i];
        int k = s->key != NULL ? snprintf(where + w, sizeof where - w, "%s%s", i ? "." : "",
                                          s->key)
                               : snprintf(where + w, sizeof where - w, "[%ld]", s->index);
        w += k > 0 ? (size_t)k : 0;
    }
    char msg[400];
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (where[0] != '\0') {
        dkg_error_set(c->err, DKG_EPARSE, "%s: %s", where, msg);
    } else {
        dkg_error_set(c->err, DKG_EPARSE, "%s", msg);
    }
}

int dkg__jfail_at(const dkg__jctx *c, const dkg__jpath *path, size_t offset, const char *fmt,
                  ...)
{
    va_list ap;
    va_start(ap, fmt);
    set_message(c, path, fmt, ap);
    va_end(ap);
    dkg__jlocate(c, offset);
    return DKG_EPARSE;
}

int dkg__jfail(const dkg__jctx *c, const dkg__jpath *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set_message(c, path, fmt, ap);
    va_end(ap);
    int n = path->n < DKG__JPATH_MAX ? path->n : DKG__JPATH_MAX;
    size_t off = dkg__jskip_ws(c->buf, c->len, c->root_off);
    for (int i = c->root_depth; i < n; i++) {
        size_t next = (size_t)-1;
        if (off < c->len && path->steps[i].key != NULL && c->buf[off] == '{') {
            next = find_key(c->buf, c->len, off, path->steps[i].key);
        } else if (off < c->len && path->steps[i].key == NULL && c->buf[off] == '[') {
            next = find_index(c->buf, c->len, off, path->steps[i].index);
        }
        if (next == (size_t)-1) {
            break;
        }
        off = next;
    }
    dkg__jlocate(c, off);
    return DKG_EPARSE;
}

static const char *type_name(const cJSON *item)
{
    if (cJSON_IsString(item)) {
        return "a string";
    }
    if (cJSON_IsNumber(item)) {
        return "a number";
    }
    if (cJSON_IsBool(item)) {
        return "a boolean";
    }
    if (cJSON_IsNull(item)) {
        return "null";
    }
    if (cJSON_IsArray(item)) {
        return "an array";
    }
    return "an object";
}

/* Common part: fetch obj[key]; 1 = present and not an allowed null. */
static int fetch(const dkg__jctx *c, dkg__jpath *path, const cJSON *obj, const char *key,
                 int flags, const cJSON **item, int *rc)
{
    *rc = 0;
    *item = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (*item == NULL) {
        if (flags & DKG__J_REQUIRED) {
            *rc = dkg__jfail(c, path, "missing \"%s\"", key);
        }
        return 0;
    }
    if (cJSON_IsNull(*item) && (flags & DKG__J_NULLABLE)) {
        return 0;
    }
    return 1;
}

int dkg__jexpect_string(const dkg__jctx *c, const dkg__jpath *path, const cJSON *item,
                        int flags)
{
    if (!cJSON_IsString(item)) {
        return dkg__jfail(c, path, "expected a string, got %s", type_name(item));
    }
    if ((flags & DKG__J_NONEMPTY) && item->valuestring[0] == '\0') {
        return dkg__jfail(c, path, "expected a non-empty string");
    }
    return 0;
}

int dkg__jstring(const dkg__jctx *c, dkg__jpath *path, const cJSON *obj, const char *key,
                 int flags, const char **out)
{
    const cJSON *item = NULL;
    int rc = 0;
    *out = NULL;
    if (!fetch(c, path, obj, key, flags, &item, &rc)) {
        return rc;
    }
    dkg__jpush_key(path, key);
    rc = dkg__jexpect_string(c, path, item, flags);
    dkg__jpop(path);
    if (rc == 0) {
        *out = item->valuestring;
    }
    return rc;
}

int dkg__jcount(const dkg__jctx *c, dkg__jpath *path, const cJSON *obj, const char *key,
                int flags, long *out)
{
    const cJSON *item = NULL;
    int rc = 0;
    *out = -1;
    if (!fetch(c, path, obj, key, flags, &item, &rc)) {
        return rc;
    }
    dkg__jpush_key(path, key);
    if (!cJSON_IsNumber(item)) {
        rc = dkg__jfail(c, path, "expected a number, got %s", type_name(item));
    } else if (!(item->valuedouble >= 0 && item->valuedouble <= 9007199254740992.0) ||
               floor(item->valuedouble) != item->valuedouble) {
        rc = dkg__jfail(c, path, "expected a whole number >= 0");
    } else {
        *out = (long)item->valuedouble;
    }
    dkg__jpop(path);
    return rc;
}

int dkg__jbool(const dkg__jctx *c, dkg__jpath *path, const cJSON *obj, const char *key,
               int flags, int dflt, int *out)
{
    const cJSON *item = NULL;
    int rc = 0;
    *out = dflt;
    if (!fetch(c, path, obj, key, flags, &item, &rc)) {
        return rc;
    }
    if (!cJSON_IsBool(item)) {
        dkg__jpush_key(path, key);
        rc = dkg__jfail(c, path, "expected a boolean, got %s", type_name(item));
        dkg__jpop(path);
        return rc;
    }
    *out = cJSON_IsTrue(item) ? 1 : 0;
    return 0;
}

static int container(const dkg__jctx *c, dkg__jpath *path, const cJSON *obj, const char *key,
                     int flags, const cJSON **out, int want_array)
{
    const cJSON *item = NULL;
    int rc = 0;
    *out = NULL;
    if (!fetch(c, path, obj, key, flags, &item, &rc)) {
        return rc;
    }
    if (want_array ? !cJSON_IsArray(item) : !cJSON_IsObject(item)) {
        dkg__jpush_key(path, key);
        rc = dkg__jfail(c, path, "expected %s, got %s", want_array ? "an array" : "an object",
                        type_name(item));
        dkg__jpop(path);
        return rc;
    }
    *out = item;
    return 0;
}

int dkg__jarray(const dkg__jctx *c, dkg__jpath *path, const cJSON *obj, const char *key,
                int flags, const cJSON **out)
{
    return container(c, path, obj, key, flags, out, 1);
}

int dkg__jobject(const dkg__jctx *c, dkg__jpath *path, const cJSON *obj, const char *key,
                 int flags, const cJSON **out)
{
    return container(c, path, obj, key, flags, out, 0);
}
