#!/usr/bin/env python3
"""The EPUB's print page markers sit exactly where the print pages begin.

Builds the bundled issue and tests/epub/all, then checks:
  - the page-list lists every page of the PDF, page 1 (the cover) included,
    in order, each pointing at a marker that exists;
  - for every marker inside running text: the words after it are on that
    page of the PDF, and the words before it on the page before (read back
    with pdftotext, compared without white space and soft hyphens, so line
    ends and hyphenation do not matter); a page that begins inside a
    hyphenated word has its marker before that word;
  - a marker at an article's start is on the page where the article opens.
Prints PASS:/FAIL: lines (see tests/run.sh).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
import xml.etree.ElementTree as ET

from epubtest import Report, build
XHTML = "{http://www.w3.org/1999/xhtml}"
OPS = "{http://www.idpf.org/2007/ops}"
OPF = "{http://www.idpf.org/2007/opf}"
WORDS = 4

report = Report()


def squash(s):
    return re.sub(r"[\s\u00ad]+", "", s)


def pdf_pages(pdf):
    p = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True, text=True)
    return [squash(t) for t in p.stdout.split("\f")]


def stream(el, out, skip):
    """The running text of el as a list of ('text', s) and ('mark', label)."""
    if el.get("aria-hidden") == "true" or el.get(OPS + "type") in skip:
        if el.tail:
            out.append(("text", el.tail))
        return
    if el.get(OPS + "type") == "pagebreak":
        out.append(("mark", el.get("aria-label")))
    else:
        if el.text:
            out.append(("text", el.text))
        for c in el:
            stream(c, out, skip)
        # A block ends a word.
        if el.tag.replace(XHTML, "") in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td",
                                         "th", "figcaption", "pre", "br"):
            out.append(("text", " "))
    if el.tail:
        out.append(("text", el.tail))


def check(tag, epub, pdf):
    pages = pdf_pages(pdf)
    npages = len([p for p in pages if p]) if pages and not pages[-1] else len(pages)
    z = zipfile.ZipFile(epub)
    opf = ET.fromstring(z.read("EPUB/package.opf"))
    man = {i.get("id"): i.get("href") for i in opf.find(OPF + "manifest")}
    spine = [man[r.get("idref")] for r in opf.find(OPF + "spine")]
    nav = ET.fromstring(z.read("EPUB/nav.xhtml"))
    plist = [n for n in nav.iter(XHTML + "nav") if n.get(OPS + "type") == "page-list"]
    labels = [a.text for a in plist[0].iter(XHTML + "a")] if plist else []
    want = [str(i) for i in range(1, npages + 1)]
    report(labels == want, tag + ": page-list lists pages 1..%d, the cover included" % npages,
           "got %s" % labels)

    marks, good, bad = 0, 0, []
    for href in spine:
        root = ET.fromstring(z.read("EPUB/" + href))
        body = root.find(XHTML + "body")
        items = []
        stream(body, items, {"footnote"})
        # words around each mark
        for i, (kind, val) in enumerate(items):
            if kind != "mark":
                continue
            marks += 1
            page = int(val)
            after = " ".join(v for k, v in items[i + 1:] if k == "text").split()[:WORDS]
            before = " ".join(v for k, v in items[:i] if k == "text").split()[-WORDS:]
            text_page = pages[page - 1] if page - 1 < len(pages) else ""
            if href == "cover.xhtml":
                ok = page == 1
                why = "cover marker is page %d" % page
            elif not before or root.find(".//" + XHTML + "header") is not None and \
                    "".join(v for k, v in items[:i] if k == "text").strip() == "":
                # at the article's opening: its title is on the page
                h1 = root.find(".//" + XHTML + "h1")
                title = squash("".join(h1.itertext())) if h1 is not None else ""
                ok = bool(title) and title.lower() in text_page.lower()
                why = "title %r not on page %d" % (title, page)
            else:
                first, rest = after[0], squash(" ".join(after[1:]))
                at = text_page.find(rest) if rest else -1
                # the page may begin inside the first word (hyphenated)
                ok = at > 0 and any(text_page[:at].endswith(first[k:])
                                    for k in range(len(first)))
                prev = pages[page - 2] if page >= 2 else ""
                ok = ok and squash(" ".join(before)) in prev
                why = "%r | %r not at the start of page %d" % (" ".join(before), " ".join(after),
                                                              page)
            if ok:
                good += 1
            else:
                bad.append("%s: %s" % (href, why))
    report(marks > 0 and not bad,
           tag + ": every marker at the word where its print page begins (%d markers)" % marks,
           "; ".join(bad[:4]) or "no markers")


def main():
    if not shutil.which("pdftotext"):
        report(False, "pdftotext installed", "scripts/install-deps.sh test")
        return 1
    tmp = tempfile.mkdtemp(prefix="folio-pages-")
    try:
        for tag, content in (("bundled", "content"), ("all", "tests/epub/all")):
            epub, pdf, err = build(content, os.path.join(tmp, tag))
            if not epub:
                report(False, tag + ": build", err)
                continue
            check(tag, epub, pdf)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return report.status()


if __name__ == "__main__":
    sys.exit(main())
