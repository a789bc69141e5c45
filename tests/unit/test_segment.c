/* tests/unit/test_segment.c - sentence segmentation, one edge case per check.
 *
 * seg() renders the sentences of a text as "first|second|third" so each case
 * reads as the expected split; paras() renders the paragraph numbers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dkg/extract.h"
#include "testlib.h"
#include "text.h"

static dkg_sentences sents; /* reused across calls, as the extractor does */
static char rendered[8192];

static const char *seg(const char *text)
{
    size_t len = strlen(text);
    rendered[0] = '\0';
    if (dkg__segment(text, len, &sents) != 0) {
        return "(error)";
    }
    size_t pos = 0;
    for (size_t k = 0; k < sents.count; k++) {
        const dkg_sentence *s = &sents.items[k];
        if (s->start > s->end || s->end > len) {
            return "(bad span)";
        }
        size_t n = s->end - s->start;
        if (pos + n + 2 >= sizeof rendered) {
            return "(too long)";
        }
        if (k > 0) {
            rendered[pos++] = '|';
        }
        memcpy(rendered + pos, text + s->start, n);
        pos += n;
        rendered[pos] = '\0';
    }
    return rendered;
}

static const char *paras(const char *text)
{
    rendered[0] = '\0';
    if (dkg__segment(text, strlen(text), &sents) != 0) {
        return "(error)";
    }
    size_t pos = 0;
    for (size_t k = 0; k < sents.count && pos + 12 < sizeof rendered; k++) {
        pos += (size_t)snprintf(rendered + pos, sizeof rendered - pos, "%s%d", k ? "," : "",
                                sents.items[k].paragraph);
    }
    return rendered;
}

static void test_basic(void)
{
    CHECK_STR(seg(""), "");
    CHECK_STR(seg("   \n\n  "), "");
    CHECK_STR(seg("One sentence."), "One sentence.");
    CHECK_STR(seg("No terminator at all"), "No terminator at all");
    CHECK_STR(seg("They met. They talked."), "They met.|They talked.");
    CHECK_STR(seg("  Leading and trailing spaces.  Next one.  "),
              "Leading and trailing spaces.|Next one.");
    CHECK_STR(seg("Did they meet? Yes! It was brief."), "Did they meet?|Yes!|It was brief.");
    CHECK_STR(seg("Really?! No way."), "Really?!|No way.");
    CHECK_STR(seg("He left. 2024 was a hard year."), "He left.|2024 was a hard year.");
    CHECK_STR(seg("lower case after a period. continues"), "lower case after a period. continues");
    CHECK_STR(seg("Tabs work.\tToo."), "Tabs work.|Too.");
    /* Accented and non-Latin capitals start a sentence. */
    CHECK_STR(seg("He spoke. Érdogan replied."), "He spoke.|Érdogan replied.");
    CHECK_STR(seg("He spoke. Łukaszenka replied."), "He spoke.|Łukaszenka replied.");
    CHECK_STR(seg("He spoke. Ödön replied."), "He spoke.|Ödön replied.");
    CHECK_STR(seg("He spoke. Путин replied."), "He spoke.|Путин replied.");
    CHECK_STR(seg("He spoke. élan followed."), "He spoke. élan followed.");
}

static void test_abbreviations(void)
{
    CHECK_STR(seg("The U.S. and China met. Then they left."),
              "The U.S. and China met.|Then they left.");
    CHECK_STR(seg("U.S. President Joe Biden arrived. He spoke."),
              "U.S. President Joe Biden arrived.|He spoke.");
    CHECK_STR(seg("He met U.N. Secretary-General Antonio Guterres."),
              "He met U.N. Secretary-General Antonio Guterres.");
    CHECK_STR(seg("It was a U.S.-led effort. It failed."), "It was a U.S.-led effort.|It failed.");
    CHECK_STR(seg("Mr. Smith met Mrs. Jones and Ms. Mogherini."),
              "Mr. Smith met Mrs. Jones and Ms. Mogherini.");
    CHECK_STR(seg("Dr. Chen and Gov. Newsom met Sen. Warren and Rep. Pelosi."),
              "Dr. Chen and Gov. Newsom met Sen. Warren and Rep. Pelosi.");
    CHECK_STR(seg("Gen. Milley, Col. Vindman and Lt. Dan attended."),
              "Gen. Milley, Col. Vindman and Lt. Dan attended.");
    CHECK_STR(seg("They flew to St. Petersburg. Putin waited."),
              "They flew to St. Petersburg.|Putin waited.");
    CHECK_STR(seg("Martin Luther King Jr. was there. So was Ken Griffey Sr. himself."),
              "Martin Luther King Jr. was there.|So was Ken Griffey Sr. himself.");
    CHECK_STR(seg("He lives at No. 10 Downing Street."), "He lives at No. 10 Downing Street.");
    CHECK_STR(seg("Apple Inc. and Acme Corp. and Foo Co. and Bar Ltd. signed."),
              "Apple Inc. and Acme Corp. and Foo Co. and Bar Ltd. signed.");
    CHECK_STR(seg("They bought shares in Apple Inc. The deal closed."),
              "They bought shares in Apple Inc.|The deal closed.");
    CHECK_STR(seg("It was Biden vs. Trump again."), "It was Biden vs. Trump again.");
    CHECK_STR(seg("Tanks, jets, etc. were shown. Then came talks."),
              "Tanks, jets, etc. were shown.|Then came talks.");
    CHECK_STR(seg("They discussed tanks, jets, etc. The talks ended."),
              "They discussed tanks, jets, etc.|The talks ended.");
    CHECK_STR(seg("He met Prime Minister Hun Sen. Xi arrived later."),
              "He met Prime Minister Hun Sen.|Xi arrived later.");
    CHECK_STR(seg("Democratic Sen. Elizabeth Warren spoke."),
              "Democratic Sen. Elizabeth Warren spoke.");
    CHECK_STR(seg("He holds a Ph.D. He teaches."), "He holds a Ph.D.|He teaches.");
    CHECK_STR(seg("Prof. Li and Capt. Kirk met."), "Prof. Li and Capt. Kirk met.");
}

static void test_months_and_times(void)
{
    CHECK_STR(seg("The attack on Oct. 7 shocked Israel. Talks began."),
              "The attack on Oct. 7 shocked Israel.|Talks began.");
    CHECK_STR(seg("It happened on Oct. 7. U.N. officials said so."),
              "It happened on Oct. 7.|U.N. officials said so.");
    CHECK_STR(seg("Jan. 3 and Feb. 14 and Mar. 1 and Apr. 2 and Aug. 9 and Sept. 11 and Sep. 12."),
              "Jan. 3 and Feb. 14 and Mar. 1 and Apr. 2 and Aug. 9 and Sept. 11 and Sep. 12.");
    CHECK_STR(seg("Nov. 5 and Dec. 30 were quiet. Jun. 1 and Jul. 4 too."),
              "Nov. 5 and Dec. 30 were quiet.|Jun. 1 and Jul. 4 too.");
    CHECK_STR(seg("Waivers ran until May. The sanctions returned."),
              "Waivers ran until May.|The sanctions returned.");
    CHECK_STR(seg("They met at 9 a.m. and left at 5 p.m. on Friday."),
              "They met at 9 a.m. and left at 5 p.m. on Friday.");
    CHECK_STR(seg("The meeting began at 10 a.m. The press waited."),
              "The meeting began at 10 a.m.|The press waited.");
    CHECK_STR(seg("He landed at 11 p.m. Officials greeted him."),
              "He landed at 11 p.m.|Officials greeted him.");
    CHECK_STR(seg("He landed at 11 p.m., late."), "He landed at 11 p.m., late.");
}

static void test_initials_and_numbers(void)
{
    CHECK_STR(seg("J. K. Rowling wrote it. It sold."), "J. K. Rowling wrote it.|It sold.");
    CHECK_STR(seg("George W. Bush met him. They spoke."), "George W. Bush met him.|They spoke.");
    CHECK_STR(seg("George H.W. Bush and Mikhail Gorbachev met."),
              "George H.W. Bush and Mikhail Gorbachev met.");
    CHECK_STR(seg("Minister S. Jaishankar attended."), "Minister S. Jaishankar attended.");
    CHECK_STR(seg("Growth was 3.5% last year. It slowed."),
              "Growth was 3.5% last year.|It slowed.");
    CHECK_STR(seg("Aid of $1.5 billion was pledged. More came."),
              "Aid of $1.5 billion was pledged.|More came.");
    CHECK_STR(seg("Version 2.0.1 shipped."), "Version 2.0.1 shipped.");
}

static void test_quotes(void)
{
    CHECK_STR(seg("He said: \"We agree.\" Then he left."), "He said: \"We agree.\"|Then he left.");
    CHECK_STR(seg("\"We agree,\" he said. \"Fully.\""), "\"We agree,\" he said.|\"Fully.\"");
    CHECK_STR(seg("\"We agree.\" he said, oddly."), "\"We agree.\" he said, oddly.");
    CHECK_STR(seg("\"Will you come?\" she asked. He nodded."),
              "\"Will you come?\" she asked.|He nodded.");
    CHECK_STR(seg("He said it. 'Never again,' she replied."),
              "He said it.|'Never again,' she replied.");
    CHECK_STR(seg("Xi wants a \xE2\x80\x9C" "constructive role.\xE2\x80\x9D Putin agreed."),
              "Xi wants a \xE2\x80\x9C" "constructive role.\xE2\x80\x9D|Putin agreed.");
    CHECK_STR(seg("\xE2\x80\x9CWe agree.\xE2\x80\x9D he said."),
              "\xE2\x80\x9CWe agree.\xE2\x80\x9D he said.");
    CHECK_STR(seg("He said \xE2\x80\x98yes.\xE2\x80\x99 The end."),
              "He said \xE2\x80\x98yes.\xE2\x80\x99|The end.");
    CHECK_STR(seg("It ended. \xE2\x80\x9CWe won,\xE2\x80\x9D he said."),
              "It ended.|\xE2\x80\x9CWe won,\xE2\x80\x9D he said.");
    CHECK_STR(seg("Japan\xE2\x80\x99s leader arrived. He met Zelensky."),
              "Japan\xE2\x80\x99s leader arrived.|He met Zelensky.");
    CHECK_STR(seg("It ended (finally.) Then more."), "It ended (finally.)|Then more.");
    CHECK_STR(seg("Talks ended. (Reuters contributed.)"), "Talks ended.|(Reuters contributed.)");
}

static void test_ellipses(void)
{
    CHECK_STR(seg("\"We will ... Fight on,\" he said."), "\"We will ... Fight on,\" he said.");
    CHECK_STR(seg("\"We will\xE2\x80\xA6 Fight on,\" he said."),
              "\"We will\xE2\x80\xA6 Fight on,\" he said.");
    CHECK_STR(seg("\"And then...\" he paused."), "\"And then...\" he paused.");
    CHECK_STR(seg("\"And then...\" Nobody answered."), "\"And then...\"|Nobody answered.");
    CHECK_STR(seg("\xE2\x80\x9C" "And then\xE2\x80\xA6\xE2\x80\x9D Nobody answered."),
              "\xE2\x80\x9C" "And then\xE2\x80\xA6\xE2\x80\x9D|Nobody answered.");
    CHECK_STR(seg("Wait... what?! Yes."), "Wait... what?!|Yes.");
}

static void test_paragraphs(void)
{
    const char *a = " date 2025-12-04 Macron meets Xi. U.S. watches?\n\n"
                    "First para. Second sentence.\n\nNext para here.\n\n"
                    "Smith reported from Beijing.";
    /* The date line is one sentence, trimmed like every other. */
    CHECK_STR(seg(a), "date 2025-12-04 Macron meets Xi. U.S. watches?"
                      "|First para.|Second sentence.|Next para here.|Smith reported from Beijing.");
    CHECK_INT(sents.count, 5);
    if (sents.count == 5) {
        CHECK_INT(sents.items[0].start, 1);
        CHECK_INT(sents.items[0].end, strlen(" date 2025-12-04 Macron meets Xi. U.S. watches?"));
    }
    CHECK_STR(paras(a), "0,1,1,2,3");
    /* No crossing of a single newline, even without a terminator. */
    CHECK_STR(seg("Headline without stop\nBody starts here. Ends."),
              "Headline without stop|Body starts here.|Ends.");
    CHECK_STR(paras("Headline without stop\nBody starts here. Ends."), "0,1,1");
    CHECK_STR(paras("One.\n\n\n\nTwo. Three.\r\nFour."), "0,1,1,2");
    CHECK_STR(seg("A.\r\nB."), "A.|B.");
    CHECK_STR(seg("Ends with U.S.\nNext line."), "Ends with U.S.|Next line.");
    /* Not a date line: segmented normally. */
    CHECK_STR(seg(" date 2025-13-04 Bad. Split here."), "date 2025-13-04 Bad.|Split here.");
}

static void test_long_sentence(void)
{
    size_t n = DKG_MAX_SENTENCE_BYTES * 2 + 100;
    char *buf = malloc(n + 1);
    CHECK(buf != NULL);
    if (buf == NULL) {
        return;
    }
    /* "é" repeated, so a cut at the byte limit would fall inside a character
     * unless it is moved back to a boundary. */
    buf[0] = 'x';
    for (size_t i = 1; i + 1 < n; i += 2) {
        buf[i] = (char)0xC3;
        buf[i + 1] = (char)0xA9;
    }
    buf[n - 1] = '.';
    buf[n] = '\0';
    CHECK_INT(dkg__segment(buf, n, &sents), 0);
    CHECK_INT(sents.count, 3);
    size_t covered = 0;
    for (size_t k = 0; k < sents.count; k++) {
        size_t len = sents.items[k].end - sents.items[k].start;
        CHECK(len <= DKG_MAX_SENTENCE_BYTES);
        CHECK(((unsigned char)buf[sents.items[k].start] & 0xC0) != 0x80);
        CHECK_INT(sents.items[k].start, covered);
        covered = sents.items[k].end;
    }
    CHECK_INT(covered, n);
    free(buf);
}

static void test_reuse(void)
{
    /* The array keeps its storage between articles. */
    seg("Aa. Bb. Cc. Dd.");
    dkg_sentence *items = sents.items;
    size_t cap = sents.capacity;
    CHECK_STR(seg("Ee. Ff."), "Ee.|Ff.");
    /* Single capitals are initials, never sentence ends. */
    CHECK_STR(seg("E. F. Schumacher wrote."), "E. F. Schumacher wrote.");
    CHECK(sents.items == items);
    CHECK_INT(sents.capacity, cap);
    dkg__sentences_destroy(&sents);
    CHECK(sents.items == NULL);
    CHECK_INT(sents.count, 0);
    dkg__sentences_destroy(NULL);
}

static void test_terminators_at_any_alignment(void)
{
    /* The scan skips plain bytes four at a time: a terminator, a newline or
     * an ellipsis must be seen whatever its offset from the start, and one
     * in the last few bytes too. */
    for (int pad = 0; pad < 8; pad++) {
        char text[128];
        char want[160];
        snprintf(text, sizeof text, "%.*sAb met Cd! Ef\u2026 Gh left.\nIj ok. Kl?", pad,
                 "xxxxxxxx");
        snprintf(want, sizeof want, "%.*sAb met Cd!|Ef\u2026 Gh left.|Ij ok.|Kl?", pad,
                 "xxxxxxxx");
        CHECK_STR(seg(text), want);
    }
    CHECK_STR(seg("A b."), "A b.");
    CHECK_STR(seg("Ab. Cd"), "Ab.|Cd");
    CHECK_STR(seg("Ab.\nCd"), "Ab.|Cd");
}

int main(void)
{
    test_basic();
    test_abbreviations();
    test_months_and_times();
    test_initials_and_numbers();
    test_quotes();
    test_ellipses();
    test_paragraphs();
    test_long_sentence();
    test_reuse();
    test_terminators_at_any_alignment();
    TEST_MAIN_END();
}
