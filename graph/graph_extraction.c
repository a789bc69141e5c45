/* graph/graph_extraction.c - adding one extraction (contract v1) to the graph.
 *
 * Two passes over the parsed object. The first validates every field and
 * works out each entity's identity in the graph; only when the whole object
 * is known to be good does the second pass change the graph, so a bad line
 * in a JSON Lines input is skipped without leaving half an article behind.
 *
 * Identity (docs/graph-format.md, "Identity"):
 * - lexicon entities (known) and countries keep their id;
 * - a discovered entity gets type/slug(name), so "Nguyễn Văn A" and
 *   "Nguyen Van A" found in two articles are one node even if the extractor
 *   spelled the id differently;
 * - a discovered one-word person whose word is the last word of exactly one
 *   other person's name in the same article is that person (the article
 *   resolved it); with several candidates it is left alone, so two people
 *   with one surname never collapse into one.
 */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "dkg/fold.h"
#include "graph_internal.h"
#include "graph_json.h"

#define NAME_BUF 512

typedef struct xentity {
    const cJSON *obj;
    const char *orig_id;
    const char *type;
    const char *name;
    const char *country;
    int known;
    char canon[NAME_BUF + 64]; /* id in the graph */
    int folded_into;           /* index of the entity it was resolved to, or -1 */
    long n_mentions;
    igraph_integer_t vertex;
} xentity;

typedef struct xrelation {
    const char *type;
    long source; /* entity index */
    long target;
    const char *status;
    const char *date;
    const char *place;
    const char *host;
    const char *title;
    const char *rule;
    long ev_start;
    long ev_end;
    const char *ev_text;
} xrelation;

typedef struct xdoc {
    const char *id;
    const char *source;
    const char *date;
    const char *title;
    long bytes;
    xentity *ents;
    size_t n_ents;
    xrelation *rels;
    size_t n_rels;
    dkg__map by_id; /* original entity id -> index */
} xdoc;

/* Mention texts that are names, not pronouns or descriptions: after an
 * optional leading "the", the text must start with a capital letter (or a
 * non-ASCII letter), and not be a bare pronoun. "The French leader" and
 * "Macron" qualify; "he", "the two leaders" do not. */
static int is_alias_text(const char *s)
{
    static const char *const pronouns[] = {"he",   "she",  "him", "her", "his", "hers",
                                           "they", "them", "it",  "its", "we",  "us"};
    size_t len = strlen(s);
    if (len == 0 || len > 200) {
        return 0;
    }
    char folded[256];
    size_t n = dkg_fold(s, len, folded, sizeof folded);
    if (n >= sizeof folded) {
        return 0;
    }
    for (size_t i = 0; i < sizeof pronouns / sizeof pronouns[0]; i++) {
        if (strcmp(folded, pronouns[i]) == 0) {
            return 0;
        }
    }
    const char *p = s;
    if ((p[0] == 'T' || p[0] == 't') && strncmp(p + 1, "he ", 3) == 0) {
        p += 4;
    }
    unsigned char ch = (unsigned char)p[0];
    return (ch >= 'A' && ch <= 'Z') || ch >= 0x80;
}

static int validate_entity(const dkg__jctx *c, dkg__jpath *path, const cJSON *obj, xentity *e)
{
    int rc = 0;
    const cJSON *arr = NULL;
    const cJSON *item = NULL;
    long i = 0;
    memset(e, 0, sizeof *e);
    e->obj = obj;
    e->folded_into = -1;
    if (!cJSON_IsObject(obj)) {
        return dkg__jfail(c, path, "expected an object");
    }
    if ((rc = dkg__jstring(c, path, obj, "id", DKG__J_REQUIRED | DKG__J_NONEMPTY, &e->orig_id)) ||
        (rc = dkg__jstring(c, path, obj, "type", DKG__J_REQUIRED | DKG__J_NONEMPTY, &e->type)) ||
        (rc = dkg__jstring(c, path, obj, "name", DKG__J_REQUIRED | DKG__J_NONEMPTY, &e->name)) ||
        (rc = dkg__jstring(c, path, obj, "country", DKG__J_NULLABLE | DKG__J_NONEMPTY,
                           &e->country)) ||
        (rc = dkg__jbool(c, path, obj, "known", 0, 0, &e->known))) {
        return rc;
    }
    if ((rc = dkg__jarray(c, path, obj, "roles", DKG__J_NULLABLE, &arr)) != 0) {
        return rc;
    }
    dkg__jpush_key(path, "roles");
    i = 0;
    cJSON_ArrayForEach(item, arr)
    {
        dkg__jpush_index(path, i++);
        if (!cJSON_IsString(item)) {
            const char *s = NULL;
            if (!cJSON_IsObject(item)) {
                rc = dkg__jfail(c, path, "expected a string or an object");
            }
            if (rc == 0) {
                rc = dkg__jstring(c, path, item, "title", DKG__J_REQUIRED | DKG__J_NONEMPTY, &s);
            }
            if (rc == 0) {
                rc = dkg__jstring(c, path, item, "of", DKG__J_NULLABLE, &s);
            }
            if (rc == 0) {
                rc = dkg__jstring(c, path, item, "from", DKG__J_NULLABLE, &s);
            }
            if (rc == 0) {
                rc = dkg__jstring(c, path, item, "to", DKG__J_NULLABLE, &s);
            }
        } else if (item->valuestring[0] == '\0') {
            rc = dkg__jfail(c, path, "expected a non-empty string");
        }
        dkg__jpop(path);
        if (rc != 0) {
            return rc;
        }
    }
    dkg__jpop(path);
    if ((rc = dkg__jarray(c, path, obj, "mentions", DKG__J_NULLABLE, &arr)) != 0) {
        return rc;
    }
    dkg__jpush_key(path, "mentions");
    i = 0;
    cJSON_ArrayForEach(item, arr)
    {
        const char *text = NULL;
        long start = 0, end = 0;
        dkg__jpush_index(path, i++);
        if (!cJSON_IsObject(item)) {
            rc = dkg__jfail(c, path, "expected an object");
        }
        if (rc == 0) {
            rc = dkg__jstring(c, path, item, "text", DKG__J_REQUIRED, &text);
        }
        if (rc == 0) {
            rc = dkg__jcount(c, path, item, "start", DKG__J_REQUIRED, &start);
        }
        if (rc == 0) {
            rc = dkg__jcount(c, path, item, "end", DKG__J_REQUIRED, &end);
        }
        if (rc == 0 && end < start) {
            dkg__jpush_key(path, "end");
            rc = dkg__jfail(c, path, "end %ld is before start %ld", end, start);
            dkg__jpop(path);
        }
        dkg__jpop(path);
        if (rc != 0) {
            return rc;
        }
        e->n_mentions++;
    }
    dkg__jpop(path);
    if ((rc = dkg__jarray(c, path, obj, "aliases", DKG__J_NULLABLE, &arr)) != 0) {
        return rc;
    }
    dkg__jpush_key(path, "aliases");
    i = 0;
    cJSON_ArrayForEach(item, arr)
    {
        dkg__jpush_index(path, i++);
        rc = dkg__jexpect_string(c, path, item, DKG__J_NONEMPTY);
        dkg__jpop(path);
        if (rc != 0) {
            return rc;
        }
    }
    dkg__jpop(path);
    return 0;
}

static int entity_index(const dkg__jctx *c, dkg__jpath *path, const xdoc *x, const cJSON *rel,
                        const char *key, long *out)
{
    const char *id = NULL;
    int rc = dkg__jstring(c, path, rel, key, DKG__J_REQUIRED | DKG__J_NONEMPTY, &id);
    size_t idx = 0;
    if (rc != 0) {
        return rc;
    }
    if (!dkg__map_get(&x->by_id, id, &idx)) {
        dkg__jpush_key(path, key);
        rc = dkg__jfail(c, path, "no entity \"%s\" in this extraction", id);
        dkg__jpop(path);
        return rc;
    }
    *out = (long)idx;
    return 0;
}

static int validate_relation(const dkg__jctx *c, dkg__jpath *path, const xdoc *x,
                             const cJSON *obj, xrelation *r)
{
    int rc = 0;
    const cJSON *ev = NULL;
    memset(r, 0, sizeof *r);
    if (!cJSON_IsObject(obj)) {
        return dkg__jfail(c, path, "expected an object");
    }
    if ((rc = dkg__jstring(c, path, obj, "type", DKG__J_REQUIRED | DKG__J_NONEMPTY, &r->type)) ||
        (rc = entity_index(c, path, x, obj, "source", &r->source)) ||
        (rc = entity_index(c, path, x, obj, "target", &r->target)) ||
        (rc = dkg__jstring(c, path, obj, "status", DKG__J_REQUIRED, &r->status)) ||
        (rc = dkg__jstring(c, path, obj, "date", DKG__J_NULLABLE | DKG__J_NONEMPTY, &r->date)) ||
        (rc = dkg__jstring(c, path, obj, "place", DKG__J_NULLABLE | DKG__J_NONEMPTY,
                           &r->place)) ||
        (rc = dkg__jstring(c, path, obj, "host", DKG__J_NULLABLE | DKG__J_NONEMPTY, &r->host)) ||
        (rc = dkg__jstring(c, path, obj, "title", DKG__J_NULLABLE | DKG__J_NONEMPTY,
                           &r->title)) ||
        (rc = dkg__jstring(c, path, obj, "rule", DKG__J_NULLABLE, &r->rule)) ||
        (rc = dkg__jobject(c, path, obj, "evidence", DKG__J_REQUIRED, &ev))) {
        return rc;
    }
    if (strcmp(r->status, "occurred") != 0 && strcmp(r->status, "planned") != 0 &&
        strcmp(r->status, "negated") != 0) {
        dkg__jpush_key(path, "status");
        rc = dkg__jfail(c, path, "unknown status \"%s\" (expected occurred, planned or negated)",
                        r->status);
        dkg__jpop(path);
        return rc;
    }
    dkg__jpush_key(path, "evidence");
    if ((rc = dkg__jcount(c, path, ev, "start", DKG__J_REQUIRED, &r->ev_start)) == 0 &&
        (rc = dkg__jcount(c, path, ev, "end", DKG__J_REQUIRED, &r->ev_end)) == 0 &&
        (rc = dkg__jstring(c, path, ev, "text", DKG__J_NULLABLE, &r->ev_text)) == 0 &&
        r->ev_end < r->ev_start) {
        dkg__jpush_key(path, "end");
        rc = dkg__jfail(c, path, "end %ld is before start %ld", r->ev_end, r->ev_start);
        dkg__jpop(path);
    }
    dkg__jpop(path);
    return rc;
}

/* The last word of a name ("Emmanuel Macron" -> "Macron"), or NULL for one word. */
static const char *last_word(const char *name)
{
    const char *sp = strrchr(name, ' ');
    return sp != NULL && sp[1] != '\0' ? sp + 1 : NULL;
}

static int same_folded(const char *a, const char *b)
{
    char fa[NAME_BUF], fb[NAME_BUF];
    size_t na = dkg_fold(a, strlen(a), fa, sizeof fa);
    size_t nb = dkg_fold(b, strlen(b), fb, sizeof fb);
    return na < sizeof fa && nb < sizeof fb && strcmp(fa, fb) == 0;
}

static void resolve_identities(xdoc *x)
{
    for (size_t i = 0; i < x->n_ents; i++) {
        xentity *e = &x->ents[i];
        char slug[NAME_BUF];
        size_t n = 0;
        if (e->known || strcmp(e->type, "country") == 0 ||
            (n = dkg_slug(e->name, strlen(e->name), slug, sizeof slug)) == 0 ||
            n >= sizeof slug) {
            snprintf(e->canon, sizeof e->canon, "%s", e->orig_id);
        } else {
            snprintf(e->canon, sizeof e->canon, "%s/%s", e->type, slug);
        }
    }
    for (size_t i = 0; i < x->n_ents; i++) {
        xentity *e = &x->ents[i];
        if (e->known || strcmp(e->type, "person") != 0 || strchr(e->name, ' ') != NULL) {
            continue;
        }
        int found = -1, ambiguous = 0;
        for (size_t j = 0; j < x->n_ents; j++) {
            const xentity *p = &x->ents[j];
            const char *w = last_word(p->name);
            if (j == i || strcmp(p->type, "person") != 0 || w == NULL ||
                !same_folded(w, e->name)) {
                continue;
            }
            if (found < 0) {
                found = (int)j;
            } else if (strcmp(x->ents[found].canon, p->canon) != 0) {
                ambiguous = 1;
            }
        }
        if (found >= 0 && !ambiguous) {
            e->folded_into = found;
        }
    }
    for (size_t i = 0; i < x->n_ents; i++) {
        xentity *e = &x->ents[i];
        if (e->folded_into >= 0) {
            memcpy(e->canon, x->ents[e->folded_into].canon, sizeof e->canon);
        }
    }
}

static int validate(const dkg__jctx *c, const cJSON *root, xdoc *x)
{
    dkg__jpath path = {.n = 0};
    const cJSON *doc = NULL, *ents = NULL, *rels = NULL, *item = NULL;
    int rc = 0;
    long version = 0;
    if (!cJSON_IsObject(root)) {
        return dkg__jfail(c, &path, "an extraction must be a JSON object");
    }
    if ((rc = dkg__jcount(c, &path, root, "dkg", DKG__J_REQUIRED, &version)) != 0) {
        return rc;
    }
    if (version != 1) {
        dkg__jpush_key(&path, "dkg");
        return dkg__jfail(c, &path, "extraction version %ld is not supported (expected 1)",
                          version);
    }
    if ((rc = dkg__jobject(c, &path, root, "doc", DKG__J_REQUIRED, &doc)) ||
        (rc = dkg__jarray(c, &path, root, "entities", DKG__J_REQUIRED, &ents)) ||
        (rc = dkg__jarray(c, &path, root, "relations", DKG__J_REQUIRED, &rels))) {
        return rc;
    }
    dkg__jpush_key(&path, "doc");
    if ((rc = dkg__jstring(c, &path, doc, "id", DKG__J_REQUIRED | DKG__J_NONEMPTY, &x->id)) ||
        (rc = dkg__jstring(c, &path, doc, "source", DKG__J_NULLABLE, &x->source)) ||
        (rc = dkg__jstring(c, &path, doc, "date", DKG__J_NULLABLE | DKG__J_NONEMPTY,
                           &x->date)) ||
        (rc = dkg__jstring(c, &path, doc, "title", DKG__J_NULLABLE, &x->title)) ||
        (rc = dkg__jcount(c, &path, doc, "bytes", DKG__J_NULLABLE, &x->bytes))) {
        return rc;
    }
    dkg__jpop(&path);

    size_t n = (size_t)cJSON_GetArraySize(ents);
    x->ents = calloc(n > 0 ? n : 1, sizeof *x->ents);
    if (x->ents == NULL) {
        return dkg_error_set(c->err, DKG_ENOMEM, "out of memory");
    }
    dkg__jpush_key(&path, "entities");
    cJSON_ArrayForEach(item, ents)
    {
        dkg__jpush_index(&path, (long)x->n_ents);
        xentity *e = &x->ents[x->n_ents];
        rc = validate_entity(c, &path, item, e);
        if (rc == 0 && dkg__map_get(&x->by_id, e->orig_id, NULL)) {
            dkg__jpush_key(&path, "id");
            rc = dkg__jfail(c, &path, "duplicate entity id \"%s\"", e->orig_id);
            dkg__jpop(&path);
        }
        if (rc == 0 && dkg__map_put(&x->by_id, e->orig_id, x->n_ents) != 0) {
            rc = dkg_error_set(c->err, DKG_ENOMEM, "out of memory");
        }
        dkg__jpop(&path);
        if (rc != 0) {
            return rc;
        }
        x->n_ents++;
    }
    dkg__jpop(&path);

    n = (size_t)cJSON_GetArraySize(rels);
    x->rels = calloc(n > 0 ? n : 1, sizeof *x->rels);
    if (x->rels == NULL) {
        return dkg_error_set(c->err, DKG_ENOMEM, "out of memory");
    }
    dkg__jpush_key(&path, "relations");
    cJSON_ArrayForEach(item, rels)
    {
        dkg__jpush_index(&path, (long)x->n_rels);
        rc = validate_relation(c, &path, x, item, &x->rels[x->n_rels]);
        dkg__jpop(&path);
        if (rc != 0) {
            return rc;
        }
        x->n_rels++;
    }
    dkg__jpop(&path);
    resolve_identities(x);
    return 0;
}

/* An entity id named by a relation's place/host: the graph id when it is an
 * entity of this extraction, else the id as written. */
static const char *mapped_id(const xdoc *x, const char *id)
{
    size_t idx = 0;
    if (id != NULL && dkg__map_get(&x->by_id, id, &idx)) {
        return x->ents[idx].canon;
    }
    return id;
}

static int mention_node_cmp(const void *a, const void *b)
{
    const dkg__doc_mention *x = a, *y = b;
    return x->node < y->node ? -1 : x->node > y->node;
}

static int apply(dkg_graph *g, xdoc *x, dkg_error *err)
{
    int rc = 0;
    dkg__doc_mention *ms = calloc(x->n_ents > 0 ? x->n_ents : 1, sizeof *ms);
    size_t n_ms = 0;
    if (ms == NULL) {
        return DKG_ENOMEM;
    }
    for (size_t i = 0; i < x->n_ents; i++) {
        xentity *e = &x->ents[i];
        const cJSON *item = NULL;
        e->vertex = dkg__graph_node_get_or_add(g, e->canon, e->type, NULL);
        if (e->vertex < 0) {
            rc = DKG_ENOMEM;
            goto cleanup;
        }
        if (e->folded_into < 0) {
            rc = dkg__graph_node_offer(g, e->vertex, e->known, e->name, e->country);
        }
        if (rc == 0) {
            rc = dkg__graph_node_add_alias(g, e->vertex, e->name);
        }
        cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(e->obj, "mentions"))
        {
            const char *text = cJSON_GetObjectItemCaseSensitive(item, "text")->valuestring;
            if (rc == 0 && is_alias_text(text)) {
                rc = dkg__graph_node_add_alias(g, e->vertex, text);
            }
        }
        cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(e->obj, "aliases"))
        {
            if (rc == 0) {
                rc = dkg__graph_node_add_alias(g, e->vertex, item->valuestring);
            }
        }
        cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(e->obj, "roles"))
        {
            dkg__role role = {NULL, NULL, NULL, NULL, x->date, x->date};
            if (cJSON_IsString(item)) {
                role.title = item->valuestring;
            } else {
                const cJSON *f = NULL;
                role.title = cJSON_GetObjectItemCaseSensitive(item, "title")->valuestring;
                f = cJSON_GetObjectItemCaseSensitive(item, "of");
                role.of = cJSON_IsString(f) ? mapped_id(x, f->valuestring) : NULL;
                f = cJSON_GetObjectItemCaseSensitive(item, "from");
                role.from = cJSON_IsString(f) ? f->valuestring : NULL;
                f = cJSON_GetObjectItemCaseSensitive(item, "to");
                role.to = cJSON_IsString(f) ? f->valuestring : NULL;
            }
            if (rc == 0) {
                rc = dkg__graph_node_add_role(g, e->vertex, &role);
            }
        }
        if (rc != 0) {
            goto cleanup;
        }
        ms[n_ms].node = e->vertex;
        ms[n_ms].count = e->n_mentions;
        n_ms++;
    }
    /* Several entities of the article may be one node (resolved surnames). */
    qsort(ms, n_ms, sizeof *ms, mention_node_cmp);
    size_t k = 0;
    for (size_t i = 0; i < n_ms; i++) {
        if (k > 0 && ms[k - 1].node == ms[i].node) {
            ms[k - 1].count += ms[i].count;
        } else {
            ms[k++] = ms[i];
        }
    }
    dkg__doc d = {x->id, x->source, x->date, x->title, x->bytes, ms, k};
    if ((rc = dkg__graph_doc_add(g, &d)) != 0) {
        goto cleanup;
    }
    for (size_t i = 0; i < x->n_rels; i++) {
        const xrelation *r = &x->rels[i];
        dkg__edge e = {
            .source = x->ents[r->source].vertex,
            .target = x->ents[r->target].vertex,
            .type = r->type,
            .status = r->status,
            .date = r->date,
            .place = mapped_id(x, r->place),
            .host = mapped_id(x, r->host),
            .title = r->title,
            .rule = r->rule,
            .cameo = dkg__cameo_for_type(r->type),
            .doc = x->id,
            .evidence_start = r->ev_start,
            .evidence_end = r->ev_end,
            .evidence = r->ev_text,
        };
        if ((rc = dkg__graph_edge_add(g, &e)) != 0) {
            goto cleanup;
        }
    }
    rc = dkg__graph_note_document(g, err);

cleanup:
    free(ms);
    return rc;
}

int dkg_graph_add_extraction(dkg_graph *g, const char *json, size_t len, const char *name,
                             long line, int *added_out, dkg_error *err)
{
    int rc = 0;
    cJSON *root = NULL;
    const char *end = NULL;
    xdoc x;
    dkg__jctx c = {err, name, json, len, line, 0, 0};
    memset(&x, 0, sizeof x);
    if (added_out != NULL) {
        *added_out = 0;
    }
    if (len > DKG_MAX_EXTRACTION_BYTES) {
        rc = dkg_error_set(err, DKG_ELIMIT, "extraction larger than %zu bytes",
                           (size_t)DKG_MAX_EXTRACTION_BYTES);
        dkg_error_locate(err, name, line, 0, -1);
        return rc;
    }
    root = cJSON_ParseWithLengthOpts(json, len, &end, 0);
    if (root == NULL) {
        size_t off = end != NULL && end >= json ? (size_t)(end - json) : 0;
        if (dkg__jskip_ws(json, len, off) >= len) {
            off = len;
        }
        rc = dkg_error_set(err, DKG_EPARSE, off >= len ? "extraction is truncated"
                                                        : "extraction is not valid JSON");
        dkg__jlocate(&c, off);
        return rc;
    }
    size_t tail = dkg__jskip_ws(json, len, (size_t)(end - json));
    if (tail < len) {
        rc = dkg_error_set(err, DKG_EPARSE, "unexpected text after the extraction object");
        dkg__jlocate(&c, tail);
        goto cleanup;
    }
    if ((rc = validate(&c, root, &x)) != 0) {
        goto cleanup;
    }
    if (dkg_graph_has_document(g, x.id)) {
        goto cleanup;
    }
    rc = apply(g, &x, err);
    if (rc == DKG_ENOMEM) {
        dkg_error_set(err, rc, "out of memory");
    } else if (rc == 0 && added_out != NULL) {
        *added_out = 1;
    }

cleanup:
    free(x.ents);
    free(x.rels);
    dkg__map_destroy(&x.by_id);
    cJSON_Delete(root);
    return rc;
}
