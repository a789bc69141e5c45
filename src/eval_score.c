/* src/eval_score.c - scoring one extraction against one gold record.
 *
 * The rules are those of the reference scorer (score.py), kept to the letter
 * because users compare our figures with it:
 *  - persons and places: a predicted entity matches the first gold item whose
 *    alias set shares a normalised name with the entity's name or mentions;
 *    a second entity matching an already matched item is a false positive.
 *  - meetings and calls: the unit is the unordered pair of gold persons. A
 *    pair is wanted when one of its gold entries is not negated; a pair with
 *    only negated entries that is predicted anyway counts as a false positive
 *    and as "negated reported as occurred". Predicted relations whose ends do
 *    not both resolve to distinct gold persons are keyed by their normalised
 *    endpoint strings (so repeats collapse). Status and date accuracy are
 *    counted over every non-negated gold entry of each matched pair: the
 *    status is right when some predicted relation of the pair has it, the
 *    date when some predicted date starts with the gold date.
 *  - visits: the unit is (gold person, normalised place name) over the gold's
 *    non-negated visits; a predicted visit hits the last such key whose person
 *    it resolves to and whose place is one of its target's names.
 * Every set here holds a few dozen items at most, so plain arrays searched
 * linearly are simpler than hashing and no slower in practice. */
#include <stdlib.h>
#include <string.h>

#include "eval.h"

const char *const dkg__eval_kind_names[DKG_EVAL_KINDS] = {"person", "place", "meet", "call",
                                                           "visit"};

/* ---- Python-like views of JSON values ---------------------------------------------- */

/* str(value) as Python prints it; a missing value (NULL) is None. */
static char *py_str(const cJSON *v)
{
    char buf[64];
    if (v == NULL || cJSON_IsNull(v)) {
        return strdup("None");
    }
    if (cJSON_IsString(v)) {
        return strdup(v->valuestring);
    }
    if (cJSON_IsTrue(v)) {
        return strdup("True");
    }
    if (cJSON_IsFalse(v)) {
        return strdup("False");
    }
    if (cJSON_IsNumber(v)) {
        double d = v->valuedouble;
        if (d == (double)(long long)d && d > -1e15 && d < 1e15) {
            snprintf(buf, sizeof buf, "%lld", (long long)d);
        } else {
            snprintf(buf, sizeof buf, "%.17g", d);
        }
        return strdup(buf);
    }
    char *printed = cJSON_PrintUnformatted(v);
    char *copy = printed != NULL ? strdup(printed) : NULL;
    cJSON_free(printed);
    return copy;
}

static int truthy(const cJSON *v)
{
    if (v == NULL || cJSON_IsNull(v) || cJSON_IsFalse(v)) {
        return 0;
    }
    if (cJSON_IsString(v)) {
        return v->valuestring[0] != '\0';
    }
    if (cJSON_IsNumber(v)) {
        return v->valuedouble != 0;
    }
    if (cJSON_IsArray(v) || cJSON_IsObject(v)) {
        return v->child != NULL;
    }
    return 1;
}

/* norm(value): None gives "", anything else norm(str(value)). */
static char *norm_value(const cJSON *v)
{
    if (v == NULL || cJSON_IsNull(v)) {
        return dkg__eval_norm("", 0);
    }
    char *s = py_str(v);
    if (s == NULL) {
        return NULL;
    }
    char *n = dkg__eval_norm(s, strlen(s));
    free(s);
    return n;
}

static int is_type(const cJSON *obj, const char *key, const char *want)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) && strcmp(v->valuestring, want) == 0;
}

/* A member that the scorer iterates with `x.get(key, []) or []`. */
static const cJSON *list_member(const cJSON *obj, const char *key)
{
    const cJSON *v = obj != NULL ? cJSON_GetObjectItemCaseSensitive(obj, key) : NULL;
    return cJSON_IsArray(v) ? v : NULL;
}

/* ---- names --------------------------------------------------------------------------- */

static int add_unique(dkg__eval_strs *set, char *s)
{
    if (s == NULL) {
        return DKG_ENOMEM;
    }
    if (dkg__eval_strs_has(set, s)) {
        free(s);
        return 0;
    }
    return dkg__eval_strs_take(set, s);
}

/* Append s (owned), failing when it is NULL from an allocation that failed. */
static int take_string(dkg__eval_strs *list, char *s)
{
    return s != NULL ? dkg__eval_strs_take(list, s) : DKG_ENOMEM;
}

/* The normalised name and mentions of a predicted entity, without "". */
static int entity_names(const cJSON *e, dkg__eval_strs *out)
{
    int rc;
    if ((rc = add_unique(out, norm_value(cJSON_GetObjectItemCaseSensitive(e, "name")))) != 0) {
        return rc;
    }
    const cJSON *m;
    cJSON_ArrayForEach(m, list_member(e, "mentions"))
    {
        const cJSON *t = cJSON_IsObject(m) ? cJSON_GetObjectItemCaseSensitive(m, "text") : m;
        if (truthy(t) && (rc = add_unique(out, norm_value(t))) != 0) {
            return rc;
        }
    }
    for (size_t i = 0; i < out->count; i++) {
        if (out->items[i][0] == '\0') {
            free(out->items[i]);
            out->items[i] = out->items[--out->count];
            break;
        }
    }
    return 0;
}

static long find_named(const dkg__eval_named *items, size_t n, const dkg__eval_strs *names)
{
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < names->count; k++) {
            if (names->items[k][0] != '\0' && dkg__eval_strs_has(&items[i].aliases,
                                                                 names->items[k])) {
                return (long)i;
            }
        }
    }
    return -1;
}

static long gold_person(const dkg__eval_gold *g, const char *normalised)
{
    dkg__eval_strs one = {(char **)&normalised, 1, 1};
    return find_named(g->persons, g->n_persons, &one);
}

/* Entities by id, the last one winning as in a Python dict. */
typedef struct id_index {
    char **ids;
    const cJSON **entities;
    size_t count;
} id_index;

static void id_index_destroy(id_index *x)
{
    for (size_t i = 0; i < x->count; i++) {
        free(x->ids[i]);
    }
    free(x->ids);
    free(x->entities);
}

static int id_index_build(id_index *x, const cJSON *ents)
{
    size_t n = (size_t)cJSON_GetArraySize(ents);
    x->ids = calloc(n ? n : 1, sizeof *x->ids);
    x->entities = calloc(n ? n : 1, sizeof *x->entities);
    if (x->ids == NULL || x->entities == NULL) {
        return DKG_ENOMEM;
    }
    const cJSON *e;
    cJSON_ArrayForEach(e, ents)
    {
        const cJSON *id = cJSON_IsObject(e) ? cJSON_GetObjectItemCaseSensitive(e, "id") : NULL;
        if (id == NULL) {
            continue;
        }
        if ((x->ids[x->count] = py_str(id)) == NULL) {
            return DKG_ENOMEM;
        }
        x->entities[x->count++] = e;
    }
    return 0;
}

/* resolve(ref): the names of the entity ref names by id, else {norm(ref)}. */
static int resolve(const id_index *x, const cJSON *ref, dkg__eval_strs *out)
{
    char *key = py_str(ref);
    if (key == NULL) {
        return DKG_ENOMEM;
    }
    const cJSON *e = NULL;
    for (size_t i = x->count; i-- > 0;) {
        if (strcmp(x->ids[i], key) == 0) {
            e = x->entities[i];
            break;
        }
    }
    free(key);
    if (e != NULL) {
        return entity_names(e, out);
    }
    return add_unique(out, norm_value(ref));
}

/* The name of the entity ref points to, else str(ref); malloc'd. */
static char *display_name(const id_index *x, const cJSON *ref)
{
    char *key = py_str(ref);
    if (key == NULL) {
        return NULL;
    }
    for (size_t i = x->count; i-- > 0;) {
        if (strcmp(x->ids[i], key) == 0) {
            const cJSON *name = cJSON_GetObjectItemCaseSensitive(x->entities[i], "name");
            if (cJSON_IsString(name)) {
                free(key);
                return strdup(name->valuestring);
            }
            break;
        }
    }
    return key;
}

/* ---- details ------------------------------------------------------------------------- */

static int miss_add(dkg__eval_misses *m, const char *a, const char *b)
{
    if (m->count == m->capacity) {
        size_t cap = m->capacity ? m->capacity * 2 : 8;
        dkg__eval_miss *items = realloc(m->items, cap * sizeof *items);
        if (items == NULL) {
            return DKG_ENOMEM;
        }
        m->items = items;
        m->capacity = cap;
    }
    dkg__eval_miss *x = &m->items[m->count];
    x->gold_negated = 0;
    x->a = strdup(a != NULL ? a : "None");
    x->b = b != NULL ? strdup(b) : NULL;
    if (x->a == NULL || (b != NULL && x->b == NULL)) {
        free(x->a);
        free(x->b);
        return DKG_ENOMEM;
    }
    m->count++;
    return 0;
}

/* A pair of gold persons as the scorer prints it: the two names sorted. */
static int miss_add_pair(dkg__eval_misses *m, const dkg__eval_gold *g, long i, long j)
{
    const char *a = g->persons[i].name;
    const char *b = g->persons[j].name;
    if (strcmp(a, b) > 0) {
        const char *t = a;
        a = b;
        b = t;
    }
    return miss_add(m, a, b);
}

int dkg__eval_detail_empty(const dkg__eval_detail *detail)
{
    for (int k = 0; k < DKG_EVAL_KINDS; k++) {
        if (detail->fn[k].count > 0 || detail->fp[k].count > 0 || detail->wrong[k].count > 0) {
            return 0;
        }
    }
    return 1;
}

static void misses_destroy(dkg__eval_misses *m)
{
    for (size_t i = 0; i < m->count; i++) {
        free(m->items[i].a);
        free(m->items[i].b);
    }
    free(m->items);
    memset(m, 0, sizeof *m);
}

void dkg__eval_detail_destroy(dkg__eval_detail *detail)
{
    if (detail == NULL) {
        return;
    }
    for (int k = 0; k < DKG_EVAL_KINDS; k++) {
        misses_destroy(&detail->fn[k]);
        misses_destroy(&detail->fp[k]);
        misses_destroy(&detail->wrong[k]);
    }
}

/* ---- persons and places -------------------------------------------------------------- */

static int score_named(const dkg__eval_named *items, size_t n, const cJSON *ents,
                       const char *type, long counts[3], dkg__eval_misses *fn,
                       dkg__eval_misses *fp)
{
    int rc = 0;
    char *matched = calloc(n ? n : 1, 1);
    dkg__eval_strs names = {0};
    if (matched == NULL) {
        return DKG_ENOMEM;
    }
    long tp = 0;
    long fpc = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, ents)
    {
        if (!cJSON_IsObject(e) || !is_type(e, "type", type)) {
            continue;
        }
        dkg__eval_strs_destroy(&names);
        if ((rc = entity_names(e, &names)) != 0) {
            goto done;
        }
        long gi = find_named(items, n, &names);
        if (gi < 0 || matched[gi]) {
            fpc++;
            if (fp != NULL) {
                const cJSON *name = cJSON_GetObjectItemCaseSensitive(e, "name");
                char *s = py_str(name);
                rc = s != NULL ? miss_add(fp, s, NULL) : DKG_ENOMEM;
                free(s);
                if (rc != 0) {
                    goto done;
                }
            }
        } else {
            matched[gi] = 1;
            tp++;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (!matched[i] && fn != NULL && (rc = miss_add(fn, items[i].name, NULL)) != 0) {
            goto done;
        }
    }
    counts[0] += tp;
    counts[1] += fpc;
    counts[2] += (long)n - tp;
done:
    dkg__eval_strs_destroy(&names);
    free(matched);
    return rc;
}

/* ---- meetings and calls -------------------------------------------------------------- */

/* A key of the scorer's `got`: a gold pair (a < b), or, when a is -1, the
 * normalised endpoint strings s and t of a relation that did not resolve. */
typedef struct pair_key {
    long a;
    long b;
    char *s;
    char *t;
    dkg__eval_strs statuses; /* predicted statuses of this pair (NULL = null) */
    dkg__eval_strs dates;    /* predicted dates, "" when none */
    dkg__eval_strs shown;    /* visits: the endpoints' names for --show */
} pair_key;

typedef struct pair_keys {
    pair_key *items;
    size_t count;
    size_t capacity;
} pair_keys;

static void pair_keys_destroy(pair_keys *k)
{
    for (size_t i = 0; i < k->count; i++) {
        free(k->items[i].s);
        free(k->items[i].t);
        dkg__eval_strs_destroy(&k->items[i].statuses);
        dkg__eval_strs_destroy(&k->items[i].dates);
        dkg__eval_strs_destroy(&k->items[i].shown);
    }
    free(k->items);
}

/* Find the key, adding it when new; takes ownership of s and t. */
static pair_key *pair_keys_get(pair_keys *k, long a, long b, char *s, char *t)
{
    for (size_t i = 0; i < k->count; i++) {
        pair_key *x = &k->items[i];
        if (x->a == a && x->b == b &&
            (a >= 0 || (strcmp(x->s, s) == 0 && strcmp(x->t, t) == 0))) {
            free(s);
            free(t);
            return x;
        }
    }
    if (k->count == k->capacity) {
        size_t cap = k->capacity ? k->capacity * 2 : 8;
        pair_key *items = realloc(k->items, cap * sizeof *items);
        if (items == NULL) {
            free(s);
            free(t);
            return NULL;
        }
        k->items = items;
        k->capacity = cap;
    }
    pair_key *x = &k->items[k->count++];
    memset(x, 0, sizeof *x);
    x->a = a;
    x->b = b;
    x->s = s;
    x->t = t;
    return x;
}

/* Marker for a status that is neither a string nor null: equal to no gold value. */
static const char other_status[] = "\x01";

/* A gold pair with the indices of its entries in the gold list. */
typedef struct gold_pair {
    long a;
    long b;
    int wanted; /* some entry is not negated */
    size_t *entries;
    size_t n_entries;
} gold_pair;

static void gold_pairs_destroy(gold_pair *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(p[i].entries);
    }
    free(p);
}

static int is_negated(const char *status)
{
    return status != NULL && strcmp(status, "negated") == 0;
}

/* "a or b or c" of the list's items, "empty" for NULL and "" items; malloc'd. */
static char *join_or(const dkg__eval_strs *l, const char *empty)
{
    size_t need = 1;
    for (size_t i = 0; i < l->count; i++) {
        const char *s = l->items[i] != NULL && l->items[i][0] != '\0' ? l->items[i] : empty;
        need += strlen(s) + 4;
    }
    char *out = malloc(need);
    if (out == NULL) {
        return NULL;
    }
    out[0] = '\0';
    for (size_t i = 0; i < l->count; i++) {
        const char *s = l->items[i] != NULL && l->items[i][0] != '\0' ? l->items[i] : empty;
        if (i > 0) {
            strcat(out, " or ");
        }
        strcat(out, s);
    }
    return out;
}

/* Record for --show that a found pair has the wrong status or date. */
static int wrong_add(dkg__eval_misses *wrong, const dkg__eval_gold *g, long a, long b,
                     const char *what, const char *gold_value, const dkg__eval_strs *got,
                     const char *empty)
{
    int rc = DKG_ENOMEM;
    char *pair = NULL;
    char *text = NULL;
    char *got_text = join_or(got, empty);
    const char *na = g->persons[a].name;
    const char *nb = g->persons[b].name;
    if (strcmp(na, nb) > 0) {
        const char *t = na;
        na = nb;
        nb = t;
    }
    size_t pair_len = strlen(na) + strlen(nb) + 4;
    size_t text_len = strlen(what) + strlen(gold_value) + (got_text ? strlen(got_text) : 0) + 16;
    if (got_text != NULL && (pair = malloc(pair_len)) != NULL &&
        (text = malloc(text_len)) != NULL) {
        snprintf(pair, pair_len, "%s + %s", na, nb);
        snprintf(text, text_len, "%s %s, got %s", what, gold_value, got_text);
        rc = miss_add(wrong, pair, text);
    }
    free(got_text);
    free(pair);
    free(text);
    return rc;
}

static int score_pairs(const dkg__eval_gold *g, const dkg__eval_link *links, size_t n_links,
                       const cJSON *rels, const id_index *ids, const char *kind, long counts[3],
                       long status[2], long date[2], long *negated_as_positive,
                       dkg__eval_misses *fn, dkg__eval_misses *fp, dkg__eval_misses *wrong)
{
    int rc = 0;
    gold_pair *gold = calloc(n_links ? n_links : 1, sizeof *gold);
    size_t n_gold = 0;
    pair_keys got = {0};
    dkg__eval_strs src = {0};
    dkg__eval_strs dst = {0};
    if (gold == NULL) {
        return DKG_ENOMEM;
    }

    for (size_t i = 0; i < n_links; i++) {
        long a = gold_person(g, links[i].a);
        long b = gold_person(g, links[i].b);
        if (a < 0 || b < 0 || a == b) {
            continue;
        }
        if (a > b) {
            long t = a;
            a = b;
            b = t;
        }
        size_t k = 0;
        while (k < n_gold && !(gold[k].a == a && gold[k].b == b)) {
            k++;
        }
        gold_pair *gp = &gold[k];
        if (k == n_gold) {
            n_gold++;
            gp->a = a;
            gp->b = b;
            /* a pair has at most n_links entries */
            if ((gp->entries = malloc(n_links * sizeof *gp->entries)) == NULL) {
                rc = DKG_ENOMEM;
                goto done;
            }
        }
        gp->entries[gp->n_entries++] = i;
        gp->wanted |= !is_negated(links[i].status);
    }

    const cJSON *r;
    cJSON_ArrayForEach(r, rels)
    {
        if (!cJSON_IsObject(r) || !is_type(r, "type", kind) || is_type(r, "status", "negated")) {
            continue;
        }
        const cJSON *source = cJSON_GetObjectItemCaseSensitive(r, "source");
        const cJSON *target = cJSON_GetObjectItemCaseSensitive(r, "target");
        dkg__eval_strs_destroy(&src);
        dkg__eval_strs_destroy(&dst);
        if ((rc = resolve(ids, source, &src)) != 0 || (rc = resolve(ids, target, &dst)) != 0) {
            goto done;
        }
        long a = find_named(g->persons, g->n_persons, &src);
        long b = find_named(g->persons, g->n_persons, &dst);
        pair_key *x;
        if (a >= 0 && b >= 0 && a != b) {
            x = pair_keys_get(&got, a < b ? a : b, a < b ? b : a, NULL, NULL);
        } else {
            char *s = NULL;
            char *t = NULL;
            char *ss = py_str(source);
            char *ts = py_str(target);
            if (ss != NULL && ts != NULL) {
                s = dkg__eval_norm(ss, strlen(ss));
                t = dkg__eval_norm(ts, strlen(ts));
            }
            free(ss);
            free(ts);
            if (s == NULL || t == NULL) {
                free(s);
                free(t);
                rc = DKG_ENOMEM;
                goto done;
            }
            x = pair_keys_get(&got, -1, -1, s, t);
        }
        if (x == NULL) {
            rc = DKG_ENOMEM;
            goto done;
        }
        const cJSON *st = cJSON_GetObjectItemCaseSensitive(r, "status");
        const char *sv = st == NULL ? "occurred"
                         : cJSON_IsString(st) ? st->valuestring
                         : cJSON_IsNull(st)   ? NULL
                                              : other_status;
        if (!dkg__eval_strs_has(&x->statuses, sv) &&
            (rc = dkg__eval_strs_push(&x->statuses, sv)) != 0) {
            goto done;
        }
        const cJSON *dt = cJSON_GetObjectItemCaseSensitive(r, "date");
        char *dv = truthy(dt) ? py_str(dt) : strdup("");
        if ((rc = add_unique(&x->dates, dv)) != 0) {
            goto done;
        }
    }

    long tp = 0;
    long fpc = 0;
    for (size_t i = 0; i < got.count; i++) {
        pair_key *x = &got.items[i];
        gold_pair *gp = NULL;
        for (size_t k = 0; x->a >= 0 && k < n_gold; k++) {
            if (gold[k].a == x->a && gold[k].b == x->b) {
                gp = &gold[k];
            }
        }
        int wanted = gp != NULL && gp->wanted;
        if (!wanted) {
            fpc++;
            if (gp != NULL) {
                (*negated_as_positive)++;
            }
            if (fp != NULL) {
                rc = x->a >= 0 ? miss_add_pair(fp, g, x->a, x->b) : miss_add(fp, x->s, x->t);
                if (rc != 0) {
                    goto done;
                }
                fp->items[fp->count - 1].gold_negated = gp != NULL;
            }
            continue;
        }
        tp++;
        for (size_t e = 0; e < gp->n_entries; e++) {
            const dkg__eval_link *l = &links[gp->entries[e]];
            if (is_negated(l->status)) {
                continue;
            }
            int right = dkg__eval_strs_has(&x->statuses, l->status);
            status[0] += right;
            status[1]++;
            if (!right && wrong != NULL &&
                (rc = wrong_add(wrong, g, x->a, x->b, "status", l->status ? l->status : "null",
                                &x->statuses, "null")) != 0) {
                goto done;
            }
            if (l->date != NULL) {
                size_t dl = strlen(l->date);
                int hit = 0;
                for (size_t d = 0; d < x->dates.count && !hit; d++) {
                    hit = strncmp(x->dates.items[d], l->date, dl) == 0;
                }
                date[0] += hit;
                date[1]++;
                if (!hit && wrong != NULL &&
                    (rc = wrong_add(wrong, g, x->a, x->b, "date", l->date, &x->dates, "none")) !=
                        0) {
                    goto done;
                }
            }
        }
    }
    long wanted_n = 0;
    for (size_t k = 0; k < n_gold; k++) {
        gold_pair *gp = &gold[k];
        if (!gp->wanted) {
            continue;
        }
        wanted_n++;
        int found = 0;
        for (size_t i = 0; i < got.count && !found; i++) {
            found = got.items[i].a == gp->a && got.items[i].b == gp->b;
        }
        if (!found && fn != NULL && (rc = miss_add_pair(fn, g, gp->a, gp->b)) != 0) {
            goto done;
        }
    }
    counts[0] += tp;
    counts[1] += fpc;
    counts[2] += wanted_n - tp;
done:
    dkg__eval_strs_destroy(&src);
    dkg__eval_strs_destroy(&dst);
    gold_pairs_destroy(gold, n_links);
    pair_keys_destroy(&got);
    return rc;
}

/* ---- visits -------------------------------------------------------------------------- */

static int score_visits(const dkg__eval_gold *g, const cJSON *rels, const id_index *ids,
                        long counts[3], dkg__eval_misses *fn, dkg__eval_misses *fp)
{
    int rc = 0;
    size_t n = g->n_visits;
    long *who = calloc(n ? n : 1, sizeof *who);          /* unique keys: person */
    const dkg__eval_link **key = calloc(n ? n : 1, sizeof *key); /* first entry of the key */
    char *hit = calloc(n ? n : 1, 1);
    pair_keys misses = {0}; /* unresolved predicted visits, by raw strings */
    dkg__eval_strs src = {0};
    dkg__eval_strs dst = {0};
    size_t nk = 0;
    if (who == NULL || key == NULL || hit == NULL) {
        rc = DKG_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        const dkg__eval_link *l = &g->visits[i];
        long w = gold_person(g, l->a);
        if (w < 0 || is_negated(l->status)) {
            continue;
        }
        size_t k = 0;
        while (k < nk && !(who[k] == w && strcmp(key[k]->b, l->b) == 0)) {
            k++;
        }
        if (k == nk) {
            who[nk] = w;
            key[nk++] = l;
        }
    }
    const cJSON *r;
    cJSON_ArrayForEach(r, rels)
    {
        if (!cJSON_IsObject(r) || !is_type(r, "type", "visit") || is_type(r, "status", "negated")) {
            continue;
        }
        const cJSON *source = cJSON_GetObjectItemCaseSensitive(r, "source");
        const cJSON *target = cJSON_GetObjectItemCaseSensitive(r, "target");
        dkg__eval_strs_destroy(&src);
        dkg__eval_strs_destroy(&dst);
        if ((rc = resolve(ids, source, &src)) != 0 || (rc = resolve(ids, target, &dst)) != 0) {
            goto done;
        }
        long w = find_named(g->persons, g->n_persons, &src);
        long found = -1;
        for (size_t k = 0; k < nk; k++) {
            if (who[k] == w && dkg__eval_strs_has(&dst, key[k]->b)) {
                found = (long)k;
            }
        }
        if (found >= 0) {
            hit[found] = 1;
            continue;
        }
        /* the scorer keys an unmatched visit by its raw endpoints */
        char *ss = py_str(source);
        char *ts = py_str(target);
        if (ss == NULL || ts == NULL) {
            free(ss);
            free(ts);
            rc = DKG_ENOMEM;
            goto done;
        }
        pair_key *x = pair_keys_get(&misses, -1, -1, ss, ts);
        if (x == NULL) {
            rc = DKG_ENOMEM;
            goto done;
        }
        /* --show prints the entities' names rather than their ids */
        if (fp != NULL && x->shown.count == 0 &&
            ((rc = take_string(&x->shown, display_name(ids, source))) != 0 ||
             (rc = take_string(&x->shown, display_name(ids, target))) != 0)) {
            goto done;
        }
    }
    long tp = 0;
    for (size_t k = 0; k < nk; k++) {
        if (hit[k]) {
            tp++;
        } else if (fn != NULL && (rc = miss_add(fn, g->persons[who[k]].name, key[k]->b_raw)) != 0) {
            goto done;
        }
    }
    for (size_t i = 0; fp != NULL && i < misses.count; i++) {
        const dkg__eval_strs *names = &misses.items[i].shown;
        if ((rc = miss_add(fp, names->items[0], names->items[1])) != 0) {
            goto done;
        }
    }
    counts[0] += tp;
    counts[1] += (long)misses.count;
    counts[2] += (long)nk - tp;
done:
    dkg__eval_strs_destroy(&src);
    dkg__eval_strs_destroy(&dst);
    pair_keys_destroy(&misses);
    free(who);
    free(key);
    free(hit);
    return rc;
}

/* ---- one document -------------------------------------------------------------------- */

int dkg__eval_score_doc(const dkg__eval_gold *gold, const cJSON *pred, dkg__eval_tally *tally,
                        dkg__eval_detail *detail)
{
    int rc;
    id_index ids = {0};
    if (!cJSON_IsObject(pred)) {
        pred = NULL;
    }
    const cJSON *ents = list_member(pred, "entities");
    const cJSON *rels = list_member(pred, "relations");
#define FN(k) (detail != NULL ? &detail->fn[k] : NULL)
#define FP(k) (detail != NULL ? &detail->fp[k] : NULL)
#define WRONG(k) (detail != NULL ? &detail->wrong[k] : NULL)
    if ((rc = id_index_build(&ids, ents)) != 0 ||
        (rc = score_named(gold->persons, gold->n_persons, ents, "person",
                          tally->counts[DKG_EVAL_PERSON], FN(DKG_EVAL_PERSON),
                          FP(DKG_EVAL_PERSON))) != 0 ||
        (rc = score_named(gold->places, gold->n_places, ents, "place",
                          tally->counts[DKG_EVAL_PLACE], FN(DKG_EVAL_PLACE),
                          FP(DKG_EVAL_PLACE))) != 0 ||
        (rc = score_pairs(gold, gold->meetings, gold->n_meetings, rels, &ids, "meet",
                          tally->counts[DKG_EVAL_MEET], tally->meet_status, tally->meet_date,
                          &tally->meet_negated_as_positive, FN(DKG_EVAL_MEET),
                          FP(DKG_EVAL_MEET), WRONG(DKG_EVAL_MEET))) != 0 ||
        (rc = score_pairs(gold, gold->calls, gold->n_calls, rels, &ids, "call",
                          tally->counts[DKG_EVAL_CALL], tally->call_status, tally->call_date,
                          &tally->call_negated_as_positive, FN(DKG_EVAL_CALL),
                          FP(DKG_EVAL_CALL), WRONG(DKG_EVAL_CALL))) != 0 ||
        (rc = score_visits(gold, rels, &ids, tally->counts[DKG_EVAL_VISIT], FN(DKG_EVAL_VISIT),
                           FP(DKG_EVAL_VISIT))) != 0) {
        goto done;
    }
#undef FN
#undef FP
#undef WRONG
    tally->articles++;
done:
    id_index_destroy(&ids);
    return rc;
}
