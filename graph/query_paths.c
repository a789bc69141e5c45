/* graph/query_paths.c - neighbors NAME and path A B.
 *
 * Both walk the kept edges as an undirected graph: how actors connect does not
 * depend on who named whom first in a sentence, and a visit (person -> place)
 * links the place back to the person just as well. The filters make a fresh
 * igraph graph of the kept edges (dkg__q_filtered_igraph, O(V + E)) rather than
 * a copy of the stored one, so nothing about the stored graph changes and no
 * attributes are copied; igraph's BFS and shortest path then do the walking.
 *
 * A path is a shortest chain, and among equally short ones it prefers relations
 * that occurred over planned ones over negated ones (Dijkstra with tiny status
 * penalties, see dkg__q_path). A hop between two entities linked by several
 * relations shows one of them: occurred before planned before negated, then the
 * latest date, then the article id. Remaining ties follow igraph's traversal of
 * the edges in file order, so the same file always gives the same path.
 *
 * "No path" is an answer, not an error: it is printed on stdout and the result
 * is not "found", which the command turns into exit status 1, as grep does when
 * nothing matches.
 */
#include <stdlib.h>
#include <string.h>

#include "query_internal.h"

/* 1 when edge a is the better one to show for a hop. */
static int better_edge(const dkg__edge *a, igraph_integer_t ea, const dkg__edge *b,
                       igraph_integer_t eb)
{
    unsigned sa = dkg__q_status_bit(a->status);
    unsigned sb = dkg__q_status_bit(b->status);
    if (sa != sb) {
        return sa < sb;
    }
    int c = dkg__date_cmp(a->date, b->date);
    if ((a->date == NULL) != (b->date == NULL)) {
        return a->date != NULL;
    }
    if (c != 0) {
        return c > 0;
    }
    if ((c = strcmp(a->doc, b->doc)) != 0) {
        return c < 0;
    }
    if (a->evidence_start != b->evidence_start) {
        return a->evidence_start < b->evidence_start;
    }
    return ea < eb;
}

/* The relations between u and w in the filtered graph: best stored edge in
 * *best_out, their count, and their distinct types in types (at most max). */
static int edges_between(const dkg__qctx *q, const igraph_t *ig, const size_t *map,
                         igraph_integer_t u, igraph_integer_t w, igraph_integer_t *best_out,
                         size_t *count_out, const char **types, size_t max, size_t *n_types_out,
                         dkg_error *err)
{
    igraph_vector_int_t eids;
    if (igraph_vector_int_init(&eids, 0) != IGRAPH_SUCCESS) {
        return dkg_error_set(err, DKG_ENOMEM, "out of memory");
    }
    igraph_error_t ic = igraph_get_all_eids_between(ig, &eids, u, w, IGRAPH_UNDIRECTED);
    if (ic != IGRAPH_SUCCESS) {
        igraph_vector_int_destroy(&eids);
        return dkg__igraph_error(err, ic, "finding relations");
    }
    igraph_integer_t n = igraph_vector_int_size(&eids);
    igraph_integer_t best = -1;
    size_t nt = 0;
    for (igraph_integer_t i = 0; i < n; i++) {
        igraph_integer_t e = (igraph_integer_t)map[VECTOR(eids)[i]];
        const dkg__edge *ed = dkg__graph_edge(q->g, e);
        if (best < 0 || better_edge(ed, e, dkg__graph_edge(q->g, best), best)) {
            best = e;
        }
        if (types != NULL && nt < max) {
            types[nt++] = ed->type;
        }
    }
    igraph_vector_int_destroy(&eids);
    *best_out = best;
    *count_out = (size_t)n;
    if (n_types_out != NULL) {
        *n_types_out = types != NULL ? dkg__q_sort_unique(types, nt) : 0;
    }
    return 0;
}

typedef struct nrow {
    igraph_integer_t v;
    igraph_integer_t via; /* -1 at distance 1 */
    long distance;
    size_t count;
    const dkg__node *node;
} nrow;

static int cmp_nrow(const void *pa, const void *pb)
{
    const nrow *a = pa;
    const nrow *b = pb;
    if (a->distance != b->distance) {
        return a->distance < b->distance ? -1 : 1;
    }
    if (a->count != b->count) {
        return a->count > b->count ? -1 : 1;
    }
    int c = strcmp(a->node->name, b->node->name);
    return c != 0 ? c : strcmp(a->node->id, b->node->id);
}

int dkg__q_neighbors(dkg__qctx *q, const char *name, dkg_query_result *r, dkg_error *err)
{
    igraph_integer_t v;
    int rc = dkg__q_resolve(q, name, &v, err);
    if (rc != 0) {
        return rc;
    }
    igraph_t ig;
    size_t *map = NULL;
    nrow *rows = NULL;
    rc = dkg__q_filtered_igraph(q, &ig, &map, err);
    if (rc != 0) {
        return rc;
    }
    igraph_vector_int_t vecs[3]; /* order, layers, parents */
    int n_vecs = 0;
    while (n_vecs < 3 && igraph_vector_int_init(&vecs[n_vecs], 0) == IGRAPH_SUCCESS) {
        n_vecs++;
    }
    if (n_vecs < 3) {
        rc = dkg_error_set(err, DKG_ENOMEM, "out of memory");
        goto cleanup;
    }
    igraph_vector_int_t *order = &vecs[0];
    igraph_vector_int_t *layers = &vecs[1];
    igraph_vector_int_t *parents = &vecs[2];
    igraph_error_t ic = igraph_bfs_simple(&ig, v, IGRAPH_ALL, order, layers, parents);
    if (ic != IGRAPH_SUCCESS) {
        rc = dkg__igraph_error(err, ic, "walking the graph");
        goto cleanup;
    }
    igraph_integer_t n_layers = igraph_vector_int_size(layers) - 1;
    igraph_integer_t end = n_layers > q->o->depth ? VECTOR(*layers)[q->o->depth + 1]
                                                  : igraph_vector_int_size(order);
    size_t n_rows = 0;
    rows = malloc((size_t)(end > 0 ? end : 1) * sizeof *rows);
    if (rows == NULL) {
        rc = dkg_error_set(err, DKG_ENOMEM, "out of memory");
        goto cleanup;
    }
    const char *types[16];
    for (igraph_integer_t layer = 1; layer < n_layers && layer <= q->o->depth; layer++) {
        for (igraph_integer_t i = VECTOR(*layers)[layer]; i < VECTOR(*layers)[layer + 1]; i++) {
            igraph_integer_t w = VECTOR(*order)[i];
            igraph_integer_t parent = VECTOR(*parents)[w];
            igraph_integer_t best;
            nrow *nr = &rows[n_rows++];
            nr->v = w;
            nr->via = layer > 1 ? parent : -1;
            nr->distance = (long)layer;
            nr->node = dkg__graph_node(q->g, w);
            rc = edges_between(q, &ig, map, parent, w, &best, &nr->count, NULL, 0, NULL, err);
            if (rc != 0) {
                goto cleanup;
            }
        }
    }
    qsort(rows, n_rows, sizeof *rows, cmp_nrow);
    const dkg__node *me = dkg__graph_node(q->g, v);
    dkg__result_field_str(r, "id", me->id);
    dkg__result_field_str(r, "name", me->name);
    dkg__result_field_int(r, "depth", q->o->depth);
    dkg__result_summary(r, "%s (%s): %zu neighbor%s within %d hop%s", me->name, me->id, n_rows,
                        n_rows == 1 ? "" : "s", q->o->depth, q->o->depth == 1 ? "" : "s");
    static const char *const cols[] = {"neighbor", "id",      "type",      "country", "distance",
                                       "via",      "via_id",  "relations", "count",   NULL};
    dkg__section *s = dkg__result_section(r, "neighbors", cols);
    if (s != NULL) {
        s->hide_in_table = (1ul << 1) | (1ul << 6);
    }
    for (size_t i = 0; i < n_rows && s != NULL; i++) {
        nrow *nr = &rows[i];
        igraph_integer_t from = nr->via >= 0 ? nr->via : v;
        igraph_integer_t best;
        size_t count;
        size_t n_types;
        rc = edges_between(q, &ig, map, from, nr->v, &best, &count, types, 16, &n_types, err);
        if (rc != 0) {
            goto cleanup;
        }
        dkg__cell *row = dkg__section_row(r, s);
        if (row == NULL) {
            break;
        }
        dkg__cell_str(r, &row[0], nr->node->name);
        dkg__cell_str(r, &row[1], nr->node->id);
        dkg__cell_str(r, &row[2], nr->node->type);
        dkg__cell_str(r, &row[3], nr->node->country);
        dkg__cell_int(&row[4], nr->distance);
        dkg__cell_str(r, &row[5], nr->via >= 0 ? dkg__graph_node_name(q->g, nr->via) : NULL);
        dkg__cell_str(r, &row[6], nr->via >= 0 ? dkg__graph_node_id(q->g, nr->via) : NULL);
        dkg__cell_list(r, &row[7], types, n_types);
        dkg__cell_int(&row[8], (long long)count);
    }
    r->found = n_rows > 0;
cleanup:
    free(rows);
    while (n_vecs > 0) {
        igraph_vector_int_destroy(&vecs[--n_vecs]);
    }
    igraph_destroy(&ig);
    free(map);
    return rc;
}

int dkg__q_path(dkg__qctx *q, const char *a, const char *b, dkg_query_result *r, dkg_error *err)
{
    igraph_integer_t va;
    igraph_integer_t vb;
    int rc = dkg__q_resolve(q, a, &va, err);
    if (rc == 0) {
        rc = dkg__q_resolve(q, b, &vb, err);
    }
    if (rc != 0) {
        return rc;
    }
    igraph_t ig;
    size_t *map = NULL;
    rc = dkg__q_filtered_igraph(q, &ig, &map, err);
    if (rc != 0) {
        return rc;
    }
    /* Each relation weighs 1 plus a penalty for planned (1 unit) and negated (2
     * units) with a unit of 1 / (2 (V + 1)): a path's penalties add up to less than
     * one hop, so Dijkstra still finds a shortest chain, and among equally short
     * ones the chain of things that happened. */
    igraph_vector_int_t vs;
    igraph_vector_t weights;
    if (igraph_vector_int_init(&vs, 0) != IGRAPH_SUCCESS) {
        igraph_destroy(&ig);
        free(map);
        return dkg_error_set(err, DKG_ENOMEM, "out of memory");
    }
    igraph_error_t ic = igraph_vector_init(&weights, igraph_ecount(&ig));
    int weights_ok = ic == IGRAPH_SUCCESS;
    double unit = 1.0 / (2.0 * ((double)dkg__graph_vcount(q->g) + 1.0));
    for (igraph_integer_t i = 0; ic == IGRAPH_SUCCESS && i < igraph_ecount(&ig); i++) {
        unsigned bit = dkg__q_status_bit(dkg__graph_edge_status(q->g, (igraph_integer_t)map[i]));
        double penalty = bit == DKG__ST_OCCURRED ? 0.0 : bit == DKG__ST_PLANNED ? 1.0 : 2.0;
        VECTOR(weights)[i] = 1.0 + unit * penalty;
    }
    dkg__igraph_clear_warning();
    if (ic == IGRAPH_SUCCESS) {
        ic = igraph_get_shortest_path_dijkstra(&ig, &vs, NULL, va, vb, &weights, IGRAPH_ALL);
    }
    if (weights_ok) {
        igraph_vector_destroy(&weights);
    }
    if (ic != IGRAPH_SUCCESS) {
        rc = dkg__igraph_error(err, ic, "finding a path");
        goto cleanup;
    }
    /* An unreachable target is a warning with an empty path, not an error. */
    igraph_integer_t n = igraph_vector_int_size(&vs);
    const dkg__node *na = dkg__graph_node(q->g, va);
    const dkg__node *nb = dkg__graph_node(q->g, vb);
    r->found = n > 0;
    dkg__result_field_str(r, "from", na->id);
    dkg__result_field_str(r, "to", nb->id);
    dkg__result_field_bool(r, "found", n > 0);
    if (n > 0) {
        dkg__result_field_int(r, "length", n - 1);
        dkg__result_summary(r, "%s -> %s: %lld hop%s", na->name, nb->name, (long long)(n - 1),
                            n == 2 ? "" : "s");
    } else {
        dkg__result_field_str(r, "length", NULL);
        dkg__result_summary(r, "no path between %s and %s", na->name, nb->name);
    }
    static const char *const cols[] = {"step",   "from",  "relation", "to",       "date",
                                       "status", "place", "article",  "evidence", NULL};
    dkg__section *s = dkg__result_section(r, "hops", cols);
    for (igraph_integer_t i = 0; i + 1 < n && s != NULL; i++) {
        igraph_integer_t u = VECTOR(vs)[i];
        igraph_integer_t w = VECTOR(vs)[i + 1];
        igraph_integer_t best;
        size_t count;
        rc = edges_between(q, &ig, map, u, w, &best, &count, NULL, 0, NULL, err);
        if (rc != 0) {
            goto cleanup;
        }
        const dkg__edge *ed = dkg__graph_edge(q->g, best);
        dkg__cell *row = dkg__section_row(r, s);
        if (row == NULL) {
            break;
        }
        dkg__cell_int(&row[0], i + 1);
        dkg__cell_str(r, &row[1], dkg__graph_node_name(q->g, u));
        dkg__cell_str(r, &row[2], ed->type);
        dkg__cell_str(r, &row[3], dkg__graph_node_name(q->g, w));
        dkg__cell_str(r, &row[4], ed->date);
        dkg__cell_str(r, &row[5], ed->status ? ed->status : "occurred");
        dkg__cell_str(r, &row[6], dkg__q_id_name(q, ed->place));
        dkg__cell_str(r, &row[7], ed->doc);
        dkg__cell_str(r, &row[8], ed->evidence);
    }
cleanup:
    dkg__igraph_clear_warning();
    igraph_vector_int_destroy(&vs);
    igraph_destroy(&ig);
    free(map);
    return rc;
}
