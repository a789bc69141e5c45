/* tests/fuzz/fuzz_snapshot.c - libFuzzer target: the lexicon snapshot.
 *
 * dkg loads the lexicon from a binary snapshot made at build time
 * (extract/lexicon_cache.c); a payload hash catches a damaged file, and the
 * decoder promises that even a file whose hash is right cannot make it read
 * out of bounds or build a lexicon that breaks extraction. Random bytes would
 * almost never get past the format's first checks, so the input is
 *
 *     LEXICON JSON [ NUL EDITS ]
 *
 * The JSON is loaded and snapshotted; with no edits, the snapshot must decode
 * and the decoded lexicon must extract a fixed article exactly as the
 * original does (the round trip). Each 4 bytes of EDITS (a 24-bit offset into
 * the payload, then a byte to XOR there) damage the payload; the hash is
 * re-signed so that the damage reaches the structural checks, and the result
 * must be a refusal or a lexicon that extracts without harm. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_common.h"
#include "lexicon_cache.h"
#include "lexicon_internal.h"

#define SOURCE_HASH 0x5eedu

static dkg_rules *rules;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    rules = fuzz_shipped_rules();
    return 0;
}

/* Apply the edits to the payload of snap and re-sign it. */
static void damage(char *snap, size_t snap_len, const uint8_t *edits, size_t nedits)
{
    size_t payload_len = snap_len - DKG_CACHE_HEADER_BYTES;
    char *payload = snap + DKG_CACHE_HEADER_BYTES;
    for (size_t i = 0; i + 4 <= nedits && payload_len > 0; i += 4) {
        size_t at = (size_t)edits[i] | (size_t)edits[i + 1] << 8 | (size_t)edits[i + 2] << 16;
        payload[at % payload_len] = (char)(payload[at % payload_len] ^ edits[i + 3]);
    }
    uint64_t hash = dkg__cache_hash(0, payload, payload_len);
    memcpy(snap + DKG_CACHE_HASH_AT, &hash, sizeof hash);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, '\0', size);
    size_t json_len = nul != NULL ? (size_t)(nul - data) : size;
    const uint8_t *edits = nul != NULL ? nul + 1 : NULL;
    size_t nedits = nul != NULL ? size - json_len - 1 : 0;
    dkg_lexicon *original = NULL, *decoded = NULL;
    dkg_error err;
    char *snap = NULL;
    size_t snap_len = 0;
    dkg_error_clear(&err);
    if (dkg_lexicon_new(&original, &err) != 0) {
        return 0;
    }
    if (dkg_lexicon_load_buffer(original, "fuzz.json", (const char *)data, json_len, &err) != 0 ||
        dkg__lexicon_cache_encode(original, SOURCE_HASH, &snap, &snap_len, &err) != 0) {
        dkg_lexicon_free(original);
        return 0;
    }
    FUZZ_ASSERT(snap_len >= DKG_CACHE_HEADER_BYTES);
    if (nedits >= 4) {
        damage(snap, snap_len, edits, nedits);
    }
    FUZZ_ASSERT(dkg_lexicon_new(&decoded, &err) == 0);
    int rc = dkg__lexicon_cache_decode(decoded, snap, snap_len, SOURCE_HASH);
    if (nedits < 4) {
        /* The round trip: the same lexicon, so the same extraction. */
        FUZZ_ASSERT(rc == 0);
        char *want = fuzz_extract_fixed_article(original, rules);
        char *got = fuzz_extract_fixed_article(decoded, rules);
        FUZZ_ASSERT((want == NULL) == (got == NULL));
        FUZZ_ASSERT(want == NULL || strcmp(want, got) == 0);
        free(want);
        free(got);
    } else if (rc == 0) {
        free(fuzz_extract_fixed_article(decoded, rules));
    }
    /* Strings of a decoded lexicon point into the snapshot: free it last. */
    dkg_lexicon_free(decoded);
    dkg_lexicon_free(original);
    free(snap);
    return 0;
}
