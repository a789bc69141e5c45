/* tests/unit/test_eval_norm.c - the name normalisation of 'dkg eval'.
 *
 * eval_norm.c belongs to the dkg program, not to a library, so this test
 * compiles it in directly. Every expected value is what the reference
 * scorer's norm() (shared/tools/score.py) returns for the same input. */
#include <stdlib.h>
#include <string.h>

#include "../../src/eval_norm.c"
#include "testlib.h"

static void check_norm(const char *in, const char *expected)
{
    char *got = dkg__eval_norm(in, strlen(in));
    CHECK_STR(got, expected);
    free(got);
}

int main(void)
{
    /* accents, case, the leading article and honorifics */
    check_norm("Recep Tayyip Erdoğan", "recep tayyip erdogan");
    check_norm("Nguyễn Phú Trọng", "nguyen phu trong");
    check_norm("  The French leader ", "french leader");
    check_norm("Mr. Ramírez", "ramirez");
    check_norm("Ms. Tanaka", "tanaka");
    check_norm("Dr. Tedros", "tedros");
    check_norm("Mrs Thatcher", "thatcher");
    check_norm("the the end", "the end"); /* one prefix only */
    check_norm("the", "the");             /* a prefix needs a word after it */
    check_norm("The ", "the");
    check_norm("Mr.", "mr");
    check_norm("ÅSA Ö", "asa o");
    check_norm("straße", "strasse");
    check_norm("e\xcc\x81tienne", "etienne"); /* decomposed accent */

    /* apostrophes and quotes: ’ becomes ', other quotes are punctuation */
    check_norm("the king\xe2\x80\x99s son", "king's son");
    check_norm("the king's son", "king's son");
    check_norm("\xe2\x80\x9c" "Brandt" "\xe2\x80\x9d", "brandt");
    check_norm("\xe2\x80\x98Quoted\xe2\x80\x99", "quoted'");

    /* hyphens stay, dashes and other punctuation become spaces */
    check_norm("Jean-Yves Le Drian", "jean-yves le drian");
    check_norm("Abu Dhabi\xe2\x80\x93Riyadh", "abu dhabi riyadh");
    check_norm("Obama\xe2\x80\x94", "obama");
    check_norm("U.S. President Joe Biden", "u s president joe biden");
    check_norm("López Obrador (AMLO)", "lopez obrador amlo");
    check_norm("Gough Whitlam...", "gough whitlam");
    check_norm("50%", "50");
    check_norm("A  \t B", "a b");
    check_norm("snake_case", "snake_case");

    /* other scripts are word characters, Cyrillic and Greek lose their marks */
    check_norm("Ле Зеленский", "ле зеленскии");
    check_norm("Άρης", "αρησ"); /* casefold turns final ς into σ */
    check_norm("習近平", "習近平");
    check_norm("", "");

    char *none = dkg__eval_norm(NULL, 0);
    CHECK_STR(none, "");
    free(none);

    /* the string lists used as alias sets */
    dkg__eval_strs set = {0};
    CHECK_INT(dkg__eval_strs_push(&set, "a"), 0);
    CHECK_INT(dkg__eval_strs_push(&set, NULL), 0);
    CHECK(dkg__eval_strs_has(&set, "a"));
    CHECK(dkg__eval_strs_has(&set, NULL));
    CHECK(!dkg__eval_strs_has(&set, "b"));
    CHECK_INT(set.count, 2);
    dkg__eval_strs_destroy(&set);
    CHECK_INT(set.count, 0);
    dkg__eval_strs_destroy(NULL);

    TEST_MAIN_END();
}
