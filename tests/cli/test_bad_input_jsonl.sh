# tests/cli/test_bad_input_jsonl.sh - hostile JSON Lines for 'dkg extract' and 'dkg build'
# (issue 7): nesting 10,000 deep, 1e400, wrong types, missing fields, NUL escapes, lone
# surrogates, invalid UTF-8, two values on a line, truncated records. Each bad line is
# reported with its exact message and skipped; the good lines around it are still
# extracted (stdout equals their output alone); exit status 1; no file is written.
. "$DKG_SOURCE_DIR/tests/cli/testlib.sh"
mkdir "$TMP/in" && cd "$TMP/in" || exit 1

X=("$DKG" extract --jsonl)
good1='{"id": "g1", "date": "2025-12-04", "text": "Chinese President Xi Jinping met French President Emmanuel Macron."}'
good2='{"id": "g2", "text": "German Chancellor Olaf Scholz met Indian Prime Minister Narendra Modi in Berlin."}'
printf '%s\n%s\n' "$good1" "$good2" >good.jsonl
"${X[@]}" good.jsonl >good.out 2>/dev/null
[ "$(wc -l <good.out)" -eq 2 ] && pass || fail "the good lines give two extractions"
# Same extractions as the good lines alone (doc.source names the file read).
same_as_good() {
    if python3 - good.out "$TMP/out" <<'PY'; then pass; else fail "$1: stdout is not the good lines' output"; fi
import json, sys
def load(p):
    rows = [json.loads(l) for l in open(p, encoding="utf-8")]
    for r in rows:
        r["doc"]["source"] = None
    return rows
sys.exit(0 if load(sys.argv[1]) == load(sys.argv[2]) else 1)
PY
}
no_new_files() { if [ "$(ls -A)" = "$1" ]; then pass; else fail "files appeared: $(ls -A)"; fi; }

# Line N of bad.jsonl is case N; the good lines come first and last.
python3 - <<'PY'
good = open("good.jsonl").read().splitlines()
lines = [
    good[0],                                                  # 1
    '{"text": "Anna Lind met Boris Dahl.", "date": 1e400}',   # 2
    '{"text": 1e400}',                                        # 3
    '{"text": ["Anna Lind"]}',                                # 4
    '{"text": "x", "date": 20251204}',                        # 5
    '{"text": "x", "title": {}}',                             # 6
    '{"text": "x", "id": 7}',                                 # 7
    '{"text": null}',                                         # 8
    '{"text": true}',                                         # 9
    '{}',                                                     # 10
    '{"id": "x", "date": "2025-12-04", "title": "no text"}',  # 11
    '{"text": "x", "date": "2023-02-29"}',                    # 12
    '{"text": "x", "date": "12/04/2025"}',                    # 13
    '{"text": "a\\u0000b"}',                                  # 14
    '{"text": "\\ud800 lone surrogate"}',                     # 15
    '{"text": "one"} {"text": "two"}',                        # 16
    '[1, 2]',                                                 # 17
    '"a string"',                                             # 18
    '{"text": "cut short',                                    # 19
    '{"text": "   "}',                                        # 20
    '{"dkg": 2, "doc": {}}',                                  # 21
    good[1],                                                  # 22
]
open("bad.jsonl", "w").write("\n".join(lines) + "\n")
PY
cat >want.err <<'TXT'
dkg: bad.jsonl:2: error: "date" must be a string; record skipped
dkg: bad.jsonl:3: error: "text" must be a string; record skipped
dkg: bad.jsonl:4: error: "text" must be a string; record skipped
dkg: bad.jsonl:5: error: "date" must be a string; record skipped
dkg: bad.jsonl:6: error: "title" must be a string; record skipped
dkg: bad.jsonl:7: error: "id" must be a string; record skipped
dkg: bad.jsonl:8: error: "text" must be a string; record skipped
dkg: bad.jsonl:9: error: "text" must be a string; record skipped
dkg: bad.jsonl:10: error: no "text": an article line needs {"text": "..."} ("id", "date", "title" optional); record skipped
dkg: bad.jsonl:11: error: no "text": an article line needs {"text": "..."} ("id", "date", "title" optional); record skipped
dkg: bad.jsonl:12: error: "date" is "2023-02-29", not a real date YYYY-MM-DD; record skipped
dkg: bad.jsonl:13: error: "date" is "12/04/2025", not a real date YYYY-MM-DD; record skipped
dkg: bad.jsonl:14:12: error: \u0000 (a NUL character) is not allowed in a record; record skipped
dkg: bad.jsonl:15:11: error: not valid JSON; record skipped
  {"text": "\ud800 lone surrogate"}
            ^
dkg: bad.jsonl:16:17: error: more than one JSON value on the line; put one record per line; record skipped
dkg: bad.jsonl:17: error: a record must be a JSON object; record skipped
dkg: bad.jsonl:18: error: a record must be a JSON object; record skipped
dkg: bad.jsonl:19:11: error: not valid JSON; record skipped
  {"text": "cut short
            ^
dkg: bad.jsonl:20: warning: empty article, skipped
dkg: bad.jsonl:21: error: unsupported extraction format ("dkg" must be 1); re-run dkg extract with this version; record skipped
TXT
files=$(ls -A)
run "${X[@]}" bad.jsonl
expect_status 1 "bad.jsonl:"
expect_stderr_exact "$(cat want.err)"
same_as_good bad.jsonl

# Invalid UTF-8 inside records: overlong, surrogate, truncated.
printf '%s\n{"text": "Anna \300\257 Lind"}\n{"text": "Anna \355\240\200"}\n{"text": "cut \342\202"}\n%s\n' \
    "$good1" "$good2" >utf8.jsonl
files=$(ls -A)
run "${X[@]}" utf8.jsonl
expect_status 1 "utf8.jsonl:"
expect_stderr_exact 'dkg: utf8.jsonl:2:16: error: invalid UTF-8 (byte 0xC0); fix the encoding of that line; record skipped
dkg: utf8.jsonl:3:16: error: invalid UTF-8 (byte 0xED); fix the encoding of that line; record skipped
dkg: utf8.jsonl:4:15: error: invalid UTF-8 (byte 0xE2); fix the encoding of that line; record skipped'
same_as_good utf8.jsonl
no_new_files "$files"

# JSON nested 10,000 deep: refused at the 65th bracket (DKG_MAX_JSON_DEPTH), no stack overflow.
python3 -c 'import sys; sys.stdout.write("%s\n{\"text\": %s%s}\n%s\n" % (sys.argv[1], "["*10000, "]"*10000, sys.argv[2]))' \
    "$good1" "$good2" >deep.jsonl
run "${X[@]}" deep.jsonl
expect_status 1 "deep.jsonl:"
expect_stderr "dkg: deep.jsonl:2:73: error: JSON nested more than 64 deep"
expect_stderr "; record skipped"
same_as_good deep.jsonl

# A 0-byte file is no input at all; a last line without a newline is read.
: >empty.jsonl
run "${X[@]}" empty.jsonl
expect_status 0 "empty.jsonl:"
expect_stderr_exact ""
expect_no_stdout
printf '%s' "$good1" >nonl.jsonl
run "${X[@]}" nonl.jsonl
expect_status 0 "nonl.jsonl:"
head -1 good.out >good1.out
if python3 -c 'import json,sys; a,b=(json.load(open(p)) for p in sys.argv[1:]); a["doc"]["source"]=b["doc"]["source"]; sys.exit(a!=b)' good1.out "$TMP/out"; then
    pass
else
    fail "a last line without newline is read"
fi

# --- extraction records for 'dkg build': numbers out of range, wrong types, missing fields ----
"${X[@]}" good.jsonl >ext.jsonl 2>/dev/null
python3 - <<'PY'
import json
base = json.loads(open("ext.jsonl").readline())
out = []
def case(f):
    d = json.loads(json.dumps(base)); f(d); out.append(json.dumps(d, ensure_ascii=False))
case(lambda d: d["entities"][0]["mentions"][0].update(start="INF"))
case(lambda d: d["entities"][0]["mentions"][0].update(start=-5))
case(lambda d: d["relations"][0]["evidence"].update(start=1e19))
case(lambda d: d["relations"][0]["evidence"].update(end=3.5))
case(lambda d: d["doc"].update(bytes="INF"))
case(lambda d: d["relations"][0].update(source="person/nobody"))
case(lambda d: d.pop("entities"))
lines = [l.replace('"INF"', "1e400") for l in out]
second = open("ext.jsonl").read().splitlines()[1]
open("badext.jsonl", "w").write("\n".join(lines) + "\n" + second + "\n")
PY
run "$DKG" build -o g.json badext.jsonl
expect_status 1 "build badext.jsonl:"
# Columns follow the extraction's layout; the JSON path and the message are the contract.
for want in \
    'badext.jsonl:1:[0-9]*: error: entities\[0\]\.mentions\[0\]\.start: expected a whole number >= 0$' \
    'badext.jsonl:2:[0-9]*: error: entities\[0\]\.mentions\[0\]\.start: expected a whole number >= 0$' \
    'badext.jsonl:3:[0-9]*: error: relations\[0\]\.evidence\.start: expected a whole number >= 0$' \
    'badext.jsonl:4:[0-9]*: error: relations\[0\]\.evidence\.end: expected a whole number >= 0$' \
    'badext.jsonl:5:[0-9]*: error: doc\.bytes: expected a whole number >= 0$' \
    'badext.jsonl:6:[0-9]*: error: relations\[0\]\.source: no entity "person/nobody" in this extraction$' \
    'badext.jsonl:7:[0-9]*: error: missing "entities"$'; do
    if grep -q "^dkg: $want" "$TMP/err"; then pass; else fail "build: no line '$want' in: $(cat "$TMP/err")"; fi
done
expect_stderr "dkg: build: 1 articles added, 0 skipped, 7 failed;"
if [ -f g.json ]; then pass; else fail "the graph of the good record is still written"; fi

testlib_end
