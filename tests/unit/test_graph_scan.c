/* tests/unit/test_graph_scan.c - the in-place JSON scanner of the graph loader
 * (graph/graph_scan.c) and the strictness it gives dkg_graph_load_buffer:
 * spans and kinds of good values, the offset and reason of bad ones, string
 * decoding, numbers, nesting, and whole graph files with bad strings or keys
 * given twice. Inputs are passed without a NUL after them (the scanner is
 * bounded by the length, as for a file mapped in memory). */
#include <stdlib.h>
#include <string.h>

#include "dkg/extract.h"
#include "dkg/graph.h"
#include "graph_scan.h"
#include "testlib.h"

/* A copy of text without its NUL, so reading past the end is caught by ASan. */
static char *exact(const char *text, size_t *len)
{
    *len = strlen(text);
    char *copy = malloc(*len > 0 ? *len : 1);
    memcpy(copy, text, *len);
    return copy;
}

static void expect_value(const char *text, int kind, size_t start, size_t end, int escaped)
{
    size_t len = 0;
    char *buf = exact(text, &len);
    dkg__jspan v;
    dkg__jbad bad;
    CHECK_INT(dkg__scan_value(buf, len, 0, 0, &v, &bad), 0);
    CHECK_INT(v.kind, kind);
    CHECK_INT(v.start, start);
    CHECK_INT(v.end, end);
    CHECK_INT(v.escaped, escaped);
    free(buf);
}

static void expect_bad(const char *text, size_t offset, const char *what)
{
    size_t len = 0;
    char *buf = exact(text, &len);
    dkg__jspan v;
    dkg__jbad bad;
    CHECK_INT(dkg__scan_value(buf, len, 0, 0, &v, &bad), -1);
    CHECK_INT(bad.offset, offset);
    CHECK_STR(bad.what, what);
    free(buf);
}

static void test_values(void)
{
    expect_value("  \"abc\" ", DKG__JK_STRING, 2, 7, 0);
    expect_value("\"a long string of more than eight bytes\"", DKG__JK_STRING, 0, 40, 0);
    expect_value("\"tab\\tquote\\\"\"", DKG__JK_STRING, 0, 14, 1);
    expect_value("\"Erdo\xC4\x9F"
                 "an \xF0\x9F\x98\x80\"",
                 DKG__JK_STRING, 0, 15, 0);
    expect_value("-0.5e+3", DKG__JK_NUMBER, 0, 7, 0);
    expect_value("true", DKG__JK_TRUE, 0, 4, 0);
    expect_value("false", DKG__JK_FALSE, 0, 5, 0);
    expect_value("null", DKG__JK_NULL, 0, 4, 0);
    expect_value("[1, {\"a\": [\"x\", null]}, []]", DKG__JK_ARRAY, 0, 27, 0);
    expect_value("{}", DKG__JK_OBJECT, 0, 2, 0);
}

static void test_bad_values(void)
{
    expect_bad("", 0, "expected a value");
    expect_bad("\"open", 5, "unterminated string");
    expect_bad("\"a\tb\"", 2, "control character in a string (escape it)");
    expect_bad("\"a\\qb\"", 2, "invalid escape in a string");
    expect_bad("\"\\u00\"", 1, "invalid \\u escape");
    expect_bad("\"x\\u0000\"", 2, "\\u0000 is not allowed in a string");
    expect_bad("\"\\uD800x\"", 1, "unpaired surrogate in a \\u escape");
    expect_bad("\"\\uDC00\"", 1, "unpaired surrogate in a \\u escape");
    expect_bad("\"\\uD83D\\uDE", 11, "unpaired surrogate in a \\u escape"); /* cut short */
    expect_bad("[01]", 2, "expected ',' or ']'");                           /* no leading zeros */
    expect_bad("+1", 0, "expected a value");
    expect_bad("1.", 2, "expected a digit");
    expect_bad("1e", 2, "expected a digit");
    expect_bad("tru", 3, "expected a value");
    expect_bad("nul!", 0, "expected a value");
    expect_bad("[1 2]", 3, "expected ',' or ']'");
    expect_bad("[1,]", 3, "expected a value");
    expect_bad("{\"a\" 1}", 5, "expected ':'");
    expect_bad("{\"a\": 1,}", 8, "expected a key");
    expect_bad("{\"a\": 1", 7, "unterminated array or object");
    /* Invalid UTF-8 is flagged as such. */
    size_t len = 0;
    char *buf = exact("\"ab\xC3(\"", &len);
    dkg__jspan v;
    dkg__jbad bad;
    CHECK_INT(dkg__scan_value(buf, len, 0, 0, &v, &bad), -1);
    CHECK_INT(bad.offset, 3);
    CHECK_INT(bad.bad_utf8, 1);
    free(buf);
}

static void test_depth(void)
{
    char text[2 * DKG_MAX_JSON_DEPTH + 3];
    size_t n = 0;
    for (int i = 0; i < DKG_MAX_JSON_DEPTH; i++) {
        text[n++] = '[';
    }
    for (int i = 0; i < DKG_MAX_JSON_DEPTH; i++) {
        text[n++] = ']';
    }
    dkg__jspan v;
    dkg__jbad bad;
    CHECK_INT(dkg__scan_value(text, n, 0, 0, &v, &bad), 0);
    CHECK_INT(v.end, n);
    /* One level more (or the same inside a container) is refused, without
     * recursion. */
    CHECK_INT(dkg__scan_value(text, n, 0, 1, &v, &bad), -1);
    CHECK_INT(bad.too_deep, 1);
    CHECK_INT(bad.offset, DKG_MAX_JSON_DEPTH - 1);
}

static void test_object_and_decode(void)
{
    static const dkg__jkey sub_keys[] = {DKG__JKEY("start"), DKG__JKEY("text")};
    static const dkg__jschema sub = {sub_keys, 2, -1, NULL};
    static const dkg__jkey keys[] = {DKG__JKEY("id"), DKG__JKEY("n"), DKG__JKEY("ev")};
    static const dkg__jschema schema = {keys, 3, 2, &sub};
    const char *text = "{\"other\": [1, {\"id\": 2}], \"n\": 12, \"\\u0069d\": "
                       "\"caf\\u00e9 \\ud83d\\ude00\\n\","
                       " \"ev\": {\"text\": \"x\", \"start\": 7}}";
    size_t len = 0;
    char *buf = exact(text, &len);
    dkg__jspan slots[5], whole;
    dkg__jbad bad;
    CHECK_INT(dkg__scan_object(buf, len, 0, 0, &schema, slots, &whole, &bad), 0);
    CHECK_INT(whole.end, len);
    CHECK_INT(slots[0].kind, DKG__JK_STRING); /* "\u0069d" is "id" */
    CHECK_INT(slots[1].kind, DKG__JK_NUMBER);
    CHECK(dkg__scan_number(buf, &slots[1]) == 12.0);
    CHECK_INT(slots[2].kind, DKG__JK_OBJECT);
    CHECK_INT(slots[3].kind, DKG__JK_NUMBER); /* ev.start */
    CHECK_INT(slots[4].kind, DKG__JK_STRING); /* ev.text */
    char out[64];
    size_t n = dkg__scan_decode(buf, &slots[0], out);
    out[n] = '\0';
    CHECK_STR(out, "caf\xC3\xA9 \xF0\x9F\x98\x80\n");
    free(buf);

    /* A key given twice: the second is reported, with the schema's name. */
    buf = exact("{\"n\": 1, \"id\": \"a\", \"n\": 2}", &len);
    CHECK_INT(dkg__scan_object(buf, len, 0, 0, &schema, slots, &whole, &bad), -1);
    CHECK_STR(bad.key, "n");
    CHECK_INT(bad.offset, 20);
    free(buf);
    /* Not an object: 1, with the value's span. */
    buf = exact(" [1]", &len);
    CHECK_INT(dkg__scan_object(buf, len, 0, 0, &schema, slots, &whole, &bad), 1);
    CHECK_INT(whole.kind, DKG__JK_ARRAY);
    free(buf);

    /* Walking members and elements of a checked value. */
    buf = exact("{\"a\": 1, \"b\": [2, 3]}", &len);
    size_t pos = 0;
    dkg__jspan k, v;
    CHECK_INT(dkg__scan_next(buf, len, &pos, &k, &v), 1);
    CHECK_INT(k.start, 1);
    CHECK_INT(v.kind, DKG__JK_NUMBER);
    CHECK_INT(dkg__scan_next(buf, len, &pos, &k, &v), 1);
    CHECK_INT(v.kind, DKG__JK_ARRAY);
    size_t inner = v.start;
    CHECK_INT(dkg__scan_next(buf, len, &pos, &k, &v), 0);
    CHECK_INT(dkg__scan_next(buf, len, &inner, NULL, &v), 1);
    CHECK(dkg__scan_number(buf, &v) == 2.0);
    CHECK_INT(dkg__scan_next(buf, len, &inner, NULL, &v), 1);
    CHECK_INT(dkg__scan_next(buf, len, &inner, NULL, &v), 0);
    free(buf);

    /* Numbers: plain digits, exponents, and ones too long for a small buffer. */
    char big[120];
    memset(big, '0', sizeof big);
    big[0] = '1';
    buf = exact("1e3", &len);
    dkg__jspan s = {0, 3, DKG__JK_NUMBER, 0};
    CHECK(dkg__scan_number(buf, &s) == 1000.0);
    free(buf);
    s.end = sizeof big;
    CHECK(dkg__scan_number(big, &s) == 1e119);
}

/* Whole graph files: strictness the cJSON-based loader did not have. */
#define GOOD_HEAD "{\"dkg_graph\": 1,\n\"documents\": [\n"
#define NODE_A                                                                                     \
    "{\"id\":\"p/"                                                                                 \
    "a\",\"type\":\"person\",\"name\":\"A\",\"known\":true,\"country\":null,"                      \
    "\"aliases\":[\"A\"],\"roles\":[],\"mentions\":1,\"articles\":1,\"first_"                      \
    "seen\":null,"                                                                                 \
    "\"last_seen\":null}"

static void expect_graph_error(const char *text, long line, long col, const char *message)
{
    size_t len = 0;
    char *buf = exact(text, &len);
    dkg_graph *g = NULL;
    dkg_error err;
    dkg_error_clear(&err);
    CHECK(dkg_graph_load_buffer(&g, "g.json", buf, len, &err) < 0);
    CHECK(g == NULL);
    CHECK_INT(err.line, line);
    CHECK_INT(err.column, col);
    CHECK_STR(err.message, message);
    free(buf);
}

static void test_strict_files(void)
{
    const char *ok = GOOD_HEAD "{\"id\":\"d\",\"source\":null,\"date\":null,\"title\":null,"
                               "\"bytes\":null,\"mentions\":{\"p/a\":1}}\n],\n\"nodes\": [\n" NODE_A
                               "\n],\n\"edges\": []}\n";
    size_t len = 0;
    char *buf = exact(ok, &len);
    dkg_graph *g = NULL;
    dkg_error err;
    dkg_error_clear(&err);
    CHECK_INT(dkg_graph_load_buffer(&g, "g.json", buf, len, &err), 0);
    CHECK_INT(dkg_graph_node_count(g), 1);
    dkg_graph_free(g);
    free(buf);

    expect_graph_error(GOOD_HEAD "{\"id\":\"d\",\"source\":\"a\tb\"}\n],\n\"nodes\": [], "
                                 "\"edges\": []}",
                       3, 22,
                       "graph file is not valid JSON: control character in a string "
                       "(escape it)");
    expect_graph_error(GOOD_HEAD "{\"id\":\"d\\u0000\"}\n],\n\"nodes\": [], \"edges\": []}", 3, 9,
                       "graph file is not valid JSON: \\u0000 is not allowed in a string");
    expect_graph_error(GOOD_HEAD "],\n\"nodes\": [{\"id\":\"p/\xFF\"}], \"edges\": []}", 4, 20,
                       "invalid UTF-8 at this byte; save the file as UTF-8");
    expect_graph_error(GOOD_HEAD "],\n\"nodes\": [{\"id\":\"p/a\",\"id\":\"p/b\"}], \"edges\": []}",
                       4, 23, "nodes[0]: duplicate key \"id\"");
    expect_graph_error(GOOD_HEAD "{\"id\":\"d\",\"source\":null,\"date\":null,\"title\":null,"
                                 "\"bytes\":null,\"mentions\":{\"p/a\":1,\"p/a\":1}}\n],\n"
                                 "\"nodes\": [\n" NODE_A "\n],\n\"edges\": []}\n",
                       3, 83, "documents[0].mentions: duplicate key \"p/a\"");
    expect_graph_error(GOOD_HEAD "],\n\"nodes\": [], \"edges\": [], \"extra\": [1,]}", 4, 39,
                       "graph file is not valid JSON: expected a value");
}

int main(void)
{
    test_values();
    test_bad_values();
    test_depth();
    test_object_and_decode();
    test_strict_files();
    TEST_MAIN_END();
}
