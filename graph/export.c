/* graph/export.c - dkg_export_*: options, format names, and where output goes.
 *
 * Every export is: build the view (export_view.c), then hand it to one
 * writer. This file owns the destination: a stream the caller gave, or a path
 * written through a temporary file beside it and renamed into place, so a
 * failed or interrupted export (igraph's GraphML writer, for one, can stop
 * half-way) never leaves a truncated file where the user expects a good one.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export_internal.h"

static const char *const format_names[] = {"graphml", "gexf", "nodelink", "cytoscape", "jgf",
                                           "neo4j",   "dot",  "svg",      "png",       "html"};

void dkg_export_options_init(dkg_export_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->format = DKG_EXPORT_GRAPHML;
    opts->depth = 1;
    opts->links_key = "edges";
    opts->gexf_version = "1.3";
}

int dkg_export_format_parse(const char *name, dkg_export_format *out)
{
    for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++) {
        if (strcmp(name, format_names[i]) == 0) {
            *out = (dkg_export_format)i;
            return 0;
        }
    }
    return DKG_EINVAL;
}

const char *dkg_export_format_name(dkg_export_format format)
{
    size_t i = (size_t)format;
    return i < sizeof format_names / sizeof format_names[0] ? format_names[i] : "?";
}

int dkg_export_streamable(dkg_export_format format)
{
    return format != DKG_EXPORT_NEO4J && format != DKG_EXPORT_PNG;
}

int dkg_export_options_check(const dkg_export_options *opts, dkg_error *err)
{
    if ((size_t)opts->format >= sizeof format_names / sizeof format_names[0]) {
        return dkg_error_set(err, DKG_EINVAL, "unknown export format");
    }
    if (opts->since != NULL && !dkg__xdate_valid(opts->since)) {
        return dkg_error_set(err, DKG_EINVAL,
                             "--since: '%s' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
                             opts->since);
    }
    if (opts->until != NULL && !dkg__xdate_valid(opts->until)) {
        return dkg_error_set(err, DKG_EINVAL,
                             "--until: '%s' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
                             opts->until);
    }
    if (opts->since != NULL && opts->until != NULL) {
        char slo[11];
        char shi[11];
        char ulo[11];
        char uhi[11];
        dkg__xdate_bounds(opts->since, slo, shi);
        dkg__xdate_bounds(opts->until, ulo, uhi);
        if (strcmp(slo, uhi) > 0) {
            return dkg_error_set(err, DKG_EINVAL, "--since %s is after --until %s", opts->since,
                                 opts->until);
        }
    }
    if (opts->depth < 1 || opts->depth > DKG_EXPORT_MAX_DEPTH) {
        return dkg_error_set(err, DKG_EINVAL, "--depth must be between 1 and %d",
                             DKG_EXPORT_MAX_DEPTH);
    }
    if (opts->links_key == NULL ||
        (strcmp(opts->links_key, "edges") != 0 && strcmp(opts->links_key, "links") != 0)) {
        return dkg_error_set(err, DKG_EINVAL, "--links-key must be 'edges' or 'links'");
    }
    if (opts->gexf_version == NULL ||
        (strcmp(opts->gexf_version, "1.3") != 0 && strcmp(opts->gexf_version, "1.2") != 0)) {
        return dkg_error_set(err, DKG_EINVAL, "--gexf-version must be '1.3' or '1.2'");
    }
    if (opts->status != NULL) {
        static const char *const ok[] = {"occurred", "planned", "negated", "any"};
        const char *p = opts->status;
        while (*p != '\0') {
            size_t n = strcspn(p, ",");
            int good = 0;
            for (size_t i = 0; i < 4 && !good; i++) {
                good = strlen(ok[i]) == n && strncmp(ok[i], p, n) == 0;
            }
            if (!good) {
                return dkg_error_set(err, DKG_EINVAL,
                                     "--status: '%.*s' is not occurred, planned, negated or any",
                                     (int)n, p);
            }
            p += n;
            if (*p == ',') {
                p++;
            }
        }
    }
    return 0;
}

int dkg__export_scratch(char **path_out, dkg_error *err)
{
    const char *dir = getenv("TMPDIR");
    if (dir == NULL || dir[0] == '\0') {
        dir = "/tmp";
    }
    size_t n = strlen(dir) + sizeof "/dkg-export-XXXXXX";
    char *p = malloc(n);
    if (p == NULL) {
        return dkg_error_set(err, DKG_ENOMEM, "out of memory");
    }
    snprintf(p, n, "%s/dkg-export-XXXXXX", dir);
    int fd = mkstemp(p);
    if (fd < 0) {
        int rc = dkg_error_set(err, DKG_EIO, "cannot create a temporary file in %s: %s", dir,
                               strerror(errno));
        free(p);
        return rc;
    }
    close(fd);
    *path_out = p;
    return 0;
}

int dkg__export_is_special(const char *path)
{
    struct stat st;
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
        return stat(path, &st) != 0 || !S_ISDIR(st.st_mode);
    }
    return stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

FILE *dkg__export_tmp_open(const char *path, char **tmp_out, dkg_error *err)
{
    *tmp_out = NULL;
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        dkg_error_set(err, DKG_EIO, "is a directory");
        dkg_error_locate(err, path, 0, 0, -1);
        return NULL;
    }
    /* A device, pipe or symbolic link (-o /dev/null, -o /dev/stdout, a FIFO)
     * is written in place: renaming a file over it would replace the device
     * node or the link itself rather than write where it leads. */
    if (dkg__export_is_special(path)) {
        FILE *f = fopen(path, "wb");
        if (f == NULL) {
            dkg_error_set(err, DKG_EIO, "cannot open: %s", strerror(errno));
            dkg_error_locate(err, path, 0, 0, -1);
        }
        return f;
    }
    size_t n = strlen(path) + sizeof ".tmp.XXXXXX";
    char *tmp = malloc(n);
    if (tmp == NULL) {
        dkg_error_set(err, DKG_ENOMEM, "out of memory");
        return NULL;
    }
    snprintf(tmp, n, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        dkg_error_set(err, DKG_EIO, "cannot create a file beside it: %s", strerror(errno));
        dkg_error_locate(err, path, 0, 0, -1);
        free(tmp);
        return NULL;
    }
    FILE *f = fdopen(fd, "wb");
    if (f == NULL) {
        dkg_error_set(err, DKG_EIO, "cannot open a file beside it: %s", strerror(errno));
        dkg_error_locate(err, path, 0, 0, -1);
        close(fd);
        unlink(tmp);
        free(tmp);
        return NULL;
    }
    *tmp_out = tmp;
    return f;
}

int dkg__export_tmp_commit(FILE *f, char *tmp, const char *path, int ok, dkg_error *err)
{
    int rc = 0;
    if (tmp == NULL) {
        /* Written in place (a device or pipe): nothing to sync or rename. */
        if ((fflush(f) != 0 || ferror(f)) && ok) {
            rc = dkg_error_set(err, DKG_EIO, "write failed: %s", strerror(errno));
            dkg_error_locate(err, path, 0, 0, -1);
        }
        fclose(f);
        return rc;
    }
    if (ok && (fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0)) {
        rc = dkg_error_set(err, DKG_EIO, "write failed: %s", strerror(errno));
        dkg_error_locate(err, path, 0, 0, -1);
        ok = 0;
    }
    if (fclose(f) != 0 && ok) {
        rc = dkg_error_set(err, DKG_EIO, "write failed: %s", strerror(errno));
        dkg_error_locate(err, path, 0, 0, -1);
        ok = 0;
    }
    /* mkstemp creates 0600; an export is an ordinary file for the user. */
    if (ok) {
        mode_t mask = umask(0);
        umask(mask);
        (void)chmod(tmp, 0666 & ~mask);
    }
    if (ok && rename(tmp, path) != 0) {
        rc = dkg_error_set(err, DKG_EIO, "cannot rename the finished file into place: %s",
                           strerror(errno));
        dkg_error_locate(err, path, 0, 0, -1);
        ok = 0;
    }
    if (!ok) {
        unlink(tmp);
    }
    free(tmp);
    return rc;
}

/* Write v in a stream format to out. */
static int write_view(const dkg__xview *v, const dkg_export_options *opts, FILE *out,
                      dkg_error *err)
{
    switch (opts->format) {
    case DKG_EXPORT_GRAPHML:
        return dkg__export_graphml(v, out, err);
    case DKG_EXPORT_GEXF:
        return dkg__export_gexf(v, opts->gexf_version, out, err);
    case DKG_EXPORT_NODELINK:
        return dkg__export_nodelink(v, opts->links_key, out, err);
    case DKG_EXPORT_CYTOSCAPE:
        return dkg__export_cytoscape(v, out, err);
    case DKG_EXPORT_JGF:
        return dkg__export_jgf(v, out, err);
    case DKG_EXPORT_DOT:
        return dkg__export_dot(v, out, err);
    case DKG_EXPORT_HTML:
        return dkg__export_html(v, out, err);
    default:
        return dkg_error_set(err, DKG_EINVAL, "%s cannot be written to a stream",
                             dkg_export_format_name(opts->format));
    }
}

/* svg or png to a stream: Graphviz renders into a temporary file, which is
 * copied. */
static int graphviz_to_stream(const dkg__xview *v, const char *gv_format, FILE *out,
                              dkg_error *err)
{
    char *tmpl = NULL;
    int rc = dkg__export_scratch(&tmpl, err);
    if (rc != 0) {
        return rc;
    }
    rc = dkg__export_graphviz(v, gv_format, tmpl, err);
    if (rc == 0) {
        FILE *in = fopen(tmpl, "rb");
        if (in == NULL) {
            rc = dkg_error_set(err, DKG_EIO, "cannot read Graphviz's output: %s",
                               strerror(errno));
        } else {
            char buf[65536];
            size_t n;
            while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
                if (fwrite(buf, 1, n, out) != n) {
                    rc = dkg_error_set(err, DKG_EIO, "write failed: %s", strerror(errno));
                    break;
                }
            }
            fclose(in);
        }
    }
    unlink(tmpl);
    free(tmpl);
    return rc;
}

int dkg_export_write(const dkg_graph *g, const dkg_export_options *opts, FILE *out,
                     dkg_error *err)
{
    if (!dkg_export_streamable(opts->format)) {
        return dkg_error_set(err, DKG_EINVAL, "--to %s needs an output path (-o)",
                             dkg_export_format_name(opts->format));
    }
    int rc = dkg_export_options_check(opts, err);
    if (rc != 0) {
        return rc;
    }
    dkg__xview v;
    rc = dkg__xview_build(&v, g, opts, err);
    if (rc != 0) {
        return rc;
    }
    if (opts->format == DKG_EXPORT_SVG) {
        rc = graphviz_to_stream(&v, "svg", out, err);
    } else {
        rc = write_view(&v, opts, out, err);
    }
    if (rc == 0 && (fflush(out) != 0 || ferror(out))) {
        rc = dkg_error_set(err, DKG_EIO, "write failed: %s", strerror(errno));
    }
    dkg__xview_destroy(&v);
    return rc;
}

int dkg_export_save(const dkg_graph *g, const dkg_export_options *opts, const char *path,
                    dkg_error *err)
{
    int rc = dkg_export_options_check(opts, err);
    if (rc != 0) {
        return rc;
    }
    dkg__xview v;
    rc = dkg__xview_build(&v, g, opts, err);
    if (rc != 0) {
        return rc;
    }
    if (opts->format == DKG_EXPORT_NEO4J) {
        rc = dkg__export_neo4j(&v, path, err);
    } else if (opts->format == DKG_EXPORT_SVG || opts->format == DKG_EXPORT_PNG) {
        const char *gv = opts->format == DKG_EXPORT_SVG ? "svg" : "png";
        if (dkg__export_is_special(path)) {
            FILE *f = fopen(path, "wb");
            if (f == NULL) {
                rc = dkg_error_set(err, DKG_EIO, "cannot open: %s", strerror(errno));
                dkg_error_locate(err, path, 0, 0, -1);
            } else {
                rc = graphviz_to_stream(&v, gv, f, err);
                if (fclose(f) != 0 && rc == 0) {
                    rc = dkg_error_set(err, DKG_EIO, "write failed: %s", strerror(errno));
                    dkg_error_locate(err, path, 0, 0, -1);
                }
            }
        } else {
            rc = dkg__export_graphviz(&v, gv, path, err);
        }
    } else {
        char *tmp = NULL;
        FILE *f = dkg__export_tmp_open(path, &tmp, err);
        if (f == NULL) {
            rc = err != NULL && err->code != 0 ? err->code : DKG_EIO;
        } else {
            rc = write_view(&v, opts, f, err);
            if (rc != 0 && err != NULL && err->file[0] == '\0') {
                dkg_error_locate(err, path, 0, 0, -1);
            }
            int crc = dkg__export_tmp_commit(f, tmp, path, rc == 0, err);
            if (rc == 0) {
                rc = crc;
            }
        }
    }
    dkg__xview_destroy(&v);
    return rc;
}
