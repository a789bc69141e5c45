/* tests/unit/test_fold.c - case and accent folding, and slugs for entity ids. */
#include "dkg/fold.h"
#include "testlib.h"

static const char *fold(const char *s)
{
    static char out[256];
    dkg_fold(s, strlen(s), out, sizeof out);
    return out;
}

static const char *slug(const char *s)
{
    static char out[256];
    dkg_slug(s, strlen(s), out, sizeof out);
    return out;
}

int main(void)
{
    CHECK_STR(fold("Recep Tayyip Erdoğan"), "recep tayyip erdogan");
    CHECK_STR(fold("ERDOGAN"), "erdogan");
    CHECK_STR(fold("Nguyễn Phú Trọng"), "nguyen phu trong");
    CHECK_STR(fold("Andrés Manuel López Obrador"), "andres manuel lopez obrador");
    CHECK_STR(fold("Sergueï  Lavrov\t"), "serguei lavrov");
    CHECK_STR(fold("Straße"), "strasse");
    CHECK_STR(fold("Łukasz Ørsted Æsir"), "lukasz orsted aesir");
    CHECK_STR(fold("People’s Congress"), "people's congress");
    CHECK_STR(fold("Ilham Əliyev"), "ilham eliyev");
    CHECK_STR(fold("Владимир"), "владимир");
    CHECK_STR(fold("Xi–Putin"), "xi-putin");
    CHECK_STR(slug("Recep Tayyip Erdoğan"), "recep-tayyip-erdogan");
    CHECK_STR(slug("Great Hall of the People"), "great-hall-of-the-people");
    CHECK_STR(slug("  U.S. "), "u-s");
    CHECK_STR(slug("Élysée Palace"), "elysee-palace");
    CHECK_STR(slug("National People’s Congress"), "national-people-s-congress");

    /* Cut output: the return value says how long the whole result is. */
    char small[4];
    size_t need = dkg_fold("Erdoğan", strlen("Erdoğan"), small, sizeof small);
    CHECK_INT(need, 7);
    CHECK_STR(small, "erd");

    /* Invalid UTF-8 passes through byte by byte. */
    char out[16];
    dkg_fold("a\xFF" "B", 3, out, sizeof out);
    CHECK_STR(out, "a\xFF" "b");
    TEST_MAIN_END();
}
