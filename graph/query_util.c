/* graph/query_util.c - dates of mixed precision and the edit distance for suggestions.
 *
 * Dates in the graph are "YYYY", "YYYY-MM" or "YYYY-MM-DD". Rather than parse them
 * into structs, a date becomes the two 10-byte strings bounding what it may mean
 * ("2025-06" -> "2025-06-00" .. "2025-06-99"); such strings order correctly with
 * strcmp, so a filter is two comparisons and needs no calendar. Filters keep a
 * relation when its period overlaps the asked period (documented in query.h):
 * an analyst asking "since June 2025" wants to see the meeting only known as
 * "in 2025" rather than silently lose it.
 */
#include <stdlib.h>
#include <string.h>

#include "query_internal.h"

static int digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return 0;
        }
    }
    return 1;
}

int dkg__date_valid(const char *d)
{
    if (d == NULL) {
        return 0;
    }
    size_t n = strlen(d);
    if ((n != 4 && n != 7 && n != 10) || !digits(d, 4)) {
        return 0;
    }
    if (n >= 7) {
        if (d[4] != '-' || !digits(d + 5, 2)) {
            return 0;
        }
        int m = (d[5] - '0') * 10 + (d[6] - '0');
        if (m < 1 || m > 12) {
            return 0;
        }
    }
    if (n == 10) {
        if (d[7] != '-' || !digits(d + 8, 2)) {
            return 0;
        }
        int day = (d[8] - '0') * 10 + (d[9] - '0');
        if (day < 1 || day > 31) {
            return 0;
        }
    }
    return 1;
}

int dkg__date_bounds(const char *d, char lo[11], char hi[11])
{
    if (!dkg__date_valid(d)) {
        return -1;
    }
    size_t n = strlen(d);
    memcpy(lo, "0000-00-00", 11);
    memcpy(hi, "0000-99-99", 11);
    memcpy(lo, d, n);
    memcpy(hi, d, n);
    return 0;
}

int dkg__date_cmp(const char *a, const char *b)
{
    int va = dkg__date_valid(a);
    int vb = dkg__date_valid(b);
    if (!va || !vb) {
        return va ? -1 : vb ? 1 : 0;
    }
    char alo[11], ahi[11], blo[11], bhi[11];
    dkg__date_bounds(a, alo, ahi);
    dkg__date_bounds(b, blo, bhi);
    int c = strcmp(alo, blo);
    if (c != 0) {
        return c;
    }
    return (int)strlen(a) - (int)strlen(b);
}

size_t dkg__edit_distance(const char *a, const char *b, size_t limit)
{
    size_t na = strlen(a);
    size_t nb = strlen(b);
    if ((na > nb ? na - nb : nb - na) > limit) {
        return limit + 1;
    }
    size_t *row = malloc((nb + 1) * sizeof *row);
    if (row == NULL) {
        return limit + 1;
    }
    for (size_t j = 0; j <= nb; j++) {
        row[j] = j;
    }
    for (size_t i = 1; i <= na; i++) {
        size_t diag = row[0];
        row[0] = i;
        size_t best = row[0];
        for (size_t j = 1; j <= nb; j++) {
            size_t up = row[j];
            size_t v = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < v) {
                v = up + 1;
            }
            if (row[j - 1] + 1 < v) {
                v = row[j - 1] + 1;
            }
            row[j] = v;
            diag = up;
            if (v < best) {
                best = v;
            }
        }
        if (best > limit) {
            free(row);
            return limit + 1;
        }
    }
    size_t d = row[nb];
    free(row);
    return d > limit ? limit + 1 : d;
}
