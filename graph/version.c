/* graph/version.c - the igraph version, for dkg --version. */
#include <igraph.h>

#include "dkg/graph.h"

const char *dkg_igraph_version(void)
{
    const char *version = NULL;
    igraph_version(&version, NULL, NULL, NULL);
    return version;
}
