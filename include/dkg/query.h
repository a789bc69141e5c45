/* dkg/query.h - questions to a knowledge graph: who met whom, paths, ranks.
 *
 * Ownership in one line: a dkg_query_result comes from dkg_query_run, belongs to
 * the caller and is released with dkg_query_result_free (which accepts NULL).
 *
 * Threads: queries call igraph, whose error handler, RNG and attribute table are
 * process-global in our build; run every query on the one thread that uses the
 * graph. A query never modifies the graph.
 *
 * Semantics every query shares (`dkg query --help` says the same for users):
 * - Names resolve through entity id, name and aliases, case- and accent-
 *   insensitively ("erdogan" finds "Recep Tayyip Erdoğan"), then through whole
 *   words of a name ("macron"). Several matches at the best level are ambiguous
 *   (DKG_EAMBIGUOUS, the message lists the candidates); no match is DKG_ENOTFOUND
 *   with the closest names suggested.
 * - since/until take YYYY, YYYY-MM or YYYY-MM-DD. A relation is kept when the
 *   period its date may mean overlaps the asked period: a relation dated "2025"
 *   is kept by since "2025-06" and by until "2025-01-31". Undated relations are
 *   dropped as soon as since or until is given.
 * - status: occurred, planned, negated or any, several joined by commas; the
 *   default is occurred and planned (every row says which). A relation with no
 *   status counts as occurred.
 * - types: relation types joined by commas (meet, call, visit, ...). Default:
 *   meet for who-met and met, meet and call for rank and communities, every type
 *   for the others.
 * - country: keeps the entities of that country (ISO 3166 alpha-3 code, any
 *   case); the entities named in the query always stay. A relation is kept when
 *   both its ends are kept.
 */
#ifndef DKG_QUERY_H
#define DKG_QUERY_H

#include <stddef.h>

#include "dkg/error.h"

typedef struct dkg_graph dkg_graph;
typedef struct dkg_query_result dkg_query_result;

typedef enum dkg_query_format {
    DKG_QUERY_TABLE = 0, /* aligned columns for people (UTF-8 aware widths) */
    DKG_QUERY_TSV,       /* header line, then tab-separated rows */
    DKG_QUERY_JSON       /* one JSON object */
} dkg_query_format;

typedef enum dkg_query_rank_by {
    DKG_QUERY_BY_DEGREE = 0,
    DKG_QUERY_BY_PAGERANK,
    DKG_QUERY_BY_BETWEENNESS
} dkg_query_rank_by;

/* Options of every query; dkg_query_options_init gives the defaults. Strings are
 * borrowed for the duration of the call. */
typedef struct dkg_query_options {
    const char *since;    /* YYYY[-MM[-DD]] or NULL */
    const char *until;    /* YYYY[-MM[-DD]] or NULL */
    const char *types;    /* "meet,call" or NULL for the query's default */
    const char *country;  /* "FRA" or NULL */
    const char *status;   /* "occurred", "planned,negated", "any" or NULL (default) */
    int evidence;         /* who-met, met, path, timeline: include evidence sentences */
    int depth;            /* neighbors: 1.. DKG_QUERY_MAX_DEPTH (default 1) */
    int top;              /* rank: rows to show, 0 = all (default 10) */
    dkg_query_rank_by by; /* rank: the centrality (default degree) */
    unsigned long seed;   /* communities: RNG seed (default 1) */
} dkg_query_options;

#define DKG_QUERY_MAX_DEPTH 10

void dkg_query_options_init(dkg_query_options *opts);

/* Check the options alone (dates, status names, ranges) before a graph is loaded.
 * Returns 0 or DKG_EINVAL with a one-line message in err. */
int dkg_query_options_check(const dkg_query_options *opts, dkg_error *err);

/* The subcommands, in help order, NULL-terminated; and how many names each takes
 * (-1 when the name is unknown). */
extern const char *const dkg_query_subcommands[];
int dkg_query_arity(const char *subcommand);

/* Run one query. subcommand is one of dkg_query_subcommands; names holds its
 * dkg_query_arity() entity names. On success *out receives the result.
 * Returns 0, DKG_ENOTFOUND (unknown name: message suggests the closest names),
 * DKG_EAMBIGUOUS (message lists candidates), DKG_EINVAL (bad option or
 * subcommand), DKG_ENOMEM, or DKG_EIO for an igraph failure.
 * Cost: resolution O(V) per name; who-met/met/timeline O(E); neighbors and path
 * O(V + E); rank by degree or pagerank O(V + E) per iteration, betweenness
 * O(V E); communities about O(E log V). */
int dkg_query_run(dkg_query_result **out, const dkg_graph *graph, const char *subcommand,
                  const char *const *names, const dkg_query_options *opts, dkg_error *err);

/* 1 when the answer is yes: met found a meeting, path found a path, other queries
 * found at least one row. Scripts use it as the exit status (0 = yes), like grep. */
int dkg_query_result_found(const dkg_query_result *result);

/* Render a result. *text_out receives a NUL-terminated string the caller frees
 * with free(); *len_out (may be NULL) its length. Output is deterministic: rows
 * are sorted on their content, and the ties that depend on igraph's traversal
 * (which of two equally short paths, a neighbor's "via", Louvain's choices)
 * follow the graph's vertex and edge order, which is the canonical order for a
 * graph loaded from a file; a graph built in memory in another order may break
 * those ties differently.
 * Returns 0, DKG_ENOMEM or DKG_ELIMIT (over 1 GiB). */
int dkg_query_result_render(const dkg_query_result *result, dkg_query_format format,
                            char **text_out, size_t *len_out, dkg_error *err);

void dkg_query_result_free(dkg_query_result *result);

#endif
