/* src/cmd_build.c - `dkg build -o GRAPH [--update] INPUT...`.
 *
 * Inputs are walked in order by src/input.c; each record is either an
 * article, extracted here with the public extraction API, or an extraction
 * line (`dkg extract --jsonl` output), added as it is. All graph calls stay
 * on this (the main) thread, as igraph requires. Articles go through the
 * same worker pool as `dkg extract` (src/cli_parallel.c): with -j N > 1, N
 * threads each with their own dkg_extractor (lexicon and rules are shared,
 * read-only) extract batches of articles while this thread reads the input
 * and adds finished results to the graph in input order; extraction records
 * in the input are queued among the articles, so the graph, the messages and
 * their order are the same as with -j 1. (This replaced a batch that all
 * threads extracted and then all waited for the graph: the graph and the
 * reading did not overlap with extraction, and threads were started anew for
 * every batch.)
 *
 * The lexicon and rules are loaded only when the first article arrives (or
 * up front when --lexicon/--rules name files, so their errors come first):
 * building from extraction JSON Lines needs neither.
 *
 * Failure policy: a bad record is reported (FILE:LINE) and skipped; the graph
 * of the good ones is still written, and the exit status is 1. A graph that
 * cannot be loaded (--update) or saved stops everything and leaves GRAPH as
 * it was: dkg_graph_save writes a temporary file and renames it.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli_parallel.h"
#include "cli_pipeline.h"
#include "commands.h"
#include "dkg/extract.h"
#include "dkg/graph.h"
#include "input.h"

#define MAX_USER_FILES 64 /* the size of cli_extract_setup's arrays */
#define MAX_JOBS 256

/* The one description of each option: --help is printed from it. */
static const struct {
    const char *lng;
    char shrt; /* 0 when long only */
    const char *arg;
    const char *help;
} options[] = {
    {"output", 'o', "GRAPH", "the graph file to write, '-' for standard output (required)"},
    {"update", 0, NULL, "add to GRAPH when it exists instead of replacing it"},
    {"lexicon", 0, "FILE", "also use this lexicon file (repeatable)"},
    {"rules", 0, "FILE", "also use this rules file (repeatable)"},
    {"no-default-data", 0, NULL, "use only the --lexicon and --rules files given"},
    {"date", 0, "YYYY-MM-DD", "date of articles that carry none"},
    {"jobs", 'j', "N", "extract on N threads (1-256, default 1); same graph as -j 1"},
    {"help", 'h', NULL, "show this help and exit"},
};

static void print_help(void)
{
    printf("Usage: dkg build -o GRAPH [--update] [OPTIONS] INPUT...\n"
           "Build a knowledge graph file from articles (plain text, directories of *.txt,\n"
           "JSON Lines articles, '-' for standard input) or extraction JSON Lines\n"
           "(dkg extract --jsonl). Articles already in the graph are skipped. A bad record\n"
           "is reported and skipped; the graph of the others is still written (exit 1).\n"
           "\nOptions:\n");
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++) {
        char left[64];
        char shrt[8] = "    ";
        if (options[i].shrt != 0) {
            snprintf(shrt, sizeof shrt, "-%c, ", options[i].shrt);
        }
        snprintf(left, sizeof left, "%s--%s%s%s", shrt, options[i].lng, options[i].arg ? " " : "",
                 options[i].arg ? options[i].arg : "");
        printf("  %-28s %s\n", left, options[i].help);
    }
    printf("\nExit status: 0 success, 1 a record or the graph failed, 2 usage error.\n"
           "Graph file format: docs/graph-format.md.\n");
}

typedef struct build_ctx {
    dkg_graph *graph;
    cli_extract_setup setup;
    dkg_lexicon *lexicon;
    dkg_rules *rules;
    int jobs;
    cli_pool *pool;     /* created with the first article */
    int extractor_failed;
    long added;
    long skipped;
    long failed;
    int progress;
    struct timespec started;
    struct timespec last_progress;
} build_ctx;

static double seconds_since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void show_progress(build_ctx *b, int final)
{
    if (!b->progress) {
        return;
    }
    if (!final && seconds_since(&b->last_progress) < 0.5) {
        return;
    }
    clock_gettime(CLOCK_MONOTONIC, &b->last_progress);
    double secs = seconds_since(&b->started);
    long done = b->added + b->skipped + b->failed;
    fprintf(stderr, "\rdkg: build: %ld articles, %.0f/s   ", done,
            secs > 0 ? (double)done / secs : 0.0);
    if (final) {
        fputs("\r\033[K", stderr);
    }
}

static void add_json(build_ctx *b, const char *json, size_t len, const char *source, long line)
{
    dkg_error err;
    dkg_error_clear(&err);
    int added = 0;
    if (dkg_graph_add_extraction(b->graph, json, len, source, line, &added, &err) != 0) {
        cli_print_error(&err);
        b->failed++;
    } else if (added) {
        b->added++;
    } else {
        b->skipped++;
    }
    show_progress(b, 0);
}

static void extract_failed(build_ctx *b, dkg_error *err, const char *source, long line)
{
    if (err->file[0] == '\0') {
        dkg_error_locate(err, source, line, 0, err->offset);
    }
    cli_print_error(err);
    b->failed++;
    show_progress(b, 0);
}

/* Called by the pool on this thread, in input order. */
static int on_result(void *ctx, const cli_pool_result *res)
{
    build_ctx *b = ctx;
    if (res->rc != 0) {
        dkg_error err = *res->err;
        extract_failed(b, &err, res->source, res->line);
    } else {
        add_json(b, res->json, res->len, res->source, res->line);
    }
    return 0;
}

/* Load the lexicon and rules and start the pool. Returns 1 on failure. */
static int make_extractor(build_ctx *b)
{
    dkg_error err;
    dkg_error_clear(&err);
    b->setup.defer_jit = 1; /* the pool decides, see cli_parallel.h */
    if (cli_load_extraction_data(&b->setup, &b->lexicon, &b->rules) != 0 ||
        cli_pool_new(&b->pool, b->jobs, 0, b->lexicon, b->rules, NULL, on_result, b, &err) !=
            0) {
        if (err.code != 0) {
            cli_print_error(&err);
        }
        b->extractor_failed = 1;
        return 1;
    }
    return 0;
}

/* 1 stops the walk (the extractor cannot be set up, or memory ran out). */
static int on_record(void *ctx, const dkg_input_record *rec)
{
    build_ctx *b = ctx;
    if (rec->kind != DKG_INPUT_ARTICLE) {
        if (b->pool == NULL) {
            add_json(b, rec->json, rec->json_len, rec->source, rec->line);
            return 0;
        }
        /* Queued, so that it is added after the articles before it. */
        if (cli_pool_submit_json(b->pool, rec->json, rec->json_len, rec->source, rec->line) !=
            0) {
            cli_errorf("out of memory");
            return 1;
        }
        return 0;
    }
    /* The extraction's doc.id is the input's id or else the content id
     * (contract v1), so an article already in the graph is skipped without
     * extracting it: --update with yesterday's corpus plus today's costs only
     * today's extraction. */
    char content_id[17];
    const char *id = rec->article.id;
    if (id == NULL) {
        dkg_content_id(rec->article.text, rec->article.len, content_id);
        id = content_id;
    }
    if (dkg_graph_has_document(b->graph, id)) {
        b->skipped++;
        show_progress(b, 0);
        return 0;
    }
    if (b->pool == NULL && make_extractor(b) != 0) {
        return 1;
    }
    if (cli_pool_submit(b->pool, &rec->article, rec->source, rec->line) != 0) {
        cli_errorf("out of memory");
        return 1;
    }
    return 0;
}

int cmd_build(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'}, {"update", no_argument, NULL, 'u'},
        {"lexicon", required_argument, NULL, 'L'}, {"rules", required_argument, NULL, 'R'},
        {"date", required_argument, NULL, 'D'},   {"jobs", required_argument, NULL, 'j'},
        {"no-default-data", no_argument, NULL, 'N'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    build_ctx b;
    memset(&b, 0, sizeof b);
    b.jobs = 1;
    const char *out = NULL;
    const char *date = NULL;
    int update = 0;
    int c = 0;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":o:j:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'o':
            out = optarg;
            break;
        case 'u':
            update = 1;
            break;
        case 'L':
        case 'R':
            if ((c == 'L' ? b.setup.nlexicon : b.setup.nrules) >= MAX_USER_FILES) {
                return cli_usage_error("build", "at most %d --lexicon and %d --rules files",
                                       MAX_USER_FILES, MAX_USER_FILES);
            }
            if (c == 'L') {
                b.setup.lexicon_files[b.setup.nlexicon++] = optarg;
            } else {
                b.setup.rules_files[b.setup.nrules++] = optarg;
            }
            break;
        case 'N':
            b.setup.no_default_data = 1;
            break;
        case 'D':
            if (!dkg_input_date_ok(optarg)) {
                return cli_usage_error("build", "--date wants a date YYYY-MM-DD, not '%s'",
                                       optarg);
            }
            date = optarg;
            break;
        case 'j': {
            char *end = NULL;
            long jobs = strtol(optarg, &end, 10);
            if (end == optarg || *end != '\0' || jobs < 1 || jobs > MAX_JOBS) {
                return cli_usage_error("build", "-j wants a number from 1 to %d, not '%s'",
                                       MAX_JOBS, optarg);
            }
            b.jobs = (int)jobs;
            break;
        }
        case 'h':
            print_help();
            return DKG_EXIT_OK;
        case ':':
            return cli_usage_error("build", "option '%s' needs an argument", argv[optind - 1]);
        default:
            return cli_usage_error("build", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (out == NULL) {
        return cli_usage_error("build", "missing -o GRAPH");
    }
    if (optind >= argc) {
        return cli_usage_error("build", "no input (give files, directories or '-')");
    }
    if (update && strcmp(out, "-") == 0) {
        return cli_usage_error("build", "--update needs a graph file, not '-'");
    }
    if (cli_check_output_path(out, 0) != 0) {
        return DKG_EXIT_FAILURE;
    }

    dkg_error err;
    dkg_error_clear(&err);
    int status = DKG_EXIT_OK;
    int rc = 0;
    struct stat st;
    if (update && stat(out, &st) == 0) {
        rc = dkg_graph_load(&b.graph, out, &err);
    } else {
        rc = dkg_graph_new(&b.graph, &err);
    }
    if (rc != 0) {
        cli_print_error(&err);
        return DKG_EXIT_FAILURE;
    }
    if ((b.setup.nlexicon > 0 || b.setup.nrules > 0 || b.setup.no_default_data) &&
        make_extractor(&b) != 0) {
        status = DKG_EXIT_FAILURE;
        goto done;
    }
    b.progress = isatty(STDERR_FILENO);
    clock_gettime(CLOCK_MONOTONIC, &b.started);
    b.last_progress = b.started;

    dkg_input_options opt = {date};
    int stopped = 0;
    long walk_failed = dkg_input_walk(argv + optind, argc - optind, &opt, on_record, &b, &stopped);
    if (!stopped && b.pool != NULL && cli_pool_finish(b.pool) != 0) {
        cli_errorf("out of memory");
        stopped = 1;
    }
    show_progress(&b, 1);
    if (stopped || b.extractor_failed) {
        status = DKG_EXIT_FAILURE;
        goto done;
    }
    b.failed += walk_failed;
    rc = strcmp(out, "-") == 0 ? dkg_graph_write_fd(b.graph, 1, "<stdout>", &err)
                               : dkg_graph_save(b.graph, out, &err);
    if (rc != 0) {
        cli_print_error(&err);
        status = DKG_EXIT_FAILURE;
        goto done;
    }
    fprintf(stderr, "dkg: build: %ld articles added, %ld skipped, %ld failed; %zu nodes, %zu edges"
                    " -> %s\n",
            b.added, b.skipped, b.failed, dkg_graph_node_count(b.graph),
            dkg_graph_edge_count(b.graph), strcmp(out, "-") == 0 ? "<stdout>" : out);
    if (b.failed > 0) {
        status = DKG_EXIT_FAILURE;
    }

done:
    cli_pool_free(b.pool);
    dkg_rules_free(b.rules);
    dkg_lexicon_free(b.lexicon);
    dkg_graph_free(b.graph);
    return status;
}
