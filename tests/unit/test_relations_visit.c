/* tests/unit/test_relations_visit.c - visits whose place comes from the
 * story rather than from the sentence (extract/discourse.c), and the visit
 * rules and resolutions added for them.
 *
 * Every text is invented for the test; people and places are the shipped
 * lexicon's. Each case asserts the relation's fields (source, target,
 * status) and, where the point is a place, that the wrong place is absent. */
#include <stdlib.h>
#include <string.h>
#include "dkg/extract.h"
#include "extract_json.h"
#include "testlib.h"

#define ARTICLE_DATE "2025-12-05" /* a Friday */
#define MACRON "person/emmanuel-macron"
#define LULA "person/luiz-inacio-lula-da-silva"

static dkg_extractor *ex;

static cJSON *extract(const char *text)
{
    return extract_with(ex, text, ARTICLE_DATE);
}

/* Checks that a visit source -> target exists with this status (NULL: any). */
static void expect_visit(const cJSON *doc, const char *source, const char *target,
                         const char *status)
{
    const cJSON *r = find_rel(doc, "visit", source, target);
    if (r == NULL) {
        fprintf(stderr, "  no visit %s -> %s\n", source, target);
    }
    CHECK(r != NULL);
    if (r != NULL && status != NULL) {
        CHECK_STR(str(r, "status"), status);
    }
}

static void expect_no_visit(const cJSON *doc, const char *source, const char *target)
{
    const cJSON *r = find_rel(doc, "visit", source, target);
    if (r != NULL) {
        fprintf(stderr, "  unexpected visit %s -> %s (rule %s)\n", source, target,
                str(r, "rule"));
    }
    CHECK(r == NULL);
}

/* A cue without a place takes the place the paragraph last put events in,
 * not the headline's. */
static void test_paragraph_place(void)
{
    cJSON *doc = extract(" date 2025-12-05 Trade ministers meet in Beijing\n\n"
                         "Ministers met in Beijing on Monday.\n\n"
                         "A second forum opened in Shanghai on Thursday. Among those attending "
                         "were Emmanuel Macron and Luiz Inácio Lula da Silva.");
    expect_visit(doc, MACRON, "place/shanghai", "occurred");
    expect_visit(doc, LULA, "place/shanghai", "occurred");
    expect_no_visit(doc, MACRON, "place/beijing");
    cJSON_Delete(doc);

    /* Where someone is based says nothing about the story. */
    doc = extract(" date 2025-12-05 Leaders gather in Beijing\n\n"
                  "An analyst based in Shanghai said the forum mattered. Emmanuel Macron flew "
                  "in on Thursday.");
    expect_visit(doc, MACRON, "place/beijing", "occurred");
    expect_no_visit(doc, MACRON, "place/shanghai");
    cJSON_Delete(doc);
}

/* A country-wide setting is narrowed to the place in that country where the
 * opening paragraphs put the event; a city-state stays as it is. */
static void test_setting_narrowed(void)
{
    cJSON *doc = extract(" date 2025-12-05 Peace conference opens in Switzerland\n\n"
                         "Delegations gathered on Thursday.\n\n"
                         "Viola Amherd greeted the delegations at the Bürgenstock resort.\n\n"
                         "Emmanuel Macron flew in on Thursday.");
    expect_visit(doc, MACRON, "place/burgenstock", "occurred");
    expect_no_visit(doc, MACRON, "country/CHE");
    cJSON_Delete(doc);

    doc = extract(" date 2025-12-05 Defence forum opens in Singapore\n\n"
                  "Officials gathered at the Shangri-La Hotel on Thursday.\n\n"
                  "Emmanuel Macron flew in on Thursday.");
    expect_visit(doc, MACRON, "country/SGP", "occurred");
    expect_no_visit(doc, MACRON, "place/shangri-la-hotel");
    cJSON_Delete(doc);
}

/* Talks at a venue of the setting city: arriving for them is a trip to the
 * city, as the setting names it. */
static void test_venue_widened(void)
{
    cJSON *doc = extract(" date 2025-12-05 Xi Jinping hosts leaders in Beijing\n\n"
                         "The talks opened at the Great Hall of the People on Thursday. "
                         "Emmanuel Macron, who arrived late, spoke first.");
    expect_visit(doc, MACRON, "place/beijing", "occurred");
    expect_no_visit(doc, MACRON, "place/great-hall-of-the-people");
    cJSON_Delete(doc);
}

/* A trip to a country is not listed beside the same trip to a city in it;
 * a trip there in another year is. */
static void test_most_precise_destination(void)
{
    cJSON *doc = extract("Luiz Inácio Lula da Silva arrived in Marseille on Tuesday. It is Lula's "
                         "first visit to France as president.");
    expect_visit(doc, LULA, "place/marseille", "occurred");
    expect_no_visit(doc, LULA, "country/FRA");
    cJSON_Delete(doc);

    doc = extract("Luiz Inácio Lula da Silva arrived in Marseille on Tuesday. Lula last visited "
                  "France in 2009.");
    expect_visit(doc, LULA, "place/marseille", "occurred");
    expect_visit(doc, LULA, "country/FRA", "occurred");
    cJSON_Delete(doc);
}

/* "X skipped the summit and sent Y": the skipping is X's, Y went. One envoy
 * per "sent": "sent Y, and Z sent W" does not send Z. A plan carries over. */
static void test_second_verb_status(void)
{
    cJSON *doc = extract("The forum opened in Lima on Monday. Xi Jinping skipped the forum and "
                         "sent Premier Li Qiang, and Vladimir Putin sent Foreign Minister Sergei "
                         "Lavrov.");
    expect_visit(doc, "person/li-qiang", "place/lima", "occurred");
    expect_visit(doc, "person/sergei-lavrov", "place/lima", "occurred");
    const cJSON *r = find_rel(doc, "visit", "person/vladimir-putin", "place/lima");
    CHECK(r == NULL || same(str(r, "status"), "negated"));
    cJSON_Delete(doc);

    doc = extract("The forum opens in Lima next week. Xi Jinping will skip the forum and send "
                  "Premier Li Qiang.");
    expect_visit(doc, "person/li-qiang", "place/lima", "planned");
    cJSON_Delete(doc);
}

/* A venue outside any city belongs to the trip already told to a city of
 * its country, or to the city the story is in; one that is a destination of
 * its own stays. */
static void test_venue_outside_city(void)
{
    cJSON *doc = extract("Xi Jinping arrived in Moscow on Monday. That evening Vladimir Putin "
                         "hosted him at Novo-Ogaryovo for dinner.");
    expect_visit(doc, "person/xi-jinping", "place/moscow", "occurred");
    expect_no_visit(doc, "person/xi-jinping", "place/novo-ogaryovo");
    cJSON_Delete(doc);

    doc = extract(" date 2025-12-05 North American leaders meet in Mexico City\n\n"
                  "Justin Trudeau landed at Felipe Ángeles International Airport on Monday.");
    expect_visit(doc, "person/justin-trudeau", "place/mexico-city", "occurred");
    expect_no_visit(doc, "person/justin-trudeau", "place/felipe-angeles-international-airport");
    cJSON_Delete(doc);

    doc = extract("Donald Trump hosted Emmanuel Macron at Camp David on Thursday.");
    expect_visit(doc, MACRON, "place/camp-david", "occurred");
    cJSON_Delete(doc);
}

int main(void)
{
    dkg_lexicon *lex = NULL;
    dkg_rules *rules = NULL;
    if (open_shipped(&lex, &rules, &ex) != 0) {
        return 1;
    }
    test_paragraph_place();
    test_setting_narrowed();
    test_venue_widened();
    test_most_precise_destination();
    test_second_verb_status();
    test_venue_outside_city();
    dkg_extractor_free(ex);
    dkg_rules_free(rules);
    dkg_lexicon_free(lex);
    TEST_MAIN_END();
}
