# tests/cli/test_golden.sh - the extraction of every samples/*.txt (and of
# samples/articles.jsonl with --jsonl) must equal tests/golden/ byte for byte.
# On a difference it prints the unified diff; if the change is intended, run
# tests/golden/regen.sh and review the diff (tests/golden/README.md).
. "$DKG_SOURCE_DIR/tests/cli/testlib.sh"
cd "$DKG_SOURCE_DIR" || exit 1
export DKG_DATA_DIR="$DKG_SOURCE_DIR/data"

compare() { # NAME EXPECTED (stdout of the last run)
    if cmp -s "$2" "$TMP/out"; then
        pass
    else
        fail "$1 differs from $2 (tests/golden/regen.sh regenerates; review the diff):"
        diff -u "$2" "$TMP/out" | head -n 80 >&2
    fi
}

count=0
for f in samples/*.txt; do
    name=$(basename "$f" .txt)
    run "$DKG" extract -j1 "$f"
    expect_status 0 "$f"
    if [ ! -f "tests/golden/$name.json" ]; then
        fail "tests/golden/$name.json is missing (run tests/golden/regen.sh)"
        continue
    fi
    compare "$f" "tests/golden/$name.json"
    count=$((count + 1))
done
[ "$count" -ge 6 ] && pass || fail "only $count samples found"

run "$DKG" extract -j1 --jsonl samples/articles.jsonl
expect_status 0 "samples/articles.jsonl"
compare samples/articles.jsonl tests/golden/articles.jsonl

# A golden file with no sample left behind is a stale answer.
for g in tests/golden/*.json; do
    [ -f "samples/$(basename "$g" .json).txt" ] && pass || fail "$g has no sample"
done
testlib_end
