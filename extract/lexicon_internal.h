/* extract/lexicon_internal.h - internal: the loaded lexicon and its indexes. */
#ifndef DKG_EXTRACT_LEXICON_INTERNAL_H
#define DKG_EXTRACT_LEXICON_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "dkg/extract.h"
#include "strmap.h"
#include "text.h"

typedef enum lex_type { LEX_PERSON, LEX_COUNTRY, LEX_PLACE, LEX_ORG } lex_type;

typedef struct lex_role {
    int title;       /* index into lexicon titles */
    char *of;        /* ISO3 or organization id */
    dkg_date from;   /* year 0 = open */
    dkg_date to;     /* year 0 = open */
    int rank;        /* role rank (overrides the title's), 0 = use title's */
} lex_role;

typedef struct lex_entity {
    char *id;
    lex_type type;
    char *name;
    char *kind;      /* place/org kind, or NULL */
    char *country;   /* ISO3 or NULL */
    char *seat_of;   /* ISO3 or NULL */
    char *in;        /* enclosing place/country id or NULL */
    char *capital;   /* countries: the capital's place id, or NULL */
    char gender;     /* 'm', 'f' or 0 */
    char *surname;   /* persons: the form used alone */
    lex_role *roles;
    int nroles;
} lex_entity;

typedef struct lex_title {
    char *title;
    int leader;
    int rank;
    int person_cue;
} lex_title;

/* What a matched name points at. */
typedef enum lex_hit_kind {
    HIT_NAME,      /* entity name or alias */
    HIT_ADJECTIVE, /* country adjective/demonym ("French") */
    HIT_TITLE      /* a title ("Prime Minister") */
} lex_hit_kind;

typedef enum lex_case { CASE_ANY, CASE_CAPITAL, CASE_ALLCAPS } lex_case;

typedef struct lex_hit {
    int target;   /* entity index or title index */
    unsigned char kind;
    unsigned char case_rule;
} lex_hit;

typedef struct lex_hits {
    lex_hit *items;
    int count;
    int capacity;
} lex_hits;

struct dkg_lexicon {
    lex_entity *entities;
    size_t nentities, entities_cap;
    lex_title *titles;
    size_t ntitles, titles_cap;
    dkg_strmap ids;        /* entity id -> index */
    dkg_strmap title_ids;  /* canonical title -> index */
    dkg_strmap names;      /* name key -> index into hits */
    lex_hits *hits;
    size_t nhits, hits_cap;
    dkg_strmap first_tokens; /* key of a name's first token -> most tokens in such a name */
    dkg_strmap surnames;     /* surname key -> index into hits (persons) */
    dkg_strmap countries;    /* ISO3 -> entity index */
    /* A snapshot (lexicon_cache.c) the lexicon was loaded from: its strings
     * and map keys point into it, so they are not freed one by one. */
    const char *snapshot;
    size_t snapshot_len;
    int snapshot_mapped;     /* 1: the lexicon owns the mapping and unmaps it */
    /* One allocation holding every role and hit list decoded from a snapshot
     * (thousands of small blocks otherwise): members inside it are not freed
     * or realloc'd one by one, see dkg__lexicon_borrowed. */
    char *block;
    size_t block_len;
};

/* The lookup key of a name or text span: folded (case, accents), periods
 * removed, whitespace collapsed. Returns the key length (may exceed cap-1 when
 * cut; callers use buffers of DKG_KEY_MAX). */
#define DKG_KEY_MAX 256
size_t dkg__name_key(const char *s, size_t len, char *out, size_t cap);

/* The hits for a key, or NULL. The _hashed form takes hash == dkg__hash(key, len). */
const lex_hits *dkg__lexicon_lookup(const dkg_lexicon *lex, const char *key, size_t len);
const lex_hits *dkg__lexicon_lookup_hashed(const dkg_lexicon *lex, const char *key, size_t len,
                                           uint64_t hash);
const lex_hits *dkg__lexicon_surname(const dkg_lexicon *lex, const char *key, size_t len);
/* Most tokens a name starting with this first-token key has, 0 when none
 * (hash == dkg__hash(key, len)). */
int dkg__lexicon_max_tokens(const dkg_lexicon *lex, const char *key, size_t len, uint64_t hash);
int dkg__lexicon_country(const dkg_lexicon *lex, const char *iso3);
int dkg__lexicon_entity(const dkg_lexicon *lex, const char *id);
/* The capital (entity index) of a country entity, -1 when unknown. */
int dkg__lexicon_capital(const dkg_lexicon *lex, int country);

/* Whether p lies in lex's snapshot or block (so is not lex's to free). */
int dkg__lexicon_borrowed(const dkg_lexicon *lex, const void *p);

/* Free a member of lex (unless it lies in lex's snapshot or block). */
void dkg__lexicon_free_str(const dkg_lexicon *lex, char *s);

/* Unmap a snapshot mapped by dkg_lexicon_load_dir_cached. */
void dkg__lexicon_unmap(const char *snapshot, size_t len);

/* Free everything lex holds and leave it empty (as from dkg_lexicon_new). */
void dkg__lexicon_clear(dkg_lexicon *lex);

/* Does text span s[0..len) satisfy a case rule? */
int dkg__case_ok(const char *s, size_t len, lex_case rule);

/* Is a role active on date d (d may be partial or unknown)? */
int dkg__role_active(const lex_role *r, dkg_date d);

#endif
