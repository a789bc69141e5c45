/* src/cli_output.c - refuse an unusable output path before the work starts.
 *
 * `dkg build` may extract for an hour before it writes; a typo in -o should
 * cost a second, not the hour. The write itself still reports its own
 * errors (a full disk, a race with another process): this only catches
 * what is already wrong when the command starts. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"

char *cli_directory_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (slash == NULL) {
        return strdup(".");
    }
    size_t len = slash == path ? 1 : (size_t)(slash - path);
    char *dir = malloc(len + 1);
    if (dir != NULL) {
        memcpy(dir, path, len);
        dir[len] = '\0';
    }
    return dir;
}

/* Print "dkg: PATH: error: MESSAGE" and return -1. */
static int refuse(const char *path, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static int refuse(const char *path, const char *fmt, ...)
{
    char message[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    dkg_error err;
    dkg_error_clear(&err);
    dkg_error_set(&err, DKG_EIO, "%s", message);
    dkg_error_locate(&err, path, 0, 0, -1);
    cli_print_error(&err);
    return -1;
}

int cli_check_output_path(const char *path, int want_directory)
{
    if (strcmp(path, "-") == 0) {
        return 0;
    }
    struct stat st;
    if (stat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode) && !want_directory) {
            return refuse(path, "is a directory; give a file name to -o");
        }
        if (want_directory && !S_ISDIR(st.st_mode)) {
            return refuse(path, "this is a file, and this format writes a directory");
        }
        return 0;
    }
    char *dir = cli_directory_of(path);
    if (dir == NULL) {
        return refuse(path, "out of memory");
    }
    int rc = 0;
    if (stat(dir, &st) != 0) {
        rc = refuse(path, "cannot write into '%s': %s; create it or choose another -o", dir,
                    strerror(errno));
    } else if (!S_ISDIR(st.st_mode)) {
        rc = refuse(path, "cannot write into '%s': %s", dir, "not a directory");
    } else if (access(dir, W_OK | X_OK) != 0) {
        rc = refuse(path, "cannot write into '%s': %s", dir, strerror(errno));
    }
    free(dir);
    return rc;
}
