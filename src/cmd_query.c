/* src/cmd_query.c - dkg query GRAPH SUBCOMMAND [NAME...] [OPTIONS]: ask a graph questions.
 *
 * One option table describes every option once (name, argument, help, and the
 * subcommands it applies to); getopt's long options and every --help text are
 * generated from it, so help cannot drift from what is parsed. Options may come
 * anywhere on the line ("dkg query g.json who-met Macron --evidence" and
 * "dkg query --evidence g.json who-met Macron" are the same); "--" ends them.
 *
 * Everything that can be checked without the graph (subcommand, number of
 * names, option values) is checked before loading it: a typo must not cost the
 * seconds a large graph takes to load. Exit statuses: 0 answered, 1 failure or
 * (met, path) "no", 2 usage error.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "commands.h"
#include "dkg/graph.h"
#include "dkg/query.h"

/* Subcommand bits, in dkg_query_subcommands order. */
enum {
    Q_WHO_MET = 1 << 0,
    Q_MET = 1 << 1,
    Q_NEIGHBORS = 1 << 2,
    Q_PATH = 1 << 3,
    Q_TIMELINE = 1 << 4,
    Q_ENTITY = 1 << 5,
    Q_RANK = 1 << 6,
    Q_COMMUNITIES = 1 << 7,
    Q_ALL = 0xFF
};

enum {
    OPT_HELP = 'h',
    OPT_FORMAT = 256,
    OPT_SINCE,
    OPT_UNTIL,
    OPT_TYPE,
    OPT_COUNTRY,
    OPT_STATUS,
    OPT_EVIDENCE,
    OPT_DEPTH,
    OPT_BY,
    OPT_TOP,
    OPT_SEED,
    OPT_TIMING
};

typedef struct opt_desc {
    const char *name;
    int has_arg;
    int val;
    const char *arg;
    unsigned applies; /* subcommand bits */
    const char *help;
} opt_desc;

static const opt_desc options[] = {
    {"since", 1, OPT_SINCE, "DATE", Q_ALL,
     "relations that may date from DATE on (YYYY[-MM[-DD]])"},
    {"until", 1, OPT_UNTIL, "DATE", Q_ALL,
     "relations that may date up to DATE"},
    {"type", 1, OPT_TYPE, "TYPES", Q_ALL,
     "relation types, comma-separated (meet,call,visit,...)"},
    {"country", 1, OPT_COUNTRY, "CODE", Q_ALL,
     "entities of country CODE (alpha-3); named ones stay"},
    {"status", 1, OPT_STATUS, "STATUS", Q_ALL,
     "occurred,planned,negated,any (default occurred,planned)"},
    {"evidence", 0, OPT_EVIDENCE, NULL, Q_WHO_MET | Q_MET | Q_PATH | Q_TIMELINE,
     "show each relation's sentence and article"},
    {"depth", 1, OPT_DEPTH, "N", Q_NEIGHBORS, "hops away to look, 1 to 10 (default 1)"},
    {"by", 1, OPT_BY, "MEASURE", Q_RANK, "degree, pagerank or betweenness (default degree)"},
    {"top", 1, OPT_TOP, "N", Q_RANK, "show the first N entities, 0 for all (default 10)"},
    {"seed", 1, OPT_SEED, "S", Q_COMMUNITIES, "seed of Louvain's random choices (default 1)"},
    {"format", 1, OPT_FORMAT, "FMT", Q_ALL, "table (default), json or tsv"},
    {"timing", 0, OPT_TIMING, NULL, Q_ALL, "print load and query times on stderr"},
    {"help", 0, OPT_HELP, NULL, Q_ALL, "show this help and exit"},
};
#define N_OPTIONS (sizeof options / sizeof options[0])

typedef struct sub_desc {
    const char *usage;
    const char *summary;
    const char *details;
} sub_desc;

/* In dkg_query_subcommands order. */
static const sub_desc subs[] = {
    {"who-met NAME", "whom NAME met: meetings, first/last date, places, status",
     "Meetings are 'meet' relations unless --type says otherwise; one meeting reported by\n"
     "several articles counts once (same status, date and place)."},
    {"met A B", "whether A and B met, and every meeting with its evidence",
     "Exit status 0 when they met (an occurred meeting; with --status, any listed one),\n"
     "1 when not, as grep does."},
    {"neighbors NAME", "entities linked to NAME by any relation, up to --depth hops", NULL},
    {"path A B", "shortest chain of relations from A to B, with evidence",
     "Relations count in both directions. 'No path' is printed as the answer and the\n"
     "exit status is 1, as grep does when nothing matches."},
    {"timeline NAME", "NAME's relations in date order", NULL},
    {"entity NAME", "profile: aliases, roles with dates, country, counts", NULL},
    {"rank", "the most central entities of the meeting graph",
     "Default relation types: meet,call. Degree counts distinct partners; PageRank is\n"
     "weighted by the number of relations. Betweenness is unweighted and costs\n"
     "O(entities x contacts), about 20 s for 100,000 relations: narrow large graphs\n"
     "with --since, --until, --type or --country."},
    {"communities", "camps of the meeting graph (Louvain, seeded: reproducible)",
     "Default relation types: meet,call. Communities are numbered by size, then by\n"
     "their smallest member id."},
};

static void print_options(FILE *out, unsigned mask)
{
    for (size_t i = 0; i < N_OPTIONS; i++) {
        if (!(options[i].applies & mask)) {
            continue;
        }
        char left[64];
        snprintf(left, sizeof left, "%s--%s%s%s", options[i].val == OPT_HELP ? "-h, " : "    ",
                 options[i].name, options[i].arg ? " " : "", options[i].arg ? options[i].arg : "");
        fprintf(out, "  %-20s %s\n", left, options[i].help);
    }
}

static void print_help(FILE *out)
{
    fprintf(out, "Usage: dkg query GRAPH SUBCOMMAND [NAME...] [OPTIONS]\n"
                 "Ask a knowledge graph who met whom, when and where, and how actors connect.\n"
                 "GRAPH is a file from dkg build or dkg merge, or - for standard input.\n\n"
                 "Subcommands:\n");
    for (size_t i = 0; dkg_query_subcommands[i] != NULL; i++) {
        fprintf(out, "  %-16s %s\n", subs[i].usage, subs[i].summary);
    }
    fprintf(out, "\nOptions (each subcommand's --help lists those it takes):\n");
    print_options(out, Q_ALL);
    fprintf(out,
            "\nNames match ids, names and aliases ignoring case and accents ('erdogan'),\n"
            "then whole words of a name ('macron'). An ambiguous or unknown name is an\n"
            "error (exit 1) listing the candidates or the closest names.\n"
            "Filters keep what may fall in the period: a relation dated 2025 is kept by\n"
            "--since 2025-06. Undated relations are dropped by --since and --until.\n"
            "Exit status: 0 answered, 1 error or 'no' (met, path), 2 usage error.\n");
}

static void print_sub_help(FILE *out, size_t k)
{
    fprintf(out, "Usage: dkg query GRAPH %s [OPTIONS]\n%c%s.\n", subs[k].usage,
            subs[k].summary[0] - ('a' - 'A'), subs[k].summary + 1);
    if (subs[k].details != NULL) {
        fprintf(out, "\n%s\n", subs[k].details);
    }
    fprintf(out, "\nOptions:\n");
    print_options(out, 1u << k);
}

static int sub_index(const char *name)
{
    for (int i = 0; dkg_query_subcommands[i] != NULL; i++) {
        if (strcmp(name, dkg_query_subcommands[i]) == 0) {
            return i;
        }
    }
    return -1;
}

/* All of standard input (GRAPH "-"), NUL-terminated, at most DKG_MAX_GRAPH_FILE_BYTES;
 * NULL on a read error, out of memory or over the limit. */
static char *read_stdin(size_t *len_out)
{
    size_t cap = 1 << 16;
    size_t len = 0;
    char *buf = malloc(cap);
    while (buf != NULL) {
        if (len + 1 >= cap) {
            char *p = cap <= DKG_MAX_GRAPH_FILE_BYTES ? realloc(buf, cap * 2) : NULL;
            if (p == NULL) {
                free(buf);
                return NULL;
            }
            buf = p;
            cap *= 2;
        }
        size_t n = fread(buf + len, 1, cap - len - 1, stdin);
        len += n;
        if (n == 0) {
            if (ferror(stdin) || len > DKG_MAX_GRAPH_FILE_BYTES) {
                free(buf);
                return NULL;
            }
            buf[len] = '\0';
            *len_out = len;
            return buf;
        }
    }
    return NULL;
}

static int parse_int(const char *s, long min, long max, long *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || v < min || v > max) {
        return -1;
    }
    *out = v;
    return 0;
}

static double seconds(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Wall and CPU seconds: on a shared machine the CPU time is the figure that
 * does not depend on what else runs. */
typedef struct stamp {
    double wall;
    double cpu;
} stamp;

static stamp now(void)
{
    stamp s = {seconds(CLOCK_MONOTONIC), seconds(CLOCK_PROCESS_CPUTIME_ID)};
    return s;
}

int cmd_query(int argc, char **argv)
{
    struct option longopts[N_OPTIONS + 1];
    for (size_t i = 0; i < N_OPTIONS; i++) {
        longopts[i].name = options[i].name;
        longopts[i].has_arg = options[i].has_arg ? required_argument : no_argument;
        longopts[i].flag = NULL;
        longopts[i].val = options[i].val;
    }
    memset(&longopts[N_OPTIONS], 0, sizeof longopts[N_OPTIONS]);

    dkg_query_options qo;
    dkg_query_options_init(&qo);
    dkg_query_format format = DKG_QUERY_TABLE;
    int help = 0;
    int timing = 0;
    unsigned given = 0; /* bit i: options[i] was given */
    const char **pos = calloc((size_t)argc + 1, sizeof *pos);
    size_t n_pos = 0;
    if (pos == NULL) {
        cli_errorf("out of memory");
        return DKG_EXIT_FAILURE;
    }
    int status = DKG_EXIT_OK;
    dkg_graph *g = NULL;
    dkg_query_result *result = NULL;
    char *text = NULL;

    /* A leading '-' hands us positional arguments in order (no reliance on getopt
     * permuting argv); ':' reports a missing argument as ':' rather than '?'. */
    optind = 0;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "-:h", longopts, NULL)) != -1) {
        long n;
        for (size_t i = 0; i < N_OPTIONS; i++) {
            if (options[i].val == c) {
                given |= 1u << i;
            }
        }
        switch (c) {
        case 1:
            pos[n_pos++] = optarg;
            break;
        case 'h':
            help = 1;
            break;
        case OPT_FORMAT:
            if (strcmp(optarg, "table") == 0) {
                format = DKG_QUERY_TABLE;
            } else if (strcmp(optarg, "json") == 0) {
                format = DKG_QUERY_JSON;
            } else if (strcmp(optarg, "tsv") == 0) {
                format = DKG_QUERY_TSV;
            } else {
                status = cli_usage_error("query", "invalid --format '%s' (expected table, json "
                                                  "or tsv)", optarg);
                goto done;
            }
            break;
        case OPT_SINCE:
            qo.since = optarg;
            break;
        case OPT_UNTIL:
            qo.until = optarg;
            break;
        case OPT_TYPE:
            qo.types = optarg;
            break;
        case OPT_COUNTRY:
            qo.country = optarg;
            break;
        case OPT_STATUS:
            qo.status = optarg;
            break;
        case OPT_EVIDENCE:
            qo.evidence = 1;
            break;
        case OPT_DEPTH:
            if (parse_int(optarg, 1, DKG_QUERY_MAX_DEPTH, &n) != 0) {
                status = cli_usage_error("query", "invalid --depth '%s' (expected 1 to %d)",
                                         optarg, DKG_QUERY_MAX_DEPTH);
                goto done;
            }
            qo.depth = (int)n;
            break;
        case OPT_TOP:
            if (parse_int(optarg, 0, 1000000000, &n) != 0) {
                status = cli_usage_error("query", "invalid --top '%s' (expected 0 or more)",
                                         optarg);
                goto done;
            }
            qo.top = (int)n;
            break;
        case OPT_SEED:
            if (parse_int(optarg, 0, 2147483647, &n) != 0) {
                status = cli_usage_error("query", "invalid --seed '%s' (expected 0 to 2147483647)",
                                         optarg);
                goto done;
            }
            qo.seed = (unsigned long)n;
            break;
        case OPT_BY:
            if (strcmp(optarg, "degree") == 0) {
                qo.by = DKG_QUERY_BY_DEGREE;
            } else if (strcmp(optarg, "pagerank") == 0) {
                qo.by = DKG_QUERY_BY_PAGERANK;
            } else if (strcmp(optarg, "betweenness") == 0) {
                qo.by = DKG_QUERY_BY_BETWEENNESS;
            } else {
                status = cli_usage_error("query", "invalid --by '%s' (expected degree, pagerank "
                                                  "or betweenness)", optarg);
                goto done;
            }
            break;
        case OPT_TIMING:
            timing = 1;
            break;
        case ':':
            status = cli_usage_error("query", "option '%s' needs an argument", argv[optind - 1]);
            goto done;
        default:
            status = cli_usage_error("query", "unknown option '%s'", argv[optind - 1]);
            goto done;
        }
    }
    while (optind < argc) {
        pos[n_pos++] = argv[optind++];
    }

    int k = -1;
    for (size_t i = 0; i < n_pos && i < 2 && k < 0; i++) {
        k = sub_index(pos[i]);
    }
    if (help) {
        if (k >= 0) {
            print_sub_help(stdout, (size_t)k);
        } else {
            print_help(stdout);
        }
        goto done;
    }
    if (n_pos < 2) {
        status = cli_usage_error("query", n_pos == 0 ? "missing GRAPH and SUBCOMMAND"
                                                     : "missing SUBCOMMAND after GRAPH");
        goto done;
    }
    k = sub_index(pos[1]);
    if (k < 0) {
        status = cli_usage_error("query", "unknown subcommand '%s'", pos[1]);
        goto done;
    }
    int arity = dkg_query_arity(pos[1]);
    if (n_pos - 2 != (size_t)arity) {
        status = cli_usage_error("query", "%s takes %d name%s, got %zu (usage: dkg query GRAPH %s)",
                                 pos[1], arity, arity == 1 ? "" : "s", n_pos - 2, subs[k].usage);
        goto done;
    }
    for (size_t i = 2; i < n_pos; i++) {
        if (pos[i][0] == '\0') {
            status = cli_usage_error("query", "empty name");
            goto done;
        }
    }
    for (size_t i = 0; i < N_OPTIONS; i++) {
        if ((given & (1u << i)) && !(options[i].applies & (1u << k))) {
            status = cli_usage_error("query", "option --%s does not apply to %s",
                                     options[i].name, pos[1]);
            goto done;
        }
    }
    dkg_error err;
    dkg_error_clear(&err);
    if (dkg_query_options_check(&qo, &err) != 0) {
        status = cli_usage_error("query", "%s", err.message);
        goto done;
    }

    stamp t0 = now();
    int rc;
    if (strcmp(pos[0], "-") == 0) {
        size_t len = 0;
        char *buf = read_stdin(&len);
        if (buf == NULL) {
            cli_errorf("<stdin>: cannot read the graph (unreadable or over %zu bytes)",
                       DKG_MAX_GRAPH_FILE_BYTES);
            status = DKG_EXIT_FAILURE;
            goto done;
        }
        rc = dkg_graph_load_buffer(&g, "<stdin>", buf, len, &err);
        free(buf);
    } else {
        rc = dkg_graph_load(&g, pos[0], &err);
    }
    if (rc != 0) {
        cli_print_error(&err);
        status = DKG_EXIT_FAILURE;
        goto done;
    }
    stamp t1 = now();
    if (dkg_query_run(&result, g, pos[1], pos + 2, &qo, &err) != 0) {
        cli_print_error(&err);
        status = DKG_EXIT_FAILURE;
        goto done;
    }
    stamp t2 = now();
    size_t len = 0;
    if (dkg_query_result_render(result, format, &text, &len, &err) != 0) {
        cli_print_error(&err);
        status = DKG_EXIT_FAILURE;
        goto done;
    }
    if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
        cli_errorf("writing the result failed");
        status = DKG_EXIT_FAILURE;
        goto done;
    }
    if (timing) {
        stamp t3 = now();
        fprintf(stderr,
                "dkg query: load %.3f s, query %.3f s, output %.3f s "
                "(cpu: load %.3f s, query %.3f s, output %.3f s)\n",
                t1.wall - t0.wall, t2.wall - t1.wall, t3.wall - t2.wall, t1.cpu - t0.cpu,
                t2.cpu - t1.cpu, t3.cpu - t2.cpu);
    }
    if ((k == 1 || k == 3) && !dkg_query_result_found(result)) {
        status = DKG_EXIT_FAILURE;
    }
done:
    free(text);
    dkg_query_result_free(result);
    dkg_graph_free(g);
    free(pos);
    return status;
}
