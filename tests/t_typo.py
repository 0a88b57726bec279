#!/usr/bin/env python3
"""Measured typography of the print edition (scripts/typo_report.py).

Builds the bundled issue with the total-fit line breaker and asserts its
counts: no line with word spaces over 2x the normal space, at most 3 over
1.5x (half of what pandoc + XeLaTeX sets from the same text in two
columns: 6), no overfull line and no hyphen hanging past the column, no
run of 3 hyphenated lines, no widow, no orphan.

Then a paragraph with a long URL in a column: the emergency pass breaks it
inside (at / . -) and nothing passes the column's edge.  And
FOLIO_LINEBREAK=first-fit still builds (Pango's own breaking)."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FOLIO = os.environ.get("FOLIO", os.path.join(ROOT, "folio"))
REPORT = os.path.join(ROOT, "scripts", "typo_report.py")
failed = 0

LIMITS = [  # (metric, largest allowed count)
    ("loose20", 0), ("loose15", 3), ("overfull", 0), ("hanging", 0),
    ("hyph_runs", 0), ("widows", 0), ("orphans", 0),
]


def check(name, ok, detail=""):
    global failed
    print(f"{'PASS' if ok else 'FAIL'}: typo: {name}{'' if ok else ' -- ' + detail}")
    failed += not ok


def build(content, out, env=None):
    e = dict(os.environ, **(env or {}))
    r = subprocess.run([FOLIO, "build", content, "-o", out, "-q"], capture_output=True,
                       text=True, env=e, cwd=os.path.dirname(content))
    return r


def report(pdf):
    r = subprocess.run([sys.executable, REPORT, "--json", pdf], capture_output=True, text=True)
    if r.returncode:
        return None
    return json.loads(r.stdout)[pdf]


def project(tmp, body):
    proj = tempfile.mkdtemp(dir=tmp)
    os.makedirs(os.path.join(proj, "content"))
    shutil.copytree(os.path.join(ROOT, "styles"), os.path.join(proj, "styles"))
    os.symlink(os.path.join(ROOT, "fonts"), os.path.join(proj, "fonts"))
    with open(os.path.join(proj, "content", "issue.yaml"), "w") as f:
        f.write("title: T\npublisher: P\nlanguage: nl\ndate: 2019\narticles:\n  - a.md\n")
    with open(os.path.join(proj, "content", "a.md"), "w", encoding="utf-8") as f:
        f.write("---\ntitle: A\n---\n\n" + body)
    return proj


def main():
    tmp = tempfile.mkdtemp(prefix="folio-typo-")
    try:
        out = os.path.join(tmp, "out")
        r = build(os.path.join(ROOT, "content"), out)
        check("the bundled issue builds", r.returncode == 0, r.stderr[-500:])
        pdf = os.path.join(out, "dimensies.pdf")
        counts = report(pdf) if r.returncode == 0 else None
        check("typo_report reads the PDF", counts is not None)
        if counts:
            print("typo: " + ", ".join(f"{k}={v}" for k, v in counts.items()))
            for k, most in LIMITS:
                check(f"{k} <= {most}", counts.get(k, 0) <= most, f"{k} = {counts.get(k)}")
            check("the report sees the running text", counts.get("justified", 0) > 300,
                  str(counts.get("justified")))

        # a long URL in a narrow column: broken inside, never past the edge
        url = "https://www.example.org/" + "/".join(
            f"onderzoek-{i}.practoraat.beroepsonderwijs" for i in range(12))
        words = ("Samenwerking in de regio vraagt om geduld en om vertrouwen tussen de "
                 "partners die elkaar nog niet kennen. ")
        body = (words * 4 + f"Zie <{url}> voor het verslag. " + words * 4 + "\n\n") * 2
        proj = project(tmp, body)
        out2 = os.path.join(proj, "out")
        r = build(os.path.join(proj, "content"), out2)
        check("a long URL builds", r.returncode == 0, r.stderr[-500:])
        if r.returncode == 0:
            c = report(os.path.join(out2, "a.pdf")) or report(
                os.path.join(out2, [f for f in sorted(os.listdir(out2)) if f.endswith(".pdf") and not f.endswith("-press.pdf")][0]))
            check("a long URL: no overfull line", c is not None and c["overfull"] == 0
                  and c["hanging"] == 0, str(c))
            txt = subprocess.run(["pdftotext", os.path.join(out2, [
                f for f in sorted(os.listdir(out2)) if f.endswith(".pdf") and not f.endswith("-press.pdf")][0]), "-"],
                capture_output=True, text=True).stdout
            lines = [l for l in txt.splitlines() if "onderzoek-" in l]
            check("a long URL is broken across lines", len(lines) >= 3, str(len(lines)))

        out3 = os.path.join(tmp, "ff")
        r = build(os.path.join(ROOT, "content"), out3, {"FOLIO_LINEBREAK": "first-fit"})
        check("FOLIO_LINEBREAK=first-fit builds", r.returncode == 0
              and os.path.exists(os.path.join(out3, "dimensies.pdf")), r.stderr[-500:])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
