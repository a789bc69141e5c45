/* tests/unit/test_token_words.c - the words dkg__tokenize tags tokens with.
 *
 * A token's word must be exactly what dkg__token_is would say of it for each
 * word of the table: the same word ASCII-lower-cased, never a non-ASCII
 * token, never a prefix or extension of a word, and TW_NONE past the end. */
#include <stdlib.h>
#include <string.h>

#include "extractor_internal.h"
#include "strmap.h"
#include "testlib.h"
#include "tokenized.h"

static void test_table_finds_each_word(void)
{
    dkg_token_words tw;
    dkg__token_words_init(&tw);
    for (int w = TW_NONE + 1; w < TW_COUNT; w++) {
        const char *text = dkg__token_word_text((token_word)w);
        size_t len = strlen(text);
        CHECK(len > 0);
        CHECK_INT(dkg__token_words_find(&tw, text, len, dkg__hash(text, len)), w);
        /* Distinct hashes: a hash match confirmed on the text is the only candidate. */
        for (int v = w + 1; v < TW_COUNT; v++) {
            const char *other = dkg__token_word_text((token_word)v);
            CHECK(dkg__hash(text, len) != dkg__hash(other, strlen(other)));
        }
    }
    static const char *const others[] = {"th", "then", "there", "hem", "sh", "coupled",
                                         "leader", "capitals", "", "seven", "her"};
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
        size_t len = strlen(others[i]);
        CHECK_INT(dkg__token_words_find(&tw, others[i], len, dkg__hash(others[i], len)),
                  TW_NONE);
    }
    /* A right hash with the wrong text is still no word. */
    CHECK_INT(dkg__token_words_find(&tw, "tha", 3, dkg__hash("the", 3)), TW_NONE);
    CHECK_STR(dkg__token_word_text(TW_NONE), "");
    CHECK_STR(dkg__token_word_text(TW_COUNT), "");
}

/* Every token's word agrees with dkg__token_is for every word of the table. */
static void check_agrees(const char *text)
{
    dkg_extractor *ex = tokenized(text);
    for (size_t t = 0; t <= ex->ntokens; t++) {
        int expect = TW_NONE;
        for (int w = TW_NONE + 1; w < TW_COUNT; w++) {
            if (dkg__token_is(ex, t, dkg__token_word_text((token_word)w))) {
                expect = w;
            }
        }
        CHECK_INT(dkg__token_word(ex, t), expect);
    }
    release(ex);
}

static void test_tokens_tagged(void)
{
    dkg_extractor *ex = tokenized("The two leaders met. SHE told him they, both, were in the "
                                  "Capital; th\xC3\xA9 couple left.");
    CHECK_INT(dkg__token_word(ex, 0), TW_THE);
    CHECK_INT(dkg__token_word(ex, 1), TW_TWO);
    CHECK_INT(dkg__token_word(ex, 2), TW_LEADERS);
    CHECK_INT(dkg__token_word(ex, 3), TW_NONE);
    CHECK_INT(dkg__token_word(ex, 4), TW_SHE);
    CHECK_INT(dkg__token_word(ex, 6), TW_HIM);
    CHECK_INT(dkg__token_word(ex, 7), TW_THEY);
    CHECK_INT(dkg__token_word(ex, 8), TW_BOTH);
    CHECK_INT(dkg__token_word(ex, 12), TW_CAPITAL);
    CHECK_INT(dkg__token_word(ex, 13), TW_NONE); /* "thé" is not "the" */
    CHECK_INT(dkg__token_word(ex, 14), TW_COUPLE);
    CHECK_INT(dkg__token_word(ex, ex->ntokens), TW_NONE);
    release(ex);
    check_agrees("The two leaders met. SHE told him they, both, were in the Capital.");
    check_agrees("He, she and HIM: three four five six sixes the-couple THE\xE2\x80\x99s "
                 "L\xC3\xA9" "aders capital-city B\xC3\xB6th Zwei");
}

static void test_next_token_word(void)
{
    dkg_extractor *ex = tokenized("He said the capital, she said. The two met him there.");
    /* He said the capital she said The two met him there */
    unsigned pronouns = TW_BIT(TW_HE) | TW_BIT(TW_SHE) | TW_BIT(TW_HIM);
    CHECK_INT(dkg__next_token_word(ex, 0, pronouns), 0);
    CHECK_INT(dkg__next_token_word(ex, 1, pronouns), 4);
    CHECK_INT(dkg__next_token_word(ex, 5, pronouns), 9);
    CHECK_INT(dkg__next_token_word(ex, 10, pronouns), ex->ntokens);
    CHECK_INT(dkg__next_token_word(ex, 0, TW_BIT(TW_THE)), 2);
    CHECK_INT(dkg__next_token_word(ex, 3, TW_BIT(TW_THE)), 6);
    CHECK_INT(dkg__next_token_word(ex, 0, TW_BIT(TW_CAPITAL)), 3);
    CHECK_INT(dkg__next_token_word(ex, 0, TW_BIT(TW_COUPLE)), ex->ntokens);
    CHECK_INT(dkg__next_token_word(ex, 0, 0), ex->ntokens);
    CHECK_INT(dkg__next_token_word(ex, ex->ntokens + 3, pronouns), ex->ntokens + 3);
    release(ex);
}

int main(void)
{
    test_table_finds_each_word();
    test_tokens_tagged();
    test_next_token_word();
    TEST_MAIN_END();
}
