/* graph/query_format.c - render a query result as an aligned table, TSV or JSON.
 *
 * Tables are for people: columns padded to their widest cell counted in terminal
 * columns, not bytes (so "Erdoğan" and "习近平" line up), numbers right-aligned,
 * no trailing blanks. The width table is our own small one (combining marks 0,
 * East Asian wide 2) rather than wcwidth(), which depends on the locale and would
 * make the output differ between a UTF-8 terminal and a test run under LC_ALL=C.
 * TSV is for scripts: one header line of column keys, tabs and newlines inside
 * values become spaces. JSON is one object, one row per line for readable diffs,
 * written by hand with full escaping so key order is exactly the model's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query_internal.h"

/* ---- widths ---------------------------------------------------------------------- */

static unsigned long next_cp(const unsigned char **p)
{
    const unsigned char *s = *p;
    unsigned long cp = s[0];
    size_t n = 1;
    if (cp >= 0xC0 && cp < 0xE0 && (s[1] & 0xC0) == 0x80) {
        cp = ((cp & 0x1F) << 6) | (s[1] & 0x3F);
        n = 2;
    } else if (cp >= 0xE0 && cp < 0xF0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
        cp = ((cp & 0x0F) << 12) | ((unsigned long)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
        n = 3;
    } else if (cp >= 0xF0 && cp < 0xF8 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 &&
               (s[3] & 0xC0) == 0x80) {
        cp = ((cp & 0x07) << 18) | ((unsigned long)(s[1] & 0x3F) << 12) |
             ((unsigned long)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
        n = 4;
    }
    *p = s + n;
    return cp;
}

static int cp_width(unsigned long cp)
{
    if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
        (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
        (cp >= 0xFE20 && cp <= 0xFE2F) || cp == 0x200B || cp == 0x200C || cp == 0x200D ||
        cp == 0xFE0F) {
        return 0;
    }
    if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
        (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
        (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
        (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
        (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
        (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
        (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD)) {
        return 2;
    }
    return 1;
}

size_t dkg__text_width(const char *s)
{
    size_t w = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p != '\0') {
        w += (size_t)cp_width(next_cp(&p));
    }
    return w;
}

#define TABLE_LIST_ITEMS 5

/* ---- cells as text --------------------------------------------------------------- */

/* Append s with control characters (tab, newline, ...) turned into spaces: a value
 * must never break a table row or a TSV line. */
static void put_flat(dkg__sbuf *b, const char *s)
{
    const char *start = s;
    for (; *s != '\0'; s++) {
        if ((unsigned char)*s < 0x20 || *s == 0x7F) {
            dkg__sbuf_append(b, start, (size_t)(s - start));
            dkg__sbuf_append(b, " ", 1);
            start = s + 1;
        }
    }
    dkg__sbuf_append(b, start, (size_t)(s - start));
}

/* max_items: a list longer than that shows its first items and "+N more" (tables
 * must stay readable for a leader with sixty meeting places; TSV and JSON show all). */
static void cell_text(dkg__sbuf *b, const dkg__cell *c, const char *null_text, size_t max_items)
{
    switch (c->kind) {
    case DKG__CELL_STR:
        put_flat(b, c->s);
        break;
    case DKG__CELL_INT:
        dkg__sbuf_printf(b, "%lld", c->i);
        break;
    case DKG__CELL_REAL:
        dkg__sbuf_printf(b, "%.*f", c->decimals, c->r);
        break;
    case DKG__CELL_BOOL:
        dkg__sbuf_puts(b, c->i ? "yes" : "no");
        break;
    case DKG__CELL_LIST:
        if (c->n_list == 0) {
            dkg__sbuf_puts(b, null_text);
        }
        for (size_t i = 0; i < c->n_list && i < max_items; i++) {
            if (i > 0) {
                dkg__sbuf_puts(b, ", ");
            }
            put_flat(b, c->list[i]);
        }
        if (c->n_list > max_items) {
            dkg__sbuf_printf(b, ", +%zu more", c->n_list - max_items);
        }
        break;
    default:
        dkg__sbuf_puts(b, null_text);
        break;
    }
}

/* ---- table ------------------------------------------------------------------------ */

static int is_number(const dkg__cell *c)
{
    return c->kind == DKG__CELL_INT || c->kind == DKG__CELL_REAL;
}

static void render_section_table(dkg__sbuf *out, const dkg__section *s)
{
    size_t vis[64];
    size_t n = 0;
    for (size_t c = 0; c < s->n_cols && n < 64; c++) {
        if (c >= 8 * sizeof s->hide_in_table || !(s->hide_in_table & (1ul << c))) {
            vis[n++] = c;
        }
    }
    /* text[row * n + k]: row 0 is the header, row i > 0 is data row i - 1. */
    size_t cells = (s->n_rows + 1) * n;
    char **text = calloc(cells ? cells : 1, sizeof *text);
    size_t *width = calloc(n ? n : 1, sizeof *width);
    if (text == NULL || width == NULL) {
        out->failed = 1;
        goto cleanup;
    }
    for (size_t k = 0; k < n; k++) {
        dkg__sbuf h = {0};
        for (const char *p = s->cols[vis[k]]; *p != '\0'; p++) {
            char ch = *p == '_' ? ' ' : (*p >= 'a' && *p <= 'z') ? (char)(*p - 32) : *p;
            dkg__sbuf_append(&h, &ch, 1);
        }
        text[k] = dkg__sbuf_take(&h);
        dkg__sbuf_destroy(&h);
    }
    for (size_t row = 0; row < s->n_rows; row++) {
        for (size_t k = 0; k < n; k++) {
            dkg__sbuf t = {0};
            cell_text(&t, &s->cells[row * s->n_cols + vis[k]], "-", TABLE_LIST_ITEMS);
            text[(row + 1) * n + k] = dkg__sbuf_take(&t);
            dkg__sbuf_destroy(&t);
        }
    }
    for (size_t i = 0; i < cells; i++) {
        if (text[i] == NULL) {
            out->failed = 1;
            goto cleanup;
        }
        size_t w = dkg__text_width(text[i]);
        if (w > width[i % n]) {
            width[i % n] = w;
        }
    }
    for (size_t row = 0; row <= s->n_rows; row++) {
        for (size_t k = 0; k < n; k++) {
            const char *t = text[row * n + k];
            /* A numeric column is right-aligned, its header too. */
            size_t data_row = row > 0 ? row - 1 : 0;
            int right = s->n_rows > 0 && is_number(&s->cells[data_row * s->n_cols + vis[k]]);
            size_t pad = width[k] - dkg__text_width(t);
            if (k > 0) {
                dkg__sbuf_puts(out, "  ");
            }
            if (right) {
                for (size_t i = 0; i < pad; i++) {
                    dkg__sbuf_append(out, " ", 1);
                }
            }
            dkg__sbuf_puts(out, t);
            if (!right && k + 1 < n) {
                for (size_t i = 0; i < pad; i++) {
                    dkg__sbuf_append(out, " ", 1);
                }
            }
        }
        dkg__sbuf_puts(out, "\n");
    }
cleanup:
    if (text != NULL) {
        for (size_t i = 0; i < cells; i++) {
            free(text[i]);
        }
    }
    free(text);
    free(width);
}

static void render_table(dkg__sbuf *out, const dkg_query_result *r)
{
    int printed = 0;
    if (r->summary != NULL) {
        dkg__sbuf_puts(out, r->summary);
        printed = 1;
    }
    for (size_t i = 0; i < r->n_sections; i++) {
        const dkg__section *s = &r->sections[i];
        if (s->n_rows == 0) {
            continue;
        }
        if (printed) {
            dkg__sbuf_puts(out, "\n");
        }
        if (r->n_sections > 1) {
            dkg__sbuf_printf(out, "%s:\n", s->name);
        }
        render_section_table(out, s);
        printed = 1;
    }
}

/* ---- TSV -------------------------------------------------------------------------- */

static void render_tsv(dkg__sbuf *out, const dkg_query_result *r)
{
    for (size_t i = 0; i < r->n_sections; i++) {
        const dkg__section *s = &r->sections[i];
        if (r->n_sections > 1) {
            dkg__sbuf_printf(out, "%s# %s\n", i > 0 ? "\n" : "", s->name);
        }
        for (size_t c = 0; c < s->n_cols; c++) {
            dkg__sbuf_printf(out, "%s%s", c ? "\t" : "", s->cols[c]);
        }
        dkg__sbuf_puts(out, "\n");
        for (size_t row = 0; row < s->n_rows; row++) {
            for (size_t c = 0; c < s->n_cols; c++) {
                if (c > 0) {
                    dkg__sbuf_puts(out, "\t");
                }
                cell_text(out, &s->cells[row * s->n_cols + c], "", (size_t)-1);
            }
            dkg__sbuf_puts(out, "\n");
        }
    }
}

/* ---- JSON ------------------------------------------------------------------------- */

static void json_string(dkg__sbuf *b, const char *s)
{
    dkg__sbuf_append(b, "\"", 1);
    const char *start = s;
    for (; *s != '\0'; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch >= 0x20 && ch != '"' && ch != '\\') {
            continue;
        }
        dkg__sbuf_append(b, start, (size_t)(s - start));
        switch (ch) {
        case '"':
            dkg__sbuf_puts(b, "\\\"");
            break;
        case '\\':
            dkg__sbuf_puts(b, "\\\\");
            break;
        case '\n':
            dkg__sbuf_puts(b, "\\n");
            break;
        case '\t':
            dkg__sbuf_puts(b, "\\t");
            break;
        case '\r':
            dkg__sbuf_puts(b, "\\r");
            break;
        default:
            dkg__sbuf_printf(b, "\\u%04x", ch);
            break;
        }
        start = s + 1;
    }
    dkg__sbuf_append(b, start, (size_t)(s - start));
    dkg__sbuf_append(b, "\"", 1);
}

static void json_cell(dkg__sbuf *b, const dkg__cell *c)
{
    switch (c->kind) {
    case DKG__CELL_STR:
        json_string(b, c->s);
        break;
    case DKG__CELL_INT:
        dkg__sbuf_printf(b, "%lld", c->i);
        break;
    case DKG__CELL_REAL:
        dkg__sbuf_printf(b, "%.*f", c->decimals, c->r);
        break;
    case DKG__CELL_BOOL:
        dkg__sbuf_puts(b, c->i ? "true" : "false");
        break;
    case DKG__CELL_LIST:
        dkg__sbuf_puts(b, "[");
        for (size_t i = 0; i < c->n_list; i++) {
            if (i > 0) {
                dkg__sbuf_puts(b, ", ");
            }
            json_string(b, c->list[i]);
        }
        dkg__sbuf_puts(b, "]");
        break;
    default:
        dkg__sbuf_puts(b, "null");
        break;
    }
}

static void render_json(dkg__sbuf *out, const dkg_query_result *r)
{
    dkg__sbuf_puts(out, "{\n  \"query\": ");
    json_string(out, r->query);
    for (size_t i = 0; i < r->n_fields; i++) {
        dkg__sbuf_puts(out, ",\n  ");
        json_string(out, r->fields[i].key);
        dkg__sbuf_puts(out, ": ");
        json_cell(out, &r->fields[i].value);
    }
    for (size_t i = 0; i < r->n_sections; i++) {
        const dkg__section *s = &r->sections[i];
        if (s->table_only) {
            continue;
        }
        dkg__sbuf_puts(out, ",\n  ");
        json_string(out, s->name);
        dkg__sbuf_puts(out, s->n_rows ? ": [\n" : ": []");
        for (size_t row = 0; row < s->n_rows; row++) {
            dkg__sbuf_puts(out, "    {");
            for (size_t c = 0; c < s->n_cols; c++) {
                if (c > 0) {
                    dkg__sbuf_puts(out, ", ");
                }
                json_string(out, s->cols[c]);
                dkg__sbuf_puts(out, ": ");
                json_cell(out, &s->cells[row * s->n_cols + c]);
            }
            dkg__sbuf_puts(out, row + 1 < s->n_rows ? "},\n" : "}\n  ]");
        }
    }
    dkg__sbuf_puts(out, "\n}\n");
}

int dkg_query_result_render(const dkg_query_result *result, dkg_query_format format,
                            char **text_out, size_t *len_out, dkg_error *err)
{
    *text_out = NULL;
    dkg__sbuf out = {0};
    switch (format) {
    case DKG_QUERY_TSV:
        render_tsv(&out, result);
        break;
    case DKG_QUERY_JSON:
        render_json(&out, result);
        break;
    default:
        render_table(&out, result);
        break;
    }
    size_t len = out.len;
    int limit = out.failed && out.cap * 2 > DKG__QUERY_MAX_OUTPUT;
    char *text = dkg__sbuf_take(&out);
    if (text == NULL) {
        dkg__sbuf_destroy(&out);
        if (limit) {
            return dkg_error_set(err, DKG_ELIMIT, "query output exceeds %zu bytes",
                                 DKG__QUERY_MAX_OUTPUT);
        }
        return dkg_error_set(err, DKG_ENOMEM, "out of memory rendering the query result");
    }
    *text_out = text;
    if (len_out != NULL) {
        *len_out = len;
    }
    return 0;
}
