# tests/cli/test_build_articles.sh - 'dkg build' from articles, extracted on the fly:
# the same 40 generated articles as .txt files and as JSON Lines, in any order and
# with any -j, give byte-identical graphs; re-adding skips every article without extracting it;
# the graph equals the one built from `dkg extract --jsonl` output.
# Facts about the extraction itself are tested elsewhere; here only what the graph
# guarantees whatever the extractor finds.
. "$DKG_SOURCE_DIR/tests/cli/testlib.sh"
cd "$DKG_SOURCE_DIR" || exit 1

same_file() { if cmp -s "$1" "$2"; then pass; else fail "$3: $1 and $2 differ"; fi; }

python3 bench/gen_corpus.py -n 40 --seed 7 -o "$TMP/txt" || exit 1
python3 bench/gen_corpus.py -n 40 --seed 7 --jsonl -o "$TMP/arts.jsonl" || exit 1
# DKG may be relative to the source tree; the JSON Lines part runs elsewhere.
case "$DKG" in /*) ;; *) DKG="$PWD/$DKG" ;; esac

run "$DKG" build -o "$TMP/g.json" "$TMP/txt"
expect_status 0 "build from .txt"
expect_stderr "dkg: build: 40 articles added, 0 skipped, 0 failed;"
python3 - "$TMP/g.json" >"$TMP/counts" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
print(len(d["documents"]), len(d["nodes"]) > 10, len(d["edges"]) > 40,
      all(len(x["id"]) == 16 and x["source"].endswith(".txt") for x in d["documents"]))
EOF
if [ "$(cat "$TMP/counts")" = "40 True True True" ]; then pass; else fail "counts: $(cat "$TMP/counts")"; fi

# Re-adding: every article skipped before extraction, the file unchanged.
cp "$TMP/g.json" "$TMP/g0.json"
run "$DKG" build --update -o "$TMP/g.json" "$TMP/txt"
expect_status 0 "re-add"
expect_stderr "dkg: build: 0 articles added, 40 skipped, 0 failed;"
same_file "$TMP/g0.json" "$TMP/g.json" "re-adding articles"

# Another order and grouping of the same files (the path is part of a document:
# its "source"): reversed, in two --update runs.
files=$(ls -r "$TMP"/txt/*.txt)
run "$DKG" build -o "$TMP/r.json" $(echo "$files" | sed -n '1~2p')
run "$DKG" build --update -o "$TMP/r.json" $(echo "$files" | sed -n '0~2p')
expect_status 0 "second half"
expect_stderr "dkg: build: 20 articles added, 0 skipped, 0 failed;"
same_file "$TMP/g.json" "$TMP/r.json" "articles in another order and grouping"

# -j: articles extracted on several threads, added in input order: same bytes, and
# a mixed input (extraction lines between articles) keeps its order too.
run "$DKG" build -j 3 -o "$TMP/j3.json" "$TMP/txt"
expect_status 0 "-j 3"
expect_stderr "dkg: build: 40 articles added, 0 skipped, 0 failed;"
same_file "$TMP/g.json" "$TMP/j3.json" "-j 3 = -j 1"
{ head -n 15 "$TMP/arts.jsonl"; cat tests/fixtures/graph/extractions.jsonl; tail -n 25 "$TMP/arts.jsonl"; } \
    >"$TMP/mix.jsonl"
run "$DKG" build -j 1 -o "$TMP/mix1.json" "$TMP/mix.jsonl"
expect_stderr "dkg: build: 46 articles added, 0 skipped, 0 failed;"
run "$DKG" build -j 4 -o "$TMP/mix4.json" "$TMP/mix.jsonl"
expect_status 0 "-j 4 mixed"
same_file "$TMP/mix1.json" "$TMP/mix4.json" "mixed input, -j 4 = -j 1"
# Longer than one batch (the pool hands a thread 64 KB of text at a time), with
# extraction lines inside batches and repeated articles, some of them still in
# flight when their first copy is added: same graph and same counts.
for _ in $(seq 12); do cat "$TMP/mix.jsonl"; done >"$TMP/mix12.jsonl"
run "$DKG" build -j 1 -o "$TMP/mix12.json" "$TMP/mix12.jsonl"
cp "$TMP/err" "$TMP/mix12_1.err"
cp "$TMP/mix12.json" "$TMP/mix12_1.json"
run "$DKG" build -j 2 -o "$TMP/mix12.json" "$TMP/mix12.jsonl"
expect_status 0 "-j 2, several batches"
expect_stderr "dkg: build: 46 articles added, 506 skipped, 0 failed;"
same_file "$TMP/mix12_1.err" "$TMP/err" "several batches: messages, -j 2 = -j 1"
same_file "$TMP/mix12_1.json" "$TMP/mix12.json" "several batches, -j 2 = -j 1"

# JSON Lines articles (ids given) in reverse order, under the same file name.
mkdir -p "$TMP/fwd" "$TMP/rev"
cp "$TMP/arts.jsonl" "$TMP/fwd/arts.jsonl"
tac "$TMP/arts.jsonl" >"$TMP/rev/arts.jsonl"
run sh -c "cd \"$TMP/fwd\" && \"$DKG\" build -o ../j1.json arts.jsonl"
expect_status 0 "jsonl articles"
expect_stderr "dkg: build: 40 articles added, 0 skipped, 0 failed;"
run sh -c "cd \"$TMP/rev\" && \"$DKG\" build -o ../j2.json arts.jsonl"
same_file "$TMP/j1.json" "$TMP/j2.json" "reversed JSON Lines articles"

# build(articles) = build(dkg extract --jsonl articles).
run "$DKG" extract --jsonl "$TMP/txt"
expect_status 0 "extract"
cp "$TMP/out" "$TMP/ex.jsonl"
run "$DKG" build -o "$TMP/e.json" "$TMP/ex.jsonl"
expect_status 0 "build from extractions"
same_file "$TMP/g.json" "$TMP/e.json" "build from articles = build from their extractions"

testlib_end
