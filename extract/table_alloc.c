/* extract/table_alloc.c - zeroed memory for big hash tables.
 *
 * Why: a one-article run of `dkg extract` spends about half of its 1,100 page
 * faults zeroing the lexicon's hash tables (rebuilt from the snapshot at every
 * start, 1-2 MB each), and on our virtualised machines a 4 KiB page fault
 * costs 10-25 us: some 5-10 ms of a 20 ms start. A table of 1 MiB or more is
 * therefore mapped on its own, 2 MiB-aligned and rounded up to whole 2 MiB
 * pages, with madvise(MADV_HUGEPAGE) before it is first written: where
 * transparent huge pages are on ("madvise" or "always"), each 2 MiB takes one
 * fault instead of 512. Elsewhere it is an ordinary zeroed mapping.
 *
 * Smaller tables, and every table in sanitizer builds (AddressSanitizer only
 * guards memory that comes from malloc), use calloc. Whether a table was
 * mapped is a function of its size alone, so dkg__table_free needs no
 * record of it. */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, madvise and MADV_HUGEPAGE are not in POSIX */
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "table_alloc.h"

#define HUGE_PAGE ((size_t)2 << 20)
#define MAP_FROM ((size_t)256 << 10)

#if defined(__SANITIZE_ADDRESS__)
#define DKG_TABLES_FROM_MALLOC 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DKG_TABLES_FROM_MALLOC 1
#endif
#endif

static int mapped(size_t bytes)
{
#if defined(DKG_TABLES_FROM_MALLOC) || !defined(MAP_ANONYMOUS)
    (void)bytes;
    return 0;
#else
    return bytes >= MAP_FROM && bytes <= SIZE_MAX - 2 * HUGE_PAGE;
#endif
}

static size_t rounded(size_t bytes)
{
    return (bytes + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
}

void *dkg__table_alloc(size_t bytes)
{
    if (!mapped(bytes)) {
        return calloc(1, bytes);
    }
#if !defined(DKG_TABLES_FROM_MALLOC) && defined(MAP_ANONYMOUS)
    /* Map one huge page more than needed, then give back the unaligned head
     * and the tail, so the table starts on a 2 MiB boundary. */
    size_t len = rounded(bytes);
    char *raw = mmap(NULL, len + HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                     -1, 0);
    if (raw == MAP_FAILED) {
        return NULL;
    }
    char *start = (char *)(((uintptr_t)raw + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
    size_t head = (size_t)(start - raw);
    if (head > 0) {
        munmap(raw, head);
    }
    munmap(start + len, HUGE_PAGE - head);
#ifdef MADV_HUGEPAGE
    (void)madvise(start, len, MADV_HUGEPAGE); /* advice only: fine if refused */
#endif
    return start;
#else
    return NULL;
#endif
}

void dkg__table_free(void *p, size_t bytes)
{
    if (p == NULL) {
        return;
    }
    if (!mapped(bytes)) {
        free(p);
        return;
    }
    munmap(p, rounded(bytes));
}
