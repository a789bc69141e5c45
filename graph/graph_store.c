/* graph/graph_store.c - the small containers the graph is made of.
 *
 * A string -> index map and a string interning pool, both open addressing
 * with linear probing over FNV-1a hashes, grown at 50% load. Interning
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

static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

void dkg__map_destroy(dkg__map *m)
{
    if (m == NULL) {
        return;
    }
    free(m->keys);
    free(m->values);
    free(m->hashes);
    memset(m, 0, sizeof *m);
}

/* Slot of key (hash h) in m: where it is, or the empty slot where it goes. */
static size_t map_slot(const dkg__map *m, const char *key, uint64_t h)
{
    size_t mask = m->cap - 1;
    size_t i = (size_t)h & mask;
    while (m->keys[i] != NULL &&
           !(m->hashes[i] == h && (m->keys[i] == key || strcmp(m->keys[i], key) == 0))) {
        i = (i + 1) & mask;
    }
    return i;
}

int dkg__map_get(const dkg__map *m, const char *key, size_t *value)
{
    if (m->cap == 0) {
        return 0;
    }
    size_t i = map_slot(m, key, hash_bytes(key, strlen(key)));
    if (m->keys[i] == NULL) {
        return 0;
    }
    if (value != NULL) {
        *value = m->values[i];
    }
    return 1;
}

static int map_grow(dkg__map *m)
{
    dkg__map bigger = {NULL, NULL, NULL, m->cap == 0 ? 64 : m->cap * 2, m->count};
    bigger.keys = calloc(bigger.cap, sizeof *bigger.keys);
    bigger.values = calloc(bigger.cap, sizeof *bigger.values);
    bigger.hashes = calloc(bigger.cap, sizeof *bigger.hashes);
    if (bigger.keys == NULL || bigger.values == NULL || bigger.hashes == NULL) {
        dkg__map_destroy(&bigger);
        return DKG_ENOMEM;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (m->keys[i] != NULL) {
            size_t j = map_slot(&bigger, m->keys[i], m->hashes[i]);
            bigger.keys[j] = m->keys[i];
            bigger.values[j] = m->values[i];
            bigger.hashes[j] = m->hashes[i];
        }
    }
    dkg__map_destroy(m);
    *m = bigger;
    return 0;
}

int dkg__map_put(dkg__map *m, const char *key, size_t value)
{
    if ((m->count + 1) * 2 > m->cap && map_grow(m) != 0) {
        return DKG_ENOMEM;
    }
    uint64_t h = hash_bytes(key, strlen(key));
    size_t i = map_slot(m, key, h);
    if (m->keys[i] == NULL) {
        m->count++;
    }
    m->keys[i] = key;
    m->values[i] = value;
    m->hashes[i] = h;
    return 0;
}

const char *dkg__pool_intern(dkg__pool *p, const char *s, size_t len)
{
    if (s == NULL) {
        return NULL;
    }
    if ((p->count + 1) * 2 > p->cap) {
        size_t cap = p->cap == 0 ? 256 : p->cap * 2;
        char **items = calloc(cap, sizeof *items);
        uint64_t *hashes = calloc(cap, sizeof *hashes);
        if (items == NULL || hashes == NULL) {
            free(items);
            free(hashes);
            return NULL;
        }
        for (size_t i = 0; i < p->cap; i++) {
            if (p->items[i] != NULL) {
                size_t j = (size_t)p->hashes[i] & (cap - 1);
                while (items[j] != NULL) {
                    j = (j + 1) & (cap - 1);
                }
                items[j] = p->items[i];
                hashes[j] = p->hashes[i];
            }
        }
        free(p->items);
        free(p->hashes);
        p->items = items;
        p->hashes = hashes;
        p->cap = cap;
    }
    /* The stored hash spares a string comparison on almost every probe. */
    uint64_t h = hash_bytes(s, len);
    size_t mask = p->cap - 1;
    size_t i = (size_t)h & mask;
    while (p->items[i] != NULL) {
        if (p->hashes[i] == h && strncmp(p->items[i], s, len) == 0 && p->items[i][len] == '\0') {
            return p->items[i];
        }
        i = (i + 1) & mask;
    }
    char *copy = malloc(len + 1);
    if (copy == NULL) {
        return NULL;
    }
    memcpy(copy, s, len);
    copy[len] = '\0';
    p->items[i] = copy;
    p->hashes[i] = h;
    p->count++;
    return copy;
}

void dkg__pool_destroy(dkg__pool *p)
{
    if (p == NULL) {
        return;
    }
    for (size_t i = 0; i < p->cap; i++) {
        free(p->items[i]);
    }
    free(p->items);
    free(p->hashes);
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
