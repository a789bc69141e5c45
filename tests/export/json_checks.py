#!/usr/bin/env python3
"""Evaluate many JSON assertions in one Python process (tests/cli/test_export*.sh).

usage: json_checks.py CHECKS
CHECKS holds records separated by NUL: FILE, EXPR, EXPECTED, repeated. For each,
d is the JSON in FILE and EXPR is evaluated as testlib.sh's json_is does (the
values printed like print(EXPR) would, separated by spaces) and compared with
EXPECTED. Starting Python once instead of once per check keeps the tests within
their time budget on a busy machine. Prints failures, then "N passed, N failed".
"""
import json
import sys


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        parts = f.read().split("\0")
    passed = failed = 0
    for i in range(0, len(parts) - 2, 3):
        path, expr, want = parts[i:i + 3]
        try:
            with open(path, encoding="utf-8") as f:
                d = json.load(f)
            got = eval("(lambda *a: ' '.join(map(str, a)))(" + expr + ")", {"d": d})
        except Exception as exc:  # a broken file or expression is a failure to report
            got = f"{type(exc).__name__}: {exc}"
        if got == want:
            passed += 1
        else:
            failed += 1
            print(f"FAIL: {expr} is '{got}', expected '{want}'")
    print(f"{passed} passed, {failed} failed")


if __name__ == "__main__":
    main()
