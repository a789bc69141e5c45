/* tests/unit/test_lexicon.c - the lexicon loader and lookups, through the
 * public API only.
 *
 * Loader errors must be DKG_EPARSE naming the file, line and column of the bad
 * entry and its JSON path (entities[N]); lookups are observed in extraction
 * output: case and accent rules, longest match, a later file adding an alias
 * to an earlier entity, a user entry with a title and a date-bounded role. */
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "dkg/extract.h"
#include "testlib.h"

#define HEAD "{\"dkg_lexicon\": 1, \"entities\": ["

static dkg_lexicon *shipped;
static dkg_rules *rules;

static void expect_error(const char *buf, long line, long col, const char *want)
{
    dkg_lexicon *lex = NULL;
    dkg_error err;
    dkg_error_clear(&err);
    dkg_lexicon_new(&lex, &err);
    /* An exact-size copy without a NUL: the loader must not read past len. */
    size_t len = strlen(buf);
    char *exact = malloc(len);
    CHECK(exact != NULL);
    memcpy(exact, buf, len);
    CHECK_INT(dkg_lexicon_load_buffer(lex, "user.json", exact, len, &err), DKG_EPARSE);
    free(exact);
    CHECK_STR(err.file, "user.json");
    CHECK_INT(err.line, line);
    CHECK_INT(err.column, col);
    if (strstr(err.message, want) == NULL) {
        fprintf(stderr, "message \"%s\" lacks \"%s\"\n", err.message, want);
    }
    CHECK(strstr(err.message, want) != NULL);
    dkg_lexicon_free(lex);
}

/* An error far along a long line: the quoted window around it stays inside
 * the buffer (fuzz finding, tests/fuzz/corpus/lexicon/regress-long-line-window.json:
 * the window once started past the line's end and read beyond the file). */
static void test_error_on_long_line(void)
{
    char buf[1024];
    size_t n = (size_t)snprintf(buf, sizeof buf, "%s{\"id\": \"", HEAD);
    memset(buf + n, 'x', 400);
    n += 400;
    n += (size_t)snprintf(buf + n, sizeof buf - n, "\", \"b\": ");
    memset(buf + n, '[', 70);
    buf[n + 70] = '\0';

    dkg_lexicon *lex = NULL;
    dkg_error err;
    dkg_error_clear(&err);
    dkg_lexicon_new(&lex, &err);
    size_t len = strlen(buf);
    char *exact = malloc(len); /* no NUL after the data, as a fuzzer gives it */
    CHECK(exact != NULL);
    memcpy(exact, buf, len);
    CHECK_INT(dkg_lexicon_load_buffer(lex, "user.json", exact, len, &err), DKG_EPARSE);
    free(exact);
    CHECK(strstr(err.message, "JSON nested more than 64 deep") != NULL);
    CHECK_INT(err.line, 1);
    CHECK(err.offset > (long)n && err.offset < (long)len);
    CHECK_INT(err.column, err.offset + 1);
    /* The window: 60 bytes before the offset, then to the end of the data. */
    CHECK_INT(err.caret, 60);
    CHECK_INT((long)strlen(err.context), (long)len - (err.offset - 60));
    CHECK(err.context[err.caret] == '[');
    dkg_lexicon_free(lex);
}

static void test_errors(void)
{
    expect_error(HEAD "{\"id\": \"person/x\", \"type\": \"person\", \"name\": \"X\", "
                      "\"colour\": \"red\"}]}",
                 1, 33, "entities[0]: unknown key \"colour\"");
    expect_error(HEAD "{\"id\": \"person/x\", \"type\": \"person\"}]}", 1, 33,
                 "entities[0]: missing \"name\"");
    expect_error(HEAD "{\"id\": \"person/x\", \"type\": \"person\", \"name\": 7}]}", 1, 33,
                 "entities[0]: \"name\" must be a non-empty string");
    expect_error(HEAD "{\"id\": \"person/x\", \"type\": \"place\", \"name\": \"X Y\"}]}", 1, 33,
                 "entities[0]: id \"person/x\" must start with \"place/\"");
    expect_error(HEAD "{\"id\": \"person/x-y\", \"type\": \"person\", \"name\": \"X Y\", "
                      "\"roles\": [{\"title\": \"Grand Poobah\", \"of\": \"FRA\"}]}]}",
                 1, 33, "entities[0]: role title \"Grand Poobah\" is not defined");
    /* the path counts entries; the position is the bad one's */
    expect_error(HEAD "\n {\"id\": \"person/a-b\", \"type\": \"person\", \"name\": \"A B\"},\n"
                      " {\"id\": \"person/c-d\", \"type\": \"person\", \"name\": \"C D\", "
                      "\"aliases\": \"CD\"}]}",
                 3, 2, "entities[1]");
    expect_error("{\"dkg_lexicon\": 1,\n  \"entities\": [}", 2, 16, "not valid JSON");
}

/* Extract text with lex and return the parsed output. */
static cJSON *extract(const dkg_lexicon *lex, const char *text, const char *date)
{
    dkg_extractor *ex = NULL;
    dkg_error err;
    dkg_article art = {"t", NULL, date, NULL, text, strlen(text)};
    const char *json = NULL;
    size_t len = 0;
    cJSON *doc = NULL;
    dkg_error_clear(&err);
    if (dkg_extractor_new(&ex, lex, rules, NULL, &err) == 0 &&
        dkg_extract(ex, &art, &json, &len, &err) == 0) {
        doc = cJSON_ParseWithLength(json, len);
    }
    dkg_extractor_free(ex);
    return doc;
}

/* "id=text|id=text|..." of every mention, in entity order. */
static void mentions(const cJSON *doc, char *out, size_t cap)
{
    const cJSON *e, *m;
    size_t n = 0;
    out[0] = '\0';
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(doc, "entities")) {
        cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(e, "mentions")) {
            int w = snprintf(out + n, cap - n, "%s%s=%s", n ? "|" : "",
                             cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "id")),
                             cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(m, "text")));
            if (w < 0 || (size_t)w >= cap - n) {
                return;
            }
            n += (size_t)w;
        }
    }
}

static void test_lookups(void)
{
    char got[1024];
    cJSON *doc;

    doc = extract(shipped, "Erdo\xc4\x9f" "an met ERDOGAN and Erdogan.", "2025-01-01");
    mentions(doc, got, sizeof got);
    CHECK_STR(got, "person/recep-tayyip-erdogan=Erdo\xc4\x9f" "an|"
                   "person/recep-tayyip-erdogan=ERDOGAN|person/recep-tayyip-erdogan=Erdogan");
    cJSON_Delete(doc);

    /* a capitalised alias keeps its capitals; longest match wins */
    doc = extract(shipped, "Turkey and turkey. New Delhi and Delhi.", "2025-01-01");
    mentions(doc, got, sizeof got);
    CHECK_STR(got, "country/TUR=Turkey|place/new-delhi=New Delhi|place/delhi=Delhi");
    cJSON_Delete(doc);
}

static void test_user_entries(void)
{
    static const char user[] =
        HEAD "{\"id\": \"person/ada-quill\", \"type\": \"person\", \"name\": \"Ada Quill\", "
             "\"country\": \"NZL\", \"gender\": \"f\", \"roles\": [{\"title\": \"Foreign Minister\", "
             "\"of\": \"NZL\", \"from\": \"2024-01-01\"}]}]}";
    static const char more[] =
        HEAD "{\"id\": \"person/ada-quill\", \"type\": \"person\", \"name\": \"Ada Quill\", "
             "\"aliases\": [\"Quill of Otago\"]}]}";
    char got[1024];
    dkg_error err;
    size_t before = dkg_lexicon_size(shipped);
    cJSON *doc;
    const cJSON *e;

    dkg_error_clear(&err);
    CHECK_INT(dkg_lexicon_load_buffer(shipped, "user.json", user, sizeof user - 1, &err), 0);
    CHECK_INT(dkg_lexicon_size(shipped), before + 1);
    CHECK_INT(dkg_lexicon_load_buffer(shipped, "more.json", more, sizeof more - 1, &err), 0);
    CHECK_INT(dkg_lexicon_size(shipped), before + 1); /* the same id: an alias added */

    doc = extract(shipped, "Ada Quill met Emmanuel Macron. Quill of Otago said the New Zealand "
                           "foreign minister was pleased.", "2025-06-10");
    mentions(doc, got, sizeof got);
    CHECK(strstr(got, "person/ada-quill=Ada Quill") != NULL);
    CHECK(strstr(got, "person/ada-quill=Quill of Otago") != NULL);
    e = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(doc, "entities"), 0);
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "id")),
              "person/ada-quill");
    CHECK(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "known")));
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "country")), "NZL");
    CHECK_STR(cJSON_GetStringValue(
                  cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(e, "roles"), 0)),
              "Foreign Minister");
    cJSON_Delete(doc);
}

int main(void)
{
    dkg_error err;
    dkg_error_clear(&err);
    test_errors();
    test_error_on_long_line();
    if (dkg_lexicon_new(&shipped, &err) != 0 ||
        dkg_lexicon_load_dir(shipped, DKG_SOURCE_DIR "/data/lexicon", &err) != 0 ||
        dkg_rules_new(&rules, &err) != 0 ||
        dkg_rules_load(rules, DKG_SOURCE_DIR "/data/rules/default.json", &err) != 0) {
        fprintf(stderr, "setup: %s:%ld: %s\n", err.file, err.line, err.message);
        return 1;
    }
    CHECK(dkg_lexicon_size(shipped) > 1000);
    test_lookups();
    test_user_entries();
    dkg_rules_free(rules);
    dkg_lexicon_free(shipped);
    dkg_lexicon_free(NULL);
    TEST_MAIN_END();
}
