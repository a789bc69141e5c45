# tests/cli/test_export_xml.sh - the GraphML and GEXF exports are well-formed
# XML (xmllint --noout), hold the expected elements (XPath counts), keep text
# with newlines, quotes, '<', '&' and non-ASCII intact through an XML parser,
# and give each dated relation the time spell of its period. When a local copy
# of the GEXF 1.3 schema is named by $DKG_GEXF_XSD, the file is validated
# against it too (never fetched). Skipped (77) without xmllint.
. "$DKG_SOURCE_DIR/tests/cli/testlib.sh"
G="$DKG_SOURCE_DIR/tests/fixtures/export/special.json"
if ! command -v xmllint >/dev/null 2>&1; then
    echo "SKIP: xmllint not installed (apt-get install libxml2-utils)"
    exit 77
fi

"$DKG" export "$G" --to graphml -o "$TMP/g.graphml" || fail "graphml export"
"$DKG" export "$G" --to gexf -o "$TMP/g.gexf" || fail "gexf export"
"$DKG" export "$G" --to gexf --gexf-version 1.2 -o "$TMP/g12.gexf" || fail "gexf 1.2 export"
"$DKG" export "$G" --to gexf --aggregate -o "$TMP/agg.gexf" || fail "aggregated gexf export"

for f in g.graphml g.gexf g12.gexf agg.gexf; do
    run xmllint --noout "$TMP/$f"
    expect_status 0 "xmllint $f"
    if [ ! -s "$TMP/err" ]; then pass; else fail "xmllint $f: $(head -3 "$TMP/err")"; fi
done
if [ -n "${DKG_GEXF_XSD:-}" ] && [ -f "$DKG_GEXF_XSD" ]; then
    run xmllint --noout --schema "$DKG_GEXF_XSD" "$TMP/g.gexf"
    expect_status 0 "GEXF schema validation"
fi

# xpath FILE EXPR EXPECTED
xpath() {
    local got
    got=$(xmllint --xpath "$2" "$1" 2>&1)
    if [ "$got" = "$3" ]; then pass; else fail "$2 in $(basename "$1") is '$got', expected '$3'"; fi
}
L="local-name()"
xpath "$TMP/g.graphml" "count(//*[$L='node'])" 11
xpath "$TMP/g.graphml" "count(//*[$L='edge'])" 9
xpath "$TMP/g.graphml" "count(//*[$L='key'][@for='node'])" 13
xpath "$TMP/g.graphml" "string(//*[$L='key'][@id='e_weight']/@attr.type)" double
xpath "$TMP/g.graphml" "string(//*[$L='key'][@id='v_known']/@attr.type)" boolean
xpath "$TMP/g.graphml" "string(//*[$L='graph']/@edgedefault)" directed
xpath "$TMP/g.graphml" "string(//*[$L='node'][*[@key='v_dkg_id']='person/jean-newline']/*[@key='v_name'])" "Jean
Newline"
xpath "$TMP/g.graphml" "string(//*[$L='node'][*[@key='v_dkg_id']='organization/quoted-group']/*[@key='v_name'])" 'The "Quoted", Group'
xpath "$TMP/g.graphml" "string(//*[$L='node'][*[@key='v_dkg_id']='organization/alpha-omega']/*[@key='v_label'])" '<Alpha> & Omega'
xpath "$TMP/g.graphml" "string(//*[$L='node'][*[@key='v_dkg_id']='person/ctrl-char']/*[@key='v_name'])" 'CtrlChar'

xpath "$TMP/g.gexf" "count(//*[$L='node'])" 11
xpath "$TMP/g.gexf" "count(//*[$L='edge'])" 9
xpath "$TMP/g.gexf" "string(//*[$L='graph']/@mode)" dynamic
xpath "$TMP/g.gexf" "string(//*[$L='graph']/@timeformat)" date
xpath "$TMP/g.gexf" "string(//*[$L='node'][@id='person/jean-newline']/@label)" "Jean
Newline"
xpath "$TMP/g.gexf" "string(//*[$L='node'][@id='person/recep-tayyip-erdogan']/@label)" "Recep Tayyip Erdoğan"
xpath "$TMP/g.gexf" "string(//*[$L='edge'][@id='e5']/*[$L='attvalues']/*[@for='evidence']/@value)" "Erdoğan spoke by phone with Macron:
“yes”, he said."
xpath "$TMP/g.gexf" "string(//*[$L='attribute'][@id='mentions']/@type)" long
# Spells: a day, a month and a year; undated relations have none.
xpath "$TMP/g.gexf" "concat(//*[$L='edge'][@id='e0']//*[$L='spell']/@start, ' ', //*[$L='edge'][@id='e0']//*[$L='spell']/@end)" "2025-12-04 2025-12-04"
xpath "$TMP/g.gexf" "concat(//*[$L='edge'][@id='e1']//*[$L='spell']/@start, ' ', //*[$L='edge'][@id='e1']//*[$L='spell']/@end)" "2025-12-01 2025-12-31"
xpath "$TMP/g.gexf" "concat(//*[$L='edge'][@id='e7']//*[$L='spell']/@start, ' ', //*[$L='edge'][@id='e7']//*[$L='spell']/@end)" "2025-01-01 2025-12-31"
xpath "$TMP/g.gexf" "count(//*[$L='edge'][@id='e2']//*[$L='spell'])" 0
xpath "$TMP/g.gexf" "count(//*[$L='spell'])" 6
# Aggregated: one spell from the first to the last date, weight = count.
xpath "$TMP/agg.gexf" "concat(//*[$L='edge'][@kind='meet']/@weight, ' ', //*[$L='edge'][@kind='meet']//*[$L='spell']/@start, ' ', //*[$L='edge'][@kind='meet']//*[$L='spell']/@end)" "3 2025-12-01 2025-12-31"

testlib_end
