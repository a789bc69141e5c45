/* graph/export_json.c - the JSON exports: NetworkX node-link, Cytoscape.js
 * elements, JSON Graph Format v2, and the data block of the HTML viewer.
 *
 * The three formats carry the same node and edge properties (built once, by
 * node_props/edge_props) and differ only in their wrapping:
 * - node-link: {"directed", "multigraph", "graph", "nodes": [{"id", ...}],
 *   "edges"|"links": [{"source", "target", "key", ...}]} as NetworkX's
 *   node_link_graph reads it; the edge list key is "edges" from NetworkX 3.4
 *   on and "links" before (Debian 12 ships 2.8), hence --links-key. "key" is
 *   the edge id, so parallel edges stay apart in a MultiDiGraph.
 * - Cytoscape.js: {"elements": {"nodes": [{"data": {...}}], "edges": [...]}},
 *   the shape Cytoscape desktop's "Cytoscape JSON" import reads.
 * - JGF v2: {"graph": {"nodes": {ID: {"label", "metadata"}}, "edges": [...]}}
 *   (nodes became an object keyed by id in v2).
 *
 * Output is printed record by record (one cJSON tree per node or edge) rather
 * than as one tree of the whole graph, so memory stays bounded by one record
 * (LIBRARIES.md, cJSON "Large output"). Every value we print is cleaned UTF-8
 * (export_view.c), which cJSON does not check itself.
 */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "export_internal.h"

/* cJSON string or null. */
static cJSON *str_or_null(const char *s)
{
    return s != NULL ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static int add(cJSON *obj, const char *key, cJSON *item)
{
    if (item == NULL) {
        return -1;
    }
    if (!cJSON_AddItemToObject(obj, key, item)) {
        cJSON_Delete(item);
        return -1;
    }
    return 0;
}

/* The properties every JSON format gives a node (without its id). */
static int node_props(cJSON *o, const dkg__xnode *n)
{
    int bad = 0;
    bad |= add(o, "label", cJSON_CreateString(n->name));
    bad |= add(o, "name", cJSON_CreateString(n->name));
    bad |= add(o, "type", cJSON_CreateString(n->type));
    bad |= add(o, "country", str_or_null(n->country));
    bad |= add(o, "known", cJSON_CreateBool(n->known));
    bad |= add(o, "aliases", cJSON_CreateString(n->aliases));
    bad |= add(o, "roles", cJSON_CreateString(n->roles));
    bad |= add(o, "mentions", cJSON_CreateNumber((double)n->mentions));
    bad |= add(o, "articles", cJSON_CreateNumber((double)n->articles));
    bad |= add(o, "first_seen", str_or_null(n->first_seen));
    bad |= add(o, "last_seen", str_or_null(n->last_seen));
    bad |= add(o, "degree", cJSON_CreateNumber((double)n->degree));
    return bad;
}

/* The properties every JSON format gives an edge (without id and ends). */
static int edge_props(cJSON *o, const dkg__xedge *e)
{
    int bad = 0;
    bad |= add(o, "label", cJSON_CreateString(e->type));
    bad |= add(o, "type", cJSON_CreateString(e->type));
    bad |= add(o, "status", cJSON_CreateString(e->status));
    bad |= add(o, "date", str_or_null(e->date));
    bad |= add(o, "place", str_or_null(e->place));
    bad |= add(o, "place_name", str_or_null(e->place_name));
    bad |= add(o, "host", str_or_null(e->host));
    bad |= add(o, "title", str_or_null(e->title));
    bad |= add(o, "rule", str_or_null(e->rule));
    bad |= add(o, "cameo", str_or_null(e->cameo));
    bad |= add(o, "article", cJSON_CreateString(e->article));
    bad |= add(o, "article_title", str_or_null(e->article_title));
    bad |= add(o, "article_source", str_or_null(e->article_source));
    bad |= add(o, "article_date", str_or_null(e->article_date));
    bad |= add(o, "evidence", str_or_null(e->evidence));
    bad |= add(o, "evidence_start", cJSON_CreateNumber((double)e->evidence_start));
    bad |= add(o, "evidence_end", cJSON_CreateNumber((double)e->evidence_end));
    bad |= add(o, "count", cJSON_CreateNumber((double)e->count));
    bad |= add(o, "weight", cJSON_CreateNumber((double)e->count));
    bad |= add(o, "first_date", str_or_null(e->first_date));
    bad |= add(o, "last_date", str_or_null(e->last_date));
    bad |= add(o, "symmetric", cJSON_CreateBool(e->symmetric));
    return bad;
}

/* Print one tree (then delete it); html escapes '<' so the text can sit in a
 * <script> element. Returns 0, DKG_ENOMEM or DKG_EIO. */
static int emit(FILE *out, cJSON *tree, int html, dkg_error *err)
{
    if (tree == NULL) {
        return dkg_error_set(err, DKG_ENOMEM, "out of memory writing JSON");
    }
    char *text = cJSON_PrintUnformatted(tree);
    cJSON_Delete(tree);
    if (text == NULL) {
        return dkg_error_set(err, DKG_ENOMEM, "out of memory writing JSON");
    }
    int rc = 0;
    if (html) {
        for (const char *p = text; *p != '\0'; p++) {
            if (*p == '<') {
                fputs("\\u003c", out);
            } else {
                putc(*p, out);
            }
        }
    } else {
        fputs(text, out);
    }
    if (ferror(out)) {
        rc = dkg_error_set(err, DKG_EIO, "write failed");
    }
    cJSON_free(text);
    return rc;
}

static cJSON *nodelink_node(const dkg__xnode *n)
{
    cJSON *o = cJSON_CreateObject();
    if (o != NULL && (add(o, "id", cJSON_CreateString(n->id)) != 0 || node_props(o, n) != 0)) {
        cJSON_Delete(o);
        o = NULL;
    }
    return o;
}

static cJSON *nodelink_edge(const dkg__xview *v, const dkg__xedge *e)
{
    cJSON *o = cJSON_CreateObject();
    if (o != NULL && (add(o, "source", cJSON_CreateString(v->nodes[e->source].id)) != 0 ||
                      add(o, "target", cJSON_CreateString(v->nodes[e->target].id)) != 0 ||
                      add(o, "key", cJSON_CreateString(e->id)) != 0 ||
                      add(o, "id", cJSON_CreateString(e->id)) != 0 || edge_props(o, e) != 0)) {
        cJSON_Delete(o);
        o = NULL;
    }
    return o;
}

static cJSON *graph_meta(const dkg__xview *v)
{
    cJSON *o = cJSON_CreateObject();
    if (o != NULL && (add(o, "name", cJSON_CreateString(v->title)) != 0 ||
                      add(o, "generator", cJSON_CreateString("dkg")) != 0 ||
                      add(o, "filters", cJSON_CreateString(v->filters)) != 0 ||
                      add(o, "aggregated", cJSON_CreateBool(v->aggregated)) != 0)) {
        cJSON_Delete(o);
        o = NULL;
    }
    return o;
}

int dkg__export_nodelink(const dkg__xview *v, const char *links_key, FILE *out, dkg_error *err)
{
    fputs("{\"directed\":true,\"multigraph\":true,\"graph\":", out);
    int rc = emit(out, graph_meta(v), 0, err);
    fputs(",\n\"nodes\":[\n", out);
    for (size_t i = 0; rc == 0 && i < v->n_nodes; i++) {
        rc = emit(out, nodelink_node(&v->nodes[i]), 0, err);
        fputs(i + 1 < v->n_nodes ? ",\n" : "\n", out);
    }
    fprintf(out, "],\n\"%s\":[\n", links_key);
    for (size_t i = 0; rc == 0 && i < v->n_edges; i++) {
        rc = emit(out, nodelink_edge(v, &v->edges[i]), 0, err);
        fputs(i + 1 < v->n_edges ? ",\n" : "\n", out);
    }
    fputs("]}\n", out);
    if (rc == 0 && ferror(out)) {
        rc = dkg_error_set(err, DKG_EIO, "write failed");
    }
    return rc;
}

/* {"data": {...}} for a node or an edge. */
static cJSON *cy_node(const dkg__xnode *n)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *d = cJSON_CreateObject();
    if (o == NULL || d == NULL || add(o, "data", d) != 0) {
        cJSON_Delete(o);
        return NULL;
    }
    if (add(d, "id", cJSON_CreateString(n->id)) != 0 || node_props(d, n) != 0) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static cJSON *cy_edge(const dkg__xview *v, const dkg__xedge *e)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *d = cJSON_CreateObject();
    if (o == NULL || d == NULL || add(o, "data", d) != 0) {
        cJSON_Delete(o);
        return NULL;
    }
    if (add(d, "id", cJSON_CreateString(e->id)) != 0 ||
        add(d, "source", cJSON_CreateString(v->nodes[e->source].id)) != 0 ||
        add(d, "target", cJSON_CreateString(v->nodes[e->target].id)) != 0 ||
        edge_props(d, e) != 0) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

/* Cytoscape.js JSON; html mode writes the same object safe for <script>. */
static int write_cy(const dkg__xview *v, FILE *out, int html, dkg_error *err)
{
    fputs("{\"format_version\":\"1.0\",\"generated_by\":\"dkg\","
          "\"target_cytoscapejs_version\":\"~3\",\"data\":",
          out);
    int rc = emit(out, graph_meta(v), html, err);
    fputs(",\n\"elements\":{\"nodes\":[\n", out);
    for (size_t i = 0; rc == 0 && i < v->n_nodes; i++) {
        rc = emit(out, cy_node(&v->nodes[i]), html, err);
        fputs(i + 1 < v->n_nodes ? ",\n" : "\n", out);
    }
    fputs("],\n\"edges\":[\n", out);
    for (size_t i = 0; rc == 0 && i < v->n_edges; i++) {
        rc = emit(out, cy_edge(v, &v->edges[i]), html, err);
        fputs(i + 1 < v->n_edges ? ",\n" : "\n", out);
    }
    fputs("]}}\n", out);
    if (rc == 0 && ferror(out)) {
        rc = dkg_error_set(err, DKG_EIO, "write failed");
    }
    return rc;
}

int dkg__export_cytoscape(const dkg__xview *v, FILE *out, dkg_error *err)
{
    return write_cy(v, out, 0, err);
}

int dkg__export_html_data(const dkg__xview *v, FILE *out, dkg_error *err)
{
    return write_cy(v, out, 1, err);
}

int dkg__export_jgf(const dkg__xview *v, FILE *out, dkg_error *err)
{
    cJSON *meta = graph_meta(v);
    fputs("{\"graph\":{\"id\":\"dkg\",\"type\":\"dkg-knowledge-graph\",\"label\":", out);
    int rc = emit(out, cJSON_CreateString(v->title), 0, err);
    fputs(",\"directed\":true,\"metadata\":", out);
    if (rc == 0) {
        rc = emit(out, meta, 0, err);
    } else {
        cJSON_Delete(meta);
    }
    fputs(",\n\"nodes\":{\n", out);
    for (size_t i = 0; rc == 0 && i < v->n_nodes; i++) {
        const dkg__xnode *n = &v->nodes[i];
        rc = emit(out, cJSON_CreateString(n->id), 0, err);
        fputc(':', out);
        cJSON *o = cJSON_CreateObject();
        cJSON *md = NULL;
        if (o == NULL || add(o, "label", cJSON_CreateString(n->name)) != 0 ||
            (md = cJSON_AddObjectToObject(o, "metadata")) == NULL || node_props(md, n) != 0) {
            cJSON_Delete(o);
            return dkg_error_set(err, DKG_ENOMEM, "out of memory writing JSON");
        }
        if (rc == 0) {
            rc = emit(out, o, 0, err);
        } else {
            cJSON_Delete(o);
        }
        fputs(i + 1 < v->n_nodes ? ",\n" : "\n", out);
    }
    fputs("},\n\"edges\":[\n", out);
    for (size_t i = 0; rc == 0 && i < v->n_edges; i++) {
        const dkg__xedge *e = &v->edges[i];
        cJSON *o = cJSON_CreateObject();
        int bad = o == NULL;
        if (!bad) {
            bad |= add(o, "id", cJSON_CreateString(e->id));
            bad |= add(o, "source", cJSON_CreateString(v->nodes[e->source].id));
            bad |= add(o, "target", cJSON_CreateString(v->nodes[e->target].id));
            bad |= add(o, "relation", cJSON_CreateString(e->type));
            bad |= add(o, "directed", cJSON_CreateBool(!e->symmetric));
            bad |= add(o, "label", cJSON_CreateString(e->type));
        }
        cJSON *md = bad ? NULL : cJSON_AddObjectToObject(o, "metadata");
        if (bad || md == NULL || edge_props(md, e) != 0) {
            cJSON_Delete(o);
            return dkg_error_set(err, DKG_ENOMEM, "out of memory writing JSON");
        }
        rc = emit(out, o, 0, err);
        fputs(i + 1 < v->n_edges ? ",\n" : "\n", out);
    }
    fputs("]}}\n", out);
    if (rc == 0 && ferror(out)) {
        rc = dkg_error_set(err, DKG_EIO, "write failed");
    }
    return rc;
}
