#!/usr/bin/env python3
"""Page craft (issue 13) on a test issue a new user might write
(tests/pdf/craft: English, a 60-row table across a page break, code with
lines too long for the column, a long URL, a block quote, an interview
with bold questions, a title too long for one line).

Everything is measured from the PDF (pdftohtml -xml gives each text run's
font) and the layout dump, never from a picture."""
# asan: skip
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import t_pdf  # noqa: E402

report = t_pdf.report
CONTENT = os.path.join(t_pdf.ROOT, "tests", "pdf", "craft")


def text_runs(pdf):
    """[(page, font family, text)] of every text run of the PDF."""
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", pdf], capture_output=True,
                         text=True).stdout
    fonts, runs, page = {}, [], 0
    for line in xml.splitlines():
        m = re.search(r'<page number="(\d+)"', line)
        if m:
            page = int(m.group(1))
        m = re.search(r'<fontspec id="(\d+)".*family="([^"]+)"', line)
        if m:
            fonts[m.group(1)] = m.group(2)
        m = re.search(r'<text [^>]*font="(\d+)"[^>]*>(.*)</text>', line)
        if m:
            runs.append((page, fonts.get(m.group(1), ""), re.sub(r"<[^>]+>", "", m.group(2))))
    return runs


def check_code(pdf):
    runs = text_runs(pdf)
    code = [r for r in runs if "210mm" in r[2] or "columns = 2" in r[2] or "[page]" in r[2]]
    report(code and all("JetBrainsMono" in f for _, f, _ in code),
           "craft: code blocks are set in the mono face (JetBrains Mono)",
           str(code[:3]))
    body = [r for r in runs if "Editors write their issue" in r[2]]
    report(body and all("JetBrainsMono" not in f for _, f, _ in body),
           "craft: running text is not in the mono face", str(body[:2]))
    fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout
    report("JetBrainsMono" in fonts, "craft: pdffonts lists the mono face")
    marks = [r for r in runs if r[2].strip().startswith("\u2192")]
    report(len(marks) >= 2, f"craft: wrapped code lines start with a mark ({len(marks)})")


def main():
    tmp = tempfile.mkdtemp(prefix="folio-craft-issue-")
    try:
        r = t_pdf.build(tmp, "craft", CONTENT)
        if not r:
            return 1
        pdf, dump = r
        pages, boxes = t_pdf.read_dump(dump)
        check_code(pdf)
    finally:
        shutil.rmtree(tmp)
    return 1 if t_pdf.failures else 0


if __name__ == "__main__":
    sys.exit(main())
