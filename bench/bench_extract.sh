#!/usr/bin/env bash
# bench/bench_extract.sh - extraction speed, start-up time, memory and instruction counts.
#
#   bench/bench_extract.sh [--full] [--runs N] [--dkg PATH] [--work DIR]
#
# Prints a Markdown table (one row per figure, medians of --runs runs) to
# stdout and progress to stderr. Default run: a 20 MB JSON Lines stream and a
# directory of 25,000 article files, -j1 and -j2, start-up over 11 runs,
# callgrind over 200 articles: a few minutes on a 2-core machine. --full adds a
# 1 GB stream (the same 20 MB file 50 times through a pipe) to show that peak
# RSS does not grow with the stream, and takes 5 runs of everything.
#
# Wall-clock figures on a shared machine are noisy; the CPU-time and callgrind
# rows are the ones to compare between commits, and the control rows (a
# sha256sum timed before and after) show whether the machine itself was
# slow. Needs python3 and GNU time (/usr/bin/time); callgrind rows are
# skipped without valgrind.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
DKG=${DKG:-$root/build/dkg}
runs=3
full=0
work=${TMPDIR:-/tmp}/dkg-bench-extract
while [ $# -gt 0 ]; do
    case $1 in
    --full) full=1; runs=5 ;;
    --runs) runs=$2; shift ;;
    --dkg) DKG=$2; shift ;;
    --work) work=$2; shift ;;
    -h | --help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench_extract.sh: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done
[ -x "$DKG" ] || { echo "bench_extract.sh: no dkg binary at $DKG (build first or pass --dkg)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench_extract.sh: needs GNU time at /usr/bin/time" >&2; exit 1; }
mkdir -p "$work"
log() { echo "bench_extract: $*" >&2; }

# Corpora, generated once and kept in $work between runs (same seed, same bytes).
. "$here/stream_corpus.sh"
stream_corpus "$work"
dir=$work/dir-25k
if [ ! -s "$dir.meta" ]; then
    log "generating 25,000 article files"
    rm -rf "$dir"
    python3 "$here/gen_news.py" --articles 25000 --seed 12 --dir "$dir" 2>"$dir.meta"
fi
# "gen_news: N articles, B bytes of text, S sentences"
meta() { awk '{print $'"$2"'}' "$1"; }
s_articles=$(meta "$stream.meta" 2); s_bytes=$(meta "$stream.meta" 4); s_sent=$(meta "$stream.meta" 8)
d_articles=$(meta "$dir.meta" 2); d_bytes=$(meta "$dir.meta" 4); d_sent=$(meta "$dir.meta" 8)
head -1 "$stream" >"$work/one.jsonl"

# timed OUT CMD...: run CMD `runs` times; OUT gets lines "wall user sys maxrss_kb".
timed() {
    local out=$1
    shift
    : >"$out"
    for _ in $(seq "$runs"); do
        /usr/bin/time -f "%e %U %S %M" -o "$out.one" "$@" >/dev/null 2>"$out.err" || {
            echo "bench_extract.sh: failed: $* ($(head -c 300 "$out.err"))" >&2; exit 1; }
        cat "$out.one" >>"$out"
    done
}
# median FILE COLUMN (1 wall, 2 user, 3 sys, 4 rss; 5 = user + sys)
median() {
    awk -v c="$2" '{ v = (c == 5) ? $2 + $3 : $c; print v }' "$1" | sort -g |
        awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
# rate N T DIGITS: N / T printed with DIGITS decimals (N and T plain numbers).
rate() { awk -v n="$1" -v t="$2" -v d="$3" 'BEGIN { n += 0; t += 0; if (t <= 0) t = 0.001; printf "%.*f", d, n / t }'; }

echo "| figure | value | command |"
echo "|---|---|---|"
row() { echo "| $1 | $2 | \`$3\` |"; }

# A control that does not depend on dkg: on a shared virtual machine the same
# CPU-bound command can take 1.6 times longer for minutes at a time (the
# host's load, not ours). Timed before and after the runs, it tells which
# state the figures between were taken in.
head -c 100000000 /dev/zero >"$work/zeros"
control() {
    local saved=$runs
    runs=3
    timed "$work/t.control" sha256sum "$work/zeros"
    runs=$saved
    row "control, $1: sha256sum of 100 MB, s (median of 3)" "$(median "$work/t.control" 1)" "sha256sum zeros"
}
control "before the runs"

for src in stream dir; do
    if [ $src = stream ]; then
        input=$stream; bytes=$s_bytes; sent=$s_sent; label="JSON Lines stream ($s_articles articles, $(rate "$s_bytes" 1e6 1) MB)"
    else
        input=$dir; bytes=$d_bytes; sent=$d_sent; label="directory of $d_articles files ($(rate "$d_bytes" 1e6 1) MB)"
    fi
    for j in 1 2; do
        log "extract -j$j from the $src ($runs runs)"
        timed "$work/t.$src.$j" "$DKG" extract -j"$j" --jsonl "$input"
        wall=$(median "$work/t.$src.$j" 1)
        cpu=$(median "$work/t.$src.$j" 5)
        rss=$(median "$work/t.$src.$j" 4)
        eval "wall_${src}_$j=$wall"
        mb=$(rate "$bytes" 1e6 6)
        cmd="dkg extract -j$j --jsonl $(basename "$input")"
        row "$label, -j$j: MB/s (wall)" "$(rate "$mb" "$wall" 2)" "$cmd"
        row "$label, -j$j: sentences/s (wall)" "$(rate "$sent" "$wall" 0)" "$cmd"
        if [ $j = 1 ]; then
            row "$label, -j1: MB/s per CPU second" "$(rate "$mb" "$cpu" 2)" "$cmd"
            row "$label, -j1: sentences per CPU second" "$(rate "$sent" "$cpu" 0)" "$cmd"
        fi
        row "$label, -j$j: peak RSS (MB)" "$(rate "$rss" 1024 1)" "$cmd"
    done
    eval "w1=\$wall_${src}_1; w2=\$wall_${src}_2"
    row "$label: -j2 speed-up over -j1" "$(rate "$w1" "$w2" 2)x" "wall(-j1) / wall(-j2)"
done

# Start-up: one short article, lexicon and rules loading included.
startup_runs=$((runs < 5 ? 11 : runs * 2 + 1))
log "start-up ($startup_runs runs)"
saved=$runs
runs=$startup_runs
timed "$work/t.startup" "$DKG" extract -j1 "$work/one.jsonl"
runs=$saved
row "start-up, one short article: wall ms" "$(rate "$(median "$work/t.startup" 1)" 0.001 0)" "dkg extract -j1 one.jsonl"
row "start-up, one short article: CPU ms (user+sys)" "$(rate "$(median "$work/t.startup" 5)" 0.001 0)" "dkg extract -j1 one.jsonl"
row "start-up: peak RSS (MB)" "$(rate "$(median "$work/t.startup" 4)" 1024 1)" "dkg extract -j1 one.jsonl"

# Instruction counts: deterministic, so a regression shows on a noisy machine.
if command -v valgrind >/dev/null; then
    log "callgrind"
    head -200 "$stream" >"$work/cg200.jsonl"
    cg_bytes=$(python3 -c 'import json,sys; print(sum(len(json.loads(l)["text"].encode()) for l in open(sys.argv[1])))' "$work/cg200.jsonl")
    ir() {
        valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
            awk '/refs:/ { gsub(",", "", $NF); print $NF }'
    }
    ir_start=$(ir "$DKG" extract -j1 --jsonl "$work/one.jsonl")
    # Per byte: both runs JIT-compile the rules at once (with -j1 dkg waits for
    # 64 KB of text, so one article alone would skip it and skew the difference).
    ir_start_jit=$(DKG_JIT=eager ir "$DKG" extract -j1 --jsonl "$work/one.jsonl")
    ir_200=$(DKG_JIT=eager ir "$DKG" extract -j1 --jsonl "$work/cg200.jsonl")
    row "callgrind: start-up instructions (one article)" "$(rate "$ir_start" 1e6 1) M" "valgrind --tool=callgrind dkg extract -j1 --jsonl one.jsonl"
    row "callgrind: instructions for 200 articles" "$(rate "$ir_200" 1e6 1) M" "DKG_JIT=eager valgrind --tool=callgrind dkg extract -j1 --jsonl cg200.jsonl"
    row "callgrind: instructions per byte of text (200 articles - start-up)" "$(rate "$((ir_200 - ir_start_jit))" "$cg_bytes" 0)" "(Ir(200) - Ir(1)) / $cg_bytes bytes, both DKG_JIT=eager"
fi

if [ $full = 1 ]; then
    log "1 GB stream (50 x 20 MB through a pipe, -j2, one run)"
    /usr/bin/time -f "%e %U %S %M" -o "$work/t.gb" sh -c '
        for i in $(seq 50); do cat "$1"; done | "$2" extract -j2 --jsonl - >/dev/null' sh "$stream" "$DKG"
    gbw=$(awk '{print $1}' "$work/t.gb")
    # GNU time reports the largest RSS among waited-for children: that is dkg.
    gbr=$(awk '{print $4}' "$work/t.gb")
    row "1 GB JSON Lines stream, -j2: MB/s (wall)" "$(rate "$(rate "$((s_bytes * 50))" 1e6 6)" "$gbw" 2)" "cat stream x50 | dkg extract -j2 --jsonl -"
    row "1 GB JSON Lines stream, -j2: peak RSS (MB)" "$(rate "$gbr" 1024 1)" "cat stream x50 | dkg extract -j2 --jsonl -"
fi
control "after the runs"
rm -f "$work/zeros"
log "done"
