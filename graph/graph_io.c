/* graph/graph_io.c - writing the graph JSON file, canonical and crash-safe.
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
 * Reading is graph_load.c.
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
