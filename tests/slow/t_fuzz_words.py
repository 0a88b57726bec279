#!/usr/bin/env python3
# serial
# asan: skip (the fuzz target is built with ASan and UBSan itself)
"""The word invariant (tests/wordcheck.py) on the pipeline fuzzer's fixed
run (make check).

Runs tests/fuzz/fuzz_pipeline with the long run's seed and count (seed 1,
FUZZ_RUNS_PIPELINE, default 1500; built by scripts/fuzz.sh if missing)
into a fresh corpus folder: libFuzzer keeps there every input of the run
that reached new code.  Each of those inputs, and each seed input, is then
built as the one article of an issue with `folio build`:

  - an input the reader refuses must fail with errors at positions
    (file:line:col), never a crash;
  - an input that builds must keep every word: `folio text` == the PDF's
    words == the EPUB's words.

Prints the number of inputs of each kind; any loss fails, naming the
input (kept in build/fuzz/words-failed/ for a look)."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests"))
import wordcheck  # noqa: E402

RUNS = os.environ.get("FUZZ_RUNS_PIPELINE", "1500")
SEED = os.environ.get("FUZZ_SEED", "1")
FUZZER = os.path.join(ROOT, "build", "fuzz", "fuzz_pipeline")
ISSUE = "title: Fuzz\npublisher: P\nlanguage: nl\ndate: 2019\narticles:\n  - fuzz.md\n"


def main():
    if not os.path.exists(FUZZER) or any(
            os.path.getmtime(os.path.join(d, f)) > os.path.getmtime(FUZZER)
            for d in ("src", "src/pdf", "src/epub", "tests/fuzz")
            for f in os.listdir(os.path.join(ROOT, d)) if f.endswith((".c", ".h"))):
        env = dict(os.environ, FUZZ_SEED=SEED, FUZZ_RUNS_PIPELINE="1")
        subprocess.run(["sh", "scripts/fuzz.sh", "60", "pipeline"], cwd=ROOT, env=env,
                       capture_output=True)
    if not os.path.exists(FUZZER):
        print("FAIL: fuzz-words: build/fuzz/fuzz_pipeline could not be built (clang?)")
        return 1
    failed_dir = os.path.join(ROOT, "build", "fuzz", "words-failed")
    shutil.rmtree(failed_dir, ignore_errors=True)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = os.path.join(tmp, "corpus")
        os.makedirs(corpus)
        seeds = os.path.join(ROOT, "tests", "fuzz", "corpus-pipeline")
        p = subprocess.run([FUZZER, "-seed=" + SEED, "-runs=" + RUNS, "-max_len=65536",
                            "-timeout=20", "-rss_limit_mb=2048", corpus, seeds], cwd=ROOT,
                           capture_output=True, text=True, errors="replace",
                           env=dict(os.environ, ASAN_OPTIONS="detect_leaks=0"))
        ok_run = p.returncode == 0
        print(("PASS: " if ok_run else "FAIL: ") +
              "fuzz-words: the fixed run (seed %s, %s inputs) ran" % (SEED, RUNS) +
              ("" if ok_run else ": " + p.stderr[-500:]))
        inputs = [os.path.join(corpus, f) for f in sorted(os.listdir(corpus))] + \
                 [os.path.join(seeds, f) for f in sorted(os.listdir(seeds))]
        built = refused = 0
        losses, bad_refusals = [], []
        for path in inputs:
            data = open(path, "rb").read()
            case = os.path.join(tmp, "case")
            shutil.rmtree(case, ignore_errors=True)
            os.makedirs(os.path.join(case, "content"))
            with open(os.path.join(case, "content", "issue.yaml"), "w") as f:
                f.write(ISSUE)
            with open(os.path.join(case, "content", "fuzz.md"), "wb") as f:
                f.write(data)
            t = subprocess.run([wordcheck.FOLIO, "tree", "content"], cwd=case,
                               capture_output=True, text=True, errors="replace")
            if t.returncode != 0:
                refused += 1
                errs = [l for l in t.stderr.splitlines() if ": error: " in l]
                if t.returncode != 1 or not errs or not all(
                        re.match(r"^content/\S+:\d+:\d+: error: ", l) for l in errs):
                    bad_refusals.append("%s: status %d: %s" % (os.path.basename(path),
                                                               t.returncode, t.stderr[-200:]))
                continue
            results = wordcheck.check_issue(os.path.join(case, "content"),
                                            os.path.basename(path))
            if all(ok for ok, _ in results) and results:
                built += 1
                continue
            losses.append("; ".join(m for ok, m in results if not ok))
            os.makedirs(failed_dir, exist_ok=True)
            shutil.copy(path, failed_dir)
        print("PASS: fuzz-words: %d inputs: %d built with every word in both editions, "
              "%d refused" % (len(inputs), built, refused))
        print(("PASS: " if not bad_refusals else "FAIL: ") +
              "fuzz-words: every refused input has errors at positions" +
              "".join("\n  " + b for b in bad_refusals[:5]))
        print(("PASS: " if not losses else "FAIL: ") +
              "fuzz-words: %d inputs lose or add words (kept in build/fuzz/words-failed/)"
              % len(losses) + "".join("\n  " + l[:400] for l in losses[:8]))
    return 0 if ok_run and not losses and not bad_refusals else 1


if __name__ == "__main__":
    sys.exit(main())
