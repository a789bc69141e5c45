#!/usr/bin/env bash
# bench/bench_query.sh - how fast dkg query answers on a large synthetic graph.
#
#   bench/bench_query.sh [-n RUNS] [-e ENTITIES] [-r RELATIONS] [-d DKG] [-g GRAPH]
#
# Generates (once, cached under $DKG_BENCH_DIR, default /tmp/dkg-bench) a graph file
# with bench/gen_graph.py (default 100,000 entities, 1,000,000 relations), then runs
# each query RUNS times (default 5) with --timing and prints the medians of: graph
# load time (over every run), and the time of who-met, path and rank --by pagerank
# (query + output, load excluded), plus load throughput in MB/s of graph file.
# The graph is loaded by each run, as a user's command does. Prints a Markdown
# table for docs/benchmarks.md.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
runs=5
entities=100000
relations=1000000
dkg="$here/../build/dkg"
graph=""
while getopts "n:e:r:d:g:h" opt; do
    case $opt in
    n) runs=$OPTARG ;;
    e) entities=$OPTARG ;;
    r) relations=$OPTARG ;;
    d) dkg=$OPTARG ;;
    g) graph=$OPTARG ;;
    *) sed -n '2,12p' "$0"; exit 2 ;;
    esac
done
dir=${DKG_BENCH_DIR:-/tmp/dkg-bench}
mkdir -p "$dir"
if [ -z "$graph" ]; then
    graph="$dir/graph-$entities-$relations.json"
    if [ ! -s "$graph" ]; then
        echo "generating $graph ..." >&2
        python3 "$here/gen_graph.py" --entities "$entities" --relations "$relations" \
            -o "$graph.tmp"
        mv "$graph.tmp" "$graph"
    fi
fi
bytes=$(stat -c %s "$graph")

# Busy people are the low numbers (gen_graph.py): Person 0 is the hub; Person N/20
# and Person 7N/10 are ordinary people a few hops apart.
queries=("who-met|who-met|Person 0"
         "path|path|Person $((entities / 20))|Person $((entities * 7 / 10))"
         "rank --by pagerank|rank|--by|pagerank")
# median of the numbers on standard input
median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

loads=()
load_cpus=()
results=()
for q in "${queries[@]}"; do
    IFS='|' read -r -a parts <<<"$q"
    label=${parts[0]}
    args=("${parts[@]:1}")
    times=()
    cpus=()
    for ((i = 0; i < runs; i++)); do
        set +e
        "$dkg" query "$graph" "${args[@]}" --timing >/dev/null 2>"$dir/timing.err"
        status=$?
        set -e
        line=$(grep '^dkg query: load' "$dir/timing.err" || true)
        if [ "$status" -gt 1 ] || [ -z "$line" ]; then
            echo "dkg query $label failed ($status): $(cat "$dir/timing.err")" >&2
            exit 1
        fi
        # "load W s, query W s, output W s (cpu: load C s, query C s, output C s)"
        read -r -a n <<<"$(echo "$line" | grep -Eo '[0-9]+\.[0-9]+' | tr '\n' ' ')"
        lw=${n[0]} qw=${n[1]} ow=${n[2]} lc=${n[3]} qc=${n[4]} oc=${n[5]}
        loads+=("$lw")
        load_cpus+=("$lc")
        times+=("$(awk -v a="$qw" -v b="$ow" 'BEGIN { printf "%.3f", a + b }')")
        cpus+=("$(awk -v a="$qc" -v b="$oc" 'BEGIN { printf "%.3f", a + b }')")
    done
    results+=("$label|$(printf '%s\n' "${times[@]}" | median)|$(printf '%s\n' "${cpus[@]}" | median)")
done
load_med=$(printf '%s\n' "${loads[@]}" | median)
load_cpu_med=$(printf '%s\n' "${load_cpus[@]}" | median)
mbps=$(awk -v b="$bytes" -v t="$load_med" 'BEGIN { printf "%.1f", b / 1e6 / t }')
mbps_cpu=$(awk -v b="$bytes" -v t="$load_cpu_med" 'BEGIN { printf "%.1f", b / 1e6 / t }')

echo "graph: $graph ($((bytes / 1000000)) MB, $entities entities, $relations relations)," \
    "$runs runs each, $(nproc) CPUs, load average $(cut -d' ' -f1 /proc/loadavg)"
echo
echo "| step | median wall (s) | median CPU (s) |"
echo "|---|---|---|"
echo "| load graph file ($mbps MB/s wall, $mbps_cpu MB/s CPU) | $load_med | $load_cpu_med |"
for r in "${results[@]}"; do
    IFS='|' read -r label wall cpu <<<"$r"
    echo "| \`$label\` (after load) | $wall | $cpu |"
done
