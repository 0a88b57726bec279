#!/usr/bin/env python3
"""The largest C functions in src/ with their lengths in lines (from the
line of the name to the closing brace), largest first.

  scripts/func_sizes.py [N] [DIR]     # default: 10 largest in src/

Relies on the code's layout (clang-format): a function definition's
opening brace stands alone at column 0 and its closing brace too; the
name is on the line(s) just above the brace.
"""
import os
import re
import sys

NAME = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*\(")


def functions(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().split("\n")
    out = []
    i = 0
    while i < len(lines):
        if lines[i] == "{":
            # the head: lines above back to one that starts at column 0
            j = i - 1
            while j > 0 and lines[j][:1] in (" ", "\t"):
                j -= 1
            head = " ".join(lines[j:i])
            m = NAME.search(head)
            k = i + 1
            while k < len(lines) and lines[k] != "}":
                k += 1
            if m and "=" not in head.split("(")[0]:
                out.append((k - j + 1, m.group(1), path, j + 1))
            i = k
        i += 1
    return out


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    root = sys.argv[2] if len(sys.argv) > 2 else "src"
    found = []
    for d, _, files in os.walk(root):
        for f in sorted(files):
            if f.endswith(".c"):
                found += functions(os.path.join(d, f))
    found.sort(key=lambda x: (-x[0], x[2], x[3]))
    for length, name, path, line in found[:n]:
        print(f"{length:5d}  {name}  {path}:{line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
