/* src/cmd_extract.c - dkg extract: articles in, extraction JSON out.
 *
 * One article prints one JSON object; several print a JSON array, unless
 * --jsonl asks for one compact object per line (the streaming form, usable
 * as a Hadoop Streaming mapper or Spark pipe). The first result is held
 * back until we know whether a second follows, so memory stays bounded by
 * one article either way.
 *
 * Articles are extracted on -j N worker threads (cli_parallel.c); results
 * come back in input order on this thread, which alone prints, so the output
 * is byte-identical whatever N is. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_parallel.h"
#include "cli_pipeline.h"
#include "commands.h"
#include "input.h"

static const char usage[] =
    "Usage: dkg extract [OPTIONS] INPUT...\n"
    "Find the actors, places, dates and diplomatic events in news articles and\n"
    "print them as JSON (the extraction contract, see README).\n"
    "\n"
    "INPUT is a plain-text article (first line may be ' date YYYY-MM-DD Headline'),\n"
    "a directory (every .txt/.jsonl below it), a JSON Lines file of\n"
    "{\"id\",\"date\",\"title\",\"text\"} records, or - for standard input.\n"
    "\n"
    "Options:\n"
    "      --jsonl             one compact JSON object per line (streaming)\n"
    "      --date YYYY-MM-DD   article date for inputs that do not give one\n"
    "      --lexicon FILE      add a lexicon file (repeatable)\n"
    "      --rules FILE        add a rules file (repeatable)\n"
    "      --no-default-data   use only the --lexicon/--rules files given\n"
    "      --offsets UNIT      bytes (default) or codepoints (for Python/JavaScript)\n"
    "  -j, --jobs N            extract on N threads (default: the number of cores;\n"
    "                          -j1: no threads); output order stays input order\n"
    "  -h, --help              show this help and exit\n"
    "\n"
    "Exit status: 0 all articles extracted, 1 some input failed (the others are\n"
    "still printed), 2 usage error.\n";

typedef struct extract_run {
    cli_pool *pool;
    int jsonl;
    char *held;       /* the first result, until a second one arrives */
    long printed;
    long failed;
} extract_run;

static void emit(extract_run *run, const char *json, size_t len)
{
    if (run->jsonl) {
        fwrite(json, 1, len, stdout);
        fputc('\n', stdout);
        run->printed++;
        return;
    }
    if (run->printed == 0 && run->held == NULL) {
        run->held = malloc(len + 1);
        if (run->held != NULL) {
            memcpy(run->held, json, len + 1);
            return;
        }
    }
    if (run->held != NULL) {
        fputs("[\n", stdout);
        fputs(run->held, stdout);
        free(run->held);
        run->held = NULL;
        run->printed++;
    }
    fputs(",\n", stdout);
    fwrite(json, 1, len, stdout);
    run->printed++;
}

/* Called by the pool on this thread, in input order. */
static int on_result(void *ctx, const cli_pool_result *res)
{
    extract_run *run = ctx;
    if (res->rc != 0) {
        dkg_error err = *res->err;
        dkg_error_locate(&err, res->source, res->line, 0, err.offset);
        cli_print_error(&err);
        run->failed++;
        return 0;
    }
    emit(run, res->json, res->len);
    return 0;
}

/* Threads pay only for a larger input: a single file of less text than a
 * one-thread pool would read before JIT-compiling the rules (a short
 * article, the start-up case) is extracted on this thread, without JIT. */
static int small_input(char *const *paths, int npaths)
{
    struct stat st;
    return npaths == 1 && stat(paths[0], &st) == 0 && S_ISREG(st.st_mode) &&
           (size_t)st.st_size < CLI_JIT_AFTER_BYTES;
}

static int on_record(void *ctx, const dkg_input_record *rec)
{
    extract_run *run = ctx;
    if (rec->kind != DKG_INPUT_ARTICLE) {
        cli_warnf("%s:%ld: an extraction record, not an article; skipped (use dkg build)",
                  rec->source, rec->line);
        run->failed++;
        return 0;
    }
    return cli_pool_submit(run->pool, &rec->article, rec->source, rec->line);
}

int cmd_extract(int argc, char **argv)
{
    static const struct option options[] = {
        {"jsonl", no_argument, NULL, 'J'},   {"date", required_argument, NULL, 'd'},
        {"lexicon", required_argument, NULL, 'L'}, {"rules", required_argument, NULL, 'R'},
        {"no-default-data", no_argument, NULL, 'N'}, {"offsets", required_argument, NULL, 'O'},
        {"jobs", required_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    cli_extract_setup setup = {0};
    dkg_extract_options xopt = {DKG_OFFSETS_BYTES, 1};
    dkg_input_options iopt = {NULL};
    int jsonl = 0;
    int jobs = 0;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "hj:", options, NULL)) != -1) {
        switch (c) {
        case 'J': jsonl = 1; break;
        case 'd':
            if (!dkg_input_date_ok(optarg)) {
                return cli_usage_error("extract", "--date '%s' is not a date YYYY-MM-DD", optarg);
            }
            iopt.default_date = optarg;
            break;
        case 'L':
            if (setup.nlexicon == 64) {
                return cli_usage_error("extract", "at most 64 --lexicon files");
            }
            setup.lexicon_files[setup.nlexicon++] = optarg;
            break;
        case 'R':
            if (setup.nrules == 64) {
                return cli_usage_error("extract", "at most 64 --rules files");
            }
            setup.rules_files[setup.nrules++] = optarg;
            break;
        case 'N': setup.no_default_data = 1; break;
        case 'O':
            if (strcmp(optarg, "bytes") == 0) {
                xopt.offsets = DKG_OFFSETS_BYTES;
            } else if (strcmp(optarg, "codepoints") == 0) {
                xopt.offsets = DKG_OFFSETS_CODEPOINTS;
            } else {
                return cli_usage_error("extract", "--offsets must be bytes or codepoints");
            }
            break;
        case 'j':
            jobs = cli_parse_jobs(optarg);
            if (jobs == 0) {
                return cli_usage_error("extract", "-j '%s' is not a thread count from 1 to 256",
                                       optarg);
            }
            break;
        case 'h': fputs(usage, stdout); return DKG_EXIT_OK;
        default: return cli_usage_error("extract", "unknown option");
        }
    }
    if (optind >= argc) {
        return cli_usage_error("extract", "no input given (a file, a directory, or - for stdin)");
    }
    xopt.pretty = !jsonl;
    setup.defer_jit = 1; /* the pool decides, see cli_parallel.h */
    dkg_lexicon *lex = NULL;
    dkg_rules *rules = NULL;
    int status = cli_load_extraction_data(&setup, &lex, &rules);
    if (status != 0) {
        return status;
    }
    dkg_error err;
    dkg_error_clear(&err);
    extract_run run = {NULL, jsonl, NULL, 0, 0};
    if (jobs == 0) {
        jobs = small_input(argv + optind, argc - optind) ? 1 : cli_online_cpus();
    }
    if (cli_pool_new(&run.pool, jobs, 0, lex, rules, &xopt, on_result, &run, &err) != 0) {
        cli_print_error(&err);
        dkg_lexicon_free(lex);
        dkg_rules_free(rules);
        return DKG_EXIT_FAILURE;
    }
    /* Into a pipe or file, stdio's 4 KiB buffer meant a write(2) per article
     * or so (35,852 for 25,000 articles); 256 KiB makes it one per ~40. */
    static char out_buffer[256 * 1024];
    if (!isatty(STDOUT_FILENO)) {
        setvbuf(stdout, out_buffer, _IOFBF, sizeof out_buffer);
    }
    int stopped = 0;
    long failed = dkg_input_walk(argv + optind, argc - optind, &iopt, on_record, &run, &stopped);
    if (cli_pool_finish(run.pool) != 0 || stopped != 0) {
        cli_errorf("out of memory");
        failed++;
    }
    if (run.held != NULL) {
        fputs(run.held, stdout);
        fputc('\n', stdout);
        free(run.held);
    } else if (!jsonl && run.printed > 0) {
        fputs("\n]\n", stdout);
    }
    cli_pool_free(run.pool);
    dkg_lexicon_free(lex);
    dkg_rules_free(rules);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_errorf("writing the output failed (disk full or closed pipe?)");
        return DKG_EXIT_FAILURE;
    }
    return failed + run.failed > 0 ? DKG_EXIT_FAILURE : DKG_EXIT_OK;
}
