/* dkg/fold.h - folding names for case- and accent-insensitive comparison.
 *
 * One rule shared by the extractor (lexicon lookup), the graph (identity of
 * discovered people) and queries (name resolution), so that "Erdoğan",
 * "ERDOGAN" and "erdogan" meet. Pure functions, thread-safe. */
#ifndef DKG_FOLD_H
#define DKG_FOLD_H

#include <stddef.h>

/* Fold UTF-8 text in[0..len) for comparison: letters lose accents and case
 * (Latin-1 Supplement, Latin Extended-A and common Extended-B letters, Greek
 * and Cyrillic lower-cased; ß -> ss, æ -> ae, ø -> o, ı -> i, ł -> l, đ -> d),
 * typographic apostrophes ’ ‘ ʼ become ', dashes ‐ – — become -, any run of
 * whitespace becomes one space. Other characters are copied unchanged.
 * Writes at most cap-1 bytes plus a NUL to out and returns the length the full
 * result needs (like snprintf), so a result >= cap means it was cut.
 * Invalid UTF-8 bytes are copied as they are. Cost O(len). */
size_t dkg_fold(const char *in, size_t len, char *out, size_t cap);

/* The slug of a name for entity ids: folded, every run of characters other
 * than a-z, 0-9 and non-Latin letters becomes one '-', no leading or trailing '-'
 * ("Recep Tayyip Erdoğan" -> "recep-tayyip-erdogan"). Same return rule. */
size_t dkg_slug(const char *in, size_t len, char *out, size_t cap);

#endif
