/* extract/lexicon_cache.c - a binary snapshot of a loaded lexicon directory.
 *
 * Loading the shipped lexicon from JSON (about 950 KB) took some 150M
 * instructions, 40 ms, most of a one-article run: cJSON builds and frees a
 * node per value, the loader checks every key, and every name is folded and
 * indexed. The snapshot stores the result instead (entities, titles, hit
 * lists and the contents of the six maps) in flat little arrays; loading it
 * is a bounds-checked walk that rebuilds the same structures in a few
 * million instructions.
 *
 * When it may be used: the header carries a hash of the JSON files it was
 * made from (names and bytes, in load order), recomputed from the files at
 * every load, so an edited, added or removed file makes the snapshot stale
 * and the JSON is read as before. Hashing the files costs well under a
 * millisecond; comparing modification times was rejected as it can miss an
 * edit. A payload hash catches a damaged file, and every count, offset and
 * index is checked against the file's size and the tables it points into, so
 * even a crafted file with a valid hash cannot make us read out of bounds or
 * build an inconsistent lexicon: any failure just means "load the JSON".
 *
 * The snapshot records the result of this library's indexing (name keys,
 * case rules), not only the JSON: the build remakes it whenever the library
 * is relinked (src/CMakeLists.txt), and FORMAT_VERSION must change with the
 * layout below or with what the loader stores.
 *
 * The file stays mapped while the lexicon lives: strings and map keys point
 * into it (dkg__lexicon_free_str knows not to free those), which saves
 * copying some 30,000 strings and their page faults. All roles and hit
 * lists go into one allocation (lex->block) instead of 12,000 small ones,
 * whose malloc and free were a quarter of a one-article run; the lexicon
 * copies a list out of the block before growing it. Everything else is
 * rebuilt as ordinary arrays and maps, so later --lexicon files can still
 * extend the lexicon (realloc and replace its members). Pointing all of it
 * into the file was rejected for that reason.
 *
 * Layout (little-endian, all integers 32-bit unless noted): a 48-byte header
 * (magic, format version, byte-order mark, then 64-bit source hash, payload
 * length, payload hash and the map hash of a fixed key), then the payload:
 * the string table (length and bytes; every string NUL-terminated), the
 * numbers of roles and of hit items, titles, entities with their roles, hit
 * lists, and the maps as (key offset, key
 * length, value, 64-bit key hash) records. A string
 * is an offset into the table, NONE for a missing one. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "json_loader.h"
#include "lexicon_cache.h"
#include "lexicon_internal.h"

#define MAGIC "DKGLEXC\n"
#define FORMAT_VERSION 2u
#define BYTE_ORDER_MARK 0x01020304u
#define NONE 0xFFFFFFFFu
#define MAX_CACHE_BYTES ((size_t)256 << 20)

/* ---- hashing ------------------------------------------------------------------- */

/* 64-bit hash of a byte string: catches damage and edits, not an adversary
 * (who could as well edit the JSON). It runs over some 3 MB at every start
 * (the lexicon's JSON and both snapshots), which made a word-at-a-time
 * multiply chain 17% of a one-article run. So: 32 bytes per step in two
 * independent lanes, each taking 16 bytes with one 64x64->128-bit multiply
 * folded to 64 bits; fewer instructions per byte, and the two lanes overlap
 * the multiplies' latency. */
static inline uint64_t fold_mul(uint64_t a, uint64_t b)
{
#ifdef __SIZEOF_INT128__
    __extension__ typedef unsigned __int128 u128;
    u128 p = (u128)a * b;
    return (uint64_t)p ^ (uint64_t)(p >> 64);
#else
    uint64_t a0 = a & 0xFFFFFFFFu, a1 = a >> 32, b0 = b & 0xFFFFFFFFu, b1 = b >> 32;
    uint64_t lo = a0 * b0, mid1 = a1 * b0, mid2 = a0 * b1, hi = a1 * b1;
    uint64_t mid = (lo >> 32) + (mid1 & 0xFFFFFFFFu) + (mid2 & 0xFFFFFFFFu);
    uint64_t low = (lo & 0xFFFFFFFFu) | mid << 32;
    uint64_t high = hi + (mid1 >> 32) + (mid2 >> 32) + (mid >> 32);
    return low ^ high;
#endif
}

/* Little-endian 64-bit load: the same hash on any byte order. */
static inline uint64_t load64(const char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w);
#endif
    return w;
}

#define HASH_K0 0xA0761D6478BD642FULL
#define HASH_K1 0xE7037ED1A0B428DBULL
#define HASH_K2 0x8EBC6AF09C88C6E3ULL

uint64_t dkg__cache_hash(uint64_t h, const char *p, size_t len)
{
    uint64_t a = h ^ HASH_K0, b = h ^ HASH_K1;
    size_t i = 0;
    for (; i + 32 <= len; i += 32) {
        a = fold_mul(load64(p + i) ^ a, load64(p + i + 8) ^ HASH_K1);
        b = fold_mul(load64(p + i + 16) ^ b, load64(p + i + 24) ^ HASH_K2);
    }
    char tail[32] = {0};
    memcpy(tail, p + i, len - i);
    a = fold_mul(load64(tail) ^ a, load64(tail + 8) ^ HASH_K1);
    b = fold_mul(load64(tail + 16) ^ b, load64(tail + 24) ^ HASH_K2);
    return fold_mul(a ^ HASH_K2, b ^ (uint64_t)len ^ HASH_K0);
}

typedef struct source_pass {
    uint64_t hash;
    int titles; /* same two passes as dkg_lexicon_load_dir */
    int files;
    char *chunk; /* one read buffer for all files: no fresh pages per file */
} source_pass;

#define CHUNK_BYTES ((size_t)64 * 1024)

static int is_titles_file(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    return strncmp(base, "titles", 6) == 0;
}

static int hash_one(void *ctx, const char *path, dkg_error *err)
{
    source_pass *pass = ctx;
    if (is_titles_file(path) != pass->titles) {
        return 0;
    }
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        dkg_error_locate(err, path, 0, 0, -1);
        return dkg_error_set(err, DKG_EIO, "cannot open");
    }
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    uint64_t h = dkg__cache_hash(pass->hash, base, strlen(base) + 1);
    size_t n;
    while ((n = fread(pass->chunk, 1, CHUNK_BYTES, f)) > 0) {
        h = dkg__cache_hash(h, pass->chunk, n);
    }
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        dkg_error_locate(err, path, 0, 0, -1);
        return dkg_error_set(err, DKG_EIO, "read error");
    }
    pass->hash = h;
    pass->files++;
    return 0;
}

int dkg__lexicon_source_hash(const char *dir, uint64_t *out, dkg_error *err)
{
    source_pass pass = {0x6C657869636F6E31ULL, 1, 0, malloc(CHUNK_BYTES)};
    if (pass.chunk == NULL) {
        return dkg_error_set(err, DKG_ENOMEM, "out of memory");
    }
    int rc = dkg__for_each_json(dir, hash_one, &pass, err);
    pass.titles = 0;
    rc = rc ? rc : dkg__for_each_json(dir, hash_one, &pass, err);
    free(pass.chunk);
    *out = pass.hash ^ (uint64_t)pass.files;
    return rc;
}

/* The map hash of a fixed key, kept in the header: the stored key hashes
 * are only usable if dkg__hash has not changed since the snapshot was made
 * (by an older build, say). */
static uint64_t key_hash_probe(void)
{
    static const char probe[] = "dkg lexicon snapshot: key hash probe";
    return dkg__hash(probe, sizeof probe - 1);
}

/* ---- writing ------------------------------------------------------------------- */

typedef struct wbuf {
    char *data;
    size_t len, cap;
    int failed;
} wbuf;

static void put_bytes(wbuf *b, const void *p, size_t n)
{
    if (b->failed || n == 0) { /* n == 0: p may be an empty array's NULL */
        return;
    }
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 1 << 16;
        while (cap < b->len + n) {
            cap *= 2;
        }
        char *grown = cap <= MAX_CACHE_BYTES ? realloc(b->data, cap) : NULL;
        if (grown == NULL) {
            b->failed = 1;
            return;
        }
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

static void put_u32(wbuf *b, uint32_t v)
{
    unsigned char le[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                           (unsigned char)(v >> 24)};
    put_bytes(b, le, 4);
}

static void put_u64(wbuf *b, uint64_t v)
{
    put_u32(b, (uint32_t)v);
    put_u32(b, (uint32_t)(v >> 32));
}

/* Append s (with its NUL) to the string table; its offset, or NONE. */
static uint32_t put_string(wbuf *strings, const char *s, size_t len)
{
    if (s == NULL) {
        return NONE;
    }
    uint32_t at = (uint32_t)strings->len;
    put_bytes(strings, s, len);
    put_bytes(strings, "", 1);
    return at;
}

static uint32_t put_cstr(wbuf *strings, const char *s)
{
    return put_string(strings, s, s != NULL ? strlen(s) : 0);
}

static void put_date(wbuf *b, dkg_date d)
{
    put_u32(b, (uint32_t)d.year);
    put_u32(b, (uint32_t)d.month);
    put_u32(b, (uint32_t)d.day);
}

static void put_map(wbuf *b, wbuf *strings, const dkg_strmap *m)
{
    put_u32(b, (uint32_t)m->count);
    for (size_t i = 0; i < m->capacity; i++) {
        const dkg_strmap_slot *s = &m->slots[i];
        if (s->key != NULL) {
            put_u32(b, put_string(strings, s->key, s->len));
            put_u32(b, (uint32_t)s->len);
            put_u32(b, (uint32_t)s->value);
            put_u64(b, s->hash);
        }
    }
}

/* The maps, always in this order. */
static dkg_strmap *map_at(dkg_lexicon *lex, int i)
{
    dkg_strmap *maps[] = {&lex->ids,          &lex->title_ids, &lex->names,
                          &lex->first_tokens, &lex->surnames,  &lex->countries};
    return maps[i];
}
#define NMAPS 6

static void put_payload(wbuf *b, wbuf *strings, const dkg_lexicon *lex)
{
    /* Totals first, so that the reader makes one block for all of them. */
    uint32_t roles = 0, items = 0;
    for (size_t i = 0; i < lex->nentities; i++) {
        roles += (uint32_t)lex->entities[i].nroles;
    }
    for (size_t i = 0; i < lex->nhits; i++) {
        items += (uint32_t)lex->hits[i].count;
    }
    put_u32(b, roles);
    put_u32(b, items);
    put_u32(b, (uint32_t)lex->ntitles);
    for (size_t i = 0; i < lex->ntitles; i++) {
        const lex_title *t = &lex->titles[i];
        put_u32(b, put_cstr(strings, t->title));
        put_u32(b, (uint32_t)t->leader);
        put_u32(b, (uint32_t)t->rank);
        put_u32(b, (uint32_t)t->person_cue);
    }
    put_u32(b, (uint32_t)lex->nentities);
    for (size_t i = 0; i < lex->nentities; i++) {
        const lex_entity *e = &lex->entities[i];
        const char *fields[] = {e->id, e->name, e->kind, e->country,
                                e->seat_of, e->in, e->capital, e->surname};
        for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++) {
            put_u32(b, put_cstr(strings, fields[f]));
        }
        put_u32(b, (uint32_t)e->type);
        put_u32(b, (uint32_t)(unsigned char)e->gender);
        put_u32(b, (uint32_t)e->nroles);
        for (int r = 0; r < e->nroles; r++) {
            const lex_role *role = &e->roles[r];
            put_u32(b, (uint32_t)role->title);
            put_u32(b, put_cstr(strings, role->of));
            put_date(b, role->from);
            put_date(b, role->to);
            put_u32(b, (uint32_t)role->rank);
        }
    }
    put_u32(b, (uint32_t)lex->nhits);
    for (size_t i = 0; i < lex->nhits; i++) {
        const lex_hits *h = &lex->hits[i];
        put_u32(b, (uint32_t)h->count);
        for (int k = 0; k < h->count; k++) {
            put_u32(b, (uint32_t)h->items[k].target);
            put_u32(b, (uint32_t)h->items[k].kind | (uint32_t)h->items[k].case_rule << 8);
        }
    }
    for (int m = 0; m < NMAPS; m++) {
        put_map(b, strings, map_at((dkg_lexicon *)lex, m));
    }
}

int dkg__lexicon_cache_encode(const dkg_lexicon *lex, uint64_t source_hash, char **out,
                              size_t *len_out, dkg_error *err)
{
    wbuf strings = {0};
    wbuf tables = {0};
    wbuf file = {0};
    put_payload(&tables, &strings, lex);
    put_bytes(&file, MAGIC, 8);
    put_u32(&file, FORMAT_VERSION);
    put_u32(&file, BYTE_ORDER_MARK);
    put_u64(&file, source_hash);
    size_t payload_len = 4 + strings.len + tables.len;
    put_u64(&file, payload_len);
    put_u64(&file, 0); /* payload hash, filled in below */
    put_u64(&file, key_hash_probe());
    put_u32(&file, (uint32_t)strings.len);
    put_bytes(&file, strings.data, strings.len);
    put_bytes(&file, tables.data, tables.len);
    int failed = strings.failed || tables.failed || file.failed || strings.len >= NONE;
    free(strings.data);
    free(tables.data);
    if (failed) {
        free(file.data);
        return dkg_error_set(err, DKG_ENOMEM, "out of memory (lexicon cache)");
    }
    uint64_t h = dkg__cache_hash(0, file.data + DKG_CACHE_HEADER_BYTES, payload_len);
    for (int i = 0; i < 8; i++) {
        file.data[DKG_CACHE_HASH_AT + i] = (char)(h >> (8 * i));
    }
    *out = file.data;
    *len_out = file.len;
    return 0;
}

/* ---- reading ------------------------------------------------------------------- */

typedef struct rbuf {
    const unsigned char *p;
    size_t len, at;
    int bad;
    const char *strings;
    size_t strings_len;
    char *roles; /* the rest of the lexicon's block, taken in file order */
    size_t roles_left;
    char *items;
    size_t items_left;
} rbuf;

static inline uint32_t get_u32(rbuf *r)
{
    if (r->bad || r->len - r->at < 4) {
        r->bad = 1;
        return 0;
    }
    const unsigned char *q = r->p + r->at;
    r->at += 4;
    return (uint32_t)q[0] | (uint32_t)q[1] << 8 | (uint32_t)q[2] << 16 | (uint32_t)q[3] << 24;
}

static inline uint64_t get_u64(rbuf *r)
{
    uint64_t lo = get_u32(r);
    return lo | (uint64_t)get_u32(r) << 32;
}

/* A count of records of at least `min_bytes` each that the rest can hold. */
static inline uint32_t get_count(rbuf *r, size_t min_bytes, uint32_t limit)
{
    uint32_t n = get_u32(r);
    if (n > limit || (size_t)n > (r->len - r->at) / min_bytes) {
        r->bad = 1;
        return 0;
    }
    return n;
}

/* A string of the table: NULL for NONE (allowed only when optional). */
static inline const char *get_str(rbuf *r, int optional)
{
    uint32_t at = get_u32(r);
    if (at == NONE && optional) {
        return NULL;
    }
    if (r->bad || at >= r->strings_len) {
        r->bad = 1;
        return NULL;
    }
    return r->strings + at; /* the table ends with a NUL: checked once */
}

/* Strings stay in the snapshot: the lexicon keeps it mapped (see
 * dkg__lexicon_free_str) instead of copying some 30,000 of them. */
static inline char *get_text(rbuf *r, int optional)
{
    return (char *)get_str(r, optional);
}

static inline int get_int(rbuf *r, int lo, int hi)
{
    int32_t v = (int32_t)get_u32(r);
    if (v < lo || v > hi) {
        r->bad = 1;
        return lo;
    }
    return v;
}

static inline dkg_date get_date(rbuf *r)
{
    dkg_date d;
    d.year = get_int(r, -9999, 9999);
    d.month = get_int(r, 0, 12);
    d.day = get_int(r, 0, 31);
    return d;
}

static int get_titles(rbuf *r, dkg_lexicon *lex, int *nomem)
{
    uint32_t n = get_count(r, 16, 1u << 24);
    lex->titles = n ? calloc(n, sizeof *lex->titles) : NULL;
    *nomem |= n && lex->titles == NULL;
    for (uint32_t i = 0; i < n && !r->bad && !*nomem; i++) {
        lex_title *t = &lex->titles[i];
        lex->ntitles = lex->titles_cap = i + 1;
        t->title = get_text(r, 0);
        t->leader = get_int(r, 0, 1);
        t->rank = get_int(r, 0, 100);
        t->person_cue = get_int(r, 0, 1);
    }
    return 0;
}

/* n records of `size` bytes from a part of the lexicon's block (*next, of
 * which *left records remain); NULL for none or when there are too few. */
static inline char *take(rbuf *r, char **next, size_t *left, uint32_t n, size_t size)
{
    if (n == 0 || n > *left) {
        r->bad |= n != 0;
        return NULL;
    }
    char *p = *next;
    *next += (size_t)n * size;
    *left -= n;
    return p;
}

static inline void get_roles(rbuf *r, dkg_lexicon *lex, lex_entity *e, int *nomem)
{
    uint32_t n = get_count(r, 36, 1u << 20);
    e->roles = (lex_role *)(void *)take(r, &r->roles, &r->roles_left, n, sizeof *e->roles);
    for (uint32_t k = 0; k < n && !r->bad && !*nomem; k++) {
        lex_role *role = &e->roles[k];
        e->nroles = (int)k + 1;
        role->title = get_int(r, 0, (int)lex->ntitles - 1);
        role->of = get_text(r, 0);
        role->from = get_date(r);
        role->to = get_date(r);
        role->rank = (int)get_u32(r);
    }
}

static void get_entities(rbuf *shared, dkg_lexicon *lex, int *nomem)
{
    rbuf local = *shared, *r = &local; /* see get_map */
    uint32_t n = get_count(r, 44, DKG_MAX_LEXICON_ENTRIES);
    lex->entities = n ? calloc(n, sizeof *lex->entities) : NULL;
    *nomem |= n && lex->entities == NULL;
    for (uint32_t i = 0; i < n && !r->bad && !*nomem; i++) {
        lex_entity *e = &lex->entities[i];
        lex->nentities = lex->entities_cap = i + 1;
        e->id = get_text(r, 0);
        e->name = get_text(r, 0);
        e->kind = get_text(r, 1);
        e->country = get_text(r, 1);
        e->seat_of = get_text(r, 1);
        e->in = get_text(r, 1);
        e->capital = get_text(r, 1);
        e->surname = get_text(r, 1);
        e->type = (lex_type)get_int(r, LEX_PERSON, LEX_ORG);
        int gender = get_int(r, 0, 'm');
        if (gender != 0 && gender != 'm' && gender != 'f') {
            r->bad = 1;
        }
        e->gender = (char)gender;
        get_roles(r, lex, e, nomem);
    }
    *shared = local;
}

static void get_hits(rbuf *shared, dkg_lexicon *lex, int *nomem)
{
    rbuf local = *shared, *r = &local; /* see get_map */
    uint32_t n = get_count(r, 4, 1u << 26);
    lex->hits = n ? calloc(n, sizeof *lex->hits) : NULL;
    *nomem |= n && lex->hits == NULL;
    for (uint32_t i = 0; i < n && !r->bad && !*nomem; i++) {
        lex_hits *h = &lex->hits[i];
        lex->nhits = lex->hits_cap = i + 1;
        uint32_t count = get_count(r, 8, 1u << 20);
        h->items = (lex_hit *)(void *)take(r, &r->items, &r->items_left, count, sizeof *h->items);
        for (uint32_t k = 0; k < count && !r->bad && !*nomem; k++) {
            lex_hit *hit = &h->items[k];
            hit->target = (int)get_u32(r);
            uint32_t bits = get_u32(r);
            hit->kind = (unsigned char)(bits & 0xFF);
            hit->case_rule = (unsigned char)(bits >> 8);
            size_t targets = hit->kind == HIT_TITLE ? lex->ntitles : lex->nentities;
            if (hit->target < 0 || (size_t)hit->target >= targets || hit->kind > HIT_TITLE ||
                hit->case_rule > CASE_ALLCAPS || (bits >> 16) != 0) {
                r->bad = 1;
            }
            h->count = h->capacity = (int)k + 1;
        }
    }
    *shared = local;
}

static void get_map(rbuf *shared, dkg_strmap *m, int lo, int hi, int *nomem)
{
    /* The loops read through a local copy of the reader: the compiler keeps
     * it in registers, where through a pointer every store into the lexicon
     * might alias it and forces it to reload (a third of decoding). */
    rbuf local = *shared, *r = &local;
    uint32_t n = get_count(r, 20, 1u << 26);
    *nomem |= dkg__strmap_reserve(m, n) != 0; /* one table, not a chain of growing ones */
    for (uint32_t i = 0; i < n && !r->bad && !*nomem; i++) {
        uint32_t at = get_u32(r);
        uint32_t len = get_u32(r);
        int value = get_int(r, lo, hi);
        uint64_t hash = get_u64(r);
        if (r->bad || at >= r->strings_len || len >= r->strings_len - at) {
            r->bad = 1;
            break;
        }
        /* The stored hash spares hashing 23,000 keys; the header's probe
         * (below) shows the writer hashed as dkg__hash does today. */
        *nomem |= dkg__strmap_put_borrowed_hashed(m, r->strings + at, len, hash, value) != 0;
    }
    *shared = local;
}

/* The lexicon's block for every role and hit item, sized by the totals the
 * payload opens with (each checked against the bytes left for them). */
static int get_block(rbuf *r, dkg_lexicon *lex)
{
    uint32_t roles = get_count(r, 36, 1u << 24);
    uint32_t items = get_count(r, 8, 1u << 26);
    if (r->bad || (size_t)roles * 36 + (size_t)items * 8 > r->len - r->at) {
        r->bad = 1;
        return 0;
    }
    size_t bytes = (size_t)roles * sizeof(lex_role) + (size_t)items * sizeof(lex_hit);
    if (bytes == 0) {
        return 0;
    }
    lex->block = malloc(bytes);
    if (lex->block == NULL) {
        return DKG_ENOMEM;
    }
    lex->block_len = bytes;
    r->roles = lex->block; /* malloc's alignment suits both */
    r->roles_left = roles;
    r->items = lex->block + (size_t)roles * sizeof(lex_role);
    r->items_left = items;
    return 0;
}

int dkg__lexicon_cache_decode(dkg_lexicon *lex, const char *buf, size_t len,
                              uint64_t source_hash)
{
    if (lex->nentities != 0 || lex->ntitles != 0 || len < DKG_CACHE_HEADER_BYTES + 4 ||
        memcmp(buf, MAGIC, 8) != 0) {
        return DKG_EPARSE;
    }
    rbuf r = {(const unsigned char *)buf, len, 8, 0, NULL, 0, NULL, 0, NULL, 0};
    lex->snapshot = buf; /* before any string points into it */
    lex->snapshot_len = len;
    lex->snapshot_mapped = 0;
    uint32_t version = get_u32(&r);
    uint32_t mark = get_u32(&r);
    uint64_t source = get_u64(&r);
    uint64_t payload_len = get_u64(&r);
    uint64_t payload_hash = get_u64(&r);
    uint64_t probe = get_u64(&r);
    if (probe != key_hash_probe() || version != FORMAT_VERSION || mark != BYTE_ORDER_MARK || source != source_hash ||
        payload_len != len - DKG_CACHE_HEADER_BYTES ||
        payload_hash != dkg__cache_hash(0, buf + DKG_CACHE_HEADER_BYTES, len - DKG_CACHE_HEADER_BYTES)) {
        return DKG_EPARSE;
    }
    r.at = DKG_CACHE_HEADER_BYTES;
    uint32_t strings_len = get_u32(&r);
    if (strings_len > len - r.at || (strings_len > 0 && buf[r.at + strings_len - 1] != '\0')) {
        return DKG_EPARSE;
    }
    r.strings = buf + r.at;
    r.strings_len = strings_len;
    r.at += strings_len;
    if (get_block(&r, lex) != 0) {
        return DKG_ENOMEM;
    }
    int nomem = 0;
    get_titles(&r, lex, &nomem);
    get_entities(&r, lex, &nomem);
    get_hits(&r, lex, &nomem);
    int nent = (int)lex->nentities - 1;
    int maxes[NMAPS] = {nent, (int)lex->ntitles - 1, (int)lex->nhits - 1, 1 << 20,
                        (int)lex->nhits - 1, nent};
    int mins[NMAPS] = {0, 0, 0, 1, 0, 0};
    for (int m = 0; m < NMAPS; m++) {
        get_map(&r, map_at(lex, m), mins[m], maxes[m], &nomem);
    }
    if (nomem) {
        return DKG_ENOMEM;
    }
    return r.bad || r.at != len || r.roles_left != 0 || r.items_left != 0 ? DKG_EPARSE : 0;
}

/* ---- public entry points --------------------------------------------------------- */

void dkg__lexicon_unmap(const char *snapshot, size_t len)
{
    munmap((void *)snapshot, len);
}

const char *dkg__cache_map(const char *path, size_t *len_out)
{
    /* Mapped rather than read: a snapshot is read once, from the page cache,
     * and a copy would only add page faults. Snapshots are replaced by
     * rename, never rewritten in place, so a mapping stays valid. */
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        return NULL;
    }
    struct stat st;
    void *map = MAP_FAILED;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        (unsigned long long)st.st_size <= MAX_CACHE_BYTES) {
        map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    }
    close(fd);
    if (map == MAP_FAILED) {
        return NULL;
    }
    *len_out = (size_t)st.st_size;
    return map;
}

int dkg_lexicon_load_dir_cached(dkg_lexicon *lex, const char *dir, const char *cache_path,
                                dkg_error *err)
{
    if (cache_path != NULL && lex->nentities == 0 && lex->ntitles == 0) {
        dkg_error quiet; /* any failure here only means: read the JSON */
        dkg_error_clear(&quiet);
        uint64_t source = 0;
        size_t len = 0;
        const char *map = dkg__cache_map(cache_path, &len);
        if (map != NULL) {
            int rc = dkg__lexicon_source_hash(dir, &source, &quiet);
            rc = rc ? rc : dkg__lexicon_cache_decode(lex, map, len, source);
            if (rc == 0) {
                lex->snapshot_mapped = 1; /* strings point into it until dkg_lexicon_free */
                return 0;
            }
            dkg__lexicon_clear(lex);
            dkg__lexicon_unmap(map, len);
        }
    }
    return dkg_lexicon_load_dir(lex, dir, err);
}

int dkg_lexicon_write_cache(const char *dir, const char *cache_path, dkg_error *err)
{
    dkg_lexicon *lex = NULL;
    char *buf = NULL;
    size_t len = 0;
    uint64_t source = 0;
    char tmp[4200];
    FILE *f = NULL;
    int rc = dkg_lexicon_new(&lex, err);
    rc = rc ? rc : dkg__lexicon_source_hash(dir, &source, err);
    rc = rc ? rc : dkg_lexicon_load_dir(lex, dir, err);
    rc = rc ? rc : dkg__lexicon_cache_encode(lex, source, &buf, &len, err);
    if (rc != 0) {
        goto done;
    }
    snprintf(tmp, sizeof tmp, "%.4090s.tmp", cache_path);
    f = fopen(tmp, "wb");
    int written = f != NULL && fwrite(buf, 1, len, f) == len;
    if (f != NULL && fclose(f) != 0) {
        written = 0;
    }
    if (!written || rename(tmp, cache_path) != 0) {
        remove(tmp);
        dkg_error_locate(err, cache_path, 0, 0, -1);
        rc = dkg_error_set(err, DKG_EIO, "cannot write the lexicon cache");
    }
done:
    free(buf);
    dkg_lexicon_free(lex);
    return rc;
}
