/* src/input.c - turning command-line operands into article and extraction
 * records (see input.h for the contract, docs/input.md for the messages).
 *
 * Reading goes through one small buffered reader per open file descriptor
 * (read(2), not stdio: a directory of 25,000 short articles is dominated by
 * per-file system calls, and stdio adds an fstat and a read to see the end
 * of every file; a regular file is read to its known size): it can peek at
 * the first 8 KB (to tell binary files, JSON Lines and plain text apart
 * without consuming anything, so a plain article keeps its leading bytes and
 * its offsets), read a whole file up to a cap, or hand out one line at a time
 * from a buffer that is compacted and refilled in place. The same buffer
 * therefore serves a 3 KB article and a 1 GB JSON Lines stream in bounded
 * memory; getline() was rejected because peeking at stdin first and then
 * switching to getline() would need a second code path for the peeked bytes.
 *
 * Directories are listed, sorted byte-wise (strcmp, so the order does not
 * depend on the locale) and walked depth-first. An entry that readdir reports
 * as a regular file is opened without a stat first; only directories, links
 * and entries of unknown type are stat()ed. Symbolic links are followed
 * (stat, not lstat), and the (st_dev, st_ino) of every directory on the
 * current path is kept so that a link pointing back up is reported instead of
 * looping. The walker prints its own messages: it lives in src/, the only
 * layer allowed to print.
 */
#define _DEFAULT_SOURCE /* d_type and DT_REG are not in POSIX */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "commands.h"
#include "input.h"

#define PEEK_BYTES 8192
#define READ_CHUNK 65536
#define MAX_DIR_DEPTH 256

/* ---- messages --------------------------------------------------------------- */

/* Report an error about path (line/column/offset when known) and count it. */
static void report(long *failures, const char *path, long line, long column, long offset,
                   const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

static void report(long *failures, const char *path, long line, long column, long offset,
                   const char *fmt, ...)
{
    dkg_error err;
    dkg_error_clear(&err);
    err.code = DKG_EINVAL;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err.message, sizeof err.message, fmt, ap);
    va_end(ap);
    dkg_error_locate(&err, path, line, column, offset);
    cli_print_error(&err);
    (*failures)++;
}

/* ---- the reader ------------------------------------------------------------ */

typedef struct reader {
    int fd;
    long long size; /* a regular file's size: end of file once read, else -1 */
    char *buf;
    size_t cap;   /* allocated bytes (one more than the data may use, for a NUL) */
    size_t start; /* unconsumed data is buf[start..end) */
    size_t end;
    unsigned long long read_total; /* bytes read so far */
    int eof;
    int error; /* errno of a failed read, 0 if none */
} reader;

/* Make room for at least `want` more bytes of data (compacting first), never
 * growing the buffer beyond limit + 1 bytes. Returns 0 or -1 (no memory). */
static int reader_reserve(reader *r, size_t want, size_t limit)
{
    if (r->start > 0) {
        memmove(r->buf, r->buf + r->start, r->end - r->start);
        r->end -= r->start;
        r->start = 0;
    }
    size_t need = r->end + want + 1;
    if (need > limit + 1) {
        need = limit + 1;
    }
    if (need <= r->cap) {
        return 0;
    }
    size_t cap = r->cap ? r->cap : READ_CHUNK;
    while (cap < need) {
        cap *= 2;
    }
    if (cap > limit + 1) {
        cap = limit + 1;
    }
    char *b = realloc(r->buf, cap);
    if (b == NULL) {
        return -1;
    }
    r->buf = b;
    r->cap = cap;
    return 0;
}

/* Read more data, keeping the buffer within limit bytes of data. Returns the
 * number of bytes added (0 at end of file, on error, or when full). */
static size_t reader_fill(reader *r, size_t limit)
{
    if (r->eof || r->error) {
        return 0;
    }
    if (reader_reserve(r, READ_CHUNK, limit) != 0) {
        r->error = ENOMEM;
        return 0;
    }
    size_t room = r->cap - 1 - r->end;
    if (room == 0) {
        return 0;
    }
    ssize_t n;
    do {
        n = read(r->fd, r->buf + r->end, room);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        r->error = errno ? errno : EIO;
        return 0;
    }
    r->end += (size_t)n;
    r->read_total += (size_t)n;
    /* A regular file read to its size needs no read() of 0 bytes to prove it. */
    if (n == 0 || (r->size >= 0 && r->read_total >= (unsigned long long)r->size)) {
        r->eof = 1;
    }
    return (size_t)n;
}

/* ---- small checks ------------------------------------------------------------ */

static int has_suffix(const char *name, const char *suffix)
{
    size_t n = strlen(name), k = strlen(suffix);
    return n > k && strcmp(name + n - k, suffix) == 0;
}

static int is_jsonl_name(const char *name)
{
    return has_suffix(name, ".jsonl") || has_suffix(name, ".ndjson");
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

int dkg_input_date_ok(const char *s)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-') {
        return 0;
    }
    for (int k = 0; k < 10; k++) {
        if (k != 4 && k != 7 && (s[k] < '0' || s[k] > '9')) {
            return 0;
        }
    }
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    if (y < 1 || m < 1 || m > 12 || d < 1) {
        return 0;
    }
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap);
}

/* ---- the walk ------------------------------------------------------------------ */

typedef struct dev_ino {
    dev_t dev;
    ino_t ino;
} dev_ino;

typedef struct walker {
    const dkg_input_options *opt;
    dkg_input_callback cb;
    void *ctx;
    long failures;
    int stopped;
    char *title; /* reused NUL-terminated copy of a date-line headline */
    size_t title_cap;
    dev_ino *dirs; /* directories on the current path */
    size_t ndirs;
    size_t dirs_cap;
    int in_dir;       /* the current file was found below a directory */
    long records;     /* records seen in the current file */
    int skip_file;    /* the rest of the current file is skipped */
} walker;

static int deliver(walker *w, const dkg_input_record *rec)
{
    int rc = w->cb(w->ctx, rec);
    if (rc != 0) {
        w->stopped = rc;
    }
    return rc;
}

/* Describe the bad byte of invalid UTF-8 for a message. */
static void describe_bad_byte(const char *text, size_t len, size_t off, char *out, size_t n)
{
    if (off >= len) {
        snprintf(out, n, "a character cut off at the end");
    } else if (text[off] == '\0') {
        snprintf(out, n, "a NUL byte");
    } else {
        snprintf(out, n, "byte 0x%02X", (unsigned)(unsigned char)text[off]);
    }
}

/* Deliver one article after the checks every article gets. text[len] must be
 * writable (it becomes the NUL terminator). line is 0 for plain text. */
static void article_record(walker *w, const char *path, long line, char *text, size_t len,
                           const char *id, const char *date, const char *title)
{
    size_t bad;
    if (len > DKG_MAX_ARTICLE_BYTES) {
        report(&w->failures, path, line, 0, -1,
               "article text is %zu bytes, over the limit of %zu bytes; split it; "
               "article skipped",
               len, DKG_MAX_ARTICLE_BYTES);
        return;
    }
    if (dkg_utf8_validate(text, len, &bad) != 0) {
        char what[64];
        describe_bad_byte(text, len, bad, what, sizeof what);
        if (line > 0) {
            report(&w->failures, path, line, 0, -1,
                   "invalid UTF-8 in \"text\" at byte %zu (%s); fix the encoding of "
                   "that line; article skipped",
                   bad, what);
        } else {
            report(&w->failures, path, 0, 0, (long)bad,
                   "invalid UTF-8 (%s); convert the file to UTF-8, e.g. with "
                   "iconv -f LATIN1 -t UTF-8; article skipped",
                   what);
        }
        return;
    }
    size_t k = 0;
    while (k < len && is_blank(text[k])) {
        k++;
    }
    if (k == len) {
        cli_warn_at(path, line, "empty article, skipped");
        return;
    }
    text[len] = '\0';
    dkg_input_record rec;
    memset(&rec, 0, sizeof rec);
    rec.kind = DKG_INPUT_ARTICLE;
    rec.article.id = id;
    rec.article.source = path;
    rec.article.date = date;
    rec.article.title = title;
    rec.article.text = text;
    rec.article.len = len;
    rec.source = path;
    rec.line = line;
    deliver(w, &rec);
}

/* A whole plain-text file already read into r. */
static void plain_article(walker *w, const char *path, reader *r)
{
    char *text = r->buf + r->start;
    size_t len = r->end - r->start;
    char date[11];
    const char *title_src = NULL;
    size_t title_len = 0;
    const char *title = NULL;
    const char *the_date = w->opt ? w->opt->default_date : NULL;
    if (dkg_article_parse_dateline(text, len, date, &title_src, &title_len)) {
        the_date = date;
        if (title_len > 0) {
            if (title_len + 1 > w->title_cap) {
                char *t = realloc(w->title, title_len + 1);
                if (t == NULL) {
                    report(&w->failures, path, 0, 0, -1, "out of memory; article skipped");
                    return;
                }
                w->title = t;
                w->title_cap = title_len + 1;
            }
            memcpy(w->title, title_src, title_len);
            w->title[title_len] = '\0';
            title = w->title;
        }
    }
    article_record(w, path, 0, text, len, NULL, the_date, title);
}

/* Where a JSON value of some key is optional: NULL or absent gives *out NULL.
 * Returns 0, or -1 after reporting a wrong type. */
static int optional_string(walker *w, const char *path, long line, const cJSON *obj,
                           const char *key, const char **out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    *out = NULL;
    if (v == NULL || cJSON_IsNull(v)) {
        return 0;
    }
    if (!cJSON_IsString(v)) {
        report(&w->failures, path, line, 0, -1, "\"%s\" must be a string; record skipped", key);
        return -1;
    }
    *out = v->valuestring;
    return 0;
}

/* Does the raw JSON text hold the escape \u0000 (outside an escaped
 * backslash)? cJSON would cut the string there without a word. */
static long find_nul_escape(const char *s, size_t len)
{
    if (len < 6) {
        return -1;
    }
    /* memchr from backslash to backslash: most records hold none, and a
     * byte loop here cost as much as validating the line's UTF-8. */
    size_t last = len - 6; /* the last place a 6-byte escape can start */
    size_t i = 0;
    while (i <= last) {
        const char *slash = memchr(s + i, '\\', last - i + 1);
        if (slash == NULL) {
            break;
        }
        i = (size_t)(slash - s);
        if (s[i + 1] == 'u' && memcmp(s + i + 2, "0000", 4) == 0) {
            return (long)i;
        }
        i += 2; /* skip the escaped character, so "\\\\u0000" is not taken */
    }
    return -1;
}

/* The first key that appears twice in one object, or NULL. (extract/ has the
 * same check for data files; src/ sees only the public headers, and this is
 * the one place the command parses records itself.) */
static const char *duplicate_key(const cJSON *item)
{
    const cJSON *child;
    cJSON_ArrayForEach(child, item)
    {
        for (const cJSON *other = child->next; cJSON_IsObject(item) && other != NULL;
             other = other->next) {
            if (child->string != NULL && other->string != NULL &&
                strcmp(child->string, other->string) == 0) {
                return child->string;
            }
        }
        const char *dup = duplicate_key(child);
        if (dup != NULL) {
            return dup;
        }
    }
    return NULL;
}

/* One line of a JSON Lines file (without its newline; line[len] writable). */
static void jsonl_line(walker *w, const char *path, long lineno, char *line, size_t len)
{
    while (len > 0 && line[len - 1] == '\r') {
        len--;
    }
    size_t k = 0;
    while (k < len && is_blank(line[k])) {
        k++;
    }
    if (k == len) {
        return; /* blank lines are allowed, as in most JSON Lines readers */
    }
    w->records++;
    size_t bad;
    if (dkg_utf8_validate(line, len, &bad) != 0) {
        char what[64];
        describe_bad_byte(line, len, bad, what, sizeof what);
        report(&w->failures, path, lineno, (long)bad + 1, -1,
               "invalid UTF-8 (%s); fix the encoding of that line; record skipped", what);
        return;
    }
    line[len] = '\0';
    size_t deep = 0;
    if (dkg_json_depth_check(line, len, DKG_MAX_JSON_DEPTH, &deep) != 0) {
        report(&w->failures, path, lineno, (long)deep + 1, -1,
               "JSON nested more than %d deep; record skipped", DKG_MAX_JSON_DEPTH);
        return;
    }
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(line, len, &end, 0);
    if (root == NULL) {
        long col = end != NULL ? (long)(end - line) + 1 : 0;
        dkg_error err;
        dkg_error_clear(&err);
        err.code = DKG_EPARSE;
        snprintf(err.message, sizeof err.message, "not valid JSON; record skipped");
        dkg_error_locate(&err, path, lineno, col, -1);
        /* Show up to 60 bytes before the error and some after, on one line. */
        if (col > 0) {
            size_t at = (size_t)(col - 1);
            size_t from = at > 60 ? at - 60 : 0;
            while (from > 0 && from < len && ((unsigned char)line[from] & 0xC0) == 0x80) {
                from--;
            }
            size_t to = from + sizeof err.context - 1;
            if (to > len) {
                to = len;
            }
            while (to > at && to < len && ((unsigned char)line[to] & 0xC0) == 0x80) {
                to--;
            }
            memcpy(err.context, line + from, to - from);
            err.context[to - from] = '\0';
            for (char *c = err.context; *c; c++) {
                if ((unsigned char)*c < 0x20 || *c == 0x7F) {
                    *c = ' '; /* keep the excerpt on one line */
                }
            }
            err.caret = (long)(at - from);
        }
        cli_print_error(&err);
        w->failures++;
        return;
    }
    size_t used = (size_t)(end - line);
    while (used < len && is_blank(line[used])) {
        used++;
    }
    if (used < len) {
        report(&w->failures, path, lineno, (long)used + 1, -1,
               "more than one JSON value on the line; put one record per line; "
               "record skipped");
        goto done;
    }
    if (!cJSON_IsObject(root)) {
        report(&w->failures, path, lineno, 0, -1,
               "a record must be a JSON object; record skipped");
        goto done;
    }
    const char *dup = duplicate_key(root);
    if (dup != NULL) {
        report(&w->failures, path, lineno, 0, -1,
               "duplicate key \"%.80s\" (a key may appear once); record skipped", dup);
        goto done;
    }
    long nul_at = find_nul_escape(line, len);
    if (nul_at >= 0) {
        report(&w->failures, path, lineno, nul_at + 1, -1,
               "\\u0000 (a NUL character) is not allowed in a record; record skipped");
        goto done;
    }
    const cJSON *version = cJSON_GetObjectItemCaseSensitive(root, "dkg");
    if (version != NULL) {
        if (!cJSON_IsNumber(version) || version->valuedouble != 1) {
            report(&w->failures, path, lineno, 0, -1,
                   "unsupported extraction format (\"dkg\" must be 1); re-run dkg extract "
                   "with this version; record skipped");
            goto done;
        }
        dkg_input_record rec;
        memset(&rec, 0, sizeof rec);
        rec.kind = DKG_INPUT_EXTRACTION;
        rec.json = line;
        rec.json_len = len;
        rec.source = path;
        rec.line = lineno;
        deliver(w, &rec);
        goto done;
    }
    const cJSON *text = cJSON_GetObjectItemCaseSensitive(root, "text");
    if (text == NULL && w->in_dir && w->records == 1) {
        /* A directory of articles often holds other JSON Lines (annotations,
         * metadata): a file whose first record is neither an article nor an
         * extraction is not ours, and is passed over rather than failed. */
        cli_warn_at(path, lineno, "neither articles nor extractions (no \"text\" or \"dkg\" key); "
                              "file skipped");
        w->skip_file = 1;
        goto done;
    }
    if (text == NULL) {
        report(&w->failures, path, lineno, 0, -1,
               "no \"text\": an article line needs {\"text\": \"...\"} (\"id\", \"date\", "
               "\"title\" optional); record skipped");
        goto done;
    }
    if (!cJSON_IsString(text)) {
        report(&w->failures, path, lineno, 0, -1, "\"text\" must be a string; record skipped");
        goto done;
    }
    const char *id, *date, *title;
    if (optional_string(w, path, lineno, root, "id", &id) != 0 ||
        optional_string(w, path, lineno, root, "date", &date) != 0 ||
        optional_string(w, path, lineno, root, "title", &title) != 0) {
        goto done;
    }
    if (date != NULL && !dkg_input_date_ok(date)) {
        report(&w->failures, path, lineno, 0, -1,
               "\"date\" is \"%.40s\", not a real date YYYY-MM-DD; record skipped", date);
        goto done;
    }
    if (date == NULL && w->opt != NULL) {
        date = w->opt->default_date;
    }
    article_record(w, path, lineno, text->valuestring, strlen(text->valuestring), id, date,
                   title);
done:
    cJSON_Delete(root);
}

/* The rest of a JSON Lines stream whose first bytes are already in r. */
static void jsonl_stream(walker *w, const char *path, reader *r)
{
    long lineno = 0;
    int skipping = 0; /* inside an over-long line, dropping bytes up to its newline */
    size_t scanned = r->start; /* bytes before this are known to hold no newline */
    while (!w->stopped && !w->skip_file) {
        char *nl = memchr(r->buf + scanned, '\n', r->end - scanned);
        if (nl == NULL) {
            size_t have = r->end - r->start;
            if (r->eof || r->error) {
                if (have > 0 && !skipping) {
                    lineno++;
                    jsonl_line(w, path, lineno, r->buf + r->start, have);
                }
                r->start = r->end;
                break;
            }
            if (have >= DKG_MAX_LINE_BYTES && !skipping) {
                lineno++;
                report(&w->failures, path, lineno, 0, -1,
                       "line longer than %zu bytes (the JSON Lines record limit); record "
                       "skipped",
                       DKG_MAX_LINE_BYTES);
                skipping = 1;
            }
            if (skipping) {
                r->start = r->end = 0; /* drop what we have, keep reading */
            }
            size_t keep = r->end - r->start;
            reader_fill(r, DKG_MAX_LINE_BYTES);
            scanned = r->start + keep; /* the fill compacted the buffer */
            if (r->error == ENOMEM) {
                report(&w->failures, path, lineno + 1, 0, -1, "out of memory; record skipped");
                break;
            }
            continue;
        }
        size_t at = (size_t)(nl - r->buf);
        if (skipping) {
            skipping = 0;
        } else {
            lineno++;
            jsonl_line(w, path, lineno, r->buf + r->start, at - r->start);
        }
        r->start = at + 1;
        scanned = r->start;
    }
    if (r->error != 0 && r->error != ENOMEM) {
        report(&w->failures, path, lineno + 1, 0, -1, "read error: %s; rest of file skipped",
               strerror(r->error));
    }
}

/* One opened stream: decide what it holds and process it. name_says_jsonl
 * comes from the file name. size is the file size when known, else -1. */
static void process_stream(walker *w, const char *path, int fd, int name_says_jsonl,
                           long long size)
{
    reader r;
    memset(&r, 0, sizeof r);
    r.fd = fd;
    r.size = size;
    while (r.end < PEEK_BYTES && reader_fill(&r, DKG_MAX_LINE_BYTES) > 0) {
    }
    if (r.error != 0) {
        report(&w->failures, path, 0, 0, -1, "cannot read: %s; file skipped",
               strerror(r.error));
        goto done;
    }
    size_t peek = r.end < PEEK_BYTES ? r.end : PEEK_BYTES;
    const char *nul = r.end > 0 ? memchr(r.buf, '\0', peek) : NULL;
    if (nul != NULL) {
        report(&w->failures, path, 0, 0, (long)(nul - r.buf),
               "binary file (NUL byte), skipped; give dkg UTF-8 text or JSON Lines");
        goto done;
    }
    int jsonl = name_says_jsonl;
    if (!jsonl) {
        size_t k = 0;
        while (k < r.end && is_blank(r.buf[k])) {
            k++;
        }
        jsonl = k < r.end && r.buf[k] == '{';
    }
    if (jsonl) {
        jsonl_stream(w, path, &r);
        goto done;
    }
    /* One plain-text article: refuse an over-large file before reading it. */
    if (size > (long long)DKG_MAX_ARTICLE_BYTES) {
        report(&w->failures, path, 0, 0, -1,
               "file is %lld bytes, over the article limit of %zu bytes; split it; "
               "article skipped",
               size, DKG_MAX_ARTICLE_BYTES);
        goto done;
    }
    while (reader_fill(&r, DKG_MAX_ARTICLE_BYTES + 1) > 0) {
    }
    if (r.error != 0) {
        report(&w->failures, path, 0, 0, -1, "cannot read: %s; file skipped",
               strerror(r.error));
        goto done;
    }
    if (r.end > DKG_MAX_ARTICLE_BYTES) {
        report(&w->failures, path, 0, 0, -1,
               "article is over the limit of %zu bytes; split it; article skipped",
               DKG_MAX_ARTICLE_BYTES);
        goto done;
    }
    plain_article(w, path, &r);
done:
    free(r.buf);
}

static void process_file(walker *w, const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        report(&w->failures, path, 0, 0, -1, "cannot open: %s; file skipped", strerror(errno));
        return;
    }
    struct stat st;
    long long size = -1;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
        size = (long long)st.st_size;
    }
    process_stream(w, path, fd, is_jsonl_name(path), size);
    close(fd);
}

/* A directory entry, and whether readdir already said it is a regular file. */
typedef struct dir_entry {
    char *name;
    int regular;
} dir_entry;

static int compare_entries(const void *a, const void *b)
{
    return strcmp(((const dir_entry *)a)->name, ((const dir_entry *)b)->name);
}

static int listed_as_regular(const struct dirent *e)
{
#if defined(DT_REG)
    return e->d_type == DT_REG;
#else
    (void)e;
    return 0;
#endif
}

static void walk_path(walker *w, const char *path, int top);

/* Below a directory, only these files are articles. */
static int has_article_suffix(const char *name)
{
    return has_suffix(name, ".txt") || is_jsonl_name(name);
}

/* One file to read: top says it was named on the command line. */
static void walk_file(walker *w, const char *path, int top)
{
    w->in_dir = !top;
    w->records = 0;
    w->skip_file = 0;
    process_file(w, path);
    w->skip_file = 0;
}

static void walk_dir(walker *w, const char *path, const struct stat *st)
{
    for (size_t k = 0; k < w->ndirs; k++) {
        if (w->dirs[k].dev == st->st_dev && w->dirs[k].ino == st->st_ino) {
            cli_warn_at(path, 0, "directory loop through a symbolic link, skipped");
            return;
        }
    }
    if (w->ndirs >= MAX_DIR_DEPTH) {
        report(&w->failures, path, 0, 0, -1,
               "directories nested more than %d deep; directory skipped", MAX_DIR_DEPTH);
        return;
    }
    if (w->ndirs == w->dirs_cap) {
        size_t cap = w->dirs_cap ? w->dirs_cap * 2 : 16;
        dev_ino *d = realloc(w->dirs, cap * sizeof *d);
        if (d == NULL) {
            report(&w->failures, path, 0, 0, -1, "out of memory; directory skipped");
            return;
        }
        w->dirs = d;
        w->dirs_cap = cap;
    }
    DIR *dir = opendir(path);
    if (dir == NULL) {
        report(&w->failures, path, 0, 0, -1, "cannot open directory: %s; skipped",
               strerror(errno));
        return;
    }
    dir_entry *names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    errno = 0;
    while ((e = readdir(dir)) != NULL) {
        if (e->d_name[0] == '.') {
            continue; /* ".", "..", and hidden files such as editor backups */
        }
        if (n == cap) {
            size_t c = cap ? cap * 2 : 64;
            dir_entry *nn = realloc(names, c * sizeof *nn);
            if (nn == NULL) {
                break;
            }
            names = nn;
            cap = c;
        }
        names[n].name = strdup(e->d_name);
        if (names[n].name == NULL) {
            break;
        }
        names[n].regular = listed_as_regular(e);
        n++;
    }
    int read_errno = errno;
    closedir(dir);
    if (read_errno != 0) {
        report(&w->failures, path, 0, 0, -1, "cannot list directory: %s; some files skipped",
               strerror(read_errno));
    }
    qsort(names, n, sizeof *names, compare_entries);
    w->dirs[w->ndirs].dev = st->st_dev;
    w->dirs[w->ndirs].ino = st->st_ino;
    w->ndirs++;
    size_t plen = strlen(path);
    int sep = plen > 0 && path[plen - 1] != '/';
    for (size_t k = 0; k < n && !w->stopped; k++) {
        const char *name = names[k].name;
        if (names[k].regular && !has_article_suffix(name)) {
            continue; /* not ours, and no need to build its path */
        }
        size_t len = plen + (size_t)sep + strlen(name) + 1;
        char *child = malloc(len);
        if (child == NULL) {
            report(&w->failures, path, 0, 0, -1, "out of memory; %s skipped", name);
            continue;
        }
        snprintf(child, len, "%s%s%s", path, sep ? "/" : "", name);
        if (names[k].regular) {
            walk_file(w, child, 0);
        } else {
            walk_path(w, child, 0);
        }
        free(child);
    }
    w->ndirs--;
    for (size_t k = 0; k < n; k++) {
        free(names[k].name);
    }
    free(names);
}

/* top: the path was given on the command line (any file name is taken);
 * below a directory only *.txt, *.jsonl and *.ndjson files are. */
static void walk_path(walker *w, const char *path, int top)
{
    if (top && strcmp(path, "-") == 0) {
        w->in_dir = 0;
        w->records = 0;
        w->skip_file = 0;
        process_stream(w, "<stdin>", STDIN_FILENO, 0, -1);
        return;
    }
    struct stat st;
    if (stat(path, &st) != 0) {
        int e = errno;
        struct stat lst;
        if (!top && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
            cli_warn_at(path, 0, "broken symbolic link, skipped");
            return;
        }
        report(&w->failures, path, 0, 0, -1, "cannot open: %s", strerror(e));
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        walk_dir(w, path, &st);
        return;
    }
    if (!top && !(S_ISREG(st.st_mode) && has_article_suffix(path))) {
        return;
    }
    walk_file(w, path, top);
}

long dkg_input_walk(char *const *paths, int npaths, const dkg_input_options *opt,
                    dkg_input_callback cb, void *ctx, int *stopped_out)
{
    walker w;
    memset(&w, 0, sizeof w);
    w.opt = opt;
    w.cb = cb;
    w.ctx = ctx;
    for (int k = 0; k < npaths && !w.stopped; k++) {
        walk_path(&w, paths[k], 1);
    }
    free(w.title);
    free(w.dirs);
    if (stopped_out != NULL) {
        *stopped_out = w.stopped;
    }
    return w.failures;
}
