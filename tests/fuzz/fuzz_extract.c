/* tests/fuzz/fuzz_extract.c - libFuzzer target: article reading + extraction.
 *
 * The input is the bytes of a plain-text article, handled as `dkg extract`
 * handles a file: the optional date line is parsed, then dkg_extract runs with
 * the shipped lexicon and rules. Arbitrary bytes (invalid UTF-8, NULs) must
 * give DKG_EUTF8, never a crash. On success the output is checked against the
 * contract: it parses as JSON and every mention and evidence span lies inside
 * the text and quotes exactly its bytes; that catches offset bugs that would
 * not crash. An odd-sized input runs with code point offsets instead, where
 * only the bounds are checked. */
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "fuzz_common.h"

static dkg_lexicon *lexicon;
static dkg_rules *rules;
static dkg_extractor *by_bytes;
static dkg_extractor *by_codepoints;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    dkg_error err;
    dkg_extract_options opt = {DKG_OFFSETS_BYTES, 0};
    (void)argc;
    (void)argv;
    dkg_error_clear(&err);
    fuzz_load_defaults(&lexicon, &rules, 1, 1);
    if (dkg_extractor_new(&by_bytes, lexicon, rules, &opt, &err) != 0) {
        exit(1);
    }
    opt.offsets = DKG_OFFSETS_CODEPOINTS;
    if (dkg_extractor_new(&by_codepoints, lexicon, rules, &opt, &err) != 0) {
        exit(1);
    }
    return 0;
}

/* A span object {"start", "end", "text"} against the article. */
static void check_span(const cJSON *span, const char *text, size_t len, size_t limit, int bytes)
{
    const cJSON *start = cJSON_GetObjectItemCaseSensitive(span, "start");
    const cJSON *end = cJSON_GetObjectItemCaseSensitive(span, "end");
    const cJSON *quote = cJSON_GetObjectItemCaseSensitive(span, "text");
    FUZZ_ASSERT(cJSON_IsNumber(start) && cJSON_IsNumber(end));
    FUZZ_ASSERT(start->valuedouble >= 0 && start->valuedouble <= end->valuedouble);
    FUZZ_ASSERT(end->valuedouble <= (double)limit);
    if (bytes && cJSON_IsString(quote)) {
        size_t s = (size_t)start->valuedouble;
        size_t e = (size_t)end->valuedouble;
        FUZZ_ASSERT(e <= len);
        FUZZ_ASSERT(strlen(quote->valuestring) == e - s);
        FUZZ_ASSERT(memcmp(quote->valuestring, text + s, e - s) == 0);
    }
}

static void check_output(const char *json, size_t json_len, const char *text, size_t len, int bytes)
{
    cJSON *root = cJSON_ParseWithLength(json, json_len);
    const cJSON *item;
    const cJSON *mention;
    FUZZ_ASSERT(root != NULL);
    FUZZ_ASSERT(cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(root, "warnings")));
    cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(root, "entities"))
    {
        FUZZ_ASSERT(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(item, "id")));
        cJSON_ArrayForEach(mention, cJSON_GetObjectItemCaseSensitive(item, "mentions"))
        {
            check_span(mention, text, len, len, bytes);
        }
    }
    cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(root, "relations"))
    {
        const cJSON *ev = cJSON_GetObjectItemCaseSensitive(item, "evidence");
        FUZZ_ASSERT(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(item, "type")));
        if (ev != NULL) {
            check_span(ev, text, len, len, bytes);
        }
    }
    cJSON_Delete(root);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    char date[11] = "";
    const char *title = NULL;
    size_t title_len = 0;
    char *title_copy = NULL;
    const char *json = NULL;
    size_t json_len = 0;
    dkg_article art;
    dkg_error err;
    int bytes = (size % 2) == 0;
    int rc;
    if (text == NULL) {
        return 0;
    }
    memcpy(text, data, size);
    text[size] = '\0';
    memset(&art, 0, sizeof art);
    if (dkg_article_parse_dateline(text, size, date, &title, &title_len) == 1) {
        FUZZ_ASSERT(title == NULL || (title >= text && title + title_len <= text + size));
        art.date = date;
        if (title != NULL) {
            title_copy = strndup(title, title_len);
            art.title = title_copy;
        }
    }
    art.source = "fuzz.txt";
    art.text = text;
    art.len = size;
    dkg_error_clear(&err);
    rc = dkg_extract(bytes ? by_bytes : by_codepoints, &art, &json, &json_len, &err);
    if (rc == 0) {
        size_t bad = 0;
        FUZZ_ASSERT(json != NULL && strlen(json) == json_len);
        /* Success is only allowed on valid text. */
        FUZZ_ASSERT(dkg_utf8_validate(text, size, &bad) == 0);
        check_output(json, json_len, text, size, bytes);
    } else {
        FUZZ_ASSERT(rc < 0 && err.message[0] != '\0');
    }
    free(title_copy);
    free(text);
    return 0;
}
