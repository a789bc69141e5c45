# tests/cli/test_eval.sh - 'dkg eval' on the hand-made fixtures in tests/fixtures/eval.
#
# The expected figures were worked out by hand from gold.jsonl and pred.jsonl
# (see the comments) and agree with the corpus's reference scorer, score.py.
# Nothing here needs ../shared; test_eval_agree.sh compares with score.py.
. "$DKG_SOURCE_DIR/tests/cli/testlib.sh"
cd "$DKG_SOURCE_DIR" || exit 1
F=tests/fixtures/eval

# expect_stdout_exact TEXT: stdout is exactly TEXT (plus its final newline).
expect_stdout_exact() {
    if [ "$(cat "$TMP/out")" = "$1" ]; then pass; else
        fail "stdout differs:"; diff <(printf '%s\n' "$1") "$TMP/out" >&2
    fi
}

# --- saved predictions, table ----------------------------------------------------------
# persons: fx-01 Lindqvist (by mention) and Jose Ramirez (accents folded) hit,
#   "Mr. Ramírez" is a second hit on Ramírez (fp), Carlos Dias is unknown (fp),
#   Mei Tanaka missed; fx-02 hits Haddad and Li Wei, misses Sato; fx-03 has no
#   prediction: Karl Berg and Eva Holm missed -> tp 4 fp 2 fn 4.
# places: Lisbon, Belem Palace, Amman hit; Dead Sea extra; Tokyo, Oslo missed.
# meet: Lindqvist-Ramírez (occurred, date right), Ramírez-Tanaka by raw names
#   (planned in gold, predicted occurred, no date); Lindqvist-Carlos Dias is not a
#   gold pair (fp); Haddad-Li Wei is negated in the gold (fp, negated as
#   occurred); Berg-Holm missed. Status 1/2, date 1/2.
# call: Lindqvist-"Ms. Tanaka" (the title is stripped), date 2024-02-20 within 2024-02.
# visit: Lindqvist->Lisbon and Li Wei->Amman (planned) hit; Tanaka->Lisbon is
#   negated in the gold and Haddad->Amman is not in it (2 fp).
run "$DKG" eval --gold $F/gold.jsonl --pred $F/pred.jsonl
expect_status 0 "table"
expect_stdout_exact "          P      R      F1     tp   fp   fn
person  0.667  0.500  0.571     4    2    4
place   0.750  0.600  0.667     3    1    2
meet    0.500  0.667  0.571     2    2    1
call    1.000  1.000  1.000     1    0    0
visit   0.500  1.000  0.667     2    2    0
meeting status accuracy 0.500 (n=2), date accuracy 0.500 (n=2), negated reported as occurred: 1
call status accuracy 1.000 (n=1), date accuracy 1.000 (n=1), negated reported as occurred: 0
articles 3, errors 0"
expect_stderr_exact ""

# --- the same as JSON: the reference scorer's keys and bytes ---------------------------
run "$DKG" eval --gold $F/gold.jsonl --pred $F/pred.jsonl --format json
expect_status 0 "json"
expect_stdout_exact '{"articles": 3, "errors": 0, "person": {"tp": 4, "fp": 2, "fn": 4, "p": 0.667, "r": 0.5, "f1": 0.571}, "place": {"tp": 3, "fp": 1, "fn": 2, "p": 0.75, "r": 0.6, "f1": 0.667}, "meet": {"tp": 2, "fp": 2, "fn": 1, "p": 0.5, "r": 0.667, "f1": 0.571}, "call": {"tp": 1, "fp": 0, "fn": 0, "p": 1.0, "r": 1.0, "f1": 1.0}, "visit": {"tp": 2, "fp": 2, "fn": 0, "p": 0.5, "r": 1.0, "f1": 0.667}, "meet_status_acc": 0.5, "meet_date_acc": 0.5, "meet_negated_as_positive": 1}'
json_is 'd["meet"]["f1"], d["meet_negated_as_positive"]' "0.571 1"

# --- --show: each article's misses ------------------------------------------------------
run "$DKG" eval --gold $F/gold.jsonl --pred $F/pred.jsonl --show
expect_status 0 "--show"
if [ "$(head -n 16 "$TMP/out")" = "fx-01
  persons missed: Mei Tanaka
  persons extra: Mr. Ramírez; Carlos Dias
  meetings extra: person anna-lindqvist + person carlos-dias
  meetings wrong: José Ramírez + Mei Tanaka: status planned, got occurred; José Ramírez + Mei Tanaka: date 2024-03, got none
  visits extra: Mei Tanaka -> Lisbon
fx-02
  persons missed: Sato
  places missed: Tokyo
  places extra: Dead Sea
  meetings extra: Li Wei + Omar Haddad (negated in the gold)
  visits extra: Omar Haddad -> Amman
fx-03
  persons missed: Karl Berg; Eva Holm
  places missed: Oslo
  meetings missed: Eva Holm + Karl Berg" ]; then pass; else fail "--show lines: $(head -n 16 "$TMP/out")"; fi
expect_stdout "articles 3, errors 0"

run "$DKG" eval --gold $F/gold.jsonl --pred $F/pred.jsonl --show --format json
expect_status 0 "--show --format json"
if [ "$(head -n 1 "$TMP/out")" = '{"id": "fx-01", "person_fn": ["Mei Tanaka"], "person_fp": ["Mr. Ramírez", "Carlos Dias"], "meet_fp": [["person anna-lindqvist", "person carlos-dias"]], "meet_wrong": [["José Ramírez + Mei Tanaka", "status planned, got occurred"], ["José Ramírez + Mei Tanaka", "date 2024-03, got none"]], "visit_fp": [["Mei Tanaka", "Lisbon"]]}' ]; then pass; else fail "--show json line 1: $(head -n 1 "$TMP/out")"; fi
if [ "$(wc -l <"$TMP/out")" -eq 4 ] && python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$TMP/out"; then pass; else fail "--show json is not 4 JSON lines"; fi

# Predictions are found by "id" at the top as well as by doc.source's file name.
printf '%s\n' '{"id": "fx-03", "entities": [{"id": "p1", "type": "person", "name": "KARL BERG"}, {"id": "p2", "type": "person", "name": "Eva Holm"}], "relations": [{"type": "meet", "source": "p2", "target": "p1", "date": "2024-06-07"}]}' >"$TMP/p3.jsonl"
run "$DKG" eval --gold $F/gold.jsonl --pred "$TMP/p3.jsonl" --format json
expect_status 0 "pred by id"
json_is 'd["person"]["tp"], d["person"]["fn"], d["meet"]["tp"], d["meet_status_acc"], d["meet_date_acc"]' "2 6 1 1.0 1.0"

# "-" reads the gold or the predictions from standard input.
"$DKG" eval --gold - --pred $F/pred.jsonl --format json <$F/gold.jsonl >"$TMP/stdin.json"
"$DKG" eval --gold $F/gold.jsonl --pred - --format json <$F/pred.jsonl >>"$TMP/stdin.json"
if [ "$(sort -u "$TMP/stdin.json" | wc -l)" -eq 1 ] && grep -qF '"articles": 3, "errors": 0, "person": {"tp": 4' "$TMP/stdin.json"; then
    pass; else fail "stdin: $(cat "$TMP/stdin.json")"; fi
printf '{"id": 5}\n' >"$TMP/bad.jsonl"
run "$DKG" eval --gold - --pred $F/pred.jsonl <"$TMP/bad.jsonl"
expect_status 1 "bad gold on stdin"
expect_stderr_exact "dkg: <stdin>:1:1: error: id: must be a string"
run "$DKG" eval --gold - --pred -
expect_status 2 "both on stdin"
expect_stderr "dkg eval: --gold and --pred cannot both read standard input"

# An empty gold scores nothing: every figure is the scorer's empty-set value.
: >"$TMP/empty.jsonl"
run "$DKG" eval --gold "$TMP/empty.jsonl" --pred $F/pred.jsonl --format json
expect_status 0 "empty gold"
json_is 'd["articles"], d["person"]["p"], d["person"]["r"], d["meet_status_acc"]' "0 1.0 1.0 None"

# --- extracting the articles in-process -----------------------------------------------
# The figures depend on the extractor; what the gold fixes is how many items
# there are to find (tp + fn) and that all three articles were read.
run "$DKG" eval --gold $F/gold.jsonl --format json
expect_status 0 "in-process"
expect_stderr_exact ""
json_is 'd["articles"], d["errors"]' "3 0"
json_is '[d[k]["tp"] + d[k]["fn"] for k in ("person", "place", "meet", "call", "visit")]' \
    "[8, 5, 3, 1, 2]"
cp "$TMP/out" "$TMP/inprocess.json"

# DIR gives the articles' folder when the gold lives elsewhere; same figures.
cp $F/gold.jsonl "$TMP/gold.jsonl"
run "$DKG" eval --gold "$TMP/gold.jsonl" --format json $F
expect_status 0 "DIR"
if cmp -s "$TMP/out" "$TMP/inprocess.json"; then pass; else fail "DIR changes the figures"; fi

# Articles that cannot be read score as empty extractions, are counted as
# errors and make the exit status 1; the scores are still printed.
printf '\377\376' >"$TMP/gamma.txt"
run "$DKG" eval --gold "$TMP/gold.jsonl" --format json
expect_status 1 "unreadable articles"
expect_stderr "dkg: $TMP/alpha.txt: error: cannot open: No such file or directory"
expect_stderr "dkg: $TMP/02.txt: error: cannot open: No such file or directory"
expect_stderr "dkg: $TMP/gamma.txt: byte 0: error: invalid UTF-8"
json_is 'd["articles"], d["errors"], d["person"]["tp"], d["person"]["fn"], d["person"]["p"]' \
    "3 3 0 8 0.0"

# A broken --lexicon file stops eval before any scoring, as it stops extract.
printf '{"x":\n' >"$TMP/bad-lexicon.json"
run "$DKG" eval --gold $F/gold.jsonl --lexicon "$TMP/bad-lexicon.json"
expect_status 1 "bad lexicon"
expect_stderr "dkg: $TMP/bad-lexicon.json:1:6: error:"
expect_no_stdout

# --- help and usage errors (exit 2) ----------------------------------------------------
run "$DKG" eval --help
expect_status 0 "--help"
expect_stdout "Usage: dkg eval --gold GOLD.jsonl [OPTIONS] [DIR]"
expect_stdout "--format FORMAT"

run "$DKG" eval
expect_status 2 "no --gold"
expect_stderr_exact "dkg eval: --gold GOLD.jsonl is required
Try 'dkg eval --help'."
expect_no_stdout

run "$DKG" eval --gold $F/gold.jsonl --format xml
expect_status 2 "bad format"
expect_stderr_exact "dkg eval: unknown format 'xml' (table or json)
Try 'dkg eval --help'."

run "$DKG" eval --gold $F/gold.jsonl a b
expect_status 2 "two folders"
expect_stderr "one article folder at most, got 'a' and 'b'"

run "$DKG" eval --bogus
expect_status 2 "unknown option"
expect_stderr "dkg eval: unknown option '--bogus'"

run "$DKG" eval --gold
expect_status 2 "missing argument"
expect_stderr "dkg eval: option '--gold' needs an argument"

# --- unreadable or malformed gold and predictions (exit 1) -----------------------------
run "$DKG" eval --gold "$TMP/nonexistent.jsonl" --pred $F/pred.jsonl
expect_status 1 "missing gold"
expect_stderr_exact "dkg: $TMP/nonexistent.jsonl: error: cannot open: No such file or directory"
expect_no_stdout

printf '{"id": "a", "persons": []}\n{"id": "b", "persons": [}\n' >"$TMP/bad.jsonl"
run "$DKG" eval --gold "$TMP/bad.jsonl" --pred $F/pred.jsonl
expect_status 1 "bad JSON"
expect_stderr_exact "dkg: $TMP/bad.jsonl:2:25: error: malformed JSON"

printf '{"id": "a"} x\n' >"$TMP/bad.jsonl"
run "$DKG" eval --gold "$TMP/bad.jsonl" --pred $F/pred.jsonl
expect_status 1 "trailing text"
expect_stderr_exact "dkg: $TMP/bad.jsonl:1:13: error: unexpected text after the JSON value"

printf '\n{"persons": []}\n' >"$TMP/bad.jsonl"
run "$DKG" eval --gold "$TMP/bad.jsonl" --pred $F/pred.jsonl
expect_status 1 "no id"
expect_stderr_exact "dkg: $TMP/bad.jsonl:2:1: error: id: missing (a string is required)"

printf '{"id": "a", "persons": [{"name": "X"}, {"mentions": []}]}\n' >"$TMP/bad.jsonl"
run "$DKG" eval --gold "$TMP/bad.jsonl" --pred $F/pred.jsonl
expect_status 1 "person without name"
expect_stderr_exact "dkg: $TMP/bad.jsonl:1:1: error: persons[1].name: missing (a string is required)"

printf '{"id": "a", "meetings": [{"a": "X", "b": 7}]}\n' >"$TMP/bad.jsonl"
run "$DKG" eval --gold "$TMP/bad.jsonl" --pred $F/pred.jsonl
expect_status 1 "mistyped field"
expect_stderr_exact "dkg: $TMP/bad.jsonl:1:1: error: meetings[0].b: must be a string"

printf '{"id": "a\377"}\n' >"$TMP/bad.jsonl"
run "$DKG" eval --gold "$TMP/bad.jsonl" --pred $F/pred.jsonl
expect_status 1 "invalid UTF-8"
expect_stderr_exact "dkg: $TMP/bad.jsonl:1:10: error: invalid UTF-8"

printf '{"doc": {}}\n[1]\n' >"$TMP/badpred.jsonl"
run "$DKG" eval --gold $F/gold.jsonl --pred "$TMP/badpred.jsonl"
expect_status 1 "prediction not an object"
expect_stderr_exact "dkg: $TMP/badpred.jsonl:2:1: error: a prediction must be a JSON object"
expect_no_stdout

testlib_end
