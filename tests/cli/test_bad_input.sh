# tests/cli/test_bad_input.sh - hostile plain-text articles for 'dkg extract' (issue 7).
#
# Each bad article is given together with a good one: the exact message on
# stderr, exit status 1 (0 when only warnings), stdout equal to the good
# article's output alone (the others are still processed, nothing else is
# printed) and no file created. The good article has mentions and relations
# (an empty list trips tests/known_bugs/test_empty_relations.sh under UBSan).
. "$DKG_SOURCE_DIR/tests/cli/testlib.sh"
mkdir "$TMP/in" && cd "$TMP/in" || exit 1

X=("$DKG" extract)
printf ' date 2025-12-04 Talks\nChinese President Xi Jinping met French President Emmanuel Macron in Beijing.\n' >good.txt
"${X[@]}" good.txt >good.out 2>/dev/null
json_ok=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["relations"][0]["type"])' good.out)
[ "$json_ok" = meet ] && pass || fail "the good article gives a meeting, not '$json_ok'"

# check STATUS FILE EXPECTED-STDERR: extract FILE then good.txt.
check() {
    local before
    before=$(ls -A)
    run "${X[@]}" "$2" good.txt
    [ "$(ls -A)" = "$before" ] && pass || fail "$2: files appeared: $(ls -A)"
    expect_status "$1" "$2:"
    expect_stderr_exact "$3"
    if cmp -s good.out "$TMP/out"; then pass; else fail "$2: stdout is not the good article alone"; fi
}
bad_utf8() { echo "dkg: $1: byte $2: error: invalid UTF-8 (byte $3); convert the file to UTF-8, e.g. with iconv -f LATIN1 -t UTF-8; article skipped"; }

# --- invalid UTF-8 -------------------------------------------------------------------------
printf 'Anna Lind met \xc0\xaf Boris Dahl.\n' >overlong.txt           # '/' in two bytes
check 1 overlong.txt "$(bad_utf8 overlong.txt 14 0xC0)"
printf 'Anna Lind met \xe0\x80\xaf Boris Dahl.\n' >overlong3.txt      # '/' in three bytes
check 1 overlong3.txt "$(bad_utf8 overlong3.txt 14 0xE0)"
printf 'Anna Lind met \xed\xa0\x80 Boris Dahl.\n' >surrogate.txt      # U+D800
check 1 surrogate.txt "$(bad_utf8 surrogate.txt 14 0xED)"
printf 'Anna Lind met Boris Dahl \xe2\x82' >truncated.txt             # cut inside the euro sign
check 1 truncated.txt "$(bad_utf8 truncated.txt 25 0xE2)"
printf 'Anna Lind met\xe2\x82 Boris Dahl.\n' >truncated_mid.txt        # cut, then ASCII
check 1 truncated_mid.txt "$(bad_utf8 truncated_mid.txt 13 0xE2)"
printf 'Anna \xf4\x90\x80\x80 Lind.\n' >above.txt                      # U+110000
check 1 above.txt "$(bad_utf8 above.txt 5 0xF4)"
printf 'Anna \x80 Lind.\n' >stray.txt                                  # a lone continuation byte
check 1 stray.txt "$(bad_utf8 stray.txt 5 0x80)"
printf 'Anna Lind \xff\xfe.\n' >ff.txt
check 1 ff.txt "$(bad_utf8 ff.txt 10 0xFF)"

# --- NUL bytes and binary files -------------------------------------------------------------
printf 'Anna Lind met\0 Boris Dahl.\n' >nul.txt
check 1 nul.txt "dkg: nul.txt: byte 13: error: binary file (NUL byte), skipped; give dkg UTF-8 text or JSON Lines"
# A NUL beyond the first 8 KiB is found by the UTF-8 check instead.
{ head -c 9000 /dev/zero | tr '\0' 'a'; printf '\0 tail\n'; } >late_nul.txt
check 1 late_nul.txt "dkg: late_nul.txt: byte 9000: error: invalid UTF-8 (a NUL byte); convert the file to UTF-8, e.g. with iconv -f LATIN1 -t UTF-8; article skipped"
# A binary file: an ELF header (its 5th byte is the first NUL).
printf '\177ELF\002\001\001\0\0\0\0\0\0\0\0\0\003\0>\0' >binary.bin
check 1 binary.bin "dkg: binary.bin: byte 7: error: binary file (NUL byte), skipped; give dkg UTF-8 text or JSON Lines"

# --- empty articles: a warning, not a failure -------------------------------------------------
: >empty.txt
check 0 empty.txt "dkg: empty.txt: warning: empty article, skipped"
printf '  \n\t\n\n' >blank.txt
check 0 blank.txt "dkg: blank.txt: warning: empty article, skipped"

# --- files that cannot be read --------------------------------------------------------------
check 1 missing.txt "dkg: missing.txt: error: cannot open: No such file or directory"
if [ "$(id -u)" -ne 0 ]; then
    printf 'Anna Lind.\n' >locked.txt
    chmod 000 locked.txt
    check 1 locked.txt "dkg: locked.txt: error: cannot open: Permission denied"
    chmod 600 locked.txt
    rm -f locked.txt
else
    echo "root: chmod 000 does not stop reading; skipping the unreadable-file case"
fi
# Readable by name but failing on read() (EIO): a process's own memory map from offset 0.
if [ -e /proc/self/mem ]; then
    check 1 /proc/self/mem "dkg: /proc/self/mem: error: cannot read: Input/output error; file skipped"
fi

# --- directories: a symbolic link loop, a dangling link ---------------------------------------
mkdir -p tree/sub
cp good.txt tree/sub/a.txt
ln -s .. tree/sub/up
ln -s ../tree tree/self
ln -s nowhere tree/dangling
run "${X[@]}" tree
expect_status 0 "directory with loops"
expect_stderr_exact "dkg: tree/dangling: warning: broken symbolic link, skipped
dkg: tree/self: warning: directory loop through a symbolic link, skipped
dkg: tree/sub/up: warning: directory loop through a symbolic link, skipped"
python3 - "$TMP/out" good.out <<'PY' && pass || fail "the article inside the looping tree differs from the good one"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
a["doc"]["source"] = b["doc"]["source"]
sys.exit(0 if a == b else 1)
PY
rm -rf tree

# --- several bad inputs in one run: each reported, in order; the good one still printed --------
run "${X[@]}" nul.txt overlong.txt good.txt empty.txt missing.txt
expect_status 1 "mixed run"
expect_stderr_exact "dkg: nul.txt: byte 13: error: binary file (NUL byte), skipped; give dkg UTF-8 text or JSON Lines
$(bad_utf8 overlong.txt 14 0xC0)
dkg: empty.txt: warning: empty article, skipped
dkg: missing.txt: error: cannot open: No such file or directory"
cmp -s good.out "$TMP/out" && pass || fail "mixed run: stdout is not the good article alone"

# --- standard output on a full disk ----------------------------------------------------------
if [ -w /dev/full ]; then
    for mode in "" --jsonl; do
        "${X[@]}" $mode good.txt >/dev/full 2>"$TMP/err"
        status=$?
        expect_status 1 "extract $mode >/dev/full:"
        expect_stderr_exact "dkg: error: writing the output failed (disk full or closed pipe?)"
    done
fi

testlib_end
