/* extract/strmap.c - string -> int hash map with linear probing and an arena
 * for keys. Chosen over a trie because lookups hash a token span once and
 * compare at most a few keys; the table stays under 50% full.
 *
 * Probes read a parallel array of 16-bit hash tags before any slot: most
 * lookups are misses (every word of an article is looked up in the lexicon's
 * tables), and a miss then touches 2 bytes per probe instead of a 32-byte
 * slot. The lexicon's slot arrays are megabytes; their tags fit in cache,
 * and the slot loads were an eighth of the extraction time (perf). */
#include <stdlib.h>
#include <string.h>

#include "dkg/error.h"
#include "strmap.h"
#include "table_alloc.h"

#define ARENA_BLOCK ((size_t)64 * 1024)

uint64_t dkg__hash_more(uint64_t h, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        h = dkg__hash_byte(h, (unsigned char)s[i]);
    }
    return h;
}

void dkg__strmap_destroy(dkg_strmap *m)
{
    if (m == NULL) {
        return;
    }
    for (size_t i = 0; i < m->arena_count; i++) {
        free(m->arena_blocks[i]);
    }
    free(m->arena_blocks);
    dkg__table_free(m->slots, m->capacity * sizeof *m->slots);
    dkg__table_free(m->tags, m->capacity * sizeof *m->tags);
    memset(m, 0, sizeof *m);
}

static const char *arena_copy(dkg_strmap *m, const char *key, size_t len)
{
    size_t need = len + 1;
    if (m->arena_count == 0 || m->arena_used + need > ARENA_BLOCK || need > ARENA_BLOCK) {
        size_t size = need > ARENA_BLOCK ? need : ARENA_BLOCK;
        char **blocks = realloc(m->arena_blocks, (m->arena_count + 1) * sizeof *blocks);
        if (blocks == NULL) {
            return NULL;
        }
        m->arena_blocks = blocks;
        blocks[m->arena_count] = malloc(size);
        if (blocks[m->arena_count] == NULL) {
            return NULL;
        }
        m->arena_count++;
        m->arena_used = 0;
    }
    char *dst = m->arena_blocks[m->arena_count - 1] + m->arena_used;
    memcpy(dst, key, len);
    dst[len] = '\0';
    m->arena_used += need;
    return dst;
}

static uint16_t tag_of(uint64_t h)
{
    return (uint16_t)((h >> 48) | 1u);
}

int dkg__strmap_get(const dkg_strmap *m, const char *key, size_t len)
{
    return dkg__strmap_get_hashed(m, key, len, dkg__hash(key, len));
}

int dkg__strmap_get_hashed(const dkg_strmap *m, const char *key, size_t len, uint64_t h)
{
    if (m->capacity == 0) {
        return -1;
    }
    uint16_t tag = tag_of(h);
    size_t mask = m->capacity - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        if (m->tags[i] == 0) {
            return -1;
        }
        const dkg_strmap_slot *s = &m->slots[i];
        if (m->tags[i] == tag && s->hash == h && s->len == len && memcmp(s->key, key, len) == 0) {
            return s->value;
        }
    }
}

static int grow_to(dkg_strmap *m, size_t capacity)
{
    if (capacity > SIZE_MAX / sizeof(dkg_strmap_slot)) {
        return DKG_ENOMEM;
    }
    dkg_strmap_slot *slots = dkg__table_alloc(capacity * sizeof *slots);
    uint16_t *tags = dkg__table_alloc(capacity * sizeof *tags);
    if (slots == NULL || tags == NULL) {
        dkg__table_free(slots, capacity * sizeof *slots);
        dkg__table_free(tags, capacity * sizeof *tags);
        return DKG_ENOMEM;
    }
    for (size_t i = 0; i < m->capacity; i++) {
        dkg_strmap_slot *s = &m->slots[i];
        if (s->key == NULL) {
            continue;
        }
        size_t j = (size_t)s->hash & (capacity - 1);
        while (slots[j].key != NULL) {
            j = (j + 1) & (capacity - 1);
        }
        slots[j] = *s;
        tags[j] = tag_of(s->hash);
    }
    dkg__table_free(m->slots, m->capacity * sizeof *m->slots);
    dkg__table_free(m->tags, m->capacity * sizeof *m->tags);
    m->slots = slots;
    m->tags = tags;
    m->capacity = capacity;
    return 0;
}

int dkg__strmap_reserve(dkg_strmap *m, size_t n)
{
    size_t capacity = m->capacity ? m->capacity : 64;
    while ((n + 1) * 2 > capacity) {
        capacity *= 2;
    }
    return capacity > m->capacity ? grow_to(m, capacity) : 0;
}

static int put(dkg_strmap *m, const char *key, size_t len, uint64_t h, int value, int copy_key)
{
    if (len > UINT32_MAX) {
        return DKG_ELIMIT;
    }
    if ((m->count + 1) * 2 > m->capacity &&
        grow_to(m, m->capacity ? m->capacity * 2 : 64) != 0) {
        return DKG_ENOMEM;
    }
    size_t mask = m->capacity - 1;
    size_t i = (size_t)h & mask;
    for (;; i = (i + 1) & mask) {
        dkg_strmap_slot *s = &m->slots[i];
        if (s->key == NULL) {
            break;
        }
        if (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0) {
            s->value = value;
            return 0;
        }
    }
    const char *copy = copy_key ? arena_copy(m, key, len) : key;
    if (copy == NULL) {
        return DKG_ENOMEM;
    }
    m->slots[i] = (dkg_strmap_slot){h, copy, (uint32_t)len, value};
    m->tags[i] = tag_of(h);
    m->count++;
    return 0;
}

int dkg__strmap_put(dkg_strmap *m, const char *key, size_t len, int value)
{
    return put(m, key, len, dkg__hash(key, len), value, 1);
}

int dkg__strmap_put_borrowed(dkg_strmap *m, const char *key, size_t len, int value)
{
    return put(m, key, len, dkg__hash(key, len), value, 0);
}

int dkg__strmap_put_borrowed_hashed(dkg_strmap *m, const char *key, size_t len, uint64_t hash,
                                    int value)
{
    return put(m, key, len, hash, value, 0);
}
