#!/usr/bin/env python3
# asan: skip  (measures the EPUB in Chromium; the asan pass tests memory, not CSS)
"""Article types that the one style file addresses, in both editions.

Every article's content document carries its type as a class on its
section (section.article.interview, from the front matter's `type:`);
the style's [colors.<type>] accent gives one type an accent of its own.
A small issue of our own (one article of each type, each with a
heading, a pull quote and a link) is built twice, with the bundled style
as it is and with [colors.interview] accent = #aa0000 added, and:
  - EPUB, in Chromium (tests/epub_render.js, 360 px): each document's
    section has the class of its article's type; in the interview, the
    colours that follow the accent (headings, pull quote and its rule,
    links) are #aa0000 (and were not before); in every other document
    they are what they were without the key;
  - print: the reading PDF's pages drawn at 30 dpi have that red only on
    the interview's page (from the fit report), and none without the key.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from epubtest import Report, chromium  # noqa: E402
import project  # noqa: E402
import t_epub_render  # noqa: E402  (render)

report = Report()
RED = "rgb(170, 0, 0)"


def render(docs, tmp):
    """{document name: figures} at 360 px (tests/t_epub_render.py's renderer)."""
    results, _ = t_epub_render.render(docs, tmp, widths=[360], fonts=False)
    return {os.path.basename(r["doc"]): r for r in results} if results else None


def red_pages(pdf, tmp):
    """The 1-based pages of pdf with pixels of #aa0000 (roughly), drawn at 30 dpi."""
    prefix = os.path.join(tmp, "pg")
    subprocess.run(["pdftoppm", "-r", "30", pdf, prefix], check=True)
    pages = []
    for name in sorted(os.listdir(tmp)):
        m = re.match(r"pg-0*(\d+)\.ppm$", name)
        if not m:
            continue
        with open(os.path.join(tmp, name), "rb") as f:
            data = f.read()
        # P6 header: magic, width, height, maxval, then RGB bytes
        head = re.match(rb"P6\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
        px = data[head.end():]
        n = sum(1 for i in range(0, len(px) - 2, 3)
                if px[i] > 140 and px[i + 1] < 70 and px[i + 2] < 70)
        if n >= 5:
            pages.append(int(m.group(1)))
    return pages


TYPES = ["feature", "editorial", "interview", "column", "colophon"]
ARTICLE = """---
title: A {t} of the issue
type: {t}
---

The first paragraph of the {t}, long enough to be running text over a few
lines, with [a link](https://example.org/{t}) in it.

## A heading in the {t}

::: pullquote
A quotation from the {t}, set large.
:::

The last paragraph of the {t}, after its heading and its pull quote.
"""


def issue(tmp):
    src = os.path.join(tmp, "src")
    os.makedirs(src)
    with open(os.path.join(src, "issue.yaml"), "w") as f:
        f.write('title: T\npublisher: P\nlanguage: nl\ndate: "2019"\narticles:\n' +
                "".join(f"  - {t}.md\n" for t in TYPES))
    for t in TYPES:
        with open(os.path.join(src, t + ".md"), "w") as f:
            f.write(ARTICLE.format(t=t))
    return src


def build(tmp, name, extra, src):
    work = project.make(tmp, name, content=src, style_edit=lambda t: t + extra)
    r = project.build(work)
    report(r.returncode == 0, f"article types: {name}: the issue builds", r.stderr[-300:])
    return work, r


def main():
    if not chromium() or not shutil.which("node"):
        report(False, "article types: chromium and node are installed")
        return report.status()
    types = {t + ".xhtml": t for t in TYPES}
    with tempfile.TemporaryDirectory(prefix="folio-types-") as tmp:
        src = issue(tmp)
        plain, _ = build(tmp, "plain", "", src)
        red, r = build(tmp, "red", "\n[colors.interview]\naccent = #aa0000 / cmyk(0, 100, 100, 30)\n",
                       src)
        seen = {}
        for name, work in (("plain", plain), ("red", red)):
            dest = os.path.join(tmp, name + "-epub")
            with zipfile.ZipFile(os.path.join(work, "out", "t.epub")) as z:
                z.extractall(dest)
            docs = [os.path.join(dest, "EPUB", "text", d) for d in sorted(types)]
            seen[name] = render(docs, tmp)
            report(seen[name] is not None, f"article types: {name}: Chromium renders the EPUB")
        if not all(seen.values()):
            return report.status()
        wrong = [f"{d}: {seen['plain'][d]['articleClass']!r}" for d in types
                 if seen["plain"][d]["articleClass"] != f"article {types[d]}"]
        report(not wrong, f"article types: each document's section has its type as a class "
               f"({len(types)} documents)", "; ".join(wrong))
        inter = [d for d in types if types[d] == "interview"]
        report(len(inter) == 1, "article types: the issue has one interview", str(inter))
        if len(inter) != 1:
            return report.status()
        iv = inter[0]
        before, after = seen["plain"][iv]["colors"], seen["red"][iv]["colors"]
        report(len(after) >= 3 and all(v == RED for v in after.values()) and
               all(v != RED for v in before.values()),
               "article types: [colors.interview] accent colours the interview's headings, "
               "pull quote and links in Chromium", f"before {before}, after {after}")
        changed = [f"{d}: {seen['plain'][d]['colors']} -> {seen['red'][d]['colors']}"
                   for d in types if d != iv
                   and seen["plain"][d]["colors"] != seen["red"][d]["colors"]]
        report(not changed, "article types: the other types' colours are unchanged",
               "; ".join(changed))

        # print: the red only on the interview's pages
        m = re.search(r"^%s\s+pp?\. (\d+)(?:-(\d+))?" % re.escape(iv[:-len(".xhtml")]),
                      r.stdout + r.stderr, re.M)
        report(m is not None, "article types: the fit report gives the interview's pages")
        if m:
            want = set(range(int(m.group(1)), int(m.group(2) or m.group(1)) + 1))
            d1, d2 = os.path.join(tmp, "r1"), os.path.join(tmp, "r2")
            os.makedirs(d1)
            os.makedirs(d2)
            got = set(red_pages(os.path.join(red, "out", "t.pdf"), d1))
            none = red_pages(os.path.join(plain, "out", "t.pdf"), d2)
            report(got and got <= want and not none,
                   "article types: print: the accent is on the interview's pages only "
                   f"(pages {sorted(got)} of {sorted(want)})",
                   f"red on pages {sorted(got)}; without the key on {none}")
    return report.status()


sys.exit(main())
