/* graph/export_neo4j.c - a folder for `neo4j-admin database import`.
 *
 * nodes.csv:         id:ID,:LABEL,name,type,...,known:boolean,mentions:long,...
 * relationships.csv: :START_ID,:END_ID,:TYPE,id,type,status,...,count:long,weight:double
 * README.md:         the import command and what the columns hold.
 *
 * Headers follow the import tool's syntax: the node id column is `id:ID`
 * (kept as the property `id`), labels go in `:LABEL` (Person, Country, Place,
 * Organization, from the entity type), relationship types in `:TYPE`
 * (MEET, CALL, VISIT... : the convention is upper case), and non-string
 * properties carry their type (`:long`, `:double`, `:boolean`). Dates stay
 * strings because a relation date may be a year or a month, which Neo4j's
 * `date` type would silently widen to a day. Fields are quoted RFC 4180
 * style (doubled quotes) when they hold a comma, quote or newline; the import
 * needs --multiline-fields=true for evidence sentences with newlines, which
 * the README's command passes. Null is an empty field, which the importer
 * treats as "no property".
 *
 * Each file goes through a temporary name and a rename, so a failed export
 * leaves the previous folder's files as they were.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "export_internal.h"

static void csv_field(FILE *out, const char *s)
{
    if (s == NULL) {
        return;
    }
    if (strpbrk(s, ",\"\n\r") == NULL && s[0] != ' ' && s[0] != '\0') {
        fputs(s, out);
        return;
    }
    putc('"', out);
    for (; *s != '\0'; s++) {
        if (*s == '"') {
            putc('"', out);
        }
        putc(*s, out);
    }
    putc('"', out);
}

static const char *neo4j_type(char kind)
{
    return kind == 's' ? "" : (kind == 'l' ? ":long" : ":boolean");
}

static void csv_attrs(FILE *out, const dkg__xattr *attrs, size_t n, const void *rec)
{
    for (size_t k = 0; k < n; k++) {
        const dkg__xattr *a = &attrs[k];
        putc(',', out);
        if (a->kind == 's') {
            csv_field(out, dkg__xattr_str(a, rec));
        } else if (a->kind == 'l') {
            fprintf(out, "%ld", dkg__xattr_long(a, rec));
        } else {
            fputs(dkg__xattr_long(a, rec) ? "true" : "false", out);
        }
    }
}

/* "person" -> "Person", "located_in" -> "LOCATED_IN" (upper) into buf. */
static void case_word(const char *s, char *buf, size_t cap, int upper_all)
{
    size_t i = 0;
    for (; s[i] != '\0' && i + 1 < cap; i++) {
        char c = s[i];
        int up = upper_all || i == 0;
        if (up && c >= 'a' && c <= 'z') {
            c = (char)(c - 32);
        }
        /* Labels and types are identifiers in Cypher: keep them plain. */
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
            c = '_';
        }
        buf[i] = c;
    }
    buf[i] = '\0';
}

static int write_nodes(const dkg__xview *v, FILE *out)
{
    fputs("id:ID,:LABEL", out);
    for (size_t k = 0; k < dkg__n_xnode_attrs; k++) {
        fprintf(out, ",%s%s", dkg__xnode_attrs[k].name, neo4j_type(dkg__xnode_attrs[k].kind));
    }
    fputs("\n", out);
    for (size_t i = 0; i < v->n_nodes; i++) {
        const dkg__xnode *n = &v->nodes[i];
        char label[64];
        case_word(n->type, label, sizeof label, 0);
        csv_field(out, n->id);
        fprintf(out, ",Entity;%s", label);
        csv_attrs(out, dkg__xnode_attrs, dkg__n_xnode_attrs, n);
        fputs("\n", out);
    }
    return ferror(out) ? -1 : 0;
}

static int write_relationships(const dkg__xview *v, FILE *out)
{
    fputs(":START_ID,:END_ID,:TYPE,id", out);
    for (size_t k = 0; k < dkg__n_xedge_attrs; k++) {
        fprintf(out, ",%s%s", dkg__xedge_attrs[k].name, neo4j_type(dkg__xedge_attrs[k].kind));
    }
    fputs(",weight:double\n", out);
    for (size_t i = 0; i < v->n_edges; i++) {
        const dkg__xedge *e = &v->edges[i];
        char type[64];
        case_word(e->type, type, sizeof type, 1);
        csv_field(out, v->nodes[e->source].id);
        putc(',', out);
        csv_field(out, v->nodes[e->target].id);
        fprintf(out, ",%s,", type);
        csv_field(out, e->id);
        csv_attrs(out, dkg__xedge_attrs, dkg__n_xedge_attrs, e);
        fprintf(out, ",%ld\n", e->count);
    }
    return ferror(out) ? -1 : 0;
}

static int write_readme(const dkg__xview *v, FILE *out)
{
    fprintf(out,
            "# %s: Neo4j import files\n\n"
            "Written by `dkg export --to neo4j`%s%s%s: %zu nodes, %zu relationships.\n\n"
            "Import into an empty database (Neo4j 5; stop the database first):\n\n"
            "```\n"
            "neo4j-admin database import full --nodes=nodes.csv "
            "--relationships=relationships.csv --multiline-fields=true neo4j\n"
            "```\n\n"
            "(Neo4j 4: `neo4j-admin import --nodes=nodes.csv "
            "--relationships=relationships.csv --multiline-fields=true`.)\n\n"
            "- `nodes.csv`: one row per entity; labels `Entity` plus `Person`, `Country`, "
            "`Place` or `Organization`; the entity id (`person/emmanuel-macron`) is the "
            "`id` property.\n"
            "- `relationships.csv`: one row per relation (or per pair and type when "
            "aggregated); types `MEET`, `CALL`, `VISIT`, `AGREE`, `AID`, `APPEAL`, "
            "`SUPPORT`, `ROLE`, `LOCATED_IN`; `evidence` is the sentence, `article` the "
            "document id; dates are strings (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`).\n\n"
            "Example query:\n\n"
            "```\n"
            "MATCH (a:Person)-[m:MEET]-(b:Person) RETURN a.name, b.name, m.date, m.evidence;\n"
            "```\n",
            v->title, v->filters[0] ? " (" : "", v->filters, v->filters[0] ? ")" : "",
            v->n_nodes, v->n_edges);
    return ferror(out) ? -1 : 0;
}

static int write_one(const dkg__xview *v, const char *dir, const char *name,
                     int (*fn)(const dkg__xview *, FILE *), dkg_error *err)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *path = malloc(n);
    if (path == NULL) {
        return dkg_error_set(err, DKG_ENOMEM, "out of memory");
    }
    snprintf(path, n, "%s/%s", dir, name);
    char *tmp = NULL;
    int rc = 0;
    FILE *f = dkg__export_tmp_open(path, &tmp, err);
    if (f == NULL) {
        rc = err != NULL && err->code != 0 ? err->code : DKG_EIO;
    } else {
        int ok = fn(v, f) == 0;
        if (!ok) {
            rc = dkg_error_set(err, DKG_EIO, "write failed: %s", strerror(errno));
            dkg_error_locate(err, path, 0, 0, -1);
        }
        int crc = dkg__export_tmp_commit(f, tmp, path, ok, err);
        if (rc == 0) {
            rc = crc;
        }
    }
    free(path);
    return rc;
}

int dkg__export_neo4j(const dkg__xview *v, const char *dir, dkg_error *err)
{
    struct stat st;
    if (stat(dir, &st) != 0) {
        if (errno != ENOENT || mkdir(dir, 0777) != 0) {
            int rc = dkg_error_set(err, DKG_EIO, "cannot create the directory: %s",
                                   strerror(errno));
            dkg_error_locate(err, dir, 0, 0, -1);
            return rc;
        }
    } else if (!S_ISDIR(st.st_mode)) {
        int rc = dkg_error_set(err, DKG_EIO, "--to neo4j writes a directory, and this is a file");
        dkg_error_locate(err, dir, 0, 0, -1);
        return rc;
    }
    int rc = write_one(v, dir, "nodes.csv", write_nodes, err);
    if (rc == 0) {
        rc = write_one(v, dir, "relationships.csv", write_relationships, err);
    }
    if (rc == 0) {
        rc = write_one(v, dir, "README.md", write_readme, err);
    }
    return rc;
}
