/* extract/relations.c - events from rules run over masked sentences.
 *
 * For each sentence, the rules whose trigger words occur in it are run over
 * a copy of the sentence in which every entity mention is replaced by a
 * token "\x01P12\x02" (type letter and mention number); groups ("the two
 * leaders") become "\x01P3\x02 and \x01P4\x02" and pronouns their person,
 * so patterns stay short and cannot be fooled by the spelling of a name.
 * Status comes from the rule, overridden by modifier patterns (negation
 * beats plans) found in the matched clause; the date is the date
 * expression nearest the match, resolved forward for plans; the place is a
 * place named in the sentence, else where a participant last arrived.
 * A match limit bounds every pattern: a runaway rule becomes a warning. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extractor_internal.h"


void dkg__add_warning(dkg_extractor *ex, const char *fmt, const char *a, const char *b)
{
    char msg[512];
    int n = snprintf(msg, sizeof msg, fmt, a ? a : "", b ? b : "");
    if (n < 0) {
        return;
    }
    if ((size_t)n >= sizeof msg) {
        n = (int)sizeof msg - 1; /* snprintf counted what did not fit */
    }
    size_t need = ex->warnings_len + (size_t)n + 4;
    if (need > 64 * 1024) {
        return; /* enough warnings for one article */
    }
    if (need > ex->warnings_cap) {
        char *grown = realloc(ex->warnings, need * 2);
        if (grown == NULL) {
            return;
        }
        ex->warnings = grown;
        ex->warnings_cap = need * 2;
    }
    /* Stored as NUL-separated strings; output.c turns them into a JSON array. */
    memcpy(ex->warnings + ex->warnings_len, msg, (size_t)n + 1);
    ex->warnings_len += (size_t)n + 1;
}

static int mask_put(dkg_extractor *ex, size_t *n, const char *s, size_t len, size_t orig)
{
    while (*n + len + 1 > ex->masked_cap) {
        size_t cap = ex->masked_cap ? ex->masked_cap * 2 : 4096;
        char *grown = realloc(ex->masked, cap);
        size_t *map = realloc(ex->mask_orig, cap * sizeof *map);
        char *folded = realloc(ex->folded, cap);
        dkg_prefilter_start *starts = realloc(ex->starts, cap * sizeof *starts);
        if (starts != NULL) {
            ex->starts = starts;
        }
        if (grown != NULL) {
            ex->masked = grown;
        }
        if (map != NULL) {
            ex->mask_orig = map;
        }
        if (folded != NULL) {
            ex->folded = folded;
        }
        if (grown == NULL || map == NULL || folded == NULL || starts == NULL) {
            return DKG_ENOMEM;
        }
        ex->masked_cap = cap;
    }
    memcpy(ex->masked + *n, s, len);
    /* Text copied through maps byte to byte; a token's bytes all map to the
     * start of its mention. Two loops: each is simple enough to vectorise. */
    size_t *map = ex->mask_orig + *n;
    if (s == ex->text + orig) {
        for (size_t i = 0; i < len; i++) {
            map[i] = orig + i;
        }
    } else {
        for (size_t i = 0; i < len; i++) {
            map[i] = orig;
        }
    }
    *n += len;
    ex->masked[*n] = '\0';
    return 0;
}

static char type_letter(const dkg_extractor *ex, const mention *m)
{
    if (m->kind == MK_ADJECTIVE) {
        return 'A';
    }
    if (m->metonym >= 0) {
        return 'C';
    }
    switch (ex->entities[m->entity].type) {
    case LEX_PERSON: return 'P';
    case LEX_COUNTRY: return 'C';
    case LEX_PLACE: return 'L';
    case LEX_ORG: return 'O';
    }
    return 'X';
}

/* A capital or seat of government followed by a verb such as "said" acts
 * as its country. */
static void mark_metonyms(dkg_extractor *ex, size_t m)
{
    mention *mn = &ex->mentions[m];
    const art_entity *e = &ex->entities[mn->entity];
    if (e->type != LEX_PLACE || e->lex < 0 || ex->lex->entities[e->lex].seat_of == NULL) {
        return;
    }
    const char *p = ex->text + mn->end;
    const char *end = ex->text + ex->sentences.items[mn->sentence].end;
    while (p < end && *p == ' ') {
        p++;
    }
    const char *w = p;
    while (p < end && ((*p >= 'a' && *p <= 'z'))) {
        p++;
    }
    if (p == w || dkg__strmap_get(&ex->rules->metonym_verbs, w, (size_t)(p - w)) < 0) {
        return;
    }
    int c = dkg__lexicon_country(ex->lex, ex->lex->entities[e->lex].seat_of);
    if (c >= 0) {
        mn->metonym = dkg__entity_for_lex(ex, c);
    }
}

/* Write "\x01" LETTER NUMBER "\x02" at out; returns its length. By hand:
 * snprintf cost 1,300 instructions a token, 3% of extraction. */
static int put_token(char *out, char letter, size_t number)
{
    char digits[24];
    int nd = 0;
    do {
        digits[nd++] = (char)('0' + number % 10);
        number /= 10;
    } while (number > 0);
    int n = 0;
    out[n++] = MASK_OPEN;
    out[n++] = letter;
    while (nd > 0) {
        out[n++] = digits[--nd];
    }
    out[n++] = MASK_CLOSE;
    return n;
}

/* Build the masked form of sentence s; mentions [m0, m1) lie in it. */
static int build_mask(dkg_extractor *ex, int s, size_t m0, size_t m1, size_t *len_out)
{
    const dkg_sentence *sent = &ex->sentences.items[s];
    size_t n = 0;
    size_t at = sent->start;
    for (size_t m = m0; m < m1; m++) {
        const mention *mn = &ex->mentions[m];
        if (mn->start < at || mn->entity < 0 || (mn->kind == MK_GROUP && mn->entity2 != 1)) {
            continue; /* overlaps an earlier mention, or a member printed with its group */
        }
        if (mask_put(ex, &n, ex->text + at, mn->start - at, at) != 0) {
            return DKG_ENOMEM;
        }
        char tok[256]; /* 8 members of at most 28 bytes */
        int tlen;
        if (mn->kind == MK_GROUP) {
            /* "the four" -> "\x01P3\x02, \x01P4\x02, \x01P5\x02 and \x01P6\x02" */
            size_t members[8];
            int count = 0;
            for (size_t k = m0; k < m1 && count < 8; k++) {
                if (ex->mentions[k].kind == MK_GROUP && ex->mentions[k].start == mn->start) {
                    members[count++] = k;
                }
            }
            tlen = 0;
            for (int k = 0; k < count; k++) {
                const char *sep = k == 0 ? "" : k == count - 1 ? " and " : ", ";
                size_t seplen = strlen(sep);
                memcpy(tok + tlen, sep, seplen);
                tlen += (int)seplen + put_token(tok + tlen + seplen, 'P', members[k]);
            }
        } else {
            tlen = put_token(tok, type_letter(ex, mn), m);
        }
        if (mask_put(ex, &n, tok, (size_t)tlen, mn->start) != 0) {
            return DKG_ENOMEM;
        }
        at = mn->end;
    }
    if (mask_put(ex, &n, ex->text + at, sent->end - at, at) != 0) {
        return DKG_ENOMEM;
    }
    *len_out = n;
    return 0;
}

/* Mention numbers of the tokens in masked[start, end). */
static int mentions_in(const dkg_extractor *ex, size_t start, size_t end, int *out, int max)
{
    int n = 0;
    for (size_t i = start; i < end && n < max; i++) {
        if (ex->masked[i] != MASK_OPEN) {
            continue;
        }
        size_t number = 0;
        size_t j = i + 2;
        while (j < end && ex->masked[j] >= '0' && ex->masked[j] <= '9') {
            number = number * 10 + (size_t)(ex->masked[j] - '0');
            j++;
        }
        out[n++] = (int)number;
        i = j;
    }
    return n;
}

static int run_pattern(dkg_extractor *ex, const pcre2_code *code, size_t len, size_t start,
                       const char *rule_name)
{
    int rc;
    size_t jit = 0;
    pcre2_pattern_info(code, PCRE2_INFO_JITSIZE, &jit);
    if (jit > 0) {
        rc = pcre2_jit_match(code, (PCRE2_SPTR)ex->masked, len, start, 0, ex->match,
                             ex->mcontext);
        if (rc == PCRE2_ERROR_JIT_STACKLIMIT) {
            rc = pcre2_match(code, (PCRE2_SPTR)ex->masked, len, start,
                             PCRE2_NO_UTF_CHECK | PCRE2_NO_JIT, ex->match, ex->mcontext);
        }
    } else {
        rc = pcre2_match(code, (PCRE2_SPTR)ex->masked, len, start, PCRE2_NO_UTF_CHECK, ex->match,
                         ex->mcontext);
    }
    if (rc < 0 && rc != PCRE2_ERROR_NOMATCH) {
        PCRE2_UCHAR msg[160];
        pcre2_get_error_message(rc, msg, sizeof msg);
        dkg__add_warning(ex, "rule %s: %s; the sentence was skipped for this rule", rule_name,
                         (const char *)msg);
    }
    return rc;
}

/* May pattern skeleton pf fit in masked[from, to) of the current sentence?
 * The lower-cased copy is made once per sentence, on first need. */
static int skeleton_fits(dkg_extractor *ex, const dkg_prefilter *pf, size_t from, size_t to)
{
    if (pf->nitems == 0) {
        return 1;
    }
    if (ex->fold_state == 0) {
        int unsafe = dkg__prefilter_fold(ex->masked, ex->masked_len, ex->folded, ex->starts,
                                         &ex->prepared);
        ex->fold_state = unsafe ? 2 : 1;
    }
    return ex->fold_state == 2 || dkg__prefilter_may_match(pf, &ex->prepared, from, to);
}

static rel_status status_of(dkg_extractor *ex, const rule *r, size_t mstart, size_t mend)
{
    if (r->fixed_status) {
        return r->status;
    }
    /* The clause of the match: back to the previous comma or clause start. */
    size_t from = mstart;
    size_t limit = mstart > 40 ? mstart - 40 : 0;
    while (from > limit && ex->masked[from - 1] != ',' && ex->masked[from - 1] != ';') {
        from--;
    }
    /* A match that opens a second verb of the clause ("X skipped the summit
     * and sent Y") is not negated by the first verb; a plan still carries
     * over ("will skip it and send Y"). */
    int second_verb = mstart >= 4 && memcmp(ex->masked + mstart - 4, "and ", 4) == 0;
    rel_status status = r->status;
    for (size_t i = 0; i < ex->rules->nmodifiers; i++) {
        const modifier *mod = &ex->rules->modifiers[i];
        if (mod->status <= status && status != ST_OCCURRED) {
            continue;
        }
        size_t scope = mod->sentence_scope ? 0
                       : second_verb && mod->status == ST_NEGATED ? mstart
                                                                  : from;
        if (!skeleton_fits(ex, &mod->pre, scope, mend)) {
            continue;
        }
        int rc = pcre2_match(mod->code, (PCRE2_SPTR)ex->masked, mend, scope,
                             PCRE2_NO_UTF_CHECK, ex->match, ex->mcontext);
        if (rc > 0) {
            if (mod->status == ST_NEGATED || status == ST_OCCURRED) {
                status = mod->status;
            }
        }
    }
    return status;
}

/* A sentence without a date of its own usually continues the story of the
 * last dated sentence of its paragraph ("On Friday, X arrived. The two then
 * held talks."); failing that, the lead paragraph's first date, which wire
 * copy uses for the main event. Past narration only. */
static const date_in_sentence *date_in_context(const dkg_extractor *ex, int s)
{
    int paragraph = ex->sentences.items[s].paragraph;
    const date_in_sentence *found = NULL;
    for (size_t i = 0; i < ex->ndates; i++) {
        const date_in_sentence *d = &ex->dates[i];
        if (d->sentence < s && ex->sentences.items[d->sentence].paragraph == paragraph &&
            d->m.past.year != 0) {
            found = d; /* the last one before s wins */
        }
    }
    if (found != NULL) {
        return found;
    }
    for (size_t i = 0; i < ex->ndates; i++) {
        const date_in_sentence *d = &ex->dates[i];
        int p = ex->sentences.items[d->sentence].paragraph;
        if (p == 1 && d->m.past.day != 0) {
            return d;
        }
        if (p > 1) {
            break;
        }
    }
    return NULL;
}

static dkg_date date_near(const dkg_extractor *ex, int s, size_t ostart, size_t oend,
                          rel_status status)
{
    const date_in_sentence *best = NULL;
    size_t best_dist = (size_t)-1;
    for (size_t i = 0; i < ex->ndates; i++) {
        const date_in_sentence *d = &ex->dates[i];
        if (d->sentence != s) {
            continue;
        }
        size_t dist;
        if (d->m.start >= ostart && d->m.end <= oend) {
            dist = 0;
        } else if (d->m.start >= oend) {
            dist = d->m.start - oend;
        } else {
            dist = ostart - d->m.end + 1;
        }
        if (dist < best_dist) {
            best = d;
            best_dist = dist;
        }
    }
    if (best == NULL && status != ST_PLANNED) {
        best = date_in_context(ex, s);
    }
    if (best == NULL) {
        return (dkg_date){0, 0, 0};
    }
    return status == ST_PLANNED ? best->m.future : best->m.past;
}

static int is_symmetric(const char *type)
{
    return strcmp(type, "meet") == 0 || strcmp(type, "call") == 0 || strcmp(type, "agree") == 0;
}

static int add_relation(dkg_extractor *ex, const relation *r)
{
    for (size_t i = 0; i < ex->nrelations; i++) {
        const relation *o = &ex->relations[i];
        int same_pair = (o->source == r->source && o->target == r->target) ||
                        (is_symmetric(r->type) && o->source == r->target &&
                         o->target == r->source);
        if (strcmp(o->type, r->type) == 0 && same_pair && o->status == r->status &&
            memcmp(&o->date, &r->date, sizeof r->date) == 0) {
            return 0;
        }
    }
    if (DKG_GROW(ex->relations, ex->nrelations, ex->relations_cap) != 0) {
        return DKG_ENOMEM;
    }
    ex->relations[ex->nrelations++] = *r;
    return 0;
}

static int entity_of(const dkg_extractor *ex, int m)
{
    const mention *mn = &ex->mentions[m];
    return mn->metonym >= 0 ? mn->metonym : mn->entity;
}

/* Where one of the persons last arrived, for a meeting with no place named. */
static int last_destination(const dkg_extractor *ex, int a, int b)
{
    for (size_t i = ex->nrelations; i-- > 0;) {
        const relation *r = &ex->relations[i];
        if (strcmp(r->type, "visit") == 0 && r->status == ST_OCCURRED &&
            (r->source == a || r->source == b)) {
            return r->target;
        }
    }
    return -1;
}

static int place_in_sentence(const dkg_extractor *ex, size_t m0, size_t m1, const int *skip,
                             int nskip, size_t ostart, size_t oend)
{
    int best = -1;
    size_t best_cost = (size_t)-1;
    for (size_t m = m0; m < m1; m++) {
        int taken = 0;
        for (int k = 0; k < nskip; k++) {
            taken |= skip[k] == (int)m;
        }
        const mention *mn = &ex->mentions[m];
        if (taken || mn->entity < 0 || mn->metonym >= 0 || mn->kind == MK_ADJECTIVE) {
            continue;
        }
        const art_entity *e = &ex->entities[mn->entity];
        if (e->type != LEX_PLACE) {
            continue;
        }
        const char *kind = e->lex >= 0 ? ex->lex->entities[e->lex].kind : NULL;
        /* The place nearest the event: right after the match, then inside it,
         * then before it ("X, who has ties to Moscow, met Y in Tehran" -> Tehran);
         * a venue beats its city at equal distance. */
        size_t cost;
        if (mn->start >= oend) {
            cost = mn->start - oend; /* "met X in Tehran" */
        } else if (mn->start >= ostart) {
            cost = 60 + (oend - mn->end); /* inside: maybe a relative clause */
        } else {
            cost = 2 * (ostart - mn->start) + 200;
        }
        cost = cost * 2 + (kind != NULL && strcmp(kind, "venue") == 0 ? 0 : 1);
        if (cost < best_cost) {
            best = mn->entity;
            best_cost = cost;
        }
    }
    return best;
}

/* Is the place (or country) in the person's own country? */
static int at_home(const dkg_extractor *ex, int person, int place)
{
    const art_entity *p = &ex->entities[person];
    const art_entity *t = &ex->entities[place];
    return p->country[0] != '\0' && strcmp(p->country, t->country) == 0;
}

/* Landing at an airport or being received in a palace is a trip to the
 * city around it: the lexicon's "in" of the venue. */
/* The city of the person's latest trip told so far in the venue's country
 * (any country when the venue's is unknown), -1 when none. */
static int city_of_trip(const dkg_extractor *ex, int person, int venue)
{
    const char *country = ex->entities[venue].country;
    for (size_t i = ex->nrelations; i-- > 0;) {
        const relation *r = &ex->relations[i];
        const art_entity *t = &ex->entities[r->target];
        const char *kind = t->lex >= 0 ? ex->lex->entities[t->lex].kind : NULL;
        if (strcmp(r->type, "visit") == 0 && r->source == person && r->status == ST_OCCURRED &&
            kind != NULL && strcmp(kind, "city") == 0 &&
            (country[0] == '\0' || strcmp(country, t->country) == 0)) {
            return r->target;
        }
    }
    return -1;
}

/* The city the story is in at sentence s if it lies in the venue's
 * country (or the venue's country is unknown), else -1. */
static int story_city(const dkg_extractor *ex, int s, size_t at, int venue)
{
    int place = dkg__story_place(ex, s, at);
    if (place < 0 || ex->entities[place].lex < 0) {
        return -1;
    }
    const char *kind = ex->lex->entities[ex->entities[place].lex].kind;
    const char *country = ex->entities[venue].country;
    return kind != NULL && strcmp(kind, "city") == 0 &&
                   (country[0] == '\0' || strcmp(country, ex->entities[place].country) == 0)
               ? place
               : -1;
}

static int visit_destination(dkg_extractor *ex, const rule *r, int person, int target, int s,
                             size_t offset)
{
    const art_entity *e = &ex->entities[target];
    if (e->lex < 0) {
        return target;
    }
    const lex_entity *le = &ex->lex->entities[e->lex];
    if (le->kind == NULL || strcmp(le->kind, "venue") != 0) {
        return target;
    }
    int airport = strstr(le->name, "irport") != NULL || strstr(le->name, "Air Base") != NULL ||
                  strstr(le->name, "Airbase") != NULL;
    if (!airport && !r->venue_as_city) {
        return target;
    }
    /* A venue outside any city (a residence in the province, an airport
     * out of town, a palace of unknown place) on a trip already told to a
     * city of its country belongs to that trip: "arrived in Moscow ... hosted
     * him at Novo-Ogaryovo"; else to the city the story is in. */
    int trip = city_of_trip(ex, person, target);
    if (trip < 0) {
        trip = story_city(ex, s, offset, target);
    }
    if (le->in == NULL) {
        return trip >= 0 ? trip : target;
    }
    /* Follow "in" up to the city: Oval Office -> White House -> Washington. */
    int city = dkg__lexicon_entity(ex->lex, le->in);
    for (int hops = 0; hops < 3 && city >= 0; hops++) {
        const lex_entity *up = &ex->lex->entities[city];
        if (up->type != LEX_PLACE || up->kind == NULL || strcmp(up->kind, "venue") != 0 ||
            up->in == NULL) {
            break;
        }
        city = dkg__lexicon_entity(ex->lex, up->in);
    }
    const lex_entity *found = city >= 0 ? &ex->lex->entities[city] : NULL;
    if (found == NULL || found->type != LEX_PLACE || found->kind == NULL ||
        strcmp(found->kind, "city") != 0) {
        /* Camp David is in Maryland, not a city: keep the venue */
        return trip >= 0 ? trip : target;
    }
    int at = dkg__entity_for_lex(ex, city);
    return at < 0 ? target : at;
}

/* A visit rule whose target is a person ("X brought along A", "a visit to
 * the temple with his wife, A"): the companion makes that person's latest
 * trip told so far, with its status and date. Nonzero when there is none. */
static int companion_trip(const dkg_extractor *ex, relation *rel, int person)
{
    for (size_t i = ex->nrelations; i-- > 0;) {
        const relation *r = &ex->relations[i];
        if (strcmp(r->type, "visit") == 0 && r->source == person && r->status != ST_NEGATED) {
            rel->target = r->target;
            rel->status = r->status;
            rel->date = r->date;
            return 0;
        }
    }
    return 1;
}

/* The vocabulary's endpoint types: a list group may also hold an
 * appositive's organisation ("Zhao Leji, chairman of the NPC"). */
static int endpoints_fit(const dkg_extractor *ex, const char *type, int source, int target)
{
    lex_type s = ex->entities[source].type;
    lex_type t = ex->entities[target].type;
    if (strcmp(type, "meet") == 0 || strcmp(type, "call") == 0) {
        return s == LEX_PERSON && t == LEX_PERSON;
    }
    if (strcmp(type, "visit") == 0) {
        return s == LEX_PERSON && (t == LEX_PLACE || t == LEX_COUNTRY);
    }
    if (strcmp(type, "located_in") == 0) {
        return s == LEX_PLACE && (t == LEX_PLACE || t == LEX_COUNTRY);
    }
    return s != LEX_PLACE && t != LEX_PLACE;
}

/* People of one country listed together are one side (a leader and a
 * minister, a couple): a multilateral setting does not pair them. */
static int same_side(const dkg_extractor *ex, int a, int b)
{
    const char *ca = ex->entities[a].country;
    const char *cb = ex->entities[b].country;
    return ca[0] != '\0' && strcmp(ca, cb) == 0;
}

static int add_pairs_within(dkg_extractor *ex, const relation *base, const int *a, int na,
                            int place)
{
    for (int i = 0; i < na; i++) {
        for (int j = i + 1; j < na; j++) {
            relation rel = *base;
            rel.source = entity_of(ex, a[i]);
            rel.target = entity_of(ex, a[j]);
            rel.place = place;
            if (rel.source == rel.target ||
                !endpoints_fit(ex, rel.type, rel.source, rel.target) ||
                same_side(ex, rel.source, rel.target)) {
                continue;
            }
            if (add_relation(ex, &rel) != 0) {
                return DKG_ENOMEM;
            }
        }
    }
    return 0;
}

static int apply_rule(dkg_extractor *ex, const rule *r, int s, size_t m0, size_t m1, size_t len)
{
    size_t start = 0;
    int guard = 0;
    while (start < len && guard++ < 64) {
        /* After a match the next one lies in [start, len): most often the
         * skeleton shows there is none. */
        if (start > 0 && !skeleton_fits(ex, &r->pre, start, len)) {
            return 0;
        }
        int rc = run_pattern(ex, r->code, len, start, r->name);
        if (rc <= 0) {
            return 0;
        }
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(ex->match);
        size_t mstart = ov[0];
        size_t mend = ov[1];
        int groups[GROUP_COUNT][16];
        int counts[GROUP_COUNT] = {0};
        for (int g = 0; g < GROUP_COUNT; g++) {
            int number = r->group[g];
            if (number > 0 && number < rc && ov[2 * number] != PCRE2_UNSET) {
                counts[g] = mentions_in(ex, ov[2 * number], ov[2 * number + 1], groups[g], 16);
            }
        }
        start = mend > mstart ? mend : mstart + 1;
        relation base;
        memset(&base, 0, sizeof base);
        base.rule = r;
        /* rules.c admits only the vocabulary's names, all shorter than type[]. */
        memcpy(base.type, r->relation, strlen(r->relation) + 1);
        base.status = status_of(ex, r, mstart, mend);
        size_t ostart = ex->mask_orig[mstart];
        size_t oend = mend > 0 ? ex->mask_orig[mend - 1] + 1 : ostart;
        /* Where a place lies has no date. */
        base.date = strcmp(r->relation, "located_in") == 0
                        ? (dkg_date){0, 0, 0}
                        : date_near(ex, s, ostart, oend, base.status);
        base.sentence = s;
        base.ev_start = ex->sentences.items[s].start;
        base.ev_end = ex->sentences.items[s].end;
        base.title = -1;
        base.host = counts[GROUP_HOST] > 0 ? entity_of(ex, groups[GROUP_HOST][0]) : -1;
        int skip[48];
        int nskip = 0;
        for (int g = 0; g < GROUP_COUNT; g++) {
            for (int k = 0; k < counts[g] && nskip < 48; k++) {
                skip[nskip++] = groups[g][k];
            }
        }
        int named_place = counts[GROUP_PLACE] > 0 ? entity_of(ex, groups[GROUP_PLACE][0])
                                                  : place_in_sentence(ex, m0, m1, skip, nskip,
                                                                      ostart, oend);
        int *a = groups[GROUP_A];
        int *b = groups[GROUP_B];
        int na = counts[GROUP_A];
        int nb = counts[GROUP_B];
        /* No place named: where the story is at this point (discourse.c). */
        int context_place = -1;
        int no_mention = -1;
        if (nb == 0 && r->context_place) {
            context_place = dkg__story_place(ex, s, oend);
            if (context_place >= 0) {
                b = &no_mention;
                nb = 1;
            }
        }
        if (nb == 0 && is_symmetric(r->relation)) {
            b = a; /* "X and Y met": every pair within the list */
            nb = na;
        } else if (is_symmetric(r->relation)) {
            /* "X and Y spoke with Z", "X hosted Y and Z": everyone listed was there. */
            /* Objects are paired only when the rule says so and there are two:
             * "Xi met Albanese and Macron" is two meetings; "Stoltenberg
             * hosted Erdoğan and Kristersson for talks" is one. */
            if ((na >= 2 && na <= 4 && add_pairs_within(ex, &base, a, na, named_place) != 0) ||
                (nb == 2 && r->pair_objects &&
                 add_pairs_within(ex, &base, b, nb, named_place) != 0)) {
                return DKG_ENOMEM;
            }
        }
        for (int i = 0; i < na; i++) {
            for (int j = 0; j < nb; j++) {
                relation rel = base;
                rel.source = entity_of(ex, a[i]);
                rel.target = b == &no_mention ? context_place : entity_of(ex, b[j]);
                if (strcmp(rel.type, "visit") == 0 &&
                    ex->entities[rel.target].type == LEX_PERSON &&
                    companion_trip(ex, &rel, rel.target) != 0) {
                    continue;
                }
                if (rel.source == rel.target || (b == a && j <= i) ||
                    !endpoints_fit(ex, rel.type, rel.source, rel.target) ||
                    (is_symmetric(rel.type) && same_side(ex, rel.source, rel.target))) {
                    continue;
                }
                rel.place = named_place;
                rel.place_named = named_place >= 0;
                if (strcmp(rel.type, "meet") == 0 && rel.place < 0 &&
                    rel.status == ST_OCCURRED) {
                    rel.place = last_destination(ex, rel.source, rel.target);
                }
                if (strcmp(rel.type, "located_in") == 0) {
                    rel.place = -1; /* a place relation has no venue of its own */
                }
                if (strcmp(rel.type, "visit") == 0) {
                    rel.place = -1;
                    rel.target = visit_destination(ex, r, rel.source, rel.target, s, ostart);
                    if (r->not_home && at_home(ex, rel.source, rel.target)) {
                        continue;
                    }
                }
                if (add_relation(ex, &rel) != 0) {
                    return DKG_ENOMEM;
                }
            }
        }
    }
    return 0;
}

/* "Chinese Premier Li Qiang": a role relation from the title before a name. */
static int role_relations(dkg_extractor *ex)
{
    for (size_t i = 0; i < ex->ntitles; i++) {
        const title_hit *th = &ex->titles[i];
        for (size_t m = 0; m < ex->nmentions; m++) {
            const mention *mn = &ex->mentions[m];
            if (mn->start != th->end + 1 || mn->entity < 0 ||
                ex->entities[mn->entity].type != LEX_PERSON || mn->kind == MK_PRONOUN) {
                continue;
            }
            /* The organisation or country it is a title of: an adjective
             * right before the title. */
            int of = -1;
            for (size_t k = 0; k < ex->nmentions; k++) {
                const mention *c = &ex->mentions[k];
                if (c->end + 1 == th->start && c->entity >= 0 &&
                    (ex->entities[c->entity].type == LEX_COUNTRY ||
                     ex->entities[c->entity].type == LEX_ORG)) {
                    of = c->entity;
                }
            }
            if (of < 0) {
                continue;
            }
            relation rel;
            memset(&rel, 0, sizeof rel);
            snprintf(rel.type, sizeof rel.type, "role");
            rel.source = mn->entity;
            rel.target = of;
            rel.place = -1;
            rel.host = -1;
            rel.status = ST_OCCURRED;
            rel.sentence = mn->sentence;
            rel.ev_start = ex->sentences.items[mn->sentence].start;
            rel.ev_end = ex->sentences.items[mn->sentence].end;
            rel.title = th->title;
            if (add_relation(ex, &rel) != 0) {
                return DKG_ENOMEM;
            }
        }
    }
    return 0;
}

/* Does sentence s hold a gathering word ("summit", "talks", "ceremony")?
 * *cursor is a token index kept between calls: relations come in sentence
 * order, so it only moves forward, which spares a scan from the first token. */
static int gathering_in(const dkg_extractor *ex, int s, size_t *cursor)
{
    if (*cursor >= ex->ntokens || ex->tokens[*cursor].sentence > s) {
        *cursor = 0;
    }
    while (*cursor < ex->ntokens && ex->tokens[*cursor].sentence < s) {
        (*cursor)++;
    }
    for (size_t t = *cursor; t < ex->ntokens && ex->tokens[t].sentence == s; t++) {
        if (dkg__token_lookup(ex, t, &ex->rules->gatherings) >= 0) {
            return 1;
        }
    }
    return 0;
}

/* Taking part in talks or a summit held in a named place is a trip there for
 * each participant who does not live there (hosts at home are not visits). */
static int visits_from_gatherings(dkg_extractor *ex)
{
    size_t n = ex->nrelations;
    size_t cursor = 0;
    for (size_t i = 0; i < n; i++) {
        relation r = ex->relations[i];
        if (strcmp(r.type, "meet") != 0 || !r.place_named || r.status == ST_NEGATED ||
            !gathering_in(ex, r.sentence, &cursor)) {
            continue;
        }
        if (r.date.year != 0 && ex->date.year != 0 && r.date.year < ex->date.year - 1) {
            continue; /* history recalled ("met in Helsinki in 1990"), not this trip */
        }
        int people[2] = {r.source, r.target};
        for (int k = 0; k < 2; k++) {
            /* The trip is to the city: the talks at a palace were in its city. */
            static const rule as_city = {.venue_as_city = 1};
            int place = visit_destination(ex, &as_city, people[k], r.place, r.sentence,
                                          ex->sentences.items[r.sentence].start);
            const art_entity *pe = &ex->entities[place];
            const char *kind = pe->lex >= 0 ? ex->lex->entities[pe->lex].kind : NULL;
            if ((kind != NULL && strcmp(kind, "venue") == 0) || at_home(ex, people[k], place)) {
                continue;
            }
            relation v = r;
            snprintf(v.type, sizeof v.type, "visit");
            v.source = people[k];
            v.target = place;
            v.place = -1;
            v.host = -1;
            if (add_relation(ex, &v) != 0) {
                return DKG_ENOMEM;
            }
        }
    }
    return 0;
}

int dkg__find_dates(dkg_extractor *ex)
{
    ex->ndates = 0;
    for (size_t s = 0; s < ex->sentences.count; s++) {
        dkg_date_mention found[16];
        size_t n = dkg__dates_find(ex->text, ex->sentences.items[s].start,
                                   ex->sentences.items[s].end, ex->date, found, 16);
        for (size_t i = 0; i < n; i++) {
            if (DKG_GROW(ex->dates, ex->ndates, ex->dates_cap) != 0) {
                return DKG_ENOMEM;
            }
            ex->dates[ex->ndates++] = (date_in_sentence){found[i], (int)s};
        }
    }
    /* Words inside a date expression ("May" in "May 5") are never names. */
    size_t d = 0;
    for (size_t t = 0; t < ex->ntokens && d < ex->ndates; t++) {
        while (d < ex->ndates && ex->dates[d].m.end <= ex->tokens[t].start) {
            d++;
        }
        if (d < ex->ndates && ex->tokens[t].start >= ex->dates[d].m.start &&
            ex->tokens[t].end <= ex->dates[d].m.end) {
            ex->tokens[t].match = -3;
        }
    }
    return 0;
}

/* Mark in rule_seen, under a new generation, the rules that tokens
 * [t0, t1) of a sentence trigger and those that run on every sentence;
 * returns how many rules are marked. */
static int rules_wanted(dkg_extractor *ex, size_t t0, size_t t1)
{
    const dkg_rules *rules = ex->rules;
    int wanted = 0;
    ex->generation++;
    for (size_t u = 0; u < rules->nuntriggered; u++) {
        if (ex->rule_seen[rules->untriggered[u]] != ex->generation) {
            ex->rule_seen[rules->untriggered[u]] = ex->generation;
            wanted++;
        }
    }
    for (size_t t = t0; t < t1; t++) {
        if (!dkg__rules_maybe_trigger(rules, dkg__token_key(ex, t), ex->tokens[t].key_len)) {
            continue;
        }
        int list = dkg__token_lookup(ex, t, &rules->triggers);
        if (list < 0) {
            continue;
        }
        const int *rl = rules->trigger_lists[list];
        for (int k = 1; k <= rl[0]; k++) {
            if (ex->rule_seen[rl[k]] != ex->generation) {
                ex->rule_seen[rl[k]] = ex->generation;
                wanted++;
            }
        }
    }
    return wanted;
}

int dkg__find_relations(dkg_extractor *ex)
{
    const dkg_rules *rules = ex->rules;
    ex->nrelations = 0;
    size_t t = 0;
    size_t m0 = 0;
    for (size_t m = 0; m < ex->nmentions; m++) {
        mark_metonyms(ex, m);
    }
    for (size_t s = 0; s < ex->sentences.count; s++) {
        size_t m1 = m0;
        while (m1 < ex->nmentions && ex->mentions[m1].sentence == (int)s) {
            m1++;
        }
        size_t t_end = t;
        while (t_end < ex->ntokens && ex->tokens[t_end].sentence == (int)s) {
            t_end++;
        }
        /* No rule runs without a mention. */
        int wanted = m1 > m0 ? rules_wanted(ex, t, t_end) : 0;
        t = t_end;
        if (wanted > 0) {
            size_t len = 0;
            if (build_mask(ex, (int)s, m0, m1, &len) != 0) {
                return DKG_ENOMEM;
            }
            unsigned counts[DKG_GATE_SETS];
            dkg__rule_gate_count(ex->masked, len, counts);
            ex->masked_len = len;
            ex->fold_state = 0;
            /* Rules in file order, so output does not depend on hashing. */
            for (size_t r = 0; r < rules->nrules; r++) {
                int run = ex->rule_seen[r] == ex->generation;
                run = run && dkg__rule_gate_open(&rules->rules[r].gate, counts) &&
                      skeleton_fits(ex, &rules->rules[r].pre, 0, len);
                if (run && apply_rule(ex, &rules->rules[r], (int)s, m0, m1, len) != 0) {
                    return DKG_ENOMEM;
                }
            }
        }
        m0 = m1;
    }
    int rc = visits_from_gatherings(ex);
    if (rc == 0) {
        dkg__drop_covered_country_visits(ex);
    }
    return rc ? rc : role_relations(ex);
}
