/* src/cli_pipeline.c - lexicon and rules loading shared by extract, build and eval. */
#include <stdio.h>
#if defined(__GLIBC__)
#include <malloc.h> /* mallopt */
#endif
#include <sys/stat.h>

#include "cli_pipeline.h"
#include "commands.h"

static int load_rules_dir(dkg_rules *rules, const char *dir, dkg_error *err)
{
    char path[4200], cache[4200];
    snprintf(path, sizeof path, "%.4096s/default.json", dir);
    cli_data_cache(cache, sizeof cache, "rules.cache");
    return dkg_rules_load_cached(rules, path, cache, err);
}

/* glibc gives the top of the heap back to the kernel whenever more than
 * 128 KB of it is free. PCRE2's JIT compiler allocates and frees large
 * scratch blocks for every pattern, so JIT-compiling the rules cost some 1,800
 * brk calls, each with a TLB flush (measured: a third of the system time of a
 * 20 MB run); worker threads' arenas shrink and regrow the same way. Keeping
 * up to TRIM_BYTES free and growing by TOP_PAD_BYTES at a time stops that
 * churn; blocks below MMAP_BYTES stay on the heap instead of being mapped and
 * unmapped each time. Setting any of these turns off glibc's own adaptive
 * thresholds, so all three are set together. */
#define TRIM_BYTES (16 * 1024 * 1024)
#define TOP_PAD_BYTES (1024 * 1024)
#define MMAP_BYTES (4 * 1024 * 1024)

static void tune_malloc(void)
{
#if defined(__GLIBC__)
    mallopt(M_TRIM_THRESHOLD, TRIM_BYTES);
    mallopt(M_TOP_PAD, TOP_PAD_BYTES);
    mallopt(M_MMAP_THRESHOLD, MMAP_BYTES);
#endif
}

int cli_load_extraction_data(const cli_extract_setup *setup, dkg_lexicon **lex_out,
                             dkg_rules **rules_out)
{
    tune_malloc();
    dkg_error err;
    dkg_error_clear(&err);
    dkg_lexicon *lex = NULL;
    dkg_rules *rules = NULL;
    int rc = dkg_lexicon_new(&lex, &err);
    rc = rc ? rc : dkg_rules_new(&rules, &err);
    char dir[4200];
    if (rc == 0 && !setup->no_default_data) {
        snprintf(dir, sizeof dir, "%.4096s/lexicon", cli_data_dir());
        char cache[4200];
        cli_data_cache(cache, sizeof cache, "lexicon.cache");
        rc = dkg_lexicon_load_dir_cached(lex, dir, cache, &err);
        if (rc == 0) {
            snprintf(dir, sizeof dir, "%.4096s/rules", cli_data_dir());
            rc = load_rules_dir(rules, dir, &err);
        }
    }
    for (int i = 0; rc == 0 && i < setup->nlexicon; i++) {
        rc = dkg_lexicon_load(lex, setup->lexicon_files[i], &err);
    }
    for (int i = 0; rc == 0 && i < setup->nrules; i++) {
        rc = dkg_rules_load(rules, setup->rules_files[i], &err);
    }
    if (rc == 0 && !setup->defer_jit) {
        rc = dkg_rules_jit(rules);
    }
    if (rc != 0) {
        cli_print_error(&err);
        dkg_lexicon_free(lex);
        dkg_rules_free(rules);
        return DKG_EXIT_FAILURE;
    }
    *lex_out = lex;
    *rules_out = rules;
    return 0;
}
