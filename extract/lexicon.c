/* extract/lexicon.c - loading lexicon JSON files and indexing their names.
 *
 * Every name, alias, adjective and title is stored under its lookup key
 * (folded, periods dropped) in one hash map whose values are lists of hits,
 * plus a map from each name's first token to the most tokens any name with
 * that first token has. The matcher walks tokens and tries only as many
 * token spans as that number allows: one hash lookup per token in the
 * common case, instead of running thousands of names as a regex
 * alternation (about 60 times slower). Load errors name the file, line,
 * column and the JSON path of the entry. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "dkg/fold.h"
#include "json_loader.h"
#include "json_locate.h"
#include "lexicon_internal.h"

/* ---- keys and case rules -------------------------------------------------------- */

/* The key of pure-ASCII text, the common case in English news, without going
 * through dkg_fold's code point decoding (this was a tenth of extraction time):
 * lower case, whitespace runs as one inner space, periods dropped, exactly as
 * the general path below. Returns (size_t)-1 at the first non-ASCII byte. */
static size_t ascii_key(const char *s, size_t len, char *out, size_t cap)
{
    size_t k = 0;
    int space = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            return (size_t)-1;
        }
        if (c == '.') {
            continue;
        }
        if (c == ' ' || (c >= '\t' && c <= '\r')) {
            space = k > 0;
            continue;
        }
        if (space) {
            if (k + 1 < cap) {
                out[k] = ' ';
            }
            k++;
            space = 0;
        }
        if (k + 1 < cap) {
            out[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        k++;
    }
    if (cap > 0) {
        out[k < cap ? k : cap - 1] = '\0';
    }
    return k;
}

size_t dkg__name_key(const char *s, size_t len, char *out, size_t cap)
{
    if (len < DKG_KEY_MAX * 2 - 1) {
        size_t k = ascii_key(s, len, out, cap);
        if (k != (size_t)-1) {
            return k;
        }
    }
    char folded[DKG_KEY_MAX * 2];
    size_t n = dkg_fold(s, len, folded, sizeof folded);
    if (n >= sizeof folded) {
        n = sizeof folded - 1;
    }
    size_t k = 0;
    int space = 0;
    for (size_t i = 0; i < n; i++) {
        char c = folded[i];
        if (c == '.') {
            continue;
        }
        if (c == ' ') {
            space = k > 0;
            continue;
        }
        if (space) {
            if (k + 1 < cap) {
                out[k] = ' ';
            }
            k++;
            space = 0;
        }
        if (k + 1 < cap) {
            out[k] = c;
        }
        k++;
    }
    if (cap > 0) {
        out[k < cap ? k : cap - 1] = '\0';
    }
    return k;
}

static int is_upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }
static int is_lower_ascii(char c) { return c >= 'a' && c <= 'z'; }

/* The first letter of s is upper case: ASCII A-Z, or a non-ASCII letter whose
 * fold differs (covers É, Ö, Ł ...). */
static int starts_upper(const char *s, size_t len)
{
    if (len == 0) {
        return 0;
    }
    if ((unsigned char)s[0] < 0x80) {
        return is_upper_ascii(s[0]) || (s[0] >= '0' && s[0] <= '9');
    }
    /* Latin-1/Extended capitals are U+00C0-00DE and the even code points of
     * Extended-A; good enough to tell "Élysée" from "élan". */
    unsigned char b0 = (unsigned char)s[0];
    unsigned char b1 = len > 1 ? (unsigned char)s[1] : 0;
    if (b0 == 0xC3) {
        return b1 >= 0x80 && b1 <= 0x9E;
    }
    if (b0 == 0xC4 || b0 == 0xC5) {
        unsigned cp = ((unsigned)(b0 & 0x1F) << 6) | (b1 & 0x3F);
        return (cp & 1) == 0;
    }
    return 1;
}

int dkg__case_ok(const char *s, size_t len, lex_case rule)
{
    if (rule == CASE_ANY) {
        return 1;
    }
    if (!starts_upper(s, len)) {
        return 0;
    }
    if (rule == CASE_ALLCAPS) {
        for (size_t i = 0; i < len; i++) {
            if (is_lower_ascii(s[i])) {
                return 0;
            }
        }
    }
    return 1;
}

static lex_case case_rule_of(const char *alias)
{
    int upper = 0;
    int lower = 0;
    for (const char *p = alias; *p; p++) {
        upper += is_upper_ascii(*p) || (unsigned char)*p >= 0x80;
        lower += is_lower_ascii(*p);
    }
    if (!is_upper_ascii(alias[0]) && (unsigned char)alias[0] < 0x80 && upper == 0) {
        return CASE_ANY;
    }
    if (lower == 0 && upper >= 2) {
        return CASE_ALLCAPS;
    }
    return CASE_CAPITAL;
}

/* ---- dates ---------------------------------------------------------------------- */

static int date_cmp_bound(dkg_date a, dkg_date b, int as_end)
{
    /* Compare with missing parts filled as the start (or end) of the period. */
    int am = a.month ? a.month : (as_end ? 12 : 1);
    int ad = a.day ? a.day : (as_end ? 31 : 1);
    int bm = b.month ? b.month : (as_end ? 12 : 1);
    int bd = b.day ? b.day : (as_end ? 31 : 1);
    if (a.year != b.year) {
        return a.year < b.year ? -1 : 1;
    }
    if (am != bm) {
        return am < bm ? -1 : 1;
    }
    return ad < bd ? -1 : ad > bd;
}

int dkg__role_active(const lex_role *r, dkg_date d)
{
    if (d.year == 0) {
        return r->to.year == 0; /* no date: current holders only */
    }
    /* An article month or year overlaps the role when any of its days does. */
    if (r->from.year != 0 && date_cmp_bound(d, r->from, 1) < 0) {
        return 0;
    }
    if (r->to.year != 0 && date_cmp_bound(d, r->to, 0) > 0) {
        return 0;
    }
    return 1;
}

/* ---- index building -------------------------------------------------------------- */

/* realloc for a member array that may lie in lex's block (then copied). */
static void *grow_member(const dkg_lexicon *lex, void *p, size_t old_bytes, size_t new_bytes)
{
    if (p == NULL || !dkg__lexicon_borrowed(lex, p)) {
        return realloc(p, new_bytes);
    }
    void *copy = malloc(new_bytes);
    if (copy != NULL) {
        memcpy(copy, p, old_bytes);
    }
    return copy;
}

static int hits_add(dkg_strmap *map, dkg_lexicon *lex, const char *key, size_t len, lex_hit hit)
{
    int at = dkg__strmap_get(map, key, len);
    if (at < 0) {
        if (lex->nhits == lex->hits_cap) {
            size_t cap = lex->hits_cap ? lex->hits_cap * 2 : 1024;
            lex_hits *grown = realloc(lex->hits, cap * sizeof *grown);
            if (grown == NULL) {
                return DKG_ENOMEM;
            }
            lex->hits = grown;
            lex->hits_cap = cap;
        }
        at = (int)lex->nhits++;
        lex->hits[at] = (lex_hits){NULL, 0, 0};
        if (dkg__strmap_put(map, key, len, at) != 0) {
            return DKG_ENOMEM;
        }
    }
    lex_hits *h = &lex->hits[at];
    for (int i = 0; i < h->count; i++) {
        if (h->items[i].target == hit.target && h->items[i].kind == hit.kind) {
            if (hit.case_rule < h->items[i].case_rule) {
                h->items[i].case_rule = hit.case_rule; /* the most lenient form wins */
            }
            return 0;
        }
    }
    if (h->count == h->capacity) {
        int cap = h->capacity ? h->capacity * 2 : 2;
        lex_hit *grown = grow_member(lex, h->items, (size_t)h->count * sizeof *grown,
                                     (size_t)cap * sizeof *grown);
        if (grown == NULL) {
            return DKG_ENOMEM;
        }
        h->items = grown;
        h->capacity = cap;
    }
    h->items[h->count++] = hit;
    return 0;
}

static int count_tokens(const char *key)
{
    int n = 1;
    for (const char *p = key; *p; p++) {
        n += (*p == ' ' || *p == '-' || *p == '\'');
    }
    return n;
}

/* Index one written form of a name. */
static int index_name(dkg_lexicon *lex, const char *form, int target, lex_hit_kind kind)
{
    char key[DKG_KEY_MAX];
    size_t len = dkg__name_key(form, strlen(form), key, sizeof key);
    if (len == 0 || len >= sizeof key) {
        return 0; /* empty or absurdly long forms are not indexed */
    }
    lex_hit hit = {target, (unsigned char)kind, (unsigned char)case_rule_of(form)};
    int rc = hits_add(&lex->names, lex, key, len, hit);
    if (rc != 0) {
        return rc;
    }
    size_t first = 0;
    while (first < len && key[first] != ' ' && key[first] != '-' && key[first] != '\'') {
        first++;
    }
    int tokens = count_tokens(key);
    if (dkg__strmap_get(&lex->first_tokens, key, first) < tokens) {
        return dkg__strmap_put(&lex->first_tokens, key, first, tokens);
    }
    return 0;
}

const lex_hits *dkg__lexicon_lookup(const dkg_lexicon *lex, const char *key, size_t len)
{
    return dkg__lexicon_lookup_hashed(lex, key, len, dkg__hash(key, len));
}

const lex_hits *dkg__lexicon_lookup_hashed(const dkg_lexicon *lex, const char *key, size_t len,
                                           uint64_t hash)
{
    int at = dkg__strmap_get_hashed(&lex->names, key, len, hash);
    return at < 0 ? NULL : &lex->hits[at];
}

const lex_hits *dkg__lexicon_surname(const dkg_lexicon *lex, const char *key, size_t len)
{
    int at = dkg__strmap_get(&lex->surnames, key, len);
    return at < 0 ? NULL : &lex->hits[at];
}

int dkg__lexicon_max_tokens(const dkg_lexicon *lex, const char *key, size_t len, uint64_t hash)
{
    int n = dkg__strmap_get_hashed(&lex->first_tokens, key, len, hash);
    return n < 0 ? 0 : n;
}

int dkg__lexicon_country(const dkg_lexicon *lex, const char *iso3)
{
    return dkg__strmap_get(&lex->countries, iso3, strlen(iso3));
}

int dkg__lexicon_entity(const dkg_lexicon *lex, const char *id)
{
    return dkg__strmap_get(&lex->ids, id, strlen(id));
}

int dkg__lexicon_capital(const dkg_lexicon *lex, int country)
{
    const char *capital = lex->entities[country].capital;
    return capital != NULL ? dkg__lexicon_entity(lex, capital) : -1;
}

/* ---- loading --------------------------------------------------------------------- */

/* Read an optional string member; *out stays NULL when absent. */
static int get_string(dkg_json_loader *ld, const cJSON *obj, const char *key, int required,
                      char **out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (v == NULL) {
        return required ? dkg__loader_fail(ld, "missing \"%s\"", key, NULL) : 0;
    }
    if (!cJSON_IsString(v) || v->valuestring[0] == '\0') {
        return dkg__loader_fail(ld, "\"%s\" must be a non-empty string", key, NULL);
    }
    dkg__lexicon_free_str(ld->into, *out);
    *out = dkg__strdup(v->valuestring);
    return *out == NULL ? dkg_error_set(ld->err, DKG_ENOMEM, "out of memory") : 0;
}

static int parse_date_field(dkg_json_loader *ld, const cJSON *obj, const char *key, dkg_date *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    *out = (dkg_date){0, 0, 0};
    if (v == NULL || cJSON_IsNull(v)) {
        return 0;
    }
    if (!cJSON_IsString(v) || dkg__date_parse(v->valuestring, out) != 0) {
        return dkg__loader_fail(ld,
            "role \"%s\" must be a date YYYY-MM-DD, YYYY-MM or YYYY", key, NULL);
    }
    return 0;
}

static int load_title(dkg_json_loader *ld, const cJSON *obj)
{
    static const char *const allowed[] = {"title", "aliases", "leader", "rank", "person_cue",
                                          NULL};
    dkg_lexicon *lex = ld->into;
    if (!cJSON_IsObject(obj)) {
        return dkg__loader_fail(ld, "each title must be an object", NULL, NULL);
    }
    int rc = dkg__loader_check_keys(ld, obj, allowed);
    char *title = NULL;
    if (rc == 0) {
        rc = get_string(ld, obj, "title", 1, &title);
    }
    if (rc != 0) {
        free(title);
        return rc;
    }
    int at = dkg__strmap_get(&lex->title_ids, title, strlen(title));
    if (at < 0) {
        if (lex->ntitles == lex->titles_cap) {
            size_t cap = lex->titles_cap ? lex->titles_cap * 2 : 64;
            lex_title *grown = realloc(lex->titles, cap * sizeof *grown);
            if (grown == NULL) {
                free(title);
                return dkg_error_set(ld->err, DKG_ENOMEM, "out of memory");
            }
            lex->titles = grown;
            lex->titles_cap = cap;
        }
        at = (int)lex->ntitles++;
        lex->titles[at] = (lex_title){title, 0, 9, 1};
        if (dkg__strmap_put(&lex->title_ids, title, strlen(title), at) != 0) {
            return dkg_error_set(ld->err, DKG_ENOMEM, "out of memory");
        }
    } else {
        free(title);
    }
    lex_title *t = &lex->titles[at];
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "leader");
    if (v != NULL) {
        if (!cJSON_IsBool(v)) {
            return dkg__loader_fail(ld, "\"leader\" must be true or false", NULL, NULL);
        }
        t->leader = cJSON_IsTrue(v);
    }
    v = cJSON_GetObjectItemCaseSensitive(obj, "person_cue");
    if (v != NULL) {
        if (!cJSON_IsBool(v)) {
            return dkg__loader_fail(ld, "\"person_cue\" must be true or false", NULL, NULL);
        }
        t->person_cue = cJSON_IsTrue(v);
    }
    v = cJSON_GetObjectItemCaseSensitive(obj, "rank");
    if (v != NULL) {
        if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > 100) {
            return dkg__loader_fail(ld, "\"rank\" must be a number from 0 to 100", NULL, NULL);
        }
        t->rank = (int)v->valuedouble;
    }
    rc = index_name(lex, t->title, at, HIT_TITLE);
    const cJSON *aliases = cJSON_GetObjectItemCaseSensitive(obj, "aliases");
    if (aliases != NULL && !cJSON_IsArray(aliases)) {
        return dkg__loader_fail(ld, "\"aliases\" must be an array of strings", NULL, NULL);
    }
    const cJSON *a;
    cJSON_ArrayForEach(a, aliases)
    {
        if (!cJSON_IsString(a) || a->valuestring[0] == '\0') {
            return dkg__loader_fail(ld, "\"aliases\" must hold non-empty strings", NULL, NULL);
        }
        rc = rc ? rc : index_name(lex, a->valuestring, at, HIT_TITLE);
    }
    return rc ? dkg_error_set(ld->err, DKG_ENOMEM, "out of memory") : 0;
}

static int load_roles(dkg_json_loader *ld, lex_entity *e, const cJSON *roles)
{
    static const char *const allowed[] = {"title", "of", "from", "to", "rank", NULL};
    const dkg_lexicon *lex = ld->into;
    if (!cJSON_IsArray(roles)) {
        return dkg__loader_fail(ld, "\"roles\" must be an array of objects", NULL, NULL);
    }
    const cJSON *r;
    cJSON_ArrayForEach(r, roles)
    {
        if (!cJSON_IsObject(r)) {
            return dkg__loader_fail(ld, "each role must be an object", NULL, NULL);
        }
        int rc = dkg__loader_check_keys(ld, r, allowed);
        if (rc != 0) {
            return rc;
        }
        const cJSON *title = cJSON_GetObjectItemCaseSensitive(r, "title");
        const cJSON *of = cJSON_GetObjectItemCaseSensitive(r, "of");
        if (!cJSON_IsString(title) || !cJSON_IsString(of)) {
            return dkg__loader_fail(ld, "a role needs \"title\" and \"of\" strings", NULL, NULL);
        }
        int t = dkg__strmap_get(&lex->title_ids, title->valuestring,
                                strlen(title->valuestring));
        if (t < 0) {
            return dkg__loader_fail(ld, "role title \"%s\" is not defined in any \"titles\" list "
                            "(load the titles file first, or add it)",
                        title->valuestring, NULL);
        }
        lex_role role = {t, dkg__strdup(of->valuestring), {0, 0, 0}, {0, 0, 0}, 0};
        if (role.of == NULL) {
            return dkg_error_set(ld->err, DKG_ENOMEM, "out of memory");
        }
        rc = parse_date_field(ld, r, "from", &role.from);
        rc = rc ? rc : parse_date_field(ld, r, "to", &role.to);
        const cJSON *rank = cJSON_GetObjectItemCaseSensitive(r, "rank");
        if (rc == 0 && rank != NULL) {
            if (!cJSON_IsNumber(rank)) {
                rc = dkg__loader_fail(ld, "role \"rank\" must be a number", NULL, NULL);
            } else {
                role.rank = (int)rank->valuedouble;
            }
        }
        lex_role *grown = rc ? NULL
                             : grow_member(ld->into, e->roles, (size_t)e->nroles * sizeof *grown,
                                           (size_t)(e->nroles + 1) * sizeof *grown);
        if (grown == NULL) {
            free(role.of);
            return rc ? rc : dkg_error_set(ld->err, DKG_ENOMEM, "out of memory");
        }
        e->roles = grown;
        e->roles[e->nroles++] = role;
    }
    return 0;
}

static int type_of(const char *s, lex_type *out)
{
    static const char *const names[] = {"person", "country", "place", "organization"};
    for (int i = 0; i < 4; i++) {
        if (strcmp(s, names[i]) == 0) {
            *out = (lex_type)i;
            return 0;
        }
    }
    return -1;
}

static int index_strings(dkg_json_loader *ld, const cJSON *obj, const char *key, int target,
                         lex_hit_kind kind)
{
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (arr == NULL) {
        return 0;
    }
    if (!cJSON_IsArray(arr)) {
        return dkg__loader_fail(ld, "\"%s\" must be an array of strings", key, NULL);
    }
    const cJSON *a;
    cJSON_ArrayForEach(a, arr)
    {
        if (!cJSON_IsString(a) || a->valuestring[0] == '\0') {
            return dkg__loader_fail(ld, "\"%s\" must hold non-empty strings", key, NULL);
        }
        if (index_name(ld->into, a->valuestring, target, kind) != 0) {
            return dkg_error_set(ld->err, DKG_ENOMEM, "out of memory");
        }
    }
    return 0;
}

static int load_entity(dkg_json_loader *ld, const cJSON *obj)
{
    static const char *const allowed[] = {"id", "type", "name", "aliases", "kind", "country",
                                          "adjectives", "iso2", "capital", "seat_of", "in",
                                          "gender", "surname", "roles", NULL};
    dkg_lexicon *lex = ld->into;
    if (!cJSON_IsObject(obj)) {
        return dkg__loader_fail(ld, "each entity must be an object", NULL, NULL);
    }
    int rc = dkg__loader_check_keys(ld, obj, allowed);
    if (rc != 0) {
        return rc;
    }
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(obj, "id");
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(obj, "type");
    if (!cJSON_IsString(id) || !cJSON_IsString(type)) {
        return dkg__loader_fail(ld, "an entity needs \"id\" and \"type\" strings", NULL, NULL);
    }
    lex_type t;
    if (type_of(type->valuestring, &t) != 0) {
        return dkg__loader_fail(ld,
            "\"type\" is \"%s\"; use person, country, place or organization", type->valuestring,
            NULL);
    }
    const char *slash = strchr(id->valuestring, '/');
    if (slash == NULL || slash[1] == '\0' ||
        (size_t)(slash - id->valuestring) != strlen(type->valuestring) ||
        strncmp(id->valuestring, type->valuestring, (size_t)(slash - id->valuestring)) != 0) {
        return dkg__loader_fail(ld,
            "id \"%s\" must start with \"%s/\"", id->valuestring, type->valuestring);
    }
    int at = dkg__strmap_get(&lex->ids, id->valuestring, strlen(id->valuestring));
    if (at < 0) {
        if (lex->nentities >= DKG_MAX_LEXICON_ENTRIES) {
            dkg_error_set(ld->err, DKG_ELIMIT, "more than %d lexicon entries",
                          DKG_MAX_LEXICON_ENTRIES);
            return DKG_ELIMIT;
        }
        if (lex->nentities == lex->entities_cap) {
            size_t cap = lex->entities_cap ? lex->entities_cap * 2 : 1024;
            lex_entity *grown = realloc(lex->entities, cap * sizeof *grown);
            if (grown == NULL) {
                return dkg_error_set(ld->err, DKG_ENOMEM, "out of memory");
            }
            lex->entities = grown;
            lex->entities_cap = cap;
        }
        at = (int)lex->nentities++;
        memset(&lex->entities[at], 0, sizeof lex->entities[at]);
        lex->entities[at].id = dkg__strdup(id->valuestring);
        lex->entities[at].type = t;
        if (lex->entities[at].id == NULL ||
            dkg__strmap_put(&lex->ids, id->valuestring, strlen(id->valuestring), at) != 0) {
            return dkg_error_set(ld->err, DKG_ENOMEM, "out of memory");
        }
    } else if (lex->entities[at].type != t) {
        return dkg__loader_fail(ld,
            "id \"%s\" was defined earlier with another type", id->valuestring, NULL);
    }
    lex_entity *e = &lex->entities[at];
    rc = get_string(ld, obj, "name", e->name == NULL, &e->name);
    rc = rc ? rc : get_string(ld, obj, "kind", 0, &e->kind);
    rc = rc ? rc : get_string(ld, obj, "country", 0, &e->country);
    rc = rc ? rc : get_string(ld, obj, "seat_of", 0, &e->seat_of);
    rc = rc ? rc : get_string(ld, obj, "in", 0, &e->in);
    rc = rc ? rc : get_string(ld, obj, "capital", 0, &e->capital);
    rc = rc ? rc : get_string(ld, obj, "surname", 0, &e->surname);
    char *gender = NULL;
    rc = rc ? rc : get_string(ld, obj, "gender", 0, &gender);
    if (gender != NULL) {
        if (strcmp(gender, "m") != 0 && strcmp(gender, "f") != 0) {
            rc = dkg__loader_fail(ld, "\"gender\" must be \"m\" or \"f\"", NULL, NULL);
        }
        e->gender = gender[0];
        free(gender);
    }
    if (rc != 0) {
        return rc;
    }
    if (t == LEX_COUNTRY) {
        const char *iso3 = slash + 1;
        if (strlen(iso3) != 3) {
            return dkg__loader_fail(ld,
                "country id \"%s\" must be country/ plus an ISO 3166 alpha-3 code", id->valuestring,
                NULL);
        }
        if (e->country == NULL) {
            e->country = dkg__strdup(iso3);
        }
        if (dkg__strmap_put(&lex->countries, iso3, 3, at) != 0) {
            return dkg_error_set(ld->err, DKG_ENOMEM, "out of memory");
        }
    }
    const cJSON *roles = cJSON_GetObjectItemCaseSensitive(obj, "roles");
    if (roles != NULL) {
        rc = load_roles(ld, e, roles);
        if (rc != 0) {
            return rc;
        }
    }
    if (index_name(lex, e->name, at, HIT_NAME) != 0) {
        return dkg_error_set(ld->err, DKG_ENOMEM, "out of memory");
    }
    rc = index_strings(ld, obj, "aliases", at, HIT_NAME);
    rc = rc ? rc : index_strings(ld, obj, "adjectives", at, HIT_ADJECTIVE);
    if (rc == 0 && t == LEX_PERSON) {
        /* The surname alone resolves only within an article (see resolve.c). */
        const char *surname = e->surname;
        if (surname == NULL) {
            surname = strrchr(e->name, ' ');
            surname = surname ? surname + 1 : e->name;
        }
        char key[DKG_KEY_MAX];
        size_t len = dkg__name_key(surname, strlen(surname), key, sizeof key);
        lex_hit hit = {at, HIT_NAME, CASE_CAPITAL};
        if (len > 0 && len < sizeof key && hits_add(&lex->surnames, lex, key, len, hit) != 0) {
            return dkg_error_set(ld->err, DKG_ENOMEM, "out of memory");
        }
    }
    return rc;
}

int dkg_lexicon_load_buffer(dkg_lexicon *lex, const char *name, const char *buf, size_t len,
                            dkg_error *err)
{
    cJSON *root = dkg__json_parse(name, buf, len, err);
    if (root == NULL) {
        return DKG_EPARSE;
    }
    dkg_json_loader ld = {lex, name, buf, len, err, "docs/lexicon.md", "dkg_lexicon", -1};
    int rc = 0;
    const cJSON *version = cJSON_GetObjectItemCaseSensitive(root, "dkg_lexicon");
    if (!cJSON_IsObject(root)) {
        rc = dkg__loader_fail(&ld,
            "a lexicon file is a JSON object {\"dkg_lexicon\": 1, ...}", NULL, NULL);
    } else if (!cJSON_IsNumber(version) || version->valuedouble != 1) {
        rc = dkg__loader_fail(&ld,
            "missing \"dkg_lexicon\": 1 (this dkg reads lexicon version 1)", NULL, NULL);
    } else {
        static const char *const allowed[] = {"dkg_lexicon", "entities", "titles", NULL};
        rc = dkg__loader_check_keys(&ld, root, allowed);
    }
    /* Titles first: roles in entities refer to them. */
    rc = rc ? rc : dkg__loader_each(&ld, root, "titles", load_title);
    rc = rc ? rc : dkg__loader_each(&ld, root, "entities", load_entity);
    cJSON_Delete(root);
    return rc;
}

int dkg_lexicon_load(dkg_lexicon *lex, const char *path, dkg_error *err)
{
    char *buf = NULL;
    size_t len = 0;
    int rc = dkg__read_file(path, &buf, &len, err);
    if (rc == 0) {
        rc = dkg_lexicon_load_buffer(lex, path, buf, len, err);
    }
    free(buf);
    return rc;
}

typedef struct dir_pass {
    dkg_lexicon *lex;
    int titles; /* 1: load only titles*.json, 0: only the others */
} dir_pass;

static int load_one(void *ctx, const char *path, dkg_error *err)
{
    dir_pass *pass = ctx;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if ((strncmp(base, "titles", 6) == 0) != pass->titles) {
        return 0;
    }
    return dkg_lexicon_load(pass->lex, path, err);
}

int dkg_lexicon_load_dir(dkg_lexicon *lex, const char *dir, dkg_error *err)
{
    /* Titles first, whatever their names sort as: roles refer to them. */
    dir_pass pass = {lex, 1};
    int rc = dkg__for_each_json(dir, load_one, &pass, err);
    pass.titles = 0;
    return rc ? rc : dkg__for_each_json(dir, load_one, &pass, err);
}

int dkg_lexicon_new(dkg_lexicon **out, dkg_error *err)
{
    *out = calloc(1, sizeof **out);
    return *out ? 0 : dkg_error_set(err, DKG_ENOMEM, "out of memory");
}

size_t dkg_lexicon_size(const dkg_lexicon *lex)
{
    return lex->nentities;
}

int dkg__lexicon_borrowed(const dkg_lexicon *lex, const void *p)
{
    uintptr_t at = (uintptr_t)p;
    uintptr_t map = (uintptr_t)lex->snapshot;
    uintptr_t block = (uintptr_t)lex->block;
    return (at >= map && at - map < lex->snapshot_len) ||
           (at >= block && at - block < lex->block_len);
}

void dkg__lexicon_free_str(const dkg_lexicon *lex, char *s)
{
    if (!dkg__lexicon_borrowed(lex, s)) {
        free(s);
    }
}


void dkg__lexicon_clear(dkg_lexicon *lex)
{
    for (size_t i = 0; i < lex->nentities; i++) {
        lex_entity *e = &lex->entities[i];
        dkg__lexicon_free_str(lex, e->id);
        dkg__lexicon_free_str(lex, e->name);
        dkg__lexicon_free_str(lex, e->kind);
        dkg__lexicon_free_str(lex, e->country);
        dkg__lexicon_free_str(lex, e->seat_of);
        dkg__lexicon_free_str(lex, e->in);
        dkg__lexicon_free_str(lex, e->capital);
        dkg__lexicon_free_str(lex, e->surname);
        for (int r = 0; r < e->nroles; r++) {
            dkg__lexicon_free_str(lex, e->roles[r].of);
        }
        dkg__lexicon_free_str(lex, (char *)e->roles);
    }
    free(lex->entities);
    for (size_t i = 0; i < lex->ntitles; i++) {
        dkg__lexicon_free_str(lex, lex->titles[i].title);
    }
    free(lex->titles);
    for (size_t i = 0; i < lex->nhits; i++) {
        dkg__lexicon_free_str(lex, (char *)lex->hits[i].items);
    }
    free(lex->hits);
    dkg__strmap_destroy(&lex->ids);
    dkg__strmap_destroy(&lex->title_ids);
    dkg__strmap_destroy(&lex->names);
    dkg__strmap_destroy(&lex->first_tokens);
    dkg__strmap_destroy(&lex->surnames);
    dkg__strmap_destroy(&lex->countries);
    if (lex->snapshot_mapped) {
        dkg__lexicon_unmap(lex->snapshot, lex->snapshot_len);
    }
    free(lex->block);
    memset(lex, 0, sizeof *lex);
}

void dkg_lexicon_free(dkg_lexicon *lex)
{
    if (lex != NULL) {
        dkg__lexicon_clear(lex);
        free(lex);
    }
}
