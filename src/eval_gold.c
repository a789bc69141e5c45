/* src/eval_gold.c - reading the gold annotations for 'dkg eval'.
 *
 * The gold is JSON Lines (docs/gold-format.md). Each line is parsed on its
 * own so that an error can name the line and column, and only the fields the
 * scoring uses are kept: names are normalised once here rather than at every
 * comparison. The reference scorer crashes on a record without "id", a
 * person without "name" or a meeting without "a"; we report those as
 * malformed gold with the JSON path of the field instead. Fields it never
 * reads (countries, orgs, notes, kinds) are accepted and ignored, so the
 * format can grow without breaking eval. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dkg/extract.h"
#include "eval.h"

/* Gold files are small (a few kB per article); this only stops a wrong path
 * from swallowing memory. */
#define GOLD_MAX_BYTES ((size_t)512 * 1024 * 1024)

int dkg__eval_read_file(const char *path, size_t limit, char **buf_out, size_t *len_out,
                        dkg_error *err)
{
    int rc = 0;
    char *buf = NULL;
    size_t len = 0;
    size_t cap = 0;
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (is_stdin) {
        path = "<stdin>";
    }
    if (f == NULL) {
        rc = dkg_error_set(err, DKG_EIO, "cannot open: %s", strerror(errno));
        dkg_error_locate(err, path, 0, 0, -1);
        goto done;
    }
    for (;;) {
        if (cap - len < 65536 + 1) {
            size_t want = cap ? cap * 2 : 65536 * 2;
            if (want > limit + 1) {
                want = limit + 1;
            }
            if (want <= len + 1) {
                rc = dkg_error_set(err, DKG_ELIMIT, "file is larger than %zu bytes", limit);
                dkg_error_locate(err, path, 0, 0, -1);
                goto done;
            }
            char *bigger = realloc(buf, want);
            if (bigger == NULL) {
                rc = dkg_error_set(err, DKG_ENOMEM, "out of memory reading the file");
                dkg_error_locate(err, path, 0, 0, -1);
                goto done;
            }
            buf = bigger;
            cap = want;
        }
        size_t got = fread(buf + len, 1, cap - len - 1, f);
        len += got;
        if (got == 0) {
            break;
        }
    }
    if (ferror(f)) {
        rc = dkg_error_set(err, DKG_EIO, "cannot read: %s", strerror(errno));
        dkg_error_locate(err, path, 0, 0, -1);
        goto done;
    }
    buf[len] = '\0';
    *buf_out = buf;
    *len_out = len;
    buf = NULL;
done:
    if (f != NULL && !is_stdin) {
        fclose(f);
    }
    free(buf);
    return rc;
}

int dkg__eval_parse_line(const char *file, long line, const char *buf, size_t len, cJSON **out,
                         dkg_error *err)
{
    const char *end = NULL;
    cJSON *json = cJSON_ParseWithLengthOpts(buf, len, &end, 0);
    if (json != NULL) {
        while (end < buf + len && (*end == ' ' || *end == '\t' || *end == '\r')) {
            end++;
        }
        if (end == buf + len) {
            *out = json;
            return 0;
        }
        cJSON_Delete(json);
        dkg_error_set(err, DKG_EPARSE, "unexpected text after the JSON value");
    } else {
        dkg_error_set(err, DKG_EPARSE, "malformed JSON");
    }
    if (end == NULL || end < buf || end > buf + len) {
        end = buf;
    }
    dkg_error_locate(err, file, line, (long)(end - buf) + 1, -1);
    return DKG_EPARSE;
}

/* Field access with the JSON path of the offending field in the message. */
typedef struct where {
    const char *file;
    long line;
    dkg_error *err;
} where;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static int malformed(const where *w, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    dkg_error_set(w->err, DKG_EPARSE, "%s", msg);
    dkg_error_locate(w->err, w->file, w->line, 1, -1);
    return DKG_EPARSE;
}

/* A string member that must be present: string or null (null gives ""). */
static int required_string(const where *w, const cJSON *obj, const char *key, const char *list,
                           size_t i, const char **out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (cJSON_IsString(v)) {
        *out = v->valuestring;
        return 0;
    }
    if (cJSON_IsNull(v)) {
        *out = "";
        return 0;
    }
    return malformed(w, "%s[%zu].%s: %s", list, i, key,
                     v == NULL ? "missing (a string is required)" : "must be a string");
}

static int add_norm(dkg__eval_strs *set, const char *s)
{
    char *n = dkg__eval_norm(s, strlen(s));
    if (n == NULL) {
        return DKG_ENOMEM;
    }
    if (dkg__eval_strs_has(set, n)) {
        free(n);
        return 0;
    }
    return dkg__eval_strs_take(set, n);
}

static const cJSON *array_member(const where *w, const cJSON *rec, const char *key, int *rc)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(rec, key);
    *rc = 0;
    if (v == NULL || cJSON_IsNull(v)) {
        return NULL;
    }
    if (!cJSON_IsArray(v)) {
        *rc = malformed(w, "%s: must be an array", key);
        return NULL;
    }
    return v;
}

/* persons and places: name plus mentions, all normalised. */
static int load_named(const where *w, const cJSON *rec, const char *key, dkg__eval_named **out,
                      size_t *n_out)
{
    int rc = 0;
    const cJSON *arr = array_member(w, rec, key, &rc);
    if (arr == NULL) {
        return rc;
    }
    size_t n = (size_t)cJSON_GetArraySize(arr);
    dkg__eval_named *items = calloc(n ? n : 1, sizeof *items);
    if (items == NULL) {
        return DKG_ENOMEM;
    }
    *out = items;
    size_t i = 0;
    const cJSON *p;
    cJSON_ArrayForEach(p, arr)
    {
        *n_out = i + 1;
        if (!cJSON_IsObject(p)) {
            return malformed(w, "%s[%zu]: must be an object", key, i);
        }
        const char *name;
        if ((rc = required_string(w, p, "name", key, i, &name)) != 0) {
            return rc;
        }
        items[i].name = strdup(name);
        if (items[i].name == NULL || (rc = add_norm(&items[i].aliases, name)) != 0) {
            return DKG_ENOMEM;
        }
        const cJSON *mentions = cJSON_GetObjectItemCaseSensitive(p, "mentions");
        if (mentions != NULL && !cJSON_IsNull(mentions) && !cJSON_IsArray(mentions)) {
            return malformed(w, "%s[%zu].mentions: must be an array", key, i);
        }
        const cJSON *m;
        cJSON_ArrayForEach(m, mentions)
        {
            if (cJSON_IsString(m) && m->valuestring[0] != '\0') {
                if ((rc = add_norm(&items[i].aliases, m->valuestring)) != 0) {
                    return rc;
                }
            } else if (!cJSON_IsString(m) && !cJSON_IsNull(m)) {
                return malformed(w, "%s[%zu].mentions: every mention must be a string",
                                 key, i);
            }
        }
        i++;
    }
    return 0;
}

/* meetings, calls (a, b) and visits (who, place). */
static int load_links(const where *w, const cJSON *rec, const char *key, const char *ka,
                      const char *kb, dkg__eval_link **out, size_t *n_out)
{
    int rc = 0;
    const cJSON *arr = array_member(w, rec, key, &rc);
    if (arr == NULL) {
        return rc;
    }
    size_t n = (size_t)cJSON_GetArraySize(arr);
    dkg__eval_link *items = calloc(n ? n : 1, sizeof *items);
    if (items == NULL) {
        return DKG_ENOMEM;
    }
    *out = items;
    size_t i = 0;
    const cJSON *g;
    cJSON_ArrayForEach(g, arr)
    {
        *n_out = i + 1;
        dkg__eval_link *l = &items[i];
        if (!cJSON_IsObject(g)) {
            return malformed(w, "%s[%zu]: must be an object", key, i);
        }
        const char *a;
        const char *b;
        if ((rc = required_string(w, g, ka, key, i, &a)) != 0 ||
            (rc = required_string(w, g, kb, key, i, &b)) != 0) {
            return rc;
        }
        l->a = dkg__eval_norm(a, strlen(a));
        l->b = dkg__eval_norm(b, strlen(b));
        l->b_raw = strdup(b);
        if (l->a == NULL || l->b == NULL || l->b_raw == NULL) {
            return DKG_ENOMEM;
        }
        const cJSON *status = cJSON_GetObjectItemCaseSensitive(g, "status");
        if (status == NULL || cJSON_IsString(status)) {
            l->status = strdup(status == NULL ? "occurred" : status->valuestring);
            if (l->status == NULL) {
                return DKG_ENOMEM;
            }
        }
        const cJSON *date = cJSON_GetObjectItemCaseSensitive(g, "date");
        if (cJSON_IsString(date) && date->valuestring[0] != '\0') {
            if ((l->date = strdup(date->valuestring)) == NULL) {
                return DKG_ENOMEM;
            }
        } else if (date != NULL && !cJSON_IsNull(date) && !cJSON_IsString(date)) {
            return malformed(w, "%s[%zu].date: must be a string or null", key, i);
        }
        i++;
    }
    return 0;
}

static int load_record(const where *w, const cJSON *rec, dkg__eval_gold *g)
{
    int rc;
    if (!cJSON_IsObject(rec)) {
        return malformed(w, "a gold record must be a JSON object");
    }
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(rec, "id");
    if (!cJSON_IsString(id)) {
        return malformed(w, "id: %s", id == NULL ? "missing (a string is required)"
                                                  : "must be a string");
    }
    const cJSON *file = cJSON_GetObjectItemCaseSensitive(rec, "file");
    if (file != NULL && !cJSON_IsNull(file) && !cJSON_IsString(file)) {
        return malformed(w, "file: must be a string or null");
    }
    g->id = strdup(id->valuestring);
    if (cJSON_IsString(file) && file->valuestring[0] != '\0') {
        g->file = strdup(file->valuestring);
    } else {
        /* as the reference scorer does: the id's last '-' part + ".txt" */
        const char *dash = strrchr(id->valuestring, '-');
        const char *stem = dash != NULL ? dash + 1 : id->valuestring;
        size_t len = strlen(stem);
        g->file = malloc(len + 5);
        if (g->file != NULL) {
            memcpy(g->file, stem, len);
            memcpy(g->file + len, ".txt", 5);
        }
    }
    if (g->id == NULL || g->file == NULL) {
        return DKG_ENOMEM;
    }
    g->line = w->line;
    if ((rc = load_named(w, rec, "persons", &g->persons, &g->n_persons)) != 0 ||
        (rc = load_named(w, rec, "places", &g->places, &g->n_places)) != 0 ||
        (rc = load_links(w, rec, "meetings", "a", "b", &g->meetings, &g->n_meetings)) != 0 ||
        (rc = load_links(w, rec, "calls", "a", "b", &g->calls, &g->n_calls)) != 0 ||
        (rc = load_links(w, rec, "visits", "who", "place", &g->visits, &g->n_visits)) != 0) {
        return rc;
    }
    return 0;
}

static void named_destroy(dkg__eval_named *items, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(items[i].name);
        dkg__eval_strs_destroy(&items[i].aliases);
    }
    free(items);
}

static void links_destroy(dkg__eval_link *items, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(items[i].a);
        free(items[i].b);
        free(items[i].b_raw);
        free(items[i].status);
        free(items[i].date);
    }
    free(items);
}

static void gold_destroy(dkg__eval_gold *g)
{
    free(g->id);
    free(g->file);
    named_destroy(g->persons, g->n_persons);
    named_destroy(g->places, g->n_places);
    links_destroy(g->meetings, g->n_meetings);
    links_destroy(g->calls, g->n_calls);
    links_destroy(g->visits, g->n_visits);
}

void dkg__eval_goldset_destroy(dkg__eval_goldset *set)
{
    if (set == NULL) {
        return;
    }
    for (size_t i = 0; i < set->count; i++) {
        gold_destroy(&set->items[i]);
    }
    free(set->items);
    set->items = NULL;
    set->count = 0;
}

static int blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\f' && s[i] != '\v') {
            return 0;
        }
    }
    return 1;
}

int dkg__eval_gold_load(dkg__eval_goldset *out, const char *path, dkg_error *err)
{
    int rc;
    char *buf = NULL;
    size_t len = 0;
    cJSON *rec = NULL;
    size_t cap = 0;
    if ((rc = dkg__eval_read_file(path, GOLD_MAX_BYTES, &buf, &len, err)) != 0) {
        goto done;
    }
    if (strcmp(path, "-") == 0) {
        path = "<stdin>";
    }
    long line = 0;
    for (size_t pos = 0; pos < len;) {
        const char *start = buf + pos;
        const char *nl = memchr(start, '\n', len - pos);
        size_t llen = nl != NULL ? (size_t)(nl - start) : len - pos;
        pos += llen + (nl != NULL);
        line++;
        size_t bad = 0;
        if (dkg_utf8_validate(start, llen, &bad) != 0) {
            rc = dkg_error_set(err, DKG_EUTF8, "%s", start[bad] == '\0' ? "NUL byte in the gold"
                                                                         : "invalid UTF-8");
            dkg_error_locate(err, path, line, (long)bad + 1, -1);
            goto done;
        }
        if (blank(start, llen)) {
            continue;
        }
        if ((rc = dkg__eval_parse_line(path, line, start, llen, &rec, err)) != 0) {
            goto done;
        }
        if (out->count == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            dkg__eval_gold *items = realloc(out->items, ncap * sizeof *items);
            if (items == NULL) {
                rc = dkg_error_set(err, DKG_ENOMEM, "out of memory");
                goto done;
            }
            out->items = items;
            cap = ncap;
        }
        dkg__eval_gold *g = &out->items[out->count++];
        memset(g, 0, sizeof *g);
        where w = {path, line, err};
        if ((rc = load_record(&w, rec, g)) != 0) {
            if (rc == DKG_ENOMEM) {
                dkg_error_set(err, DKG_ENOMEM, "out of memory");
            }
            goto done;
        }
        cJSON_Delete(rec);
        rec = NULL;
    }
done:
    cJSON_Delete(rec);
    free(buf);
    if (rc != 0) {
        dkg__eval_goldset_destroy(out);
    }
    return rc;
}
