/* graph/graph_scan.h - a strict JSON scanner that reads values in place.
 * Internal to graph/ (the graph file loader, graph_load.c).
 *
 * The scanner never builds a tree and never copies: it checks the JSON
 * grammar (RFC 8259, UTF-8 included, nesting bounded by DKG_MAX_JSON_DEPTH)
 * and reports where each value starts and ends, and of what kind it is. The
 * loader then reads the few fields it wants straight from the buffer. All
 * functions are bounded by len: the buffer need not be NUL-terminated.
 */
#ifndef DKG_GRAPH_SCAN_H
#define DKG_GRAPH_SCAN_H

#include <stddef.h>

enum {
    DKG__JK_NONE = 0, /* absent (a key not in the object) */
    DKG__JK_STRING,
    DKG__JK_NUMBER,
    DKG__JK_TRUE,
    DKG__JK_FALSE,
    DKG__JK_NULL,
    DKG__JK_OBJECT,
    DKG__JK_ARRAY
};

/* One value of the text: buf[start..end), its kind, and for strings whether
 * a backslash escape occurs (if not, the bytes between the quotes are the
 * string itself). */
typedef struct dkg__jspan {
    size_t start;
    size_t end;
    int kind;
    int escaped;
} dkg__jspan;

/* Why a scan failed: a syntax error at offset (offset == len: the text ended
 * first), or, with key set, a key given twice (offset: its second quote). */
typedef struct dkg__jbad {
    size_t offset;
    const char *what; /* "expected ':'", "invalid escape", ... */
    const char *key;  /* duplicate: the schema name; else NULL */
    int too_deep;     /* nesting beyond DKG_MAX_JSON_DEPTH */
    int bad_utf8;     /* not UTF-8 */
} dkg__jbad;

/* The keys of an object the loader reads. nested, when >= 0, is the index of
 * a key whose object value is read with sub in the same pass (its slots
 * follow the n of this schema). */
typedef struct dkg__jkey {
    const char *name; /* plain ASCII: no quote, backslash or control character */
    size_t len;
} dkg__jkey;

#define DKG__JKEY(s)                                                                               \
    {                                                                                              \
        s, sizeof s - 1                                                                            \
    }

typedef struct dkg__jschema {
    const dkg__jkey *keys;
    int n;
    int nested;
    const struct dkg__jschema *sub;
} dkg__jschema;

size_t dkg__scan_ws(const char *buf, size_t len, size_t i);

/* Check the value at buf[i] (after whitespace); depth is the nesting it sits
 * at (a value inside two containers: 2). 0 and *out filled, or -1 and *bad. */
int dkg__scan_value(const char *buf, size_t len, size_t i, int depth, dkg__jspan *out,
                    dkg__jbad *bad);

/* Check the object at buf[i] ('{' expected: else returns 1 with *whole the
 * value's span) and fill slots[k] with the value of schema->keys[k] (kind
 * DKG__JK_NONE when absent); other keys are checked and skipped. slots needs
 * schema->n (+ sub->n) entries. Returns 0 with *whole, 1, or -1 with *bad. */
int dkg__scan_object(const char *buf, size_t len, size_t i, int depth, const dkg__jschema *schema,
                     dkg__jspan *slots, dkg__jspan *whole, dkg__jbad *bad);

/* Walk an object or array that dkg__scan_value accepted: *pos starts at its
 * '{' or '['; each call gives the next member (key and value) or element
 * (value; key may be NULL) and returns 1, or 0 after the last. */
int dkg__scan_next(const char *buf, size_t len, size_t *pos, dkg__jspan *key, dkg__jspan *value);

/* The string value s (accepted by the scanner) decoded into dst, which has
 * room for s->end - s->start bytes (decoding never grows). Returns its
 * length; dst is not NUL-terminated. */
size_t dkg__scan_decode(const char *buf, const dkg__jspan *s, char *dst);

/* A number value s as a double (strtod of its text; +-HUGE_VAL when out of
 * range). Whole numbers of up to 15 digits are read without strtod. */
double dkg__scan_number(const char *buf, const dkg__jspan *s);

#endif
