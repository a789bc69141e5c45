/* tests/unit/test_rule_prefilter.c - pattern skeletons (extract/rule_prefilter.c).
 *
 * A skeleton that requires something a match can do without silently drops
 * relations, so most cases here are constructs that make a piece optional
 * or change what its bytes mean: alternations, optional groups, quantifiers,
 * lookarounds, case, classes, escapes. The last part checks the skeletons
 * of the shipped rules against PCRE2 itself on generated masked sentences:
 * wherever a pattern matches, its skeleton must fit. */
#include <stdio.h>
#include <string.h>

#include "lexicon_internal.h"
#include "rules_internal.h"
#include "testlib.h"

/* The skeleton as text: items in brackets, literals separated by "|", "^"
 * before a literal that must start a word, "\x01" written as "#". */
static const char *skel(const char *pattern)
{
    static char out[4096];
    dkg_prefilter pf;
    size_t n = 0;
    out[0] = '\0';
    if (dkg__prefilter_derive(pattern, &pf) != 0) {
        return "(out of memory)";
    }
    for (int i = 0; i < pf.nitems; i++) {
        const dkg_prefilter_item *it = &pf.items[i];
        n += (size_t)snprintf(out + n, sizeof out - n, "%s[", i ? " " : "");
        for (unsigned k = 0; k < it->by_byte[256]; k++) {
            const dkg_prefilter_lit *l = &pf.lits[it->first + k];
            n += (size_t)snprintf(out + n, sizeof out - n, "%s%s", k ? "|" : "",
                                  l->word_start ? "^" : "");
            for (unsigned j = 0; j < l->len && n + 2 < sizeof out; j++) {
                out[n++] = l->s[j] == MASK_OPEN ? '#' : l->s[j];
            }
            out[n] = '\0';
        }
        n += (size_t)snprintf(out + n, sizeof out - n, "]");
    }
    dkg__prefilter_destroy(&pf);
    return out;
}

/* Does the skeleton of pattern fit text[from, to)? */
static int fits_in(const char *pattern, const char *text, size_t from, size_t to)
{
    dkg_prefilter pf;
    char folded[512];
    dkg_prefilter_start starts[512];
    size_t len = strlen(text);
    dkg_prefilter_text t;
    if (len >= sizeof folded || dkg__prefilter_derive(pattern, &pf) != 0) {
        return -1;
    }
    int unsafe = dkg__prefilter_fold(text, len, folded, starts, &t);
    int fits = unsafe || dkg__prefilter_may_match(&pf, &t, from, to);
    dkg__prefilter_destroy(&pf);
    return fits;
}

static int fits(const char *pattern, const char *text)
{
    return fits_in(pattern, text, 0, strlen(text));
}

static void derivation(void)
{
    /* Sequences keep their order; \b or \s before a literal makes it start a word. */
    CHECK_STR(skel("{persons:a}{gap}\\bmet\\s+with\\s+{pre}{persons:b}"), "[#p] [^met] [^with] [#p]");
    CHECK_STR(skel("{actor:a} urged"), "[#p|#c|#o] [ urged]");
    CHECK_STR(skel("{persons2:a}\\s+met"), "[#p] [#p] [^met]");
    /* Alternations: one item holding each alternative's most selective item;
     * an alternative that needs nothing we can name drops the item. */
    CHECK_STR(skel("\\b(?:met|sat\\s+down\\s+with)"), "[^down|^met]");
    CHECK_STR(skel("(?:met|[a-z]+)\\s+with"), "[^with]");
    CHECK_STR(skel("(?:met|)with"), "[with]");
    CHECK_STR(skel("met|{person:a}"), "[#p|met]");
    CHECK_STR(skel("(?:a|b(?:c|d\\w))x"), "[a|b] [x]");
    CHECK_STR(skel("(?:a|x(?:cc|dd\\w))x"), "[a|cc|dd] [x]");
    /* Optional pieces require nothing: ?, *, {0,n}, {,n}, lazy forms. */
    CHECK_STR(skel("{person:a}(?:\\s+with\\s+{person:b})?"), "[#p]");
    CHECK_STR(skel("{person:a}(?:\\s+with)*?x"), "[#p] [x]");
    CHECK_STR(skel("{person:a}(?:with){0,3}"), "[#p]");
    CHECK_STR(skel("{person:a}(?:with){,3}"), "[#p]");
    CHECK_STR(skel("{person:a}\\s+{place:b}?"), "[#p]");
    CHECK_STR(skel("meets?"), "[meet]");
    CHECK_STR(skel("me*t"), "[m] [t]");
    /* At least once: kept, but the run ends where repetition may follow. */
    CHECK_STR(skel("(?:with){1,2}x"), "[with] [x]");
    CHECK_STR(skel("mee+t"), "[mee] [t]");
    /* Lookarounds and \K consume nothing we rely on. */
    CHECK_STR(skel("(?<!\\bmet ){person:a}(?=\\s+met)(?!x)"), "[#p]");
    CHECK_STR(skel("a(?=b)c"), "[ac]");
    /* Classes, dots and escapes that are not single literals break runs. */
    CHECK_STR(skel("talk[sz] with"), "[talk] [ with]");
    CHECK_STR(skel("a.b\\d+c\\p{Lu}d\\pLe"), "[a] [b] [c] [d] [e]");
    CHECK_STR(skel("[(|)]met"), "[met]");
    CHECK_STR(skel("\\x01[LC]\\d+\\x02\\.\\$"), "[#] [\x02.$]");
    CHECK_STR(skel("\\x{41}b"), "[ab]");
    /* Back references and octal escapes keep their digits. */
    CHECK_STR(skel("(a)\\12x"), "[a] [x]");
    CHECK_STR(skel("(a)\\g-1x"), "[a] [x]");
    /* Case: literals are compared lower-cased whatever the flags say. */
    CHECK_STR(skel("(?i)MET (?-i:With)"), "[met ] [^with]");
    /* Non-ASCII characters may have other case forms: runs stop there. */
    CHECK_STR(skel("tête-à-tête"), "[t] [te-] [-t] [te]");
    CHECK_STR(skel("(?:didn't|didn’t)"), "[didn't|didn]");
    /* Word starts: only where \b, \s, a token or a non-word character
     * comes right before, also across groups that end in one. */
    CHECK_STR(skel("\\s+(?:\\w+\\s+){0,3}?with"), "[^with]");
    CHECK_STR(skel("\\s+(?:\\w+){0,3}?with"), "[with]");
    CHECK_STR(skel("\\s*with"), "[with]");
    CHECK_STR(skel("{person:a}with"), "[#p] [^with]");
    CHECK_STR(skel("{gap}with"), "[with]");
    CHECK_STR(skel("\\b(?:x)?with"), "[with]");
    CHECK_STR(skel("\\b,with"), "[,with]");
    /* Constructs the scanner does not follow: no skeleton at all. */
    CHECK_STR(skel("\\Qmet\\E"), "");
    CHECK_STR(skel("(?x) m e t"), "");
    CHECK_STR(skel("(?ix) m e t"), "");
    CHECK_STR(skel("(*UTF)met"), "");
    CHECK_STR(skel("met("), "");
    CHECK_STR(skel("met)"), "");
    CHECK_STR(skel("met[abc"), "");
    /* Conditionals and recursion are opaque: nothing required from them. */
    CHECK_STR(skel("a(?(1)b|c)d"), "[a] [d]");
    CHECK_STR(skel("a(?R)?d(?1)e"), "[a] [d] [e]");
}

static void matching(void)
{
    const char *met = "{persons:a}{gap}\\bmet\\s+with\\s+{pre}{persons:b}";
    CHECK(fits(met, "\x01P0\x02 met with \x01P1\x02"));
    CHECK(fits(met, "\x01P0\x02 MET With \x01P1\x02"));
    /* Order matters, and items may not overlap. */
    CHECK(!fits(met, "with \x01P1\x02 met \x01P0\x02"));
    CHECK(!fits("{person:a} met {person:b}", "\x01P0\x02 met"));
    /* A word-start literal inside a word does not count. */
    CHECK(!fits(met, "\x01P0\x02 helmet with \x01P1\x02"));
    CHECK(fits("met", "helmet"));
    /* The earliest end wins: "ab" then "bc" fits "xabcbc", not "abc". */
    CHECK(fits("(?:ab|b)c", "abc"));
    CHECK(fits("ab.*bc", "xabxbc"));
    CHECK(!fits("ab.*bc", "xabc"));
    /* Within a range: both ends count. */
    CHECK_INT(fits_in("\\bnot\\b", "we did not go", 3, 13), 1);
    CHECK_INT(fits_in("\\bnot\\b", "we did not go", 9, 13), 0);
    CHECK_INT(fits_in("\\bnot\\b", "we did not go", 0, 9), 0);
    /* Caseless UTF matching takes the Kelvin sign for "k" and the long s for
     * "s": a text holding either is never filtered. */
    CHECK(fits("talks", "TAL\xE2\x84\xAAS"));
    CHECK(fits("talks", "TALK\xC5\xBF"));
    CHECK(!fits("talks", "TALK"));
    /* No skeleton: always fits. */
    CHECK(fits("\\Qmet\\E", "nothing here"));
}

static int quick_count(const char *pattern, int item)
{
    dkg_prefilter pf;
    if (dkg__prefilter_derive(pattern, &pf) != 0 || item >= pf.nitems) {
        return -1;
    }
    int n = pf.items[item].nquick;
    dkg__prefilter_destroy(&pf);
    return n;
}

/* Word-initial items list the pairs their literals open with, so that a
 * sentence without any of them is ruled out before the scan. */
static void quick_pairs(void)
{
    CHECK_INT(quick_count("\\b(?:met|meets|talks)\\b", 0), 2);
    CHECK_INT(quick_count("{person:a}", 0), 1);
    CHECK_INT(quick_count("{actor:a}", 0), 3);
    /* A one-byte literal may be followed by anything: no list. */
    CHECK_INT(quick_count("\\b(?:a|met)\\b", 0), 0);
    /* The test agrees with the scan, whatever the case of the text. */
    CHECK(fits("\\b(?:met|meets)\\b", "They MEET and MEETS"));
    CHECK(!fits("\\b(?:met|meets)\\b", "a helmet"));
    CHECK(fits("{person:a} met", "\x01P0\x02 met"));
    CHECK(!fits("{person:a} met", "\x01" "C0\x02 met"));
    CHECK(!fits("{person:a} met", "met \x01L0\x02"));
}

/* A small generator of masked sentences: entity tokens between phrases the
 * shipped rules look for, in varied case, so that most patterns match some
 * of them and fail on many more. */
static unsigned long long seed = 20261129;
static unsigned next_rand(unsigned n)
{
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)((seed >> 33) % n);
}

static void random_sentence(char *out, size_t cap)
{
    static const char *const tokens[] = {
        "\x01P1\x02", "\x01P2\x02", "\x01P3\x02", "\x01L4\x02", "\x01""C5\x02", "\x01O6\x02",
        "\x01""A7\x02",
    };
    static const char *const phrases[] = {
        "met with", "met", "and met", "discussed trade with", "was greeted by",
        "were welcomed warmly by", "held talks with", "held bilateral talks with",
        "for talks with", "in a meeting with", "talks between", "sat down with", "hosted",
        "shook hands with", "spent the day with", "a summit that included", "chaired by",
        "signed an agreement with", "signed a deal with", "handed", "a medal", "was joined by",
        "signed by", "alongside", "called on", "held a joint press conference",
        "at a joint news conference with", "also met", "'s schedule includes meetings with",
        "told", "during their talks", "spoke by phone with", "spoke with", "by phone",
        "held a phone call with", "phoned", "spoke by video", "has spoken to",
        "phone call between", "arrived in", "and flew to", "from", ", where", "he met",
        "flew in", "attended", "led a delegation", "among those attending were", "sent",
        "visited", "joined in", "by", "to visit", "since", "was in", "stayed in",
        "visited troops in", "began a visit to", "'s visit to", "'s", "visit", "stopped in",
        "is due in", "welcomed", "to", "received", "in", "attended a summit in",
        "at the summit in", "on the sidelines of the summit in", "left", "for",
        "flew home from", "came in his place", ", the city", "where", "represented",
        "trip to", ", the last was by", "after a weekend at", "accompanied by",
        "visited on Monday", "after a brief stop in", "traveled to the region, meeting",
        "on arrival", "signed the agreement", "signed both, as did", "with his wife,",
        "signed agreements", "pledged $5 million in aid to", "urged", "to act", "backed",
        "provided support to", ",", "and", "did not", "will", "had been meant to", "never",
        "is expected to", "didn't", "cancelled", ".", ";",
    };
    size_t n = 0;
    unsigned count = 3 + next_rand(8);
    for (unsigned w = 0; w < count; w++) {
        int token = next_rand(5) < 2;
        const char *piece = token ? tokens[next_rand(sizeof tokens / sizeof tokens[0])]
                                  : phrases[next_rand(sizeof phrases / sizeof phrases[0])];
        unsigned style = next_rand(8); /* 0: Capitalised, 1: UPPER, else as is */
        if (w > 0 && n + 1 < cap && piece[0] != ',' && piece[0] != '.' && piece[0] != '\'') {
            out[n++] = ' ';
        }
        for (size_t k = 0; piece[k] != '\0' && n + 1 < cap; k++) {
            char c = piece[k];
            if (c >= 'a' && c <= 'z' && (style == 1 || (style == 0 && k == 0))) {
                c = (char)(c - 32);
            }
            out[n++] = c;
        }
    }
    out[n] = '\0';
}

static void against_pcre2(void)
{
    dkg_rules *rules = NULL;
    dkg_error err = {0};
    if (dkg_rules_new(&rules, &err) != 0 ||
        dkg_rules_load(rules, DKG_SOURCE_DIR "/data/rules/default.json", &err) != 0) {
        CHECK(0);
        dkg_rules_free(rules);
        return;
    }
    pcre2_match_data *md = pcre2_match_data_create(rules->max_capture + 1, NULL);
    int with_skeleton = 0;
    for (size_t r = 0; r < rules->nrules; r++) {
        with_skeleton += rules->rules[r].pre.nitems > 0;
    }
    CHECK_INT(with_skeleton, (long long)rules->nrules);
    long matches = 0, skipped = 0, wrong = 0;
    static int matched[1024]; /* patterns matched at least once */
    char text[512], folded[512];
    dkg_prefilter_start starts[512];
    for (int round = 0; round < 20000; round++) {
        random_sentence(text, sizeof text);
        size_t len = strlen(text);
        dkg_prefilter_text t;
        dkg__prefilter_fold(text, len, folded, starts, &t);
        for (size_t r = 0; r < rules->nrules + rules->nmodifiers; r++) {
            int is_rule = r < rules->nrules;
            const pcre2_code *code =
                is_rule ? rules->rules[r].code : rules->modifiers[r - rules->nrules].code;
            const dkg_prefilter *pf =
                is_rule ? &rules->rules[r].pre : &rules->modifiers[r - rules->nrules].pre;
            /* Rules see the whole sentence, modifiers a clause of it. */
            size_t from = is_rule ? 0 : next_rand((unsigned)len + 1);
            size_t to = is_rule ? len : from + next_rand((unsigned)(len - from) + 1);
            int rc = pcre2_match(code, (PCRE2_SPTR)text, to, from, 0, md, NULL);
            int fit = dkg__prefilter_may_match(pf, &t, from, to);
            matches += rc > 0;
            matched[r < 1024 ? r : 1023] |= rc > 0;
            skipped += !fit;
            if (rc > 0 && !fit) {
                wrong++;
                fprintf(stderr, "pattern %zu matches but its skeleton does not fit: %s\n", r,
                        text);
            }
        }
    }
    CHECK_INT(wrong, 0);
    int distinct = 0;
    for (size_t r = 0; r < 1024; r++) {
        distinct += matched[r];
    }
    printf("%ld matches of %d patterns, %ld of %ld runs ruled out\n", matches, distinct,
           skipped, 20000L * (long)(rules->nrules + rules->nmodifiers));
    CHECK(distinct >= 60);
    /* The generator is useful only if patterns match, and the skeleton
     * only if it rules out most runs. */
    CHECK(matches > 5000);
    CHECK(skipped > 20000L * (long)rules->nrules / 2);
    pcre2_match_data_free(md);
    dkg_rules_free(rules);
}

/* dkg__rules_maybe_trigger on the lookup key of word, as the tokenizer
 * stores it. */
static int word_may_trigger(const dkg_rules *rules, const char *word)
{
    char key[DKG_KEY_MAX];
    size_t len = dkg__name_key(word, strlen(word), key, sizeof key);
    return dkg__rules_maybe_trigger(rules, key, len);
}

/* The trigger summary (rules.c) may let other words through, never a
 * trigger in any spelling its key folds to. */
static void trigger_summary(void)
{
    static const char file[] =
        "{\"dkg_rules\": 1, \"rules\": [{\"name\": \"x\", \"relation\": \"meet\", "
        "\"triggers\": [\"Met\", \"U.S.\", \"\xC3\x89lys\xC3\xA9""e\", \"co-hosted\", \"sat down\"], "
        "\"pattern\": \"{person:a} met {person:b}\"}]}";
    static const char *const yes[] = {
        "met", "MET", "Met", "US", "U.S.", "us", "Elysee", "ELYSEE", "\xC3\x89lys\xC3\xA9""e",
        "co-hosted", "Co-Hosted", "sat down",
    };
    static const char *const no[] = {"the", "with", "helmet", "me", "meets", "co-host", "sat"};
    dkg_rules *rules = NULL;
    dkg_error err = {0};
    CHECK_INT(dkg_rules_new(&rules, &err), 0);
    CHECK_INT(dkg_rules_load_buffer(rules, "t.json", file, sizeof file - 1, &err), 0);
    for (size_t k = 0; k < sizeof yes / sizeof yes[0]; k++) {
        CHECK(word_may_trigger(rules, yes[k]));
    }
    for (size_t k = 0; k < sizeof no / sizeof no[0]; k++) {
        CHECK(!word_may_trigger(rules, no[k]));
    }
    dkg_rules_free(rules);
}

int main(void)
{
    derivation();
    matching();
    quick_pairs();
    trigger_summary();
    against_pcre2();
    TEST_MAIN_END();
}
