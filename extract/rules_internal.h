/* extract/rules_internal.h - internal: compiled relation rules. */
#ifndef DKG_EXTRACT_RULES_INTERNAL_H
#define DKG_EXTRACT_RULES_INTERNAL_H

#include <pcre2.h>

#include "dkg/extract.h"
#include "strmap.h"

typedef enum rel_status { ST_OCCURRED, ST_PLANNED, ST_NEGATED } rel_status;

/* Groups a rule may name in its placeholders. */
enum { GROUP_A, GROUP_B, GROUP_PLACE, GROUP_HOST, GROUP_COUNT };

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
};

/* Masked-sentence token bytes: an entity mention becomes "\x01" TYPE INDEX "\x02". */
#define MASK_OPEN '\x01'
#define MASK_CLOSE '\x02'

#endif
