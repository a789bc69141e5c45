/* tests/fuzz/fuzz_graph.c - libFuzzer target: graph file loading.
 *
 * The input is a graph file given to dkg_graph_load_buffer. A refusal must
 * come with a message and a position. An accepted graph must round-trip: it
 * is written (dkg_graph_write_fd, into /dev/shm), loaded again and written
 * again, and the two files must be byte-identical with the same counts -
 * the promise "load -> save reproduces a file byte for byte" checked on
 * whatever odd graph the fuzzer finds acceptable. */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "dkg/graph.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Write g to a fresh file and return its bytes (malloc'd) in *out. */
static size_t save_to_memory(dkg_graph *g, const char *path, char **out)
{
    dkg_error err;
    struct stat st;
    size_t got = 0;
    FILE *f;
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    FUZZ_ASSERT(fd >= 0);
    dkg_error_clear(&err);
    FUZZ_ASSERT(dkg_graph_write_fd(g, fd, path, &err) == 0);
    FUZZ_ASSERT(close(fd) == 0);
    FUZZ_ASSERT(stat(path, &st) == 0);
    *out = malloc((size_t)st.st_size + 1);
    FUZZ_ASSERT(*out != NULL);
    f = fopen(path, "rb");
    FUZZ_ASSERT(f != NULL);
    got = fread(*out, 1, (size_t)st.st_size, f);
    fclose(f);
    FUZZ_ASSERT(got == (size_t)st.st_size);
    (*out)[got] = '\0';
    unlink(path);
    return got;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[128];
    dkg_graph *g = NULL;
    dkg_graph *again = NULL;
    char *first = NULL;
    char *second = NULL;
    size_t first_len;
    size_t second_len;
    dkg_error err;
    int rc;
    dkg_error_clear(&err);
    rc = dkg_graph_load_buffer(&g, "fuzz.json", (const char *)data, size, &err);
    if (rc != 0) {
        FUZZ_ASSERT(rc < 0 && err.message[0] != '\0' && g == NULL);
        return 0;
    }
    snprintf(path, sizeof path, "/dev/shm/dkg-fuzz-graph-%ld.json", (long)getpid());
    first_len = save_to_memory(g, path, &first);
    rc = dkg_graph_load_buffer(&again, "saved.json", first, first_len, &err);
    if (rc != 0) {
        fprintf(stderr, "fuzz: a saved graph does not load: %s:%ld:%ld: %s\n", err.file,
                err.line, err.column, err.message);
    }
    FUZZ_ASSERT(rc == 0);
    FUZZ_ASSERT(dkg_graph_node_count(again) == dkg_graph_node_count(g));
    FUZZ_ASSERT(dkg_graph_edge_count(again) == dkg_graph_edge_count(g));
    FUZZ_ASSERT(dkg_graph_document_count(again) == dkg_graph_document_count(g));
    second_len = save_to_memory(again, path, &second);
    FUZZ_ASSERT(first_len == second_len && memcmp(first, second, first_len) == 0);
    free(first);
    free(second);
    dkg_graph_free(again);
    dkg_graph_free(g);
    return 0;
}
