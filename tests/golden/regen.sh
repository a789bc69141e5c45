#!/bin/sh
# tests/golden/regen.sh - rewrite the expected extraction of every sample.
#
# Usage: tests/golden/regen.sh [DKG_BINARY]   (default: build/dkg)
# Run it after a deliberate change to extraction, then read `git diff tests/golden`
# like code: every changed line is a changed answer. test_golden.sh runs the same
# commands (from the source tree, with the shipped data) and compares byte for byte.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
dkg=${1:-$src/build/dkg}
case $dkg in
/*) ;;
*) dkg=$(pwd)/$dkg ;;
esac
cd "$src"
DKG_DATA_DIR="$src/data"
export DKG_DATA_DIR
for f in samples/*.txt; do
    name=$(basename "$f" .txt)
    "$dkg" extract -j1 "$f" >"$here/$name.json.tmp"
    mv "$here/$name.json.tmp" "$here/$name.json"
done
"$dkg" extract -j1 --jsonl samples/articles.jsonl >"$here/articles.jsonl.tmp"
mv "$here/articles.jsonl.tmp" "$here/articles.jsonl"
echo "regenerated $(ls samples/*.txt | wc -l) + 1 golden files in tests/golden/"
