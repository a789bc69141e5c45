/* extract/resolve.c - references to people that are not full names.
 *
 * Run after lexicon matching and discovery, when every named person of the
 * article is known, because a reference may come before the name ("The
 * French leader ..." in the first sentence, "Macron" later):
 *  - a surname or short form ("Macron", "Ms. Mogherini") -> the article's
 *    person with that surname, most recently mentioned; failing that, the
 *    one lexicon person with that surname holding an office on the article
 *    date ("Xi" in 2025);
 *  - a title ("the French leader", "the Chinese premier", "Japan's prime
 *    minister") -> the article's person holding it, by country and rank;
 *  - a group ("the two leaders", "the presidential couple") -> two persons;
 *  - he/she -> the leftmost compatible person of the nearest sentence.
 * People never named in the article are not invented from titles. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extractor_internal.h"

static int is_covered(const dkg_extractor *ex, size_t t)
{
    return ex->tokens[t].match != -1;
}

/* Persons of the article whose surname key equals key; the one mentioned
 * last before offset wins, else the first mentioned after. */
static int article_person_by_surname(const dkg_extractor *ex, const char *key, size_t len,
                                     size_t offset)
{
    int best = -1;
    size_t best_pos = 0;
    int best_rank = 1000;
    int after = -1;
    int after_rank = 1000;
    for (size_t m = 0; m < ex->nmentions; m++) {
        const mention *mn = &ex->mentions[m];
        if (mn->entity < 0 || mn->kind == MK_PRONOUN || mn->kind == MK_GROUP) {
            continue;
        }
        const art_entity *e = &ex->entities[mn->entity];
        if (e->type != LEX_PERSON || e->surname_off == (size_t)-1) {
            continue;
        }
        const char *s = dkg__pool(ex, e->surname_off);
        if (strlen(s) != len || memcmp(s, key, len) != 0) {
            continue;
        }
        /* Among several Kims, the leader is "Kim"; else the latest named. */
        int rank = e->leader_rank;
        if (mn->start < offset && (best < 0 || rank < best_rank ||
                                   (rank == best_rank && mn->start >= best_pos))) {
            best = mn->entity;
            best_pos = mn->start;
            best_rank = rank;
        } else if (mn->start >= offset && (after < 0 || rank < after_rank)) {
            after = mn->entity;
            after_rank = rank;
        }
    }
    return best >= 0 ? best : after;
}

/* The lexicon person with this surname in office on the article date. */
static int lexicon_person_by_surname(dkg_extractor *ex, const char *key, size_t len)
{
    const lex_hits *hits = dkg__lexicon_surname(ex->lex, key, len);
    if (hits == NULL) {
        return -1;
    }
    int best = -1;
    int best_rank = 1000;
    int ties = 0;
    for (int h = 0; h < hits->count; h++) {
        const lex_entity *le = &ex->lex->entities[hits->items[h].target];
        int rank = 1000;
        for (int r = 0; r < le->nroles; r++) {
            if (dkg__role_active(&le->roles[r], ex->date)) {
                const lex_title *t = &ex->lex->titles[le->roles[r].title];
                int rr = le->roles[r].rank ? le->roles[r].rank : t->rank;
                rank = rr < rank ? rr : rank;
            }
        }
        if (rank < best_rank) {
            best = hits->items[h].target;
            best_rank = rank;
            ties = 0;
        } else if (rank == best_rank && rank < 1000) {
            ties++;
        }
    }
    if (best < 0 || ties > 0 || ex->date.year == 0) {
        return -1; /* nobody in office then, or several Kims: do not guess */
    }
    return dkg__entity_for_lex(ex, best);
}

/* Token t sits in a run of capitalised words (or a hyphenated name) that
 * matched nothing: a surname alone must not claim it. */
static int in_unknown_name(const dkg_extractor *ex, size_t t)
{
    const token *tok = &ex->tokens[t];
    if (t + 1 < ex->ntokens && ex->tokens[t + 1].sentence == tok->sentence &&
        ex->tokens[t + 1].match == -1 && !dkg__is_common_word(ex, t + 1)) {
        const token *next = &ex->tokens[t + 1];
        int space = next->start == tok->end + 1 && ex->text[tok->end] == ' ';
        int hyphen = next->start == tok->end + 1 && ex->text[tok->end] == '-';
        if ((space && next->upper && !next->digit) || hyphen) {
            return 1;
        }
    }
    if (t > 0 && ex->tokens[t - 1].sentence == tok->sentence && ex->tokens[t - 1].match == -1 &&
        ex->tokens[t - 1].upper && !ex->tokens[t - 1].digit && tok->start == ex->tokens[t - 1].end + 1 &&
        ex->text[ex->tokens[t - 1].end] == ' ' && !dkg__is_common_word(ex, t - 1)) {
        return 1;
    }
    return 0;
}

static void resolve_surnames(dkg_extractor *ex)
{
    for (size_t t = 0; t < ex->ntokens; t++) {
        const token *tok = &ex->tokens[t];
        if (is_covered(ex, t) || !tok->upper || tok->digit || tok->allcaps ||
            dkg__is_common_word(ex, t)) {
            continue;
        }
        /* Skip words that merely start a sentence ("Experts", "Trade"), unless
         * a title or speech verb follows/precedes; a known surname still counts. */
        if (in_unknown_name(ex, t)) {
            continue; /* "Fu Ni", "Park Ji-hoon": part of a longer name nobody resolved */
        }
        const char *key = dkg__token_key(ex, t);
        size_t len = tok->key_len;
        if (len >= DKG_KEY_MAX) {
            continue;
        }
        int e = article_person_by_surname(ex, key, len, tok->start);
        if (e < 0) {
            e = lexicon_person_by_surname(ex, key, len);
        }
        if (e < 0) {
            /* "Ms. Lindqvist", "Dr. Ali": an honorific makes a one-word person. */
            int titled = 0;
            for (size_t i = 0; i < ex->ntitles; i++) {
                const title_hit *th = &ex->titles[i];
                if (th->last_token + 1 == t && ex->lex->titles[th->title].person_cue &&
                    tok->start - th->end <= 1 && ex->text[th->end] == ' ') {
                    titled = 1;
                }
            }
            if (!titled) {
                continue;
            }
            e = dkg__entity_discovered(ex, LEX_PERSON, ex->text + tok->start,
                                       tok->end - tok->start);
            if (e < 0) {
                continue;
            }
        }
        if (dkg__add_mention(ex, tok->start, tok->end, e, MK_SURNAME, tok->sentence) == 0) {
            ex->tokens[t].match = 1;
        }
    }
}

static int person_has_title(const dkg_extractor *ex, const art_entity *e, int title)
{
    const char *name = ex->lex->titles[title].title;
    int any_leader = strcmp(name, "Leader") == 0;
    for (int r = 0; r < e->nroles; r++) {
        const lex_title *t = &ex->lex->titles[e->roles[r].title];
        if (any_leader ? t->leader : e->roles[r].title == title) {
            return 1;
        }
        /* "president" also finds a "President of the European Commission" etc. */
        if (!any_leader && strncmp(t->title, name, strlen(name)) == 0) {
            return 1;
        }
    }
    return any_leader && e->leader_rank < 99;
}

/* Does a person mention end at byte offset `end`? */
static int person_ends_at(const dkg_extractor *ex, size_t end)
{
    for (size_t m = 0; m < ex->nmentions; m++) {
        const mention *mn = &ex->mentions[m];
        if (mn->end == end && mn->entity >= 0 && ex->entities[mn->entity].type == LEX_PERSON) {
            return 1;
        }
    }
    return 0;
}

/* Was person e named in sentence s or the three before it? */
static int named_near(const dkg_extractor *ex, int e, int s)
{
    for (size_t m = 0; m < ex->nmentions; m++) {
        const mention *mn = &ex->mentions[m];
        if (mn->entity == e && mn->sentence <= s && mn->sentence >= s - 3) {
            return 1;
        }
    }
    return 0;
}

/* "the French leader", "the Chinese premier", "Japan's prime minister". */
static void resolve_titles(dkg_extractor *ex)
{
    for (size_t i = 0; i < ex->ntitles; i++) {
        const title_hit *th = &ex->titles[i];
        size_t first = th->first_token;
        size_t next = th->last_token + 1;
        /* A name right after the title is the title's own person (a cue, not a reference). */
        if (next < ex->ntokens && ex->tokens[next].sentence == ex->tokens[first].sentence &&
            ex->tokens[next].upper && ex->tokens[next].start == th->end + 1) {
            continue;
        }
        const char *country = NULL;
        size_t start = th->start;
        size_t t = first;
        if (t > 0) {
            /* An adjective or a possessive country before the title. */
            for (size_t m = 0; m < ex->nmentions; m++) {
                const mention *mn = &ex->mentions[m];
                if (mn->entity < 0 || ex->entities[mn->entity].type != LEX_COUNTRY) {
                    continue;
                }
                size_t gap_end = th->start;
                int direct = mn->end + 1 == gap_end;
                int possessive = (mn->end + 3 == gap_end && ex->text[mn->end] == '\'') ||
                                 (mn->end + 5 == gap_end &&
                                  memcmp(ex->text + mn->end, "\xE2\x80\x99", 3) == 0);
                if (direct || possessive) {
                    country = ex->entities[mn->entity].country;
                    start = mn->start;
                    t = first - 1;
                    while (t > 0 && ex->tokens[t].start > mn->start) {
                        t--;
                    }
                }
            }
        }
        int has_the = t > 0 && dkg__token_is(ex, t - 1, "the");
        if (has_the) {
            start = ex->tokens[t - 1].start;
        } else if (country == NULL) {
            continue; /* a bare "president" is too vague */
        }
        if (start >= 2 && ex->text[start - 2] == ',' && person_ends_at(ex, start - 2)) {
            continue; /* "Nguyen Phu Trong, the general secretary": an appositive */
        }
        int best = -1;
        int best_score = -1;
        int sentence = ex->tokens[first].sentence;
        for (size_t e = 0; e < ex->nentities; e++) {
            const art_entity *ent = &ex->entities[e];
            if (ent->type != LEX_PERSON || ent->mentions == 0 ||
                !person_has_title(ex, ent, th->title)) {
                continue;
            }
            if (country != NULL && strcmp(ent->country, country) != 0) {
                continue;
            }
            /* Without a country, "the president" is someone just named. */
            if (country == NULL && !named_near(ex, (int)e, sentence)) {
                continue;
            }
            int score = 200 - ent->leader_rank + ent->mentions;
            if (score > best_score) {
                best = (int)e;
                best_score = score;
            }
        }
        if (best >= 0) {
            dkg__add_mention(ex, start, th->end, best, MK_TITLE, ex->tokens[first].sentence);
        }
    }
}

/* Persons mentioned before offset, most recent first; returns how many. */
static int recent_persons(const dkg_extractor *ex, size_t offset, int leaders_only, int *out,
                          int max)
{
    int n = 0;
    for (size_t m = ex->nmentions; m-- > 0 && n < max;) {
        const mention *mn = &ex->mentions[m];
        if (mn->start >= offset || mn->entity < 0 || mn->kind == MK_PRONOUN) {
            continue;
        }
        const art_entity *e = &ex->entities[mn->entity];
        if (e->type != LEX_PERSON || (leaders_only && e->leader_rank >= 99)) {
            continue;
        }
        int dup = 0;
        for (int k = 0; k < n; k++) {
            dup |= out[k] == mn->entity;
        }
        if (!dup) {
            out[n++] = mn->entity;
        }
    }
    return n;
}

static int sort_mentions_cmp(const void *a, const void *b)
{
    const mention *x = a;
    const mention *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* Mentions in text order, equal starts in the order they were added (a
 * group's members share a start, and their order shows in the output). Each
 * step finds mentions left to right and a few are appended after it, so the
 * array is nearly sorted: an insertion sort is one pass and a few moves,
 * where qsort cost thousands of instructions per article. Past a budget of
 * moves the rest goes to qsort, glibc's merge sort, stable as well (the
 * insertion never moves a mention past an equal one), so the order is the
 * same either way and a pathological article stays O(n log n). */
static void sort_mentions(dkg_extractor *ex)
{
    size_t budget = 8 * ex->nmentions;
    for (size_t i = 1; i < ex->nmentions; i++) {
        mention m = ex->mentions[i];
        size_t j = i;
        while (j > 0 && ex->mentions[j - 1].start > m.start && budget > 0) {
            ex->mentions[j] = ex->mentions[j - 1];
            j--;
            budget--;
        }
        ex->mentions[j] = m;
        if (budget == 0) {
            dkg__sort(ex->mentions, ex->nmentions, sizeof *ex->mentions, sort_mentions_cmp);
            return;
        }
    }
}

/* How many people a group word names: "both", "two" ... "six"; 0 if none. */
static int group_size(const dkg_extractor *ex, size_t t)
{
    switch (dkg__token_word(ex, t)) {
    case TW_BOTH: return 2;
    case TW_TWO: return 2;
    case TW_THREE: return 3;
    case TW_FOUR: return 4;
    case TW_FIVE: return 5;
    case TW_SIX: return 6;
    default: return 0;
    }
}

static int is_group_noun(const dkg_extractor *ex, size_t t)
{
    static const char *const nouns[] = {"leaders", "presidents", "men", "women", "ministers",
                                        "heads", "premiers", "sides", "visitors", NULL};
    for (const char *const *w = nouns; *w; w++) {
        if (dkg__token_is(ex, t, *w)) {
            return 1;
        }
    }
    return 0;
}

/* "They" names the last two people only when a verb of meeting or talking
 * follows within a few words ("They spoke by phone", "they met again"). */
static int they_meet(const dkg_extractor *ex, size_t t)
{
    static const char *const verbs[] = {"met", "meet", "spoke", "spoken", "talked", "held",
                                        "shook", "sat", "conferred", NULL};
    for (size_t k = t + 1; k < t + 4 && k < ex->ntokens; k++) {
        if (ex->tokens[k].sentence != ex->tokens[t].sentence) {
            return 0;
        }
        for (const char *const *v = verbs; *v; v++) {
            if (dkg__token_is(ex, k, *v)) {
                return 1;
            }
        }
    }
    return 0;
}

/* Sentences back within which a pair of people is still "the two". */
enum { GROUP_SENTENCES = 2 };

/* Is person e named in sentence s or the GROUP_SENTENCES before it? */
static int named_lately(const dkg_extractor *ex, int e, int s)
{
    for (size_t m = 0; m < ex->nmentions; m++) {
        const mention *mn = &ex->mentions[m];
        if (mn->entity == e && mn->sentence <= s && mn->sentence + GROUP_SENTENCES >= s &&
            mn->kind != MK_PRONOUN && mn->kind != MK_GROUP) {
            return 1;
        }
    }
    return 0;
}

/* "The two leaders" long after the last pair was named: the article's main
 * pair, the two leaders named most often before offset. Leaves pair as is
 * when fewer than two leaders are named. */
static void main_pair(const dkg_extractor *ex, size_t offset, int pair[2])
{
    int best[2] = {-1, -1};
    int counts[2] = {0, 0};
    for (size_t e = 0; e < ex->nentities; e++) {
        if (ex->entities[e].type != LEX_PERSON || ex->entities[e].leader_rank >= 99) {
            continue;
        }
        int n = 0;
        for (size_t m = 0; m < ex->nmentions; m++) {
            const mention *mn = &ex->mentions[m];
            n += mn->entity == (int)e && mn->start < offset && mn->kind != MK_PRONOUN &&
                 mn->kind != MK_GROUP;
        }
        if (n > counts[0]) {
            best[1] = best[0];
            counts[1] = counts[0];
            best[0] = (int)e;
            counts[0] = n;
        } else if (n > counts[1]) {
            best[1] = (int)e;
            counts[1] = n;
        }
    }
    if (best[1] >= 0) {
        pair[0] = best[0];
        pair[1] = best[1];
    }
}

/* "the two leaders", "both leaders", "the four", "the presidential couple":
 * the most recently named persons (leaders first), or a couple sharing a
 * surname. Each member becomes a MK_GROUP mention over the same words. */
static void resolve_groups(dkg_extractor *ex)
{
    sort_mentions(ex);
    for (size_t t = 0; t + 1 < ex->ntokens; t++) {
        int couple = 0;
        int size = group_size(ex, t);
        if (size == 0 && dkg__token_word(ex, t) != TW_THEY &&
            dkg__token_word(ex, t + 1) != TW_COUPLE) {
            continue; /* what every branch below asks first, cheaply */
        }
        size_t end_token = t;
        int sentence = ex->tokens[t].sentence;
        int same_sentence = ex->tokens[t + 1].sentence == sentence;
        if (size > 0 && same_sentence && is_group_noun(ex, t + 1)) {
            end_token = t + 1;
            if (dkg__token_is(ex, t + 1, "sides")) {
                continue; /* "both sides" are countries, not two persons */
            }
        } else if (size > 2 && t > 0 && dkg__token_is(ex, t - 1, "the") &&
                   (!same_sentence || !ex->tokens[t + 1].upper)) {
            end_token = t; /* "The four held talks" */
        } else if (dkg__token_word(ex, t) == TW_THEY && they_meet(ex, t)) {
            end_token = t; /* "They had spoken five times by phone" */
            size = 2;
        } else if (same_sentence && dkg__token_word(ex, t + 1) == TW_COUPLE &&
                   (dkg__token_is(ex, t, "presidential") || dkg__token_is(ex, t, "royal") ||
                    dkg__token_is(ex, t, "the") || dkg__token_is(ex, t, "imperial"))) {
            end_token = t + 1;
            couple = 1;
            size = 2;
        } else {
            continue;
        }
        size_t start_token = t;
        while (start_token > 0 && start_token + 3 > t &&
               ex->tokens[start_token - 1].sentence == sentence &&
               (dkg__token_is(ex, start_token - 1, "the") ||
                dkg__token_is(ex, start_token - 1, "all") ||
                dkg__token_is(ex, start_token - 1, "presidential") ||
                ex->tokens[start_token - 1].match == 1)) {
            start_token--;
            if (dkg__token_is(ex, start_token, "the")) {
                break;
            }
        }
        size_t offset = ex->tokens[start_token].start;
        int found[6];
        int n = 0;
        if (couple) {
            int recent[8];
            int r = recent_persons(ex, offset, 0, recent, 8);
            for (int a = 0; a < r && n == 0; a++) {
                for (int b = 0; b < r; b++) {
                    const art_entity *x = &ex->entities[recent[a]];
                    const art_entity *y = &ex->entities[recent[b]];
                    if (a != b && x->surname_off != (size_t)-1 && y->surname_off != (size_t)-1 &&
                        strcmp(dkg__pool(ex, x->surname_off), dkg__pool(ex, y->surname_off)) == 0) {
                        found[0] = recent[a];
                        found[1] = recent[b];
                        n = 2;
                        break;
                    }
                }
            }
        } else {
            n = recent_persons(ex, offset, 1, found, size);
            if (n < size) {
                n = recent_persons(ex, offset, 0, found, size);
            }
            if (n < size) {
                n = 0;
            }
            if (n == 2 && (!named_lately(ex, found[0], sentence) ||
                           !named_lately(ex, found[1], sentence))) {
                main_pair(ex, offset, found);
            }
        }
        for (int k = 0; k < n; k++) {
            if (dkg__add_mention(ex, offset, ex->tokens[end_token].end, found[k], MK_GROUP,
                                 sentence) == 0) {
                ex->mentions[ex->nmentions - 1].entity2 = k == 0;
            }
        }
    }
}

/* The article's leader of a country: the person of that country with the
 * most senior leader role, -1 when none is named. */
static int leader_of(const dkg_extractor *ex, const char *iso3)
{
    int best = -1;
    for (size_t e = 0; e < ex->nentities; e++) {
        const art_entity *ent = &ex->entities[e];
        if (ent->type == LEX_PERSON && ent->mentions > 0 && ent->leader_rank < 99 &&
            strcmp(ent->country, iso3) == 0 &&
            (best < 0 || ent->leader_rank < ex->entities[best].leader_rank)) {
            best = (int)e;
        }
    }
    return best;
}

/* "The leaders of France, Germany and Italy arrived": each country's leader
 * named elsewhere in the article. */
static void resolve_leaders_of(dkg_extractor *ex)
{
    for (size_t t = dkg__next_token_word(ex, 0, TW_BIT(TW_LEADERS)); t + 2 < ex->ntokens;
         t = dkg__next_token_word(ex, t + 1, TW_BIT(TW_LEADERS))) {
        if (!dkg__token_is(ex, t + 1, "of")) {
            continue;
        }
        size_t after_of = ex->tokens[t + 1].end;
        int sentence = ex->tokens[t].sentence;
        int found[6];
        int n = 0;
        size_t end = after_of;
        for (size_t m = 0; m < ex->nmentions && n < 6; m++) {
            const mention *mn = &ex->mentions[m];
            if (mn->start < after_of || mn->sentence != sentence || mn->entity < 0) {
                continue;
            }
            /* Only ", " or " and " may separate the countries. */
            const char *gap = ex->text + end;
            size_t gap_len = mn->start - end;
            int joined = gap_len == 1 || (gap_len == 2 && gap[0] == ',') ||
                         (gap_len == 5 && memcmp(gap, " and ", 5) == 0) ||
                         (gap_len == 6 && memcmp(gap, ", and ", 6) == 0);
            if (!joined || ex->entities[mn->entity].type != LEX_COUNTRY) {
                break;
            }
            int leader = leader_of(ex, ex->entities[mn->entity].country);
            if (leader < 0) {
                n = 0;
                break;
            }
            found[n++] = leader;
            end = mn->end;
        }
        if (n < 2) {
            continue;
        }
        size_t start = ex->tokens[t].start;
        if (t > 0 && dkg__token_is(ex, t - 1, "the")) {
            start = ex->tokens[t - 1].start;
        }
        for (int k = 0; k < n; k++) {
            if (dkg__add_mention(ex, start, end, found[k], MK_GROUP, sentence) == 0) {
                ex->mentions[ex->nmentions - 1].entity2 = k == 0;
            }
        }
    }
}

static void resolve_pronouns(dkg_extractor *ex)
{
    sort_mentions(ex);
    size_t named = ex->nmentions;
    const unsigned pronouns = TW_BIT(TW_HE) | TW_BIT(TW_SHE) | TW_BIT(TW_HIM);
    for (size_t t = dkg__next_token_word(ex, 0, pronouns); t < ex->ntokens;
         t = dkg__next_token_word(ex, t + 1, pronouns)) {
        char gender;
        int object = 0;
        token_word word = dkg__token_word(ex, t);
        if (word == TW_HE) {
            gender = 'm';
        } else if (word == TW_SHE) {
            gender = 'f';
        } else if (word == TW_HIM) {
            gender = 'm';
            object = 1;
        } else {
            continue;
        }
        int sentence = ex->tokens[t].sentence;
        int chosen = -1;
        /* "X is due in Y, where Z is to receive him": an object pronoun is not
         * the person right before it (its verb's subject). */
        int skip_entity = -1;
        if (object) {
            for (size_t m = 0; m < named; m++) {
                const mention *mn = &ex->mentions[m];
                if (mn->sentence == sentence && mn->start < ex->tokens[t].start &&
                    mn->entity >= 0 && ex->entities[mn->entity].type == LEX_PERSON) {
                    skip_entity = mn->entity;
                }
            }
        }
        for (int s = sentence; s >= 0 && s >= sentence - 3 && chosen < 0; s--) {
            for (size_t m = 0; m < named; m++) {
                const mention *mn = &ex->mentions[m];
                if (mn->sentence != s || mn->entity < 0 || mn->kind == MK_GROUP ||
                    mn->entity == skip_entity ||
                    (s == sentence && mn->start >= ex->tokens[t].start)) {
                    continue;
                }
                const art_entity *e = &ex->entities[mn->entity];
                if (e->type == LEX_PERSON && (e->gender == 0 || e->gender == gender)) {
                    chosen = mn->entity;
                    break;
                }
            }
        }
        if (chosen >= 0) {
            dkg__add_mention(ex, ex->tokens[t].start, ex->tokens[t].end, chosen, MK_PRONOUN,
                             sentence);
        }
    }
}

/* Paragraphs back that a capital city named by name is still "the capital". */
enum { CAPITAL_PARAGRAPHS = 2 };

/* The capital city last named by its name before token t, in its paragraph
 * or the two before ("arrived in Kyiv ... joined in the capital"); a
 * possessive ("Beijing's reach") speaks of the country. -1 when none. */
static int recent_capital_city(const dkg_extractor *ex, size_t t)
{
    int paragraph = ex->sentences.items[ex->tokens[t].sentence].paragraph;
    int found = -1;
    for (size_t m = 0; m < ex->nmentions; m++) {
        const mention *mn = &ex->mentions[m];
        if (mn->start >= ex->tokens[t].start) {
            break;
        }
        const art_entity *e = mn->entity >= 0 ? &ex->entities[mn->entity] : NULL;
        if (e == NULL || mn->kind != MK_NAME || e->type != LEX_PLACE || e->lex < 0 ||
            ex->lex->entities[e->lex].seat_of == NULL ||
            ex->sentences.items[mn->sentence].paragraph + CAPITAL_PARAGRAPHS < paragraph) {
            continue;
        }
        const char *after = ex->text + mn->end;
        int possessive = mn->end + 1 < ex->len && after[0] == '\'' && after[1] == 's';
        possessive |= mn->end + 3 < ex->len && memcmp(after, "\xE2\x80\x99s", 4) == 0;
        if (!possessive) {
            found = mn->entity;
        }
    }
    return found;
}

/* "the capital", "the Ukrainian capital", "the country's capital": the
 * capital of the adjective's country, else the capital city named shortly
 * before, else the capital of the country last named as such (not an
 * adjective: "Italian Prime Minister X ... in the capital"). */
static void resolve_capitals(dkg_extractor *ex)
{
    for (size_t t = dkg__next_token_word(ex, 1, TW_BIT(TW_CAPITAL)); t < ex->ntokens;
         t = dkg__next_token_word(ex, t + 1, TW_BIT(TW_CAPITAL))) {
        if (ex->tokens[t].match != -1) {
            continue;
        }
        size_t first = t - 1;
        int country = -1;
        for (size_t m = 0; m < ex->nmentions; m++) {
            const mention *mn = &ex->mentions[m];
            if (mn->entity >= 0 && mn->end + 1 == ex->tokens[t].start &&
                ex->entities[mn->entity].type == LEX_COUNTRY) {
                country = mn->entity; /* "the Ukrainian capital" */
                while (first > 0 && ex->tokens[first].start > mn->start) {
                    first--;
                }
                if (first > 0) {
                    first--;
                }
            }
        }
        if (!dkg__token_is(ex, first, "the")) {
            continue;
        }
        int city = country < 0 ? recent_capital_city(ex, first) : -1;
        if (city >= 0) {
            dkg__add_mention(ex, ex->tokens[first].start, ex->tokens[t].end, city, MK_TITLE,
                             ex->tokens[t].sentence);
            ex->tokens[t].match = 1;
            continue;
        }
        if (country < 0) {
            size_t best_start = 0;
            for (size_t m = 0; m < ex->nmentions; m++) {
                const mention *mn = &ex->mentions[m];
                if (mn->entity >= 0 && mn->start < ex->tokens[first].start &&
                    mn->start >= best_start && mn->kind == MK_NAME &&
                    ex->entities[mn->entity].type == LEX_COUNTRY) {
                    country = mn->entity;
                    best_start = mn->start;
                }
            }
        }
        const art_entity *c = country >= 0 ? &ex->entities[country] : NULL;
        if (c == NULL || c->lex < 0) {
            continue;
        }
        int capital = dkg__lexicon_capital(ex->lex, c->lex);
        if (capital < 0) {
            continue;
        }
        int e = dkg__entity_for_lex(ex, capital);
        if (e >= 0) {
            dkg__add_mention(ex, ex->tokens[first].start, ex->tokens[t].end, e, MK_TITLE,
                             ex->tokens[t].sentence);
            ex->tokens[t].match = 1;
        }
    }
}

/* "the kingdom", "the People's Republic", "the sultanate": the country last
 * named whose official name has that form ("Kingdom of Saudi Arabia", an
 * alias in the lexicon). */
static void resolve_country_forms(dkg_extractor *ex)
{
    static const struct {
        const char *text; /* as written after "the " */
        const char *form; /* as in the official name */
    } forms[] = {{"kingdom", "kingdom"},
                 {"sultanate", "sultanate"},
                 {"emirate", "emirate"},
                 {"principality", "principality"},
                 {"grand duchy", "grand duchy"},
                 {"people's republic", "people's republic"},
                 {"people\xE2\x80\x99s republic", "people's republic"}};
    for (size_t t = dkg__next_token_word(ex, 0, TW_BIT(TW_THE)); t + 1 < ex->ntokens;
         t = dkg__next_token_word(ex, t + 1, TW_BIT(TW_THE))) {
        if (ex->tokens[t + 1].match != -1 ||
            ex->tokens[t + 1].start != ex->tokens[t].end + 1) {
            continue;
        }
        const char *p = ex->text + ex->tokens[t + 1].start;
        size_t left = ex->sentences.items[ex->tokens[t].sentence].end - ex->tokens[t + 1].start;
        for (size_t f = 0; f < sizeof forms / sizeof forms[0]; f++) {
            if ((p[0] | 0x20) != forms[f].text[0]) {
                continue; /* the first letter, cheaply: most words are no form */
            }
            size_t flen = strlen(forms[f].text);
            if (flen > left || strncasecmp(p, forms[f].text, flen) != 0 ||
                (flen < left && ((p[flen] >= 'a' && p[flen] <= 'z') ||
                                 (p[flen] >= 'A' && p[flen] <= 'Z'))) ||
                (flen + 3 < left && memcmp(p + flen, " of", 3) == 0)) {
                continue; /* "the Kingdom of X" is a name of its own */
            }
            int country = -1;
            for (size_t m = 0; m < ex->nmentions && country < 0; m++) {
                const mention *mn = &ex->mentions[ex->nmentions - 1 - m];
                if (mn->start >= ex->tokens[t].start || mn->entity < 0 ||
                    ex->entities[mn->entity].type != LEX_COUNTRY ||
                    ex->entities[mn->entity].lex < 0) {
                    continue;
                }
                char name[DKG_KEY_MAX];
                char key[DKG_KEY_MAX];
                int n = snprintf(name, sizeof name, "%s of %s", forms[f].form,
                                 ex->lex->entities[ex->entities[mn->entity].lex].name);
                size_t klen = n > 0 && (size_t)n < sizeof name
                                  ? dkg__name_key(name, (size_t)n, key, sizeof key)
                                  : sizeof key;
                const lex_hits *hits =
                    klen < sizeof key ? dkg__lexicon_lookup(ex->lex, key, klen) : NULL;
                for (int h = 0; hits != NULL && h < hits->count; h++) {
                    if (hits->items[h].kind == HIT_NAME &&
                        hits->items[h].target == ex->entities[mn->entity].lex) {
                        country = mn->entity;
                    }
                }
            }
            if (country >= 0 && dkg__add_mention(ex, ex->tokens[t].start,
                                                 ex->tokens[t + 1].start + flen, country,
                                                 MK_TITLE, ex->tokens[t].sentence) == 0) {
                size_t end = ex->tokens[t + 1].start + flen;
                for (size_t k = t; k < ex->ntokens && ex->tokens[k].start < end; k++) {
                    ex->tokens[k].match = 1;
                }
            }
            break;
        }
    }
}

int dkg__resolve_references(dkg_extractor *ex)
{
    /* Discovered persons with a leader title rank as leaders. */
    for (size_t e = 0; e < ex->nentities; e++) {
        art_entity *ent = &ex->entities[e];
        for (int r = 0; r < ent->nroles && ent->lex < 0; r++) {
            const lex_title *t = &ex->lex->titles[ent->roles[r].title];
            if (t->leader && t->rank < ent->leader_rank) {
                ent->leader_rank = t->rank;
            }
        }
    }
    resolve_country_forms(ex);
    resolve_surnames(ex);
    resolve_titles(ex);
    resolve_capitals(ex);
    resolve_groups(ex);
    resolve_leaders_of(ex);
    resolve_pronouns(ex);
    sort_mentions(ex);
    return 0;
}
