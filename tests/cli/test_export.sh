# tests/cli/test_export.sh - `dkg export`: options, errors, filters, aggregation,
# output files. The readers of each format are exercised by test_export_*.sh.
. "$DKG_SOURCE_DIR/tests/cli/testlib.sh"
G="$DKG_SOURCE_DIR/tests/fixtures/export/special.json"

# jcheck EXPR EXPECTED: like jcheck on the JSON in $TMP/out, but collected and
# evaluated by one Python process in jcheck_end (Python starts slowly on a busy
# machine, and these tests make dozens of checks).
: >"$TMP/jchecks"
jcheck_n=0
jcheck() {
    jcheck_n=$((jcheck_n + 1))
    cp "$TMP/out" "$TMP/j$jcheck_n.json"
    printf '%s\0%s\0%s\0' "$TMP/j$jcheck_n.json" "$1" "$2" >>"$TMP/jchecks"
}
jcheck_end() {
    python3 "$DKG_SOURCE_DIR/tests/export/json_checks.py" "$TMP/jchecks" >"$TMP/jresult" 2>&1
    grep -v ' passed, ' "$TMP/jresult" >&2
    local p f
    p=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$TMP/jresult")
    f=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$TMP/jresult")
    if [ -z "$p" ]; then fail "json checks did not run: $(head -3 "$TMP/jresult")"; return; fi
    testlib_passed=$((testlib_passed + p))
    testlib_failed=$((testlib_failed + f))
}

# ---- help and usage errors: stdout/stderr/status pinned together ----
run "$DKG" export --help
expect_status 0
expect_stdout "Usage: dkg export GRAPH --to FORMAT [-o OUT] [OPTIONS]"
expect_stdout "--links-key KEY"
expect_stdout "--ego NAME"
# Every option in --help is documented in docs/export.md (one description, two places).
for opt in $(grep -o -- '--[a-z-]*' "$TMP/out" | sort -u); do
    if grep -qF -- "$opt" "$DKG_SOURCE_DIR/docs/export.md"; then pass; else
        fail "docs/export.md does not mention $opt"; fi
done

run "$DKG" export "$G"
expect_status 2
expect_stderr_exact "dkg export: missing --to FORMAT
Try 'dkg export --help'."
expect_no_stdout

run "$DKG" export --to dot
expect_status 2
expect_stderr_exact "dkg export: missing the GRAPH file
Try 'dkg export --help'."

run "$DKG" export "$G" --to gml
expect_status 2
expect_stderr_exact "dkg export: unknown format 'gml' (graphml, gexf, nodelink, cytoscape, jgf, neo4j, dot, svg, png, html)
Try 'dkg export --help'."

run "$DKG" export "$G" --to neo4j
expect_status 2
expect_stderr_exact "dkg export: --to neo4j needs -o DIR
Try 'dkg export --help'."

run "$DKG" export "$G" --to png
expect_status 2
expect_stderr_exact "dkg export: --to png needs -o FILE
Try 'dkg export --help'."

run "$DKG" export "$G" --to dot --since 2025-13
expect_status 2
expect_stderr_exact "dkg export: --since: '2025-13' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)
Try 'dkg export --help'."

run "$DKG" export "$G" --to dot --since 2025-12 --until 2025-11-30
expect_status 2
expect_stderr_exact "dkg export: --since 2025-12 is after --until 2025-11-30
Try 'dkg export --help'."

run "$DKG" export "$G" --to dot --ego Macron --depth 11
expect_status 2
expect_stderr_exact "dkg export: --depth must be a number from 1 to 10
Try 'dkg export --help'."

run "$DKG" export "$G" --to dot --depth 2
expect_status 2
expect_stderr_exact "dkg export: --depth needs --ego
Try 'dkg export --help'."

run "$DKG" export "$G" --to nodelink --links-key link
expect_status 2
expect_stderr_exact "dkg export: --links-key must be 'edges' or 'links'
Try 'dkg export --help'."

run "$DKG" export "$G" --to gexf --gexf-version 1.1
expect_status 2
expect_stderr_exact "dkg export: --gexf-version must be '1.3' or '1.2'
Try 'dkg export --help'."

run "$DKG" export "$G" --to dot --status maybe
expect_status 2
expect_stderr_exact "dkg export: --status: 'maybe' is not occurred, planned, negated or any
Try 'dkg export --help'."

run "$DKG" export "$G" --to dot --frobnicate
expect_status 2
expect_stderr_exact "dkg export: unknown option '--frobnicate'
Try 'dkg export --help'."

run "$DKG" export "$G" "$G" --to dot
expect_status 2
expect_stderr "one GRAPH file only"

# ---- failures (exit 1), one line in the dkg shape ----
run "$DKG" export "$TMP/missing.json" --to dot
expect_status 1
expect_stderr_exact "dkg: $TMP/missing.json: error: cannot open: No such file or directory"
expect_no_stdout

printf '{"dkg_graph": 1, "documents": [' >"$TMP/truncated.json"
run "$DKG" export "$TMP/truncated.json" --to dot
expect_status 1
expect_stderr "dkg: $TMP/truncated.json:1:"

run "$DKG" export "$G" --to dot --ego macrom
expect_status 1
expect_stderr_exact "dkg: error: no entity named 'macrom'; did you mean Emmanuel Macron (person/emmanuel-macron)?"
expect_no_stdout

# ---- stdout is the default; '-o -' is stdout too; '-' reads the graph from stdin ----
run "$DKG" export "$G" --to nodelink
expect_status 0
jcheck "len(d['nodes']), len(d['edges'])" "11 9"
jcheck "d['directed'], d['multigraph'], 'links' in d" "True True False"
"$DKG" export - --to nodelink -o - <"$G" >"$TMP/stdin.json" 2>"$TMP/err"
if cmp -s "$TMP/out" "$TMP/stdin.json"; then pass; else fail "graph from stdin differs"; fi

# Every text in the graph survives (control character stripped).
jcheck "sorted(n['name'] for n in d['nodes'])" \
    "['<Alpha> & Omega', 'Beijing', 'China', 'CtrlChar', 'Emmanuel Macron', 'France', 'Jean\\nNewline', 'Recep Tayyip Erdoğan', 'The \"Quoted\", Group', 'Xi Jinping', 'Zoë Isolée']"
jcheck "[(e['key'], e['type'], e['status'], e['date'], e['place'], e['cameo'], e['article']) for e in d['edges']][0]" \
    "('e0', 'meet', 'occurred', '2025-12-04', 'place/beijing', '040', 'doc-a')"
jcheck "[e['evidence'] for e in d['edges'] if e['type'] == 'call']" \
    "['Erdoğan spoke by phone with Macron:\\n“yes”, he said.']"
jcheck "[(e['place_name'], e['article_title'], e['host']) for e in d['edges']][0]" \
    "('Beijing', 'Macron & Xi: \"talks\" <Beijing>', 'person/xi-jinping')"
jcheck "[(n['id'], n['degree']) for n in d['nodes'] if n['id'] == 'person/zoe-isolee']" \
    "[('person/zoe-isolee', 0)]"

run "$DKG" export "$G" --to nodelink --links-key links
jcheck "'links' in d, 'edges' in d, len(d['links'])" "True False 9"

# ---- filters ----
run "$DKG" export "$G" --to nodelink --type meet,call
expect_status 0
jcheck "sorted(n['id'] for n in d['nodes'])" \
    "['person/emmanuel-macron', 'person/recep-tayyip-erdogan', 'person/xi-jinping']"
jcheck "[e['key'] for e in d['edges']]" "['e0', 'e1', 'e4', 'e5']"

# A month or year overlaps the period: "2025" is kept by --since 2025-11.
run "$DKG" export "$G" --to nodelink --since 2025-12
jcheck "[(e['key'], e['date']) for e in d['edges']]" \
    "[('e0', '2025-12-04'), ('e1', '2025-12'), ('e4', '2025-12-04'), ('e7', '2025')]"
run "$DKG" export "$G" --to nodelink --until 2025-11-30
jcheck "[(e['key'], e['date']) for e in d['edges']]" \
    "[('e5', '2025-11-20'), ('e6', '2025-11'), ('e7', '2025')]"
run "$DKG" export "$G" --to nodelink --since 2025-11-21 --until 2025-12-03
jcheck "[e['key'] for e in d['edges']]" "['e1', 'e6', 'e7']"

run "$DKG" export "$G" --to nodelink --status planned,negated
jcheck "[(e['key'], e['status']) for e in d['edges']]" \
    "[('e1', 'planned'), ('e3', 'planned'), ('e7', 'negated')]"

# Country: entities of that country (isolated ones too), relations among them.
run "$DKG" export "$G" --to nodelink --country fra
jcheck "sorted(n['id'] for n in d['nodes'])" \
    "['country/FRA', 'person/emmanuel-macron', 'person/jean-newline', 'person/zoe-isolee']"
jcheck "[e['key'] for e in d['edges']]" "['e2']"

# Ego network by alias, accent- and case-insensitively.
run "$DKG" export "$G" --to nodelink --ego erdogan
jcheck "sorted(n['id'] for n in d['nodes'])" \
    "['person/emmanuel-macron', 'person/recep-tayyip-erdogan']"
jcheck "[e['key'] for e in d['edges']]" "['e5']"
run "$DKG" export "$G" --to nodelink --ego 'RECEP TAYYIP ERDOĞAN' --depth 2
jcheck "sorted(n['id'] for n in d['nodes'])" \
    "['country/FRA', 'person/emmanuel-macron', 'person/recep-tayyip-erdogan', 'person/xi-jinping', 'place/beijing']"
jcheck "len(d['edges'])" "6"
run "$DKG" export "$G" --to nodelink --ego person/zoe-isolee
jcheck "[n['id'] for n in d['nodes']], d['edges']" "['person/zoe-isolee'] []"
run "$DKG" export "$G" --to nodelink --ego Macron --type meet
jcheck "sorted(n['id'] for n in d['nodes'])" "['person/emmanuel-macron', 'person/xi-jinping']"
jcheck "d['graph']['filters']" "type meet, ego Macron depth 1"

# ---- aggregation: one edge per pair and type, symmetric types in either direction ----
run "$DKG" export "$G" --to nodelink --aggregate --type meet
jcheck "len(d['edges'])" "1"
jcheck "[(e['key'], e['count'], e['weight'], e['first_date'], e['last_date'], e['status'], e['article']) for e in d['edges']]" \
    "[('meet:person/emmanuel-macron->person/xi-jinping', 3, 3, '2025-12', '2025-12', 'occurred,planned', 'doc-a')]"
run "$DKG" export "$G" --to nodelink --aggregate
jcheck "len(d['edges']), d['graph']['aggregated']" "7 True"
jcheck "sorted(e['count'] for e in d['edges'])" "[1, 1, 1, 1, 1, 1, 3]"

# ---- files: written whole via a temporary name, the old file kept on failure ----
echo "previous" >"$TMP/keep.dot"
run "$DKG" export "$G" --to dot --ego nobody-at-all -o "$TMP/keep.dot"
expect_status 1
if [ "$(cat "$TMP/keep.dot")" = "previous" ]; then pass; else fail "failed export replaced the file"; fi
run "$DKG" export "$G" --to dot -o "$TMP/keep.dot"
expect_status 0
expect_no_stdout
if head -1 "$TMP/keep.dot" | grep -q '^digraph dkg {$'; then pass; else fail "dot file not written"; fi
if [ -z "$(ls "$TMP" | grep '\.tmp\.')" ]; then pass; else fail "temporary files left: $(ls "$TMP")"; fi

run "$DKG" export "$G" --to dot -o "$TMP/no/such/dir/g.dot"
expect_status 1
expect_stderr "dkg: $TMP/no/such/dir/g.dot: error: cannot write into '$TMP/no/such/dir': No such file or directory"

# Links, devices and pipes are written in place, never renamed over (a rename
# would replace the link or device node: think -o /dev/stdout or /dev/null).
ln -s /proc/self/fd/1 "$TMP/stdout-link"
"$DKG" export "$G" --to dot -o "$TMP/stdout-link" >"$TMP/via-link.dot"
if [ -L "$TMP/stdout-link" ] && head -1 "$TMP/via-link.dot" | grep -q '^digraph dkg {$'; then pass; else
    fail "-o through a link to stdout"; fi
echo old >"$TMP/real.dot"
ln -s real.dot "$TMP/link.dot"
"$DKG" export "$G" --to dot -o "$TMP/link.dot"
if [ -L "$TMP/link.dot" ] && head -1 "$TMP/real.dot" | grep -q '^digraph dkg {$'; then pass; else
    fail "-o through a symbolic link"; fi
mkfifo "$TMP/fifo"
cat "$TMP/fifo" >"$TMP/from-fifo" &
"$DKG" export "$G" --to nodelink -o "$TMP/fifo"
wait
if [ -p "$TMP/fifo" ] && [ "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["nodes"]))' "$TMP/from-fifo")" = 11 ]
then pass; else fail "-o to a FIFO"; fi
run "$DKG" export "$G" --to dot -o "$TMP"
expect_status 1
expect_stderr_exact "dkg: $TMP: error: is a directory; give a file name to -o"

# An empty graph exports in every format (no nodes is not an error).
printf '{"dkg_graph": 1,\n"documents": [\n],\n"nodes": [\n],\n"edges": [\n]\n}\n' >"$TMP/empty.json"
for f in graphml gexf nodelink cytoscape jgf dot html neo4j; do
    run "$DKG" export "$TMP/empty.json" --to $f -o "$TMP/empty.$f"
    expect_status 0 "empty graph --to $f"
done
run "$DKG" export "$TMP/empty.json" --to jgf
jcheck "d['graph']['nodes'], d['graph']['edges']" "{} []"

# Output is deterministic.
"$DKG" export "$G" --to gexf -o "$TMP/a.gexf"
"$DKG" export "$G" --to gexf -o "$TMP/b.gexf"
if cmp -s "$TMP/a.gexf" "$TMP/b.gexf"; then pass; else fail "gexf differs between runs"; fi

jcheck_end
testlib_end
