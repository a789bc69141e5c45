/* tests/unit/test_output_escape.c - JSON string escaping in the output.
 *
 * output.c copies string bytes eight at a time while none needs an escape,
 * goes byte by byte through a word that holds one, then resumes by words.
 * Put each character that needs one (and a UTF-8 letter that does not) at
 * every position of a title longer than two words of eight bytes, and two
 * at every pair of positions, and check both the escapes written (cJSON's
 * form: \" \\ \n \t, \u00xx for other control bytes) and that the title
 * reads back unchanged. */
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "dkg/extract.h"
#include "extract_json.h"
#include "testlib.h"

static const char *extract_raw(dkg_extractor *x, const char *title, size_t *len)
{
    const char *text = "Emmanuel Macron met Olaf Scholz in Paris.";
    dkg_article art = {"t", "inline", "2025-12-05", title, text, strlen(text)};
    const char *json = NULL;
    dkg_error err;
    dkg_error_clear(&err);
    CHECK_INT(dkg_extract(x, &art, &json, len, &err), 0);
    return json;
}

static void check_title(dkg_extractor *x, const char *title, const char *escaped)
{
    size_t len = 0;
    const char *json = extract_raw(x, title, &len);
    if (json == NULL) {
        return;
    }
    /* The escaped form appears, quoted, in the raw output. */
    size_t elen = strlen(escaped);
    char *quoted = malloc(elen + 3);
    quoted[0] = '"';
    memcpy(quoted + 1, escaped, elen);
    quoted[elen + 1] = '"';
    quoted[elen + 2] = '\0';
    char *copy = malloc(len + 1);
    memcpy(copy, json, len);
    copy[len] = '\0';
    CHECK(strstr(copy, quoted) != NULL);
    cJSON *doc = cJSON_Parse(copy);
    const cJSON *d = cJSON_GetObjectItemCaseSensitive(doc, "doc");
    CHECK_STR(str(d, "title"), title);
    cJSON_Delete(doc);
    free(copy);
    free(quoted);
}

int main(void)
{
    dkg_lexicon *lex = NULL;
    dkg_rules *rules = NULL;
    dkg_extractor *x = NULL;
    if (open_shipped(&lex, &rules, &x) != 0) {
        return 1;
    }
    static const struct {
        const char *raw;
        const char *escaped;
    } specials[] = {{"\"", "\\\""}, {"\\", "\\\\"}, {"\n", "\\n"},   {"\t", "\\t"},
                    {"\r", "\\r"},  {"\b", "\\b"},  {"\f", "\\f"},   {"\x01", "\\u0001"},
                    {"\x1f", "\\u001f"}, {"\xC3\xA9", "\xC3\xA9"}, {"~", "~"}};
    const char *base = "Leaders meet in Paris today";
    size_t blen = strlen(base);
    for (size_t k = 0; k < sizeof specials / sizeof specials[0]; k++) {
        for (size_t at = 0; at <= blen; at++) {
            char title[64];
            char escaped[64];
            snprintf(title, sizeof title, "%.*s%s%s", (int)at, base, specials[k].raw, base + at);
            snprintf(escaped, sizeof escaped, "%.*s%s%s", (int)at, base, specials[k].escaped,
                     base + at);
            check_title(x, title, escaped);
        }
    }
    /* Two escapes at every pair of positions: the words between and after
     * them must be copied whole again, at any alignment. */
    const char *longer = "The two leaders met in Paris on Friday";
    size_t llen = strlen(longer);
    for (size_t a = 0; a <= llen; a++) {
        for (size_t b = a; b <= llen; b++) {
            char title[128];
            char escaped[128];
            snprintf(title, sizeof title, "%.*s\"%.*s\n%s", (int)a, longer, (int)(b - a),
                     longer + a, longer + b);
            snprintf(escaped, sizeof escaped, "%.*s\\\"%.*s\\n%s", (int)a, longer,
                     (int)(b - a), longer + a, longer + b);
            check_title(x, title, escaped);
        }
    }
    check_title(x, "", "");
    check_title(x, "exactly8", "exactly8");
    check_title(x, "\"\"\"\"\"\"\"\"", "\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"");
    dkg_extractor_free(x);
    dkg_rules_free(rules);
    dkg_lexicon_free(lex);
    TEST_MAIN_END();
}
