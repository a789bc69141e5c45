/* tests/fuzz/fuzz_rules.c - libFuzzer target: rules loading and matching.
 *
 * The input is one rules JSON file given to dkg_rules_load_buffer. A refusal
 * must come with a message; accepted rules are run over a fixed article with
 * the shipped lexicon, because the dangerous part of a user's rule is its
 * pattern at match time: a runaway pattern must end as a "warnings" entry
 * within the match limits, which libFuzzer's -timeout turns into a finding
 * when it does not. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_common.h"

static dkg_lexicon *lexicon;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    dkg_rules *unused = NULL;
    (void)argc;
    (void)argv;
    fuzz_load_defaults(&lexicon, &unused, 1, 0);
    dkg_rules_free(unused);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char article[] =
        " date 2025-12-04 Macron meets Xi\n\n"
        "French President Emmanuel Macron met Chinese President Xi Jinping in Beijing on "
        "Thursday. The two leaders held talks at the Great Hall of the People. Macron will "
        "visit Chengdu on Friday. Xi did not meet German Chancellor Olaf Scholz. "
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\n";
    dkg_rules *rules = NULL;
    dkg_extractor *ex = NULL;
    dkg_error err;
    dkg_article art;
    const char *json = NULL;
    size_t len = 0;
    int rc;
    dkg_error_clear(&err);
    if (dkg_rules_new(&rules, &err) != 0) {
        return 0;
    }
    rc = dkg_rules_load_buffer(rules, "fuzz.json", (const char *)data, size, &err);
    if (rc != 0) {
        FUZZ_ASSERT(rc < 0 && err.message[0] != '\0');
        /* A caret must point inside the context buffer it underlines. (Not
         * strlen: a context quoting a line with NUL bytes stops early.) */
        FUZZ_ASSERT(err.caret < (long)sizeof err.context);
    } else if (dkg_rules_jit(rules) == 0 &&
               dkg_extractor_new(&ex, lexicon, rules, NULL, &err) == 0) {
        /* JIT-compiled, as the command runs them on any sizeable input. */
        memset(&art, 0, sizeof art);
        art.text = article;
        art.len = sizeof article - 1;
        art.date = "2025-12-04";
        rc = dkg_extract(ex, &art, &json, &len, &err);
        FUZZ_ASSERT(rc == 0 && json != NULL && strlen(json) == len);
    }
    dkg_extractor_free(ex);
    dkg_rules_free(rules);
    return 0;
}
