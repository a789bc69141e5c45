/* dkg/graph.h - the knowledge graph store (igraph underneath, never exposed).
 * The graph issue fills this header in; see issues. */
#ifndef DKG_GRAPH_H
#define DKG_GRAPH_H

#include "dkg/error.h"

/* Version of the igraph library graph/ links, e.g. "0.10.2". */
const char *dkg_igraph_version(void);

#endif
