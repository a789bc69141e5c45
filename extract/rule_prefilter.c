/* extract/rule_prefilter.c - the literal skeleton of a pattern, to skip it cheaply.
 *
 * Trigger words and the placeholder gate (rule_gate.c) decide which rules a
 * sentence runs, yet most of those runs still fail: "talks" occurs, but not
 * "with" after it, or no person stands before the verb. Each failing run of
 * a JIT-compiled rule cost several thousand instructions, half of all
 * extraction time.
 *
 * So at load time we read the pattern as written and list, in order, the
 * pieces every match must contain: literal text ("with"), an alternation of
 * literals ("met|meets|meeting" becomes one item holding three literals),
 * and entity tokens ({person:a} is "\x01" followed by the letter P). A
 * sentence can only match if those items occur one after another, without
 * overlapping; checking that is a short scan of a lower-cased copy of the
 * masked sentence, a few hundred instructions. The same test, restricted to
 * a clause, spares most runs of the status modifiers.
 *
 * The skeleton is a necessary condition, never a sufficient one, and every
 * doubt is resolved towards keeping fewer items:
 * - anything optional ("?", "*", "{0,n}", a lookaround, a group with an
 *   empty alternative) contributes nothing;
 * - an alternation contributes one item only if every alternative does;
 * - comparison ignores ASCII case whatever the rule's flags, and a literal
 *   stops at the first non-ASCII character (caseless "é" also matches "É");
 * - in caseless UTF mode "k" also matches the Kelvin sign and "s" the long
 *   s, so a text holding either bypasses the skeleton (dkg__prefilter_fold);
 * - a literal must start a word only where the pattern says "\b" or "\s"
 *   right before it, and then only an ASCII letter, digit or "_" before it
 *   rules it out (under PCRE2_UCP other bytes may or may not be letters);
 * - constructs whose meaning the scanner does not follow (\Q...\E,
 *   extended mode, backtracking verbs, an unbalanced parenthesis) give the
 *   pattern no skeleton at all: the rule always runs.
 *
 * Rejected: asking PCRE2 (it reports only a first and a last code unit), a
 * literal field in the rules file (one more thing for rule writers to keep
 * in step with the pattern), and compiling a second, simpler PCRE2 pattern
 * (its start-up and matching would cost what we save). */
#include <stdlib.h>
#include <string.h>

#include "rules_internal.h"

enum { MAX_LITS = 128, MAX_ITEMS = DKG_PREFILTER_MAX_ITEMS, LIT_MAX = 32, MAX_DEPTH = 64 };

typedef struct lit {
    unsigned char len;
    unsigned char word_start;
    char s[LIT_MAX];
} lit;

/* One item while deriving: a set of literals, one of which must occur. */
typedef struct item {
    int n, cap;
    lit lits[]; /* cap of them: most items hold one or two, so they are sized */
} item;         /* to fit (large fixed items made loading 11 M instructions slower) */

typedef struct seq {
    int n;
    item *items[MAX_ITEMS];
} seq;

typedef struct parser {
    const char *src;
    size_t i;
    int failed; /* a construct we do not follow: no skeleton */
    int depth;
} parser;

static int is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static unsigned char lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static void seq_clear(seq *s)
{
    for (int k = 0; k < s->n; k++) {
        free(s->items[k]);
    }
    s->n = 0;
}

/* Append it to s (taking it); items past the cap are dropped, which only
 * weakens the skeleton. */
static void seq_push(seq *s, item *it)
{
    if (it == NULL) {
        return;
    }
    if (s->n == MAX_ITEMS || it->n == 0) {
        free(it);
        return;
    }
    s->items[s->n++] = it;
}

static void seq_append(seq *into, seq *from)
{
    for (int k = 0; k < from->n; k++) {
        seq_push(into, from->items[k]);
    }
    from->n = 0;
}

static item *item_new(int cap)
{
    item *it = malloc(sizeof *it + (size_t)cap * sizeof it->lits[0]);
    if (it != NULL) {
        it->n = 0;
        it->cap = cap;
    }
    return it;
}

/* Append l to *it, growing it; 0, or -1 (out of memory, or over MAX_LITS). */
static int item_append(item **it, const lit *l)
{
    if ((*it)->n == (*it)->cap) {
        int cap = (*it)->cap * 2;
        item *grown = cap <= MAX_LITS ? realloc(*it, sizeof **it + (size_t)cap * sizeof l[0])
                                      : NULL;
        if (grown == NULL) {
            return -1;
        }
        grown->cap = cap;
        *it = grown;
    }
    (*it)->lits[(*it)->n++] = *l;
    return 0;
}

static item *item_of_literal(const char *s, size_t len, int word_start)
{
    if (len == 0) {
        return NULL;
    }
    item *it = item_new(1);
    if (it == NULL) {
        return NULL; /* out of memory only weakens the skeleton */
    }
    if (len > LIT_MAX) {
        len = LIT_MAX; /* a prefix of a literal is still required */
    }
    it->n = 1;
    it->lits[0].len = (unsigned char)len;
    it->lits[0].word_start = (unsigned char)(word_start && is_word_byte((unsigned char)s[0]));
    for (size_t k = 0; k < len; k++) {
        it->lits[0].s[k] = (char)lower((unsigned char)s[k]);
    }
    return it;
}

/* The literal run being read: consecutive literal characters. */
typedef struct run {
    char s[LIT_MAX * 4];
    size_t len;
    int word_start; /* "\b" or "\s" came right before its first character */
} run;

static void run_end(run *r, seq *out)
{
    seq_push(out, item_of_literal(r->s, r->len, r->word_start));
    r->len = 0;
    r->word_start = 0;
}

/* Quantifier at src[i]: 0 none, 1 may repeat zero times, 2 at least once.
 * *len_out is its length including a lazy or possessive suffix. */
static int quantifier(const char *src, size_t i, size_t *len_out)
{
    size_t n = 0;
    int kind = 0;
    if (src[i] == '?' || src[i] == '*') {
        kind = 1;
        n = 1;
    } else if (src[i] == '+') {
        kind = 2;
        n = 1;
    } else if (src[i] == '{' && ((src[i + 1] >= '0' && src[i + 1] <= '9') || src[i + 1] == ',')) {
        size_t j = i + 1;
        unsigned long low = 0;
        int digits = 0;
        while (src[j] >= '0' && src[j] <= '9') {
            low = low * 10 + (unsigned long)(src[j] - '0');
            digits = 1;
            j++;
            if (low > 100000) {
                low = 100000;
            }
        }
        while ((src[j] >= '0' && src[j] <= '9') || src[j] == ',' || src[j] == ' ') {
            j++;
        }
        if (src[j] != '}') {
            /* Not a quantifier for PCRE2 either, but a literal "{": treating
             * it as optional is the cautious reading. */
            *len_out = 0;
            return 1;
        }
        kind = digits && low >= 1 ? 2 : 1;
        n = j + 1 - i;
    } else {
        *len_out = 0;
        return 0;
    }
    if (src[i + n] == '?' || src[i + n] == '+') {
        n++;
    }
    *len_out = n;
    return kind;
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/* An escape at src[i] == '\\'. Sets *lit_out to a literal byte (or -1 for
 * anything else), *boundary for "\b", *space for "\s"; returns its length. */
static size_t escape(parser *p, size_t i, int *lit_out, int *boundary, int *space)
{
    const char *src = p->src;
    char c = src[i + 1];
    *lit_out = -1;
    *boundary = 0;
    *space = 0;
    if (c == '\0') {
        p->failed = 1;
        return 1;
    }
    if (c == 'x') {
        if (src[i + 2] == '{') {
            const char *close = strchr(src + i + 2, '}');
            if (close == NULL) {
                p->failed = 1;
                return 2;
            }
            long v = 0;
            int ok = 1;
            for (const char *h = src + i + 3; h < close; h++) {
                int d = hex_value(*h);
                ok = ok && d >= 0 && v < 0x110000;
                v = v * 16 + (d >= 0 ? d : 0);
            }
            if (ok && close > src + i + 3 && v > 0 && v < 0x80) {
                *lit_out = (int)v;
            }
            return (size_t)(close - (src + i)) + 1;
        }
        size_t n = 2;
        int v = 0;
        while (n < 4 && hex_value(src[i + n]) >= 0) {
            v = v * 16 + hex_value(src[i + n]);
            n++;
        }
        if (v > 0 && v < 0x80) {
            *lit_out = v; /* "\x" alone is NUL: no literal */
        }
        return n;
    }
    if (c == 'b') {
        *boundary = 1;
        return 2;
    }
    if (c == 's') {
        *space = 1;
        return 2;
    }
    if (c == 'Q' || c == 'E') {
        p->failed = 1; /* quoting: the bytes that follow mean something else */
        return 2;
    }
    /* Escapes with a braced or bracketed argument: skip it whole, so that
     * "\p{Lu}" is not read as a quantifier or placeholder. */
    if ((c == 'p' || c == 'P' || c == 'o' || c == 'g' || c == 'k' || c == 'N') &&
        (src[i + 2] == '{' || src[i + 2] == '<' || src[i + 2] == '\'')) {
        char close_ch = src[i + 2] == '{' ? '}' : src[i + 2] == '<' ? '>' : '\'';
        const char *close = strchr(src + i + 3, close_ch);
        if (close == NULL) {
            p->failed = 1;
            return 2;
        }
        return (size_t)(close - (src + i)) + 1;
    }
    if ((c == 'p' || c == 'P') && src[i + 2] != '\0') {
        return 3; /* "\pL" */
    }
    if ((c >= '0' && c <= '9') || c == 'g') {
        /* Back references and octal escapes ("\1", "\012", "\g-1"): the
         * digits belong to the escape, not to the text. */
        size_t n = 2;
        while (src[i + n] == '-' || src[i + n] == '+' || (src[i + n] >= '0' && src[i + n] <= '9')) {
            n++;
        }
        return n;
    }
    if ((unsigned char)c < 0x80 && !is_word_byte((unsigned char)c)) {
        *lit_out = (unsigned char)c; /* "\." "\$" "\-": the character itself */
        return 2;
    }
    /* Letters and digits: classes (\d \w), assertions (\A \z \K), controls,
     * back references. None is a literal we rely on. */
    if (c == 'c') {
        return src[i + 2] != '\0' ? 3 : 2;
    }
    return 2;
}

static int parse_alternation(parser *p, int boundary_in, seq *out, int *ends_out);

/* Kinds of group opening at src[i] == '('. */
enum { GROUP_PLAIN, GROUP_SKIP, GROUP_OPAQUE, GROUP_OPTIONS };

static int group_kind(parser *p, size_t *len_out)
{
    const char *src = p->src + p->i;
    if (src[1] == '*') {
        p->failed = 1; /* (*VERB) and (*positive_lookahead:...) */
        *len_out = 1;
        return GROUP_OPAQUE;
    }
    if (src[1] != '?') {
        *len_out = 1;
        return GROUP_PLAIN;
    }
    char c = src[2];
    if (c == ':' || c == '|' || c == '>') {
        *len_out = 3;
        return GROUP_PLAIN;
    }
    if (c == '=' || c == '!') {
        *len_out = 3;
        return GROUP_SKIP;
    }
    if (c == '<' && (src[3] == '=' || src[3] == '!')) {
        *len_out = 4;
        return GROUP_SKIP;
    }
    if (c == '#') {
        const char *close = strchr(src, ')');
        *len_out = close != NULL ? (size_t)(close - src) + 1 : strlen(src);
        if (close == NULL) {
            p->failed = 1;
        }
        return GROUP_OPTIONS; /* a comment: nothing to match */
    }
    if (c == '<' || c == 'P' || c == '\'') {
        /* Named group, or (?P=name) / (?P>name) references. */
        if (c == 'P' && (src[3] == '=' || src[3] == '>')) {
            *len_out = 2;
            return GROUP_OPAQUE;
        }
        char close_ch = c == '\'' ? '\'' : '>';
        const char *close = strchr(src + 3, close_ch);
        if (close == NULL) {
            p->failed = 1;
            *len_out = 1;
            return GROUP_OPAQUE;
        }
        *len_out = (size_t)(close - src) + 1;
        return GROUP_PLAIN;
    }
    if (c == '(') {
        *len_out = 2;
        return GROUP_OPAQUE; /* a conditional */
    }
    /* Option settings "(?i)", "(?-i:...)": anything with x changes how the
     * pattern reads, which we do not follow. */
    size_t j = 2;
    while (src[j] != '\0' && strchr("imnsxJU-^", src[j]) != NULL) {
        if (src[j] == 'x') {
            p->failed = 1;
        }
        j++;
    }
    if (j > 2 && src[j] == ')') {
        *len_out = j + 1;
        return GROUP_OPTIONS;
    }
    if (j > 2 && src[j] == ':') {
        *len_out = j + 1;
        return GROUP_PLAIN;
    }
    /* Recursion, subroutine calls, callouts: they match something, but we
     * cannot say what. */
    *len_out = 2;
    return GROUP_OPAQUE;
}

/* Skip a group whose content we do not read, from just inside its "(". */
static void skip_group_body(parser *p)
{
    int depth = 1;
    const char *src = p->src;
    while (src[p->i] != '\0' && depth > 0) {
        char c = src[p->i];
        if (c == '\\') {
            p->i += src[p->i + 1] != '\0' ? 2 : 1;
        } else if (c == '[') {
            size_t j = dkg__pattern_skip_class(src, p->i);
            if (j == 0) {
                p->failed = 1;
                return;
            }
            p->i = j;
        } else {
            depth += c == '(';
            depth -= c == ')';
            p->i++;
        }
    }
    if (depth != 0) {
        p->failed = 1;
    }
}

/* A placeholder {name} or {name:group} at src[i]: its token items. *ends
 * tells whether its text always ends in a non-word byte, as tokens do
 * ("\x02"); {pre} ends in a space unless it is empty, so it is made optional. */
static size_t placeholder(parser *p, size_t i, seq *out, int *ends, int *optional)
{
    const char *src = p->src;
    const char *close = strchr(src + i, '}');
    if (close == NULL) {
        p->failed = 1;
        return 1;
    }
    size_t len = (size_t)(close - (src + i + 1));
    char name[64];
    if (len >= sizeof name) {
        p->failed = 1;
        return len + 2;
    }
    memcpy(name, src + i + 1, len);
    name[len] = '\0';
    char *colon = strchr(name, ':');
    if (colon != NULL) {
        *colon = '\0';
    }
    const char *types = NULL;
    int list = 0;
    *ends = strcmp(name, "gap") != 0;
    *optional = strcmp(name, "pre") == 0;
    if (dkg__placeholder_info(name, &types, &list)) {
        /* A token is "\x01" and its type letter; persons2 needs two. */
        for (int k = 0; k < (list == 2 ? 2 : 1); k++) {
            item *it = item_new((int)strlen(types));
            for (const char *t = types; it != NULL && *t; t++) {
                lit *l = &it->lits[it->n++];
                l->len = 2;
                l->word_start = 0;
                l->s[0] = MASK_OPEN;
                l->s[1] = (char)lower((unsigned char)*t);
            }
            seq_push(out, it);
        }
    }
    /* {gap}, {pre}: optional by construction, nothing required. */
    return len + 2;
}

/* Parse one alternative up to "|", ")" or the end. Returns whether a word
 * character after it is sure to start a word (it ended with "\b", "\s",
 * a token or a literal non-word character), which boundary_in says of the
 * place it starts at. */
static int parse_sequence(parser *p, int boundary_in, seq *out)
{
    const char *src = p->src;
    run r = {{0}, 0, 0};
    int pending = boundary_in; /* a word character here starts a word */
    while (!p->failed && src[p->i] != '\0' && src[p->i] != '|' && src[p->i] != ')') {
        size_t at = p->i;
        char c = src[at];
        int literal = -1;
        int boundary = 0;
        int space = 0;
        size_t n = 1;
        seq inner = {0};
        int is_group = 0;
        int group_ends = 0;    /* pending after the group or placeholder */
        int group_optional = 0;
        if (c == '\\') {
            n = escape(p, at, &literal, &boundary, &space);
        } else if (c == '[') {
            size_t j = dkg__pattern_skip_class(src, at);
            if (j == 0) {
                p->failed = 1;
                break;
            }
            n = j - at;
        } else if (c == '(') {
            size_t open = 0;
            int kind = group_kind(p, &open);
            p->i += open;
            is_group = 1;
            if (kind == GROUP_OPTIONS) {
                /* "(?i)": no text consumed; the run may go on. */
                continue;
            }
            if (kind == GROUP_PLAIN) {
                run_end(&r, out);
                if (++p->depth > MAX_DEPTH) {
                    p->failed = 1;
                    break;
                }
                parse_alternation(p, pending, &inner, &group_ends);
                p->depth--;
            } else {
                if (kind == GROUP_OPAQUE) {
                    run_end(&r, out); /* it consumes text we do not describe */
                }
                skip_group_body(p);
                p->i--; /* back onto the ")" consumed below */
            }
            if (src[p->i] != ')') {
                p->failed = 1;
                seq_clear(&inner);
                break;
            }
            p->i++;
            n = 0;
            if (kind == GROUP_SKIP) {
                /* A lookaround consumes nothing: neither breaks the run nor
                 * requires anything. */
                seq_clear(&inner);
                continue;
            }
        } else if (c == '{' && src[at + 1] >= 'a' && src[at + 1] <= 'z') {
            run_end(&r, out);
            n = placeholder(p, at, &inner, &group_ends, &group_optional);
            is_group = 1;
        } else if (c == '.' || c == '^' || c == '$') {
            n = 1;
        } else if (c == '?' || c == '*' || c == '+' || c == '{') {
            /* A quantifier with nothing before it: PCRE2 refuses those. */
            p->failed = 1;
            break;
        } else if ((unsigned char)c >= 0x80) {
            /* Non-ASCII: may match other case forms; skip the character. */
            n = 1;
            while (((unsigned char)src[at + n] & 0xC0) == 0x80) {
                n++;
            }
        } else {
            literal = (unsigned char)c;
        }
        p->i += n;
        size_t qlen = 0;
        int q = quantifier(src, p->i, &qlen);
        p->i += qlen;
        if (is_group) {
            q = group_optional ? 1 : q;
            if (q != 1) {
                seq_append(out, &inner);
            }
            seq_clear(&inner);
            /* After zero repetitions, what held before the group holds. */
            pending = group_ends && (q != 1 || pending);
            continue;
        }
        if (boundary) {
            /* "\b" consumes nothing: the next literal starts a word (or the
             * run so far ends one, which we do not use). */
            run_end(&r, out);
            pending = 1;
            continue;
        }
        if (literal >= 0 && q != 1) {
            if (r.len == 0) {
                r.word_start = pending;
            }
            if (r.len < sizeof r.s) {
                r.s[r.len++] = (char)literal;
            }
            if (q == 2) {
                run_end(&r, out); /* "a+": more may follow before the next piece */
            }
            pending = !is_word_byte((unsigned char)literal);
            continue;
        }
        /* Anything else consumes text we do not describe. */
        run_end(&r, out);
        pending = space && q != 1;
    }
    run_end(&r, out);
    return pending;
}

/* How selective an item is: its shortest literal. */
static int item_strength(const item *it)
{
    int shortest = LIT_MAX + 1;
    for (int k = 0; k < it->n; k++) {
        if (it->lits[k].len < shortest) {
            shortest = it->lits[k].len;
        }
    }
    return shortest;
}

/* Alternatives up to the closing ")" (not consumed). One alternative keeps
 * its items in order; several give one item: from each alternative its most
 * selective item, all of whose literals are then acceptable. Returns how
 * many items went to out; *ends_out as parse_sequence, for all alternatives. */
static int parse_alternation(parser *p, int boundary_in, seq *out, int *ends_out)
{
    seq first = {0};
    *ends_out = parse_sequence(p, boundary_in, &first);
    if (p->src[p->i] != '|') {
        int n = first.n;
        seq_append(out, &first);
        return n;
    }
    item *merged = item_new(8);
    int ok = merged != NULL;
    seq alt = first;
    for (;;) {
        int best = -1;
        for (int k = 0; k < alt.n; k++) {
            if (best < 0 || item_strength(alt.items[k]) > item_strength(alt.items[best])) {
                best = k;
            }
        }
        if (best < 0) {
            ok = 0; /* an alternative that needs nothing we can name */
        }
        for (int k = 0; ok && k < alt.items[best]->n; k++) {
            ok = item_append(&merged, &alt.items[best]->lits[k]) == 0;
        }
        seq_clear(&alt);
        if (p->failed || p->src[p->i] != '|') {
            break;
        }
        p->i++;
        *ends_out &= parse_sequence(p, boundary_in, &alt);
    }
    if (!ok) {
        free(merged);
        return 0;
    }
    seq_push(out, merged);
    return 1;
}

static int by_first_byte(const void *a, const void *b)
{
    const lit *x = a;
    const lit *y = b;
    return (int)(unsigned char)x->s[0] - (int)(unsigned char)y->s[0];
}

/* The distinct pairs the item's literals open with, into quick; 0 when a
 * literal has a single byte (any byte may follow it) or there are too many
 * to be worth listing. */
static unsigned char quick_pairs(const item *it, unsigned short quick[DKG_PREFILTER_QUICK])
{
    unsigned char n = 0;
    for (int k = 0; k < it->n; k++) {
        const lit *l = &it->lits[k];
        if (l->len < 2) {
            return 0;
        }
        unsigned short pair = (unsigned short)DKG_PREFILTER_PAIR(l->s[0], (unsigned char)l->s[1]);
        unsigned char j = 0;
        while (j < n && quick[j] != pair) {
            j++;
        }
        if (j == n) {
            if (n == DKG_PREFILTER_QUICK) {
                return 0;
            }
            quick[n++] = pair;
        }
    }
    return n;
}

void dkg__prefilter_destroy(dkg_prefilter *pf)
{
    if (pf == NULL) {
        return;
    }
    free(pf->items);
    free(pf->lits);
    memset(pf, 0, sizeof *pf);
}

int dkg__prefilter_derive(const char *src, dkg_prefilter *out)
{
    memset(out, 0, sizeof *out);
    parser p = {src, 0, 0, 0};
    seq items = {0};
    int rc = 0;
    /* Quoting and extended mode change what every later byte means. */
    if (strstr(src, "\\Q") != NULL || strstr(src, "(?x") != NULL) {
        return 0;
    }
    int ends = 0;
    parse_alternation(&p, 0, &items, &ends);
    if (p.failed || src[p.i] != '\0') {
        goto done; /* unbalanced or not understood: no skeleton */
    }
    size_t total = 0;
    for (int k = 0; k < items.n; k++) {
        total += (size_t)items.items[k]->n;
    }
    if (total == 0) {
        goto done;
    }
    out->lits = calloc(total, sizeof *out->lits);
    out->items = calloc((size_t)items.n, sizeof *out->items);
    if (out->lits == NULL || out->items == NULL) {
        dkg__prefilter_destroy(out);
        rc = DKG_ENOMEM;
        goto done;
    }
    size_t at = 0;
    for (int k = 0; k < items.n; k++) {
        item *it = items.items[k];
        dkg_prefilter_item *dst = &out->items[out->nitems++];
        dst->first = (unsigned)at;
        /* Sorted by first byte, so a text byte finds its candidates at once. */
        qsort(it->lits, (size_t)it->n, sizeof it->lits[0], by_first_byte);
        int j = 0;
        for (unsigned b = 0; b < 257; b++) {
            while (j < it->n && (unsigned char)it->lits[j].s[0] < b) {
                j++;
            }
            dst->by_byte[b] = (unsigned char)j;
        }
        dst->at_starts = 1;
        for (j = 0; j < it->n; j++) {
            const lit *l = &it->lits[j];
            dst->at_starts &= l->word_start || l->s[0] == MASK_OPEN;
            for (unsigned b = 0; b < 32; b++) {
                /* A one-byte literal goes with any byte after it. */
                unsigned pair = DKG_PREFILTER_PAIR(l->s[0], l->len > 1 ? (unsigned char)l->s[1] : b);
                dst->pairs[pair >> 3] |= (unsigned char)(1u << (pair & 7));
            }
            dkg_prefilter_lit *d = &out->lits[at++];
            memcpy(d->s, l->s, l->len);
            d->len = l->len;
            d->word_start = l->word_start;
        }
        dst->nquick = quick_pairs(it, dst->quick);
    }
done:
    seq_clear(&items);
    return rc;
}

static void add_pair(uint64_t set[16], unsigned pair)
{
    set[pair >> 6] |= (uint64_t)1 << (pair & 63);
}

static int has_pair_in(const uint64_t set[16], unsigned pair)
{
    return (set[pair >> 6] >> (pair & 63)) & 1;
}

int dkg__prefilter_fold(const char *text, size_t len, char *folded, dkg_prefilter_start *starts,
                        dkg_prefilter_text *out)
{
    int unsafe = 0;
    int prev_word = 0;
    size_t n = 0;
    memset(out->pairs_at_starts, 0, sizeof out->pairs_at_starts);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        folded[i] = (char)lower(c);
        int word = is_word_byte(c);
        if ((word && !prev_word) || c == (unsigned char)MASK_OPEN) {
            starts[n++].pos = i;
        }
        prev_word = word;
        /* U+212A KELVIN SIGN (E2 84 AA) and U+017F LONG S (C5 BF) match
         * "k" and "s" caselessly. */
        if (c >= 0x80 && ((c == 0xE2 && i + 2 < len && (unsigned char)text[i + 1] == 0x84 &&
                           (unsigned char)text[i + 2] == 0xAA) ||
                          (c == 0xC5 && i + 1 < len && (unsigned char)text[i + 1] == 0xBF))) {
            unsafe = 1;
        }
    }
    folded[len] = '\0';
    for (size_t k = 0; k < n; k++) {
        size_t p = starts[k].pos;
        starts[k].pair = DKG_PREFILTER_PAIR((unsigned char)folded[p], (unsigned char)folded[p + 1]);
        add_pair(out->pairs_at_starts, starts[k].pair);
    }
    out->folded = folded;
    out->starts = starts;
    out->nstarts = n;
    return unsafe;
}

/* Can the item occur nowhere in the text, whatever the window? Asked only
 * of items that begin words or tokens and list their pairs: most rules are
 * rejected by their own scan anyway, and a set of every pair in the text
 * cost more to build than it saved. */
static int item_absent(const dkg_prefilter_item *it, const dkg_prefilter_text *text)
{
    if (!it->at_starts) {
        return 0;
    }
    for (unsigned k = 0; k < it->nquick; k++) {
        if (has_pair_in(text->pairs_at_starts, it->quick[k])) {
            return 0;
        }
    }
    return it->nquick > 0;
}

/* Does literal l occur at p, ending by to and before best? Its first byte
 * is known to be there. The bytes are compared first, as most candidates
 * differ in the second one: no literal holds a NUL and the folded text ends
 * in one, so the comparison stops inside the text. */
static inline int literal_at(const dkg_prefilter_lit *l, const unsigned char *t, size_t p, size_t to,
                             size_t best)
{
    size_t i = 1;
    while (i < l->len && t[p + i] == (unsigned char)l->s[i]) {
        i++;
    }
    size_t end = p + l->len;
    return i == l->len && end <= to && end < best &&
           !(l->word_start && p > 0 && is_word_byte(t[p - 1]));
}

static int has_pair(const dkg_prefilter_item *it, unsigned pair)
{
    return (it->pairs[pair >> 3] & (1u << (pair & 7))) != 0;
}

/* The smallest end of best and of the item's literals occurring at p. */
static inline size_t literals_at(const dkg_prefilter *pf, const dkg_prefilter_item *it,
                                 const unsigned char *t, size_t p, size_t to, size_t best)
{
    unsigned char c = t[p];
    for (unsigned k = it->by_byte[c]; k < it->by_byte[c + 1]; k++) {
        const dkg_prefilter_lit *l = &pf->lits[it->first + k];
        if (literal_at(l, t, p, to, best)) {
            best = p + l->len;
        }
    }
    return best;
}

/* Smallest end of an occurrence of one of the item's literals starting at or
 * after pos and ending by to; (size_t)-1 when there is none. *cursor is the
 * first entry of starts at or after pos, and moves on with it. */
static size_t item_end(const dkg_prefilter *pf, const dkg_prefilter_item *it,
                       const dkg_prefilter_text *text, size_t *cursor, size_t pos, size_t to)
{
    const unsigned char *t = (const unsigned char *)text->folded;
    size_t best = (size_t)-1;
    if (it->at_starts) {
        /* Only where words and tokens begin: a few dozen places a sentence,
         * most ruled out by their first two bytes. */
        for (size_t s = *cursor; s < text->nstarts; s++) {
            size_t p = text->starts[s].pos;
            if (p >= to || p >= best) {
                break;
            }
            if (has_pair(it, text->starts[s].pair)) {
                best = literals_at(pf, it, t, p, to, best);
            }
        }
    } else {
        /* The folded text ends in a NUL, so t[p + 1] is always there. */
        for (size_t p = pos; p < to && p < best; p++) {
            if (has_pair(it, DKG_PREFILTER_PAIR(t[p], t[p + 1]))) {
                best = literals_at(pf, it, t, p, to, best);
            }
        }
    }
    if (best == (size_t)-1) {
        return best; /* the caller gives up: no need to move the cursor */
    }
    while (*cursor < text->nstarts && text->starts[*cursor].pos < best) {
        (*cursor)++;
    }
    return best;
}

int dkg__prefilter_may_match(const dkg_prefilter *pf, const dkg_prefilter_text *t, size_t from,
                             size_t to)
{
    for (int k = 0; k < pf->nitems; k++) {
        if (item_absent(&pf->items[k], t)) {
            return 0;
        }
    }
    size_t cursor = 0;
    while (cursor < t->nstarts && t->starts[cursor].pos < from) {
        cursor++;
    }
    /* Greedy: each item at its earliest end leaves the most room for the
     * rest, so if this fails no placement of the items fits. */
    size_t pos = from;
    for (int k = 0; k < pf->nitems; k++) {
        pos = item_end(pf, &pf->items[k], t, &cursor, pos, to);
        if (pos == (size_t)-1) {
            return 0;
        }
    }
    return 1;
}
