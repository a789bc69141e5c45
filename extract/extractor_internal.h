/* extract/extractor_internal.h - internal: the per-article working state.
 *
 * One dkg_extractor is owned by one thread and reuses all these arrays from
 * article to article, so extraction allocates only while they grow. Spans
 * are byte offsets into the article text. */
#ifndef DKG_EXTRACT_EXTRACTOR_INTERNAL_H
#define DKG_EXTRACT_EXTRACTOR_INTERNAL_H

#include <pcre2.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "dkg/extract.h"
#include "lexicon_internal.h"
#include "rules_internal.h"
#include "text.h"
#include "token_words.h"

/* Grow an array field `arr` with count `n` and capacity `cap` to hold one
 * more; evaluates to 0 or DKG_ENOMEM. */
#define DKG_GROW(arr, n, cap)                                                            \
    ((n) < (cap) ? 0 : dkg__grow((void **)&(arr), &(cap), sizeof *(arr)))
int dkg__grow(void **arr, size_t *cap, size_t elem);

typedef struct token {
    size_t start, end;
    int sentence;
    /* Flags, 0 or 1, a byte each rather than bits: as many bytes as one
     * bit-field unit, and each is set with one store, not a read, a mask and
     * a write (a measurable share of tokenizing). */
    unsigned char upper;   /* starts with a capital letter or digit */
    unsigned char allcaps;
    unsigned char digit;
    unsigned char ascii;   /* all ASCII: its key is its text lower-cased */
    int match;            /* index of the lexicon match covering it, or -1 */
    unsigned char word;   /* its token_word: TW_NONE unless ASCII and one of them */
    /* The token's lookup key (dkg__name_key of its text) in the extractor's
     * keys buffer, and its dkg__hash: folded once per article, then used by
     * every lookup of the token and as the first piece of each name span
     * key. key_len >= DKG_KEY_MAX: too long to be in any table (stored as ""). */
    size_t key_off, key_len;
    uint64_t hash;
} token;

typedef enum mention_kind {
    MK_NAME,      /* a name from the lexicon or discovered */
    MK_SURNAME,   /* a surname or short form resolved to a person */
    MK_TITLE,     /* "the French leader" resolved to a person */
    MK_ADJECTIVE, /* "French": the country */
    MK_PRONOUN,   /* he / she at a clause start */
    MK_GROUP      /* "the two leaders": two persons */
} mention_kind;

typedef struct mention {
    size_t start, end;
    int entity;        /* index into art_entity, or -1 for groups */
    int entity2;       /* groups: 1 on the first mention of the group, 0 on the others */
    int sentence;
    mention_kind kind;
    int metonym;       /* a capital or seat used as its country: country entity index */
} mention;

typedef struct art_role {
    int title;       /* lexicon title index */
    char of[64];     /* ISO3 or organization id, "" when unknown */
} art_role;

typedef struct art_entity {
    lex_type type;
    int lex;          /* lexicon entity index, -1 when discovered */
    size_t name_off;  /* name in the extractor's string pool */
    size_t id_off;    /* id in the string pool */
    char country[8];
    char gender;
    int leader_rank;  /* lowest rank of an active leader role, 99 when none */
    art_role roles[4];
    int nroles;
    int first_mention;
    int mentions;
    size_t surname_off; /* persons: surname key in the pool */
    int output;       /* 1 when it has a mention that is printed */
} art_entity;

/* A title found in the text ("Premier", "senior fellow", "Mr."). */
typedef struct title_hit {
    size_t start, end;
    size_t first_token, last_token;
    int title;
} title_hit;

typedef struct date_in_sentence {
    dkg_date_mention m;
    int sentence;
} date_in_sentence;

typedef struct relation {
    const rule *rule;
    char type[16];
    int source;      /* art_entity index */
    int target;
    int place;       /* art_entity index or -1 */
    int host;        /* art_entity index or -1 */
    rel_status status;
    dkg_date date;
    int sentence;
    size_t ev_start, ev_end;
    int title;       /* role relations: lexicon title index, -1 otherwise */
    int place_named; /* 1 when the place was named in the evidence sentence */
} relation;

struct dkg_extractor {
    const dkg_lexicon *lex;
    const dkg_rules *rules;
    dkg_extract_options options;
    pcre2_match_data *match;
    pcre2_match_context *mcontext;
    pcre2_jit_stack *jit_stack;

    const char *text;
    size_t len;
    dkg_date date;

    dkg_sentences sentences;
    token *tokens;
    size_t ntokens, tokens_cap;
    mention *mentions;
    size_t nmentions, mentions_cap;
    title_hit *titles;
    size_t ntitles, titles_cap;
    art_entity *entities;
    size_t nentities, entities_cap;
    date_in_sentence *dates;
    size_t ndates, dates_cap;
    relation *relations;
    size_t nrelations, relations_cap;
    dkg_strmap word_lists; /* discover.c's word lists: word -> bits of its lists */
    dkg_token_words token_words; /* made by the first dkg__tokenize */
    char *keys;          /* the tokens' lookup keys, NUL-terminated */
    size_t keys_len, keys_cap;
    char *pool;          /* strings of this article (names, ids) */
    size_t pool_len, pool_cap;
    char *masked;        /* one masked sentence */
    size_t masked_cap;
    size_t *mask_orig;   /* for each masked byte, the text offset it came from */
    char *folded;        /* for rule skeletons, made on first use (relations.c): */
    dkg_prefilter_start *starts; /* the masked sentence lower-cased, where words begin */
    dkg_prefilter_text prepared;
    size_t masked_len;
    int fold_state;      /* 0 not yet made, 1 made, 2 skeletons unusable here */
    size_t mask_orig_cap;
    int *rule_seen;      /* generation stamp per rule */
    int generation;
    char *warnings;      /* JSON array body of warnings */
    size_t warnings_len, warnings_cap;
    char *out;           /* the printed JSON, reused from article to article */
    size_t out_len, out_cap;
};

/* qsort that accepts an empty, never-allocated array (qsort(NULL, 0, ...) is
 * undefined behaviour, and an article may have no mention or relation). */
static inline void dkg__sort(void *base, size_t n, size_t size,
                             int (*cmp)(const void *, const void *))
{
    if (n > 1) {
        qsort(base, n, size, cmp);
    }
}

/* string pool */
size_t dkg__pool_add(dkg_extractor *ex, const char *s, size_t len);
static inline const char *dkg__pool(const dkg_extractor *ex, size_t off)
{
    return ex->pool + off;
}

/* pipeline steps (mentions.c, resolve.c, relations.c, output.c) */
int dkg__tokenize(dkg_extractor *ex);
int dkg__match_lexicon(dkg_extractor *ex);
int dkg__discover_people(dkg_extractor *ex);
int dkg__resolve_references(dkg_extractor *ex);
int dkg__find_dates(dkg_extractor *ex);
int dkg__find_relations(dkg_extractor *ex);
int dkg__print(dkg_extractor *ex, const dkg_article *article);

/* where the story is (discourse.c): entity indexes, -1 when none */
int dkg__after_in_or_at(const dkg_extractor *ex, size_t at);
int dkg__setting_place(const dkg_extractor *ex);
int dkg__story_place(const dkg_extractor *ex, int s, size_t at);
/* "It is X's first visit to Brazil" beside "X arrived in Belém": a trip to a
 * country is dropped when the same person's trip (same status, same year or
 * undated) to a place in it is told; the text's most precise destination. */
void dkg__drop_covered_country_visits(dkg_extractor *ex);

/* helpers shared between steps */
int dkg__entity_for_lex(dkg_extractor *ex, int lex_index);
int dkg__entity_discovered(dkg_extractor *ex, lex_type type, const char *name, size_t len);
int dkg__add_mention(dkg_extractor *ex, size_t start, size_t end, int entity, mention_kind kind,
                     int sentence);
void dkg__add_warning(dkg_extractor *ex, const char *fmt, const char *a, const char *b);
/* Token t's lookup key (see token.key_off), borrowed until the next article. */
static inline const char *dkg__token_key(const dkg_extractor *ex, size_t t)
{
    return ex->keys + ex->tokens[t].key_off;
}

/* The value of token t's key in map m, or -1 when absent: a lookup by token
 * without folding or hashing it again. */
static inline int dkg__token_lookup(const dkg_extractor *ex, size_t t, const dkg_strmap *m)
{
    const token *tok = &ex->tokens[t];
    return tok->key_len < DKG_KEY_MAX
               ? dkg__strmap_get_hashed(m, ex->keys + tok->key_off, tok->key_len, tok->hash)
               : -1;
}

/* Is token t, ASCII letters lower-cased, exactly `word` (lower-case ASCII)?
 * Asked millions of times per 1,000 articles (every pronoun, starter and cue
 * check), almost always failing on the first byte: inline, and compare the
 * token's ready key, which for an ASCII token is its text lower-cased (a
 * non-ASCII token never equals an ASCII word, though its folded key might). */
static inline int dkg__token_is(const dkg_extractor *ex, size_t t, const char *word)
{
    if (t >= ex->ntokens || !ex->tokens[t].ascii) {
        return 0;
    }
    const char *key = dkg__token_key(ex, t);
    for (size_t i = 0; key[i] == word[i]; i++) {
        if (key[i] == '\0') {
            return 1;
        }
    }
    return 0;
}

/* Token t's token_word (token_words.h), TW_NONE past the last token: where
 * a loop over all tokens would ask dkg__token_is of each. */
static inline token_word dkg__token_word(const dkg_extractor *ex, size_t t)
{
    return t < ex->ntokens ? (token_word)ex->tokens[t].word : TW_NONE;
}

/* The first token at or after t whose word is in the set `words` (TW_BIT
 * bits), or ex->ntokens when none is. A pass that looks only at a few words
 * ("the", "capital", he/she/him) jumps from one to the next with it: a scan
 * this tight replaces a test of every token per pass. */
static inline size_t dkg__next_token_word(const dkg_extractor *ex, size_t t, unsigned words)
{
    const token *tok = ex->tokens;
    size_t n = ex->ntokens;
    while (t < n && !(TW_BIT(tok[t].word) & words)) {
        t++;
    }
    return t;
}

/* Capitalised words that are never names: sentence starters, pronouns, days, months. */
int dkg__is_common_word(const dkg_extractor *ex, size_t t);
/* Fill ex->word_lists (discover.c); 0 or DKG_ENOMEM. */
int dkg__word_lists_init(dkg_strmap *words);

#endif
