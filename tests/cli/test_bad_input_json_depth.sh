# tests/cli/test_bad_input_json_depth.sh - JSON nested deeper than DKG_MAX_JSON_DEPTH (64)
# is refused with a message naming the limit, whatever the depth (500, 10,000).
. "$DKG_SOURCE_DIR/tests/cli/testlib.sh"
cd "$TMP" || exit 1
python3 -c 'import sys; sys.stdout.write("{\"text\": \"Xi met Macron.\", \"x\": " + "["*500 + "]"*500 + "}\n")' >d500.jsonl
run "$DKG" extract --jsonl d500.jsonl
expect_status 1 "500 levels:"
expect_stderr "dkg: d500.jsonl:1:"
expect_stderr "nested more than 64 deep"
python3 -c 'import sys; sys.stdout.write("{\"text\": " + "["*10000 + "]"*10000 + "}\n")' >d10k.jsonl
run "$DKG" extract --jsonl d10k.jsonl
expect_status 1 "10,000 levels:"
expect_stderr "nested more than 64 deep"
testlib_end
