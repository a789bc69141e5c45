/* extract/span_keys.c - keys of candidate name spans from the tokens' keys
 * (see span_keys.h).
 *
 * Rebuilding each candidate span's key from its text (fold, drop periods,
 * collapse spaces, hash) was the biggest single cost of extraction: every
 * token starting a lexicon name had its longest span folded, then the next
 * shorter one, and so on. A name key is the tokens' keys joined by what the
 * gaps between them fold to, so appending is enough. */
#include <string.h>

#include "span_keys.h"

/* The key bytes the gap p[0..n) between two tokens adds to a span's key, as
 * dkg__name_key writes them between the tokens' own keys: periods vanish, a
 * run of spaces is one space, the typographic apostrophe folds to '. -1 when
 * the two tokens cannot belong to one name: only spaces, hyphens,
 * apostrophes (straight or typographic) and periods, at most three bytes,
 * may separate them. One pass decides and writes. */
static int gap_key(const char *p, size_t n, char out[3])
{
    if (n == 0 || n > 3) {
        return -1;
    }
    if (n == 3 && memcmp(p, "\xE2\x80\x99", 3) == 0) {
        out[0] = '\'';
        return 1;
    }
    int k = 0;
    int space = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '.') {
            continue;
        }
        if (p[i] == ' ') {
            space = 1;
            continue;
        }
        if (p[i] != '-' && p[i] != '\'') {
            return -1;
        }
        if (space) {
            out[k++] = ' ';
            space = 0;
        }
        out[k++] = p[i];
    }
    if (space) {
        out[k++] = ' ';
    }
    return k;
}

/* Append s[0..n) to key at *len and return hash h extended by it: copying
 * and hashing in one pass over a few bytes, where memcpy and dkg__hash_more
 * were two calls each. */
static uint64_t append_hashed(char *key, size_t *len, const char *s, size_t n, uint64_t h)
{
    for (size_t i = 0; i < n; i++) {
        key[*len + i] = s[i];
        h = dkg__hash_byte(h, (unsigned char)s[i]);
    }
    *len += n;
    return h;
}

void dkg__span_keys_build(const dkg_extractor *ex, size_t first, int max, dkg_span_keys *out)
{
    const token *tok = &ex->tokens[first];
    size_t len = tok->key_len;
    memcpy(out->key, dkg__token_key(ex, first), len);
    out->len[0] = len;
    out->hash[0] = tok->hash;
    out->count = 1;
    for (size_t last = first; (int)out->count < max && last + 1 < ex->ntokens &&
                              ex->tokens[last + 1].sentence == tok->sentence;
         last++) {
        const token *next = &ex->tokens[last + 1];
        char gap[3];
        int glen = gap_key(ex->text + ex->tokens[last].end, next->start - ex->tokens[last].end,
                           gap);
        if (glen < 0) {
            break; /* not one name: no longer span is either */
        }
        if (len + (size_t)glen + next->key_len >= DKG_KEY_MAX) {
            break; /* this span's key and all longer ones are too long */
        }
        uint64_t h = append_hashed(out->key, &len, gap, (size_t)glen, out->hash[out->count - 1]);
        out->hash[out->count] =
            append_hashed(out->key, &len, dkg__token_key(ex, last + 1), next->key_len, h);
        out->len[out->count++] = len;
    }
}
