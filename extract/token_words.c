/* extract/token_words.c - the table of words tokens are tagged with (see token_words.h). */
#include "token_words.h"

#include "strmap.h"

static const char *const texts[TW_COUNT] = {
    [TW_NONE] = "",         [TW_THE] = "the",         [TW_HE] = "he",
    [TW_SHE] = "she",       [TW_HIM] = "him",         [TW_THEY] = "they",
    [TW_BOTH] = "both",     [TW_TWO] = "two",         [TW_THREE] = "three",
    [TW_FOUR] = "four",     [TW_FIVE] = "five",       [TW_SIX] = "six",
    [TW_COUPLE] = "couple", [TW_LEADERS] = "leaders", [TW_CAPITAL] = "capital",
};

const char *dkg__token_word_text(token_word w)
{
    return w > TW_NONE && w < TW_COUNT ? texts[w] : "";
}

void dkg__token_words_init(dkg_token_words *tw)
{
    memset(tw, 0, sizeof *tw);
    for (int w = TW_NONE + 1; w < TW_COUNT; w++) {
        uint64_t hash = dkg__hash(texts[w], strlen(texts[w]));
        size_t i = hash & (TOKEN_WORDS_SLOTS - 1);
        while (tw->word[i] != TW_NONE) {
            i = (i + 1) & (TOKEN_WORDS_SLOTS - 1);
        }
        tw->hash[i] = hash;
        tw->word[i] = (unsigned char)w;
    }
    tw->ready = 1;
}
