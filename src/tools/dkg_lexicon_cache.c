/* src/tools/dkg_lexicon_cache.c - build step: write the binary snapshot of the
 * shipped lexicon directory that `dkg` loads at start-up instead of the JSON
 * (see extract/lexicon_cache.c). The snapshot names the exact files it was
 * made from, so a stale one is never used; this only saves time.
 *
 * Usage: dkg-lexicon-cache LEXICON_DIR OUTPUT */
#include <stdio.h>

#include "dkg/extract.h"

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: dkg-lexicon-cache LEXICON_DIR OUTPUT\n", stderr);
        return 2;
    }
    dkg_error err;
    dkg_error_clear(&err);
    if (dkg_lexicon_write_cache(argv[1], argv[2], &err) != 0) {
        fprintf(stderr, "dkg-lexicon-cache: %s: %s\n", err.file[0] ? err.file : argv[1],
                err.message);
        return 1;
    }
    return 0;
}
