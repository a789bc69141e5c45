# tests/cli/test_bad_input_empty.sh - articles where nothing is found. Regression test:
# qsort(NULL, 0) in extract/resolve.c and output.c was undefined behaviour that UBSan
# aborted on (fixed in 71020de).
. "$DKG_SOURCE_DIR/tests/cli/testlib.sh"
cd "$TMP" || exit 1
printf 'Nothing happened today.\n' >plain.txt
run "$DKG" extract --jsonl plain.txt
expect_status 0 "an article without entities or relations:"
expect_stderr_exact ""
json_is 'd["relations"]' "[]"
json_is 'd["entities"]' "[]"
# Issue 2's "50 MB single-line file": under the 64 MiB limit, so extracted (nothing found).
head -c 52428800 /dev/zero | tr '\0' 'a' >fifty.txt
run "$DKG" extract --jsonl fifty.txt
expect_status 0 "a 50 MB single-line article:"
expect_stderr_exact ""
json_is 'd["doc"]["bytes"]' 52428800
json_is 'd["relations"]' "[]"
testlib_end
