/* tests/fuzz/fuzz_jsonl.c - libFuzzer target: JSON Lines input to extract/build.
 *
 * The input is written to a .jsonl file in /dev/shm and walked by the very
 * walker `dkg extract` and `dkg build` use (src/input.c, compiled in). Every
 * article record goes through dkg_extract and every extraction record (a line
 * of `dkg extract --jsonl`, top-level "dkg" key) into a fresh graph with
 * dkg_graph_add_extraction, which is then written to /dev/null: the path a
 * hostile JSON Lines stream takes through `dkg build`. The walker reports bad
 * records on stderr; run with -close_fd_mask=2 to keep the log readable. */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>

#include "dkg/graph.h"
#include "fuzz_common.h"
#include "input.h"

static dkg_lexicon *lexicon;
static dkg_rules *rules;
static dkg_extractor *extractor;
static int devnull = -1;

typedef struct walk_state {
    dkg_graph *graph;
    long articles;
    long extractions;
} walk_state;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    dkg_error err;
    (void)argc;
    (void)argv;
    dkg_error_clear(&err);
    fuzz_load_defaults(&lexicon, &rules, 1, 1);
    if (dkg_extractor_new(&extractor, lexicon, rules, NULL, &err) != 0) {
        exit(1);
    }
    devnull = open("/dev/null", O_WRONLY);
    return 0;
}

static int on_record(void *ctx, const dkg_input_record *rec)
{
    walk_state *st = ctx;
    dkg_error err;
    dkg_error_clear(&err);
    if (rec->kind == DKG_INPUT_ARTICLE) {
        const char *json = NULL;
        size_t len = 0;
        size_t bad = 0;
        /* The walker promises valid UTF-8 without NUL. */
        FUZZ_ASSERT(rec->article.text != NULL);
        FUZZ_ASSERT(strlen(rec->article.text) == rec->article.len);
        FUZZ_ASSERT(dkg_utf8_validate(rec->article.text, rec->article.len, &bad) == 0);
        if (dkg_extract(extractor, &rec->article, &json, &len, &err) == 0) {
            FUZZ_ASSERT(json != NULL && strlen(json) == len);
        }
        st->articles++;
    } else {
        int added = 0;
        FUZZ_ASSERT(rec->json != NULL && strlen(rec->json) == rec->json_len);
        if (dkg_graph_add_extraction(st->graph, rec->json, rec->json_len, rec->source, rec->line,
                                     &added, &err) != 0) {
            FUZZ_ASSERT(err.message[0] != '\0');
        }
        st->extractions++;
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write_temp(".jsonl", data, size);
    char *paths[1];
    walk_state st;
    dkg_error err;
    int stopped = 0;
    long failed;
    memset(&st, 0, sizeof st);
    dkg_error_clear(&err);
    if (dkg_graph_new(&st.graph, &err) != 0) {
        unlink(path);
        return 0;
    }
    paths[0] = (char *)path;
    failed = dkg_input_walk(paths, 1, NULL, on_record, &st, &stopped);
    FUZZ_ASSERT(failed >= 0 && stopped == 0);
    if (st.extractions > 0 && devnull >= 0) {
        FUZZ_ASSERT(dkg_graph_write_fd(st.graph, devnull, "/dev/null", &err) == 0);
    }
    dkg_graph_free(st.graph);
    unlink(path);
    return 0;
}
