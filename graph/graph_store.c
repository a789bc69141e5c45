/* graph/graph_store.c - the small containers the graph is made of.
 *
 * A string -> index map and a string interning pool, both open addressing
 * with linear probing, grown at 50% load; pooled strings live in an arena. Interning
 * matters here: a graph of 100,000 articles repeats the same few hundred
 * entity ids, statuses, rule names and dates in hundreds of thousands of
 * edges, and every string the graph holds comes from the pool, so each
 * distinct string is stored once and equal strings compare by pointer too.
 * Rejected: igraph's string vectors (no hashing) and a tree (slower, more
 * allocations). Nothing is ever removed, which keeps both tables simple.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "graph_internal.h"

/* A multiplicative hash taking eight bytes a step (FNV-1a's byte at a time
 * was a tenth of the load time). Only its low bits pick a slot, so the final
 * steps fold the high bits down. */
uint64_t dkg__graph_hash(const char *s, size_t len)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ (uint64_t)len;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
        h ^= h >> 32;
    }
    uint64_t w = 0;
    memcpy(&w, s + i, len - i);
    h = (h ^ w) * 0xC4CEB9FE1A85EC53ULL;
    h ^= h >> 29;
    h *= 0xFF51AFD7ED558CCDULL;
    h ^= h >> 32;
    return h;
}

void dkg__map_destroy(dkg__map *m)
{
    if (m == NULL) {
        return;
    }
    free(m->slots);
    memset(m, 0, sizeof *m);
}

/* Slot of key[0..len) (hash h) in m: where it is, or the empty slot where it
 * goes. Stored keys are NUL-terminated; key need not be. */
static size_t map_slot(const dkg__map *m, const char *key, size_t len, uint64_t h)
{
    size_t mask = m->cap - 1;
    size_t i = (size_t)h & mask;
    for (;;) {
        const dkg__map_slot *s = &m->slots[i];
        if (s->key == NULL ||
            (s->hash == h &&
             (s->key == key || (strncmp(s->key, key, len) == 0 && s->key[len] == '\0')))) {
            return i;
        }
        i = (i + 1) & mask;
    }
}

int dkg__map_get_n(const dkg__map *m, const char *key, size_t len, size_t *value)
{
    if (m->cap == 0) {
        return 0;
    }
    size_t i = map_slot(m, key, len, dkg__graph_hash(key, len));
    if (m->slots[i].key == NULL) {
        return 0;
    }
    if (value != NULL) {
        *value = m->slots[i].value;
    }
    return 1;
}

int dkg__map_get(const dkg__map *m, const char *key, size_t *value)
{
    return dkg__map_get_n(m, key, strlen(key), value);
}

static int map_grow(dkg__map *m)
{
    size_t cap = m->cap == 0 ? 64 : m->cap * 2;
    dkg__map_slot *slots = calloc(cap, sizeof *slots);
    if (slots == NULL) {
        return DKG_ENOMEM;
    }
    dkg__advise_huge(slots, cap * sizeof *slots);
    for (size_t i = 0; i < m->cap; i++) {
        if (m->slots[i].key != NULL) {
            /* Keys are distinct: only an empty slot is needed, no comparison. */
            size_t j = (size_t)m->slots[i].hash & (cap - 1);
            while (slots[j].key != NULL) {
                j = (j + 1) & (cap - 1);
            }
            slots[j] = m->slots[i];
        }
    }
    free(m->slots);
    m->slots = slots;
    m->cap = cap;
    return 0;
}

int dkg__map_put(dkg__map *m, const char *key, size_t value)
{
    if ((m->count + 1) * 2 > m->cap && map_grow(m) != 0) {
        return DKG_ENOMEM;
    }
    size_t len = strlen(key);
    uint64_t h = dkg__graph_hash(key, len);
    size_t i = map_slot(m, key, len, h);
    if (m->slots[i].key == NULL) {
        m->count++;
    }
    m->slots[i].key = key;
    m->slots[i].value = value;
    m->slots[i].hash = h;
    return 0;
}

/* Strings live in big chunks (an arena), not one malloc each: a graph holds
 * a million distinct evidence sentences, and nothing is freed before the
 * graph is. */
typedef struct pool_chunk {
    struct pool_chunk *next;
    char data[];
} pool_chunk;

/* Chunks grow from 64 KiB (small graphs stay small) to 8 MiB (huge pages). */
#define POOL_CHUNK_MIN ((size_t)64 * 1024)
#define POOL_CHUNK_MAX ((size_t)8 * 1024 * 1024)

static char *pool_alloc(dkg__pool *p, size_t n)
{
    if (n > p->left) {
        size_t chunk = p->chunk_size < POOL_CHUNK_MIN ? POOL_CHUNK_MIN : p->chunk_size;
        size_t size = n > chunk / 4 ? n : chunk;
        pool_chunk *c = malloc(sizeof *c + size);
        if (c == NULL) {
            return NULL;
        }
        dkg__advise_huge(c, sizeof *c + size);
        if (size == chunk && chunk < POOL_CHUNK_MAX) {
            p->chunk_size = chunk * 2;
        }
        if (size == n) {
            /* A big string gets a chunk of its own; the current one stays open. */
            c->next = p->chunks != NULL ? ((pool_chunk *)p->chunks)->next : NULL;
            if (p->chunks != NULL) {
                ((pool_chunk *)p->chunks)->next = c;
            } else {
                p->chunks = c;
            }
            return c->data;
        }
        c->next = p->chunks;
        p->chunks = c;
        p->next = c->data;
        p->left = size;
    }
    char *s = p->next;
    p->next += n;
    p->left -= n;
    return s;
}

static int pool_grow(dkg__pool *p)
{
    size_t cap = p->cap == 0 ? 256 : p->cap * 2;
    dkg__pool_slot *slots = calloc(cap, sizeof *slots);
    if (slots == NULL) {
        return DKG_ENOMEM;
    }
    dkg__advise_huge(slots, cap * sizeof *slots);
    for (size_t i = 0; i < p->cap; i++) {
        if (p->slots[i].s != NULL) {
            size_t j = (size_t)dkg__graph_hash(p->slots[i].s, p->slots[i].len) & (cap - 1);
            while (slots[j].s != NULL) {
                j = (j + 1) & (cap - 1);
            }
            slots[j] = p->slots[i];
        }
    }
    free(p->slots);
    p->slots = slots;
    p->cap = cap;
    return 0;
}

const char *dkg__pool_intern(dkg__pool *p, const char *s, size_t len)
{
    if (s == NULL || len > UINT32_MAX) {
        return NULL;
    }
    if ((p->count + 1) * 2 > p->cap && pool_grow(p) != 0) {
        return NULL;
    }
    uint64_t h = dkg__graph_hash(s, len);
    /* The high half of the hash, kept as a tag, spares a comparison on almost
     * every probe; the low half picks the slot. */
    uint32_t tag = (uint32_t)(h >> 32);
    size_t mask = p->cap - 1;
    size_t i = (size_t)h & mask;
    while (p->slots[i].s != NULL) {
        const dkg__pool_slot *slot = &p->slots[i];
        if (slot->tag == tag && slot->len == len && memcmp(slot->s, s, len) == 0) {
            return slot->s;
        }
        i = (i + 1) & mask;
    }
    char *copy = pool_alloc(p, len + 1);
    if (copy == NULL) {
        return NULL;
    }
    memcpy(copy, s, len);
    copy[len] = '\0';
    p->slots[i].s = copy;
    p->slots[i].tag = tag;
    p->slots[i].len = (uint32_t)len;
    p->count++;
    return copy;
}

void dkg__pool_destroy(dkg__pool *p)
{
    if (p == NULL) {
        return;
    }
    pool_chunk *c = p->chunks;
    while (c != NULL) {
        pool_chunk *next = c->next;
        free(c);
        c = next;
    }
    free(p->slots);
    memset(p, 0, sizeof *p);
}

int dkg__strcmp_null(const char *a, const char *b)
{
    if (a == b) {
        return 0;
    }
    if (a == NULL) {
        return -1;
    }
    if (b == NULL) {
        return 1;
    }
    return strcmp(a, b);
}

const char *dkg__cameo_for_type(const char *type)
{
    static const char *const table[][2] = {
        {"meet", "040"},  {"call", "040"},   {"visit", "042"},   {"agree", "057"},
        {"aid", "070"},   {"appeal", "020"}, {"support", "050"},
    };
    if (type == NULL) {
        return NULL;
    }
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (strcmp(table[i][0], type) == 0) {
            return table[i][1];
        }
    }
    return NULL;
}
