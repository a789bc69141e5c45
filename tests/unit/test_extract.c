/* tests/unit/test_extract.c - the extraction API end to end on small inline texts.
 *
 * Loads the shipped lexicon and rules (DKG_SOURCE_DIR/data), extracts short
 * articles through the public API only and reads the JSON back with cJSON, so
 * each check is on a field of the contract: every default rule with a sentence
 * that fires it (and, for the families, sentences that must not), status from
 * negation and modality, resolution of surnames, titles, groups and pronouns,
 * discovery cues, relative dates, offsets in bytes and code points, invalid
 * UTF-8 and a runaway user pattern. Cases that fail today are left out and
 * reported (tests/golden/README.md lists those seen on the samples). */
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "dkg/extract.h"
#include "extract_json.h"
#include "testlib.h"

#define ARTICLE_DATE "2025-12-05" /* a Friday: "Thursday" is 12-04, "Wednesday" 12-03 */

static dkg_lexicon *lex;
static dkg_rules *rules;
static dkg_extractor *ex;

static cJSON *extract(const char *text)
{
    return extract_with(ex, text, ARTICLE_DATE);
}

static const cJSON *find_entity(const cJSON *doc, const char *id)
{
    const cJSON *e;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(doc, "entities")) {
        if (same(str(e, "id"), id)) {
            return e;
        }
    }
    return NULL;
}

static int count_type(const cJSON *doc, const char *type)
{
    int n = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(doc, "entities")) {
        n += same(str(e, "type"), type);
    }
    return n;
}

/* Whether entity id has a mention with exactly this text. */
static int has_mention(const cJSON *doc, const char *id, const char *text)
{
    const cJSON *m;
    const cJSON *e = find_entity(doc, id);
    if (e == NULL) {
        return 0;
    }
    cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(e, "mentions")) {
        if (same(str(m, "text"), text)) {
            return 1;
        }
    }
    return 0;
}

#define MACRON "person/emmanuel-macron"
#define XI "person/xi-jinping"
#define BEIJING "place/beijing"

/* One rule, one sentence that fires it. NULL fields are not checked; rule
 * NULL when an earlier rule of the same meaning takes the match first. */
typedef struct rule_case {
    const char *rule;
    const char *text;
    const char *type, *source, *target, *status, *date, *place;
} rule_case;

static const rule_case positives[] = {
    {"met-with", "Emmanuel Macron met Xi Jinping in Beijing on Thursday.", "meet", MACRON, XI,
     "occurred", "2025-12-04", BEIJING},
    {NULL, "Emmanuel Macron arrived in Beijing and met Xi Jinping.", "meet", MACRON, XI,
     "occurred", NULL, BEIJING},
    {"discussed-with", "Emmanuel Macron discussed trade with Xi Jinping on Thursday.", "meet",
     MACRON, XI, "occurred", "2025-12-04", NULL},
    {"was-met-by", "Emmanuel Macron was greeted by Xi Jinping at the airport.", "meet", MACRON,
     XI, "occurred", NULL, NULL},
    {"held-talks-with", "Emmanuel Macron held talks with Xi Jinping on Thursday.", "meet",
     MACRON, XI, "occurred", "2025-12-04", NULL},
    {"for-talks-with", "Emmanuel Macron flew in on Thursday for talks with Xi Jinping.", "meet",
     MACRON, XI, "occurred", "2025-12-04", NULL},
    {"talks-between", "Talks between Emmanuel Macron and Xi Jinping lasted two hours on Thursday.",
     "meet", MACRON, XI, "occurred", "2025-12-04", NULL},
    {"sat-down-with", "Emmanuel Macron sat down with Xi Jinping on Thursday.", "meet", MACRON, XI,
     "occurred", "2025-12-04", NULL},
    {"hosted", "Xi Jinping hosted Emmanuel Macron in Beijing on Thursday.", "meet", XI, MACRON,
     "occurred", "2025-12-04", BEIJING},
    {"spent-with", "Emmanuel Macron spent the afternoon with Xi Jinping on Thursday.", "meet",
     MACRON, XI, "occurred", "2025-12-04", NULL},
    {"summit-included", "Emmanuel Macron attended a summit that included Xi Jinping.", "meet",
     MACRON, XI, "occurred", NULL, NULL},
    {"presided-by", "The meeting, presided over by Xi Jinping and Emmanuel Macron, ended on "
                    "Thursday.",
     "meet", XI, MACRON, "occurred", "2025-12-04", NULL},
    {"signed-with-person", "Emmanuel Macron signed a declaration with Xi Jinping on Thursday.",
     "meet", MACRON, XI, "occurred", "2025-12-04", NULL},
    {"handed", "Emmanuel Macron handed Xi Jinping a letter on Thursday.", "meet", MACRON, XI,
     "occurred", "2025-12-04", NULL},
    {"joined-by", "Emmanuel Macron was joined by Xi Jinping at the ceremony on Thursday.", "meet",
     MACRON, XI, "occurred", "2025-12-04", NULL},
    {"signed-by", "The accord was signed by Emmanuel Macron and Xi Jinping on Thursday.", "meet",
     MACRON, XI, "occurred", "2025-12-04", NULL},
    {"alongside", "Emmanuel Macron spoke alongside Xi Jinping on Thursday.", "meet", MACRON, XI,
     "occurred", "2025-12-04", NULL},
    {"called-on", "Emmanuel Macron called on Xi Jinping at his residence on Thursday.", "meet",
     MACRON, XI, "occurred", "2025-12-04", NULL},
    {"joint-conference", "Emmanuel Macron and Xi Jinping held a joint press conference on "
                         "Thursday.",
     "meet", MACRON, XI, "occurred", "2025-12-04", NULL},
    {"joint-conference-with", "Emmanuel Macron spoke at a joint press conference with Xi Jinping.",
     "meet", MACRON, XI, "occurred", NULL, NULL},
    {"together-did", "Emmanuel Macron and Xi Jinping toured the museum together on Thursday.",
     "meet", MACRON, XI, "occurred", "2025-12-04", NULL},
    {"agenda-meetings", "Emmanuel Macron's agenda includes meetings with Xi Jinping and Li Qiang.",
     "meet", MACRON, "person/li-qiang", "planned", NULL, NULL},
    {"told-in-person", "Emmanuel Macron told Xi Jinping during their talks that France wanted "
                       "peace.",
     "meet", MACRON, XI, "occurred", NULL, NULL},
    {"spoke-by-phone", "Emmanuel Macron spoke by phone with Xi Jinping on Thursday.", "call",
     MACRON, XI, "occurred", "2025-12-04", NULL},
    {"spoke-with-by-phone", "Emmanuel Macron spoke with Xi Jinping by phone on Thursday.", "call",
     MACRON, XI, "occurred", "2025-12-04", NULL},
    {"held-call-with", "Emmanuel Macron held a phone call with Xi Jinping on Thursday.", "call",
     MACRON, XI, "occurred", "2025-12-04", NULL},
    {"phoned", "Emmanuel Macron phoned Xi Jinping on Thursday.", "call", MACRON, XI, "occurred",
     "2025-12-04", NULL},
    {"together-spoke", "Emmanuel Macron and Xi Jinping spoke on the phone on Thursday.", "call",
     MACRON, XI, "occurred", "2025-12-04", NULL},
    {"spoken-to", "Emmanuel Macron has spoken to Xi Jinping twice this year.", "call", MACRON, XI,
     "occurred", "2025", NULL},
    {"call-between", "A phone call between Emmanuel Macron and Xi Jinping lasted an hour.", "call",
     MACRON, XI, "occurred", NULL, NULL},
    {"arrived-in", "Emmanuel Macron arrived in Beijing on Wednesday.", "visit", MACRON, BEIJING,
     "occurred", "2025-12-03", NULL},
    {"and-went", "Emmanuel Macron landed in Seoul and went to Beijing on Wednesday.", "visit",
     MACRON, BEIJING, "occurred", "2025-12-03", NULL},
    {"from-where", "Emmanuel Macron returned from Beijing, where he met Xi Jinping.", "visit",
     MACRON, BEIJING, "occurred", NULL, NULL},
    {"visited", "Emmanuel Macron visited Beijing on Wednesday.", "visit", MACRON, BEIJING,
     "occurred", "2025-12-03", NULL},
    {"stayed-in", "Emmanuel Macron remained in Beijing on Wednesday.", "visit", MACRON, BEIJING,
     "occurred", "2025-12-03", NULL},
    {"visit-to", "Emmanuel Macron began a visit to Beijing on Wednesday.", "visit", MACRON,
     BEIJING, "occurred", "2025-12-03", NULL},
    {"possessive-visit", "Emmanuel Macron's visit to Beijing began on Wednesday.", "visit",
     MACRON, BEIJING, "occurred", "2025-12-03", NULL},
    {"possessive-place-visit", "Emmanuel Macron's Beijing visit began on Wednesday.", "visit",
     MACRON, BEIJING, "occurred", "2025-12-03", NULL},
    {"stop-in", "Emmanuel Macron stopped in Beijing on Wednesday.", "visit", MACRON, BEIJING,
     "occurred", "2025-12-03", NULL},
    {"due-in", "Emmanuel Macron is due in Beijing on Friday.", "visit", MACRON, BEIJING,
     "planned", "2025-12-05", NULL},
    {"welcomed-to", "Xi Jinping welcomed Emmanuel Macron to Beijing on Wednesday.", "visit",
     MACRON, BEIJING, "occurred", "2025-12-03", NULL},
    {"received-in", "Xi Jinping received Emmanuel Macron in Beijing on Wednesday.", "visit",
     MACRON, BEIJING, "occurred", "2025-12-03", NULL},
    {"attended-in", "Emmanuel Macron attended a summit in Beijing on Wednesday.", "visit", MACRON,
     BEIJING, "occurred", "2025-12-03", NULL},
    {"at-summit-in", "Emmanuel Macron spoke at a summit in Beijing on Wednesday.", "visit",
     MACRON, BEIJING, "occurred", "2025-12-03", NULL},
    {"sidelines", "Emmanuel Macron spoke on the sidelines of a summit in Rio de Janeiro.", "visit",
     MACRON, "place/rio-de-janeiro", "occurred", NULL, NULL},
    {"flew-in", "Xi Jinping went to Beijing on Wednesday. Emmanuel Macron flew in on Thursday.",
     "visit", MACRON, BEIJING, "occurred", "2025-12-04", NULL},
    {"attending", "The G20 summit opened in Rio de Janeiro on Monday. Emmanuel Macron attended "
                  "the summit on Monday.",
     "visit", MACRON, "place/rio-de-janeiro", "occurred", "2025-12-01", NULL},
    {"sent-envoy", "The G20 summit opened in Rio de Janeiro on Monday. Vladimir Putin sent "
                   "Foreign Minister Sergei Lavrov.",
     "visit", "person/sergei-lavrov", "place/rio-de-janeiro", "occurred", "2025-12-01", NULL},
    {"joined-in-by", "Emmanuel Macron was joined in Moscow by Xi Jinping.", "visit", XI,
     "place/moscow", "occurred", NULL, NULL},
    {"to-visit-was", "The last French leader to visit China was Emmanuel Macron.", "visit", MACRON,
     "country/CHN", "occurred", NULL, NULL},
    {"visited-people-in", "Emmanuel Macron visited the troops in Estonia on Wednesday.", "visit",
     MACRON, "country/EST", "occurred", "2025-12-03", NULL},
    {"signed-agreements", "France and China signed agreements on energy on Thursday.", "agree",
     "country/FRA", "country/CHN", "occurred", "2025-12-04", NULL},
    {"signed-with", "France signed a deal with China on Thursday.", "agree", "country/FRA",
     "country/CHN", "occurred", "2025-12-04", NULL},
    {"pledged-aid", "China pledged $100 million in aid to Ukraine on Thursday.", "aid",
     "country/CHN", "country/UKR", "occurred", "2025-12-04", NULL},
    {"urged", "Emmanuel Macron urged Xi Jinping to help end the war.", "appeal", MACRON, XI,
     "occurred", NULL, NULL},
    {"backed", "China backed Russia at the United Nations.", "support", "country/CHN",
     "country/RUS", "occurred", NULL, NULL},
    {"provided-support", "China provided diplomatic support to Russia.", "support", "country/CHN",
     "country/RUS", "occurred", NULL, NULL},
    {"place-in-place", "Emmanuel Macron will fly to Chengdu in China's Sichuan province.",
     "located_in", "place/chengdu", "place/sichuan", NULL, NULL, NULL},
    /* status from the sentence: negation and modality */
    {"met-with", "Emmanuel Macron did not meet Xi Jinping.", "meet", MACRON, XI, "negated", NULL,
     NULL},
    {"met-with", "Emmanuel Macron declined to meet Xi Jinping in Beijing.", "meet", MACRON, XI,
     "negated", NULL, BEIJING},
    {"met-with", "Emmanuel Macron will meet Xi Jinping next week.", "meet", MACRON, XI, "planned",
     "2025-12", NULL},
    {"visited", "Emmanuel Macron will visit Beijing in July.", "visit", MACRON, BEIJING, "planned",
     "2026-07", NULL},
    /* dates: "last month", a year */
    {"visited", "Emmanuel Macron visited Beijing last month.", "visit", MACRON, BEIJING,
     "occurred", "2025-11", NULL},
    {"met-with", "Emmanuel Macron said Xi Jinping had met Vladimir Putin in 2019.", "meet", XI,
     "person/vladimir-putin", "occurred", "2019", NULL},
    {"met-with", "Emmanuel Macron met Xi Jinping yesterday.", "meet", MACRON, XI, "occurred",
     "2025-12-04", NULL},
    {"met-with", "Emmanuel Macron met Xi Jinping on 1 December 2025.", "meet", MACRON, XI,
     "occurred", "2025-12-01", NULL},
    {"met-with", "Emmanuel Macron met Xi Jinping last Friday.", "meet", MACRON, XI, "occurred",
     "2025-11-28", NULL},
    {"met-with", "Emmanuel Macron will meet Xi Jinping on Friday.", "meet", MACRON, XI, "planned",
     "2025-12-05", NULL},
    {"met-with", "Emmanuel Macron will meet Xi Jinping tomorrow.", "meet", MACRON, XI, "planned",
     "2025-12-06", NULL},
    {"met-with", "Emmanuel Macron met Xi Jinping in late May.", "meet", MACRON, XI, "occurred",
     "2025-05", NULL},
    {"met-with", "Emmanuel Macron met Xi Jinping earlier this month.", "meet", MACRON, XI,
     "occurred", "2025-12", NULL},
    {"met-with", "Emmanuel Macron met Xi Jinping last year.", "meet", MACRON, XI, "occurred",
     "2024", NULL},
    {"met-with", "Emmanuel Macron will meet Xi Jinping next year.", "meet", MACRON, XI, "planned",
     "2026", NULL},
};

/* Sentences near a rule's wording that must give no relation (role and
 * located_in aside). */
static const char *const negatives[] = {
    "Emmanuel Macron met reporters in Paris.",
    "Emmanuel Macron praised Xi Jinping.",
    "Emmanuel Macron wrote about Beijing.",
    "Emmanuel Macron criticised China.",
    "Emmanuel Macron discussed the war.",
    "Emmanuel Macron returned to Paris on Friday.",
    "Emmanuel Macron spoke to reporters by phone.",
    "Emmanuel Macron held talks with business leaders.",
    "Emmanuel Macron signed a decree.",
    "Emmanuel Macron urged calm.",
    "The visit was a success, officials said.",
    "Talks between the two sides resumed.",
    "The Chinese aircraft carrier Shandong sailed past Taiwan.",
};

static void test_rules(void)
{
    size_t i;
    for (i = 0; i < sizeof positives / sizeof positives[0]; i++) {
        const rule_case *c = &positives[i];
        cJSON *doc = extract(c->text);
        const cJSON *r = doc ? find_rel(doc, c->type, c->source, c->target) : NULL;
        if (r == NULL) {
            fprintf(stderr, "no %s %s-%s in: %s\n", c->type, c->source, c->target, c->text);
        }
        CHECK(r != NULL);
        if (r != NULL) {
            if (c->rule != NULL) {
                CHECK_STR(str(r, "rule"), c->rule);
            }
            if (c->status != NULL) {
                CHECK_STR(str(r, "status"), c->status);
            }
            CHECK(same(str(r, "date"), c->date) || c->date == NULL);
            if (c->date != NULL && !same(str(r, "date"), c->date)) {
                fprintf(stderr, "  date %s, expected %s: %s\n", str(r, "date"), c->date,
                        c->text);
            }
            if (c->place != NULL) {
                CHECK_STR(str(r, "place"), c->place);
            }
        }
        cJSON_Delete(doc);
    }
    for (i = 0; i < sizeof negatives / sizeof negatives[0]; i++) {
        cJSON *doc = extract(negatives[i]);
        CHECK(doc != NULL);
        if (count_rel(doc, NULL) != 0) {
            fprintf(stderr, "unexpected relation in: %s\n", negatives[i]);
        }
        CHECK_INT(count_rel(doc, NULL), 0);
        cJSON_Delete(doc);
    }
}

static void test_resolution(void)
{
    cJSON *doc;
    const cJSON *r;

    /* a surname after the full name */
    doc = extract("Emmanuel Macron arrived in Beijing on Wednesday. On Thursday, Macron met Xi "
                  "Jinping.");
    CHECK(has_mention(doc, MACRON, "Macron"));
    CHECK(find_rel(doc, "meet", MACRON, XI) != NULL);
    CHECK_INT(count_type(doc, "person"), 2);
    cJSON_Delete(doc);

    /* a title with a country adjective */
    doc = extract("Emmanuel Macron arrived in Beijing on Wednesday. The French leader met Xi "
                  "Jinping on Thursday.");
    CHECK(has_mention(doc, MACRON, "The French leader"));
    r = find_rel(doc, "meet", MACRON, XI);
    CHECK(r != NULL);
    CHECK_STR(str(r, "date"), "2025-12-04");
    CHECK_STR(str(r, "place"), BEIJING); /* the city he arrived in */
    cJSON_Delete(doc);

    /* a group */
    doc = extract("Emmanuel Macron and Xi Jinping arrived in Paris. The two leaders held talks "
                  "on Thursday.");
    r = find_rel(doc, "meet", MACRON, XI);
    CHECK(r != NULL);
    CHECK_STR(r ? str(r, "date") : NULL, "2025-12-04");
    CHECK_STR(r ? str(r, "place") : NULL, "place/paris");
    cJSON_Delete(doc);

    /* a pronoun at the start of a clause */
    doc = extract("Emmanuel Macron arrived in Beijing on Wednesday. He met Xi Jinping on "
                  "Thursday.");
    r = find_rel(doc, "meet", MACRON, XI);
    CHECK(r != NULL);
    CHECK_STR(r ? str(r, "date") : NULL, "2025-12-04");
    cJSON_Delete(doc);

    /* the lexicon by case and accents */
    doc = extract("Erdoğan met ERDOGAN and Erdogan.");
    CHECK(has_mention(doc, "person/recep-tayyip-erdogan", "Erdoğan"));
    CHECK(has_mention(doc, "person/recep-tayyip-erdogan", "ERDOGAN"));
    CHECK(has_mention(doc, "person/recep-tayyip-erdogan", "Erdogan"));
    CHECK_INT(count_type(doc, "person"), 1);
    cJSON_Delete(doc);

    /* a date-bounded role chosen by the article date */
    doc = extract_with(ex, "Chinese Premier Li met Emmanuel Macron.", "2019-03-25");
    CHECK(find_rel(doc, "meet", "person/li-keqiang", MACRON) != NULL);
    cJSON_Delete(doc);
    doc = extract_with(ex, "Chinese Premier Li met Emmanuel Macron.", "2025-03-25");
    CHECK(find_rel(doc, "meet", "person/li-qiang", MACRON) != NULL);
    cJSON_Delete(doc);
}

static void test_discovery(void)
{
    cJSON *doc;
    const cJSON *e, *r;

    /* a title before an unknown name */
    doc = extract("Chinese Premier Wang Dafu met Emmanuel Macron on Thursday.");
    e = find_entity(doc, "person/wang-dafu");
    CHECK(e != NULL);
    CHECK(e != NULL && cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(e, "known")));
    CHECK(find_rel(doc, "meet", "person/wang-dafu", MACRON) != NULL);
    r = find_rel(doc, "role", "person/wang-dafu", "country/CHN");
    CHECK_STR(r ? str(r, "title") : NULL, "Premier");
    cJSON_Delete(doc);

    /* an appositive after it */
    doc = extract("Zhang Wenhai, chairman of the National People's Congress, met Emmanuel "
                  "Macron on Thursday.");
    CHECK(find_entity(doc, "person/zhang-wenhai") != NULL);
    CHECK(find_rel(doc, "meet", "person/zhang-wenhai", MACRON) != NULL);
    cJSON_Delete(doc);

    /* a speech verb and an appositive with an institution */
    doc = extract("\xe2\x80\x9cWe want peace,\xe2\x80\x9d said Ruth Abernathy, a senior fellow "
                  "at the Asia Society.");
    e = find_entity(doc, "person/ruth-abernathy");
    CHECK(e != NULL);
    CHECK_STR(e ? cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(e, "roles"), 0)
                          ->valuestring
                : NULL,
              "Senior Fellow");
    CHECK_INT(count_type(doc, "person"), 1);
    cJSON_Delete(doc);

    /* a byline */
    doc = extract("Emmanuel Macron met Xi Jinping.\n\nKowalczyk reported from Beijing.");
    CHECK(find_entity(doc, "person/kowalczyk") != NULL);
    CHECK_INT(count_type(doc, "person"), 3);
    cJSON_Delete(doc);

    /* a panda in an appositive is nobody */
    doc = extract("Mei Lan, a giant panda born at the zoo, is popular.");
    CHECK_INT(count_type(doc, "person"), 0);
    cJSON_Delete(doc);
}

/* Every mention's and evidence's text equals text[start..end) in the unit given. */
static int spans_match(const cJSON *doc, const char *text, int codepoints)
{
    const cJSON *e, *m, *r;
    size_t len = strlen(text);
    size_t *cp_to_byte = malloc((len + 1) * sizeof *cp_to_byte);
    size_t ncp = 0, i;
    int ok = 1;
    for (i = 0; i <= len; i++) {
        if (i == len || ((unsigned char)text[i] & 0xC0) != 0x80) {
            cp_to_byte[ncp++] = i;
        }
    }
#define SPAN_OK(obj)                                                                         \
    do {                                                                                     \
        size_t s = (size_t)cJSON_GetObjectItemCaseSensitive(obj, "start")->valuedouble;      \
        size_t t = (size_t)cJSON_GetObjectItemCaseSensitive(obj, "end")->valuedouble;        \
        const char *want = str(obj, "text");                                                 \
        if (codepoints) {                                                                    \
            s = s < ncp ? cp_to_byte[s] : len + 1;                                           \
            t = t < ncp ? cp_to_byte[t] : len + 1;                                           \
        }                                                                                    \
        if (want == NULL || t > len || s > t || strlen(want) != t - s ||                     \
            memcmp(text + s, want, t - s) != 0) {                                            \
            ok = 0;                                                                          \
        }                                                                                    \
    } while (0)
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(doc, "entities")) {
        cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(e, "mentions")) {
            SPAN_OK(m);
        }
    }
    cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(doc, "relations")) {
        SPAN_OK(cJSON_GetObjectItemCaseSensitive(r, "evidence"));
    }
#undef SPAN_OK
    free(cp_to_byte);
    return ok;
}

static void test_offsets(void)
{
    const char *text = "Pr\xc3\xa9sident Erdo\xc4\x9f" "an said \xe2\x80\x9cyes\xe2\x80\x9d. "
                       "Recep Tayyip Erdo\xc4\x9f" "an met Emmanuel Macron in S\xc3\xa3o Paulo "
                       "on Thursday.";
    dkg_extract_options opt = {DKG_OFFSETS_CODEPOINTS, 0};
    dkg_extractor *cp = NULL;
    dkg_error err;
    cJSON *doc;
    const cJSON *m;

    doc = extract(text);
    CHECK(doc != NULL);
    CHECK(spans_match(doc, text, 0));
    CHECK(find_rel(doc, "meet", "person/recep-tayyip-erdogan", MACRON) != NULL);
    m = cJSON_GetArrayItem(
        cJSON_GetObjectItemCaseSensitive(find_entity(doc, MACRON), "mentions"), 0);
    CHECK_INT(cJSON_GetObjectItemCaseSensitive(m, "start")->valueint,
              strstr(text, "Emmanuel") - text);
    cJSON_Delete(doc);

    CHECK_INT(dkg_extractor_new(&cp, lex, rules, &opt, &err), 0);
    doc = extract_with(cp, text, ARTICLE_DATE);
    CHECK(doc != NULL);
    CHECK(spans_match(doc, text, 1));
    m = cJSON_GetArrayItem(
        cJSON_GetObjectItemCaseSensitive(find_entity(doc, MACRON), "mentions"), 0);
    /* before "Emmanuel": 3 two-byte letters and 2 three-byte quotes, 7 bytes more */
    CHECK_INT(cJSON_GetObjectItemCaseSensitive(m, "start")->valueint,
              (strstr(text, "Emmanuel") - text) - 7);
    cJSON_Delete(doc);
    dkg_extractor_free(cp);
}

static void test_bad_input(void)
{
    const char text[] = "Emmanuel Macron met\xff Xi Jinping.";
    dkg_article art = {"t", "inline", ARTICLE_DATE, NULL, text, sizeof text - 1};
    const char *json = NULL;
    size_t len = 0;
    dkg_error err;
    dkg_error_clear(&err);
    CHECK_INT(dkg_extract(ex, &art, &json, &len, &err), DKG_EUTF8);
    CHECK_INT(err.code, DKG_EUTF8);
    CHECK_INT(err.offset, 19);

    /* the extractor still works after a bad article */
    cJSON *doc = extract("Emmanuel Macron met Xi Jinping.");
    CHECK(find_rel(doc, "meet", MACRON, XI) != NULL);
    cJSON_Delete(doc);
}

static void test_runaway_rule(void)
{
    static const char user[] =
        "{\"dkg_rules\": 1, \"rules\": [{\"name\": \"runaway\", \"relation\": \"meet\", "
        "\"triggers\": [\"met\"], \"pattern\": \"{person:a} met (\\\\w+\\\\s?)*$\"}]}";
    dkg_rules *mine = NULL;
    dkg_extractor *x = NULL;
    dkg_error err;
    cJSON *doc;
    const cJSON *w;
    char text[4096];
    size_t n = 0;

    dkg_error_clear(&err);
    CHECK_INT(dkg_rules_new(&mine, &err), 0);
    CHECK_INT(dkg_rules_load_buffer(mine, "user.json", user, sizeof user - 1, &err), 0);
    if (err.code != 0) {
        fprintf(stderr, "%s\n", err.message);
    }
    CHECK_INT(dkg_extractor_new(&x, lex, mine, NULL, &err), 0);
    /* one long word and a final '!': (\w+\s?)* tries every split of it */
    n += (size_t)snprintf(text, sizeof text, "Emmanuel Macron met ");
    while (n < 50) {
        text[n++] = 'a';
    }
    snprintf(text + n, sizeof text - n, "!");
    doc = extract_with(x, text, ARTICLE_DATE);
    CHECK(doc != NULL);
    w = cJSON_GetObjectItemCaseSensitive(doc, "warnings");
    CHECK(cJSON_GetArraySize(w) > 0);
    CHECK(cJSON_IsString(cJSON_GetArrayItem(w, 0)) &&
          strstr(cJSON_GetArrayItem(w, 0)->valuestring, "runaway") != NULL);
    cJSON_Delete(doc);
    dkg_extractor_free(x);
    dkg_rules_free(mine);
}

int main(void)
{
    if (open_shipped(&lex, &rules, &ex) != 0) {
        return 1;
    }
    test_rules();
    test_resolution();
    test_discovery();
    test_offsets();
    test_bad_input();
    test_runaway_rule();
    dkg_extractor_free(ex);
    dkg_rules_free(rules);
    dkg_lexicon_free(lex);
    TEST_MAIN_END();
}
