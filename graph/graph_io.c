/* graph/graph_io.c - the graph JSON file: canonical writing, validated reading.
 *
 * Writing: the file is the analyst's asset, so it is written to a temporary
 * file beside the target (same file system, so rename is atomic), record by
 * record through one buffer with every write checked, then fsync'd and
 * renamed; on any failure the temporary file is removed and the target is
 * untouched. Records are printed one at a time with cJSON (never one tree
 * for the whole graph), so writing needs memory for the sort orders plus one
 * record. The layout is fixed (docs/graph-format.md) and every list is
 * sorted, which is what makes files byte-comparable.
 *
 * Reading: cJSON reports only where a parse failed, and parsing a large file
 * as one tree costs several times its size. So the top level is scanned by
 * hand (object, keys, array brackets and commas) and each record is parsed
 * with cJSON on its own, with its offset known: a semantic error (wrong
 * type, dangling endpoint) is then reported at the record's line and column
 * by re-scanning just that record (graph_json.c). Nodes are read first,
 * then documents, then edges, whatever order the keys come in, because each
 * refers to the ones before.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "graph_internal.h"
#include "graph_json.h"

/* ---- writing ----------------------------------------------------------------------- */

typedef struct writer {
    int fd;
    char *buf;
    size_t len;
    size_t cap;
    int errnum; /* first write error, 0 when none */
} writer;

static void w_flush(writer *w)
{
    size_t off = 0;
    while (w->errnum == 0 && off < w->len) {
        ssize_t k = write(w->fd, w->buf + off, w->len - off);
        if (k < 0) {
            if (errno == EINTR) {
                continue;
            }
            w->errnum = errno;
        } else if (k == 0) {
            w->errnum = EIO;
        } else {
            off += (size_t)k;
        }
    }
    w->len = 0;
}

static void w_put(writer *w, const char *s, size_t n)
{
    if (w->errnum != 0) {
        return;
    }
    if (w->len + n > w->cap) {
        w_flush(w);
    }
    if (n > w->cap) {
        size_t len = w->len;
        w->len = n;
        char *keep = w->buf;
        w->buf = (char *)s;
        w_flush(w);
        w->buf = keep;
        w->len = len;
        return;
    }
    memcpy(w->buf + w->len, s, n);
    w->len += n;
}

static void w_str(writer *w, const char *s)
{
    w_put(w, s, strlen(s));
}

/* Add key: string, or key: null. 0 on ENOMEM. */
static int add_str(cJSON *o, const char *key, const char *s)
{
    cJSON *item = s != NULL ? cJSON_CreateString(s) : cJSON_CreateNull();
    if (item == NULL) {
        return 0;
    }
    if (!cJSON_AddItemToObjectCS(o, key, item)) {
        cJSON_Delete(item);
        return 0;
    }
    return 1;
}

static int add_num(cJSON *o, const char *key, long n, int null_if_negative)
{
    cJSON *item = n < 0 && null_if_negative ? cJSON_CreateNull() : cJSON_CreateNumber((double)n);
    if (item == NULL) {
        return 0;
    }
    if (!cJSON_AddItemToObjectCS(o, key, item)) {
        cJSON_Delete(item);
        return 0;
    }
    return 1;
}

static cJSON *doc_record(const dkg_graph *g, const dkg__doc *d)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *m = cJSON_CreateObject();
    int ok = o != NULL && m != NULL && add_str(o, "id", d->id) &&
             add_str(o, "source", d->source) && add_str(o, "date", d->date) &&
             add_str(o, "title", d->title) && add_num(o, "bytes", d->bytes, 1);
    for (size_t i = 0; ok && i < d->n_mentions; i++) {
        ok = add_num(m, g->nodes[d->mentions[i].node].id, d->mentions[i].count, 0);
    }
    if (ok && cJSON_AddItemToObjectCS(o, "mentions", m)) {
        return o;
    }
    cJSON_Delete(m);
    cJSON_Delete(o);
    return NULL;
}

static cJSON *node_record(const dkg__node *n)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *aliases = cJSON_CreateArray();
    cJSON *roles = cJSON_CreateArray();
    int ok = o != NULL && aliases != NULL && roles != NULL && add_str(o, "id", n->id) &&
             add_str(o, "type", n->type) && add_str(o, "name", n->name) &&
             cJSON_AddBoolToObject(o, "known", n->known) != NULL &&
             add_str(o, "country", n->country);
    for (size_t i = 0; ok && i < n->n_aliases; i++) {
        cJSON *s = cJSON_CreateString(n->aliases[i]);
        ok = s != NULL && cJSON_AddItemToArray(aliases, s);
        if (!ok) {
            cJSON_Delete(s);
        }
    }
    for (size_t i = 0; ok && i < n->n_roles; i++) {
        const dkg__role *r = &n->roles[i];
        cJSON *ro = cJSON_CreateObject();
        ok = ro != NULL && add_str(ro, "title", r->title) && add_str(ro, "of", r->of) &&
             add_str(ro, "from", r->from) && add_str(ro, "to", r->to) &&
             add_str(ro, "first_seen", r->first_seen) && add_str(ro, "last_seen", r->last_seen) &&
             cJSON_AddItemToArray(roles, ro);
        if (!ok) {
            cJSON_Delete(ro);
        }
    }
    if (ok && cJSON_AddItemToObjectCS(o, "aliases", aliases)) {
        aliases = NULL;
        if (cJSON_AddItemToObjectCS(o, "roles", roles)) {
            roles = NULL;
            if (add_num(o, "mentions", n->mentions, 0) && add_num(o, "articles", n->articles, 0) &&
                add_str(o, "first_seen", n->first_seen) && add_str(o, "last_seen", n->last_seen)) {
                return o;
            }
        }
    }
    cJSON_Delete(aliases);
    cJSON_Delete(roles);
    cJSON_Delete(o);
    return NULL;
}

static cJSON *edge_record(const dkg_graph *g, const dkg__edge *e)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *ev = cJSON_CreateObject();
    int ok = o != NULL && ev != NULL && add_str(o, "doc", e->doc) &&
             add_str(o, "type", e->type) && add_str(o, "source", g->nodes[e->source].id) &&
             add_str(o, "target", g->nodes[e->target].id) && add_str(o, "status", e->status) &&
             add_str(o, "date", e->date) && add_str(o, "place", e->place) &&
             add_str(o, "host", e->host) && add_str(o, "title", e->title) &&
             add_str(o, "rule", e->rule) && add_str(o, "cameo", e->cameo) &&
             add_num(ev, "start", e->evidence_start, 0) && add_num(ev, "end", e->evidence_end, 0) &&
             add_str(ev, "text", e->evidence);
    if (ok && cJSON_AddItemToObjectCS(o, "evidence", ev)) {
        return o;
    }
    cJSON_Delete(ev);
    cJSON_Delete(o);
    return NULL;
}

enum { REC_DOC, REC_NODE, REC_EDGE };

static int write_section(writer *w, const dkg_graph *g, int kind, const size_t *order, size_t n)
{
    for (size_t i = 0; i < n && w->errnum == 0; i++) {
        cJSON *rec = kind == REC_DOC    ? doc_record(g, &g->docs[order[i]])
                     : kind == REC_NODE ? node_record(&g->nodes[order[i]])
                                        : edge_record(g, &g->edges[order[i]]);
        char *text = rec != NULL ? cJSON_PrintUnformatted(rec) : NULL;
        cJSON_Delete(rec);
        if (text == NULL) {
            return DKG_ENOMEM;
        }
        w_str(w, text);
        w_str(w, i + 1 < n ? ",\n" : "\n");
        cJSON_free(text);
    }
    return 0;
}

int dkg_graph_write_fd(dkg_graph *g, int fd, const char *name, dkg_error *err)
{
    int rc = 0;
    size_t *docs = NULL, *nodes = NULL, *edges = NULL;
    writer w = {fd, NULL, 0, (size_t)1 << 20, 0};
    w.buf = malloc(w.cap);
    if (w.buf == NULL || dkg__graph_doc_order(g, &docs, err) != 0 ||
        dkg__graph_node_order(g, &nodes, err) != 0 || dkg__graph_edge_order(g, &edges, err) != 0) {
        rc = DKG_ENOMEM;
        goto cleanup;
    }
    w_str(&w, "{\"dkg_graph\": 1,\n\"documents\": [\n");
    rc = write_section(&w, g, REC_DOC, docs, g->n_docs);
    if (rc == 0) {
        w_str(&w, "],\n\"nodes\": [\n");
        rc = write_section(&w, g, REC_NODE, nodes, g->n_nodes);
    }
    if (rc == 0) {
        w_str(&w, "],\n\"edges\": [\n");
        rc = write_section(&w, g, REC_EDGE, edges, g->n_edges);
    }
    if (rc == 0) {
        w_str(&w, "]}\n");
        w_flush(&w);
        if (w.errnum != 0) {
            rc = dkg_error_set(err, DKG_EIO, "cannot write: %s", strerror(w.errnum));
            dkg_error_locate(err, name, 0, 0, -1);
        }
    }

cleanup:
    if (rc == DKG_ENOMEM) {
        dkg_error_set(err, rc, "out of memory");
    }
    free(w.buf);
    free(docs);
    free(nodes);
    free(edges);
    return rc;
}

/* Mode for a new file: the existing target's, else 0666 minus the umask. */
static mode_t target_mode(const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0) {
        return st.st_mode & 07777;
    }
    mode_t mask = umask(022);
    umask(mask);
    return 0666 & ~mask;
}

/* A device, pipe or symbolic link (/dev/stdout, /dev/full, a FIFO) is written
 * in place: renaming a temporary file over it would replace the device
 * itself, which as root breaks the machine. Only regular files (or new
 * paths) get the temporary-file-and-rename treatment. */
static int save_in_place(dkg_graph *g, const char *path, dkg_error *err)
{
    int fd = open(path, O_WRONLY | O_TRUNC);
    if (fd < 0) {
        dkg_error_locate(err, path, 0, 0, -1);
        return dkg_error_set(err, DKG_EIO, "cannot open for writing: %s", strerror(errno));
    }
    int rc = dkg_graph_write_fd(g, fd, path, err);
    if (close(fd) != 0 && rc == 0) {
        dkg_error_locate(err, path, 0, 0, -1);
        rc = dkg_error_set(err, DKG_EIO, "cannot write: %s", strerror(errno));
    }
    return rc;
}

int dkg_graph_save(dkg_graph *g, const char *path, dkg_error *err)
{
    int rc = 0;
    struct stat target;
    if (lstat(path, &target) == 0 && !S_ISREG(target.st_mode) && !S_ISDIR(target.st_mode)) {
        return save_in_place(g, path, err);
    }
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 16);
    int fd = -1;
    if (tmp == NULL) {
        return dkg_error_set(err, DKG_ENOMEM, "out of memory");
    }
    memcpy(tmp, path, plen);
    memcpy(tmp + plen, ".tmp.XXXXXX", 12);
    fd = mkstemp(tmp);
    if (fd < 0) {
        rc = dkg_error_set(err, DKG_EIO, "cannot create a temporary file beside it: %s",
                           strerror(errno));
        dkg_error_locate(err, path, 0, 0, -1);
        free(tmp);
        return rc;
    }
    if (fchmod(fd, target_mode(path)) != 0) {
        rc = dkg_error_set(err, DKG_EIO, "cannot set the mode of %s: %s", tmp, strerror(errno));
        goto fail;
    }
    if ((rc = dkg_graph_write_fd(g, fd, path, err)) != 0) {
        goto fail;
    }
    if (fsync(fd) != 0) {
        rc = dkg_error_set(err, DKG_EIO, "cannot write: %s", strerror(errno));
        goto fail;
    }
    int closed = close(fd);
    fd = -1;
    if (closed != 0) {
        rc = dkg_error_set(err, DKG_EIO, "cannot write: %s", strerror(errno));
        goto fail;
    }
    if (rename(tmp, path) != 0) {
        rc = dkg_error_set(err, DKG_EIO, "cannot replace the file: %s", strerror(errno));
        goto fail;
    }
    /* Make the rename itself durable; failing here loses nothing already written. */
    {
        char *dir = strdup(path);
        char *slash = dir != NULL ? strrchr(dir, '/') : NULL;
        const char *dname = slash == NULL ? "." : (slash == dir ? "/" : dir);
        if (slash != NULL && slash != dir) {
            *slash = '\0';
        }
        int dfd = dir != NULL ? open(dname, O_RDONLY) : -1;
        if (dfd >= 0) {
            fsync(dfd);
            close(dfd);
        }
        free(dir);
    }
    free(tmp);
    return 0;

fail:
    if (fd >= 0) {
        close(fd);
    }
    unlink(tmp);
    free(tmp);
    if (err != NULL && err->file[0] == '\0') {
        dkg_error_locate(err, path, 0, 0, -1);
    }
    return rc;
}

/* ---- reading ------------------------------------------------------------------------ */

typedef struct node_claim {
    long mentions;
    long articles;
    const char *first_seen;
    const char *last_seen;
    size_t offset; /* where the record starts */
} node_claim;

typedef struct loader {
    dkg__jctx c;
    dkg_graph *g;
    node_claim *claims;
    size_t n_claims;
    size_t cap_claims;
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

static int read_node(loader *l, dkg__jpath *p, const cJSON *o, size_t off)
{
    const char *id = NULL, *type = NULL, *name = NULL, *country = NULL;
    const cJSON *aliases = NULL, *roles = NULL, *item = NULL;
    int known = 0, rc = 0, created = 0;
    node_claim cl = {0, 0, NULL, NULL, off};
    if (!cJSON_IsObject(o)) {
        return dkg__jfail(&l->c, p, "expected an object");
    }
    if ((rc = dkg__jstring(&l->c, p, o, "id", DKG__J_REQUIRED | DKG__J_NONEMPTY, &id)) ||
        (rc = dkg__jstring(&l->c, p, o, "type", DKG__J_REQUIRED | DKG__J_NONEMPTY, &type)) ||
        (rc = dkg__jstring(&l->c, p, o, "name", DKG__J_REQUIRED | DKG__J_NONEMPTY, &name)) ||
        (rc = dkg__jbool(&l->c, p, o, "known", DKG__J_REQUIRED, 0, &known)) ||
        (rc = dkg__jstring(&l->c, p, o, "country", DKG__J_REQUIRED | DKG__J_NULLABLE, &country)) ||
        (rc = dkg__jarray(&l->c, p, o, "aliases", DKG__J_REQUIRED, &aliases)) ||
        (rc = dkg__jarray(&l->c, p, o, "roles", DKG__J_REQUIRED, &roles)) ||
        (rc = dkg__jcount(&l->c, p, o, "mentions", DKG__J_REQUIRED, &cl.mentions)) ||
        (rc = dkg__jcount(&l->c, p, o, "articles", DKG__J_REQUIRED, &cl.articles)) ||
        (rc = dkg__jstring(&l->c, p, o, "first_seen", DKG__J_REQUIRED | DKG__J_NULLABLE,
                           &cl.first_seen)) ||
        (rc = dkg__jstring(&l->c, p, o, "last_seen", DKG__J_REQUIRED | DKG__J_NULLABLE,
                           &cl.last_seen))) {
        return rc;
    }
    igraph_integer_t v = dkg__graph_node_get_or_add(l->g, id, type, &created);
    if (v < 0) {
        return nomem(l);
    }
    if (!created) {
        dkg__jpush_key(p, "id");
        rc = dkg__jfail(&l->c, p, "duplicate node id \"%s\"", id);
        dkg__jpop(p);
        return rc;
    }
    if (dkg__graph_node_offer(l->g, v, known, name, country) != 0) {
        return nomem(l);
    }
    long i = 0;
    dkg__jpush_key(p, "aliases");
    cJSON_ArrayForEach(item, aliases)
    {
        dkg__jpush_index(p, i++);
        rc = dkg__jexpect_string(&l->c, p, item, 0);
        dkg__jpop(p);
        if (rc != 0) {
            return rc;
        }
        if (dkg__graph_node_add_alias(l->g, v, item->valuestring) != 0) {
            return nomem(l);
        }
    }
    dkg__jpop(p);
    i = 0;
    dkg__jpush_key(p, "roles");
    cJSON_ArrayForEach(item, roles)
    {
        dkg__role r;
        dkg__jpush_index(p, i++);
        if (!cJSON_IsObject(item)) {
            return dkg__jfail(&l->c, p, "expected an object");
        }
        if ((rc = dkg__jstring(&l->c, p, item, "title", DKG__J_REQUIRED | DKG__J_NONEMPTY,
                               &r.title)) ||
            (rc = dkg__jstring(&l->c, p, item, "of", DKG__J_NULLABLE, &r.of)) ||
            (rc = dkg__jstring(&l->c, p, item, "from", DKG__J_NULLABLE, &r.from)) ||
            (rc = dkg__jstring(&l->c, p, item, "to", DKG__J_NULLABLE, &r.to)) ||
            (rc = dkg__jstring(&l->c, p, item, "first_seen", DKG__J_NULLABLE, &r.first_seen)) ||
            (rc = dkg__jstring(&l->c, p, item, "last_seen", DKG__J_NULLABLE, &r.last_seen))) {
            return rc;
        }
        dkg__jpop(p);
        if (dkg__graph_node_add_role(l->g, v, &r) != 0) {
            return nomem(l);
        }
    }
    dkg__jpop(p);
    cl.first_seen = dkg__graph_intern(l->g, cl.first_seen);
    cl.last_seen = dkg__graph_intern(l->g, cl.last_seen);
    if (l->n_claims == l->cap_claims) {
        size_t cap = l->cap_claims == 0 ? 256 : l->cap_claims * 2;
        node_claim *c = realloc(l->claims, cap * sizeof *c);
        if (c == NULL) {
            return nomem(l);
        }
        l->claims = c;
        l->cap_claims = cap;
    }
    l->claims[l->n_claims++] = cl;
    return 0;
}

static int read_doc(loader *l, dkg__jpath *p, const cJSON *o, size_t off)
{
    (void)off;
    dkg__doc d = {NULL, NULL, NULL, NULL, -1, NULL, 0};
    const cJSON *mentions = NULL, *item = NULL;
    int rc = 0;
    if (!cJSON_IsObject(o)) {
        return dkg__jfail(&l->c, p, "expected an object");
    }
    if ((rc = dkg__jstring(&l->c, p, o, "id", DKG__J_REQUIRED | DKG__J_NONEMPTY, &d.id)) ||
        (rc = dkg__jstring(&l->c, p, o, "source", DKG__J_REQUIRED | DKG__J_NULLABLE,
                           &d.source)) ||
        (rc = dkg__jstring(&l->c, p, o, "date", DKG__J_REQUIRED | DKG__J_NULLABLE, &d.date)) ||
        (rc = dkg__jstring(&l->c, p, o, "title", DKG__J_REQUIRED | DKG__J_NULLABLE,
                           &d.title)) ||
        (rc = dkg__jcount(&l->c, p, o, "bytes", DKG__J_REQUIRED | DKG__J_NULLABLE, &d.bytes)) ||
        (rc = dkg__jobject(&l->c, p, o, "mentions", DKG__J_REQUIRED, &mentions))) {
        return rc;
    }
    if (dkg_graph_has_document(l->g, d.id)) {
        dkg__jpush_key(p, "id");
        rc = dkg__jfail(&l->c, p, "duplicate document id \"%s\"", d.id);
        dkg__jpop(p);
        return rc;
    }
    size_t n = (size_t)cJSON_GetArraySize(mentions);
    d.mentions = malloc((n > 0 ? n : 1) * sizeof *d.mentions);
    if (d.mentions == NULL) {
        return nomem(l);
    }
    dkg__jpush_key(p, "mentions");
    cJSON_ArrayForEach(item, mentions)
    {
        long count = 0;
        igraph_integer_t v = dkg__graph_find_node(l->g, item->string);
        if (v < 0) {
            dkg__jpush_key(p, item->string);
            rc = dkg__jfail(&l->c, p, "no node \"%s\"", item->string);
            dkg__jpop(p);
        } else {
            rc = dkg__jcount(&l->c, p, mentions, item->string, DKG__J_REQUIRED, &count);
        }
        if (rc != 0) {
            free(d.mentions);
            return rc;
        }
        d.mentions[d.n_mentions].node = v;
        d.mentions[d.n_mentions].count = count;
        d.n_mentions++;
    }
    dkg__jpop(p);
    rc = dkg__graph_doc_add(l->g, &d);
    free(d.mentions);
    return rc != 0 ? nomem(l) : 0;
}

static int endpoint(loader *l, dkg__jpath *p, const cJSON *o, const char *key,
                    igraph_integer_t *out)
{
    const char *id = NULL;
    int rc = dkg__jstring(&l->c, p, o, key, DKG__J_REQUIRED | DKG__J_NONEMPTY, &id);
    if (rc != 0) {
        return rc;
    }
    *out = dkg__graph_find_node(l->g, id);
    if (*out < 0) {
        dkg__jpush_key(p, key);
        rc = dkg__jfail(&l->c, p, "dangling edge endpoint \"%s\"", id);
        dkg__jpop(p);
    }
    return rc;
}

static int read_edge(loader *l, dkg__jpath *p, const cJSON *o, size_t off)
{
    (void)off;
    dkg__edge e;
    const cJSON *ev = NULL;
    int rc = 0;
    memset(&e, 0, sizeof e);
    if (!cJSON_IsObject(o)) {
        return dkg__jfail(&l->c, p, "expected an object");
    }
    if ((rc = dkg__jstring(&l->c, p, o, "doc", DKG__J_REQUIRED | DKG__J_NONEMPTY, &e.doc)) ||
        (rc = dkg__jstring(&l->c, p, o, "type", DKG__J_REQUIRED | DKG__J_NONEMPTY, &e.type)) ||
        (rc = endpoint(l, p, o, "source", &e.source)) ||
        (rc = endpoint(l, p, o, "target", &e.target)) ||
        (rc = dkg__jstring(&l->c, p, o, "status", DKG__J_REQUIRED, &e.status)) ||
        (rc = dkg__jstring(&l->c, p, o, "date", DKG__J_REQUIRED | DKG__J_NULLABLE, &e.date)) ||
        (rc = dkg__jstring(&l->c, p, o, "place", DKG__J_REQUIRED | DKG__J_NULLABLE, &e.place)) ||
        (rc = dkg__jstring(&l->c, p, o, "host", DKG__J_REQUIRED | DKG__J_NULLABLE, &e.host)) ||
        (rc = dkg__jstring(&l->c, p, o, "title", DKG__J_REQUIRED | DKG__J_NULLABLE, &e.title)) ||
        (rc = dkg__jstring(&l->c, p, o, "rule", DKG__J_REQUIRED | DKG__J_NULLABLE, &e.rule)) ||
        (rc = dkg__jstring(&l->c, p, o, "cameo", DKG__J_REQUIRED | DKG__J_NULLABLE, &e.cameo)) ||
        (rc = dkg__jobject(&l->c, p, o, "evidence", DKG__J_REQUIRED, &ev))) {
        return rc;
    }
    if (!dkg_graph_has_document(l->g, e.doc)) {
        dkg__jpush_key(p, "doc");
        rc = dkg__jfail(&l->c, p, "no document \"%s\"", e.doc);
        dkg__jpop(p);
        return rc;
    }
    if (strcmp(e.status, "occurred") != 0 && strcmp(e.status, "planned") != 0 &&
        strcmp(e.status, "negated") != 0) {
        dkg__jpush_key(p, "status");
        rc = dkg__jfail(&l->c, p, "unknown status \"%s\"", e.status);
        dkg__jpop(p);
        return rc;
    }
    dkg__jpush_key(p, "evidence");
    if ((rc = dkg__jcount(&l->c, p, ev, "start", DKG__J_REQUIRED, &e.evidence_start)) ||
        (rc = dkg__jcount(&l->c, p, ev, "end", DKG__J_REQUIRED, &e.evidence_end)) ||
        (rc = dkg__jstring(&l->c, p, ev, "text", DKG__J_REQUIRED | DKG__J_NULLABLE,
                           &e.evidence))) {
        return rc;
    }
    dkg__jpop(p);
    return dkg__graph_edge_add(l->g, &e) != 0 ? nomem(l) : 0;
}

typedef int (*record_reader)(loader *l, dkg__jpath *p, const cJSON *o, size_t off);

/* Read the array at buf[off] ('[' expected) one record at a time. */
static int read_array(loader *l, const char *key, size_t off, record_reader reader)
{
    const char *buf = l->c.buf;
    size_t len = l->c.len;
    dkg__jpath p = {.n = 0};
    size_t i = dkg__jskip_ws(buf, len, off);
    if (i >= len || buf[i] != '[') {
        dkg__jpush_key(&p, key);
        l->c.root_off = 0;
        l->c.root_depth = 0;
        return dkg__jfail(&l->c, &p, "expected an array");
    }
    i = dkg__jskip_ws(buf, len, i + 1);
    if (i < len && buf[i] == ']') {
        return 0;
    }
    for (long k = 0;; k++) {
        const char *end = NULL;
        cJSON *rec = cJSON_ParseWithLengthOpts(buf + i, len - i, &end, 0);
        if (rec == NULL) {
            size_t at = end != NULL ? (size_t)(end - buf) : i;
            return syntax(l, at, "graph file is not valid JSON");
        }
        dkg__jpush_key(&p, key);
        dkg__jpush_index(&p, k);
        l->c.root_off = i;
        l->c.root_depth = 2;
        int rc = reader(l, &p, rec, i);
        cJSON_Delete(rec);
        p.n = 0;
        if (rc != 0) {
            return rc;
        }
        i = dkg__jskip_ws(buf, len, (size_t)(end - buf));
        if (i < len && buf[i] == ',') {
            i = dkg__jskip_ws(buf, len, i + 1);
            continue;
        }
        if (i < len && buf[i] == ']') {
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

int dkg_graph_load_buffer(dkg_graph **out, const char *name, const char *buf, size_t len,
                          dkg_error *err)
{
    static const char *const sections[] = {"dkg_graph", "documents", "nodes", "edges"};
    size_t at[4] = {(size_t)-1, (size_t)-1, (size_t)-1, (size_t)-1};
    loader l;
    int rc = 0;
    memset(&l, 0, sizeof l);
    l.c = (dkg__jctx){err, name, buf, len, 1, 0, 0};

    /* The top level by hand: { "key": value, ... } with values skipped. */
    size_t i = dkg__jskip_ws(buf, len, 0);
    if (i >= len) {
        dkg_error_set(err, DKG_EPARSE, "graph file is empty");
        dkg__jlocate(&l.c, i);
        return DKG_EPARSE;
    }
    if (buf[i] != '{') {
        return syntax(&l, i, "graph file is not valid JSON: expected '{'");
    }
    i = dkg__jskip_ws(buf, len, i + 1);
    while (i < len && buf[i] != '}') {
        if (buf[i] != '"') {
            return syntax(&l, i, "graph file is not valid JSON: expected a key");
        }
        size_t kstart = i + 1;
        i = dkg__jskip_value(buf, len, i);
        if (i >= len) {
            return syntax(&l, i, "");
        }
        size_t klen = i - 1 - kstart;
        i = dkg__jskip_ws(buf, len, i);
        if (i >= len || buf[i] != ':') {
            return syntax(&l, i, "graph file is not valid JSON: expected ':'");
        }
        i = dkg__jskip_ws(buf, len, i + 1);
        for (int s = 0; s < 4; s++) {
            if (strlen(sections[s]) == klen && memcmp(buf + kstart, sections[s], klen) == 0) {
                if (at[s] != (size_t)-1) {
                    dkg_error_set(err, DKG_EPARSE, "duplicate key \"%s\"", sections[s]);
                    dkg__jlocate(&l.c, kstart - 1);
                    return DKG_EPARSE;
                }
                at[s] = i;
            }
        }
        if (i >= len) {
            return syntax(&l, i, "");
        }
        i = dkg__jskip_value(buf, len, i);
        i = dkg__jskip_ws(buf, len, i);
        if (i >= len) {
            return syntax(&l, i, "");
        }
        if (buf[i] == ',') {
            i = dkg__jskip_ws(buf, len, i + 1);
        } else if (buf[i] != '}') {
            return syntax(&l, i, "graph file is not valid JSON: expected ',' or '}'");
        }
    }
    if (i >= len) {
        return syntax(&l, i, "");
    }
    size_t tail = dkg__jskip_ws(buf, len, i + 1);
    if (tail < len) {
        return syntax(&l, tail, "unexpected text after the graph");
    }
    for (int s = 0; s < 4; s++) {
        if (at[s] == (size_t)-1) {
            dkg_error_set(err, DKG_EPARSE, "missing \"%s\"", sections[s]);
            dkg__jlocate(&l.c, dkg__jskip_ws(buf, len, 0));
            return DKG_EPARSE;
        }
    }
    {
        const char *end = NULL;
        cJSON *v = cJSON_ParseWithLengthOpts(buf + at[0], len - at[0], &end, 0);
        double ver = v != NULL && cJSON_IsNumber(v) ? v->valuedouble : -1;
        cJSON_Delete(v);
        if (ver > DKG_GRAPH_FORMAT_VERSION) {
            rc = dkg_error_set(err, DKG_EPARSE,
                               "dkg_graph: graph file version %g is newer than this dkg "
                               "supports (%d)",
                               ver, DKG_GRAPH_FORMAT_VERSION);
        } else if (ver != DKG_GRAPH_FORMAT_VERSION) {
            rc = dkg_error_set(err, DKG_EPARSE, "dkg_graph: expected the format version %d",
                               DKG_GRAPH_FORMAT_VERSION);
        }
        if (rc != 0) {
            dkg__jlocate(&l.c, at[0]);
            return rc;
        }
    }
    if ((rc = dkg_graph_new(&l.g, err)) != 0) {
        return rc;
    }
    if ((rc = read_array(&l, "nodes", at[2], read_node)) != 0 ||
        (rc = read_array(&l, "documents", at[1], read_doc)) != 0 ||
        (rc = check_claims(&l)) != 0 || (rc = read_array(&l, "edges", at[3], read_edge)) != 0) {
        goto fail;
    }
    if ((rc = dkg__graph_flush(l.g, err)) != 0) {
        goto fail;
    }
    free(l.claims);
    *out = l.g;
    return 0;

fail:
    free(l.claims);
    dkg_graph_free(l.g);
    return rc;
}

int dkg_graph_load(dkg_graph **out, const char *path, dkg_error *err)
{
    int rc = 0;
    char *buf = NULL;
    FILE *f = fopen(path, "rb");
    struct stat st;
    if (f == NULL) {
        rc = dkg_error_set(err, errno == ENOENT ? DKG_ENOTFOUND : DKG_EIO, "cannot open: %s",
                           strerror(errno));
        dkg_error_locate(err, path, 0, 0, -1);
        return rc;
    }
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        rc = dkg_error_set(err, DKG_EIO, "not a regular file");
        goto done;
    }
    if ((unsigned long long)st.st_size > (unsigned long long)DKG_MAX_GRAPH_FILE_BYTES) {
        rc = dkg_error_set(err, DKG_ELIMIT, "graph file larger than %zu bytes",
                           (size_t)DKG_MAX_GRAPH_FILE_BYTES);
        goto done;
    }
    size_t size = (size_t)st.st_size;
    buf = malloc(size + 1);
    if (buf == NULL) {
        rc = dkg_error_set(err, DKG_ENOMEM, "out of memory");
        goto done;
    }
    if (fread(buf, 1, size, f) != size || ferror(f)) {
        rc = dkg_error_set(err, DKG_EIO, "cannot read: %s", strerror(errno));
        goto done;
    }
    buf[size] = '\0';
    rc = dkg_graph_load_buffer(out, path, buf, size, err);
    free(buf);
    fclose(f);
    return rc;

done:
    dkg_error_locate(err, path, 0, 0, -1);
    free(buf);
    fclose(f);
    return rc;
}
