/* dkg/error.h - error codes and the error detail every fallible call fills.
 *
 * Fallible functions return 0 on success or a negative DKG_E* code, and write
 * details into a caller-supplied dkg_error (never a global: extraction runs on
 * several threads). Library code never prints or exits; the command prints
 * errors as "dkg: FILE:LINE:COL: error: MESSAGE".
 */
#ifndef DKG_ERROR_H
#define DKG_ERROR_H

#include <stddef.h>

enum {
    DKG_OK = 0,
    DKG_ENOMEM = -1,    /* out of memory */
    DKG_EIO = -2,       /* reading or writing a file failed */
    DKG_EPARSE = -3,    /* malformed JSON, rule, lexicon or graph file */
    DKG_EINVAL = -4,    /* an argument or value is not allowed */
    DKG_ENOTFOUND = -5, /* a name, file or entity does not exist */
    DKG_EUTF8 = -6,     /* text is not valid UTF-8 (offset says where) */
    DKG_ELIMIT = -7,    /* a documented size or depth limit was hit */
    DKG_EAMBIGUOUS = -8 /* a name matches several entities */
};

typedef struct dkg_error {
    int code;           /* the DKG_E* code, 0 when nothing failed */
    char message[512];  /* one line, no trailing newline */
    char file[512];     /* file the error is about, "" when none */
    long line;          /* 1-based line in file, 0 when unknown */
    long column;        /* 1-based column (bytes) in that line, 0 when unknown */
    long offset;        /* byte offset into the input, -1 when unknown */
    char context[256];  /* the offending line or pattern, "" when none */
    long caret;         /* byte position in context for a caret, -1 for none */
} dkg_error;

/* Reset err to "no error". Accepts NULL. */
void dkg_error_clear(dkg_error *err);

/* Fill err (when not NULL) with code and a printf-style message; returns code
 * so callers can write `return dkg_error_set(err, DKG_EINVAL, "...")`. */
int dkg_error_set(dkg_error *err, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Record where an error happened. file may be NULL; line/column 0 = unknown. */
void dkg_error_locate(dkg_error *err, const char *file, long line, long column, long offset);

/* Compute 1-based line and column of byte offset in buf[0..len). */
void dkg_error_line_col(const char *buf, size_t len, size_t offset, long *line_out,
                        long *column_out);

/* A short name for a DKG_E* code ("out of memory", "parse error", ...). */
const char *dkg_strerror(int code);

#endif
