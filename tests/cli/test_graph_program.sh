# tests/cli/test_graph_program.sh - `dkg` and `dkg-graph` (src/cli_graph_exec.c):
# dkg itself does not load igraph, its graph subcommands run in dkg-graph
# found beside it (also through symlinks, as Hadoop's -files ships them), and
# a missing dkg-graph is one clear error, while extraction still works.
. "$DKG_SOURCE_DIR/tests/cli/testlib.sh"
export DKG_DATA_DIR="$DKG_SOURCE_DIR/data"
bin_dir=$(dirname "$DKG")
[ -x "$bin_dir/dkg-graph" ] || { echo "no dkg-graph beside $DKG; skipped"; exit 77; }

# dkg links no igraph: that is the point of the split.
if command -v ldd >/dev/null && ldd "$DKG" >"$TMP/ldd" 2>&1; then
    if grep -q igraph "$TMP/ldd"; then fail "dkg links igraph: $(grep igraph "$TMP/ldd")"; else pass; fi
    if grep -q igraph <(ldd "$bin_dir/dkg-graph"); then pass; else fail "dkg-graph lacks igraph"; fi
fi

# The graph subcommands answer through dkg exactly as dkg-graph does.
run "$DKG" merge --help
expect_status 0 "merge --help"
expect_stdout "Usage: dkg merge"
"$bin_dir/dkg-graph" merge --help >"$TMP/direct" 2>&1
if cmp -s "$TMP/out" "$TMP/direct"; then pass; else fail "dkg merge --help differs from dkg-graph's"; fi

# A task directory of symlinks, each pointing into its own cache directory.
mkdir -p "$TMP/cache1" "$TMP/cache2" "$TMP/task"
cp "$DKG" "$TMP/cache1/dkg"
cp "$bin_dir/dkg-graph" "$TMP/cache2/dkg-graph"
ln -s "$TMP/cache1/dkg" "$TMP/task/dkg"
ln -s "$TMP/cache2/dkg-graph" "$TMP/task/dkg-graph"
printf 'Emmanuel Macron met Xi Jinping in Beijing on Thursday.\n' >"$TMP/a.txt"
(cd "$TMP/task" && ./dkg build -o "$TMP/g.json" "$TMP/a.txt") >"$TMP/out" 2>"$TMP/err"
status=$?
expect_status 0 "build through symlinks"
run "$TMP/task/dkg" query "$TMP/g.json" who-met Macron
expect_status 0 "query through a symlink"
expect_stdout "Xi Jinping"

# dkg alone: extraction works, a graph subcommand says what is missing.
run "$TMP/cache1/dkg" extract -j1 "$TMP/a.txt"
expect_status 0 "extract without dkg-graph"
expect_stdout '"person/xi-jinping"'
run "$TMP/cache1/dkg" build -o "$TMP/h.json" "$TMP/a.txt"
expect_status 1 "build without dkg-graph"
expect_stderr "dkg: error: 'build' runs in the program dkg-graph, which is neither beside dkg ($TMP/cache1) nor in "
expect_no_stdout
[ ! -e "$TMP/h.json" ] && pass || fail "build without dkg-graph wrote a graph"
testlib_end
