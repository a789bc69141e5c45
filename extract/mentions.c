/* extract/mentions.c - tokens, lexicon matches and people found by cues.
 *
 * 1. Tokens: runs of letters and digits; spaces, punctuation, apostrophes
 *    and hyphens separate them. Each token's key is folded once; a span's key
 *    joins its tokens' keys with what the gaps fold to (span_keys.c), so
 *    "Jae-in" and "People's" still match.
 * 2. Lexicon: at each token, the first-token index says how many tokens the
 *    longest name starting there has; spans are tried longest first, so
 *    "Great Hall of the People" wins over "People". One hash lookup per
 *    token when nothing matches.
 * 3. Discovery: a run of capitalised words outside the lexicon is a person
 *    only when the text says so: a title before it ("Premier Li Qiang"), an
 *    appositive after it ("Lyle Morris, a senior fellow"), a speech verb
 *    beside it ("said Lyle Morris"), or a byline ("Wu reported from"). A run
 *    whose appositive names an animal or thing, or that ends in an
 *    institution word, is not a person. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dkg/fold.h"
#include "extractor_internal.h"
#include "span_keys.h"

int dkg__grow(void **arr, size_t *cap, size_t elem)
{
    size_t n = *cap ? *cap * 2 : 64;
    void *grown = realloc(*arr, n * elem);
    if (grown == NULL) {
        return DKG_ENOMEM;
    }
    *arr = grown;
    *cap = n;
    return 0;
}

size_t dkg__pool_add(dkg_extractor *ex, const char *s, size_t len)
{
    while (ex->pool_len + len + 1 > ex->pool_cap) {
        size_t cap = ex->pool_cap ? ex->pool_cap * 2 : 4096;
        char *grown = realloc(ex->pool, cap);
        if (grown == NULL) {
            return (size_t)-1;
        }
        ex->pool = grown;
        ex->pool_cap = cap;
    }
    size_t off = ex->pool_len;
    memcpy(ex->pool + off, s, len);
    ex->pool[off + len] = '\0';
    ex->pool_len += len + 1;
    return off;
}

/* ---- tokens ------------------------------------------------------------------------ */

/* Classes of ASCII bytes, looked up once per byte of text: a letter or digit
 * (the bytes of a token), a lower-case letter, a digit. Bytes from 0x80 are
 * in no class (zero), so any byte indexes the table. */
enum { C_ALNUM = 1, C_LOWER = 2, C_DIGIT = 4 };
static const unsigned char ascii_class[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 0, 0, 0, 0, 0, 0, /* 0-9 */
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* A-O */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, /* P-Z */
    0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, /* a-o */
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0, /* p-z */
};

static int ascii_alnum(unsigned char c)
{
    return ascii_class[c] & C_ALNUM;
}

/* Length of the character at p if it is punctuation or a space, else 0. */
static size_t punct_len(const unsigned char *p, size_t left)
{
    if (p[0] < 0x80) {
        return ascii_alnum(p[0]) ? 0 : 1;
    }
    if (p[0] == 0xE2 && left >= 3 && (p[1] == 0x80 || p[1] == 0x81)) {
        return 3; /* general punctuation: quotes, dashes, ellipsis, spaces */
    }
    if (p[0] == 0xC2 && left >= 2 && p[1] >= 0xA0 && p[1] <= 0xBF) {
        return 2; /* NBSP, « », °, £ ... */
    }
    return 0;
}

static int is_upper_start(const unsigned char *p)
{
    if (p[0] < 0x80) {
        return (p[0] >= 'A' && p[0] <= 'Z') || (p[0] >= '0' && p[0] <= '9');
    }
    if (p[0] == 0xC3) {
        return p[1] >= 0x80 && p[1] <= 0x9E;
    }
    if (p[0] == 0xC4 || p[0] == 0xC5) {
        return (((unsigned)(p[0] & 0x1F) << 6 | (p[1] & 0x3F)) & 1) == 0;
    }
    return 0;
}

/* Scan the token at t[i..end) into tok (start, end, flags) and write its
 * lookup key at key (DKG_KEY_MAX bytes free) with its hash (see
 * token.key_off). Letters and digits are the only ASCII a token holds, so
 * while it is ASCII its key is the text lower-cased, written and hashed in
 * the same pass as the scan; a token with other bytes is folded afterwards by
 * dkg__name_key. Returns where the token ends. */
static size_t scan_token(const dkg_token_words *words, const unsigned char *t, size_t i,
                         size_t end, token *tok, char *key)
{
    size_t start = i;
    unsigned seen = 0; /* the ASCII classes met */
    int ascii = 1;
    uint64_t hash = DKG_HASH_SEED;
    /* Most tokens are ASCII words: read, classed, lower-cased and hashed in
     * one tight loop while the key has room; the loop below goes on where
     * it stops (an accented letter, another script, an overlong token). */
    size_t room = end - start < DKG_KEY_MAX ? end : start + DKG_KEY_MAX;
    while (i < room && (ascii_class[t[i]] & C_ALNUM)) {
        unsigned char folded = t[i] | 0x20; /* lower case; digits already have the bit */
        seen |= ascii_class[t[i]];
        key[i - start] = (char)folded;
        hash = dkg__hash_byte(hash, folded);
        i++;
    }
    while (i < end) {
        unsigned char c = t[i];
        if (c >= 0x80) {
            if (punct_len(t + i, end - i) > 0) {
                break;
            }
            ascii = 0;
        } else if (ascii_class[c] & C_ALNUM) {
            seen |= ascii_class[c];
            unsigned char folded = c | 0x20; /* lower case; digits already have the bit */
            if (i - start < DKG_KEY_MAX) {
                key[i - start] = (char)folded;
            }
            hash = dkg__hash_byte(hash, folded);
        } else {
            break;
        }
        i++;
    }
    size_t len = i - start;
    tok->start = start;
    tok->end = i;
    unsigned char upper = is_upper_start(t + start) ? 1 : 0;
    tok->upper = upper;
    tok->allcaps = !(seen & C_LOWER) && upper ? 1u : 0u;
    tok->digit = seen & C_DIGIT ? 1u : 0u;
    tok->ascii = ascii ? 1u : 0u;
    tok->match = -1;
    tok->word = TW_NONE;
    if (ascii && len < DKG_KEY_MAX) {
        key[len] = '\0';
        tok->key_len = len;
        tok->hash = hash;
        tok->word = dkg__token_words_find(words, key, len, hash);
        return i;
    }
    tok->key_len = dkg__name_key((const char *)t + start, len, key, DKG_KEY_MAX);
    if (tok->key_len >= DKG_KEY_MAX) {
        key[0] = '\0'; /* too long to be any table's key */
    }
    tok->hash = dkg__hash(key, strlen(key));
    return i;
}

int dkg__tokenize(dkg_extractor *ex)
{
    const unsigned char *t = (const unsigned char *)ex->text;
    ex->ntokens = 0;
    ex->keys_len = 0;
    if (!ex->token_words.ready) {
        dkg__token_words_init(&ex->token_words);
    }
    for (size_t s = 0; s < ex->sentences.count; s++) {
        size_t i = ex->sentences.items[s].start;
        size_t end = ex->sentences.items[s].end;
        while (i < end) {
            if (t[i] < 0x80) {
                if (!(ascii_class[t[i]] & C_ALNUM)) {
                    i++; /* a space or ASCII punctuation, the usual gap: no call */
                    continue;
                }
            } else {
                size_t p = punct_len(t + i, end - i);
                if (p > 0) {
                    i += p;
                    continue;
                }
            }
            if (DKG_GROW(ex->tokens, ex->ntokens, ex->tokens_cap) != 0) {
                return DKG_ENOMEM;
            }
            while (ex->keys_len + DKG_KEY_MAX > ex->keys_cap) {
                if (dkg__grow((void **)&ex->keys, &ex->keys_cap, 1) != 0) {
                    return DKG_ENOMEM;
                }
            }
            token *tok = &ex->tokens[ex->ntokens++];
            tok->sentence = (int)s;
            tok->key_off = ex->keys_len;
            i = scan_token(&ex->token_words, t, i, end, tok, ex->keys + ex->keys_len);
            ex->keys_len += (tok->key_len < DKG_KEY_MAX ? tok->key_len : 0) + 1;
        }
    }
    return 0;
}

/* ---- entities of this article ---------------------------------------------------------- */

static void entity_set_ids(dkg_extractor *ex, art_entity *e, const char *name, size_t len)
{
    static const char *const prefix[] = {"person/", "country/", "place/", "organization/"};
    char slug[DKG_KEY_MAX];
    size_t n = dkg_slug(name, len, slug, sizeof slug);
    if (n >= sizeof slug) {
        n = sizeof slug - 1;
    }
    char id[DKG_KEY_MAX + 16];
    int idlen = snprintf(id, sizeof id, "%s%.*s", prefix[e->type], (int)n, slug);
    e->name_off = dkg__pool_add(ex, name, len);
    e->id_off = dkg__pool_add(ex, id, (size_t)idlen);
}

static void entity_add_surname(dkg_extractor *ex, art_entity *e, const char *surname)
{
    char key[DKG_KEY_MAX];
    size_t len = dkg__name_key(surname, strlen(surname), key, sizeof key);
    e->surname_off = dkg__pool_add(ex, key, len < sizeof key ? len : sizeof key - 1);
}

static int new_entity(dkg_extractor *ex)
{
    if (DKG_GROW(ex->entities, ex->nentities, ex->entities_cap) != 0) {
        return -1;
    }
    art_entity *e = &ex->entities[ex->nentities];
    memset(e, 0, sizeof *e);
    e->lex = -1;
    e->leader_rank = 99;
    e->first_mention = -1;
    e->surname_off = (size_t)-1;
    return (int)ex->nentities++;
}

/* Copy src into dst[cap], cut to fit: snprintf's "%s" without parsing a
 * format, which cost a thousand instructions per entity field. */
static void copy_cut(char *dst, size_t cap, const char *src)
{
    size_t n = 0;
    while (n + 1 < cap && src[n] != '\0') {
        n++;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

int dkg__entity_for_lex(dkg_extractor *ex, int lex_index)
{
    for (size_t i = 0; i < ex->nentities; i++) {
        if (ex->entities[i].lex == lex_index) {
            return (int)i;
        }
    }
    int at = new_entity(ex);
    if (at < 0) {
        return -1;
    }
    const lex_entity *le = &ex->lex->entities[lex_index];
    art_entity *e = &ex->entities[at];
    e->type = le->type;
    e->lex = lex_index;
    e->gender = le->gender;
    e->name_off = dkg__pool_add(ex, le->name, strlen(le->name));
    e->id_off = dkg__pool_add(ex, le->id, strlen(le->id));
    if (le->country != NULL) {
        copy_cut(e->country, sizeof e->country, le->country);
    }
    for (int r = 0; r < le->nroles; r++) {
        const lex_role *role = &le->roles[r];
        if (!dkg__role_active(role, ex->date)) {
            continue;
        }
        const lex_title *t = &ex->lex->titles[role->title];
        int rank = role->rank ? role->rank : t->rank;
        if (t->leader && rank < e->leader_rank) {
            e->leader_rank = rank;
        }
        if (e->nroles < (int)(sizeof e->roles / sizeof e->roles[0])) {
            e->roles[e->nroles].title = role->title;
            copy_cut(e->roles[e->nroles].of, sizeof e->roles[0].of, role->of);
            e->nroles++;
        }
    }
    if (le->type == LEX_PERSON) {
        const char *surname = le->surname;
        if (surname == NULL) {
            surname = strrchr(le->name, ' ');
            surname = surname ? surname + 1 : le->name;
        }
        entity_add_surname(ex, e, surname);
    }
    return at;
}

int dkg__entity_discovered(dkg_extractor *ex, lex_type type, const char *name, size_t len)
{
    char key[DKG_KEY_MAX];
    size_t klen = dkg_slug(name, len, key, sizeof key);
    for (size_t i = 0; i < ex->nentities; i++) {
        const art_entity *e = &ex->entities[i];
        if (e->lex >= 0 || e->type != type) {
            continue;
        }
        const char *id = dkg__pool(ex, e->id_off);
        const char *slash = strchr(id, '/');
        if (slash != NULL && strlen(slash + 1) == klen && memcmp(slash + 1, key, klen) == 0) {
            return (int)i;
        }
    }
    int at = new_entity(ex);
    if (at < 0) {
        return -1;
    }
    art_entity *e = &ex->entities[at];
    e->type = type;
    entity_set_ids(ex, e, name, len);
    if (type == LEX_PERSON) {
        const char *last = name + len;
        while (last > name && last[-1] != ' ') {
            last--;
        }
        char surname[DKG_KEY_MAX];
        snprintf(surname, sizeof surname, "%.*s", (int)(name + len - last), last);
        entity_add_surname(ex, e, surname);
    }
    return at;
}

int dkg__add_mention(dkg_extractor *ex, size_t start, size_t end, int entity, mention_kind kind,
                     int sentence)
{
    if (DKG_GROW(ex->mentions, ex->nmentions, ex->mentions_cap) != 0) {
        return DKG_ENOMEM;
    }
    ex->mentions[ex->nmentions++] = (mention){start, end, entity, -1, sentence, kind, -1};
    if (entity >= 0) {
        art_entity *e = &ex->entities[entity];
        e->mentions++;
        if (e->first_mention < 0) {
            e->first_mention = (int)ex->nmentions - 1;
        }
    }
    return 0;
}

/* ---- lexicon matching ------------------------------------------------------------------ */

static int type_priority(const dkg_lexicon *lex, const lex_hit *h, int ntokens)
{
    if (h->kind == HIT_TITLE) {
        return 1;
    }
    if (h->kind == HIT_ADJECTIVE) {
        return 2;
    }
    const lex_entity *e = &lex->entities[h->target];
    int base = 10;
    switch (e->type) {
    case LEX_PERSON: base = ntokens >= 2 ? 60 : 20; break;
    case LEX_COUNTRY: base = 50; break;
    case LEX_ORG: base = ntokens >= 2 ? 45 : 35; break;
    case LEX_PLACE:
        base = 40;
        if (e->kind != NULL && strcmp(e->kind, "city") == 0) {
            base = 48;
        }
        break;
    }
    return base;
}

int dkg__match_lexicon(dkg_extractor *ex)
{
    const dkg_lexicon *lex = ex->lex;
    ex->ntitles = 0;
    dkg_span_keys sk;
    for (size_t i = 0; i < ex->ntokens;) {
        const token *tok = &ex->tokens[i];
        if (tok->match == -3) {
            i++; /* inside a date: "May" in "May 5" is the month */
            continue;
        }
        int max = tok->key_len < DKG_KEY_MAX
                      ? dkg__lexicon_max_tokens(lex, dkg__token_key(ex, i), tok->key_len, tok->hash)
                      : 0;
        if (max == 0) {
            i++;
            continue;
        }
        dkg__span_keys_build(ex, i, max, &sk);
        int matched = 0;
        for (size_t n = sk.count; n > 0 && !matched; n--) {
            size_t j = i + n; /* the span is tokens i..j-1 */
            size_t start = tok->start;
            size_t end = ex->tokens[j - 1].end;
            const lex_hits *hits = dkg__lexicon_lookup_hashed(lex, sk.key, sk.len[n - 1],
                                                              sk.hash[n - 1]);
            if (hits == NULL) {
                continue;
            }
            const lex_hit *best = NULL;
            int best_priority = 0;
            int ntok = (int)(j - i);
            for (int h = 0; h < hits->count; h++) {
                const lex_hit *hit = &hits->items[h];
                if (!dkg__case_ok(ex->text + start, end - start, (lex_case)hit->case_rule)) {
                    continue;
                }
                int pr = type_priority(lex, hit, ntok);
                if (pr > best_priority) {
                    best = hit;
                    best_priority = pr;
                }
            }
            if (best == NULL) {
                continue;
            }
            /* "U.S." keeps its final period in the mention. */
            if (end < ex->len && ex->text[end] == '.' && end - start >= 3 &&
                ex->text[end - 2] == '.') {
                end++;
            }
            matched = 1;
            for (size_t k = i; k < j; k++) {
                ex->tokens[k].match = 1;
            }
            if (best->kind == HIT_TITLE) {
                if (DKG_GROW(ex->titles, ex->ntitles, ex->titles_cap) != 0) {
                    return DKG_ENOMEM;
                }
                ex->titles[ex->ntitles++] = (title_hit){start, end, i, j - 1, best->target};
                for (size_t k = i; k < j; k++) {
                    ex->tokens[k].match = -2; /* a title: not an entity, not a name */
                }
            } else {
                int e = dkg__entity_for_lex(ex, best->target);
                if (e < 0 || dkg__add_mention(ex, start, end, e,
                                              best->kind == HIT_ADJECTIVE ? MK_ADJECTIVE : MK_NAME,
                                              tok->sentence) != 0) {
                    return DKG_ENOMEM;
                }
            }
            i = j;
        }
        if (!matched) {
            i++;
        }
    }
    return 0;
}
