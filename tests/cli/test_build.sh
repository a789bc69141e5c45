# tests/cli/test_build.sh - 'dkg build': round trip, idempotence, --update,
# order independence (a property test over shuffled inputs), bad records,
# usage errors. Fixture: tests/fixtures/graph/extractions.jsonl (6 articles).
. "$DKG_SOURCE_DIR/tests/cli/testlib.sh"
cd "$DKG_SOURCE_DIR" || exit 1
FX=tests/fixtures/graph/extractions.jsonl

same_file() { if cmp -s "$1" "$2"; then pass; else fail "$3: $1 and $2 differ"; fi; }

# --- build, summary line, file content ------------------------------------------------
run "$DKG" build -o "$TMP/g.json" $FX
expect_status 0 "build"
expect_stderr_exact "dkg: build: 6 articles added, 0 skipped, 0 failed; 16 nodes, 14 edges -> $TMP/g.json"
expect_no_stdout
# One python run prints every checked value (python starts slowly on a loaded machine).
python3 - "$TMP/g.json" >"$TMP/values" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
node = {n["id"]: n for n in d["nodes"]}
m = node["person/emmanuel-macron"]
print(d["dkg_graph"])
print([x["id"] for x in d["documents"]])
print((len(d["nodes"]), len(d["edges"])))
print(m["aliases"])
print((m["mentions"], m["articles"], m["first_seen"], m["last_seen"], m["known"], m["country"]))
print(m["roles"][1])
print(node["person/nguyen-van-an"]["name"], node["person/nguyen-van-an"]["country"])
print("person/barrot" in node, node["person/jean-noel-barrot"]["aliases"])
e = d["edges"][0]
print((e["doc"], e["type"], e["source"], e["target"], e["status"], e["date"], e["place"],
       e["host"], e["title"], e["rule"], e["cameo"]))
print(e["evidence"])
print(sorted(set((x["type"], x["cameo"]) for x in d["edges"]), key=str))
print(sorted(set(x["status"] for x in d["edges"])))
EOF
cat >"$TMP/expected" <<'EOF'
1
['a1', 'a2', 'a3', 'a4', 'a5', 'a6']
(16, 14)
['Emmanuel Macron', 'Macron', 'The French leader']
(7, 4, '2024-03-02', '2025-12-05', True, 'FRA')
{'title': 'President', 'of': 'country/FRA', 'from': None, 'to': None, 'first_seen': '2025-12-04', 'last_seen': '2025-12-04'}
Nguyen Van An VNM
False ['Barrot', 'Jean-Noël Barrot']
('a1', 'meet', 'person/emmanuel-macron', 'person/xi-jinping', 'occurred', '2025-12-04', 'place/beijing', 'person/xi-jinping', None, 'met', '040')
{'start': 45, 'end': 134, 'text': 'French President Emmanuel Macron met Chinese President Xi Jinping in Beijing on Thursday.'}
[('agree', '057'), ('call', '040'), ('meet', '040'), ('role', None), ('visit', '042')]
['negated', 'occurred', 'planned']
EOF
if diff "$TMP/expected" "$TMP/values" >&2; then pass; else fail "graph content differs (above)"; fi

# --- progress: on a terminal only ----------------------------------------------------------
if command -v script >/dev/null 2>&1; then
    run script -qec "\"$DKG\" build -o \"$TMP/tty.json\" $FX" /dev/null
    expect_status 0 "build on a terminal"
    if grep -q "dkg: build: 6 articles, [0-9]*/s" "$TMP/out"; then pass; else
        fail "no progress line on a terminal: $(head -c 300 "$TMP/out")"
    fi
fi
run "$DKG" build -o "$TMP/notty.json" $FX
if grep -q "/s" "$TMP/err"; then fail "progress printed while stderr is not a terminal"; else pass; fi

# --- round trip: load -> save is byte-identical (merge of one graph) -----------------------
run "$DKG" merge -o "$TMP/rt.json" "$TMP/g.json"
expect_status 0 "round trip"
same_file "$TMP/g.json" "$TMP/rt.json" "load -> save"

# --- idempotence: re-adding the same articles changes nothing ----------------------------
cp "$TMP/g.json" "$TMP/g0.json"
run "$DKG" build --update -o "$TMP/g.json" $FX
expect_status 0 "update with the same articles"
expect_stderr_exact "dkg: build: 0 articles added, 6 skipped, 0 failed; 16 nodes, 14 edges -> $TMP/g.json"
same_file "$TMP/g0.json" "$TMP/g.json" "re-adding"

# --- --update adds: first half then second half = all --------------------------------------
head -n 3 $FX >"$TMP/first.jsonl"
tail -n 3 $FX >"$TMP/second.jsonl"
run "$DKG" build -o "$TMP/u.json" "$TMP/first.jsonl"
expect_stderr_exact "dkg: build: 3 articles added, 0 skipped, 0 failed; 11 nodes, 8 edges -> $TMP/u.json"
run "$DKG" build --update -o "$TMP/u.json" "$TMP/second.jsonl"
expect_status 0 "update"
expect_stderr_exact "dkg: build: 3 articles added, 0 skipped, 0 failed; 16 nodes, 14 edges -> $TMP/u.json"
same_file "$TMP/g.json" "$TMP/u.json" "build in two --update steps"
# Without --update an existing graph is replaced.
run "$DKG" build -o "$TMP/u.json" "$TMP/first.jsonl"
expect_stderr_exact "dkg: build: 3 articles added, 0 skipped, 0 failed; 11 nodes, 8 edges -> $TMP/u.json"

# --- order independence: shuffled lines and files, fixed seeds ----------------------------
python3 - "$FX" "$TMP" <<'EOF'
import os, random, sys
base = open(sys.argv[1], encoding="utf-8").read().splitlines(True)
for seed in range(1, 7):
    rnd = random.Random(seed)
    lines = list(base)
    rnd.shuffle(lines)
    out = os.path.join(sys.argv[2], "shuf%d" % seed)
    os.makedirs(out)
    # a random split into 1-3 files, two lines repeated (re-adds must not matter)
    k = rnd.randint(1, 3)
    lines += rnd.sample(lines, 2)
    for i, line in enumerate(lines):
        with open(os.path.join(out, "part%d.jsonl" % (i % k)), "a", encoding="utf-8") as f:
            f.write(line)
EOF
for seed in 1 2 3 4 5 6; do
    run "$DKG" build -o "$TMP/s$seed.json" "$TMP/shuf$seed"
    expect_status 0 "shuffled build seed $seed"
    expect_stderr "6 articles added, 2 skipped, 0 failed; 16 nodes, 14 edges"
    same_file "$TMP/g.json" "$TMP/s$seed.json" "shuffle seed $seed"
done
# Through standard input too.
run sh -c "tac $FX | \"$DKG\" build -o \"$TMP/stdin.json\" -"
expect_status 0 "stdin"
same_file "$TMP/g.json" "$TMP/stdin.json" "reversed on stdin"

# --- a bad extraction line is reported with its line and skipped -------------------------
{
    head -n 2 $FX
    echo '{"dkg": 1, "doc": {"id": "bad"}, "entities": [], "relations": [{"type": "meet"}]}'
    echo '{"dkg": 1, "doc": '
    tail -n 4 $FX
} >"$TMP/mixed.jsonl"
run "$DKG" build -o "$TMP/mixed.json" "$TMP/mixed.jsonl"
expect_status 1 "bad lines"
expect_stderr "dkg: $TMP/mixed.jsonl:3:64: error: relations[0]: missing \"source\""
expect_stderr "dkg: $TMP/mixed.jsonl:4:18: error: not valid JSON; record skipped"
expect_stderr "dkg: build: 6 articles added, 0 skipped, 2 failed; 16 nodes, 14 edges -> $TMP/mixed.json"
same_file "$TMP/g.json" "$TMP/mixed.json" "graph of the good lines"

# --- usage errors ---------------------------------------------------------------------
run "$DKG" build $FX
expect_status 2 "no -o"
expect_stderr_exact "dkg build: missing -o GRAPH
Try 'dkg build --help'."
run "$DKG" build -o "$TMP/x.json"
expect_status 2 "no input"
expect_stderr "dkg build: no input"
run "$DKG" build -o "$TMP/x.json" -j 0 $FX
expect_status 2 "-j 0"
expect_stderr "dkg build: -j wants a number from 1 to 256, not '0'"
run "$DKG" build -o "$TMP/x.json" --date 2025-02-30 $FX
expect_status 2 "bad --date"
expect_stderr "dkg build: --date wants a date YYYY-MM-DD, not '2025-02-30'"
run "$DKG" build --bogus
expect_status 2 "unknown option"
expect_stderr "dkg build: unknown option '--bogus'"
run "$DKG" build --help
expect_status 0 "--help"
expect_stdout "Usage: dkg build -o GRAPH [--update] [OPTIONS] INPUT..."
expect_stdout "--update"
[ ! -e "$TMP/x.json" ] && pass || fail "a usage error wrote a file"

# --- a graph that cannot be loaded for --update is left alone -----------------------------
printf '{"dkg_graph": 1, "documents": [' >"$TMP/broken.json"
cp "$TMP/broken.json" "$TMP/broken0.json"
run "$DKG" build --update -o "$TMP/broken.json" $FX
expect_status 1 "update of a broken graph"
expect_stderr_exact "dkg: $TMP/broken.json:1:32: error: graph file is truncated"
same_file "$TMP/broken0.json" "$TMP/broken.json" "broken graph untouched"

# --- a full disk / unwritable target fails cleanly ---------------------------------------
run "$DKG" build -o "$TMP/no/such/dir/g.json" $FX
expect_status 1 "unwritable"
expect_stderr "dkg: $TMP/no/such/dir/g.json: error: cannot write into '$TMP/no/such/dir': No such file or directory; create it or choose another -o"
if [ -w /dev/full ]; then
    run sh -c "\"$DKG\" build -o - $FX >/dev/full"
    expect_status 1 "disk full"
    expect_stderr "dkg: <stdout>: error: cannot write: No space left on device"
fi
ls "$TMP" | grep -q '\.tmp\.' && fail "temporary file left behind" || pass

testlib_end
