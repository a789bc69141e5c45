/* extract/output.c - printing one article's extraction (contract v1).
 *
 * Order is deterministic: entities by first printed mention, their mentions
 * by offset, relations by evidence offset then type, source and target.
 * Pronoun and group mentions help find events but are not printed (the
 * contract lists the words that name an entity). Offsets are bytes, or code
 * points when asked.
 *
 * The JSON is written straight into one buffer the extractor keeps from
 * article to article. Building a cJSON tree per article, as this file first
 * did, cost a third of all extraction time (one malloc per value and per key,
 * a second pass to print, a third to free). The layout is exactly cJSON's,
 * compact (--jsonl) or formatted (tabs, ", " between array elements), so the
 * output did not change by one byte; string escaping follows RFC 8259 the
 * way cJSON does it (\" \\ \b \f \n \r \t, other control bytes as \u00xx,
 * everything else, UTF-8 included, verbatim). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extractor_internal.h"

/* The output buffer: grows by doubling, never shrinks below what the largest
 * article needed, capped by the article limit times a generous factor. */
typedef struct jw {
    dkg_extractor *ex;
    int pretty;
    int failed;
} jw;

#define OUT_LIMIT (DKG_MAX_ARTICLE_BYTES * 16)

/* jw_reserve's slow path: grow the buffer. */
static int jw_grow(jw *w, size_t more)
{
    dkg_extractor *ex = w->ex;
    if (w->failed) {
        return 0;
    }
    size_t cap = ex->out_cap < 16384 ? 16384 : ex->out_cap;
    while (cap < ex->out_len + more + 1) {
        cap *= 2;
    }
    char *p = cap > OUT_LIMIT ? NULL : realloc(ex->out, cap);
    if (p == NULL) {
        w->failed = 1;
        return 0;
    }
    ex->out = p;
    ex->out_cap = cap;
    return 1;
}

/* Room for `more` bytes and the final NUL? Asked before nearly every write
 * (half a million times per 1,000 articles) and nearly always yes: the test
 * is inline, the growing is not. */
static inline int jw_reserve(jw *w, size_t more)
{
    return w->ex->out_len + more + 1 <= w->ex->out_cap || jw_grow(w, more);
}

static void put(jw *w, const char *s, size_t n)
{
    if (jw_reserve(w, n)) {
        memcpy(w->ex->out + w->ex->out_len, s, n);
        w->ex->out_len += n;
    }
}

static void put_c(jw *w, char c)
{
    if (jw_reserve(w, 1)) {
        w->ex->out[w->ex->out_len++] = c;
    }
}

#define PUT_LIT(w, lit) put((w), (lit), sizeof(lit) - 1)

/* Does any of the 8 bytes in x need an escape (below 0x20, '"' or '\\')?
 * The classic word-at-a-time tests: a byte b < k (k <= 0x80) borrows in
 * b - k and sets its top bit where ~b has it, and x ^ c has a zero byte
 * where x has c. Exact as a yes/no answer, which is all we ask. */
static int needs_escape8(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101ULL;
    const uint64_t highs = 0x8080808080808080ULL;
    uint64_t quote = x ^ (ones * '"');
    uint64_t backslash = x ^ (ones * '\\');
    uint64_t hits = ((x - ones * 0x20) & ~x) | ((quote - ones) & ~quote) |
                    ((backslash - ones) & ~backslash);
    return (hits & highs) != 0;
}

/* Does byte c go into a JSON string as it is? */
static int json_plain(unsigned char c)
{
    return c >= 0x20 && c != '"' && c != '\\';
}

/* Byte c as it goes into a JSON string; returns the new end of o. */
static char *put_escaped(char *o, unsigned char c)
{
    static const char hex[] = "0123456789abcdef";
    if (json_plain(c)) {
        *o++ = (char)c;
        return o;
    }
    *o++ = '\\';
    switch (c) {
    case '"': *o++ = '"'; break;
    case '\\': *o++ = '\\'; break;
    case '\b': *o++ = 'b'; break;
    case '\f': *o++ = 'f'; break;
    case '\n': *o++ = 'n'; break;
    case '\r': *o++ = 'r'; break;
    case '\t': *o++ = 't'; break;
    default:
        *o++ = 'u';
        *o++ = '0';
        *o++ = '0';
        *o++ = hex[c >> 4];
        *o++ = hex[c & 15];
        break;
    }
    return o;
}

/* A JSON string. Eight bytes at a time are copied as they are while none
 * needs an escape: most of the output is sentence text, and byte by byte
 * this loop was 3% of extraction. A word that holds an escape is written a
 * byte at a time up to and including it, then words resume: a quotation
 * mark early in a sentence no longer sends the rest of it byte by byte. */
static void put_str(jw *w, const char *s, size_t n)
{
    /* Worst case every byte becomes \u00xx: reserve once, write unchecked. */
    if (!jw_reserve(w, 6 * n + 2)) {
        return;
    }
    char *o = w->ex->out + w->ex->out_len;
    *o++ = '"';
    size_t i = 0;
    while (i + 8 <= n) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        if (!needs_escape8(x)) {
            memcpy(o, &x, 8);
            o += 8;
            i += 8;
            continue;
        }
        unsigned char c;
        do {
            c = (unsigned char)s[i++];
            o = put_escaped(o, c);
        } while (json_plain(c));
    }
    /* The last few bytes: the string's last eight, when all are plain, were
     * or will be written as they are, so one word ending at n covers them. */
    if (i < n && n >= 8) {
        uint64_t x;
        memcpy(&x, s + n - 8, 8);
        if (!needs_escape8(x)) {
            o -= i - (n - 8); /* back over the plain bytes already written */
            memcpy(o, &x, 8);
            o += 8;
            i = n;
        }
    }
    for (; i < n; i++) {
        o = put_escaped(o, (unsigned char)s[i]);
    }
    *o++ = '"';
    w->ex->out_len = (size_t)(o - w->ex->out);
}

static void put_cstr(jw *w, const char *s)
{
    put_str(w, s, strlen(s));
}

static void put_uint(jw *w, size_t v)
{
    char buf[24];
    char *e = buf + sizeof buf;
    char *b = e;
    do {
        *--b = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    put(w, b, (size_t)(e - b));
}

static void tabs(jw *w, int depth)
{
    if (jw_reserve(w, (size_t)depth)) {
        memset(w->ex->out + w->ex->out_len, '\t', (size_t)depth);
        w->ex->out_len += (size_t)depth;
    }
}

/* cJSON's layouts. Objects: "{" NL, per member TABS "key":TAB value, members
 * joined by "," NL, then NL TABS "}". Arrays: "[" elements joined by ", " "]".
 * Compact form: the same without NL, TAB and spaces. depth is the nesting of
 * the members being written (1 for the root's). */
static void obj_open(jw *w)
{
    put_c(w, '{');
    if (w->pretty) {
        put_c(w, '\n');
    }
}

static void key_pretty(jw *w, int depth, int first, const char *name, size_t len)
{
    if (!first) {
        put_c(w, ',');
        put_c(w, '\n');
    }
    tabs(w, depth);
    put_c(w, '"');
    put(w, name, len);
    put_c(w, '"');
    put_c(w, ':');
    put_c(w, '\t');
}

/* A member's key. The compact form is one reservation for ',"name":' (224,000
 * keys per 1,000 articles: byte by byte they cost 3% of extraction), inline
 * so that the name's length is a constant and its copy a few moves. */
static inline void key(jw *w, int depth, int first, const char *name, size_t len)
{
    if (w->pretty) {
        key_pretty(w, depth, first, name, len);
        return;
    }
    if (jw_reserve(w, len + 4)) {
        char *o = w->ex->out + w->ex->out_len;
        if (!first) {
            *o++ = ',';
        }
        *o++ = '"';
        memcpy(o, name, len);
        o += len;
        *o++ = '"';
        *o++ = ':';
        w->ex->out_len = (size_t)(o - w->ex->out);
    }
}

#define KEY(w, depth, first, lit) key((w), (depth), (first), (lit), sizeof(lit) - 1)

static void obj_close(jw *w, int depth)
{
    if (w->pretty) {
        put_c(w, '\n');
        tabs(w, depth - 1);
    }
    put_c(w, '}');
}

static void arr_sep(jw *w)
{
    put_c(w, ',');
    if (w->pretty) {
        put_c(w, ' ');
    }
}

static const char *const type_names[] = {"person", "country", "place", "organization"};
static const char *const status_names[] = {"occurred", "planned", "negated"};

/* Byte offset -> code point offset, walking forward from the last answer. */
typedef struct cp_cursor {
    size_t byte;
    size_t cp;
} cp_cursor;

static size_t offset_out(const dkg_extractor *ex, cp_cursor *c, size_t byte)
{
    if (ex->options.offsets != DKG_OFFSETS_CODEPOINTS) {
        return byte;
    }
    if (byte < c->byte) {
        c->byte = 0;
        c->cp = 0;
    }
    for (; c->byte < byte; c->byte++) {
        c->cp += ((unsigned char)ex->text[c->byte] & 0xC0) != 0x80;
    }
    return c->cp;
}

static int printed(const mention *m)
{
    return m->entity >= 0 && m->kind != MK_PRONOUN && m->kind != MK_GROUP;
}

typedef struct order {
    int entity;
    size_t first;
} order;

static int by_first(const void *a, const void *b)
{
    const order *x = a;
    const order *y = b;
    if (x->first != y->first) {
        return x->first < y->first ? -1 : 1;
    }
    return x->entity - y->entity;
}

static int by_evidence(const void *a, const void *b)
{
    const relation *x = a;
    const relation *y = b;
    if (x->ev_start != y->ev_start) {
        return x->ev_start < y->ev_start ? -1 : 1;
    }
    int c = strcmp(x->type, y->type);
    if (c != 0) {
        return c;
    }
    if (x->source != y->source) {
        return x->source - y->source;
    }
    if (x->target != y->target) {
        return x->target - y->target;
    }
    return (int)x->status - (int)y->status;
}

static void put_date(jw *w, dkg_date d)
{
    if (d.year == 0) {
        PUT_LIT(w, "null");
        return;
    }
    char buf[11];
    dkg__date_format(d, buf);
    put_cstr(w, buf);
}

static void put_entity_id(jw *w, const dkg_extractor *ex, int e)
{
    put_cstr(w, dkg__pool(ex, ex->entities[e].id_off));
}

/* The printed mentions grouped by entity, each group in mention order (a
 * stable counting sort), so printing is linear in mentions rather than
 * entities times mentions. first[e]..first[e+1] indexes byent. */
typedef struct grouping {
    size_t *first;
    size_t *byent;
} grouping;

static int group_mentions(const dkg_extractor *ex, grouping *g)
{
    g->first = calloc(ex->nentities + 2, sizeof *g->first);
    g->byent = malloc((ex->nmentions + 1) * sizeof *g->byent);
    if (g->first == NULL || g->byent == NULL) {
        return DKG_ENOMEM;
    }
    for (size_t m = 0; m < ex->nmentions; m++) {
        if (printed(&ex->mentions[m])) {
            g->first[ex->mentions[m].entity + 2]++;
        }
    }
    for (size_t e = 2; e < ex->nentities + 2; e++) {
        g->first[e] += g->first[e - 1];
    }
    /* first[e + 1] is now the write cursor of entity e; after the pass it is
     * where entity e + 1 starts, as wanted. */
    for (size_t m = 0; m < ex->nmentions; m++) {
        const mention *mn = &ex->mentions[m];
        if (printed(mn)) {
            g->byent[g->first[mn->entity + 1]++] = m;
        }
    }
    return 0;
}

static int print_entities(jw *w, cp_cursor *cur)
{
    dkg_extractor *ex = w->ex;
    order *ord = calloc(ex->nentities + 1, sizeof *ord);
    grouping g = {NULL, NULL};
    int rc = ord == NULL ? DKG_ENOMEM : group_mentions(ex, &g);
    if (rc != 0) {
        free(ord);
        free(g.first);
        free(g.byent);
        return rc;
    }
    for (size_t e = 0; e < ex->nentities; e++) {
        ord[e] = (order){(int)e, (size_t)-1};
    }
    for (size_t m = 0; m < ex->nmentions; m++) {
        const mention *mn = &ex->mentions[m];
        if (printed(mn) && mn->start < ord[mn->entity].first) {
            ord[mn->entity].first = mn->start;
        }
    }
    for (size_t r = 0; r < ex->nrelations; r++) {
        const relation *rel = &ex->relations[r];
        int ids[4] = {rel->source, rel->target, rel->place, rel->host};
        for (int k = 0; k < 4; k++) {
            if (ids[k] >= 0 && ord[ids[k]].first == (size_t)-1) {
                ord[ids[k]].first = rel->ev_start; /* a capital acting as its country */
            }
        }
    }
    dkg__sort(ord, ex->nentities, sizeof *ord, by_first);
    int d = 3; /* depth of an entity's members: root > entities array > entity */
    put_c(w, '[');
    int n = 0;
    for (size_t i = 0; i < ex->nentities; i++) {
        if (ord[i].first == (size_t)-1) {
            continue;
        }
        const art_entity *e = &ex->entities[ord[i].entity];
        if (n++ > 0) {
            arr_sep(w);
        }
        obj_open(w);
        KEY(w, d, 1, "id");
        put_cstr(w, dkg__pool(ex, e->id_off));
        KEY(w, d, 0, "type");
        put_cstr(w, type_names[e->type]);
        KEY(w, d, 0, "name");
        put_cstr(w, dkg__pool(ex, e->name_off));
        if (e->lex >= 0 && ex->lex->entities[e->lex].kind != NULL) {
            KEY(w, d, 0, "kind");
            put_cstr(w, ex->lex->entities[e->lex].kind);
        }
        KEY(w, d, 0, "country");
        if (e->country[0] != '\0') {
            put_cstr(w, e->country);
        } else {
            PUT_LIT(w, "null");
        }
        if (e->type == LEX_PERSON) {
            KEY(w, d, 0, "roles");
            put_c(w, '[');
            for (int r = 0; r < e->nroles; r++) {
                if (r > 0) {
                    arr_sep(w);
                }
                put_cstr(w, ex->lex->titles[e->roles[r].title].title);
            }
            put_c(w, ']');
        }
        KEY(w, d, 0, "known");
        if (e->lex >= 0) {
            PUT_LIT(w, "true");
        } else {
            PUT_LIT(w, "false");
        }
        KEY(w, d, 0, "mentions");
        put_c(w, '[');
        size_t last_start = (size_t)-1;
        int nm = 0;
        for (size_t k = g.first[ord[i].entity]; k < g.first[ord[i].entity + 1]; k++) {
            const mention *mn = &ex->mentions[g.byent[k]];
            if (mn->start == last_start) {
                continue;
            }
            last_start = mn->start;
            if (nm++ > 0) {
                arr_sep(w);
            }
            obj_open(w);
            KEY(w, d + 2, 1, "text");
            put_str(w, ex->text + mn->start, mn->end - mn->start);
            KEY(w, d + 2, 0, "start");
            put_uint(w, offset_out(ex, cur, mn->start));
            KEY(w, d + 2, 0, "end");
            put_uint(w, offset_out(ex, cur, mn->end));
            obj_close(w, d + 2);
        }
        put_c(w, ']');
        obj_close(w, d);
    }
    put_c(w, ']');
    free(ord);
    free(g.first);
    free(g.byent);
    return 0;
}

static void print_relations(jw *w, cp_cursor *cur)
{
    dkg_extractor *ex = w->ex;
    int d = 3;
    dkg__sort(ex->relations, ex->nrelations, sizeof *ex->relations, by_evidence);
    put_c(w, '[');
    for (size_t i = 0; i < ex->nrelations; i++) {
        const relation *r = &ex->relations[i];
        if (i > 0) {
            arr_sep(w);
        }
        obj_open(w);
        KEY(w, d, 1, "type");
        put_cstr(w, r->type);
        KEY(w, d, 0, "source");
        put_entity_id(w, ex, r->source);
        KEY(w, d, 0, "target");
        put_entity_id(w, ex, r->target);
        KEY(w, d, 0, "status");
        put_cstr(w, status_names[r->status]);
        KEY(w, d, 0, "date");
        put_date(w, r->date);
        KEY(w, d, 0, "place");
        if (r->place >= 0) {
            put_entity_id(w, ex, r->place);
        } else {
            PUT_LIT(w, "null");
        }
        if (r->host >= 0) {
            KEY(w, d, 0, "host");
            put_entity_id(w, ex, r->host);
        }
        if (r->title >= 0) {
            KEY(w, d, 0, "title");
            put_cstr(w, ex->lex->titles[r->title].title);
        }
        KEY(w, d, 0, "rule");
        put_cstr(w, r->rule ? r->rule->name : "title-before-name");
        KEY(w, d, 0, "evidence");
        obj_open(w);
        KEY(w, d + 1, 1, "start");
        put_uint(w, offset_out(ex, cur, r->ev_start));
        KEY(w, d + 1, 0, "end");
        put_uint(w, offset_out(ex, cur, r->ev_end));
        KEY(w, d + 1, 0, "text");
        put_str(w, ex->text + r->ev_start, r->ev_end - r->ev_start);
        obj_close(w, d + 1);
        obj_close(w, d);
    }
    put_c(w, ']');
}

int dkg__print(dkg_extractor *ex, const dkg_article *article)
{
    cp_cursor cur = {0, 0};
    jw w = {ex, ex->options.pretty, 0};
    ex->out_len = 0;
    obj_open(&w);
    KEY(&w, 1, 1, "dkg");
    put_c(&w, '1');
    KEY(&w, 1, 0, "doc");
    obj_open(&w);
    KEY(&w, 2, 1, "id");
    if (article->id != NULL) {
        put_cstr(&w, article->id);
    } else {
        char id[17];
        dkg_content_id(ex->text, ex->len, id);
        put_cstr(&w, id);
    }
    KEY(&w, 2, 0, "source");
    if (article->source != NULL) {
        put_cstr(&w, article->source);
    } else {
        PUT_LIT(&w, "null");
    }
    KEY(&w, 2, 0, "date");
    put_date(&w, ex->date);
    KEY(&w, 2, 0, "title");
    if (article->title != NULL) {
        put_cstr(&w, article->title);
    } else {
        PUT_LIT(&w, "null");
    }
    KEY(&w, 2, 0, "bytes");
    put_uint(&w, ex->len);
    obj_close(&w, 2);
    KEY(&w, 1, 0, "entities");
    int rc = print_entities(&w, &cur);
    if (rc != 0) {
        return rc;
    }
    KEY(&w, 1, 0, "relations");
    print_relations(&w, &cur);
    KEY(&w, 1, 0, "warnings");
    put_c(&w, '[');
    for (size_t at = 0; at < ex->warnings_len; at += strlen(ex->warnings + at) + 1) {
        if (at > 0) {
            arr_sep(&w);
        }
        put_cstr(&w, ex->warnings + at);
    }
    put_c(&w, ']');
    obj_close(&w, 1);
    if (w.failed || !jw_reserve(&w, 0)) {
        return DKG_ENOMEM;
    }
    ex->out[ex->out_len] = '\0';
    return 0;
}
