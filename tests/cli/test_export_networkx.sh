# tests/cli/test_export_networkx.sh - NetworkX reads back the GraphML, GEXF and
# node-link exports with every node, edge and attribute of the test graph
# (tests/export/check_exports.py compares them with the graph file itself).
# Runs with every Python on this machine that has NetworkX (Debian's 2.8 and
# a newer one when present), because the two disagree on node-link's edge key
# and on GEXF 1.3. Skipped (77) when no Python has NetworkX.
. "$DKG_SOURCE_DIR/tests/cli/testlib.sh"
G="$DKG_SOURCE_DIR/tests/fixtures/export/special.json"
CHECK="$DKG_SOURCE_DIR/tests/export/check_exports.py"

pythons=""
seen=""
for py in python3 /usr/bin/python3; do
    exe=$(command -v "$py" 2>/dev/null) || continue
    real=$("$exe" -c 'import sys, os; print(os.path.realpath(sys.executable))' 2>/dev/null) || continue
    case " $seen " in *" $real "*) continue ;; esac
    seen="$seen $real"
    if "$exe" -c 'import networkx' 2>/dev/null; then pythons="$pythons $exe"; fi
done
if [ -z "$pythons" ]; then
    echo "SKIP: no Python with NetworkX (apt-get install python3-networkx)"
    exit 77
fi

"$DKG" export "$G" --to graphml -o "$TMP/g.graphml" || fail "graphml export"
"$DKG" export "$G" --to gexf -o "$TMP/g13.gexf" || fail "gexf export"
"$DKG" export "$G" --to gexf --gexf-version 1.2 -o "$TMP/g12.gexf" || fail "gexf 1.2 export"
"$DKG" export "$G" --to nodelink -o "$TMP/edges.json" || fail "nodelink export"
"$DKG" export "$G" --to nodelink --links-key links -o "$TMP/links.json" || fail "nodelink links"
"$DKG" export "$G" --to graphml --aggregate --type meet -o "$TMP/agg.graphml" || fail "aggregated"

for py in $pythons; do
    if "$py" -W ignore "$CHECK" "$G" "graphml:$TMP/g.graphml" "gexf:$TMP/g13.gexf" \
        "gexf:$TMP/g12.gexf" "nodelink:$TMP/edges.json:edges" "nodelink:$TMP/links.json:links" \
        "graphml-aggregated-meet:$TMP/agg.graphml" \
        >"$TMP/check.out" 2>&1; then
        pass
    else
        fail "$py: $(grep -v ' passed, ' "$TMP/check.out" | head -8)"
    fi
    grep -v ' passed, ' "$TMP/check.out"
done

# The version the data says it is.
if grep -q 'xmlns="http://gexf.net/1.3"' "$TMP/g13.gexf" && grep -q 'version="1.3"' "$TMP/g13.gexf"
then pass; else fail "gexf 1.3 header"; fi
if grep -q 'xmlns="http://www.gexf.net/1.2draft"' "$TMP/g12.gexf"; then pass; else fail "gexf 1.2 header"; fi

testlib_end
