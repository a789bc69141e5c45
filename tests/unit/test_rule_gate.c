/* tests/unit/test_rule_gate.c - the rule gate (extract/rule_gate.c) lists
 * only placeholders a match cannot do without, and opens exactly when the
 * masked sentence holds enough tokens of the right letters. A placeholder
 * counted wrongly as mandatory would silently drop relations, so the cases
 * here are the constructs that make one optional. */
#include <string.h>

#include "rules_internal.h"
#include "testlib.h"

static int needs(const char *pattern)
{
    rule_gate g;
    return dkg__rule_gate_analyse(pattern, &g);
}

/* Does a rule with PATTERN run on the masked sentence MASKED? */
static int opens(const char *pattern, const char *masked)
{
    rule_gate g;
    unsigned counts[DKG_GATE_SETS];
    dkg__rule_gate_analyse(pattern, &g);
    dkg__rule_gate_count(masked, strlen(masked), counts);
    return dkg__rule_gate_open(&g, counts);
}

int main(void)
{
    /* Mandatory: plain sequence, lists, quantifiers of at least one. */
    CHECK_INT(needs("{persons:a}{gap}\\bmet\\s+{pre}{persons:b}"), 2);
    CHECK_INT(needs("(?<!\\bmet ){persons:a}\\s+visited\\s+{places:b}"), 2);
    CHECK_INT(needs("(?:{person:a}\\s+){1,2}met"), 1);
    CHECK_INT(needs("{person:a}[^\\x01;(|]{0,9}?met{person:b}"), 2);
    /* Optional: ?, *, {0,n}, alternation, lookarounds, a quantified placeholder. */
    CHECK_INT(needs("{person:a}(?:\\s+with\\s+{person:b})?"), 1);
    CHECK_INT(needs("{person:a}(?:\\s+with\\s+{person:b})*"), 1);
    CHECK_INT(needs("{person:a}(?:\\s+with\\s+{person:b}){0,2}"), 1);
    CHECK_INT(needs("{person:a}\\s+(?:met\\s+{person:b}|visited\\s+{place:b})"), 1);
    CHECK_INT(needs("{person:a}|{country:a}"), 0);
    CHECK_INT(needs("{person:a}(?=.*{place:b})"), 1);
    CHECK_INT(needs("{person:a}(?!.*{place:b})"), 1);
    CHECK_INT(needs("(?<={country})\\s+{person:a}"), 1);
    CHECK_INT(needs("{person:a}\\s+{place:b}?"), 1);
    CHECK_INT(needs("{gap}{pre}"), 0);
    /* Constructs the scanner does not follow: no gate at all. */
    CHECK_INT(needs("\\Q{x}\\E{person:a}"), 0);
    CHECK_INT(needs("(?x){person:a} # (\n{person:b}"), 0);
    CHECK_INT(needs("{person:a}("), 0);
    CHECK_INT(needs("{person:a})"), 0);

    /* Two persons needed; the letters come from the masked text itself. */
    const char *two = "{persons:a}\\s+met\\s+{persons:b}";
    CHECK(opens(two, "\x01P0\x02 met \x01P1\x02"));
    CHECK(!opens(two, "\x01P0\x02 met the leader of \x01L1\x02"));
    CHECK(!opens(two, "\x01P0\x02 met \x01""A1\x02 officials"));
    CHECK(opens(two, "\x01P0\x02 and \x01P1\x02 met"));
    /* persons2 needs two tokens by itself. */
    CHECK(!opens("{persons2:a}\\s+met", "\x01P0\x02 met in \x01L1\x02"));
    CHECK(opens("{persons2:a}\\s+met", "\x01P0\x02 and \x01P1\x02 met"));
    /* Overlapping type sets: an actor (P, C or O) and a person need two
     * tokens of which one is a person. */
    const char *mixed = "{actor:a}\\s+backed\\s+{person:b}";
    CHECK(opens(mixed, "\x01""C0\x02 backed \x01P1\x02"));
    CHECK(!opens(mixed, "\x01P0\x02 backed it"));
    CHECK(!opens(mixed, "\x01""C0\x02 backed \x01O1\x02"));
    /* No gate: always open. */
    CHECK(opens("{person:a}|{country:a}", "no tokens here"));
    /* Caseless rules also see lower-case letters after \x01 in article text. */
    CHECK(opens(two, "\x01p0\x02 met \x01p1\x02"));
    TEST_MAIN_END();
}
