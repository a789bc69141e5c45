#!/usr/bin/env bash
# scripts/setup.sh - install what dkg needs to build and test on Debian 12 or
# Ubuntu (with sudo when not root), then configure and build into build/.
# Usage: scripts/setup.sh [--ci] [--sanitize] [BUILD_DIR]
#
# The quick start installs only what building and the core tests need. Tests
# of optional consumers (Graphviz, NetworkX, xmllint, a headless browser) skip
# (exit 77) when their tool is missing; --ci, or CI set in the environment,
# installs all of them plus clang (fuzzing) and valgrind, and builds with
# -Werror.
set -euo pipefail
cd "$(dirname "$0")/.."

ci=${CI:+1}
sanitize=OFF
while [ $# -gt 0 ]; do
    case $1 in
    --ci) ci=1; shift ;;
    --sanitize) sanitize=ON; shift ;;
    *) break ;;
    esac
done
build_dir=${1:-build}

packages=(build-essential cmake pkg-config libpcre2-dev libigraph-dev libcjson-dev iso-codes
          python3)
if [ -n "$ci" ]; then
    packages+=(python3-networkx libxml2-utils graphviz chromium clang valgrind)
fi
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo=sudo
    echo "setup: installing ${missing[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

werror=OFF
[ -n "$ci" ] && werror=ON
cmake -S . -B "$build_dir" -DDKG_WERROR=$werror -DDKG_SANITIZE=$sanitize >/dev/null
cmake --build "$build_dir" -j"$(nproc)" >/dev/null
echo "setup: built $build_dir/dkg" >&2
