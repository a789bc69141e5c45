/* src/cli_data_dir.c - where the shipped lexicon and rules are found.
 *
 * Order: $DKG_DATA_DIR, then the installed share/dkg, then the source tree the
 * binary was built from (so ./build/dkg works without installing). The
 * lexicon snapshot (extract/lexicon_cache.c) is looked for beside the data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"

static int is_dir(const char *path)
{
    struct stat st;
    return path != NULL && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *cli_data_dir(void)
{
    const char *env = getenv("DKG_DATA_DIR");
    if (env != NULL && env[0] != '\0') {
        return env;
    }
    if (is_dir(DKG_DATA_SOURCE_DIR)) {
        return DKG_DATA_SOURCE_DIR;
    }
    return DKG_DATA_INSTALL_DIR;
}

const char *cli_lexicon_cache(void)
{
    /* Made at build time beside the binary for the source tree's data, and
     * installed beside the installed data. Whatever file this names, the
     * loader uses it only if it was made from the very files it loads. */
    static char path[4200];
    const char *dir = cli_data_dir();
    if (strcmp(dir, DKG_DATA_SOURCE_DIR) == 0) {
        return DKG_LEXICON_CACHE_BUILD;
    }
    snprintf(path, sizeof path, "%.4096s/lexicon.cache", dir);
    return path;
}
