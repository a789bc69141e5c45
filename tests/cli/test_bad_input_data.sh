# tests/cli/test_bad_input_data.sh - hostile --lexicon and --rules files (issue 7): a broken
# lexicon entry, wrong types, missing fields, 1e400, a newer version, 0-byte, binary and
# 10,000-deep files, a pattern that does not compile (PCRE2 message and caret), and a
# pattern that backtracks catastrophically (a warning in "warnings", not a hang). A bad
# data file stops the run before any article: exit 1, the exact message, empty stdout.
. "$DKG_SOURCE_DIR/tests/cli/testlib.sh"
mkdir "$TMP/in" && cd "$TMP/in" || exit 1

printf ' date 2025-12-04 Talks\nChinese President Xi Jinping met French President Emmanuel Macron.\n' \
    >good.txt

# check OPTION FILE EXPECTED-STDERR: 'dkg extract OPTION FILE good.txt' fails with that message.
check() {
    local before
    before=$(ls -A)
    run "$DKG" extract "$1" "$2" good.txt
    expect_status 1 "$1 $2:"
    expect_stderr_exact "$3"
    expect_no_stdout
    if [ "$(ls -A)" = "$before" ]; then pass; else fail "$2: files appeared"; fi
}

# --- lexicon files ---------------------------------------------------------------------------
cat >entry.json <<'JSON'
{"dkg_lexicon": 1, "entities": [
 {"id": "person/alpha-beta", "type": "person", "name": "Alpha Beta"},
 {"id": "person/gamma", "type": "place", "name": "Gamma"}]}
JSON
check --lexicon entry.json 'dkg: entry.json:3:2: error: entities[1]: id "person/gamma" must start with "place/"
   {"id": "person/gamma", "type": "place", "name": "Gamma"}]}
   ^'
printf '{"dkg_lexicon": 1, "entities": [{"id": "person/x-y", "type": "person", "name": ["X Y"]}]}\n' \
    >type.json
check --lexicon type.json 'dkg: type.json:1:33: error: entities[0]: "name" must be a non-empty string
  {"dkg_lexicon": 1, "entities": [{"id": "person/x-y", "type": "person", "name": ["X Y"]}]}
                                  ^'
printf '{"dkg_lexicon": 1, "entities": [{"id": "person/x-y", "type": "person"}]}\n' >missing_field.json
check --lexicon missing_field.json 'dkg: missing_field.json:1:33: error: entities[0]: missing "name"
  {"dkg_lexicon": 1, "entities": [{"id": "person/x-y", "type": "person"}]}
                                  ^'
printf '{"dkg_lexicon": 1, "titles": [{"title": "Emperor", "rank": 1e400}]}\n' >num.json
check --lexicon num.json 'dkg: num.json:1:31: error: titles[0]: "rank" must be a number from 0 to 100
  {"dkg_lexicon": 1, "titles": [{"title": "Emperor", "rank": 1e400}]}
                                ^'
printf '{"dkg_lexicon": 2, "entities": []}\n' >newer.json
check --lexicon newer.json 'dkg: newer.json:1:2: error: missing "dkg_lexicon": 1 (this dkg reads lexicon version 1)
  {"dkg_lexicon": 2, "entities": []}
   ^'
: >empty.json
check --lexicon empty.json 'dkg: empty.json:1:1: error: not valid JSON (cut short, or a stray character here)'
printf 'not json\n' >text.json
check --lexicon text.json 'dkg: text.json:1:1: error: not valid JSON (cut short, or a stray character here)
  not json
  ^'
check --lexicon nowhere.json 'dkg: nowhere.json: error: cannot open: No such file or directory'
# 10,000 levels: refused at the 65th bracket (DKG_MAX_JSON_DEPTH), no stack overflow.
python3 -c 'import sys; sys.stdout.write("{\"dkg_lexicon\": 1, \"entities\": " + "["*10000 + "]"*10000 + "}")' \
    >deep.json
run "$DKG" extract --lexicon deep.json good.txt
expect_status 1 "deep lexicon:"
expect_stderr "dkg: deep.json:1:95: error: JSON nested more than 64 deep"
expect_no_stdout

# --- rules files ---------------------------------------------------------------------------
cat >bad_pattern.json <<'JSON'
{"dkg_rules": 1, "rules": [
 {"name": "bad", "relation": "meet", "triggers": ["met"],
  "pattern": "{person:a} met (unclosed {person:b}"}]}
JSON
# The caret sits under PCRE2's error offset in the pattern as compiled (placeholders expanded).
check --rules bad_pattern.json "dkg: bad_pattern.json:2:2: error: rules[0]: pattern does not compile: missing closing parenthesis
  (?<a>\\x01[P]\\d+\\x02) met (unclosed (?<b>\\x01[P]\\d+\\x02(?!'s|’s))
                                                                    ^"
cat >bad_class.json <<'JSON'
{"dkg_rules": 1, "rules": [
 {"name": "class", "relation": "meet", "triggers": ["met"],
  "pattern": "{person:a} [z-a] {person:b}"}]}
JSON
run "$DKG" extract --rules bad_class.json good.txt
expect_status 1 "reversed range:"
expect_stderr "dkg: bad_class.json:2:2: error: rules[0]: pattern does not compile: range out of order in character class"
[ "$(grep -c '^ *^$' "$TMP/err")" = 1 ] && pass || fail "no caret line: $(cat "$TMP/err")"
expect_no_stdout
check --rules empty.json 'dkg: empty.json:1:1: error: not valid JSON (cut short, or a stray character here)'
check --rules nowhere.json 'dkg: nowhere.json: error: cannot open: No such file or directory'

# A catastrophically backtracking pattern: the match limit turns it into a warning; the run
# finishes (ctest's timeout would catch a hang) and the other rules still work.
cat >slow.json <<'JSON'
{"dkg_rules": 1, "rules": [
 {"name": "slow", "relation": "meet", "triggers": ["met"],
  "pattern": "{person:a} met (\\w+\\s?)*$"}]}
JSON
printf ' date 2025-12-04 Talks\nChinese President Xi Jinping met aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa aaaaaaaaaaaaaaaaa aaaa aaaaaaaaaaaaaaa!\n' \
    >slow.txt
run "$DKG" extract --rules slow.json slow.txt
expect_status 0 "catastrophic pattern:"
expect_stderr_exact ""
json_is 'd["warnings"]' "['rule slow: match limit exceeded; the sentence was skipped for this rule']"
json_is '[r["type"] for r in d["relations"]]' "['role']"

testlib_end
