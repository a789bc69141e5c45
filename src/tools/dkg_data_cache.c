/* src/tools/dkg_data_cache.c - build step: write the snapshots `dkg` loads at
 * start-up instead of compiling the shipped data: lexicon.cache (the loaded
 * lexicon, extract/lexicon_cache.c) and rules.cache (the compiled rule
 * patterns, extract/rules_cache.c). Each names the exact files it was made
 * from, so a stale one is never used; they only save time.
 *
 * Usage: dkg-data-cache DATA_DIR OUTPUT_DIR */
#include <stdio.h>

#include "dkg/extract.h"

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: dkg-data-cache DATA_DIR OUTPUT_DIR\n", stderr);
        return 2;
    }
    char lexicon[4200], rules[4200], lexicon_out[4200], rules_out[4200];
    snprintf(lexicon, sizeof lexicon, "%.4096s/lexicon", argv[1]);
    snprintf(rules, sizeof rules, "%.4096s/rules/default.json", argv[1]);
    snprintf(lexicon_out, sizeof lexicon_out, "%.4096s/lexicon.cache", argv[2]);
    snprintf(rules_out, sizeof rules_out, "%.4096s/rules.cache", argv[2]);
    dkg_error err;
    dkg_error_clear(&err);
    if (dkg_lexicon_write_cache(lexicon, lexicon_out, &err) != 0 ||
        dkg_rules_write_cache(rules, rules_out, &err) != 0) {
        fprintf(stderr, "dkg-data-cache: %s: %s\n", err.file[0] ? err.file : argv[1],
                err.message);
        return 1;
    }
    return 0;
}
