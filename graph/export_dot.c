/* graph/export_dot.c - Graphviz DOT, and SVG/PNG by running Graphviz's `dot`.
 *
 * DOT: one statement per node and edge; node colour by entity type and edge
 * colour by relation type (the same palette as the HTML viewer), edge style
 * by status (planned dashed, negated dotted). Every property of the view is
 * also written as a DOT attribute (Graphviz ignores names it does not know,
 * tools reading DOT keep them), and the evidence becomes the SVG tooltip.
 * Strings are quoted; backslash, quote and newline are escaped, which is all
 * a quoted DOT string needs.
 *
 * SVG/PNG: we never link libgvc (its EPL licence does not mix with the GPL);
 * we run the `dot` program: the DOT goes to a temporary file, `dot` renders
 * into a temporary file beside the target, and that is renamed into place.
 * dot's stderr is captured so its message (not ours) explains a failure, and
 * a missing program names the package to install.
 */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "export_internal.h"

extern char **environ;

const char *dkg__node_colour(const char *type)
{
    static const char *const map[][2] = {
        {"person", "#4e79a7"},       {"country", "#e15759"}, {"place", "#59a14f"},
        {"organization", "#f28e2b"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
        if (strcmp(type, map[i][0]) == 0) {
            return map[i][1];
        }
    }
    return "#9c755f";
}

const char *dkg__edge_colour(const char *type)
{
    static const char *const map[][2] = {
        {"meet", "#1f77b4"},   {"call", "#17becf"},    {"visit", "#2ca02c"},
        {"agree", "#9467bd"},  {"aid", "#ff7f0e"},     {"appeal", "#d62728"},
        {"support", "#8c564b"}, {"role", "#7f7f7f"},   {"located_in", "#bcbd22"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
        if (strcmp(type, map[i][0]) == 0) {
            return map[i][1];
        }
    }
    return "#555555";
}

static void dot_str(FILE *out, const char *s)
{
    putc('"', out);
    for (; *s != '\0'; s++) {
        if (*s == '"' || *s == '\\') {
            putc('\\', out);
            putc(*s, out);
        } else if (*s == '\n') {
            fputs("\\n", out);
        } else {
            putc(*s, out);
        }
    }
    putc('"', out);
}

static void dot_attrs(FILE *out, const dkg__xattr *attrs, size_t n, const void *rec)
{
    for (size_t k = 0; k < n; k++) {
        const dkg__xattr *a = &attrs[k];
        if (a->kind == 's') {
            const char *s = dkg__xattr_str(a, rec);
            if (s != NULL) {
                fprintf(out, ", dkg_%s=", a->name);
                dot_str(out, s);
            }
        } else {
            fprintf(out, ", dkg_%s=\"%ld\"", a->name, dkg__xattr_long(a, rec));
        }
    }
}

int dkg__export_dot(const dkg__xview *v, FILE *out, dkg_error *err)
{
    fputs("digraph dkg {\n  graph [label=", out);
    dot_str(out, v->title);
    fputs(", labelloc=t, fontsize=18, fontname=\"Helvetica\", rankdir=LR, "
          "overlap=false, splines=true];\n"
          "  node [shape=ellipse, style=filled, fontname=\"Helvetica\", fontsize=10, "
          "fontcolor=\"#ffffff\", color=\"#ffffff\"];\n"
          "  edge [fontname=\"Helvetica\", fontsize=8, arrowsize=0.6];\n",
          out);
    for (size_t i = 0; i < v->n_nodes; i++) {
        const dkg__xnode *n = &v->nodes[i];
        fputs("  ", out);
        dot_str(out, n->id);
        fputs(" [label=", out);
        dot_str(out, n->name);
        fprintf(out, ", fillcolor=\"%s\", tooltip=", dkg__node_colour(n->type));
        dot_str(out, n->id);
        dot_attrs(out, dkg__xnode_attrs, dkg__n_xnode_attrs, n);
        fputs("];\n", out);
    }
    for (size_t i = 0; i < v->n_edges; i++) {
        const dkg__xedge *e = &v->edges[i];
        fputs("  ", out);
        dot_str(out, v->nodes[e->source].id);
        fputs(" -> ", out);
        dot_str(out, v->nodes[e->target].id);
        fputs(" [id=", out);
        dot_str(out, e->id);
        fputs(", label=", out);
        char label[96];
        if (v->aggregated && e->count > 1) {
            snprintf(label, sizeof label, "%s ×%ld", e->type, e->count);
        } else {
            snprintf(label, sizeof label, "%s%s%s", e->type, e->date ? "\n" : "",
                     e->date ? e->date : "");
        }
        dot_str(out, label);
        const char *style = "solid";
        if (strstr(e->status, "occurred") == NULL) {
            style = strstr(e->status, "planned") != NULL ? "dashed" : "dotted";
        }
        fprintf(out, ", color=\"%s\", fontcolor=\"%s\", style=%s, dir=%s, weight=%ld",
                dkg__edge_colour(e->type), dkg__edge_colour(e->type), style,
                e->symmetric ? "none" : "forward", e->count);
        if (e->evidence != NULL) {
            fputs(", tooltip=", out);
            dot_str(out, e->evidence);
        }
        dot_attrs(out, dkg__xedge_attrs, dkg__n_xedge_attrs, e);
        fputs("];\n", out);
    }
    fputs("}\n", out);
    if (ferror(out)) {
        return dkg_error_set(err, DKG_EIO, "write failed");
    }
    return 0;
}

/* The first line of a small file (dot's stderr), or "". */
static void first_line(const char *path, char *buf, size_t cap)
{
    buf[0] = '\0';
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return;
    }
    if (fgets(buf, (int)cap, f) != NULL) {
        buf[strcspn(buf, "\r\n")] = '\0';
    }
    fclose(f);
}

int dkg__export_graphviz(const dkg__xview *v, const char *gv_format, const char *out_path,
                         dkg_error *err)
{
    char *dot_tmp = NULL;
    char *out_tmp = NULL;
    char *err_tmp = NULL;
    FILE *f = NULL;
    int rc = 0;
    posix_spawn_file_actions_t actions;
    int have_actions = 0;

    /* The DOT and dot's messages go to scratch files; only the picture is
     * written beside its target and renamed into place. */
    rc = dkg__export_scratch(&dot_tmp, err);
    if (rc == 0) {
        rc = dkg__export_scratch(&err_tmp, err);
    }
    if (rc != 0) {
        goto cleanup;
    }
    f = fopen(dot_tmp, "wb");
    if (f == NULL) {
        rc = dkg_error_set(err, DKG_EIO, "cannot write a temporary file: %s", strerror(errno));
        goto cleanup;
    }
    rc = dkg__export_dot(v, f, err);
    if (fclose(f) != 0 && rc == 0) {
        rc = dkg_error_set(err, DKG_EIO, "write failed: %s", strerror(errno));
    }
    f = NULL;
    if (rc != 0) {
        goto cleanup;
    }
    f = dkg__export_tmp_open(out_path, &out_tmp, err);
    if (f == NULL) {
        rc = err != NULL && err->code != 0 ? err->code : DKG_EIO;
        goto cleanup;
    }
    fclose(f);
    f = NULL;
    if (out_tmp == NULL) {
        /* The caller renders devices and pipes through a scratch file. */
        rc = dkg_error_set(err, DKG_EINVAL, "Graphviz output must be a regular file");
        dkg_error_locate(err, out_path, 0, 0, -1);
        goto cleanup;
    }

    char tflag[16];
    snprintf(tflag, sizeof tflag, "-T%s", gv_format);
    char *argv[] = {"dot", tflag, "-o", out_tmp, dot_tmp, NULL};
    if (posix_spawn_file_actions_init(&actions) != 0) {
        rc = dkg_error_set(err, DKG_ENOMEM, "out of memory starting Graphviz");
        goto cleanup;
    }
    have_actions = 1;
    if (posix_spawn_file_actions_addopen(&actions, 2, err_tmp, O_WRONLY | O_TRUNC, 0) != 0 ||
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0) != 0 ||
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0) != 0) {
        rc = dkg_error_set(err, DKG_ENOMEM, "out of memory starting Graphviz");
        goto cleanup;
    }
    pid_t pid;
    int src = posix_spawnp(&pid, "dot", &actions, NULL, argv, environ);
    if (src != 0) {
        if (src == ENOENT) {
            rc = dkg_error_set(err, DKG_EIO,
                               "--to %s needs Graphviz's 'dot' program, which is not on PATH: "
                               "install the graphviz package (apt-get install graphviz)",
                               gv_format);
        } else {
            rc = dkg_error_set(err, DKG_EIO, "cannot run Graphviz's 'dot': %s", strerror(src));
        }
        goto cleanup;
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            rc = dkg_error_set(err, DKG_EIO, "waiting for Graphviz failed: %s", strerror(errno));
            goto cleanup;
        }
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
        rc = dkg_error_set(err, DKG_EIO,
                           "--to %s needs Graphviz's 'dot' program, which is not on PATH: "
                           "install the graphviz package (apt-get install graphviz)",
                           gv_format);
        goto cleanup;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        char line[300];
        first_line(err_tmp, line, sizeof line);
        rc = dkg_error_set(err, DKG_EIO, "Graphviz's dot failed%s%s", line[0] ? ": " : "",
                           line);
        dkg_error_locate(err, out_path, 0, 0, -1);
        goto cleanup;
    }
    mode_t mask = umask(0);
    umask(mask);
    (void)chmod(out_tmp, 0666 & ~mask);
    if (rename(out_tmp, out_path) != 0) {
        rc = dkg_error_set(err, DKG_EIO, "cannot rename the finished file into place: %s",
                           strerror(errno));
        dkg_error_locate(err, out_path, 0, 0, -1);
        goto cleanup;
    }

cleanup:
    if (have_actions) {
        posix_spawn_file_actions_destroy(&actions);
    }
    if (dot_tmp != NULL) {
        unlink(dot_tmp);
    }
    if (out_tmp != NULL && rc != 0) {
        unlink(out_tmp);
    }
    if (err_tmp != NULL) {
        unlink(err_tmp);
    }
    free(dot_tmp);
    free(out_tmp);
    free(err_tmp);
    return rc;
}
