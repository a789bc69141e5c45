/* src/eval_norm.c - the name normalisation of 'dkg eval', and its string lists.
 *
 * The reference scorer compares names after norm(): Unicode NFKD with the
 * combining marks removed, ’ turned into ', casefold, every character other
 * than a word character, an apostrophe, a space or '-' turned into a space,
 * spaces collapsed and trimmed, and one leading "the|mr|ms|mrs|dr " removed.
 * dkg_fold already removes accents and case the way the extractor does, so we
 * build on it rather than carry Unicode tables of our own; what is left is to
 * decide which code points Python's \w accepts. Letters of any script are word
 * characters, so instead of listing letters we list the punctuation and symbol
 * blocks that are not (Latin-1 punctuation, General Punctuation, currency,
 * arrows and shapes, CJK and fullwidth punctuation, emoji) and treat every
 * other non-ASCII code point as part of a word.
 *
 * Two places where dkg_fold and norm() part ways are fixed before folding:
 * dkg_fold turns dashes and the opening quote ‘ into '-' and ''', which
 * norm() keeps, whereas Python sees punctuation and makes a space. Letters such
 * as ø, ł, æ fold to o, l, ae here but stay as they are in Python; that only
 * matters when gold and prediction spell one name both ways, and then dkg is
 * the more lenient. Greek and Cyrillic letters with marks, which dkg_fold
 * keeps whole, lose their marks after folding (strip_mark). */
#include <stdlib.h>
#include <string.h>

#include "dkg/fold.h"
#include "eval.h"

/* Decode one UTF-8 sequence; returns its length, 0 when s[0] does not start a
 * valid sequence. */
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

/* Code points NFKD turns into a base plus nothing, i.e. the marks that
 * norm() deletes outright. */
static int is_combining(unsigned cp)
{
    return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x483 && cp <= 0x489) ||
           (cp >= 0x591 && cp <= 0x5BD) || (cp >= 0x64B && cp <= 0x65F) || cp == 0x670 ||
           (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
           (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F);
}

/* Non-ASCII code points that Python's \w rejects (punctuation, symbols,
 * spaces). Everything else outside ASCII counts as a word character. */
static int is_nonword(unsigned cp)
{
    if (cp >= 0x80 && cp <= 0xBF) {
        /* ª ² ³ µ ¹ º ¼ ½ ¾ are letters or numbers */
        return !(cp == 0xAA || cp == 0xB2 || cp == 0xB3 || cp == 0xB5 || cp == 0xB9 ||
                 cp == 0xBA || (cp >= 0xBC && cp <= 0xBE));
    }
    if (cp == 0xD7 || cp == 0xF7 || cp == 0x37E || cp == 0x387) {
        return 1;
    }
    if ((cp >= 0x2C2 && cp <= 0x2C5) || (cp >= 0x2D2 && cp <= 0x2DF) ||
        (cp >= 0x2E5 && cp <= 0x2EB) || cp == 0x2ED || (cp >= 0x2EF && cp <= 0x2FF)) {
        return 1;
    }
    if (cp == 0x589 || cp == 0x5BE || cp == 0x5C0 || cp == 0x5C3 || cp == 0x5C6 ||
        cp == 0x5F3 || cp == 0x5F4 || cp == 0x60C || cp == 0x61B || cp == 0x61F ||
        (cp >= 0x66A && cp <= 0x66D) || cp == 0x6D4 || cp == 0x964 || cp == 0x965) {
        return 1;
    }
    return (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x20A0 && cp <= 0x20CF) ||
           (cp >= 0x2190 && cp <= 0x2BFF) || (cp >= 0x2E00 && cp <= 0x2E7F) ||
           (cp >= 0x3000 && cp <= 0x3004) || (cp >= 0x3008 && cp <= 0x3020) || cp == 0x3030 ||
           (cp >= 0xFE10 && cp <= 0xFE1F) || (cp >= 0xFE30 && cp <= 0xFE6F) ||
           (cp >= 0xFF00 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
           (cp >= 0xFF3B && cp <= 0xFF40 && cp != 0xFF3F) || (cp >= 0xFF5B && cp <= 0xFF65) ||
           (cp >= 0x1F000 && cp <= 0x1FAFF);
}

/* Greek and Cyrillic letters that NFKD splits into a base letter and a mark
 * (tonos, dialytika, breve, diaeresis), which dkg_fold leaves whole, and the
 * final sigma that casefold turns into σ. Both sides of each pair encode in
 * two bytes, so the text keeps its length. */
static unsigned strip_mark(unsigned cp)
{
    switch (cp) {
    case 0x386: case 0x3AC: return 0x3B1;
    case 0x388: case 0x3AD: return 0x3B5;
    case 0x389: case 0x3AE: return 0x3B7;
    case 0x38A: case 0x3AF: case 0x3CA: case 0x390: return 0x3B9;
    case 0x38C: case 0x3CC: return 0x3BF;
    case 0x38E: case 0x3CD: case 0x3CB: case 0x3B0: return 0x3C5;
    case 0x38F: case 0x3CE: return 0x3C9;
    case 0x3C2: return 0x3C3; /* casefold: final sigma */
    case 0x419: case 0x439: return 0x438; /* й -> и */
    case 0x401: case 0x451: return 0x435; /* ё -> е */
    case 0x407: case 0x457: return 0x456; /* ї -> і */
    case 0x40E: case 0x45E: return 0x443; /* ў -> у */
    default: return cp;
    }
}

/* Characters dkg_fold maps onto kept ASCII (' or -) that norm() blanks. */
static int blank_before_fold(unsigned cp)
{
    return cp == 0x2018 || cp == 0x201A || cp == 0x201B || cp == 0x2032 ||
           (cp >= 0x2010 && cp <= 0x2015);
}

static int ascii_word(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '\'' || c == '-';
}

char *dkg__eval_norm(const char *s, size_t len)
{
    char *pre = NULL;
    char *folded = NULL;
    char *out = NULL;
    if (s == NULL) {
        len = 0;
        s = "";
    }
    pre = malloc(len + 1);
    if (pre == NULL) {
        goto done;
    }
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        unsigned cp = 0;
        size_t step = decode((const unsigned char *)s + i, len - i, &cp);
        if (step == 0) {
            step = 1;
            cp = 0xFFFD;
        }
        if (blank_before_fold(cp)) {
            pre[n++] = ' ';
        } else {
            memcpy(pre + n, s + i, step);
            n += step;
        }
        i += step;
    }
    pre[n] = '\0';

    size_t cap = n * 2 + 8;
    folded = malloc(cap);
    if (folded == NULL) {
        goto done;
    }
    size_t flen = dkg_fold(pre, n, folded, cap);
    if (flen >= cap) {
        char *bigger = realloc(folded, flen + 1);
        if (bigger == NULL) {
            goto done;
        }
        folded = bigger;
        cap = flen + 1;
        dkg_fold(pre, n, folded, cap);
    }

    /* The result is never longer than the folded text. */
    out = malloc(flen + 1);
    if (out == NULL) {
        goto done;
    }
    size_t o = 0;
    int pending_space = 0;
    for (size_t i = 0; i < flen;) {
        const unsigned char *u = (const unsigned char *)folded + i;
        unsigned cp = 0;
        size_t step = decode(u, flen - i, &cp);
        int word;
        if (step == 0) { /* stray byte: keep it, Python would have failed earlier */
            step = 1;
            word = 1;
        } else if (cp < 0x80) {
            word = ascii_word((unsigned char)cp);
        } else if (is_combining(cp)) {
            i += step;
            continue;
        } else {
            word = !is_nonword(cp);
        }
        if (!word) {
            pending_space = o > 0;
        } else {
            if (pending_space) {
                out[o++] = ' ';
                pending_space = 0;
            }
            unsigned base = step == 2 ? strip_mark(cp) : cp;
            if (base != cp) {
                out[o++] = (char)(0xC0 | (base >> 6));
                out[o++] = (char)(0x80 | (base & 0x3F));
            } else {
                for (size_t k = 0; k < step; k++) {
                    unsigned char c = u[k];
                    out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
                }
            }
        }
        i += step;
    }
    out[o] = '\0';

    static const char *const prefixes[] = {"the ", "mr ", "ms ", "mrs ", "dr "};
    for (size_t p = 0; p < sizeof prefixes / sizeof prefixes[0]; p++) {
        size_t pl = strlen(prefixes[p]);
        if (o > pl && strncmp(out, prefixes[p], pl) == 0) {
            memmove(out, out + pl, o - pl + 1);
            break;
        }
    }

done:
    free(pre);
    free(folded);
    return out;
}

/* ---- string lists ------------------------------------------------------------------ */

int dkg__eval_strs_take(dkg__eval_strs *l, char *s)
{
    if (l->count == l->capacity) {
        size_t cap = l->capacity ? l->capacity * 2 : 4;
        char **items = realloc(l->items, cap * sizeof *items);
        if (items == NULL) {
            free(s);
            return DKG_ENOMEM;
        }
        l->items = items;
        l->capacity = cap;
    }
    l->items[l->count++] = s;
    return 0;
}

int dkg__eval_strs_push(dkg__eval_strs *l, const char *s)
{
    char *copy = NULL;
    if (s != NULL) {
        copy = strdup(s);
        if (copy == NULL) {
            return DKG_ENOMEM;
        }
    }
    return dkg__eval_strs_take(l, copy);
}

int dkg__eval_strs_has(const dkg__eval_strs *l, const char *s)
{
    for (size_t i = 0; i < l->count; i++) {
        const char *t = l->items[i];
        if ((t == NULL && s == NULL) || (t != NULL && s != NULL && strcmp(t, s) == 0)) {
            return 1;
        }
    }
    return 0;
}

void dkg__eval_strs_destroy(dkg__eval_strs *l)
{
    if (l == NULL) {
        return;
    }
    for (size_t i = 0; i < l->count; i++) {
        free(l->items[i]);
    }
    free(l->items);
    l->items = NULL;
    l->count = l->capacity = 0;
}
