#!/usr/bin/env bash
# scripts/demo.sh - the README's first quick-start command: set up (install the
# Debian packages, build), then run dkg's main job on the bundled samples with
# the default lexicon and rules: extract, build the graph, ask it questions,
# export it for a browser and for Gephi. Everything it writes goes to out/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mkdir -p out
dkg=build/dkg

echo "== dkg extract: the events of one sample article (JSON, first lines)"
"$dkg" extract samples/01_albanese_modi.txt | sed -n '1,30p'
echo "..."

echo "== dkg build: one knowledge graph from every sample"
"$dkg" build -o out/samples-graph.json samples/*.txt

echo "== dkg query: the most connected actors, and whom Modi met"
"$dkg" query out/samples-graph.json rank --by degree --top 5
"$dkg" query out/samples-graph.json who-met Modi --evidence || true

echo "== dkg export: a page to open in a browser, and GraphML for Gephi"
"$dkg" export out/samples-graph.json --to html -o out/samples-graph.html
"$dkg" export out/samples-graph.json --to graphml -o out/samples-graph.graphml
echo "wrote out/samples-graph.json, out/samples-graph.html, out/samples-graph.graphml"
