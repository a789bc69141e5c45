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
        fprintf(stderr, "  unexpected visit %s -> %s (rule %s)\n", source, target, str(r, "rule"));
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

/* Visit cues of their own, each with a sentence that fires it. */
typedef struct visit_case {
    const char *rule; /* the rule that must give it; NULL for the negatives */
    const char *text;
    const char *source, *target, *status;
} visit_case;

static const visit_case cue_cases[] = {
    /* left-for: the trip is under way */
    {"left-for", "Emmanuel Macron left Beijing on Thursday for Tokyo.", MACRON, "place/tokyo",
     "occurred"},
    /* home-from: whatever the plan, the person was there */
    {"home-from", "Sanae Takaichi had been expected to fly home from Canberra.",
     "person/sanae-takaichi", "place/canberra", "occurred"},
    /* in-his-place: the stand-in goes where the story is */
    {"in-his-place",
     "The forum opened in Lima on Monday. Xi Jinping stayed away; Premier Li Qiang came in his "
     "place.",
     "person/li-qiang", "place/lima", "occurred"},
    /* place-person-visited */
    {"place-person-visited", "Emmanuel Macron praised Odesa, the port city he visited on Tuesday.",
     MACRON, "place/odesa", "occurred"},
    /* where-represented: the status is the clause's, not the skipped summit's */
    {"where-represented",
     "Lula skipped the forum in Astana, where Foreign Minister Jean-Noël Barrot represented "
     "France.",
     "person/jean-noel-barrot", "place/astana", "occurred"},
    /* last-visit-by */
    {"last-visit-by",
     "It will be the first visit to Chile by a Japanese prime minister in 20 years; the last was "
     "by Junichiro Koizumi in 2004.",
     "person/junichiro-koizumi", "country/CHL", "occurred"},
    /* stay-at: a stay named by its length, or time spent somewhere */
    {"stay-at",
     "Emmanuel Macron flew to Kyiv after a weekend at his retreat in Turnberry, Scotland.", MACRON,
     "place/turnberry", "occurred"},
    {"stay-at",
     "Emmanuel Macron flew to Kyiv after spending two days with French troops at a base in "
     "Estonia.",
     MACRON, "country/EST", "occurred"},
    /* joined-by-visit: the one who joined is where the story is */
    {"joined-by-visit",
     "The talks opened in Geneva on Monday. Sergei Lavrov, joined by Kaja Kallas, held a session "
     "that ran late.",
     "person/kaja-kallas", "place/geneva", "occurred"},
    /* visited-no-place: a journey's end named in the paragraph stays as named */
    {"visited-no-place",
     "Leaders flocked to the White House this week. Emmanuel Macron visited on Monday.", MACRON,
     "place/white-house", "occurred"},
    /* stop-in-after and travel-meeting-in */
    {"stop-in-after",
     "Olaf Scholz toured the region, meeting Xi Jinping in Beijing after a stop in Seoul.",
     "person/olaf-scholz", "place/seoul", "occurred"},
    {"travel-meeting-in",
     "Olaf Scholz toured the region, meeting Xi Jinping in Beijing after a stop in Seoul.",
     "person/olaf-scholz", "place/beijing", "occurred"},
    /* met-on-arrival: the one met on arrival arrived */
    {"met-on-arrival",
     "The trip began in Belém, where Luiz Inácio Lula da Silva greeted Emmanuel Macron on "
     "arrival.",
     MACRON, "place/belem", "occurred"},
    /* signed-there and as-did-signatory: signatories at the ceremony's place */
    {"signed-there",
     "The ceremony was held in Istanbul on Friday. Sergei Lavrov put his name to one text, and "
     "Andrii Sybiha signed the other.",
     "person/sergei-lavrov", "place/istanbul", "occurred"},
    {"signed-there",
     "The ceremony was held in Istanbul on Friday. Sergei Lavrov put his name to one text, and "
     "Andrii Sybiha signed the other.",
     "person/andrii-sybiha", "place/istanbul", "occurred"},
    {"as-did-signatory",
     "The ceremony was held in Istanbul on Friday. Hakan Fidan signed both, as did Sergei "
     "Lavrov.",
     "person/sergei-lavrov", "place/istanbul", "occurred"},
    /* signed-by-visit: both signatories of "signed by A, ..., and B" */
    {"signed-by-visit",
     "The accord was announced in Doha. It was signed by Sergei Lavrov, Russia's foreign "
     "minister, and Marco Rubio, the American secretary of state.",
     "person/marco-rubio", "place/doha", "occurred"},
    /* among-attending: the guests a host received at the gathering */
    {"among-attending",
     "Xi Jinping hosted the forum in Shanghai on Monday. Among the guests he received were "
     "Emmanuel Macron and Luiz Inácio Lula da Silva.",
     LULA, "place/shanghai", "occurred"},
    /* companion: the companion goes where the traveller's trip goes */
    {"companion",
     "Emmanuel Macron flew to Tokyo on Tuesday. He had brought along his foreign minister, "
     "Jean-Noël Barrot.",
     "person/jean-noel-barrot", "place/tokyo", "occurred"},
    {"companion",
     "Emmanuel Macron began the day with a visit to Kyoto with his wife, Brigitte Macron.",
     "person/brigitte-macron", "place/kyoto", "occurred"},
};

/* Near misses that must give no visit of the person named. */
static const visit_case cue_negatives[] = {
    /* a place list after a stay: "Turnberry, Scotland" is one destination */
    {NULL, "Emmanuel Macron flew to Kyiv after a weekend at his retreat in Turnberry, Scotland.",
     MACRON, "place/scotland", NULL},
    /* the host of a signing at home, and signing a decree names no ceremony */
    {NULL, "The ceremony was held in Istanbul on Friday. Hakan Fidan signed both.",
     "person/hakan-fidan", "place/istanbul", NULL},
    {NULL, " date 2025-12-05 Leaders meet in Tokyo\n\nEmmanuel Macron signed a decree on Friday.",
     MACRON, "place/tokyo", NULL},
    /* joining by video is no trip */
    {NULL,
     "The talks opened in Geneva on Monday. Sergei Lavrov, joined by Kaja Kallas by video link, "
     "held a session.",
     "person/kaja-kallas", "place/geneva", NULL},
    /* the one who met the arriving guest did not arrive */
    {NULL, "The trip began in Belém, where Emmanuel Macron greeted Xi Jinping on arrival.", MACRON,
     "place/belem", NULL},
};

static void test_visit_cues(void)
{
    for (size_t i = 0; i < sizeof cue_cases / sizeof cue_cases[0]; i++) {
        const visit_case *c = &cue_cases[i];
        cJSON *doc = extract(c->text);
        expect_visit(doc, c->source, c->target, c->status);
        const cJSON *r = find_rel(doc, "visit", c->source, c->target);
        CHECK_STR(r ? str(r, "rule") : NULL, c->rule);
        cJSON_Delete(doc);
    }
    for (size_t i = 0; i < sizeof cue_negatives / sizeof cue_negatives[0]; i++) {
        const visit_case *c = &cue_negatives[i];
        cJSON *doc = extract(c->text);
        expect_no_visit(doc, c->source, c->target);
        cJSON_Delete(doc);
    }
}

static int has_mention(const cJSON *doc, const char *id, const char *text)
{
    const cJSON *e;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(doc, "entities")) {
        const cJSON *m;
        if (!same(str(e, "id"), id)) {
            continue;
        }
        cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(e, "mentions")) {
            if (same(str(m, "text"), text)) {
                return 1;
            }
        }
    }
    return 0;
}

/* "the capital" is the capital city named shortly before, not the capital
 * of the country named last; "the kingdom", "the People's Republic" are the
 * country named last with that official form. */
static void test_place_references(void)
{
    cJSON *doc = extract("Emmanuel Macron arrived in Kyiv on Thursday, as Russia pressed its "
                         "offensive.\n\nHe was joined in the capital by Olaf Scholz.");
    CHECK(has_mention(doc, "place/kyiv", "the capital"));
    expect_visit(doc, "person/olaf-scholz", "place/kyiv", "occurred");
    expect_no_visit(doc, "person/olaf-scholz", "place/moscow");
    cJSON_Delete(doc);

    doc = extract("Xi Jinping praised Saudi Arabia and China's ties. Xi Jinping last visited the "
                  "kingdom in 2016.");
    CHECK(has_mention(doc, "country/SAU", "the kingdom"));
    expect_visit(doc, "person/xi-jinping", "country/SAU", "occurred");
    cJSON_Delete(doc);

    doc = extract("Emmanuel Macron praised China’s growth. Emmanuel Macron first visited the "
                  "People’s Republic in 2010.");
    CHECK(has_mention(doc, "country/CHN", "the People’s Republic"));
    expect_visit(doc, MACRON, "country/CHN", "occurred");
    cJSON_Delete(doc);

    /* a kingdom never named gives no country */
    doc = extract("Emmanuel Macron praised China’s growth. Emmanuel Macron visited the kingdom.");
    CHECK(!has_mention(doc, "country/CHN", "the kingdom"));
    cJSON_Delete(doc);
}

/* "The two leaders" long after the last pair was named is the article's
 * main pair, not the last two leaders named; named lately, the last two. */
static void test_two_leaders(void)
{
    cJSON *doc = extract("Anthony Albanese met Xi Jinping in Beijing on Monday. Albanese praised "
                         "Xi. Xi thanked Albanese.\n\n"
                         "Albanese is to hold annual leaders’ talks with Premier Li Qiang on "
                         "Tuesday.\n\n"
                         "Canberra lifted tariffs. Trade grew fast. Wine exports doubled.\n\n"
                         "The two leaders first met in Bali last November, on the sidelines of the "
                         "Group of 20 summit.");
    const cJSON *r = find_rel(doc, "meet", "person/anthony-albanese", "person/li-qiang");
    CHECK_STR(r ? str(r, "status") : NULL, "planned");
    r = find_rel(doc, "visit", "person/xi-jinping", "place/bali");
    CHECK_STR(r ? str(r, "date") : NULL, "2025-11");
    expect_no_visit(doc, "person/li-qiang", "place/bali");
    cJSON_Delete(doc);

    doc = extract("Anthony Albanese met Xi Jinping in Beijing on Monday. Albanese praised Xi.\n\n"
                  "Emmanuel Macron called Sanae Takaichi on Tuesday. The two leaders met in "
                  "Paris on Thursday.");
    r = find_rel(doc, "meet", MACRON, "person/sanae-takaichi");
    CHECK_STR(r ? str(r, "date") : NULL, "2025-12-04");
    CHECK(find_rel(doc, "meet", "person/anthony-albanese", "person/xi-jinping") != NULL);
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
    test_visit_cues();
    test_place_references();
    test_two_leaders();
    dkg_extractor_free(ex);
    dkg_rules_free(rules);
    dkg_lexicon_free(lex);
    TEST_MAIN_END();
}
