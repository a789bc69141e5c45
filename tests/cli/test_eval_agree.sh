# tests/cli/test_eval_agree.sh - 'dkg eval' agrees with the reference scorer.
#
# Needs ../shared (the dev corpus and tools/score.py) beside the source tree
# and python3; skips (77) without them. Three comparisons, each asserting that
# the two JSON summaries are identical byte for byte (so every figure is equal):
#  1. noisy predictions generated from the dev gold (tests/fixtures/eval/
#     make_pred.py, several seeds) scored with --pred by both;
#  2. the fixtures' hand-written predictions, given the "file" key score.py reads;
#  3. the real extractor on the dev corpus: 'dkg eval' in-process against
#     'score.py --bin $DKG', which runs 'dkg extract' per article.
. "$DKG_SOURCE_DIR/tests/cli/testlib.sh"
cd "$DKG_SOURCE_DIR" || exit 1
SHARED=$DKG_SOURCE_DIR/../shared
SCORE=$SHARED/tools/score.py
DEV=$SHARED/corpus/dev/gold.jsonl
if [ ! -f "$SCORE" ] || [ ! -f "$DEV" ] || ! command -v python3 >/dev/null; then
    echo "skipped: needs $SCORE, $DEV and python3"
    exit 77
fi

# same_json NAME: $TMP/ours.json and $TMP/theirs.json are identical.
same_json() {
    if cmp -s "$TMP/ours.json" "$TMP/theirs.json"; then pass; else
        fail "$1: dkg eval and score.py differ"
        diff "$TMP/ours.json" "$TMP/theirs.json" >&2
    fi
}

# 1. generated predictions on the dev gold (and the seed gold when present)
golds=$DEV
[ -f "$SHARED/seed/gold.jsonl" ] && golds="$golds $SHARED/seed/gold.jsonl"
for gold in $golds; do
    for seed in 1 2; do
        python3 tests/fixtures/eval/make_pred.py "$gold" $seed >"$TMP/pred.jsonl"
        run "$DKG" eval --gold "$gold" --pred "$TMP/pred.jsonl" --format json
        expect_status 0 "generated predictions, seed $seed"
        cp "$TMP/out" "$TMP/ours.json"
        python3 "$SCORE" --gold "$gold" --pred "$TMP/pred.jsonl" --json >"$TMP/theirs.json"
        same_json "$(basename "$(dirname "$gold")") seed $seed"
    done
done
# the generated predictions are neither perfect nor empty
python3 tests/fixtures/eval/make_pred.py "$DEV" 1 >"$TMP/pred.jsonl"
run "$DKG" eval --gold "$DEV" --pred "$TMP/pred.jsonl" --format json
json_is '0 < d["person"]["fp"] and 0 < d["meet"]["fn"] and 0 < d["visit"]["tp"]' "True"

# 2. the fixtures
python3 -c '
import json, os, sys
for line in open(sys.argv[1], encoding="utf-8"):
    if line.strip():
        p = json.loads(line)
        p["file"] = os.path.basename(p["doc"]["source"])
        print(json.dumps(p))' tests/fixtures/eval/pred.jsonl >"$TMP/pred.jsonl"
"$DKG" eval --gold tests/fixtures/eval/gold.jsonl --pred "$TMP/pred.jsonl" --format json >"$TMP/ours.json"
python3 "$SCORE" --gold tests/fixtures/eval/gold.jsonl --pred "$TMP/pred.jsonl" --json >"$TMP/theirs.json"
same_json "fixtures"

# 3. the extractor itself, in-process against one 'dkg extract' per article
run "$DKG" eval --gold "$DEV" --format json
expect_status 0 "dev corpus, real extraction"
cp "$TMP/out" "$TMP/ours.json"
python3 "$SCORE" --gold "$DEV" --bin "$DKG" --json >"$TMP/theirs.json" 2>"$TMP/score.err"
same_json "dev corpus, real extraction"
echo "dev corpus: $(cat "$TMP/ours.json")"

testlib_end
