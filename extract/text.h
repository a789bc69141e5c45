/* extract/text.h - internal: sentence segmentation and date resolution.
 * Not installed; used by the rest of extract/ and by unit tests.
 */
#ifndef DKG_EXTRACT_TEXT_H
#define DKG_EXTRACT_TEXT_H

#include <stddef.h>

/* ---- segmentation (segment.c) ---------------------------------------------------- */

/* One sentence: byte span [start, end) into the article text, trimmed of
 * surrounding whitespace, plus the 0-based paragraph it belongs to (paragraphs
 * are separated by a blank line or a single newline between lines of text; the
 * date line, when present, is paragraph 0 and exactly one sentence). */
typedef struct dkg_sentence {
    size_t start;
    size_t end;
    int paragraph;
} dkg_sentence;

/* A growable array of sentences, reused across articles (allocate nothing
 * per article once it has grown). Zero-initialise, free with dkg__sentences_destroy. */
typedef struct dkg_sentences {
    dkg_sentence *items;
    size_t count;
    size_t capacity;
} dkg_sentences;

/* Split text[0..len) into sentences. The text is valid UTF-8. A sentence ends
 * at . ! ? (optionally followed by closing quotes ” ’ " ' or a bracket) followed
 * by whitespace and an upper-case letter, digit or opening quote, or at a
 * paragraph break. Not fooled by abbreviations (U.S., Mr., Dr., Gov., Sen.,
 * Gen., Jan., Dec., No., St., Jr., etc.), initials ("J. Smith"), decimals
 * (3.5), ellipses inside quotes, or quotes (straight and typographic).
 * "U.S." before a capitalised word does not end a sentence ("U.S. President
 * Joe Biden" is far more common than a sentence ending in "U.S."). A
 * sentence longer than DKG_MAX_SENTENCE_BYTES is cut at that size (at a
 * character boundary). Returns 0 or DKG_ENOMEM. Cost O(len). */
int dkg__segment(const char *text, size_t len, dkg_sentences *out);
void dkg__sentences_destroy(dkg_sentences *s);

/* ---- dates (dates.c) ------------------------------------------------------------- */

/* A calendar date of some precision: year only (month = day = 0), year and
 * month (day = 0), or a full day. year = 0 means "unknown". */
typedef struct dkg_date {
    int year;
    int month;
    int day;
} dkg_date;

/* Parse "YYYY-MM-DD", "YYYY-MM" or "YYYY"; returns 0 or DKG_EINVAL. */
int dkg__date_parse(const char *s, dkg_date *out);

/* Format as "YYYY-MM-DD", "YYYY-MM" or "YYYY" (out has 11 bytes); "" for unknown. */
void dkg__date_format(dkg_date d, char out[11]);

/* A date expression found in text, resolved against the article date twice:
 * once for past narration ("on Thursday" = the last Thursday on or before the
 * article date) and once for future/planned statements (the next Thursday on
 * or after it). When the expression is absolute ("Dec. 4, 2025") both are
 * equal. Precision follows the text: "in July" gives YYYY-MM; "last year",
 * "in 2019" give YYYY. */
typedef struct dkg_date_mention {
    size_t start; /* byte span of the expression in the text */
    size_t end;
    dkg_date past;
    dkg_date future;
    int relative; /* 1 for weekday/month/relative words, 0 for explicit dates */
} dkg_date_mention;

/* Find the date expressions in text[start..end) (a sentence) given the
 * article date (may be unknown: year 0, then only explicit dates are
 * reported; relative ones are left out rather than returned unresolved).
 * Recognised: "Dec. 4", "December 4, 2025", "4 December 2025", "2025-12-04",
 * weekdays ("Thursday", "on Thursday", "Wednesday evening", "last Thursday",
 * "next Monday"), "today", "yesterday", "tomorrow", "last month", "this month",
 * "next month", "earlier this month", "this week", "earlier this week",
 * "last week", "in July", "last November", "November of last year",
 * "January 2021", "next year", "last year", "in 2019", "mid-2013".
 * Month and weekday names are case-sensitive; "May"/"March" alone count only
 * after in/early/late/mid-/last/next/this/since/until/by/from/through/before/
 * after. Spans include modifiers ("last Thursday", "late May", "Monday
 * night") but not the prepositions "on"/"in". Weeks resolve to YYYY-MM (the
 * month of the day a week away for last/next week). "The following day" is
 * not recognised: it depends on an earlier event, not the article date.
 * Writes at most max mentions to out, in text order; returns how many.
 * Cost O(end - start), no allocation; thread-safe. */
size_t dkg__dates_find(const char *text, size_t start, size_t end, dkg_date article_date,
                       dkg_date_mention *out, size_t max);

/* Day of week of a full date, 0 = Monday .. 6 = Sunday; -1 if d is not a
 * valid full date. Proleptic Gregorian calendar. */
int dkg__date_weekday(dkg_date d);

/* d shifted by days, across months, years and leap days. A date that is not
 * a valid full date, or a result outside years 1..9999, returns d unchanged. */
dkg_date dkg__date_add_days(dkg_date d, int days);

#endif
