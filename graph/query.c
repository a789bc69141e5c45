/* graph/query.c - entry point of every query: options, filters, name resolution.
 *
 * The filters (--since/--until/--status/--type/--country) are turned once into a
 * dkg__qctx, and every query asks dkg__q_edge_ok / dkg__q_node_ok, so the rules
 * written in dkg/query.h hold for all subcommands by construction.
 *
 * Name resolution works on folded text (dkg_fold: case and accents gone) in
 * levels, best first: the entity id (or its slug), the display name, an alias,
 * then a run of whole words of the name or an alias ("macron", "tayyip erdogan"). The first
 * level with any match decides; several matches there are ambiguous. So
 * "Macron" finds Emmanuel Macron when articles called him "Macron" (an alias),
 * and is ambiguous between him and Brigitte Macron only when no alias settles it.
 * Folding every name per query costs O(V) with no index to build or keep in
 * sync; on 100,000 entities it is a few milliseconds, well below loading.
 * Unknown names get suggestions by edit distance on the folded text, capped so
 * that a wild query does not list random names.
 */
#include <stdlib.h>
#include <string.h>

#include "dkg/fold.h"
#include "query_internal.h"

const char *const dkg_query_subcommands[] = {"who-met", "met",      "neighbors", "path",
                                             "timeline", "entity", "rank",      "communities",
                                             NULL};

int dkg_query_arity(const char *subcommand)
{
    static const int arity[] = {1, 2, 1, 2, 1, 1, 0, 0};
    for (size_t i = 0; dkg_query_subcommands[i] != NULL; i++) {
        if (strcmp(subcommand, dkg_query_subcommands[i]) == 0) {
            return arity[i];
        }
    }
    return -1;
}

void dkg_query_options_init(dkg_query_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->depth = 1;
    opts->top = 10;
    opts->by = DKG_QUERY_BY_DEGREE;
    opts->seed = 1;
}

/* ---- options ------------------------------------------------------------------- */

static int parse_status(const char *s, unsigned *mask_out, dkg_error *err)
{
    unsigned mask = 0;
    const char *p = s;
    while (1) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        if (n == 8 && strncmp(p, "occurred", 8) == 0) {
            mask |= DKG__ST_OCCURRED;
        } else if (n == 7 && strncmp(p, "planned", 7) == 0) {
            mask |= DKG__ST_PLANNED;
        } else if (n == 7 && strncmp(p, "negated", 7) == 0) {
            mask |= DKG__ST_NEGATED;
        } else if (n == 3 && strncmp(p, "any", 3) == 0) {
            mask |= DKG__ST_ANY;
        } else {
            return dkg_error_set(err, DKG_EINVAL,
                                 "invalid --status '%s' (expected occurred, planned, negated "
                                 "or any, joined by commas)",
                                 s);
        }
        if (comma == NULL) {
            break;
        }
        p = comma + 1;
    }
    *mask_out = mask;
    return 0;
}

static int parse_types(dkg__qctx *q, const char *types, dkg_error *err)
{
    size_t n = strlen(types);
    if (n == 0 || n >= sizeof q->types_buf) {
        return dkg_error_set(err, DKG_EINVAL, "invalid --type '%s'", types);
    }
    memcpy(q->types_buf, types, n + 1);
    q->n_types = 0;
    char *p = q->types_buf;
    while (1) {
        char *comma = strchr(p, ',');
        if (comma != NULL) {
            *comma = '\0';
        }
        if (*p == '\0' || q->n_types == sizeof q->types / sizeof q->types[0]) {
            q->n_types = 0;
            return dkg_error_set(err, DKG_EINVAL, "invalid --type '%s'", types);
        }
        q->types[q->n_types++] = p;
        if (comma == NULL) {
            break;
        }
        p = comma + 1;
    }
    return 0;
}

int dkg_query_options_check(const dkg_query_options *o, dkg_error *err)
{
    dkg_error_clear(err);
    if (o->since != NULL && !dkg__date_valid(o->since)) {
        return dkg_error_set(err, DKG_EINVAL,
                             "invalid --since '%s' (expected YYYY, YYYY-MM or YYYY-MM-DD)",
                             o->since);
    }
    if (o->until != NULL && !dkg__date_valid(o->until)) {
        return dkg_error_set(err, DKG_EINVAL,
                             "invalid --until '%s' (expected YYYY, YYYY-MM or YYYY-MM-DD)",
                             o->until);
    }
    unsigned mask;
    if (o->status != NULL && parse_status(o->status, &mask, err) != 0) {
        return err ? err->code : DKG_EINVAL;
    }
    if (o->types != NULL) {
        dkg__qctx tmp;
        int rc = parse_types(&tmp, o->types, err);
        if (rc != 0) {
            return rc;
        }
    }
    if (o->country != NULL) {
        size_t n = strlen(o->country);
        if (n == 0 || n > 3) {
            return dkg_error_set(err, DKG_EINVAL,
                                 "invalid --country '%s' (expected an ISO 3166 alpha-3 code)",
                                 o->country);
        }
    }
    if (o->depth < 1 || o->depth > DKG_QUERY_MAX_DEPTH) {
        return dkg_error_set(err, DKG_EINVAL, "invalid --depth %d (expected 1 to %d)", o->depth,
                             DKG_QUERY_MAX_DEPTH);
    }
    if (o->top < 0) {
        return dkg_error_set(err, DKG_EINVAL, "invalid --top %d (expected 0 or more)", o->top);
    }
    if (o->by != DKG_QUERY_BY_DEGREE && o->by != DKG_QUERY_BY_PAGERANK &&
        o->by != DKG_QUERY_BY_BETWEENNESS) {
        return dkg_error_set(err, DKG_EINVAL, "invalid --by");
    }
    return 0;
}

/* ---- filters -------------------------------------------------------------------- */

unsigned dkg__q_status_bit(const char *status)
{
    if (status != NULL && strcmp(status, "planned") == 0) {
        return DKG__ST_PLANNED;
    }
    if (status != NULL && strcmp(status, "negated") == 0) {
        return DKG__ST_NEGATED;
    }
    return DKG__ST_OCCURRED;
}

void dkg__q_default_types(dkg__qctx *q, const char *types)
{
    if (q->o->types == NULL) {
        parse_types(q, types, NULL);
    }
}

int dkg__q_node_ok(const dkg__qctx *q, igraph_integer_t v)
{
    if (q->country[0] == '\0') {
        return 1;
    }
    for (size_t i = 0; i < q->n_pinned; i++) {
        if (q->pinned[i] == v) {
            return 1;
        }
    }
    const char *c = dkg__graph_node_country(q->g, v);
    return c != NULL && strcmp(c, q->country) == 0;
}

int dkg__q_edge_ok(const dkg__qctx *q, igraph_integer_t e)
{
    const dkg__edge *ed = dkg__graph_edge(q->g, e);
    if (ed->source == ed->target) {
        return 0;
    }
    if ((dkg__q_status_bit(ed->status) & q->status_mask) == 0) {
        return 0;
    }
    if (q->n_types > 0) {
        size_t i = 0;
        while (i < q->n_types && strcmp(q->types[i], ed->type) != 0) {
            i++;
        }
        if (i == q->n_types) {
            return 0;
        }
    }
    if (q->since[0] != '\0' || q->until[0] != '\0') {
        char lo[11], hi[11];
        if (dkg__date_bounds(ed->date, lo, hi) != 0) {
            return 0;
        }
        if (q->since[0] != '\0' && strcmp(hi, q->since) < 0) {
            return 0;
        }
        if (q->until[0] != '\0' && strcmp(lo, q->until) > 0) {
            return 0;
        }
    }
    return dkg__q_node_ok(q, ed->source) && dkg__q_node_ok(q, ed->target);
}

const char *dkg__q_id_name(const dkg__qctx *q, const char *id)
{
    if (id == NULL) {
        return NULL;
    }
    igraph_integer_t v = dkg__graph_find_node(q->g, id);
    return v >= 0 ? dkg__graph_node_name(q->g, v) : id;
}

int dkg__q_filtered_igraph(const dkg__qctx *q, igraph_t *out, size_t **eid_map_out,
                           dkg_error *err)
{
    igraph_integer_t ne = dkg__graph_ecount(q->g);
    size_t kept = 0;
    size_t *map = malloc((size_t)(ne ? ne : 1) * sizeof *map);
    igraph_vector_int_t ends;
    if (map == NULL || igraph_vector_int_init(&ends, 0) != IGRAPH_SUCCESS) {
        free(map);
        return dkg_error_set(err, DKG_ENOMEM, "out of memory");
    }
    for (igraph_integer_t e = 0; e < ne; e++) {
        if (dkg__q_edge_ok(q, e)) {
            map[kept++] = (size_t)e;
        }
    }
    int rc = 0;
    igraph_error_t ic = igraph_vector_int_resize(&ends, (igraph_integer_t)(2 * kept));
    if (ic == IGRAPH_SUCCESS) {
        for (size_t i = 0; i < kept; i++) {
            VECTOR(ends)[2 * i] = dkg__graph_edge_source(q->g, (igraph_integer_t)map[i]);
            VECTOR(ends)[2 * i + 1] = dkg__graph_edge_target(q->g, (igraph_integer_t)map[i]);
        }
        ic = igraph_create(out, &ends, dkg__graph_vcount(q->g), IGRAPH_UNDIRECTED);
    }
    if (ic != IGRAPH_SUCCESS) {
        rc = dkg__igraph_error(err, ic, "building the query graph");
        free(map);
        map = NULL;
    }
    igraph_vector_int_destroy(&ends);
    *eid_map_out = map;
    return rc;
}

/* ---- name resolution ------------------------------------------------------------- */

/* Fold into a malloc'd string (NULL on ENOMEM). */
static char *fold_dup(const char *s)
{
    size_t n = strlen(s);
    size_t need = dkg_fold(s, n, NULL, 0);
    char *out = malloc(need + 1);
    if (out != NULL) {
        dkg_fold(s, n, out, need + 1);
    }
    return out;
}

/* 1 when the words of needle appear as a run of whole words in hay. */
static int has_word_run(const char *hay, const char *needle, size_t nlen)
{
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++) {
        int start_ok = p == hay || p[-1] == ' ' || p[-1] == '-';
        char after = p[nlen];
        if (start_ok && (after == '\0' || after == ' ' || after == '-')) {
            return 1;
        }
    }
    return 0;
}

enum { LEVEL_ID, LEVEL_NAME, LEVEL_ALIAS, LEVEL_WORDS, LEVEL_NONE };

static int match_level(const dkg__node *n, const char *fq, size_t fqlen, char *scratch,
                       size_t cap)
{
    int best = LEVEL_NONE;
    /* The id, or its slug after the type ("person-0" for "person/person-0"). */
    if (dkg_fold(n->id, strlen(n->id), scratch, cap) < cap) {
        const char *slash = strchr(scratch, '/');
        if (strcmp(scratch, fq) == 0 || (slash != NULL && strcmp(slash + 1, fq) == 0)) {
            return LEVEL_ID;
        }
    }
    const char *texts[1] = {n->name};
    for (size_t i = 0; i < 1 + n->n_aliases; i++) {
        const char *t = i == 0 ? texts[0] : n->aliases[i - 1];
        if (t == NULL || dkg_fold(t, strlen(t), scratch, cap) >= cap) {
            continue;
        }
        if (strcmp(scratch, fq) == 0) {
            int level = i == 0 ? LEVEL_NAME : LEVEL_ALIAS;
            if (level < best) {
                best = level;
            }
        } else if (best > LEVEL_WORDS && has_word_run(scratch, fq, fqlen)) {
            best = LEVEL_WORDS;
        }
    }
    return best;
}

typedef struct candidate {
    igraph_integer_t v;
    size_t score;
    const char *name;
    const char *id;
} candidate;

static int cmp_candidate(const void *pa, const void *pb)
{
    const candidate *a = pa;
    const candidate *b = pb;
    if (a->score != b->score) {
        return a->score < b->score ? -1 : 1;
    }
    int c = strcmp(a->name, b->name);
    return c != 0 ? c : strcmp(a->id, b->id);
}

static void add_candidate(candidate *c, size_t *n, const dkg_graph *g, size_t v, size_t score)
{
    c[*n].v = (igraph_integer_t)v;
    c[*n].score = score;
    c[*n].name = g->nodes[v].name;
    c[*n].id = g->nodes[v].id;
    (*n)++;
}

static void list_candidates(dkg__sbuf *b, const dkg_graph *g, const candidate *c, size_t n,
                            size_t max, int with_ids)
{
    for (size_t i = 0; i < n && i < max; i++) {
        dkg__sbuf_printf(b, "%s%s", i ? ", " : "", dkg__graph_node_name(g, c[i].v));
        if (with_ids) {
            dkg__sbuf_printf(b, " (%s)", dkg__graph_node_id(g, c[i].v));
        }
    }
    if (n > max) {
        dkg__sbuf_printf(b, " and %zu more", n - max);
    }
}

/* Edit distance from the folded query to a node: the least over its name, its
 * aliases and the last word of its name (so "macorn" suggests Emmanuel Macron). */
static size_t node_distance(const dkg__node *n, const char *fq, size_t limit, char *scratch,
                            size_t cap)
{
    size_t best = limit + 1;
    for (size_t i = 0; i < 1 + n->n_aliases; i++) {
        const char *t = i == 0 ? n->name : n->aliases[i - 1];
        if (t == NULL || dkg_fold(t, strlen(t), scratch, cap) >= cap) {
            continue;
        }
        size_t d = dkg__edit_distance(scratch, fq, limit);
        if (d < best) {
            best = d;
        }
        const char *last = strrchr(scratch, ' ');
        if (i == 0 && last != NULL) {
            d = dkg__edit_distance(last + 1, fq, limit);
            if (d < best) {
                best = d;
            }
        }
    }
    return best;
}

int dkg__q_resolve(dkg__qctx *q, const char *name, igraph_integer_t *v_out, dkg_error *err)
{
    const dkg_graph *g = q->g;
    char *fq = NULL;
    char scratch[1024];
    candidate *cands = NULL;
    size_t n_cands = 0;
    int rc = 0;
    dkg__sbuf msg = {0};

    igraph_integer_t exact = dkg__graph_find_node(g, name);
    if (exact >= 0) {
        *v_out = exact;
        goto found;
    }
    if (name[0] == '\0') {
        rc = dkg_error_set(err, DKG_ENOTFOUND, "empty name");
        goto cleanup;
    }
    fq = fold_dup(name);
    cands = malloc((g->n_nodes ? g->n_nodes : 1) * sizeof *cands);
    if (fq == NULL || cands == NULL) {
        rc = dkg_error_set(err, DKG_ENOMEM, "out of memory");
        goto cleanup;
    }
    size_t fqlen = strlen(fq);
    int best = LEVEL_NONE;
    if (fqlen > 0) {
        for (size_t v = 0; v < g->n_nodes; v++) {
            int level = match_level(&g->nodes[v], fq, fqlen, scratch, sizeof scratch);
            if (level < best) {
                best = level;
                n_cands = 0;
            }
            if (level == best && level != LEVEL_NONE) {
                add_candidate(cands, &n_cands, g, v, 0);
            }
        }
    }
    if (n_cands == 1) {
        *v_out = cands[0].v;
        goto found;
    }
    if (n_cands > 1) {
        qsort(cands, n_cands, sizeof *cands, cmp_candidate);
        dkg__sbuf_printf(&msg, "'%s' is ambiguous: ", name);
        list_candidates(&msg, g, cands, n_cands, 8, 1);
        rc = DKG_EAMBIGUOUS;
        goto message;
    }
    /* Unknown: suggest names within a third of the query's length (at least 2). */
    size_t limit = fqlen / 3 > 2 ? fqlen / 3 : 2;
    for (size_t v = 0; v < g->n_nodes; v++) {
        size_t d = node_distance(&g->nodes[v], fq, limit, scratch, sizeof scratch);
        if (d <= limit) {
            add_candidate(cands, &n_cands, g, v, d);
        }
    }
    qsort(cands, n_cands, sizeof *cands, cmp_candidate);
    dkg__sbuf_printf(&msg, "no entity named '%s'", name);
    if (n_cands > 0) {
        dkg__sbuf_puts(&msg, "; did you mean ");
        list_candidates(&msg, g, cands, n_cands, 3, 0);
        dkg__sbuf_puts(&msg, "?");
    }
    rc = DKG_ENOTFOUND;
message:
    if (msg.failed) {
        rc = dkg_error_set(err, DKG_ENOMEM, "out of memory");
    } else {
        dkg_error_set(err, rc, "%s", msg.data);
    }
    goto cleanup;
found:
    if (q->n_pinned < 2) {
        q->pinned[q->n_pinned++] = *v_out;
    }
cleanup:
    dkg__sbuf_destroy(&msg);
    free(cands);
    free(fq);
    return rc;
}

/* ---- dispatch ---------------------------------------------------------------------- */

int dkg_query_run(dkg_query_result **out, const dkg_graph *graph, const char *subcommand,
                  const char *const *names, const dkg_query_options *opts, dkg_error *err)
{
    *out = NULL;
    dkg_error_clear(err);
    int rc = dkg_query_options_check(opts, err);
    if (rc != 0) {
        return rc;
    }
    int arity = dkg_query_arity(subcommand);
    if (arity < 0) {
        return dkg_error_set(err, DKG_EINVAL, "unknown query '%s'", subcommand);
    }
    dkg__qctx q;
    memset(&q, 0, sizeof q);
    q.g = graph;
    q.o = opts;
    q.status_mask = DKG__ST_OCCURRED | DKG__ST_PLANNED;
    if (opts->status != NULL) {
        parse_status(opts->status, &q.status_mask, NULL);
        q.status_given = 1;
    }
    char hi[11];
    if (opts->since != NULL) {
        dkg__date_bounds(opts->since, q.since, hi);
    }
    if (opts->until != NULL) {
        char lo[11];
        dkg__date_bounds(opts->until, lo, q.until);
    }
    if (opts->types != NULL) {
        parse_types(&q, opts->types, NULL);
    }
    if (opts->country != NULL) {
        for (size_t i = 0; opts->country[i] != '\0' && i < 3; i++) {
            char c = opts->country[i];
            q.country[i] = (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
        }
    }
    /* Queries read attributes from the C arrays and only need igraph's topology:
     * copying every attribute into igraph (dkg__graph_sync) would cost a third of
     * the load time for nothing. */
    rc = dkg__graph_flush((dkg_graph *)graph, err);
    if (rc != 0) {
        return rc;
    }
    dkg_query_result *r = dkg__result_new(subcommand);
    if (r == NULL) {
        return dkg_error_set(err, DKG_ENOMEM, "out of memory");
    }
    if (strcmp(subcommand, "who-met") == 0) {
        rc = dkg__q_who_met(&q, names[0], r, err);
    } else if (strcmp(subcommand, "met") == 0) {
        rc = dkg__q_met(&q, names[0], names[1], r, err);
    } else if (strcmp(subcommand, "neighbors") == 0) {
        rc = dkg__q_neighbors(&q, names[0], r, err);
    } else if (strcmp(subcommand, "path") == 0) {
        rc = dkg__q_path(&q, names[0], names[1], r, err);
    } else if (strcmp(subcommand, "timeline") == 0) {
        rc = dkg__q_timeline(&q, names[0], r, err);
    } else if (strcmp(subcommand, "entity") == 0) {
        rc = dkg__q_entity(&q, names[0], r, err);
    } else if (strcmp(subcommand, "rank") == 0) {
        rc = dkg__q_rank(&q, r, err);
    } else {
        rc = dkg__q_communities(&q, r, err);
    }
    if (rc == 0 && r->failed) {
        rc = dkg_error_set(err, DKG_ENOMEM, "out of memory building the query result");
    }
    if (rc != 0) {
        dkg_query_result_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

/* ---- helpers for the subcommands ---------------------------------------------------- */

int dkg__q_incident(const dkg__qctx *q, igraph_integer_t v, igraph_integer_t **out,
                    size_t *n_out, dkg_error *err)
{
    *out = NULL;
    *n_out = 0;
    igraph_vector_int_t eids;
    if (igraph_vector_int_init(&eids, 0) != IGRAPH_SUCCESS) {
        return dkg_error_set(err, DKG_ENOMEM, "out of memory");
    }
    igraph_error_t ic = igraph_incident(dkg__graph_igraph(q->g), &eids, v, IGRAPH_ALL);
    if (ic != IGRAPH_SUCCESS) {
        igraph_vector_int_destroy(&eids);
        return dkg__igraph_error(err, ic, "listing relations");
    }
    igraph_integer_t n = igraph_vector_int_size(&eids);
    igraph_integer_t *kept = malloc((size_t)(n ? n : 1) * sizeof *kept);
    if (kept == NULL) {
        igraph_vector_int_destroy(&eids);
        return dkg_error_set(err, DKG_ENOMEM, "out of memory");
    }
    size_t k = 0;
    for (igraph_integer_t i = 0; i < n; i++) {
        if (dkg__q_edge_ok(q, VECTOR(eids)[i])) {
            kept[k++] = VECTOR(eids)[i];
        }
    }
    igraph_vector_int_destroy(&eids);
    *out = kept;
    *n_out = k;
    return 0;
}

igraph_integer_t dkg__q_other(const dkg__qctx *q, igraph_integer_t e, igraph_integer_t v)
{
    const dkg__edge *ed = dkg__graph_edge(q->g, e);
    return ed->source == v ? ed->target : ed->source;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

size_t dkg__q_sort_unique(const char **items, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (items[i] != NULL) {
            items[k++] = items[i];
        }
    }
    qsort(items, k, sizeof *items, cmp_str);
    size_t u = 0;
    for (size_t i = 0; i < k; i++) {
        if (u == 0 || strcmp(items[u - 1], items[i]) != 0) {
            items[u++] = items[i];
        }
    }
    return u;
}
