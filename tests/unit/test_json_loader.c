/* tests/unit/test_json_loader.c - the helpers shared by the lexicon and rules
 * loaders (extract/json_loader.c): a failure names ARRAY[INDEX] and the line
 * and column of that element, unknown keys name the format's docs, array walks
 * stop at the first failing element, and the file helpers report the path. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "json_loader.h"
#include "testlib.h"

static const char doc[] = "{\"things\": [\n"
                          "  {\"name\": \"a\"},\n"
                          "  {\"name\": \"b\", \"colour\": \"red\"},\n"
                          "  {\"name\": \"c\"}\n"
                          "], \"flat\": 3}\n";

static int seen;

static int each_name(dkg_json_loader *ld, const cJSON *item)
{
    static const char *const allowed[] = {"name", NULL};
    seen++;
    return dkg__loader_check_keys(ld, item, allowed);
}

static int each_count(dkg_json_loader *ld, const cJSON *item)
{
    (void)item;
    (*(int *)ld->into)++;
    return 0;
}

static void test_walk_and_fail(void)
{
    cJSON *root = cJSON_Parse(doc);
    dkg_error err;
    dkg_error_clear(&err);
    int count = 0;
    dkg_json_loader ld = {&count, "t.json", doc, strlen(doc), &err, "docs/t.md", "top", -1};

    /* The walk stops at element 1, whose unknown key is reported there. */
    seen = 0;
    CHECK_INT(dkg__loader_each(&ld, root, "things", each_name), DKG_EPARSE);
    CHECK_INT(seen, 2);
    CHECK_STR(err.message, "things[1]: unknown key \"colour\" (a typo? see docs/t.md)");
    CHECK_STR(err.file, "t.json");
    CHECK_INT(err.line, 3);
    CHECK_INT(err.column, 3);

    /* A missing key is an empty array; a non-array is located at its key. */
    CHECK_INT(dkg__loader_each(&ld, root, "absent", each_count), 0);
    CHECK_INT(count, 0);
    CHECK_INT(dkg__loader_each(&ld, root, "things", each_count), 0);
    CHECK_INT(count, 3);
    dkg_error_clear(&err);
    CHECK_INT(dkg__loader_each(&ld, root, "flat", each_count), DKG_EPARSE);
    CHECK_STR(err.message, "\"flat\" must be an array");
    CHECK_INT(err.line, 5);
    CHECK_INT(err.column, 4);

    /* Outside an element the message has no ARRAY[INDEX] prefix; both
     * arguments are substituted, NULL ones as empty strings. */
    ld.array = "things";
    ld.index = -1;
    CHECK_INT(dkg__loader_fail(&ld, "%s and %s", "x", NULL), DKG_EPARSE);
    CHECK_STR(err.message, "x and ");
    CHECK_INT(err.line, 1);
    cJSON_Delete(root);
}

static int collect(void *ctx, const char *path, dkg_error *err)
{
    (void)err;
    const char *base = strrchr(path, '/');
    strcat(ctx, base != NULL ? base + 1 : path);
    strcat(ctx, " ");
    return 0;
}

static void test_files(void)
{
    char *dup = dkg__strdup("Erdoğan");
    CHECK_STR(dup, "Erdoğan");
    free(dup);

    dkg_error err;
    dkg_error_clear(&err);
    char *buf = NULL;
    size_t len = 0;
    CHECK_INT(dkg__read_file("/nonexistent/x.json", &buf, &len, &err), DKG_EIO);
    CHECK_STR(err.file, "/nonexistent/x.json");
    CHECK_INT(dkg__read_file(DKG_SOURCE_DIR "/data/rules/default.json", &buf, &len, &err), 0);
    CHECK(len > 1000 && buf[0] == '{');
    free(buf);

    /* In byte order of the names, only *.json. */
    char names[4096] = "";
    CHECK_INT(dkg__for_each_json(DKG_SOURCE_DIR "/data/lexicon", collect, names, &err), 0);
    CHECK(strncmp(names, "countries.json organizations.json ", 34) == 0);
    CHECK(strstr(names, "README") == NULL);
    CHECK_INT(dkg__for_each_json("/nonexistent", collect, names, &err), DKG_EIO);
}

int main(void)
{
    test_walk_and_fail();
    test_files();
    TEST_MAIN_END();
}
