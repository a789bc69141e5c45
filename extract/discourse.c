/* extract/discourse.c - where the story is, across sentences.
 *
 * A visit cue often names no place: "Kim flew in on Sunday", "Among those
 * attending were X and Y", "Z came in his place". The place is the one the
 * text last put the story in:
 *  - within a paragraph, the last place something happened "in" or "at"
 *    ("Sisi hosted the gathering in the New Administrative Capital. Among
 *    the guests he received were ..."), or the last destination of a trip
 *    told there;
 *  - failing that, the article's setting: the place the headline or the
 *    lead puts things in, made more precise when the lead only names a
 *    country ("a resort in central Switzerland" ... "at the Bürgenstock
 *    resort": the resort).
 * Places only described ("based in", "born in") set nothing. */
#include <string.h>

#include "extractor_internal.h"

/* The first token starting at or after byte offset at. */
static size_t token_at(const dkg_extractor *ex, size_t at)
{
    size_t lo = 0;
    size_t hi = ex->ntokens;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ex->tokens[mid].start < at) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

static int is_direction(const dkg_extractor *ex, size_t t)
{
    static const char *const directions[] = {"central", "northern", "southern", "eastern",
                                             "western", "north", "south", "east", "west",
                                             "downtown", "coastal", NULL};
    for (const char *const *d = directions; *d; d++) {
        if (dkg__token_is(ex, t, *d)) {
            return 1;
        }
    }
    return 0;
}

int dkg__after_in_or_at(const dkg_extractor *ex, size_t at)
{
    size_t t = token_at(ex, at);
    if (t >= 1 && (dkg__token_is(ex, t - 1, "in") || dkg__token_is(ex, t - 1, "at") ||
                   dkg__token_is(ex, t - 1, "to"))) {
        return 1;
    }
    /* "in central Switzerland", not "in pressuring Russia" */
    return t >= 2 && (dkg__token_is(ex, t - 2, "in") || dkg__token_is(ex, t - 2, "at")) &&
           is_direction(ex, t - 1);
}

enum { PLACED_NOT = 0, PLACED_AT = 1, PLACED_DESTINATION = 2 };

/* Does the text put something "in" or "at" the mention: "in Vienna", "at
 * the Capella hotel", "in central Switzerland", "in the Russian city of
 * Kazan", or end a journey there ("flocked to the White House")?
 * Descriptions ("based in", "born in") do not count. Returns PLACED_*. */
static int placed_at(const dkg_extractor *ex, const mention *mn)
{
    static const char *const descriptive[] = {"based", "born", "headquartered", "raised",
                                              "educated", "lives", "lived", "buried", NULL};
    size_t t = token_at(ex, mn->start);
    size_t k = t;
    if (k >= 1 && dkg__token_is(ex, k - 1, "the")) {
        k--;
    }
    if (k >= 1 && is_direction(ex, k - 1)) {
        k--;
    }
    if (k >= 3 && dkg__token_is(ex, k - 1, "of")) {
        /* "the (Russian) city of Kazan" */
        static const char *const kinds[] = {"city", "town", "village", "port", "resort",
                                            "capital", NULL};
        int known = 0;
        for (const char *const *w = kinds; *w; w++) {
            known |= dkg__token_is(ex, k - 2, *w);
        }
        if (!known) {
            return 0;
        }
        k -= 2;
        for (int steps = 0; steps < 2 && k >= 1 && !dkg__token_is(ex, k - 1, "the"); steps++) {
            k--; /* an adjective or two: "the coastal Russian city of" */
        }
        if (k >= 1 && dkg__token_is(ex, k - 1, "the")) {
            k--;
        }
    }
    if (k < 1 || k > t || ex->tokens[k - 1].sentence != mn->sentence) {
        return 0;
    }
    if (dkg__token_is(ex, k - 1, "to")) {
        /* "leaders flocked to the White House": a journey's end */
        static const char *const motion[] = {"flocked", "flew", "traveled", "travelled",
                                             "went", "came", "headed", "journeyed",
                                             "streamed", "converged", NULL};
        for (const char *const *w = motion; k >= 2 && *w; w++) {
            if (dkg__token_is(ex, k - 2, *w)) {
                return PLACED_DESTINATION;
            }
        }
        return 0;
    }
    if (!(dkg__token_is(ex, k - 1, "in") || dkg__token_is(ex, k - 1, "at"))) {
        return 0;
    }
    for (const char *const *w = descriptive; k >= 2 && *w; w++) {
        if (dkg__token_is(ex, k - 2, *w)) {
            return PLACED_NOT;
        }
    }
    return PLACED_AT;
}

/* A place mention that can be where things happen: a place by name (not a
 * capital standing for its country), put "in" or "at" or travelled to.
 * Returns PLACED_*. */
static int event_place_mention(const dkg_extractor *ex, const mention *mn)
{
    if (mn->entity < 0 || mn->metonym >= 0 || mn->kind == MK_ADJECTIVE ||
        mn->kind == MK_PRONOUN || mn->kind == MK_GROUP ||
        ex->entities[mn->entity].type != LEX_PLACE) {
        return PLACED_NOT;
    }
    return placed_at(ex, mn);
}

static const char *place_kind(const dkg_extractor *ex, int entity)
{
    const art_entity *e = &ex->entities[entity];
    return e->lex >= 0 ? ex->lex->entities[e->lex].kind : NULL;
}

/* The headline's or lead's place, as a mention number: a city in the
 * headline, a region in the headline ("in Bali"), a city in the lead
 * paragraph, a country in either. -1 when none. */
static int setting_mention(const dkg_extractor *ex)
{
    static const struct {
        int paragraph;
        const char *kind;
    } wanted[] = {{0, "city"}, {0, "region"}, {1, "city"}, {0, NULL}, {1, NULL}};
    for (size_t w = 0; w < sizeof wanted / sizeof wanted[0]; w++) {
        for (size_t m = 0; m < ex->nmentions; m++) {
            const mention *mn = &ex->mentions[m];
            if (ex->sentences.items[mn->sentence].paragraph > wanted[w].paragraph) {
                break;
            }
            if (ex->sentences.items[mn->sentence].paragraph != wanted[w].paragraph ||
                mn->entity < 0 || mn->metonym >= 0 || mn->kind != MK_NAME ||
                !dkg__after_in_or_at(ex, mn->start)) {
                continue; /* "rally behind Kyiv" names no setting; "in Bali" does */
            }
            const art_entity *e = &ex->entities[mn->entity];
            const char *kind = place_kind(ex, mn->entity);
            if (wanted[w].kind == NULL ? e->type == LEX_COUNTRY
                                       : e->type == LEX_PLACE && kind != NULL &&
                                             strcmp(kind, wanted[w].kind) == 0) {
                return (int)m;
            }
        }
    }
    return -1;
}

/* Paragraphs searched for a place inside a country-wide setting. */
enum { SETTING_PARAGRAPHS = 3 };

int dkg__setting_place(const dkg_extractor *ex)
{
    int m = setting_mention(ex);
    if (m < 0) {
        return -1;
    }
    int setting = ex->mentions[m].entity;
    const art_entity *c = &ex->entities[setting];
    if (c->type != LEX_COUNTRY) {
        return setting;
    }
    int capital = c->lex >= 0 ? dkg__lexicon_capital(ex->lex, c->lex) : -1;
    if (capital >= 0 &&
        strcmp(ex->lex->entities[capital].name, ex->lex->entities[c->lex].name) == 0) {
        return setting; /* a city-state (Singapore) is as precise as it gets */
    }
    /* "at BRICS summit in Russia" ... "in the Russian city of Kazan": the
     * first place in that country the opening paragraphs put things in. */
    for (size_t k = 0; k < ex->nmentions; k++) {
        const mention *mn = &ex->mentions[k];
        if (ex->sentences.items[mn->sentence].paragraph > SETTING_PARAGRAPHS) {
            break;
        }
        if (event_place_mention(ex, mn) &&
            strcmp(ex->entities[mn->entity].country, ex->entities[setting].country) == 0) {
            return mn->entity;
        }
    }
    return setting;
}

/* Is the venue in the city: its lexicon "in" chain reaches the city
 * (Capella Hotel -> Sentosa -> Singapore), or nothing says where it is
 * ("the Presidential Palace")? */
static int venue_in_city(const dkg_extractor *ex, int venue, int city)
{
    const art_entity *v = &ex->entities[venue];
    const art_entity *c = &ex->entities[city];
    if (v->lex < 0 || ex->lex->entities[v->lex].in == NULL) {
        return v->country[0] == '\0' || strcmp(v->country, c->country) == 0;
    }
    int up = dkg__lexicon_entity(ex->lex, ex->lex->entities[v->lex].in);
    for (int hops = 0; hops < 4 && up >= 0; hops++) {
        if (up == c->lex) {
            return 1;
        }
        const char *in = ex->lex->entities[up].in;
        up = in != NULL ? dkg__lexicon_entity(ex->lex, in) : -1;
    }
    return 0;
}

/* A trip to a venue inside the setting city is a trip to the city: "Putin,
 * who arrived late" after talks "at the Presidential Palace" of a Helsinki
 * summit went to Helsinki. A venue that is the setting itself, or that the
 * text names as a journey's end ("flocked to the White House"), stays. */
static int widen_to_setting(const dkg_extractor *ex, int place)
{
    const char *kind = place_kind(ex, place);
    if (kind == NULL || strcmp(kind, "venue") != 0) {
        return place;
    }
    int setting = dkg__setting_place(ex);
    const char *skind = setting >= 0 ? place_kind(ex, setting) : NULL;
    if (skind == NULL || strcmp(skind, "city") != 0 || !venue_in_city(ex, place, setting)) {
        return place;
    }
    return setting;
}

int dkg__story_place(const dkg_extractor *ex, int s, size_t at)
{
    int paragraph = ex->sentences.items[s].paragraph;
    int best = -1;
    int destination = 0; /* named as where a journey ended: kept as named */
    size_t best_pos = 0;
    for (size_t m = 0; m < ex->nmentions; m++) {
        const mention *mn = &ex->mentions[m];
        if (mn->start >= at) {
            break;
        }
        int placed = ex->sentences.items[mn->sentence].paragraph == paragraph
                         ? event_place_mention(ex, mn)
                         : PLACED_NOT;
        if (placed != PLACED_NOT) {
            best = mn->entity;
            destination = placed == PLACED_DESTINATION;
            best_pos = mn->start + 1;
        }
    }
    /* A trip told earlier in the paragraph ("welcomed Zelensky at the
     * Bürgenstock resort"), a meeting at a named place. */
    for (size_t i = 0; i < ex->nrelations; i++) {
        const relation *r = &ex->relations[i];
        if (r->sentence >= s || ex->sentences.items[r->sentence].paragraph != paragraph ||
            r->status != ST_OCCURRED) {
            continue;
        }
        int place = -1;
        if (strcmp(r->type, "visit") == 0) {
            place = r->target;
        } else if (strcmp(r->type, "meet") == 0 && r->place_named) {
            place = r->place;
        }
        size_t pos = ex->sentences.items[r->sentence].end;
        if (place >= 0 && pos > best_pos) {
            best = place;
            destination = strcmp(r->type, "visit") == 0;
            best_pos = pos;
        }
    }
    if (best < 0) {
        return dkg__setting_place(ex);
    }
    return destination ? best : widen_to_setting(ex, best);
}

/* Dates that may be the same trip: equal years, or a year unknown. */
static int same_trip_dates(dkg_date a, dkg_date b)
{
    return a.year == 0 || b.year == 0 || a.year == b.year;
}

void dkg__drop_covered_country_visits(dkg_extractor *ex)
{
    size_t kept = 0;
    for (size_t i = 0; i < ex->nrelations; i++) {
        const relation *v = &ex->relations[i];
        int covered = 0;
        if (strcmp(v->type, "visit") == 0 && ex->entities[v->target].type == LEX_COUNTRY) {
            for (size_t j = 0; j < ex->nrelations && !covered; j++) {
                const relation *w = &ex->relations[j];
                covered = j != i && strcmp(w->type, "visit") == 0 && w->source == v->source &&
                          w->status == v->status &&
                          ex->entities[w->target].type == LEX_PLACE &&
                          strcmp(ex->entities[w->target].country,
                                 ex->entities[v->target].country) == 0 &&
                          same_trip_dates(v->date, w->date);
            }
        }
        if (!covered) {
            ex->relations[kept++] = *v;
        }
    }
    ex->nrelations = kept;
}
