/* extract/token_words.h - internal: the few words that loops over every token ask about.
 *
 * Resolution walks all tokens of an article several times, asking of each
 * whether it is "the", "he", "two", "capital" ... Compared as strings that
 * was a dozen comparisons per token and half of reference resolution. So
 * dkg__tokenize tags each token once with its word here (a lookup of its
 * ready hash in a tiny table), and the loops compare one small integer.
 * Words asked about only in rare branches stay dkg__token_is calls. */
#ifndef DKG_EXTRACT_TOKEN_WORDS_H
#define DKG_EXTRACT_TOKEN_WORDS_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef enum token_word {
    TW_NONE, /* none of these words */
    TW_THE,
    TW_HE,
    TW_SHE,
    TW_HIM,
    TW_THEY,
    TW_BOTH,
    TW_TWO,
    TW_THREE,
    TW_FOUR,
    TW_FIVE,
    TW_SIX,
    TW_COUPLE,
    TW_LEADERS,
    TW_CAPITAL,
    TW_COUNT
} token_word;

/* A set of words as a bit mask: TW_BIT(TW_HE) | TW_BIT(TW_SHE). */
#define TW_BIT(w) (1u << (w))
_Static_assert(TW_COUNT <= 32, "a set of token words is an unsigned bit mask");

/* Open addressing over the words' dkg__hash; a power of two well above
 * TW_COUNT, so a token that is none of the words mostly meets an empty slot
 * at once. */
enum { TOKEN_WORDS_SLOTS = 64 };

typedef struct dkg_token_words {
    uint64_t hash[TOKEN_WORDS_SLOTS];
    unsigned char word[TOKEN_WORDS_SLOTS]; /* TW_NONE marks an empty slot */
    int ready;                             /* 0 until dkg__token_words_init */
} dkg_token_words;

/* The word's text (lower-case ASCII); "" for TW_NONE. */
const char *dkg__token_word_text(token_word w);

/* Fill the table; a zeroed table is not ready. */
void dkg__token_words_init(dkg_token_words *tw);

/* The word whose text is key[0..len), hash == dkg__hash(key, len); TW_NONE
 * when it is none of them. Exact: a hash match is confirmed on the text. */
static inline token_word dkg__token_words_find(const dkg_token_words *tw, const char *key,
                                               size_t len, uint64_t hash)
{
    for (size_t i = hash & (TOKEN_WORDS_SLOTS - 1); tw->word[i] != TW_NONE;
         i = (i + 1) & (TOKEN_WORDS_SLOTS - 1)) {
        if (tw->hash[i] == hash) {
            const char *text = dkg__token_word_text((token_word)tw->word[i]);
            return strlen(text) == len && memcmp(text, key, len) == 0 ? (token_word)tw->word[i]
                                                                      : TW_NONE;
        }
    }
    return TW_NONE;
}

#endif
