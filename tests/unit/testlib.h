/* tests/unit/testlib.h - the smallest test harness that does the job.
 *
 * CHECK(cond) records a failure with file and line and goes on; the
 * CHECK_STR/CHECK_INT forms print both values. TEST_MAIN_END prints the
 * "N passed, N failed" line CTest and CI read and returns the exit status.
 * Header-only so each test program is one file. */
#ifndef DKG_TESTLIB_H
#define DKG_TESTLIB_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int testlib_passed;
static int testlib_failed;

#define CHECK(cond)                                                                      \
    do {                                                                                 \
        if (cond) {                                                                      \
            testlib_passed++;                                                            \
        } else {                                                                         \
            testlib_failed++;                                                            \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);     \
        }                                                                                \
    } while (0)

#define CHECK_INT(actual, expected)                                                      \
    do {                                                                                 \
        long long testlib_a = (long long)(actual), testlib_e = (long long)(expected);    \
        if (testlib_a == testlib_e) {                                                    \
            testlib_passed++;                                                            \
        } else {                                                                         \
            testlib_failed++;                                                            \
            fprintf(stderr, "%s:%d: %s is %lld, expected %lld\n", __FILE__, __LINE__,    \
                    #actual, testlib_a, testlib_e);                                      \
        }                                                                                \
    } while (0)

#define CHECK_STR(actual, expected)                                                      \
    do {                                                                                 \
        const char *testlib_a = (actual), *testlib_e = (expected);                       \
        if (testlib_a != NULL && testlib_e != NULL && strcmp(testlib_a, testlib_e) == 0) { \
            testlib_passed++;                                                            \
        } else {                                                                         \
            testlib_failed++;                                                            \
            fprintf(stderr, "%s:%d: %s is \"%s\", expected \"%s\"\n", __FILE__, __LINE__, \
                    #actual, testlib_a ? testlib_a : "(null)",                           \
                    testlib_e ? testlib_e : "(null)");                                   \
        }                                                                                \
    } while (0)

#define TEST_MAIN_END()                                                                  \
    do {                                                                                 \
        printf("%d passed, %d failed\n", testlib_passed, testlib_failed);                \
        return testlib_failed == 0 ? 0 : 1;                                              \
    } while (0)

/* The first 4 MiB of a file in a malloc'd buffer (*len = 0 when unreadable);
 * enough for the data files the tests read whole. */
static inline char *testlib_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = malloc(1 << 22);
    *len = f != NULL && buf != NULL ? fread(buf, 1, 1 << 22, f) : 0;
    if (f != NULL) {
        fclose(f);
    }
    return buf;
}

#endif
