"""`folio watch`: an edit replaces both outputs; a broken edit keeps the
last good outputs and says so; the next good save replaces them; Ctrl-C
(SIGINT) stops it cleanly."""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FOLIO = os.environ.get("FOLIO", os.path.join(ROOT, "folio"))
OUTS = ["dimensies.epub", "dimensies.pdf"]


def check(name, ok, detail=""):
    print(f"{'PASS' if ok else 'FAIL'}: watch: {name}{'' if ok else ' ' + detail}")
    return ok


def wait_line(p, timeout=60):
    """The next line watch prints (it prints one per rebuild)."""
    import selectors
    sel = selectors.DefaultSelector()
    sel.register(p.stdout, selectors.EVENT_READ)
    if not sel.select(timeout):
        return ""
    return p.stdout.readline()


def main():
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        for d in ("content", "styles"):
            shutil.copytree(os.path.join(ROOT, d), os.path.join(tmp, d))
        os.symlink(os.path.join(ROOT, "fonts"), os.path.join(tmp, "fonts"))
        p = subprocess.Popen([FOLIO, "watch", "content", "-o", "out"], cwd=tmp,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            first = wait_line(p)
            ok &= check("first build", "first build done" in first, repr(first))
            paths = [os.path.join(tmp, "out", o) for o in OUTS]
            art = os.path.join(tmp, "content", "vooraf.md")
            with open(art, encoding="utf-8") as f:
                good = f.read()

            inodes = [os.stat(x).st_ino for x in paths]
            with open(art, "w", encoding="utf-8") as f:
                f.write(good.replace("dingetje", "ding", 1))
            line = wait_line(p)
            ok &= check("edit reported", "content/vooraf.md" in line and "rebuilt" in line,
                        repr(line))
            ok &= check("edit replaces both outputs",
                        all(os.stat(x).st_ino != i for x, i in zip(paths, inodes)))

            before = [open(x, "rb").read() for x in paths]
            with open(art, "w", encoding="utf-8") as f:
                f.write(good + "\n::: kader\nfout\n:::\n")
            line = wait_line(p)
            ok &= check("broken edit reported", "FAILED" in line and "kept" in line, repr(line))
            ok &= check("broken edit keeps outputs",
                        [open(x, "rb").read() for x in paths] == before)

            inodes = [os.stat(x).st_ino for x in paths]
            with open(art, "w", encoding="utf-8") as f:
                f.write(good)
            line = wait_line(p)
            ok &= check("next good save rebuilds", "rebuilt" in line, repr(line))
            ok &= check("next good save replaces outputs",
                        all(os.stat(x).st_ino != i for x, i in zip(paths, inodes)))
        finally:
            p.send_signal(signal.SIGINT)
            try:
                rc = p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
                rc = None
        err = p.stderr.read()
        ok &= check("Ctrl-C exits cleanly", rc == 0, f"status {rc}")
        ok &= check("broken edit's error has file:line:col",
                    "content/vooraf.md:" in err and "error: unknown block" in err, err[-300:])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
