/* tests/unit/extract_json.h - extract an inline text and read the contract's
 * fields back with cJSON (for the tests of extraction).
 *
 * The including file defines the extractor `ex` and ARTICLE_DATE before
 * including this header. */
#ifndef DKG_TEST_EXTRACT_JSON_H
#define DKG_TEST_EXTRACT_JSON_H

#include <stdio.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "dkg/extract.h"

/* Extract text (dated date) and parse the result; NULL when extraction failed. */
static inline cJSON *extract_with(dkg_extractor *x, const char *text, const char *date)
{
    dkg_article art = {"t", "inline", date, NULL, text, strlen(text)};
    const char *json = NULL;
    size_t len = 0;
    dkg_error err;
    dkg_error_clear(&err);
    if (dkg_extract(x, &art, &json, &len, &err) != 0) {
        fprintf(stderr, "extract failed: %s\n", err.message);
        return NULL;
    }
    return cJSON_ParseWithLength(json, len);
}

static inline const char *str(const cJSON *obj, const char *key)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(item) ? item->valuestring : NULL;
}

/* Strings compare equal, NULL meaning JSON null or absent. */
static inline int same(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* The first relation of type between a and b (either direction for the
 * symmetric types meet, call, agree). */
static inline const cJSON *find_rel(const cJSON *doc, const char *type, const char *a,
                                    const char *b)
{
    int symmetric = strcmp(type, "meet") == 0 || strcmp(type, "call") == 0 ||
                    strcmp(type, "agree") == 0;
    const cJSON *r;
    cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(doc, "relations")) {
        const char *s = str(r, "source"), *t = str(r, "target");
        if (!same(str(r, "type"), type)) {
            continue;
        }
        if ((same(s, a) && same(t, b)) || (symmetric && same(s, b) && same(t, a))) {
            return r;
        }
    }
    return NULL;
}

/* Relations of one type ("role" and "located_in" excluded when type is NULL). */
static inline int count_rel(const cJSON *doc, const char *type)
{
    int n = 0;
    const cJSON *r;
    cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(doc, "relations")) {
        const char *t = str(r, "type");
        if (type != NULL ? same(t, type) : !same(t, "role") && !same(t, "located_in")) {
            n++;
        }
    }
    return n;
}

/* The shipped lexicon and rules (DKG_SOURCE_DIR/data) and an extractor on
 * them; prints the error and returns nonzero when one fails to load. */
static inline int open_shipped(dkg_lexicon **lex, dkg_rules **rules, dkg_extractor **x)
{
    dkg_error err;
    dkg_error_clear(&err);
    if (dkg_lexicon_new(lex, &err) != 0 ||
        dkg_lexicon_load_dir(*lex, DKG_SOURCE_DIR "/data/lexicon", &err) != 0 ||
        dkg_rules_new(rules, &err) != 0 ||
        dkg_rules_load(*rules, DKG_SOURCE_DIR "/data/rules/default.json", &err) != 0 ||
        dkg_extractor_new(x, *lex, *rules, NULL, &err) != 0) {
        fprintf(stderr, "setup: %s:%ld:%ld: %s\n", err.file, err.line, err.column, err.message);
        return 1;
    }
    return 0;
}

#endif
