/* src/main.c - the dkg command: dispatch to a subcommand.
 *
 * Each subcommand parses its own options with getopt_long and prints its own
 * --help; this file only picks the subcommand and handles the global flags.
 *
 * It is compiled twice. `dkg` (no DKG_WITH_GRAPH) links extract/ only, so
 * that extract, eval, --help and --version start without loading igraph and
 * its two dozen shared libraries; its graph subcommands hand over to
 * `dkg-graph` (cli_graph_exec.c). `dkg-graph` (DKG_WITH_GRAPH) links both
 * libraries and runs every subcommand itself.
 */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "dkg/extract.h"
#ifdef DKG_WITH_GRAPH
#include "dkg/graph.h"
/* The graph subcommands are linked in. */
#define GRAPH_COMMAND(fn) fn
#else
/* NULL: run by dkg-graph. */
#define GRAPH_COMMAND(fn) NULL
#endif

typedef struct subcommand {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} subcommand;

static const subcommand subcommands[] = {
    {"extract", cmd_extract, "find actors, places, dates and events in articles (JSON)"},
    {"build", GRAPH_COMMAND(cmd_build), "build or update a knowledge graph file from articles"},
    {"merge", GRAPH_COMMAND(cmd_merge), "combine graph files into one"},
    {"query", GRAPH_COMMAND(cmd_query), "ask a graph who met whom, paths, ranks, communities"},
    {"export", GRAPH_COMMAND(cmd_export), "write a graph as GraphML, GEXF, JSON, CSV, DOT, HTML"},
    {"eval", cmd_eval, "score extraction against gold annotations"},
};

static void print_help(FILE *out)
{
    fprintf(out, "Usage: dkg SUBCOMMAND [OPTIONS] [ARGS]\n"
                 "Turn diplomatic news into a knowledge graph you can query.\n\n"
                 "Subcommands:\n");
    for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++) {
        fprintf(out, "  %-8s %s\n", subcommands[i].name, subcommands[i].summary);
    }
    fprintf(out, "\nOptions:\n"
                 "  -h, --help     show this help and exit\n"
                 "      --version  show the versions of dkg, PCRE2, igraph and cJSON\n\n"
                 "Run 'dkg SUBCOMMAND --help' for the options of a subcommand.\n");
}

static void print_version(void)
{
    printf("dkg %s\n", DKG_VERSION);
    printf("PCRE2 %s\n", dkg_pcre2_version());
#ifdef DKG_WITH_GRAPH
    printf("igraph %s\n", dkg_igraph_version());
#else
    /* The version dkg-graph was built against: asking the library itself
     * would mean loading it, which is what dkg avoids. */
    printf("igraph %s\n", DKG_IGRAPH_BUILD_VERSION);
#endif
    printf("cJSON %s\n", dkg_cjson_version());
}

int main(int argc, char **argv)
{
    /* Only LC_CTYPE: cJSON formats numbers by LC_NUMERIC, which must stay "C". */
    setlocale(LC_CTYPE, "");
    if (argc < 2) {
        print_help(stderr);
        return DKG_EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "-h") == 0 || strcmp(name, "--help") == 0 || strcmp(name, "help") == 0) {
        print_help(stdout);
        return DKG_EXIT_OK;
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
        print_version();
        return DKG_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++) {
        if (strcmp(name, subcommands[i].name) == 0) {
#ifndef DKG_WITH_GRAPH
            if (subcommands[i].run == NULL) {
                return cli_exec_graph_program(argv);
            }
#endif
            return subcommands[i].run(argc - 1, argv + 1);
        }
    }
    cli_errorf("'%s' is not a dkg subcommand; try 'dkg --help'", name);
    return DKG_EXIT_USAGE;
}
