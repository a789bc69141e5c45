/* extract/json_locate.c - positions for errors in JSON files (see header). */
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "dkg/extract.h"
#include "json_locate.h"

/* Skip a JSON string starting at buf[i] == '"'; returns the index after it. */
static size_t skip_string(const char *buf, size_t len, size_t i)
{
    /* memchr to each quote, then count the backslashes before it: an even
     * number (zero, or escaped backslashes) leaves the quote unescaped. A
     * JSON Lines article is mostly one long string, and a byte-by-byte loop
     * here was a tenth of the reading cost of `dkg extract --jsonl`. */
    size_t from = i + 1;
    while (from < len) {
        const char *quote = memchr(buf + from, '"', len - from);
        if (quote == NULL) {
            break;
        }
        size_t at = (size_t)(quote - buf);
        size_t slashes = 0;
        while (at - slashes > i + 1 && buf[at - slashes - 1] == '\\') {
            slashes++;
        }
        if (slashes % 2 == 0) {
            return at + 1;
        }
        from = at + 1;
    }
    return len;
}

size_t dkg__json_locate(const char *buf, size_t len, const char *key, int index)
{
    size_t keylen = strlen(key);
    int depth = 0;
    size_t i = 0;
    while (i < len) {
        char c = buf[i];
        if (c == '"') {
            size_t end = skip_string(buf, len, i);
            if (depth == 1 && end - i - 2 == keylen && memcmp(buf + i + 1, key, keylen) == 0) {
                if (index < 0) {
                    return i;
                }
                /* Find the array, then count its elements at depth 2. */
                size_t j = end;
                while (j < len && buf[j] != '[') {
                    j++;
                }
                int count = 0;
                int d = 0;
                int at_element_start = 1;
                for (j++; j < len; j++) {
                    char cj = buf[j];
                    if (cj == ' ' || cj == '\n' || cj == '\r' || cj == '\t') {
                        continue;
                    }
                    if (d == 0 && at_element_start) {
                        if (count == index) {
                            return j;
                        }
                        at_element_start = 0;
                    }
                    if (cj == '"') {
                        j = skip_string(buf, len, j) - 1;
                    } else if (cj == '{' || cj == '[') {
                        d++;
                    } else if (cj == '}' || cj == ']') {
                        if (d == 0) {
                            return 0;
                        }
                        d--;
                    } else if (cj == ',' && d == 0) {
                        count++;
                        at_element_start = 1;
                    }
                }
                return 0;
            }
            i = end;
            continue;
        }
        if (c == '{' || c == '[') {
            depth++;
        } else if (c == '}' || c == ']') {
            depth--;
        }
        i++;
    }
    return 0;
}

void dkg__json_error_at(dkg_error *err, const char *name, const char *buf, size_t len,
                        size_t offset)
{
    long line = 0;
    long column = 0;
    dkg_error_line_col(buf, len, offset, &line, &column);
    dkg_error_locate(err, name, line, column, (long)offset);
    if (err == NULL) {
        return;
    }
    /* Show the offset's line, or on a long line (one entry per line) a
     * window of it around the offset; never more than 160 bytes. */
    if (offset > len) {
        offset = len;
    }
    size_t start = offset;
    while (start > 0 && buf[start - 1] != '\n') {
        start--;
    }
    size_t shown_start = offset > start + 120 ? offset - 60 : start;
    size_t shown_end = shown_start;
    while (shown_end < len && buf[shown_end] != '\n' && shown_end - shown_start < 160) {
        shown_end++;
    }
    size_t shown_len = shown_end - shown_start; /* < sizeof err->context */
    memcpy(err->context, buf + shown_start, shown_len);
    err->context[shown_len] = '\0';
    for (size_t i = 0; i < shown_len; i++) {
        if ((unsigned char)err->context[i] < 0x20) {
            err->context[i] = ' '; /* a NUL, tab or control byte would cut or shift the line */
        }
    }
    err->caret = (long)(offset - shown_start);
}

/* The offset of the first needle[0..nlen) in buf[from..len), or len. The
 * buffer is not NUL-terminated (a fuzzer's, or a file read as is), so no strstr. */
static size_t find_bytes(const char *buf, size_t len, size_t from, const char *needle,
                         size_t nlen)
{
    for (size_t at = from; nlen > 0 && at + nlen <= len; at++) {
        if (buf[at] == needle[0] && memcmp(buf + at, needle, nlen) == 0) {
            return at;
        }
    }
    return len;
}

void *dkg__json_parse(const char *name, const char *buf, size_t len, dkg_error *err)
{
    if (dkg__json_check_utf8(name, buf, len, err) != 0) {
        return NULL;
    }
    size_t deep = 0;
    if (dkg_json_depth_check(buf, len, DKG_MAX_JSON_DEPTH, &deep) != 0) {
        dkg_error_set(err, DKG_ELIMIT, "JSON nested more than %d deep", DKG_MAX_JSON_DEPTH);
        dkg__json_error_at(err, name, buf, len, deep);
        return NULL;
    }
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(buf, len, &end, 0);
    if (root == NULL) {
        size_t offset = end != NULL && end >= buf ? (size_t)(end - buf) : 0;
        dkg_error_set(err, DKG_EPARSE, "not valid JSON (cut short, or a stray character here)");
        dkg__json_error_at(err, name, buf, len, offset);
        return NULL;
    }
    for (const char *p = end; p < buf + len; p++) {
        if (*p != ' ' && *p != '\n' && *p != '\r' && *p != '\t') {
            cJSON_Delete(root);
            dkg_error_set(err, DKG_EPARSE, "unexpected text after the JSON value");
            dkg__json_error_at(err, name, buf, len, (size_t)(p - buf));
            return NULL;
        }
    }
    const char *dup = dkg__json_duplicate_key(root);
    if (dup != NULL) {
        dkg_error_set(err, DKG_EPARSE, "duplicate key \"%.200s\" (a key may appear once in an "
                      "object)", dup);
        /* Point at the key's second appearance. */
        char quoted[210];
        snprintf(quoted, sizeof quoted, "\"%.200s\"", dup);
        size_t qlen = strlen(quoted);
        size_t first = find_bytes(buf, len, 0, quoted, qlen);
        size_t second = first < len ? find_bytes(buf, len, first + 1, quoted, qlen) : len;
        /* Either spelling may be escaped ("a\u0062"), so one match is all we may get. */
        size_t at = second < len ? second : first < len ? first : 0;
        dkg__json_error_at(err, name, buf, len, at);
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

int dkg__json_check_utf8(const char *name, const char *buf, size_t len, dkg_error *err)
{
    size_t bad = 0;
    if (dkg_utf8_validate(buf, len, &bad) == 0) {
        return 0;
    }
    dkg_error_set(err, DKG_EPARSE, "%s at this byte; save the file as UTF-8",
                  buf[bad] == '\0' ? "a NUL byte" : "invalid UTF-8");
    dkg__json_error_at(err, name, buf, len, bad);
    return DKG_EPARSE;
}

int dkg_json_depth_check(const char *buf, size_t len, int max_depth, size_t *bad_offset)
{
    int depth = 0;
    for (size_t i = 0; i < len; i++) {
        char c = buf[i];
        if (c == '"') {
            i = skip_string(buf, len, i) - 1;
        } else if (c == '[' || c == '{') {
            if (++depth > max_depth) {
                *bad_offset = i;
                return DKG_ELIMIT;
            }
        } else if (c == ']' || c == '}') {
            depth--;
        }
    }
    return 0;
}

const char *dkg__json_duplicate_key(const cJSON *item)
{
    const cJSON *child;
    if (cJSON_IsObject(item)) {
        cJSON_ArrayForEach(child, item)
        {
            /* Objects in our files are small: a quadratic scan is cheapest. */
            for (const cJSON *other = child->next; other != NULL; other = other->next) {
                if (child->string != NULL && other->string != NULL &&
                    strcmp(child->string, other->string) == 0) {
                    return child->string;
                }
            }
        }
    }
    cJSON_ArrayForEach(child, item)
    {
        const char *dup = dkg__json_duplicate_key(child);
        if (dup != NULL) {
            return dup;
        }
    }
    return NULL;
}
