#!/usr/bin/env python3
# serial
"""The watch tests under load (make check): tests/t_watch*.py, each run 20
times in a row while two busy loops keep both cores of a two-core machine
(or as many loops as there are cores) fully loaded.  A watch test that
fails even once fails this test: on a busy machine a good save must never
be reported as a failed build, nor a rebuild be missed.

Bounded in time: STRESS_SECONDS (default 1500) for the whole run; when it
runs out, the runs not made are a failure, never silently skipped.
WATCH_STRESS_RUNS (default 20) sets the number of rounds."""
import glob
import multiprocessing
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RUNS = int(os.environ.get("WATCH_STRESS_RUNS", "20"))
BUDGET = float(os.environ.get("STRESS_SECONDS", "1500"))


def busy():
    while True:
        pass


def main():
    tests = sorted(glob.glob(os.path.join(ROOT, "tests", "t_watch*.py")))
    if not tests:
        print("FAIL: watch-stress: no tests/t_watch*.py found")
        return 1
    loaders = [multiprocessing.Process(target=busy, daemon=True)
               for _ in range(max(2, os.cpu_count() or 2))]
    for p in loaders:
        p.start()
    failed, made, t0 = [], 0, time.monotonic()
    try:
        for r in range(RUNS):
            for t in tests:
                left = BUDGET - (time.monotonic() - t0)
                if left <= 0:
                    break
                try:
                    p = subprocess.run([sys.executable, t], capture_output=True, text=True,
                                       timeout=left)
                    ok = p.returncode == 0 and "FAIL:" not in p.stdout
                    out = p.stdout
                except subprocess.TimeoutExpired as e:
                    ok, out = False, "timed out: " + str(e.stdout or "")
                made += 1
                if not ok:
                    bad = [l for l in out.splitlines() if l.startswith("FAIL")] or [out[-300:]]
                    failed.append("round %d %s: %s" % (r + 1, os.path.basename(t),
                                                      " | ".join(bad[:3])))
    finally:
        for p in loaders:
            p.terminate()
    want = RUNS * len(tests)
    secs = time.monotonic() - t0
    print(("PASS: " if made == want else "FAIL: ") +
          "watch-stress: %d of %d runs made in %.0f s (budget %.0f s) with %d busy loops"
          % (made, want, secs, BUDGET, len(loaders)))
    print(("PASS: " if not failed else "FAIL: ") +
          "watch-stress: %d runs failed under load" % len(failed) +
          ("".join("\n  " + f for f in failed[:10]) if failed else ""))
    return 0 if made == want and not failed else 1


if __name__ == "__main__":
    sys.exit(main())
