/* extract/rules_internal.h - internal: compiled relation rules. */
#ifndef DKG_EXTRACT_RULES_INTERNAL_H
#define DKG_EXTRACT_RULES_INTERNAL_H

#include <pcre2.h>

#include "dkg/extract.h"
#include "strmap.h"

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
} rule_gate;

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
} rule;

typedef struct modifier {
    char *name;
    rel_status status;
    int sentence_scope;  /* 1: looks at the whole sentence before the match, not the clause */
    pcre2_code *code;
} modifier;

struct dkg_rules {
    rule *rules;
    size_t nrules, rules_cap;
    modifier *modifiers;
    size_t nmodifiers, modifiers_cap;
    dkg_strmap triggers;      /* trigger word key -> index into trigger_lists */
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
};

/* Masked-sentence token bytes: an entity mention becomes "\x01" TYPE INDEX "\x02". */
#define MASK_OPEN '\x01'
#define MASK_CLOSE '\x02'

/* Placeholder NAME ("persons"): its type letters and list kind (0 one
 * token, 1 a list, 2 a list of two or more). Returns 0 for an unknown name. */
int dkg__placeholder_info(const char *name, const char **types, int *list);

/* Fill *out with the mandatory placeholders of pattern SRC (as written, with
 * placeholders). Returns how many; 0 means no gate (always run the rule). */
int dkg__rule_gate_analyse(const char *src, rule_gate *out);

/* counts[set]: masked tokens in masked[0, len) whose letter is in set. */
void dkg__rule_gate_count(const char *masked, size_t len, unsigned counts[DKG_GATE_SETS]);

/* May a sentence with these token counts match a rule with gate G? */
int dkg__rule_gate_open(const rule_gate *g, const unsigned counts[DKG_GATE_SETS]);

#endif
