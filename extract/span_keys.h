/* extract/span_keys.h - internal: lookup keys of the token spans that may be names.
 *
 * The lexicon matcher tries, at each token, the spans of 1..N tokens that
 * start there. Each span's key is what dkg__name_key would make of its text,
 * but it is built from the tokens' ready keys (folded once by dkg__tokenize)
 * and the gaps between them, and hashed by extension: the key of a span is a
 * prefix of the key of the next longer one, so all N keys are one buffer and
 * no byte is folded or hashed twice. */
#ifndef DKG_EXTRACT_SPAN_KEYS_H
#define DKG_EXTRACT_SPAN_KEYS_H

#include <stddef.h>
#include <stdint.h>

#include "extractor_internal.h"

typedef struct dkg_span_keys {
    char key[DKG_KEY_MAX];      /* the longest span's key; not NUL-terminated */
    size_t len[DKG_KEY_MAX];    /* len[n]: key length of the span of n+1 tokens */
    uint64_t hash[DKG_KEY_MAX]; /* hash[n]: its dkg__hash */
    size_t count;               /* spans of 1..count tokens */
} dkg_span_keys;

/* The keys of the spans of up to max tokens from token first: in one sentence,
 * separated only by spaces, hyphens, apostrophes or periods (three bytes at
 * most), and with keys shorter than DKG_KEY_MAX (a longer key is in no
 * table). The first token's key must be shorter than DKG_KEY_MAX. Cost:
 * O(length of the longest span). */
void dkg__span_keys_build(const dkg_extractor *ex, size_t first, int max, dkg_span_keys *out);

#endif
