/* dkg/export.h - writing a knowledge graph in the formats other tools read.
 *
 * Formats: GraphML (igraph's writer, for Gephi, NetworkX, igraph), GEXF 1.3
 * (Gephi, with time spells), NetworkX node-link JSON, Cytoscape.js elements
 * JSON, JSON Graph Format v2, Neo4j bulk-import CSV (a folder), Graphviz DOT,
 * SVG/PNG (by running Graphviz's `dot` program), and a self-contained HTML
 * viewer. docs/export.md describes each for users.
 *
 * Every format keeps, per node: id, type, name, country; per edge: type,
 * status, date, place, CAMEO code, article and evidence sentence. Text is
 * cleaned once for all formats: invalid UTF-8 becomes U+FFFD and control
 * characters other than tab and newline are dropped (XML cannot hold them).
 *
 * Ownership in one line: options and strings are borrowed for the call;
 * nothing is kept. Threads: exports call igraph (GraphML, name resolution
 * through the graph), so run them on the graph's one thread.
 */
#ifndef DKG_EXPORT_H
#define DKG_EXPORT_H

#include <stdio.h>

#include "dkg/error.h"

typedef struct dkg_graph dkg_graph;

typedef enum dkg_export_format {
    DKG_EXPORT_GRAPHML = 0,
    DKG_EXPORT_GEXF,
    DKG_EXPORT_NODELINK,
    DKG_EXPORT_CYTOSCAPE,
    DKG_EXPORT_JGF,
    DKG_EXPORT_NEO4J, /* a directory: nodes.csv, relationships.csv, README.md */
    DKG_EXPORT_DOT,
    DKG_EXPORT_SVG, /* needs Graphviz's dot program on PATH */
    DKG_EXPORT_PNG, /* needs Graphviz's dot program on PATH; binary */
    DKG_EXPORT_HTML
} dkg_export_format;

/* Deepest --ego neighbourhood. */
#define DKG_EXPORT_MAX_DEPTH 10

typedef struct dkg_export_options {
    dkg_export_format format;
    const char *types;     /* relation types joined by commas, NULL = all */
    const char *since;     /* YYYY[-MM[-DD]] or NULL */
    const char *until;     /* YYYY[-MM[-DD]] or NULL */
    const char *country;   /* ISO 3166 alpha-3 (any case) or NULL */
    const char *status;    /* "occurred,planned", "any" or NULL (= any) */
    const char *ego;       /* entity name, alias or id, or NULL */
    int depth;             /* ego radius, 1..DKG_EXPORT_MAX_DEPTH (default 1) */
    int aggregate;         /* one edge per (pair, type) with count, first/last date */
    const char *links_key; /* nodelink: "edges" (NetworkX >= 3.4, default) or "links" */
    const char *gexf_version; /* "1.3" (default) or "1.2" (1.2draft, NetworkX 2.x) */
    const char *title;     /* shown by the HTML viewer and put in metadata, or NULL */
} dkg_export_options;

/* Defaults: GraphML, no filters, depth 1, links key "edges", GEXF 1.3. */
void dkg_export_options_init(dkg_export_options *opts);

/* The format named name ("graphml", "gexf", "nodelink", "cytoscape", "jgf",
 * "neo4j", "dot", "svg", "png", "html"). Returns 0 or DKG_EINVAL. */
int dkg_export_format_parse(const char *name, dkg_export_format *out);

/* The name of a format, "graphml" for DKG_EXPORT_GRAPHML. */
const char *dkg_export_format_name(dkg_export_format format);

/* 1 when the format can be written to a stream (stdout), 0 when it needs a
 * path (neo4j: a directory; png: binary data). */
int dkg_export_streamable(dkg_export_format format);

/* Check the options alone (format-specific values, dates, depth) before the
 * graph is loaded. Returns 0 or DKG_EINVAL with a one-line message. */
int dkg_export_options_check(const dkg_export_options *opts, dkg_error *err);

/* Write the (filtered) graph to an open stream. Not for neo4j or png.
 * Returns 0, DKG_EINVAL (bad option, format not streamable),
 * DKG_ENOTFOUND / DKG_EAMBIGUOUS (the ego name), DKG_EIO (write failed, or
 * Graphviz missing or failing for svg: the message says which package to
 * install) or DKG_ENOMEM. On failure part of the output may have been written.
 * Cost: O(V + E) plus sorting, and the layout time of `dot` for svg. */
int dkg_export_write(const dkg_graph *g, const dkg_export_options *opts, FILE *out,
                     dkg_error *err);

/* Write the (filtered) graph to path: a file, or for neo4j a directory
 * (created when missing; its nodes.csv, relationships.csv and README.md are
 * replaced). Each file is written to a temporary name beside its target and
 * renamed into place, so an error leaves the previous file intact.
 * Returns like dkg_export_write, with err->file = path on DKG_EIO. */
int dkg_export_save(const dkg_graph *g, const dkg_export_options *opts, const char *path,
                    dkg_error *err);

#endif
