#!/usr/bin/env bash
# scripts/setup.sh - install what dkg needs to build and test on Debian 12 or
# Ubuntu (with sudo when not root), then configure and build into build/.
# Usage: scripts/setup.sh [--sanitize] [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."

sanitize=OFF
if [ "${1:-}" = "--sanitize" ]; then sanitize=ON; shift; fi
build_dir=${1:-build}

packages=(build-essential cmake pkg-config libpcre2-dev libigraph-dev libcjson-dev iso-codes
          python3 python3-networkx libxml2-utils graphviz)
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
[ -n "${CI:-}" ] && werror=ON
cmake -S . -B "$build_dir" -DDKG_WERROR=$werror -DDKG_SANITIZE=$sanitize >/dev/null
cmake --build "$build_dir" -j"$(nproc)" >/dev/null
echo "setup: built $build_dir/dkg" >&2
