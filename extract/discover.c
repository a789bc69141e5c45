/* extract/discover.c - people who are not in the lexicon, found by the
 * text's own cues (see the design note in mentions.c), and the roles the
 * cues give them ("Chinese Premier Li Qiang": Premier of CHN). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extractor_internal.h"

/* Lower-case words that may sit inside a person's name. */
static const char *const particles[] = {"bin", "bint", "ibn", "al", "el", "von", "van", "der",
                                        "den", "de", "da", "dos", "das", "du", "del", "della",
                                        "la", "le", "di", "y", NULL};

/* Capitalised words that start sentences or name days and months, never people. */
static const char *const not_names[] = {
    "the", "a", "an", "in", "on", "at", "but", "and", "or", "for", "with", "after", "before",
    "when", "while", "as", "it", "he", "she", "they", "we", "i", "his", "her", "their", "this",
    "that", "these", "those", "there", "here", "some", "many", "both", "if", "since", "by",
    "from", "to", "of", "during", "under", "over", "about", "among", "instead", "still", "yet",
    "so", "then", "now", "last", "next", "earlier", "later", "meanwhile", "however", "although",
    "though", "because", "asked", "speaking", "according", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may",
    "june", "july", "august", "september", "october", "november", "december", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "experts", "officials",
    "analysts", "critics", "diplomats", "leaders", "no", "not", "all", "one", "two", "what",
    "who", "where", "why", "how", "our", "my", "your", "its", "mr", "ms", "mrs", "dr", "god",
    "prime", "minister", "president", "secretary", "general", "foreign", "state", "house",
    "senate", "congress", "parliament", "ministry", "government", "army", "navy", "air", "force",
    NULL};

static const char *const speech_verbs[] = {"said", "says", "told", "added", "wrote", "noted",
                                           "argued", "warned", "explained", "cautioned",
                                           "observed", "predicted", "insisted", "acknowledged",
                                           "recalled", "countered", "suggested", "believes",
                                           "thinks", "contends", NULL};

/* The lists above, as one map from word to the bits of the lists it is in:
 * asked for tens of thousands of tokens per 1,000 articles, a hash lookup
 * with the token's ready key replaces a scan of 160 words. */
enum { IN_PARTICLES = 1, IN_NOT_NAMES = 2, IN_SPEECH_VERBS = 4 };

int dkg__word_lists_init(dkg_strmap *words)
{
    static const char *const *const lists[] = {particles, not_names, speech_verbs};
    for (int l = 0; l < 3; l++) {
        for (const char *const *w = lists[l]; *w; w++) {
            size_t len = strlen(*w);
            int bits = dkg__strmap_get(words, *w, len);
            if (dkg__strmap_put(words, *w, len, (bits < 0 ? 0 : bits) | 1 << l) != 0) {
                return DKG_ENOMEM;
            }
        }
    }
    return 0;
}

/* Is token t, ASCII letters lower-cased, a word of the list (an IN_ bit)? As
 * dkg__token_is, a non-ASCII token is none of these ASCII words. */
static int word_in(const dkg_extractor *ex, size_t t, int list)
{
    if (t >= ex->ntokens || !ex->tokens[t].ascii) {
        return 0;
    }
    int bits = dkg__token_lookup(ex, t, &ex->word_lists);
    return bits >= 0 && (bits & list) != 0;
}

int dkg__is_common_word(const dkg_extractor *ex, size_t t)
{
    return word_in(ex, t, IN_NOT_NAMES);
}

static int token_in(const dkg_extractor *ex, size_t t, const dkg_strmap *words)
{
    return dkg__token_lookup(ex, t, words) >= 0;
}

static int non_person_token(const dkg_extractor *ex, size_t t)
{
    return token_in(ex, t, &ex->rules->non_person);
}

/* Only whitespace between tokens a and b (a < b). */
static int adjacent(const dkg_extractor *ex, size_t a, size_t b)
{
    if (ex->tokens[a].sentence != ex->tokens[b].sentence) {
        return 0;
    }
    for (size_t i = ex->tokens[a].end; i < ex->tokens[b].start; i++) {
        if (ex->text[i] != ' ') {
            return 0;
        }
    }
    return 1;
}

static const title_hit *title_ending_at(const dkg_extractor *ex, size_t t)
{
    for (size_t i = 0; i < ex->ntitles; i++) {
        if (ex->titles[i].last_token == t) {
            return &ex->titles[i];
        }
    }
    return NULL;
}

static const title_hit *title_starting_at(const dkg_extractor *ex, size_t t)
{
    for (size_t i = 0; i < ex->ntitles; i++) {
        if (ex->titles[i].first_token == t) {
            return &ex->titles[i];
        }
    }
    return NULL;
}

/* The adjective or country mention ending right before token t: its country entity. */
static int country_before(const dkg_extractor *ex, size_t t)
{
    if (t == 0) {
        return -1;
    }
    size_t prev_end = ex->tokens[t - 1].end;
    for (size_t m = ex->nmentions; m-- > 0;) {
        const mention *mn = &ex->mentions[m];
        if (mn->end == prev_end || (mn->end + 1 == prev_end && ex->text[mn->end] == '.') ||
            mn->end == prev_end + 1) {
            const art_entity *e = &ex->entities[mn->entity];
            return e->type == LEX_COUNTRY ? mn->entity : -1;
        }
    }
    return -1;
}

/* Copy that tolerates overlap (the source may live in the same array). */
static void copy_field(char *dst, size_t cap, const char *src)
{
    size_t len = strlen(src);
    if (len >= cap) {
        len = cap - 1;
    }
    memmove(dst, src, len);
    dst[len] = '\0';
}

static void add_role(art_entity *e, int title, const char *of)
{
    for (int i = 0; i < e->nroles; i++) {
        if (e->roles[i].title == title) {
            return;
        }
    }
    if (e->nroles < (int)(sizeof e->roles / sizeof e->roles[0])) {
        e->roles[e->nroles].title = title;
        copy_field(e->roles[e->nroles].of, sizeof e->roles[0].of, of ? of : "");
        e->nroles++;
    }
}

/* Cue after the run: ", a senior fellow at ..." gives the title; an animal or
 * thing in the appositive vetoes the run (returns -2). */
static int appositive_title(const dkg_extractor *ex, size_t last)
{
    size_t t = last + 1;
    if (t >= ex->ntokens || ex->tokens[t].sentence != ex->tokens[last].sentence) {
        return -1;
    }
    const char *gap = ex->text + ex->tokens[last].end;
    if (gap[0] != ',') {
        return -1;
    }
    for (int seen = 0; seen < 7 && t < ex->ntokens &&
                       ex->tokens[t].sentence == ex->tokens[last].sentence;
         seen++, t++) {
        if (non_person_token(ex, t)) {
            return -2;
        }
        const title_hit *th = title_starting_at(ex, t);
        if (th != NULL) {
            return th->title; /* any title: "X, leader of ...", "X, a senior fellow" */
        }
        if (ex->tokens[t].match >= 0 && seen > 0) {
            return -1; /* an entity comes first: not an appositive about the person */
        }
        if (ex->text[ex->tokens[t].end] == ',' || ex->text[ex->tokens[t].end] == '.') {
            return -1;
        }
    }
    return -1;
}

static int is_run_token(const dkg_extractor *ex, size_t t)
{
    const token *tok = &ex->tokens[t];
    return tok->match == -1 && tok->upper && !tok->digit;
}

int dkg__discover_people(dkg_extractor *ex)
{
    for (size_t i = 0; i < ex->ntokens;) {
        if (!is_run_token(ex, i) || word_in(ex, i, IN_NOT_NAMES)) {
            i++;
            continue;
        }
        /* Grow the run over capitalised tokens and inner particles. */
        size_t last = i;
        int words = 1;
        while (last + 1 < ex->ntokens && ex->tokens[last + 1].sentence == ex->tokens[i].sentence) {
            size_t next = last + 1;
            int hyphen = ex->tokens[next].start == ex->tokens[last].end + 1 &&
                         ex->text[ex->tokens[last].end] == '-';
            if (!adjacent(ex, last, next) && !hyphen) {
                break;
            }
            if (is_run_token(ex, next) && !word_in(ex, next, IN_NOT_NAMES)) {
                last = next;
                words++;
                continue;
            }
            if (hyphen && ex->tokens[next].match == -1) {
                last = next; /* "Jong-un" */
                continue;
            }
            if (word_in(ex, next, IN_PARTICLES) && next + 1 < ex->ntokens &&
                adjacent(ex, next, next + 1) && is_run_token(ex, next + 1)) {
                last = next + 1;
                words++;
                continue;
            }
            break;
        }
        size_t first = i;
        i = last + 1;
        if (words > 4) {
            continue;
        }
        int vetoed = 0;
        for (size_t t = first; t <= last; t++) {
            vetoed |= non_person_token(ex, t) || token_in(ex, t, &ex->rules->institutions);
        }
        /* "Kennan Institute", "King Faisal Center": the word after the run counts too. */
        if (last + 1 < ex->ntokens && adjacent(ex, last, last + 1) &&
            ex->tokens[last + 1].upper && token_in(ex, last + 1, &ex->rules->institutions)) {
            vetoed = 1;
        }
        if (vetoed) {
            continue;
        }
        /* The cues. */
        const title_hit *before = first > 0 && adjacent(ex, first - 1, first)
                                      ? title_ending_at(ex, first - 1) : NULL;
        /* "two of his country's best-known golfers, Ernie Els and ..." */
        if (before == NULL && first > 0 && ex->tokens[first - 1].sentence ==
                                               ex->tokens[first].sentence &&
            ex->tokens[first].start == ex->tokens[first - 1].end + 2 &&
            ex->text[ex->tokens[first - 1].end] == ',') {
            before = title_ending_at(ex, first - 1);
        }
        if (before != NULL && !ex->lex->titles[before->title].person_cue) {
            before = NULL;
        }
        int appositive = appositive_title(ex, last);
        if (appositive == -2) {
            continue;
        }
        int speech = (last + 1 < ex->ntokens && adjacent(ex, last, last + 1) &&
                      word_in(ex, last + 1, IN_SPEECH_VERBS)) ||
                     (first > 0 && adjacent(ex, first - 1, first) &&
                      word_in(ex, first - 1, IN_SPEECH_VERBS));
        int byline = words == 1 && last + 2 < ex->ntokens &&
                     ex->sentences.items[ex->tokens[first].sentence].start ==
                         ex->tokens[first].start &&
                     dkg__token_is(ex, last + 1, "reported") &&
                     (dkg__token_is(ex, last + 2, "from") || dkg__token_is(ex, last + 2, "in"));
        int cue = before != NULL || appositive >= 0 || (speech && words >= 2) || byline;
        if (!cue) {
            continue;
        }
        if (words == 1 && !byline) {
            continue; /* a single word after a title is a surname: resolve.c decides */
        }
        size_t start = ex->tokens[first].start;
        size_t end = ex->tokens[last].end;
        int e = dkg__entity_discovered(ex, LEX_PERSON, ex->text + start, end - start);
        if (e < 0 || dkg__add_mention(ex, start, end, e, MK_NAME, ex->tokens[first].sentence)) {
            return DKG_ENOMEM;
        }
        for (size_t t = first; t <= last; t++) {
            ex->tokens[t].match = 1;
        }
        art_entity *ent = &ex->entities[e];
        if (before != NULL) {
            int c = country_before(ex, before->first_token);
            const char *iso = c >= 0 ? ex->entities[c].country : NULL;
            add_role(ent, before->title, iso);
            if (iso != NULL && ent->country[0] == '\0') {
                copy_field(ent->country, sizeof ent->country, iso);
            }
        }
        if (appositive >= 0) {
            add_role(ent, appositive, NULL);
        }
    }
    return 0;
}
