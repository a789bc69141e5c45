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

int dkg__joinable(const dkg_extractor *ex, size_t a, size_t b)
{
    const char *p = ex->text + ex->tokens[a].end;
    size_t gap = ex->tokens[b].start - ex->tokens[a].end;
    if (gap == 0 || gap > 3) {
        return 0;
    }
    if (gap == 3 && memcmp(p, "\xE2\x80\x99", 3) == 0) {
        return 1;
    }
    for (size_t i = 0; i < gap; i++) {
        if (p[i] != ' ' && p[i] != '-' && p[i] != '\'' && p[i] != '.') {
            return 0;
        }
    }
    return 1;
}

/* The key bytes the gap between two joinable tokens adds, as dkg__name_key
 * writes them between the tokens' own keys: periods vanish, a run of spaces
 * is one space, the typographic apostrophe folds to '. */
static size_t gap_key(const char *p, size_t n, char out[3])
{
    if (n == 3 && memcmp(p, "\xE2\x80\x99", 3) == 0) {
        out[0] = '\'';
        return 1;
    }
    size_t k = 0;
    int space = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '.') {
            continue;
        }
        if (p[i] == ' ') {
            space = 1;
            continue;
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

void dkg__span_keys_build(const dkg_extractor *ex, size_t first, int max, dkg_span_keys *out)
{
    const token *tok = &ex->tokens[first];
    size_t len = tok->key_len;
    memcpy(out->key, dkg__token_key(ex, first), len);
    out->len[0] = len;
    out->hash[0] = tok->hash;
    out->count = 1;
    for (size_t last = first; (int)out->count < max && last + 1 < ex->ntokens &&
                              ex->tokens[last + 1].sentence == tok->sentence &&
                              dkg__joinable(ex, last, last + 1);
         last++) {
        const token *next = &ex->tokens[last + 1];
        char gap[3];
        size_t glen = gap_key(ex->text + ex->tokens[last].end,
                              next->start - ex->tokens[last].end, gap);
        if (len + glen + next->key_len >= DKG_KEY_MAX) {
            break; /* this span's key and all longer ones are too long */
        }
        memcpy(out->key + len, gap, glen);
        memcpy(out->key + len + glen, dkg__token_key(ex, last + 1), next->key_len);
        out->hash[out->count] =
            dkg__hash_more(out->hash[out->count - 1], out->key + len, glen + next->key_len);
        len += glen + next->key_len;
        out->len[out->count++] = len;
    }
}
