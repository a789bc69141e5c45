/* graph/query_result.c - the result every query builds: fields and sections of cells.
 *
 * Queries do not print; they fill a small typed table model (a section is a list
 * of rows of string, integer, real, boolean or string-list cells) that
 * query_format.c renders as an aligned table, TSV or JSON. One model for three
 * formats keeps the formats consistent by construction (same rows, same order)
 * and lets the tests pin any of them. Builders never fail loudly: an allocation
 * failure sets result->failed, which dkg_query_run turns into DKG_ENOMEM, so the
 * query code stays free of error plumbing on every cell.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query_internal.h"

/* ---- dkg__sbuf ------------------------------------------------------------------ */

void dkg__sbuf_append(dkg__sbuf *b, const char *s, size_t n)
{
    if (b->failed) {
        return;
    }
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1) {
            cap *= 2;
        }
        if (cap > DKG__QUERY_MAX_OUTPUT) {
            b->failed = 1;
            return;
        }
        char *p = realloc(b->data, cap);
        if (p == NULL) {
            b->failed = 1;
            return;
        }
        b->data = p;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void dkg__sbuf_puts(dkg__sbuf *b, const char *s)
{
    dkg__sbuf_append(b, s, strlen(s));
}

void dkg__sbuf_printf(dkg__sbuf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = 1;
        return;
    }
    if ((size_t)n < sizeof small) {
        dkg__sbuf_append(b, small, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (big == NULL) {
        b->failed = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    dkg__sbuf_append(b, big, (size_t)n);
    free(big);
}

char *dkg__sbuf_take(dkg__sbuf *b)
{
    if (b->failed) {
        return NULL;
    }
    if (b->data == NULL) {
        dkg__sbuf_append(b, "", 0);
    }
    char *p = b->data;
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

void dkg__sbuf_destroy(dkg__sbuf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}

/* ---- result builders ------------------------------------------------------------- */

static char *dup_or_fail(dkg_query_result *r, const char *s)
{
    if (s == NULL) {
        return NULL;
    }
    size_t n = strlen(s);
    char *p = malloc(n + 1);
    if (p == NULL) {
        r->failed = 1;
        return NULL;
    }
    memcpy(p, s, n + 1);
    return p;
}

dkg_query_result *dkg__result_new(const char *query)
{
    dkg_query_result *r = calloc(1, sizeof *r);
    if (r == NULL) {
        return NULL;
    }
    r->query = dup_or_fail(r, query);
    if (r->failed) {
        free(r);
        return NULL;
    }
    return r;
}

void dkg__result_summary(dkg_query_result *r, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    dkg__sbuf b = {0};
    if (r->summary != NULL) {
        dkg__sbuf_puts(&b, r->summary);
    }
    dkg__sbuf_puts(&b, line);
    dkg__sbuf_puts(&b, "\n");
    char *s = dkg__sbuf_take(&b);
    if (s == NULL) {
        r->failed = 1;
        dkg__sbuf_destroy(&b);
        return;
    }
    free(r->summary);
    r->summary = s;
}

static dkg__cell *new_field(dkg_query_result *r, const char *key)
{
    dkg__field *f = realloc(r->fields, (r->n_fields + 1) * sizeof *f);
    if (f == NULL) {
        r->failed = 1;
        return NULL;
    }
    r->fields = f;
    dkg__field *nf = &f[r->n_fields];
    memset(nf, 0, sizeof *nf);
    nf->key = dup_or_fail(r, key);
    if (nf->key == NULL) {
        return NULL;
    }
    r->n_fields++;
    return &nf->value;
}

void dkg__result_field_str(dkg_query_result *r, const char *key, const char *value)
{
    dkg__cell *c = new_field(r, key);
    if (c != NULL) {
        dkg__cell_str(r, c, value);
    }
}

void dkg__result_field_int(dkg_query_result *r, const char *key, long long value)
{
    dkg__cell *c = new_field(r, key);
    if (c != NULL) {
        dkg__cell_int(c, value);
    }
}

void dkg__result_field_bool(dkg_query_result *r, const char *key, int value)
{
    dkg__cell *c = new_field(r, key);
    if (c != NULL) {
        dkg__cell_bool(c, value);
    }
}

void dkg__result_field_real(dkg_query_result *r, const char *key, double value, int decimals)
{
    dkg__cell *c = new_field(r, key);
    if (c != NULL) {
        dkg__cell_real(c, value, decimals);
    }
}

void dkg__result_field_list(dkg_query_result *r, const char *key, const char *const *items,
                            size_t n)
{
    dkg__cell *c = new_field(r, key);
    if (c != NULL) {
        dkg__cell_list(r, c, items, n);
    }
}

dkg__section *dkg__result_section(dkg_query_result *r, const char *name, const char *const *cols)
{
    dkg__section *s = realloc(r->sections, (r->n_sections + 1) * sizeof *s);
    if (s == NULL) {
        r->failed = 1;
        return NULL;
    }
    r->sections = s;
    dkg__section *ns = &s[r->n_sections];
    memset(ns, 0, sizeof *ns);
    size_t n = 0;
    while (cols[n] != NULL) {
        n++;
    }
    ns->name = dup_or_fail(r, name);
    ns->cols = calloc(n ? n : 1, sizeof *ns->cols);
    if (ns->name == NULL || ns->cols == NULL) {
        free(ns->name);
        free(ns->cols);
        r->failed = 1;
        return NULL;
    }
    ns->n_cols = n;
    for (size_t i = 0; i < n; i++) {
        ns->cols[i] = dup_or_fail(r, cols[i]);
    }
    r->n_sections++;
    return ns;
}

dkg__cell *dkg__section_row(dkg_query_result *r, dkg__section *s)
{
    if (s == NULL) {
        r->failed = 1;
        return NULL;
    }
    if (s->n_rows == s->cap_rows) {
        size_t cap = s->cap_rows ? s->cap_rows * 2 : 16;
        dkg__cell *c = realloc(s->cells, cap * s->n_cols * sizeof *c);
        if (c == NULL) {
            r->failed = 1;
            return NULL;
        }
        s->cells = c;
        s->cap_rows = cap;
    }
    dkg__cell *row = &s->cells[s->n_rows * s->n_cols];
    memset(row, 0, s->n_cols * sizeof *row);
    s->n_rows++;
    return row;
}

void dkg__cell_str(dkg_query_result *r, dkg__cell *c, const char *s)
{
    if (s == NULL) {
        c->kind = DKG__CELL_NULL;
        return;
    }
    c->s = dup_or_fail(r, s);
    c->kind = c->s ? DKG__CELL_STR : DKG__CELL_NULL;
}

void dkg__cell_int(dkg__cell *c, long long v)
{
    c->kind = DKG__CELL_INT;
    c->i = v;
}

void dkg__cell_real(dkg__cell *c, double v, int decimals)
{
    c->kind = DKG__CELL_REAL;
    c->r = v;
    c->decimals = decimals;
}

void dkg__cell_bool(dkg__cell *c, int v)
{
    c->kind = DKG__CELL_BOOL;
    c->i = v != 0;
}

void dkg__cell_list(dkg_query_result *r, dkg__cell *c, const char *const *items, size_t n)
{
    c->kind = DKG__CELL_LIST;
    c->n_list = 0;
    c->list = calloc(n ? n : 1, sizeof *c->list);
    if (c->list == NULL) {
        r->failed = 1;
        c->kind = DKG__CELL_NULL;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        c->list[i] = dup_or_fail(r, items[i]);
        if (c->list[i] == NULL) {
            break;
        }
        c->n_list++;
    }
}

static void cell_destroy(dkg__cell *c)
{
    free(c->s);
    for (size_t i = 0; i < c->n_list; i++) {
        free(c->list[i]);
    }
    free(c->list);
}

int dkg_query_result_found(const dkg_query_result *result)
{
    return result != NULL && result->found;
}

void dkg_query_result_free(dkg_query_result *r)
{
    if (r == NULL) {
        return;
    }
    for (size_t i = 0; i < r->n_fields; i++) {
        free(r->fields[i].key);
        cell_destroy(&r->fields[i].value);
    }
    free(r->fields);
    for (size_t i = 0; i < r->n_sections; i++) {
        dkg__section *s = &r->sections[i];
        for (size_t k = 0; k < s->n_rows * s->n_cols; k++) {
            cell_destroy(&s->cells[k]);
        }
        for (size_t k = 0; k < s->n_cols; k++) {
            free(s->cols[k]);
        }
        free(s->cols);
        free(s->cells);
        free(s->name);
    }
    free(r->sections);
    free(r->summary);
    free(r->query);
    free(r);
}
