/* extract/output.c - printing one article's extraction (contract v1).
 *
 * Order is deterministic: entities by first printed mention, their mentions
 * by offset, relations by evidence offset then type, source and target.
 * Pronoun and group mentions help find events but are not printed (the
 * contract lists the words that name an entity). Offsets are bytes, or code
 * points when asked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "extractor_internal.h"

static const char *const type_names[] = {"person", "country", "place", "organization"};
static const char *const status_names[] = {"occurred", "planned", "negated"};

/* Byte offset -> code point offset, walking forward from the last answer. */
typedef struct cp_cursor {
    size_t byte;
    size_t cp;
} cp_cursor;

static double offset_out(const dkg_extractor *ex, cp_cursor *c, size_t byte)
{
    if (ex->options.offsets != DKG_OFFSETS_CODEPOINTS) {
        return (double)byte;
    }
    if (byte < c->byte) {
        c->byte = 0;
        c->cp = 0;
    }
    for (; c->byte < byte; c->byte++) {
        c->cp += ((unsigned char)ex->text[c->byte] & 0xC0) != 0x80;
    }
    return (double)c->cp;
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

static cJSON *date_json(dkg_date d)
{
    if (d.year == 0) {
        return cJSON_CreateNull();
    }
    char buf[11];
    dkg__date_format(d, buf);
    return cJSON_CreateString(buf);
}

static cJSON *span_text(const dkg_extractor *ex, size_t start, size_t end)
{
    char stack[256];
    size_t len = end - start;
    char *s = len < sizeof stack ? stack : malloc(len + 1);
    if (s == NULL) {
        return NULL;
    }
    memcpy(s, ex->text + start, len);
    s[len] = '\0';
    cJSON *item = cJSON_CreateString(s);
    if (s != stack) {
        free(s);
    }
    return item;
}

static const char *entity_id(const dkg_extractor *ex, int e)
{
    return dkg__pool(ex, ex->entities[e].id_off);
}

static cJSON *build_entities(dkg_extractor *ex, cp_cursor *cur)
{
    cJSON *arr = cJSON_CreateArray();
    order *ord = calloc(ex->nentities + 1, sizeof *ord);
    if (arr == NULL || ord == NULL) {
        free(ord);
        return arr;
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
    qsort(ord, ex->nentities, sizeof *ord, by_first);
    for (size_t i = 0; i < ex->nentities; i++) {
        if (ord[i].first == (size_t)-1) {
            continue;
        }
        const art_entity *e = &ex->entities[ord[i].entity];
        cJSON *obj = cJSON_CreateObject();
        cJSON_AddItemToArray(arr, obj);
        cJSON_AddStringToObject(obj, "id", dkg__pool(ex, e->id_off));
        cJSON_AddStringToObject(obj, "type", type_names[e->type]);
        cJSON_AddStringToObject(obj, "name", dkg__pool(ex, e->name_off));
        if (e->lex >= 0 && ex->lex->entities[e->lex].kind != NULL) {
            cJSON_AddStringToObject(obj, "kind", ex->lex->entities[e->lex].kind);
        }
        if (e->country[0] != '\0') {
            cJSON_AddStringToObject(obj, "country", e->country);
        } else {
            cJSON_AddNullToObject(obj, "country");
        }
        if (e->type == LEX_PERSON) {
            cJSON *roles = cJSON_AddArrayToObject(obj, "roles");
            for (int r = 0; r < e->nroles; r++) {
                cJSON_AddItemToArray(roles,
                                     cJSON_CreateString(ex->lex->titles[e->roles[r].title].title));
            }
        }
        cJSON_AddBoolToObject(obj, "known", e->lex >= 0);
        cJSON *mentions = cJSON_AddArrayToObject(obj, "mentions");
        size_t last_start = (size_t)-1;
        for (size_t m = 0; m < ex->nmentions; m++) {
            const mention *mn = &ex->mentions[m];
            if (!printed(mn) || mn->entity != ord[i].entity || mn->start == last_start) {
                continue;
            }
            last_start = mn->start;
            cJSON *mo = cJSON_CreateObject();
            cJSON_AddItemToArray(mentions, mo);
            cJSON_AddItemToObject(mo, "text", span_text(ex, mn->start, mn->end));
            cJSON_AddNumberToObject(mo, "start", offset_out(ex, cur, mn->start));
            cJSON_AddNumberToObject(mo, "end", offset_out(ex, cur, mn->end));
        }
    }
    free(ord);
    return arr;
}

static cJSON *build_relations(dkg_extractor *ex, cp_cursor *cur)
{
    cJSON *arr = cJSON_CreateArray();
    qsort(ex->relations, ex->nrelations, sizeof *ex->relations, by_evidence);
    for (size_t i = 0; i < ex->nrelations; i++) {
        const relation *r = &ex->relations[i];
        cJSON *obj = cJSON_CreateObject();
        cJSON_AddItemToArray(arr, obj);
        cJSON_AddStringToObject(obj, "type", r->type);
        cJSON_AddStringToObject(obj, "source", entity_id(ex, r->source));
        cJSON_AddStringToObject(obj, "target", entity_id(ex, r->target));
        cJSON_AddStringToObject(obj, "status", status_names[r->status]);
        cJSON_AddItemToObject(obj, "date", date_json(r->date));
        if (r->place >= 0) {
            cJSON_AddStringToObject(obj, "place", entity_id(ex, r->place));
        } else {
            cJSON_AddNullToObject(obj, "place");
        }
        if (r->host >= 0) {
            cJSON_AddStringToObject(obj, "host", entity_id(ex, r->host));
        }
        if (r->title >= 0) {
            cJSON_AddStringToObject(obj, "title", ex->lex->titles[r->title].title);
        }
        cJSON_AddStringToObject(obj, "rule", r->rule ? r->rule->name : "title-before-name");
        cJSON *ev = cJSON_AddObjectToObject(obj, "evidence");
        cJSON_AddNumberToObject(ev, "start", offset_out(ex, cur, r->ev_start));
        cJSON_AddNumberToObject(ev, "end", offset_out(ex, cur, r->ev_end));
        cJSON_AddItemToObject(ev, "text", span_text(ex, r->ev_start, r->ev_end));
    }
    return arr;
}

int dkg__print(dkg_extractor *ex, const dkg_article *article)
{
    cp_cursor cur = {0, 0};
    cJSON *root = cJSON_CreateObject();
    if (root == NULL) {
        return DKG_ENOMEM;
    }
    cJSON_AddNumberToObject(root, "dkg", 1);
    cJSON *doc = cJSON_AddObjectToObject(root, "doc");
    char id[17];
    if (article->id != NULL) {
        cJSON_AddStringToObject(doc, "id", article->id);
    } else {
        dkg_content_id(ex->text, ex->len, id);
        cJSON_AddStringToObject(doc, "id", id);
    }
    if (article->source != NULL) {
        cJSON_AddStringToObject(doc, "source", article->source);
    } else {
        cJSON_AddNullToObject(doc, "source");
    }
    cJSON_AddItemToObject(doc, "date", date_json(ex->date));
    if (article->title != NULL) {
        cJSON_AddStringToObject(doc, "title", article->title);
    } else {
        cJSON_AddNullToObject(doc, "title");
    }
    cJSON_AddNumberToObject(doc, "bytes", (double)ex->len);
    cJSON_AddItemToObject(root, "entities", build_entities(ex, &cur));
    cJSON_AddItemToObject(root, "relations", build_relations(ex, &cur));
    cJSON *warnings = cJSON_AddArrayToObject(root, "warnings");
    for (size_t at = 0; at < ex->warnings_len; at += strlen(ex->warnings + at) + 1) {
        cJSON_AddItemToArray(warnings, cJSON_CreateString(ex->warnings + at));
    }
    char *printed_json = ex->options.pretty ? cJSON_Print(root) : cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    if (printed_json == NULL) {
        return DKG_ENOMEM;
    }
    free(ex->out);
    ex->out = printed_json;
    ex->out_len = strlen(printed_json);
    return 0;
}
