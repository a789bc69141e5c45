/* tests/unit/test_rules_utf8.c - two rules-file cases the fuzzer found: a
 * pattern holding invalid UTF-8 is refused at load, pointing at the byte,
 * never compiled blind (it crashed when the compile skipped PCRE2's UTF check);
 * and a bad placeholder deep in a long pattern gets a caret inside the
 * quoted excerpt (it pointed past the end of the context buffer). */
#include <stdio.h>

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
    CHECK(strstr(err.message, "invalid UTF-8") != NULL);
    CHECK_INT(err.column, 105); /* the 0xFE byte */
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
    /* A bad placeholder 300 bytes into the pattern. */
    char longer[1024];
    snprintf(longer, sizeof longer,
             "{\"dkg_rules\": 1, \"rules\": [{\"name\": \"long\", \"relation\": \"meet\", "
             "\"pattern\": \"{person:a}%0300d{nosuch:b}\"}]}", 0);
    CHECK_INT(dkg_rules_new(&rules, &err), 0);
    dkg_error_clear(&err);
    CHECK_INT(dkg_rules_load_buffer(rules, "long.json", longer, strlen(longer), &err), DKG_EPARSE);
    CHECK(strstr(err.message, "unknown placeholder") != NULL);
    CHECK(err.caret >= 0 && (size_t)err.caret < strlen(err.context));
    CHECK(strncmp(err.context + err.caret, "{nosuch:b}", 10) == 0);
    dkg_rules_free(rules);
    TEST_MAIN_END();
}
