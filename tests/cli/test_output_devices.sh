#!/usr/bin/env bash
# tests/cli/test_output_devices.sh - a graph written to a device or pipe is
# written in place: renaming a temporary file over /dev/null would replace
# the device itself (CI runs as root), and /dev/full must fail cleanly.
. "$(dirname "$0")/testlib.sh"
article="$DKG_SOURCE_DIR/samples/01_albanese_modi.txt"

run "$DKG" build -o /dev/null "$article"
expect_status 0 "build -o /dev/null"
if [ -c /dev/null ]; then pass; else fail "/dev/null is no longer a character device"; fi

run "$DKG" build -o /dev/full "$article"
expect_status 1 "build -o /dev/full"
expect_stderr "dkg: /dev/full: error: cannot write: No space left on device"
if [ -c /dev/full ]; then pass; else fail "/dev/full is no longer a character device"; fi

run "$DKG" build -o "$TMP/g.json" "$article"
expect_status 0 "build a graph file"
"$DKG" merge -o /dev/stdout "$TMP/g.json" > "$TMP/merged" 2>/dev/null
if cmp -s "$TMP/merged" "$TMP/g.json"; then pass; else fail "merge -o /dev/stdout differs from the graph"; fi
if [ -L /dev/stdout ] || [ -c /dev/stdout ]; then pass; else fail "/dev/stdout was replaced"; fi

mkfifo "$TMP/pipe"
cat "$TMP/pipe" > "$TMP/from-pipe" &
"$DKG" merge -o "$TMP/pipe" "$TMP/g.json" 2>/dev/null
wait
if cmp -s "$TMP/from-pipe" "$TMP/g.json" && [ -p "$TMP/pipe" ]; then pass; else fail "merge into a FIFO"; fi
testlib_end
