#!/usr/bin/env bash
# scripts/test.sh - set up, build and run the whole test suite with ctest.
# Usage: scripts/test.sh [--sanitize] [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh "$@"
build_dir=build
[ "${1:-}" = "--sanitize" ] && build_dir=${2:-build-sanitize} || build_dir=${1:-build}
ctest --test-dir "$build_dir" --output-on-failure -j"$(nproc)"
