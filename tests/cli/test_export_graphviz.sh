# tests/cli/test_export_graphviz.sh - Graphviz renders the DOT export with no
# warning, and --to svg/png run it; without Graphviz the message names the
# package. Skipped (77) when Graphviz's dot is not installed (after checking
# the message for that case).
. "$DKG_SOURCE_DIR/tests/cli/testlib.sh"
G="$DKG_SOURCE_DIR/tests/fixtures/export/special.json"

# No dot on PATH: a clear message, exit 1, nothing written.
PATH=/nonexistent run "$DKG" export "$G" --to svg -o "$TMP/nodot.svg"
expect_status 1
expect_stderr_exact "dkg: error: --to svg needs Graphviz's 'dot' program, which is not on PATH: install the graphviz package (apt-get install graphviz)"
if [ ! -e "$TMP/nodot.svg" ] && [ -z "$(ls "$TMP" | grep '\.tmp\.')" ]; then pass; else
    fail "files left after a missing dot: $(ls "$TMP")"; fi

if ! command -v dot >/dev/null 2>&1; then
    echo "SKIP: Graphviz not installed (apt-get install graphviz)"
    exit 77
fi

run "$DKG" export "$G" --to dot
expect_status 0
cp "$TMP/out" "$TMP/g.dot"
run dot -Tsvg "$TMP/g.dot"
expect_status 0
if [ ! -s "$TMP/err" ]; then pass; else fail "dot warned: $(head -5 "$TMP/err")"; fi
if [ "$(grep -c 'class="node"' "$TMP/out")" -eq 11 ]; then pass; else fail "svg nodes: $(grep -c 'class="node"' "$TMP/out")"; fi
if [ "$(grep -c 'class="edge"' "$TMP/out")" -eq 9 ]; then pass; else fail "svg edges"; fi
# Special characters reach the picture as text.
expect_stdout "Recep Tayyip Erdoğan"
expect_stdout "The &quot;Quoted&quot;, Group"
expect_stdout "&lt;Alpha&gt; &amp; Omega"
# The evidence sentence is the tooltip of its edge.
expect_stdout "Macron and Xi met again at a state dinner."

# Aggregated and filtered DOT render cleanly too.
"$DKG" export "$G" --to dot --aggregate --ego Macron -o "$TMP/agg.dot"
run dot -Tsvg "$TMP/agg.dot"
expect_status 0
if [ ! -s "$TMP/err" ]; then pass; else fail "dot warned on aggregated: $(head -3 "$TMP/err")"; fi

run "$DKG" export "$G" --to svg -o "$TMP/g.svg"
expect_status 0
expect_no_stdout
if head -c 300 "$TMP/g.svg" | grep -q '<?xml' && grep -q '<svg' "$TMP/g.svg"; then pass; else
    fail "g.svg is not SVG"; fi
run "$DKG" export "$G" --to svg
expect_status 0
if grep -q '</svg>' "$TMP/out"; then pass; else fail "svg on stdout"; fi
run "$DKG" export "$G" --to png -o "$TMP/g.png"
expect_status 0
if [ "$(head -c 8 "$TMP/g.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ]; then pass; else
    fail "g.png is not a PNG"; fi
if [ -z "$(ls "$TMP" | grep '\.tmp\.')" ]; then pass; else fail "temporary files left: $(ls "$TMP")"; fi

testlib_end
