/* src/cli_pipeline.h - loading the lexicon and rules the way every
 * subcommand that extracts does: the shipped data first, then the user's
 * --lexicon and --rules files, each error printed with its location. */
#ifndef DKG_CLI_PIPELINE_H
#define DKG_CLI_PIPELINE_H

#include "dkg/extract.h"

typedef struct cli_extract_setup {
    const char *lexicon_files[64];
    int nlexicon;
    const char *rules_files[64];
    int nrules;
    int no_default_data; /* --no-default-data: only the user's files */
    int defer_jit;       /* 1: leave dkg_rules_jit to the caller (see cli_parallel.h) */
} cli_extract_setup;

/* Load lexicon and rules, and JIT-compile the rules unless defer_jit. On
 * failure prints the error and returns non-zero (the exit status to use). On
 * success *lex_out and *rules_out belong to the caller. */
int cli_load_extraction_data(const cli_extract_setup *setup, dkg_lexicon **lex_out,
                             dkg_rules **rules_out);

#endif
