/* src/cmd_export.c - `dkg export GRAPH --to FORMAT [-o OUT] [filters]`.
 *
 * The command only parses options, loads the graph and calls dkg_export_write
 * (stdout) or dkg_export_save (a path, written via temp file + rename). Each
 * option is described once, in the table below, from which getopt's table and
 * --help are both generated (house style rule 19).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "dkg/export.h"
#include "dkg/graph.h"

enum {
    OPT_TO = 't',
    OPT_OUTPUT = 'o',
    OPT_HELP = 'h',
    OPT_TYPE = 256,
    OPT_SINCE,
    OPT_UNTIL,
    OPT_COUNTRY,
    OPT_STATUS,
    OPT_EGO,
    OPT_DEPTH,
    OPT_AGGREGATE,
    OPT_LINKS_KEY,
    OPT_GEXF_VERSION,
    OPT_TITLE
};

typedef struct option_doc {
    const char *name;
    int val;
    const char *arg; /* NULL: takes no argument */
    const char *help;
} option_doc;

static const option_doc options[] = {
    {"to", OPT_TO, "FORMAT",
     "graphml, gexf, nodelink, cytoscape, jgf, neo4j, dot, svg, png or html (required)"},
    {"output", OPT_OUTPUT, "OUT",
     "write to OUT (temp file + rename); default standard output; a directory for neo4j"},
    {"type", OPT_TYPE, "TYPES", "keep relations of these types (meet,call,visit,...)"},
    {"since", OPT_SINCE, "DATE", "keep relations dated on or after DATE (YYYY[-MM[-DD]])"},
    {"until", OPT_UNTIL, "DATE", "keep relations dated on or before DATE"},
    {"country", OPT_COUNTRY, "ISO3", "keep entities of this country (and relations among them)"},
    {"status", OPT_STATUS, "S",
     "occurred, planned, negated or any, joined by commas (default any)"},
    {"ego", OPT_EGO, "NAME", "keep the neighbourhood of this entity (name, alias or id)"},
    {"depth", OPT_DEPTH, "N", "radius of --ego in relations, 1-10 (default 1)"},
    {"aggregate", OPT_AGGREGATE, NULL,
     "one edge per pair and type, with count and first/last date"},
    {"links-key", OPT_LINKS_KEY, "KEY",
     "nodelink edge list key: edges (NetworkX >= 3.4, default) or links (NetworkX 2.x)"},
    {"gexf-version", OPT_GEXF_VERSION, "V",
     "gexf: 1.3 (default) or 1.2 (1.2draft, for NetworkX 2.x)"},
    {"title", OPT_TITLE, "TEXT", "title of the HTML page and of the graph metadata"},
    {"help", OPT_HELP, NULL, "show this help and exit"},
};
#define N_OPTIONS (sizeof options / sizeof options[0])

static void print_help(void)
{
    printf("Usage: dkg export GRAPH --to FORMAT [-o OUT] [OPTIONS]\n"
           "Write a knowledge graph for Gephi, NetworkX, igraph, Cytoscape, Neo4j, Graphviz\n"
           "or a web browser. GRAPH is a graph file from 'dkg build' ('-' reads stdin).\n\n"
           "Options:\n");
    for (size_t i = 0; i < N_OPTIONS; i++) {
        char left[64];
        int has_short = options[i].val < 256;
        snprintf(left, sizeof left, "%s%c%s--%s%s%s", has_short ? "-" : " ",
                 has_short ? options[i].val : ' ', has_short ? ", " : "  ", options[i].name,
                 options[i].arg ? " " : "", options[i].arg ? options[i].arg : "");
        printf("  %-26s %s\n", left, options[i].help);
    }
    printf("\nsvg and png run Graphviz's 'dot' program (package graphviz); neo4j and png\n"
           "need -o. docs/export.md has the one-line command for each tool.\n");
}

/* Read all of stdin (for GRAPH '-'). NULL on failure. */
static char *read_stdin(size_t *len_out)
{
    size_t cap = 1 << 16;
    size_t len = 0;
    char *buf = malloc(cap);
    while (buf != NULL) {
        size_t n = fread(buf + len, 1, cap - len, stdin);
        len += n;
        if (n == 0) {
            break;
        }
        if (len == cap) {
            char *bigger = realloc(buf, cap * 2);
            if (bigger == NULL) {
                free(buf);
                return NULL;
            }
            buf = bigger;
            cap *= 2;
        }
    }
    if (buf != NULL && ferror(stdin)) {
        free(buf);
        return NULL;
    }
    *len_out = len;
    return buf;
}

int cmd_export(int argc, char **argv)
{
    struct option long_opts[N_OPTIONS + 1];
    char short_opts[3 * N_OPTIONS + 2];
    size_t s = 0;
    short_opts[s++] = ':'; /* report a missing argument as ':' */
    for (size_t i = 0; i < N_OPTIONS; i++) {
        long_opts[i] = (struct option){options[i].name,
                                       options[i].arg ? required_argument : no_argument, NULL,
                                       options[i].val};
        if (options[i].val < 256) {
            short_opts[s++] = (char)options[i].val;
            if (options[i].arg) {
                short_opts[s++] = ':';
            }
        }
    }
    long_opts[N_OPTIONS] = (struct option){NULL, 0, NULL, 0};
    short_opts[s] = '\0';

    dkg_export_options opts;
    dkg_export_options_init(&opts);
    const char *to = NULL;
    const char *output = NULL;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, short_opts, long_opts, NULL)) != -1) {
        switch (c) {
        case OPT_TO:
            to = optarg;
            break;
        case OPT_OUTPUT:
            output = optarg;
            break;
        case OPT_TYPE:
            opts.types = optarg;
            break;
        case OPT_SINCE:
            opts.since = optarg;
            break;
        case OPT_UNTIL:
            opts.until = optarg;
            break;
        case OPT_COUNTRY:
            opts.country = optarg;
            break;
        case OPT_STATUS:
            opts.status = optarg;
            break;
        case OPT_EGO:
            opts.ego = optarg;
            break;
        case OPT_DEPTH: {
            char *end = NULL;
            long d = strtol(optarg, &end, 10);
            if (end == optarg || *end != '\0' || d < 1 || d > DKG_EXPORT_MAX_DEPTH) {
                return cli_usage_error("export", "--depth must be a number from 1 to %d",
                                       DKG_EXPORT_MAX_DEPTH);
            }
            opts.depth = (int)d;
            break;
        }
        case OPT_AGGREGATE:
            opts.aggregate = 1;
            break;
        case OPT_LINKS_KEY:
            opts.links_key = optarg;
            break;
        case OPT_GEXF_VERSION:
            opts.gexf_version = optarg;
            break;
        case OPT_TITLE:
            opts.title = optarg;
            break;
        case OPT_HELP:
            print_help();
            return DKG_EXIT_OK;
        case ':':
            return cli_usage_error("export", "option '%s' needs an argument", argv[optind - 1]);
        default:
            return cli_usage_error("export", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind >= argc) {
        return cli_usage_error("export", "missing the GRAPH file");
    }
    if (argc - optind > 1) {
        return cli_usage_error("export", "one GRAPH file only (got '%s' too)", argv[optind + 1]);
    }
    const char *graph_path = argv[optind];
    if (to == NULL) {
        return cli_usage_error("export", "missing --to FORMAT");
    }
    if (dkg_export_format_parse(to, &opts.format) != 0) {
        return cli_usage_error("export",
                               "unknown format '%s' (graphml, gexf, nodelink, cytoscape, jgf, "
                               "neo4j, dot, svg, png, html)",
                               to);
    }
    if (output != NULL && strcmp(output, "-") == 0) {
        output = NULL;
    }
    if (output == NULL && !dkg_export_streamable(opts.format)) {
        return cli_usage_error("export", "--to %s needs -o %s", to,
                               opts.format == DKG_EXPORT_NEO4J ? "DIR" : "FILE");
    }
    if (opts.ego == NULL && opts.depth != 1) {
        return cli_usage_error("export", "--depth needs --ego");
    }
    dkg_error err;
    dkg_error_clear(&err);
    if (dkg_export_options_check(&opts, &err) != 0) {
        return cli_usage_error("export", "%s", err.message);
    }
    if (output != NULL && cli_check_output_path(output, opts.format == DKG_EXPORT_NEO4J) != 0) {
        return DKG_EXIT_FAILURE;
    }

    dkg_graph *g = NULL;
    int rc;
    if (strcmp(graph_path, "-") == 0) {
        size_t len = 0;
        char *buf = read_stdin(&len);
        if (buf == NULL) {
            cli_errorf("<stdin>: cannot read the graph");
            return DKG_EXIT_FAILURE;
        }
        rc = dkg_graph_load_buffer(&g, "<stdin>", buf, len, &err);
        free(buf);
    } else {
        rc = dkg_graph_load(&g, graph_path, &err);
    }
    if (rc != 0) {
        cli_print_error(&err);
        return DKG_EXIT_FAILURE;
    }
    if (output == NULL) {
        rc = dkg_export_write(g, &opts, stdout, &err);
        if (rc == DKG_EIO && err.file[0] == '\0') {
            dkg_error_locate(&err, "<stdout>", 0, 0, -1);
        }
    } else {
        rc = dkg_export_save(g, &opts, output, &err);
    }
    dkg_graph_free(g);
    if (rc != 0) {
        cli_print_error(&err);
        return DKG_EXIT_FAILURE;
    }
    return DKG_EXIT_OK;
}
