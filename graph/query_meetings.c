/* graph/query_meetings.c - who-met NAME and met A B.
 *
 * Both read the kept edges incident to the named entity (igraph's incidence
 * list, O(degree)) and sort them into a fixed order, so output never depends on
 * the order articles were added in. The graph keeps one edge per relation
 * instance, so one meeting reported by three articles is three edges; who-met
 * counts meetings as distinct (status, date, place) and shows the number of
 * articles separately. Two undated planned meetings at no known place therefore
 * count as one: without a date or place we cannot tell them apart, and saying
 * "one" is the conservative reading.
 */
#include <stdlib.h>
#include <string.h>

#include "query_internal.h"

typedef struct hit {
    igraph_integer_t e;
    igraph_integer_t other;
    const dkg__node *node; /* the other end */
    const dkg__edge *ed;
} hit;

static int cmp_edge_keys(const hit *a, const hit *b)
{
    int c = dkg__date_cmp(a->ed->date, b->ed->date);
    if (c != 0) {
        return c;
    }
    unsigned sa = dkg__q_status_bit(a->ed->status);
    unsigned sb = dkg__q_status_bit(b->ed->status);
    if (sa != sb) {
        return sa < sb ? -1 : 1;
    }
    if ((c = dkg__strcmp_null(a->ed->place, b->ed->place)) != 0) {
        return c;
    }
    if ((c = strcmp(a->ed->doc, b->ed->doc)) != 0) {
        return c;
    }
    if (a->ed->evidence_start != b->ed->evidence_start) {
        return a->ed->evidence_start < b->ed->evidence_start ? -1 : 1;
    }
    return a->e < b->e ? -1 : a->e > b->e;
}

/* By partner (name, then id), then the edge keys. */
static int cmp_hit_partner(const void *pa, const void *pb)
{
    const hit *a = pa;
    const hit *b = pb;
    if (a->other != b->other) {
        int c = strcmp(a->node->name, b->node->name);
        return c != 0 ? c : strcmp(a->node->id, b->node->id);
    }
    return cmp_edge_keys(a, b);
}

static int cmp_hit_edge(const void *pa, const void *pb)
{
    return cmp_edge_keys(pa, pb);
}

static const char *status_names[] = {"occurred", "planned", "negated"};

typedef struct counted_str {
    const char *s;
    size_t n;
} counted_str;

static int cmp_str_ptr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int cmp_counted(const void *pa, const void *pb)
{
    const counted_str *a = pa;
    const counted_str *b = pb;
    if (a->n != b->n) {
        return a->n > b->n ? -1 : 1;
    }
    return strcmp(a->s, b->s);
}

/* Distinct strings of items[0..n), most frequent first, then by name; written back
 * to items, the count returned. scratch holds n entries. */
static size_t places_by_count(const char **items, size_t n, counted_str *scratch)
{
    qsort(items, n, sizeof *items, cmp_str_ptr);
    size_t u = 0;
    for (size_t i = 0; i < n; i++) {
        if (u > 0 && strcmp(scratch[u - 1].s, items[i]) == 0) {
            scratch[u - 1].n++;
        } else {
            scratch[u].s = items[i];
            scratch[u].n = 1;
            u++;
        }
    }
    qsort(scratch, u, sizeof *scratch, cmp_counted);
    for (size_t i = 0; i < u; i++) {
        items[i] = scratch[i].s;
    }
    return u;
}

static int load_hits(dkg__qctx *q, igraph_integer_t v, igraph_integer_t only_other, hit **out,
                     size_t *n_out, dkg_error *err)
{
    igraph_integer_t *eids = NULL;
    size_t n = 0;
    int rc = dkg__q_incident(q, v, &eids, &n, err);
    if (rc != 0) {
        return rc;
    }
    hit *hits = malloc((n ? n : 1) * sizeof *hits);
    if (hits == NULL) {
        free(eids);
        return dkg_error_set(err, DKG_ENOMEM, "out of memory");
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        igraph_integer_t other = dkg__q_other(q, eids[i], v);
        if (only_other >= 0 && other != only_other) {
            continue;
        }
        hits[k].e = eids[i];
        hits[k].other = other;
        hits[k].node = dkg__graph_node(q->g, other);
        hits[k].ed = dkg__graph_edge(q->g, eids[i]);
        k++;
    }
    free(eids);
    *out = hits;
    *n_out = k;
    return 0;
}

/* One partner's aggregate, built from its run of sorted hits. */
typedef struct partner {
    size_t first_hit;
    size_t n_hits;
    size_t meetings;
    size_t articles;
    const dkg__node *node;
} partner;

static int cmp_partner(const void *pa, const void *pb)
{
    const partner *a = pa;
    const partner *b = pb;
    if (a->meetings != b->meetings) {
        return a->meetings > b->meetings ? -1 : 1;
    }
    int c = strcmp(a->node->name, b->node->name);
    return c != 0 ? c : strcmp(a->node->id, b->node->id);
}

static void add_evidence_row(dkg__qctx *q, dkg_query_result *r, dkg__section *s, const hit *h,
                             int with_partner)
{
    dkg__cell *row = dkg__section_row(r, s);
    if (row == NULL) {
        return;
    }
    size_t c = 0;
    if (with_partner) {
        dkg__cell_str(r, &row[c++], h->node->name);
    }
    dkg__cell_str(r, &row[c++], h->ed->date);
    dkg__cell_str(r, &row[c++], h->ed->status ? h->ed->status : "occurred");
    dkg__cell_str(r, &row[c++], dkg__q_id_name(q, h->ed->place));
    dkg__cell_str(r, &row[c++], h->ed->doc);
    dkg__cell_str(r, &row[c++], h->ed->evidence);
}

int dkg__q_who_met(dkg__qctx *q, const char *name, dkg_query_result *r, dkg_error *err)
{
    dkg__q_default_types(q, "meet");
    igraph_integer_t v;
    int rc = dkg__q_resolve(q, name, &v, err);
    if (rc != 0) {
        return rc;
    }
    hit *hits = NULL;
    size_t n = 0;
    partner *parts = NULL;
    const char **strs = NULL;
    counted_str *counted = NULL;
    rc = load_hits(q, v, -1, &hits, &n, err);
    if (rc != 0) {
        return rc;
    }
    qsort(hits, n, sizeof *hits, cmp_hit_partner);
    parts = malloc((n ? n : 1) * sizeof *parts);
    strs = malloc((n ? n : 1) * sizeof *strs);
    counted = malloc((n ? n : 1) * sizeof *counted);
    if (parts == NULL || strs == NULL || counted == NULL) {
        rc = dkg_error_set(err, DKG_ENOMEM, "out of memory");
        goto cleanup;
    }
    size_t n_parts = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        partner *p = &parts[n_parts++];
        p->first_hit = i;
        p->node = hits[i].node;
        p->meetings = 0;
        for (; j < n && hits[j].other == hits[i].other; j++) {
            /* Hits are sorted by date, status, place: equal meetings are adjacent. */
            if (j == i || dkg__date_cmp(hits[j].ed->date, hits[j - 1].ed->date) != 0 ||
                dkg__q_status_bit(hits[j].ed->status) !=
                    dkg__q_status_bit(hits[j - 1].ed->status) ||
                dkg__strcmp_null(hits[j].ed->place, hits[j - 1].ed->place) != 0) {
                p->meetings++;
            }
            strs[j - i] = hits[j].ed->doc;
        }
        p->n_hits = j - i;
        p->articles = dkg__q_sort_unique(strs, p->n_hits);
        i = j;
    }
    qsort(parts, n_parts, sizeof *parts, cmp_partner);

    const dkg__node *me = dkg__graph_node(q->g, v);
    dkg__result_field_str(r, "id", me->id);
    dkg__result_field_str(r, "name", me->name);
    dkg__result_summary(r, "%s (%s): %zu partner%s", me->name, me->id, n_parts,
                        n_parts == 1 ? "" : "s");
    static const char *const cols[] = {"partner", "id",     "meetings", "first", "last",
                                       "places",  "status", "articles", NULL};
    dkg__section *s = dkg__result_section(r, "partners", cols);
    if (s != NULL) {
        s->hide_in_table = 1ul << 1;
    }
    for (size_t k = 0; k < n_parts && s != NULL; k++) {
        partner *p = &parts[k];
        hit *h = &hits[p->first_hit];
        dkg__cell *row = dkg__section_row(r, s);
        if (row == NULL) {
            break;
        }
        dkg__cell_str(r, &row[0], p->node->name);
        dkg__cell_str(r, &row[1], p->node->id);
        dkg__cell_int(&row[2], (long long)p->meetings);
        /* Hits run in date order, undated last: the first and last dated ones. */
        const char *first = NULL;
        const char *last = NULL;
        unsigned statuses = 0;
        size_t n_places = 0;
        for (size_t i = 0; i < p->n_hits; i++) {
            if (h[i].ed->date != NULL) {
                if (first == NULL) {
                    first = h[i].ed->date;
                }
                last = h[i].ed->date;
            }
            statuses |= dkg__q_status_bit(h[i].ed->status);
            if (h[i].ed->place != NULL) {
                strs[n_places++] = dkg__q_id_name(q, h[i].ed->place);
            }
        }
        dkg__cell_str(r, &row[3], first);
        dkg__cell_str(r, &row[4], last);
        n_places = places_by_count(strs, n_places, counted);
        dkg__cell_list(r, &row[5], strs, n_places);
        size_t n_st = 0;
        for (size_t b = 0; b < 3; b++) {
            if (statuses & (1u << b)) {
                strs[n_st++] = status_names[b];
            }
        }
        dkg__cell_list(r, &row[6], strs, n_st);
        dkg__cell_int(&row[7], (long long)p->articles);
    }
    if (q->o->evidence) {
        static const char *const ecols[] = {"partner", "date",    "status",   "place",
                                            "article", "evidence", NULL};
        dkg__section *es = dkg__result_section(r, "evidence", ecols);
        for (size_t k = 0; k < n_parts && es != NULL; k++) {
            for (size_t i = 0; i < parts[k].n_hits; i++) {
                add_evidence_row(q, r, es, &hits[parts[k].first_hit + i], 1);
            }
        }
    }
    r->found = n_parts > 0;
cleanup:
    free(counted);
    free(strs);
    free(parts);
    free(hits);
    return rc;
}

int dkg__q_met(dkg__qctx *q, const char *a, const char *b, dkg_query_result *r, dkg_error *err)
{
    dkg__q_default_types(q, "meet");
    igraph_integer_t va;
    igraph_integer_t vb;
    int rc = dkg__q_resolve(q, a, &va, err);
    if (rc == 0) {
        rc = dkg__q_resolve(q, b, &vb, err);
    }
    if (rc != 0) {
        return rc;
    }
    hit *hits = NULL;
    size_t n = 0;
    rc = load_hits(q, va, vb, &hits, &n, err);
    if (rc != 0) {
        return rc;
    }
    qsort(hits, n, sizeof *hits, cmp_hit_edge);
    size_t count[3] = {0, 0, 0};
    for (size_t i = 0; i < n; i++) {
        unsigned bit = dkg__q_status_bit(hits[i].ed->status);
        count[bit == DKG__ST_OCCURRED ? 0 : bit == DKG__ST_PLANNED ? 1 : 2]++;
    }
    /* grep-like answer: with the default status, only an occurred meeting means
     * "they met"; with an explicit --status, any listed relation does. */
    int met = q->status_given ? n > 0 : count[0] > 0;
    const dkg__node *na = dkg__graph_node(q->g, va);
    const dkg__node *nb = dkg__graph_node(q->g, vb);
    dkg__result_field_str(r, "a", na->id);
    dkg__result_field_str(r, "b", nb->id);
    dkg__result_field_bool(r, "met", met);
    dkg__sbuf line = {0};
    dkg__sbuf_printf(&line, "%s and %s %s", na->name, nb->name, met ? "met" : "did not meet");
    const char *sep = " (";
    for (size_t k = 0; k < 3; k++) {
        if (count[k] > 0) {
            dkg__sbuf_printf(&line, "%s%zu %s", sep, count[k], status_names[k]);
            sep = ", ";
        }
    }
    dkg__sbuf_puts(&line, n > 0 ? ")" : "");
    dkg__result_summary(r, "%s", line.failed ? "" : line.data);
    r->failed |= line.failed;
    dkg__sbuf_destroy(&line);
    static const char *const cols[] = {"date", "status", "place", "article", "evidence", NULL};
    dkg__section *s = dkg__result_section(r, "meetings", cols);
    for (size_t i = 0; i < n && s != NULL; i++) {
        add_evidence_row(q, r, s, &hits[i], 0);
    }
    r->found = met;
    free(hits);
    return 0;
}
