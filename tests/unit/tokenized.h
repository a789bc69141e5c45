/* tests/unit/tokenized.h - a bare extractor holding one text's sentences and
 * tokens, for the tests of what dkg__tokenize makes (no lexicon, no rules). */
#ifndef DKG_TEST_TOKENIZED_H
#define DKG_TEST_TOKENIZED_H

#include <stdlib.h>
#include <string.h>

#include "extractor_internal.h"
#include "testlib.h"

static dkg_extractor *tokenized(const char *text)
{
    dkg_extractor *ex = calloc(1, sizeof *ex);
    CHECK(ex != NULL);
    ex->text = text;
    ex->len = strlen(text);
    CHECK_INT(dkg__segment(ex->text, ex->len, &ex->sentences), 0);
    CHECK_INT(dkg__tokenize(ex), 0);
    return ex;
}

static void release(dkg_extractor *ex)
{
    dkg__sentences_destroy(&ex->sentences);
    free(ex->tokens);
    free(ex->keys);
    free(ex);
}

#endif
