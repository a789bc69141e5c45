/* graph/export_filter.c - what the export filters need: dates of any precision
 * and resolving the --ego name to a node.
 *
 * Dates: a relation dated "2025-12" may mean any day of that month, so a date
 * is turned into its first and last day and filters compare periods (the same
 * overlap rule docs/query.md states for queries, so both commands keep the
 * same relations). Plain string comparison of "YYYY-MM-DD" orders days.
 *
 * Names: resolved like queries do (include/dkg/query.h): the entity id, then
 * name and aliases folded with dkg_fold (case and accents), then the last word
 * of names ("macron"). The first level with any match decides; several
 * distinct entities there is an ambiguity listing them. An unknown name
 * suggests the three names with the smallest edit distance. A linear scan per
 * name is enough: export resolves one name per run. Kept here rather than
 * calling the query module, whose resolver is internal to it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dkg/fold.h"
#include "export_internal.h"
#include "graph_internal.h"

static int all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return 0;
        }
    }
    return 1;
}

static int days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) {
        return 29;
    }
    return days[month - 1];
}

int dkg__xdate_bounds(const char *d, char lo[11], char hi[11])
{
    if (d == NULL) {
        return -1;
    }
    size_t n = strlen(d);
    if ((n != 4 && n != 7 && n != 10) || !all_digits(d, 4)) {
        return -1;
    }
    int year = atoi(d);
    int month = 0;
    int day = 0;
    if (n >= 7) {
        if (d[4] != '-' || !all_digits(d + 5, 2)) {
            return -1;
        }
        month = (d[5] - '0') * 10 + (d[6] - '0');
        if (month < 1 || month > 12) {
            return -1;
        }
    }
    if (n == 10) {
        if (d[7] != '-' || !all_digits(d + 8, 2)) {
            return -1;
        }
        day = (d[8] - '0') * 10 + (d[9] - '0');
        if (day < 1 || day > days_in_month(year, month)) {
            return -1;
        }
    }
    if (lo == NULL || hi == NULL) {
        return 0;
    }
    if (n == 4) {
        snprintf(lo, 11, "%04d-01-01", year);
        snprintf(hi, 11, "%04d-12-31", year);
    } else if (n == 7) {
        snprintf(lo, 11, "%04d-%02d-01", year, month);
        snprintf(hi, 11, "%04d-%02d-%02d", year, month, days_in_month(year, month));
    } else {
        memcpy(lo, d, 11);
        memcpy(hi, d, 11);
    }
    return 0;
}

int dkg__xdate_valid(const char *d)
{
    return dkg__xdate_bounds(d, NULL, NULL) == 0;
}

/* malloc'd folded copy of s, or NULL on ENOMEM. */
static char *fold_dup(const char *s)
{
    size_t len = strlen(s);
    size_t need = dkg_fold(s, len, NULL, 0);
    char *out = malloc(need + 1);
    if (out != NULL) {
        dkg_fold(s, len, out, need + 1);
    }
    return out;
}

/* The last space-separated word of a folded name. */
static const char *last_word(const char *folded)
{
    const char *sp = strrchr(folded, ' ');
    return sp != NULL ? sp + 1 : folded;
}

/* Levenshtein distance by bytes, giving up (returning limit) past limit. */
static size_t edit_distance(const char *a, const char *b, size_t limit)
{
    size_t la = strlen(a);
    size_t lb = strlen(b);
    if (la > 64 || lb > 64) {
        return limit;
    }
    size_t row[65];
    for (size_t j = 0; j <= lb; j++) {
        row[j] = j;
    }
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        size_t best = row[0];
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t v = diag + cost;
            if (row[j - 1] + 1 < v) {
                v = row[j - 1] + 1;
            }
            if (up + 1 < v) {
                v = up + 1;
            }
            row[j] = v;
            diag = up;
            if (v < best) {
                best = v;
            }
        }
        if (best >= limit) {
            return limit;
        }
    }
    return row[lb] < limit ? row[lb] : limit;
}

/* Does node v match the folded query at a level (1 name/alias, 2 last word)? */
static int node_matches(const dkg__node *n, const char *query, int level)
{
    int hit = 0;
    size_t count = n->n_aliases + 1;
    for (size_t i = 0; i < count && !hit; i++) {
        const char *s = i == 0 ? n->name : n->aliases[i - 1];
        if (s == NULL) {
            continue;
        }
        char *f = fold_dup(s);
        if (f == NULL) {
            return -1;
        }
        hit = strcmp(level == 1 ? f : last_word(f), query) == 0;
        free(f);
    }
    return hit;
}

static void describe_candidates(const dkg_graph *g, const size_t *cands, size_t n, char *buf,
                                size_t cap)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && i < 5 && used + 1 < cap; i++) {
        const dkg__node *node = dkg__graph_node(g, (igraph_integer_t)cands[i]);
        int w = snprintf(buf + used, cap - used, "%s%s (%s)", i > 0 ? ", " : "", node->name,
                         node->id);
        if (w < 0) {
            break;
        }
        used += (size_t)w;
        if (used >= cap) {
            used = cap - 1;
        }
    }
    if (n > 5 && used + 1 < cap) {
        snprintf(buf + used, cap - used, ", and %zu more", n - 5);
    }
}

int dkg__xresolve(const dkg_graph *g, const char *name, size_t *vertex_out, dkg_error *err)
{
    size_t n_nodes = (size_t)dkg__graph_vcount(g);
    igraph_integer_t exact = dkg__graph_find_node(g, name);
    if (exact >= 0) {
        *vertex_out = (size_t)exact;
        return 0;
    }
    int rc = 0;
    char *query = fold_dup(name);
    size_t *cands = malloc((n_nodes + 1) * sizeof *cands);
    if (query == NULL || cands == NULL) {
        rc = dkg_error_set(err, DKG_ENOMEM, "out of memory resolving a name");
        goto cleanup;
    }
    for (int level = 1; level <= 2; level++) {
        size_t n_cands = 0;
        for (size_t v = 0; v < n_nodes; v++) {
            int hit = node_matches(dkg__graph_node(g, (igraph_integer_t)v), query, level);
            if (hit < 0) {
                rc = dkg_error_set(err, DKG_ENOMEM, "out of memory resolving a name");
                goto cleanup;
            }
            if (hit) {
                cands[n_cands++] = v;
            }
        }
        if (n_cands == 1) {
            *vertex_out = cands[0];
            goto cleanup;
        }
        if (n_cands > 1) {
            char list[400];
            describe_candidates(g, cands, n_cands, list, sizeof list);
            rc = dkg_error_set(err, DKG_EAMBIGUOUS, "'%s' is ambiguous: %s", name, list);
            goto cleanup;
        }
    }
    /* Unknown: suggest the closest names (up to three, distance at most 3). */
    size_t best[3] = {0, 0, 0};
    size_t best_d[3] = {4, 4, 4};
    for (size_t v = 0; v < n_nodes; v++) {
        char *f = fold_dup(dkg__graph_node_name(g, (igraph_integer_t)v));
        if (f == NULL) {
            rc = dkg_error_set(err, DKG_ENOMEM, "out of memory resolving a name");
            goto cleanup;
        }
        size_t d = edit_distance(query, f, 4);
        size_t dw = edit_distance(query, last_word(f), 4);
        free(f);
        if (dw < d) {
            d = dw;
        }
        for (int k = 0; k < 3; k++) {
            if (d < best_d[k]) {
                for (int m = 2; m > k; m--) {
                    best[m] = best[m - 1];
                    best_d[m] = best_d[m - 1];
                }
                best[k] = v;
                best_d[k] = d;
                break;
            }
        }
    }
    if (best_d[0] <= 3) {
        size_t n_sugg = 0;
        while (n_sugg < 3 && best_d[n_sugg] <= 3) {
            n_sugg++;
        }
        char list[400];
        describe_candidates(g, best, n_sugg, list, sizeof list);
        rc = dkg_error_set(err, DKG_ENOTFOUND, "no entity named '%s'; did you mean %s?", name,
                           list);
    } else {
        rc = dkg_error_set(err, DKG_ENOTFOUND, "no entity named '%s'", name);
    }

cleanup:
    free(query);
    free(cands);
    return rc;
}
