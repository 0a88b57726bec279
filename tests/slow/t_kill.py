# asan: skip (this tests files, not memory; the ASan build's timing differs)
"""A build killed at any moment leaves the previous outputs intact.

Two versions of the bundled issue (A and B, one word apart) are built once
each for reference.  Then, 200 times: start `folio build` of one version
into an output folder that holds the other version's outputs, kill it
after a random delay (SIGKILL, SIGTERM or SIGINT) and check that every
output is byte-identical to either the old or the new reference: never
missing, half-written or mixed.  Left-over temporary files are allowed
only until the next build, which removes them."""
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FOLIO = os.environ.get("FOLIO", os.path.join(ROOT, "folio"))
RUNS = int(os.environ.get("KILL_RUNS", "200"))
OUTPUTS = ["dimensies.epub", "dimensies.pdf"]


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def make_project(tmp, name, edit):
    proj = os.path.join(tmp, name)
    shutil.copytree(os.path.join(ROOT, "content"), os.path.join(proj, "content"))
    shutil.copytree(os.path.join(ROOT, "styles"), os.path.join(proj, "styles"))
    os.symlink(os.path.join(ROOT, "fonts"), os.path.join(proj, "fonts"))
    if edit:
        path = os.path.join(proj, "content", "vooraf.md")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace("dingetje", "ding", 1))
    return proj


def build(proj, out):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1561939200")
    return subprocess.Popen([FOLIO, "build", "content", "-o", out, "-q"], cwd=proj, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main():
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        projects = [make_project(tmp, "a", False), make_project(tmp, "b", True)]
        refs = []
        for p in projects:
            out = os.path.join(p, "ref")
            if build(p, out).wait() != 0:
                print(f"FAIL: kill: reference build of {p} failed")
                return 1
            refs.append({o: digest(os.path.join(out, o)) for o in OUTPUTS})
        # Kills are spread over a warm build (the output folder keeps its
        # cache), which is what every run below is.
        t0 = time.monotonic()
        build(projects[0], os.path.join(projects[0], "ref")).wait()
        build_time = time.monotonic() - t0
        if refs[0] == refs[1]:
            print("FAIL: kill: the two versions build to the same bytes")
            return 1
        out = os.path.join(tmp, "out")
        shutil.copytree(os.path.join(projects[0], "ref"), out)
        print(f"kill: a warm build takes {build_time * 1000:.0f} ms; kills land within "
              f"1.3 times that")
        current = 0
        bad = 0
        completed = 0
        for i in range(RUNS):
            target = 1 - current
            proc = build(projects[target], out)
            time.sleep(rng.uniform(0, build_time * 1.3))
            sig = rng.choice([signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
            try:
                proc.send_signal(sig)
            except ProcessLookupError:
                pass
            rc = proc.wait()
            if rc == 0:
                completed += 1
            for o in OUTPUTS:
                path = os.path.join(out, o)
                if not os.path.exists(path):
                    bad += 1
                    print(f"FAIL: kill run {i}: {o} missing after {sig.name}")
                    continue
                d = digest(path)
                if d not in (refs[0][o], refs[1][o]):
                    bad += 1
                    print(f"FAIL: kill run {i}: {o} is neither the old nor the new file")
            # The pair must be consistent with one version or the other
            # per file; the next run builds the version now on disk's other.
            if digest(os.path.join(out, OUTPUTS[1])) == refs[target][OUTPUTS[1]]:
                current = target
        leftovers = [f for f in os.listdir(out) if ".tmp-" in f]
        # One more clean build sweeps the temporaries of killed builds.
        build(projects[0], out).wait()
        after = [f for f in os.listdir(out) if ".tmp-" in f]
        print(f"kill: {RUNS} runs, {completed} completed before the signal, "
              f"{len(leftovers)} temporaries left by killed runs, {len(after)} after a clean build")
        if bad:
            print(f"FAIL: kill: {bad} broken outputs in {RUNS} killed builds")
            return 1
        print(f"PASS: kill: {RUNS} killed builds left old or new complete outputs every time")
        if after:
            print(f"FAIL: kill: a clean build left temporaries: {after}")
            return 1
        print("PASS: kill: a clean build removes temporaries of killed builds")
        return 0


if __name__ == "__main__":
    sys.exit(main())
