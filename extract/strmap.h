/* extract/strmap.h - internal: a string -> int hash map (open addressing).
 *
 * Keys are copied into an arena owned by the map (or borrowed, see
 * dkg__strmap_put_borrowed). Lookups of a (pointer,
 * length) pair allocate nothing, which matters in the per-token hot path. */
#ifndef DKG_EXTRACT_STRMAP_H
#define DKG_EXTRACT_STRMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct dkg_strmap_slot {
    uint64_t hash;
    const char *key; /* NULL for an empty slot */
    uint32_t len;    /* 24-byte slots: the table is most of the lexicon's memory */
    int value;
} dkg_strmap_slot;

typedef struct dkg_strmap {
    dkg_strmap_slot *slots;
    uint16_t *tags;  /* per slot: 0 empty, else 16 bits of the hash (never 0) */
    size_t capacity; /* power of two */
    size_t count;
    char **arena_blocks;
    size_t arena_count;
    size_t arena_used; /* bytes used in the last block */
} dkg_strmap;

/* Zero-initialised maps are valid and empty. */
void dkg__strmap_destroy(dkg_strmap *m);

/* The map's hash of a key (FNV-1a). A key's hash can be built in pieces:
 * dkg__hash(ab) == dkg__hash_more(dkg__hash(a), b), so a key that grows by
 * appending (a name span one token longer) is not hashed again from its start. */
#define DKG_HASH_SEED 1469598103934665603ULL
uint64_t dkg__hash_more(uint64_t h, const char *s, size_t len);
/* dkg__hash_more by one byte. */
static inline uint64_t dkg__hash_byte(uint64_t h, unsigned char c)
{
    return (h ^ c) * 1099511628211ULL; /* FNV-1a prime */
}
static inline uint64_t dkg__hash(const char *s, size_t len)
{
    return dkg__hash_more(DKG_HASH_SEED, s, len);
}

/* Value for key, or -1 when absent. */
int dkg__strmap_get(const dkg_strmap *m, const char *key, size_t len);

/* The same when the caller already has hash == dkg__hash(key, len). */
int dkg__strmap_get_hashed(const dkg_strmap *m, const char *key, size_t len, uint64_t hash);

/* Make room for n keys in all without growing again. Returns 0 or DKG_ENOMEM. */
int dkg__strmap_reserve(dkg_strmap *m, size_t n);

/* Insert or overwrite; returns 0, DKG_ENOMEM, or DKG_ELIMIT for a key over 4 GB. */
int dkg__strmap_put(dkg_strmap *m, const char *key, size_t len, int value);

/* Same, keeping a pointer to key instead of a copy: key[0..len) must stay
 * unchanged for as long as the map lives (a mapped lexicon snapshot). */
int dkg__strmap_put_borrowed(dkg_strmap *m, const char *key, size_t len, int value);

/* Same, for a caller that has hash == dkg__hash(key, len) at hand (a lexicon
 * snapshot stores it, so loading one hashes no key). A wrong hash cannot
 * make the map unsafe, only the key unfindable. */
int dkg__strmap_put_borrowed_hashed(dkg_strmap *m, const char *key, size_t len, uint64_t hash,
                                    int value);

#endif
