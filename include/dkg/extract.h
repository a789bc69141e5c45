/* dkg/extract.h - text -> entities and relations (the extraction contract v1).
 *
 * Ownership in one line: every object is created by a _new/_load function,
 * belongs to the caller and is released with its _free (which accepts NULL).
 *
 * Threads: a loaded dkg_lexicon and dkg_rules are read-only and may be shared
 * by any number of threads once loading is finished; a dkg_extractor holds the
 * per-thread scratch state (PCRE2 match data, JIT stack, buffers) and must be
 * used by one thread at a time. Extracting an article is a pure function of
 * (text, article date, lexicon, rules, options).
 */
#ifndef DKG_EXTRACT_H
#define DKG_EXTRACT_H

#include <stddef.h>
#include "dkg/error.h"

/* ---- limits (documented in README "Limits"; exceeding one is DKG_ELIMIT) ---- */
#define DKG_MAX_ARTICLE_BYTES ((size_t)64 * 1024 * 1024) /* one article's text */
#define DKG_MAX_SENTENCE_BYTES ((size_t)64 * 1024)        /* longer sentences are cut */
#define DKG_MAX_LINE_BYTES ((size_t)80 * 1024 * 1024)     /* one JSON Lines record */
#define DKG_MAX_JSON_DEPTH 64                              /* nesting in our inputs */
#define DKG_MAX_LEXICON_ENTRIES 2000000                    /* entries across all files */

/* ---- articles ------------------------------------------------------------ */

/* One article as the extractor sees it. All strings are borrowed, UTF-8,
 * NUL-terminated; text may contain no NUL (len gives its length). id, source,
 * date and title may be NULL. date is "YYYY-MM-DD" or NULL. */
typedef struct dkg_article {
    const char *id;
    const char *source;
    const char *date;
    const char *title;
    const char *text;
    size_t len;
} dkg_article;

/* Split a plain-text article: when its first line is " date YYYY-MM-DD Headline"
 * (leading spaces allowed) fill date_out (11 bytes) and point title_out and
 * title_len_out at the headline; the text stays whole (offsets are into the file as read).
 * Returns 1 when a date line was found, 0 otherwise. */
int dkg_article_parse_dateline(const char *text, size_t len, char date_out[11],
                               const char **title_out, size_t *title_len_out);

/* Validate UTF-8. Returns 0 when buf[0..len) is valid UTF-8 without NUL bytes,
 * else DKG_EUTF8 with the byte offset of the first bad byte in *bad_offset. */
int dkg_utf8_validate(const char *buf, size_t len, size_t *bad_offset);

/* Check that JSON text nests arrays and objects no deeper than max_depth
 * (DKG_MAX_JSON_DEPTH for our inputs). Returns 0, or DKG_ELIMIT with the
 * byte offset of the first bracket too deep in *bad_offset. Cost O(len). */
int dkg_json_depth_check(const char *buf, size_t len, int max_depth, size_t *bad_offset);

/* A content id for text: "sha1-like" 16 hex digits (FNV-1a 64 of the bytes),
 * written to out (17 bytes). Stable across runs and machines. */
void dkg_content_id(const char *text, size_t len, char out[17]);

/* ---- lexicon --------------------------------------------------------------- */

typedef struct dkg_lexicon dkg_lexicon;

/* An empty lexicon. */
int dkg_lexicon_new(dkg_lexicon **out, dkg_error *err);

/* Add the entries of one lexicon JSON file (format: docs/lexicon.md). On error
 * err names the file, line, column and the JSON path of the bad entry; the
 * lexicon keeps the entries of files loaded before. */
int dkg_lexicon_load(dkg_lexicon *lex, const char *path, dkg_error *err);

/* Same, from a buffer; name is used in error messages. */
int dkg_lexicon_load_buffer(dkg_lexicon *lex, const char *name, const char *buf, size_t len,
                            dkg_error *err);

/* Add every .json file of a directory, in name order. */
int dkg_lexicon_load_dir(dkg_lexicon *lex, const char *dir, dkg_error *err);

/* Same as dkg_lexicon_load_dir into an empty lexicon, but first try the
 * binary snapshot at cache_path (written by dkg_lexicon_write_cache): it is
 * used only when intact and made from exactly the files dir holds now (same
 * names and bytes); otherwise, or when lex is not empty or cache_path is
 * NULL, the JSON files are loaded. Results are the same either way; the
 * snapshot loads some 30 times faster. Cost: the files are read and hashed
 * each time, about 1 ms for the shipped lexicon. */
int dkg_lexicon_load_dir_cached(dkg_lexicon *lex, const char *dir, const char *cache_path,
                                dkg_error *err);

/* Load the lexicon directory dir from JSON and write its binary snapshot to
 * cache_path (through a temporary file renamed into place). Returns 0, the
 * loading error, or DKG_EIO naming cache_path. */
int dkg_lexicon_write_cache(const char *dir, const char *cache_path, dkg_error *err);

/* Number of entries (entities) loaded. */
size_t dkg_lexicon_size(const dkg_lexicon *lex);

void dkg_lexicon_free(dkg_lexicon *lex);

/* ---- rules ------------------------------------------------------------------ */

typedef struct dkg_rules dkg_rules;

int dkg_rules_new(dkg_rules **out, dkg_error *err);

/* Add (and compile) the rules of one rules JSON file (format: docs/rules.md).
 * A pattern that does not compile gives DKG_EPARSE with the PCRE2 message,
 * err->context = the pattern and err->caret = the offset. Patterns are not
 * JIT-compiled yet: see dkg_rules_jit. */
int dkg_rules_load(dkg_rules *rules, const char *path, dkg_error *err);
int dkg_rules_load_buffer(dkg_rules *rules, const char *name, const char *buf, size_t len,
                          dkg_error *err);

/* Same as dkg_rules_load into empty rules, but take the compiled patterns
 * from the snapshot at cache_path (written by dkg_rules_write_cache) when it
 * is intact and was made from a file with exactly these bytes; otherwise, or
 * when cache_path is NULL, compile them. Results are the same either way. */
int dkg_rules_load_cached(dkg_rules *rules, const char *path, const char *cache_path,
                          dkg_error *err);

/* Load the rules file at path and write the snapshot of its compiled
 * patterns to cache_path (through a temporary file renamed into place).
 * Returns 0, the loading error, or DKG_EIO naming cache_path. */
int dkg_rules_write_cache(const char *path, const char *cache_path, dkg_error *err);

size_t dkg_rules_size(const dkg_rules *rules);

/* JIT-compile every pattern (PCRE2 JIT), so matching runs several times
 * faster. Without it extraction gives the same results with the PCRE2
 * interpreter. Call it before sharing the rules between threads: it modifies
 * the patterns, so no extraction may run over these rules meanwhile. Calling
 * it again is free; rules loaded later need another call. Returns 0 (JIT being
 * unavailable is not an error). Cost: about 2M instructions per shipped
 * pattern; worth it once some hundred kilobytes of text will be extracted. */
int dkg_rules_jit(dkg_rules *rules);

/* JIT-compile share `part` (0 .. nparts-1) of the patterns, so that nparts
 * threads can split the work of dkg_rules_jit: calls with different parts
 * may run at the same time, as long as no extraction runs over these rules
 * meanwhile. Afterwards call dkg_rules_jit once (it finds nothing left to
 * compile and marks the rules done) before extracting. Returns 0. */
int dkg_rules_jit_share(dkg_rules *rules, int part, int nparts);

void dkg_rules_free(dkg_rules *rules);

/* ---- extraction --------------------------------------------------------------- */

typedef enum dkg_offset_unit {
    DKG_OFFSETS_BYTES = 0,     /* byte offsets into the UTF-8 text (default) */
    DKG_OFFSETS_CODEPOINTS = 1 /* Unicode code points, for Python/JS slicing */
} dkg_offset_unit;

typedef struct dkg_extract_options {
    dkg_offset_unit offsets;
    int pretty; /* 1: indented JSON; 0: one line */
} dkg_extract_options;

typedef struct dkg_extractor dkg_extractor;

/* Per-thread extraction state over a shared lexicon and rules (borrowed; they
 * must outlive the extractor). options may be NULL for defaults. */
int dkg_extractor_new(dkg_extractor **out, const dkg_lexicon *lex, const dkg_rules *rules,
                      const dkg_extract_options *options, dkg_error *err);

/* Extract one article and return its extraction JSON (the v1 contract, see
 * DESIGN/README) in *json_out (NUL-terminated, *len_out bytes). The buffer is
 * owned by the extractor and valid until its next call; copy it to keep it.
 * Invalid UTF-8 gives DKG_EUTF8 with err->offset. Runaway rule patterns do not
 * fail the call: they become entries in the output's "warnings".
 * Cost: linear in the text for lexicon lookup; rules run per sentence only
 * when one of their trigger words occurs in it. */
int dkg_extract(dkg_extractor *ex, const dkg_article *article, const char **json_out,
                size_t *len_out, dkg_error *err);

void dkg_extractor_free(dkg_extractor *ex);

/* Versions of the libraries extract/ links, e.g. "10.42 2022-12-11". */
const char *dkg_pcre2_version(void);
const char *dkg_cjson_version(void);

#endif
