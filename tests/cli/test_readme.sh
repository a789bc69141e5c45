#!/usr/bin/env bash
# tests/cli/test_readme.sh - the README stays true to the command: every long
# option each subcommand's --help lists is documented in README.md, every
# subcommand is there, and the quick start's test command is what CI runs.
. "$(dirname "$0")/testlib.sh"
readme="$DKG_SOURCE_DIR/README.md"

for sub in extract build merge query export eval; do
    run "$DKG" "$sub" --help
    expect_status 0 "dkg $sub --help"
    if grep -q "dkg $sub" "$readme"; then pass; else fail "README lacks 'dkg $sub'"; fi
    for opt in $(grep -oE -- '--[a-z][a-z0-9-]+' "$TMP/out" | sort -u); do
        [ "$opt" = "--help" ] && continue
        if grep -qF -- "$opt" "$readme"; then pass; else fail "README lacks $sub option $opt"; fi
    done
done

# The two quick-start commands exist and CI runs the README's test command.
for script in scripts/demo.sh scripts/test.sh; do
    if grep -qF "$script" "$readme" && [ -x "$DKG_SOURCE_DIR/$script" ]; then pass; else fail "quick start: $script"; fi
done
if grep -q '^scripts/test.sh' "$DKG_SOURCE_DIR/.ci/run"; then pass; else fail ".ci/run does not run scripts/test.sh"; fi
testlib_end
