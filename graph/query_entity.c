/* graph/query_entity.c - timeline NAME and entity NAME.
 *
 * timeline lists the kept relations of one entity in date order (a date of lower
 * precision before the more precise dates it contains, undated ones last), so
 * "2025", "2025-12", "2025-12-04" read as a zoom from year to day.
 * entity is a profile: what the graph knows about the entity itself (aliases,
 * roles with dates, country, counts) plus its kept relations counted by type and
 * status. The profile's typed values are JSON fields; the table shows them as a
 * FIELD/VALUE list, which is what a person reads.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query_internal.h"

typedef struct tl {
    igraph_integer_t e;
    const dkg__edge *ed;
    const dkg__node *other;
} tl;

static int cmp_tl(const void *pa, const void *pb)
{
    const tl *a = pa;
    const tl *b = pb;
    int c = dkg__date_cmp(a->ed->date, b->ed->date);
    if (c != 0) {
        return c;
    }
    if ((c = strcmp(a->ed->type, b->ed->type)) != 0) {
        return c;
    }
    if ((c = strcmp(a->other->name, b->other->name)) != 0) {
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

int dkg__q_timeline(dkg__qctx *q, const char *name, dkg_query_result *r, dkg_error *err)
{
    igraph_integer_t v;
    int rc = dkg__q_resolve(q, name, &v, err);
    if (rc != 0) {
        return rc;
    }
    igraph_integer_t *eids = NULL;
    size_t n = 0;
    rc = dkg__q_incident(q, v, &eids, &n, err);
    if (rc != 0) {
        return rc;
    }
    tl *items = malloc((n ? n : 1) * sizeof *items);
    if (items == NULL) {
        free(eids);
        return dkg_error_set(err, DKG_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        items[i].e = eids[i];
        items[i].ed = dkg__graph_edge(q->g, eids[i]);
        items[i].other = dkg__graph_node(q->g, dkg__q_other(q, eids[i], v));
    }
    free(eids);
    qsort(items, n, sizeof *items, cmp_tl);
    const dkg__node *me = dkg__graph_node(q->g, v);
    dkg__result_field_str(r, "id", me->id);
    dkg__result_field_str(r, "name", me->name);
    dkg__result_summary(r, "%s (%s): %zu event%s", me->name, me->id, n, n == 1 ? "" : "s");
    static const char *const cols[] = {"date",  "relation", "title",   "status",   "with",
                                       "with_id", "place",  "article", "evidence", NULL};
    dkg__section *s = dkg__result_section(r, "events", cols);
    if (s != NULL) {
        s->hide_in_table = (1ul << 5) | (q->o->evidence ? 0 : 1ul << 8);
    }
    for (size_t i = 0; i < n && s != NULL; i++) {
        dkg__cell *row = dkg__section_row(r, s);
        if (row == NULL) {
            break;
        }
        const dkg__edge *ed = items[i].ed;
        dkg__cell_str(r, &row[0], ed->date);
        dkg__cell_str(r, &row[1], ed->type);
        dkg__cell_str(r, &row[2], ed->title);
        dkg__cell_str(r, &row[3], ed->status ? ed->status : "occurred");
        dkg__cell_str(r, &row[4], items[i].other->name);
        dkg__cell_str(r, &row[5], items[i].other->id);
        dkg__cell_str(r, &row[6], dkg__q_id_name(q, ed->place));
        dkg__cell_str(r, &row[7], ed->doc);
        dkg__cell_str(r, &row[8], ed->evidence);
    }
    r->found = n > 0;
    free(items);
    return 0;
}

typedef struct count_key {
    const char *type;
    unsigned status;
    igraph_integer_t other;
} count_key;

static int cmp_count_key(const void *pa, const void *pb)
{
    const count_key *a = pa;
    const count_key *b = pb;
    int c = strcmp(a->type, b->type);
    if (c != 0) {
        return c;
    }
    if (a->status != b->status) {
        return a->status < b->status ? -1 : 1;
    }
    return a->other < b->other ? -1 : a->other > b->other;
}

static void profile_row(dkg_query_result *r, dkg__section *s, const char *field,
                        const char *value)
{
    dkg__cell *row = dkg__section_row(r, s);
    if (row != NULL) {
        dkg__cell_str(r, &row[0], field);
        dkg__cell_str(r, &row[1], value != NULL ? value : "-");
    }
}

int dkg__q_entity(dkg__qctx *q, const char *name, dkg_query_result *r, dkg_error *err)
{
    igraph_integer_t v;
    int rc = dkg__q_resolve(q, name, &v, err);
    if (rc != 0) {
        return rc;
    }
    igraph_integer_t *eids = NULL;
    size_t n = 0;
    rc = dkg__q_incident(q, v, &eids, &n, err);
    if (rc != 0) {
        return rc;
    }
    count_key *keys = malloc((n ? n : 1) * sizeof *keys);
    if (keys == NULL) {
        free(eids);
        return dkg_error_set(err, DKG_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        const dkg__edge *ed = dkg__graph_edge(q->g, eids[i]);
        keys[i].type = ed->type;
        keys[i].status = dkg__q_status_bit(ed->status);
        keys[i].other = dkg__q_other(q, eids[i], v);
    }
    free(eids);
    qsort(keys, n, sizeof *keys, cmp_count_key);

    const dkg__node *me = dkg__graph_node(q->g, v);
    char num[4][32];
    snprintf(num[0], sizeof num[0], "%ld", me->mentions);
    snprintf(num[1], sizeof num[1], "%ld", me->articles);
    snprintf(num[2], sizeof num[2], "%zu", me->n_aliases);
    snprintf(num[3], sizeof num[3], "%zu", n);
    dkg__result_field_str(r, "id", me->id);
    dkg__result_field_str(r, "type", me->type);
    dkg__result_field_str(r, "name", me->name);
    dkg__result_field_str(r, "country", me->country);
    dkg__result_field_bool(r, "known", me->known);
    dkg__result_field_list(r, "aliases", me->aliases, me->n_aliases);
    dkg__result_field_int(r, "mentions", me->mentions);
    dkg__result_field_int(r, "articles", me->articles);
    dkg__result_field_str(r, "first_seen", me->first_seen);
    dkg__result_field_str(r, "last_seen", me->last_seen);
    dkg__result_field_int(r, "relation_count", (long long)n);

    static const char *const pcols[] = {"field", "value", NULL};
    dkg__section *ps = dkg__result_section(r, "profile", pcols);
    if (ps != NULL) {
        ps->table_only = 1;
        profile_row(r, ps, "id", me->id);
        profile_row(r, ps, "type", me->type);
        profile_row(r, ps, "name", me->name);
        profile_row(r, ps, "country", me->country);
        profile_row(r, ps, "known", me->known ? "yes (lexicon)" : "no (discovered)");
        dkg__sbuf al = {0};
        for (size_t i = 0; i < me->n_aliases; i++) {
            dkg__sbuf_printf(&al, "%s%s", i ? "; " : "", me->aliases[i]);
        }
        profile_row(r, ps, "aliases", al.data != NULL ? al.data : "-");
        r->failed |= al.failed;
        dkg__sbuf_destroy(&al);
        profile_row(r, ps, "mentions", num[0]);
        profile_row(r, ps, "articles", num[1]);
        profile_row(r, ps, "first_seen", me->first_seen);
        profile_row(r, ps, "last_seen", me->last_seen);
        profile_row(r, ps, "relations", num[3]);
    }
    static const char *const rcols[] = {"title", "of",         "of_id",     "from", "to",
                                        "first_seen", "last_seen", NULL};
    dkg__section *rs = dkg__result_section(r, "roles", rcols);
    if (rs != NULL) {
        rs->hide_in_table = 1ul << 2;
    }
    for (size_t i = 0; i < me->n_roles && rs != NULL; i++) {
        const dkg__role *ro = &me->roles[i];
        dkg__cell *row = dkg__section_row(r, rs);
        if (row == NULL) {
            break;
        }
        dkg__cell_str(r, &row[0], ro->title);
        dkg__cell_str(r, &row[1], dkg__q_id_name(q, ro->of));
        dkg__cell_str(r, &row[2], ro->of);
        dkg__cell_str(r, &row[3], ro->from);
        dkg__cell_str(r, &row[4], ro->to);
        dkg__cell_str(r, &row[5], ro->first_seen);
        dkg__cell_str(r, &row[6], ro->last_seen);
    }
    static const char *const ccols[] = {"relation", "status", "count", "partners", NULL};
    dkg__section *cs = dkg__result_section(r, "relations", ccols);
    static const char *const status_names[] = {"occurred", "planned", "negated"};
    for (size_t i = 0; i < n && cs != NULL;) {
        size_t j = i;
        size_t partners = 0;
        for (; j < n && strcmp(keys[j].type, keys[i].type) == 0 &&
               keys[j].status == keys[i].status;
             j++) {
            if (j == i || keys[j].other != keys[j - 1].other) {
                partners++;
            }
        }
        dkg__cell *row = dkg__section_row(r, cs);
        if (row == NULL) {
            break;
        }
        dkg__cell_str(r, &row[0], keys[i].type);
        dkg__cell_str(r, &row[1], status_names[keys[i].status >> 1]);
        dkg__cell_int(&row[2], (long long)(j - i));
        dkg__cell_int(&row[3], (long long)partners);
        i = j;
    }
    r->found = 1;
    free(keys);
    return 0;
}
