/* src/cli_data_dir.c - where the shipped lexicon and rules are found.
 *
 * Order: $DKG_DATA_DIR, then the installed share/dkg, then the source tree the
 * binary was built from (so ./build/dkg works without installing). */
#include <stdlib.h>
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
