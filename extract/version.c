/* extract/version.c - versions of the libraries extract/ links, for --version. */
#include <pcre2.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#include "dkg/extract.h"

const char *dkg_pcre2_version(void)
{
    static char version[64];
    if (version[0] == '\0') {
        pcre2_config(PCRE2_CONFIG_VERSION, version);
    }
    return version;
}

const char *dkg_cjson_version(void)
{
    return cJSON_Version();
}
