#!/usr/bin/env python3
"""EPUB backend: epubcheck, reproducibility, structure and words.

Builds the bundled issue (content/) and the test issue tests/epub/all/ (one
of every construct of the source format) with `folio build`, then checks:
  - epubcheck reports no errors and no warnings;
  - two builds of the same sources are byte-identical, a changed source
    gives a different file;
  - mimetype first and stored; every article in spine and nav; nav and
    page-list links resolve; footnotes link both ways; heading levels never
    skip; every img has alt text; lang on every html element;
  - every word of `folio text` appears in the EPUB's content documents, in
    order (pull quotes stand in place on both sides).
Prints PASS:/FAIL: lines (see tests/run.sh).  Standard library only, plus
the epubcheck command.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FOLIO = os.environ.get("FOLIO", os.path.join(ROOT, "folio"))
XHTML = "{http://www.w3.org/1999/xhtml}"
OPS = "{http://www.idpf.org/2007/ops}"
OPF = "{http://www.idpf.org/2007/opf}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

failures = 0


def report(ok, name, detail=""):
    global failures
    if ok:
        print("PASS: " + name)
    else:
        failures += 1
        print("FAIL: " + name + (": " + detail if detail else ""))


def build(content, out, env=None):
    """folio build CONTENT -o OUT; returns (epub path or None, stderr)."""
    os.makedirs(out, exist_ok=True)
    p = subprocess.run([FOLIO, "build", content, "-o", out, "-q"], cwd=ROOT,
                       capture_output=True, text=True, env=env)
    epubs = sorted(f for f in os.listdir(out) if f.endswith(".epub"))
    if p.returncode != 0 or len(epubs) != 1:
        return None, p.stderr.strip()
    return os.path.join(out, epubs[0]), p.stderr


def epubcheck_cmd():
    exe = shutil.which("epubcheck")
    if not exe:
        return None
    # Debian installs the jar itself as /usr/bin/epubcheck, runnable only
    # through binfmt_misc: run it with java then.
    with open(os.path.realpath(exe), "rb") as f:
        if f.read(2) == b"PK":
            return ["java", "-jar", os.path.realpath(exe)]
    return [exe]


def check_epubcheck(name, epub):
    cmd = epubcheck_cmd()
    if not cmd:
        report(False, name, "epubcheck not installed (scripts/install-deps.sh test)")
        return
    p = subprocess.run(cmd + [epub], capture_output=True, text=True)
    out = p.stdout + p.stderr
    bad = [l for l in out.splitlines() if re.match(r"(ERROR|WARNING|FATAL)", l)]
    ok = p.returncode == 0 and "No errors or warnings detected." in out and not bad
    report(ok, name, "; ".join(bad[:5]) or out.strip()[-300:])


# ---------------------------------------------------------------------------
# reading the package

class Book:
    def __init__(self, path):
        self.zip = zipfile.ZipFile(path)
        c = ET.fromstring(self.zip.read("META-INF/container.xml"))
        rf = c.find(".//{urn:oasis:names:tc:opendocument:xmlns:container}rootfile")
        self.opf_path = rf.get("full-path")
        self.base = os.path.dirname(self.opf_path)
        self.opf = ET.fromstring(self.zip.read(self.opf_path))
        self.manifest = {}
        for it in self.opf.find(OPF + "manifest"):
            self.manifest[it.get("id")] = it
        self.spine = [self.manifest[r.get("idref")]
                      for r in self.opf.find(OPF + "spine")]
        self.docs = {}

    def full(self, href):
        return os.path.normpath(os.path.join(self.base, href))

    def doc(self, full_path):
        if full_path not in self.docs:
            self.docs[full_path] = ET.fromstring(self.zip.read(full_path))
        return self.docs[full_path]

    def nav_path(self):
        for it in self.manifest.values():
            if "nav" in (it.get("properties") or "").split():
                return self.full(it.get("href"))
        return None

    def article_paths(self):
        """Content documents of the articles, in spine order."""
        out = []
        for it in self.spine:
            p = self.full(it.get("href"))
            root = self.doc(p)
            if root.find(".//" + XHTML + "section[@class]") is not None and any(
                    "article" in (s.get("class") or "").split()
                    for s in root.iter(XHTML + "section")):
                out.append(p)
        return out


def resolve(book, from_path, href):
    """The element an href points at (its path if it has no fragment), or None."""
    target, _, frag = href.partition("#")
    path = from_path if not target else os.path.normpath(
        os.path.join(os.path.dirname(from_path), target))
    if path not in book.zip.namelist():
        return None
    if not frag:
        return path
    root = book.doc(path)
    for e in root.iter():
        if e.get("id") == frag:
            return e
    return None


def issue_articles(content):
    text = open(os.path.join(ROOT, content, "issue.yaml"), encoding="utf-8").read()
    return re.findall(r"^\s*-\s*(\S+\.md)\s*$", text.split("articles:", 1)[1], re.M)


def check_structure(tag, book, content):
    names = book.zip.namelist()
    first = book.zip.infolist()[0]
    report(first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
           and first.extra == b"" and book.zip.read("mimetype") == b"application/epub+zip",
           tag + ": mimetype first, stored, no extra field")

    arts = book.article_paths()
    want = issue_articles(content)
    report(len(arts) == len(want), tag + ": every article in the spine",
           "%d documents for %d articles" % (len(arts), len(want)))

    nav = book.nav_path()
    navroot = book.doc(nav)
    toc = [n for n in navroot.iter(XHTML + "nav") if n.get(OPS + "type") == "toc"][0]
    toc_docs = set()
    broken = []
    for a in navroot.iter(XHTML + "a"):
        href = a.get("href")
        if resolve(book, nav, href) is None:
            broken.append(href)
    for a in toc.iter(XHTML + "a"):
        toc_docs.add(os.path.normpath(os.path.join(os.path.dirname(nav),
                                                   a.get("href").split("#")[0])))
    report(not broken, tag + ": nav links resolve", " ".join(broken[:5]))
    missing = [p for p in arts if p not in toc_docs]
    report(not missing, tag + ": every article in the nav toc", " ".join(missing))

    bad_notes, skips, no_alt, no_lang = [], [], [], []
    for it in book.spine:
        p = book.full(it.get("href"))
        root = book.doc(p)
        if not root.get("lang") or root.get("lang") != root.get(XML_LANG):
            no_lang.append(p)
        for a in root.iter(XHTML + "a"):
            if a.get(OPS + "type") == "noteref":
                note = resolve(book, p, a.get("href"))
                if note is None or note.get(OPS + "type") != "footnote":
                    bad_notes.append("%s: %s has no note" % (p, a.get("href")))
                    continue
                backs = [b.get("href") for b in note.iter(XHTML + "a")
                         if b.get("role") == "doc-backlink"]
                if "#" + (a.get("id") or "?") not in backs and not any(
                        (resolve(book, p, b) is not None and
                         resolve(book, p, b).get(OPS + "type") == "noteref") for b in backs):
                    bad_notes.append("%s: note %s does not link back" % (p, a.get("href")))
        for note in root.iter(XHTML + "aside"):
            if note.get(OPS + "type") != "footnote":
                continue
            backs = [b for b in note.iter(XHTML + "a") if b.get("role") == "doc-backlink"]
            ref = resolve(book, p, backs[0].get("href")) if backs else None
            if ref is None or ref.get(OPS + "type") != "noteref":
                bad_notes.append("%s: %s: back-link broken" % (p, note.get("id")))
        level = 0
        for e in root.iter():
            m = re.fullmatch(re.escape(XHTML) + r"h([1-6])", e.tag)
            if m:
                n = int(m.group(1))
                if n > level + 1:
                    skips.append("%s: h%d after h%d" % (p, n, level))
                level = n
        for img in root.iter(XHTML + "img"):
            if not (img.get("alt") or "").strip():
                no_alt.append("%s: %s" % (p, img.get("src")))
            elif resolve(book, p, img.get("src")) is None:
                no_alt.append("%s: %s missing" % (p, img.get("src")))
    report(not bad_notes, tag + ": footnotes link both ways", "; ".join(bad_notes[:5]))
    report(not skips, tag + ": heading levels never skip", "; ".join(skips[:5]))
    report(not no_alt, tag + ": every img has alt text and exists", "; ".join(no_alt[:5]))
    report(not no_lang, tag + ": lang and xml:lang on html", " ".join(no_lang))

    plist = [n for n in navroot.iter(XHTML + "nav") if n.get(OPS + "type") == "page-list"]
    # folio build always lays out the print edition first: a page-list is due.
    report(bool(plist), tag + ": nav has a page-list of the print pages")
    meta = {}
    for m in book.opf.find(OPF + "metadata"):
        if m.get("property"):
            meta.setdefault(m.get("property"), []).append((m.text or "").strip())
    want_meta = [("schema:accessMode", "textual"), ("schema:accessModeSufficient", "textual"),
                 ("schema:accessibilityFeature", "structuralNavigation"),
                 ("schema:accessibilityFeature", "tableOfContents"),
                 ("schema:accessibilityHazard", "none")]
    issue_yaml = open(os.path.join(ROOT, content, "issue.yaml"), encoding="utf-8").read()
    print_id = re.search(r"^(issn|isbn):\s*\"?([0-9Xx -]+)\"?\s*$", issue_yaml, re.M)
    if plist:
        want_meta += [("schema:accessibilityFeature", "pageNavigation"),
                      ("schema:accessibilityFeature", "printPageNumbers"),
                      ("source-of", "pagination")]
    if plist and print_id:
        # The print edition named by its ISSN/ISBN: dc:source, the page
        # list's source (EPUB 3.2 source-of).
        kind, num = print_id.group(1), re.sub(r"[ -]", "", print_id.group(2)).upper()
        urn = "urn:%s:%s" % (kind, num[:4] + "-" + num[4:] if kind == "issn" else num)
        sources = [(e.text or "").strip() for e in book.opf.find(OPF + "metadata")
                   if e.tag == "{http://purl.org/dc/elements/1.1/}source"]
        report(sources == [urn], tag + ": dc:source is the print edition " + urn,
               "got %s" % sources)
    if any(True for p in arts for _ in book.doc(p).iter(XHTML + "img")):
        want_meta += [("schema:accessibilityFeature", "alternativeText"),
                      ("schema:accessMode", "visual")]
    lacking = [k + "=" + v for k, v in want_meta if v not in meta.get(k, [])]
    report(not lacking and meta.get("schema:accessibilitySummary"),
           tag + ": accessibility metadata", " ".join(lacking))
    # A conformance claim only for what is verified: nothing here verifies
    # all of WCAG 2.1 AA, so no dcterms:conformsTo.
    report("dcterms:conformsTo" not in meta, tag + ": no unverified dcterms:conformsTo claim",
           str(meta.get("dcterms:conformsTo")))
    # The summary is in the book's language, or says which language it is in.
    lang = book.opf.get("{http://www.w3.org/XML/1998/namespace}lang")
    summ = [m for m in book.opf.find(OPF + "metadata")
            if m.get("property") == "schema:accessibilitySummary"]
    slang = summ[0].get(XML_LANG) if summ else None
    text = "".join(summ[0].itertext()) if summ else ""
    marker = {"nl": "inhoudsopgave", "en": "table of contents"}
    base = (slang or lang or "").split("-")[0]
    report(bool(summ) and base in marker and marker[base] in text,
           tag + ": accessibility summary in the book's language (%s) or marked (%s)"
           % (lang, slang), text[:80])
    title = [m.text for m in book.opf.find(OPF + "metadata")
             if m.get("property") == "belongs-to-collection"]
    report(len(title) == 1 and title[0], tag + ": the magazine as a collection (%s)" % title)
    if plist:
        marks = 0
        for it in book.spine:  # the articles, and the cover (page 1)
            marks += sum(1 for e in book.doc(book.full(it.get("href"))).iter()
                         if e.get(OPS + "type") == "pagebreak")
        links = len(list(plist[0].iter(XHTML + "a")))
        report(links == marks and links > 0, tag + ": page-list lists every page marker",
               "%d links, %d markers" % (links, marks))


# ---------------------------------------------------------------------------
# words

BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "figcaption", "pre",
          "blockquote", "aside", "div", "section", "header", "figure", "table", "tr",
          "ul", "ol", "br", "hr", "body"}


def visible_text(e):
    """The text of e in document order, without note numbers; an inline
    picture reads as its alt text (print sets it so, and `folio text`
    prints it), a figure's picture by its caption."""
    parts = []

    def walk(x, in_figure=False):
        if x.tag == XHTML + "a" and (x.get(OPS + "type") == "noteref"
                                     or x.get("role") == "doc-backlink"):
            parts.append(" ")
            if x.tail:
                parts.append(x.tail)
            return
        if x.tag[len(XHTML):] in BLOCKS:
            parts.append(" ")
        if x.tag == XHTML + "img" and not in_figure:
            parts.append(" %s " % (x.get("alt") or ""))
        if x.text:
            parts.append(x.text)
        for c in x:
            walk(c, in_figure or x.tag == XHTML + "figure")
        if x.tag[len(XHTML):] in BLOCKS:
            parts.append(" ")
        if x.tail:
            parts.append(x.tail)
    walk(e)
    return "".join(parts)


def words(s):
    return re.findall(r"\w+", s.lower())


def check_words(tag, book, content):
    p = subprocess.run([FOLIO, "text", content], cwd=ROOT, capture_output=True, text=True)
    if p.returncode != 0:
        report(False, tag + ": every word in order", "folio text failed: " + p.stderr[-300:])
        return
    lines = p.stdout.splitlines()
    # folio text begins with the issue's title, subtitle and publisher:
    # the cover's, not in the content documents.
    opf_meta = book.opf.find(OPF + "metadata")
    want = []
    skip = 0
    head = [t.text for t in opf_meta if t.tag.endswith("}publisher")]
    for i, line in enumerate(lines[:3]):
        if head and line == head[0]:
            skip = i + 1
            break
    want = words("\n".join(lines[skip:]))
    got = []
    for path in book.article_paths():
        body = book.doc(path).find(XHTML + "body")
        got += words(visible_text(body))
    if got == want:
        report(True, tag + ": every word in order")
        return
    n = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
    report(False, tag + ": every word in order",
           "first difference at word %d: epub %r, folio text %r"
           % (n, " ".join(got[max(0, n - 5):n + 5]), " ".join(want[max(0, n - 5):n + 5])))


# ---------------------------------------------------------------------------

def main():
    tmp = tempfile.mkdtemp(prefix="folio-epub-")
    try:
        issues = [("content", "content"), ("tests/epub/all", "all")]
        books = {}
        for content, tag in issues:
            epub, err = build(content, os.path.join(tmp, tag))
            if not epub:
                report(False, tag + ": folio build", err[-500:])
                continue
            report(True, tag + ": folio build")
            books[tag] = epub
            check_epubcheck(tag + ": epubcheck: no errors or warnings", epub)
            book = Book(epub)
            check_structure(tag, book, content)
            check_words(tag, book, content)

        if "content" in books:
            again, err = build("content", os.path.join(tmp, "again"))
            same = again is not None and open(again, "rb").read() == open(books["content"], "rb").read()
            report(same, "reproducible: two builds are byte-identical", err[-300:] if not again else "")
            # A changed source gives a different file.
            changed = os.path.join(tmp, "changed", "content")
            shutil.copytree(os.path.join(ROOT, "content"), changed)
            art = os.path.join(changed, issue_articles("content")[0])
            with open(art, encoding="utf-8") as f:
                text = f.read()
            with open(art, "w", encoding="utf-8") as f:
                f.write(text.rstrip("\n") + "\n\nEen toegevoegde zin.\n")
            env = dict(os.environ, SOURCE_DATE_EPOCH="1560000000")
            a, _ = build(os.path.join(ROOT, "content"), os.path.join(tmp, "sde1"), env)
            b, _ = build(changed, os.path.join(tmp, "sde2"), env)
            differ = a is not None and b is not None and open(a, "rb").read() != open(b, "rb").read()
            report(differ, "reproducible: a changed source changes the EPUB")

        # An image folio cannot put in an EPUB is an error at its place.
        bad = os.path.join(tmp, "bad", "issue")
        shutil.copytree(os.path.join(ROOT, "tests/epub/all"), bad)
        with open(os.path.join(bad, "images", "dot.png"), "wb") as f:
            f.write(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;")
        p = subprocess.run([FOLIO, "build", bad, "-o", os.path.join(tmp, "bad-out"), "-q"],
                           cwd=ROOT, capture_output=True, text=True)
        report(p.returncode == 1 and re.search(r"alles\.md:\d+:\d+: error: .*dot\.png", p.stderr),
               "an image that is not PNG or JPEG is an error at its line", p.stderr[-300:])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
