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


def check_display(pdf, tmp):
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "2", pdf, "-"], capture_output=True,
                          text=True).stdout
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    report("internationalisation" in [l.lower() for l in lines[:3]],
           "craft: the masthead's long word is whole on one line (shrunk, not hyphenated)",
           str(lines[:3]))
    report(any("Internationalisation" in l for l in lines) and
           not any(re.search(r"\w-$", l) for l in lines[:8]),
           "craft: no display line (masthead, rubric, title) ends in a hyphen", str(lines[:8]))
    # a word that cannot fit even at the style's minimum: a warning at its position
    work = os.path.join(tmp, "toolong")
    shutil.copytree(CONTENT, os.path.join(work, "content"))
    shutil.copytree(os.path.join(t_pdf.ROOT, "styles"), os.path.join(work, "styles"))
    os.symlink(os.path.join(t_pdf.ROOT, "fonts"), os.path.join(work, "fonts"))
    path = os.path.join(work, "content", "handbook.md")
    src = open(path, encoding="utf-8").read()
    src = src.replace("title: \"Internationalisation", "title: \"Supercalifragilisticexpialidocious"
                      "counterrevolutionaryinternationalisation")
    open(path, "w", encoding="utf-8").write(src)
    r = subprocess.run([t_pdf.FOLIO, "build", "content", "-o", "out", "-q"], cwd=work,
                       capture_output=True, text=True)
    report(r.returncode == 0 and re.search(r"content/handbook\.md:\d+:\d+: warning: the title ",
                                           r.stderr) is not None,
           "craft: a title word too long even at the minimum size warns at the article",
           r.stderr.strip()[-300:])


def cover_issue(tmp, name, n):
    """A scratch issue of n short articles, all with cover: true."""
    work = os.path.join(tmp, name)
    content = os.path.join(work, "content")
    os.makedirs(content)
    shutil.copytree(os.path.join(t_pdf.ROOT, "styles"), os.path.join(work, "styles"))
    os.symlink(os.path.join(t_pdf.ROOT, "fonts"), os.path.join(work, "fonts"))
    with open(os.path.join(content, "issue.yaml"), "w") as f:
        f.write("title: Cover test\npublisher: folio tests\nlanguage: en\ndate: \"2025\"\n"
                "articles:\n" + "".join(f"  - a{i:02d}.md\n" for i in range(n)))
    for i in range(n):
        with open(os.path.join(content, f"a{i:02d}.md"), "w") as f:
            f.write(f"---\ntitle: Cover story number {i + 1}\nsubtitle: What it is about\n"
                    f"cover: true\n---\n\nA short article, number {i + 1}.\n")
    r = subprocess.run([t_pdf.FOLIO, "build", "content", "-o", "out", "-q"], cwd=work,
                       capture_output=True, text=True)
    return work, r


def check_cover_list(tmp):
    work, r = cover_issue(tmp, "cover25", 25)
    m = re.search(r"content/issue\.yaml:(\d+):\d+: error: the cover list does not fit: "
                  r"(\d+) of the 25", r.stderr)
    report(r.returncode == 1 and m is not None,
           "craft: 25 cover articles are an error at issue.yaml:line, never clipped",
           r.stderr.strip()[-300:])
    if m:
        # the line named is the entry of the first article that did not fit
        fitted = int(m.group(2))
        line = open(os.path.join(work, "content", "issue.yaml")).read().split("\n")[
            int(m.group(1)) - 1]
        report(f"a{fitted:02d}.md" in line, "craft: the error names the first entry that "
               "does not fit", line)
    report(not os.path.exists(os.path.join(work, "out", "cover-test.pdf")),
           "craft: the failed build wrote no PDF")
    work, r = cover_issue(tmp, "cover6", 6)
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1",
                           os.path.join(work, "out", "cover-test.pdf"), "-"],
                          capture_output=True, text=True).stdout if r.returncode == 0 else ""
    listed = [i for i in range(6) if f"Cover story number {i + 1}\n" in text]
    report(len(listed) == 6, f"craft: 6 cover articles are all listed ({len(listed)})",
           r.stderr.strip()[-200:])


def main():
    tmp = tempfile.mkdtemp(prefix="folio-craft-issue-")
    try:
        r = t_pdf.build(tmp, "craft", CONTENT)
        if not r:
            return 1
        pdf, dump = r
        pages, boxes = t_pdf.read_dump(dump)
        check_code(pdf)
        check_display(pdf, tmp)
        check_cover_list(tmp)
    finally:
        shutil.rmtree(tmp)
    return 1 if t_pdf.failures else 0


if __name__ == "__main__":
    sys.exit(main())
