#!/usr/bin/env bash
# scripts/memcheck.sh - the test suite under valgrind memcheck.
#
# Usage: scripts/memcheck.sh [--quick] [BUILD_DIR]     (BUILD_DIR: default build)
#
# Runs every unit test program under valgrind, then the CLI tests through
# ctest with DKG_TEST_LAUNCHER set, so that every call of dkg inside them (and
# of dkg-graph, which dkg starts for the graph commands) runs under valgrind. Each valgrind process
# writes its own log; any non-empty log is an error or a definite or indirect
# leak, and fails the run, even where a test does not look at dkg's exit
# status. --quick runs only the CLI tests in QUICK_CLI_TESTS: CI uses it to
# stay inside its time budget; a full run is the default.
# DKG_MEMCHECK_TESTS (a ctest -R regex, default ^cli/) narrows the CLI tests.
set -euo pipefail
cd "$(dirname "$0")/.."

# What --quick runs of the CLI suite: the hostile-input tests (all but the
# 100 MB one), messages and output devices, and one broad test of extract,
# query and export. Valgrind costs 0.7 s (dkg --version) to 1.9 s (a query
# handed to dkg-graph) of CPU per call of dkg just to start, and the whole
# suite calls dkg 622 times: too long for every CI run, whose 15-minute budget
# covers all its steps. This set is about 215 calls.
QUICK_CLI_TESTS='cli/(test_bad_input|test_bad_input_data|test_bad_input_data_utf8|test_bad_input_duplicate_keys'
QUICK_CLI_TESTS+='|test_bad_input_empty|test_bad_input_graph|test_bad_input_json_depth|test_bad_input_jsonl'
QUICK_CLI_TESTS+='|test_messages|test_output_devices|test_query|test_extract_cli|test_export_formats)$'

quick=0
[ "${1:-}" = --quick ] && { quick=1; shift; }
build=${1:-build}
[ -x "$build/dkg" ] || { echo "memcheck: no $build/dkg: build first (scripts/setup.sh)" >&2; exit 1; }
command -v valgrind >/dev/null || { echo "memcheck: valgrind is not installed (apt-get install valgrind)" >&2; exit 77; }

logs=$(mktemp -d "${TMPDIR:-/tmp}/dkg-memcheck.XXXXXX")
trap 'rm -rf "$logs"' EXIT
# Graphviz and the shell are not ours to check: children under /usr and /bin
# run untraced; dkg's own programs (in the build tree) are followed.
vg=("$(command -v valgrind)" -q --suppressions="$PWD/.ci/valgrind.supp" --error-exitcode=99
    --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect
    --trace-children=yes '--trace-children-skip=/usr/*,/bin/*' --log-file="$logs/%p.log")

failed=0
for t in "$build"/tests/test_*; do
    [ -x "$t" ] || continue
    status=0
    "${vg[@]}" "$t" >"$logs/unit.out" 2>&1 || status=$?
    case $status in
    0) echo "memcheck: $(basename "$t"): clean ($(tail -1 "$logs/unit.out"))" ;;
    77) echo "memcheck: $(basename "$t"): skipped" ;;
    *) echo "memcheck: $(basename "$t"): FAILED (status $status)"; tail -20 "$logs/unit.out"; failed=1 ;;
    esac
done

select='^cli/'
[ $quick -eq 1 ] && select=$QUICK_CLI_TESTS
DKG_TEST_LAUNCHER=$(printf '%q ' "${vg[@]}") ctest --test-dir "$build" -R "${DKG_MEMCHECK_TESTS:-$select}" \
    --output-on-failure -j"$(nproc)" || failed=1

for log in "$logs"/*.log; do
    [ -s "$log" ] || continue
    echo "memcheck: valgrind reported errors (process $(basename "$log" .log)):"
    head -60 "$log"
    failed=1
done
[ $quick -eq 1 ] && echo "memcheck: --quick ran the CLI tests matching $QUICK_CLI_TESTS"
[ $failed -eq 0 ] && echo "memcheck: zero errors, zero definite or indirect leaks"
exit $failed
