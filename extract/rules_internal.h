/* extract/rules_internal.h - internal: compiled relation rules. */
#ifndef DKG_EXTRACT_RULES_INTERNAL_H
#define DKG_EXTRACT_RULES_INTERNAL_H

#include <pcre2.h>

#include "dkg/extract.h"
#include "strmap.h"

/* Trigger keys shorter than this are summarised in dkg_rules.trigger_sig. */
#define DKG_TRIGGER_SIG_LEN 32

typedef enum rel_status { ST_OCCURRED, ST_PLANNED, ST_NEGATED } rel_status;

/* Groups a rule may name in its placeholders. */
enum { GROUP_A, GROUP_B, GROUP_PLACE, GROUP_HOST, GROUP_COUNT };

/* The mandatory placeholders of a rule's pattern (rule_gate.c): a sentence
 * whose masked form lacks the tokens they need cannot match the rule. */
#define DKG_GATE_MAX 8
#define DKG_GATE_SETS 16 /* type sets over the letters P, C, L, O (bits 1, 2, 4, 8) */
typedef struct rule_gate {
    int n;
    unsigned char bits[DKG_GATE_MAX];  /* type set of each mandatory placeholder */
    unsigned char count[DKG_GATE_MAX]; /* tokens it needs: 2 for persons2/actors2 */
    unsigned char need[DKG_GATE_MAX];  /* tokens of the set bits[i] that all the */
} rule_gate;                           /* placeholders confined to it need together */

/* The literal skeleton of a pattern (rule_prefilter.c): items that every
 * match contains one after another, each a set of literals compared
 * without ASCII case. No items: no skeleton, the pattern always runs. */
#define DKG_PREFILTER_MAX_ITEMS 24
typedef struct dkg_prefilter_lit {
    char s[32];
    unsigned char len;
    unsigned char word_start; /* must not follow an ASCII letter, digit or _ */
} dkg_prefilter_lit;

#define DKG_PREFILTER_QUICK 8
typedef struct dkg_prefilter_item {
    unsigned first;             /* its literals in dkg_prefilter.lits, by first byte: */
    unsigned char by_byte[257]; /* those starting with byte b are [by_byte[b], by_byte[b+1]) */
    unsigned char at_starts;    /* every literal begins a word or a token */
    unsigned char pairs[128];   /* bit set of dkg__prefilter_pair of their first two bytes */
    unsigned char nquick;       /* 0, or how many distinct pairs the literals open with: */
    unsigned short quick[DKG_PREFILTER_QUICK]; /* those pairs (when no literal is one byte) */
} dkg_prefilter_item;

/* Index of a pair of lower-cased bytes in dkg_prefilter_item.pairs (10 bits:
 * exact for two ASCII letters, shared by other pairs). */
#define DKG_PREFILTER_PAIR(a, b) ((((unsigned)(a) & 31u) << 5) | ((unsigned)(b) & 31u))

typedef struct dkg_prefilter {
    int nitems;
    dkg_prefilter_item *items;
    dkg_prefilter_lit *lits;
} dkg_prefilter;

typedef struct rule {
    char *name;
    char *relation;      /* meet, call, visit, agree, aid, appeal, support, role, located_in */
    rel_status status;   /* default status when no modifier applies */
    int fixed_status;    /* 1: modifiers do not change the status */
    int venue_as_city;   /* visit rules: a venue target stands for its city */
    int pair_objects;    /* symmetric rules: "hosted X and Y" also pairs X with Y */
    int not_home;        /* visit rules: a stay in one's own country is no visit */
    int context_place;   /* visit rules without a place: the article's setting */
    pcre2_code *code;
    int group[GROUP_COUNT]; /* capture group numbers, 0 when unused */
    rule_gate gate;
    dkg_prefilter pre;
} rule;

typedef struct modifier {
    char *name;
    rel_status status;
    int sentence_scope;  /* 1: looks at the whole sentence before the match, not the clause */
    pcre2_code *code;
    dkg_prefilter pre;
} modifier;

struct dkg_rules {
    rule *rules;
    size_t nrules, rules_cap;
    modifier *modifiers;
    size_t nmodifiers, modifiers_cap;
    dkg_strmap triggers;      /* trigger word key -> index into trigger_lists */
    uint32_t trigger_sig[DKG_TRIGGER_SIG_LEN][32]; /* [key length][first byte & 31]: */
                              /* bit (last byte & 31) set when a trigger key has them */
    int **trigger_lists;      /* each: count, then rule indexes */
    size_t ntrigger_lists;
    int *untriggered;         /* rules without triggers: run on every sentence */
    size_t nuntriggered;
    dkg_strmap non_person;    /* animals and things: "X, the first giant panda" */
    dkg_strmap institutions;  /* words that end institution names: "... Institute" */
    dkg_strmap metonym_verbs; /* verbs after a capital that make it the country acting */
    dkg_strmap gatherings;    /* "summit", "talks": a meeting there is a trip there */
    uint32_t max_capture;     /* largest capture count, for sizing match data */
    int jit_done;             /* 1: every pattern went through pcre2_jit_compile */
    pcre2_code **precompiled; /* while loading from a snapshot (rules_cache.c): the */
    size_t nprecompiled;      /* file's patterns in compile order, taken by compile() */
    size_t next_precompiled;
    size_t from_snapshot;     /* patterns taken from a snapshot so far (for tests) */
    struct dkg_code_arena *code_arena; /* memory of the snapshot's patterns (rules_cache.c) */
};

/* Release the memory the snapshot's patterns were decoded into: after every
 * pattern decoded from it has been freed. NULL is fine. */
void dkg__code_arena_free(struct dkg_code_arena *arena);

/* Masked-sentence token bytes: an entity mention becomes "\x01" TYPE INDEX "\x02". */
#define MASK_OPEN '\x01'
#define MASK_CLOSE '\x02'

/* Placeholder NAME ("persons"): its type letters and list kind (0 one
 * token, 1 a list, 2 a list of two or more). Returns 0 for an unknown name. */
int dkg__placeholder_info(const char *name, const char **types, int *list);

/* May the lookup key s[0, n) of a word (dkg__name_key) be one of the
 * rules' triggers? 0 means surely not; 1 means look it up. */
int dkg__rules_maybe_trigger(const dkg_rules *rules, const char *s, size_t n);

/* Skip a character class of a pattern starting at src[i] == '['; returns
 * the index after its closing ']', or 0 if it never closes. */
size_t dkg__pattern_skip_class(const char *src, size_t i);

/* Fill *out with the mandatory placeholders of pattern SRC (as written, with
 * placeholders). Returns how many; 0 means no gate (always run the rule). */
int dkg__rule_gate_analyse(const char *src, rule_gate *out);

/* counts[set]: masked tokens in masked[0, len) whose letter is in set. */
void dkg__rule_gate_count(const char *masked, size_t len, unsigned counts[DKG_GATE_SETS]);

/* May a sentence with these token counts match a rule with gate G? */
int dkg__rule_gate_open(const rule_gate *g, const unsigned counts[DKG_GATE_SETS]);

/* Derive the skeleton of pattern SRC (as written, with placeholders) into
 * *out, which dkg__prefilter_destroy frees. Returns 0 or DKG_ENOMEM; a
 * pattern it cannot read gets no items. */
int dkg__prefilter_derive(const char *src, dkg_prefilter *out);

void dkg__prefilter_destroy(dkg_prefilter *pf);

/* A subject prepared for skeletons: lower-cased, with the offsets where a
 * word or a masked token begins and the pair index of the two bytes there. */
typedef struct dkg_prefilter_start {
    size_t pos;
    unsigned pair; /* DKG_PREFILTER_PAIR of the bytes at pos and pos + 1 */
} dkg_prefilter_start;

typedef struct dkg_prefilter_text {
    const char *folded;
    const dkg_prefilter_start *starts; /* ascending */
    size_t nstarts;
    /* Bit set of the pair indexes (DKG_PREFILTER_PAIR) at its starts: a
     * word-initial item none of whose pairs is there fits in no part of it. */
    uint64_t pairs_at_starts[16];
} dkg_prefilter_text;

/* Lower-case the ASCII letters of text[0, len) into folded (room for len + 1
 * bytes: a NUL follows) and list in starts (room for len) where a word (an
 * ASCII letter, digit or _ after anything else) or a token begins; *out
 * then describes them. Returns 1 when the text holds a character that matches
 * an ASCII letter caselessly (Kelvin sign, long s): skeletons must not be
 * used on it. */
int dkg__prefilter_fold(const char *text, size_t len, char *folded, dkg_prefilter_start *starts,
                        dkg_prefilter_text *out);

/* May a match of the pattern lie within [from, to) of subject t, prepared
 * by dkg__prefilter_fold? 1 when the skeleton fits (or there is none), 0
 * when no match is possible. */
int dkg__prefilter_may_match(const dkg_prefilter *pf, const dkg_prefilter_text *t, size_t from,
                             size_t to);

#endif
