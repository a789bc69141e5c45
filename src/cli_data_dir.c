/* src/cli_data_dir.c - where the shipped lexicon and rules are found.
 *
 * Order: $DKG_DATA_DIR, then the installed share/dkg, then the source tree the
 * binary was built from (so ./build/dkg works without installing). The
 * snapshots of lexicon and rules (extract/lexicon_cache.c, rules_cache.c) are looked for beside it. */
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

void cli_data_cache(char *out, size_t cap, const char *file)
{
    /* Made at build time beside the binary for the source tree's data, and
     * installed beside the installed data. Whatever file this names, the
     * loaders use it only if it was made from the very files they load. */
    const char *dir = cli_data_dir();
    if (strcmp(dir, DKG_DATA_SOURCE_DIR) == 0) {
        dir = DKG_DATA_CACHE_BUILD_DIR;
    }
    snprintf(out, cap, "%.4096s/%s", dir, file);
}
