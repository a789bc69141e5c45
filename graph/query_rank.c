/* graph/query_rank.c - rank --by degree|pagerank|betweenness and communities.
 *
 * Both work on the contact graph: the kept relations (by default meet and call)
 * collapsed to one undirected edge per pair of entities, weighted by how many
 * relations the pair has, over only the entities that have one. Collapsing makes
 * "degree" the number of distinct partners (ten reports of one summit do not make
 * a hub), and dropping isolated entities keeps them from diluting PageRank.
 * PageRank uses the weights (PRPACK, damping 0.85); betweenness is unweighted,
 * because igraph reads weights as distances there and more meetings must not mean
 * "further apart". Communities are Louvain (igraph_community_multilevel, the
 * weighted modularity optimiser) with igraph's RNG seeded from --seed, so a run is
 * reproducible; they are numbered by size, larger first, then by their smallest
 * member id, never by igraph's arbitrary labels.
 *
 * igraph's PRPACK runs its loops with OpenMP when igraph was built with it (Debian's
 * is). dkg drives igraph from one thread by design, and on a shared machine the
 * spinning OpenMP workers made pagerank several times slower (0.26 s alone vs 1.4 s
 * to 2.5 s with two workers, 100,000 relations, 2 busy CPUs), so unless the user
 * set OMP_NUM_THREADS we ask for one thread. The OpenMP call is a weak reference:
 * with an igraph built without OpenMP it is simply absent.
 *
 * Scores are rounded to the printed precision before sorting, so two entities
 * whose PageRank differs only in the 15th digit are a tie, ordered by name, and
 * share a rank (1, 2, 2, 4).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "query_internal.h"

#if defined(__GNUC__)
extern void omp_set_num_threads(int n) __attribute__((weak));
#endif

static void one_openmp_thread(void)
{
#if defined(__GNUC__)
    if (omp_set_num_threads != NULL && getenv("OMP_NUM_THREADS") == NULL) {
        omp_set_num_threads(1);
    }
#endif
}

typedef struct pair {
    igraph_integer_t a;
    igraph_integer_t b;
} pair;

static int cmp_pair(const void *pa, const void *pb)
{
    const pair *x = pa;
    const pair *y = pb;
    if (x->a != y->a) {
        return x->a < y->a ? -1 : 1;
    }
    return x->b < y->b ? -1 : x->b > y->b;
}

typedef struct contact_graph {
    igraph_t ig;
    int has_ig;
    igraph_vector_t weights;
    int has_weights;
    igraph_integer_t *vertex; /* local index -> graph vertex */
    igraph_integer_t n;
} contact_graph;

static void contact_destroy(contact_graph *c)
{
    if (c->has_ig) {
        igraph_destroy(&c->ig);
    }
    if (c->has_weights) {
        igraph_vector_destroy(&c->weights);
    }
    free(c->vertex);
}

static int contact_build(const dkg__qctx *q, contact_graph *c, dkg_error *err)
{
    memset(c, 0, sizeof *c);
    const dkg_graph *g = q->g;
    size_t ne = (size_t)dkg__graph_ecount(g);
    size_t nv = (size_t)dkg__graph_vcount(g);
    pair *pairs = malloc((ne ? ne : 1) * sizeof *pairs);
    igraph_integer_t *local = malloc((nv ? nv : 1) * sizeof *local);
    igraph_vector_int_t ends;
    int rc = 0;
    int ends_ok = igraph_vector_int_init(&ends, 0) == IGRAPH_SUCCESS;
    if (pairs == NULL || local == NULL || !ends_ok) {
        rc = dkg_error_set(err, DKG_ENOMEM, "out of memory");
        goto cleanup;
    }
    size_t np = 0;
    for (size_t e = 0; e < ne; e++) {
        if (dkg__q_edge_ok(q, (igraph_integer_t)e)) {
            igraph_integer_t s = dkg__graph_edge_source(g, (igraph_integer_t)e);
            igraph_integer_t t = dkg__graph_edge_target(g, (igraph_integer_t)e);
            pairs[np].a = s < t ? s : t;
            pairs[np].b = s < t ? t : s;
            np++;
        }
    }
    qsort(pairs, np, sizeof *pairs, cmp_pair);
    for (size_t v = 0; v < nv; v++) {
        local[v] = -1;
    }
    for (size_t i = 0; i < np; i++) {
        local[pairs[i].a] = 0;
        local[pairs[i].b] = 0;
    }
    igraph_integer_t n = 0;
    for (size_t v = 0; v < nv; v++) {
        if (local[v] == 0) {
            local[v] = n++;
        }
    }
    c->vertex = malloc((size_t)(n ? n : 1) * sizeof *c->vertex);
    if (c->vertex == NULL || igraph_vector_init(&c->weights, 0) != IGRAPH_SUCCESS) {
        rc = dkg_error_set(err, DKG_ENOMEM, "out of memory");
        goto cleanup;
    }
    c->has_weights = 1;
    c->n = n;
    for (size_t v = 0; v < nv; v++) {
        if (local[v] >= 0) {
            c->vertex[local[v]] = (igraph_integer_t)v;
        }
    }
    igraph_error_t ic = IGRAPH_SUCCESS;
    for (size_t i = 0; i < np && ic == IGRAPH_SUCCESS;) {
        size_t j = i;
        while (j < np && pairs[j].a == pairs[i].a && pairs[j].b == pairs[i].b) {
            j++;
        }
        ic = igraph_vector_int_push_back(&ends, local[pairs[i].a]);
        if (ic == IGRAPH_SUCCESS) {
            ic = igraph_vector_int_push_back(&ends, local[pairs[i].b]);
        }
        if (ic == IGRAPH_SUCCESS) {
            ic = igraph_vector_push_back(&c->weights, (igraph_real_t)(j - i));
        }
        i = j;
    }
    if (ic == IGRAPH_SUCCESS) {
        ic = igraph_create(&c->ig, &ends, n, IGRAPH_UNDIRECTED);
        c->has_ig = ic == IGRAPH_SUCCESS;
    }
    if (ic != IGRAPH_SUCCESS) {
        rc = dkg__igraph_error(err, ic, "building the contact graph");
    }
cleanup:
    if (ends_ok) {
        igraph_vector_int_destroy(&ends);
    }
    free(pairs);
    free(local);
    return rc;
}

typedef struct scored {
    igraph_integer_t local;
    long long key; /* score rounded to the printed precision */
    double score;
    double strength;
    const dkg__node *node;
} scored;

static int cmp_scored(const void *pa, const void *pb)
{
    const scored *a = pa;
    const scored *b = pb;
    if (a->key != b->key) {
        return a->key > b->key ? -1 : 1;
    }
    int c = strcmp(a->node->name, b->node->name);
    return c != 0 ? c : strcmp(a->node->id, b->node->id);
}

int dkg__q_rank(dkg__qctx *q, dkg_query_result *r, dkg_error *err)
{
    dkg__q_default_types(q, "meet,call");
    contact_graph c;
    scored *rows = NULL;
    igraph_vector_t res, strength;
    int res_ok = igraph_vector_init(&res, 0) == IGRAPH_SUCCESS;
    int str_ok = igraph_vector_init(&strength, 0) == IGRAPH_SUCCESS;
    int rc = contact_build(q, &c, err);
    if (rc == 0 && (!res_ok || !str_ok)) {
        rc = dkg_error_set(err, DKG_ENOMEM, "out of memory");
    }
    if (rc != 0) {
        goto cleanup;
    }
    static const char *const measures[] = {"degree", "pagerank", "betweenness"};
    static const int decimals[] = {0, 6, 3};
    int by = (int)q->o->by;
    igraph_error_t ic = IGRAPH_SUCCESS;
    if (c.n > 0) {
        ic = igraph_strength(&c.ig, &strength, igraph_vss_all(), IGRAPH_ALL, 0, &c.weights);
        if (ic == IGRAPH_SUCCESS && by == DKG_QUERY_BY_DEGREE) {
            igraph_vector_int_t deg;
            ic = igraph_vector_int_init(&deg, 0);
            if (ic == IGRAPH_SUCCESS) {
                ic = igraph_degree(&c.ig, &deg, igraph_vss_all(), IGRAPH_ALL, 0);
                if (ic == IGRAPH_SUCCESS) {
                    ic = igraph_vector_resize(&res, c.n);
                }
                for (igraph_integer_t i = 0; ic == IGRAPH_SUCCESS && i < c.n; i++) {
                    VECTOR(res)[i] = (double)VECTOR(deg)[i];
                }
                igraph_vector_int_destroy(&deg);
            }
        } else if (ic == IGRAPH_SUCCESS && by == DKG_QUERY_BY_PAGERANK) {
            igraph_real_t value;
            one_openmp_thread();
            ic = igraph_pagerank(&c.ig, IGRAPH_PAGERANK_ALGO_PRPACK, &res, &value,
                                 igraph_vss_all(), 0, 0.85, &c.weights, NULL);
        } else if (ic == IGRAPH_SUCCESS) {
            ic = igraph_betweenness(&c.ig, &res, igraph_vss_all(), 0, NULL);
        }
    }
    if (ic != IGRAPH_SUCCESS) {
        rc = dkg__igraph_error(err, ic, "ranking");
        goto cleanup;
    }
    rows = malloc((size_t)(c.n ? c.n : 1) * sizeof *rows);
    if (rows == NULL) {
        rc = dkg_error_set(err, DKG_ENOMEM, "out of memory");
        goto cleanup;
    }
    double scale = pow(10.0, decimals[by]);
    for (igraph_integer_t i = 0; i < c.n; i++) {
        rows[i].local = i;
        rows[i].score = VECTOR(res)[i];
        rows[i].key = llround(VECTOR(res)[i] * scale);
        rows[i].strength = VECTOR(strength)[i];
        rows[i].node = dkg__graph_node(q->g, c.vertex[i]);
    }
    qsort(rows, (size_t)c.n, sizeof *rows, cmp_scored);
    size_t shown = q->o->top > 0 && (igraph_integer_t)q->o->top < c.n ? (size_t)q->o->top
                                                                       : (size_t)c.n;
    dkg__result_field_str(r, "by", measures[by]);
    dkg__result_field_int(r, "entities", (long long)c.n);
    dkg__result_field_int(r, "contacts", (long long)igraph_ecount(&c.ig));
    dkg__result_summary(r, "%zu of %lld entities by %s", shown, (long long)c.n, measures[by]);
    const char *cols[] = {"rank", "name", "id", "type", "country", measures[by], "relations",
                          NULL};
    dkg__section *s = dkg__result_section(r, "ranking", cols);
    if (s != NULL) {
        s->hide_in_table = 1ul << 2;
    }
    long long rank = 0;
    for (size_t i = 0; i < shown && s != NULL; i++) {
        if (i == 0 || rows[i].key != rows[i - 1].key) {
            rank = (long long)i + 1;
        }
        dkg__cell *row = dkg__section_row(r, s);
        if (row == NULL) {
            break;
        }
        dkg__cell_int(&row[0], rank);
        dkg__cell_str(r, &row[1], rows[i].node->name);
        dkg__cell_str(r, &row[2], rows[i].node->id);
        dkg__cell_str(r, &row[3], rows[i].node->type);
        dkg__cell_str(r, &row[4], rows[i].node->country);
        if (by == DKG_QUERY_BY_DEGREE) {
            dkg__cell_int(&row[5], rows[i].key);
        } else {
            dkg__cell_real(&row[5], (double)rows[i].key / scale, decimals[by]);
        }
        dkg__cell_int(&row[6], llround(rows[i].strength));
    }
    r->found = shown > 0;
cleanup:
    free(rows);
    if (res_ok) {
        igraph_vector_destroy(&res);
    }
    if (str_ok) {
        igraph_vector_destroy(&strength);
    }
    contact_destroy(&c);
    return rc;
}

typedef struct member {
    igraph_integer_t community; /* igraph's label */
    const dkg__node *node;
} member;

static int cmp_member(const void *pa, const void *pb)
{
    const member *a = pa;
    const member *b = pb;
    if (a->community != b->community) {
        return a->community < b->community ? -1 : 1;
    }
    int c = strcmp(a->node->name, b->node->name);
    return c != 0 ? c : strcmp(a->node->id, b->node->id);
}

typedef struct group {
    size_t first; /* index into the sorted members */
    size_t size;
    const char *min_id;
} group;

static int cmp_group(const void *pa, const void *pb)
{
    const group *a = pa;
    const group *b = pb;
    if (a->size != b->size) {
        return a->size > b->size ? -1 : 1;
    }
    return strcmp(a->min_id, b->min_id);
}

int dkg__q_communities(dkg__qctx *q, dkg_query_result *r, dkg_error *err)
{
    dkg__q_default_types(q, "meet,call");
    contact_graph c;
    member *members = NULL;
    group *groups = NULL;
    const char **names = NULL;
    igraph_vector_int_t membership;
    int mem_ok = igraph_vector_int_init(&membership, 0) == IGRAPH_SUCCESS;
    int rc = contact_build(q, &c, err);
    if (rc == 0 && !mem_ok) {
        rc = dkg_error_set(err, DKG_ENOMEM, "out of memory");
    }
    if (rc != 0) {
        goto cleanup;
    }
    igraph_real_t modularity = 0;
    if (igraph_ecount(&c.ig) > 0) {
        /* One modularity per level; membership is the level with the best one. */
        igraph_vector_t levels;
        igraph_error_t ic = igraph_vector_init(&levels, 0);
        if (ic == IGRAPH_SUCCESS) {
            igraph_rng_seed(igraph_rng_default(), (igraph_uint_t)q->o->seed);
            ic = igraph_community_multilevel(&c.ig, &c.weights, 1.0, &membership, NULL,
                                             &levels);
            if (ic == IGRAPH_SUCCESS && igraph_vector_size(&levels) > 0) {
                modularity = igraph_vector_max(&levels);
            }
            igraph_vector_destroy(&levels);
        }
        if (ic != IGRAPH_SUCCESS) {
            rc = dkg__igraph_error(err, ic, "finding communities");
            goto cleanup;
        }
    } else {
        igraph_vector_int_resize(&membership, c.n);
        for (igraph_integer_t i = 0; i < c.n; i++) {
            VECTOR(membership)[i] = i;
        }
    }
    size_t n = (size_t)c.n;
    members = malloc((n ? n : 1) * sizeof *members);
    groups = malloc((n ? n : 1) * sizeof *groups);
    names = malloc((n ? n : 1) * sizeof *names);
    if (members == NULL || groups == NULL || names == NULL) {
        rc = dkg_error_set(err, DKG_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < n; i++) {
        members[i].community = VECTOR(membership)[i];
        members[i].node = dkg__graph_node(q->g, c.vertex[i]);
    }
    qsort(members, n, sizeof *members, cmp_member);
    size_t n_groups = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        group *gr = &groups[n_groups++];
        gr->first = i;
        gr->min_id = members[i].node->id;
        for (; j < n && members[j].community == members[i].community; j++) {
            if (strcmp(members[j].node->id, gr->min_id) < 0) {
                gr->min_id = members[j].node->id;
            }
        }
        gr->size = j - i;
        i = j;
    }
    qsort(groups, n_groups, sizeof *groups, cmp_group);
    dkg__result_field_int(r, "seed", (long long)q->o->seed);
    dkg__result_field_real(r, "modularity", modularity, 4);
    dkg__result_summary(r, "%zu communit%s of %zu entities (seed %lu, modularity %.4f)", n_groups,
                        n_groups == 1 ? "y" : "ies", n, q->o->seed, (double)modularity);
    static const char *const cols[] = {"community", "size", "members", "ids", NULL};
    dkg__section *s = dkg__result_section(r, "communities", cols);
    if (s != NULL) {
        s->hide_in_table = 1ul << 3;
    }
    for (size_t k = 0; k < n_groups && s != NULL; k++) {
        dkg__cell *row = dkg__section_row(r, s);
        if (row == NULL) {
            break;
        }
        dkg__cell_int(&row[0], (long long)k + 1);
        dkg__cell_int(&row[1], (long long)groups[k].size);
        for (size_t i = 0; i < groups[k].size; i++) {
            names[i] = members[groups[k].first + i].node->name;
        }
        dkg__cell_list(r, &row[2], names, groups[k].size);
        for (size_t i = 0; i < groups[k].size; i++) {
            names[i] = members[groups[k].first + i].node->id;
        }
        dkg__cell_list(r, &row[3], names, groups[k].size);
    }
    r->found = n_groups > 0;
cleanup:
    free(names);
    free(groups);
    free(members);
    if (mem_ok) {
        igraph_vector_int_destroy(&membership);
    }
    contact_destroy(&c);
    return rc;
}
