# tests/cli/test_bad_input_big.sh - oversized inputs for 'dkg extract' (issue 7, docs/limits.md):
# a 100 MB article without a newline (as a file, on stdin, as a JSON Lines record), an
# article of 1,000,000 sentences and one 200 KB "sentence". Over-limit inputs get their
# exact message and exit 1 while the good input after them is still extracted; the big
# articles under the limits are extracted whole. Inputs are generated in the temp dir.
. "$DKG_SOURCE_DIR/tests/cli/testlib.sh"
mkdir "$TMP/in" && cd "$TMP/in" || exit 1

printf ' date 2025-12-04 Talks\nChinese President Xi Jinping met French President Emmanuel Macron.\n' \
    >good.txt
"$DKG" extract --jsonl good.txt >good.out 2>/dev/null
# Same extraction as good.txt alone (doc.source names the file read).
same_as_good() {
    if python3 - good.out "$TMP/out" <<'PY'; then pass; else fail "$1: stdout is not good.txt's output"; fi
import json, sys
rows = [[json.loads(l) for l in open(p, encoding="utf-8")] for p in sys.argv[1:]]
for r in rows[0] + rows[1]:
    r["doc"]["source"] = None
sys.exit(0 if rows[0] == rows[1] else 1)
PY
}

# --- 100 MB without a newline: over DKG_MAX_ARTICLE_BYTES (64 MiB) --------------------------
head -c 104857600 /dev/zero | tr '\0' 'a' >big.txt
run "$DKG" extract --jsonl big.txt good.txt
expect_status 1 "big.txt:"
expect_stderr_exact "dkg: big.txt: error: file is 104857600 bytes, over the article limit of 67108864 bytes; split it; article skipped"
same_as_good big.txt
# The same bytes on standard input: no size to look at, refused after 64 MiB of reading.
"$DKG" extract --jsonl - <big.txt >"$TMP/out" 2>"$TMP/err"
status=$?
expect_status 1 "big stdin:"
expect_stderr_exact "dkg: <stdin>: error: article is over the limit of 67108864 bytes; split it; article skipped"
expect_no_stdout
# As one JSON Lines record: over DKG_MAX_LINE_BYTES (80 MiB); the next line is still read.
{ printf '{"text": "'; cat big.txt; printf '"}\n'; sed 's/^/{"text": "/; s/$/"}/' good.txt | tail -1; } \
    >big.jsonl
rm -f big.txt
run "$DKG" extract --jsonl big.jsonl
expect_status 1 "big.jsonl:"
expect_stderr_exact "dkg: big.jsonl:1: error: line longer than 83886080 bytes (the JSON Lines record limit); record skipped"
json_is 'd["relations"][0]["type"]' meet
rm -f big.jsonl

# --- 1,000,000 sentences (15 MB): extracted whole, the meeting at the end is found ------------
python3 -c 'import sys; sys.stdout.write(" date 2025-12-04 Long\n" + "Talks went on. " * 999999
    + "Chinese President Xi Jinping met French President Emmanuel Macron.\n")' >million.txt
run "$DKG" extract million.txt
expect_status 0 "million.txt:"
expect_stderr_exact ""
json_is 'd["doc"]["bytes"]' 15000074
json_is '[(r["type"], r["source"], r["target"]) for r in d["relations"] if r["type"] == "meet"]' \
    "[('meet', 'person/xi-jinping', 'person/emmanuel-macron')]"
json_is 'd["relations"][0]["evidence"]["start"]' 15000007
rm -f million.txt

# --- one "sentence" of 200 KB (over DKG_MAX_SENTENCE_BYTES, 64 KiB): cut, not fatal ---------
python3 -c 'import sys; sys.stdout.write(" date 2025-12-04 Long\n" + "word " * 40000
    + "Chinese President Xi Jinping met French President Emmanuel Macron.\n")' >long.txt
run "$DKG" extract long.txt
expect_status 0 "long.txt:"
json_is 'd["doc"]["bytes"]' 200089
json_is '[r["type"] for r in d["relations"]]' "['meet', 'role', 'role']"
json_is 'd["warnings"]' "['the sentence at byte 22 is longer than 65536 bytes and was cut into pieces; relations across a cut are not found']"
# At exactly the limit nothing is cut or said; one byte more is warned about.
for extra in "" "s"; do
    python3 -c 'import sys; sys.stdout.write(" date 2025-12-04 Edge\n" + "word " * 13106 + "yes ok" + sys.argv[1] + "\n")' "$extra" >edge.txt
    run "$DKG" extract edge.txt
    expect_status 0 "edge.txt:"
    if [ -z "$extra" ]; then
        json_is 'd["warnings"]' "[]"
    else
        json_is 'd["warnings"]' "['the sentence at byte 22 is longer than 65536 bytes and was cut into pieces; relations across a cut are not found']"
    fi
done

testlib_end
