/* tests/fuzz/fuzz_query.c - libFuzzer target: the query name resolver.
 *
 * The graph is the query fixture (tests/fixtures/query/graph.json), loaded
 * once. The input picks a subcommand and output format (its first two bytes)
 * and gives, one per line, the names and options as a user would type them:
 * NAME1, NAME2, since, until, types, status, country (an empty line is "not
 * given"). Like `dkg query`, options are checked first, then the query runs
 * and its result is rendered; unknown and ambiguous names must come back as
 * DKG_ENOTFOUND / DKG_EAMBIGUOUS with a message (the suggestion code that
 * measures distances to every name is the part most exposed to odd UTF-8). */
#include <stddef.h>
#include <stdint.h>

#include "dkg/graph.h"
#include "dkg/query.h"
#include "fuzz_common.h"

static dkg_graph *graph;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    dkg_error err;
    const char *path = getenv("DKG_FUZZ_GRAPH");
    (void)argc;
    (void)argv;
    if (path == NULL || path[0] == '\0') {
        path = DKG_SOURCE_DIR "/tests/fixtures/query/graph.json";
    }
    dkg_error_clear(&err);
    if (dkg_graph_load(&graph, path, &err) != 0) {
        fprintf(stderr, "fuzz: setup: %s: %s\n", path, err.message);
        exit(1);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    enum { FIELDS = 7 };
    char *copy;
    char *field[FIELDS] = {NULL};
    const char *names[2];
    size_t nsub = 0;
    size_t i;
    int nfields = 0;
    char *p;
    const char *sub;
    dkg_query_options opts;
    dkg_query_result *result = NULL;
    dkg_error err;
    char *text = NULL;
    size_t text_len = 0;
    int rc;
    if (size < 2) {
        return 0;
    }
    while (dkg_query_subcommands[nsub] != NULL) {
        nsub++;
    }
    sub = dkg_query_subcommands[data[0] % nsub];
    copy = malloc(size - 1);
    if (copy == NULL) {
        return 0;
    }
    memcpy(copy, data + 2, size - 2);
    copy[size - 2] = '\0';
    p = copy;
    while (nfields < FIELDS && p != NULL) {
        char *nl = strchr(p, '\n');
        if (nl != NULL) {
            *nl = '\0';
        }
        field[nfields++] = p;
        p = nl != NULL ? nl + 1 : NULL;
    }
    for (i = 0; i < FIELDS; i++) {
        if (field[i] != NULL && field[i][0] == '\0') {
            field[i] = NULL;
        }
    }
    names[0] = field[0] != NULL ? field[0] : "";
    names[1] = field[1] != NULL ? field[1] : "";
    dkg_query_options_init(&opts);
    opts.since = field[2];
    opts.until = field[3];
    opts.types = field[4];
    opts.status = field[5];
    opts.country = field[6];
    opts.depth = 1 + (data[1] >> 4) % 3;
    opts.evidence = data[1] & 8;
    dkg_error_clear(&err);
    rc = dkg_query_options_check(&opts, &err);
    if (rc == 0) {
        rc = dkg_query_run(&result, graph, sub, names, &opts, &err);
    }
    if (rc == 0) {
        FUZZ_ASSERT(result != NULL);
        rc = dkg_query_result_render(result, (dkg_query_format)(data[1] % 3), &text, &text_len,
                                     &err);
        FUZZ_ASSERT(rc == 0 && text != NULL && strlen(text) == text_len);
    } else {
        FUZZ_ASSERT(rc < 0 && err.message[0] != '\0' && result == NULL);
    }
    free(text);
    dkg_query_result_free(result);
    free(copy);
    return 0;
}
