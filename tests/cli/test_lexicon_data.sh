# tests/cli/test_lexicon_data.sh - the shipped lexicon data is valid and says what we expect.
# Runs scripts/check_lexicon.py over data/lexicon, feeds it broken files to pin its
# messages, checks countries.json is what gen_countries.py generates, and spot-checks
# facts the extractor relies on. Skips (77) without python3.
command -v python3 >/dev/null 2>&1 || { echo "python3 missing: skipped"; exit 77; }
. "$DKG_SOURCE_DIR/tests/cli/testlib.sh"
cd "$DKG_SOURCE_DIR" || exit 1
CHECK="python3 scripts/check_lexicon.py"

# The shipped data passes.
run $CHECK
expect_status 0 "shipped lexicon:"
expect_stdout ": 0 errors"
expect_no_stderr() {
    if [ ! -s "$TMP/err" ]; then pass; else fail "stderr: $(head -c 800 "$TMP/err")"; fi
}
expect_no_stderr

# countries.json is exactly what the generator makes from iso-codes + extras. Only with
# the iso-codes list it was generated from (Debian 12, iso-codes 4.15.0): another
# release may rename entries, which calls for a regeneration, not a failing test.
ISO=/usr/share/iso-codes/json/iso_3166-1.json
ISO_SHA=f01b812b57fba9f31ff621bf33e7c7570a01964dbeb5be2167e94decf538c89f
if [ -f "$ISO" ] && [ "$(sha256sum "$ISO" 2>/dev/null | cut -d' ' -f1)" = "$ISO_SHA" ]; then
    run python3 scripts/gen_countries.py --check
    expect_status 0 "gen_countries.py --check:"
    expect_stdout "up to date (250 countries)"
fi

# Facts the extractor relies on, checked in one python run (one "ok" or "FAIL" line
# per check) because starting python once per check is slow on a loaded machine.
# E maps id -> entity over all shipped files (a repeated id merges its aliases).
python3 - >"$TMP/facts" 2>&1 <<'EOF'
import glob, json
E = {}
for f in sorted(glob.glob("data/lexicon/*.json")):
    for e in json.load(open(f, encoding="utf-8")).get("entities", []):
        old = E.setdefault(e["id"], e)
        if old is not e:
            old.setdefault("aliases", []).extend(e.get("aliases", []))
def kind(k):
    return [e for e in E.values() if e["type"] == "place" and e.get("kind") == k]
CHECKS = [
    ('len([e for e in E.values() if e["type"] == "country"])', '250'),
    ('E["country/CHN"]["capital"]', 'place/beijing'),
    ('E["place/beijing"]["seat_of"], E["place/beijing"]["in"]', "('CHN', 'country/CHN')"),
    ('E["country/RUS"]["name"], "Russian Federation" in E["country/RUS"]["aliases"]',
     "('Russia', True)"),
    ('[a in E["country/USA"]["aliases"] for a in ("U.S.", "US", "USA", "America")]',
     '[True, True, True, True]'),
    ('"U.S." in E["country/USA"]["adjectives"], "American" in E["country/USA"]["adjectives"]',
     '(True, True)'),
    ('[a in E["country/GBR"]["aliases"] for a in ("Britain", "U.K.", "UK")]',
     '[True, True, True]'),
    ('"Turkey" in E["country/TUR"]["aliases"], E["country/TUR"]["name"]', "(True, 'Türkiye')"),
    ('E["country/XKX"]["iso2"], E["country/XKX"]["capital"]', "('XK', 'place/pristina')"),
    ('"Congo" in E["country/COD"]["aliases"], "Congo" in E["country/COG"].get("aliases", [])',
     '(True, False)'),
    ('"Emirati" in E["country/ARE"]["adjectives"], "UAE" in E["country/ARE"]["aliases"]',
     '(True, True)'),
    ('"Burma" in E["country/MMR"]["aliases"], "Ivory Coast" in E["country/CIV"]["aliases"]',
     '(True, True)'),
    # Every country's capital is a city in that country.
    ('sorted(c for c, e in E.items() if "capital" in e and E[e["capital"]]["in"] != c)', '[]'),
    ('E["place/kyiv"]["aliases"], E["place/kyiv"]["seat_of"]', "(['Kiev'], 'UKR')"),
    ('E["place/the-hague"]["seat_of"], "seat_of" in E["place/amsterdam"]', "('NLD', False)"),
    ('E["place/brasilia"]["name"], E["place/brasilia"]["aliases"]', "('Brasília', ['Brasilia'])"),
]
for expr, want in CHECKS:
    try:
        got = str(eval(expr))
    except Exception as exc:
        got = "%s: %s" % (type(exc).__name__, exc)
    print("ok" if got == want else "FAIL: %s is %r, expected %r" % (expr, got, want))
EOF
while IFS= read -r line; do
    if [ "$line" = ok ]; then pass; else fail "$line"; fi
done <"$TMP/facts"

# Broken files, all checked in one run (python is slow to start on a loaded machine);
# each message names the file and the entry.
bad() { printf '%s\n' "$2" >"$TMP/$1.json"; BAD="$BAD $TMP/$1.json"; }
BAD=
bad unknownkey '{"dkg_lexicon": 1, "entities": [
 {"id": "place/x-ville", "type": "place", "kind": "city", "name": "X Ville", "in": "country/FRA",
  "colour": "red"}]}'
bad slug '{"dkg_lexicon": 1, "entities": [
 {"id": "place/Sao_Paulo", "type": "place", "kind": "city", "name": "São Paulo",
  "in": "country/BRA"},
 {"id": "place/rio", "type": "place", "kind": "city", "name": "Rio de Janeiro",
  "in": "country/BRA"}]}'
bad prefix '{"dkg_lexicon": 1, "entities": [
 {"id": "person/paris-x", "type": "place", "kind": "city", "name": "Paris X"}]}'
bad refs '{"dkg_lexicon": 1, "entities": [
 {"id": "place/nowhere", "type": "place", "kind": "town", "name": "Nowhere", "country": "XXX",
  "in": "place/atlantis", "seat_of": "FRA"}]}'
bad shared '{"dkg_lexicon": 1, "entities": [
 {"id": "place/parisville", "type": "place", "kind": "city", "name": "Parisville",
  "aliases": ["Paris", "Big P", "Big P"], "in": "country/FRA"}]}'
bad dupe '{"dkg_lexicon": 1, "entities": [
 {"id": "place/paris", "type": "place", "kind": "city", "name": "Paris", "country": "FRA",
  "in": "country/FRA", "seat_of": "FRA"}]}'
bad roles '{"dkg_lexicon": 1, "entities": [
 {"id": "person/jane-roe", "type": "person", "name": "Jane Roe", "gender": "x",
  "roles": [{"title": "President", "of": "FRA", "from": "2020-02-30"},
            {"title": "President", "of": "FRA", "from": "2021-05", "to": "2020"},
            {"title": "Grand Poobah", "of": "organization/no-such-org"}]}]}'
bad syntax '{"dkg_lexicon": 1, "entities": [
 {"id": "place/a", }]}'
bad top '{"dkg_lexicon": 2, "entitys": []}'
bad chain '{"dkg_lexicon": 1, "entities": [
 {"id": "place/a-loop", "type": "place", "kind": "city", "name": "A Loop", "in": "place/b-loop"},
 {"id": "place/b-loop", "type": "place", "kind": "city", "name": "B Loop", "in": "place/a-loop"},
 {"id": "place/louvre-2", "type": "place", "kind": "venue", "name": "Louvre 2", "country": "DEU",
  "in": "place/paris", "seat_of": "ITA"}]}'
bad newplace '{"dkg_lexicon": 1, "entities": [
 {"id": "place/lutetia", "type": "place", "name": "Lutetia"},
 {"id": "country/ATL", "type": "country", "name": "Atlantis"}]}'
# shellcheck disable=SC2086
run $CHECK $BAD
expect_status 1 "broken files:"
expect_stdout ": 28 errors"
expect_stderr "$TMP/unknownkey.json: entities[0].colour: unknown key"
expect_stderr \
    "$TMP/slug.json: entities[0].id: 'place/Sao_Paulo' is not a slug (expected 'place/sao-paulo')"
expect_stderr "$TMP/slug.json: entities[1].id: 'place/rio' does not match the name 'Rio de Janeiro'"
expect_stderr "$TMP/prefix.json: entities[0].id: 'person/paris-x' does not start with 'place/'"
expect_stderr "$TMP/refs.json: entities[0].kind: 'town' is not one of city, province, region, venue"
expect_stderr "$TMP/refs.json: entities[0].country: no country 'XXX'"
expect_stderr "$TMP/refs.json: entities[0].in: 'place/atlantis' is not defined"
expect_stderr "$TMP/refs.json: entities[0].seat_of: 'FRA', but the place is in 'XXX'"
expect_stderr "$TMP/shared.json: entities[0].aliases[0]: 'Paris' also names place/paris"
expect_stderr "$TMP/shared.json: entities[0].aliases[2]: 'Big P' repeated"
expect_stderr "$TMP/dupe.json: entities[0]: repeats data/lexicon/places-capitals.json: entities["
expect_stderr "$TMP/roles.json: entities[0].gender: must be 'm' or 'f'"
expect_stderr \
    "$TMP/roles.json: entities[0].roles[0].from: '2020-02-30' is not a date YYYY[-MM[-DD]]"
expect_stderr "$TMP/roles.json: entities[0].roles[1]: from 2021-05 is after to 2020"
expect_stderr "$TMP/roles.json: entities[0].roles[2].of: 'organization/no-such-org' is not defined"
expect_stderr "$TMP/roles.json: entities[0].roles[2].title: title 'Grand Poobah' is not defined"
expect_stderr "$TMP/syntax.json:2:20: Expecting property name enclosed in double quotes"
expect_stderr "$TMP/top.json: entitys: unknown key"
expect_stderr "$TMP/top.json: dkg_lexicon: must be 1"
expect_stderr "$TMP/chain.json: entities[0].in: 'in' chain of place/a-loop loops"
expect_stderr "$TMP/chain.json: entities[2].country: 'DEU', but its 'in' chain leads to country/FRA"
expect_stderr "$TMP/chain.json: entities[2].seat_of: 'ITA', but the place is in 'DEU'"
expect_stderr "$TMP/newplace.json: entities[0]: missing 'kind'"
expect_stderr "$TMP/newplace.json: entities[1]: missing 'iso2'"

# A repeated id that adds an alias is fine (how users extend an entity); the repeat
# need not restate kind or iso2.
printf '%s\n' '{"dkg_lexicon": 1, "entities": [
 {"id": "place/paris", "type": "place", "kind": "city", "name": "Paris", "aliases": ["Lutetia"]},
 {"id": "country/FRA", "type": "country", "name": "France", "aliases": ["Hexagone"]}]}' \
    >"$TMP/extend.json"
run $CHECK "$TMP/extend.json"
expect_status 0 "extend:"
expect_stdout ": 0 errors"

testlib_end
