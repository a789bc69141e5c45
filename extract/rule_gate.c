/* extract/rule_gate.c - which entity tokens a rule cannot match without.
 *
 * Trigger words are common ("in", "on", "was"), so most sentences that
 * trigger a rule cannot match it anyway: "met" in a sentence naming one
 * person never satisfies "{persons:a} ... met ... {persons:b}". Running the
 * JIT-compiled pattern to find that out was most of the extraction time.
 *
 * At load time we read the rule's pattern as written (placeholders not yet
 * expanded) and list its mandatory placeholders: those outside any group
 * that is optional ("?", "*", "{0,"), holds an alternation, or is a
 * lookaround. Each one must consume its own masked token ("\x01P3\x02"), so a
 * sentence whose masked form has fewer tokens of the right letters cannot
 * match and the rule is skipped there. The test is only a necessary
 * condition: whenever in doubt (an unusual construct) a placeholder counts as
 * optional, so the gate never skips a sentence the pattern could match and
 * the output is the same as running every triggered rule.
 *
 * Rejected: gating on the mention list instead of the masked text (article
 * text may itself hold \x01 bytes, which the patterns see), and analysing the
 * compiled pattern (PCRE2 exposes no such information). */
#include <string.h>

#include "rules_internal.h"

/* Letters a masked token may carry, as bits of a type set. */
static unsigned letter_bit(char c)
{
    switch (c) {
    case 'P': case 'p': return 1u;
    case 'C': case 'c': return 2u;
    case 'L': case 'l': return 4u;
    case 'O': case 'o': return 8u;
    case 'A': case 'a': return 16u;
    }
    return 32u; /* anything else after \x01: counts toward no placeholder */
}

static unsigned types_bits(const char *types)
{
    unsigned bits = 0;
    for (const char *c = types; *c; c++) {
        bits |= letter_bit(*c);
    }
    return bits;
}

/* After a group or placeholder ending before src[i]: does a quantifier
 * there allow zero repetitions? */
static int zero_quantifier(const char *src, size_t i)
{
    if (src[i] == '?' || src[i] == '*') {
        return 1;
    }
    return src[i] == '{' && (src[i + 1] == '0' || src[i + 1] == ',');
}

size_t dkg__pattern_skip_class(const char *src, size_t i)
{
    i++;
    if (src[i] == '^') {
        i++;
    }
    if (src[i] == ']') {
        i++; /* a leading ']' is literal */
    }
    while (src[i] != '\0') {
        if (src[i] == '\\' && src[i + 1] != '\0') {
            i += 2;
        } else if (src[i] == '[' && src[i + 1] == ':') {
            const char *close = strstr(src + i + 2, ":]");
            if (close == NULL) {
                return 0;
            }
            i = (size_t)(close - src) + 2;
        } else if (src[i] == ']') {
            return i + 1;
        } else {
            i++;
        }
    }
    return 0;
}

/* Is the group opening at src[i] == '(' one whose content need not match
 * (lookarounds, conditionals, comments, verbs)? */
static int group_is_optional(const char *src, size_t i)
{
    if (src[i + 1] == '*') {
        return 1;
    }
    if (src[i + 1] != '?') {
        return 0;
    }
    char c = src[i + 2];
    if (c == '=' || c == '!' || c == '(' || c == '#') {
        return 1;
    }
    return c == '<' && (src[i + 3] == '=' || src[i + 3] == '!');
}

int dkg__rule_gate_analyse(const char *src, rule_gate *out)
{
    enum { MAX_DEPTH = 64, MAX_SEEN = 64 };
    struct {
        size_t first;  /* first placeholder recorded inside the group */
        int optional;  /* lookaround or alternation inside */
    } stack[MAX_DEPTH + 1];
    unsigned bits[MAX_SEEN];
    unsigned char count[MAX_SEEN];
    unsigned char mandatory[MAX_SEEN];
    size_t nseen = 0;
    int depth = 0;
    memset(out, 0, sizeof *out);
    stack[0].first = 0;
    stack[0].optional = 0;
    /* Quoting and extended mode change what the bytes mean: no gate. */
    if (strstr(src, "\\Q") != NULL || strstr(src, "(?x") != NULL || strstr(src, "(*") != NULL) {
        return 0;
    }
    for (size_t i = 0; src[i] != '\0';) {
        char c = src[i];
        if (c == '\\') {
            i += src[i + 1] != '\0' ? 2 : 1;
        } else if (c == '[') {
            i = dkg__pattern_skip_class(src, i);
            if (i == 0) {
                return 0;
            }
        } else if (c == '(') {
            if (depth == MAX_DEPTH) {
                return 0;
            }
            depth++;
            stack[depth].first = nseen;
            stack[depth].optional = group_is_optional(src, i);
            i++;
        } else if (c == '|') {
            stack[depth].optional = 1;
            i++;
        } else if (c == ')') {
            if (depth == 0) {
                return 0;
            }
            i++;
            if (stack[depth].optional || zero_quantifier(src, i)) {
                for (size_t k = stack[depth].first; k < nseen; k++) {
                    mandatory[k] = 0;
                }
            }
            depth--;
        } else if (c == '{' && src[i + 1] >= 'a' && src[i + 1] <= 'z') {
            const char *close = strchr(src + i, '}');
            if (close == NULL) {
                return 0;
            }
            char name[64];
            size_t len = (size_t)(close - (src + i + 1));
            if (len >= sizeof name) {
                return 0;
            }
            memcpy(name, src + i + 1, len);
            name[len] = '\0';
            char *colon = strchr(name, ':');
            if (colon != NULL) {
                *colon = '\0';
            }
            i += len + 2;
            const char *types = NULL;
            int list = 0;
            if (dkg__placeholder_info(name, &types, &list) && nseen < MAX_SEEN) {
                bits[nseen] = types_bits(types);
                count[nseen] = list == 2 ? 2 : 1; /* persons2: at least two tokens */
                mandatory[nseen] = !zero_quantifier(src, i);
                nseen++;
            }
        } else {
            i++;
        }
    }
    if (depth != 0 || stack[0].optional) {
        return 0;
    }
    for (size_t k = 0; k < nseen && out->n < DKG_GATE_MAX; k++) {
        if (mandatory[k]) {
            out->bits[out->n] = (unsigned char)bits[k];
            out->count[out->n] = count[k];
            out->n++;
        }
    }
    /* Each mandatory placeholder takes its own token: every set of types must
     * hold at least as many tokens as the placeholders confined to it. */
    for (int i = 0; i < out->n; i++) {
        unsigned set = out->bits[i] & (DKG_GATE_SETS - 1);
        unsigned need = 0;
        for (int j = 0; j < out->n; j++) {
            if ((out->bits[j] & ~set & (DKG_GATE_SETS - 1)) == 0) {
                need += out->count[j];
            }
        }
        out->need[i] = (unsigned char)need; /* at most 8 placeholders of 2 */
    }
    return out->n;
}

void dkg__rule_gate_count(const char *masked, size_t len, unsigned counts[DKG_GATE_SETS])
{
    unsigned letters[4] = {0}; /* P, C, L, O: the letters a placeholder can take */
    const char *p = masked;
    const char *end = masked + len;
    while ((p = memchr(p, MASK_OPEN, (size_t)(end - p))) != NULL && p + 1 < end) {
        switch (letter_bit(p[1])) {
        case 1u: letters[0]++; break;
        case 2u: letters[1]++; break;
        case 4u: letters[2]++; break;
        case 8u: letters[3]++; break;
        }
        p++;
    }
    /* A set's count is that of the set without its lowest letter plus the
     * tokens of that letter. */
    counts[0] = 0;
    for (unsigned set = 1; set < DKG_GATE_SETS; set++) {
        unsigned low = set & (0u - set);
        unsigned b = low == 1u ? 0 : low == 2u ? 1 : low == 4u ? 2 : 3;
        counts[set] = counts[set ^ low] + letters[b];
    }
}

int dkg__rule_gate_open(const rule_gate *g, const unsigned counts[DKG_GATE_SETS])
{
    for (int i = 0; i < g->n; i++) {
        if (counts[g->bits[i] & (DKG_GATE_SETS - 1)] < g->need[i]) {
            return 0;
        }
    }
    return 1;
}
