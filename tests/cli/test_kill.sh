# tests/cli/test_kill.sh - SIGKILL 'dkg merge' and 'dkg export' at random moments (issue 7).
#
# 'dkg build --update' has the same test in test_crash.sh. Here, 20 kills each (fixed seed)
# of 'dkg merge -o OUT A B' and 'dkg export M --to graphml|gexf -o OUT', with OUT holding an
# older file: after every kill OUT must be byte for byte the complete old file or the
# complete new one. The delays are spread over 120% of one measured run, so kills land
# while loading, while writing the temporary file and after the rename.
. "$DKG_SOURCE_DIR/tests/cli/testlib.sh"
cd "$TMP" || exit 1
FX=$DKG_SOURCE_DIR/tests/fixtures/graph/extractions.jsonl

# Two graphs of 1,500 articles each (new document ids over the fixture's extractions).
python3 - "$FX" <<'PY'
import json, sys
base = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
for name, lo, hi in (("a", 0, 1500), ("b", 1500, 3000)):
    with open(name + ".jsonl", "w", encoding="utf-8") as out:
        for i in range(lo, hi):
            d = base[i % len(base)]
            d["doc"]["id"] = "kill-%05d" % i
            d["doc"]["date"] = "2025-%02d-%02d" % (1 + i % 12, 1 + i % 28)
            out.write(json.dumps(d, ensure_ascii=False) + "\n")
PY
"$DKG" build -o a.json a.jsonl 2>/dev/null
"$DKG" build -o b.json b.jsonl 2>/dev/null
head -3 a.jsonl >small.jsonl
"$DKG" build -o old.json small.jsonl 2>/dev/null
if [ -s a.json ] && [ -s b.json ] && [ -s old.json ]; then
    pass
else
    fail "fixture graphs not built"
fi

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# kill_loop NAME OLD NEW COMMAND...: COMMAND writes to out.file. Run it once to measure,
# then 20 times killed after a random delay, checking out.file against OLD and NEW.
kill_loop() {
    local name=$1 old=$2 new=$3
    shift 3
    local start run_ms i delay pid olds=0 news=0
    cp "$old" out.file
    start=$(now_ms)
    "$@" 2>/dev/null
    run_ms=$(($(now_ms) - start))
    if cmp -s out.file "$new"; then
        pass
    else
        fail "$name: an uninterrupted run does not give the new file"
    fi
    for i in $(seq 1 20); do
        cp "$old" out.file
        delay=$((RANDOM % (run_ms * 12 / 10 + 1)))
        "$@" 2>/dev/null &
        pid=$!
        sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        if cmp -s out.file "$old"; then
            olds=$((olds + 1)); pass
        elif cmp -s out.file "$new"; then
            news=$((news + 1)); pass
        else
            fail "$name: a kill after ${delay} ms left neither the old nor the new file"
        fi
        rm -f out.file.tmp.* .out.file.* 2>/dev/null
    done
    echo "$name: one run ${run_ms} ms; after 20 kills: $olds old, $news new"
}

RANDOM=20251129
"$DKG" merge -o merged.json a.json b.json 2>/dev/null
kill_loop merge old.json merged.json "$DKG" merge -o out.file a.json b.json

"$DKG" export old.json --to graphml -o old.graphml 2>/dev/null
"$DKG" export merged.json --to graphml -o new.graphml 2>/dev/null
kill_loop "export graphml" old.graphml new.graphml \
    "$DKG" export merged.json --to graphml -o out.file

"$DKG" export old.json --to gexf -o old.gexf 2>/dev/null
"$DKG" export merged.json --to gexf -o new.gexf 2>/dev/null
kill_loop "export gexf" old.gexf new.gexf "$DKG" export merged.json --to gexf -o out.file

# What a kill leaves behind still loads.
run "$DKG" merge -o check.json merged.json
expect_status 0 "the merged graph loads"

testlib_end
