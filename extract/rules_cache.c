/* extract/rules_cache.c - a snapshot of a rules file's compiled patterns.
 *
 * Compiling the ~60 shipped patterns (placeholders expand to long
 * alternations) took about 29M instructions, the largest part of start-up
 * once the lexicon came from its snapshot. PCRE2 can serialize compiled
 * patterns (pcre2_serialize_encode) and load them back with a copy; the build
 * writes them for the shipped rules file (dkg-data-cache) and loading takes
 * them in file order instead of compiling. Everything else (names, triggers,
 * word lists) is still read from the JSON, so the result is the same rules.
 *
 * When it may be used: the header holds a hash of the rules file's bytes;
 * any other file (an edited one, a user's --rules) is compiled as before.
 * PCRE2 checks that its version and configuration match the serialized
 * data, but it does not validate the compiled code itself, so a payload hash
 * guards it: a damaged snapshot is ignored, never decoded.
 *
 * Layout: a 48-byte header (magic, format version, byte-order mark, then
 * 64-bit rules-file hash, payload length, payload hash and pattern count),
 * then PCRE2's serialized bytes. */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_loader.h"
#include "lexicon_cache.h"
#include "lexicon_internal.h"
#include "rules_internal.h"
#include "table_alloc.h"

#define MAGIC "DKGRULC\n"
#define FORMAT_VERSION 2u
#define BYTE_ORDER_MARK 0x01020304u

typedef struct header {
    char magic[8];
    uint32_t version;
    uint32_t byte_order;
    uint64_t source_hash;
    uint64_t payload_len;
    uint64_t payload_hash;
    uint64_t ncodes;
} header;

/* The decoded patterns (about 850 KB for the shipped rules) go into one
 * block from dkg__table_alloc, on 2 MiB pages where the kernel offers them:
 * PCRE2 allocating them one by one cost some 140 page faults of a 20 ms
 * start. PCRE2 takes the block's allocator through a general context and
 * keeps it in each pattern, so the JIT's own bookkeeping and any later
 * request through a pattern come here too: hence the atomic bump (workers may
 * match at the same time) and the fall back to malloc once the block is full.
 * Freeing inside the block does nothing; the block goes with the rules. */
struct dkg_code_arena {
    char *base;
    size_t size;
    atomic_size_t used;
};

static void *arena_malloc(PCRE2_SIZE n, void *data)
{
    struct dkg_code_arena *a = data;
    size_t need = (n + 15) & ~(size_t)15;
    if (need >= n && need <= a->size) {
        size_t at = atomic_fetch_add(&a->used, need);
        if (at <= a->size - need) {
            return a->base + at;
        }
    }
    return malloc(n);
}

static void arena_free(void *p, void *data)
{
    struct dkg_code_arena *a = data;
    if ((char *)p >= a->base && (char *)p < a->base + a->size) {
        return;
    }
    free(p);
}

void dkg__code_arena_free(struct dkg_code_arena *arena)
{
    if (arena != NULL) {
        dkg__table_free(arena->base, arena->size);
        free(arena);
    }
}

static struct dkg_code_arena *arena_new(size_t size)
{
    struct dkg_code_arena *a = malloc(sizeof *a);
    char *base = a != NULL ? dkg__table_alloc(size) : NULL;
    if (base == NULL) {
        free(a);
        return NULL;
    }
    a->base = base;
    a->size = size;
    atomic_init(&a->used, 0);
    return a;
}

/* Decode the patterns of a snapshot made from a rules file hashing to
 * source into *arena (made here); NULL when it is not such an intact
 * snapshot. */
static pcre2_code **decode(const char *buf, size_t len, uint64_t source, size_t *n_out,
                           struct dkg_code_arena **arena)
{
    header h;
    if (len < sizeof h) {
        return NULL;
    }
    memcpy(&h, buf, sizeof h);
    const char *payload = buf + sizeof h;
    if (memcmp(h.magic, MAGIC, 8) != 0 || h.version != FORMAT_VERSION ||
        h.byte_order != BYTE_ORDER_MARK || h.source_hash != source ||
        h.payload_len != len - sizeof h || h.ncodes == 0 || h.ncodes > 100000 ||
        h.payload_hash != dkg__cache_hash(0, payload, len - sizeof h) ||
        pcre2_serialize_get_number_of_codes((const uint8_t *)payload) != (int32_t)h.ncodes) {
        return NULL;
    }
    pcre2_code **codes = calloc((size_t)h.ncodes, sizeof *codes);
    /* Room for every pattern as serialized, its alignment and the context. */
    *arena = codes != NULL ? arena_new(len + 64 * (size_t)h.ncodes + 4096) : NULL;
    pcre2_general_context *context =
        *arena != NULL ? pcre2_general_context_create(arena_malloc, arena_free, *arena) : NULL;
    if (context == NULL) {
        free(codes);
        dkg__code_arena_free(*arena);
        *arena = NULL;
        return NULL;
    }
    int32_t got =
        pcre2_serialize_decode(codes, (int32_t)h.ncodes, (const uint8_t *)payload, context);
    pcre2_general_context_free(context);
    if (got != (int32_t)h.ncodes) {
        free(codes); /* on failure PCRE2 has freed what it decoded */
        dkg__code_arena_free(*arena);
        *arena = NULL;
        return NULL;
    }
    *n_out = (size_t)h.ncodes;
    return codes;
}

int dkg_rules_load_cached(dkg_rules *rules, const char *path, const char *cache_path,
                          dkg_error *err)
{
    char *buf = NULL;
    size_t len = 0;
    int rc = dkg__read_file(path, &buf, &len, err);
    if (rc != 0) {
        return rc;
    }
    if (cache_path != NULL && rules->nrules == 0 && rules->nmodifiers == 0 &&
        rules->code_arena == NULL) {
        /* Any failure here only means: compile. */
        size_t cache_len = 0;
        const char *cache = dkg__cache_map(cache_path, &cache_len);
        if (cache != NULL) {
            rules->precompiled = decode(cache, cache_len, dkg__cache_hash(0, buf, len),
                                        &rules->nprecompiled, &rules->code_arena);
            rules->next_precompiled = 0;
            dkg__lexicon_unmap(cache, cache_len); /* PCRE2 copied what it decoded */
        }
    }
    rc = dkg_rules_load_buffer(rules, path, buf, len, err);
    for (size_t i = rules->next_precompiled; i < rules->nprecompiled; i++) {
        pcre2_code_free(rules->precompiled[i]);
    }
    free(rules->precompiled);
    rules->precompiled = NULL;
    rules->nprecompiled = rules->next_precompiled = 0;
    free(buf);
    return rc;
}

int dkg_rules_write_cache(const char *path, const char *cache_path, dkg_error *err)
{
    dkg_rules *rules = NULL;
    char *buf = NULL;
    size_t len = 0;
    const pcre2_code **codes = NULL;
    uint8_t *bytes = NULL;
    PCRE2_SIZE size = 0;
    char tmp[4200];
    int rc = dkg_rules_new(&rules, err);
    rc = rc ? rc : dkg__read_file(path, &buf, &len, err);
    rc = rc ? rc : dkg_rules_load_buffer(rules, path, buf, len, err);
    size_t n = rc == 0 ? rules->nrules + rules->nmodifiers : 0;
    if (rc == 0 && n > 0) {
        /* The order compile() ran in: rules, then modifiers. */
        codes = calloc(n, sizeof *codes);
        for (size_t i = 0; codes != NULL && i < rules->nrules; i++) {
            codes[i] = rules->rules[i].code;
        }
        for (size_t i = 0; codes != NULL && i < rules->nmodifiers; i++) {
            codes[rules->nrules + i] = rules->modifiers[i].code;
        }
        if (codes == NULL ||
            pcre2_serialize_encode(codes, (int32_t)n, &bytes, &size, NULL) != (int32_t)n) {
            rc = dkg_error_set(err, DKG_ENOMEM, "cannot serialize the rules' patterns");
        }
    }
    if (rc == 0) {
        header h = {MAGIC, FORMAT_VERSION, BYTE_ORDER_MARK, dkg__cache_hash(0, buf, len),
                    size, dkg__cache_hash(0, (const char *)bytes, size), n};
        snprintf(tmp, sizeof tmp, "%.4090s.tmp", cache_path);
        FILE *f = fopen(tmp, "wb");
        int written = f != NULL && fwrite(&h, sizeof h, 1, f) == 1 &&
                      (size == 0 || fwrite(bytes, 1, size, f) == size);
        if (f != NULL && fclose(f) != 0) {
            written = 0;
        }
        if (!written || rename(tmp, cache_path) != 0) {
            remove(tmp);
            dkg_error_locate(err, cache_path, 0, 0, -1);
            rc = dkg_error_set(err, DKG_EIO, "cannot write the rules cache");
        }
    }
    if (bytes != NULL) {
        pcre2_serialize_free(bytes);
    }
    free(codes);
    free(buf);
    dkg_rules_free(rules);
    return rc;
}
