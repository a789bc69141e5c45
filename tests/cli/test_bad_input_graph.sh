# tests/cli/test_bad_input_graph.sh - hostile graph files and outputs for 'dkg build --update',
# 'dkg query' and 'dkg export' (issue 7; 'dkg merge' has its own in test_merge.sh): 0-byte,
# binary, truncated, 10,000-deep, 1e400, duplicate keys, dangling endpoints. Each gives the
# exact message and exit 1 and never touches the output. Then output on a full disk
# (/dev/full) and into a missing directory.
. "$DKG_SOURCE_DIR/tests/cli/testlib.sh"
mkdir "$TMP/in" && cd "$TMP/in" || exit 1
FX=$DKG_SOURCE_DIR/tests/fixtures/graph/extractions.jsonl

head -2 "$FX" >two.jsonl
"$DKG" build -o good.json two.jsonl 2>/dev/null
if [ -s good.json ]; then pass; else fail "fixture graph not built"; fi
python3 - <<'PY'
import json
src = open("good.json", encoding="utf-8").read()
open("truncated.json", "w").write(src[: len(src) // 2])
open("deep.json", "w").write('{"dkg_graph": 1, "documents": ' + "[" * 10000 + "]" * 10000
                             + ', "nodes": [], "edges": []}')
g = json.loads(src)
g["edges"][0]["target"] = "person/nobody"
open("dangling.json", "w").write(json.dumps(g))
g = json.loads(src)
g["nodes"][0]["mentions"] = "many"
open("types.json", "w").write(json.dumps(g))
open("dupkey.json", "w").write('{"dkg_graph": 1, "dkg_graph": 1, "documents": [], "nodes": [], "edges": []}\n')
open("num.json", "w").write('{"dkg_graph": 1e400, "documents": [], "nodes": [], "edges": []}\n')
PY
: >empty.json
printf '\177ELF\002\001\001\0\0\0' >binary.json

# expected FILE: the loader's message for FILE (as 'dkg merge' prints it: same loader).
expected() {
    case $1 in
    empty.json) echo "dkg: empty.json:1:1: error: graph file is empty" ;;
    binary.json) echo "dkg: binary.json:1:1: error: graph file is not valid JSON: expected '{'" ;;
    truncated.json) "$DKG" merge -o /dev/null truncated.json 2>&1 ;;
    *) "$DKG" merge -o /dev/null "$1" 2>&1 ;;
    esac
}
for f in empty binary truncated deep dangling types dupkey num; do
    want=$(expected $f.json)
    case $want in
    "dkg: $f.json:"*": error: "*) pass ;;
    *) fail "$f.json: the loader's message has an unexpected shape: $want" ;;
    esac
    # --update loads its target: a bad target must stay as it is.
    cp "$f.json" target.json
    run "$DKG" build --update -o target.json two.jsonl
    expect_status 1 "build --update onto $f.json:"
    expect_stderr_exact "${want//$f.json/target.json}"
    if cmp -s "$f.json" target.json; then pass; else fail "build --update rewrote a bad graph ($f)"; fi
    run "$DKG" query "$f.json" rank
    expect_status 1 "query $f.json:"
    expect_stderr_exact "$want"
    expect_no_stdout
    run "$DKG" export "$f.json" --to graphml -o out.graphml
    expect_status 1 "export $f.json:"
    expect_stderr_exact "$want"
    if [ ! -e out.graphml ]; then pass; else fail "export $f.json wrote out.graphml"; fi
done
# Exact wording of the cases that are not just "not valid JSON".
expect_line() { if [ "$(expected "$1")" = "$2" ]; then pass; else fail "$1: '$(expected "$1")'"; fi; }
expect_line dangling.json "dkg: dangling.json:1:$(python3 -c '
import json; s=open("dangling.json").read(); print(s.index("\"person/nobody\"") + 1)'): error: edges[0].target: dangling edge endpoint \"person/nobody\""
expect_line dupkey.json 'dkg: dupkey.json:1:18: error: duplicate key "dkg_graph"'

# --- outputs: a full disk, a missing directory ------------------------------------------------
if [ -w /dev/full ]; then
    "$DKG" query good.json rank >/dev/full 2>"$TMP/err"
    status=$?
    expect_status 1 "query >/dev/full:"
    expect_stderr_exact "dkg: error: writing the result failed"
    "$DKG" export good.json --to graphml >/dev/full 2>"$TMP/err"
    status=$?
    expect_status 1 "export >/dev/full:"
    expect_stderr "dkg: error: "
    "$DKG" merge -o - good.json >/dev/full 2>"$TMP/err"
    status=$?
    expect_status 1 "merge -o - >/dev/full:"
    expect_stderr_exact "dkg: <stdout>: error: cannot write: No space left on device"
fi
run "$DKG" build -o no/such/dir/g.json two.jsonl
expect_status 1 "build into a missing directory:"
expect_stderr "dkg: no/such/dir/g.json: error: cannot write into 'no/such/dir': No such file or directory; create it or choose another -o"
run "$DKG" merge -o no/such/dir/g.json good.json
expect_status 1 "merge into a missing directory:"
expect_stderr_exact "dkg: no/such/dir/g.json: error: cannot write into 'no/such/dir': No such file or directory; create it or choose another -o"
run "$DKG" export good.json --to gexf -o no/such/dir/g.gexf
expect_status 1 "export into a missing directory:"
expect_stderr_exact "dkg: no/such/dir/g.gexf: error: cannot write into 'no/such/dir': No such file or directory; create it or choose another -o"
if [ ! -e no ]; then pass; else fail "a directory was created"; fi

testlib_end
