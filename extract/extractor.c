/* extract/extractor.c - dkg_extract: one article through the pipeline.
 *
 * validate UTF-8 -> sentences -> tokens -> lexicon names -> discovered
 * people -> references (surnames, titles, groups, pronouns) -> dates ->
 * relations -> JSON. Each step lives in its own file; this one owns the
 * per-thread state (PCRE2 match data, match context with a match limit,
 * JIT stack) and resets the reusable arrays between articles. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extractor_internal.h"

#define MATCH_LIMIT 200000

int dkg_extractor_new(dkg_extractor **out, const dkg_lexicon *lex, const dkg_rules *rules,
                      const dkg_extract_options *options, dkg_error *err)
{
    *out = NULL;
    dkg_extractor *ex = calloc(1, sizeof *ex);
    if (ex == NULL) {
        return dkg_error_set(err, DKG_ENOMEM, "out of memory");
    }
    ex->lex = lex;
    ex->rules = rules;
    if (options != NULL) {
        ex->options = *options;
    }
    uint32_t pairs = rules->max_capture > 16 ? rules->max_capture : 16;
    ex->match = pcre2_match_data_create(pairs, NULL);
    ex->mcontext = pcre2_match_context_create(NULL);
    ex->jit_stack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
    ex->rule_seen = calloc(rules->nrules + 1, sizeof *ex->rule_seen);
    if (ex->match == NULL || ex->mcontext == NULL || ex->jit_stack == NULL ||
        ex->rule_seen == NULL || dkg__word_lists_init(&ex->word_lists) != 0) {
        dkg_extractor_free(ex);
        return dkg_error_set(err, DKG_ENOMEM, "out of memory");
    }
    /* A runaway user pattern must fail fast, not hang the batch. */
    pcre2_set_match_limit(ex->mcontext, MATCH_LIMIT);
    pcre2_set_depth_limit(ex->mcontext, MATCH_LIMIT);
    pcre2_set_heap_limit(ex->mcontext, 64 * 1024);
    pcre2_jit_stack_assign(ex->mcontext, NULL, ex->jit_stack);
    *out = ex;
    return 0;
}

void dkg_extractor_free(dkg_extractor *ex)
{
    if (ex == NULL) {
        return;
    }
    pcre2_match_data_free(ex->match);
    pcre2_match_context_free(ex->mcontext);
    pcre2_jit_stack_free(ex->jit_stack);
    dkg__sentences_destroy(&ex->sentences);
    free(ex->tokens);
    free(ex->keys);
    dkg__strmap_destroy(&ex->word_lists);
    free(ex->mentions);
    free(ex->titles);
    free(ex->entities);
    free(ex->dates);
    free(ex->relations);
    free(ex->pool);
    free(ex->masked);
    free(ex->mask_orig);
    free(ex->folded);
    free(ex->starts);
    free(ex->rule_seen);
    free(ex->warnings);
    free(ex->out);
    free(ex);
}

/* The segmenter cuts a sentence longer than DKG_MAX_SENTENCE_BYTES into pieces
 * that touch (the next piece starts where the last ended; real sentences are
 * separated by spaces). Say so in the output: a relation whose actors sit on
 * both sides of a cut is not found. */
static void warn_cut_sentences(dkg_extractor *ex)
{
    const dkg_sentences *s = &ex->sentences;
    for (size_t i = 0; i + 1 < s->count; i++) {
        const dkg_sentence *piece = &s->items[i];
        if (piece->end != s->items[i + 1].start ||
            piece->end - piece->start + 4 <= DKG_MAX_SENTENCE_BYTES) {
            continue;
        }
        size_t first = i;
        while (i + 1 < s->count && s->items[i].end == s->items[i + 1].start) {
            i++;
        }
        char at[32], limit[32];
        snprintf(at, sizeof at, "%zu", s->items[first].start);
        snprintf(limit, sizeof limit, "%zu", DKG_MAX_SENTENCE_BYTES);
        dkg__add_warning(ex,
                         "the sentence at byte %s is longer than %s bytes and was cut into "
                         "pieces; relations across a cut are not found",
                         at, limit);
    }
}

int dkg_extract(dkg_extractor *ex, const dkg_article *article, const char **json_out,
                size_t *len_out, dkg_error *err)
{
    *json_out = NULL;
    *len_out = 0;
    if (article->len > DKG_MAX_ARTICLE_BYTES) {
        return dkg_error_set(err, DKG_ELIMIT, "article of %zu bytes is over the %zu-byte limit",
                             article->len, DKG_MAX_ARTICLE_BYTES);
    }
    size_t bad = 0;
    if (dkg_utf8_validate(article->text, article->len, &bad) != 0) {
        dkg_error_set(err, DKG_EUTF8, "invalid UTF-8 at byte %zu; article skipped", bad);
        if (err != NULL) {
            err->offset = (long)bad;
        }
        return DKG_EUTF8;
    }
    ex->text = article->text;
    ex->len = article->len;
    ex->date = (dkg_date){0, 0, 0};
    if (article->date != NULL && dkg__date_parse(article->date, &ex->date) != 0) {
        return dkg_error_set(err, DKG_EINVAL, "article date \"%s\" is not YYYY-MM-DD",
                             article->date);
    }
    ex->ntokens = ex->nmentions = ex->ntitles = ex->nentities = 0;
    ex->ndates = ex->nrelations = 0;
    ex->pool_len = 0;
    ex->warnings_len = 0;
    int rc = dkg__segment(ex->text, ex->len, &ex->sentences);
    if (rc == 0) {
        warn_cut_sentences(ex);
    }
    rc = rc ? rc : dkg__tokenize(ex);
    rc = rc ? rc : dkg__find_dates(ex);
    rc = rc ? rc : dkg__match_lexicon(ex);
    rc = rc ? rc : dkg__discover_people(ex);
    rc = rc ? rc : dkg__resolve_references(ex);
    rc = rc ? rc : dkg__find_relations(ex);
    rc = rc ? rc : dkg__print(ex, article);
    if (rc != 0) {
        return dkg_error_set(err, rc, "%s while extracting", dkg_strerror(rc));
    }
    *json_out = ex->out;
    *len_out = ex->out_len;
    return 0;
}
