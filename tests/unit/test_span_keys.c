/* tests/unit/test_span_keys.c - token keys and name span keys.
 *
 * The matcher no longer folds span text: it joins the tokens' keys made by
 * dkg__tokenize (span_keys.c) and extends their hashes. Both must agree
 * byte for byte with dkg__name_key and dkg__hash of the span's text, which
 * the lexicon was indexed with, for every span the matcher may try: ASCII,
 * accented and non-Latin text, periods, hyphens, apostrophes, runs of spaces,
 * keys too long for any table. dkg__token_is must keep comparing the text
 * (ASCII-lower-cased), not the folded key. */
#include <stdlib.h>
#include <string.h>

#include "extractor_internal.h"
#include "span_keys.h"
#include "testlib.h"
#include "tokenized.h"

/* Every token key and every span key of text equals dkg__name_key of the
 * text it covers; returns how many spans were checked. */
static int check_all_spans(const char *text)
{
    dkg_extractor *ex = tokenized(text);
    dkg_span_keys *sk = malloc(sizeof *sk);
    int checked = 0;
    for (size_t i = 0; i < ex->ntokens; i++) {
        const token *tok = &ex->tokens[i];
        char want[DKG_KEY_MAX];
        size_t wlen = dkg__name_key(text + tok->start, tok->end - tok->start, want, sizeof want);
        CHECK_INT(tok->key_len, wlen);
        if (wlen >= DKG_KEY_MAX) {
            CHECK_STR(dkg__token_key(ex, i), "");
            continue;
        }
        CHECK_STR(dkg__token_key(ex, i), want);
        CHECK(tok->hash == dkg__hash(want, wlen));
        dkg__span_keys_build(ex, i, 16, sk);
        for (size_t n = 0; n < sk->count; n++) {
            size_t end = ex->tokens[i + n].end;
            wlen = dkg__name_key(text + tok->start, end - tok->start, want, sizeof want);
            CHECK_INT(sk->len[n], wlen);
            CHECK(sk->len[n] == wlen && memcmp(sk->key, want, wlen) == 0);
            CHECK(sk->hash[n] == dkg__hash(want, wlen));
            checked++;
        }
    }
    free(sk);
    release(ex);
    return checked;
}

/* How many tokens the spans from the token starting at `at` may have. */
static size_t span_count(const char *text, const char *at, int max)
{
    dkg_extractor *ex = tokenized(text);
    size_t count = 0;
    for (size_t i = 0; i < ex->ntokens; i++) {
        if (ex->text + ex->tokens[i].start == at) {
            dkg_span_keys *sk = malloc(sizeof *sk);
            dkg__span_keys_build(ex, i, max, sk);
            count = sk->count;
            free(sk);
        }
    }
    release(ex);
    return count;
}

static void test_keys_match_name_key(void)
{
    CHECK(check_all_spans("U.S. President Joe Biden met Moon Jae-in in Seoul.") >= 20);
    CHECK(check_all_spans("The People\xE2\x80\x99s Republic and the People's Daily.") >= 10);
    CHECK(check_all_spans("Recep Tayyip Erdo\xC4\x9F" "an and \xC5\x81\xC3\x93" "D\xC5\xB9 "
                          "met Nguy\xE1\xBB\x85n Ph\xC3\xBA Tr\xE1\xBB\x8Dng.") >= 10);
    CHECK(check_all_spans("\xD0\x92\xD0\xBB\xD0\xB0\xD0\xB4\xD0\xB8\xD0\xBC\xD0\xB8\xD1\x80 "
                          "\xCE\x91\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1 Stra\xC3\x9F" "e "
                          "\xC3\x86thelred \xC3\x9E" "or") >= 5);
    CHECK(check_all_spans("A . B  C - D ' E..F -G- H.-I J' K") >= 10);
    CHECK(check_all_spans("Mu\xCA\xBC" "ammar al-Qaddafi, St. John's, Xi Jinping.") >= 8);
}

static void test_span_limits(void)
{
    const char *t = "Kim Jong Un met Lee, Moon and Yoon.";
    CHECK_INT(span_count(t, t, 8), 5);     /* up to Lee: the comma stops it */
    CHECK_INT(span_count(t, t, 2), 2);     /* max tokens */
    CHECK_INT(span_count(t, strstr(t, "Lee"), 8), 1);
    const char *two = "He met Xi. Jinping Li came.";
    CHECK_INT(span_count(two, strstr(two, "Xi"), 8), 1); /* a sentence ends after Xi */
    const char *gaps = "Hu  \xE2\x80\x99  Jin";
    CHECK_INT(span_count(gaps, gaps, 8), 1); /* a gap of more than 3 bytes */
    const char *curly = "O\xE2\x80\x99Neill said";
    CHECK_INT(span_count(curly, curly, 8), 3);
}

static void test_long_keys(void)
{
    /* Tokens of 100 letters: two make a 201-byte key, three would not fit. */
    char text[400];
    size_t n = 0;
    for (int w = 0; w < 3; w++) {
        memset(text + n, 'A' + w, 100);
        n += 100;
        text[n++] = ' ';
    }
    text[n - 1] = '\0';
    CHECK_INT(span_count(text, text, 8), 2);
    CHECK(check_all_spans(text) == 2 + 2 + 1);
    /* A token longer than any key is stored as "" and never equals a word. */
    char huge[600];
    memset(huge, 'x', sizeof huge - 1);
    huge[sizeof huge - 1] = '\0';
    dkg_extractor *ex = tokenized(huge);
    CHECK_INT(ex->ntokens, 1);
    CHECK(ex->tokens[0].key_len >= DKG_KEY_MAX);
    CHECK_STR(dkg__token_key(ex, 0), "");
    CHECK(!dkg__token_is(ex, 0, "x"));
    release(ex);
    CHECK(check_all_spans(huge) == 0);
}

static void test_token_is(void)
{
    dkg_extractor *ex = tokenized("The M\xC3\xA2r said THEY met May");
    CHECK(dkg__token_is(ex, 0, "the"));
    CHECK(!dkg__token_is(ex, 0, "th"));
    CHECK(!dkg__token_is(ex, 0, "there"));
    CHECK(!dkg__token_is(ex, 1, "mar")); /* its key is "mar", its text is not */
    CHECK_STR(dkg__token_key(ex, 1), "mar");
    CHECK(dkg__token_is(ex, 3, "they"));
    CHECK(dkg__token_is(ex, 5, "may"));
    CHECK(!dkg__token_is(ex, 6, "may")); /* past the last token */
    release(ex);
}

static void test_hash_in_pieces(void)
{
    const char *s = "great hall of the people";
    uint64_t h = dkg__hash(s, 5);
    CHECK(dkg__hash_more(h, s + 5, strlen(s) - 5) == dkg__hash(s, strlen(s)));
    CHECK(dkg__hash_more(DKG_HASH_SEED, "", 0) == dkg__hash("", 0));
    dkg_strmap m = {0};
    CHECK_INT(dkg__strmap_put(&m, s, strlen(s), 7), 0);
    CHECK_INT(dkg__strmap_get_hashed(&m, s, strlen(s), dkg__hash(s, strlen(s))), 7);
    CHECK_INT(dkg__strmap_get_hashed(&m, s, 5, h), -1);
    dkg__strmap_destroy(&m);
}

int main(void)
{
    test_keys_match_name_key();
    test_span_limits();
    test_long_keys();
    test_token_is();
    test_hash_in_pieces();
    TEST_MAIN_END();
}
