/* tests/unit/test_graph.c - the graph API: add, identity, re-add, merge,
 * save/load round trips, and the igraph cleanup stack after every call.
 * Fixture: tests/fixtures/graph/extractions.jsonl (six hand-made
 * extractions: Macron/Xi in Beijing, a Barrot-Wang call with a surname-only
 * mention, two Bushes, Modi, and one envoy spelled with and without accents). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <igraph.h>

#include "dkg/graph.h"
#include "graph_internal.h"
#include "testlib.h"

#define FIXTURE DKG_SOURCE_DIR "/tests/fixtures/graph/extractions.jsonl"
#define MAX_LINES 16

static char *lines[MAX_LINES];
static size_t line_len[MAX_LINES];
static int n_lines;

#define CHECK_STACK() CHECK_INT(IGRAPH_FINALLY_STACK_SIZE(), 0)

static void read_fixture(void)
{
    FILE *f = fopen(FIXTURE, "r");
    char *line = NULL;
    size_t cap = 0;
    ssize_t n = 0;
    if (f == NULL) {
        perror(FIXTURE);
        exit(1);
    }
    while (n_lines < MAX_LINES && (n = getline(&line, &cap, f)) > 0) {
        lines[n_lines] = malloc((size_t)n + 1);
        memcpy(lines[n_lines], line, (size_t)n + 1);
        line_len[n_lines++] = (size_t)n;
    }
    free(line);
    fclose(f);
}

/* A graph of the fixture lines in the given order. */
static dkg_graph *build(const int *order, int n)
{
    dkg_graph *g = NULL;
    dkg_error err;
    dkg_error_clear(&err);
    if (dkg_graph_new(&g, &err) != 0) {
        return NULL;
    }
    for (int i = 0; i < n; i++) {
        int added = -1;
        int rc = dkg_graph_add_extraction(g, lines[order[i]], line_len[order[i]], "x.jsonl",
                                          order[i] + 1, &added, &err);
        CHECK_INT(rc, 0);
        if (rc != 0) {
            fprintf(stderr, "  %s\n", err.message);
        }
    }
    CHECK_STACK();
    return g;
}

/* The canonical file text of g (malloc'd). */
static char *text_of(dkg_graph *g)
{
    char path[] = "/tmp/dkg-test-graph-XXXXXX";
    int fd = mkstemp(path);
    dkg_error err;
    dkg_error_clear(&err);
    CHECK_INT(dkg_graph_write_fd(g, fd, path, &err), 0);
    off_t size = lseek(fd, 0, SEEK_END);
    char *buf = calloc((size_t)size + 1, 1);
    if (pread(fd, buf, (size_t)size, 0) != size) {
        buf[0] = '\0';
    }
    close(fd);
    unlink(path);
    return buf;
}

static const char *alias(const dkg_graph *g, igraph_integer_t v, size_t i)
{
    return i < g->nodes[v].n_aliases ? g->nodes[v].aliases[i] : "(none)";
}

static void test_add_and_identity(void)
{
    const int all[] = {0, 1, 2, 3, 4, 5};
    dkg_graph *g = build(all, 6);
    CHECK_INT(dkg_graph_document_count(g), 6);
    CHECK_INT(dkg_graph_node_count(g), 16);
    CHECK_INT(dkg_graph_edge_count(g), 14);

    igraph_integer_t macron = dkg__graph_find_node(g, "person/emmanuel-macron");
    CHECK(macron >= 0);
    CHECK_STR(dkg__graph_node_name(g, macron), "Emmanuel Macron");
    CHECK_STR(dkg__graph_node_type(g, macron), "person");
    CHECK_STR(dkg__graph_node_country(g, macron), "FRA");
    const dkg__node *n = dkg__graph_node(g, macron);
    CHECK_INT(n->known, 1);
    CHECK_INT(n->n_aliases, 3);
    CHECK_STR(alias(g, macron, 0), "Emmanuel Macron");
    CHECK_STR(alias(g, macron, 1), "Macron");
    CHECK_STR(alias(g, macron, 2), "The French leader");
    CHECK_INT(n->mentions, 7);
    CHECK_INT(n->articles, 4);
    CHECK_STR(n->first_seen, "2024-03-02");
    CHECK_STR(n->last_seen, "2025-12-05");
    CHECK_INT(n->n_roles, 2);
    CHECK_STR(n->roles[1].title, "President");
    CHECK_STR(n->roles[1].of, "country/FRA");
    CHECK_STR(n->roles[1].first_seen, "2025-12-04");

    /* "Barrot" was resolved by its article: no node of its own. */
    CHECK_INT(dkg__graph_find_node(g, "person/barrot"), -1);
    igraph_integer_t barrot = dkg__graph_find_node(g, "person/jean-noel-barrot");
    CHECK(barrot >= 0);
    CHECK_STR(alias(g, barrot, 0), "Barrot");
    CHECK_STR(alias(g, barrot, 1), "Jean-Noël Barrot");
    CHECK_INT(g->nodes[barrot].mentions, 4);
    CHECK_STR(g->nodes[barrot].roles[0].from, "2024-09");

    /* Two Bushes stay two; the bare "Bush" is ambiguous and stays apart. */
    CHECK(dkg__graph_find_node(g, "person/george-h-w-bush") >= 0);
    CHECK(dkg__graph_find_node(g, "person/george-w-bush") >= 0);
    CHECK(dkg__graph_find_node(g, "person/bush") >= 0);

    /* Discovered people merge by normalised full name, accents or not. */
    CHECK_INT(dkg__graph_find_node(g, "person/nguyen-van-an-x"), -1);
    igraph_integer_t an = dkg__graph_find_node(g, "person/nguyen-van-an");
    CHECK(an >= 0);
    CHECK_STR(dkg__graph_node_name(g, an), "Nguyen Van An");
    CHECK_STR(dkg__graph_node_country(g, an), "VNM");
    CHECK_INT(g->nodes[an].articles, 2);
    CHECK_STR(alias(g, an, 1), "Nguyễn Văn An");

    /* Edges: in the order added; every field kept. */
    const dkg__edge *e = dkg__graph_edge(g, 0);
    CHECK_STR(dkg__graph_edge_type(g, 0), "meet");
    CHECK_STR(dkg__graph_node_id(g, dkg__graph_edge_source(g, 0)), "person/emmanuel-macron");
    CHECK_STR(dkg__graph_node_id(g, dkg__graph_edge_target(g, 0)), "person/xi-jinping");
    CHECK_STR(dkg__graph_edge_status(g, 0), "occurred");
    CHECK_STR(dkg__graph_edge_date(g, 0), "2025-12-04");
    CHECK_STR(dkg__graph_edge_doc(g, 0), "a1");
    CHECK_STR(e->place, "place/beijing");
    CHECK_STR(e->host, "person/xi-jinping");
    CHECK_STR(e->rule, "met");
    CHECK_STR(e->cameo, "040");
    CHECK_INT(e->evidence_start, 45);
    CHECK_INT(e->evidence_end, 134);
    CHECK_STR(e->evidence,
              "French President Emmanuel Macron met Chinese President Xi Jinping in Beijing on "
              "Thursday.");
    CHECK_STR(dkg__graph_edge(g, 1)->cameo, "042");
    CHECK_STR(dkg__graph_edge(g, 3)->cameo, "057");
    /* The role edge of the resolved surname starts at the full person. */
    CHECK_STR(dkg__graph_edge(g, 6)->type, "role");
    CHECK_INT(dkg__graph_edge(g, 6)->source, barrot);
    CHECK_STR(dkg__graph_edge(g, 6)->title, "Foreign Minister");
    CHECK(dkg__graph_edge(g, 6)->cameo == NULL);
    CHECK(dkg__graph_edge(g, 10)->date == NULL);

    /* igraph sees the same graph, attributes included. */
    dkg_error err;
    dkg_error_clear(&err);
    CHECK_INT(dkg__graph_sync(g, &err), 0);
    CHECK_STACK();
    const igraph_t *ig = dkg__graph_igraph(g);
    CHECK_INT(igraph_vcount(ig), 16);
    CHECK_INT(igraph_ecount(ig), 14);
    igraph_integer_t from = -1, to = -1;
    CHECK_INT(igraph_edge(ig, 0, &from, &to), IGRAPH_SUCCESS);
    CHECK_INT(from, macron);
    CHECK_STR(VAS(ig, "name", macron), "Emmanuel Macron");
    CHECK_STR(VAS(ig, "country", an), "VNM");
    CHECK_INT((long)VAN(ig, "mentions", macron), 7);
    CHECK_INT(VAB(ig, "known", an), 0);
    CHECK_STR(EAS(ig, "cameo", 0), "040");
    CHECK_STR(EAS(ig, "date", 10), "");
    CHECK_INT((long)EAN(ig, "evidence_end", 0), 134);
    CHECK_STACK();
    dkg_graph_free(g);
}

static void test_readd_is_noop(void)
{
    const int all[] = {0, 1, 2, 3, 4, 5};
    dkg_graph *g = build(all, 6);
    char *before = text_of(g);
    dkg_error err;
    dkg_error_clear(&err);
    int added = -1;
    CHECK_INT(dkg_graph_add_extraction(g, lines[1], line_len[1], "x", 2, &added, &err), 0);
    CHECK_INT(added, 0);
    CHECK_INT(dkg_graph_has_document(g, "a2"), 1);
    CHECK_INT(dkg_graph_has_document(g, "zz"), 0);
    char *after = text_of(g);
    CHECK_STR(after, before);
    CHECK_STACK();
    free(before);
    free(after);
    dkg_graph_free(g);
}

static void test_order_and_merge(void)
{
    const int all[] = {0, 1, 2, 3, 4, 5};
    const int rev[] = {5, 4, 3, 2, 1, 0};
    const int mix[] = {3, 0, 5, 1, 4, 2};
    const int left[] = {0, 1, 2, 3}, right[] = {2, 3, 4, 5};
    dkg_graph *a = build(all, 6), *b = build(rev, 6), *c = build(mix, 6);
    char *ta = text_of(a), *tb = text_of(b), *tc = text_of(c);
    CHECK(strlen(ta) > 1000);
    CHECK_STR(tb, ta);
    CHECK_STR(tc, ta);

    /* merge(L, R) with shared documents a3, a4 = build(all), both ways. */
    dkg_graph *l = build(left, 4), *r = build(right, 4), *l2 = build(left, 4);
    dkg_graph *r2 = build(right, 4);
    dkg_error err;
    dkg_error_clear(&err);
    CHECK_INT(dkg_graph_merge(l, r, &err), 0);
    CHECK_STACK();
    CHECK_INT(dkg_graph_merge(r2, l2, &err), 0);
    char *tl = text_of(l), *tr = text_of(r2);
    CHECK_STR(tl, ta);
    CHECK_STR(tr, ta);
    CHECK_INT(dkg_graph_edge_count(l), 14);
    /* Merging again changes nothing. */
    CHECK_INT(dkg_graph_merge(l, r, &err), 0);
    char *tl2 = text_of(l);
    CHECK_STR(tl2, ta);
    free(ta);
    free(tb);
    free(tc);
    free(tl);
    free(tr);
    free(tl2);
    dkg_graph_free(a);
    dkg_graph_free(b);
    dkg_graph_free(c);
    dkg_graph_free(l);
    dkg_graph_free(r);
    dkg_graph_free(l2);
    dkg_graph_free(r2);
}

static void test_save_load_round_trip(void)
{
    const int all[] = {0, 1, 2, 3, 4, 5};
    dkg_graph *g = build(all, 6);
    char dir[] = "/tmp/dkg-test-dir-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[128], path2[128];
    snprintf(path, sizeof path, "%s/g.json", dir);
    snprintf(path2, sizeof path2, "%s/g2.json", dir);
    dkg_error err;
    dkg_error_clear(&err);
    CHECK_INT(dkg_graph_save(g, path, &err), 0);
    CHECK_STACK();
    dkg_graph *h = NULL;
    CHECK_INT(dkg_graph_load(&h, path, &err), 0);
    CHECK_STACK();
    CHECK(h != NULL);
    if (h != NULL) {
        CHECK_INT(dkg_graph_node_count(h), 16);
        CHECK_INT(dkg_graph_edge_count(h), 14);
        CHECK_INT(dkg_graph_document_count(h), 6);
        CHECK_INT(dkg_graph_save(h, path2, &err), 0);
        char *t1 = text_of(g), *t2 = text_of(h);
        CHECK_STR(t2, t1);
        free(t1);
        free(t2);
        /* A loaded graph keeps growing like a built one. */
        int added = -1;
        CHECK_INT(dkg_graph_add_extraction(h, lines[0], line_len[0], "x", 1, &added, &err), 0);
        CHECK_INT(added, 0);
        CHECK_STACK();
    }
    dkg_graph_free(h);

    /* A failed save leaves the old file and no temporary behind. */
    char missing[160];
    snprintf(missing, sizeof missing, "%s/no/such/dir/g.json", dir);
    CHECK_INT(dkg_graph_save(g, missing, &err), DKG_EIO);
    CHECK_STR(err.file, missing);
    CHECK(strncmp(err.message, "cannot create a temporary file beside it:", 41) == 0);
    int full = open("/dev/full", O_WRONLY);
    if (full >= 0) {
        dkg_error_clear(&err);
        CHECK_INT(dkg_graph_write_fd(g, full, "/dev/full", &err), DKG_EIO);
        CHECK_STR(err.message, "cannot write: No space left on device");
        CHECK_STR(err.file, "/dev/full");
        close(full);
    }
    CHECK_STACK();
    unlink(path);
    unlink(path2);
    rmdir(dir);
    dkg_graph_free(g);
}

/* ---- malformed extractions ---------------------------------------------------------- */

static void expect_bad_extraction(const char *json, int code, long line, long col,
                                  const char *message)
{
    dkg_graph *g = NULL;
    dkg_error err;
    dkg_error_clear(&err);
    CHECK_INT(dkg_graph_new(&g, &err), 0);
    int added = -1;
    CHECK_INT(dkg_graph_add_extraction(g, json, strlen(json), "in.jsonl", 7, &added, &err), code);
    CHECK_INT(added, 0);
    CHECK_STR(err.file, "in.jsonl");
    CHECK_INT(err.line, line);
    CHECK_INT(err.column, col);
    CHECK_STR(err.message, message);
    CHECK_INT(dkg_graph_node_count(g), 0);
    CHECK_INT(dkg_graph_document_count(g), 0);
    CHECK_STACK();
    dkg_graph_free(g);
}

static void test_bad_extractions(void)
{
    expect_bad_extraction("{\"dkg\": 1, \"doc\": ", DKG_EPARSE, 7, 19, "extraction is truncated");
    expect_bad_extraction("{\"dkg\": 1,, }", DKG_EPARSE, 7, 12, "extraction is not valid JSON");
    expect_bad_extraction("[1]", DKG_EPARSE, 7, 1, "an extraction must be a JSON object");
    expect_bad_extraction("{\"dkg\": 2, \"doc\": {}}", DKG_EPARSE, 7, 9,
                          "dkg: extraction version 2 is not supported (expected 1)");
    expect_bad_extraction("{\"dkg\": 1, \"doc\": {\"id\": 5}, \"entities\": [], \"relations\": []}",
                          DKG_EPARSE, 7, 26, "doc.id: expected a string, got a number");
    expect_bad_extraction("{\"dkg\": 1, \"doc\": {\"id\": \"d\"}, \"entities\": [{\"id\": \"p/a\", "
                          "\"type\": \"person\"}], \"relations\": []}",
                          DKG_EPARSE, 7, 45, "entities[0]: missing \"name\"");
    expect_bad_extraction(
        "{\"dkg\": 1, \"doc\": {\"id\": \"d\"}, \"entities\": [{\"id\": \"p/a\", \"type\": \"person\", "
        "\"name\": \"A\"}], \"relations\": [{\"type\": \"meet\", \"source\": \"p/a\", \"target\": "
        "\"p/b\", \"status\": \"occurred\", \"evidence\": {\"start\": 0, \"end\": 1}}]}",
        DKG_EPARSE, 7, 150, "relations[0].target: no entity \"p/b\" in this extraction");
    expect_bad_extraction(
        "{\"dkg\": 1, \"doc\": {\"id\": \"d\"}, \"entities\": [{\"id\": \"p/a\", \"type\": \"person\", "
        "\"name\": \"A\"}], \"relations\": [{\"type\": \"meet\", \"source\": \"p/a\", \"target\": "
        "\"p/a\", \"status\": \"maybe\", \"evidence\": {\"start\": 0, \"end\": 1}}]}",
        DKG_EPARSE, 7, 167,
        "relations[0].status: unknown status \"maybe\" (expected occurred, planned or negated)");
    expect_bad_extraction(
        "{\"dkg\": 1, \"doc\": {\"id\": \"d\"}, \"entities\": [{\"id\": \"p/a\", \"type\": \"person\", "
        "\"name\": \"A\"}], \"relations\": [{\"type\": \"meet\", \"source\": \"p/a\", \"target\": "
        "\"p/a\", \"status\": \"planned\", \"evidence\": {\"start\": 9, \"end\": -1}}]}",
        DKG_EPARSE, 7, 210, "relations[0].evidence.end: expected a whole number >= 0");
}

/* ---- malformed graph files ------------------------------------------------------------ */

static void expect_bad_graph(const char *text, long line, long col, const char *message)
{
    dkg_graph *g = NULL;
    dkg_error err;
    dkg_error_clear(&err);
    CHECK_INT(dkg_graph_load_buffer(&g, "g.json", text, strlen(text), &err), DKG_EPARSE);
    CHECK(g == NULL);
    CHECK_STR(err.file, "g.json");
    CHECK_INT(err.line, line);
    CHECK_INT(err.column, col);
    CHECK_STR(err.message, message);
    CHECK_STACK();
}

#define DOC "{\"id\":\"d1\",\"source\":null,\"date\":\"2025-01-02\",\"title\":null,\"bytes\":10,"
#define NODE_A                                                                                  \
    "{\"id\":\"p/a\",\"type\":\"person\",\"name\":\"A\",\"known\":true,\"country\":null,"       \
    "\"aliases\":[\"A\"],\"roles\":[],\"mentions\":1,\"articles\":1,\"first_seen\":"           \
    "\"2025-01-02\",\"last_seen\":\"2025-01-02\"}"
#define EDGE_TAIL                                                                                \
    "\"status\":\"occurred\",\"date\":null,\"place\":null,\"host\":null,\"title\":null,"        \
    "\"rule\":null,\"cameo\":\"040\",\"evidence\":{\"start\":0,\"end\":4,\"text\":\"A me\"}}"

static void test_bad_graph_files(void)
{
    const char *good = "{\"dkg_graph\": 1,\n\"documents\": [\n" DOC "\"mentions\":{\"p/a\":1}}\n"
                       "],\n\"nodes\": [\n" NODE_A "\n],\n\"edges\": [\n"
                       "{\"doc\":\"d1\",\"type\":\"meet\",\"source\":\"p/a\",\"target\":\"p/a\"," EDGE_TAIL
                       "\n]}\n";
    dkg_graph *g = NULL;
    dkg_error err;
    dkg_error_clear(&err);
    CHECK_INT(dkg_graph_load_buffer(&g, "g.json", good, strlen(good), &err), 0);
    if (g != NULL) {
        char *again = text_of(g);
        CHECK_STR(again, good);
        free(again);
    } else {
        fprintf(stderr, "  %s\n", err.message);
    }
    dkg_graph_free(g);
    CHECK_STACK();

    /* Truncated anywhere: the end of the text. */
    char cut[2048];
    snprintf(cut, sizeof cut, "%.*s", (int)(strlen(good) - 20), good);
    expect_bad_graph(cut, 9, 182, "graph file is truncated");
    expect_bad_graph("", 1, 1, "graph file is empty");
    expect_bad_graph("dkg graph", 1, 1, "graph file is not valid JSON: expected '{'");
    expect_bad_graph("{\"dkg_graph\": 1, \"documents\": [], \"nodes\": [1 2], \"edges\": []}", 1,
                     45, "nodes[0]: expected an object");
    expect_bad_graph("{\"dkg_graph\": 1, \"documents\": [], \"nodes\": [" NODE_A " " NODE_A
                     "], \"edges\": []}",
                     1, 217, "graph file is not valid JSON: expected ',' or ']'");
    expect_bad_graph("{\"dkg_graph\": 2, \"documents\": [], \"nodes\": [], \"edges\": []}", 1, 15,
                     "dkg_graph: graph file version 2 is newer than this dkg supports (1)");
    expect_bad_graph("{\"dkg_graph\": \"1\", \"documents\": [], \"nodes\": [], \"edges\": []}", 1,
                     15, "dkg_graph: expected the format version 1");
    expect_bad_graph("{\"dkg_graph\": 1, \"documents\": [], \"nodes\": []}", 1, 1,
                     "missing \"edges\"");
    expect_bad_graph("{\"dkg_graph\": 1, \"documents\": [], \"nodes\": {}, \"edges\": []}", 1, 44,
                     "nodes: expected an array");
    expect_bad_graph("{\"dkg_graph\": 1, \"documents\": [], \"nodes\": [], \"edges\": []} x", 1,
                     61, "unexpected text after the graph");

    /* Dangling edge endpoint, pointing at the value. */
    const char *dangling = "{\"dkg_graph\": 1,\n\"documents\": [\n" DOC "\"mentions\":{\"p/a\":1}}\n"
                           "],\n\"nodes\": [\n" NODE_A "\n],\n\"edges\": [\n"
                           "{\"doc\":\"d1\",\"type\":\"meet\",\"source\":\"p/a\",\"target\":\"p/b\"," EDGE_TAIL
                           "\n]}\n";
    expect_bad_graph(dangling, 9, 51, "edges[0].target: dangling edge endpoint \"p/b\"");
    const char *nodoc = "{\"dkg_graph\": 1,\n\"documents\": [\n" DOC "\"mentions\":{\"p/a\":1}}\n"
                        "],\n\"nodes\": [\n" NODE_A "\n],\n\"edges\": [\n"
                        "{\"doc\":\"d9\",\"type\":\"meet\",\"source\":\"p/a\",\"target\":\"p/a\"," EDGE_TAIL
                        "\n]}\n";
    expect_bad_graph(nodoc, 9, 8, "edges[0].doc: no document \"d9\"");
    /* Wrong types and missing fields. */
    const char *wrong = "{\"dkg_graph\": 1,\n\"documents\": [\n],\n\"nodes\": [\n"
                        "{\"id\":\"p/a\",\"type\":\"person\",\"name\":\"A\",\"known\":\"yes\"}\n"
                        "],\n\"edges\": []}";
    expect_bad_graph(wrong, 5, 48, "nodes[0].known: expected a boolean, got a string");
    const char *noname = "{\"dkg_graph\": 1,\n\"documents\": [\n],\n\"nodes\": [\n"
                         "{\"id\":\"p/a\",\"type\":\"person\"}\n],\n\"edges\": []}";
    expect_bad_graph(noname, 5, 1, "nodes[0]: missing \"name\"");
    const char *badcount = "{\"dkg_graph\": 1,\n\"documents\": [\n" DOC "\"mentions\":{\"p/a\":1.5}}\n"
                           "],\n\"nodes\": [\n" NODE_A "\n],\n\"edges\": []}";
    expect_bad_graph(badcount, 3, 88, "documents[0].mentions.p/a: expected a whole number >= 0");
    const char *lying = "{\"dkg_graph\": 1,\n\"documents\": [\n" DOC "\"mentions\":{\"p/a\":2}}\n"
                        "],\n\"nodes\": [\n" NODE_A "\n],\n\"edges\": []}";
    expect_bad_graph(lying, 6, 106, "nodes[0].mentions: is 1 but the documents say 2");
    const char *dup = "{\"dkg_graph\": 1,\n\"documents\": [\n],\n\"nodes\": [\n" NODE_A ",\n" NODE_A
                      "\n],\n\"edges\": []}";
    expect_bad_graph(dup, 6, 7, "nodes[1].id: duplicate node id \"p/a\"");
}

/* igraph errors come back as codes with igraph's reason, never abort; warnings
 * are kept, never printed; the cleanup stack is empty afterwards. */
static void test_igraph_glue(void)
{
    dkg_graph *g = NULL;
    dkg_error err;
    dkg_error_clear(&err);
    CHECK_INT(dkg_graph_new(&g, &err), 0);
    igraph_t ig;
    CHECK_INT(igraph_empty(&ig, 2, IGRAPH_UNDIRECTED), IGRAPH_SUCCESS);
    igraph_vector_int_t pairs;
    igraph_vector_int_init(&pairs, 2);
    VECTOR(pairs)[0] = 0;
    VECTOR(pairs)[1] = 7;
    igraph_error_t rc = igraph_add_edges(&ig, &pairs, NULL);
    CHECK_INT(rc, IGRAPH_EINVVID);
    CHECK_STACK();
    CHECK_INT(dkg__igraph_error(&err, rc, "adding edges"), DKG_EINVAL);
    CHECK(strncmp(err.message, "adding edges: ", 14) == 0 && strlen(err.message) > 14);
    igraph_vector_int_destroy(&pairs);

    igraph_vector_int_t path;
    igraph_vector_int_init(&path, 0);
    dkg__igraph_clear_warning();
    CHECK_INT(igraph_get_shortest_path(&ig, &path, NULL, 0, 1, IGRAPH_ALL), IGRAPH_SUCCESS);
    CHECK_INT(igraph_vector_int_size(&path), 0);
    CHECK_STR(dkg__igraph_last_warning(), "Couldn't reach some vertices");
    CHECK_STACK();
    igraph_vector_int_destroy(&path);
    igraph_destroy(&ig);
    dkg_graph_free(g);
}

int main(void)
{
    read_fixture();
    CHECK_INT(n_lines, 6);
    test_add_and_identity();
    test_readd_is_noop();
    test_order_and_merge();
    test_save_load_round_trip();
    test_bad_extractions();
    test_bad_graph_files();
    test_igraph_glue();
    for (int i = 0; i < n_lines; i++) {
        free(lines[i]);
    }
    TEST_MAIN_END();
}
