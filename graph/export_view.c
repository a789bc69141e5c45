/* graph/export_view.c - the filtered, cleaned, ordered view every export writes.
 *
 * What: from the graph and the export options, pick the edges that pass the
 * filters (type, status, date period, country, ego neighbourhood), the nodes
 * they need, and optionally fold edges into one per (pair, type). Copy every
 * string cleaned of what XML and some readers cannot hold.
 *
 * Why one view: ten writers must agree on which nodes and edges exist, on ids,
 * and on text; doing selection and cleaning once makes the formats differ
 * only in syntax, and makes "every format round-trips the same graph" a fact
 * the tests can check format by format. The view copies strings into one
 * arena (freed at once) instead of pointing into the graph, because cleaning
 * may change them and writers then need no ownership rules.
 *
 * Order: nodes by id, edges in the graph file's canonical order, so output is
 * byte-for-byte reproducible and edge ids ("e<k>", k the canonical position in
 * the whole graph) stay the same whatever filter selected them. Aggregated
 * edges are ordered by (source id, target id, type) and named by those.
 *
 * Rejected: filtering inside each writer (ten copies of the rules), and using
 * igraph's induced_subgraph (it would renumber vertices and drop our ids).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "export_internal.h"
#include "graph_internal.h"

/* ---- attribute tables ---------------------------------------------------------- */

#define NA(field, kind) {#field, kind, offsetof(dkg__xnode, field)}
const dkg__xattr dkg__xnode_attrs[] = {
    NA(name, 's'),     NA(type, 's'),     NA(country, 's'),    NA(known, 'b'),
    NA(aliases, 's'),  NA(roles, 's'),    NA(mentions, 'l'),   NA(articles, 'l'),
    NA(first_seen, 's'), NA(last_seen, 's'), NA(degree, 'l'),
};
#undef NA
const size_t dkg__n_xnode_attrs = sizeof dkg__xnode_attrs / sizeof dkg__xnode_attrs[0];

#define EA(field, kind) {#field, kind, offsetof(dkg__xedge, field)}
const dkg__xattr dkg__xedge_attrs[] = {
    EA(type, 's'),           EA(status, 's'),         EA(date, 's'),
    EA(place, 's'),          EA(place_name, 's'),     EA(host, 's'),
    EA(title, 's'),          EA(rule, 's'),           EA(cameo, 's'),
    EA(article, 's'),        EA(article_title, 's'),  EA(article_source, 's'),
    EA(article_date, 's'),   EA(evidence, 's'),       EA(evidence_start, 'l'),
    EA(evidence_end, 'l'),   EA(count, 'l'),          EA(first_date, 's'),
    EA(last_date, 's'),      EA(symmetric, 'b'),
};
#undef EA
const size_t dkg__n_xedge_attrs = sizeof dkg__xedge_attrs / sizeof dkg__xedge_attrs[0];

/* ---- arena ------------------------------------------------------------------ */

struct dkg__arena_block {
    struct dkg__arena_block *next;
    size_t used;
    size_t cap;
    char data[];
};

#define ARENA_BLOCK ((size_t)64 * 1024)

static char *arena_alloc(dkg__arena *a, size_t n)
{
    struct dkg__arena_block *b = a->head;
    if (b == NULL || b->cap - b->used < n) {
        size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
        b = malloc(sizeof *b + cap);
        if (b == NULL) {
            return NULL;
        }
        b->used = 0;
        b->cap = cap;
        /* A big string gets its own block behind the current one, so the
         * current block's free space stays usable. */
        if (n > ARENA_BLOCK && a->head != NULL) {
            b->next = a->head->next;
            a->head->next = b;
        } else {
            b->next = a->head;
            a->head = b;
        }
    }
    char *p = b->data + b->used;
    b->used += n;
    return p;
}

void dkg__arena_destroy(dkg__arena *a)
{
    if (a == NULL) {
        return;
    }
    struct dkg__arena_block *b = a->head;
    while (b != NULL) {
        struct dkg__arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}

const char *dkg__arena_strdup(dkg__arena *a, const char *s)
{
    if (s == NULL) {
        return NULL;
    }
    size_t n = strlen(s);
    char *p = arena_alloc(a, n + 1);
    if (p != NULL) {
        memcpy(p, s, n + 1);
    }
    return p;
}

/* Length of the valid UTF-8 sequence at s[0..n), 0 when invalid; *cp receives
 * the code point. Overlongs, surrogates and values past U+10FFFF are invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned char c = s[0];
    size_t len;
    uint32_t v;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        v = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        v = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        v = c & 0x07;
    } else {
        return 0;
    }
    if (n < len) {
        return 0;
    }
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            return 0;
        }
        v = (v << 6) | (s[i] & 0x3F);
    }
    if ((len == 3 && (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))) ||
        (len == 4 && (v < 0x10000 || v > 0x10FFFF))) {
        return 0;
    }
    *cp = v;
    return len;
}

const char *dkg__arena_clean(dkg__arena *a, const char *s, size_t len)
{
    if (s == NULL) {
        return NULL;
    }
    /* U+FFFD is 3 bytes for each bad byte: the worst case. */
    char *out = arena_alloc(a, len * 3 + 1);
    if (out == NULL) {
        return NULL;
    }
    const unsigned char *u = (const unsigned char *)s;
    size_t o = 0;
    size_t i = 0;
    while (i < len) {
        uint32_t cp = 0;
        size_t n = utf8_seq(u + i, len - i, &cp);
        if (n == 0) {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
            continue;
        }
        int drop = (cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7F || cp == 0xFFFE ||
                   cp == 0xFFFF;
        if (!drop) {
            memcpy(out + o, u + i, n);
            o += n;
        }
        i += n;
    }
    out[o] = '\0';
    return out;
}

static const char *clean(dkg__arena *a, const char *s, int *failed)
{
    if (s == NULL) {
        return NULL;
    }
    const char *c = dkg__arena_clean(a, s, strlen(s));
    if (c == NULL) {
        *failed = 1;
    }
    return c;
}

/* ---- options ---------------------------------------------------------------- */

/* Is word in the comma-separated list (NULL list: everything)? */
static int in_list(const char *list, const char *word)
{
    if (list == NULL) {
        return 1;
    }
    size_t wl = strlen(word);
    const char *p = list;
    while (*p != '\0') {
        const char *comma = strchr(p, ',');
        size_t n = comma != NULL ? (size_t)(comma - p) : strlen(p);
        while (n > 0 && p[0] == ' ') {
            p++;
            n--;
        }
        while (n > 0 && p[n - 1] == ' ') {
            n--;
        }
        if (n == wl && strncmp(p, word, n) == 0) {
            return 1;
        }
        if (comma == NULL) {
            break;
        }
        p = comma + 1;
    }
    return 0;
}

static int ascii_ieq(const char *a, const char *b)
{
    for (; *a != '\0' && *b != '\0'; a++, b++) {
        char ca = (*a >= 'a' && *a <= 'z') ? (char)(*a - 32) : *a;
        char cb = (*b >= 'a' && *b <= 'z') ? (char)(*b - 32) : *b;
        if (ca != cb) {
            return 0;
        }
    }
    return *a == *b;
}

static int is_symmetric(const char *type)
{
    return strcmp(type, "meet") == 0 || strcmp(type, "call") == 0 || strcmp(type, "agree") == 0;
}

/* ---- aggregation ---------------------------------------------------------------- */

typedef struct agg_key {
    size_t source;
    size_t target;
    const char *type;
    size_t first; /* index of the first member in the kept edge list */
} agg_key;

static int agg_cmp(const void *pa, const void *pb)
{
    const agg_key *a = pa;
    const agg_key *b = pb;
    if (a->source != b->source) {
        return a->source < b->source ? -1 : 1;
    }
    if (a->target != b->target) {
        return a->target < b->target ? -1 : 1;
    }
    int c = strcmp(a->type, b->type);
    if (c != 0) {
        return c;
    }
    return a->first < b->first ? -1 : (a->first > b->first ? 1 : 0);
}

static int cmp_str(const void *pa, const void *pb)
{
    return strcmp(*(const char *const *)pa, *(const char *const *)pb);
}

/* Join the distinct words, sorted, with sep into the arena. Sorting (rather
 * than comparing each word with all before it) keeps a pair with thousands of
 * relations O(k log k). words is reordered. */
static const char *join_distinct(dkg__arena *a, const char **words, size_t n, const char *sep)
{
    qsort(words, n, sizeof *words, cmp_str);
    size_t total = 1;
    for (size_t i = 0; i < n; i++) {
        total += strlen(words[i]) + strlen(sep);
    }
    char *out = arena_alloc(a, total);
    if (out == NULL) {
        return NULL;
    }
    out[0] = '\0';
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && strcmp(words[i], words[i - 1]) == 0) {
            continue;
        }
        if (used > 0) {
            strcpy(out + used, sep);
            used += strlen(sep);
        }
        strcpy(out + used, words[i]);
        used += strlen(words[i]);
    }
    return out;
}

static int aggregate(dkg__xview *v, dkg_error *err)
{
    size_t n = v->n_edges;
    agg_key *keys = NULL;
    dkg__xedge *out = NULL;
    const char **words = NULL;
    int rc = 0;
    if (n == 0) {
        v->aggregated = 1;
        return 0;
    }
    keys = malloc(n * sizeof *keys);
    out = calloc(n, sizeof *out);
    words = malloc(n * sizeof *words);
    if (keys == NULL || out == NULL || words == NULL) {
        rc = dkg_error_set(err, DKG_ENOMEM, "out of memory aggregating edges");
        goto cleanup;
    }
    for (size_t i = 0; i < n; i++) {
        const dkg__xedge *e = &v->edges[i];
        size_t s = e->source;
        size_t t = e->target;
        if (e->symmetric && t < s) {
            size_t tmp = s;
            s = t;
            t = tmp;
        }
        keys[i] = (agg_key){s, t, e->type, i};
    }
    qsort(keys, n, sizeof *keys, agg_cmp);
    size_t n_out = 0;
    size_t i = 0;
    int failed = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && keys[j].source == keys[i].source && keys[j].target == keys[i].target &&
               strcmp(keys[j].type, keys[i].type) == 0) {
            j++;
        }
        /* Representative: the earliest dated member (undated ones only when
         * no member has a date); members are in canonical order, so ties
         * resolve the same way every run. */
        const dkg__xedge *rep = &v->edges[keys[i].first];
        const dkg__xedge *first = NULL;
        const dkg__xedge *last = NULL;
        for (size_t k = i; k < j; k++) {
            const dkg__xedge *e = &v->edges[keys[k].first];
            if (e->date_lo == NULL) {
                continue;
            }
            if (first == NULL || strcmp(e->date_lo, first->date_lo) < 0) {
                first = e;
                rep = e;
            }
            if (last == NULL || strcmp(e->date_hi, last->date_hi) > 0) {
                last = e;
            }
        }
        dkg__xedge *a = &out[n_out++];
        *a = *rep;
        a->source = keys[i].source;
        a->target = keys[i].target;
        a->count = (long)(j - i);
        a->first_date = first != NULL ? first->date : NULL;
        a->last_date = last != NULL ? last->date : NULL;
        for (size_t k = i; k < j; k++) {
            words[k - i] = v->edges[keys[k].first].status;
        }
        a->status = join_distinct(&v->arena, words, j - i, ",");
        for (size_t k = i; k < j; k++) {
            words[k - i] = v->edges[keys[k].first].article;
        }
        a->article = join_distinct(&v->arena, words, j - i, " ");
        size_t idlen = strlen(a->type) + strlen(v->nodes[a->source].id) +
                       strlen(v->nodes[a->target].id) + 4;
        char *id = arena_alloc(&v->arena, idlen + 1);
        if (id != NULL) {
            snprintf(id, idlen + 1, "%s:%s->%s", a->type, v->nodes[a->source].id,
                     v->nodes[a->target].id);
        }
        a->id = id;
        if (a->status == NULL || a->article == NULL || a->id == NULL) {
            failed = 1;
        }
        i = j;
    }
    if (failed) {
        rc = dkg_error_set(err, DKG_ENOMEM, "out of memory aggregating edges");
        goto cleanup;
    }
    free(v->edges);
    v->edges = out;
    v->n_edges = n_out;
    v->aggregated = 1;
    out = NULL;

cleanup:
    free(keys);
    free(out);
    free(words);
    return rc;
}

/* ---- building ------------------------------------------------------------------- */

void dkg__xview_destroy(dkg__xview *v)
{
    if (v == NULL) {
        return;
    }
    free(v->nodes);
    free(v->edges);
    dkg__arena_destroy(&v->arena);
    memset(v, 0, sizeof *v);
}

static const char *join_aliases(dkg__arena *a, const dkg__node *n, int *failed)
{
    size_t total = 1;
    for (size_t i = 0; i < n->n_aliases; i++) {
        total += strlen(n->aliases[i]) + 2;
    }
    char *buf = malloc(total);
    if (buf == NULL) {
        *failed = 1;
        return NULL;
    }
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n->n_aliases; i++) {
        size_t l = strlen(n->aliases[i]);
        if (i > 0) {
            memcpy(buf + used, "; ", 2);
            used += 2;
        }
        memcpy(buf + used, n->aliases[i], l);
        used += l;
    }
    buf[used] = '\0';
    const char *c = clean(a, buf, failed);
    free(buf);
    return c;
}

static const char *join_roles(dkg__arena *a, const dkg__node *n, int *failed)
{
    size_t total = 1;
    for (size_t i = 0; i < n->n_roles; i++) {
        const dkg__role *r = &n->roles[i];
        total += strlen(r->title ? r->title : "") + (r->of ? strlen(r->of) + 4 : 0) + 2;
    }
    char *buf = malloc(total);
    if (buf == NULL) {
        *failed = 1;
        return NULL;
    }
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n->n_roles; i++) {
        const dkg__role *r = &n->roles[i];
        used += (size_t)snprintf(buf + used, total - used, "%s%s%s%s", i > 0 ? "; " : "",
                                 r->title ? r->title : "", r->of ? " of " : "",
                                 r->of ? r->of : "");
    }
    const char *c = clean(a, buf, failed);
    free(buf);
    return c;
}

/* A one-line description of the filters, for metadata and the HTML title bar. */
static const char *describe_filters(dkg__arena *a, const dkg_export_options *o, int *failed)
{
    char buf[1024];
    size_t used = 0;
    buf[0] = '\0';
#define ADD(label, val)                                                                    \
    do {                                                                                   \
        if ((val) != NULL && used < sizeof buf) {                                          \
            int w = snprintf(buf + used, sizeof buf - used, "%s%s %s", used ? ", " : "",    \
                             label, val);                                                  \
            used = w < 0 ? used : used + (size_t)w;                                        \
        }                                                                                  \
    } while (0)
    ADD("type", o->types);
    ADD("status", o->status);
    ADD("since", o->since);
    ADD("until", o->until);
    ADD("country", o->country);
    ADD("ego", o->ego);
#undef ADD
    if (o->ego != NULL && used < sizeof buf) {
        int w = snprintf(buf + used, sizeof buf - used, " depth %d", o->depth);
        used = w < 0 ? used : used + (size_t)w;
    }
    if (o->aggregate && used < sizeof buf) {
        snprintf(buf + used, sizeof buf - used, "%saggregated", used ? ", " : "");
    }
    return clean(a, buf, failed);
}

int dkg__xview_build(dkg__xview *out, const dkg_graph *g, const dkg_export_options *opts,
                     dkg_error *err)
{
    dkg__xview v;
    memset(&v, 0, sizeof v);
    size_t n_nodes = (size_t)dkg__graph_vcount(g);
    size_t n_edges = (size_t)dkg__graph_ecount(g);
    size_t *edge_order = NULL;
    size_t *node_order = NULL;
    unsigned char *node_ok = NULL;   /* passes the country filter */
    unsigned char *edge_ok = NULL;   /* indexed by canonical position */
    long *dist = NULL;               /* ego BFS distance, -1 unreached */
    size_t *view_index = NULL;       /* vertex -> view node + 1, 0 when absent */
    int rc = 0;
    int failed = 0;
    char since_lo[11] = "";
    char since_hi[11] = "";
    char until_lo[11] = "";
    char until_hi[11] = "";
    const char *status = opts->status;
    if (status != NULL && in_list(status, "any")) {
        status = NULL;
    }
    if (opts->since != NULL && dkg__xdate_bounds(opts->since, since_lo, since_hi) != 0) {
        rc = dkg_error_set(err, DKG_EINVAL, "--since: '%s' is not a date (YYYY, YYYY-MM or "
                                            "YYYY-MM-DD)", opts->since);
        goto cleanup;
    }
    if (opts->until != NULL && dkg__xdate_bounds(opts->until, until_lo, until_hi) != 0) {
        rc = dkg_error_set(err, DKG_EINVAL, "--until: '%s' is not a date (YYYY, YYYY-MM or "
                                            "YYYY-MM-DD)", opts->until);
        goto cleanup;
    }
    size_t ego = SIZE_MAX;
    if (opts->ego != NULL) {
        rc = dkg__xresolve(g, opts->ego, &ego, err);
        if (rc != 0) {
            goto cleanup;
        }
    }
    rc = dkg__graph_edge_order(g, &edge_order, err);
    if (rc == 0) {
        rc = dkg__graph_node_order(g, &node_order, err);
    }
    if (rc != 0) {
        goto cleanup;
    }
    node_ok = calloc(n_nodes + 1, 1);
    edge_ok = calloc(n_edges + 1, 1);
    view_index = calloc(n_nodes + 1, sizeof *view_index);
    if (node_ok == NULL || edge_ok == NULL || view_index == NULL) {
        goto nomem;
    }
    for (size_t i = 0; i < n_nodes; i++) {
        const char *c = dkg__graph_node_country(g, (igraph_integer_t)i);
        node_ok[i] = opts->country == NULL || i == ego ||
                     (c != NULL && ascii_ieq(c, opts->country));
    }
    int relation_filter = opts->types != NULL || status != NULL || opts->since != NULL ||
                          opts->until != NULL;
    for (size_t k = 0; k < n_edges; k++) {
        const dkg__edge *e = dkg__graph_edge(g, (igraph_integer_t)edge_order[k]);
        if (!in_list(opts->types, e->type)) {
            continue;
        }
        if (status != NULL && !in_list(status, e->status != NULL ? e->status : "occurred")) {
            continue;
        }
        if (opts->since != NULL || opts->until != NULL) {
            char lo[11];
            char hi[11];
            if (dkg__xdate_bounds(e->date, lo, hi) != 0) {
                continue;
            }
            if (opts->since != NULL && strcmp(hi, since_lo) < 0) {
                continue;
            }
            if (opts->until != NULL && strcmp(lo, until_hi) > 0) {
                continue;
            }
        }
        if (!node_ok[e->source] || !node_ok[e->target]) {
            continue;
        }
        edge_ok[k] = 1;
    }
    if (ego != SIZE_MAX) {
        /* Breadth-first over the kept edges, both directions: a visit or an
         * appeal links two actors whichever way it points. One scan of the
         * edges per level, O(depth * E) with depth <= 10, needs no adjacency
         * lists (igraph's would need the graph synced, which is not const). */
        dist = malloc(n_nodes * sizeof *dist);
        if (dist == NULL) {
            goto nomem;
        }
        for (size_t i = 0; i < n_nodes; i++) {
            dist[i] = -1;
        }
        dist[ego] = 0;
        for (long level = 0; level < opts->depth; level++) {
            int grew = 0;
            for (size_t k = 0; k < n_edges; k++) {
                if (!edge_ok[k]) {
                    continue;
                }
                const dkg__edge *e = dkg__graph_edge(g, (igraph_integer_t)edge_order[k]);
                size_t s = (size_t)e->source;
                size_t t = (size_t)e->target;
                if (dist[s] == level && dist[t] < 0) {
                    dist[t] = level + 1;
                    grew = 1;
                } else if (dist[t] == level && dist[s] < 0) {
                    dist[s] = level + 1;
                    grew = 1;
                }
            }
            if (!grew) {
                break;
            }
        }
        for (size_t k = 0; k < n_edges; k++) {
            if (edge_ok[k]) {
                const dkg__edge *e = dkg__graph_edge(g, (igraph_integer_t)edge_order[k]);
                edge_ok[k] = dist[e->source] >= 0 && dist[e->target] >= 0;
            }
        }
    }
    /* Which nodes: with no relation filter and no ego, every node the country
     * filter keeps (isolated ones too); otherwise the ends of kept edges and
     * the ego itself. */
    unsigned char *keep = calloc(n_nodes + 1, 1);
    if (keep == NULL) {
        goto nomem;
    }
    if (!relation_filter && ego == SIZE_MAX) {
        memcpy(keep, node_ok, n_nodes);
    }
    if (ego != SIZE_MAX) {
        keep[ego] = 1;
    }
    size_t n_kept_edges = 0;
    for (size_t k = 0; k < n_edges; k++) {
        if (edge_ok[k]) {
            const dkg__edge *e = dkg__graph_edge(g, (igraph_integer_t)edge_order[k]);
            keep[e->source] = 1;
            keep[e->target] = 1;
            n_kept_edges++;
        }
    }
    v.nodes = calloc(n_nodes + 1, sizeof *v.nodes);
    v.edges = calloc(n_kept_edges + 1, sizeof *v.edges);
    if (v.nodes == NULL || v.edges == NULL) {
        free(keep);
        goto nomem;
    }
    for (size_t i = 0; i < n_nodes; i++) {
        size_t vx = node_order[i];
        if (!keep[vx]) {
            continue;
        }
        const dkg__node *n = dkg__graph_node(g, (igraph_integer_t)vx);
        dkg__xnode *x = &v.nodes[v.n_nodes];
        x->id = clean(&v.arena, n->id, &failed);
        x->type = clean(&v.arena, n->type, &failed);
        x->name = clean(&v.arena, n->name, &failed);
        x->country = clean(&v.arena, n->country, &failed);
        x->known = n->known;
        x->aliases = join_aliases(&v.arena, n, &failed);
        x->roles = join_roles(&v.arena, n, &failed);
        x->mentions = n->mentions;
        x->articles = n->articles;
        x->first_seen = clean(&v.arena, n->first_seen, &failed);
        x->last_seen = clean(&v.arena, n->last_seen, &failed);
        view_index[vx] = ++v.n_nodes;
    }
    free(keep);
    for (size_t k = 0; k < n_edges; k++) {
        if (!edge_ok[k]) {
            continue;
        }
        const dkg__edge *e = dkg__graph_edge(g, (igraph_integer_t)edge_order[k]);
        dkg__xedge *x = &v.edges[v.n_edges++];
        char id[32];
        snprintf(id, sizeof id, "e%zu", k);
        x->id = dkg__arena_strdup(&v.arena, id);
        failed |= x->id == NULL;
        x->source = view_index[e->source] - 1;
        x->target = view_index[e->target] - 1;
        x->type = clean(&v.arena, e->type, &failed);
        x->status = clean(&v.arena, e->status != NULL ? e->status : "occurred", &failed);
        x->date = clean(&v.arena, e->date, &failed);
        char lo[11];
        char hi[11];
        if (dkg__xdate_bounds(e->date, lo, hi) == 0) {
            x->date_lo = dkg__arena_strdup(&v.arena, lo);
            x->date_hi = dkg__arena_strdup(&v.arena, hi);
            failed |= x->date_lo == NULL || x->date_hi == NULL;
        }
        x->place = clean(&v.arena, e->place, &failed);
        if (e->place != NULL) {
            igraph_integer_t p = dkg__graph_find_node(g, e->place);
            if (p >= 0) {
                x->place_name = clean(&v.arena, dkg__graph_node_name(g, p), &failed);
            }
        }
        x->host = clean(&v.arena, e->host, &failed);
        x->title = clean(&v.arena, e->title, &failed);
        x->rule = clean(&v.arena, e->rule, &failed);
        x->cameo = clean(&v.arena, e->cameo, &failed);
        x->article = clean(&v.arena, e->doc, &failed);
        long d = dkg__graph_find_doc(g, e->doc);
        if (d >= 0) {
            const dkg__doc *doc = dkg__graph_doc(g, (size_t)d);
            x->article_title = clean(&v.arena, doc->title, &failed);
            x->article_source = clean(&v.arena, doc->source, &failed);
            x->article_date = clean(&v.arena, doc->date, &failed);
        }
        x->evidence = clean(&v.arena, e->evidence, &failed);
        x->evidence_start = e->evidence_start;
        x->evidence_end = e->evidence_end;
        x->count = 1;
        x->first_date = x->date;
        x->last_date = x->date;
        x->symmetric = is_symmetric(e->type);
    }
    if (failed) {
        goto nomem;
    }
    if (opts->aggregate) {
        rc = aggregate(&v, err);
        if (rc != 0) {
            goto cleanup;
        }
    }
    for (size_t k = 0; k < v.n_edges; k++) {
        v.nodes[v.edges[k].source].degree++;
        if (v.edges[k].target != v.edges[k].source) {
            v.nodes[v.edges[k].target].degree++;
        }
    }
    v.title = clean(&v.arena, opts->title != NULL ? opts->title : "dkg knowledge graph", &failed);
    v.filters = describe_filters(&v.arena, opts, &failed);
    if (failed) {
        goto nomem;
    }
    *out = v;
    memset(&v, 0, sizeof v);
    goto cleanup;

nomem:
    rc = dkg_error_set(err, DKG_ENOMEM, "out of memory preparing the export");
cleanup:
    dkg__xview_destroy(&v);
    free(edge_order);
    free(node_order);
    free(node_ok);
    free(edge_ok);
    free(dist);
    free(view_index);
    return rc;
}
