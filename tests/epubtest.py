"""What the EPUB test scripts share: PASS/FAIL lines, a build of an issue
into a folder, and where the browser is.  Standard library only."""
import os
import shutil
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FOLIO = os.environ.get("FOLIO", os.path.join(ROOT, "folio"))


class Report:
    """PASS:/FAIL: lines (see tests/run.sh), counting the failures."""

    def __init__(self):
        self.failures = 0

    def __call__(self, ok, name, detail=""):
        if ok:
            print("PASS: " + name)
        else:
            self.failures += 1
            print("FAIL: " + name + (": " + detail if detail else ""))

    def status(self):
        return 1 if self.failures else 0


def build(content, out):
    """folio build CONTENT -o OUT: (epub path, pdf path, "") or (None, None, stderr)."""
    p = subprocess.run([FOLIO, "build", content, "-o", out, "-q"], cwd=ROOT,
                       capture_output=True, text=True)
    files = os.listdir(out) if os.path.isdir(out) else []
    epubs = [f for f in files if f.endswith(".epub")]
    # the reading edition (the press edition, <slug>-press.pdf, beside it)
    pdfs = [f for f in files if f.endswith(".pdf") and not f.endswith("-press.pdf")]
    if p.returncode != 0 or len(epubs) != 1 or len(pdfs) != 1:
        return None, None, p.stderr.strip()[-300:]
    return os.path.join(out, epubs[0]), os.path.join(out, pdfs[0]), ""


def chromium():
    """Debian's chromium (scripts/install-deps.sh test), or None."""
    for name in ("chromium", "chromium-browser"):
        p = shutil.which(name)
        if p:
            return p
    return None
