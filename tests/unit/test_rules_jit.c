/* tests/unit/test_rules_jit.c - JIT compiling the rules in shares
 * (dkg_rules_jit_share), as the worker threads of `dkg extract -j N` do.
 *
 * Each share must compile exactly its own patterns; shares compiled at the
 * same time on different threads must leave every pattern JIT-compiled; and
 * the rules must then extract exactly what uncompiled rules do. */
#include <pthread.h>
#include <stdio.h>

#include "rules_internal.h"
#include "same_output.h"
#include "testlib.h"

#define RULES DKG_SOURCE_DIR "/data/rules/default.json"
#define THREADS 3

static dkg_rules *load(void)
{
    dkg_rules *rules = NULL;
    dkg_error err;
    dkg_error_clear(&err);
    CHECK_INT(dkg_rules_new(&rules, &err), 0);
    CHECK_INT(dkg_rules_load(rules, RULES, &err), 0);
    return rules;
}

/* Pattern i, counting the rules first and then the modifiers. */
static pcre2_code *pattern(const dkg_rules *rules, size_t i)
{
    return i < rules->nrules ? rules->rules[i].code : rules->modifiers[i - rules->nrules].code;
}

static size_t is_jitted(const dkg_rules *rules, size_t i)
{
    size_t size = 0;
    pcre2_pattern_info(pattern(rules, i), PCRE2_INFO_JITSIZE, &size);
    return size > 0 ? 1 : 0;
}

typedef struct share {
    dkg_rules *rules;
    int part;
} share;

static void *compile_share(void *arg)
{
    share *s = arg;
    dkg_rules_jit_share(s->rules, s->part, THREADS);
    return NULL;
}

int main(void)
{
    dkg_error err;
    dkg_error_clear(&err);
    dkg_lexicon *lexicon = NULL;
    if (dkg_lexicon_new(&lexicon, &err) != 0 ||
        dkg_lexicon_load_dir(lexicon, DKG_SOURCE_DIR "/data/lexicon", &err) != 0) {
        fprintf(stderr, "cannot load the lexicon: %s\n", err.message);
        return 1;
    }
    size_t probe = 0;
    if (pcre2_config(PCRE2_CONFIG_JIT, &probe) != 0 || probe == 0) {
        fprintf(stderr, "PCRE2 without JIT: nothing to test\n");
        dkg_lexicon_free(lexicon);
        return 77;
    }
    dkg_rules *plain = load();

    /* One share compiles its own patterns and no other. */
    dkg_rules *rules = load();
    size_t total = rules->nrules + rules->nmodifiers;
    CHECK(total > (size_t)THREADS);
    dkg_rules_jit_share(rules, 1, THREADS);
    size_t mine = 0, others = 0;
    for (size_t i = 0; i < total; i++) {
        if (i % THREADS == 1) {
            mine += is_jitted(rules, i);
        } else {
            others += is_jitted(rules, i);
        }
    }
    CHECK_INT((long)mine, (long)((total - 1 + THREADS - 1) / THREADS));
    CHECK_INT((long)others, 0);
    CHECK_INT(rules->jit_done, 0);
    /* Out-of-range shares do nothing. */
    dkg_rules_jit_share(rules, THREADS, THREADS);
    dkg_rules_jit_share(rules, -1, THREADS);
    dkg_rules_jit_share(rules, 0, 0);
    size_t after = 0;
    for (size_t i = 0; i < total; i++) {
        after += is_jitted(rules, i);
    }
    CHECK_INT((long)after, (long)mine);
    dkg_rules_free(rules);

    /* All shares at once, one per thread: every pattern ends up compiled,
     * dkg_rules_jit marks the rules done, and the output is unchanged. */
    rules = load();
    pthread_t threads[THREADS];
    share shares[THREADS];
    for (int t = 0; t < THREADS; t++) {
        shares[t].rules = rules;
        shares[t].part = t;
        CHECK_INT(pthread_create(&threads[t], NULL, compile_share, &shares[t]), 0);
    }
    for (int t = 0; t < THREADS; t++) {
        pthread_join(threads[t], NULL);
    }
    size_t compiled = 0;
    for (size_t i = 0; i < total; i++) {
        compiled += is_jitted(rules, i);
    }
    CHECK_INT((long)compiled, (long)total);
    CHECK_INT(dkg_rules_jit(rules), 0);
    CHECK_INT(rules->jit_done, 1);
    check_same_output(lexicon, plain, rules);
    /* Once done, a share is a no-op. */
    CHECK_INT(dkg_rules_jit_share(rules, 0, THREADS), 0);

    dkg_rules_free(rules);
    dkg_rules_free(plain);
    dkg_lexicon_free(lexicon);
    TEST_MAIN_END();
}
