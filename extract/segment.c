/* extract/segment.c - splitting an article into sentences.
 *
 * One forward pass over the bytes. A 256-entry table marks the only bytes that
 * can matter (. ! ? newline, and 0xE2, the lead byte of the ellipsis U+2026),
 * so most bytes cost one table lookup. At a candidate terminator we look a few
 * bytes ahead (closing quotes, whitespace, the next character's class) and,
 * for a single period, a few bytes back at the word it ends (abbreviation,
 * initial, dotted acronym). Both looks are bounded by a short word or a run
 * of quotes and spaces, so the whole pass stays O(len) and allocates nothing
 * but the output array, which is reused across articles.
 *
 * A rule-based splitter was chosen over a statistical one (Punkt-style) on
 * purpose: wire copy uses a small closed set of abbreviations, the decisions
 * are easy to test one by one, and it needs no model file.
 *
 * Decisions, in the order they are taken:
 *  - a newline always ends the sentence (one paragraph per line in our input);
 *  - a terminator run (. ! ? ... …) plus closing quotes/brackets must be
 *    followed by a space or tab, then by an upper-case letter, a digit, an
 *    opening quote or bracket; a lower-case word continues the sentence
 *    ("...," he said / "Why?" she asked);
 *  - an ellipsis ends a sentence only when a closing quote follows it;
 *  - a single period after a title-like abbreviation (Mr., Gen., Dec., No.),
 *    an initial (J. K. Rowling) or a dotted upper-case acronym (U.S., U.N.)
 *    never ends a sentence: "U.S. President Joe Biden" is far more common in
 *    news than a sentence ending in "U.S."; after etc., a.m., p.m., Inc.,
 *    Corp., Co., Ltd., Jr., Sr. it ends one when a capital or quote follows;
 *  - the date line, when the article has one, is paragraph 0 and one
 *    sentence whatever punctuation its headline holds.
 */
#include <stdlib.h>
#include <string.h>

#include "dkg/extract.h"
#include "text.h"

enum abbrev_kind {
    ABBREV_NONE,   /* an ordinary word: the period may end the sentence */
    ABBREV_NEVER,  /* title, month, initial, acronym: never ends it */
    ABBREV_MAY_END /* etc., a.m., Inc.: ends it before a capital */
};

static const char *const never_end[] = {
    "Mr",   "Mrs",  "Ms",   "Dr",   "Gov",  "Sen",  "Rep",  "Gen",  "Col",  "Lt",
    "St",   "No",   "Jan",  "Feb",  "Mar",  "Apr",  "Jun",  "Jul",  "Aug",  "Sep",
    "Sept", "Oct",  "Nov",  "Dec",  "vs",   "Prof", "Capt", "Maj",  "Sgt",  "Adm",
    "Cmdr", "Rev",  "Hon",  "Pres", "Mt",   "Ft",   "Messrs", "Gens", "Sens", "Reps",
    "Brig", "Cpl",  "Pvt",  "Amb",  "Atty", "Supt", "Fr",   "Nos",  "Vol",  "vol",
    "pp",   "Ave",  "approx", "Dept", "Univ",
};

static const char *const may_end[] = {"etc", "Inc", "Corp", "Co", "Ltd", "Jr", "Sr", "Bros",
                                      "LLC", "PLC", "Plc"};

static int is_ascii_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == '\n';
}

/* Is w[0..n) (n >= 1) one of the words? Compared as we go, without strlen:
 * asked for the word before every period, it nearly always fails at the
 * first byte, which is tested alone first. */
static int in_list(const char *w, size_t n, const char *const *list, size_t count)
{
    for (size_t k = 0; k < count; k++) {
        const char *l = list[k];
        if (l[0] != w[0]) {
            continue;
        }
        size_t i = 0;
        while (i < n && l[i] != '\0' && l[i] == w[i]) {
            i++;
        }
        if (i == n && l[n] == '\0') {
            return 1;
        }
    }
    return 0;
}

/* Classify the word that ends just before the period at text[dot]. The word is
 * the run of ASCII letters and inner periods before it, not crossing from. */
static enum abbrev_kind classify_word(const char *text, size_t from, size_t dot)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t w = dot;
    while (w > from && (is_ascii_alpha(s[w - 1]) || s[w - 1] == '.') && dot - w < 16) {
        w--;
    }
    while (w < dot && s[w] == '.') {
        w++;
    }
    if (w == dot) {
        return ABBREV_NONE;
    }
    /* Part of a longer word (with accents, or over 16 bytes): not ours. */
    if (w > from && (s[w - 1] >= 0x80 || is_ascii_alpha(s[w - 1]) || s[w - 1] == '.')) {
        return ABBREV_NONE;
    }
    const char *word = text + w;
    size_t n = dot - w;
    if (n == 1) {
        /* "J. K. Rowling", "George W. Bush": an upper-case initial. */
        return (s[w] >= 'A' && s[w] <= 'Z') ? ABBREV_NEVER : ABBREV_NONE;
    }
    if (memchr(word, '.', n) != NULL) {
        /* Dotted: U.S, U.N, H.W, a.m, e.g. Every part must be one letter. */
        int single = 1;
        for (size_t k = 0; k < n; k++) {
            int letter_here = (k % 2 == 0);
            if (letter_here ? !is_ascii_alpha(s[w + k]) : s[w + k] != '.') {
                single = 0;
                break;
            }
        }
        if (single && n % 2 == 1) {
            if ((n == 3 && (memcmp(word, "a.m", 3) == 0 || memcmp(word, "p.m", 3) == 0))) {
                return ABBREV_MAY_END;
            }
            return ABBREV_NEVER;
        }
        return ABBREV_NONE; /* "Ph.D", "end.The": an ordinary word */
    }
    if (n > 7) {
        return ABBREV_NONE;
    }
    if (in_list(word, n, never_end, sizeof never_end / sizeof never_end[0])) {
        /* "Sen" is also a surname: "... Prime Minister Hun Sen. Xi arrived". */
        if (n == 3 && memcmp(word, "Sen", 3) == 0 && w >= from + 4 &&
            memcmp(text + w - 4, "Hun ", 4) == 0) {
            return ABBREV_NONE;
        }
        return ABBREV_NEVER;
    }
    if (in_list(word, n, may_end, sizeof may_end / sizeof may_end[0])) {
        return ABBREV_MAY_END;
    }
    return ABBREV_NONE;
}

/* Is the UTF-8 character at s[i] an upper-case letter? Covers ASCII, Latin-1,
 * Latin Extended-A, Greek and Cyrillic, which is every capital a name in our
 * corpus starts with. */
static int is_upper_at(const unsigned char *s, size_t i, size_t len)
{
    unsigned char c = s[i];
    if (c >= 'A' && c <= 'Z') {
        return 1;
    }
    if (c < 0xC0 || i + 1 >= len) {
        return 0;
    }
    if (c >= 0xE0) {
        return 0;
    }
    unsigned cp = ((unsigned)(c & 0x1F) << 6) | (s[i + 1] & 0x3F);
    if (cp >= 0xC0 && cp <= 0xDE) {
        return cp != 0xD7; /* U+00D7 is the multiplication sign */
    }
    if (cp >= 0x100 && cp <= 0x17F) {
        /* Pairs upper/lower, upper even, except two runs where it is odd. */
        if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) {
            return cp % 2 == 1;
        }
        if (cp == 0x138 || cp == 0x149 || cp == 0x17F) {
            return 0;
        }
        return cp % 2 == 0;
    }
    return (cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x400 && cp <= 0x42F);
}

/* Length of a closing quote or bracket at s[i], 0 when there is none. */
static size_t closing_at(const unsigned char *s, size_t i, size_t len)
{
    unsigned char c = s[i];
    if (c == '"' || c == '\'' || c == ')' || c == ']') {
        return 1;
    }
    /* ” U+201D and ’ U+2019 */
    if (c == 0xE2 && i + 2 < len && s[i + 1] == 0x80 && (s[i + 2] == 0x9D || s[i + 2] == 0x99)) {
        return 3;
    }
    return 0;
}

/* Does an opening quote or bracket start at s[i]? */
static int opening_at(const unsigned char *s, size_t i, size_t len)
{
    unsigned char c = s[i];
    if (c == '"' || c == '\'' || c == '(' || c == '[') {
        return 1;
    }
    /* “ U+201C and ‘ U+2018 */
    return c == 0xE2 && i + 2 < len && s[i + 1] == 0x80 && (s[i + 2] == 0x9C || s[i + 2] == 0x98);
}

static int is_ellipsis_at(const unsigned char *s, size_t i, size_t len)
{
    return s[i] == 0xE2 && i + 2 < len && s[i + 1] == 0x80 && s[i + 2] == 0xA6;
}

typedef struct seg_state {
    const char *text;
    dkg_sentences *out;
    int paragraph;    /* index of the last paragraph that produced a sentence */
    int line_counted; /* the current line already has its paragraph number */
} seg_state;

static int push(seg_state *st, size_t start, size_t end)
{
    dkg_sentences *out = st->out;
    if (out->count == out->capacity) {
        size_t cap = out->capacity ? out->capacity * 2 : 64;
        dkg_sentence *items = realloc(out->items, cap * sizeof *items);
        if (items == NULL) {
            return DKG_ENOMEM;
        }
        out->items = items;
        out->capacity = cap;
    }
    if (!st->line_counted) {
        st->paragraph++;
        st->line_counted = 1;
    }
    out->items[out->count].start = start;
    out->items[out->count].end = end;
    out->items[out->count].paragraph = st->paragraph;
    out->count++;
    return 0;
}

/* Emit text[start..end) trimmed, cut into pieces of at most
 * DKG_MAX_SENTENCE_BYTES at character boundaries. */
static int emit(seg_state *st, size_t start, size_t end)
{
    const unsigned char *s = (const unsigned char *)st->text;
    for (;;) {
        while (start < end && is_space(s[start])) {
            start++;
        }
        while (end > start && is_space(s[end - 1])) {
            end--;
        }
        if (start == end) {
            return 0;
        }
        if (end - start <= DKG_MAX_SENTENCE_BYTES) {
            return push(st, start, end);
        }
        size_t cut = start + DKG_MAX_SENTENCE_BYTES;
        while (cut > start && (s[cut] & 0xC0) == 0x80) {
            cut--;
        }
        int rc = push(st, start, cut);
        if (rc != 0) {
            return rc;
        }
        start = cut;
    }
}

/* The only bytes the main loop stops at; 0xE2 leads the ellipsis U+2026. */
static const unsigned char interesting[256] = {
    ['.'] = 1, ['!'] = 1, ['?'] = 1, ['\n'] = 1, [0xE2] = 1,
};

/* The first interesting byte at or after i, or len. Four bytes a step, the
 * bytes' flags or-ed: terminators are a few in a hundred bytes, and one byte
 * a step this scan was half of segmentation. */
static size_t next_interesting(const unsigned char *s, size_t i, size_t len)
{
    while (i + 4 <= len && !(interesting[s[i]] | interesting[s[i + 1]] | interesting[s[i + 2]] |
                             interesting[s[i + 3]])) {
        i += 4;
    }
    while (i < len && !interesting[s[i]]) {
        i++;
    }
    return i;
}

int dkg__segment(const char *text, size_t len, dkg_sentences *out)
{
    const unsigned char *s = (const unsigned char *)text;
    seg_state st = {text, out, -1, 0};
    size_t i = 0;
    size_t sstart = 0;
    int rc = 0;

    out->count = 0;

    char date[11];
    if (dkg_article_parse_dateline(text, len, date, NULL, NULL)) {
        const char *nl = memchr(text, '\n', len);
        size_t line_end = nl != NULL ? (size_t)(nl - text) : len;
        rc = emit(&st, 0, line_end);
        if (rc != 0) {
            return rc;
        }
        i = line_end;
        sstart = line_end;
    }

    while ((i = next_interesting(s, i, len)) < len) {
        unsigned char c = s[i];
        if (c == '\n') {
            rc = emit(&st, sstart, i);
            if (rc != 0) {
                return rc;
            }
            st.line_counted = 0;
            sstart = ++i;
            continue;
        }
        if (c == 0xE2 && !is_ellipsis_at(s, i, len)) {
            i++;
            continue;
        }

        /* A run of terminators: "?!", "...", "…", ".”". */
        size_t j = i;
        size_t periods = 0;
        int ellipsis = 0;
        int strong = 0;
        while (j < len) {
            if (s[j] == '.') {
                periods++;
                j++;
            } else if (s[j] == '!' || s[j] == '?') {
                strong = 1;
                j++;
            } else if (is_ellipsis_at(s, j, len)) {
                ellipsis = 1;
                j += 3;
            } else {
                break;
            }
        }
        if (periods >= 2) {
            ellipsis = 1;
        }
        size_t k = j;
        int closed = 0;
        size_t q;
        while (k < len && (q = closing_at(s, k, len)) > 0) {
            closed = 1;
            k += q;
        }
        i = k; /* whatever happens, scanning resumes after the run */
        if (k >= len || (s[k] != ' ' && s[k] != '\t')) {
            continue; /* "U.S.-led", "3.5", "a.m.," or the end of a line */
        }
        size_t m = k;
        while (m < len && (s[m] == ' ' || s[m] == '\t')) {
            m++;
        }
        if (m >= len || s[m] == '\n') {
            continue;
        }
        int upper = is_upper_at(s, m, len);
        int opener = opening_at(s, m, len);
        int digit = s[m] >= '0' && s[m] <= '9';
        if (!upper && !opener && !digit) {
            continue;
        }
        if (ellipsis && !strong && !closed) {
            continue;
        }
        if (!ellipsis && !strong && periods == 1) {
            enum abbrev_kind kind = classify_word(text, sstart, j - 1);
            if (kind == ABBREV_NEVER) {
                continue;
            }
            if (kind == ABBREV_MAY_END && digit) {
                continue;
            }
        }
        rc = emit(&st, sstart, k);
        if (rc != 0) {
            return rc;
        }
        sstart = m;
        i = m;
    }
    return emit(&st, sstart, len);
}

void dkg__sentences_destroy(dkg_sentences *s)
{
    if (s == NULL) {
        return;
    }
    free(s->items);
    s->items = NULL;
    s->count = 0;
    s->capacity = 0;
}
