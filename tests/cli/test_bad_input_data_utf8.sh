# Lexicon and rules files must be UTF-8: a bad byte is a load error with FILE:LINE:COL (was a known bug).
. "$DKG_SOURCE_DIR/tests/cli/testlib.sh"
cd "$TMP" || exit 1
printf '{"dkg_lexicon": 1, "entities": [{"id": "person/zed-q", "type": "person", "name": "Zed Q\300\257", "aliases": ["Zed Q"]}]}\n' >lex.json
printf 'Zed Q met Xi Jinping in Paris.\n' >a.txt
run "$DKG" extract --lexicon lex.json a.txt
expect_status 1 "a lexicon with invalid UTF-8:"
expect_stderr "dkg: lex.json:1:"
expect_stderr "invalid UTF-8"
expect_no_stdout
printf '{"dkg_rules": 1, "rules": [{"name": "r\300\257", "relation": "meet", "triggers": ["met"], "pattern": "{person:a} met {person:b}"}]}\n' >rules.json
run "$DKG" extract --rules rules.json a.txt
expect_status 1 "a rules file with invalid UTF-8:"
expect_stderr "invalid UTF-8"
# A pattern with a 0xFF byte: compiled with PCRE2_NO_UTF_CHECK, undefined behaviour in PCRE2
# (tests/fuzz/corpus/rules/regress-pcre2-invalid-utf8.json is the fuzzer's reproducer).
printf '{"dkg_rules": 1, "rules": [{"name": "x", "relation": "meet", "triggers": ["met"], "pattern": "{person:a} met \377 {person:b}"}]}\n' >ff.json
run "$DKG" extract --rules ff.json a.txt
expect_status 1 "a pattern with a 0xFF byte:"
expect_stderr "dkg: ff.json:1:"
expect_stderr "UTF-8"
testlib_end
