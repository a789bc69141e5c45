# bench/stream_corpus.sh - sourced by bench_extract.sh and bench_scaling.sh:
# the 20 MB JSON Lines stream both measure, generated once per work
# directory (same seed, same bytes), so their figures are for the same text.
#
#   stream_corpus WORK   sets $stream to WORK/stream-20mb.jsonl, making it
#                        (and its .meta line from gen_news.py) when missing
stream_corpus() {
    stream=$1/stream-20mb.jsonl
    mkdir -p "$1"
    if [ ! -s "$stream.meta" ]; then
        echo "bench: generating a 20 MB JSON Lines corpus in $1" >&2
        python3 "$(dirname "${BASH_SOURCE[0]}")/gen_news.py" --mb 20 --seed 11 --jsonl "$stream" \
            2>"$stream.meta"
    fi
}
