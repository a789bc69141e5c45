# tests/cli/test_bad_input_duplicate_keys.sh - a key twice in one object (a record, a lexicon) is an error: parsers disagree on which one wins.
. "$DKG_SOURCE_DIR/tests/cli/testlib.sh"
cd "$TMP" || exit 1
printf '{"text": "Xi Jinping met Emmanuel Macron.", "text": "Narendra Modi met Olaf Scholz."}\n' >dup.jsonl
run "$DKG" extract --jsonl dup.jsonl
expect_status 1 "a record with two \"text\" keys:"
expect_stderr 'dkg: dup.jsonl:1:'
expect_stderr 'duplicate key "text"'
expect_no_stdout
printf '{"dkg_lexicon": 1, "dkg_lexicon": 2, "entities": []}\n' >lex.json
printf 'Xi Jinping met Emmanuel Macron.\n' >a.txt
run "$DKG" extract --lexicon lex.json a.txt
expect_status 1 "a lexicon with two version keys:"
expect_stderr 'duplicate key "dkg_lexicon"'
testlib_end
