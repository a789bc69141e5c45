/* extract/rules.c - loading relation rules (docs/rules.md) and compiling them.
 *
 * A rule is a PCRE2 pattern over a *masked* sentence in which every entity
 * mention has been replaced by a short token ("\x01P3\x02" = mention 3, a
 * person). Rule writers use placeholders instead of those bytes:
 * {person:a} {persons:a} {place:b} {places:b} {country} {org} {actor:a}
 * {actors:b} {gap}. The plural forms match lists ("X, Y and Z"). Named groups
 * a, b, place and host carry the relation's source, target, place and host.
 *
 * Each rule lists trigger words; a sentence runs only the rules whose
 * triggers occur in it, so most sentences touch few patterns. Patterns are
 * compiled once here, which also checks them; matching happens in relations.c
 * with per-thread match data and a match limit.
 *
 * JIT compilation is a separate step, dkg_rules_jit. It costs about five
 * times the plain compile (about 140M instructions for the ~60 shipped
 * patterns, some 40 ms), which is most of the start-up of a one-article run,
 * while the interpreter handles such an article in a few million
 * instructions. So the caller decides: the command JIT-compiles everything
 * before starting worker threads, and with one thread only once enough text
 * has gone through to repay it (src/cli_parallel.c). Lazy JIT per pattern
 * at first use was rejected: it would modify shared patterns while other
 * threads match them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "json_loader.h"
#include "json_locate.h"
#include "lexicon_internal.h"
#include "rules_internal.h"

/* Placeholders and what they expand to: one masked token of given types, or
 * a list of them. */
typedef struct placeholder {
    const char *name;
    const char *types; /* character class content */
    int list;
} placeholder;

static const placeholder placeholders[] = {
    {"person", "P", 0},  {"persons", "P", 1}, {"place", "LC", 0}, {"places", "LC", 1},
    {"country", "C", 0}, {"org", "O", 0},     {"actor", "PCO", 0}, {"actors", "PCO", 1},
    {"entity", "PCLO", 0}, {"persons2", "P", 2}, {"actors2", "PCO", 2},
};

int dkg__placeholder_info(const char *name, const char **types, int *list)
{
    for (size_t k = 0; k < sizeof placeholders / sizeof placeholders[0]; k++) {
        if (strcmp(placeholders[k].name, name) == 0) {
            *types = placeholders[k].types;
            *list = placeholders[k].list;
            return 1;
        }
    }
    return 0;
}

/* Expand {type:group} placeholders into PCRE2 syntax. Returns a malloc'd
 * pattern, or NULL with *bad set to the offset of the bad placeholder. */
static char *expand(const char *src, size_t *bad, const char **why)
{
    size_t cap = strlen(src) * 2 + 4096;
    char *out = malloc(cap);
    size_t n = 0;
    if (out == NULL) {
        *why = "out of memory";
        *bad = 0;
        return NULL;
    }
    for (size_t i = 0; src[i] != '\0';) {
        if (src[i] == '\\' && src[i + 1] != '\0') {
            if (n + 2 >= cap) {
                break;
            }
            out[n++] = src[i++];
            out[n++] = src[i++];
            continue;
        }
        /* A '{' followed by a letter opens a placeholder; "{2,3}" stays a quantifier. */
        if (src[i] == '{' && src[i + 1] >= 'a' && src[i + 1] <= 'z') {
            const char *close = strchr(src + i, '}');
            if (close == NULL) {
                *bad = i;
                *why = "placeholder without a closing }";
                free(out);
                return NULL;
            }
            char inner[64];
            size_t ilen = (size_t)(close - (src + i + 1));
            if (ilen >= sizeof inner) {
                *bad = i;
                *why = "placeholder too long";
                free(out);
                return NULL;
            }
            memcpy(inner, src + i + 1, ilen);
            inner[ilen] = '\0';
            char *colon = strchr(inner, ':');
            const char *group = NULL;
            if (colon != NULL) {
                *colon = '\0';
                group = colon + 1;
            }
            char piece[1600];
            if (strcmp(inner, "gap") == 0 && group == NULL) {
                /* Up to a dozen words that hold no entity and no clause break. */
                /* It may step over places, organisations and adjectives ("traveled to
                 * Moscow to meet"), never over another person or group. */
                snprintf(piece, sizeof piece,
                         "(?:[^\\x01;:.]|\\x01[LCAO]\\d+\\x02){0,100}?");
            } else if (strcmp(inner, "pre") == 0 && group == NULL) {
                /* Words that may stand before a name: an adjective or a
                 * country's, "the", titles ("Chinese President"). */
                snprintf(piece, sizeof piece,
                         "(?:(?:\\x01[AC]\\d+\\x02(?:'s|\xE2\x80\x99s)?|"
                         "(?!(?:that|which|who|whom|whose|and|but|or|to|after|before|while|"
                         "when|said|says|told|in|on|at|for|from|as|than|since)\\b)"
                         "[\\p{L}.'\xE2\x80\x99-]+),?\\s+){0,6}?");
            } else {
                const placeholder *ph = NULL;
                for (size_t k = 0; k < sizeof placeholders / sizeof placeholders[0]; k++) {
                    if (strcmp(placeholders[k].name, inner) == 0) {
                        ph = &placeholders[k];
                    }
                }
                if (ph == NULL || (group != NULL && strcmp(group, "a") != 0 &&
                                   strcmp(group, "b") != 0 && strcmp(group, "place") != 0 &&
                                   strcmp(group, "host") != 0)) {
                    *bad = i;
                    *why = "unknown placeholder (use person, persons, place, places, country, "
                           "org, actor, actors, entity or gap, with group a, b, place or host)";
                    free(out);
                    return NULL;
                }
                char one[64];
                /* As a target, "Niinistö's wife" does not name Niinistö. */
                snprintf(one, sizeof one, "\\x01[%s]\\d+\\x02%s", ph->types,
                         group != NULL && strcmp(group, "b") == 0 ? "(?!'s|\xE2\x80\x99s)" : "");
                char body[1200];
                if (ph->list) {
                    /* List items may carry their own titles: "Xi and Russian
                     * President Putin". list == 2 needs at least two items. */
                    /* An item may also carry a lower-case appositive:
                     * "Zhao Leji, chairman of the NPC, and Li Qiang". */
                    snprintf(body, sizeof body,
                             "%s(?:(?:,\\s*\\p{Ll}[^,;\\x01]{0,100}?(?:\\x01[OCL]\\d+\\x02"
                             "[^,;\\x01]{0,30}?)?)?(?:\\s*,\\s*(?:and\\s+)?|\\s+and\\s+|"
                             "\\s*&\\s*)"
                             "(?:(?:\\x01[AC]\\d+\\x02(?:'s|\xE2\x80\x99s)?|\\p{Lu}[\\p{L}.-]*|"
                             "his|her|their|wife|husband|counterpart|acting|prime|minister|"
                             "foreign|president),?\\s+){0,5}%s)%s",
                             one, one, ph->list == 2 ? "+" : "*");
                } else {
                    snprintf(body, sizeof body, "%s", one);
                }
                if (group != NULL) {
                    snprintf(piece, sizeof piece, "(?<%s>%s)", group, body);
                } else {
                    snprintf(piece, sizeof piece, "(?:%s)", body);
                }
            }
            size_t plen = strlen(piece);
            if (n + plen + 1 >= cap) {
                char *grown = realloc(out, cap * 2 + plen + strlen(src));
                if (grown == NULL) {
                    free(out);
                    *bad = 0;
                    *why = "out of memory";
                    return NULL;
                }
                out = grown;
                cap = cap * 2 + plen + strlen(src);
            }
            memcpy(out + n, piece, plen);
            n += plen;
            i += ilen + 2;
            continue;
        }
        if (n + 2 >= cap) {
            break;
        }
        out[n++] = src[i++];
    }
    out[n] = '\0';
    return out;
}

/* Put the part of a pattern around byte `offset` in err->context with the
 * caret under that byte, however long the pattern is. */
static void pattern_context(dkg_error *err, const char *pattern, size_t offset)
{
    if (err == NULL) {
        return;
    }
    size_t len = strlen(pattern);
    if (offset > len) {
        offset = len;
    }
    size_t from = offset > 80 ? offset - 80 : 0;
    while (from > 0 && from < len && ((unsigned char)pattern[from] & 0xC0) == 0x80) {
        from--; /* start on a character boundary */
    }
    snprintf(err->context, sizeof err->context, "%s", pattern + from);
    for (char *c = err->context; *c; c++) {
        if ((unsigned char)*c < 0x20) {
            *c = ' '; /* keep the excerpt on one line */
        }
    }
    size_t shown = strlen(err->context);
    err->caret = offset - from <= shown ? (long)(offset - from) : -1;
}

/* Largest capture count: match data is sized for it. */
static pcre2_code *note_captures(dkg_rules *rs, pcre2_code *code)
{
    uint32_t captures = 0;
    pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &captures);
    if (captures + 1 > rs->max_capture) {
        rs->max_capture = captures + 1;
    }
    rs->jit_done = 0;
    return code;
}

static pcre2_code *compile(dkg_json_loader *ld, const char *src, int caseless)
{
    dkg_rules *rs = ld->into;
    if (rs->next_precompiled < rs->nprecompiled) {
        /* From the snapshot of this very file: the same pattern, compiled. */
        pcre2_code *code = rs->precompiled[rs->next_precompiled];
        rs->precompiled[rs->next_precompiled++] = NULL;
        rs->from_snapshot++;
        return note_captures(rs, code);
    }
    size_t bad = 0;
    const char *why = NULL;
    char *pattern = expand(src, &bad, &why);
    if (pattern == NULL) {
        dkg__loader_fail(ld, "%s", why, NULL);
        pattern_context(ld->err, src, bad);
        return NULL;
    }
    pcre2_compile_context *cc = pcre2_compile_context_create(NULL);
    if (cc != NULL) {
        pcre2_set_max_pattern_length(cc, 16384);
        pcre2_set_parens_nest_limit(cc, 64);
    }
    int errcode = 0;
    PCRE2_SIZE erroffset = 0;
    /* No PCRE2_NO_UTF_CHECK here: a rules file may hold invalid UTF-8 (cJSON
     * passes such bytes through), and PCRE2 must see it to refuse it. */
    uint32_t options = PCRE2_UTF | PCRE2_UCP | PCRE2_NEVER_BACKSLASH_C;
    if (caseless) {
        options |= PCRE2_CASELESS;
    }
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, options,
                                     &errcode, &erroffset, cc);
    pcre2_compile_context_free(cc);
    if (code == NULL) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(errcode, msg, sizeof msg);
        /* Point the caret into the pattern as the user wrote it when no
         * placeholder precedes the error, else into the expanded form. */
        int expanded = strcmp(pattern, src) != 0;
        dkg__loader_fail(ld, "pattern does not compile: %s", (const char *)msg, NULL);
        pattern_context(ld->err, expanded ? pattern : src, erroffset);
        free(pattern);
        return NULL;
    }
    free(pattern);
    /* JIT compilation waits for dkg_rules_jit: see the top of this file. */
    return note_captures(rs, code);
}

static int parse_status(const char *s, rel_status *out)
{
    if (strcmp(s, "occurred") == 0) {
        *out = ST_OCCURRED;
    } else if (strcmp(s, "planned") == 0) {
        *out = ST_PLANNED;
    } else if (strcmp(s, "negated") == 0) {
        *out = ST_NEGATED;
    } else {
        return -1;
    }
    return 0;
}

static int add_trigger(dkg_rules *rs, const char *word, int rule_index)
{
    char key[DKG_KEY_MAX];
    size_t len = dkg__name_key(word, strlen(word), key, sizeof key);
    if (len == 0 || len >= sizeof key) {
        return 0;
    }
    if (len < DKG_TRIGGER_SIG_LEN) {
        /* The bits dkg__rules_maybe_trigger tests ("| 0x20" keeps letters
         * lower-case and the key's other bytes comparable). */
        unsigned first = (unsigned char)key[0] | 0x20u;
        unsigned last = (unsigned char)key[len - 1] | 0x20u;
        rs->trigger_sig[len][first & 31u] |= 1u << (last & 31u);
    }
    int at = dkg__strmap_get(&rs->triggers, key, len);
    if (at < 0) {
        int **grown = realloc(rs->trigger_lists, (rs->ntrigger_lists + 1) * sizeof *grown);
        if (grown == NULL) {
            return DKG_ENOMEM;
        }
        rs->trigger_lists = grown;
        grown[rs->ntrigger_lists] = calloc(1, sizeof(int));
        if (grown[rs->ntrigger_lists] == NULL) {
            return DKG_ENOMEM;
        }
        at = (int)rs->ntrigger_lists++;
        if (dkg__strmap_put(&rs->triggers, key, len, at) != 0) {
            return DKG_ENOMEM;
        }
    }
    int *list = rs->trigger_lists[at];
    for (int i = 1; i <= list[0]; i++) {
        if (list[i] == rule_index) {
            return 0;
        }
    }
    int *grown = realloc(list, (size_t)(list[0] + 2) * sizeof *grown);
    if (grown == NULL) {
        return DKG_ENOMEM;
    }
    grown[++grown[0]] = rule_index;
    rs->trigger_lists[at] = grown;
    return 0;
}

/* Could the lookup key s[0, n) (dkg__name_key of a word) be a trigger's?
 * A quick no for most words: its length and first and last bytes must be
 * those of a trigger key (add_trigger). */
int dkg__rules_maybe_trigger(const dkg_rules *rules, const char *s, size_t n)
{
    if (n == 0) {
        return 0; /* add_trigger keeps no empty key */
    }
    if (n >= DKG_TRIGGER_SIG_LEN) {
        return 1;
    }
    unsigned first = (unsigned char)s[0] | 0x20u;
    unsigned last = (unsigned char)s[n - 1] | 0x20u;
    return (rules->trigger_sig[n][first & 31u] >> (last & 31u)) & 1u;
}

static const char *const relation_types[] = {"meet",    "call",    "visit", "agree",      "aid",
                                             "appeal",  "support", "role",  "located_in", NULL};

static int load_rule(dkg_json_loader *ld, const cJSON *obj)
{
    static const char *const allowed[] = {"name",    "relation",       "status",
                                          "fixed_status", "venue_as_city", "pair_objects", "not_home",
                                          "context_place", "triggers",
                                          "pattern", "case_sensitive", "comment", NULL};
    dkg_rules *rs = ld->into;
    if (!cJSON_IsObject(obj)) {
        return dkg__loader_fail(ld, "each rule must be an object", NULL, NULL);
    }
    int rc = dkg__loader_check_keys(ld, obj, allowed);
    if (rc != 0) {
        return rc;
    }
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(obj, "name");
    const cJSON *relation = cJSON_GetObjectItemCaseSensitive(obj, "relation");
    const cJSON *pattern = cJSON_GetObjectItemCaseSensitive(obj, "pattern");
    const cJSON *status = cJSON_GetObjectItemCaseSensitive(obj, "status");
    if (!cJSON_IsString(name) || !cJSON_IsString(relation) || !cJSON_IsString(pattern)) {
        return dkg__loader_fail(ld, "a rule needs \"name\", \"relation\" and \"pattern\" strings",
                                NULL, NULL);
    }
    int known = 0;
    for (const char *const *t = relation_types; *t; t++) {
        known |= strcmp(*t, relation->valuestring) == 0;
    }
    if (!known) {
        return dkg__loader_fail(ld, "unknown relation \"%s\" (see the vocabulary in docs/rules.md)",
                     relation->valuestring, NULL);
    }
    rule r = {0};
    r.status = ST_OCCURRED;
    if (status != NULL && (!cJSON_IsString(status) || parse_status(status->valuestring,
                                                                   &r.status) != 0)) {
        return dkg__loader_fail(ld, "\"status\" must be occurred, planned or negated", NULL, NULL);
    }
    r.fixed_status = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(obj, "fixed_status"));
    r.venue_as_city = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(obj, "venue_as_city"));
    r.pair_objects = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(obj, "pair_objects"));
    r.not_home = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(obj, "not_home"));
    r.context_place = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(obj, "context_place"));
    int caseless = !cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(obj, "case_sensitive"));
    r.code = compile(ld, pattern->valuestring, caseless);
    if (r.code == NULL) {
        return DKG_EPARSE;
    }
    static const char *const group_names[GROUP_COUNT] = {"a", "b", "place", "host"};
    for (int g = 0; g < GROUP_COUNT; g++) {
        int number = pcre2_substring_number_from_name(r.code, (PCRE2_SPTR)group_names[g]);
        r.group[g] = number > 0 ? number : 0;
    }
    dkg__rule_gate_analyse(pattern->valuestring, &r.gate);
    if (dkg__prefilter_derive(pattern->valuestring, &r.pre) != 0) {
        pcre2_code_free(r.code);
        return dkg_error_set(ld->err, DKG_ENOMEM, "out of memory");
    }
    if (r.group[GROUP_A] == 0) {
        pcre2_code_free(r.code);
        dkg__prefilter_destroy(&r.pre);
        return dkg__loader_fail(ld, "the pattern needs a source placeholder with group a, e.g. "
                         "{person:a}", NULL, NULL);
    }
    r.name = dkg__strdup(name->valuestring);
    r.relation = dkg__strdup(relation->valuestring);
    if (rs->nrules == rs->rules_cap) {
        size_t cap = rs->rules_cap ? rs->rules_cap * 2 : 64;
        rule *grown = realloc(rs->rules, cap * sizeof *grown);
        if (grown == NULL) {
            pcre2_code_free(r.code);
            dkg__prefilter_destroy(&r.pre);
            return dkg_error_set(ld->err, DKG_ENOMEM, "out of memory");
        }
        rs->rules = grown;
        rs->rules_cap = cap;
    }
    int index = (int)rs->nrules;
    rs->rules[rs->nrules++] = r;
    const cJSON *triggers = cJSON_GetObjectItemCaseSensitive(obj, "triggers");
    if (triggers != NULL && !cJSON_IsArray(triggers)) {
        return dkg__loader_fail(ld, "\"triggers\" must be an array of words", NULL, NULL);
    }
    int ntriggers = 0;
    const cJSON *t;
    cJSON_ArrayForEach(t, triggers)
    {
        if (!cJSON_IsString(t)) {
            return dkg__loader_fail(ld, "\"triggers\" must hold strings", NULL, NULL);
        }
        if (add_trigger(rs, t->valuestring, index) != 0) {
            return dkg_error_set(ld->err, DKG_ENOMEM, "out of memory");
        }
        ntriggers++;
    }
    if (ntriggers == 0) {
        int *grown = realloc(rs->untriggered, (rs->nuntriggered + 1) * sizeof *grown);
        if (grown == NULL) {
            return dkg_error_set(ld->err, DKG_ENOMEM, "out of memory");
        }
        rs->untriggered = grown;
        rs->untriggered[rs->nuntriggered++] = index;
    }
    return 0;
}

static int load_modifier(dkg_json_loader *ld, const cJSON *obj)
{
    static const char *const allowed[] = {"name", "status", "pattern", "scope", "comment", NULL};
    dkg_rules *rs = ld->into;
    if (!cJSON_IsObject(obj)) {
        return dkg__loader_fail(ld, "each modifier must be an object", NULL, NULL);
    }
    int rc = dkg__loader_check_keys(ld, obj, allowed);
    if (rc != 0) {
        return rc;
    }
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(obj, "name");
    const cJSON *status = cJSON_GetObjectItemCaseSensitive(obj, "status");
    const cJSON *pattern = cJSON_GetObjectItemCaseSensitive(obj, "pattern");
    modifier m = {0};
    if (!cJSON_IsString(name) || !cJSON_IsString(pattern) || !cJSON_IsString(status) ||
        parse_status(status->valuestring, &m.status) != 0 || m.status == ST_OCCURRED) {
        return dkg__loader_fail(ld,
                                "a modifier needs \"name\", \"pattern\" and \"status\" (planned or "
                                "negated)",
                                NULL, NULL);
    }
    const cJSON *scope = cJSON_GetObjectItemCaseSensitive(obj, "scope");
    if (scope != NULL && (!cJSON_IsString(scope) || (strcmp(scope->valuestring, "clause") != 0 &&
                                                     strcmp(scope->valuestring, "sentence") != 0))) {
        return dkg__loader_fail(ld, "\"scope\" must be \"clause\" or \"sentence\"", NULL, NULL);
    }
    m.sentence_scope = scope != NULL && strcmp(scope->valuestring, "sentence") == 0;
    m.code = compile(ld, pattern->valuestring, 1);
    if (m.code == NULL) {
        return DKG_EPARSE;
    }
    m.name = dkg__strdup(name->valuestring);
    int pre_rc = dkg__prefilter_derive(pattern->valuestring, &m.pre);
    modifier *grown = realloc(rs->modifiers, (rs->nmodifiers + 1) * sizeof *grown);
    if (grown != NULL) {
        rs->modifiers = grown; /* the old block is gone either way */
    }
    if (grown == NULL || m.name == NULL || pre_rc != 0) {
        pcre2_code_free(m.code);
        dkg__prefilter_destroy(&m.pre);
        free(m.name);
        return dkg_error_set(ld->err, DKG_ENOMEM, "out of memory");
    }
    rs->modifiers[rs->nmodifiers++] = m;
    return 0;
}

static int load_words(dkg_json_loader *ld, const cJSON *root, const char *key, dkg_strmap *into)
{
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, key);
    ld->array = key;
    ld->index = -1;
    if (arr == NULL) {
        return 0;
    }
    if (!cJSON_IsArray(arr)) {
        return dkg__loader_fail(ld, "\"%s\" must be an array of words", key, NULL);
    }
    const cJSON *w;
    cJSON_ArrayForEach(w, arr)
    {
        if (!cJSON_IsString(w)) {
            return dkg__loader_fail(ld, "\"%s\" must hold strings", key, NULL);
        }
        char k[DKG_KEY_MAX];
        size_t len = dkg__name_key(w->valuestring, strlen(w->valuestring), k, sizeof k);
        if (len > 0 && len < sizeof k && dkg__strmap_put(into, k, len, 1) != 0) {
            return dkg_error_set(ld->err, DKG_ENOMEM, "out of memory");
        }
    }
    return 0;
}

int dkg_rules_load_buffer(dkg_rules *rules, const char *name, const char *buf, size_t len,
                          dkg_error *err)
{
    cJSON *root = dkg__json_parse(name, buf, len, err);
    if (root == NULL) {
        return DKG_EPARSE;
    }
    dkg_json_loader ld = {rules, name, buf, len, err, "docs/rules.md", "dkg_rules", -1};
    int rc = 0;
    const cJSON *version = cJSON_GetObjectItemCaseSensitive(root, "dkg_rules");
    if (!cJSON_IsObject(root) || !cJSON_IsNumber(version) || version->valuedouble != 1) {
        rc = dkg__loader_fail(&ld, "missing \"dkg_rules\": 1 (this dkg reads rules version 1)",
                              NULL, NULL);
    } else {
        static const char *const allowed[] = {"dkg_rules", "rules", "modifiers",
                                              "non_person_words", "institution_words",
                                              "metonym_verbs", "gathering_words", NULL};
        rc = dkg__loader_check_keys(&ld, root, allowed);
    }
    rc = rc ? rc : dkg__loader_each(&ld, root, "rules", load_rule);
    rc = rc ? rc : dkg__loader_each(&ld, root, "modifiers", load_modifier);
    rc = rc ? rc : load_words(&ld, root, "non_person_words", &rules->non_person);
    rc = rc ? rc : load_words(&ld, root, "institution_words", &rules->institutions);
    rc = rc ? rc : load_words(&ld, root, "metonym_verbs", &rules->metonym_verbs);
    rc = rc ? rc : load_words(&ld, root, "gathering_words", &rules->gatherings);
    cJSON_Delete(root);
    return rc;
}

int dkg_rules_load(dkg_rules *rules, const char *path, dkg_error *err)
{
    char *buf = NULL;
    size_t len = 0;
    int rc = dkg__read_file(path, &buf, &len, err);
    if (rc == 0) {
        rc = dkg_rules_load_buffer(rules, path, buf, len, err);
    }
    free(buf);
    return rc;
}

int dkg_rules_jit_share(dkg_rules *rules, int part, int nparts)
{
    if (rules->jit_done || nparts < 1 || part < 0 || part >= nparts) {
        return 0;
    }
    /* No JIT (PCRE2_ERROR_JIT_BADOPTION) is fine: matching falls back to the
     * interpreter, as it does for a pattern whose JIT compile failed.
     * Patterns are numbered rules first, then modifiers; every nparts-th
     * one, so neighbours in the file (often of similar size) spread over
     * the threads. PCRE2's executable-memory allocator takes its own lock,
     * and each pcre2_jit_compile here writes only to its own pattern. */
    size_t total = rules->nrules + rules->nmodifiers;
    for (size_t i = (size_t)part; i < total; i += (size_t)nparts) {
        pcre2_code *code = i < rules->nrules ? rules->rules[i].code
                                             : rules->modifiers[i - rules->nrules].code;
        (void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
    }
    return 0;
}

int dkg_rules_jit(dkg_rules *rules)
{
    if (rules->jit_done) {
        return 0;
    }
    /* All of it as one share. A pattern compiled before (by the shares of
     * worker threads) is skipped by PCRE2 itself. */
    dkg_rules_jit_share(rules, 0, 1);
    rules->jit_done = 1;
    return 0;
}

int dkg_rules_new(dkg_rules **out, dkg_error *err)
{
    *out = calloc(1, sizeof **out);
    return *out ? 0 : dkg_error_set(err, DKG_ENOMEM, "out of memory");
}

size_t dkg_rules_size(const dkg_rules *rules)
{
    return rules->nrules;
}

void dkg_rules_free(dkg_rules *rules)
{
    if (rules == NULL) {
        return;
    }
    for (size_t i = 0; i < rules->nrules; i++) {
        free(rules->rules[i].name);
        free(rules->rules[i].relation);
        pcre2_code_free(rules->rules[i].code);
        dkg__prefilter_destroy(&rules->rules[i].pre);
    }
    free(rules->rules);
    for (size_t i = 0; i < rules->nmodifiers; i++) {
        free(rules->modifiers[i].name);
        pcre2_code_free(rules->modifiers[i].code);
        dkg__prefilter_destroy(&rules->modifiers[i].pre);
    }
    free(rules->modifiers);
    for (size_t i = 0; i < rules->ntrigger_lists; i++) {
        free(rules->trigger_lists[i]);
    }
    free(rules->trigger_lists);
    free(rules->untriggered);
    dkg__strmap_destroy(&rules->triggers);
    dkg__strmap_destroy(&rules->non_person);
    dkg__strmap_destroy(&rules->institutions);
    dkg__strmap_destroy(&rules->metonym_verbs);
    dkg__strmap_destroy(&rules->gatherings);
    dkg__code_arena_free(rules->code_arena); /* after the patterns that live in it */
    free(rules);
}
