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


def source_line(name, pattern):
    """1-based lines of tests/pdf/craft/name matching pattern."""
    with open(os.path.join(CONTENT, name), encoding="utf-8") as f:
        return [i for i, l in enumerate(f.read().split("\n"), 1) if re.search(pattern, l)]


def lines_of(boxes, name):
    """Text line boxes of the source file name: (box, source line)."""
    out = []
    for b in boxes:
        if b["kind"] == "line" and b["col"] >= 0 and b["pos"].split(":")[0].endswith("/" + name):
            out.append((b, int(b["pos"].rsplit(":", 1)[1])))
    return out


def check_table(boxes):
    head = source_line("survey.md", r"^\| Region")[0]
    cells = [(b, ln) for b, ln in lines_of(boxes, "survey.md") if b["what"] == "Cell"]
    cols = collections.defaultdict(list)
    for b, ln in cells:
        cols[(b["page"], b["col"])].append((b["y"], ln))
    pages = {k[0] for k in cols}
    report(len(cols) >= 2 and len(pages) >= 2,
           f"craft: the 60-row table runs across a page break ({len(cols)} columns, "
           f"{len(pages)} pages)")
    bad_top, alone = [], []
    for k, v in sorted(cols.items()):
        v.sort()
        if v[0][1] != head:
            bad_top.append(k)
        body_rows = {ln for _, ln in v if ln != head}
        if len(body_rows) < 2:
            alone.append(k)
    report(not bad_top, "craft: every column of the table starts with its header row",
           str(bad_top))
    report(not alone, "craft: no header row without at least two body rows under it",
           str(alone))
    rows = {ln for _, ln in cells if ln != head}
    report(len(rows) == 60, f"craft: all 60 body rows are set once ({len(rows)})")


def check_keeps(boxes):
    # an interview question with the first two lines of its answer
    qs = source_line("interview.md", r"^\*\*.*\*\*$")
    lines = lines_of(boxes, "interview.md")
    where = collections.defaultdict(list)
    for b, ln in lines:
        where[ln].append(b)
    bad = []
    for q in qs:
        answer = min((ln for ln in where if ln > q), default=None)
        if answer is None or not where.get(q):
            bad.append(f"question at line {q}: not set")
            continue
        qcol = {(b["page"], b["col"]) for b in where[q]}
        first2 = [b for b in where[answer] if b["line"] in (1, 2)]
        if len(qcol) != 1 or {(b["page"], b["col"]) for b in first2} != qcol:
            bad.append(f"question at line {q}")
    report(qs and not bad, f"craft: each of {len(qs)} questions shares its column with the "
           "first two lines of its answer", "; ".join(bad))
    # a heading with two lines of what follows
    bad = []
    for name in ("survey.md", "handbook.md", "interview.md"):
        ls = lines_of(boxes, name)
        heads = sorted({ln for b, ln in ls if b["role"] == "heading"})
        for h in heads:
            hb = [b for b, ln in ls if ln == h]
            nxt = min((ln for b, ln in ls if ln > h), default=None)
            following = sorted((b for b, ln in ls if ln == nxt), key=lambda b: (b["page"], b["col"], b["y"]))[:2]
            if len(following) < 2 or any((b["page"], b["col"]) != (hb[-1]["page"], hb[-1]["col"])
                                         for b in following):
                bad.append(f"{name}:{h}")
    report(not bad, "craft: a heading keeps with two lines of what follows", str(bad))
    # a block quote: the style's space (6 pt) above and below, beyond the leading
    quote = source_line("handbook.md", r"^> A block quote")[0]
    ls = sorted(lines_of(boxes, "handbook.md"), key=lambda t: (t[0]["page"], t[0]["col"], t[0]["y"]))
    idx = [i for i, (b, ln) in enumerate(ls) if ln == quote]
    ok = bool(idx) and 0 < idx[0] and idx[-1] + 1 < len(ls)
    if ok:
        before, first = ls[idx[0] - 1][0], ls[idx[0]][0]
        last, after = ls[idx[-1]][0], ls[idx[-1] + 1][0]
        gap_above = first["y"] - (before["y"] + before["h"])
        gap_below = after["y"] - (last["y"] + last["h"])
        ok = gap_above >= 6 - 0.1 and gap_below >= 6 - 0.1
        detail = f"above {gap_above:.1f} pt, below {gap_below:.1f} pt"
    else:
        detail = "block quote lines not found"
    report(ok, "craft: a block quote has 6 pt of space above and below", detail)


SENTENCE = ("Every school in the region was asked how many of its students chose a technical "
            "track this year. ")


def sweep_issue(tmp):
    """Twelve one-column interviews whose opening text grows by a sentence each,
    so that a table header, a heading and a question fall at every height of the
    column, the foot included.  Returns the layout dump's boxes and the
    articles' sources."""
    work = os.path.join(tmp, "sweep")
    content = os.path.join(work, "content")
    os.makedirs(content)
    shutil.copytree(os.path.join(t_pdf.ROOT, "styles"), os.path.join(work, "styles"))
    os.symlink(os.path.join(t_pdf.ROOT, "fonts"), os.path.join(work, "fonts"))
    names = [f"s{k:02d}.md" for k in range(12)]
    with open(os.path.join(content, "issue.yaml"), "w") as f:
        f.write("title: Sweep\npublisher: folio tests\nlanguage: en\ndate: \"2025\"\n"
                "articles:\n" + "".join(f"  - {n}\n" for n in names))
    table = "| Region | Schools |\n|---|--:|\n" + "".join(f"| Town {i} | {i * 7} |\n"
                                                        for i in range(6))
    for k, n in enumerate(names):
        intro = SENTENCE * (24 + 3 * k)
        body = (f"{intro}\n\n{table}\n**Why a table here?**\n\n{SENTENCE * 6}\n\n"
                f"## A heading\n\n{SENTENCE * 6}\n\n**And a second question?**\n\n"
                f"{SENTENCE * 8}\n")
        with open(os.path.join(content, n), "w") as f:
            f.write(f"---\ntitle: Sweep {k}\ntype: interview\ncolumns: 2\n---\n\n{body}")
    dump = os.path.join(work, "layout.txt")
    env = dict(os.environ, FOLIO_LAYOUT_DUMP=dump)
    r = subprocess.run([t_pdf.FOLIO, "build", "content", "-o", "out", "-q"], cwd=work,
                       capture_output=True, text=True, env=env)
    if r.returncode != 0:
        report(False, "craft: the sweep issue builds", r.stderr[-300:])
        return None
    return t_pdf.read_dump(dump)[1], content


def check_sweep(tmp):
    r = sweep_issue(tmp)
    if not r:
        return
    boxes, content = r
    alone, strand, heads = [], [], []
    for k in range(12):
        name = f"s{k:02d}.md"
        src = open(os.path.join(content, name), encoding="utf-8").read().split("\n")
        head = next(i for i, l in enumerate(src, 1) if l.startswith("| Region"))
        ls = lines_of(boxes, name)
        cols = collections.defaultdict(set)
        for b, ln in ls:
            if b["what"] == "Cell":
                cols[(b["page"], b["col"])].add(ln)
        for c, v in cols.items():
            if head in v and len(v - {head}) < 2:
                alone.append(f"{name} p{c[0]} c{c[1]}")
        at = collections.defaultdict(list)
        for b, ln in ls:
            at[ln].append(b)
        for q in [i for i, l in enumerate(src, 1) if l.startswith("**")] + \
                 [i for i, l in enumerate(src, 1) if l.startswith("## ")]:
            nxt = min(ln for ln in at if ln > q)
            mine = {(b["page"], b["col"]) for b in at[q]}
            first2 = {(b["page"], b["col"]) for b in at[nxt] if b["line"] in (1, 2)}
            if mine != first2:
                (heads if src[q - 1].startswith("#") else strand).append(f"{name}:{q}")
    report(not alone, "craft sweep: a table header never stands with fewer than two rows",
           str(alone))
    report(not strand, "craft sweep: a question is never parted from two lines of its answer",
           str(strand))
    report(not heads, "craft sweep: a heading is never parted from two lines after it",
           str(heads))


def main():
    tmp = tempfile.mkdtemp(prefix="folio-craft-issue-")
    try:
        r = t_pdf.build(tmp, "craft", CONTENT)
        if not r:
            return 1
        pdf, dump = r
        pages, boxes = t_pdf.read_dump(dump)
        check_code(pdf)
        check_table(boxes)
        check_keeps(boxes)
        check_sweep(tmp)
        check_display(pdf, tmp)
        check_cover_list(tmp)
    finally:
        shutil.rmtree(tmp)
    return 1 if t_pdf.failures else 0


if __name__ == "__main__":
    sys.exit(main())
