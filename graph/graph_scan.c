/* graph/graph_scan.c - a strict JSON scanner that reads values in place.
 *
 * Why: loading a graph file used to parse every record into a cJSON tree (a
 * malloc per value, a copy of every string) only to copy the strings once
 * more into the graph's pool. The loader now asks this scanner where each
 * field of a record is and interns the bytes straight from the file buffer.
 * Strings are the bulk of a graph file (evidence sentences), so the string
 * scanner looks at eight bytes at a time for the only bytes that need a
 * closer look: '"', '\\', control characters and non-ASCII.
 *
 * Strict on purpose: this is the gate for files from anywhere. The grammar
 * is RFC 8259's (no leading zeros, no "+1", no raw control characters in
 * strings), strings must be UTF-8, "\u0000" is refused (graph strings are
 * C strings) as are unpaired surrogates, and nesting is bounded without
 * recursion. Rejected: a hand-written tokenizer producing tokens (the loader
 * wants spans of whole values, which this gives with less bookkeeping).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dkg/extract.h" /* DKG_MAX_JSON_DEPTH */
#include "graph_scan.h"

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

static int fail(dkg__jbad *bad, size_t offset, const char *what)
{
    memset(bad, 0, sizeof *bad);
    bad->offset = offset;
    bad->what = what;
    return -1;
}

size_t dkg__scan_ws(const char *buf, size_t len, size_t i)
{
    while (i < len && (buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\t')) {
        i++;
    }
    return i;
}

static int hex4(const char *buf, size_t len, size_t i, unsigned *out)
{
    unsigned v = 0;
    if (i + 4 > len) {
        return -1;
    }
    for (size_t k = 0; k < 4; k++) {
        char c = buf[i + k];
        v <<= 4;
        if (c >= '0' && c <= '9') {
            v |= (unsigned)(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            v |= (unsigned)(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            v |= (unsigned)(c - 'A' + 10);
        } else {
            return -1;
        }
    }
    *out = v;
    return 0;
}

/* Length of the UTF-8 sequence at buf[i] (a byte >= 0x80), 0 if invalid,
 * or (size_t)-1 if the text ends inside it. */
static size_t utf8_seq(const unsigned char *s, size_t len, size_t i)
{
    unsigned c = s[i];
    size_t n;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        lo = c == 0xE0 ? 0xA0 : 0x80;
        hi = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        lo = c == 0xF0 ? 0x90 : 0x80;
        hi = c == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    for (size_t k = 1; k < n; k++) {
        if (i + k >= len) {
            return (size_t)-1;
        }
        unsigned b = s[i + k];
        if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) {
            return 0;
        }
    }
    return n;
}

/* A "\uXXXX" escape at buf[i] (the backslash), with its low surrogate if it
 * is a high one. Sets *cp and returns the offset after it, or fails. */
/* Where a bad escape starting at buf[i] is reported: at the text's end
 * when the text stops inside what could have been a good one (truncated),
 * else at the backslash. */
static size_t escape_error_at(const char *buf, size_t len, size_t i, size_t want)
{
    if (i + want <= len) {
        return i;
    }
    for (size_t k = i + 2; k < len; k++) {
        char c = buf[k];
        int hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (!hex && !(k == i + 6 && c == '\\') && !(k == i + 7 && c == 'u')) {
            return i;
        }
    }
    return len;
}

/* A "\uXXXX" escape at buf[i] (the backslash), with its low surrogate if it
 * is a high one. Sets *cp and returns the offset after it, or fails. */
static int unicode_escape(const char *buf, size_t len, size_t i, unsigned *cp, size_t *next,
                          dkg__jbad *bad)
{
    unsigned hi = 0, lo = 0;
    if (hex4(buf, len, i + 2, &hi) != 0) {
        return fail(bad, escape_error_at(buf, len, i, 6), "invalid \\u escape");
    }
    if (hi == 0) {
        return fail(bad, i, "\\u0000 is not allowed in a string");
    }
    if (hi >= 0xDC00 && hi <= 0xDFFF) {
        return fail(bad, i, "unpaired surrogate in a \\u escape");
    }
    if (hi >= 0xD800 && hi <= 0xDBFF) {
        if (i + 12 > len || buf[i + 6] != '\\' || buf[i + 7] != 'u' ||
            hex4(buf, len, i + 8, &lo) != 0 || lo < 0xDC00 || lo > 0xDFFF) {
            return fail(bad, escape_error_at(buf, len, i, 12),
                        "unpaired surrogate in a \\u escape");
        }
        *cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
        *next = i + 12;
        return 0;
    }
    *cp = hi;
    *next = i + 6;
    return 0;
}

/* The string at buf[i] ('"'): fills its end and whether it has escapes. */
static int scan_string(const char *buf, size_t len, size_t i, size_t *end, int *escaped,
                       dkg__jbad *bad)
{
    const unsigned char *s = (const unsigned char *)buf;
    *escaped = 0;
    i++;
    for (;;) {
        /* Eight bytes at a time, up to the first that needs a look: a quote,
         * a backslash, a control character or a byte of a UTF-8 sequence. */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            uint64_t q = w ^ (ONES * '"'), b = w ^ (ONES * '\\');
            uint64_t special =
                (((q - ONES) & ~q) | ((b - ONES) & ~b) | ((w - ONES * 0x20) & ~w) | w) & HIGHS;
            if (special != 0) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
                /* The lowest flagged byte is a true one (borrows only run upwards). */
                i += (size_t)__builtin_ctzll(special) >> 3;
#endif
                break;
            }
            i += 8;
        }
        if (i >= len) {
            return fail(bad, len, "unterminated string");
        }
        unsigned c = s[i];
        if (c == '"') {
            *end = i + 1;
            return 0;
        }
        if (c < 0x20) {
            return fail(bad, i, "control character in a string (escape it)");
        }
        if (c == '\\') {
            *escaped = 1;
            if (i + 1 >= len) {
                return fail(bad, len, "unterminated string");
            }
            char e = buf[i + 1];
            if (e == 'u') {
                unsigned cp = 0;
                if (unicode_escape(buf, len, i, &cp, &i, bad) != 0) {
                    return -1;
                }
            } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' ||
                       e == 'r' || e == 't') {
                i += 2;
            } else {
                return fail(bad, i, "invalid escape in a string");
            }
            continue;
        }
        if (c >= 0x80) {
            size_t n = utf8_seq(s, len, i);
            if (n == (size_t)-1) {
                return fail(bad, len, "unterminated string");
            }
            if (n == 0) {
                fail(bad, i, "invalid UTF-8");
                bad->bad_utf8 = 1;
                return -1;
            }
            i += n;
            continue;
        }
        i++;
    }
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int scan_number(const char *buf, size_t len, size_t i, size_t *end, dkg__jbad *bad)
{
    if (i < len && buf[i] == '-') {
        i++;
    }
    if (i >= len) {
        return fail(bad, len, "expected a digit");
    }
    if (buf[i] == '0') {
        i++;
    } else if (is_digit(buf[i])) {
        while (i < len && is_digit(buf[i])) {
            i++;
        }
    } else {
        return fail(bad, i, "expected a digit");
    }
    if (i < len && buf[i] == '.') {
        i++;
        if (i >= len || !is_digit(buf[i])) {
            return fail(bad, i, "expected a digit");
        }
        while (i < len && is_digit(buf[i])) {
            i++;
        }
    }
    if (i < len && (buf[i] == 'e' || buf[i] == 'E')) {
        i++;
        if (i < len && (buf[i] == '+' || buf[i] == '-')) {
            i++;
        }
        if (i >= len || !is_digit(buf[i])) {
            return fail(bad, i, "expected a digit");
        }
        while (i < len && is_digit(buf[i])) {
            i++;
        }
    }
    *end = i;
    return 0;
}

/* A scalar at buf[i]: fills out (kind, end). */
static int scan_scalar(const char *buf, size_t len, size_t i, dkg__jspan *out, dkg__jbad *bad)
{
    static const struct {
        const char *word;
        size_t n;
        int kind;
    } words[] = {{"true", 4, DKG__JK_TRUE}, {"false", 5, DKG__JK_FALSE}, {"null", 4, DKG__JK_NULL}};
    out->start = i;
    out->escaped = 0;
    char c = buf[i];
    if (c == '"') {
        out->kind = DKG__JK_STRING;
        return scan_string(buf, len, i, &out->end, &out->escaped, bad);
    }
    if (c == '-' || is_digit(c)) {
        out->kind = DKG__JK_NUMBER;
        return scan_number(buf, len, i, &out->end, bad);
    }
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        if (c == words[k].word[0]) {
            size_t have = len - i < words[k].n ? len - i : words[k].n;
            if (memcmp(buf + i, words[k].word, have) != 0) {
                return fail(bad, i, "expected a value");
            }
            if (have < words[k].n) {
                return fail(bad, len, "expected a value");
            }
            out->kind = words[k].kind;
            out->end = i + words[k].n;
            return 0;
        }
    }
    return fail(bad, i, "expected a value");
}

static int too_deep(dkg__jbad *bad, size_t i)
{
    fail(bad, i, "nested too deep");
    bad->too_deep = 1;
    return -1;
}

int dkg__scan_value(const char *buf, size_t len, size_t i, int depth, dkg__jspan *out,
                    dkg__jbad *bad)
{
    char stack[DKG_MAX_JSON_DEPTH];
    int top = 0; /* containers open inside this value */
    i = dkg__scan_ws(buf, len, i);
    out->start = i;
    out->escaped = 0;
    out->kind = DKG__JK_NONE;
    for (;;) {
        /* A value starts at buf[i]. */
        if (i >= len) {
            return fail(bad, len, "expected a value");
        }
        char c = buf[i];
        if (c == '{' || c == '[') {
            if (depth + top + 1 > DKG_MAX_JSON_DEPTH) {
                return too_deep(bad, i);
            }
            if (out->kind == DKG__JK_NONE) {
                out->kind = c == '{' ? DKG__JK_OBJECT : DKG__JK_ARRAY;
            }
            stack[top++] = c;
            i = dkg__scan_ws(buf, len, i + 1);
            if (i < len && buf[i] == (c == '{' ? '}' : ']')) {
                top--;
                i++;
            } else if (c == '{') {
                goto key;
            } else {
                continue;
            }
        } else {
            dkg__jspan v;
            if (scan_scalar(buf, len, i, &v, bad) != 0) {
                return -1;
            }
            if (out->kind == DKG__JK_NONE) {
                *out = v;
            }
            i = v.end;
        }
        /* After a value: close containers, or go on to the next member. */
        for (;;) {
            if (top == 0) {
                out->end = i;
                return 0;
            }
            i = dkg__scan_ws(buf, len, i);
            if (i >= len) {
                return fail(bad, len, "unterminated array or object");
            }
            char open = stack[top - 1];
            if (buf[i] == ',') {
                i = dkg__scan_ws(buf, len, i + 1);
                if (open == '{') {
                    goto key;
                }
                break;
            }
            if (buf[i] != (open == '{' ? '}' : ']')) {
                return fail(bad, i, open == '{' ? "expected ',' or '}'" : "expected ',' or ']'");
            }
            top--;
            i++;
        }
        continue;
    key:
        if (i >= len) {
            return fail(bad, len, "expected a key");
        }
        if (buf[i] != '"') {
            return fail(bad, i, "expected a key");
        }
        {
            int esc = 0;
            if (scan_string(buf, len, i, &i, &esc, bad) != 0) {
                return -1;
            }
        }
        i = dkg__scan_ws(buf, len, i);
        if (i >= len || buf[i] != ':') {
            return fail(bad, i >= len ? len : i, "expected ':'");
        }
        i = dkg__scan_ws(buf, len, i + 1);
    }
}

/* Index of the schema key equal to the key at buf[ks..ke) (quotes
 * included), or -1. */
static int match_key(const char *buf, size_t ks, size_t ke, int escaped, const dkg__jschema *schema)
{
    char tmp[64];
    const char *key = buf + ks + 1;
    size_t n = ke - ks - 2;
    if (escaped) {
        if (n > sizeof tmp) {
            return -1;
        }
        dkg__jspan s = {ks, ke, DKG__JK_STRING, 1};
        n = dkg__scan_decode(buf, &s, tmp);
        key = tmp;
    }
    for (int k = 0; k < schema->n; k++) {
        if (schema->keys[k].len == n && memcmp(schema->keys[k].name, key, n) == 0) {
            return k;
        }
    }
    return -1;
}

/* The key at buf[i] is exactly "name" (and so a plain string)? Keys usually
 * come in the schema's order, so this one test finds most of them. */
static int is_key(const char *buf, size_t len, size_t i, const dkg__jkey *key)
{
    return i + key->len + 2 <= len && buf[i + key->len + 1] == '"' &&
           memcmp(buf + i + 1, key->name, key->len) == 0;
}

/* A member's value: scalars directly, containers by dkg__scan_value. */
static int member_value(const char *buf, size_t len, size_t i, int depth, dkg__jspan *v,
                        dkg__jbad *bad)
{
    if (i < len && buf[i] != '{' && buf[i] != '[') {
        return scan_scalar(buf, len, i, v, bad);
    }
    return dkg__scan_value(buf, len, i, depth, v, bad);
}

int dkg__scan_object(const char *buf, size_t len, size_t i, int depth, const dkg__jschema *schema,
                     dkg__jspan *slots, dkg__jspan *whole, dkg__jbad *bad)
{
    int guess = 0;
    i = dkg__scan_ws(buf, len, i);
    if (i >= len || buf[i] != '{') {
        return dkg__scan_value(buf, len, i, depth, whole, bad) != 0 ? -1 : 1;
    }
    int total = schema->n + (schema->nested >= 0 ? schema->sub->n : 0);
    for (int k = 0; k < total; k++) {
        slots[k].kind = DKG__JK_NONE;
    }
    if (depth + 1 > DKG_MAX_JSON_DEPTH) {
        return too_deep(bad, i);
    }
    whole->start = i;
    whole->kind = DKG__JK_OBJECT;
    whole->escaped = 0;
    i = dkg__scan_ws(buf, len, i + 1);
    if (i < len && buf[i] == '}') {
        whole->end = i + 1;
        return 0;
    }
    for (;;) {
        if (i >= len) {
            return fail(bad, len, "expected a key");
        }
        if (buf[i] != '"') {
            return fail(bad, i, "expected a key");
        }
        size_t ks = i;
        int k;
        if (guess < schema->n && is_key(buf, len, i, &schema->keys[guess])) {
            k = guess;
            i += schema->keys[guess].len + 2;
        } else {
            int esc = 0;
            if (scan_string(buf, len, i, &i, &esc, bad) != 0) {
                return -1;
            }
            k = match_key(buf, ks, i, esc, schema);
        }
        if (i < len && buf[i] == ':') {
            i++;
        } else {
            i = dkg__scan_ws(buf, len, i);
            if (i >= len || buf[i] != ':') {
                return fail(bad, i >= len ? len : i, "expected ':'");
            }
            i++;
        }
        i = dkg__scan_ws(buf, len, i);
        dkg__jspan skipped;
        dkg__jspan *v = k >= 0 ? &slots[k] : &skipped;
        if (k >= 0 && v->kind != DKG__JK_NONE) {
            fail(bad, ks, "duplicate key");
            bad->key = schema->keys[k].name;
            return -1;
        }
        if (k >= 0 && k == schema->nested && i < len && buf[i] == '{') {
            if (dkg__scan_object(buf, len, i, depth + 1, schema->sub, slots + schema->n, v, bad) !=
                0) {
                return -1;
            }
        } else if (member_value(buf, len, i, depth + 1, v, bad) != 0) {
            return -1;
        }
        if (k >= 0) {
            guess = k + 1;
        }
        i = dkg__scan_ws(buf, len, v->end);
        if (i >= len) {
            return fail(bad, len, "expected ',' or '}'");
        }
        if (buf[i] == '}') {
            whole->end = i + 1;
            return 0;
        }
        if (buf[i] != ',') {
            return fail(bad, i, "expected ',' or '}'");
        }
        i = dkg__scan_ws(buf, len, i + 1);
    }
}

int dkg__scan_next(const char *buf, size_t len, size_t *pos, dkg__jspan *key, dkg__jspan *value)
{
    size_t i = *pos;
    if (i >= len || buf[i] == '}' || buf[i] == ']') {
        return 0;
    }
    int object = buf[i] == '{';
    if (buf[i] == ',' || object || buf[i] == '[') {
        i = dkg__scan_ws(buf, len, i + 1);
    }
    if (i >= len || buf[i] == '}' || buf[i] == ']') {
        *pos = i;
        return 0;
    }
    dkg__jbad bad;
    if (buf[i] == '"' && key != NULL) {
        /* A member if a ':' follows the string, else an array element. */
        dkg__jspan k;
        if (scan_scalar(buf, len, i, &k, &bad) != 0) {
            *pos = len;
            return 0;
        }
        size_t colon = dkg__scan_ws(buf, len, k.end);
        if (colon < len && buf[colon] == ':') {
            *key = k;
            i = dkg__scan_ws(buf, len, colon + 1);
        }
    }
    if (member_value(buf, len, i, 0, value, &bad) != 0) {
        *pos = len;
        return 0;
    }
    *pos = dkg__scan_ws(buf, len, value->end);
    return 1;
}

static size_t put_utf8(char *dst, unsigned cp)
{
    if (cp < 0x80) {
        dst[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        dst[0] = (char)(0xC0 | (cp >> 6));
        dst[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        dst[0] = (char)(0xE0 | (cp >> 12));
        dst[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        dst[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    dst[0] = (char)(0xF0 | (cp >> 18));
    dst[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    dst[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    dst[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t dkg__scan_decode(const char *buf, const dkg__jspan *s, char *dst)
{
    size_t n = 0;
    size_t i = s->start + 1, end = s->end - 1;
    while (i < end) {
        char c = buf[i];
        if (c != '\\') {
            dst[n++] = c;
            i++;
            continue;
        }
        char e = buf[i + 1];
        if (e == 'u') {
            unsigned cp = 0;
            dkg__jbad bad;
            size_t next = i + 6;
            (void)unicode_escape(buf, end, i, &cp, &next, &bad); /* checked by the scan */
            n += put_utf8(dst + n, cp);
            i = next;
            continue;
        }
        switch (e) {
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        default: c = e; break; /* '"', '\\', '/' */
        }
        dst[n++] = c;
        i += 2;
    }
    return n;
}

double dkg__scan_number(const char *buf, const dkg__jspan *s)
{
    size_t n = s->end - s->start;
    const char *p = buf + s->start;
    if (n <= 15) {
        double v = 0;
        size_t k = 0;
        while (k < n && is_digit(p[k])) {
            v = v * 10 + (p[k] - '0');
            k++;
        }
        if (k == n) {
            return v;
        }
    }
    char small[64];
    char *text = n < sizeof small ? small : malloc(n + 1);
    if (text == NULL) {
        return NAN;
    }
    memcpy(text, p, n);
    text[n] = '\0';
    double v = strtod(text, NULL);
    if (text != small) {
        free(text);
    }
    return v;
}
