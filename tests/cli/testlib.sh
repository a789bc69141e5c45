# tests/cli/testlib.sh - helpers for end-to-end tests of the dkg command.
# Source it; $DKG is the binary, $DKG_SOURCE_DIR the source tree. Each check
# counts; finish with `testlib_end`, which prints "N passed, N failed".
set -u
: "${DKG:?DKG must name the dkg binary}"
: "${DKG_SOURCE_DIR:?}"
testlib_passed=0
testlib_failed=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/dkg-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
# DKG_TEST_LAUNCHER, when set, is a command (for example valgrind with its
# options) that every call of dkg in the test runs under: CI's memcheck step
# runs the whole suite this way.
if [ -n "${DKG_TEST_LAUNCHER:-}" ]; then
    printf '#!/bin/sh\nexec %s %s "$@"\n' "$DKG_TEST_LAUNCHER" "$DKG" >"$TMP/dkg"
    chmod +x "$TMP/dkg"
    DKG=$TMP/dkg
fi

pass() { testlib_passed=$((testlib_passed + 1)); }
fail() { testlib_failed=$((testlib_failed + 1)); echo "FAIL: $*" >&2; }

# run CMD...: runs it, keeping stdout in $TMP/out, stderr in $TMP/err, status in $status.
run() {
    "$@" >"$TMP/out" 2>"$TMP/err"
    status=$?
}

expect_status() { if [ "$status" -eq "$1" ]; then pass; else fail "${2:-} exit status $status, expected $1; stderr: $(head -c 500 "$TMP/err")"; fi; }
expect_stderr() { if grep -qF -- "$1" "$TMP/err"; then pass; else fail "stderr lacks '$1': $(head -c 500 "$TMP/err")"; fi; }
expect_stderr_exact() { if [ "$(cat "$TMP/err")" = "$1" ]; then pass; else fail "stderr is '$(cat "$TMP/err")', expected '$1'"; fi; }
expect_stdout() { if grep -qF -- "$1" "$TMP/out"; then pass; else fail "stdout lacks '$1': $(head -c 500 "$TMP/out")"; fi; }
expect_no_stdout() { if [ ! -s "$TMP/out" ]; then pass; else fail "stdout not empty: $(head -c 300 "$TMP/out")"; fi; }
# jq_is EXPR EXPECTED: evaluate a python expression over the JSON on stdout (variable d).
json_is() {
    local got
    got=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($1)" "$TMP/out" 2>&1)
    if [ "$got" = "$2" ]; then pass; else fail "$1 is '$got', expected '$2'"; fi
}
testlib_end() {
    echo "$testlib_passed passed, $testlib_failed failed"
    [ "$testlib_failed" -eq 0 ]
}
