#!/usr/bin/env bash
# scripts/test.sh - set up, build and run the whole test suite with ctest.
# Usage: scripts/test.sh [--ci] [--sanitize] [BUILD_DIR]
#   BUILD_DIR defaults to build (build-sanitize with --sanitize).
set -euo pipefail
cd "$(dirname "$0")/.."
opts=()
sanitize=0
while [ $# -gt 0 ]; do
    case $1 in
    --ci) opts+=(--ci); shift ;;
    --sanitize) opts+=(--sanitize); sanitize=1; shift ;;
    *) break ;;
    esac
done
build_dir=${1:-build}
[ $sanitize -eq 1 ] && build_dir=${1:-build-sanitize}
scripts/setup.sh "${opts[@]}" "$build_dir"
ctest --test-dir "$build_dir" --output-on-failure -j"$(nproc)"
