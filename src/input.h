/* src/input.h - walking the inputs of `dkg extract` and `dkg build`.
 *
 * One walker turns command-line operands (files, directories, "-") into a
 * stream of records: plain-text articles, JSON Lines articles, and extraction
 * records (lines of `dkg extract --jsonl` output, for `dkg build`). Bad records
 * are reported on stderr, one line each naming file, line and byte, and
 * skipped; the walk goes on. docs/input.md lists the inputs and every message.
 *
 * Memory is bounded: a plain-text article is read whole but never beyond
 * DKG_MAX_ARTICLE_BYTES, JSON Lines are read one line at a time into one
 * reused buffer capped at DKG_MAX_LINE_BYTES, whatever the size of the stream.
 */
#ifndef DKG_INPUT_H
#define DKG_INPUT_H

#include <stddef.h>

#include "dkg/extract.h"

typedef enum dkg_input_kind {
    DKG_INPUT_ARTICLE,   /* an article to extract: rec->article is filled */
    DKG_INPUT_EXTRACTION /* an extraction JSON object: rec->json is filled */
} dkg_input_kind;

/* One record, borrowed: every pointer is valid only during the callback. */
typedef struct dkg_input_record {
    dkg_input_kind kind;
    /* ARTICLE: text (valid UTF-8, no NUL, NUL-terminated, len bytes), source
     * (= the record's file), date ("YYYY-MM-DD" from the date line, the JSON
     * "date" or the default date; NULL when none), title (NULL when none), id
     * (the JSON "id"; NULL for plain text: the extractor uses the content id). */
    dkg_article article;
    /* EXTRACTION: one JSON object with a top-level "dkg" key, NUL-terminated,
     * json_len bytes, already checked to be valid JSON and UTF-8. */
    const char *json;
    size_t json_len;
    const char *source; /* the file path as given or found, or "<stdin>" */
    long line;          /* 1-based line for JSON Lines records, 0 for a whole file */
} dkg_input_record;

/* Called once per good record, in input order. Return 0 to go on; any other
 * value stops the walk and is stored in *stopped_out. */
typedef int (*dkg_input_callback)(void *ctx, const dkg_input_record *rec);

typedef struct dkg_input_options {
    const char *default_date; /* --date: "YYYY-MM-DD" for articles without one, or NULL */
} dkg_input_options;

/* Walk paths in order. Each path is:
 *   "-"          standard input (named "<stdin>" in messages);
 *   a directory  every *.txt, *.jsonl and *.ndjson file below it, recursively, in
 *                byte-wise sorted order; hidden entries (".name") are skipped;
 *                symbolic links are followed, but a directory already on the
 *                current path is not entered twice (no loops);
 *   a file       JSON Lines when its name ends in .jsonl or .ndjson or its first
 *                non-blank byte is '{'; otherwise one plain-text article.
 * Bad records are reported on stderr and skipped. opt may be NULL.
 * Returns the number of failed records (unreadable files, invalid UTF-8,
 * binary files, bad JSON, limits exceeded...; empty articles are warnings and
 * do not count). *stopped_out (may be NULL) is set to the callback's non-zero
 * return value when it stopped the walk, else to 0.
 * Cost: one pass over every input byte; memory bounded as said above. */
long dkg_input_walk(char *const *paths, int npaths, const dkg_input_options *opt,
                    dkg_input_callback cb, void *ctx, int *stopped_out);

/* Is s a real calendar date "YYYY-MM-DD"? For checking --date. Returns 1 or 0. */
int dkg_input_date_ok(const char *s);

#endif
