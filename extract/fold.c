/* extract/fold.c - case and accent folding for names (see dkg/fold.h).
 *
 * Names in news arrive with and without accents ("Erdoğan"/"Erdogan",
 * "Nguyễn"/"Nguyen"), so lookups compare folded forms. Full Unicode
 * normalisation (NFKD) would need tables for all of Unicode; the letters that
 * occur in names written in Latin script sit in a few blocks, so a small
 * hand-made table per block covers them, and everything else passes through.
 * Built into dkg_common so extract/, graph/ and src/ fold the same way. */
#include <string.h>

#include "dkg/fold.h"

/* Base letters for U+00C0..U+017F, one per code point; '*' marks the few that
 * fold to two letters or stay as they are (handled in fold_special). */
static const char latin_base[] =
    /* C0 */ "aaaaaa*ceeeeiiii"
    /* D0 */ "dnooooo*ouuuuy**"
    /* E0 */ "aaaaaa*ceeeeiiii"
    /* F0 */ "dnooooo*ouuuuy*y"
    /* 100 */ "aaaaaaccccccccdd"
    /* 110 */ "ddeeeeeeeeeegggg"
    /* 120 */ "gggghhhhiiiiiiii"
    /* 130 */ "ii**jjkkklllllll"
    /* 140 */ "lllnnnnnnnnnoooo"
    /* 150 */ "oo**rrrrrrssssss"
    /* 160 */ "sstttttttuuuuuuu"
    /* 170 */ "uuuuwwyyyzzzzzzs";

static const char *fold_special(unsigned cp)
{
    switch (cp) {
    case 0xC6: case 0xE6: return "ae";
    case 0xD7: return "\xC3\x97";
    case 0xF7: return "\xC3\xB7";
    case 0xDE: case 0xFE: return "th";
    case 0xDF: return "ss";
    case 0x132: case 0x133: return "ij";
    case 0x152: case 0x153: return "oe";
    default: return NULL;
    }
}

/* Fold one code point to ASCII letters when it is a Latin letter we know,
 * else to a lower-case code point. Returns the ASCII string or NULL, with
 * *lower set to the code point to encode when NULL is returned. */
static const char *fold_codepoint(unsigned cp, unsigned *lower, char letter[2])
{
    *lower = cp;
    if (cp >= 0xC0 && cp <= 0x17F) {
        char base = latin_base[cp - 0xC0];
        if (base == '*') {
            return fold_special(cp);
        }
        letter[0] = base;
        letter[1] = '\0';
        return letter;
    }
    letter[1] = '\0';
    letter[0] = '\0';
    if (cp >= 0x1EA0 && cp <= 0x1EF9) { /* Vietnamese letters with two marks */
        letter[0] = cp <= 0x1EB7 ? 'a' : cp <= 0x1EC7 ? 'e' : cp <= 0x1ECB ? 'i'
                  : cp <= 0x1EE3 ? 'o' : cp <= 0x1EF1 ? 'u' : 'y';
    } else if (cp >= 0x1CD && cp <= 0x1DC) { /* pinyin tone letters */
        letter[0] = cp <= 0x1CE ? 'a' : cp <= 0x1D0 ? 'i' : cp <= 0x1D2 ? 'o' : 'u';
    } else {
        switch (cp) {
        case 0x18F: case 0x259: case 0x1DD: letter[0] = 'e'; break; /* schwa (Azeri) */
        case 0x1A0: case 0x1A1: letter[0] = 'o'; break;
        case 0x1AF: case 0x1B0: letter[0] = 'u'; break;
        case 0x218: case 0x219: letter[0] = 's'; break;
        case 0x21A: case 0x21B: letter[0] = 't'; break;
        case 0x1E0C: case 0x1E0D: letter[0] = 'd'; break;
        case 0x1E24: case 0x1E25: letter[0] = 'h'; break;
        case 0x1E62: case 0x1E63: letter[0] = 's'; break;
        case 0x1E6C: case 0x1E6D: letter[0] = 't'; break;
        case 0x1E92: case 0x1E93: letter[0] = 'z'; break;
        case 0x2018: case 0x2019: case 0x02BC: case 0x02BB: case 0x2032: letter[0] = '\''; break;
        case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: letter[0] = '-'; break;
        default: break;
        }
    }
    if (letter[0] != '\0') {
        return letter;
    }
    if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) { /* Greek capitals */
        *lower = cp + 0x20;
    } else if (cp >= 0x410 && cp <= 0x42F) { /* Cyrillic capitals */
        *lower = cp + 0x20;
    } else if (cp >= 0x400 && cp <= 0x40F) {
        *lower = cp + 0x50;
    }
    return NULL;
}

/* Decode one UTF-8 sequence at s[0..n); returns its length, or 0 when invalid. */
static size_t decode(const unsigned char *s, size_t n, unsigned *cp)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if ((s[0] & 0xE0) == 0xC0 && n >= 2 && (s[1] & 0xC0) == 0x80) {
        *cp = ((unsigned)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
        return *cp >= 0x80 ? 2 : 0;
    }
    if ((s[0] & 0xF0) == 0xE0 && n >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
        *cp = ((unsigned)(s[0] & 0x0F) << 12) | ((unsigned)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
        return *cp >= 0x800 ? 3 : 0;
    }
    if ((s[0] & 0xF8) == 0xF0 && n >= 4 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 &&
        (s[3] & 0xC0) == 0x80) {
        *cp = ((unsigned)(s[0] & 0x07) << 18) | ((unsigned)(s[1] & 0x3F) << 12) |
              ((unsigned)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
        return *cp >= 0x10000 && *cp <= 0x10FFFF ? 4 : 0;
    }
    return 0;
}

static size_t encode(unsigned cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static int is_space_cp(unsigned cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
           cp == 0xA0 || cp == 0x2009 || cp == 0x202F || cp == 0x200A;
}

/* Appends to out while room remains; always counts. */
static void put(char *out, size_t cap, size_t *n, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (*n + 1 < cap) {
            out[*n] = s[i];
        }
        (*n)++;
    }
}

static size_t fold_into(const char *in, size_t len, char *out, size_t cap, int slug)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t n = 0;
    int pending_sep = 0; /* a space (fold) or '-' (slug) waits for the next character */
    size_t i = 0;
    while (i < len) {
        unsigned cp = 0;
        size_t step = decode(s + i, len - i, &cp);
        char buf[4];
        char letter[2];
        const char *ascii = NULL;
        size_t outlen = 0;
        if (step == 0) { /* invalid byte: copy through unchanged */
            step = 1;
            buf[0] = (char)s[i];
            outlen = 1;
            cp = 0xFFFD;
        } else if (cp < 0x80) {
            buf[0] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
            outlen = 1;
        } else {
            unsigned lower;
            ascii = fold_codepoint(cp, &lower, letter);
            if (ascii == NULL) {
                outlen = encode(lower, buf);
            }
        }
        i += step;
        const char *piece = ascii != NULL ? ascii : buf;
        size_t piece_len = ascii != NULL ? strlen(ascii) : outlen;
        int separator;
        if (slug) {
            separator = !(piece_len >= 1 && ((piece[0] >= 'a' && piece[0] <= 'z') ||
                                             (piece[0] >= '0' && piece[0] <= '9') ||
                                             (unsigned char)piece[0] >= 0x80));
        } else {
            separator = is_space_cp(cp);
        }
        if (separator) {
            pending_sep = n > 0;
            continue;
        }
        if (pending_sep) {
            put(out, cap, &n, slug ? "-" : " ", 1);
            pending_sep = 0;
        }
        put(out, cap, &n, piece, piece_len);
    }
    if (cap > 0) {
        out[n < cap ? n : cap - 1] = '\0';
    }
    return n;
}

size_t dkg_fold(const char *in, size_t len, char *out, size_t cap)
{
    return fold_into(in, len, out, cap, 0);
}

size_t dkg_slug(const char *in, size_t len, char *out, size_t cap)
{
    return fold_into(in, len, out, cap, 1);
}
