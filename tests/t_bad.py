"""Bad input gives exact diagnostics.

Each folder in tests/bad/ is one case: the content files of a small issue,
and `expected.txt` whose first line is the exit status and whose other
lines are stderr exactly (file:line:col: severity: message).  The case is
copied to a temporary folder named `content` and run as
`folio tree content` from its parent, so file names in messages are
stable.  A case may hold `command.txt` with another folio command line."""
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FOLIO = os.environ.get("FOLIO", os.path.join(ROOT, "folio"))
BAD = os.path.join(ROOT, "tests", "bad")


def run_case(name):
    case = os.path.join(BAD, name)
    with open(os.path.join(case, "expected.txt"), encoding="utf-8") as f:
        lines = f.read().splitlines()
    want_status, want_err = int(lines[0]), lines[1:]
    cmd = ["tree", "content"]
    if os.path.exists(os.path.join(case, "command.txt")):
        with open(os.path.join(case, "command.txt"), encoding="utf-8") as f:
            cmd = f.read().split()
    with tempfile.TemporaryDirectory() as tmp:
        dst = os.path.join(tmp, "content")
        shutil.copytree(case, dst, symlinks=True,
                        ignore=shutil.ignore_patterns("expected.txt", "command.txt"))
        try:
            p = subprocess.run([FOLIO] + cmd, cwd=tmp, capture_output=True, timeout=60)
        except subprocess.TimeoutExpired:
            return f"timed out"
    err = p.stderr.decode("utf-8", "replace").splitlines()
    problems = []
    if p.returncode != want_status:
        problems.append(f"exit status {p.returncode}, want {want_status}")
    if err != want_err:
        problems.append("stderr differs:\n    got:  " + "\n          ".join(err) +
                        "\n    want: " + "\n          ".join(want_err))
    return "; ".join(problems)


def main():
    failed = 0
    for name in sorted(os.listdir(BAD)):
        if not os.path.isdir(os.path.join(BAD, name)):
            continue
        problem = run_case(name)
        if problem:
            failed += 1
            print(f"FAIL: bad/{name}: {problem}")
        else:
            print(f"PASS: bad/{name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
