/* graph/graph_load.c - reading the graph file: strict, located errors, fast.
 *
 * The file (docs/graph-format.md) is read in place: graph_scan.c checks each
 * record's grammar in one pass and says where each field's value is, and
 * the fields go straight from the file buffer into the graph's string pool.
 * No tree is built and nothing is copied twice. The previous loader parsed
 * every record with cJSON (a malloc per value) and copied each string twice;
 * it ran at about 23 MB/s, this one at several times that (docs/benchmarks.md).
 *
 * Order: nodes are read first, then documents (they name nodes), then the
 * node counts are checked against the documents, then edges (they name
 * both), whatever order the keys come in. The top level is walked once; a
 * section that cannot be read yet (documents before nodes, in the canonical
 * layout) is skipped structurally and read as soon as what it needs is in.
 *
 * Errors keep the shape they had: "graph file is not valid JSON: WHY" or
 * "graph file is truncated" at the failing byte, and semantic ones as
 * "PATH: MESSAGE" located at the value by graph_json.c (on the error path
 * only). Fields are checked in a fixed order, not the file's, so the first
 * error reported does not depend on key order.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dkg/extract.h" /* DKG_MAX_JSON_DEPTH */
#include "graph_internal.h"
#include "graph_json.h"
#include "graph_scan.h"

typedef struct node_claim {
    long mentions;
    long articles;
    const char *first_seen;
    const char *last_seen;
    size_t offset; /* where the record starts */
} node_claim;

/* The last string a field had: consecutive edges repeat types, statuses,
 * rules and documents, and a comparison is cheaper than hashing. */
typedef struct str_cache {
    const char *s;
    size_t len;
} str_cache;

enum { E_TYPE, E_STATUS, E_DATE, E_PLACE, E_HOST, E_TITLE, E_RULE, E_CAMEO, E_CACHES };

typedef struct loader {
    dkg__jctx c;
    dkg_graph *g;
    node_claim *claims;
    size_t n_claims;
    size_t cap_claims;
    char *scratch; /* decoded strings that had escapes */
    size_t cap_scratch;
    long *last_doc; /* per node: the last document whose mentions named it */
    dkg__doc_mention *mentions;
    size_t cap_mentions;
    size_t rec_end; /* end of the record just read */
    size_t sec_end; /* end of the section just read */
    long doc_cache; /* index of the last edge's document, or -1 */
    str_cache cache[E_CACHES];
} loader;

static int nomem(loader *l)
{
    return dkg_error_set(l->c.err, DKG_ENOMEM, "out of memory");
}

static int syntax(loader *l, size_t off, const char *what)
{
    int rc = dkg_error_set(l->c.err, DKG_EPARSE, "%s",
                           off >= l->c.len ? "graph file is truncated" : what);
    dkg__jlocate(&l->c, off < l->c.len ? off : l->c.len);
    return rc;
}

/* Report what the scanner refused; p is the record's path. */
static int refused(loader *l, const dkg__jpath *p, const dkg__jbad *bad)
{
    if (bad->key != NULL) {
        return dkg__jfail_at(&l->c, p, bad->offset, "duplicate key \"%s\"", bad->key);
    }
    if (bad->too_deep) {
        int rc = dkg_error_set(l->c.err, DKG_ELIMIT, "JSON nested more than %d deep",
                               DKG_MAX_JSON_DEPTH);
        dkg__jlocate(&l->c, bad->offset);
        return rc;
    }
    if (bad->bad_utf8) {
        int rc = dkg_error_set(l->c.err, DKG_EPARSE,
                               "invalid UTF-8 at this byte; save the file as UTF-8");
        dkg__jlocate(&l->c, bad->offset);
        return rc;
    }
    char what[128];
    snprintf(what, sizeof what, "graph file is not valid JSON: %s", bad->what);
    return syntax(l, bad->offset, what);
}

static const char *kind_name(int kind)
{
    switch (kind) {
    case DKG__JK_STRING: return "a string";
    case DKG__JK_NUMBER: return "a number";
    case DKG__JK_TRUE:
    case DKG__JK_FALSE: return "a boolean";
    case DKG__JK_NULL: return "null";
    case DKG__JK_ARRAY: return "an array";
    default: return "an object";
    }
}

/* Check and read a record (an object) at buf[off] into slots; sets rec_end. */
static int read_record(loader *l, const dkg__jpath *p, size_t off, const dkg__jschema *schema,
                       dkg__jspan *slots)
{
    dkg__jbad bad;
    dkg__jspan whole;
    int r = dkg__scan_object(l->c.buf, l->c.len, off, 2, schema, slots, &whole, &bad);
    if (r < 0) {
        return refused(l, p, &bad);
    }
    l->rec_end = whole.end;
    return r == 1 ? dkg__jfail(&l->c, p, "expected an object") : 0;
}

/* The bytes of the string value v: in place, or decoded into the scratch
 * buffer (valid until the next call). NULL on ENOMEM. */
static const char *text_of(loader *l, const dkg__jspan *v, size_t *len)
{
    if (!v->escaped) {
        *len = v->end - v->start - 2;
        return l->c.buf + v->start + 1;
    }
    size_t need = v->end - v->start + 1;
    if (need > l->cap_scratch) {
        char *s = realloc(l->scratch, need);
        if (s == NULL) {
            return NULL;
        }
        l->scratch = s;
        l->cap_scratch = need;
    }
    *len = dkg__scan_decode(l->c.buf, v, l->scratch);
    l->scratch[*len] = '\0';
    return l->scratch;
}

/* Common part of the getters: 1 when v is present and not an allowed null,
 * 0 otherwise (with *rc set when it is missing but required). */
static int present(loader *l, dkg__jpath *p, const dkg__jspan *v, const char *key, int flags,
                   int *rc)
{
    *rc = 0;
    if (v->kind == DKG__JK_NONE) {
        if (flags & DKG__J_REQUIRED) {
            *rc = dkg__jfail(&l->c, p, "missing \"%s\"", key);
        }
        return 0;
    }
    return !(v->kind == DKG__JK_NULL && (flags & DKG__J_NULLABLE));
}

static int fail_key(loader *l, dkg__jpath *p, const char *key, const char *fmt, const char *arg)
{
    dkg__jpush_key(p, key);
    int rc = dkg__jfail(&l->c, p, fmt, arg);
    dkg__jpop(p);
    return rc;
}

/* A string field's bytes (not pooled): *s NULL when null or absent. */
static int get_text(loader *l, dkg__jpath *p, const dkg__jspan *v, const char *key, int flags,
                    const char **s, size_t *len)
{
    int rc = 0;
    *s = NULL;
    *len = 0;
    if (!present(l, p, v, key, flags, &rc)) {
        return rc;
    }
    if (v->kind != DKG__JK_STRING) {
        return fail_key(l, p, key, "expected a string, got %s", kind_name(v->kind));
    }
    if ((*s = text_of(l, v, len)) == NULL) {
        return nomem(l);
    }
    if ((flags & DKG__J_NONEMPTY) && *len == 0) {
        return fail_key(l, p, key, "expected a non-empty string%s", "");
    }
    return 0;
}

/* A string field, pooled (NULL when null or absent); cache may be NULL. */
static int get_str(loader *l, dkg__jpath *p, const dkg__jspan *v, const char *key, int flags,
                   str_cache *cache, const char **out)
{
    const char *s = NULL;
    size_t len = 0;
    int rc = get_text(l, p, v, key, flags, &s, &len);
    *out = NULL;
    if (rc != 0 || s == NULL) {
        return rc;
    }
    if (cache == NULL) {
        *out = dkg__pool_intern(&l->g->pool, s, len);
        return *out == NULL ? nomem(l) : 0;
    }
    if (cache->s != NULL && cache->len == len && memcmp(cache->s, s, len) == 0) {
        *out = cache->s;
        return 0;
    }
    if ((*out = dkg__pool_intern(&l->g->pool, s, len)) == NULL) {
        return nomem(l);
    }
    cache->s = *out;
    cache->len = len;
    return 0;
}

/* A count: a whole number from 0 to 2^53 (-1 when null or absent). */
static int check_count(loader *l, dkg__jpath *p, const dkg__jspan *v, const char *key, long *out)
{
    if (v->kind != DKG__JK_NUMBER) {
        return fail_key(l, p, key, "expected a number, got %s", kind_name(v->kind));
    }
    double d = dkg__scan_number(l->c.buf, v);
    if (!(d >= 0 && d <= 9007199254740992.0) || floor(d) != d) {
        return fail_key(l, p, key, "expected a whole number >= 0%s", "");
    }
    *out = (long)d;
    return 0;
}

static int get_count(loader *l, dkg__jpath *p, const dkg__jspan *v, const char *key, int flags,
                     long *out)
{
    int rc = 0;
    *out = -1;
    if (!present(l, p, v, key, flags, &rc)) {
        return rc;
    }
    return check_count(l, p, v, key, out);
}

static int get_bool(loader *l, dkg__jpath *p, const dkg__jspan *v, const char *key, int flags,
                    int *out)
{
    int rc = 0;
    *out = 0;
    if (!present(l, p, v, key, flags, &rc)) {
        return rc;
    }
    if (v->kind != DKG__JK_TRUE && v->kind != DKG__JK_FALSE) {
        return fail_key(l, p, key, "expected a boolean, got %s", kind_name(v->kind));
    }
    *out = v->kind == DKG__JK_TRUE;
    return 0;
}

/* An array or object field (want is DKG__JK_ARRAY or DKG__JK_OBJECT). */
static int get_container(loader *l, dkg__jpath *p, const dkg__jspan *v, const char *key, int want)
{
    int rc = 0;
    if (!present(l, p, v, key, DKG__J_REQUIRED, &rc)) {
        return rc;
    }
    if (v->kind != want) {
        dkg__jpush_key(p, key);
        rc = dkg__jfail(&l->c, p, "expected %s, got %s",
                        want == DKG__JK_ARRAY ? "an array" : "an object", kind_name(v->kind));
        dkg__jpop(p);
    }
    return rc;
}

/* ---- nodes ------------------------------------------------------------------------------- */

static const dkg__jkey node_keys[] = {
    DKG__JKEY("id"),       DKG__JKEY("type"),       DKG__JKEY("name"),     DKG__JKEY("known"),
    DKG__JKEY("country"),  DKG__JKEY("aliases"),    DKG__JKEY("roles"),    DKG__JKEY("mentions"),
    DKG__JKEY("articles"), DKG__JKEY("first_seen"), DKG__JKEY("last_seen")};
enum {
    N_ID,
    N_TYPE,
    N_NAME,
    N_KNOWN,
    N_COUNTRY,
    N_ALIASES,
    N_ROLES,
    N_MENTIONS,
    N_ARTICLES,
    N_FIRST,
    N_LAST,
    N_KEYS
};
static const dkg__jschema node_schema = {node_keys, N_KEYS, -1, NULL};

static const dkg__jkey role_keys[] = {DKG__JKEY("title"),      DKG__JKEY("of"),
                                      DKG__JKEY("from"),       DKG__JKEY("to"),
                                      DKG__JKEY("first_seen"), DKG__JKEY("last_seen")};
enum { R_TITLE, R_OF, R_FROM, R_TO, R_FIRST, R_LAST, R_KEYS };
static const dkg__jschema role_schema = {role_keys, R_KEYS, -1, NULL};

static int read_aliases(loader *l, dkg__jpath *p, igraph_integer_t v, const dkg__jspan *arr)
{
    size_t pos = arr->start;
    dkg__jspan item;
    dkg__jpush_key(p, "aliases");
    for (long i = 0; dkg__scan_next(l->c.buf, l->c.len, &pos, NULL, &item); i++) {
        const char *alias = NULL;
        int rc = 0;
        dkg__jpush_index(p, i);
        if (item.kind != DKG__JK_STRING) {
            rc = dkg__jfail(&l->c, p, "expected a string, got %s", kind_name(item.kind));
        }
        dkg__jpop(p);
        if (rc != 0) {
            return rc;
        }
        size_t len = 0;
        const char *s = text_of(l, &item, &len);
        if (s == NULL || (alias = dkg__pool_intern(&l->g->pool, s, len)) == NULL ||
            dkg__graph_node_add_alias(l->g, v, alias) != 0) {
            return nomem(l);
        }
    }
    dkg__jpop(p);
    return 0;
}

static int read_roles(loader *l, dkg__jpath *p, igraph_integer_t v, const dkg__jspan *arr)
{
    size_t pos = arr->start;
    dkg__jspan item;
    dkg__jpush_key(p, "roles");
    for (long i = 0; dkg__scan_next(l->c.buf, l->c.len, &pos, NULL, &item); i++) {
        dkg__jspan f[R_KEYS], whole;
        dkg__jbad bad;
        dkg__role r;
        int rc = 0;
        dkg__jpush_index(p, i);
        if (dkg__scan_object(l->c.buf, l->c.len, item.start, 0, &role_schema, f, &whole, &bad) !=
            0) {
            /* The record passed the scan: only a duplicate key or a non-object is
             * left. */
            return bad.key != NULL && item.kind == DKG__JK_OBJECT
                       ? refused(l, p, &bad)
                       : dkg__jfail(&l->c, p, "expected an object");
        }
        int nullable = DKG__J_NULLABLE;
        if ((rc = get_str(l, p, &f[R_TITLE], "title", DKG__J_REQUIRED | DKG__J_NONEMPTY, NULL,
                          &r.title)) ||
            (rc = get_str(l, p, &f[R_OF], "of", nullable, NULL, &r.of)) ||
            (rc = get_str(l, p, &f[R_FROM], "from", nullable, NULL, &r.from)) ||
            (rc = get_str(l, p, &f[R_TO], "to", nullable, NULL, &r.to)) ||
            (rc = get_str(l, p, &f[R_FIRST], "first_seen", nullable, NULL, &r.first_seen)) ||
            (rc = get_str(l, p, &f[R_LAST], "last_seen", nullable, NULL, &r.last_seen))) {
            return rc;
        }
        dkg__jpop(p);
        if (dkg__graph_node_add_role(l->g, v, &r) != 0) {
            return nomem(l);
        }
    }
    dkg__jpop(p);
    return 0;
}

static int read_node(loader *l, dkg__jpath *p, size_t off)
{
    const char *id = NULL, *type = NULL, *name = NULL, *country = NULL;
    int known = 0, rc = 0, created = 0;
    node_claim cl = {0, 0, NULL, NULL, off};
    const int req = DKG__J_REQUIRED, word = DKG__J_REQUIRED | DKG__J_NONEMPTY,
              opt = DKG__J_REQUIRED | DKG__J_NULLABLE;
    dkg__jspan f[N_KEYS];
    if ((rc = read_record(l, p, off, &node_schema, f)) != 0) {
        return rc;
    }
    if ((rc = get_str(l, p, &f[N_ID], "id", word, NULL, &id)) ||
        (rc = get_str(l, p, &f[N_TYPE], "type", word, NULL, &type)) ||
        (rc = get_str(l, p, &f[N_NAME], "name", word, NULL, &name)) ||
        (rc = get_bool(l, p, &f[N_KNOWN], "known", req, &known)) ||
        (rc = get_str(l, p, &f[N_COUNTRY], "country", opt, NULL, &country)) ||
        (rc = get_container(l, p, &f[N_ALIASES], "aliases", DKG__JK_ARRAY)) ||
        (rc = get_container(l, p, &f[N_ROLES], "roles", DKG__JK_ARRAY)) ||
        (rc = get_count(l, p, &f[N_MENTIONS], "mentions", req, &cl.mentions)) ||
        (rc = get_count(l, p, &f[N_ARTICLES], "articles", req, &cl.articles)) ||
        (rc = get_str(l, p, &f[N_FIRST], "first_seen", opt, NULL, &cl.first_seen)) ||
        (rc = get_str(l, p, &f[N_LAST], "last_seen", opt, NULL, &cl.last_seen))) {
        return rc;
    }
    igraph_integer_t v = dkg__graph_node_get_or_add(l->g, id, type, &created);
    if (v < 0) {
        return nomem(l);
    }
    if (!created) {
        return fail_key(l, p, "id", "duplicate node id \"%s\"", id);
    }
    if (dkg__graph_node_offer(l->g, v, known, name, country) != 0) {
        return nomem(l);
    }
    if ((rc = read_aliases(l, p, v, &f[N_ALIASES])) != 0 ||
        (rc = read_roles(l, p, v, &f[N_ROLES])) != 0) {
        return rc;
    }
    if (dkg__graph_grow((void **)&l->claims, &l->cap_claims, l->n_claims + 1, sizeof *l->claims) !=
        0) {
        return nomem(l);
    }
    l->claims[l->n_claims++] = cl;
    return 0;
}

/* ---- documents --------------------------------------------------------------------------- */

static const dkg__jkey doc_keys[] = {DKG__JKEY("id"),    DKG__JKEY("source"),
                                     DKG__JKEY("date"),  DKG__JKEY("title"),
                                     DKG__JKEY("bytes"), DKG__JKEY("mentions")};
enum { D_ID, D_SOURCE, D_DATE, D_TITLE, D_BYTES, D_MENTIONS, D_KEYS };
static const dkg__jschema doc_schema = {doc_keys, D_KEYS, -1, NULL};

/* A mention key as a C string, for an error message (NULL on ENOMEM). */
static char *key_string(loader *l, const dkg__jspan *key)
{
    size_t len = 0;
    const char *s = text_of(l, key, &len);
    char *copy = s != NULL ? malloc(len + 1) : NULL;
    if (copy != NULL) {
        memcpy(copy, s, len);
        copy[len] = '\0';
    }
    return copy;
}

/* One "entity id": count member of a document's mentions. */
static int read_mention(loader *l, dkg__jpath *p, long doc, const dkg__jspan *key,
                        const dkg__jspan *val, dkg__doc_mention *out)
{
    size_t len = 0;
    const char *id = text_of(l, key, &len);
    if (id == NULL) {
        return nomem(l);
    }
    igraph_integer_t v = dkg__graph_find_node_n(l->g, id, len);
    int plain = val->kind == DKG__JK_NUMBER;
    for (size_t i = val->start; plain && i < val->end; i++) {
        plain = l->c.buf[i] >= '0' && l->c.buf[i] <= '9';
    }
    if (v >= 0 && l->last_doc[v] != doc && plain && val->end - val->start <= 15) {
        out->node = v;
        out->count = (long)dkg__scan_number(l->c.buf, val);
        l->last_doc[v] = doc;
        return 0;
    }
    /* The error path: the key is needed as a C string for the message. */
    char *k = key_string(l, key);
    int rc = 0;
    if (k == NULL) {
        return nomem(l);
    }
    if (v < 0) {
        rc = fail_key(l, p, k, "no node \"%s\"", k);
    } else if (l->last_doc[v] == doc) {
        rc = dkg__jfail_at(&l->c, p, key->start, "duplicate key \"%s\"", k);
    } else {
        rc = check_count(l, p, val, k, &out->count);
        out->node = v;
        l->last_doc[v] = doc;
    }
    free(k);
    return rc;
}

static int read_doc(loader *l, dkg__jpath *p, size_t off)
{
    dkg__doc d = {NULL, NULL, NULL, NULL, -1, NULL, 0};
    const int word = DKG__J_REQUIRED | DKG__J_NONEMPTY, opt = DKG__J_REQUIRED | DKG__J_NULLABLE;
    dkg__jspan f[D_KEYS], key, val;
    int rc = 0;
    if ((rc = read_record(l, p, off, &doc_schema, f)) != 0) {
        return rc;
    }
    if ((rc = get_str(l, p, &f[D_ID], "id", word, NULL, &d.id)) ||
        (rc = get_str(l, p, &f[D_SOURCE], "source", opt, NULL, &d.source)) ||
        (rc = get_str(l, p, &f[D_DATE], "date", opt, NULL, &d.date)) ||
        (rc = get_str(l, p, &f[D_TITLE], "title", opt, NULL, &d.title)) ||
        (rc = get_count(l, p, &f[D_BYTES], "bytes", opt, &d.bytes)) ||
        (rc = get_container(l, p, &f[D_MENTIONS], "mentions", DKG__JK_OBJECT))) {
        return rc;
    }
    if (dkg_graph_has_document(l->g, d.id)) {
        return fail_key(l, p, "id", "duplicate document id \"%s\"", d.id);
    }
    long index = (long)l->g->n_docs;
    size_t pos = f[D_MENTIONS].start;
    dkg__jpush_key(p, "mentions");
    while (dkg__scan_next(l->c.buf, l->c.len, &pos, &key, &val)) {
        if (dkg__graph_grow((void **)&l->mentions, &l->cap_mentions, d.n_mentions + 1,
                      sizeof *l->mentions) != 0) {
            return nomem(l);
        }
        if ((rc = read_mention(l, p, index, &key, &val, &l->mentions[d.n_mentions])) != 0) {
            return rc;
        }
        d.n_mentions++;
    }
    dkg__jpop(p);
    d.mentions = l->mentions;
    return dkg__graph_doc_add(l->g, &d) != 0 ? nomem(l) : 0;
}

/* ---- edges ------------------------------------------------------------------------------- */

static const dkg__jkey edge_keys[] = {
    DKG__JKEY("doc"),    DKG__JKEY("type"), DKG__JKEY("source"), DKG__JKEY("target"),
    DKG__JKEY("status"), DKG__JKEY("date"), DKG__JKEY("place"),  DKG__JKEY("host"),
    DKG__JKEY("title"),  DKG__JKEY("rule"), DKG__JKEY("cameo"),  DKG__JKEY("evidence")};
enum {
    F_DOC,
    F_TYPE,
    F_SOURCE,
    F_TARGET,
    F_STATUS,
    F_DATE,
    F_PLACE,
    F_HOST,
    F_TITLE,
    F_RULE,
    F_CAMEO,
    F_EVIDENCE,
    F_KEYS
};
static const dkg__jkey evidence_keys[] = {DKG__JKEY("start"), DKG__JKEY("end"), DKG__JKEY("text")};
enum { V_START = F_KEYS, V_END, V_TEXT, V_KEYS_END };
static const dkg__jschema evidence_schema = {evidence_keys, 3, -1, NULL};
/* The shortest edge record: {"doc":"d","type":"t","source":"s","target":"t",
 * "status":"planned","date":null,...,"evidence":{"start":0,"end":0,"text":null}}
 * is over 170 bytes. */
#define MIN_EDGE_BYTES 160
static const dkg__jschema edge_schema = {edge_keys, F_KEYS, F_EVIDENCE, &evidence_schema};

static int endpoint(loader *l, dkg__jpath *p, const dkg__jspan *v, const char *key,
                    igraph_integer_t *out)
{
    const char *id = NULL;
    size_t len = 0;
    int rc = get_text(l, p, v, key, DKG__J_REQUIRED | DKG__J_NONEMPTY, &id, &len);
    if (rc != 0) {
        return rc;
    }
    *out = dkg__graph_find_node_n(l->g, id, len);
    if (*out < 0) {
        dkg__jpush_key(p, key);
        rc = dkg__jfail(&l->c, p, "dangling edge endpoint \"%.*s\"", (int)len, id);
        dkg__jpop(p);
    }
    return rc;
}

/* The document an edge names: index in docs, or -1. Edges come grouped by
 * document, so the last one is tried first. */
static long edge_doc(loader *l, const char *id, size_t len)
{
    if (l->doc_cache >= 0) {
        const char *last = l->g->docs[l->doc_cache].id;
        if (strncmp(last, id, len) == 0 && last[len] == '\0') {
            return l->doc_cache;
        }
    }
    long d = dkg__graph_find_doc_n(l->g, id, len);
    if (d >= 0) {
        l->doc_cache = d;
    }
    return d;
}

static int read_edge(loader *l, dkg__jpath *p, size_t off)
{
    dkg__edge e;
    dkg__jspan f[V_KEYS_END];
    const char *doc = NULL;
    size_t doc_len = 0;
    str_cache *c = l->cache;
    const int opt = DKG__J_REQUIRED | DKG__J_NULLABLE;
    int rc = 0;
    memset(&e, 0, sizeof e);
    if ((rc = read_record(l, p, off, &edge_schema, f)) != 0) {
        return rc;
    }
    if ((rc =
             get_text(l, p, &f[F_DOC], "doc", DKG__J_REQUIRED | DKG__J_NONEMPTY, &doc, &doc_len))) {
        return rc;
    }
    /* Resolved now, while the text is at hand (a decoded one is overwritten
     * by the next field); reported in its turn below. */
    long d = edge_doc(l, doc, doc_len);
    if ((rc = get_str(l, p, &f[F_TYPE], "type", DKG__J_REQUIRED | DKG__J_NONEMPTY, &c[E_TYPE],
                      &e.type)) ||
        (rc = endpoint(l, p, &f[F_SOURCE], "source", &e.source)) ||
        (rc = endpoint(l, p, &f[F_TARGET], "target", &e.target)) ||
        (rc = get_str(l, p, &f[F_STATUS], "status", DKG__J_REQUIRED, &c[E_STATUS], &e.status)) ||
        (rc = get_str(l, p, &f[F_DATE], "date", opt, &c[E_DATE], &e.date)) ||
        (rc = get_str(l, p, &f[F_PLACE], "place", opt, &c[E_PLACE], &e.place)) ||
        (rc = get_str(l, p, &f[F_HOST], "host", opt, &c[E_HOST], &e.host)) ||
        (rc = get_str(l, p, &f[F_TITLE], "title", opt, &c[E_TITLE], &e.title)) ||
        (rc = get_str(l, p, &f[F_RULE], "rule", opt, &c[E_RULE], &e.rule)) ||
        (rc = get_str(l, p, &f[F_CAMEO], "cameo", opt, &c[E_CAMEO], &e.cameo)) ||
        (rc = get_container(l, p, &f[F_EVIDENCE], "evidence", DKG__JK_OBJECT))) {
        return rc;
    }
    if (d < 0) {
        /* The text again: the scratch buffer may hold another field by now. */
        get_text(l, p, &f[F_DOC], "doc", 0, &doc, &doc_len);
        dkg__jpush_key(p, "doc");
        rc = dkg__jfail(&l->c, p, "no document \"%.*s\"", (int)doc_len, doc);
        dkg__jpop(p);
        return rc;
    }
    e.doc = l->g->docs[d].id;
    if (strcmp(e.status, "occurred") != 0 && strcmp(e.status, "planned") != 0 &&
        strcmp(e.status, "negated") != 0) {
        return fail_key(l, p, "status", "unknown status \"%s\"", e.status);
    }
    dkg__jpush_key(p, "evidence");
    if ((rc = get_count(l, p, &f[V_START], "start", DKG__J_REQUIRED, &e.evidence_start)) ||
        (rc = get_count(l, p, &f[V_END], "end", DKG__J_REQUIRED, &e.evidence_end)) ||
        (rc = get_str(l, p, &f[V_TEXT], "text", opt, NULL, &e.evidence))) {
        return rc;
    }
    dkg__jpop(p);
    return dkg__graph_edge_push(l->g, &e) != 0 ? nomem(l) : 0;
}

/* ---- sections and the top level ---------------------------------------------------------- */

typedef int (*record_reader)(loader *l, dkg__jpath *p, size_t off);

/* Read the array at buf[off] ('[' expected) one record at a time. */
static int read_array(loader *l, const char *key, size_t off, record_reader reader)
{
    const char *buf = l->c.buf;
    size_t len = l->c.len;
    dkg__jpath p = {.n = 0};
    size_t i = dkg__scan_ws(buf, len, off);
    if (i >= len || buf[i] != '[') {
        dkg__jpush_key(&p, key);
        l->c.root_off = 0;
        l->c.root_depth = 0;
        return dkg__jfail(&l->c, &p, "expected an array");
    }
    i = dkg__scan_ws(buf, len, i + 1);
    if (i < len && buf[i] == ']') {
        l->sec_end = i + 1;
        return 0;
    }
    for (long k = 0;; k++) {
        p.n = 0;
        dkg__jpush_key(&p, key);
        dkg__jpush_index(&p, k);
        l->c.root_off = i;
        l->c.root_depth = 2;
        int rc = reader(l, &p, i);
        if (rc != 0) {
            return rc;
        }
        i = dkg__scan_ws(buf, len, l->rec_end);
        if (i < len && buf[i] == ',') {
            i = dkg__scan_ws(buf, len, i + 1);
            continue;
        }
        if (i < len && buf[i] == ']') {
            l->sec_end = i + 1;
            return 0;
        }
        return syntax(l, i, "graph file is not valid JSON: expected ',' or ']'");
    }
}

static int check_claims(loader *l)
{
    for (size_t v = 0; v < l->n_claims; v++) {
        const node_claim *cl = &l->claims[v];
        const dkg__node *n = &l->g->nodes[v];
        dkg__jpath p = {.n = 0};
        const char *field = NULL;
        char want[64] = "", have[64] = "";
        if (cl->mentions != n->mentions) {
            field = "mentions";
            snprintf(want, sizeof want, "%ld", n->mentions);
            snprintf(have, sizeof have, "%ld", cl->mentions);
        } else if (cl->articles != n->articles) {
            field = "articles";
            snprintf(want, sizeof want, "%ld", n->articles);
            snprintf(have, sizeof have, "%ld", cl->articles);
        } else if (cl->first_seen != n->first_seen) {
            field = "first_seen";
            snprintf(want, sizeof want, "%s", n->first_seen ? n->first_seen : "null");
            snprintf(have, sizeof have, "%s", cl->first_seen ? cl->first_seen : "null");
        } else if (cl->last_seen != n->last_seen) {
            field = "last_seen";
            snprintf(want, sizeof want, "%s", n->last_seen ? n->last_seen : "null");
            snprintf(have, sizeof have, "%s", cl->last_seen ? cl->last_seen : "null");
        }
        if (field != NULL) {
            dkg__jpush_key(&p, "nodes");
            dkg__jpush_index(&p, (long)v);
            dkg__jpush_key(&p, field);
            l->c.root_off = cl->offset;
            l->c.root_depth = 2;
            return dkg__jfail(&l->c, &p, "is %s but the documents say %s", have, want);
        }
    }
    return 0;
}

enum { S_VERSION, S_DOCS, S_NODES, S_EDGES, S_COUNT };

typedef struct sections {
    size_t at[S_COUNT];  /* where each value starts, (size_t)-1 until seen */
    int done[S_COUNT];   /* read (for S_VERSION: checked and right) */
    size_t end[S_COUNT]; /* where each section read ends */
} sections;

/* Read every section that can be read now, in the order nodes, documents
 * (then the node counts), edges. */
static int catch_up(loader *l, sections *s)
{
    int rc = 0;
    if (!s->done[S_VERSION]) {
        return 0;
    }
    if (!s->done[S_NODES] && s->at[S_NODES] != (size_t)-1) {
        if ((rc = read_array(l, "nodes", s->at[S_NODES], read_node)) != 0) {
            return rc;
        }
        s->done[S_NODES] = 1;
        s->end[S_NODES] = l->sec_end;
        l->last_doc = malloc((l->g->n_nodes > 0 ? l->g->n_nodes : 1) * sizeof *l->last_doc);
        if (l->last_doc == NULL) {
            return nomem(l);
        }
        for (size_t v = 0; v < l->g->n_nodes; v++) {
            l->last_doc[v] = -1;
        }
    }
    if (s->done[S_NODES] && !s->done[S_DOCS] && s->at[S_DOCS] != (size_t)-1) {
        if ((rc = read_array(l, "documents", s->at[S_DOCS], read_doc)) != 0 ||
            (rc = check_claims(l)) != 0) {
            return rc;
        }
        s->done[S_DOCS] = 1;
        s->end[S_DOCS] = l->sec_end;
    }
    if (s->done[S_DOCS] && !s->done[S_EDGES] && s->at[S_EDGES] != (size_t)-1) {
        /* Room for as many edges as the section could hold: every edge
         * record has its twelve keys, so it takes at least MIN_EDGE_BYTES.
         * Pages never written cost no memory; and if the room cannot be
         * had, the array just grows as it goes. */
        size_t bound = (l->c.len - s->at[S_EDGES]) / MIN_EDGE_BYTES + 1;
        (void)dkg__graph_reserve_edges(l->g, bound);
        if ((rc = read_array(l, "edges", s->at[S_EDGES], read_edge)) != 0) {
            return rc;
        }
        s->done[S_EDGES] = 1;
        s->end[S_EDGES] = l->sec_end;
    }
    return 0;
}

/* The "dkg_graph" value at buf[i]: 0 when it is the version we read, else
 * the error, to be reported once the top level is known to be whole. */
static int check_version(loader *l, size_t i, dkg_error *verr)
{
    dkg__jspan v;
    dkg__jbad bad;
    double ver = -1;
    if (dkg__scan_value(l->c.buf, l->c.len, i, 1, &v, &bad) == 0 && v.kind == DKG__JK_NUMBER) {
        ver = dkg__scan_number(l->c.buf, &v);
    }
    if (ver == DKG_GRAPH_FORMAT_VERSION) {
        return 0;
    }
    dkg__jctx c = l->c;
    c.err = verr;
    if (ver > DKG_GRAPH_FORMAT_VERSION) {
        dkg_error_set(verr, DKG_EPARSE,
                      "dkg_graph: graph file version %g is newer than this dkg supports (%d)", ver,
                      DKG_GRAPH_FORMAT_VERSION);
    } else {
        dkg_error_set(verr, DKG_EPARSE, "dkg_graph: expected the format version %d",
                      DKG_GRAPH_FORMAT_VERSION);
    }
    dkg__jlocate(&c, i);
    return DKG_EPARSE;
}

/* Walk the top level { "key": value, ... }, reading sections as soon as
 * they can be read and skipping the others' text for now. */
static int walk(loader *l, sections *s, dkg_error *verr, int *version_rc)
{
    static const char *const names[S_COUNT] = {"dkg_graph", "documents", "nodes", "edges"};
    const char *buf = l->c.buf;
    size_t len = l->c.len;
    size_t i = dkg__scan_ws(buf, len, 0);
    int rc = 0;
    if (i >= len) {
        dkg_error_set(l->c.err, DKG_EPARSE, "graph file is empty");
        dkg__jlocate(&l->c, i);
        return DKG_EPARSE;
    }
    if (buf[i] != '{') {
        return syntax(l, i, "graph file is not valid JSON: expected '{'");
    }
    i = dkg__scan_ws(buf, len, i + 1);
    while (i < len && buf[i] != '}') {
        dkg__jspan key, value;
        dkg__jbad bad;
        dkg__jpath none = {.n = 0};
        if (buf[i] != '"') {
            return syntax(l, i, "graph file is not valid JSON: expected a key");
        }
        if (dkg__scan_value(buf, len, i, 1, &key, &bad) != 0) {
            return refused(l, &none, &bad);
        }
        size_t kstart = key.start + 1, klen = key.end - key.start - 2;
        i = dkg__scan_ws(buf, len, key.end);
        if (i >= len || buf[i] != ':') {
            return syntax(l, i, "graph file is not valid JSON: expected ':'");
        }
        i = dkg__scan_ws(buf, len, i + 1);
        if (i >= len) {
            return syntax(l, i, "");
        }
        int sec = -1;
        for (int k = 0; k < S_COUNT; k++) {
            if (strlen(names[k]) == klen && memcmp(buf + kstart, names[k], klen) == 0) {
                sec = k;
            }
        }
        if (sec >= 0 && s->at[sec] != (size_t)-1) {
            dkg_error_set(l->c.err, DKG_EPARSE, "duplicate key \"%s\"", names[sec]);
            dkg__jlocate(&l->c, kstart - 1);
            return DKG_EPARSE;
        }
        if (sec >= 0) {
            s->at[sec] = i;
        }
        if (sec == S_VERSION) {
            *version_rc = check_version(l, i, verr);
            s->done[S_VERSION] = *version_rc == 0;
        }
        if (sec > S_VERSION) {
            if ((rc = catch_up(l, s)) != 0) {
                return rc;
            }
        }
        if (sec > S_VERSION && s->done[sec]) {
            i = s->end[sec];
        } else if (sec > S_VERSION) {
            /* Structural skip: the text is checked when the section is read. */
            i = dkg__jskip_value(buf, len, i);
        } else if (dkg__scan_value(buf, len, i, 1, &value, &bad) != 0) {
            return refused(l, &none, &bad);
        } else {
            i = value.end;
        }
        i = dkg__scan_ws(buf, len, i);
        if (i >= len) {
            return syntax(l, i, "");
        }
        if (buf[i] == ',') {
            i = dkg__scan_ws(buf, len, i + 1);
        } else if (buf[i] != '}') {
            return syntax(l, i, "graph file is not valid JSON: expected ',' or '}'");
        }
    }
    if (i >= len) {
        return syntax(l, i, "");
    }
    size_t tail = dkg__scan_ws(buf, len, i + 1);
    if (tail < len) {
        return syntax(l, tail, "unexpected text after the graph");
    }
    return 0;
}

int dkg_graph_load_buffer(dkg_graph **out, const char *name, const char *buf, size_t len,
                          dkg_error *err)
{
    static const char *const names[S_COUNT] = {"dkg_graph", "documents", "nodes", "edges"};
    sections s = {{(size_t)-1, (size_t)-1, (size_t)-1, (size_t)-1}, {0, 0, 0, 0}, {0, 0, 0, 0}};
    dkg_error verr;
    int version_rc = 0;
    loader l;
    int rc = 0;
    memset(&l, 0, sizeof l);
    l.c = (dkg__jctx){err, name, buf, len, 1, 0, 0};
    l.doc_cache = -1;
    dkg_error_clear(&verr);
    if ((rc = dkg_graph_new(&l.g, err)) != 0) {
        goto fail;
    }
    if ((rc = walk(&l, &s, &verr, &version_rc)) != 0) {
        goto fail;
    }
    for (int k = 0; k < S_COUNT; k++) {
        if (s.at[k] == (size_t)-1) {
            rc = dkg_error_set(err, DKG_EPARSE, "missing \"%s\"", names[k]);
            dkg__jlocate(&l.c, dkg__scan_ws(buf, len, 0));
            goto fail;
        }
    }
    if (version_rc != 0) {
        *err = verr;
        rc = version_rc;
        goto fail;
    }
    if ((rc = catch_up(&l, &s)) != 0 || (rc = dkg__graph_flush(l.g, err)) != 0) {
        goto fail;
    }
    *out = l.g;
    l.g = NULL;

fail:
    dkg_graph_free(l.g);
    free(l.claims);
    free(l.scratch);
    free(l.last_doc);
    free(l.mentions);
    return rc;
}

/* The file read into memory: mapped (no copy, and no fresh memory to
 * clear: the page cache holds it already), or read when it cannot be. */
int dkg_graph_load(dkg_graph **out, const char *path, dkg_error *err)
{
    int rc = 0;
    char *buf = NULL;
    void *map = MAP_FAILED;
    struct stat st;
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        rc = dkg_error_set(err, errno == ENOENT ? DKG_ENOTFOUND : DKG_EIO, "cannot open: %s",
                           strerror(errno));
        dkg_error_locate(err, path, 0, 0, -1);
        return rc;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        rc = dkg_error_set(err, DKG_EIO, "not a regular file");
        goto done;
    }
    if ((unsigned long long)st.st_size > (unsigned long long)DKG_MAX_GRAPH_FILE_BYTES) {
        rc = dkg_error_set(err, DKG_ELIMIT, "graph file larger than %zu bytes",
                           (size_t)DKG_MAX_GRAPH_FILE_BYTES);
        goto done;
    }
    size_t size = (size_t)st.st_size;
    if (size > 0) {
        map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    }
    if (map != MAP_FAILED) {
        (void)posix_madvise(map, size, POSIX_MADV_SEQUENTIAL);
        rc = dkg_graph_load_buffer(out, path, map, size, err);
        munmap(map, size);
        close(fd);
        return rc;
    }
    buf = malloc(size + 1);
    if (buf == NULL) {
        rc = dkg_error_set(err, DKG_ENOMEM, "out of memory");
        goto done;
    }
    dkg__advise_huge(buf, size + 1);
    size_t got = 0;
    while (got < size) {
        ssize_t k = read(fd, buf + got, size - got);
        if (k < 0 && errno == EINTR) {
            continue;
        }
        if (k <= 0) {
            rc = dkg_error_set(err, DKG_EIO, "cannot read: %s",
                               k < 0 ? strerror(errno) : "file shrank");
            goto done;
        }
        got += (size_t)k;
    }
    rc = dkg_graph_load_buffer(out, path, buf, size, err);
    free(buf);
    close(fd);
    return rc;

done:
    dkg_error_locate(err, path, 0, 0, -1);
    free(buf);
    close(fd);
    return rc;
}
