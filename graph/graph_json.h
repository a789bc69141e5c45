/* graph/graph_json.h - checked reading of cJSON values with located errors.
 * Internal to graph/ (the extraction reader and the graph file loader).
 *
 * cJSON forgets where a value was; our errors must say FILE:LINE:COL and the
 * JSON path. So a reader keeps the raw text of the record being read
 * (dkg__jctx) and the path of the value it is looking at (dkg__jpath); on an
 * error dkg__jfail re-scans the record text along the path to find the
 * value's byte offset. The scan only ever runs on text cJSON has already
 * accepted, and only on the error path, so it costs nothing when all is well.
 */
#ifndef DKG_GRAPH_JSON_H
#define DKG_GRAPH_JSON_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "dkg/error.h"

#define DKG__JPATH_MAX 8

typedef struct dkg__jstep {
    const char *key; /* NULL for an array index */
    long index;
} dkg__jstep;

typedef struct dkg__jpath {
    dkg__jstep steps[DKG__JPATH_MAX];
    int n;
} dkg__jpath;

typedef struct dkg__jctx {
    dkg_error *err;
    const char *name;  /* file name for messages, may be NULL */
    const char *buf;   /* the whole input text */
    size_t len;
    long base_line;    /* line number of buf[0] (1 for a file; 0 = unknown) */
    size_t root_off;   /* offset in buf of the value path step root_depth names */
    int root_depth;    /* path steps already resolved by root_off */
} dkg__jctx;

static inline void dkg__jpush_key(dkg__jpath *p, const char *key)
{
    if (p->n < DKG__JPATH_MAX) {
        p->steps[p->n].key = key;
        p->steps[p->n].index = -1;
    }
    p->n++;
}

static inline void dkg__jpush_index(dkg__jpath *p, long index)
{
    if (p->n < DKG__JPATH_MAX) {
        p->steps[p->n].key = NULL;
        p->steps[p->n].index = index;
    }
    p->n++;
}

static inline void dkg__jpop(dkg__jpath *p)
{
    p->n--;
}

/* Fill c->err with DKG_EPARSE, "PATH: MESSAGE" and the location of the
 * value at path (or of the nearest enclosing value found). Returns DKG_EPARSE. */
int dkg__jfail(const dkg__jctx *c, const dkg__jpath *path, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* The same message, located at buf[offset] rather than by the path. */
int dkg__jfail_at(const dkg__jctx *c, const dkg__jpath *path, size_t offset, const char *fmt,
                  ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Locate a byte offset of buf for an error: line/column from base_line. */
void dkg__jlocate(const dkg__jctx *c, size_t offset);

/* Flags for the getters. */
enum {
    DKG__J_REQUIRED = 1, /* missing key is an error ("missing \"key\"") */
    DKG__J_NULLABLE = 2, /* null is accepted (gives NULL / not present) */
    DKG__J_NONEMPTY = 4  /* strings: "" is an error */
};

/* obj[key] as a string: *out = the string, or NULL when missing/null (as allowed). */
int dkg__jstring(const dkg__jctx *c, dkg__jpath *path, const cJSON *obj, const char *key,
                 int flags, const char **out);

/* obj[key] as a whole number in [0, 2^53]: *out, or -1 when missing/null. */
int dkg__jcount(const dkg__jctx *c, dkg__jpath *path, const cJSON *obj, const char *key,
                int flags, long *out);

/* obj[key] as a boolean: *out 0/1, or dflt when missing/null. */
int dkg__jbool(const dkg__jctx *c, dkg__jpath *path, const cJSON *obj, const char *key,
               int flags, int dflt, int *out);

/* obj[key] as an array / object: *out, or NULL when missing/null. */
int dkg__jarray(const dkg__jctx *c, dkg__jpath *path, const cJSON *obj, const char *key,
                int flags, const cJSON **out);
int dkg__jobject(const dkg__jctx *c, dkg__jpath *path, const cJSON *obj, const char *key,
                 int flags, const cJSON **out);

/* Check a string value (an array element) at path. */
int dkg__jexpect_string(const dkg__jctx *c, const dkg__jpath *path, const cJSON *item,
                        int flags);

/* Skip one JSON value starting at buf[i] (after whitespace); returns the
 * offset just after it, or len when the text ends first. Structural only. */
size_t dkg__jskip_value(const char *buf, size_t len, size_t i);
size_t dkg__jskip_ws(const char *buf, size_t len, size_t i);

#endif
