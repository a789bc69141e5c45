/* tests/unit/test_query.c - the query module's parts: dates of mixed precision, edit
 * distance, display widths, the three renderers, option checks, name resolution and
 * every subcommand through the API on the fixture graph (igraph's cleanup stack must
 * be empty after each call, as igraph's own tests check). */
#include <stdlib.h>
#include <string.h>

#include <igraph.h>

#include "dkg/graph.h"
#include "dkg/query.h"
#include "query_internal.h"
#include "testlib.h"

#define FIXTURE DKG_SOURCE_DIR "/tests/fixtures/query/graph.json"

static void test_dates(void)
{
    CHECK(dkg__date_valid("2025"));
    CHECK(dkg__date_valid("2025-06"));
    CHECK(dkg__date_valid("2025-06-30"));
    CHECK(!dkg__date_valid("2025-13"));
    CHECK(!dkg__date_valid("2025-00"));
    CHECK(!dkg__date_valid("2025-06-32"));
    CHECK(!dkg__date_valid("2025-6"));
    CHECK(!dkg__date_valid("25"));
    CHECK(!dkg__date_valid("2025/06/01"));
    CHECK(!dkg__date_valid(NULL));
    char lo[11], hi[11];
    CHECK_INT(dkg__date_bounds("2025", lo, hi), 0);
    CHECK_STR(lo, "2025-00-00");
    CHECK_STR(hi, "2025-99-99");
    CHECK_INT(dkg__date_bounds("2025-06", lo, hi), 0);
    CHECK_STR(lo, "2025-06-00");
    CHECK_STR(hi, "2025-06-99");
    CHECK_INT(dkg__date_bounds("2025-06-15", lo, hi), 0);
    CHECK_STR(lo, "2025-06-15");
    CHECK_STR(hi, "2025-06-15");
    CHECK_INT(dkg__date_bounds("June", lo, hi), -1);
    /* Year before its months before their days; undated last. */
    CHECK(dkg__date_cmp("2025", "2025-01") < 0);
    CHECK(dkg__date_cmp("2025-01", "2025-01-01") < 0);
    CHECK(dkg__date_cmp("2024-12-31", "2025") < 0);
    CHECK(dkg__date_cmp("2025-12-04", NULL) < 0);
    CHECK(dkg__date_cmp(NULL, "1999") > 0);
    CHECK_INT(dkg__date_cmp(NULL, NULL), 0);
    CHECK_INT(dkg__date_cmp("2025-06", "2025-06"), 0);
}

static void test_edit_distance(void)
{
    CHECK_INT(dkg__edit_distance("macron", "macron", 3), 0);
    CHECK_INT(dkg__edit_distance("macrn", "macron", 3), 1);
    CHECK_INT(dkg__edit_distance("erdogan", "erdgoan", 3), 2);
    CHECK_INT(dkg__edit_distance("", "abc", 5), 3);
    /* Past the limit: limit + 1, whatever the true distance. */
    CHECK_INT(dkg__edit_distance("xi", "emmanuel macron", 2), 3);
    CHECK_INT(dkg__edit_distance("abcdef", "uvwxyz", 2), 3);
}

static void test_width(void)
{
    CHECK_INT(dkg__text_width("Macron"), 6);
    CHECK_INT(dkg__text_width("Erdoğan"), 7);
    CHECK_INT(dkg__text_width("习近平"), 6);
    CHECK_INT(dkg__text_width("e\xcc\x81"), 1); /* e + combining acute */
    CHECK_INT(dkg__text_width(""), 0);
}

static char *render(const dkg_query_result *r, dkg_query_format f)
{
    char *text = NULL;
    dkg_error err;
    CHECK_INT(dkg_query_result_render(r, f, &text, NULL, &err), 0);
    return text;
}

static void test_render(void)
{
    dkg_query_result *r = dkg__result_new("demo");
    CHECK(r != NULL);
    if (r == NULL) {
        return;
    }
    dkg__result_summary(r, "two rows");
    dkg__result_field_str(r, "quote", "say \"hi\"\\");
    dkg__result_field_real(r, "x", 0.5, 2);
    static const char *const cols[] = {"name", "hidden", "n", "tags", NULL};
    dkg__section *s = dkg__result_section(r, "rows", cols);
    s->hide_in_table = 1ul << 1;
    dkg__cell *row = dkg__section_row(r, s);
    dkg__cell_str(r, &row[0], "习近平");
    dkg__cell_str(r, &row[1], "tab\there");
    dkg__cell_int(&row[2], 7);
    const char *tags[] = {"a", "b"};
    dkg__cell_list(r, &row[3], tags, 2);
    row = dkg__section_row(r, s);
    dkg__cell_str(r, &row[0], "Erdoğan");
    dkg__cell_str(r, &row[1], NULL);
    dkg__cell_int(&row[2], 12345);
    dkg__cell_list(r, &row[3], NULL, 0);
    CHECK_INT(r->failed, 0);

    char *t = render(r, DKG_QUERY_TABLE);
    CHECK_STR(t, "two rows\n\n"
                 "NAME         N  TAGS\n"
                 "习近平       7  a, b\n"
                 "Erdoğan  12345  -\n");
    free(t);
    t = render(r, DKG_QUERY_TSV);
    CHECK_STR(t, "name\thidden\tn\ttags\n"
                 "习近平\ttab here\t7\ta, b\n"
                 "Erdoğan\t\t12345\t\n");
    free(t);
    t = render(r, DKG_QUERY_JSON);
    CHECK_STR(t, "{\n"
                 "  \"query\": \"demo\",\n"
                 "  \"quote\": \"say \\\"hi\\\"\\\\\",\n"
                 "  \"x\": 0.50,\n"
                 "  \"rows\": [\n"
                 "    {\"name\": \"习近平\", \"hidden\": \"tab\\there\", \"n\": 7, "
                 "\"tags\": [\"a\", \"b\"]},\n"
                 "    {\"name\": \"Erdoğan\", \"hidden\": null, \"n\": 12345, \"tags\": []}\n"
                 "  ]\n"
                 "}\n");
    free(t);
    dkg_query_result_free(r);
    dkg_query_result_free(NULL);
}

static void test_options(void)
{
    dkg_query_options o;
    dkg_error err;
    dkg_query_options_init(&o);
    CHECK_INT(o.depth, 1);
    CHECK_INT(o.top, 10);
    CHECK_INT((int)o.seed, 1);
    CHECK_INT(dkg_query_options_check(&o, &err), 0);
    o.since = "2025-02-30x";
    CHECK_INT(dkg_query_options_check(&o, &err), DKG_EINVAL);
    CHECK_STR(err.message, "invalid --since '2025-02-30x' (expected YYYY, YYYY-MM or YYYY-MM-DD)");
    dkg_query_options_init(&o);
    o.status = "occurred,maybe";
    CHECK_INT(dkg_query_options_check(&o, &err), DKG_EINVAL);
    o.status = "planned,negated";
    CHECK_INT(dkg_query_options_check(&o, &err), 0);
    o.depth = 0;
    CHECK_INT(dkg_query_options_check(&o, &err), DKG_EINVAL);
    CHECK_INT(dkg_query_arity("who-met"), 1);
    CHECK_INT(dkg_query_arity("path"), 2);
    CHECK_INT(dkg_query_arity("communities"), 0);
    CHECK_INT(dkg_query_arity("nope"), -1);
}

/* Run a query and return its TSV (NULL on failure, the code in *rc). */
static char *query_tsv(dkg_graph *g, const char *sub, const char *a, const char *b,
                       const dkg_query_options *o, int *rc, dkg_error *err)
{
    const char *names[2] = {a, b};
    dkg_query_result *r = NULL;
    *rc = dkg_query_run(&r, g, sub, names, o, err);
    CHECK_INT(IGRAPH_FINALLY_STACK_SIZE(), 0);
    if (*rc != 0) {
        CHECK(r == NULL);
        return NULL;
    }
    char *t = render(r, DKG_QUERY_TSV);
    dkg_query_result_free(r);
    return t;
}

static void test_queries(void)
{
    dkg_graph *g = NULL;
    dkg_error err;
    if (dkg_graph_load(&g, FIXTURE, &err) != 0) {
        fprintf(stderr, "cannot load %s: %s\n", FIXTURE, err.message);
        CHECK(0);
        return;
    }
    dkg_query_options o;
    dkg_query_options_init(&o);
    int rc;
    char *t;

    /* Resolution: case, accents, aliases, words, ids; ambiguity and suggestions. */
    const char *same[] = {"erdogan", "ERDOĞAN", "Recep Tayyip Erdogan", "tayyip erdogan",
                          "person/recep-tayyip-erdogan", "recep-tayyip-erdogan"};
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        t = query_tsv(g, "entity", same[i], NULL, &o, &rc, &err);
        CHECK_INT(rc, 0);
        CHECK(t != NULL && strstr(t, "id\tperson/recep-tayyip-erdogan\n") != NULL);
        free(t);
    }
    t = query_tsv(g, "entity", "macron", NULL, &o, &rc, &err);
    CHECK(t != NULL && strstr(t, "id\tperson/emmanuel-macron\n") != NULL);
    free(t);
    t = query_tsv(g, "entity", "Bush", NULL, &o, &rc, &err);
    CHECK_INT(rc, DKG_EAMBIGUOUS);
    CHECK_STR(err.message, "'Bush' is ambiguous: George H. W. Bush (person/george-h-w-bush), "
                           "George W. Bush (person/george-w-bush)");
    t = query_tsv(g, "who-met", "Erdgoan", NULL, &o, &rc, &err);
    CHECK_INT(rc, DKG_ENOTFOUND);
    CHECK_STR(err.message, "no entity named 'Erdgoan'; did you mean Recep Tayyip Erdoğan?");
    t = query_tsv(g, "who-met", "Obama", NULL, &o, &rc, &err);
    CHECK_INT(rc, DKG_ENOTFOUND);
    CHECK_STR(err.message, "no entity named 'Obama'");

    /* Filters: precision-aware dates, status, country. */
    o.since = "2025-06";
    t = query_tsv(g, "who-met", "Macron", NULL, &o, &rc, &err);
    CHECK_STR(t, "partner\tid\tmeetings\tfirst\tlast\tplaces\tstatus\tarticles\n"
                 "Recep Tayyip Erdoğan\tperson/recep-tayyip-erdogan\t1\t2025-06\t2025-06\t"
                 "Ankara\toccurred\t1\n"
                 "Xi Jinping\tperson/xi-jinping\t1\t2025-12-04\t2025-12-04\tBeijing\t"
                 "occurred\t2\n");
    free(t);
    dkg_query_options_init(&o);
    o.until = "2024-01";
    t = query_tsv(g, "met", "Macron", "Xi", &o, &rc, &err);
    CHECK_STR(t, "date\tstatus\tplace\tarticle\tevidence\n"
                 "2024\toccurred\tParis\td3\tXi met Macron in Paris this year.\n");
    free(t);
    dkg_query_options_init(&o);
    o.status = "negated";
    t = query_tsv(g, "who-met", "Macron", NULL, &o, &rc, &err);
    CHECK_STR(t, "partner\tid\tmeetings\tfirst\tlast\tplaces\tstatus\tarticles\n"
                 "Olaf Scholz\tperson/olaf-scholz\t1\t2025-06-15\t2025-06-15\t\tnegated\t1\n");
    free(t);
    dkg_query_options_init(&o);
    o.country = "nzl";
    t = query_tsv(g, "rank", NULL, NULL, &o, &rc, &err);
    CHECK_STR(t, "rank\tname\tid\ttype\tcountry\tdegree\trelations\n"
                 "1\tChris Hipkins\tperson/chris-hipkins\tperson\tNZL\t1\t1\n"
                 "1\tJacinda Ardern\tperson/jacinda-ardern\tperson\tNZL\t1\t1\n");
    free(t);

    /* Every subcommand leaves igraph's cleanup stack empty (checked in query_tsv). */
    dkg_query_options_init(&o);
    const char *subs[][3] = {{"who-met", "Xi", NULL},      {"met", "Xi", "Li Qiang"},
                             {"neighbors", "Lula", NULL},  {"path", "Scholz", "Zhao Leji"},
                             {"path", "Ardern", "Lula"},   {"timeline", "Xi", NULL},
                             {"entity", "Beijing", NULL},  {"rank", NULL, NULL},
                             {"communities", NULL, NULL}};
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++) {
        t = query_tsv(g, subs[i][0], subs[i][1], subs[i][2], &o, &rc, &err);
        CHECK_INT(rc, 0);
        CHECK(t != NULL);
        free(t);
    }
    o.by = DKG_QUERY_BY_PAGERANK;
    o.top = 2;
    t = query_tsv(g, "rank", NULL, NULL, &o, &rc, &err);
    CHECK_STR(t, "rank\tname\tid\ttype\tcountry\tpagerank\trelations\n"
                 "1\tEmmanuel Macron\tperson/emmanuel-macron\tperson\tFRA\t0.170324\t6\n"
                 "2\tXi Jinping\tperson/xi-jinping\tperson\tCHN\t0.139477\t5\n");
    free(t);
    t = query_tsv(g, "nope", NULL, NULL, &o, &rc, &err);
    CHECK_INT(rc, DKG_EINVAL);
    dkg_graph_free(g);
}

int main(void)
{
    test_dates();
    test_edit_distance();
    test_width();
    test_render();
    test_options();
    test_queries();
    TEST_MAIN_END();
}
