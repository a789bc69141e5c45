/* tests/unit/test_rules_cache.c - the snapshot of compiled rule patterns
 * (extract/rules_cache.c).
 *
 * Rules loaded with their snapshot must extract exactly what compiled rules
 * do; a snapshot must be used only for the very file it was made from, and a
 * damaged or cut one must be ignored (the patterns are compiled instead). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rules_internal.h"
#include "same_output.h"
#include "testlib.h"

#define RULES DKG_SOURCE_DIR "/data/rules/default.json"

static dkg_lexicon *lexicon;

static dkg_rules *load(const char *path, const char *cache)
{
    dkg_rules *rules = NULL;
    dkg_error err;
    dkg_error_clear(&err);
    CHECK_INT(dkg_rules_new(&rules, &err), 0);
    CHECK_INT(dkg_rules_load_cached(rules, path, cache, &err), 0);
    return rules;
}

static void spit(const char *path, const char *buf, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (f != NULL) {
        fwrite(buf, 1, len, f);
        fclose(f);
    }
}

int main(void)
{
    char tmp[] = "/tmp/dkg-rulecache-XXXXXX";
    if (mkdtemp(tmp) == NULL) {
        perror("mkdtemp");
        return 1;
    }
    char cache[512], edited[512];
    snprintf(cache, sizeof cache, "%s/rules.cache", tmp);
    snprintf(edited, sizeof edited, "%s/edited.json", tmp);
    dkg_error err;
    dkg_error_clear(&err);
    if (dkg_lexicon_new(&lexicon, &err) != 0 ||
        dkg_lexicon_load_dir(lexicon, DKG_SOURCE_DIR "/data/lexicon", &err) != 0) {
        fprintf(stderr, "cannot load the lexicon: %s\n", err.message);
        return 1;
    }
    CHECK_INT(dkg_rules_write_cache(RULES, cache, &err), 0);

    /* With the snapshot every pattern comes from it, and nothing changes. */
    dkg_rules *compiled = load(RULES, NULL);
    dkg_rules *cached = load(RULES, cache);
    CHECK_INT(cached->from_snapshot, compiled->nrules + compiled->nmodifiers);
    CHECK_INT(compiled->from_snapshot, 0);
    CHECK_INT(cached->nrules, compiled->nrules);
    CHECK_INT(cached->max_capture, compiled->max_capture);
    check_same_output(lexicon, compiled, cached);
    dkg_rules_jit(cached); /* decoded patterns JIT-compile like any other */
    check_same_output(lexicon, compiled, cached);
    dkg_rules_free(cached);

    /* Another file (one more space) is compiled, not taken from it. */
    size_t len = 0;
    char *text = testlib_slurp(RULES, &len);
    text[len++] = ' ';
    spit(edited, text, len);
    cached = load(edited, cache);
    CHECK_INT(cached->from_snapshot, 0);
    CHECK_INT(cached->nrules, compiled->nrules);
    dkg_rules_free(cached);
    free(text);

    /* Damaged or cut snapshots are ignored. */
    size_t clen = 0;
    char *good = testlib_slurp(cache, &clen);
    int used = 0;
    for (size_t at = 0; at < clen; at += clen / 97 + 1) {
        good[at] ^= 0x10;
        spit(cache, good, clen);
        good[at] ^= 0x10;
        cached = load(RULES, cache);
        used += cached->from_snapshot != 0;
        dkg_rules_free(cached);
    }
    for (size_t cut = 0; cut < clen; cut += clen / 13 + 1) {
        spit(cache, good, cut);
        cached = load(RULES, cache);
        used += cached->from_snapshot != 0;
        dkg_rules_free(cached);
    }
    CHECK_INT(used, 0);
    /* Rules already holding patterns load the file compiled. */
    spit(cache, good, clen);
    cached = load(RULES, cache);
    CHECK_INT(dkg_rules_load_cached(cached, RULES, cache, &err), 0);
    CHECK_INT(cached->from_snapshot, compiled->nrules + compiled->nmodifiers);
    CHECK_INT(cached->nrules, 2 * compiled->nrules);
    dkg_rules_free(cached);
    free(good);

    dkg_rules_free(compiled);
    dkg_lexicon_free(lexicon);
    remove(cache);
    remove(edited);
    rmdir(tmp);
    TEST_MAIN_END();
}
