# tests/cli/test_messages.sh - what dkg prints about hostile names stays inert
# (issue 7), and an unusable -o is refused before any input is read.
#
# A file name, an argument or a line of a broken data file can hold terminal
# control sequences; every message shows each control character (C0, DEL,
# C1 such as U+009B, the one-byte CSI) as '?'.
. "$DKG_SOURCE_DIR/tests/cli/testlib.sh"
cd "$TMP" || exit 1

# No byte below 0x20 except the newline, no DEL and no C1 pair on stderr.
expect_stderr_inert() {
    if LC_ALL=C grep -qP '[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]' "$TMP/err"; then
        fail "$1: stderr holds control characters: $(od -c "$TMP/err" | head -5)"
    else
        pass
    fi
}

run "$DKG" $'\e[31mred'
expect_status 2 "unknown subcommand:"
expect_stderr_exact "dkg: error: '?[31mred' is not a dkg subcommand; try 'dkg --help'"
expect_stderr_inert "unknown subcommand"

run "$DKG" extract $'no\e]0;title\a-such.txt'
expect_status 1 "missing file with escapes in its name:"
expect_stderr_exact "dkg: no?]0;title?-such.txt: error: cannot open: No such file or directory"
expect_stderr_inert "file name"

# A rules file whose broken line holds DEL and U+009B: the quoted line is inert.
printf '{"rules": [ {"id": "x\x7f\xc2\x9b2J", } ]}\n' >rules.json
run "$DKG" extract --rules rules.json --date 2025-01-01 -
expect_status 1 "broken rules file:"
expect_stderr "dkg: rules.json:1:"
expect_stderr_inert "rules context"

# -o into a missing directory fails at once: before, build read all its input
# first (here an endless stream, so it would never end).
yes 'Chinese President Xi Jinping met French President Emmanuel Macron in Beijing.' |
    timeout 20 "$DKG" build --date 2025-01-01 -o missing/dir/g.json - >"$TMP/out" 2>"$TMP/err"
status=$?
expect_status 1 "build into a missing directory:"
expect_stderr_exact "dkg: missing/dir/g.json: error: cannot write into 'missing/dir': No such file or directory; create it or choose another -o"
[ ! -e missing ] && pass || fail "something was created"

mkdir ro && chmod 555 ro
if [ ! -w ro ]; then # root can write anyway
    run "$DKG" merge -o ro/g.json nothing.json
    expect_status 1 "merge into a read-only directory:"
    expect_stderr_exact "dkg: ro/g.json: error: cannot write into 'ro': Permission denied"
fi
chmod 755 ro

testlib_end
