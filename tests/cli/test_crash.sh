# tests/cli/test_crash.sh - kill 'dkg build --update' with SIGKILL at random moments
# (30 times, fixed seed) and check that the graph file is always either the
# complete old graph or the complete new one, never anything in between.
#
# The input is 500 extraction lines made from the fixture (new document ids),
# so a run takes long enough (loading, adding, writing) for the kills to land
# in every phase. The delays are spread over the measured length of one run.
. "$DKG_SOURCE_DIR/tests/cli/testlib.sh"
cd "$DKG_SOURCE_DIR" || exit 1
FX=tests/fixtures/graph/extractions.jsonl

python3 - "$FX" "$TMP/big.jsonl" <<'EOF'
import json, sys
base = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for i in range(500):
        d = base[i % len(base)]
        d["doc"]["id"] = "crash-%05d" % i
        d["doc"]["date"] = "2025-%02d-%02d" % (1 + i % 12, 1 + i % 28)
        out.write(json.dumps(d, ensure_ascii=False) + "\n")
EOF
"$DKG" build -o "$TMP/old.json" "$FX" 2>/dev/null
cp "$TMP/old.json" "$TMP/new.json"
start=$(date +%s%N)
"$DKG" build --update -o "$TMP/new.json" "$TMP/big.jsonl" 2>/dev/null
run_ms=$((($(date +%s%N) - start) / 1000000))
old_sum=$(cksum <"$TMP/old.json")
new_sum=$(cksum <"$TMP/new.json")
[ "$old_sum" != "$new_sum" ] && pass || fail "the update changed nothing"

RANDOM=20251204
olds=0
news=0
for i in $(seq 1 30); do
    cp "$TMP/old.json" "$TMP/g.json"
    # up to 120% of a run, so some kills come after the rename
    delay_ms=$((RANDOM % (run_ms * 12 / 10 + 1)))
    "$DKG" build --update -o "$TMP/g.json" "$TMP/big.jsonl" 2>/dev/null &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    sum=$(cksum <"$TMP/g.json")
    if [ "$sum" = "$old_sum" ]; then
        olds=$((olds + 1)); pass
    elif [ "$sum" = "$new_sum" ]; then
        news=$((news + 1)); pass
    else
        fail "kill after ${delay_ms} ms left a file that is neither the old nor the new graph"
    fi
    rm -f "$TMP"/g.json.tmp.*
done
echo "one run: ${run_ms} ms; after 30 kills: $olds old, $news new"
# The file left by a kill still loads.
run "$DKG" merge -o "$TMP/check.json" "$TMP/g.json"
expect_status 0 "the surviving graph loads"

testlib_end
