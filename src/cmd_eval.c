/* src/cmd_eval.c - 'dkg eval': score extraction against gold annotations.
 *
 * Users measure dkg on their own annotated articles with the same figures as
 * the reference scorer of the dev corpus (score.py), so the scoring rules live
 * in eval_score.c and follow that script exactly. This file reads the options,
 * the gold (eval_gold.c) and either saved predictions (--pred, JSON Lines as
 * 'dkg extract --jsonl' writes them) or the articles themselves, which it
 * extracts in-process with the public API rather than by running 'dkg extract'
 * once per article: one lexicon and one rule set are loaded for the whole run.
 * The article of a gold record is its "file" (else the id's last '-' part plus
 * ".txt", as the scorer derives it) in DIR, by default the gold file's folder. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_pipeline.h"
#include "commands.h"
#include "dkg/extract.h"
#include "eval.h"
#include "input.h"

static const char usage_text[] =
    "Usage: dkg eval --gold GOLD.jsonl [OPTIONS] [DIR]\n"
    "Score dkg against gold annotations (format: docs/gold-format.md): precision,\n"
    "recall and F1 for persons, places, meetings, calls and visits, then meeting\n"
    "status and date accuracy. Each gold record's article is read from DIR (default:\n"
    "the gold file's folder) and extracted as 'dkg extract' would. The figures are\n"
    "those of the corpus's reference scorer (score.py).\n"
    "\n"
    "Options:\n"
    "      --gold FILE      gold annotations, one JSON object per line (required;\n"
    "                       - reads standard input)\n"
    "      --pred FILE      score saved predictions instead of extracting: JSON Lines\n"
    "                       as 'dkg extract --jsonl' writes them, matched to the gold\n"
    "                       by id (\"id\" or doc.id) or file name (\"file\" or doc.source)\n"
    "      --lexicon FILE   add a lexicon file to the shipped one (repeatable)\n"
    "      --rules FILE     add a rules file to the shipped ones (repeatable)\n"
    "      --no-default-data\n"
    "                       use only the --lexicon and --rules files given\n"
    "      --show           print each article's misses before the summary\n"
    "      --format FORMAT  table (default) or json (the scorer's --json keys;\n"
    "                       with --show, one JSON object per article first)\n"
    "  -h, --help           show this help and exit\n"
    "\n"
    "Exit status: 0 when the scores were printed, 1 when the gold or the predictions\n"
    "cannot be read or are malformed, or an article could not be read or extracted\n"
    "(it then scores as an empty prediction and the scores are still printed),\n"
    "2 on a usage error.\n";

typedef struct eval_options {
    const char *gold;
    const char *pred;
    const char *dir;
    cli_extract_setup setup; /* --lexicon, --rules, --no-default-data */
    int show;
    int json;
} eval_options;

/* ---- saved predictions --------------------------------------------------------------- */

/* Each prediction line is reachable under every key it carries; a later line
 * with the same key wins, as in the scorer's dict. */
typedef struct pred_index {
    cJSON **roots;
    size_t n_roots;
    char **keys;
    const cJSON **values;
    size_t n_keys;
    size_t cap_keys;
} pred_index;

static void pred_index_destroy(pred_index *px)
{
    for (size_t i = 0; i < px->n_roots; i++) {
        cJSON_Delete(px->roots[i]);
    }
    for (size_t i = 0; i < px->n_keys; i++) {
        free(px->keys[i]);
    }
    free(px->roots);
    free(px->keys);
    free(px->values);
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash != NULL ? slash + 1 : path;
}

static int pred_index_add(pred_index *px, const char *key, const cJSON *value)
{
    if (key == NULL || key[0] == '\0') {
        return 0;
    }
    if (px->n_keys == px->cap_keys) {
        size_t cap = px->cap_keys ? px->cap_keys * 2 : 64;
        char **keys = realloc(px->keys, cap * sizeof *keys);
        if (keys == NULL) {
            return DKG_ENOMEM;
        }
        px->keys = keys;
        const cJSON **values = realloc(px->values, cap * sizeof *values);
        if (values == NULL) {
            return DKG_ENOMEM;
        }
        px->values = values;
        px->cap_keys = cap;
    }
    if ((px->keys[px->n_keys] = strdup(key)) == NULL) {
        return DKG_ENOMEM;
    }
    px->values[px->n_keys++] = value;
    return 0;
}

static const char *string_member(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int pred_index_load(pred_index *px, const char *path, dkg_error *err)
{
    int rc;
    char *buf = NULL;
    size_t len = 0;
    if ((rc = dkg__eval_read_file(path, (size_t)4 * DKG_MAX_LINE_BYTES, &buf, &len, err)) != 0) {
        return rc;
    }
    if (strcmp(path, "-") == 0) {
        path = "<stdin>";
    }
    long line = 0;
    for (size_t pos = 0; pos < len;) {
        const char *start = buf + pos;
        const char *nl = memchr(start, '\n', len - pos);
        size_t llen = nl != NULL ? (size_t)(nl - start) : len - pos;
        pos += llen + (nl != NULL);
        line++;
        size_t k = 0;
        while (k < llen && (start[k] == ' ' || start[k] == '\t' || start[k] == '\r')) {
            k++;
        }
        if (k == llen) {
            continue;
        }
        cJSON *root = NULL;
        if ((rc = dkg__eval_parse_line(path, line, start, llen, &root, err)) != 0) {
            goto done;
        }
        cJSON **roots = realloc(px->roots, (px->n_roots + 1) * sizeof *roots);
        if (roots == NULL) {
            cJSON_Delete(root);
            rc = dkg_error_set(err, DKG_ENOMEM, "out of memory");
            goto done;
        }
        px->roots = roots;
        px->roots[px->n_roots++] = root;
        if (!cJSON_IsObject(root)) {
            rc = dkg_error_set(err, DKG_EPARSE, "a prediction must be a JSON object");
            dkg_error_locate(err, path, line, (long)k + 1, -1);
            goto done;
        }
        const cJSON *doc = cJSON_GetObjectItemCaseSensitive(root, "doc");
        const char *file = string_member(root, "file");
        const char *source = string_member(doc, "source");
        if ((rc = pred_index_add(px, string_member(root, "id"), root)) != 0 ||
            (rc = pred_index_add(px, string_member(doc, "id"), root)) != 0 ||
            (rc = pred_index_add(px, file != NULL ? base_name(file) : NULL, root)) != 0 ||
            (rc = pred_index_add(px, source != NULL ? base_name(source) : NULL, root)) != 0) {
            dkg_error_set(err, rc, "out of memory");
            goto done;
        }
    }
done:
    free(buf);
    return rc;
}

/* The scorer's `preds.get(id) or preds.get(file) or {}`: an empty object
 * falls through like a missing one. */
static const cJSON *pred_index_find(const pred_index *px, const char *id, const char *file)
{
    const char *wanted[2] = {id, file};
    for (int w = 0; w < 2; w++) {
        for (size_t i = px->n_keys; i-- > 0;) {
            if (strcmp(px->keys[i], wanted[w]) == 0) {
                if (px->values[i]->child != NULL) {
                    return px->values[i];
                }
                break;
            }
        }
    }
    return NULL;
}

/* ---- in-process extraction ----------------------------------------------------------- */

/* The article goes through the same input walker and extractor options as
 * 'dkg extract FILE' (which the reference scorer runs per article), so both
 * ways of scoring see the same text, date and title. */
typedef struct extraction {
    dkg_lexicon *lex;
    dkg_rules *rules;
    dkg_extractor *ex;
    cJSON *json; /* the extraction of the current article */
    int failed;
} extraction;

static void extraction_close(extraction *x)
{
    dkg_extractor_free(x->ex);
    dkg_rules_free(x->rules);
    dkg_lexicon_free(x->lex);
}

static int extraction_open(extraction *x, const cli_extract_setup *setup)
{
    if (cli_load_extraction_data(setup, &x->lex, &x->rules) != 0) {
        return DKG_EXIT_FAILURE;
    }
    dkg_error err;
    dkg_error_clear(&err);
    dkg_extract_options xopt = {DKG_OFFSETS_BYTES, 0};
    if (dkg_extractor_new(&x->ex, x->lex, x->rules, &xopt, &err) != 0) {
        cli_print_error(&err);
        return DKG_EXIT_FAILURE;
    }
    return 0;
}

static int on_article(void *ctx, const dkg_input_record *rec)
{
    extraction *x = ctx;
    if (rec->kind != DKG_INPUT_ARTICLE || x->json != NULL || x->failed) {
        return 0; /* the scorer sees one document per file: keep the first */
    }
    dkg_error err;
    dkg_error_clear(&err);
    const char *json = NULL;
    size_t len = 0;
    if (dkg_extract(x->ex, &rec->article, &json, &len, &err) != 0) {
        dkg_error_locate(&err, rec->source, rec->line, 0, err.offset);
        cli_print_error(&err);
        x->failed = 1;
        return 0;
    }
    x->json = cJSON_ParseWithLength(json, len);
    if (x->json == NULL) {
        cli_errorf("%s: the extractor's output is not valid JSON", rec->source);
        x->failed = 1;
    }
    return 0;
}

/* Extract the article at path; NULL (after a message) when it failed. The
 * result belongs to the caller. */
static cJSON *extract_file(extraction *x, char *path)
{
    x->json = NULL;
    x->failed = 0;
    long failures = dkg_input_walk(&path, 1, NULL, on_article, x, NULL);
    if (x->json == NULL && !x->failed && failures == 0) {
        cli_errorf("%s: no article to extract", path);
    }
    if (failures > 0 || x->failed) {
        cJSON_Delete(x->json);
        x->json = NULL;
    }
    return x->json;
}

/* ---- the command --------------------------------------------------------------------- */

static int parse_options(int argc, char **argv, eval_options *o)
{
    enum { OPT_GOLD = 256, OPT_PRED, OPT_LEXICON, OPT_RULES, OPT_NO_DEFAULT, OPT_SHOW,
           OPT_FORMAT };
    static const struct option longopts[] = {
        {"gold", required_argument, NULL, OPT_GOLD},
        {"pred", required_argument, NULL, OPT_PRED},
        {"lexicon", required_argument, NULL, OPT_LEXICON},
        {"rules", required_argument, NULL, OPT_RULES},
        {"no-default-data", no_argument, NULL, OPT_NO_DEFAULT},
        {"show", no_argument, NULL, OPT_SHOW},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    opterr = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_GOLD:
            o->gold = optarg;
            break;
        case OPT_PRED:
            o->pred = optarg;
            break;
        case OPT_LEXICON:
            if (o->setup.nlexicon == 64) {
                return cli_usage_error("eval", "at most 64 --lexicon files");
            }
            o->setup.lexicon_files[o->setup.nlexicon++] = optarg;
            break;
        case OPT_RULES:
            if (o->setup.nrules == 64) {
                return cli_usage_error("eval", "at most 64 --rules files");
            }
            o->setup.rules_files[o->setup.nrules++] = optarg;
            break;
        case OPT_NO_DEFAULT:
            o->setup.no_default_data = 1;
            break;
        case OPT_SHOW:
            o->show = 1;
            break;
        case OPT_FORMAT:
            if (strcmp(optarg, "json") == 0) {
                o->json = 1;
            } else if (strcmp(optarg, "table") == 0) {
                o->json = 0;
            } else {
                return cli_usage_error("eval", "unknown format '%s' (table or json)", optarg);
            }
            break;
        case 'h':
            fputs(usage_text, stdout);
            return -1;
        case ':':
            return cli_usage_error("eval", "option '%s' needs an argument", argv[optind - 1]);
        default:
            return cli_usage_error("eval", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (o->gold == NULL) {
        return cli_usage_error("eval", "--gold GOLD.jsonl is required");
    }
    if (o->pred != NULL && strcmp(o->gold, "-") == 0 && strcmp(o->pred, "-") == 0) {
        return cli_usage_error("eval", "--gold and --pred cannot both read standard input");
    }
    if (argc - optind > 1) {
        return cli_usage_error("eval", "one article folder at most, got '%s' and '%s'",
                               argv[optind], argv[optind + 1]);
    }
    o->dir = optind < argc ? argv[optind] : NULL;
    return 0;
}

static char *join(const char *dir, const char *file)
{
    if (file[0] == '/') {
        return strdup(file);
    }
    size_t need = strlen(dir) + strlen(file) + 2;
    char *path = malloc(need);
    if (path != NULL) {
        snprintf(path, need, "%s/%s", dir, file);
    }
    return path;
}

int cmd_eval(int argc, char **argv)
{
    eval_options o = {0};
    dkg__eval_goldset gold = {0};
    pred_index preds = {0};
    extraction x = {0};
    dkg__eval_tally tally = {0};
    dkg_error err;
    char *folder = NULL;
    int status = parse_options(argc, argv, &o);
    if (status != 0) {
        status = status < 0 ? DKG_EXIT_OK : status;
        goto done;
    }
    status = DKG_EXIT_FAILURE;
    dkg_error_clear(&err);
    if (dkg__eval_gold_load(&gold, o.gold, &err) != 0) {
        cli_print_error(&err);
        goto done;
    }
    if (o.pred != NULL) {
        if (pred_index_load(&preds, o.pred, &err) != 0) {
            cli_print_error(&err);
            goto done;
        }
    } else if (extraction_open(&x, &o.setup) != 0) {
        goto done;
    }
    folder = o.dir != NULL ? strdup(o.dir) : cli_directory_of(o.gold);
    if (folder == NULL) {
        cli_errorf("out of memory");
        goto done;
    }
    for (size_t i = 0; i < gold.count; i++) {
        const dkg__eval_gold *g = &gold.items[i];
        cJSON *extracted = NULL;
        const cJSON *pred = NULL;
        dkg__eval_detail detail;
        memset(&detail, 0, sizeof detail);
        if (o.pred != NULL) {
            pred = pred_index_find(&preds, g->id, g->file);
        } else {
            char *path = join(folder, g->file);
            if (path == NULL) {
                cli_errorf("out of memory");
                goto done;
            }
            extracted = extract_file(&x, path);
            tally.errors += extracted == NULL;
            free(path);
            pred = extracted;
        }
        int rc = dkg__eval_score_doc(g, pred, &tally, o.show ? &detail : NULL);
        if (rc == 0 && o.show && !dkg__eval_detail_empty(&detail)) {
            dkg__eval_print_detail(stdout, g->id, &detail, o.json);
        }
        dkg__eval_detail_destroy(&detail);
        cJSON_Delete(extracted);
        if (rc != 0) {
            cli_errorf("out of memory while scoring %s", g->id);
            goto done;
        }
    }
    if (o.show && !o.json) {
        fputc('\n', stdout);
    }
    dkg__eval_print_summary(stdout, &tally, o.json);
    if (fflush(stdout) != 0) {
        cli_errorf("cannot write the scores");
        goto done;
    }
    status = tally.errors > 0 ? DKG_EXIT_FAILURE : DKG_EXIT_OK;
done:
    free(folder);
    extraction_close(&x);
    pred_index_destroy(&preds);
    dkg__eval_goldset_destroy(&gold);
    return status;
}
