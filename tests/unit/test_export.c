/* tests/unit/test_export.c - the export library: dates, text cleaning, name
 * resolution, options, and igraph reading our GraphML back.
 *
 * The GraphML round trip uses igraph's own reader (igraph_read_graph_graphml),
 * the consumer igraph users have: every node and edge comes back with its
 * typed attributes and special characters intact. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <igraph.h>

#include "dkg/export.h"
#include "dkg/graph.h"
#include "export_internal.h"
#include "testlib.h"

static void test_dates(void)
{
    char lo[11];
    char hi[11];
    CHECK_INT(dkg__xdate_bounds("2025", lo, hi), 0);
    CHECK_STR(lo, "2025-01-01");
    CHECK_STR(hi, "2025-12-31");
    CHECK_INT(dkg__xdate_bounds("2024-02", lo, hi), 0);
    CHECK_STR(lo, "2024-02-01");
    CHECK_STR(hi, "2024-02-29");
    CHECK_INT(dkg__xdate_bounds("2025-02", lo, hi), 0);
    CHECK_STR(hi, "2025-02-28");
    CHECK_INT(dkg__xdate_bounds("1900-02", lo, hi), 0);
    CHECK_STR(hi, "1900-02-28");
    CHECK_INT(dkg__xdate_bounds("2025-12-04", lo, hi), 0);
    CHECK_STR(lo, "2025-12-04");
    CHECK_STR(hi, "2025-12-04");
    CHECK_INT(dkg__xdate_bounds("2025-13", lo, hi), -1);
    CHECK_INT(dkg__xdate_bounds("2025-02-30", lo, hi), -1);
    CHECK_INT(dkg__xdate_bounds("2025-1-01", lo, hi), -1);
    CHECK_INT(dkg__xdate_bounds("25", lo, hi), -1);
    CHECK_INT(dkg__xdate_bounds(NULL, lo, hi), -1);
    CHECK(dkg__xdate_valid("2025-06"));
    CHECK(!dkg__xdate_valid("June"));
}

static void test_clean(void)
{
    dkg__arena a = {0};
    /* BEL and ESC dropped, tab and newline kept, invalid bytes -> U+FFFD. */
    const char in[] = "a\x07" "b\tc\nd\x1b" "e\xff" "f\xc3\xa9" "\xed\xa0\x80";
    const char *out = dkg__arena_clean(&a, in, sizeof in - 1);
    CHECK_STR(out, "ab\tc\nde\xef\xbf\xbd" "f\xc3\xa9\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
    CHECK_STR(dkg__arena_clean(&a, "", 0), "");
    CHECK(dkg__arena_clean(&a, NULL, 0) == NULL);
    /* A truncated sequence at the end is replaced, not read past. */
    CHECK_STR(dkg__arena_clean(&a, "x\xe2\x82", 3), "x\xef\xbf\xbd\xef\xbf\xbd");
    /* Big strings get their own block. */
    size_t big = 200000;
    char *s = malloc(big + 1);
    memset(s, 'z', big);
    s[big] = '\0';
    const char *c = dkg__arena_clean(&a, s, big);
    CHECK(c != NULL && strlen(c) == big);
    free(s);
    dkg__arena_destroy(&a);
    dkg__arena_destroy(NULL);
}

static void test_options(void)
{
    dkg_export_options o;
    dkg_export_options_init(&o);
    dkg_error err;
    CHECK_INT(dkg_export_options_check(&o, &err), 0);
    dkg_export_format f;
    CHECK_INT(dkg_export_format_parse("gexf", &f), 0);
    CHECK_INT(f, DKG_EXPORT_GEXF);
    CHECK_INT(dkg_export_format_parse("html", &f), 0);
    CHECK_STR(dkg_export_format_name(f), "html");
    CHECK_INT(dkg_export_format_parse("GEXF", &f), DKG_EINVAL);
    CHECK(!dkg_export_streamable(DKG_EXPORT_NEO4J));
    CHECK(!dkg_export_streamable(DKG_EXPORT_PNG));
    CHECK(dkg_export_streamable(DKG_EXPORT_SVG));
    o.depth = 0;
    CHECK_INT(dkg_export_options_check(&o, &err), DKG_EINVAL);
    CHECK_STR(err.message, "--depth must be between 1 and 10");
    o.depth = 1;
    o.status = "occurred,nope";
    CHECK_INT(dkg_export_options_check(&o, &err), DKG_EINVAL);
    CHECK_STR(err.message, "--status: 'nope' is not occurred, planned, negated or any");
    o.status = "occurred,planned";
    o.until = "2025-02-29";
    CHECK_INT(dkg_export_options_check(&o, &err), DKG_EINVAL);
}

static const char two_bushes[] =
    "{\"dkg_graph\": 1,\n\"documents\": [\n"
    "{\"id\":\"d\",\"source\":null,\"date\":\"2003-03-20\",\"title\":null,\"bytes\":10,"
    "\"mentions\":{\"person/george-h-w-bush\":1,\"person/george-w-bush\":1}}\n],\n"
    "\"nodes\": [\n"
    "{\"id\":\"person/george-h-w-bush\",\"type\":\"person\",\"name\":\"George H. W. Bush\","
    "\"known\":true,\"country\":\"USA\",\"aliases\":[\"George H. W. Bush\"],\"roles\":[],"
    "\"mentions\":1,\"articles\":1,\"first_seen\":\"2003-03-20\",\"last_seen\":\"2003-03-20\"},\n"
    "{\"id\":\"person/george-w-bush\",\"type\":\"person\",\"name\":\"George W. Bush\","
    "\"known\":true,\"country\":\"USA\",\"aliases\":[\"George W. Bush\"],\"roles\":[],"
    "\"mentions\":1,\"articles\":1,\"first_seen\":\"2003-03-20\",\"last_seen\":\"2003-03-20\"}\n"
    "],\n\"edges\": [\n]\n}\n";

static void test_resolve(void)
{
    dkg_graph *g = NULL;
    dkg_error err;
    CHECK_INT(dkg_graph_load_buffer(&g, "bushes", two_bushes, sizeof two_bushes - 1, &err), 0);
    if (g == NULL) {
        fprintf(stderr, "load: %s\n", err.message);
        return;
    }
    size_t v = 99;
    CHECK_INT(dkg__xresolve(g, "person/george-w-bush", &v, &err), 0);
    CHECK_INT(v, 1);
    CHECK_INT(dkg__xresolve(g, "GEORGE W. BUSH", &v, &err), 0);
    CHECK_INT(v, 1);
    CHECK_INT(dkg__xresolve(g, "bush", &v, &err), DKG_EAMBIGUOUS);
    CHECK_STR(err.message, "'bush' is ambiguous: George H. W. Bush (person/george-h-w-bush), "
                           "George W. Bush (person/george-w-bush)");
    CHECK_INT(dkg__xresolve(g, "bosh", &v, &err), DKG_ENOTFOUND);
    CHECK_STR(err.message, "no entity named 'bosh'; did you mean George H. W. Bush "
                           "(person/george-h-w-bush), George W. Bush (person/george-w-bush)?");
    CHECK_INT(dkg__xresolve(g, "Angela Merkel", &v, &err), DKG_ENOTFOUND);
    CHECK_STR(err.message, "no entity named 'Angela Merkel'");

    /* An export with an ambiguous ego fails before writing anything. */
    dkg_export_options o;
    dkg_export_options_init(&o);
    o.format = DKG_EXPORT_DOT;
    o.ego = "Bush";
    FILE *f = tmpfile();
    CHECK_INT(dkg_export_write(g, &o, f, &err), DKG_EAMBIGUOUS);
    CHECK_INT(ftell(f), 0);
    fclose(f);
    dkg_graph_free(g);
}

/* The string attribute name of vertex v, or "" when the attribute is missing. */
static const char *vstr(const igraph_t *ig, const char *name, igraph_integer_t v)
{
    if (!igraph_cattribute_has_attr(ig, IGRAPH_ATTRIBUTE_VERTEX, name)) {
        return "";
    }
    return VAS(ig, name, v);
}

/* The type igraph gave a vertex (vertex = 1) or edge attribute, or -1. */
static int attr_type(const igraph_t *ig, int vertex, const char *name)
{
    igraph_strvector_t names[3];
    igraph_vector_int_t types[3];
    for (int i = 0; i < 3; i++) {
        igraph_strvector_init(&names[i], 0);
        igraph_vector_int_init(&types[i], 0);
    }
    int result = -1;
    if (igraph_cattribute_list(ig, &names[0], &types[0], &names[1], &types[1], &names[2],
                               &types[2]) == IGRAPH_SUCCESS) {
        int k = vertex ? 1 : 2;
        for (igraph_integer_t i = 0; i < igraph_strvector_size(&names[k]); i++) {
            if (strcmp(igraph_strvector_get(&names[k], i), name) == 0) {
                result = (int)VECTOR(types[k])[i];
            }
        }
    }
    for (int i = 0; i < 3; i++) {
        igraph_strvector_destroy(&names[i]);
        igraph_vector_int_destroy(&types[i]);
    }
    return result;
}

static void test_graphml_igraph(void)
{
    dkg_graph *g = NULL;
    dkg_error err;
    const char *fixture = DKG_SOURCE_DIR "/tests/fixtures/export/special.json";
    CHECK_INT(dkg_graph_load(&g, fixture, &err), 0);
    if (g == NULL) {
        fprintf(stderr, "load: %s\n", err.message);
        return;
    }
    char path[] = "/tmp/dkg-test-export-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);
    dkg_export_options o;
    dkg_export_options_init(&o);
    o.format = DKG_EXPORT_GRAPHML;
    CHECK_INT(dkg_export_save(g, &o, path, &err), 0);
    CHECK_INT(IGRAPH_FINALLY_STACK_SIZE(), 0);

    FILE *in = fopen(path, "r");
    CHECK(in != NULL);
    igraph_t ig;
    igraph_error_t rc = in != NULL ? igraph_read_graph_graphml(&ig, in, 0) : IGRAPH_FAILURE;
    if (in != NULL) {
        fclose(in);
    }
    unlink(path);
    CHECK_INT(rc, IGRAPH_SUCCESS);
    if (rc != IGRAPH_SUCCESS) {
        dkg_graph_free(g);
        return;
    }
    CHECK_INT(igraph_vcount(&ig), 11);
    CHECK_INT(igraph_ecount(&ig), 9);
    CHECK(igraph_is_directed(&ig));
    /* Typed keys come back typed. */
    CHECK_INT(attr_type(&ig, 1, "known"), IGRAPH_ATTRIBUTE_BOOLEAN);
    CHECK_INT(attr_type(&ig, 1, "mentions"), IGRAPH_ATTRIBUTE_NUMERIC);
    CHECK_INT(attr_type(&ig, 1, "name"), IGRAPH_ATTRIBUTE_STRING);
    CHECK_INT(attr_type(&ig, 0, "weight"), IGRAPH_ATTRIBUTE_NUMERIC);
    CHECK_INT(attr_type(&ig, 0, "evidence"), IGRAPH_ATTRIBUTE_STRING);
    CHECK_INT(attr_type(&ig, 0, "symmetric"), IGRAPH_ATTRIBUTE_BOOLEAN);

    /* Vertices in id order: n0 is country/CHN; find the special names. */
    CHECK_STR(vstr(&ig, "id", 0), "n0");
    CHECK_STR(vstr(&ig, "dkg_id", 0), "country/CHN");
    int found = 0;
    for (igraph_integer_t v = 0; v < igraph_vcount(&ig); v++) {
        const char *id = vstr(&ig, "dkg_id", v);
        const char *name = vstr(&ig, "name", v);
        if (strcmp(id, "person/jean-newline") == 0) {
            CHECK_STR(name, "Jean\nNewline");
            found++;
        } else if (strcmp(id, "organization/quoted-group") == 0) {
            CHECK_STR(name, "The \"Quoted\", Group");
            found++;
        } else if (strcmp(id, "organization/alpha-omega") == 0) {
            CHECK_STR(name, "<Alpha> & Omega");
            CHECK_STR(vstr(&ig, "label", v), "<Alpha> & Omega");
            found++;
        } else if (strcmp(id, "person/ctrl-char") == 0) {
            CHECK_STR(name, "CtrlChar");
            found++;
        } else if (strcmp(id, "person/recep-tayyip-erdogan") == 0) {
            CHECK_STR(name, "Recep Tayyip Erdo\xc4\x9f" "an");
            CHECK_STR(vstr(&ig, "country", v), "TUR");
            CHECK(VAB(&ig, "known", v));
            found++;
        }
    }
    CHECK_INT(found, 5);
    /* Edge e5 (the call) with its evidence and attributes. */
    int call_found = 0;
    for (igraph_integer_t e = 0; e < igraph_ecount(&ig); e++) {
        if (strcmp(EAS(&ig, "dkg_id", e), "e5") != 0) {
            continue;
        }
        call_found = 1;
        CHECK_STR(EAS(&ig, "type", e), "call");
        CHECK_STR(EAS(&ig, "label", e), "call");
        CHECK_STR(EAS(&ig, "status", e), "occurred");
        CHECK_STR(EAS(&ig, "date", e), "2025-11-20");
        CHECK_STR(EAS(&ig, "cameo", e), "040");
        CHECK_STR(EAS(&ig, "article", e), "doc-b");
        CHECK_STR(EAS(&ig, "evidence", e),
                  "Erdo\xc4\x9f" "an spoke by phone with Macron:\n"
                  "\xe2\x80\x9cyes\xe2\x80\x9d, he said.");
        CHECK(EAN(&ig, "weight", e) == 1.0);
        CHECK(EAN(&ig, "evidence_start", e) == 5.0);
        igraph_integer_t from = IGRAPH_FROM(&ig, e);
        igraph_integer_t to = IGRAPH_TO(&ig, e);
        CHECK_STR(vstr(&ig, "dkg_id", from), "person/recep-tayyip-erdogan");
        CHECK_STR(vstr(&ig, "dkg_id", to), "person/emmanuel-macron");
    }
    CHECK(call_found);
    igraph_destroy(&ig);
    CHECK_INT(IGRAPH_FINALLY_STACK_SIZE(), 0);
    dkg_graph_free(g);
}

int main(void)
{
    test_dates();
    test_clean();
    test_options();
    test_resolve();
    test_graphml_igraph();
    TEST_MAIN_END();
}
