/* tests/unit/test_utf8.c - UTF-8 validation, content ids, the date line. */
#include <stdlib.h>
#include <string.h>

#include "dkg/extract.h"
#include "testlib.h"

/* Validate a byte string given with its length; returns the bad offset or -1. */
static long bad_at(const char *s, size_t len)
{
    size_t off = 12345;
    int rc = dkg_utf8_validate(s, len, &off);
    if (rc == 0) {
        return -1;
    }
    CHECK_INT(rc, DKG_EUTF8);
    return (long)off;
}

#define BAD(lit) bad_at(lit, sizeof(lit) - 1)

static void test_valid(void)
{
    CHECK_INT(BAD(""), -1);
    CHECK_INT(BAD("plain ASCII text, long enough to use the 8-byte path."), -1);
    CHECK_INT(BAD("Erdo\xC4\x9F" "an met L\xC3\xB3pez Obrador"), -1);
    CHECK_INT(BAD("\xE2\x80\x9CQuoted\xE2\x80\x9D and \xE2\x80\x99"), -1);
    CHECK_INT(BAD("emoji \xF0\x9F\x98\x80 end"), -1);
    /* Boundaries of each range. */
    CHECK_INT(BAD("\x7F"), -1);
    CHECK_INT(BAD("\xC2\x80"), -1);            /* U+0080 */
    CHECK_INT(BAD("\xDF\xBF"), -1);            /* U+07FF */
    CHECK_INT(BAD("\xE0\xA0\x80"), -1);        /* U+0800 */
    CHECK_INT(BAD("\xED\x9F\xBF"), -1);        /* U+D7FF */
    CHECK_INT(BAD("\xEE\x80\x80"), -1);        /* U+E000 */
    CHECK_INT(BAD("\xEF\xBF\xBF"), -1);        /* U+FFFF */
    CHECK_INT(BAD("\xF0\x90\x80\x80"), -1);    /* U+10000 */
    CHECK_INT(BAD("\xF4\x8F\xBF\xBF"), -1);    /* U+10FFFF */
    CHECK(dkg_utf8_validate("abc", 3, NULL) == 0);
}

static void test_invalid(void)
{
    CHECK_INT(BAD("ab\xC0\xAF"), 2);               /* overlong '/' */
    CHECK_INT(BAD("\xC1\xBF"), 0);                 /* overlong */
    CHECK_INT(BAD("x\xE0\x80\xAF"), 1);            /* 3-byte overlong */
    CHECK_INT(BAD("\xF0\x80\x80\xAF"), 0);         /* 4-byte overlong */
    CHECK_INT(BAD("abc\xED\xA0\x80"), 3);          /* surrogate U+D800 */
    CHECK_INT(BAD("\xED\xBF\xBF"), 0);             /* surrogate U+DFFF */
    CHECK_INT(BAD("euro \xE2\x82"), 5);            /* truncated at end */
    CHECK_INT(BAD("\xE2\x82 more text"), 0);       /* truncated in the middle */
    CHECK_INT(BAD("\xF0\x9F\x98"), 0);             /* truncated 4-byte */
    CHECK_INT(BAD("\xC3"), 0);                     /* lone lead byte */
    CHECK_INT(BAD("ok \xF5\x80\x80\x80"), 3);      /* F5 never appears */
    CHECK_INT(BAD("\xF4\x90\x80\x80"), 0);         /* > U+10FFFF */
    CHECK_INT(BAD("\xFF"), 0);
    CHECK_INT(BAD("\xFE"), 0);
    CHECK_INT(BAD("abc\x80"), 3);                  /* stray continuation */
    CHECK_INT(BAD("\xC3\xA9\xA9"), 2);             /* continuation after a full char */
    CHECK_INT(BAD("\xE2\x28\xA1"), 0);             /* bad second byte */
    CHECK_INT(BAD("\xE2\x82\x28"), 0);             /* bad third byte */
    CHECK_INT(bad_at("abc\0def", 7), 3);           /* NUL */
    CHECK_INT(bad_at("\0", 1), 0);
    /* Errors found after and inside the 8-byte fast path. */
    CHECK_INT(BAD("0123456789abcdef\xC0"), 16);
    CHECK_INT(bad_at("01234567\0abcdefgh", 17), 8);
    CHECK_INT(bad_at("0123456789\0abcdefgh", 19), 10);
}

static void test_long_buffer(void)
{
    /* A large mostly-ASCII buffer with multibyte characters sprinkled in. */
    size_t n = 100000;
    char *buf = malloc(n);
    CHECK(buf != NULL);
    if (buf == NULL) {
        return;
    }
    for (size_t i = 0; i < n; i++) {
        buf[i] = (char)('a' + i % 26);
    }
    for (size_t i = 100; i + 2 < n; i += 997) {
        memcpy(buf + i, "\xC3\xA9", 2);
    }
    CHECK_INT(bad_at(buf, n), -1);
    buf[77777] = (char)0x80;
    CHECK_INT(bad_at(buf, n), 77777);
    free(buf);
}

static void test_content_id(void)
{
    char id[17];
    dkg_content_id("", 0, id);
    CHECK_STR(id, "cbf29ce484222325");
    dkg_content_id("a", 1, id);
    CHECK_STR(id, "af63dc4c8601ec8c");
    dkg_content_id("foobar", 6, id);
    CHECK_STR(id, "85944171f73967e8");
    CHECK_INT(strlen(id), 16);
}

static void test_dateline(void)
{
    char date[11] = "";
    const char *title = NULL;
    size_t tlen = 0;
    const char *a = " date 2025-12-04 Macron meets Xi in Beijing\n\nBEIJING (AP) ...";
    CHECK_INT(dkg_article_parse_dateline(a, strlen(a), date, &title, &tlen), 1);
    CHECK_STR(date, "2025-12-04");
    CHECK_INT(tlen, strlen("Macron meets Xi in Beijing"));
    CHECK(title != NULL && strncmp(title, "Macron meets Xi in Beijing", tlen) == 0);

    const char *b = "date 2024-02-29 Leap day\r\nText";
    CHECK_INT(dkg_article_parse_dateline(b, strlen(b), date, &title, &tlen), 1);
    CHECK_STR(date, "2024-02-29");
    CHECK_INT(tlen, 8);

    const char *c = "   date 2018-06-12";
    CHECK_INT(dkg_article_parse_dateline(c, strlen(c), date, &title, &tlen), 1);
    CHECK_STR(date, "2018-06-12");
    CHECK_INT(tlen, 0);

    const char *bad[] = {
        " date 2023-02-29 Not a leap year",
        " date 2025-13-01 Month 13",
        " date 2025-04-31 April has 30 days",
        " date 2025-00-10 Month zero",
        " date 2025-1-10 Short month",
        " date 2025-12-041 Trailing digit",
        " dated 2025-12-04 Wrong word",
        "BEIJING (AP) date 2025-12-04",
        " Date 2025-12-04 Capital D",
        "",
        " date ",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK_INT(dkg_article_parse_dateline(bad[i], strlen(bad[i]), date, &title, &tlen), 0);
    }
    /* The length bounds the scan: the date is cut off by len. */
    CHECK_INT(dkg_article_parse_dateline(a, 12, date, &title, &tlen), 0);
    /* 1900 is not a leap year, 2000 is. */
    CHECK_INT(dkg_article_parse_dateline(" date 1900-02-29 x", 18, date, NULL, NULL), 0);
    CHECK_INT(dkg_article_parse_dateline(" date 2000-02-29 x", 18, date, NULL, NULL), 1);
}

int main(void)
{
    test_valid();
    test_invalid();
    test_long_buffer();
    test_content_id();
    test_dateline();
    TEST_MAIN_END();
}
