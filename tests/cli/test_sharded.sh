# tests/cli/test_sharded.sh - scale-out simulated on one machine (docs/scale-out.md).
# A generated corpus is split into shards; each shard is extracted by its own
# process reading standard input (the Hadoop Streaming / Spark pipe mapper:
# `dkg extract --jsonl -`), each shard's extraction lines become a partial graph
# (`dkg build`), and the partial graphs are merged in a tree (`dkg merge`, the
# combiner and reducer). The result must be byte-identical to one `dkg build`
# of the whole corpus, whatever the tree's shape or the order of its leaves.
. "$DKG_SOURCE_DIR/tests/cli/testlib.sh"
command -v python3 >/dev/null || { echo "python3 missing; skipped"; exit 77; }
"$DKG" merge --help >/dev/null 2>&1 || { echo "dkg merge not available yet; skipped"; exit 77; }

python3 "$DKG_SOURCE_DIR/bench/gen_news.py" --articles 160 --seed 5 --jsonl "$TMP/corpus.jsonl" 2>/dev/null
cd "$TMP" || exit 1

# The reference: one build of everything, from the articles on standard input
# (sources are "<stdin>" on both sides, as in a streaming job).
run "$DKG" build -o all.json - <corpus.jsonl
expect_status 0 "single build:"
expect_stderr "160 articles added, 0 skipped, 0 failed"

# Map: 8 shards of 20 articles, extracted by 8 concurrent processes.
split -l 20 -d corpus.jsonl shard.
shards=$(ls shard.?? | wc -l)
[ "$shards" -eq 8 ] && pass || fail "split made $shards shards, expected 8"
pids=""
for s in shard.??; do
    "$DKG" extract -j1 --jsonl - <"$s" >"$s.x" 2>"$s.err" &
    pids="$pids $!"
done
for p in $pids; do
    wait "$p" && pass || fail "a mapper process failed: $(cat shard.*.err)"
done
lines=$(cat shard.??.x | wc -l)
[ "$lines" -eq 160 ] && pass || fail "mappers wrote $lines lines, expected 160"

# Combine: each shard's extraction lines into a partial graph.
for s in shard.??; do
    "$DKG" build -o "$s.g" "$s.x" 2>"$s.err" && pass || fail "build $s: $(cat "$s.err")"
done

# Reduce: a balanced binary tree 8 -> 4 -> 2 -> 1.
"$DKG" merge -o l1.a shard.00.g shard.01.g 2>/dev/null && "$DKG" merge -o l1.b shard.02.g shard.03.g 2>/dev/null &&
    "$DKG" merge -o l1.c shard.04.g shard.05.g 2>/dev/null && "$DKG" merge -o l1.d shard.06.g shard.07.g 2>/dev/null &&
    "$DKG" merge -o l2.a l1.a l1.b 2>/dev/null && "$DKG" merge -o l2.b l1.c l1.d 2>/dev/null &&
    "$DKG" merge -o tree.json l2.a l2.b 2>/dev/null && pass || fail "tree merge failed"
if cmp -s tree.json all.json; then pass; else fail "balanced tree differs from the single build: $(cmp tree.json all.json)"; fi

# Another shape and order: a left fold over the shards in reverse order.
cp shard.07.g fold.json
for s in 06 05 04 03 02 01 00; do
    "$DKG" merge -o fold.next fold.json "shard.$s.g" 2>/dev/null && mv fold.next fold.json
done
if cmp -s fold.json all.json; then pass; else fail "reverse left fold differs from the single build"; fi

# One reducer taking all partial graphs at once, in shuffled order.
"$DKG" merge -o flat.json shard.05.g shard.02.g shard.07.g shard.00.g shard.03.g shard.06.g \
    shard.01.g shard.04.g 2>/dev/null
if cmp -s flat.json all.json; then pass; else fail "one 8-way merge differs from the single build"; fi

# Merging is idempotent: a shard delivered twice (a retried task) counts once.
"$DKG" merge -o twice.json tree.json shard.03.g 2>/dev/null
if cmp -s twice.json all.json; then pass; else fail "re-merging a shard changed the graph"; fi

# The mappers' concatenated output built at once gives the same graph too, and
# so does a threaded mapper.
cat shard.??.x | "$DKG" build -o concat.json - 2>/dev/null
if cmp -s concat.json all.json; then pass; else fail "build of the concatenated extractions differs"; fi
"$DKG" extract -j2 --jsonl - <corpus.jsonl >threaded.x
if cmp -s threaded.x <(cat shard.??.x); then pass; else fail "extract -j2 of the whole corpus differs from the shards' output"; fi

# The graph has real content: articles, people and meetings.
python3 -c '
import json, sys
g = json.load(open(sys.argv[1]))
people = sum(1 for n in g["nodes"] if n["id"].startswith("person/"))
print(len(g["documents"]), people > 10, len(g["edges"]) > 300)' all.json >summary
if [ "$(cat summary)" = "160 True True" ]; then pass; else fail "graph summary: $(cat summary)"; fi

testlib_end
