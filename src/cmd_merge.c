/* src/cmd_merge.c - `dkg merge -o OUT GRAPH...`: combine graph files.
 *
 * Loads each graph in turn and merges it into one accumulator, so memory is
 * the result plus one input. dkg_graph_merge is associative and commutative
 * (documents are added once, node data are unions and minimums), so any
 * order or grouping of inputs gives a byte-identical OUT. Nothing is written
 * until every input has loaded: a bad input leaves OUT untouched.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "dkg/graph.h"

/* The one description of each option: --help is printed from it. */
static const struct {
    const char *lng;
    char shrt;
    const char *arg;
    const char *help;
} options[] = {
    {"output", 'o', "OUT", "write the merged graph to OUT ('-' for standard output); required"},
    {"help", 'h', NULL, "show this help and exit"},
};

static void print_help(void)
{
    printf("Usage: dkg merge -o OUT GRAPH...\n"
           "Combine graph files (from dkg build or dkg merge) into one. Articles present\n"
           "in several inputs count once; the result does not depend on the order or\n"
           "grouping of the inputs.\n\nOptions:\n");
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++) {
        char left[64];
        snprintf(left, sizeof left, "-%c, --%s%s%s", options[i].shrt, options[i].lng,
                 options[i].arg ? " " : "", options[i].arg ? options[i].arg : "");
        printf("  %-22s %s\n", left, options[i].help);
    }
}

int cmd_merge(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *out = NULL;
    int c = 0;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":o:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'o':
            out = optarg;
            break;
        case 'h':
            print_help();
            return DKG_EXIT_OK;
        case ':':
            return cli_usage_error("merge", "option '%s' needs an argument", argv[optind - 1]);
        default:
            return cli_usage_error("merge", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (out == NULL) {
        return cli_usage_error("merge", "missing -o OUT");
    }
    if (optind >= argc) {
        return cli_usage_error("merge", "no graph to merge");
    }
    if (cli_check_output_path(out, 0) != 0) {
        return DKG_EXIT_FAILURE;
    }

    dkg_error err;
    dkg_error_clear(&err);
    dkg_graph *acc = NULL;
    int status = DKG_EXIT_OK;
    if (dkg_graph_new(&acc, &err) != 0) {
        cli_print_error(&err);
        return DKG_EXIT_FAILURE;
    }
    for (int i = optind; i < argc; i++) {
        dkg_graph *g = NULL;
        if (dkg_graph_load(&g, argv[i], &err) != 0 || dkg_graph_merge(acc, g, &err) != 0) {
            cli_print_error(&err);
            dkg_graph_free(g);
            status = DKG_EXIT_FAILURE;
            goto done;
        }
        dkg_graph_free(g);
    }
    int rc = strcmp(out, "-") == 0 ? dkg_graph_write_fd(acc, 1, "<stdout>", &err)
                                   : dkg_graph_save(acc, out, &err);
    if (rc != 0) {
        cli_print_error(&err);
        status = DKG_EXIT_FAILURE;
        goto done;
    }
    fprintf(stderr, "dkg: merge: %d graphs; %zu articles, %zu nodes, %zu edges -> %s\n",
            argc - optind, dkg_graph_document_count(acc), dkg_graph_node_count(acc),
            dkg_graph_edge_count(acc), strcmp(out, "-") == 0 ? "<stdout>" : out);

done:
    dkg_graph_free(acc);
    return status;
}
