#!/usr/bin/env bash
# tests/fuzz/run.sh - build the libFuzzer targets and run each for SECONDS.
#
# Usage: tests/fuzz/run.sh SECONDS [TARGET...]
#   TARGET: extract jsonl lexicon snapshot rules graph query (default: all, one after the
#   other, one process each: the machine is shared).
# Environment: DKG_FUZZ_BUILD (build dir, default build-fuzz), DKG_FUZZ_SEED
# (libFuzzer's seed, default 1, so a CI run replays the same inputs), DKG_DATA_DIR
# (lexicon and rules the targets load, default the source tree's data/).
#
# Each target starts from its seed corpus in tests/fuzz/corpus/TARGET, copied
# into the build dir so that what the fuzzer finds never dirties the tree,
# with the dictionary tests/fuzz/dkg.dict. A crash, leak, hang (over
# DKG_FUZZ_TIMEOUT seconds of wall time for one input, default 10; raise it on
# a loaded machine, where a starved process trips the alarm without a hang)
# or a broken invariant leaves the input in BUILD/fuzz-artifacts/ and makes
# the script exit 1; reproduce it with BUILD/tests/fuzz/fuzz_TARGET FILE. A longer local run: tests/fuzz/run.sh 1800.
set -euo pipefail
cd "$(dirname "$0")/../.."
src=$PWD

seconds=${1:?usage: tests/fuzz/run.sh SECONDS [TARGET...]}
shift
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(extract jsonl lexicon snapshot rules graph query)
build=${DKG_FUZZ_BUILD:-build-fuzz}

if ! command -v clang >/dev/null; then
    echo "fuzz: clang is not installed (apt-get install clang); nothing run" >&2
    exit 77
fi
CC=clang cmake -S . -B "$build" -DDKG_FUZZ=ON -DDKG_SANITIZE=ON >/dev/null
for t in "${targets[@]}"; do
    cmake --build "$build" -j2 --target "fuzz_$t" >/dev/null
done

mkdir -p "$build/fuzz-artifacts"
status=0
printf '%-8s %10s %12s %8s  %s\n' target seconds executions exec/s result
for t in "${targets[@]}"; do
    work="$build/fuzz-corpus/$t"
    mkdir -p "$work"
    cp -n "$src/tests/fuzz/corpus/$t"/* "$work"/ 2>/dev/null || true
    log="$build/fuzz-artifacts/$t.log"
    max_len=16384
    [ "$t" = extract ] && max_len=65536
    result=ok
    # Leaks are checked at exit of each input only when the target asks;
    # -detect_leaks=1 makes libFuzzer do it for every new input.
    if ! ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
        UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "$build/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -seed="${DKG_FUZZ_SEED:-1}" \
        -timeout="${DKG_FUZZ_TIMEOUT:-10}" -rss_limit_mb=2048 \
        -max_len="$max_len" -dict="$src/tests/fuzz/dkg.dict" -close_fd_mask=3 \
        -print_final_stats=1 -artifact_prefix="$build/fuzz-artifacts/$t-" \
        "$work" >"$log" 2>&1; then
        result="FAILED (see $log)"
        status=1
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    printf '%-8s %10s %12s %8s  %s\n' "$t" "$seconds" "${runs:-?}" "${rate:-?}" "$result"
done
exit $status
