"""Inputs at and beyond the limits: no crash, no hang, a clear message.

- a line of 1 MB without spaces (a URL-like token) is printed whole,
  broken across lines and pages, and never past the page's right margin;
- a 10 MB paragraph is refused with the paragraph limit's error;
- 10,000 nested block quotes and 10,000 nested lists are refused with the
  nesting limit's error (no stack overflow);
- a font file missing from fonts/ is an error naming the file."""
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FOLIO = os.environ.get("FOLIO", os.path.join(ROOT, "folio"))
ISSUE = "title: T\npublisher: P\nlanguage: nl\ndate: 2019\narticles:\n  - a.md\n"
failed = 0


def check(name, ok, detail=""):
    global failed
    print(f"{'PASS' if ok else 'FAIL'}: limits: {name}{'' if ok else ' -- ' + detail}")
    failed += not ok


def project(tmp, body, fonts=None):
    proj = tempfile.mkdtemp(dir=tmp)
    os.makedirs(os.path.join(proj, "content"))
    shutil.copytree(os.path.join(ROOT, "styles"), os.path.join(proj, "styles"))
    if fonts:
        shutil.copytree(fonts, os.path.join(proj, "fonts"))
    else:
        os.symlink(os.path.join(ROOT, "fonts"), os.path.join(proj, "fonts"))
    with open(os.path.join(proj, "content", "issue.yaml"), "w") as f:
        f.write(ISSUE)
    with open(os.path.join(proj, "content", "a.md"), "w", encoding="utf-8") as f:
        f.write("---\ntitle: A\n---\n\n" + body)
    return proj


def run(proj, *args, timeout=300):
    return subprocess.run([FOLIO, *args], cwd=proj, capture_output=True, timeout=timeout,
                          text=True)


def main():
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        token = "https://example.com/" + "".join(rng.choice("abcdefghij/._-")
                                                 for _ in range(1_000_000))
        proj = project(tmp, "Voor de lange regel.\n\n" + token + "\n\nNa de lange regel.\n")
        p = run(proj, "build", "content", "-o", "out", "-q")
        check("1 MB token builds", p.returncode == 0, p.stderr[-300:])
        pdf = os.path.join(proj, "out", "t.pdf")
        if p.returncode == 0:
            raw = subprocess.run(["pdftotext", "-raw", pdf, "-"], capture_output=True,
                                 text=True).stdout
            # Page furniture: the running head (article title "A") and folios.
            lines = [ln for ln in raw.splitlines() if ln.strip() not in ("A", "T", "")
                     and not re.fullmatch(r"\d+", ln.strip())]
            joined = "".join("".join(lines).split())
            check("1 MB token printed whole", token in joined,
                  f"{len(joined)} characters of text")
            bbox = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True,
                                  text=True).stdout
            page_w = float(re.search(r'<page width="([\d.]+)"', bbox).group(1))
            xmax = max(float(x) for x in re.findall(r'xMax="([\d.]+)"', bbox))
            # The outer margin of the style is at least 10 mm (28.35 pt).
            check("1 MB token never past the margin", xmax <= page_w - 28.35,
                  f"xMax {xmax:.1f} on a page {page_w:.1f} wide")

        words = ["samenwerking", "regio", "onderwijs", "de", "het", "een", "leerling"]
        para = " ".join(rng.choice(words) for _ in range(1_500_000))[:10 * 1024 * 1024]
        proj = project(tmp, para + "\n")
        p = run(proj, "build", "content", "-o", "out")
        check("10 MB paragraph refused", p.returncode == 1 and re.search(
            r"content/a.md:5:1: error: paragraph of \d+ bytes is longer than the limit of "
            r"2097152; split it", p.stderr), p.stderr[-300:])
        check("10 MB paragraph writes nothing", not os.path.exists(os.path.join(proj, "out",
                                                                             "t.pdf")))

        # each limit's message names what was too deep, and the limit
        for name, body, msg in [
                ("block quotes", ">" * 10000 + " diep\n", "block quote nested deeper than 30 levels"),
                ("lists", "- " * 10000 + "x\n", "list nested deeper than 30 levels"),
                ("lists and quotes", "- > " * 10000 + "x\n",
                 "blocks nested deeper than 64 levels (lists, items and quotes together)"),
                ("emphasis", "*a " * 100 + "x" + "*" * 100 + "\n",
                 "inline markup nested deeper than 64 levels")]:
            proj = project(tmp, body)
            p = run(proj, "tree", "content")
            check(f"deeply nested {name}: limit error names it",
                  p.returncode == 1 and "error: " + msg in p.stderr,
                  f"status {p.returncode}: {p.stderr[-200:]}")

        fonts = os.path.join(tmp, "fonts-missing")
        shutil.copytree(os.path.join(ROOT, "fonts"), fonts,
                        ignore=shutil.ignore_patterns("cache", "Lato-Bold.ttf"))
        proj = project(tmp, "Tekst.\n", fonts=fonts)
        p = run(proj, "build", "content", "-o", "out")
        check("missing font file named", p.returncode == 1 and "Lato-Bold.ttf" in p.stderr
              and "error:" in p.stderr, p.stderr[-300:])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
