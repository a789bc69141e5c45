#!/usr/bin/env bash
# tests/cli/test_input_dir.sh - a directory of articles may hold other JSON
# Lines files (annotations, metadata): they are passed over with a warning,
# while the same file named on the command line is an error.
. "$(dirname "$0")/testlib.sh"
mkdir -p "$TMP/corpus"
printf ' date 2024-05-02 Talks\n\nAnthony Albanese met Narendra Modi in New Delhi on Thursday.\n' \
    > "$TMP/corpus/a.txt"
printf '{"id":"a","persons":[]}\n{"id":"b","persons":[]}\n' > "$TMP/corpus/gold.jsonl"

run "$DKG" extract --jsonl "$TMP/corpus"
expect_status 0 "directory with a gold file"
expect_stderr_exact "dkg: $TMP/corpus/gold.jsonl:1: warning: neither articles nor extractions (no \"text\" or \"dkg\" key); file skipped"
if [ "$(wc -l < "$TMP/out")" -eq 1 ]; then pass; else fail "expected one extraction line"; fi
json_is "d['doc']['date']" "2024-05-02"

run "$DKG" extract --jsonl "$TMP/corpus/gold.jsonl"
expect_status 1 "a non-article JSON Lines file named on the command line"
expect_stderr "gold.jsonl:1: error: no \"text\""
expect_no_stdout

run "$DKG" build -o "$TMP/g.json" "$TMP/corpus"
expect_status 0 "dkg build of the directory"
expect_stderr "1 articles added"
testlib_end
