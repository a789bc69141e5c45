/* tests/unit/same_output.h - do two sets of rules extract the same JSON from
 * every sample article? (for tests of loading or compiling rules another way:
 * a snapshot, a JIT compile split between threads). */
#ifndef DKG_TEST_SAME_OUTPUT_H
#define DKG_TEST_SAME_OUTPUT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dkg/extract.h"
#include "testlib.h"

/* Extraction of every sample with rules a and b gives the same JSON. */
static inline void check_same_output(const dkg_lexicon *lexicon, const dkg_rules *a,
                                     const dkg_rules *b)
{
    static const char *const samples[] = {"01_albanese_modi", "02_erdogan_putin_call",
                                          "03_lula_japan_visit", "04_trilateral_summit",
                                          "05_blinken_wang_analyst", "06_panda_distractor"};
    dkg_error err;
    dkg_error_clear(&err);
    dkg_extractor *xa = NULL, *xb = NULL;
    CHECK_INT(dkg_extractor_new(&xa, lexicon, a, NULL, &err), 0);
    CHECK_INT(dkg_extractor_new(&xb, lexicon, b, NULL, &err), 0);
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        char path[512];
        snprintf(path, sizeof path, DKG_SOURCE_DIR "/samples/%s.txt", samples[i]);
        static char text[1 << 16];
        FILE *f = fopen(path, "rb");
        size_t len = f != NULL ? fread(text, 1, sizeof text - 1, f) : 0;
        if (f != NULL) {
            fclose(f);
        }
        dkg_article art = {0};
        art.text = text;
        art.len = len;
        art.id = samples[i];
        const char *ja = NULL, *jb = NULL;
        size_t la = 0, lb = 0;
        CHECK_INT(dkg_extract(xa, &art, &ja, &la, &err), 0);
        char *copy = ja != NULL ? strdup(ja) : NULL;
        CHECK_INT(dkg_extract(xb, &art, &jb, &lb, &err), 0);
        CHECK(copy != NULL && jb != NULL && strcmp(copy, jb) == 0);
        CHECK(strstr(jb != NULL ? jb : "", "\"relations\"") != NULL);
        free(copy);
    }
    dkg_extractor_free(xa);
    dkg_extractor_free(xb);
}

#endif
