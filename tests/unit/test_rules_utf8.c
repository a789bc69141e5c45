/* tests/unit/test_rules_utf8.c - a rules file whose pattern holds invalid
 * UTF-8 is refused with PCRE2's message, never compiled blind (the fuzzer
 * found a crash when the compile skipped PCRE2's UTF check). */
#include "dkg/extract.h"
#include "testlib.h"

int main(void)
{
    static const char bad[] = "{\"dkg_rules\": 1, \"rules\": [{\"name\": \"slow\", \"relation\": "
                              "\"meet\", \"triggers\": [\"a\"], \"pattern\": \"located_i\xfe"
                              "+b{person:b}\"}]}";
    dkg_rules *rules = NULL;
    dkg_error err;
    dkg_error_clear(&err);
    CHECK_INT(dkg_rules_new(&rules, &err), 0);
    int rc = dkg_rules_load_buffer(rules, "bad.json", bad, sizeof bad - 1, &err);
    CHECK_INT(rc, DKG_EPARSE);
    CHECK(strstr(err.message, "rules[0]: pattern does not compile") != NULL);
    CHECK(strstr(err.message, "UTF-8") != NULL);
    CHECK_STR(err.file, "bad.json");
    CHECK_INT(err.line, 1);
    CHECK_INT(dkg_rules_size(rules), 0);
    dkg_rules_free(rules);

    /* The same pattern in valid UTF-8 loads. */
    static const char good[] = "{\"dkg_rules\": 1, \"rules\": [{\"name\": \"ok\", \"relation\": "
                               "\"meet\", \"triggers\": [\"a\"], \"pattern\": "
                               "\"{person:a} located_i\xc3\xa9 {person:b}\"}]}";
    CHECK_INT(dkg_rules_new(&rules, &err), 0);
    CHECK_INT(dkg_rules_load_buffer(rules, "good.json", good, sizeof good - 1, &err), 0);
    CHECK_INT(dkg_rules_size(rules), 1);
    dkg_rules_free(rules);
    TEST_MAIN_END();
}
