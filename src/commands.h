/* src/commands.h - the dkg subcommands and the helpers they share.
 * Each subcommand lives in its own cmd_<name>.c and returns the process exit
 * status: 0 success, 1 failure, 2 usage error. */
#ifndef DKG_COMMANDS_H
#define DKG_COMMANDS_H

#include "dkg/error.h"

int cmd_extract(int argc, char **argv);
int cmd_build(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_query(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_eval(int argc, char **argv);

/* In dkg: replace this process by dkg-graph, the program holding the graph
 * subcommands, with the same argv (argv[argc] must be NULL). Returns only
 * when no dkg-graph could be run, after printing why: DKG_EXIT_FAILURE. */
int cli_exec_graph_program(char **argv);

/* Exit statuses. */
enum { DKG_EXIT_OK = 0, DKG_EXIT_FAILURE = 1, DKG_EXIT_USAGE = 2 };

/* Every message below goes to stderr with control characters shown as '?'.
 *
 * Print "dkg: FILE:LINE:COL: error: MESSAGE" (parts that are unknown are left
 * out), then the context line with a caret under err->caret when present. */
void cli_print_error(const dkg_error *err);

/* Print "dkg: error: MESSAGE" built from a printf format. */
void cli_errorf(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Print "dkg: warning: MESSAGE". */
void cli_warnf(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Print "dkg: PATH[:LINE]: warning: MESSAGE" (LINE left out when 0): things
 * skipped on purpose, which do not count as failures. */
void cli_warn_at(const char *path, long line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Usage error: print "dkg SUB: MESSAGE" and "Try 'dkg SUB --help'." to stderr;
 * returns DKG_EXIT_USAGE. */
int cli_usage_error(const char *subcommand, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The directory part of PATH ("." when there is none), like dirname() but
 * without modifying PATH; malloc'd, NULL when out of memory. */
char *cli_directory_of(const char *path);

/* Check, before any work, that -o PATH can be written: its directory exists
 * and is writable, and PATH is not a directory (want_directory = 0) or is
 * one or does not exist yet (want_directory = 1). "-" always passes. Prints
 * the error and returns -1 otherwise. */
int cli_check_output_path(const char *path, int want_directory);

/* The directory of the shipped data (lexicon/, rules/): $DKG_DATA_DIR when
 * set, the source tree's data/ when the binary runs from its build tree, else
 * the installed share/dkg. Borrowed string. */
const char *cli_data_dir(void);
/* Where the snapshot `file` (lexicon.cache, rules.cache) of that data would
 * be; it may not exist. Writes the path to out (cap bytes). */
void cli_data_cache(char *out, size_t cap, const char *file);

#endif
