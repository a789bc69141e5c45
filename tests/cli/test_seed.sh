# tests/cli/test_seed.sh - the seed article (../shared/seed/, read by path and
# never copied into the project), field by field: the issue's "Done when" list.
# Skipped (77) when the shared folder is absent. All checks run in one Python
# process (each start costs seconds on a loaded machine).
. "$DKG_SOURCE_DIR/tests/cli/testlib.sh"
SEED="$DKG_SOURCE_DIR/../shared/seed/000_347b4ec296df4fd5.txt"
if [ ! -f "$SEED" ]; then
    echo "skip: $SEED not found"
    exit 77
fi
export DKG_DATA_DIR="$DKG_SOURCE_DIR/data"
run "$DKG" extract "$SEED"
expect_status 0 "dkg extract seed"
cp "$TMP/out" "$TMP/seed.json"

SCORE="$DKG_SOURCE_DIR/../shared/tools/score.py"
GOLD="$DKG_SOURCE_DIR/../shared/seed/gold.jsonl"
if [ -f "$SCORE" ] && [ -f "$GOLD" ]; then
    python3 "$SCORE" --gold "$GOLD" --pred <(python3 -c '
import json, os, sys
d = json.load(open(sys.argv[1])); d["file"] = os.path.basename(d["doc"]["source"])
print(json.dumps(d))' "$TMP/seed.json") --json >"$TMP/score.json" 2>"$TMP/score.err"
    echo "seed scores: $(cat "$TMP/score.json")"
fi

python3 - "$TMP/seed.json" "$SEED" "$TMP/score.json" >"$TMP/py.out" <<'PY'
import json, os, sys
d = json.load(open(sys.argv[1]))
text = open(sys.argv[2], "rb").read()
passed = failed = 0

def check(what, got, expected):
    global passed, failed
    if got == expected:
        passed += 1
    else:
        failed += 1
        print(f"FAIL: {what}: got {got!r}, expected {expected!r}", file=sys.stderr)

def rels(kind, a, b, symmetric=True):
    out = []
    for r in d["relations"]:
        if r["type"] != kind:
            continue
        if (symmetric and {r["source"], r["target"]} == {a, b}) or \
           (r["source"], r["target"]) == (a, b):
            out.append((r["status"], r["date"], r.get("place")))
    return out

persons = [e for e in d["entities"] if e["type"] == "person"]
check("doc.date", d["doc"]["date"], "2025-12-04")
check("warnings", d["warnings"], [])
check("the seven people and no other",
      sorted(e["name"] for e in persons),
      ["Brigitte Macron", "Emmanuel Macron", "Li Qiang", "Lyle Morris", "Wu",
       "Xi Jinping", "Zhao Leji"])
check("Macron's id", [e["id"] for e in persons if e["name"] == "Emmanuel Macron"],
      ["person/emmanuel-macron"])
check("discovered people", sorted(e["name"] for e in persons if not e["known"]),
      ["Lyle Morris", "Wu"])
check("Yuan Meng is no entity",
      [m["text"] for e in d["entities"] for m in e["mentions"] if "Yuan" in m["text"]], [])
check("'The French leader' is Macron",
      [m["text"] for e in persons if e["id"] == "person/emmanuel-macron"
       for m in e["mentions"] if "leader" in m["text"]], ["The French leader"])

M, X = "person/emmanuel-macron", "person/xi-jinping"
check("meet Macron-Xi", rels("meet", M, X), [("occurred", "2025-12-04", "place/beijing")])
check("meet Macron-Zhao Leji status",
      [s for s, _, _ in rels("meet", M, "person/zhao-leji")], ["planned"])
check("meet Macron-Li Qiang status",
      [s for s, _, _ in rels("meet", M, "person/li-qiang")], ["planned"])
# The arrival is the first visit to Beijing; a later day there may count too.
beijing = sorted((t, s) for s, t, _ in rels("visit", M, "place/beijing", False))
check("visit Macron->Beijing arrival", beijing[:1], [("2025-12-03", "occurred")])
check("visits to Beijing all occurred", sorted({s for _, s in beijing}), ["occurred"])
check("visit Macron->Chengdu status",
      [s for s, _, _ in rels("visit", M, "place/chengdu", False)], ["planned"])
check("Macron met no one else",
      sorted({r["target"] if r["source"] == M else r["source"] for r in d["relations"]
              if r["type"] == "meet" and M in (r["source"], r["target"])}),
      ["person/li-qiang", "person/xi-jinping", "person/zhao-leji"])
check("evidence text is the bytes at start..end",
      [r["rule"] for r in d["relations"]
       if text[r["evidence"]["start"]:r["evidence"]["end"]].decode() != r["evidence"]["text"]], [])
check("mention text is the bytes at start..end",
      [m["text"] for e in d["entities"] for m in e["mentions"]
       if text[m["start"]:m["end"]].decode() != m["text"]], [])

if os.path.exists(sys.argv[3]):
    s = json.load(open(sys.argv[3]))
    check("score.py person/meet/visit F1, meet status",
          [s["person"]["f1"], s["meet"]["f1"], s["visit"]["f1"], s["meet_status_acc"]],
          [1.0, 1.0, 1.0, 1.0])
print(passed, failed)
PY
read -r py_passed py_failed <"$TMP/py.out"
testlib_passed=$((testlib_passed + ${py_passed:-0}))
testlib_failed=$((testlib_failed + ${py_failed:-1}))
testlib_end
