/* tests/unit/test_input.c - the input walker (src/input.c), end to end on
 * files made in a temporary directory: which records come out, in what
 * order, with which fields, and the exact message for every bad input.
 *
 * The walker lives in src/, which builds no library, so its two source files
 * are compiled into this test directly. stderr is captured into a file for
 * each walk so messages can be compared exactly. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../src/cli_messages.c"
#include "../../src/input.c"
#include "testlib.h"

static char tmpdir[512];
static char got[16384]; /* records, one per line: KIND|source|line|date|title|id|text-or-json */
static char err_text[16384];

static void write_file(const char *name, const char *content, size_t len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    if (f == NULL) {
        fprintf(stderr, "cannot create %s\n", path);
        exit(1);
    }
    fwrite(content, 1, len, f);
    fclose(f);
}

#define WRITE(name, lit) write_file(name, lit, sizeof(lit) - 1)

static const char *P(const char *name)
{
    static char paths[8][1024];
    static int next;
    char *p = paths[next++ % 8];
    snprintf(p, 1024, "%s/%s", tmpdir, name);
    return p;
}

typedef struct collect {
    int stop_at; /* stop (return 7) at this record number, 0 = never */
    int seen;
} collect;

static int bad_records; /* records breaking the borrowed-string contract */

static int on_record(void *ctx, const dkg_input_record *rec)
{
    collect *c = ctx;
    c->seen++;
    size_t pos = strlen(got);
    const char *src = rec->source;
    if (strncmp(src, tmpdir, strlen(tmpdir)) == 0) {
        src += strlen(tmpdir) + 1;
    }
    if (rec->kind == DKG_INPUT_ARTICLE) {
        bad_records += rec->article.text[rec->article.len] != '\0';
        bad_records += rec->article.source != rec->source;
        snprintf(got + pos, sizeof got - pos, "A|%s|%ld|%s|%s|%s|%.*s\n", src, rec->line,
                 rec->article.date ? rec->article.date : "-",
                 rec->article.title ? rec->article.title : "-",
                 rec->article.id ? rec->article.id : "-", (int)rec->article.len,
                 rec->article.text);
    } else {
        bad_records += rec->json[rec->json_len] != '\0';
        snprintf(got + pos, sizeof got - pos, "E|%s|%ld|%.*s\n", src, rec->line,
                 (int)rec->json_len, rec->json);
    }
    return (c->stop_at != 0 && c->seen == c->stop_at) ? 7 : 0;
}

/* Walk, capturing records into got and stderr (with tmpdir/ removed) into
 * err_text. Returns the failure count. */
static long walk(const char *const *paths, int n, const char *default_date, int stop_at,
                 int *stopped)
{
    got[0] = '\0';
    err_text[0] = '\0';
    char errpath[1024];
    snprintf(errpath, sizeof errpath, "%s.stderr", tmpdir);
    fflush(stderr);
    int saved = dup(2);
    int fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(fd, 2);
    close(fd);
    collect c = {stop_at, 0};
    dkg_input_options opt = {default_date};
    long failures = dkg_input_walk((char *const *)paths, n, &opt, on_record, &c, stopped);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    FILE *f = fopen(errpath, "rb");
    char raw[16384];
    size_t len = f ? fread(raw, 1, sizeof raw - 1, f) : 0;
    raw[len] = '\0';
    if (f) {
        fclose(f);
    }
    unlink(errpath);
    /* Drop the temporary directory prefix so messages compare as text. */
    size_t tl = strlen(tmpdir), o = 0;
    for (size_t i = 0; i < len && o + 1 < sizeof err_text;) {
        if (strncmp(raw + i, tmpdir, tl) == 0 && raw[i + tl] == '/') {
            i += tl + 1;
        } else {
            err_text[o++] = raw[i++];
        }
    }
    err_text[o] = '\0';
    return failures;
}

static long walk1(const char *path, const char *default_date)
{
    const char *paths[1] = {path};
    int stopped = -1;
    long f = walk(paths, 1, default_date, 0, &stopped);
    CHECK_INT(stopped, 0);
    return f;
}

static void test_plain(void)
{
    WRITE("dated.txt", " date 2025-12-04 Macron meets Xi\n\nBEIJING - They met.");
    CHECK_INT(walk1(P("dated.txt"), "2020-01-01"), 0);
    CHECK_STR(got, "A|dated.txt|0|2025-12-04|Macron meets Xi|-| date 2025-12-04 Macron meets "
                   "Xi\n\nBEIJING - They met.\n");
    CHECK_STR(err_text, "");

    WRITE("undated.txt", "They met in Paris.\n");
    CHECK_INT(walk1(P("undated.txt"), "2020-01-01"), 0);
    CHECK_STR(got, "A|undated.txt|0|2020-01-01|-|-|They met in Paris.\n\n");
    CHECK_INT(walk1(P("undated.txt"), NULL), 0);
    CHECK_STR(got, "A|undated.txt|0|-|-|-|They met in Paris.\n\n");

    /* Any name is taken when given directly; leading blanks are kept. */
    WRITE("notes.md", "  Indented text.");
    CHECK_INT(walk1(P("notes.md"), NULL), 0);
    CHECK_STR(got, "A|notes.md|0|-|-|-|  Indented text.\n");
}

static void test_plain_errors(void)
{
    WRITE("latin1.txt", "Caf\xE9 talks");
    CHECK_INT(walk1(P("latin1.txt"), NULL), 1);
    CHECK_STR(got, "");
    CHECK_STR(err_text, "dkg: latin1.txt: byte 3: error: invalid UTF-8 (byte 0xE9); convert "
                        "the file to UTF-8, e.g. with iconv -f LATIN1 -t UTF-8; article "
                        "skipped\n");

    WRITE("overlong.txt", "ab\xC0\xAF");
    CHECK_INT(walk1(P("overlong.txt"), NULL), 1);
    CHECK(strstr(err_text, "overlong.txt: byte 2: error: invalid UTF-8 (byte 0xC0)") != NULL);

    write_file("binary.txt", "PK\x03\x04\0\0zip", 9);
    CHECK_INT(walk1(P("binary.txt"), NULL), 1);
    CHECK_STR(err_text, "dkg: binary.txt: byte 4: error: binary file (NUL byte), skipped; give "
                        "dkg UTF-8 text or JSON Lines\n");

    /* A NUL after the first 8 KB is not "binary" but invalid text. */
    static char late_nul[9000];
    memset(late_nul, 'a', sizeof late_nul);
    late_nul[8500] = '\0';
    write_file("late_nul.txt", late_nul, sizeof late_nul);
    CHECK_INT(walk1(P("late_nul.txt"), NULL), 1);
    CHECK(strstr(err_text, "late_nul.txt: byte 8500: error: invalid UTF-8 (a NUL byte)") != NULL);

    WRITE("empty.txt", "");
    CHECK_INT(walk1(P("empty.txt"), NULL), 0);
    CHECK_STR(err_text, "dkg: empty.txt: warning: empty article, skipped\n");
    WRITE("blank.txt", " \n\n\t\n");
    CHECK_INT(walk1(P("blank.txt"), NULL), 0);
    CHECK_STR(err_text, "dkg: blank.txt: warning: empty article, skipped\n");

    CHECK_INT(walk1(P("missing.txt"), NULL), 1);
    CHECK_STR(err_text, "dkg: missing.txt: error: cannot open: No such file or directory\n");

    /* Over the article limit: refused from its size, never read (sparse). */
    static char text[10000];
    memset(text, 'x', sizeof text);
    write_file("huge.txt", text, sizeof text);
    CHECK_INT(truncate(P("huge.txt"), (off_t)DKG_MAX_ARTICLE_BYTES + 1), 0);
    CHECK_INT(walk1(P("huge.txt"), NULL), 1);
    CHECK_STR(err_text, "dkg: huge.txt: error: file is 67108865 bytes, over the article limit "
                        "of 67108864 bytes; split it; article skipped\n");
    unlink(P("huge.txt"));
}

static void test_jsonl(void)
{
    WRITE("a.jsonl",
          "{\"id\":\"x1\",\"date\":\"2024-02-29\",\"title\":\"T\",\"text\":\"Caf\\u00e9 talks.\"}\n"
          "\n"
          "   \r\n"
          "{\"text\":\"No date here.\"}\r\n"
          "{\"text\": \"bad\" \"json\"}\n"
          "{\"title\":\"no text\"}\n"
          "{\"text\": 42}\n"
          "{\"text\":\"t\",\"date\":\"2023-02-29\"}\n"
          "{\"text\":\"t\",\"id\":7}\n"
          "{\"dkg\":1,\"doc\":{\"id\":\"abc\"},\"entities\":[]}\n"
          "{\"dkg\":2}\n"
          "[1,2]\n"
          "{\"text\":\"a\"} {\"text\":\"b\"}\n"
          "{\"text\":\"bad \xFF byte\"}\n"
          "{\"text\":\"nul \\u0000 here\"}\n"
          "{\"text\":\"   \"}\n"
          "{\"text\":\"last line, no newline\",\"date\":null}");
    CHECK_INT(walk1(P("a.jsonl"), "2021-05-05"), 10);
    CHECK_STR(got, "A|a.jsonl|1|2024-02-29|T|x1|Caf\xC3\xA9 talks.\n"
                   "A|a.jsonl|4|2021-05-05|-|-|No date here.\n"
                   "E|a.jsonl|10|{\"dkg\":1,\"doc\":{\"id\":\"abc\"},\"entities\":[]}\n"
                   "A|a.jsonl|17|2021-05-05|-|-|last line, no newline\n");
    CHECK_STR(err_text,
              "dkg: a.jsonl:5:16: error: not valid JSON; record skipped\n"
              "  {\"text\": \"bad\" \"json\"}\n"
              "                 ^\n"
              "dkg: a.jsonl:6: error: no \"text\": an article line needs {\"text\": \"...\"} "
              "(\"id\", \"date\", \"title\" optional); record skipped\n"
              "dkg: a.jsonl:7: error: \"text\" must be a string; record skipped\n"
              "dkg: a.jsonl:8: error: \"date\" is \"2023-02-29\", not a real date YYYY-MM-DD; "
              "record skipped\n"
              "dkg: a.jsonl:9: error: \"id\" must be a string; record skipped\n"
              "dkg: a.jsonl:11: error: unsupported extraction format (\"dkg\" must be 1); "
              "re-run dkg extract with this version; record skipped\n"
              "dkg: a.jsonl:12: error: a record must be a JSON object; record skipped\n"
              "dkg: a.jsonl:13:14: error: more than one JSON value on the line; put one "
              "record per line; record skipped\n"
              "dkg: a.jsonl:14:14: error: invalid UTF-8 (byte 0xFF); fix the encoding of that "
              "line; record skipped\n"
              "dkg: a.jsonl:15:14: error: \\u0000 (a NUL character) is not allowed in a "
              "record; record skipped\n"
              "dkg: a.jsonl:16: warning: empty article, skipped\n");

    /* Detected by the first non-blank byte, whatever the name. */
    WRITE("records.txt", "\n  {\"text\":\"From a .txt file.\"}\n");
    CHECK_INT(walk1(P("records.txt"), NULL), 0);
    CHECK_STR(got, "A|records.txt|2|-|-|-|From a .txt file.\n");

    /* An escaped backslash before u0000 is not a NUL. */
    WRITE("esc.ndjson", "{\"text\":\"a \\\\u0000 b\"}\n");
    CHECK_INT(walk1(P("esc.ndjson"), NULL), 0);
    CHECK_STR(got, "A|esc.ndjson|1|-|-|-|a \\u0000 b\n");
    /* An escaped backslash, then a real \u0000; and one that ends the line's
     * last string, where the escape has no byte to spare. */
    WRITE("nul.ndjson", "{\"text\":\"a \\\\\\u0000 b\"}\n"
                        "{\"text\":\"a\\u0000\"}\n"
                        "{\"text\":\"\\\\\\\\\"}\n");
    CHECK_INT(walk1(P("nul.ndjson"), NULL), 2);
    CHECK_STR(got, "A|nul.ndjson|3|-|-|-|\\\\\n");
    CHECK_STR(err_text,
              "dkg: nul.ndjson:1:14: error: \\u0000 (a NUL character) is not allowed in a "
              "record; record skipped\n"
              "dkg: nul.ndjson:2:11: error: \\u0000 (a NUL character) is not allowed in a "
              "record; record skipped\n");
}

static void test_jsonl_long_stream(void)
{
    /* Many lines crossing the reader's refill boundaries. */
    char path[1024];
    snprintf(path, sizeof path, "%s/many.jsonl", tmpdir);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f == NULL) {
        return;
    }
    for (int k = 0; k < 20000; k++) {
        fprintf(f, "{\"id\":\"n%d\",\"text\":\"Article number %d is here.\"}\n", k, k);
    }
    fclose(f);
    const char *paths[1] = {path};
    int stopped = 0;
    got[0] = '\0';
    collect c = {0, 0};
    dkg_input_options opt = {NULL};
    CHECK_INT(dkg_input_walk((char *const *)paths, 1, &opt, on_record, &c, &stopped), 0);
    CHECK_INT(c.seen, 20000);
    CHECK_INT(stopped, 0);
    unlink(path);
}

static void test_directory(void)
{
    char sub[1024];
    snprintf(sub, sizeof sub, "%s/tree", tmpdir);
    mkdir(sub, 0700);
    snprintf(sub, sizeof sub, "%s/tree/sub", tmpdir);
    mkdir(sub, 0700);
    WRITE("tree/b.txt", "Bravo.");
    WRITE("tree/a.txt", "Alpha.");
    WRITE("tree/B.txt", "Capital B sorts first.");
    WRITE("tree/notes.md", "Ignored: not .txt.");
    WRITE("tree/.hidden.txt", "Ignored: hidden.");
    WRITE("tree/sub/c.txt", "Charlie.");
    WRITE("tree/sub/d.jsonl", "{\"text\":\"Delta one.\"}\n{\"text\":\"Delta two.\"}\n");
    char target[1024], link[1024];
    snprintf(target, sizeof target, "..");
    snprintf(link, sizeof link, "%s/tree/sub/loop", tmpdir);
    CHECK_INT(symlink(target, link), 0);
    snprintf(link, sizeof link, "%s/tree/sub/dangling.txt", tmpdir);
    CHECK_INT(symlink("nowhere.txt", link), 0);
    snprintf(link, sizeof link, "%s/tree/zlink.txt", tmpdir);
    CHECK_INT(symlink("a.txt", link), 0);

    CHECK_INT(walk1(P("tree"), NULL), 0);
    CHECK_STR(got, "A|tree/B.txt|0|-|-|-|Capital B sorts first.\n"
                   "A|tree/a.txt|0|-|-|-|Alpha.\n"
                   "A|tree/b.txt|0|-|-|-|Bravo.\n"
                   "A|tree/sub/c.txt|0|-|-|-|Charlie.\n"
                   "A|tree/sub/d.jsonl|1|-|-|-|Delta one.\n"
                   "A|tree/sub/d.jsonl|2|-|-|-|Delta two.\n"
                   "A|tree/zlink.txt|0|-|-|-|Alpha.\n");
    CHECK_STR(err_text, "dkg: tree/sub/dangling.txt: warning: broken symbolic link, skipped\n"
                        "dkg: tree/sub/loop: warning: directory loop through a symbolic link, "
                        "skipped\n");

    /* A trailing slash does not double the separator. */
    char with_slash[1024];
    snprintf(with_slash, sizeof with_slash, "%s/tree/sub/", tmpdir);
    CHECK_INT(walk1(with_slash, NULL), 0);
    CHECK(strstr(got, "A|tree/sub/c.txt|0|") != NULL);
}

static void test_order_and_stop(void)
{
    WRITE("one.txt", "One.");
    WRITE("two.txt", "Two.");
    WRITE("three.txt", "Three.");
    const char *paths[4] = {P("two.txt"), P("nope.txt"), P("one.txt"), P("three.txt")};
    int stopped = -1;
    CHECK_INT(walk(paths, 4, NULL, 0, &stopped), 1);
    CHECK_STR(got, "A|two.txt|0|-|-|-|Two.\nA|one.txt|0|-|-|-|One.\nA|three.txt|0|-|-|-|Three.\n");
    CHECK_INT(stopped, 0);
    /* The callback stops the walk: nothing after it is read. */
    CHECK_INT(walk(paths, 4, NULL, 2, &stopped), 1);
    CHECK_STR(got, "A|two.txt|0|-|-|-|Two.\nA|one.txt|0|-|-|-|One.\n");
    CHECK_INT(stopped, 7);
    CHECK_INT(walk(paths, 4, NULL, 2, NULL), 1);
}

static void test_stdin(void)
{
    WRITE("stdin.jsonl", "{\"text\":\"From stdin.\"}\n");
    int fd = open(P("stdin.jsonl"), O_RDONLY);
    CHECK(fd >= 0);
    int saved = dup(0);
    dup2(fd, 0);
    close(fd);
    CHECK_INT(walk1("-", NULL), 0);
    CHECK_STR(got, "A|<stdin>|1|-|-|-|From stdin.\n");
    dup2(saved, 0);
    close(saved);
}

static void test_date_ok(void)
{
    CHECK_INT(dkg_input_date_ok("2024-02-29"), 1);
    CHECK_INT(dkg_input_date_ok("2025-12-04"), 1);
    CHECK_INT(dkg_input_date_ok("2023-02-29"), 0);
    CHECK_INT(dkg_input_date_ok("2025-12-4"), 0);
    CHECK_INT(dkg_input_date_ok("2025-00-10"), 0);
    CHECK_INT(dkg_input_date_ok("2025-12-32"), 0);
    CHECK_INT(dkg_input_date_ok("yesterday"), 0);
    CHECK_INT(dkg_input_date_ok(NULL), 0);
}

static void remove_tree(const char *path)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
    if (system(cmd) != 0) {
        fprintf(stderr, "could not remove %s\n", path);
    }
}

int main(void)
{
    const char *base = getenv("DKG_TEST_TMP");
    if (base == NULL || base[0] == '\0') {
        base = "/tmp";
    }
    mkdir(base, 0700);
    snprintf(tmpdir, sizeof tmpdir, "%s/dkg-input-XXXXXX", base);
    if (mkdtemp(tmpdir) == NULL) {
        fprintf(stderr, "mkdtemp %s: %s\n", tmpdir, strerror(errno));
        return 1;
    }
    test_plain();
    test_plain_errors();
    test_jsonl();
    test_jsonl_long_stream();
    test_directory();
    test_order_and_stop();
    test_stdin();
    test_date_ok();
    CHECK_INT(bad_records, 0);
    remove_tree(tmpdir);
    TEST_MAIN_END();
}
