# tests/cli/test_extract_parallel.sh - dkg extract -j N gives the -j1 output, byte for byte.
# On a generated corpus (bench/gen_news.py) as JSON Lines, as a directory of
# files and through stdin, with -j1, -j2, -j4 and a thread count far above
# the number of articles, outputs must be identical and in input order; bad
# records in the middle are reported the same way and the others still printed.
. "$DKG_SOURCE_DIR/tests/cli/testlib.sh"
GEN="$DKG_SOURCE_DIR/bench/gen_news.py"
command -v python3 >/dev/null || { echo "python3 missing; skipped"; exit 77; }

python3 "$GEN" --articles 100 --seed 7 --jsonl "$TMP/corpus.jsonl" 2>/dev/null
python3 "$GEN" --articles 30 --seed 8 --dir "$TMP/dir" 2>/dev/null
n_in=$(wc -l <"$TMP/corpus.jsonl")
[ "$n_in" -eq 100 ] && pass || fail "generator wrote $n_in lines, expected 100"

# same_as_j1 NAME ARGS...: run extract with -j1 and then -j2, -j4, -j64; compare.
same_as_j1() {
    local name=$1
    shift
    "$DKG" extract -j1 "$@" >"$TMP/$name.1" 2>"$TMP/$name.1.err"
    local want_status=$?
    for j in 2 4 64; do
        "$DKG" extract -j "$j" "$@" >"$TMP/$name.$j" 2>"$TMP/$name.$j.err"
        local got=$?
        if [ "$got" -eq "$want_status" ]; then pass; else fail "$name -j$j: status $got, -j1 gave $want_status"; fi
        if cmp -s "$TMP/$name.1" "$TMP/$name.$j"; then pass; else fail "$name -j$j: stdout differs from -j1"; fi
        if cmp -s "$TMP/$name.1.err" "$TMP/$name.$j.err"; then pass; else fail "$name -j$j: stderr differs: $(diff "$TMP/$name.1.err" "$TMP/$name.$j.err" | head -5)"; fi
    done
}

same_as_j1 jsonl --jsonl "$TMP/corpus.jsonl"
# Order preserved: the ids come out exactly as they went in.
python3 -c '
import json, sys
want = [json.loads(l)["id"] for l in open(sys.argv[1])]
got = [json.loads(l)["doc"]["id"] for l in open(sys.argv[2])]
print("ok" if got == want else "order differs: %r..." % got[:5])' "$TMP/corpus.jsonl" "$TMP/jsonl.4" >"$TMP/order"
if [ "$(cat "$TMP/order")" = ok ]; then pass; else fail "$(cat "$TMP/order")"; fi
# The generated text does produce work to compare: entities and relations.
rel=$(python3 -c '
import json, sys
print(sum(len(json.loads(l)["relations"]) > 0 for l in open(sys.argv[1])))' "$TMP/jsonl.2")
[ "$rel" -gt 60 ] && pass || fail "only $rel of 100 articles have relations"

same_as_j1 pretty "$TMP/corpus.jsonl"
json_ok=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$TMP/pretty.4")
[ "$json_ok" = 100 ] && pass || fail "pretty -j4 output is not an array of 100: $json_ok"

same_as_j1 dir --jsonl "$TMP/dir"
lines=$(wc -l <"$TMP/dir.2")
[ "$lines" -eq 30 ] && pass || fail "directory gave $lines lines, expected 30"

# stdin, and a single article (pretty: one object, no array).
"$DKG" extract -j1 --jsonl - <"$TMP/corpus.jsonl" >"$TMP/stdin.1"
"$DKG" extract -j3 --jsonl - <"$TMP/corpus.jsonl" >"$TMP/stdin.3"
cmp -s "$TMP/stdin.1" "$TMP/stdin.3" && pass || fail "stdin -j3 differs from -j1"
# Only doc.source ("<stdin>" instead of the path) may differ from reading the file.
sed 's|"source":"<stdin>"|"source":"'"$TMP"'/corpus.jsonl"|' "$TMP/stdin.1" >"$TMP/stdin.fixed"
cmp -s "$TMP/stdin.fixed" "$TMP/jsonl.1" && pass || fail "stdin differs from the file"
head -1 "$TMP/corpus.jsonl" >"$TMP/one.jsonl"
same_as_j1 one "$TMP/one.jsonl"
first=$(head -c 1 "$TMP/one.4")
[ "$first" = "{" ] && pass || fail "one article printed '$first...', expected an object"

# Bad records in the middle: reported in order, the rest still printed.
{
    sed -n 1,20p "$TMP/corpus.jsonl"
    echo '{"id": "broken", "text": '
    sed -n 21,40p "$TMP/corpus.jsonl"
    echo '{"id": "no-text"}'
    sed -n 41,60p "$TMP/corpus.jsonl"
} >"$TMP/bad.jsonl"
same_as_j1 bad --jsonl "$TMP/bad.jsonl"
[ "$(wc -l <"$TMP/bad.4")" -eq 60 ] && pass || fail "bad input: $(wc -l <"$TMP/bad.4") lines, expected 60"
[ "$(grep -c '^dkg:' "$TMP/bad.4.err")" -eq 2 ] && pass || fail "bad input: stderr $(cat "$TMP/bad.4.err")"
grep -q '^dkg: .*bad.jsonl:21' "$TMP/bad.4.err" && pass || fail "no error for line 21: $(cat "$TMP/bad.4.err")"
grep -q '^dkg: .*bad.jsonl:42' "$TMP/bad.4.err" && pass || fail "no error for line 42: $(cat "$TMP/bad.4.err")"

# Usage errors.
for bad in 0 -3 abc 257 2x; do
    run "$DKG" extract -j "$bad" "$TMP/one.jsonl"
    expect_status 2 "-j $bad:"
    expect_stderr_exact "dkg extract: -j '$bad' is not a thread count from 1 to 256
Try 'dkg extract --help'."
    expect_no_stdout
done
run "$DKG" extract --jobs=2 --jsonl "$TMP/one.jsonl"
expect_status 0 "--jobs=2:"
"$DKG" extract -j1 --jsonl "$TMP/one.jsonl" >"$TMP/one.want"
cmp -s "$TMP/out" "$TMP/one.want" && pass || fail "--jobs=2 output differs"
run "$DKG" extract --help
expect_stdout "-j, --jobs N"

testlib_end
