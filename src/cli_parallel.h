/* src/cli_parallel.h - extracting articles on N worker threads, results in input order.
 *
 * The pool is the one place where the command runs threads. The calling
 * ("main") thread submits records in input order; workers extract articles,
 * each with its own dkg_extractor (PCRE2 match data and JIT stack), over the
 * shared, already loaded lexicon and rules (JIT-compiled: see below). Results
 * come back to the caller's callback in exactly the order they were
 * submitted, and only ever on the thread that calls cli_pool_submit /
 * cli_pool_finish: that is the thread that prints or touches igraph, so the
 * callback needs no locking.
 *
 * Records travel in batches: with threads, submitted records are gathered
 * until CLI_BATCH_BYTES of text (or CLI_BATCH_RECORDS records), and one
 * worker extracts the whole batch, so the threads synchronise once per batch
 * rather than once per article. Results are delivered when their batch is
 * done (and at cli_pool_finish for the last, partial one), so with threads
 * the callback runs up to a few batches behind the submissions.
 *
 * Memory is bounded: at most `queue` batches (default 4 per worker) are in
 * flight; cli_pool_submit blocks while the oldest one is still being worked
 * on. Each slot keeps its buffers for reuse, and gives back any that grew past
 * a few megabytes, so a stream of any length runs in the memory of `queue`
 * batches and their results.
 *
 * With one thread (-j1) no thread is started: submit extracts at once and
 * calls the callback before returning, so -j1 costs nothing over a plain loop.
 *
 * JIT: with threads the workers JIT-compile the rule patterns between them
 * (dkg_rules_jit_share, each its share) and wait for each other before
 * extracting anything, while the caller goes on reading and submitting
 * input. With one thread it waits until CLI_JIT_AFTER_BYTES of article
 * text have been submitted: JIT-compiling the shipped rules costs
 * about as much as the PCRE2 interpreter loses on that much text, and it is
 * most of the start-up of a one-article run. Results are the same either way.
 * DKG_JIT=eager in the environment JIT-compiles at once with one thread too
 * (bench/bench_extract.sh uses it to count per-byte instructions).
 *
 * Wiring it into another command (e.g. `dkg build -j N`):
 *     cli_pool *pool = NULL;
 *     cli_pool_new(&pool, jobs, lex, rules, &xopt, on_result, ctx, &err);
 *     ... in the dkg_input_walk callback:
 *         articles:    cli_pool_submit(pool, &rec->article, rec->source, rec->line);
 *         extractions: cli_pool_submit_json(pool, rec->json, rec->json_len,
 *                                           rec->source, rec->line);
 *     ... after the walk: cli_pool_finish(pool); cli_pool_free(pool);
 * on_result then sees every record, extracted or passed through, in input
 * order, and can add it to the graph exactly as the sequential code did.
 */
#ifndef DKG_CLI_PARALLEL_H
#define DKG_CLI_PARALLEL_H

#include <stddef.h>

#include "dkg/extract.h"

/* One finished record, borrowed for the duration of the callback. */
typedef struct cli_pool_result {
    long seq;           /* 0-based submission number */
    int rc;             /* 0, or the DKG_E* code of a failed extraction */
    const dkg_error *err; /* details when rc != 0 (not yet located in the input) */
    const char *json;   /* the extraction JSON (NUL-terminated), NULL when rc != 0 */
    size_t len;
    int passed_through; /* 1 when it came from cli_pool_submit_json */
    const char *source; /* the record's source as submitted ("" when NULL) */
    long line;          /* the record's line as submitted */
} cli_pool_result;

/* Called on the submitting thread, in submission order. Return 0 to go on;
 * a non-zero value is remembered and returned by the next submit/finish call
 * (records already in flight are still delivered). */
typedef int (*cli_pool_result_fn)(void *ctx, const cli_pool_result *res);

typedef struct cli_pool cli_pool;

/* Article text after which a one-thread pool JIT-compiles the rules. */
#define CLI_JIT_AFTER_BYTES ((size_t)64 * 1024)

/* A batch is handed to a worker once it holds this much text or this many
 * records. 64 KB extracts in a few milliseconds: hand-offs are rare, and the
 * last batch, which only one thread can work on, stays short. */
#define CLI_BATCH_BYTES ((size_t)64 * 1024)
#define CLI_BATCH_RECORDS 512

/* Start a pool of `threads` workers (1 = no thread at all) over lex and rules
 * (borrowed: they must outlive the pool). queue (batches in flight) <= 0
 * picks 4 per worker.
 * Returns 0, DKG_ENOMEM, or DKG_EINVAL when threads < 1 or a thread could not
 * be started. */
int cli_pool_new(cli_pool **out, int threads, int queue, const dkg_lexicon *lex,
                 dkg_rules *rules, const dkg_extract_options *xopt,
                 cli_pool_result_fn on_result, void *ctx, dkg_error *err);

/* Copy the article (text, id, source, date, title) into the batch being
 * filled (handed to a worker once full); source and line are handed back with
 * the result. May block until the oldest batch is finished, and may call
 * on_result for finished records.
 * Returns 0, DKG_ENOMEM, or the first non-zero value on_result returned. */
int cli_pool_submit(cli_pool *pool, const dkg_article *article, const char *source,
                    long line);

/* Queue an already extracted record (an extraction JSON line) so that it is
 * delivered, unchanged, in its place among the articles. Same returns. */
int cli_pool_submit_json(cli_pool *pool, const char *json, size_t len, const char *source,
                         long line);

/* Wait for every submitted record and deliver the rest. Same returns. */
int cli_pool_finish(cli_pool *pool);

/* Stop the workers (without delivering what is still queued) and free all.
 * Accepts NULL. */
void cli_pool_free(cli_pool *pool);

/* The number of online processors (at least 1): the default for -j. */
int cli_online_cpus(void);

/* Parse a -j argument: an integer from 1 to 256. Returns it, or 0 when bad. */
int cli_parse_jobs(const char *arg);

#endif
