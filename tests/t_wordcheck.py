#!/usr/bin/env python3
"""The word invariant (tests/wordcheck.py) on every issue the suite knows:
the bundled issue, tests/epub/all, tests/pdf/features, tests/pdf/craft, every issue under
tests/words/ (one folder per case: notes anywhere, divs in lists, deep
nesting, ...) and every case of tests/bad/ that builds (exit status 0).

First a self-check: the comparison must fail when a word is missing from
an edition, when one is added, and when a hyphenated word is cut without
its hyphen, so the check cannot pass by accident."""
import collections
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wordcheck  # noqa: E402

ROOT = wordcheck.ROOT


def issues():
    out = ["content", "tests/epub/all", "tests/pdf/features", "tests/pdf/craft"]
    words_dir = os.path.join(ROOT, "tests", "words")
    if os.path.isdir(words_dir):
        out += ["tests/words/" + d for d in sorted(os.listdir(words_dir))
                if os.path.exists(os.path.join(words_dir, d, "issue.yaml"))]
    bad = os.path.join(ROOT, "tests", "bad")
    for d in sorted(os.listdir(bad)):
        exp = os.path.join(bad, d, "expected.txt")
        if os.path.exists(exp) and open(exp, encoding="utf-8").readline().strip() == "0":
            out.append("tests/bad/" + d)
    return out


def self_check():
    want = collections.Counter(wordcheck.words("een beroeps-onderwijs twee drie"))
    cases = {
        "a word missing": "een beroepsonderwijs twee",
        "a word added": "een beroepsonderwijs twee drie vier",
        "a word cut in two": "een beroeps onderwijs twee drie",
    }
    bad = [name for name, got in cases.items()
           if wordcheck.compare("self", "X", want, collections.Counter(wordcheck.words(got)),
                                set())[0]]
    ok, _ = wordcheck.compare("self", "X", want, collections.Counter(
        wordcheck.words("een beroeps\u00adonder\u2010wijs twee drie")), set())
    if not ok:
        bad.append("hyphens not removed")
    print(("PASS: " if not bad else "FAIL: ") + "words: self-check (missing, added, cut words fail)"
          + (": passed on " + ", ".join(bad) if bad else ""))
    return len(bad)


def main():
    bad = self_check()
    for rel in issues():
        bad += wordcheck.report(wordcheck.check_issue(os.path.join(ROOT, rel), rel))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
