/* extract/dates.c - calendar arithmetic and date expressions in sentences.
 *
 * Calendar: proleptic Gregorian, dates turned into a day number counted from
 * 0001-01-01 (a Monday, so the weekday is the day number mod 7). Shifting by
 * days goes through the day number, which makes leap years and year
 * boundaries free of special cases.
 *
 * Finding: one left-to-right pass over the words of a sentence. Only words
 * whose first byte can start a date expression (a digit, the capitals of
 * month and weekday names, the first letters of yesterday/today/tonight/
 * tomorrow/last/next/this/earlier/later) are looked at; every other word costs
 * one switch. At a candidate the matcher reads a few tokens ahead and the two
 * words before it (for "last", "in", "mid-"), so the pass is O(length) and
 * allocates nothing. Regular expressions were rejected here: the rules depend
 * on resolving against the article date and on a few context words, which
 * plain C states more clearly, and this runs for every sentence.
 *
 * Month and weekday names are matched case-sensitively (English capitalises
 * them), which is what keeps "may" the verb out. The capitalised "May" and
 * "March" still double as names (Theresa May) and verbs at a sentence start,
 * so alone they count only after in/early/late/mid-/last/next/this/since/
 * until/by/from or before a day number or a year. Spans cover the modifiers
 * that change the meaning ("last Thursday", "late May", "earlier this
 * month", "Wednesday evening") but not the bare prepositions "on" and "in".
 *
 * Resolution follows the gold rules (shared corpus README, "dates"): past
 * narration takes the most recent matching day or month on or before the
 * article date, planned statements the next one on or after it; "last X" is
 * strictly before, "next X" strictly after, so "last Thursday" written on a
 * Thursday is a week earlier. Without a known article date only explicit
 * dates are reported. "The following day" and "the next day" depend on an
 * earlier event, not the article date, and are left to the caller.
 */
#include <string.h>

#include "dkg/error.h"
#include "text.h"

/* ---- calendar ------------------------------------------------------------ */

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return (m == 2 && is_leap(y)) ? 29 : days[m - 1];
}

static int valid_ymd(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= month_days(y, m);
}

/* Days in years 1 .. y-1. */
static long days_before_year(long y)
{
    long p = y - 1;
    return p * 365 + p / 4 - p / 100 + p / 400;
}

/* Day number of a valid full date, 0 = 0001-01-01. */
static long day_number(dkg_date d)
{
    static const int before[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    long n = days_before_year(d.year) + before[d.month - 1] + (d.day - 1);
    if (d.month > 2 && is_leap(d.year)) {
        n++;
    }
    return n;
}

static dkg_date from_day_number(long n)
{
    dkg_date d;
    long y = n * 400 / 146097 + 1; /* 146097 days per 400 years; off by at most one */
    while (y > 1 && days_before_year(y) > n) {
        y--;
    }
    while (days_before_year(y + 1) <= n) {
        y++;
    }
    long rest = n - days_before_year(y);
    int m = 1;
    while (rest >= month_days((int)y, m)) {
        rest -= month_days((int)y, m);
        m++;
    }
    d.year = (int)y;
    d.month = m;
    d.day = (int)rest + 1;
    return d;
}

static int is_full(dkg_date d)
{
    return valid_ymd(d.year, d.month, d.day);
}

int dkg__date_weekday(dkg_date d)
{
    if (!is_full(d)) {
        return -1;
    }
    return (int)(day_number(d) % 7);
}

dkg_date dkg__date_add_days(dkg_date d, int days)
{
    if (!is_full(d)) {
        return d;
    }
    long n = day_number(d) + days;
    if (n < 0 || n >= days_before_year(10000)) {
        return d;
    }
    return from_day_number(n);
}

static int digits_value(const char *s, int n)
{
    int v = 0;
    for (int k = 0; k < n; k++) {
        if (s[k] < '0' || s[k] > '9') {
            return -1;
        }
        v = v * 10 + (s[k] - '0');
    }
    return v;
}

int dkg__date_parse(const char *s, dkg_date *out)
{
    dkg_date d = {0, 0, 0};
    size_t n = s != NULL ? strlen(s) : 0;
    if (n != 4 && n != 7 && n != 10) {
        return DKG_EINVAL;
    }
    d.year = digits_value(s, 4);
    if (d.year < 1) {
        return DKG_EINVAL;
    }
    if (n >= 7) {
        d.month = s[4] == '-' ? digits_value(s + 5, 2) : -1;
        if (d.month < 1 || d.month > 12) {
            return DKG_EINVAL;
        }
    }
    if (n == 10) {
        d.day = s[7] == '-' ? digits_value(s + 8, 2) : -1;
        if (!valid_ymd(d.year, d.month, d.day)) {
            return DKG_EINVAL;
        }
    }
    *out = d;
    return 0;
}

void dkg__date_format(dkg_date d, char out[11])
{
    out[0] = '\0';
    if (d.year < 1 || d.year > 9999) {
        return;
    }
    int y = d.year;
    char *p = out;
    for (int div = 1000; div > 0; div /= 10) {
        *p++ = (char)('0' + (y / div) % 10);
    }
    if (d.month >= 1 && d.month <= 12) {
        *p++ = '-';
        *p++ = (char)('0' + d.month / 10);
        *p++ = (char)('0' + d.month % 10);
        if (d.day >= 1 && d.day <= 31) {
            *p++ = '-';
            *p++ = (char)('0' + d.day / 10);
            *p++ = (char)('0' + d.day % 10);
        }
    }
    *p = '\0';
}

/* ---- resolution ------------------------------------------------------------ */

static dkg_date ym(int y, int m)
{
    dkg_date d = {y, m, 0};
    return d;
}

static dkg_date year_only(int y)
{
    dkg_date d = {y, 0, 0};
    return d;
}

static dkg_date month_shift(dkg_date a, int months)
{
    int idx = a.year * 12 + (a.month - 1) + months;
    return ym(idx / 12, idx % 12 + 1);
}

/* Month-day without a year: the most recent on or before a (dir < 0) or the
 * next on or after a (dir > 0); Feb 29 moves on to a leap year. */
static dkg_date month_day_near(dkg_date a, int m, int d, int dir)
{
    int y = a.year;
    if (dir < 0 && (m > a.month || (m == a.month && d > a.day))) {
        y--;
    } else if (dir > 0 && (m < a.month || (m == a.month && d < a.day))) {
        y++;
    }
    for (int k = 0; k < 8 && !valid_ymd(y, m, d); k++) {
        y += dir;
    }
    dkg_date r = {y, m, d};
    return valid_ymd(y, m, d) ? r : ym(0, 0);
}

/* ---- lexical helpers --------------------------------------------------------- */

/* ASCII letters and digits by table: asked of nearly every byte of every
 * sentence, where two range tests per class cost more than one load.
 * CC_START marks the first letters of the words a date expression may start
 * with (month and weekday names, yesterday/today/tonight/tomorrow, last/
 * next/this, earlier/later), see match_word. */
enum { CC_ALPHA = 1, CC_DIGIT = 2, CC_START = 4 };
#define CC_STARTS (CC_ALPHA | CC_START)
static const unsigned char char_class[256] = {
    ['0'] = CC_DIGIT, ['1'] = CC_DIGIT, ['2'] = CC_DIGIT, ['3'] = CC_DIGIT, ['4'] = CC_DIGIT,
    ['5'] = CC_DIGIT, ['6'] = CC_DIGIT, ['7'] = CC_DIGIT, ['8'] = CC_DIGIT, ['9'] = CC_DIGIT,
    ['A'] = CC_STARTS, ['B'] = CC_ALPHA, ['C'] = CC_ALPHA, ['D'] = CC_STARTS, ['E'] = CC_STARTS,
    ['F'] = CC_STARTS, ['G'] = CC_ALPHA, ['H'] = CC_ALPHA, ['I'] = CC_ALPHA, ['J'] = CC_STARTS,
    ['K'] = CC_ALPHA, ['L'] = CC_STARTS, ['M'] = CC_STARTS, ['N'] = CC_STARTS, ['O'] = CC_STARTS,
    ['P'] = CC_ALPHA, ['Q'] = CC_ALPHA, ['R'] = CC_ALPHA, ['S'] = CC_STARTS, ['T'] = CC_STARTS,
    ['U'] = CC_ALPHA, ['V'] = CC_ALPHA, ['W'] = CC_STARTS, ['X'] = CC_ALPHA, ['Y'] = CC_STARTS,
    ['Z'] = CC_ALPHA, ['a'] = CC_ALPHA, ['b'] = CC_ALPHA, ['c'] = CC_ALPHA, ['d'] = CC_ALPHA,
    ['e'] = CC_STARTS, ['f'] = CC_ALPHA, ['g'] = CC_ALPHA, ['h'] = CC_ALPHA, ['i'] = CC_ALPHA,
    ['j'] = CC_ALPHA, ['k'] = CC_ALPHA, ['l'] = CC_STARTS, ['m'] = CC_ALPHA, ['n'] = CC_STARTS,
    ['o'] = CC_ALPHA, ['p'] = CC_ALPHA, ['q'] = CC_ALPHA, ['r'] = CC_ALPHA, ['s'] = CC_ALPHA,
    ['t'] = CC_STARTS, ['u'] = CC_ALPHA, ['v'] = CC_ALPHA, ['w'] = CC_ALPHA, ['x'] = CC_ALPHA,
    ['y'] = CC_STARTS, ['z'] = CC_ALPHA,
};

static int is_alpha(char c)
{
    return char_class[(unsigned char)c] & CC_ALPHA;
}

static int is_digit(char c)
{
    return char_class[(unsigned char)c] & CC_DIGIT;
}

/* Length of the ASCII word at text[i] (bounded by end). */
static size_t word_len(const char *t, size_t i, size_t end)
{
    size_t j = i;
    while (j < end && is_alpha(t[j])) {
        j++;
    }
    return j - i;
}

static size_t digits_len(const char *t, size_t i, size_t end)
{
    size_t j = i;
    while (j < end && is_digit(t[j])) {
        j++;
    }
    return j - i;
}

/* Does text[i..i+n) equal w exactly? Compared as we go, without strlen(w):
 * called half a million times per 1,000 articles, nearly always failing at
 * the first byte. */
static inline int eq(const char *t, size_t i, size_t n, const char *w)
{
    size_t k = 0;
    while (k < n && w[k] != '\0' && w[k] == t[i + k]) {
        k++;
    }
    return k == n && w[n] == '\0';
}

/* Same, allowing the first letter of w (a non-empty lower-case word) in upper
 * case ("Last", "Today"). */
static inline int eq_cap(const char *t, size_t i, size_t n, const char *w)
{
    if (n == 0 || (t[i] != w[0] && t[i] != w[0] - 'a' + 'A')) {
        return 0;
    }
    return eq(t, i + 1, n - 1, w + 1);
}

/* Skip spaces (and tabs) from i; returns the new position. */
static size_t skip_spaces(const char *t, size_t i, size_t end)
{
    while (i < end && (t[i] == ' ' || t[i] == '\t')) {
        i++;
    }
    return i;
}

static const char *const month_names[12] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December",
};
static const char *const month_abbrevs[12] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};
static const char *const weekday_names[7] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};

/* Month at text[i] (word of length n): full name, or an abbreviation followed
 * by a period ("Dec.", "Sept."). Returns 1..12 and sets *end_out after the
 * name (and its period), *abbrev_out when abbreviated; 0 when no month. */
static int month_at(const char *t, size_t i, size_t n, size_t end, size_t *end_out,
                    int *abbrev_out)
{
    if (n < 3 || n > 9) {
        return 0; /* shorter than "May" or longer than "September": no month */
    }
    /* Each name's first letter is tested before the name: it rules out all
     * but one to three of them at the cost of one comparison. */
    for (int m = 0; m < 12; m++) {
        if (month_names[m][0] == t[i] && eq(t, i, n, month_names[m])) {
            *end_out = i + n;
            *abbrev_out = 0;
            return m + 1;
        }
    }
    if (i + n < end && t[i + n] == '.') {
        for (int m = 0; m < 12; m++) {
            if (m != 4 && month_abbrevs[m][0] == t[i] && eq(t, i, n, month_abbrevs[m])) {
                *end_out = i + n + 1;
                *abbrev_out = 1;
                return m + 1;
            }
        }
        if (eq(t, i, n, "Sept")) {
            *end_out = i + n + 1;
            *abbrev_out = 1;
            return 9;
        }
    }
    return 0;
}

static int weekday_at(const char *t, size_t i, size_t n)
{
    if (n < 6 || n > 9) {
        return -1; /* shorter than "Monday", longer than "Wednesday" */
    }
    for (int w = 0; w < 7; w++) {
        if (weekday_names[w][0] == t[i] && eq(t, i, n, weekday_names[w])) {
            return w;
        }
    }
    return -1;
}

/* A day number 1..31 at text[i], not part of a longer number or a decimal,
 * optionally with an ordinal suffix. Sets *end_out; returns the day or 0. */
static int day_at(const char *t, size_t i, size_t end, size_t *end_out)
{
    size_t n = digits_len(t, i, end);
    if (n < 1 || n > 2) {
        return 0;
    }
    int d = digits_value(t + i, (int)n);
    size_t j = i + n;
    if (d < 1 || d > 31) {
        return 0;
    }
    if (j + 1 < end && (t[j] == '.' || t[j] == ',' || t[j] == ':') && is_digit(t[j + 1])) {
        return 0; /* 3.5, 1,000, 10:30 */
    }
    size_t w = word_len(t, j, end);
    if (w == 2 && (eq(t, j, 2, "st") || eq(t, j, 2, "nd") || eq(t, j, 2, "rd") ||
                   eq(t, j, 2, "th"))) {
        j += 2;
    } else if (w > 0) {
        return 0; /* 5pm, 3km */
    }
    *end_out = j;
    return d;
}

/* A year 1000..2999 at text[i], four digits standing alone. */
static int year_at(const char *t, size_t i, size_t end, size_t *end_out)
{
    if (digits_len(t, i, end) != 4) {
        return 0;
    }
    size_t j = i + 4;
    if (j < end && (is_alpha(t[j]) || t[j] == '-' || (t[j] == '.' && j + 1 < end &&
                                                       is_digit(t[j + 1])))) {
        return 0;
    }
    int y = digits_value(t + i, 4);
    if (y < 1000 || y > 2999) {
        return 0;
    }
    *end_out = j;
    return y;
}

/* Non-ASCII bytes are letters (accents: "Mayotte", "Lundi" in other scripts)
 * except the punctuation block U+2000..U+203F (’ “ — …) and U+00A0 (no-break
 * space), which separate words. Does a non-ASCII letter end just before i? */
static int letter_ends_at(const char *text, size_t start, size_t i)
{
    const unsigned char *s = (const unsigned char *)text;
    if (s[i - 1] < 0x80) {
        return 0;
    }
    if (i - start >= 3 && s[i - 3] == 0xE2 && s[i - 2] == 0x80) {
        return 0;
    }
    if (i - start >= 2 && s[i - 2] == 0xC2 && s[i - 1] == 0xA0) {
        return 0;
    }
    return 1;
}

/* Does a non-ASCII letter start at i? */
static int letter_starts_at(const char *text, size_t i, size_t end)
{
    const unsigned char *s = (const unsigned char *)text;
    if (i >= end || s[i] < 0x80) {
        return 0;
    }
    if (i + 1 < end && ((s[i] == 0xE2 && s[i + 1] == 0x80) || (s[i] == 0xC2 && s[i + 1] == 0xA0))) {
        return 0;
    }
    return 1;
}

/* ---- the matcher ------------------------------------------------------------ */

typedef struct word_span {
    size_t start;
    size_t end; /* start == end: none */
} word_span;

typedef struct finder {
    const char *t;
    size_t end;
    dkg_date a;    /* article date */
    int a_known;   /* a is a full date */
    size_t cur;    /* start of the candidate token */
    word_span w1;  /* the word before it, when only spaces separate them */
} finder;

/* Is the word before the candidate `word` (first letter in either case)? */
static int prev_is(const finder *f, const char *word)
{
    const word_span *w = &f->w1;
    if (w->end <= w->start || !eq_cap(f->t, w->start, w->end - w->start, word)) {
        return 0;
    }
    for (size_t k = w->end; k < f->cur; k++) {
        if (f->t[k] != ' ' && f->t[k] != '\t') {
            return 0;
        }
    }
    return f->cur > w->end;
}

/* Is the word before the candidate "mid" joined by a hyphen ("mid-May")? */
static int prev_mid(const finder *f)
{
    const word_span *w = &f->w1;
    return w->end > w->start && w->end + 1 == f->cur && f->t[w->end] == '-' &&
           eq_cap(f->t, w->start, w->end - w->start, "mid");
}

/* Modifier before a month or weekday name: 'l'ast, 'n'ext, 't'his, or 0. Sets
 * *start to include it in the span. */
static char modifier(const finder *f, size_t *start)
{
    if (prev_is(f, "last")) {
        *start = f->w1.start;
        return 'l';
    }
    if (prev_is(f, "next")) {
        *start = f->w1.start;
        return 'n';
    }
    if (prev_is(f, "this")) {
        *start = f->w1.start;
        return 't';
    }
    return 0;
}

static void set_both(dkg_date_mention *m, dkg_date d)
{
    m->past = d;
    m->future = d;
}

/* After a month name at `after`: "[of] last|this|next year". Returns -1 for
 * last, 2 for this, 1 for next (0: none) and sets *end_out. */
static int year_word_after(const finder *f, size_t after, size_t *end_out)
{
    const char *t = f->t;
    size_t j = skip_spaces(t, after, f->end);
    size_t n = word_len(t, j, f->end);
    if (j == after || n == 0) {
        return 0;
    }
    if (eq(t, j, n, "of")) {
        size_t j2 = skip_spaces(t, j + n, f->end);
        if (j2 == j + n) {
            return 0;
        }
        j = j2;
        n = word_len(t, j, f->end);
    }
    int which = eq(t, j, n, "last") ? -1 : eq(t, j, n, "this") ? 2 : eq(t, j, n, "next") ? 1 : 0;
    if (which == 0) {
        return 0;
    }
    size_t k = skip_spaces(t, j + n, f->end);
    size_t kn = word_len(t, k, f->end);
    if (k == j + n || !eq(t, k, kn, "year")) {
        return 0;
    }
    *end_out = k + kn;
    return which;
}

/* Try a month expression at word [i, i+n). Returns the end or 0. */
static size_t match_month(const finder *f, size_t i, size_t n, dkg_date_mention *m)
{
    const char *t = f->t;
    size_t after;
    int abbrev;
    int mon = month_at(t, i, n, f->end, &after, &abbrev);
    if (mon == 0) {
        return 0;
    }
    size_t j = skip_spaces(t, after, f->end);
    size_t k;
    m->start = i;
    /* Month Day[,] [Year] */
    int day = j > after ? day_at(t, j, f->end, &k) : 0;
    if (day > 0) {
        size_t y_pos = k;
        if (y_pos < f->end && t[y_pos] == ',') {
            y_pos++;
        }
        y_pos = skip_spaces(t, y_pos, f->end);
        size_t y_end;
        int year = y_pos > k ? year_at(t, y_pos, f->end, &y_end) : 0;
        if (year > 0) {
            if (!valid_ymd(year, mon, day)) {
                return 0;
            }
            dkg_date d = {year, mon, day};
            set_both(m, d);
            m->relative = 0;
            m->end = y_end;
            return y_end;
        }
        if (!f->a_known || day > month_days(2000, mon)) {
            return 0;
        }
        m->past = month_day_near(f->a, mon, day, -1);
        m->future = month_day_near(f->a, mon, day, +1);
        m->relative = 1;
        m->end = k;
        return k;
    }
    /* Month YYYY, Month of YYYY */
    size_t y_end;
    int year = j > after ? year_at(t, j, f->end, &y_end) : 0;
    if (year == 0 && j > after && word_len(t, j, f->end) == 2 && eq(t, j, 2, "of")) {
        size_t j2 = skip_spaces(t, j + 2, f->end);
        year = j2 > j + 2 ? year_at(t, j2, f->end, &y_end) : 0;
    }
    if (year > 0) {
        set_both(m, ym(year, mon));
        m->relative = 0;
        m->end = y_end;
        return y_end;
    }
    if (abbrev || !f->a_known) {
        return 0;
    }
    /* A bare month name. */
    size_t start = i;
    char mod = modifier(f, &start);
    int early_late = 0;
    if (mod == 0) {
        if (prev_is(f, "early") || prev_is(f, "late") || prev_mid(f)) {
            early_late = 1;
            start = f->w1.start;
        }
    }
    int triggered = mod != 0 || early_late || prev_is(f, "in") ||
                    prev_is(f, "since") || prev_is(f, "until") ||
                    prev_is(f, "by") || prev_is(f, "from") ||
                    prev_is(f, "through") || prev_is(f, "before") ||
                    prev_is(f, "after");
    if (!triggered) {
        /* "May" and "March" are names and verbs too; other months alone
         * count unless a capitalised word follows ("April Ryan"). */
        if (mon == 3 || mon == 5) {
            return 0;
        }
        if (j > after && j < f->end && t[j] >= 'A' && t[j] <= 'Z') {
            return 0;
        }
    }
    /* "November of last year", "March this year", "June next year". */
    size_t rel_end;
    int rel_year = year_word_after(f, after, &rel_end);
    if (rel_year != 0) {
        set_both(m, ym(f->a.year + (rel_year == 2 ? 0 : rel_year), mon));
        m->start = early_late ? start : i;
        m->end = rel_end;
        m->relative = 1;
        return rel_end;
    }
    dkg_date a = f->a;
    if (mod == 'l') {
        set_both(m, ym(mon < a.month ? a.year : a.year - 1, mon));
    } else if (mod == 'n') {
        set_both(m, ym(mon > a.month ? a.year : a.year + 1, mon));
    } else if (mod == 't') {
        set_both(m, ym(a.year, mon));
    } else {
        m->past = ym(mon <= a.month ? a.year : a.year - 1, mon);
        m->future = ym(mon >= a.month ? a.year : a.year + 1, mon);
    }
    m->start = start;
    m->end = after;
    m->relative = 1;
    return after;
}

/* Optional part of the day after a weekday or yesterday/tomorrow. */
static size_t part_of_day(const finder *f, size_t after)
{
    size_t j = skip_spaces(f->t, after, f->end);
    if (j == after) {
        return after;
    }
    size_t n = word_len(f->t, j, f->end);
    if (eq(f->t, j, n, "morning") || eq(f->t, j, n, "afternoon") ||
        eq(f->t, j, n, "evening") || eq(f->t, j, n, "night")) {
        return j + n;
    }
    return after;
}

static size_t match_weekday(const finder *f, size_t i, size_t n, dkg_date_mention *m)
{
    int wd = weekday_at(f->t, i, n);
    if (wd < 0) {
        return 0;
    }
    /* "Monday, Dec. 4, 2025": the explicit date that follows wins. */
    size_t j = i + n;
    if (j < f->end && f->t[j] == ',') {
        size_t k = skip_spaces(f->t, j + 1, f->end);
        size_t mn = word_len(f->t, k, f->end);
        dkg_date_mention inner;
        memset(&inner, 0, sizeof inner);
        size_t e = mn > 0 ? match_month(f, k, mn, &inner) : 0;
        if (e > 0 && inner.relative == 0 && inner.past.day > 0) {
            *m = inner;
            m->start = i;
            return e;
        }
    }
    if (!f->a_known) {
        return 0;
    }
    size_t start = i;
    char mod = modifier(f, &start);
    /* "Sunday Times", "Good Friday Agreement": a capitalised word right after
     * a weekday makes it part of a name, unless a cue says it is a day. */
    size_t next = skip_spaces(f->t, i + n, f->end);
    if (mod == 0 && !prev_is(f, "on") && next > i + n && next < f->end && f->t[next] >= 'A' &&
        f->t[next] <= 'Z') {
        return 0;
    }
    int today = dkg__date_weekday(f->a);
    int back = (today - wd + 7) % 7;
    int ahead = (wd - today + 7) % 7;
    if (mod == 'l') {
        set_both(m, dkg__date_add_days(f->a, -(back == 0 ? 7 : back)));
    } else if (mod == 'n') {
        set_both(m, dkg__date_add_days(f->a, ahead == 0 ? 7 : ahead));
    } else {
        m->past = dkg__date_add_days(f->a, -back);
        m->future = dkg__date_add_days(f->a, ahead);
    }
    m->start = start;
    m->end = part_of_day(f, i + n);
    m->relative = 1;
    return m->end;
}

/* yesterday/today/tonight/tomorrow, and last/this/next week/month/year with
 * earlier/later this ... */
static size_t match_relative(const finder *f, size_t i, size_t n, dkg_date_mention *m)
{
    const char *t = f->t;
    if (!f->a_known) {
        return 0;
    }
    if (n < 4) {
        return 0; /* every word below has 4 letters or more; "the", "to" ... do not */
    }
    dkg_date a = f->a;
    int shift = 99;
    if (eq_cap(t, i, n, "yesterday")) {
        shift = -1;
    } else if (eq_cap(t, i, n, "today") || eq_cap(t, i, n, "tonight")) {
        shift = 0;
    } else if (eq_cap(t, i, n, "tomorrow")) {
        shift = 1;
    }
    if (shift != 99) {
        set_both(m, dkg__date_add_days(a, shift));
        m->start = i;
        m->end = eq_cap(t, i, n, "tonight") ? i + n : part_of_day(f, i + n);
        m->relative = 1;
        return m->end;
    }
    size_t start = i;
    size_t w = i;
    size_t wn = n;
    if (eq_cap(t, i, n, "earlier") || eq_cap(t, i, n, "later")) {
        size_t j = skip_spaces(t, i + n, f->end);
        size_t jn = word_len(t, j, f->end);
        if (j == i + n || !eq(t, j, jn, "this")) {
            return 0;
        }
        w = j;
        wn = jn;
    }
    char which;
    if (eq_cap(t, w, wn, "last")) {
        which = 'l';
    } else if (eq_cap(t, w, wn, "this")) {
        which = 't';
    } else if (eq_cap(t, w, wn, "next")) {
        which = 'n';
    } else {
        return 0;
    }
    size_t j = skip_spaces(t, w + wn, f->end);
    size_t jn = word_len(t, j, f->end);
    if (j == w + wn || jn == 0) {
        return 0;
    }
    int delta = which == 'l' ? -1 : which == 'n' ? 1 : 0;
    if (eq(t, j, jn, "week")) {
        /* Only the month is known: the month of the day a week away. */
        dkg_date d = dkg__date_add_days(a, 7 * delta);
        set_both(m, ym(d.year, d.month));
    } else if (eq(t, j, jn, "month")) {
        set_both(m, month_shift(a, delta));
    } else if (eq(t, j, jn, "year")) {
        set_both(m, year_only(a.year + delta));
    } else {
        return 0;
    }
    m->start = start;
    m->end = j + jn;
    m->relative = 1;
    return m->end;
}

/* Digits at i: ISO dates, "4 December [2025]", "in 2019". */
static size_t match_number(const finder *f, size_t i, dkg_date_mention *m)
{
    const char *t = f->t;
    size_t n = digits_len(t, i, f->end);
    if (n == 4 && i + 10 <= f->end && t[i + 4] == '-' && t[i + 7] == '-' &&
        (i + 10 == f->end || !is_digit(t[i + 10]))) {
        int y = digits_value(t + i, 4);
        int mo = digits_value(t + i + 5, 2);
        int d = digits_value(t + i + 8, 2);
        if (mo > 0 && d > 0 && valid_ymd(y, mo, d)) {
            dkg_date date = {y, mo, d};
            set_both(m, date);
            m->start = i;
            m->end = i + 10;
            m->relative = 0;
            return m->end;
        }
        return 0;
    }
    size_t k;
    int day = day_at(t, i, f->end, &k);
    if (day > 0) {
        size_t j = skip_spaces(t, k, f->end);
        size_t mn = j > k ? word_len(t, j, f->end) : 0;
        /* "4th of December" */
        if (mn == 2 && eq(t, j, 2, "of")) {
            j = skip_spaces(t, j + 2, f->end);
            mn = word_len(t, j, f->end);
        }
        size_t after;
        int abbrev;
        int mon = mn > 0 ? month_at(t, j, mn, f->end, &after, &abbrev) : 0;
        if (mon > 0) {
            size_t y_pos = skip_spaces(t, after, f->end);
            size_t y_end;
            int year = y_pos > after ? year_at(t, y_pos, f->end, &y_end) : 0;
            if (year > 0) {
                if (!valid_ymd(year, mon, day)) {
                    return 0;
                }
                dkg_date date = {year, mon, day};
                set_both(m, date);
                m->start = i;
                m->end = y_end;
                m->relative = 0;
                return y_end;
            }
            if (!f->a_known || day > month_days(2000, mon)) {
                return 0;
            }
            m->past = month_day_near(f->a, mon, day, -1);
            m->future = month_day_near(f->a, mon, day, +1);
            m->start = i;
            m->end = after;
            m->relative = 1;
            return after;
        }
    }
    int year = year_at(t, i, f->end, &k);
    if (year > 0 && (prev_is(f, "in") || prev_is(f, "early") ||
                     prev_is(f, "late") || prev_mid(f))) {
        set_both(m, year_only(year));
        m->start = prev_is(f, "in") ? i : f->w1.start;
        m->end = k;
        m->relative = 0;
        return k;
    }
    return 0;
}

/* The date expression that starts with the word [i, i+n), first letter c
 * (a CC_START letter), or 0: the matchers that letter calls for. */
static size_t match_word(const finder *f, char c, size_t i, size_t n, dkg_date_mention *m)
{
    size_t stop = 0;
    switch (c) {
    case 'J': case 'F': case 'M': case 'A': case 'S': case 'O': case 'N': case 'D':
        stop = match_month(f, i, n, m);
        if (stop == 0 && (c == 'M' || c == 'F' || c == 'S')) {
            stop = match_weekday(f, i, n, m);
        }
        if (stop == 0 && c == 'N') {
            stop = match_relative(f, i, n, m);
        }
        break;
    case 'T': case 'W':
        stop = match_weekday(f, i, n, m);
        if (stop == 0 && c == 'T') {
            stop = match_relative(f, i, n, m);
        }
        break;
    case 'y': case 't': case 'l': case 'n': case 'e':
    case 'Y': case 'L': case 'E':
        stop = match_relative(f, i, n, m);
        break;
    default:
        break;
    }
    return stop;
}

size_t dkg__dates_find(const char *text, size_t start, size_t end, dkg_date article_date,
                       dkg_date_mention *out, size_t max)
{
    finder f;
    memset(&f, 0, sizeof f);
    f.t = text;
    f.end = end;
    f.a = article_date;
    f.a_known = is_full(article_date);
    size_t count = 0;
    size_t i = start;
    while (i < end && count < max) {
        unsigned cls = char_class[(unsigned char)text[i]];
        if (cls == 0) {
            i++;
            continue;
        }
        /* A token starts here only after a non-alphanumeric byte. */
        if (i > start && (char_class[(unsigned char)text[i - 1]] != 0 ||
                          letter_ends_at(text, start, i))) {
            i++;
            continue;
        }
        int alpha = cls & CC_ALPHA;
        size_t n = alpha ? word_len(text, i, end) : digits_len(text, i, end);
        size_t stop = 0;
        f.cur = i;
        dkg_date_mention m;
        if (!alpha) {
            memset(&m, 0, sizeof m);
            stop = match_number(&f, i, &m);
        } else if ((cls & CC_START) && !letter_starts_at(text, i + n, end)) {
            /* (a word running on into accented letters is not ours) */
            memset(&m, 0, sizeof m);
            stop = match_word(&f, text[i], i, n, &m);
        }
        if (stop > 0) {
            out[count++] = m;
            i = stop;
            f.w1.start = f.w1.end = 0;
            continue;
        }
        if (alpha) {
            f.w1.start = i;
            f.w1.end = i + n;
        } else {
            f.w1.start = f.w1.end = 0;
        }
        i += n;
    }
    return count;
}
