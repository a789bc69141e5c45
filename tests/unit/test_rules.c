/* tests/unit/test_rules.c - the rules loader through the public API.
 *
 * Every way a rules file can be wrong must fail with DKG_EPARSE and an error
 * that names the file, the line and column of the bad entry and its JSON path
 * (rules[N]); a pattern that does not compile also carries the PCRE2 message,
 * the pattern as context and the caret offset. A good user rule loads beside
 * the shipped ones and fires in extraction. */
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "dkg/extract.h"
#include "testlib.h"

#define RULE_HEAD "{\"dkg_rules\": 1, \"rules\": [{\"name\": \"x\", \"relation\": \"meet\", "

/* Load buf as "user.json" into a fresh rules set; returns the code, fills err. */
static int load(const char *buf, dkg_error *err)
{
    dkg_rules *r = NULL;
    int rc;
    dkg_error_clear(err);
    if (dkg_rules_new(&r, err) != 0) {
        return -100;
    }
    /* An exact-size copy without a NUL: the loader must not read past len
     * (a fuzzer found a strstr that did). */
    size_t len = strlen(buf);
    char *exact = malloc(len > 0 ? len : 1);
    if (exact == NULL) {
        dkg_rules_free(r);
        return -100;
    }
    memcpy(exact, buf, len);
    rc = dkg_rules_load_buffer(r, "user.json", exact, len, err);
    free(exact);
    dkg_rules_free(r);
    return rc;
}

/* The load fails with DKG_EPARSE at line:col and a message containing want. */
static void expect_error(const char *buf, long line, long col, const char *want)
{
    dkg_error err;
    CHECK_INT(load(buf, &err), DKG_EPARSE);
    CHECK_INT(err.code, DKG_EPARSE);
    CHECK_STR(err.file, "user.json");
    CHECK_INT(err.line, line);
    CHECK_INT(err.column, col);
    if (strstr(err.message, want) == NULL) {
        fprintf(stderr, "message \"%s\" lacks \"%s\"\n", err.message, want);
    }
    CHECK(strstr(err.message, want) != NULL);
}

static void test_errors(void)
{
    /* "relation\u0000ame" decodes to "relation": a duplicate, located at the
     * second spelling (fuzz finding, tests/fuzz/corpus/rules/regress-dup-key-nul.json). */
    expect_error("{\"dkg_rules\": 1, \"rules\": [{\"name\": \"x\", \"relation\\u0000ame\": \"meet\",\n"
                 "  \"relation\": \"meet\"}]}",
                 2, 3, "duplicate key \"relation\"");
    dkg_error err;

    expect_error(RULE_HEAD "\"triggers\": [\"met\"], \"pattern\": \"{person:a} met {person:b}\", "
                           "\"bogus\": 1}]}",
                 1, 28, "rules[0]: unknown key \"bogus\"");
    expect_error("{\"dkg_rules\": 1, \"rules\": [{\"relation\": \"meet\", \"pattern\": \"a\"}]}", 1,
                 28, "rules[0]: a rule needs \"name\", \"relation\" and \"pattern\" strings");
    expect_error("{\"dkg_rules\": 1, \"rules\": [{\"name\": 5, \"relation\": \"meet\", "
                 "\"pattern\": \"a\"}]}",
                 1, 28, "rules[0]: a rule needs \"name\"");
    expect_error(RULE_HEAD "\"pattern\": \"{person:a} met {person:b}\", \"status\": \"maybe\"}]}",
                 1, 28, "\"status\" must be occurred, planned or negated");
    expect_error("{\"dkg_rules\": 1, \"rules\": [{\"name\": \"x\", \"relation\": \"dance\", "
                 "\"pattern\": \"{person:a} met {person:b}\"}]}",
                 1, 28, "unknown relation \"dance\"");
    /* the second rule is the bad one: the path says so */
    expect_error("{\"dkg_rules\": 1, \"rules\": [\n"
                 "  {\"name\": \"ok\", \"relation\": \"meet\", \"pattern\": \"{person:a} met "
                 "{person:b}\"},\n"
                 "  {\"name\": \"x\", \"relation\": \"meet\", \"pattern\": \"a\", \"triggers\": 3}]}",
                 3, 3, "rules[1]");
    expect_error("{\"dkg_rules\": 1,\n \"rules\": [nope]}", 2, 12, "not valid JSON");
    expect_error("{\"dkg_rules\": 2, \"rules\": []}", 1, 2, "missing \"dkg_rules\": 1");

    /* an unknown placeholder: the caret is under it in the pattern */
    expect_error(RULE_HEAD "\"pattern\": \"{person:a} met {persn:b}\"}]}", 1, 28,
                 "unknown placeholder");
    load(RULE_HEAD "\"pattern\": \"{person:a} met {persn:b}\"}]}", &err);
    CHECK_STR(err.context, "{person:a} met {persn:b}");
    CHECK_INT(err.caret, 15);

    /* a pattern that does not compile: PCRE2's message and a caret */
    expect_error(RULE_HEAD "\"pattern\": \"{person:a} met (unclosed\"}]}", 1, 28,
                 "pattern does not compile: missing closing parenthesis");
    load(RULE_HEAD "\"pattern\": \"{person:a} met (unclosed\"}]}", &err);
    CHECK(err.context[0] != '\0');
    CHECK(strstr(err.context, " met (unclosed") != NULL);
    CHECK_INT(err.caret, (long)strlen(err.context));
    expect_error(RULE_HEAD "\"pattern\": \"{person:a} met [b-a]\"}]}", 1, 28,
                 "range out of order in character class");

    /* not a file */
    {
        dkg_rules *r = NULL;
        dkg_rules_new(&r, &err);
        CHECK_INT(dkg_rules_load(r, "/nonexistent/rules.json", &err), DKG_EIO);
        dkg_rules_free(r);
    }
}

static void test_good(void)
{
    static const char user[] =
        "{\"dkg_rules\": 1, \"rules\": [{\"name\": \"toasted\", \"relation\": \"meet\", "
        "\"triggers\": [\"toasted\"], \"comment\": \"a user rule\", "
        "\"pattern\": \"{persons:a}{gap}\\\\btoasted\\\\s+{pre}{persons:b}\"}]}";
    static const char text[] = "Emmanuel Macron toasted Xi Jinping at a banquet.";
    dkg_error err;
    dkg_lexicon *lex = NULL;
    dkg_rules *rules = NULL;
    dkg_extractor *ex = NULL;
    dkg_article art = {"t", NULL, "2025-06-10", NULL, text, sizeof text - 1};
    const char *json = NULL;
    size_t len = 0, shipped;
    cJSON *doc, *r;

    dkg_error_clear(&err);
    CHECK_INT(dkg_lexicon_new(&lex, &err), 0);
    CHECK_INT(dkg_lexicon_load_dir(lex, DKG_SOURCE_DIR "/data/lexicon", &err), 0);
    CHECK_INT(dkg_rules_new(&rules, &err), 0);
    CHECK_INT(dkg_rules_load(rules, DKG_SOURCE_DIR "/data/rules/default.json", &err), 0);
    shipped = dkg_rules_size(rules);
    CHECK(shipped >= 50);
    CHECK_INT(dkg_rules_load_buffer(rules, "user.json", user, sizeof user - 1, &err), 0);
    CHECK_INT(dkg_rules_size(rules), shipped + 1);
    CHECK_INT(dkg_extractor_new(&ex, lex, rules, NULL, &err), 0);
    CHECK_INT(dkg_extract(ex, &art, &json, &len, &err), 0);
    doc = cJSON_ParseWithLength(json, len);
    r = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(doc, "relations"), 0);
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(r, "rule")), "toasted");
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(r, "type")), "meet");
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(r, "source")),
              "person/emmanuel-macron");
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(r, "target")),
              "person/xi-jinping");
    CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(doc, "relations")), 1);
    cJSON_Delete(doc);
    dkg_extractor_free(ex);
    dkg_rules_free(rules);
    dkg_lexicon_free(lex);
    dkg_rules_free(NULL);
}

int main(void)
{
    test_errors();
    test_good();
    TEST_MAIN_END();
}
