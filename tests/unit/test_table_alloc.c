/* tests/unit/test_table_alloc.c - big zeroed tables (extract/table_alloc.c)
 * and the hash map that uses them across the size where they start being
 * mapped on their own: every size comes back zeroed and writable end to end,
 * and a map grown through that size keeps every key. (Sanitizer builds take every table from calloc; the checks hold.) */
#include <stdint.h>
#include <stdio.h>

#include "strmap.h"
#include "table_alloc.h"
#include "testlib.h"

static int all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] != 0) {
            return 0;
        }
    }
    return 1;
}

static void sizes_around_the_threshold(void)
{
    static const size_t sizes[] = {1, 4096, (256 << 10) - 1, 256 << 10, (256 << 10) + 1,
                                   (2 << 20) - 8, 2 << 20, (2 << 20) + 8, 5 << 20};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        size_t n = sizes[k];
        unsigned char *p = dkg__table_alloc(n);
        CHECK(p != NULL);
        if (p == NULL) {
            continue;
        }
        CHECK(all_zero(p, n));
        p[n - 1] = 2; /* the last byte is ours */
        p[0] = 1;
        CHECK(p[0] == 1 && (n == 1 || p[n - 1] == 2));
        dkg__table_free(p, n);
    }
    dkg__table_free(NULL, 1 << 20); /* like free(NULL) */
    CHECK(1);
}

static void map_grown_through_mapped_sizes(void)
{
    dkg_strmap m = {0};
    char key[32];
    int n = 40000; /* 24-byte slots: the table passes 256 KiB and 2 MiB */
    int ok = 1;
    for (int i = 0; i < n && ok; i++) {
        int len = snprintf(key, sizeof key, "key-%d", i);
        ok = dkg__strmap_put(&m, key, (size_t)len, i) == 0;
    }
    CHECK(ok);
    CHECK(m.capacity * sizeof(dkg_strmap_slot) > ((size_t)2 << 20));
    for (int i = 0; i < n && ok; i++) {
        int len = snprintf(key, sizeof key, "key-%d", i);
        ok = dkg__strmap_get(&m, key, (size_t)len) == i;
    }
    CHECK(ok);
    CHECK_INT(dkg__strmap_get(&m, "key-x", 5), -1);
    dkg__strmap_destroy(&m);
    CHECK(m.slots == NULL && m.capacity == 0);
}

int main(void)
{
    sizes_around_the_threshold();
    map_grown_through_mapped_sizes();
    TEST_MAIN_END();
}
