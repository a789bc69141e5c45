/* graph/query_internal.h - shared internals of the query module (not installed).
 *
 * Three layers: a result model (sections of typed cells, rendered as table,
 * TSV or JSON by query_format.c), helpers with no graph in them (dates, name
 * scoring, text widths), and the query functions themselves. */
#ifndef DKG_QUERY_INTERNAL_H
#define DKG_QUERY_INTERNAL_H

#include <stddef.h>

#include "dkg/error.h"
#include "dkg/query.h"
#include "graph_internal.h"

/* Ceiling of one rendered result and of one built string (curl dynbuf rule). */
#define DKG__QUERY_MAX_OUTPUT ((size_t)1 << 30)

/* ---- growable string ------------------------------------------------------ */

typedef struct dkg__sbuf {
    char *data; /* NUL-terminated when len > 0 or after any append */
    size_t len;
    size_t cap;
    int failed; /* set once an append failed; later appends do nothing */
} dkg__sbuf;

void dkg__sbuf_append(dkg__sbuf *b, const char *s, size_t n);
void dkg__sbuf_puts(dkg__sbuf *b, const char *s);
void dkg__sbuf_printf(dkg__sbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Take the string (never NULL unless the buffer failed); the buffer is reset. */
char *dkg__sbuf_take(dkg__sbuf *b);
void dkg__sbuf_destroy(dkg__sbuf *b);

/* ---- result model ----------------------------------------------------------- */

enum { DKG__CELL_NULL, DKG__CELL_STR, DKG__CELL_INT, DKG__CELL_REAL, DKG__CELL_BOOL,
       DKG__CELL_LIST };

typedef struct dkg__cell {
    int kind;
    char *s;        /* STR */
    long long i;    /* INT, BOOL */
    double r;       /* REAL */
    int decimals;   /* REAL: digits printed after the point */
    char **list;    /* LIST of strings */
    size_t n_list;
} dkg__cell;

typedef struct dkg__section {
    char *name;         /* JSON key of the array, heading in tables */
    size_t n_cols;
    char **cols;        /* JSON keys; table headers are their upper-case form */
    size_t n_rows;
    size_t cap_rows;
    dkg__cell *cells;   /* row-major, n_rows * n_cols */
    unsigned long hide_in_table; /* bit c set: column c is left out of tables */
    int table_only;     /* 1: rendered in tables only (JSON has typed fields instead) */
} dkg__section;

typedef struct dkg__field {
    char *key;
    dkg__cell value;
} dkg__field;

struct dkg_query_result {
    char *query;         /* subcommand name, first JSON key */
    int found;           /* 1 when the answer is "yes" (met, path found, ...) */
    char *summary;       /* lines printed before the tables in table format, or NULL */
    size_t n_fields;     /* top-level JSON fields after "query" */
    dkg__field *fields;
    size_t n_sections;
    dkg__section *sections;
    int failed;          /* an allocation failed while building */
};

dkg_query_result *dkg__result_new(const char *query);
void dkg__result_summary(dkg_query_result *r, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void dkg__result_field_str(dkg_query_result *r, const char *key, const char *value);
void dkg__result_field_int(dkg_query_result *r, const char *key, long long value);
void dkg__result_field_bool(dkg_query_result *r, const char *key, int value);
void dkg__result_field_real(dkg_query_result *r, const char *key, double value, int decimals);
void dkg__result_field_list(dkg_query_result *r, const char *key, const char *const *items,
                            size_t n);
/* A section with n_cols columns named by the NULL-terminated list of keys. */
dkg__section *dkg__result_section(dkg_query_result *r, const char *name, const char *const *cols);
/* Append a row of NULL cells and return it (n_cols cells), or NULL when out of memory
 * (r->failed is then set). */
dkg__cell *dkg__section_row(dkg_query_result *r, dkg__section *s);
void dkg__cell_str(dkg_query_result *r, dkg__cell *c, const char *s); /* NULL s -> null */
void dkg__cell_int(dkg__cell *c, long long v);
void dkg__cell_real(dkg__cell *c, double v, int decimals);
void dkg__cell_bool(dkg__cell *c, int v);
/* The strings are copied. */
void dkg__cell_list(dkg_query_result *r, dkg__cell *c, const char *const *items, size_t n);

/* ---- text ------------------------------------------------------------------- */

/* Columns a UTF-8 string takes in a terminal: combining marks 0, East Asian
 * wide and full-width characters 2, others 1. */
size_t dkg__text_width(const char *s);

/* Levenshtein distance counted in bytes of two folded ASCII-mostly strings,
 * stopping early (returning limit + 1) once it exceeds limit. */
size_t dkg__edit_distance(const char *a, const char *b, size_t limit);

/* ---- dates ------------------------------------------------------------------ */

/* Check "YYYY", "YYYY-MM" or "YYYY-MM-DD" (month 01-12, day 01-31). */
int dkg__date_valid(const char *d);

/* The first and last day a date of any precision may mean, as "YYYY-MM-DD"
 * strings that compare correctly with strcmp: "2025" -> 2025-00-00 .. 2025-99-99.
 * Returns 0, or -1 when d is not a valid date. */
int dkg__date_bounds(const char *d, char lo[11], char hi[11]);

/* Order of two dates of any precision, NULL (undated) last: by first day, then the
 * less precise first. */
int dkg__date_cmp(const char *a, const char *b);

/* ---- query context (query.c) ---------------------------------------------------- */

enum { DKG__ST_OCCURRED = 1, DKG__ST_PLANNED = 2, DKG__ST_NEGATED = 4, DKG__ST_ANY = 7 };

/* The filters of one query, resolved once: every query asks dkg__q_edge_ok and
 * dkg__q_node_ok instead of interpreting the options itself. */
typedef struct dkg__qctx {
    const dkg_graph *g;
    const dkg_query_options *o;
    char since[11];          /* first day asked ("" = no bound) */
    char until[11];          /* last day asked ("" = no bound) */
    unsigned status_mask;    /* DKG__ST_* */
    int status_given;        /* --status was given explicitly */
    const char *types[32];   /* relation types kept; n_types 0 = every type */
    size_t n_types;
    char types_buf[256];
    char country[8];         /* upper-case code, "" = any */
    igraph_integer_t pinned[2]; /* named entities: always pass the node filter */
    size_t n_pinned;
} dkg__qctx;

/* Status bit of an edge (NULL counts as occurred; unknown words as occurred too). */
unsigned dkg__q_status_bit(const char *status);
int dkg__q_node_ok(const dkg__qctx *q, igraph_integer_t v);
/* Type, status, date and both ends; self-loops are never kept. */
int dkg__q_edge_ok(const dkg__qctx *q, igraph_integer_t e);
/* Use these relation types when the user gave none ("meet,call"). */
void dkg__q_default_types(dkg__qctx *q, const char *types);

/* Resolve a name (see query.h) to a vertex and pin it. Returns 0, DKG_ENOTFOUND
 * or DKG_EAMBIGUOUS with a one-line message. */
int dkg__q_resolve(dkg__qctx *q, const char *name, igraph_integer_t *v_out, dkg_error *err);

/* The kept edges touching v, in igraph's incidence order (callers sort them):
 * *out is malloc'd (free it), *n_out its length. O(degree of v). */
int dkg__q_incident(const dkg__qctx *q, igraph_integer_t v, igraph_integer_t **out,
                    size_t *n_out, dkg_error *err);

/* The other end of edge e seen from v. */
igraph_integer_t dkg__q_other(const dkg__qctx *q, igraph_integer_t e, igraph_integer_t v);

/* Sort strings and drop repeats (NULLs dropped too); returns the new count. */
size_t dkg__q_sort_unique(const char **items, size_t n);

/* Display name of an entity id (its node's name, else the id itself). */
const char *dkg__q_id_name(const dkg__qctx *q, const char *id);

/* The kept edges as an undirected igraph graph over all vertices: *eid_map_out
 * (malloc'd, free it) gives the graph edge index of each igraph edge.
 * Returns 0 or a DKG_E* code. */
int dkg__q_filtered_igraph(const dkg__qctx *q, igraph_t *out, size_t **eid_map_out,
                           dkg_error *err);

/* The subcommands (one file each). */
int dkg__q_who_met(dkg__qctx *q, const char *name, dkg_query_result *r, dkg_error *err);
int dkg__q_met(dkg__qctx *q, const char *a, const char *b, dkg_query_result *r,
               dkg_error *err);
int dkg__q_neighbors(dkg__qctx *q, const char *name, dkg_query_result *r, dkg_error *err);
int dkg__q_path(dkg__qctx *q, const char *a, const char *b, dkg_query_result *r,
                dkg_error *err);
int dkg__q_timeline(dkg__qctx *q, const char *name, dkg_query_result *r, dkg_error *err);
int dkg__q_entity(dkg__qctx *q, const char *name, dkg_query_result *r, dkg_error *err);
int dkg__q_rank(dkg__qctx *q, dkg_query_result *r, dkg_error *err);
int dkg__q_communities(dkg__qctx *q, dkg_query_result *r, dkg_error *err);

#endif
