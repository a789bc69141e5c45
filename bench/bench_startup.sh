#!/usr/bin/env bash
# bench/bench_startup.sh - start-up of `dkg extract`: one short article, the
# shipped lexicon and rules loading included (issue 6 asks for under 20 ms).
#
#   bench/bench_startup.sh [--runs N] [--dkg PATH] [ARTICLE]
#
# Prints the median over N runs (default 20) of the CPU time (perf stat's
# task-clock: user + system, in ms) and page faults of
#   dkg extract -j1 ARTICLE          (default samples/01_albanese_modi.txt)
#   dkg --version                    (the floor: loading dkg and its shared libraries)
# and, with valgrind, the instruction counts of both (callgrind, repeatable on a
# noisy machine). Needs perf; wall time is not reported, it mostly measures the
# machine's load.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
dkg=$root/build/dkg
runs=20
while [ $# -gt 0 ]; do
    case $1 in
    --runs) runs=$2; shift ;;
    --dkg) dkg=$2; shift ;;
    -h | --help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) break ;;
    esac
    shift
done
article=${1:-$root/samples/01_albanese_modi.txt}
command -v perf >/dev/null || { echo "bench_startup.sh: needs perf" >&2; exit 1; }

# median_of FIELD CMD...: run CMD `runs` times under perf stat; median of the
# task-clock (FIELD=task-clock, ms) or page-faults count.
median_of() {
    local event=$1
    shift
    for _ in $(seq "$runs"); do
        perf stat -x, -e "$event" "$@" 2>&1 >/dev/null | awk -F, -v e="$event" '$3 == e { print $1 }'
    done | sort -n | awk '{ v[NR] = $1 } END { m = int((NR + 1) / 2); printf "%.1f", (NR % 2) ? v[m] : (v[m] + v[m + 1]) / 2 }'
}

ir() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
        awk '/refs:/ { gsub(",", "", $NF); printf "%.1f M", $NF / 1e6 }'
}

echo "| command | CPU ms (median of $runs) | page faults | instructions |"
echo "|---|---|---|---|"
for what in extract version; do
    if [ $what = extract ]; then
        set -- "$dkg" extract -j1 "$article"
        label="dkg extract -j1 $(basename "$article")"
    else
        set -- "$dkg" --version
        label="dkg --version"
    fi
    cpu=$(median_of task-clock "$@")
    faults=$(median_of page-faults "$@")
    instr="-"
    if command -v valgrind >/dev/null; then
        instr=$(ir "$@")
    fi
    echo "| \`$label\` | $cpu | $faults | $instr |"
done
