/* graph/graph_internal.h - the in-memory graph, for the graph/ sources (queries, exports).
 * Not installed. Read-only for everything but graph.c/graph_io.c.
 *
 * Representation: the authoritative data lives in plain C arrays owned by
 * dkg_graph (nodes[], edges[], docs[]), indexed so that vertex v of the igraph
 * graph is nodes[v] and edge e is edges[e]. igraph holds the topology (a
 * directed multigraph; meet/call/agree are symmetric, their direction is just
 * the order the article named them) and, after dkg__graph_sync, copies of the
 * scalar attributes under the names listed below, for code that wants igraph
 * attribute functions (e.g. igraph's GraphML writer). Edges are added to the
 * C arrays first and reach igraph in bulk (one igraph_add_edges per batch):
 * ALWAYS call dkg__graph_sync before using dkg__graph_igraph's result.
 *
 * Vertex and edge numbers follow insertion order, which depends on the order
 * articles arrived in; for deterministic output sort by id (node) or use
 * dkg__graph_edge_order (the canonical edge order of the file).
 *
 * Strings: every char * below is NUL-terminated UTF-8, owned by the graph,
 * valid until the graph is freed (pointers stay stable as the graph grows).
 * NULL means "null in the file" (unknown / not given).
 */
#ifndef DKG_GRAPH_INTERNAL_H
#define DKG_GRAPH_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <igraph.h>

#include "dkg/graph.h"

/* igraph attribute names set by dkg__graph_sync.
 * Vertex: "id", "type", "name", "country" (strings, "" for null), "known"
 *         (boolean), "mentions", "articles" (numeric), "first_seen",
 *         "last_seen" (strings, "" for null).
 * Edge:   "type", "status", "date", "place", "host", "title", "rule", "doc",
 *         "cameo", "evidence" (strings, "" for null), "evidence_start",
 *         "evidence_end" (numeric). */

/* A role an entity was seen with: title ("President"), of (entity id, e.g.
 * "country/FRA", or NULL), from/to (dates the extraction gave, or NULL), and
 * first_seen/last_seen (dates of the articles it was seen in, or NULL). */
typedef struct dkg__role {
    const char *title;
    const char *of;
    const char *from;
    const char *to;
    const char *first_seen;
    const char *last_seen;
} dkg__role;

typedef struct dkg__node {
    const char *id;      /* "person/emmanuel-macron", "country/FRA" */
    const char *type;    /* person, country, place, organization, ... */
    const char *name;    /* canonical display name */
    const char *country; /* ISO 3166 alpha-3 or NULL */
    int known;           /* 1 when some article had it from the lexicon */
    const char **aliases; /* every name and mention text seen, sorted, unique */
    size_t n_aliases;
    size_t cap_aliases;
    dkg__role *roles; /* sorted by (title, of, from, to), unique on those */
    size_t n_roles;
    size_t cap_roles;
    long mentions;          /* mentions over all documents */
    long articles;          /* documents that mention it */
    const char *first_seen; /* earliest date of those documents, or NULL */
    const char *last_seen;  /* latest, or NULL */
} dkg__node;

typedef struct dkg__edge {
    igraph_integer_t source; /* vertex index */
    igraph_integer_t target; /* vertex index */
    const char *type;        /* meet, call, visit, agree, aid, appeal, support, role, ... */
    const char *status;      /* occurred, planned, negated */
    const char *date;        /* YYYY-MM-DD, YYYY-MM, YYYY or NULL */
    const char *place;       /* entity id or NULL */
    const char *host;        /* entity id or NULL */
    const char *title;       /* for role edges, or NULL */
    const char *rule;        /* extraction rule name, or NULL */
    const char *cameo;       /* CAMEO code ("040") or NULL */
    const char *doc;         /* document id (the article) */
    long evidence_start;     /* byte offsets into the article, end exclusive */
    long evidence_end;
    const char *evidence;    /* the sentence (exactly those bytes), or NULL */
} dkg__edge;

/* How often a document mentions one entity. */
typedef struct dkg__doc_mention {
    igraph_integer_t node;
    long count;
} dkg__doc_mention;

typedef struct dkg__doc {
    const char *id;
    const char *source; /* or NULL */
    const char *date;   /* or NULL */
    const char *title;  /* or NULL */
    long bytes;         /* -1 when unknown */
    dkg__doc_mention *mentions; /* sorted by node id string */
    size_t n_mentions;
} dkg__doc;

/* A string -> index hash map (open addressing); keys are borrowed. One
 * slot holds everything a probe looks at, so a probe is one cache miss. */
typedef struct dkg__map_slot {
    const char *key; /* NULL: empty */
    uint64_t hash;   /* the key's hash: most probes skip the string comparison */
    size_t value;
} dkg__map_slot;

typedef struct dkg__map {
    dkg__map_slot *slots;
    size_t cap; /* power of two, 0 when empty */
    size_t count;
} dkg__map;

/* An interning pool: equal strings share one copy. */
typedef struct dkg__pool_slot {
    const char *s; /* NULL: empty */
    uint32_t tag;  /* high half of the string's hash */
    uint32_t len;
} dkg__pool_slot;

typedef struct dkg__pool {
    dkg__pool_slot *slots; /* open addressing table of the strings */
    size_t cap;
    size_t count;
    void *chunks; /* the arena holding the strings (graph_store.c) */
    char *next;   /* free space in the current chunk */
    size_t left;
    size_t chunk_size; /* of the next chunk */
} dkg__pool;

struct dkg_graph {
    igraph_t ig;                /* topology; nodes[v] <-> vertex v */
    dkg__node *nodes;
    size_t n_nodes;
    size_t cap_nodes;
    dkg__edge *edges;
    size_t n_edges;
    size_t cap_edges;
    dkg__doc *docs; /* insertion order */
    size_t n_docs;
    size_t cap_docs;
    dkg__map node_index; /* node id -> vertex */
    dkg__map doc_index;  /* doc id -> index in docs */
    dkg__pool pool;      /* every string the graph holds */
    size_t n_synced_edges;           /* edges[0..n) are in ig */
    int attributes_synced;           /* igraph attributes match the arrays */
    size_t pending_since_flush;      /* documents added since the last flush */
};

/* ---- igraph glue (igraph_glue.c) -------------------------------------------- */

/* Install the attribute table, error and warning handlers once. Idempotent. */
void dkg__igraph_init(void);

/* Translate a failed igraph call: fills err with "WHAT: igraph's reason"
 * (the first non-empty reason our handler saw since the last call) and
 * returns DKG_ENOMEM for IGRAPH_ENOMEM, else DKG_EINVAL. */
int dkg__igraph_error(dkg_error *err, igraph_error_t code, const char *what);

/* The last igraph warning (or ""), and clearing it. For tests and queries
 * that need "Couldn't reach some vertices". */
const char *dkg__igraph_last_warning(void);
void dkg__igraph_clear_warning(void);

/* ---- sync -------------------------------------------------------------------- */

/* Add pending vertices and edges to g->ig with one igraph_add_vertices and
 * one igraph_add_edges, then set every igraph attribute with the vector
 * setters. After it, igraph_vcount == n_nodes and igraph_ecount == n_edges.
 * Returns 0, DKG_ENOMEM. Cost O(V + E) when anything changed, else O(1). */
int dkg__graph_sync(dkg_graph *g, dkg_error *err);

/* Only the topology part of dkg__graph_sync: pending vertices and edges go
 * to igraph (one igraph_add_vertices, one igraph_add_edges); attributes are
 * not touched. Enough for algorithms that read only the structure and take
 * data from the accessors below. Returns 0 or DKG_ENOMEM. Cost O(pending). */
int dkg__graph_flush(dkg_graph *g, dkg_error *err);

/* The igraph graph. Complete only after dkg__graph_sync or dkg__graph_flush. */
static inline const igraph_t *dkg__graph_igraph(const dkg_graph *g)
{
    return &g->ig;
}

/* Vertex of an entity id, or -1. O(1) expected. */
igraph_integer_t dkg__graph_find_node(const dkg_graph *g, const char *id);

/* Index in g->docs of a document id, or -1. */
long dkg__graph_find_doc(const dkg_graph *g, const char *id);

/* The canonical order of edges (the order of the file): fills *out (a freshly
 * malloc'd array of n_edges edge indices, free() it). Returns 0 or DKG_ENOMEM.
 * Cost O(E log E). */
int dkg__graph_edge_order(const dkg_graph *g, size_t **out, dkg_error *err);

/* The nodes sorted by id: freshly malloc'd array of n_nodes vertex indices. */
int dkg__graph_node_order(const dkg_graph *g, size_t **out, dkg_error *err);

/* The documents sorted by id: freshly malloc'd array of n_docs indices. */
int dkg__graph_doc_order(const dkg_graph *g, size_t **out, dkg_error *err);

/* ---- accessors (no igraph attribute lookups; all O(1)) ------------------------ */

static inline igraph_integer_t dkg__graph_vcount(const dkg_graph *g)
{
    return (igraph_integer_t)g->n_nodes;
}
static inline igraph_integer_t dkg__graph_ecount(const dkg_graph *g)
{
    return (igraph_integer_t)g->n_edges;
}
static inline const dkg__node *dkg__graph_node(const dkg_graph *g, igraph_integer_t v)
{
    return &g->nodes[v];
}
static inline const char *dkg__graph_node_id(const dkg_graph *g, igraph_integer_t v)
{
    return g->nodes[v].id;
}
static inline const char *dkg__graph_node_type(const dkg_graph *g, igraph_integer_t v)
{
    return g->nodes[v].type;
}
static inline const char *dkg__graph_node_name(const dkg_graph *g, igraph_integer_t v)
{
    return g->nodes[v].name;
}
/* NULL when unknown. */
static inline const char *dkg__graph_node_country(const dkg_graph *g, igraph_integer_t v)
{
    return g->nodes[v].country;
}
static inline const dkg__edge *dkg__graph_edge(const dkg_graph *g, igraph_integer_t e)
{
    return &g->edges[e];
}
static inline igraph_integer_t dkg__graph_edge_source(const dkg_graph *g, igraph_integer_t e)
{
    return g->edges[e].source;
}
static inline igraph_integer_t dkg__graph_edge_target(const dkg_graph *g, igraph_integer_t e)
{
    return g->edges[e].target;
}
static inline const char *dkg__graph_edge_type(const dkg_graph *g, igraph_integer_t e)
{
    return g->edges[e].type;
}
static inline const char *dkg__graph_edge_status(const dkg_graph *g, igraph_integer_t e)
{
    return g->edges[e].status;
}
/* NULL when unknown. */
static inline const char *dkg__graph_edge_date(const dkg_graph *g, igraph_integer_t e)
{
    return g->edges[e].date;
}
static inline const char *dkg__graph_edge_doc(const dkg_graph *g, igraph_integer_t e)
{
    return g->edges[e].doc;
}
static inline const dkg__doc *dkg__graph_doc(const dkg_graph *g, size_t i)
{
    return &g->docs[i];
}

/* CAMEO code for a relation type, or NULL for types without one
 * (meet 040, call 040, visit 042, agree 057, aid 070, appeal 020, support 050). */
const char *dkg__cameo_for_type(const char *type);

/* ---- helpers shared by graph.c and graph_io.c (graph_store.c) ------------------- */

void dkg__map_destroy(dkg__map *m);
/* Look up key; returns 1 and sets *value when present. */
int dkg__map_get(const dkg__map *m, const char *key, size_t *value);
/* The same for key[0..len), which need not be NUL-terminated (nor hold a NUL). */
int dkg__map_get_n(const dkg__map *m, const char *key, size_t len, size_t *value);
/* Make room for need items of size bytes in *items (capacity *cap, doubled
 * from 16 as needed; big arrays get huge pages). 0 or DKG_ENOMEM. */
int dkg__graph_grow(void **items, size_t *cap, size_t need, size_t size);

/* Advise the kernel to back the big block p[0..n) with huge pages
 * (huge_pages.c); call it before the block is first written. */
void dkg__advise_huge(void *p, size_t n);

/* The hash both tables use. */
uint64_t dkg__graph_hash(const char *s, size_t len);
/* Insert or overwrite; the key must outlive the map. 0 or DKG_ENOMEM. */
int dkg__map_put(dkg__map *m, const char *key, size_t value);

/* The pooled copy of s[0..len) (NULL s gives NULL). NULL on ENOMEM. */
const char *dkg__pool_intern(dkg__pool *p, const char *s, size_t len);
void dkg__pool_destroy(dkg__pool *p);

/* NULL-aware string order (NULL first). */
int dkg__strcmp_null(const char *a, const char *b);

/* ---- building (graph.c; used by the extraction reader and the file loader) ------ */

/* The graph's pooled copy of s (NULL gives NULL; NULL also on ENOMEM). */
const char *dkg__graph_intern(dkg_graph *g, const char *s);

/* Vertex of the node id[0..len) (not NUL-terminated), or -1. */
igraph_integer_t dkg__graph_find_node_n(const dkg_graph *g, const char *id, size_t len);
/* Index in docs of the document id[0..len), or -1. */
long dkg__graph_find_doc_n(const dkg_graph *g, const char *id, size_t len);

/* Vertex of id, creating the node (no name yet) when new; *created (may be
 * NULL) says which. Returns the vertex or DKG_ENOMEM. */
igraph_integer_t dkg__graph_node_get_or_add(dkg_graph *g, const char *id, const char *type,
                                            int *created);

/* Offer a name and country seen for the node: the display name is the
 * smallest name offered, lexicon (known) names first; the country is the
 * smallest non-NULL country offered. */
int dkg__graph_node_offer(dkg_graph *g, igraph_integer_t v, int known, const char *name,
                          const char *country);

/* Add an alias (sorted insert, duplicates ignored). */
int dkg__graph_node_add_alias(dkg_graph *g, igraph_integer_t v, const char *alias);

/* Add a role, or widen the first/last seen dates of an equal one. */
int dkg__graph_node_add_role(dkg_graph *g, igraph_integer_t v, const dkg__role *role);

/* Add a document (strings copied; mentions copied and sorted) and add its
 * mention counts, article count and dates to the nodes. The id must be new. */
int dkg__graph_doc_add(dkg_graph *g, const dkg__doc *doc);

/* Append an edge (strings copied). It reaches igraph at the next flush. */
int dkg__graph_edge_add(dkg_graph *g, const dkg__edge *e);
/* The same for an edge whose strings are already the graph's pooled copies. */
int dkg__graph_edge_push(dkg_graph *g, const dkg__edge *e);
/* Make room for n more edges at once (growing by doubling copies the array
 * each time it outgrows the heap's mmap threshold). 0 or DKG_ENOMEM. */
int dkg__graph_reserve_edges(dkg_graph *g, size_t n);

/* Count one added document; every FLUSH_EVERY_DOCS flushes edges to igraph. */
int dkg__graph_note_document(dkg_graph *g, dkg_error *err);

#endif
