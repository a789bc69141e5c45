/* tests/unit/test_lexicon_cache.c - the binary lexicon snapshot
 * (extract/lexicon_cache.c).
 *
 * A snapshot must load into exactly the lexicon the JSON gives (every entity,
 * role, title, hit and map entry); it must be ignored once a source file
 * changes; and no damaged snapshot may be trusted or read out of bounds:
 * every truncation and every single-byte change is tried, re-signed with a
 * valid payload hash so that the structural checks (not just the hash) are
 * exercised. Under the ASan build an out-of-bounds read fails the test. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lexicon_cache.h"
#include "lexicon_internal.h"
#include "testlib.h"

static int same_str(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static int same_date(dkg_date a, dkg_date b)
{
    return a.year == b.year && a.month == b.month && a.day == b.day;
}

/* Every entry of map a is in map b with the same value, and they are as big. */
static int same_map(const dkg_strmap *a, const dkg_strmap *b)
{
    if (a->count != b->count) {
        return 0;
    }
    for (size_t i = 0; i < a->capacity; i++) {
        const dkg_strmap_slot *s = &a->slots[i];
        if (s->key != NULL && dkg__strmap_get(b, s->key, s->len) != s->value) {
            return 0;
        }
    }
    return 1;
}

static void check_same(const dkg_lexicon *a, const dkg_lexicon *b)
{
    CHECK_INT(a->nentities, b->nentities);
    CHECK_INT(a->ntitles, b->ntitles);
    CHECK_INT(a->nhits, b->nhits);
    int bad = 0;
    for (size_t i = 0; i < a->nentities && i < b->nentities; i++) {
        const lex_entity *x = &a->entities[i];
        const lex_entity *y = &b->entities[i];
        bad += !same_str(x->id, y->id) || !same_str(x->name, y->name) ||
               !same_str(x->kind, y->kind) || !same_str(x->country, y->country) ||
               !same_str(x->seat_of, y->seat_of) || !same_str(x->in, y->in) ||
               !same_str(x->capital, y->capital) || !same_str(x->surname, y->surname) ||
               x->type != y->type || x->gender != y->gender || x->nroles != y->nroles;
        for (int r = 0; r < x->nroles && r < y->nroles; r++) {
            const lex_role *p = &x->roles[r];
            const lex_role *q = &y->roles[r];
            bad += p->title != q->title || !same_str(p->of, q->of) ||
                   !same_date(p->from, q->from) || !same_date(p->to, q->to) ||
                   p->rank != q->rank;
        }
    }
    for (size_t i = 0; i < a->ntitles && i < b->ntitles; i++) {
        const lex_title *x = &a->titles[i];
        const lex_title *y = &b->titles[i];
        bad += !same_str(x->title, y->title) || x->leader != y->leader || x->rank != y->rank ||
               x->person_cue != y->person_cue;
    }
    for (size_t i = 0; i < a->nhits && i < b->nhits; i++) {
        bad += a->hits[i].count != b->hits[i].count;
        for (int k = 0; k < a->hits[i].count && k < b->hits[i].count; k++) {
            const lex_hit *x = &a->hits[i].items[k];
            const lex_hit *y = &b->hits[i].items[k];
            bad += x->target != y->target || x->kind != y->kind || x->case_rule != y->case_rule;
        }
    }
    CHECK_INT(bad, 0);
    CHECK(same_map(&a->ids, &b->ids));
    CHECK(same_map(&a->title_ids, &b->title_ids));
    CHECK(same_map(&a->names, &b->names));
    CHECK(same_map(&a->first_tokens, &b->first_tokens));
    CHECK(same_map(&a->surnames, &b->surnames));
    CHECK(same_map(&a->countries, &b->countries));
}

static dkg_lexicon *load_json(const char *dir)
{
    dkg_lexicon *lex = NULL;
    dkg_error err;
    dkg_error_clear(&err);
    CHECK_INT(dkg_lexicon_new(&lex, &err), 0);
    CHECK_INT(dkg_lexicon_load_dir(lex, dir, &err), 0);
    return lex;
}

static dkg_lexicon *load_cached(const char *dir, const char *cache)
{
    dkg_lexicon *lex = NULL;
    dkg_error err;
    dkg_error_clear(&err);
    CHECK_INT(dkg_lexicon_new(&lex, &err), 0);
    CHECK_INT(dkg_lexicon_load_dir_cached(lex, dir, cache, &err), 0);
    return lex;
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (f != NULL) {
        fputs(text, f);
        fclose(f);
    }
}

/* The shipped lexicon: the snapshot gives the same lexicon as the JSON. */
static void test_shipped(const char *tmp)
{
    char cache[512];
    snprintf(cache, sizeof cache, "%s/shipped.cache", tmp);
    dkg_error err;
    dkg_error_clear(&err);
    CHECK_INT(dkg_lexicon_write_cache(DKG_SOURCE_DIR "/data/lexicon", cache, &err), 0);
    size_t len = 0;
    char *buf = testlib_slurp(cache, &len);
    uint64_t source = 0;
    CHECK_INT(dkg__lexicon_source_hash(DKG_SOURCE_DIR "/data/lexicon", &source, &err), 0);
    dkg_lexicon *json = load_json(DKG_SOURCE_DIR "/data/lexicon");
    dkg_lexicon *snap = NULL;
    CHECK_INT(dkg_lexicon_new(&snap, &err), 0);
    CHECK_INT(dkg__lexicon_cache_decode(snap, buf, len, source), 0);
    CHECK(snap->nentities > 1000);
    check_same(snap, json);
    /* A snapshot of other sources is refused. */
    dkg__lexicon_clear(snap);
    CHECK_INT(dkg__lexicon_cache_decode(snap, buf, len, source + 1), DKG_EPARSE);
    dkg_lexicon_free(snap);
    dkg_lexicon_free(json);
    free(buf);
    remove(cache);
}

static const char titles_json[] =
    "{\"dkg_lexicon\": 1, \"titles\": [{\"title\": \"President\", \"leader\": true, "
    "\"rank\": 90, \"aliases\": [\"Pres.\"]}]}\n";
static const char people_json[] =
    "{\"dkg_lexicon\": 1, \"entities\": [\n"
    "{\"id\": \"country/fra\", \"type\": \"country\", \"name\": \"France\", "
    "\"adjectives\": [\"French\"], \"capital\": \"place/paris\"},\n"
    "{\"id\": \"place/paris\", \"type\": \"place\", \"name\": \"Paris\", \"country\": \"FRA\"},\n"
    "{\"id\": \"person/a-b\", \"type\": \"person\", \"name\": \"Anne Béru\", \"gender\": \"f\", "
    "\"aliases\": [\"A. Béru\", \"ANB\"], \"roles\": [{\"title\": \"President\", \"of\": \"FRA\", "
    "\"from\": \"2020-05\", \"to\": \"2024\"}]}]}\n";

/* A small directory: stale snapshots are ignored, damaged ones refused. */
static void test_small(const char *tmp)
{
    char dir[512], titles[600], people[600], cache[600];
    snprintf(dir, sizeof dir, "%s/lexicon", tmp);
    snprintf(titles, sizeof titles, "%s/titles.json", dir);
    snprintf(people, sizeof people, "%s/people.json", dir);
    snprintf(cache, sizeof cache, "%s/small.cache", tmp);
    CHECK_INT(mkdir(dir, 0755), 0);
    write_text(titles, titles_json);
    write_text(people, people_json);
    dkg_error err;
    dkg_error_clear(&err);
    CHECK_INT(dkg_lexicon_write_cache(dir, cache, &err), 0);

    dkg_lexicon *json = load_json(dir);
    dkg_lexicon *cached = load_cached(dir, cache);
    check_same(cached, json);
    CHECK(cached->block != NULL);

    /* A later file extending entities whose roles and hit lists sit in the
     * snapshot's block (ASan catches a realloc or free of those): the same
     * lexicon as extending the JSON-loaded one. */
    char extra[600];
    snprintf(extra, sizeof extra, "%s/extra.json", tmp);
    write_text(extra, "{\"dkg_lexicon\": 1, \"entities\": [{\"id\": \"person/a-b\", "
                      "\"type\": \"person\", \"name\": \"Anne Béru\", \"aliases\": [\"Béru\", "
                      "\"France\"], \"roles\": [{\"title\": \"President\", \"of\": \"FRA\", "
                      "\"from\": \"2025\"}]}]}\n");
    dkg_lexicon *json_more = load_json(dir);
    CHECK_INT(dkg_lexicon_load(json_more, extra, &err), 0);
    CHECK_INT(dkg_lexicon_load(cached, extra, &err), 0);
    check_same(cached, json_more);
    CHECK_INT(cached->entities[dkg__lexicon_entity(cached, "person/a-b")].nroles, 2);
    dkg_lexicon_free(json_more);
    dkg_lexicon_free(cached);
    remove(extra);

    /* Every truncation and every changed byte (re-signed) either decodes or is
     * refused; none may crash. A changed byte without re-signing is refused. */
    size_t len = 0;
    char *good = testlib_slurp(cache, &len);
    char *bad = malloc(len);
    uint64_t source = 0;
    CHECK_INT(dkg__lexicon_source_hash(dir, &source, &err), 0);
    dkg_lexicon *lex = NULL;
    CHECK_INT(dkg_lexicon_new(&lex, &err), 0);
    int accepted_truncations = 0, refused_unsigned = 0, odd_codes = 0;
    for (size_t cut = 0; cut < len; cut++) {
        int rc = dkg__lexicon_cache_decode(lex, good, cut, source);
        accepted_truncations += rc == 0;
        dkg__lexicon_clear(lex);
    }
    for (size_t at = 0; at < len; at++) {
        for (int flip = 1; flip < 256; flip <<= 3) {
            memcpy(bad, good, len);
            bad[at] = (char)(bad[at] ^ flip);
            int rc = dkg__lexicon_cache_decode(lex, bad, len, source);
            refused_unsigned += rc == DKG_EPARSE;
            dkg__lexicon_clear(lex);
            if (at >= DKG_CACHE_HEADER_BYTES) {
                uint64_t h = dkg__cache_hash(0, bad + DKG_CACHE_HEADER_BYTES,
                                             len - DKG_CACHE_HEADER_BYTES);
                for (int i = 0; i < 8; i++) {
                    bad[DKG_CACHE_HASH_AT + i] = (char)(h >> (8 * i));
                }
                rc = dkg__lexicon_cache_decode(lex, bad, len, source);
                odd_codes += rc != 0 && rc != DKG_EPARSE;
                dkg__lexicon_clear(lex);
            }
        }
    }
    CHECK_INT(accepted_truncations, 0);
    CHECK_INT(refused_unsigned, (int)len * 3);
    CHECK_INT(odd_codes, 0);
    dkg_lexicon_free(lex);

    /* A damaged snapshot on disk: the JSON is loaded instead. */
    memcpy(bad, good, len);
    bad[len / 2] ^= 0x20;
    FILE *f = fopen(cache, "wb");
    if (f != NULL) {
        fwrite(bad, 1, len, f);
        fclose(f);
    }
    cached = load_cached(dir, cache);
    check_same(cached, json);
    dkg_lexicon_free(cached);
    free(bad);

    /* An edited source makes the (intact) snapshot stale. */
    f = fopen(cache, "wb");
    if (f != NULL) {
        fwrite(good, 1, len, f);
        fclose(f);
    }
    free(good);
    write_text(people, "{\"dkg_lexicon\": 1, \"entities\": [{\"id\": \"person/c-d\", "
                       "\"type\": \"person\", \"name\": \"Carl Dunn\"}]}\n");
    dkg_lexicon *edited = load_json(dir);
    cached = load_cached(dir, cache);
    CHECK_INT(cached->nentities, 1);
    check_same(cached, edited);
    dkg_lexicon_free(cached);
    dkg_lexicon_free(edited);

    /* No snapshot, or a lexicon already holding entries: the JSON. */
    remove(cache);
    cached = load_cached(dir, cache);
    CHECK_INT(cached->nentities, 1);
    CHECK_INT(dkg_lexicon_load_dir_cached(cached, dir, cache, &err), 0);
    CHECK_INT(cached->nentities, 1);
    dkg_lexicon_free(cached);
    dkg_lexicon_free(json);
    remove(titles);
    remove(people);
    rmdir(dir);
}

/* The snapshot hash sees every byte and the length, on both sides of its
 * 32-byte blocks (the tail is padded with zeros, so a trailing zero byte
 * must still count), and continues from its seed. */
static void test_hash(void)
{
    char buf[100];
    for (size_t i = 0; i < sizeof buf; i++) {
        buf[i] = (char)(i * 37 + 11);
    }
    int missed = 0;
    for (size_t len = 1; len <= 80; len++) {
        uint64_t h = dkg__cache_hash(0, buf, len);
        for (size_t at = 0; at < len; at++) {
            for (int bit = 0; bit < 8; bit++) {
                buf[at] = (char)(buf[at] ^ (1 << bit));
                missed += dkg__cache_hash(0, buf, len) == h;
                buf[at] = (char)(buf[at] ^ (1 << bit));
            }
        }
        char zero[101];
        memcpy(zero, buf, len);
        zero[len] = '\0';
        missed += dkg__cache_hash(0, zero, len + 1) == h;
        missed += dkg__cache_hash(1, buf, len) == h;
    }
    CHECK_INT(missed, 0);
}

/* An empty lexicon (no entities, titles, hits or map entries) snapshots and
 * loads back empty. Regression: encoding it passed NULL to memcpy for the
 * empty arrays, which UBSan reports (found by fuzz_snapshot). */
static void test_empty(void)
{
    dkg_lexicon *lex = NULL, *back = NULL;
    dkg_error err;
    char *snap = NULL;
    size_t len = 0;
    dkg_error_clear(&err);
    CHECK(dkg_lexicon_new(&lex, &err) == 0 && dkg_lexicon_new(&back, &err) == 0);
    CHECK(dkg__lexicon_cache_encode(lex, 7, &snap, &len, &err) == 0);
    CHECK(snap != NULL && len >= DKG_CACHE_HEADER_BYTES);
    if (snap != NULL) {
        CHECK_INT(dkg__lexicon_cache_decode(back, snap, len, 7), 0);
        CHECK_INT(back->nentities, 0);
        CHECK_INT(back->ntitles, 0);
    }
    dkg_lexicon_free(back); /* strings point into snap: free it last */
    dkg_lexicon_free(lex);
    free(snap);
}

int main(void)
{
    test_hash();
    test_empty();
    char tmp[] = "/tmp/dkg-lexcache-XXXXXX";
    if (mkdtemp(tmp) == NULL) {
        perror("mkdtemp");
        return 1;
    }
    test_shipped(tmp);
    test_small(tmp);
    rmdir(tmp);
    TEST_MAIN_END();
}
