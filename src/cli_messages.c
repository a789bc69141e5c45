/* src/cli_messages.c - the one shape of every message dkg prints. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"

void cli_print_error(const dkg_error *err)
{
    fputs("dkg: ", stderr);
    if (err->file[0] != '\0') {
        fputs(err->file, stderr);
        if (err->line > 0) {
            fprintf(stderr, ":%ld", err->line);
            if (err->column > 0) {
                fprintf(stderr, ":%ld", err->column);
            }
        } else if (err->offset >= 0) {
            fprintf(stderr, ": byte %ld", err->offset);
        }
        fputs(": ", stderr);
    }
    fprintf(stderr, "error: %s\n", err->message[0] ? err->message : dkg_strerror(err->code));
    if (err->context[0] != '\0') {
        fprintf(stderr, "  %s\n", err->context);
        if (err->caret >= 0) {
            fprintf(stderr, "  %*s^\n", (int)err->caret, "");
        }
    }
}

static void vprint(const char *kind, const char *fmt, va_list ap)
{
    fprintf(stderr, "dkg: %s: ", kind);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void cli_errorf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprint("error", fmt, ap);
    va_end(ap);
}

void cli_warnf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprint("warning", fmt, ap);
    va_end(ap);
}

int cli_usage_error(const char *subcommand, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "dkg %s: ", subcommand);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\nTry 'dkg %s --help'.\n", subcommand);
    va_end(ap);
    return DKG_EXIT_USAGE;
}
