/* tests/fuzz/fuzz_common.h - what every libFuzzer target of dkg shares.
 *
 * The targets load the shipped lexicon and rules once (from $DKG_DATA_DIR when
 * set, else the source tree's data/), like `dkg extract` does, and abort()
 * on an internal inconsistency so that libFuzzer records the input: an abort
 * here means "dkg broke a promise of its API", never "the input was bad".
 * Header-only (static functions) so each target stays one translation unit. */
#ifndef DKG_FUZZ_COMMON_H
#define DKG_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dkg/extract.h"

#ifndef DKG_SOURCE_DIR
#define DKG_SOURCE_DIR "."
#endif

/* Report a broken invariant and abort so the fuzzer keeps the input. */
#define FUZZ_ASSERT(cond)                                                                    \
    do {                                                                                     \
        if (!(cond)) {                                                                       \
            fprintf(stderr, "fuzz: %s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                         \
        }                                                                                    \
    } while (0)

static inline const char *fuzz_data_dir(void)
{
    const char *env = getenv("DKG_DATA_DIR");
    return (env != NULL && env[0] != '\0') ? env : DKG_SOURCE_DIR "/data";
}

/* The shipped lexicon (when want_lexicon) and rules (when want_rules), or
 * empty ones. A failure to load the shipped data is a setup error: exit. */
static inline void fuzz_load_defaults(dkg_lexicon **lex_out, dkg_rules **rules_out,
                                      int want_lexicon, int want_rules)
{
    dkg_error err;
    char path[4200];
    dkg_error_clear(&err);
    if (dkg_lexicon_new(lex_out, &err) != 0 || dkg_rules_new(rules_out, &err) != 0) {
        fprintf(stderr, "fuzz: setup: %s\n", err.message);
        exit(1);
    }
    if (want_lexicon) {
        snprintf(path, sizeof path, "%s/lexicon", fuzz_data_dir());
        if (dkg_lexicon_load_dir(*lex_out, path, &err) != 0) {
            fprintf(stderr, "fuzz: setup: %s: %s\n", err.file, err.message);
            exit(1);
        }
    }
    if (want_rules) {
        snprintf(path, sizeof path, "%s/rules/default.json", fuzz_data_dir());
        if (dkg_rules_load(*rules_out, path, &err) != 0) {
            fprintf(stderr, "fuzz: setup: %s: %s\n", err.file, err.message);
            exit(1);
        }
    }
}

/* Just the shipped rules, for the targets whose input is a lexicon. */
static inline dkg_rules *fuzz_shipped_rules(void)
{
    dkg_lexicon *unused = NULL;
    dkg_rules *rules = NULL;
    fuzz_load_defaults(&unused, &rules, 0, 1);
    dkg_lexicon_free(unused);
    return rules;
}

/* The extraction JSON (malloc'd) of a fixed short article with lex and
 * rules, or NULL when no extractor can be made with them; an extraction
 * that fails or returns a mismatched length aborts. For the targets whose
 * input is a lexicon: entries that load but break lookup show up here. */
static inline char *fuzz_extract_fixed_article(dkg_lexicon *lex, dkg_rules *rules)
{
    static const char article[] =
        " date 2025-12-04 Leaders meet\n\n"
        "President Alpha Beta met Prime Minister Gamma in Paris on Thursday. "
        "The French leader said the two leaders would visit Beijing. "
        "Ms. Delta, a senior fellow at the Institute, spoke by phone with Epsilon.\n";
    dkg_extractor *ex = NULL;
    dkg_error err;
    dkg_article art;
    const char *json = NULL;
    size_t len = 0;
    dkg_error_clear(&err);
    if (dkg_extractor_new(&ex, lex, rules, NULL, &err) != 0) {
        return NULL;
    }
    memset(&art, 0, sizeof art);
    art.text = article;
    art.len = sizeof article - 1;
    art.date = "2025-12-04";
    FUZZ_ASSERT(dkg_extract(ex, &art, &json, &len, &err) == 0 && json != NULL &&
                strlen(json) == len);
    char *copy = strdup(json);
    FUZZ_ASSERT(copy != NULL);
    dkg_extractor_free(ex);
    return copy;
}

/* A private file in /dev/shm (memory, not disk) for APIs that read paths.
 * Returns a static path; the target unlinks it after each input. */
static inline const char *fuzz_write_temp(const char *suffix, const unsigned char *data,
                                          size_t size)
{
    static char path[256];
    FILE *f;
    snprintf(path, sizeof path, "/dev/shm/dkg-fuzz-%ld%s", (long)getpid(), suffix);
    f = fopen(path, "wb");
    if (f == NULL) {
        snprintf(path, sizeof path, "/tmp/dkg-fuzz-%ld%s", (long)getpid(), suffix);
        f = fopen(path, "wb");
    }
    if (f == NULL) {
        perror("fuzz: temp file");
        exit(1);
    }
    if (size > 0 && fwrite(data, 1, size, f) != size) {
        perror("fuzz: temp file");
        exit(1);
    }
    if (fclose(f) != 0) {
        perror("fuzz: temp file");
        exit(1);
    }
    return path;
}

#endif
