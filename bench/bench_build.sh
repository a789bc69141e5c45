#!/usr/bin/env bash
# bench/bench_build.sh - time and memory of `dkg build` on a generated corpus.
#
# Usage: bench/bench_build.sh [-n N] [--articles|--extractions] [--dkg PATH] [--dir DIR]
#   -n N            number of articles (default 100000)
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
mode=extractions
dkg=build/dkg
dir=/tmp/dkg-bench
while [ $# -gt 0 ]; do
    case "$1" in
        -n) n=$2; shift 2 ;;
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

# measure LABEL CMD...: run CMD under /usr/bin/time -v, print wall seconds and peak RSS.
measure() {
    local label=$1
    shift
    /usr/bin/time -v "$@" >/dev/null 2>"$dir/time.txt" || { cat "$dir/time.txt" >&2; exit 1; }
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$dir/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$dir/time.txt")
    cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$dir/time.txt")
    # m:ss.ss or h:mm:ss -> seconds
    secs=$(echo "$wall" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
    printf '%-30s %7.2f s wall %7.2f s CPU   peak RSS %7.1f MiB\n' "$label" "$secs" "$cpu" \
        "$(echo "$rss" | awk '{print $1/1024}')"
    grep -h '^dkg: build:' "$dir/time.txt" || true
}

echo "dkg build benchmark: $n articles ($mode), $(nproc) CPUs, $(date -u +%Y-%m-%d)"
printf 'input: %s, %.1f MiB\n' "$input" "$(stat -c %s "$input" | awk '{print $1/1048576}')"
measure "build" "$dkg" build -o "$graph" "$input"
printf 'articles/s: %.0f (wall), %.0f (CPU)\n' "$(echo "$n $secs" | awk '{ if ($2 > 0) print $1/$2; else print 0 }')" \
    "$(echo "$n $cpu" | awk '{ if ($2 > 0) print $1/$2; else print 0 }')"
printf 'graph file: %.1f MiB\n' "$(stat -c %s "$graph" | awk '{print $1/1048576}')"
measure "load + write (merge -o -)" "$dkg" merge -o - "$graph"
measure "load + query entity" "$dkg" query "$graph" entity "Emmanuel Macron"
# Every article again: all skipped, so memory is the graph's, whatever the corpus size.
measure "update, all re-added" "$dkg" build --update -o "$graph" "$input"
