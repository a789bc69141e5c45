/* dkg/graph.h - the knowledge graph store (igraph underneath, never exposed).
 *
 * A dkg_graph holds one node per entity id, one edge per relation instance
 * (a multigraph: every meeting remembers its article, date, place and
 * sentence) and a table of the documents (articles) it was built from. It
 * grows one extraction (the JSON `dkg extract` prints, contract v1) at a time,
 * merges with other graphs, and saves to / loads from the graph JSON file
 * described in docs/graph-format.md.
 *
 * Ownership in one line: a dkg_graph comes from dkg_graph_new or
 * dkg_graph_load, belongs to the caller and is released with dkg_graph_free
 * (which accepts NULL); strings passed in are copied.
 *
 * Threads: igraph keeps process-global state (error handler, attribute table,
 * cleanup stack), so every dkg_graph_* call must happen on one thread, the
 * same one for the whole process. Extraction may run on other threads; hand
 * its results to that thread in order.
 *
 * Canonical files: dkg_graph_save writes documents sorted by id, nodes sorted
 * by id and edges in a total order over all their fields, with aliases and
 * roles sorted. So the same set of articles gives a byte-identical file
 * whatever order they were added in and however they were split across
 * dkg_graph_merge, and load -> save reproduces a file byte for byte.
 */
#ifndef DKG_GRAPH_H
#define DKG_GRAPH_H

#include <stddef.h>

#include "dkg/error.h"

/* Version of the graph JSON file format this build reads and writes. */
#define DKG_GRAPH_FORMAT_VERSION 1

/* Largest graph file dkg_graph_load reads (DKG_ELIMIT beyond). */
#define DKG_MAX_GRAPH_FILE_BYTES ((size_t)2 * 1024 * 1024 * 1024)

/* Largest extraction object dkg_graph_add_extraction accepts. */
#define DKG_MAX_EXTRACTION_BYTES ((size_t)80 * 1024 * 1024)

typedef struct dkg_graph dkg_graph;

/* Version of the igraph library graph/ links, e.g. "0.10.2". */
const char *dkg_igraph_version(void);

/* An empty graph. The first call also installs dkg's igraph attribute table,
 * error handler and warning handler (igraph never aborts or prints).
 * Returns 0 or DKG_ENOMEM. */
int dkg_graph_new(dkg_graph **out, dkg_error *err);

/* Release g and everything it owns. Accepts NULL. */
void dkg_graph_free(dkg_graph *g);

/* Add one extraction object (json[0..len), UTF-8, the v1 contract of
 * `dkg extract`; need not be NUL-terminated). name and line say where the
 * object came from (a file name or "<stdin>", and its 1-based first line, or
 * 0) and are used only in error messages; name may be NULL.
 *
 * The object is validated completely before anything is added, so a bad
 * extraction leaves g unchanged: DKG_EPARSE with err->file = name, err->line
 * and err->column inside the input, and the JSON path in the message
 * ("relations[2].source: no entity \"person/x\" in this extraction").
 *
 * When the document id is already in g nothing changes and *added_out is 0
 * (a re-added article is skipped); otherwise *added_out is 1. added_out may
 * be NULL. Returns 0, DKG_EPARSE, DKG_ELIMIT or DKG_ENOMEM (after which g is
 * still a valid graph but may hold part of the extraction).
 * Cost: O(size of the extraction) expected; edges reach igraph in batches. */
int dkg_graph_add_extraction(dkg_graph *g, const char *json, size_t len, const char *name,
                             long line, int *added_out, dkg_error *err);

/* Add every document of src (with its nodes' data and edges) that dst does
 * not hold yet; documents dst already has are skipped. Aliases and roles are
 * united, the node name is chosen by a fixed rule (lexicon names first, then
 * the smallest in byte order), so merging is associative and commutative:
 * merge(A, B) saves byte-identical to building from the articles of A and B.
 * src is not modified. Returns 0 or DKG_ENOMEM.
 * Cost: O(size of src) expected. */
int dkg_graph_merge(dkg_graph *dst, const dkg_graph *src, dkg_error *err);

/* Read a graph file written by dkg_graph_save. Every field is validated:
 * malformed JSON, a truncated file, a newer format version, wrong types,
 * missing fields, duplicate ids and edges whose endpoints are not nodes
 * ("dangling edge endpoint") give DKG_EPARSE with err->file = path,
 * err->line/column of the offending value and its JSON path in the message
 * ("edges[12].source: dangling edge endpoint \"person/x\""). Unreadable file:
 * DKG_EIO (DKG_ENOTFOUND when it does not exist); larger than
 * DKG_MAX_GRAPH_FILE_BYTES: DKG_ELIMIT. *out is set only on success.
 * Peak memory: the file once plus the graph (records are parsed one by one).
 */
int dkg_graph_load(dkg_graph **out, const char *path, dkg_error *err);

/* Same, from a buffer; name is used in error messages. */
int dkg_graph_load_buffer(dkg_graph **out, const char *name, const char *buf, size_t len,
                          dkg_error *err);

/* Write g to path in the canonical graph JSON format: to a temporary file
 * beside path (path.tmp.XXXXXX), record by record, flushed and fsync'd, then
 * renamed over path. On any error (a full disk, a failed write, rename) the
 * temporary file is removed and path is left as it was: DKG_EIO with
 * err->file = path. Returns 0, DKG_EIO or DKG_ENOMEM.
 * Cost: O(E log E) for sorting edges plus the output size; memory O(E) for
 * the sort order plus one record. g is not changed (it is non-const only so
 * that later versions may flush caches). */
int dkg_graph_save(dkg_graph *g, const char *path, dkg_error *err);

/* Write the canonical graph JSON to an open file descriptor (no rename, no
 * fsync). For `-o -` style output and tests. Returns 0, DKG_EIO or
 * DKG_ENOMEM; name is used in error messages. */
int dkg_graph_write_fd(dkg_graph *g, int fd, const char *name, dkg_error *err);

/* Counts. O(1). */
size_t dkg_graph_node_count(const dkg_graph *g);
size_t dkg_graph_edge_count(const dkg_graph *g);
size_t dkg_graph_document_count(const dkg_graph *g);

/* 1 when a document with this id is in g, else 0. O(1) expected. */
int dkg_graph_has_document(const dkg_graph *g, const char *doc_id);

#endif
