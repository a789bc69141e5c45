/* graph/igraph_glue.c - the one place dkg talks to igraph's global state.
 *
 * igraph 0.10 keeps its error handler, warning handler, attribute table and
 * cleanup (FINALLY) stack process-global. The defaults abort the process on
 * an error and print warnings to stderr, both of which a library must never
 * do, and graphs created before the C attribute table is installed have no
 * attribute storage. So dkg__igraph_init installs all three once, before the
 * first graph exists.
 *
 * Our error handler is called once per unwinding stack level; only the first
 * call carries a reason, so we keep the first non-empty reason, then call
 * IGRAPH_FINALLY_FREE() (after which igraph may free the reason string: we
 * copied it before) and return, letting the igraph function return its code.
 * Rejected: igraph_error_handler_ignore (it loses the reason) and a
 * per-call handler swap (more global state to get wrong).
 */
#include <stdio.h>
#include <string.h>

#include <igraph.h>

#include "graph_internal.h"

static int initialized;
static char last_reason[256];
static char last_warning[256];

static void on_error(const char *reason, const char *file, int line, igraph_error_t code)
{
    (void)file;
    (void)line;
    (void)code;
    if (last_reason[0] == '\0' && reason != NULL && reason[0] != '\0') {
        snprintf(last_reason, sizeof last_reason, "%s", reason);
    }
    IGRAPH_FINALLY_FREE();
}

static void on_warning(const char *reason, const char *file, int line)
{
    (void)file;
    (void)line;
    snprintf(last_warning, sizeof last_warning, "%s", reason != NULL ? reason : "");
}

void dkg__igraph_init(void)
{
    if (initialized) {
        return;
    }
    igraph_set_attribute_table(&igraph_cattribute_table);
    igraph_set_error_handler(on_error);
    igraph_set_warning_handler(on_warning);
    initialized = 1;
}

int dkg__igraph_error(dkg_error *err, igraph_error_t code, const char *what)
{
    int rc = code == IGRAPH_ENOMEM ? DKG_ENOMEM : DKG_EINVAL;
    const char *reason = last_reason[0] != '\0' ? last_reason : igraph_strerror(code);
    dkg_error_set(err, rc, "%s: %s", what, reason);
    last_reason[0] = '\0';
    return rc;
}

const char *dkg__igraph_last_warning(void)
{
    return last_warning;
}

void dkg__igraph_clear_warning(void)
{
    last_warning[0] = '\0';
}
