/* src/cli_graph_exec.c - hand the graph subcommands over to dkg-graph.
 *
 * Why two programs: igraph pulls in about 26 shared libraries (BLAS, LAPACK,
 * GLPK, ARPACK, ICU, libstdc++, libgfortran...) that the dynamic loader maps
 * and relocates at every start, about 10 ms of CPU, although extraction uses
 * none of them. A mapper, a script extracting one article at a time or a test
 * suite pays that per process. So `dkg` links extract/ only, and build,
 * merge, query and export live in `dkg-graph` (the same src/ files plus
 * graph/), which dkg exec()s with the same argv: same process, same standard
 * streams and exit status, nothing to forward or wait for.
 *
 * Rejected: dlopen() of a graph plugin has the same "where is it" question
 * plus a shared build of graph/ and symbol visibility to manage; lazy binding
 * does not help, the loader maps every DT_NEEDED library anyway.
 *
 * Where dkg-graph is looked for, in order:
 *  1. beside argv[0] when that names a path: Hadoop's `-files dkg,dkg-graph`
 *     links both into the task's directory, while the targets of the links
 *     sit in separate cache directories, so the link's directory is the one
 *     that holds both;
 *  2. beside the running binary (/proc/self/exe: dkg found through PATH);
 *  3. in ../libexec/dkg from there (an installed tree, even moved);
 *  4. in the libexec directory given at build time (DKG_LIBEXEC_DIR).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"

#define GRAPH_PROGRAM "dkg-graph"

/* execv() DIR/REST; returns only on failure, with errno set. A path too long
 * for the buffer counts as not found. */
static void try_exec(const char *dir, const char *rest, char **argv)
{
    char path[PATH_MAX];
    int n = snprintf(path, sizeof path, "%s/%s", dir, rest);
    if (n < 0 || (size_t)n >= sizeof path) {
        errno = ENOENT;
        return;
    }
    execv(path, argv);
}

/* Whether a failed exec means "not there, try the next place". Anything
 * else (not executable, wrong format) is worth stopping and saying. */
static int not_found(int err)
{
    return err == ENOENT || err == ENOTDIR;
}

int cli_exec_graph_program(char **argv)
{
    char *arg_dir = NULL;
    char exe_dir[PATH_MAX] = "";
    int err = ENOENT;

    fflush(NULL);
    if (strchr(argv[0], '/') != NULL) {
        arg_dir = cli_directory_of(argv[0]);
        if (arg_dir != NULL) {
            try_exec(arg_dir, GRAPH_PROGRAM, argv);
            err = errno;
        }
    }
    ssize_t len = not_found(err) ? readlink("/proc/self/exe", exe_dir, sizeof exe_dir - 1) : -1;
    if (len > 0) {
        exe_dir[len] = '\0';
        char *slash = strrchr(exe_dir, '/');
        if (slash != NULL) {
            *slash = '\0';
        }
        try_exec(exe_dir, GRAPH_PROGRAM, argv);
        err = errno;
        if (not_found(err)) {
            try_exec(exe_dir, "../libexec/dkg/" GRAPH_PROGRAM, argv);
            err = errno;
        }
    }
    if (not_found(err)) {
        try_exec(DKG_LIBEXEC_DIR, GRAPH_PROGRAM, argv);
        err = errno;
    }
    if (not_found(err)) {
        cli_errorf("'%s' runs in the program %s, which is neither beside dkg (%s) nor in %s; "
                   "ship or install it with dkg",
                   argv[1], GRAPH_PROGRAM, exe_dir[0] != '\0' ? exe_dir : ".", DKG_LIBEXEC_DIR);
    } else {
        cli_errorf("cannot run %s for '%s': %s", GRAPH_PROGRAM, argv[1], strerror(err));
    }
    free(arg_dir);
    return DKG_EXIT_FAILURE;
}
