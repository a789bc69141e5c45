#!/usr/bin/env bash
# bench/run_all.sh - every dkg benchmark in one run, results as Markdown on stdout.
#
#   bench/run_all.sh [--full] [--dkg PATH] [--work DIR]
#
# Runs, in order:
#   1. bench/bench_extract.sh  extraction MB/s and sentences/s at -j1 and -j2 from
#                              one JSON Lines stream and from 25,000 files, start-up,
#                              peak RSS, callgrind instruction counts;
#   2. bench/bench_build.sh    build time and peak RSS, graph file size and load time,
#                              for 10,000 and 100,000 articles (and 1,000,000 with --full);
#   3. bench/bench_query.sh    query latencies on a synthetic graph (10k entities /
#                              100k relations; 100k / 1M with --full).
# The default run takes a few minutes on a 2-core machine; --full takes much
# longer (1 GB extraction stream, 1M-article build). A benchmark script that
# is missing or fails is reported in its section and the others still run.
# Progress goes to stderr. Copy the output into docs/benchmarks.md with the
# commit it was measured at (printed in the header).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
DKG=$root/build/dkg
work=${TMPDIR:-/tmp}/dkg-bench
full=0
while [ $# -gt 0 ]; do
    case $1 in
    --full) full=1 ;;
    --dkg) DKG=$2; shift ;;
    --work) work=$2; shift ;;
    -h | --help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run_all.sh: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done
[ -x "$DKG" ] || { echo "run_all.sh: no dkg binary at $DKG (build first or pass --dkg)" >&2; exit 1; }
DKG=$(cd "$(dirname "$DKG")" && pwd)/$(basename "$DKG")
mkdir -p "$work"
status=0

# section TITLE SCRIPT ARGS...: run one benchmark script, print its output
# (kept in $work/out.<script>[.<articles>] for the summary table at the end).
nsection=0
section() {
    local title=$1 script=$2
    shift 2
    nsection=$((nsection + 1))
    local keep=$work/section-$nsection.out
    echo
    echo "### $title"
    echo
    if [ ! -x "$here/$script" ] && [ ! -f "$here/$script" ]; then
        echo "(bench/$script not present in this tree)"
        return
    fi
    echo "\`bench/$script $*\`"
    echo
    local t0 t1
    t0=$(date +%s)
    bash "$here/$script" "$@" | tee "$keep"
    if [ "${PIPESTATUS[0]}" != 0 ]; then
        echo "(bench/$script failed; see stderr)"
        status=1
    fi
    t1=$(date +%s)
    echo >&2 "run_all: $script $* took $((t1 - t0)) s"
}

commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
echo "## dkg benchmarks, $(date -u +%Y-%m-%d), commit $commit"
echo
echo "$(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), load average" \
    "$(cut -d' ' -f1-3 /proc/loadavg) at start; binary $DKG."

extract_args=(--dkg "$DKG" --work "$work/extract")
[ $full = 1 ] && extract_args+=(--full)
section "Extraction" bench_extract.sh "${extract_args[@]}"

build_sections=""
sizes="10000 100000"
[ $full = 1 ] && sizes="10000 100000 1000000"
for n in $sizes; do
    runs=3
    [ "$n" -ge 1000000 ] && runs=1 # a 1M build takes many minutes
    section "Graph build, $n articles (from extraction JSON Lines)" bench_build.sh \
        -n "$n" --runs "$runs" --extractions --dkg "$DKG" --dir "$work/build-$n"
    build_sections="$build_sections $nsection:$n"
done

export DKG_BENCH_DIR=$work/query
if [ $full = 1 ]; then
    section "Queries, 100,000 entities / 1,000,000 relations" bench_query.sh -n 5 -e 100000 \
        -r 1000000 -d "$DKG"
else
    section "Queries, 10,000 entities / 100,000 relations" bench_query.sh -n 3 -e 10000 \
        -r 100000 -d "$DKG"
fi

# The issue's table in one place, taken from the sections above.
echo
echo "### Summary"
echo
echo "| figure | value |"
echo "|---|---|"
# extract rows: "| label | value | command |" -> "| label | value |"
grep -E 'MB/s|sentences/s|speed-up|instructions|control' "$work/section-1.out" 2>/dev/null |
    awk -F'|' '{ printf "| extract: %s | %s |\n", $2, $3 }' | sed 's/  */ /g'
for entry in $build_sections; do
    out=$work/section-${entry%%:*}.out
    n=${entry#*:}
    awk -v n="$n" '
        /^build  / { printf "| build %s articles: wall / CPU / peak RSS | %s s / %s s / %s MiB |\n", n, $2, $5, $10; rss = $10 }
        /^graph file:/ { printf "| build %s articles: graph file | %s MiB (peak RSS %.2fx the file) |\n", n, $3, rss / $3 }
        /^load \+ query entity/ { printf "| build %s articles: load + query, wall / CPU | %s s / %s s |\n", n, $5, $8 }
    ' "$out" 2>/dev/null
done
grep -E '^\| (load graph|`)' "$work/section-$nsection.out" 2>/dev/null |
    awk -F'|' '{ printf "| query: %s, median wall / CPU (s) | %s / %s |\n", $2, $3, $4 }' | sed 's/  */ /g'
exit $status
