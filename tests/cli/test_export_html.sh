# tests/cli/test_export_html.sh - the HTML export opened by headless Chromium
# from file://: the page renders every node and edge of the test graph with no
# script or console error, the deep-link state (search, date slider, a clicked
# edge) shows the evidence sentence, and a screenshot is kept in the build tree
# (tests/tmp/export-html/viewer.png) as an artifact. The file must be
# self-contained: no external script, style or fetch. Skipped (77) without
# Chromium (apt-get install chromium).
. "$DKG_SOURCE_DIR/tests/cli/testlib.sh"
G="$DKG_SOURCE_DIR/tests/fixtures/export/special.json"

CHROME=""
for c in chromium chromium-browser google-chrome; do
    if command -v "$c" >/dev/null 2>&1; then CHROME=$(command -v "$c"); break; fi
done
if [ -z "$CHROME" ]; then
    echo "SKIP: Chromium not installed (apt-get install chromium)"
    exit 77
fi
ARTIFACTS="${DKG_TEST_TMP:-$TMP}/export-html"
mkdir -p "$ARTIFACTS"

run "$DKG" export "$G" --to html --title 'Test <graph> & "friends"' -o "$TMP/g.html"
expect_status 0
expect_no_stdout
# Self-contained: the library is inline, nothing refers to the network.
if grep -qiE '<script[^>]+src=|<link[^>]+href=|@import' "$TMP/g.html"; then
    fail "the page loads external resources"; else pass; fi
if grep -q 'Cytoscape Consortium' "$TMP/g.html"; then pass; else fail "library not inlined"; fi
# The data block cannot end the script early: '<' is escaped inside it.
if [ "$(grep -c '</script>' "$TMP/g.html")" -eq 5 ]; then pass; else
    fail "</script> count $(grep -c '</script>' "$TMP/g.html")"; fi
if grep -qF '\u003cAlpha> & Omega' "$TMP/g.html"; then pass; else fail "'<' not escaped in data"; fi

# chrome URL DOMFILE [SCREENSHOT]: load the page, dump the DOM after scripts ran.
chrome() {
    local shot=()
    if [ -n "${3:-}" ]; then shot=(--screenshot="$3" --window-size=1200,900 --hide-scrollbars); fi
    timeout 120 "$CHROME" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$(mktemp -d "$TMP/chrome.XXXXXX")" --virtual-time-budget=5000 \
        --enable-logging=stderr --v=0 "${shot[@]}" --dump-dom "$1" >"$2" 2>"$TMP/chrome.err"
    # Chromium's own log of the page's console: the viewer logs nothing, so any
    # line there is an uncaught error or a library's complaint.
    if grep -q ':CONSOLE' "$TMP/chrome.err"; then
        fail "console errors: $(grep CONSOLE "$TMP/chrome.err" | head -3)"
    else
        pass
    fi
}
# attr DOMFILE ID ATTR: an attribute of the element with that id.
attr() {
    grep -o "<[a-z]* id=\"$2\"[^>]*>" "$1" | head -1 | sed -n "s/.* $3=\"\([^\"]*\)\".*/\1/p"
}
# text DOMFILE ID: the text right inside the element with that id.
text() {
    grep -o "id=\"$2\"[^>]*>[^<]*" "$1" | head -1 | sed 's/^[^>]*>//'
}
is() { if [ "$1" = "$2" ]; then pass; else fail "$3 is '$1', expected '$2'"; fi; }

chrome "file://$TMP/g.html" "$TMP/dom.html" "$ARTIFACTS/viewer.png"
is "$(attr "$TMP/dom.html" dkg-errors data-count)" 0 "errors reported by the page"
grep -o '<ul id="dkg-errors".*</ul>' "$TMP/dom.html" | grep -o '<li>[^<]*' | head -5 >&2
is "$(attr "$TMP/dom.html" dkg-stats data-nodes)" 11 "nodes in the graph"
is "$(attr "$TMP/dom.html" dkg-stats data-edges)" 9 "edges in the graph"
is "$(attr "$TMP/dom.html" dkg-stats data-visible-nodes)" 11 "rendered nodes"
is "$(attr "$TMP/dom.html" dkg-stats data-visible-edges)" 9 "rendered edges"
is "$(text "$TMP/dom.html" dkg-stats)" "11 entities, 9 relations" "stats text"
is "$(text "$TMP/dom.html" dkg-title)" 'Test &lt;graph&gt; &amp; "friends"' "title"
if grep -q '<body data-ready="1">' "$TMP/dom.html"; then pass; else fail "page script did not finish"; fi
if grep -q '<canvas' "$TMP/dom.html"; then pass; else fail "no canvas drawn"; fi
if [ -s "$ARTIFACTS/viewer.png" ] &&
    [ "$(head -c 8 "$ARTIFACTS/viewer.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ]
then pass; else fail "no screenshot at $ARTIFACTS/viewer.png"; fi
is "$(text "$TMP/dom.html" dkg-isolated-count)" 1 "unconnected entities (Zoë Isolée)"
# The legend lists the types present.
if grep -q '<span>located_in</span>' "$TMP/dom.html" && grep -q '<span>organization</span>' "$TMP/dom.html"
then pass; else fail "legend"; fi

# Deep link: search an accent-less name, slide to a date, click an edge.
chrome "file://$TMP/g.html#edge=e5&search=erdogan&until=2025-11-20" "$TMP/dom2.html" \
    "$ARTIFACTS/viewer-details.png"
is "$(attr "$TMP/dom2.html" dkg-errors data-count)" 0 "errors reported by the page (deep link)"
is "$(text "$TMP/dom2.html" dkg-search-result)" "1 match" "search result"
is "$(text "$TMP/dom2.html" dkg-date-label)" "up to 2025-11-20" "date label"
# Up to 2025-11-20: the call (2025-11-20), the visit (2025-11), the appeal (2025).
is "$(attr "$TMP/dom2.html" dkg-stats data-visible-edges)" 3 "edges shown up to 2025-11-20"
is "$(attr "$TMP/dom2.html" dkg-stats data-edges)" 9 "edges in the graph (deep link)"
ev=$(tr '\n' '~' <"$TMP/dom2.html" | grep -o '<blockquote id="dkg-evidence">[^<]*' | sed 's/^[^>]*>//')
is "$ev" "Erdoğan spoke by phone with Macron:~“yes”, he said." "evidence sentence of e5"
if grep -q '<dd>Erdoğan calls, Paris listens (doc-b)</dd>' "$TMP/dom2.html"; then pass; else
    fail "article in details"; fi

testlib_end
