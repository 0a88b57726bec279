#!/usr/bin/env python3
"""The construct corpus (tests/construct_corpus.py): every construct of the
format inside every container it can appear in, built as one issue.

  - the issue reads without an error or warning;
  - the word invariant (tests/wordcheck.py) holds for it, and a word it
    finds missing or extra names its (container, construct) pair;
  - every pair the format refuses fails with an error at a position
    (file:line:col), never silently and never as a crash."""
import os
import re
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import construct_corpus  # noqa: E402
import wordcheck  # noqa: E402

report = wordcheck.Checks("corpus: ")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        combos, refused = construct_corpus.generate(tmp)
        content = os.path.join(tmp, "content")
        p = subprocess.run([wordcheck.FOLIO, "tree", "content"], cwd=tmp, capture_output=True,
                           text=True)
        report(p.returncode == 0 and not p.stderr.strip(),
               "the corpus reads without a diagnostic", p.stderr.strip()[-800:])
        by_word = {w: (c, k) for c, k, w in combos}
        results = wordcheck.check_issue(content, "construct corpus")
        for ok, msg in results:
            named = sorted({"%s x %s" % by_word[w] for w in re.findall(r"\b(kc\d{3})\b", msg)
                            if w in by_word})
            report(ok, msg.replace("words: ", "", 1),
                   ("pairs: " + ", ".join(named)) if named else "")
        containers = sorted({c for c, _, _ in combos})
        constructs = sorted({k for _, k, _ in combos})
        report(len(combos) > 250, "%d container x construct pairs (%d containers, %d constructs)"
               % (len(combos), len(containers), len(constructs)))
        for name, d in refused:
            p = subprocess.run([wordcheck.FOLIO, "tree", "content"], cwd=d, capture_output=True,
                               text=True)
            m = re.search(r"^content/a\.md:(\d+):(\d+): error: .*$", p.stderr, re.M)
            report(p.returncode == 1 and m and int(m.group(1)) > 0 and int(m.group(2)) > 0,
                   "refused with a position: %s" % name,
                   "status %d: %s" % (p.returncode, p.stderr.strip()[-300:]))
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
