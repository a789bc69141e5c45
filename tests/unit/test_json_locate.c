/* tests/unit/test_json_locate.c - the raw JSON scanners of extract/json_locate.c:
 * dkg_json_depth_check (run on every JSON Lines record before cJSON) and
 * dkg__json_locate (finds a key or array element for error messages).
 *
 * Both skip strings with memchr and decide whether a quote is escaped by the
 * backslashes before it; the randomised part compares that with a plain
 * byte-by-byte scan on inputs made mostly of quotes and backslashes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dkg/extract.h"
#include "json_locate.h"
#include "testlib.h"

/* The obvious scan: a backslash escapes the next byte, whatever it is. */
static int reference_depth_check(const char *buf, size_t len, int max_depth, size_t *bad)
{
    int depth = 0;
    for (size_t i = 0; i < len; i++) {
        if (buf[i] == '"') {
            for (i++; i < len && buf[i] != '"'; i++) {
                if (buf[i] == '\\') {
                    i++;
                }
            }
        } else if (buf[i] == '[' || buf[i] == '{') {
            if (++depth > max_depth) {
                *bad = i;
                return DKG_ELIMIT;
            }
        } else if (buf[i] == ']' || buf[i] == '}') {
            depth--;
        }
    }
    return 0;
}

static void check_depth(const char *json, int max_depth, int want_rc, size_t want_offset)
{
    size_t bad = 12345;
    CHECK_INT(dkg_json_depth_check(json, strlen(json), max_depth, &bad), want_rc);
    if (want_rc != 0) {
        CHECK_INT((long)bad, (long)want_offset);
    }
}

int main(void)
{
    /* Brackets inside strings do not count, however the string is escaped. */
    check_depth("{\"a\":\"[[[[\"}", 1, 0, 0);
    check_depth("{\"a\":\"\\\"[[[[\"}", 1, 0, 0);       /* "\"[[[[" */
    check_depth("{\"a\":\"\\\\\\\"[[\"}", 1, 0, 0);     /* "\\\"[[" */
    check_depth("{\"a\":\"\\\\\",\"b\":[[1]]}", 2, DKG_ELIMIT, 15); /* "\\" ends there */
    check_depth("[[[", 2, DKG_ELIMIT, 2);
    check_depth("\"never closed [[[", 1, 0, 0);
    check_depth("\"ends in a backslash\\", 1, 0, 0);
    check_depth("", 0, 0, 0);

    /* Random inputs over an alphabet of quotes, backslashes and brackets. */
    static const char alphabet[] = "\"\\\\\\[{]}a";
    srand(7);
    char buf[64];
    long mismatches = 0;
    for (int round = 0; round < 200000; round++) {
        size_t len = (size_t)(rand() % (int)sizeof buf);
        for (size_t i = 0; i < len; i++) {
            buf[i] = alphabet[rand() % (int)(sizeof alphabet - 1)];
        }
        int max_depth = rand() % 4;
        size_t bad = 0, want_bad = 0;
        int rc = dkg_json_depth_check(buf, len, max_depth, &bad);
        int want = reference_depth_check(buf, len, max_depth, &want_bad);
        if (rc != want || (rc != 0 && bad != want_bad)) {
            if (mismatches++ == 0) {
                fprintf(stderr, "depth check differs on \"%.*s\" (max %d): %d at %zu, "
                                "expected %d at %zu\n",
                        (int)len, buf, max_depth, rc, bad, want, want_bad);
            }
        }
    }
    CHECK_INT(mismatches, 0);

    /* Keys are found outside strings only, past escaped quotes. */
    const char *doc = "{\"id\":\"x\\\"text\\\"\",\"text\":\"y\",\"list\":[1,{\"k\":\"]\"},3]}";
    size_t len = strlen(doc);
    CHECK_INT((long)dkg__json_locate(doc, len, "text", -1), (long)(strstr(doc, ",\"text\"") - doc + 1));
    CHECK_INT((long)dkg__json_locate(doc, len, "list", 2), (long)(strstr(doc, "3]") - doc));
    CHECK_INT((long)dkg__json_locate(doc, len, "absent", -1), 0);
    TEST_MAIN_END();
}
