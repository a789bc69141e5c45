/* src/eval_print.c - the output of 'dkg eval': a table for people, JSON for scripts.
 *
 * The JSON summary reproduces the reference scorer's --json output byte for
 * byte (same keys, same order, Python's ", "/": " separators, figures rounded
 * to three decimals and printed in their shortest form), so a script can
 * switch between the two without noticing. Printing the rounded figure with
 * "%.3f" and dropping trailing zeros gives exactly Python's repr(round(x, 3)),
 * because both round the exact binary value to the nearest decimal. */
#include <string.h>

#include <cjson/cJSON.h>

#include "eval.h"

/* precision, recall and F1 as the scorer defines them on empty sets */
static void prf(const long c[3], double *p, double *r, double *f)
{
    double tp = (double)c[0];
    double fp = (double)c[1];
    double fn = (double)c[2];
    *p = c[0] + c[1] ? tp / (tp + fp) : (c[2] == 0 ? 1.0 : 0.0);
    *r = c[0] + c[2] ? tp / (tp + fn) : 1.0;
    *f = *p + *r > 0 ? 2 * *p * *r / (*p + *r) : 0.0;
}

/* repr(round(x, 3)) */
static void put_figure(FILE *out, double x)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.3f", x);
    size_t n = strlen(buf);
    while (n > 0 && buf[n - 1] == '0' && buf[n - 2] != '.') {
        buf[--n] = '\0';
    }
    fputs(buf, out);
}

static void put_accuracy_json(FILE *out, const long c[2])
{
    if (c[1] == 0) {
        fputs("null", out);
    } else {
        put_figure(out, (double)c[0] / (double)c[1]);
    }
}

static void put_accuracy_text(FILE *out, const char *what, const long c[2])
{
    if (c[1] == 0) {
        fprintf(out, "%s n/a (n=0)", what);
    } else {
        fprintf(out, "%s %.3f (n=%ld)", what, (double)c[0] / (double)c[1], c[1]);
    }
}

void dkg__eval_print_summary(FILE *out, const dkg__eval_tally *t, int json)
{
    double p;
    double r;
    double f;
    if (json) {
        fprintf(out, "{\"articles\": %ld, \"errors\": %ld", t->articles, t->errors);
        for (int k = 0; k < DKG_EVAL_KINDS; k++) {
            const long *c = t->counts[k];
            prf(c, &p, &r, &f);
            fprintf(out, ", \"%s\": {\"tp\": %ld, \"fp\": %ld, \"fn\": %ld, \"p\": ",
                    dkg__eval_kind_names[k], c[0], c[1], c[2]);
            put_figure(out, p);
            fputs(", \"r\": ", out);
            put_figure(out, r);
            fputs(", \"f1\": ", out);
            put_figure(out, f);
            fputc('}', out);
        }
        fputs(", \"meet_status_acc\": ", out);
        put_accuracy_json(out, t->meet_status);
        fputs(", \"meet_date_acc\": ", out);
        put_accuracy_json(out, t->meet_date);
        fprintf(out, ", \"meet_negated_as_positive\": %ld}\n", t->meet_negated_as_positive);
        return;
    }
    fputs("          P      R      F1     tp   fp   fn\n", out);
    for (int k = 0; k < DKG_EVAL_KINDS; k++) {
        const long *c = t->counts[k];
        prf(c, &p, &r, &f);
        fprintf(out, "%-6s  %5.3f  %5.3f  %5.3f%6ld%5ld%5ld\n", dkg__eval_kind_names[k], p, r, f,
                c[0], c[1], c[2]);
    }
    put_accuracy_text(out, "meeting status accuracy", t->meet_status);
    put_accuracy_text(out, ", date accuracy", t->meet_date);
    fprintf(out, ", negated reported as occurred: %ld\n", t->meet_negated_as_positive);
    put_accuracy_text(out, "call status accuracy", t->call_status);
    put_accuracy_text(out, ", date accuracy", t->call_date);
    fprintf(out, ", negated reported as occurred: %ld\n", t->call_negated_as_positive);
    fprintf(out, "articles %ld, errors %ld\n", t->articles, t->errors);
}

static void put_json_string(FILE *out, const char *s)
{
    /* cJSON escapes exactly as JSON requires; the strings are short */
    char *printed = NULL;
    cJSON *str = cJSON_CreateString(s);
    if (str != NULL) {
        printed = cJSON_PrintUnformatted(str);
    }
    fputs(printed != NULL ? printed : "null", out);
    cJSON_free(printed);
    cJSON_Delete(str);
}

static const char *const miss_labels[DKG_EVAL_KINDS] = {"persons", "places", "meetings",
                                                         "calls", "visits"};

void dkg__eval_print_detail(FILE *out, const char *id, const dkg__eval_detail *d, int json)
{
    if (json) {
        fputs("{\"id\": ", out);
        put_json_string(out, id);
    } else {
        fprintf(out, "%s\n", id);
    }
    for (int k = 0; k < DKG_EVAL_KINDS; k++) {
        static const char *const json_side[3] = {"fn", "fp", "wrong"};
        static const char *const text_side[3] = {"missed", "extra", "wrong"};
        for (int side = 0; side < 3; side++) {
            const dkg__eval_misses *m = side == 0 ? &d->fn[k] : side == 1 ? &d->fp[k]
                                                                            : &d->wrong[k];
            if (m->count == 0) {
                continue;
            }
            if (json) {
                fprintf(out, ", \"%s_%s\": [", dkg__eval_kind_names[k], json_side[side]);
            } else {
                fprintf(out, "  %s %s: ", miss_labels[k], text_side[side]);
            }
            for (size_t i = 0; i < m->count; i++) {
                const dkg__eval_miss *x = &m->items[i];
                if (json) {
                    fputs(i > 0 ? ", " : "", out);
                    fputs(x->b != NULL ? "[" : "", out);
                    put_json_string(out, x->a);
                    if (x->b != NULL) {
                        fputs(", ", out);
                        put_json_string(out, x->b);
                        fputc(']', out);
                    }
                } else {
                    const char *sep = side == 2 ? ": " : k == DKG_EVAL_VISIT ? " -> " : " + ";
                    fprintf(out, "%s%s%s%s%s", i > 0 ? "; " : "", x->a,
                            x->b != NULL ? sep : "",
                            x->b != NULL ? x->b : "",
                            x->gold_negated ? " (negated in the gold)" : "");
                }
            }
            fputs(json ? "]" : "\n", out);
        }
    }
    if (json) {
        fputs("}\n", out);
    }
}
