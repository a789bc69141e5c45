#!/usr/bin/env bash
# bench/bench_build.sh - time and memory of `dkg build` on a generated corpus.
#
# Usage: bench/bench_build.sh [-n N] [--runs R] [--articles|--extractions] [--dkg PATH] [--dir DIR]
#   -n N            number of articles (default 100000)
#   --runs R        run each measured command R times, report medians (default 1)
#   --extractions   build from generated extraction JSON Lines (default): measures
#                   the graph alone, without the extractor
#   --articles      build from generated JSON Lines articles: extraction included
#   --dkg PATH      the binary (default build/dkg)
#   --dir DIR       where to put the corpus and graph (default /tmp/dkg-bench)
#
# Reports: input size, build wall time and articles/s, peak RSS of the build
# (/usr/bin/time -v), graph file size, nodes and edges, the time and peak RSS
# of loading the graph (`dkg merge -o - GRAPH`, which loads and re-writes it;
# `dkg query GRAPH entity ...`, which loads it and answers), and of
# `build --update` with the same input again (every article skipped). Wall
# time depends on the machine's load; CPU time (user + system) less so.
set -euo pipefail
cd "$(dirname "$0")/.."

n=100000
runs=1
mode=extractions
dkg=build/dkg
dir=/tmp/dkg-bench
while [ $# -gt 0 ]; do
    case "$1" in
        -n) n=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --articles) mode=articles; shift ;;
        --extractions) mode=extractions; shift ;;
        --dkg) dkg=$2; shift 2 ;;
        --dir) dir=$2; shift 2 ;;
        -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench_build.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
done
mkdir -p "$dir"
input="$dir/$mode-$n.jsonl"
graph="$dir/graph-$mode-$n.json"
if [ ! -s "$input" ]; then
    if [ "$mode" = articles ]; then
        python3 bench/gen_corpus.py -n "$n" --jsonl -o "$input"
    else
        python3 bench/gen_corpus.py -n "$n" --extractions -o "$input"
    fi
fi
rm -f "$graph"

# median: the median of the numbers on stdin, one a line.
median() {
    sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
# measure LABEL CMD...: run CMD `runs` times under /usr/bin/time -v; print the
# median wall seconds, CPU seconds and peak RSS (also left in $secs and $cpu).
measure() {
    local label=$1
    shift
    : >"$dir/runs.txt"
    for _ in $(seq "$runs"); do
        /usr/bin/time -v "$@" >/dev/null 2>"$dir/time.txt" || { cat "$dir/time.txt" >&2; exit 1; }
        # wall as m:ss.ss or h:mm:ss -> seconds; CPU = user + system; RSS in KiB
        awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); w = (n == 3) ? t[1]*3600 + t[2]*60 + t[3] : t[1]*60 + t[2] }
                    /User time|System time/ { c += $2 }
                    /Maximum resident set size/ { r = $2 }
                    END { print w, c, r }' "$dir/time.txt" >>"$dir/runs.txt"
    done
    secs=$(awk '{print $1}' "$dir/runs.txt" | median)
    cpu=$(awk '{print $2}' "$dir/runs.txt" | median)
    local rss
    rss=$(awk '{print $3}' "$dir/runs.txt" | median)
    printf '%-30s %7.2f s wall %7.2f s CPU   peak RSS %7.1f MiB\n' "$label" "$secs" "$cpu" \
        "$(echo "$rss" | awk '{print $1/1024}')"
    grep -h '^dkg: build:' "$dir/time.txt" || true
}

echo "dkg build benchmark: $n articles ($mode), $(nproc) CPUs, $(date -u +%Y-%m-%d), medians of $runs run(s)"
printf 'input: %s, %.1f MiB\n' "$input" "$(stat -c %s "$input" | awk '{print $1/1048576}')"
measure "build" "$dkg" build -o "$graph" "$input"
printf 'articles/s: %.0f (wall), %.0f (CPU)\n' "$(echo "$n $secs" | awk '{ if ($2 > 0) print $1/$2; else print 0 }')" \
    "$(echo "$n $cpu" | awk '{ if ($2 > 0) print $1/$2; else print 0 }')"
printf 'graph file: %.1f MiB\n' "$(stat -c %s "$graph" | awk '{print $1/1048576}')"
measure "load + write (merge -o -)" "$dkg" merge -o - "$graph"
measure "load + query entity" "$dkg" query "$graph" entity "Emmanuel Macron"
# Every article again: all skipped, so memory is the graph's, whatever the corpus size.
measure "update, all re-added" "$dkg" build --update -o "$graph" "$input"
