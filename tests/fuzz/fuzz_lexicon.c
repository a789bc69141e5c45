/* tests/fuzz/fuzz_lexicon.c - libFuzzer target: lexicon loading.
 *
 * The input is one lexicon JSON file given to dkg_lexicon_load_buffer on top
 * of an empty lexicon. A refusal must come with a message; an accepted file
 * is then used: a short article naming a few common words and the first
 * bytes of the input is extracted with it, so entries that load but break
 * lookup (empty names, odd aliases, reversed role dates) are exercised too. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_common.h"

static dkg_rules *rules;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    rules = fuzz_shipped_rules();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dkg_lexicon *lex = NULL;
    dkg_error err;
    dkg_error_clear(&err);
    if (dkg_lexicon_new(&lex, &err) != 0) {
        return 0;
    }
    int rc = dkg_lexicon_load_buffer(lex, "fuzz.json", (const char *)data, size, &err);
    if (rc != 0) {
        FUZZ_ASSERT(rc < 0 && err.message[0] != '\0');
    } else {
        free(fuzz_extract_fixed_article(lex, rules));
    }
    dkg_lexicon_free(lex);
    return 0;
}
