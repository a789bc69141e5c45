/* extract/table_alloc.h - internal: zeroed memory for big hash tables, on
 * 2 MiB pages where the kernel offers them (see table_alloc.c for why). */
#ifndef DKG_EXTRACT_TABLE_ALLOC_H
#define DKG_EXTRACT_TABLE_ALLOC_H

#include <stddef.h>

/* bytes of zeroed memory, or NULL when out of memory. Release with
 * dkg__table_free and the same byte count. */
void *dkg__table_alloc(size_t bytes);
void dkg__table_free(void *p, size_t bytes);

#endif
