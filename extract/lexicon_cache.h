/* extract/lexicon_cache.h - internal: the binary snapshot of a lexicon
 * directory (see lexicon_cache.c for the format and when it is trusted). */
#ifndef DKG_EXTRACT_LEXICON_CACHE_H
#define DKG_EXTRACT_LEXICON_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "dkg/extract.h"

/* The 64-bit hash the snapshot uses, continuing from h (0 to start). */
uint64_t dkg__cache_hash(uint64_t h, const char *p, size_t len);

/* Byte offset of the payload hash in the header; the payload starts at
 * DKG_CACHE_HEADER_BYTES. (Tests re-sign damaged payloads with these.) */
#define DKG_CACHE_HASH_AT 32
#define DKG_CACHE_HEADER_BYTES 48

/* Map a snapshot file read-only (at most 256 MB): its bytes, *len_out, or
 * NULL when it is missing, empty or unreadable. Release with
 * dkg__lexicon_unmap (lexicon_internal.h). */
const char *dkg__cache_map(const char *path, size_t *len_out);

/* Hash of the *.json files of dir (names and bytes) in the order
 * dkg_lexicon_load_dir reads them. Returns 0 or the error of reading one. */
int dkg__lexicon_source_hash(const char *dir, uint64_t *out, dkg_error *err);

/* Snapshot lex into a malloc'd buffer tagged with source_hash. Returns 0 or
 * DKG_ENOMEM. */
int dkg__lexicon_cache_encode(const dkg_lexicon *lex, uint64_t source_hash, char **out,
                              size_t *len_out, dkg_error *err);

/* Fill an empty lex from a snapshot made from sources hashing to
 * source_hash. Returns 0; DKG_EPARSE when the snapshot is of another format
 * or sources, damaged or inconsistent; DKG_ENOMEM. On failure lex holds part
 * of the snapshot: clear it (dkg__lexicon_clear) before using it. */
int dkg__lexicon_cache_decode(dkg_lexicon *lex, const char *buf, size_t len,
                              uint64_t source_hash);

#endif
