# tests/cli/test_extract_cli.sh - `dkg extract` as a command: help, version,
# usage errors (exit 2), the input forms (file, several files, --jsonl, stdin,
# directory), user lexicon and rules, and failures that name the file and
# entry (exit 1) while the other inputs are still printed.
# JSON checks are gathered and run in one Python process at the end, since a
# Python start costs seconds on a loaded machine.
. "$DKG_SOURCE_DIR/tests/cli/testlib.sh"
export DKG_DATA_DIR="$DKG_SOURCE_DIR/data"
cd "$TMP" || exit 1

# keep NAME: save the last stdout as $TMP/NAME.out for the Python checks.
keep() { cp "$TMP/out" "$TMP/$1.out"; }

# --- help and version ------------------------------------------------------
run "$DKG" extract --help
expect_status 0 "--help"
expect_stdout "Usage: dkg extract [OPTIONS] INPUT..."
expect_stdout "--offsets UNIT"
[ ! -s "$TMP/err" ] && pass || fail "--help wrote to stderr"
run "$DKG" extract -h
expect_status 0 "-h"
expect_stdout "Usage: dkg extract"
run "$DKG" --version
expect_status 0 "--version"
expect_stdout "PCRE2 10."
expect_stdout "igraph 0."
expect_stdout "cJSON 1."

# --- usage errors: exit 2, one message and the hint -----------------------------
usage_error() { # WHAT MESSAGE ARGS...
    local what=$1 msg=$2
    shift 2
    run "$DKG" extract "$@"
    expect_status 2 "$what"
    expect_stderr "$msg"
    expect_stderr "Try 'dkg extract --help'"
    expect_no_stdout
}
printf 'Emmanuel Macron met Xi Jinping in Beijing on Thursday.\n' >good.txt
usage_error "unknown option" "unknown option" --bogus good.txt
usage_error "no input" "no input given"
usage_error "bad --date" "--date '2025-13-01' is not a date YYYY-MM-DD" --date 2025-13-01 good.txt
usage_error "bad --offsets" "--offsets must be bytes or codepoints" --offsets words good.txt

# --- input forms -----------------------------------------------------------------
run "$DKG" extract --date 2025-12-05 good.txt
expect_status 0 "one file"
keep one
printf ' date 2025-12-05 Headline here\n\nXi Jinping phoned Vladimir Putin on Tuesday.\n' >dated.txt
run "$DKG" extract good.txt dated.txt
expect_status 0 "two files"
keep two
run "$DKG" extract --jsonl --date 2025-12-05 good.txt dated.txt
expect_status 0 "--jsonl"
keep jsonl
run "$DKG" extract --date 2025-12-05 - <good.txt
expect_status 0 "stdin"
keep stdin
mkdir -p dir/sub
cp good.txt dir/a.txt
cp dated.txt dir/sub/b.txt
printf 'not an article\n' >dir/notes.md
run "$DKG" extract --jsonl --date 2025-12-05 dir
expect_status 0 "directory"
keep dir
run "$DKG" extract --jsonl "$DKG_SOURCE_DIR/samples/articles.jsonl"
expect_status 0 "JSON Lines of articles"
keep articles
run "$DKG" extract --offsets codepoints "$DKG_SOURCE_DIR/samples/02_erdogan_putin_call.txt"
expect_status 0 "--offsets codepoints"
keep codepoints

# --- user lexicon and rules --------------------------------------------------------
cat >ada.json <<'JSON'
{"dkg_lexicon": 1,
 "entities": [{"id": "person/ada-quill", "type": "person", "name": "Ada Quill",
               "country": "NZL", "gender": "f",
               "roles": [{"title": "Foreign Minister", "of": "NZL", "from": "2024-01-01"}]}]}
JSON
printf ' date 2025-06-10 Talks\n\nAda Quill met Emmanuel Macron in Paris on Monday. The New Zealand foreign minister said the talks went well.\n' >ada.txt
run "$DKG" extract --lexicon ada.json ada.txt
expect_status 0 "--lexicon"
keep ada
run "$DKG" extract ada.txt
expect_status 0 "without --lexicon"
keep noada
cat >toast.json <<'JSON'
{"dkg_rules": 1,
 "rules": [{"name": "toasted", "relation": "meet", "triggers": ["toasted"],
            "pattern": "{persons:a}{gap}\\btoasted\\s+{pre}{persons:b}",
            "comment": "a user rule"}]}
JSON
printf 'Emmanuel Macron toasted Xi Jinping at a banquet on Monday.\n' >toast.txt
run "$DKG" extract --rules toast.json --date 2025-06-10 toast.txt
expect_status 0 "--rules"
keep toast
run "$DKG" extract --date 2025-06-10 toast.txt
expect_status 0 "without --rules"
keep notoast

# --- failures: exit 1, FILE:LINE:COL, the other inputs still printed ------------------
printf '{"dkg_lexicon": 1, "entities": [{"id": "person/x", "type": "person"}]}\n' >badlex.json
run "$DKG" extract --lexicon badlex.json good.txt
expect_status 1 "broken lexicon"
expect_stderr "dkg: badlex.json:1:33: error: entities[0]: missing \"name\""
expect_no_stdout
printf '{"dkg_rules": 1, "rules": [{"name": "bad", "relation": "meet", "triggers": ["met"], "pattern": "{person:a} met (unclosed"}]}\n' >badrule.json
run "$DKG" extract --rules badrule.json good.txt
expect_status 1 "pattern that does not compile"
expect_stderr "dkg: badrule.json:1:28: error: rules[0]: pattern does not compile: missing closing parenthesis"
# the caret line: spaces and one ^ under the offset, after the pattern line
if [ "$(sed -n 3p "$TMP/err" | tr -d ' ')" = "^" ]; then pass; else fail "no caret line: $(cat "$TMP/err")"; fi
expect_no_stdout
printf 'Emmanuel Macron met Xi\377 Jinping.\n' >bad.txt
run "$DKG" extract --jsonl --date 2025-12-05 good.txt bad.txt dated.txt
expect_status 1 "invalid UTF-8 among good files"
expect_stderr_exact "dkg: bad.txt: byte 22: error: invalid UTF-8 (byte 0xFF); convert the file to UTF-8, e.g. with iconv -f LATIN1 -t UTF-8; article skipped"
keep mixed
run "$DKG" extract --date 2025-12-05 good.txt missing.txt
expect_status 1 "missing file"
expect_stderr "dkg: missing.txt: error: cannot open"
keep missing

python3 - "$TMP" "$DKG_SOURCE_DIR" >"$TMP/py.out" <<'PY'
import json, os, sys
tmp, src = sys.argv[1], sys.argv[2]
passed = failed = 0

def load(name):
    return json.load(open(os.path.join(tmp, name + ".out")))

def lines(name):
    return [json.loads(l) for l in open(os.path.join(tmp, name + ".out")) if l.strip()]

def check(what, got, expected):
    global passed, failed
    if got == expected:
        passed += 1
    else:
        failed += 1
        print(f"FAIL: {what}: got {got!r}, expected {expected!r}", file=sys.stderr)

def rels(d):
    return [(r["type"], r["source"], r["target"], r["status"], r["date"], r.get("place"))
            for r in d["relations"] if r["type"] not in ("role", "located_in")]

MEET = [("meet", "person/emmanuel-macron", "person/xi-jinping", "occurred", "2025-12-04",
         "place/beijing")]
one = load("one")
check("one file: an object", type(one).__name__, "dict")
check("one file: contract version", one["dkg"], 1)
check("one file: doc", (one["doc"]["source"], one["doc"]["date"], one["doc"]["title"],
                        one["doc"]["bytes"]), ("good.txt", "2025-12-05", None, 55))
check("one file: relation", rels(one), MEET)
check("one file: warnings", one["warnings"], [])
two = load("two")
check("two files: an array of two", (type(two).__name__, len(two)), ("list", 2))
check("two files: order", [d["doc"]["source"] for d in two], ["good.txt", "dated.txt"])
check("dated file: date line", (two[1]["doc"]["date"], two[1]["doc"]["title"]),
      ("2025-12-05", "Headline here"))
check("dated file: call on Tuesday", rels(two[1]),
      [("call", "person/xi-jinping", "person/vladimir-putin", "occurred", "2025-12-02", None)])
raw = open(os.path.join(tmp, "jsonl.out")).read()
check("--jsonl: one line per article", raw.count("\n"), 2)
check("--jsonl: same content", [d["doc"]["source"] for d in lines("jsonl")],
      ["good.txt", "dated.txt"])
check("--jsonl: same relations as pretty", rels(lines("jsonl")[0]), MEET)
std = load("stdin")
check("stdin: source", std["doc"]["source"], "<stdin>")
check("stdin: same id as the file", std["doc"]["id"], one["doc"]["id"])
check("stdin: relation", rels(std), MEET)
check("directory: every .txt, in order", [d["doc"]["source"] for d in lines("dir")],
      ["dir/a.txt", "dir/sub/b.txt"])
arts = lines("articles")
check("articles.jsonl: ids", [d["doc"]["id"] for d in arts],
      ["sample-01", "sample-03", "sample-06"])
check("articles.jsonl: dates", [d["doc"]["date"] for d in arts],
      ["2023-03-10", "2025-03-26", "2024-10-16"])

# code point offsets slice the text as Python sees it
cp = load("codepoints")
text = open(os.path.join(src, "samples/02_erdogan_putin_call.txt"), encoding="utf-8").read()
spans = [m for e in cp["entities"] for m in e["mentions"]] + \
        [r["evidence"] for r in cp["relations"]]
check("codepoints: text[start:end] == text", [s["text"] for s in spans
      if text[s["start"]:s["end"]] != s["text"]], [])
check("codepoints: some non-ASCII before a span",
      any(text[:s["start"]].encode() != text[:s["start"]].encode("ascii", "ignore")
          for s in spans), True)

ada = load("ada")
quill = [e for e in ada["entities"] if e["id"] == "person/ada-quill"]
check("--lexicon: Ada Quill found", len(quill), 1)
if quill:
    check("--lexicon: known, country, role", (quill[0]["known"], quill[0]["country"],
                                              quill[0]["roles"]),
          (True, "NZL", ["Foreign Minister"]))
    check("--lexicon: title reference", [m["text"] for m in quill[0]["mentions"]],
          ["Ada Quill", "The New Zealand foreign minister"])
check("--lexicon: meeting", rels(ada), [("meet", "person/ada-quill", "person/emmanuel-macron",
                                         "occurred", "2025-06-09", "place/paris")])
check("without --lexicon: no Ada Quill", [e["id"] for e in load("noada")["entities"]
                                          if "quill" in e["id"]], [])
toast = load("toast")
check("--rules: user rule fires", [(r["rule"], r["source"], r["target"], r["date"])
                                   for r in toast["relations"]],
      [("toasted", "person/emmanuel-macron", "person/xi-jinping", "2025-06-09")])
check("without --rules: nothing", load("notoast")["relations"], [])
mixed = lines("mixed")
check("bad UTF-8: the good ones printed", [d["doc"]["source"] for d in mixed],
      ["good.txt", "dated.txt"])
check("missing file: the other printed", load("missing")["doc"]["source"], "good.txt")
print(passed, failed)
PY
read -r py_passed py_failed <"$TMP/py.out"
testlib_passed=$((testlib_passed + ${py_passed:-0}))
testlib_failed=$((testlib_failed + ${py_failed:-1}))
testlib_end
