# Known bug: qsort(NULL, 0) in extract/resolve.c and extract/output.c (UBSan aborts).
# Meaningful with a DKG_SANITIZE=ON build; passes trivially otherwise.
. "$DKG_SOURCE_DIR/tests/cli/testlib.sh"
cd "$TMP" || exit 1
printf 'Nothing happened today.\n' >plain.txt
run "$DKG" extract --jsonl plain.txt
expect_status 0 "an article without entities or relations:"
expect_stderr_exact ""
json_is 'd["relations"]' "[]"
json_is 'd["entities"]' "[]"
testlib_end
