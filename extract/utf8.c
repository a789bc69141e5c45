/* extract/utf8.c - UTF-8 validation, content ids and the article date line.
 *
 * dkg_utf8_validate runs once over every article, so it is a single forward
 * pass with an ASCII fast path: while the next 8 bytes are all ASCII and none
 * is NUL (one 64-bit test, loaded with memcpy so alignment never matters) we
 * skip them together; otherwise one character is decoded byte by byte against
 * the table of well-formed sequences in Unicode section 3.9 (table 3-7). The
 * table form checks the second byte's range per lead byte, which rejects
 * overlong forms (C0, C1, E0 80..9F, F0 80..8F), surrogates (ED A0..BF) and
 * code points above U+10FFFF (F4 90.., F5..FF) without decoding the value.
 * The offset reported is the first byte of the ill-formed sequence (the lead
 * byte of a truncated or broken character, or the stray byte itself), which
 * is where an editor should put the cursor; Python reports the same position.
 * A SIMD validator was rejected: news text is mostly ASCII, the fast path
 * already runs at memory speed there, and portable C matters more.
 *
 * The content id is FNV-1a 64: tiny, stable across machines and good enough to
 * tell articles apart (it is an id, not a security property).
 */
#include <stdint.h>
#include <string.h>

#include "dkg/extract.h"

#define HIGH_BITS UINT64_C(0x8080808080808080)
#define LOW_BITS UINT64_C(0x0101010101010101)

/* Non-zero when any of the 8 bytes of w is >= 0x80 or == 0. The zero-byte
 * term may flag a byte >= 0x80 as zero too, which is harmless: such a word
 * leaves the fast path anyway. */
static uint64_t needs_slow_path(uint64_t w)
{
    return (w | ((w - LOW_BITS) & ~w)) & HIGH_BITS;
}

int dkg_utf8_validate(const char *buf, size_t len, size_t *bad_offset)
{
    const unsigned char *s = (const unsigned char *)buf;
    size_t i = 0;
    while (i < len) {
        if (len - i >= 8) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (!needs_slow_path(w)) {
                i += 8;
                continue;
            }
        }
        unsigned char c = s[i];
        if (c < 0x80) {
            if (c == 0) {
                goto bad;
            }
            i++;
            continue;
        }
        /* lo/hi: allowed range of the second byte; n: continuation bytes. */
        unsigned char lo = 0x80, hi = 0xBF;
        size_t n;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            if (c == 0xE0) {
                lo = 0xA0;
            } else if (c == 0xED) {
                hi = 0x9F;
            }
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            if (c == 0xF0) {
                lo = 0x90;
            } else if (c == 0xF4) {
                hi = 0x8F;
            }
        } else {
            goto bad; /* stray continuation byte, C0/C1 overlong lead, F5..FF */
        }
        if (len - i <= n || s[i + 1] < lo || s[i + 1] > hi) {
            goto bad;
        }
        for (size_t k = 2; k <= n; k++) {
            if ((s[i + k] & 0xC0) != 0x80) {
                goto bad;
            }
        }
        i += n + 1;
    }
    return 0;
bad:
    if (bad_offset != NULL) {
        *bad_offset = i;
    }
    return DKG_EUTF8;
}

void dkg_content_id(const char *text, size_t len, char out[17])
{
    static const char hex[] = "0123456789abcdef";
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < len; i++) {
        h ^= s[i];
        h *= UINT64_C(0x100000001b3);
    }
    for (int k = 15; k >= 0; k--) {
        out[k] = hex[h & 0xF];
        h >>= 4;
    }
    out[16] = '\0';
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) {
        return 29;
    }
    return days[month - 1];
}

int dkg_article_parse_dateline(const char *text, size_t len, char date_out[11],
                               const char **title_out, size_t *title_len_out)
{
    size_t i = 0;
    while (i < len && (text[i] == ' ' || text[i] == '\t')) {
        i++;
    }
    if (len - i < 15 || memcmp(text + i, "date", 4) != 0 ||
        (text[i + 4] != ' ' && text[i + 4] != '\t')) {
        return 0;
    }
    i += 4;
    while (i < len && (text[i] == ' ' || text[i] == '\t')) {
        i++;
    }
    if (len - i < 10) {
        return 0;
    }
    const char *d = text + i;
    for (int k = 0; k < 10; k++) {
        int want_dash = (k == 4 || k == 7);
        if (want_dash ? d[k] != '-' : !is_digit(d[k])) {
            return 0;
        }
    }
    int year = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
    int month = (d[5] - '0') * 10 + (d[6] - '0');
    int day = (d[8] - '0') * 10 + (d[9] - '0');
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) {
        return 0;
    }
    i += 10;
    /* The date must end there: "2025-12-041" is not a date line. */
    if (i < len && text[i] != ' ' && text[i] != '\t' && text[i] != '\n' && text[i] != '\r') {
        return 0;
    }
    while (i < len && (text[i] == ' ' || text[i] == '\t')) {
        i++;
    }
    size_t title_start = i;
    while (i < len && text[i] != '\n') {
        i++;
    }
    size_t title_end = i;
    while (title_end > title_start &&
           (text[title_end - 1] == '\r' || text[title_end - 1] == ' ' ||
            text[title_end - 1] == '\t')) {
        title_end--;
    }
    memcpy(date_out, d, 10);
    date_out[10] = '\0';
    if (title_out != NULL) {
        *title_out = text + title_start;
    }
    if (title_len_out != NULL) {
        *title_len_out = title_end - title_start;
    }
    return 1;
}
