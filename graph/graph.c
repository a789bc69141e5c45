/* graph/graph.c - building the knowledge graph: nodes, edges, documents, merge.
 *
 * The graph's data lives in C arrays (see graph_internal.h) and igraph holds
 * the topology. Why not igraph attributes as the store: the C attribute
 * handler has no list-valued attributes (aliases, roles), its single-value
 * setters search the attribute list on every call, and igraph_add_edge is
 * O(|V|+|E|); so edges are appended to our array and reach igraph in bulk
 * (one igraph_add_edges per batch of documents, and at sync time), and the
 * igraph attributes are (re)written with the vector setters only when a
 * query or an export asks for them (dkg__graph_sync).
 *
 * Order independence is designed in, not tested in: every node aggregate is
 * either a set union (aliases, roles), a min/max (first/last seen, the display
 * name rule) or derived from the documents table (mention and article counts),
 * and documents are added at most once. Set union, min and max are
 * associative, commutative and idempotent, so any order of articles and any
 * merge tree give the same graph; the file writer then sorts everything.
 *
 * An extraction is validated completely (graph_extraction.c) before the
 * first change, so a bad line leaves the graph as it was.
 */
#include <stdlib.h>
#include <string.h>

#include "graph_internal.h"

/* Documents between two bulk flushes of edges into igraph. */
#define FLUSH_EVERY_DOCS 10000

int dkg__graph_grow(void **items, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) {
        return 0;
    }
    size_t cap2 = *cap == 0 ? 16 : *cap;
    while (cap2 < need) {
        cap2 *= 2;
    }
    void *p = realloc(*items, cap2 * size);
    if (p == NULL) {
        return DKG_ENOMEM;
    }
    dkg__advise_huge(p, cap2 * size);
    *items = p;
    *cap = cap2;
    return 0;
}

int dkg_graph_new(dkg_graph **out, dkg_error *err)
{
    dkg__igraph_init();
    dkg_graph *g = calloc(1, sizeof *g);
    if (g == NULL) {
        return dkg_error_set(err, DKG_ENOMEM, "out of memory");
    }
    igraph_error_t rc = igraph_empty(&g->ig, 0, IGRAPH_DIRECTED);
    if (rc != IGRAPH_SUCCESS) {
        free(g);
        return dkg__igraph_error(err, rc, "creating the graph");
    }
    g->attributes_synced = 1;
    *out = g;
    return 0;
}

void dkg_graph_free(dkg_graph *g)
{
    if (g == NULL) {
        return;
    }
    igraph_destroy(&g->ig);
    for (size_t i = 0; i < g->n_nodes; i++) {
        free(g->nodes[i].aliases);
        free(g->nodes[i].roles);
    }
    free(g->nodes);
    free(g->edges);
    for (size_t i = 0; i < g->n_docs; i++) {
        free(g->docs[i].mentions);
    }
    free(g->docs);
    dkg__map_destroy(&g->node_index);
    dkg__map_destroy(&g->doc_index);
    dkg__pool_destroy(&g->pool);
    free(g);
}

size_t dkg_graph_node_count(const dkg_graph *g)
{
    return g->n_nodes;
}

size_t dkg_graph_edge_count(const dkg_graph *g)
{
    return g->n_edges;
}

size_t dkg_graph_document_count(const dkg_graph *g)
{
    return g->n_docs;
}

int dkg_graph_has_document(const dkg_graph *g, const char *doc_id)
{
    return dkg__map_get(&g->doc_index, doc_id, NULL);
}

igraph_integer_t dkg__graph_find_node(const dkg_graph *g, const char *id)
{
    size_t v = 0;
    return dkg__map_get(&g->node_index, id, &v) ? (igraph_integer_t)v : -1;
}

long dkg__graph_find_doc(const dkg_graph *g, const char *id)
{
    size_t i = 0;
    return dkg__map_get(&g->doc_index, id, &i) ? (long)i : -1;
}

const char *dkg__graph_intern(dkg_graph *g, const char *s)
{
    return s == NULL ? NULL : dkg__pool_intern(&g->pool, s, strlen(s));
}

igraph_integer_t dkg__graph_find_node_n(const dkg_graph *g, const char *id, size_t len)
{
    size_t v = 0;
    return dkg__map_get_n(&g->node_index, id, len, &v) ? (igraph_integer_t)v : -1;
}

long dkg__graph_find_doc_n(const dkg_graph *g, const char *id, size_t len)
{
    size_t i = 0;
    return dkg__map_get_n(&g->doc_index, id, len, &i) ? (long)i : -1;
}

/* ---- nodes ---------------------------------------------------------------------- */

igraph_integer_t dkg__graph_node_get_or_add(dkg_graph *g, const char *id, const char *type,
                                            int *created)
{
    size_t v = 0;
    if (created != NULL) {
        *created = 0;
    }
    if (dkg__map_get(&g->node_index, id, &v)) {
        /* The same id with two types: keep the smaller, whatever came first. */
        if (type != NULL && strcmp(type, g->nodes[v].type) < 0) {
            const char *t = dkg__graph_intern(g, type);
            if (t == NULL) {
                return DKG_ENOMEM;
            }
            g->nodes[v].type = t;
            g->attributes_synced = 0;
        }
        return (igraph_integer_t)v;
    }
    if (dkg__graph_grow((void **)&g->nodes, &g->cap_nodes, g->n_nodes + 1, sizeof *g->nodes) != 0) {
        return DKG_ENOMEM;
    }
    dkg__node *n = &g->nodes[g->n_nodes];
    memset(n, 0, sizeof *n);
    n->id = dkg__graph_intern(g, id);
    n->type = dkg__graph_intern(g, type);
    if (n->id == NULL || n->type == NULL ||
        dkg__map_put(&g->node_index, n->id, g->n_nodes) != 0) {
        return DKG_ENOMEM;
    }
    g->attributes_synced = 0;
    if (created != NULL) {
        *created = 1;
    }
    return (igraph_integer_t)g->n_nodes++;
}

/* The display name is the smallest of the names offered, names from the
 * lexicon (known) first; the country is the smallest country offered. Both
 * are minimums over what every article said, hence order-independent, and
 * both can be recomputed from the file (known is saved). */
int dkg__graph_node_offer(dkg_graph *g, igraph_integer_t v, int known, const char *name,
                          const char *country)
{
    dkg__node *n = &g->nodes[v];
    if (name != NULL &&
        (n->name == NULL || (known && !n->known) ||
         (known == n->known && strcmp(name, n->name) < 0))) {
        const char *iname = dkg__graph_intern(g, name);
        if (iname == NULL) {
            return DKG_ENOMEM;
        }
        n->name = iname;
        g->attributes_synced = 0;
    }
    n->known = n->known || known;
    if (country != NULL && (n->country == NULL || strcmp(country, n->country) < 0)) {
        const char *icountry = dkg__graph_intern(g, country);
        if (icountry == NULL) {
            return DKG_ENOMEM;
        }
        n->country = icountry;
        g->attributes_synced = 0;
    }
    return 0;
}

int dkg__graph_node_add_alias(dkg_graph *g, igraph_integer_t v, const char *alias)
{
    dkg__node *n = &g->nodes[v];
    size_t lo = 0, hi = n->n_aliases;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(n->aliases[mid], alias);
        if (c == 0) {
            return 0;
        }
        if (c < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    const char *ia = dkg__graph_intern(g, alias);
    if (ia == NULL ||
        dkg__graph_grow((void **)&n->aliases, &n->cap_aliases, n->n_aliases + 1,
                  sizeof *n->aliases) != 0) {
        return DKG_ENOMEM;
    }
    memmove(&n->aliases[lo + 1], &n->aliases[lo], (n->n_aliases - lo) * sizeof *n->aliases);
    n->aliases[lo] = ia;
    n->n_aliases++;
    return 0;
}

static int role_cmp(const dkg__role *a, const dkg__role *b)
{
    int c = strcmp(a->title, b->title);
    if (c == 0) {
        c = dkg__strcmp_null(a->of, b->of);
    }
    if (c == 0) {
        c = dkg__strcmp_null(a->from, b->from);
    }
    if (c == 0) {
        c = dkg__strcmp_null(a->to, b->to);
    }
    return c;
}

/* min/max of dates where NULL means "no date" (not "smallest"). */
static const char *date_min(const char *a, const char *b)
{
    if (a == NULL) {
        return b;
    }
    if (b == NULL) {
        return a;
    }
    return strcmp(a, b) <= 0 ? a : b;
}

static const char *date_max(const char *a, const char *b)
{
    if (a == NULL) {
        return b;
    }
    if (b == NULL) {
        return a;
    }
    return strcmp(a, b) >= 0 ? a : b;
}

int dkg__graph_node_add_role(dkg_graph *g, igraph_integer_t v, const dkg__role *role)
{
    dkg__node *n = &g->nodes[v];
    dkg__role r = {
        dkg__graph_intern(g, role->title), dkg__graph_intern(g, role->of),
        dkg__graph_intern(g, role->from),  dkg__graph_intern(g, role->to),
        dkg__graph_intern(g, role->first_seen), dkg__graph_intern(g, role->last_seen),
    };
    if (r.title == NULL || (role->of != NULL && r.of == NULL) ||
        (role->from != NULL && r.from == NULL) || (role->to != NULL && r.to == NULL) ||
        (role->first_seen != NULL && r.first_seen == NULL) ||
        (role->last_seen != NULL && r.last_seen == NULL)) {
        return DKG_ENOMEM;
    }
    size_t lo = 0, hi = n->n_roles;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = role_cmp(&n->roles[mid], &r);
        if (c == 0) {
            n->roles[mid].first_seen = date_min(n->roles[mid].first_seen, r.first_seen);
            n->roles[mid].last_seen = date_max(n->roles[mid].last_seen, r.last_seen);
            return 0;
        }
        if (c < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if (dkg__graph_grow((void **)&n->roles, &n->cap_roles, n->n_roles + 1, sizeof *n->roles) != 0) {
        return DKG_ENOMEM;
    }
    memmove(&n->roles[lo + 1], &n->roles[lo], (n->n_roles - lo) * sizeof *n->roles);
    n->roles[lo] = r;
    n->n_roles++;
    return 0;
}

/* ---- documents and edges --------------------------------------------------------- */

static const dkg_graph *mention_sort_graph;

static int mention_cmp(const void *a, const void *b)
{
    const dkg__doc_mention *x = a, *y = b;
    return strcmp(mention_sort_graph->nodes[x->node].id, mention_sort_graph->nodes[y->node].id);
}

int dkg__graph_doc_add(dkg_graph *g, const dkg__doc *doc)
{
    if (dkg__graph_grow((void **)&g->docs, &g->cap_docs, g->n_docs + 1, sizeof *g->docs) != 0) {
        return DKG_ENOMEM;
    }
    dkg__doc d = {
        dkg__graph_intern(g, doc->id), dkg__graph_intern(g, doc->source),
        dkg__graph_intern(g, doc->date), dkg__graph_intern(g, doc->title),
        doc->bytes, NULL, 0,
    };
    if (d.id == NULL || (doc->source != NULL && d.source == NULL) ||
        (doc->date != NULL && d.date == NULL) || (doc->title != NULL && d.title == NULL)) {
        return DKG_ENOMEM;
    }
    if (doc->n_mentions > 0) {
        d.mentions = malloc(doc->n_mentions * sizeof *d.mentions);
        if (d.mentions == NULL) {
            return DKG_ENOMEM;
        }
        memcpy(d.mentions, doc->mentions, doc->n_mentions * sizeof *d.mentions);
        d.n_mentions = doc->n_mentions;
        /* A loaded file gives them sorted already: check that in one pass. */
        size_t k = 1;
        while (k < d.n_mentions &&
               strcmp(g->nodes[d.mentions[k - 1].node].id, g->nodes[d.mentions[k].node].id) < 0) {
            k++;
        }
        if (k < d.n_mentions) {
            mention_sort_graph = g;
            qsort(d.mentions, d.n_mentions, sizeof *d.mentions, mention_cmp);
        }
    }
    if (dkg__map_put(&g->doc_index, d.id, g->n_docs) != 0) {
        free(d.mentions);
        return DKG_ENOMEM;
    }
    g->docs[g->n_docs++] = d;
    for (size_t i = 0; i < d.n_mentions; i++) {
        dkg__node *n = &g->nodes[d.mentions[i].node];
        n->mentions += d.mentions[i].count;
        n->articles += 1;
        n->first_seen = date_min(n->first_seen, d.date);
        n->last_seen = date_max(n->last_seen, d.date);
    }
    g->attributes_synced = 0;
    return 0;
}

int dkg__graph_reserve_edges(dkg_graph *g, size_t n)
{
    return dkg__graph_grow((void **)&g->edges, &g->cap_edges, g->n_edges + n, sizeof *g->edges);
}

int dkg__graph_edge_push(dkg_graph *g, const dkg__edge *e)
{
    if (dkg__graph_grow((void **)&g->edges, &g->cap_edges, g->n_edges + 1, sizeof *g->edges) != 0) {
        return DKG_ENOMEM;
    }
    g->edges[g->n_edges++] = *e;
    g->attributes_synced = 0;
    return 0;
}

int dkg__graph_edge_add(dkg_graph *g, const dkg__edge *e)
{
    dkg__edge x = *e;
    const char **fields[] = {&x.type,  &x.status, &x.date, &x.place,    &x.host,
                             &x.title, &x.rule,   &x.doc,  &x.evidence, &x.cameo};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        if (*fields[i] != NULL) {
            *fields[i] = dkg__graph_intern(g, *fields[i]);
            if (*fields[i] == NULL) {
                return DKG_ENOMEM;
            }
        }
    }
    return dkg__graph_edge_push(g, &x);
}

/* ---- igraph sync ---------------------------------------------------------------- */

/* Move pending vertices and edges into igraph: one igraph_add_vertices and
 * one igraph_add_edges for the whole batch. */
int dkg__graph_flush(dkg_graph *g, dkg_error *err)
{
    igraph_integer_t have = igraph_vcount(&g->ig);
    if ((size_t)have < g->n_nodes) {
        igraph_error_t rc =
            igraph_add_vertices(&g->ig, (igraph_integer_t)g->n_nodes - have, NULL);
        if (rc != IGRAPH_SUCCESS) {
            return dkg__igraph_error(err, rc, "adding vertices");
        }
    }
    if (g->n_synced_edges < g->n_edges) {
        size_t k = g->n_edges - g->n_synced_edges;
        igraph_vector_int_t pairs;
        igraph_error_t rc = igraph_vector_int_init(&pairs, (igraph_integer_t)(2 * k));
        if (rc != IGRAPH_SUCCESS) {
            return dkg__igraph_error(err, rc, "adding edges");
        }
        for (size_t i = 0; i < k; i++) {
            const dkg__edge *e = &g->edges[g->n_synced_edges + i];
            VECTOR(pairs)[2 * i] = e->source;
            VECTOR(pairs)[2 * i + 1] = e->target;
        }
        rc = igraph_add_edges(&g->ig, &pairs, NULL);
        igraph_vector_int_destroy(&pairs);
        if (rc != IGRAPH_SUCCESS) {
            return dkg__igraph_error(err, rc, "adding edges");
        }
        g->n_synced_edges = g->n_edges;
    }
    g->pending_since_flush = 0;
    return 0;
}

int dkg__graph_note_document(dkg_graph *g, dkg_error *err)
{
    if (++g->pending_since_flush >= FLUSH_EVERY_DOCS) {
        return dkg__graph_flush(g, err);
    }
    return 0;
}

typedef const char *(*str_getter)(const dkg_graph *g, size_t i);
typedef double (*num_getter)(const dkg_graph *g, size_t i);

static const char *vs_id(const dkg_graph *g, size_t i) { return g->nodes[i].id; }
static const char *vs_type(const dkg_graph *g, size_t i) { return g->nodes[i].type; }
static const char *vs_name(const dkg_graph *g, size_t i) { return g->nodes[i].name; }
static const char *vs_country(const dkg_graph *g, size_t i) { return g->nodes[i].country; }
static const char *vs_first(const dkg_graph *g, size_t i) { return g->nodes[i].first_seen; }
static const char *vs_last(const dkg_graph *g, size_t i) { return g->nodes[i].last_seen; }
static double vn_mentions(const dkg_graph *g, size_t i) { return (double)g->nodes[i].mentions; }
static double vn_articles(const dkg_graph *g, size_t i) { return (double)g->nodes[i].articles; }
static const char *es_type(const dkg_graph *g, size_t i) { return g->edges[i].type; }
static const char *es_status(const dkg_graph *g, size_t i) { return g->edges[i].status; }
static const char *es_date(const dkg_graph *g, size_t i) { return g->edges[i].date; }
static const char *es_place(const dkg_graph *g, size_t i) { return g->edges[i].place; }
static const char *es_host(const dkg_graph *g, size_t i) { return g->edges[i].host; }
static const char *es_title(const dkg_graph *g, size_t i) { return g->edges[i].title; }
static const char *es_rule(const dkg_graph *g, size_t i) { return g->edges[i].rule; }
static const char *es_doc(const dkg_graph *g, size_t i) { return g->edges[i].doc; }
static const char *es_cameo(const dkg_graph *g, size_t i) { return g->edges[i].cameo; }
static const char *es_evidence(const dkg_graph *g, size_t i) { return g->edges[i].evidence; }
static double en_start(const dkg_graph *g, size_t i) { return (double)g->edges[i].evidence_start; }
static double en_end(const dkg_graph *g, size_t i) { return (double)g->edges[i].evidence_end; }

static int set_strings(dkg_graph *g, int vertex, const char *name, str_getter get, size_t n,
                       dkg_error *err)
{
    igraph_strvector_t sv;
    igraph_error_t rc = igraph_strvector_init(&sv, (igraph_integer_t)n);
    if (rc != IGRAPH_SUCCESS) {
        return dkg__igraph_error(err, rc, "setting attributes");
    }
    for (size_t i = 0; i < n && rc == IGRAPH_SUCCESS; i++) {
        const char *s = get(g, i);
        rc = igraph_strvector_set(&sv, (igraph_integer_t)i, s != NULL ? s : "");
    }
    if (rc == IGRAPH_SUCCESS) {
        rc = vertex ? igraph_cattribute_VAS_setv(&g->ig, name, &sv)
                    : igraph_cattribute_EAS_setv(&g->ig, name, &sv);
    }
    igraph_strvector_destroy(&sv);
    return rc == IGRAPH_SUCCESS ? 0 : dkg__igraph_error(err, rc, "setting attributes");
}

static int set_numbers(dkg_graph *g, int vertex, const char *name, num_getter get, size_t n,
                       dkg_error *err)
{
    igraph_vector_t v;
    igraph_error_t rc = igraph_vector_init(&v, (igraph_integer_t)n);
    if (rc != IGRAPH_SUCCESS) {
        return dkg__igraph_error(err, rc, "setting attributes");
    }
    for (size_t i = 0; i < n; i++) {
        VECTOR(v)[i] = get(g, i);
    }
    rc = vertex ? igraph_cattribute_VAN_setv(&g->ig, name, &v)
                : igraph_cattribute_EAN_setv(&g->ig, name, &v);
    igraph_vector_destroy(&v);
    return rc == IGRAPH_SUCCESS ? 0 : dkg__igraph_error(err, rc, "setting attributes");
}

static int set_known(dkg_graph *g, dkg_error *err)
{
    igraph_vector_bool_t v;
    igraph_error_t rc = igraph_vector_bool_init(&v, (igraph_integer_t)g->n_nodes);
    if (rc != IGRAPH_SUCCESS) {
        return dkg__igraph_error(err, rc, "setting attributes");
    }
    for (size_t i = 0; i < g->n_nodes; i++) {
        VECTOR(v)[i] = g->nodes[i].known ? 1 : 0;
    }
    rc = igraph_cattribute_VAB_setv(&g->ig, "known", &v);
    igraph_vector_bool_destroy(&v);
    return rc == IGRAPH_SUCCESS ? 0 : dkg__igraph_error(err, rc, "setting attributes");
}

int dkg__graph_sync(dkg_graph *g, dkg_error *err)
{
    static const struct {
        const char *name;
        str_getter get;
    } vstr[] = {{"id", vs_id},           {"type", vs_type},       {"name", vs_name},
                {"country", vs_country}, {"first_seen", vs_first}, {"last_seen", vs_last}},
      estr[] = {{"type", es_type},   {"status", es_status}, {"date", es_date},
                {"place", es_place}, {"host", es_host},     {"title", es_title},
                {"rule", es_rule},   {"doc", es_doc},       {"cameo", es_cameo},
                {"evidence", es_evidence}};
    static const struct {
        const char *name;
        num_getter get;
    } vnum[] = {{"mentions", vn_mentions}, {"articles", vn_articles}},
      enum_[] = {{"evidence_start", en_start}, {"evidence_end", en_end}};
    int rc = dkg__graph_flush(g, err);
    if (rc != 0 || g->attributes_synced) {
        return rc;
    }
    for (size_t i = 0; rc == 0 && i < sizeof vstr / sizeof vstr[0]; i++) {
        rc = set_strings(g, 1, vstr[i].name, vstr[i].get, g->n_nodes, err);
    }
    for (size_t i = 0; rc == 0 && i < sizeof estr / sizeof estr[0]; i++) {
        rc = set_strings(g, 0, estr[i].name, estr[i].get, g->n_edges, err);
    }
    for (size_t i = 0; rc == 0 && i < sizeof vnum / sizeof vnum[0]; i++) {
        rc = set_numbers(g, 1, vnum[i].name, vnum[i].get, g->n_nodes, err);
    }
    for (size_t i = 0; rc == 0 && i < sizeof enum_ / sizeof enum_[0]; i++) {
        rc = set_numbers(g, 0, enum_[i].name, enum_[i].get, g->n_edges, err);
    }
    if (rc == 0) {
        rc = set_known(g, err);
    }
    if (rc == 0) {
        g->attributes_synced = 1;
    }
    return rc;
}

/* ---- canonical orders -------------------------------------------------------------- */

static const dkg_graph *order_graph;

static int node_order_cmp(const void *a, const void *b)
{
    return strcmp(order_graph->nodes[*(const size_t *)a].id,
                  order_graph->nodes[*(const size_t *)b].id);
}

static int doc_order_cmp(const void *a, const void *b)
{
    return strcmp(order_graph->docs[*(const size_t *)a].id,
                  order_graph->docs[*(const size_t *)b].id);
}

static int edge_order_cmp(const void *a, const void *b)
{
    const dkg__edge *x = &order_graph->edges[*(const size_t *)a];
    const dkg__edge *y = &order_graph->edges[*(const size_t *)b];
    int c = strcmp(x->doc, y->doc);
    if (c != 0) {
        return c;
    }
    if (x->evidence_start != y->evidence_start) {
        return x->evidence_start < y->evidence_start ? -1 : 1;
    }
    if (x->evidence_end != y->evidence_end) {
        return x->evidence_end < y->evidence_end ? -1 : 1;
    }
    const char *xs[] = {x->type, order_graph->nodes[x->source].id,
                        order_graph->nodes[x->target].id, x->status, x->date, x->place,
                        x->host, x->title, x->rule, x->evidence, x->cameo};
    const char *ys[] = {y->type, order_graph->nodes[y->source].id,
                        order_graph->nodes[y->target].id, y->status, y->date, y->place,
                        y->host, y->title, y->rule, y->evidence, y->cameo};
    for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++) {
        c = dkg__strcmp_null(xs[i], ys[i]);
        if (c != 0) {
            return c;
        }
    }
    return 0;
}

static int make_order(const dkg_graph *g, size_t n, int (*cmp)(const void *, const void *),
                      size_t **out, dkg_error *err)
{
    size_t *order = malloc((n > 0 ? n : 1) * sizeof *order);
    if (order == NULL) {
        return dkg_error_set(err, DKG_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        order[i] = i;
    }
    order_graph = g;
    qsort(order, n, sizeof *order, cmp);
    order_graph = NULL;
    *out = order;
    return 0;
}

int dkg__graph_edge_order(const dkg_graph *g, size_t **out, dkg_error *err)
{
    return make_order(g, g->n_edges, edge_order_cmp, out, err);
}

int dkg__graph_node_order(const dkg_graph *g, size_t **out, dkg_error *err)
{
    return make_order(g, g->n_nodes, node_order_cmp, out, err);
}

int dkg__graph_doc_order(const dkg_graph *g, size_t **out, dkg_error *err)
{
    return make_order(g, g->n_docs, doc_order_cmp, out, err);
}

/* ---- merge -------------------------------------------------------------------------- */

int dkg_graph_merge(dkg_graph *dst, const dkg_graph *src, dkg_error *err)
{
    int rc = 0;
    dkg__map new_docs = {0};
    igraph_integer_t *vmap = NULL;
    dkg__doc_mention *mentions = NULL;
    size_t cap_mentions = 0;

    vmap = malloc((src->n_nodes > 0 ? src->n_nodes : 1) * sizeof *vmap);
    if (vmap == NULL) {
        rc = DKG_ENOMEM;
        goto cleanup;
    }
    /* Nodes first: unions and minimums, idempotent for shared documents. */
    for (size_t v = 0; v < src->n_nodes; v++) {
        const dkg__node *n = &src->nodes[v];
        igraph_integer_t w = dkg__graph_node_get_or_add(dst, n->id, n->type, NULL);
        if (w < 0) {
            rc = DKG_ENOMEM;
            goto cleanup;
        }
        vmap[v] = w;
        rc = dkg__graph_node_offer(dst, w, n->known, n->name, n->country);
        for (size_t i = 0; rc == 0 && i < n->n_aliases; i++) {
            rc = dkg__graph_node_add_alias(dst, w, n->aliases[i]);
        }
        for (size_t i = 0; rc == 0 && i < n->n_roles; i++) {
            rc = dkg__graph_node_add_role(dst, w, &n->roles[i]);
        }
        if (rc != 0) {
            goto cleanup;
        }
    }
    for (size_t d = 0; d < src->n_docs; d++) {
        const dkg__doc *doc = &src->docs[d];
        if (dkg_graph_has_document(dst, doc->id)) {
            continue;
        }
        if (dkg__graph_grow((void **)&mentions, &cap_mentions, doc->n_mentions + 1,
                      sizeof *mentions) != 0) {
            rc = DKG_ENOMEM;
            goto cleanup;
        }
        for (size_t i = 0; i < doc->n_mentions; i++) {
            mentions[i].node = vmap[doc->mentions[i].node];
            mentions[i].count = doc->mentions[i].count;
        }
        dkg__doc copy = *doc;
        copy.mentions = mentions;
        rc = dkg__graph_doc_add(dst, &copy);
        if (rc == 0) {
            rc = dkg__map_put(&new_docs, doc->id, 1);
        }
        if (rc != 0) {
            goto cleanup;
        }
    }
    for (size_t e = 0; e < src->n_edges; e++) {
        const dkg__edge *edge = &src->edges[e];
        if (!dkg__map_get(&new_docs, edge->doc, NULL)) {
            continue;
        }
        dkg__edge copy = *edge;
        copy.source = vmap[edge->source];
        copy.target = vmap[edge->target];
        rc = dkg__graph_edge_add(dst, &copy);
        if (rc != 0) {
            goto cleanup;
        }
    }
    rc = dkg__graph_flush(dst, err);

cleanup:
    if (rc == DKG_ENOMEM) {
        dkg_error_set(err, rc, "out of memory");
    }
    dkg__map_destroy(&new_docs);
    free(vmap);
    free(mentions);
    return rc;
}
