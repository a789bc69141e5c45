/* src/cli_messages.c - the one shape of every message dkg prints.
 *
 * Messages quote what users and hostile files supply (paths, article ids,
 * lines of a broken rules file), so every byte goes through put_safe: a
 * control character (C0, DEL, or a C1 code point in UTF-8) is written as '?'.
 * An escape sequence in a scraped article id must not reach the terminal. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"

/* Longest message body kept; longer ones end in "...". */
#define MESSAGE_MAX 4096

static void put_safe(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    for (; *p != '\0'; p++) {
        if (*p < 0x20 || *p == 0x7F) {
            fputc('?', stderr);
        } else if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
            fputc('?', stderr); /* U+0080..U+009F, the C1 controls */
            p++;
        } else {
            fputc(*p, stderr);
        }
    }
}

static void vput_safe(const char *fmt, va_list ap)
{
    char text[MESSAGE_MAX];
    int n = vsnprintf(text, sizeof text, fmt, ap);
    if (n >= (int)sizeof text) {
        memcpy(text + sizeof text - 4, "...", 4);
    }
    put_safe(text);
}

static void put_location(const char *file, long line, long column, long offset)
{
    put_safe(file);
    if (line > 0) {
        fprintf(stderr, ":%ld", line);
        if (column > 0) {
            fprintf(stderr, ":%ld", column);
        }
    } else if (offset >= 0) {
        fprintf(stderr, ": byte %ld", offset);
    }
    fputs(": ", stderr);
}

void cli_print_error(const dkg_error *err)
{
    fputs("dkg: ", stderr);
    if (err->file[0] != '\0') {
        put_location(err->file, err->line, err->column, err->offset);
    }
    fputs("error: ", stderr);
    put_safe(err->message[0] ? err->message : dkg_strerror(err->code));
    fputc('\n', stderr);
    if (err->context[0] != '\0') {
        fputs("  ", stderr);
        put_safe(err->context);
        fputc('\n', stderr);
        if (err->caret >= 0) {
            fprintf(stderr, "  %*s^\n", (int)err->caret, "");
        }
    }
}

static void vprint(const char *kind, const char *fmt, va_list ap)
{
    fprintf(stderr, "dkg: %s: ", kind);
    vput_safe(fmt, ap);
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

void cli_warn_at(const char *path, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("dkg: ", stderr);
    put_location(path, line, 0, -1);
    fputs("warning: ", stderr);
    vput_safe(fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int cli_usage_error(const char *subcommand, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("dkg ", stderr);
    put_safe(subcommand);
    fputs(": ", stderr);
    vput_safe(fmt, ap);
    fputs("\nTry 'dkg ", stderr);
    put_safe(subcommand);
    fputs(" --help'.\n", stderr);
    va_end(ap);
    return DKG_EXIT_USAGE;
}
