/* tests/unit/test_dates.c - calendar arithmetic and date expressions.
 *
 * find() renders every mention of a sentence as "SPAN=PAST/FUTURE" (or
 * "SPAN=DATE" when both agree, with a trailing "*" for relative ones), joined
 * by "; ", so each case reads as the resolution the gold expects. Weekdays of
 * the article dates used: 2025-12-04 Thursday, 2023-03-21 Tuesday,
 * 2024-03-01 Friday, 2025-01-01 Wednesday, 2025-01-02 Thursday,
 * 2024-11-14 Thursday. */
#include <stdio.h>
#include <string.h>

#include "dkg/error.h"
#include "testlib.h"
#include "text.h"

static char rendered[2048];

static dkg_date D(const char *s)
{
    dkg_date d = {0, 0, 0};
    if (s != NULL && dkg__date_parse(s, &d) != 0) {
        fprintf(stderr, "bad test date %s\n", s);
    }
    return d;
}

static const char *find(const char *article, const char *text)
{
    dkg_date_mention m[8];
    size_t len = strlen(text);
    size_t n = dkg__dates_find(text, 0, len, D(article), m, 8);
    size_t pos = 0;
    rendered[0] = '\0';
    for (size_t k = 0; k < n && pos < sizeof rendered - 64; k++) {
        char past[11], future[11];
        dkg__date_format(m[k].past, past);
        dkg__date_format(m[k].future, future);
        if (m[k].start > m[k].end || m[k].end > len) {
            return "(bad span)";
        }
        pos += (size_t)snprintf(rendered + pos, sizeof rendered - pos, "%s%.*s=%s", k ? "; " : "",
                                (int)(m[k].end - m[k].start), text + m[k].start, past);
        if (strcmp(past, future) != 0) {
            pos += (size_t)snprintf(rendered + pos, sizeof rendered - pos, "/%s", future);
        }
        if (m[k].relative) {
            pos += (size_t)snprintf(rendered + pos, sizeof rendered - pos, "*");
        }
    }
    return rendered;
}

static const char *fmt(dkg_date d)
{
    static char buf[11];
    dkg__date_format(d, buf);
    return buf;
}

static void test_calendar(void)
{
    CHECK_INT(dkg__date_weekday(D("2025-12-04")), 3);
    CHECK_INT(dkg__date_weekday(D("2023-03-21")), 1);
    CHECK_INT(dkg__date_weekday(D("2000-03-01")), 2);
    CHECK_INT(dkg__date_weekday(D("1900-03-01")), 3);
    CHECK_INT(dkg__date_weekday(D("0001-01-01")), 0);
    CHECK_INT(dkg__date_weekday(D("2024-02-29")), 3);
    CHECK_INT(dkg__date_weekday(D("2025-12")), -1);

    CHECK_STR(fmt(dkg__date_add_days(D("2024-02-28"), 1)), "2024-02-29");
    CHECK_STR(fmt(dkg__date_add_days(D("2023-02-28"), 1)), "2023-03-01");
    CHECK_STR(fmt(dkg__date_add_days(D("2000-02-28"), 1)), "2000-02-29");
    CHECK_STR(fmt(dkg__date_add_days(D("1900-02-28"), 1)), "1900-03-01");
    CHECK_STR(fmt(dkg__date_add_days(D("2024-12-31"), 1)), "2025-01-01");
    CHECK_STR(fmt(dkg__date_add_days(D("2025-01-01"), -1)), "2024-12-31");
    CHECK_STR(fmt(dkg__date_add_days(D("2024-03-01"), -1)), "2024-02-29");
    CHECK_STR(fmt(dkg__date_add_days(D("2024-01-01"), 366)), "2025-01-01");
    CHECK_STR(fmt(dkg__date_add_days(D("2025-12-04"), 10000)), "2053-04-21");
    CHECK_STR(fmt(dkg__date_add_days(D("2025-12-04"), -10000)), "1998-07-19");
    CHECK_STR(fmt(dkg__date_add_days(D("2025-12-04"), 0)), "2025-12-04");
    CHECK_STR(fmt(dkg__date_add_days(D("2025-12"), 5)), "2025-12");

    dkg_date d;
    CHECK_INT(dkg__date_parse("2025-12-04", &d), 0);
    CHECK(d.year == 2025 && d.month == 12 && d.day == 4);
    CHECK_INT(dkg__date_parse("2025-12", &d), 0);
    CHECK(d.year == 2025 && d.month == 12 && d.day == 0);
    CHECK_INT(dkg__date_parse("2019", &d), 0);
    CHECK(d.year == 2019 && d.month == 0 && d.day == 0);
    CHECK_INT(dkg__date_parse("2024-02-29", &d), 0);
    CHECK_INT(dkg__date_parse("2023-02-29", &d), DKG_EINVAL);
    CHECK_INT(dkg__date_parse("2025-13", &d), DKG_EINVAL);
    CHECK_INT(dkg__date_parse("2025-12-4", &d), DKG_EINVAL);
    CHECK_INT(dkg__date_parse("2025/12/04", &d), DKG_EINVAL);
    CHECK_INT(dkg__date_parse("", &d), DKG_EINVAL);
    CHECK_INT(dkg__date_parse("0000", &d), DKG_EINVAL);
    CHECK_INT(dkg__date_parse(NULL, &d), DKG_EINVAL);

    dkg_date unknown = {0, 0, 0};
    CHECK_STR(fmt(unknown), "");
    CHECK_STR(fmt(D("2025-01")), "2025-01");
    CHECK_STR(fmt(D("0987")), "0987");
}

static void test_weekdays(void)
{
    const char *thu = "2025-12-04";
    CHECK_STR(find(thu, "They met on Thursday."), "Thursday=2025-12-04*");
    CHECK_STR(find(thu, "They met on Friday."), "Friday=2025-11-28/2025-12-05*");
    CHECK_STR(find(thu, "They met on Wednesday evening."),
              "Wednesday evening=2025-12-03/2025-12-10*");
    CHECK_STR(find(thu, "Talks on Monday morning, Tuesday afternoon and Sunday night."),
              "Monday morning=2025-12-01/2025-12-08*; Tuesday afternoon=2025-12-02/2025-12-09*; "
              "Sunday night=2025-11-30/2025-12-07*");
    CHECK_STR(find(thu, "He arrived last Thursday."), "last Thursday=2025-11-27*");
    CHECK_STR(find(thu, "He arrived last Monday."), "last Monday=2025-12-01*");
    CHECK_STR(find(thu, "He will arrive next Monday."), "next Monday=2025-12-08*");
    CHECK_STR(find(thu, "He will arrive next Thursday."), "next Thursday=2025-12-11*");
    CHECK_STR(find(thu, "Saturday's vote and Friday\xE2\x80\x99s talks."),
              "Saturday=2025-11-29/2025-12-06*; Friday=2025-11-28/2025-12-05*");
    CHECK_STR(find(thu, "\xE2\x80\x9CMonday was hard,\xE2\x80\x9D he said."),
              "Monday=2025-12-01/2025-12-08*");
    /* Weekday on the article's own weekday is that same day. */
    CHECK_STR(find("2023-03-21", "Xi and Putin held talks on Tuesday."), "Tuesday=2023-03-21*");
    CHECK_STR(find("2023-03-21", "He landed at Vnukovo airport on Monday."),
              "Monday=2023-03-20/2023-03-27*");
    /* Across a leap day and a year boundary. */
    CHECK_STR(find("2024-03-01", "They met on Thursday."), "Thursday=2024-02-29/2024-03-07*");
    CHECK_STR(find("2024-03-01", "They met last Friday."), "last Friday=2024-02-23*");
    CHECK_STR(find("2025-01-01", "He left on Tuesday."), "Tuesday=2024-12-31/2025-01-07*");
    CHECK_STR(find("2025-01-01", "He returns next Monday."), "next Monday=2025-01-06*");
    /* Explicit date after a weekday wins. */
    CHECK_STR(find(thu, "On Monday, Dec. 1, 2025, they met."), "Monday, Dec. 1, 2025=2025-12-01");
    /* A capitalised word after the weekday: a name, unless "on" or a
     * modifier comes first. */
    CHECK_STR(find(thu, "the Sunday Times and the Good Friday Agreement"), "");
    CHECK_STR(find(thu, "on Tuesday President Biden spoke"), "Tuesday=2025-12-02/2025-12-09*");
    CHECK_STR(find(thu, "last Tuesday Biden spoke"), "last Tuesday=2025-12-02*");
    /* Not weekdays. */
    CHECK_STR(find(thu, "monday and Mondays and Fridayz"), "");
    /* Unknown article date: relative days do not resolve. */
    CHECK_STR(find(NULL, "They met on Thursday, yesterday and last month."), "");
}

static void test_relative_words(void)
{
    const char *thu = "2025-12-04";
    CHECK_STR(find(thu, "He spoke yesterday."), "yesterday=2025-12-03*");
    CHECK_STR(find(thu, "Yesterday afternoon he spoke."), "Yesterday afternoon=2025-12-03*");
    CHECK_STR(find(thu, "He speaks today and tonight."), "today=2025-12-04*; tonight=2025-12-04*");
    CHECK_STR(find(thu, "He speaks tomorrow morning."), "tomorrow morning=2025-12-05*");
    CHECK_STR(find("2025-01-01", "The deal was signed yesterday."), "yesterday=2024-12-31*");
    CHECK_STR(find("2024-03-01", "The deal was signed yesterday."), "yesterday=2024-02-29*");
    CHECK_STR(find(thu, "China published it last month."), "last month=2025-11*");
    CHECK_STR(find(thu, "It began this month."), "this month=2025-12*");
    CHECK_STR(find(thu, "It began earlier this month."), "earlier this month=2025-12*");
    CHECK_STR(find(thu, "It ends later this month."), "later this month=2025-12*");
    CHECK_STR(find(thu, "It begins next month."), "next month=2026-01*");
    CHECK_STR(find("2025-01-01", "It began last month."), "last month=2024-12*");
    CHECK_STR(find(thu, "They met this week."), "this week=2025-12*");
    CHECK_STR(find(thu, "They met earlier this week."), "earlier this week=2025-12*");
    CHECK_STR(find(thu, "They met last week."), "last week=2025-11*");
    CHECK_STR(find(thu, "They meet next week."), "next week=2025-12*");
    CHECK_STR(find("2025-01-02", "They met last week."), "last week=2024-12*");
    CHECK_STR(find(thu, "Last year and next year and this year."),
              "Last year=2024*; next year=2026*; this year=2025*");
    CHECK_STR(find(thu, "This week, This month."), "This week=2025-12*; This month=2025-12*");
    /* Left out: they depend on another event, or are not dates. */
    CHECK_STR(find(thu, "the following day and the next day"), "");
    CHECK_STR(find(thu, "the last word, this time, next steps, earlier talks"), "");
    CHECK_STR(find(thu, "todays yesterdays"), "");
}

static void test_months(void)
{
    const char *thu = "2025-12-04";
    CHECK_STR(find(thu, "They met in July."), "July=2025-07/2026-07*");
    CHECK_STR(find(thu, "They met in December."), "December=2025-12*");
    CHECK_STR(find(thu, "They met last November."), "last November=2025-11*");
    CHECK_STR(find(thu, "They met last December."), "last December=2024-12*");
    CHECK_STR(find(thu, "They meet next January."), "next January=2026-01*");
    CHECK_STR(find(thu, "They met this June."), "this June=2025-06*");
    /* "last November" in a November article is the previous year's. */
    CHECK_STR(find("2024-11-14", "They met last November."), "last November=2023-11*");
    CHECK_STR(find("2024-11-14", "They met last June."), "last June=2024-06*");
    CHECK_STR(find("2024-11-14", "They will meet next November."), "next November=2025-11*");
    CHECK_STR(find("2024-11-14", "They met in November."), "November=2024-11*");
    /* "in December" from a January article. */
    CHECK_STR(find("2025-01-02", "They met in December."), "December=2024-12/2025-12*");
    CHECK_STR(find("2025-01-02", "They meet in January."), "January=2025-01*");
    CHECK_STR(find(thu, "in late May, early June and mid-August"),
              "late May=2025-05/2026-05*; early June=2025-06/2026-06*; "
              "mid-August=2025-08/2026-08*");
    CHECK_STR(find(thu, "since late June"), "late June=2025-06/2026-06*");
    CHECK_STR(find(thu, "It was suspended in August after talks."),
              "August=2025-08/2026-08*");
    /* May and March: the month only with a cue. */
    CHECK_STR(find(thu, "in May"), "May=2025-05/2026-05*");
    CHECK_STR(find(thu, "since March"), "March=2025-03/2026-03*");
    CHECK_STR(find(thu, "Theresa May said she may march. March on!"), "");
    CHECK_STR(find(thu, "May I ask?"), "");
    CHECK_STR(find(thu, "April Ryan asked."), "");
    CHECK_STR(find(thu, "They met in January and February."),
              "January=2025-01/2026-01*; February=2025-02/2026-02*");
    /* Month with a year. */
    CHECK_STR(find(thu, "since January 2021"), "January 2021=2021-01");
    CHECK_STR(find(thu, "in November of 2019"), "November of 2019=2019-11");
    CHECK_STR(find(thu, "in May 2019"), "May 2019=2019-05");
    CHECK_STR(find(NULL, "since April 2022"), "April 2022=2022-04");
    /* Month with a relative year. */
    CHECK_STR(find("2022-11-14", "a virtual summit in November of last year"),
              "November of last year=2021-11*");
    CHECK_STR(find(thu, "in March last year, in May this year and in June next year"),
              "March last year=2024-03*; May this year=2025-05*; June next year=2026-06*");
    CHECK_STR(find(thu, "in March of the year"), "March=2025-03/2026-03*");
    CHECK_STR(find(thu, "in late March last year"), "late March last year=2024-03*");
    CHECK_STR(find(thu, "Theresa May last year said"), "last year=2024*");
    CHECK_STR(find(NULL, "in July"), "");
}

static void test_month_days(void)
{
    const char *thu = "2025-12-04";
    CHECK_STR(find(thu, "on Dec. 30"), "Dec. 30=2024-12-30/2025-12-30*");
    CHECK_STR(find(thu, "on Dec. 4"), "Dec. 4=2025-12-04*");
    CHECK_STR(find(thu, "on Dec. 3 and Dec. 5"),
              "Dec. 3=2025-12-03/2026-12-03*; Dec. 5=2024-12-05/2025-12-05*");
    CHECK_STR(find("2025-01-02", "on Dec. 30"), "Dec. 30=2024-12-30/2025-12-30*");
    CHECK_STR(find(thu, "on Oct. 7 and Sept. 11 and Feb. 12"),
              "Oct. 7=2025-10-07/2026-10-07*; Sept. 11=2025-09-11/2026-09-11*; "
              "Feb. 12=2025-02-12/2026-02-12*");
    CHECK_STR(find(thu, "by phone on May 28, then June 1"),
              "May 28=2025-05-28/2026-05-28*; June 1=2025-06-01/2026-06-01*");
    CHECK_STR(find(thu, "on Feb. 29"), "Feb. 29=2024-02-29/2028-02-29*");
    CHECK_STR(find(thu, "on March 3rd"), "March 3rd=2025-03-03/2026-03-03*");
    CHECK_STR(find(thu, "on 30 December"), "30 December=2024-12-30/2025-12-30*");
    CHECK_STR(find(thu, "on the 4th of July"), "4th of July=2025-07-04/2026-07-04*");
    /* Explicit dates. */
    CHECK_STR(find(thu, "on December 30, 2024"), "December 30, 2024=2024-12-30");
    CHECK_STR(find(thu, "on December 30 2024"), "December 30 2024=2024-12-30");
    CHECK_STR(find(thu, "on Dec. 4, 2025."), "Dec. 4, 2025=2025-12-04");
    CHECK_STR(find(thu, "on Sept. 11, 2001,"), "Sept. 11, 2001=2001-09-11");
    CHECK_STR(find(thu, "on 30 December 2024"), "30 December 2024=2024-12-30");
    CHECK_STR(find(thu, "on 29 February 2024"), "29 February 2024=2024-02-29");
    /* No such day: only the month and year are left. */
    CHECK_STR(find(thu, "on 29 February 2023"), "February 2023=2023-02");
    CHECK_STR(find(thu, "on 2024-12-30 and 2025-02-30"), "2024-12-30=2024-12-30");
    CHECK_STR(find(NULL, "on December 30, 2024 and Dec. 30"), "December 30, 2024=2024-12-30");
    /* Numbers that are not days. */
    CHECK_STR(find(thu, "in May 12 people died"), "May 12=2025-05-12/2026-05-12*");
    CHECK_STR(find(thu, "June 31 and Dec. 3.5 and 40 Dec."), "");
    CHECK_STR(find(thu, "a 12-point plan, 3.5%, 1,000 troops, 10:30"), "");
}

static void test_years(void)
{
    const char *thu = "2025-12-04";
    CHECK_STR(find(thu, "They first met in 2019."), "2019=2019");
    CHECK_STR(find(NULL, "They first met in 2019."), "2019=2019");
    CHECK_STR(find(thu, "In 1997, in early 2001 and mid-2013."),
              "1997=1997; early 2001=2001; mid-2013=2013");
    CHECK_STR(find(thu, "the 2019 summit, 2019 alone, in 20190, in 2019s, in 2019-20"), "");
    CHECK_STR(find(thu, "in 1,000 places, in 999 ways"), "");
}

static void test_sentence_window(void)
{
    /* Only text[start..end) is searched; spans stay offsets into text. */
    const char *text = "Old news on Monday. They met on Tuesday. Then Friday.";
    dkg_date_mention m[4];
    size_t s = strlen("Old news on Monday. ");
    size_t e = s + strlen("They met on Tuesday.");
    size_t n = dkg__dates_find(text, s, e, D("2025-12-04"), m, 4);
    CHECK_INT(n, 1);
    if (n == 1) {
        CHECK_INT(m[0].start, s + strlen("They met on "));
        CHECK_INT(m[0].end, s + strlen("They met on Tuesday"));
        CHECK_STR(fmt(m[0].past), "2025-12-02");
    }
    /* max bounds the output. */
    CHECK_INT(dkg__dates_find(text, 0, strlen(text), D("2025-12-04"), m, 2), 2);
    CHECK_INT(dkg__dates_find(text, 0, strlen(text), D("2025-12-04"), m, 0), 0);
    /* A window that cuts a word: "Tues" is not a weekday. */
    CHECK_INT(dkg__dates_find(text, s, s + strlen("They met on Tues"), D("2025-12-04"), m, 4),
              0);
}

int main(void)
{
    test_calendar();
    test_weekdays();
    test_relative_words();
    test_months();
    test_month_days();
    test_years();
    test_sentence_window();
    TEST_MAIN_END();
}
