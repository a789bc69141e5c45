/* src/eval.h - internals of 'dkg eval', shared by cmd_eval.c and src/eval_*.c.
 *
 * The scoring follows the reference scorer shipped with the dev corpus
 * (score.py) rule for rule, so the two can be swapped in scripts and agree on
 * every figure; docs/gold-format.md states the rules in prose. Not installed.
 *
 * Ownership in one line: every struct here is zero-initialised by the caller,
 * filled by a _load/_score function and released with its _destroy. */
#ifndef DKG_EVAL_H
#define DKG_EVAL_H

#include <stddef.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#include "dkg/error.h"

/* ---- normalisation (eval_norm.c) --------------------------------------------------- */

/* The scorer's norm(): accents and case folded (dkg_fold), ’ -> ', every
 * character that is not a word character, an apostrophe, a space or '-'
 * becomes a space (non-ASCII letters are word characters; combining marks
 * are dropped), runs of spaces collapse, ends are trimmed, and one leading
 * "the ", "mr ", "ms ", "mrs " or "dr " is removed. s may be NULL (gives "").
 * Returns a malloc'd NUL-terminated string, NULL when out of memory. */
char *dkg__eval_norm(const char *s, size_t len);

/* ---- a small list of strings ------------------------------------------------------- */

/* A list of owned strings, used as a set where the caller checks membership
 * before adding (the lists here hold a handful of aliases each). */
typedef struct dkg__eval_strs {
    char **items;
    size_t count;
    size_t capacity;
} dkg__eval_strs;

/* Append a copy of s (NULL is stored as NULL); returns 0 or DKG_ENOMEM. */
int dkg__eval_strs_push(dkg__eval_strs *l, const char *s);
/* Append s itself, taking ownership (freed even on failure). */
int dkg__eval_strs_take(dkg__eval_strs *l, char *s);
/* 1 when a string equal to s is in the list (NULL equals NULL). */
int dkg__eval_strs_has(const dkg__eval_strs *l, const char *s);
void dkg__eval_strs_destroy(dkg__eval_strs *l);

/* ---- gold (eval_gold.c) ------------------------------------------------------------ */

/* A person or place of the gold: its name as written and the normalised
 * forms of the name and every non-empty mention (its alias set). */
typedef struct dkg__eval_named {
    char *name;
    dkg__eval_strs aliases;
} dkg__eval_named;

/* A gold meeting, call or visit. For meetings and calls a and b are the
 * normalised person names; for visits a is the person and b the place.
 * status is the string given, "occurred" when the key is absent, NULL when it
 * is null or not a string. date is the date string, NULL when absent or empty. */
typedef struct dkg__eval_link {
    char *a;
    char *b;
    char *b_raw; /* the place as written (visits), for --show */
    char *status;
    char *date;
} dkg__eval_link;

typedef struct dkg__eval_gold {
    char *id;
    char *file; /* the article file name: "file", else derived from id */
    long line;  /* line of the record in the gold file */
    dkg__eval_named *persons;
    size_t n_persons;
    dkg__eval_named *places;
    size_t n_places;
    dkg__eval_link *meetings;
    size_t n_meetings;
    dkg__eval_link *calls;
    size_t n_calls;
    dkg__eval_link *visits;
    size_t n_visits;
} dkg__eval_gold;

typedef struct dkg__eval_goldset {
    dkg__eval_gold *items;
    size_t count;
} dkg__eval_goldset;

/* Load a gold JSON Lines file (docs/gold-format.md). Blank lines are skipped.
 * On DKG_EPARSE / DKG_EUTF8 err names the file, line and column (and the JSON
 * path of a missing or mistyped field); DKG_EIO when it cannot be read. */
int dkg__eval_gold_load(dkg__eval_goldset *out, const char *path, dkg_error *err);
void dkg__eval_goldset_destroy(dkg__eval_goldset *set);

/* Read a whole file into a malloc'd NUL-terminated buffer of at most limit
 * bytes; DKG_EIO (err says why) or DKG_ELIMIT. "-" reads standard input
 * (named "<stdin>" in messages). */
int dkg__eval_read_file(const char *path, size_t limit, char **buf_out, size_t *len_out,
                        dkg_error *err);

/* Parse one JSON text of buf[0..len) that sits on line `line` of file; on a
 * syntax error err gets file:line:col. Returns 0 and *out, or DKG_EPARSE. */
int dkg__eval_parse_line(const char *file, long line, const char *buf, size_t len, cJSON **out,
                         dkg_error *err);

/* ---- scoring (eval_score.c) -------------------------------------------------------- */

enum { DKG_EVAL_PERSON, DKG_EVAL_PLACE, DKG_EVAL_MEET, DKG_EVAL_CALL, DKG_EVAL_VISIT,
       DKG_EVAL_KINDS };

/* The names used as keys in the JSON output and as row labels. */
extern const char *const dkg__eval_kind_names[DKG_EVAL_KINDS];

typedef struct dkg__eval_tally {
    long counts[DKG_EVAL_KINDS][3]; /* tp, fp, fn */
    long meet_status[2];            /* correct, total */
    long meet_date[2];
    long call_status[2];
    long call_date[2];
    long meet_negated_as_positive;
    long call_negated_as_positive;
    long articles;
    long errors;
} dkg__eval_tally;

/* One article's misses for --show: per kind the gold items not found (fn),
 * the predicted items not in the gold (fp) and, for meetings and calls, the
 * pairs found with a wrong status or date. A pair keeps both names. */
typedef struct dkg__eval_miss {
    char *a;
    char *b;          /* NULL for a single name */
    int gold_negated; /* an extra pair the gold has only as negated */
} dkg__eval_miss;

typedef struct dkg__eval_misses {
    dkg__eval_miss *items;
    size_t count;
    size_t capacity;
} dkg__eval_misses;

typedef struct dkg__eval_detail {
    dkg__eval_misses fn[DKG_EVAL_KINDS];
    dkg__eval_misses fp[DKG_EVAL_KINDS];
    /* meetings and calls found with a wrong status or date: a is the pair
     * ("A + B"), b says what the gold has and what was predicted */
    dkg__eval_misses wrong[DKG_EVAL_KINDS];
} dkg__eval_detail;

/* Score one prediction (an extraction JSON object, or NULL for none) against
 * one gold record, adding to *tally and, when detail is not NULL, recording
 * the misses. Returns 0 or DKG_ENOMEM. */
int dkg__eval_score_doc(const dkg__eval_gold *gold, const cJSON *pred, dkg__eval_tally *tally,
                        dkg__eval_detail *detail);

/* 1 when the detail records no miss at all. */
int dkg__eval_detail_empty(const dkg__eval_detail *detail);
void dkg__eval_detail_destroy(dkg__eval_detail *detail);

/* ---- output (eval_print.c) --------------------------------------------------------- */

/* The summary as a table (json = 0) or as one JSON object with the keys of
 * the reference scorer's --json output (json = 1). */
void dkg__eval_print_summary(FILE *out, const dkg__eval_tally *tally, int json);

/* One article's misses: indented lines under the id, or one JSON object. */
void dkg__eval_print_detail(FILE *out, const char *id, const dkg__eval_detail *detail, int json);

#endif
