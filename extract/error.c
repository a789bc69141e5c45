/* extract/error.c - filling dkg_error. Built as its own tiny library
 * (dkg_error) that both extract/ and graph/ link. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "dkg/error.h"

void dkg_error_clear(dkg_error *err)
{
    if (err == NULL) {
        return;
    }
    memset(err, 0, sizeof *err);
    err->offset = -1;
    err->caret = -1;
}

int dkg_error_set(dkg_error *err, int code, const char *fmt, ...)
{
    if (err != NULL) {
        err->code = code;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return code;
}

void dkg_error_locate(dkg_error *err, const char *file, long line, long column, long offset)
{
    if (err == NULL) {
        return;
    }
    if (file != NULL) {
        snprintf(err->file, sizeof err->file, "%s", file);
    }
    err->line = line;
    err->column = column;
    err->offset = offset;
}

void dkg_error_line_col(const char *buf, size_t len, size_t offset, long *line_out,
                        long *column_out)
{
    long line = 1;
    size_t line_start = 0;
    if (offset > len) {
        offset = len;
    }
    for (size_t i = 0; i < offset; i++) {
        if (buf[i] == '\n') {
            line++;
            line_start = i + 1;
        }
    }
    *line_out = line;
    *column_out = (long)(offset - line_start) + 1;
}

const char *dkg_strerror(int code)
{
    switch (code) {
    case DKG_OK: return "success";
    case DKG_ENOMEM: return "out of memory";
    case DKG_EIO: return "input/output error";
    case DKG_EPARSE: return "parse error";
    case DKG_EINVAL: return "invalid value";
    case DKG_ENOTFOUND: return "not found";
    case DKG_EUTF8: return "invalid UTF-8";
    case DKG_ELIMIT: return "limit exceeded";
    case DKG_EAMBIGUOUS: return "ambiguous name";
    default: return "unknown error";
    }
}
