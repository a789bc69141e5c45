/* graph/export_internal.h - the export view shared by the export writers (not installed).
 *
 * Every writer works on one "view" of the graph: the nodes and edges that pass
 * the filters, in a deterministic order, with text already cleaned (valid
 * UTF-8, no control characters but tab and newline) and the lookups a writer
 * needs done once (place name, article title). Writers never see igraph or
 * the graph's own arrays, so a format is a function of the view alone, and
 * filtering, aggregation and cleaning are written and tested once.
 */
#ifndef DKG_EXPORT_INTERNAL_H
#define DKG_EXPORT_INTERNAL_H

#include <stddef.h>
#include <stdio.h>

#include "dkg/error.h"
#include "dkg/export.h"

typedef struct dkg__xnode {
    const char *id;      /* entity id, the stable node id of every format */
    const char *type;    /* person, country, place, organization, ... */
    const char *name;
    const char *country; /* ISO alpha-3 or NULL */
    int known;
    const char *aliases; /* every alias, joined by "; " ("" when none) */
    const char *roles;   /* "President of country/FRA; ..." ("" when none) */
    long mentions;
    long articles;
    const char *first_seen; /* or NULL */
    const char *last_seen;  /* or NULL */
    long degree;            /* edges of the view touching it */
} dkg__xnode;

typedef struct dkg__xedge {
    const char *id;        /* "e<k>" (k: canonical position in the graph), or
                              "type:source->target" for aggregated edges */
    size_t source;         /* index into view nodes */
    size_t target;
    const char *type;
    const char *status;    /* aggregated: distinct statuses, sorted, joined by "," */
    const char *date;      /* or NULL; aggregated: the first instance's date */
    const char *date_lo;   /* first day the date may mean, or NULL */
    const char *date_hi;   /* last day the date may mean, or NULL */
    const char *place;     /* entity id or NULL */
    const char *place_name; /* or NULL */
    const char *host;      /* entity id or NULL */
    const char *title;     /* role title or NULL */
    const char *rule;      /* or NULL */
    const char *cameo;     /* or NULL */
    const char *article;   /* document id; aggregated: the documents, sorted, joined by " " */
    const char *article_title;  /* or NULL */
    const char *article_source; /* or NULL */
    const char *article_date;   /* or NULL */
    const char *evidence;  /* the sentence, or NULL */
    long evidence_start;
    long evidence_end;
    long count;            /* 1, or the number of aggregated relations */
    const char *first_date; /* aggregated: earliest date (or NULL); else = date */
    const char *last_date;  /* aggregated: latest date (or NULL); else = date */
    int symmetric;         /* meet, call, agree: direction carries no meaning */
} dkg__xedge;

/* A block arena for the view's strings: everything is freed at once. */
typedef struct dkg__arena {
    struct dkg__arena_block *head;
} dkg__arena;

typedef struct dkg__xview {
    dkg__xnode *nodes; /* sorted by id */
    size_t n_nodes;
    dkg__xedge *edges; /* canonical graph order (aggregated: by type, source, target) */
    size_t n_edges;
    int aggregated;
    const char *title; /* cleaned options title, or a default */
    const char *filters; /* a one-line description of the filters applied, "" when none */
    dkg__arena arena;
} dkg__xview;

/* Build the view of g under opts (filters, ego, aggregation). Returns 0,
 * DKG_EINVAL, DKG_ENOTFOUND, DKG_EAMBIGUOUS or DKG_ENOMEM. */
int dkg__xview_build(dkg__xview *out, const dkg_graph *g, const dkg_export_options *opts,
                     dkg_error *err);
void dkg__xview_destroy(dkg__xview *v);

/* Arena copy of s[0..len) cleaned: invalid UTF-8 -> U+FFFD, C0 controls other
 * than tab and newline, DEL and U+FFFE/U+FFFF dropped. NULL s gives NULL;
 * NULL is also returned on ENOMEM (check s != NULL). */
const char *dkg__arena_clean(dkg__arena *a, const char *s, size_t len);
/* Arena copy of a NUL-terminated string without cleaning. */
const char *dkg__arena_strdup(dkg__arena *a, const char *s);
void dkg__arena_destroy(dkg__arena *a);

/* ---- filters (export_filter.c) --------------------------------------------- */

/* Check "YYYY", "YYYY-MM" or "YYYY-MM-DD"; 1 when valid. */
int dkg__xdate_valid(const char *d);
/* First and last day of a date of any precision ("2025" -> 2025-01-01, 2025-12-31).
 * Returns 0, or -1 when d is not a valid date. */
int dkg__xdate_bounds(const char *d, char lo[11], char hi[11]);

/* Resolve a name to a vertex index: entity id, then name and aliases folded
 * (case and accents), then the last word of names. Returns 0 and *vertex_out,
 * DKG_ENOTFOUND (message suggests close names) or DKG_EAMBIGUOUS (lists them). */
int dkg__xresolve(const dkg_graph *g, const char *name, size_t *vertex_out, dkg_error *err);

/* ---- writers: each returns 0, DKG_EIO (stream error) or DKG_ENOMEM ---------- */

int dkg__export_graphml(const dkg__xview *v, FILE *out, dkg_error *err);
int dkg__export_gexf(const dkg__xview *v, const char *version, FILE *out, dkg_error *err);
int dkg__export_nodelink(const dkg__xview *v, const char *links_key, FILE *out, dkg_error *err);
int dkg__export_cytoscape(const dkg__xview *v, FILE *out, dkg_error *err);
int dkg__export_jgf(const dkg__xview *v, FILE *out, dkg_error *err);
int dkg__export_dot(const dkg__xview *v, FILE *out, dkg_error *err);
int dkg__export_html(const dkg__xview *v, FILE *out, dkg_error *err);
/* The Cytoscape.js JSON of v with every '<' escaped, for a <script> element
 * of the HTML viewer. */
int dkg__export_html_data(const dkg__xview *v, FILE *out, dkg_error *err);
/* The two CSV files into dir (temp + rename each) and the README. */
int dkg__export_neo4j(const dkg__xview *v, const char *dir, dkg_error *err);
/* Render the DOT of v with Graphviz into out_path ("svg" or "png"). */
int dkg__export_graphviz(const dkg__xview *v, const char *gv_format, const char *out_path,
                         dkg_error *err);

/* The scalar properties of nodes and edges as a table, so the tabular formats
 * (GraphML, GEXF, Neo4j, DOT) list the same fields in the same order. kind is
 * 's' (const char *, NULL = null), 'l' (long) or 'b' (int, boolean). */
typedef struct dkg__xattr {
    const char *name;
    char kind;
    size_t offset;
} dkg__xattr;
extern const dkg__xattr dkg__xnode_attrs[];
extern const size_t dkg__n_xnode_attrs;
extern const dkg__xattr dkg__xedge_attrs[];
extern const size_t dkg__n_xedge_attrs;
/* The field of a record as a string (NULL for null) or as a long. */
static inline const char *dkg__xattr_str(const dkg__xattr *a, const void *rec)
{
    return *(const char *const *)((const char *)rec + a->offset);
}
static inline long dkg__xattr_long(const dkg__xattr *a, const void *rec)
{
    return a->kind == 'b' ? (long)*(const int *)((const char *)rec + a->offset)
                          : *(const long *)((const char *)rec + a->offset);
}

/* Colours shared by DOT and HTML so the pictures agree. */
const char *dkg__node_colour(const char *type);
const char *dkg__edge_colour(const char *type);

/* Open a temporary file beside path (path.tmp.XXXXXX): *tmp_out receives its
 * malloc'd name. When path is a device, pipe or symbolic link (-o /dev/null,
 * -o /dev/stdout), it is opened itself and *tmp_out is NULL: renaming over it
 * would replace the device node or the link.
 * A directory is an error. Returns the stream or NULL with err filled. */
FILE *dkg__export_tmp_open(const char *path, char **tmp_out, dkg_error *err);
/* Flush, fsync, close f and rename tmp over path; on any failure remove tmp.
 * ok = 0 means the write already failed: just close and remove. tmp NULL
 * (written in place): flush and close only. Frees tmp. */
int dkg__export_tmp_commit(FILE *f, char *tmp, const char *path, int ok, dkg_error *err);
/* 1 when path is a symbolic link (not to a directory), or exists and is
 * neither a regular file nor a directory: such a path is written in place. */
int dkg__export_is_special(const char *path);
/* Create an empty scratch file in $TMPDIR (or /tmp); *path_out is malloc'd. */
int dkg__export_scratch(char **path_out, dkg_error *err);

#endif
