# tests/cli/test_export_formats.sh - Cytoscape.js JSON, JGF v2 and the Neo4j
# import folder, read back and checked field by field against the graph
# (header syntax and referential integrity for Neo4j) by
# tests/export/check_exports.py, with Python's json and csv modules.
. "$DKG_SOURCE_DIR/tests/cli/testlib.sh"
G="$DKG_SOURCE_DIR/tests/fixtures/export/special.json"
CHECK="$DKG_SOURCE_DIR/tests/export/check_exports.py"

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

run "$DKG" export "$G" --to cytoscape -o "$TMP/g.cyjs"
expect_status 0
run "$DKG" export "$G" --to jgf -o "$TMP/g.jgf"
expect_status 0
run "$DKG" export "$G" --to neo4j -o "$TMP/neo"
expect_status 0
expect_no_stdout
if python3 "$CHECK" "$G" "cytoscape:$TMP/g.cyjs" "jgf:$TMP/g.jgf" "neo4j:$TMP/neo" \
    >"$TMP/check.out" 2>&1; then pass; else fail "$(grep -v ' passed, ' "$TMP/check.out" | head -8)"; fi
grep -v ' passed, ' "$TMP/check.out"

# The header lines, exactly.
if [ "$(head -1 "$TMP/neo/nodes.csv")" = "id:ID,:LABEL,name,type,country,known:boolean,aliases,roles,mentions:long,articles:long,first_seen,last_seen,degree:long" ]
then pass; else fail "nodes.csv header: $(head -1 "$TMP/neo/nodes.csv")"; fi
if [ "$(head -1 "$TMP/neo/relationships.csv")" = ":START_ID,:END_ID,:TYPE,id,type,status,date,place,place_name,host,title,rule,cameo,article,article_title,article_source,article_date,evidence,evidence_start:long,evidence_end:long,count:long,first_date,last_date,symmetric:boolean,weight:double" ]
then pass; else fail "relationships.csv header: $(head -1 "$TMP/neo/relationships.csv")"; fi
# A name with quotes and a comma is one quoted field.
if grep -qF 'organization/quoted-group,Entity;Organization,"The ""Quoted"", Group",' "$TMP/neo/nodes.csv"
then pass; else fail "quoted CSV field"; fi

# Re-export into the same folder replaces the files; a file in the way is an error.
run "$DKG" export "$G" --to neo4j --type meet -o "$TMP/neo"
expect_status 0
if [ "$(wc -l <"$TMP/neo/relationships.csv")" -eq 4 ]; then pass; else fail "neo4j re-export"; fi
if [ -z "$(ls "$TMP/neo" | grep '\.tmp\.')" ]; then pass; else fail "temporary files left"; fi
echo x >"$TMP/afile"
run "$DKG" export "$G" --to neo4j -o "$TMP/afile"
expect_status 1
expect_stderr_exact "dkg: $TMP/afile: error: this is a file, and this format writes a directory"

# Cytoscape.js JSON has the wrapper Cytoscape desktop imports.
run "$DKG" export "$G" --to cytoscape
jcheck "d['format_version'], d['generated_by'], sorted(d['elements'])" "1.0 dkg ['edges', 'nodes']"
jcheck "[e['data']['id'] for e in d['elements']['edges']][:3]" "['e0', 'e1', 'e2']"
# JGF: symmetric relations are undirected edges.
run "$DKG" export "$G" --to jgf
jcheck "[(e['relation'], e['directed']) for e in d['graph']['edges']][:3]" \
    "[('meet', False), ('meet', False), ('role', True)]"
jcheck "d['graph']['nodes']['person/ctrl-char']['label']" "CtrlChar"

jcheck_end
testlib_end
