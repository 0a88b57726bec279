#!/usr/bin/env python3
"""Deep nesting (tests/words/deep-nesting): lists and block quotes nested
to the reader's limit are set inside the column, every line at least the
minimum measure wide (about 40% of the column: src/pdf/layout_blocks.c
NEST_MIN_MEASURE), so no level is squeezed to a letter a line or runs
past the column.  (That no word is lost is t_wordcheck.py's.)"""
import os
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wordcheck  # noqa: E402

CASE = os.path.join(wordcheck.ROOT, "tests", "words", "deep-nesting")
EPS = 0.6
failures = 0


def report(ok, name, detail=""):
    global failures
    failures += not ok
    print(("PASS: " if ok else "FAIL: ") + "nesting: " + name + ("" if ok else ": " + detail))


def main():
    with tempfile.TemporaryDirectory() as tmp:
        o, err = wordcheck.build(CASE, os.path.join(tmp, "w"))
        if err:
            report(False, "build", err)
            return 1
        pages = []
        with open(o["dump"], encoding="utf-8") as f:
            for line in f:
                t = line.rstrip("\n").split("\t")
                if t[0] == "page":
                    pages.append({"ncols": int(t[5]), "col_w": float(t[6]),
                                  "col_x": [float(x) for x in t[9:]], "lines": []})
                elif t[0] == "box" and t[3] == "line" and t[4] == "body" and int(t[2]) >= 0:
                    ln, cnt = t[10].split("/")
                    pages[int(t[1])]["lines"].append(
                        (int(t[2]), float(t[5]), float(t[7]), int(cnt), t[12]))
        outside, narrow, n = [], [], 0
        for pi, p in enumerate(pages):
            for col, x, w, count, pos in p["lines"]:
                n += 1
                x0 = p["col_x"][col]
                if x < x0 - EPS or x + w > x0 + p["col_w"] + EPS:
                    outside.append("p%d %s x=%.1f w=%.1f" % (pi, pos, x, w))
                # text lines (labels have no line count) keep the minimum measure
                if count > 0 and w < 0.4 * p["col_w"] - EPS:
                    narrow.append("p%d %s w=%.1f of %.1f" % (pi, pos, w, p["col_w"]))
        report(n > 100, "the deep issue has %d body lines" % n)
        report(not outside, "every line inside its column", "; ".join(outside[:5]))
        report(not narrow, "every line at least 40% of the column wide", "; ".join(narrow[:5]))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
