# tests/cli/test_merge.sh - 'dkg merge': merge(A, B) = build(A u B), any order and
# grouping, and every malformed graph file: exact message, exit 1, output untouched.
. "$DKG_SOURCE_DIR/tests/cli/testlib.sh"
cd "$DKG_SOURCE_DIR" || exit 1
FX=tests/fixtures/graph/extractions.jsonl

same_file() { if cmp -s "$1" "$2"; then pass; else fail "$3: $1 and $2 differ"; fi; }

sed -n 1,2p $FX >"$TMP/a.jsonl"
sed -n 3,4p $FX >"$TMP/b.jsonl"
sed -n 5,6p $FX >"$TMP/c.jsonl"
sed -n 2,5p $FX >"$TMP/overlap.jsonl"
for x in a b c overlap; do "$DKG" build -o "$TMP/$x.json" "$TMP/$x.jsonl" 2>/dev/null; done
"$DKG" build -o "$TMP/all.json" $FX 2>/dev/null
"$DKG" build -o "$TMP/ab.json" "$TMP/a.jsonl" "$TMP/b.jsonl" 2>/dev/null

# --- merge = build of the union -------------------------------------------------------------
run "$DKG" merge -o "$TMP/m_ab.json" "$TMP/a.json" "$TMP/b.json"
expect_status 0 "merge a b"
expect_stderr_exact "dkg: merge: 2 graphs; 4 articles, 14 nodes, 11 edges -> $TMP/m_ab.json"
same_file "$TMP/ab.json" "$TMP/m_ab.json" "merge(A,B) = build(A u B)"

# --- associative and commutative -------------------------------------------------------------
run "$DKG" merge -o "$TMP/m1.json" "$TMP/m_ab.json" "$TMP/c.json"
run "$DKG" merge -o "$TMP/bc.json" "$TMP/b.json" "$TMP/c.json"
run "$DKG" merge -o "$TMP/m2.json" "$TMP/a.json" "$TMP/bc.json"
run "$DKG" merge -o "$TMP/m3.json" "$TMP/c.json" "$TMP/b.json" "$TMP/a.json"
same_file "$TMP/all.json" "$TMP/m1.json" "(A+B)+C"
same_file "$TMP/all.json" "$TMP/m2.json" "A+(B+C)"
same_file "$TMP/all.json" "$TMP/m3.json" "C+B+A"
# Shared articles count once.
run "$DKG" merge -o "$TMP/m4.json" "$TMP/overlap.json" "$TMP/all.json" "$TMP/a.json"
expect_stderr_exact "dkg: merge: 3 graphs; 6 articles, 16 nodes, 14 edges -> $TMP/m4.json"
same_file "$TMP/all.json" "$TMP/m4.json" "overlapping inputs"
# Output may be one of the inputs; merging a graph with itself changes nothing.
cp "$TMP/all.json" "$TMP/self.json"
run "$DKG" merge -o "$TMP/self.json" "$TMP/self.json" "$TMP/self.json"
expect_status 0 "self merge"
same_file "$TMP/all.json" "$TMP/self.json" "self merge"
# To standard output.
run "$DKG" merge -o - "$TMP/all.json"
expect_status 0 "merge to stdout"
same_file "$TMP/all.json" "$TMP/out" "stdout"

# --- malformed graph files ------------------------------------------------------------------
# bad NAME LINE:COL MESSAGE: merging the file $TMP/NAME.json into OUT fails with
# exactly "dkg: FILE:LINE:COL: error: MESSAGE", exit 1, OUT untouched.
bad() {
    cp "$TMP/all.json" "$TMP/keep.json"
    run "$DKG" merge -o "$TMP/keep.json" "$TMP/a.json" "$TMP/$1.json"
    expect_status 1 "$1"
    expect_stderr_exact "dkg: $TMP/$1.json:$2: error: $3"
    same_file "$TMP/all.json" "$TMP/keep.json" "$1 left the output untouched"
}
head -c 1000 "$TMP/all.json" >"$TMP/truncated.json"
bad truncated 7:96 "graph file is truncated"
printf 'dkg_graph 1\n' >"$TMP/notjson.json"
bad notjson 1:1 "graph file is not valid JSON: expected '{'"
printf '{"dkg_graph": 1,\n"documents": [\n{"id": "x",, }\n], "nodes": [], "edges": []}\n' \
    >"$TMP/syntax.json"
bad syntax 3:12 "graph file is not valid JSON: expected a key"
: >"$TMP/empty.json"
bad empty 1:1 "graph file is empty"
sed 's/^{"dkg_graph": 1,/{"dkg_graph": 2,/' "$TMP/all.json" >"$TMP/newer.json"
bad newer 1:15 "dkg_graph: graph file version 2 is newer than this dkg supports (1)"
sed 's/"target":"person\/xi-jinping"/"target":"person\/nobody"/' "$TMP/all.json" >"$TMP/dangling.json"
bad dangling 29:70 "edges[0].target: dangling edge endpoint \"person/nobody\""
sed 's/"known":true,"country":"CHN","aliases":\["China"/"known":"yes","country":"CHN","aliases":["China"/' \
    "$TMP/all.json" >"$TMP/wrongtype.json"
bad wrongtype 11:61 "nodes[0].known: expected a boolean, got a string"
sed 's/"evidence":{"start":45,/"evidence":{"start":"45",/' "$TMP/all.json" >"$TMP/wrongtype2.json"
bad wrongtype2 29:241 "edges[0].evidence.start: expected a number, got a string"
sed 's/"name":"China",//' "$TMP/all.json" >"$TMP/missing.json"
bad missing 11:1 "nodes[0]: missing \"name\""
sed 's/"mentions":{"country\/CHN":2,/"mentions":{"country\/CHN":3,/' "$TMP/all.json" >"$TMP/counts.json"
bad counts 11:134 "nodes[0].mentions: is 3 but the documents say 4"

run "$DKG" merge -o "$TMP/x.json" "$TMP/nonexistent.json"
expect_status 1 "missing input"
expect_stderr_exact "dkg: $TMP/nonexistent.json: error: cannot open: No such file or directory"

# --- usage -----------------------------------------------------------------------------------
run "$DKG" merge "$TMP/a.json"
expect_status 2 "no -o"
expect_stderr_exact "dkg merge: missing -o OUT
Try 'dkg merge --help'."
run "$DKG" merge -o "$TMP/x.json"
expect_status 2 "no graph"
expect_stderr "dkg merge: no graph to merge"
run "$DKG" merge --help
expect_status 0 "help"
expect_stdout "Usage: dkg merge -o OUT GRAPH..."
[ ! -e "$TMP/x.json" ] && pass || fail "a failed merge wrote a file"
ls "$TMP" | grep -q '\.tmp\.' && fail "temporary file left behind" || pass

testlib_end
