#!/usr/bin/env python3
"""The word invariant (tests/wordcheck.py) on every input of a pipeline
fuzzer run: tests/fuzz_run.sh runs tests/fuzz/fuzz_pipeline with
FUZZ_SAVE_INPUTS=DIR, which writes every input the run executes to DIR,
and then calls

    python3 tests/fuzz_words.py DIR

Each input is built with `folio build` as an article of an issue:
  - an input the reader refuses must fail with errors at positions in its
    own file (content/fNNNN.md:line:col: error: ...), never a crash;
  - an input that builds must keep every word: `folio text` == the PDF's
    words (through its structure tree) == the EPUB's words.

Affordable: identical inputs are built once, and the distinct ones are
built BATCH (default 40) at a time as the articles of one issue, so a
build, `folio text`, `folio tree` and the readings of the PDF and EPUB
serve many inputs.  A refused article is taken out of its batch and the
rest built again; a batch that crashes, or loses a word, is split in
halves down to the single input, so every failure names its input (kept
in build/fuzz/words-failed/ for a look).  Prints PASS/FAIL lines."""
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wordcheck  # noqa: E402

ROOT = wordcheck.ROOT
BATCH = int(os.environ.get("FUZZ_WORDS_BATCH", "40"))
HEAD = "title: Fuzz\npublisher: P\nlanguage: nl\ndate: 2019\narticles:\n"
ERROR = re.compile(r"^content/(f\d+)\.md:\d+:\d+: error: ")


class Run:
    def __init__(self, tmp):
        self.tmp = tmp
        self.builds = 0
        self.built = []           # names of inputs built with every word
        self.refused = []         # names refused with positioned errors
        self.bad_refusals = []    # (name, message)
        self.losses = []          # (name, message)

    def issue(self, batch):
        """Writes an issue of the inputs BATCH ([(name, bytes)]); its path."""
        self.builds += 1
        case = os.path.join(self.tmp, "b%d" % self.builds)
        content = os.path.join(case, "content")
        os.makedirs(content)
        with open(os.path.join(content, "issue.yaml"), "w") as f:
            f.write(HEAD + "".join("  - %s.md\n" % n for n, _ in batch))
        for n, data in batch:
            with open(os.path.join(content, n + ".md"), "wb") as f:
                f.write(data)
        return content

    def check(self, batch):
        """Reads BATCH (`folio tree`): the inputs the reader refuses, with
        errors at positions in their own files, are refused; the rest are
        built and checked.  Anything else splits the batch in halves."""
        if not batch:
            return
        content = self.issue(batch)
        r = subprocess.run([wordcheck.FOLIO, "tree", "content"], capture_output=True,
                           text=True, errors="replace", cwd=os.path.dirname(content))
        errs = [l for l in r.stderr.splitlines() if ": error: " in l]
        named = {m.group(1) for m in map(ERROR.match, errs) if m}
        clean = (r.returncode == 0 and not errs) or (
            r.returncode == 1 and errs and all(ERROR.match(l) for l in errs))
        shutil.rmtree(os.path.dirname(content), ignore_errors=True)
        if not clean:
            if len(batch) == 1:
                self.bad_refusals.append((batch[0][0], "status %d: %s" % (
                    r.returncode, r.stderr[-300:])))
            else:
                self.split(batch, self.check)
            return
        self.refused += [n for n, _ in batch if n in named]
        self.build([x for x in batch if x[0] not in named])

    def build(self, batch):
        """Builds BATCH (inputs the reader takes) and checks every word."""
        if not batch:
            return
        content = self.issue(batch)
        o, err = wordcheck.build(content, os.path.join(os.path.dirname(content), "w"))
        results = [(False, "words: " + err)] if err else wordcheck.check_outputs("batch", o)
        shutil.rmtree(os.path.dirname(content), ignore_errors=True)
        if all(ok for ok, _ in results):
            self.built += [n for n, _ in batch]
        elif len(batch) > 1:
            self.split(batch, self.build)
        elif err and re.search(r"content/%s\.md:\d+:\d+: error: " % batch[0][0], err):
            self.refused.append(batch[0][0])   # refused by layout, at a position
        elif err:
            self.bad_refusals.append((batch[0][0], err[-300:]))
        else:
            self.losses.append((batch[0][0], "; ".join(m for ok, m in results if not ok)))

    @staticmethod
    def split(batch, how):
        half = len(batch) // 2
        how(batch[:half])
        how(batch[half:])


def main(argv):
    if len(argv) != 1:
        print(__doc__)
        return 2
    src = argv[0]
    files = sorted(os.listdir(src))
    start = time.time()
    distinct = {}
    for f in files:
        data = open(os.path.join(src, f), "rb").read()
        distinct.setdefault(hashlib.sha256(data).hexdigest(), (f, data))
    inputs = [("f%s" % f, data) for f, data in distinct.values()]
    failed_dir = os.path.join(ROOT, "build", "fuzz", "words-failed")
    tmp = tempfile.mkdtemp(prefix="fuzzwords-")
    try:
        run = Run(tmp)
        for i in range(0, len(inputs), BATCH):
            run.check(inputs[i:i + BATCH])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if run.losses or run.bad_refusals:
        os.makedirs(failed_dir, exist_ok=True)
        for name, _ in run.losses + run.bad_refusals:
            shutil.copy(os.path.join(src, name[1:]), failed_dir)
    ok = len(run.built) + len(run.refused) == len(inputs) and inputs
    print(("PASS: " if ok else "FAIL: ") +
          "fuzz-words: every input of the run checked: %d inputs (%d distinct): %d built with "
          "every word in both editions, %d refused (%d builds, %.0f s)"
          % (len(files), len(inputs), len(run.built), len(run.refused), run.builds,
             time.time() - start))
    print(("PASS: " if not run.bad_refusals else "FAIL: ") +
          "fuzz-words: every refused input has errors at positions in its own file" +
          "".join("\n  %s: %s" % b for b in run.bad_refusals[:5]))
    print(("PASS: " if not run.losses else "FAIL: ") +
          "fuzz-words: %d inputs lose or add words (kept in build/fuzz/words-failed/)"
          % len(run.losses) + "".join("\n  %s: %s" % (n, m[:400]) for n, m in run.losses[:8]))
    return 0 if ok and not run.losses and not run.bad_refusals else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
