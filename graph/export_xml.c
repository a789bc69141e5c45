/* graph/export_xml.c - GraphML (through igraph's writer) and GEXF (our own).
 *
 * GraphML: the view is copied into a fresh igraph graph with the C attribute
 * handler and written by igraph_write_graph_graphml with prefixattr on, so
 * node and edge keys cannot collide ("v_type" vs "e_type") and every key is
 * typed (string, double, boolean). Using igraph's writer keeps us exactly in
 * step with what igraph's own reader accepts. Its pitfalls are handled
 * before it runs: control characters (it fails with IGRAPH_EINVAL and a
 * truncated file) are gone from the view's text; the caller writes through a
 * temporary file. igraph names nodes n0, n1... by vertex index, which is the
 * view's id order, so ids are stable for a given graph and filter; the entity
 * id travels in the "dkg_id" attribute (not "id": igraph's reader adds its
 * own "id" attribute holding the GraphML node ids). Gephi maps "label" and
 * "weight", so both are set. GraphML has no null, so null strings are "".
 *
 * GEXF: written here because igraph has no GEXF writer. Version 1.3 by
 * default; 1.2draft on request because NetworkX 2.x (Debian 12 ships
 * 2.8) only knows the 1.1/1.2draft namespaces. Each dated relation gets a
 * time spell covering the period its date may mean ("2025-12" spans the
 * month), with the graph in dynamic mode and timeformat "date", which is
 * what Gephi's timeline plays. Null values are simply absent attvalues.
 * Attribute values escape tab and newline as character references so XML
 * attribute-value normalisation does not turn them into spaces.
 */
#include <stdlib.h>
#include <string.h>

#include <igraph.h>

#include "export_internal.h"
#include "graph_internal.h"

/* ---- GraphML ---------------------------------------------------------------- */

static int set_vertex_strings(igraph_t *ig, const char *name, const dkg__xview *v,
                              const dkg__xattr *a, igraph_strvector_t *sv)
{
    for (size_t i = 0; i < v->n_nodes; i++) {
        const char *s = a != NULL ? dkg__xattr_str(a, &v->nodes[i]) : v->nodes[i].id;
        igraph_error_t rc = igraph_strvector_set(sv, (igraph_integer_t)i, s != NULL ? s : "");
        if (rc != IGRAPH_SUCCESS) {
            return rc;
        }
    }
    return igraph_cattribute_VAS_setv(ig, name, sv);
}

static int set_edge_strings(igraph_t *ig, const char *name, const dkg__xview *v,
                            const dkg__xattr *a, igraph_strvector_t *sv)
{
    for (size_t i = 0; i < v->n_edges; i++) {
        const char *s = a != NULL ? dkg__xattr_str(a, &v->edges[i]) : v->edges[i].id;
        igraph_error_t rc = igraph_strvector_set(sv, (igraph_integer_t)i, s != NULL ? s : "");
        if (rc != IGRAPH_SUCCESS) {
            return rc;
        }
    }
    return igraph_cattribute_EAS_setv(ig, name, sv);
}

int dkg__export_graphml(const dkg__xview *v, FILE *out, dkg_error *err)
{
    dkg__igraph_init();
    igraph_t ig;
    igraph_vector_int_t ends;
    igraph_strvector_t nsv;
    igraph_strvector_t esv;
    igraph_vector_t num;
    igraph_vector_bool_t flags;
    int have_graph = 0;
    int have_ends = 0;
    int have_nsv = 0;
    int have_esv = 0;
    int have_num = 0;
    int have_flags = 0;
    igraph_error_t irc;
    int rc = 0;
    const char *what = "building the GraphML graph";
    size_t nv = v->n_nodes;
    size_t ne = v->n_edges;

    if ((irc = igraph_empty(&ig, (igraph_integer_t)nv, IGRAPH_DIRECTED)) != IGRAPH_SUCCESS) {
        goto fail;
    }
    have_graph = 1;
    if ((irc = igraph_vector_int_init(&ends, (igraph_integer_t)(2 * ne))) != IGRAPH_SUCCESS) {
        goto fail;
    }
    have_ends = 1;
    for (size_t i = 0; i < ne; i++) {
        VECTOR(ends)[2 * i] = (igraph_integer_t)v->edges[i].source;
        VECTOR(ends)[2 * i + 1] = (igraph_integer_t)v->edges[i].target;
    }
    if ((irc = igraph_add_edges(&ig, &ends, NULL)) != IGRAPH_SUCCESS) {
        goto fail;
    }
    if ((irc = igraph_strvector_init(&nsv, (igraph_integer_t)nv)) != IGRAPH_SUCCESS) {
        goto fail;
    }
    have_nsv = 1;
    if ((irc = igraph_strvector_init(&esv, (igraph_integer_t)ne)) != IGRAPH_SUCCESS) {
        goto fail;
    }
    have_esv = 1;
    size_t nmax = nv > ne ? nv : ne;
    if ((irc = igraph_vector_init(&num, (igraph_integer_t)nmax)) != IGRAPH_SUCCESS) {
        goto fail;
    }
    have_num = 1;
    if ((irc = igraph_vector_bool_init(&flags, (igraph_integer_t)nmax)) != IGRAPH_SUCCESS) {
        goto fail;
    }
    have_flags = 1;

    /* Vertex attributes: dkg_id, label, then the shared table. */
    if ((irc = set_vertex_strings(&ig, "dkg_id", v, NULL, &nsv)) != IGRAPH_SUCCESS) {
        goto fail;
    }
    if ((irc = set_vertex_strings(&ig, "label", v, &dkg__xnode_attrs[0], &nsv)) !=
        IGRAPH_SUCCESS) {
        goto fail;
    }
    igraph_vector_resize(&num, (igraph_integer_t)nv);
    igraph_vector_bool_resize(&flags, (igraph_integer_t)nv);
    for (size_t k = 0; k < dkg__n_xnode_attrs; k++) {
        const dkg__xattr *a = &dkg__xnode_attrs[k];
        if (a->kind == 's') {
            irc = set_vertex_strings(&ig, a->name, v, a, &nsv);
        } else if (a->kind == 'l') {
            for (size_t i = 0; i < nv; i++) {
                VECTOR(num)[i] = (igraph_real_t)dkg__xattr_long(a, &v->nodes[i]);
            }
            irc = igraph_cattribute_VAN_setv(&ig, a->name, &num);
        } else {
            for (size_t i = 0; i < nv; i++) {
                VECTOR(flags)[i] = dkg__xattr_long(a, &v->nodes[i]) != 0;
            }
            irc = igraph_cattribute_VAB_setv(&ig, a->name, &flags);
        }
        if (irc != IGRAPH_SUCCESS) {
            goto fail;
        }
    }

    /* Edge attributes: dkg_id, label (the type), weight (the count), table. */
    if ((irc = set_edge_strings(&ig, "dkg_id", v, NULL, &esv)) != IGRAPH_SUCCESS) {
        goto fail;
    }
    if ((irc = set_edge_strings(&ig, "label", v, &dkg__xedge_attrs[0], &esv)) !=
        IGRAPH_SUCCESS) {
        goto fail;
    }
    igraph_vector_resize(&num, (igraph_integer_t)ne);
    igraph_vector_bool_resize(&flags, (igraph_integer_t)ne);
    for (size_t i = 0; i < ne; i++) {
        VECTOR(num)[i] = (igraph_real_t)v->edges[i].count;
    }
    if ((irc = igraph_cattribute_EAN_setv(&ig, "weight", &num)) != IGRAPH_SUCCESS) {
        goto fail;
    }
    for (size_t k = 0; k < dkg__n_xedge_attrs; k++) {
        const dkg__xattr *a = &dkg__xedge_attrs[k];
        if (a->kind == 's') {
            irc = set_edge_strings(&ig, a->name, v, a, &esv);
        } else if (a->kind == 'l') {
            for (size_t i = 0; i < ne; i++) {
                VECTOR(num)[i] = (igraph_real_t)dkg__xattr_long(a, &v->edges[i]);
            }
            irc = igraph_cattribute_EAN_setv(&ig, a->name, &num);
        } else {
            for (size_t i = 0; i < ne; i++) {
                VECTOR(flags)[i] = dkg__xattr_long(a, &v->edges[i]) != 0;
            }
            irc = igraph_cattribute_EAB_setv(&ig, a->name, &flags);
        }
        if (irc != IGRAPH_SUCCESS) {
            goto fail;
        }
    }
    what = "writing GraphML";
    if ((irc = igraph_write_graph_graphml(&ig, out, /*prefixattr=*/1)) != IGRAPH_SUCCESS) {
        goto fail;
    }
    if (ferror(out)) {
        rc = dkg_error_set(err, DKG_EIO, "write failed");
    }
    goto cleanup;

fail:
    rc = dkg__igraph_error(err, irc, what);
cleanup:
    if (have_flags) {
        igraph_vector_bool_destroy(&flags);
    }
    if (have_num) {
        igraph_vector_destroy(&num);
    }
    if (have_esv) {
        igraph_strvector_destroy(&esv);
    }
    if (have_nsv) {
        igraph_strvector_destroy(&nsv);
    }
    if (have_ends) {
        igraph_vector_int_destroy(&ends);
    }
    if (have_graph) {
        igraph_destroy(&ig);
    }
    return rc;
}

/* ---- GEXF ------------------------------------------------------------------- */

/* XML-escape s into out; attr also escapes quotes, tab and newline. */
static void xml_put(FILE *out, const char *s, int attr)
{
    for (; *s != '\0'; s++) {
        switch (*s) {
        case '&':
            fputs("&amp;", out);
            break;
        case '<':
            fputs("&lt;", out);
            break;
        case '>':
            fputs("&gt;", out);
            break;
        case '"':
            fputs(attr ? "&quot;" : "\"", out);
            break;
        case '\n':
            fputs(attr ? "&#10;" : "\n", out);
            break;
        case '\t':
            fputs(attr ? "&#9;" : "\t", out);
            break;
        default:
            putc(*s, out);
        }
    }
}

static const char *gexf_type(char kind)
{
    return kind == 's' ? "string" : (kind == 'l' ? "long" : "boolean");
}

static void gexf_attvalues(FILE *out, const dkg__xattr *attrs, size_t n, const void *rec,
                           const char *indent)
{
    fprintf(out, "%s<attvalues>\n", indent);
    for (size_t k = 0; k < n; k++) {
        const dkg__xattr *a = &attrs[k];
        if (a->kind == 's') {
            const char *s = dkg__xattr_str(a, rec);
            if (s == NULL) {
                continue;
            }
            fprintf(out, "%s  <attvalue for=\"%s\" value=\"", indent, a->name);
            xml_put(out, s, 1);
            fputs("\"/>\n", out);
        } else if (a->kind == 'l') {
            fprintf(out, "%s  <attvalue for=\"%s\" value=\"%ld\"/>\n", indent, a->name,
                    dkg__xattr_long(a, rec));
        } else {
            fprintf(out, "%s  <attvalue for=\"%s\" value=\"%s\"/>\n", indent, a->name,
                    dkg__xattr_long(a, rec) ? "true" : "false");
        }
    }
    fprintf(out, "%s</attvalues>\n", indent);
}

int dkg__export_gexf(const dkg__xview *v, const char *version, FILE *out, dkg_error *err)
{
    int v13 = strcmp(version, "1.2") != 0;
    const char *ns = v13 ? "http://gexf.net/1.3" : "http://www.gexf.net/1.2draft";
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
    fprintf(out,
            "<gexf xmlns=\"%s\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
            "xsi:schemaLocation=\"%s %s/gexf.xsd\" version=\"%s\">\n",
            ns, ns, ns, v13 ? "1.3" : "1.2");
    fputs("  <meta>\n    <creator>dkg</creator>\n    <description>", out);
    xml_put(out, v->title, 0);
    if (v->filters[0] != '\0') {
        fputs(" (", out);
        xml_put(out, v->filters, 0);
        fputs(")", out);
    }
    fputs("</description>\n  </meta>\n", out);
    fputs("  <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"date\">\n", out);
    fputs("    <attributes class=\"node\" mode=\"static\">\n", out);
    for (size_t k = 0; k < dkg__n_xnode_attrs; k++) {
        fprintf(out, "      <attribute id=\"%s\" title=\"%s\" type=\"%s\"/>\n",
                dkg__xnode_attrs[k].name, dkg__xnode_attrs[k].name,
                gexf_type(dkg__xnode_attrs[k].kind));
    }
    fputs("    </attributes>\n    <attributes class=\"edge\" mode=\"static\">\n", out);
    for (size_t k = 0; k < dkg__n_xedge_attrs; k++) {
        fprintf(out, "      <attribute id=\"%s\" title=\"%s\" type=\"%s\"/>\n",
                dkg__xedge_attrs[k].name, dkg__xedge_attrs[k].name,
                gexf_type(dkg__xedge_attrs[k].kind));
    }
    fputs("    </attributes>\n    <nodes>\n", out);
    for (size_t i = 0; i < v->n_nodes; i++) {
        const dkg__xnode *n = &v->nodes[i];
        fputs("      <node id=\"", out);
        xml_put(out, n->id, 1);
        fputs("\" label=\"", out);
        xml_put(out, n->name, 1);
        fputs("\">\n", out);
        gexf_attvalues(out, dkg__xnode_attrs, dkg__n_xnode_attrs, n, "        ");
        fputs("      </node>\n", out);
    }
    fputs("    </nodes>\n    <edges>\n", out);
    for (size_t i = 0; i < v->n_edges; i++) {
        const dkg__xedge *e = &v->edges[i];
        fputs("      <edge id=\"", out);
        xml_put(out, e->id, 1);
        fputs("\" source=\"", out);
        xml_put(out, v->nodes[e->source].id, 1);
        fputs("\" target=\"", out);
        xml_put(out, v->nodes[e->target].id, 1);
        fputs("\" label=\"", out);
        xml_put(out, e->type, 1);
        if (v13) {
            /* Gephi keeps parallel edges apart when their kinds differ. */
            fputs("\" kind=\"", out);
            xml_put(out, e->type, 1);
        }
        fprintf(out, "\" weight=\"%ld\">\n", e->count);
        gexf_attvalues(out, dkg__xedge_attrs, dkg__n_xedge_attrs, e, "        ");
        char lo[11];
        char hi[11];
        char lo2[11];
        char hi2[11];
        if (e->first_date != NULL && e->last_date != NULL &&
            dkg__xdate_bounds(e->first_date, lo, hi) == 0 &&
            dkg__xdate_bounds(e->last_date, lo2, hi2) == 0) {
            fprintf(out,
                    "        <spells>\n          <spell start=\"%s\" end=\"%s\"/>\n"
                    "        </spells>\n",
                    lo, hi2);
        }
        fputs("      </edge>\n", out);
    }
    fputs("    </edges>\n  </graph>\n</gexf>\n", out);
    if (ferror(out)) {
        return dkg_error_set(err, DKG_EIO, "write failed");
    }
    return 0;
}
