#!/usr/bin/env python3
"""The word invariant: nothing is lost, nothing is added.

    python3 tests/wordcheck.py CONTENT_DIR...      # build each issue, check it
    python3 tests/wordcheck.py --keep CONTENT_DIR  # keep the scratch build

For each issue the words of `folio text` (the tree's reading text) must
equal, as multisets, the words of the PDF's text layer and the words of the
EPUB's content documents.  One `PASS: words: ...` / `FAIL: words: ...`
line per issue and edition; exit status 1 on a failure.  Used as a library
by t_wordcheck.py, t_construct_corpus.py and tests/slow/.

Words: NFC, case-folded; every hyphen (U+002D, U+2010, U+2011, U+00AD)
removed first, so line-end hyphens, URL breaks and real hyphens
("spin-off") compare alike; then a word is a maximal run of letters and
digits (an apostrophe between two runs belongs to the word, U+2019 reads
as ').

What is left out, and why, decided from structure, never from the words:
  PDF   The reading edition's text through its structure tree, in tree
        order (tests/pdf_reading_text.py): /Artifact content (running
        heads, folios, rules) is not in it.  Text outside both the tree
        and the artifacts fails the check.  Left out by structure: list
        labels (Lbl); a list item that links to an article (the cover's
        lines, the contents page repeat titles and teasers); note numbers
        (the digits under a link to note-N or back to ref-N, and the
        number before a continued note's "(vervolg)"); a table's header
        row (a TR of TH cells) set again in a later column.  A line that
        ends in a soft hyphen is joined to the next line of its block; one
        that ends in no space (a real hyphen, "spin-|off"; a word too long
        for its line; a hard break) is joined when the joined word is a
        word of the text, else kept apart.
  EPUB  The spine's content documents except the navigation document;
        left out: note numbers (noteref links, the note's back link).  The
        alt text of a picture outside a figure counts: the cover's (the
        cover shows the issue's title, subtitle and publisher) and an
        inline picture's (print sets it as text; `folio text` prints it).
Then the only extras allowed are the words folio prints itself: the
navigation and continuation words of both languages, and the issue's
number and date (the cover's "Nummer 7 · 2024-05").  Nothing else.
"""
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import xml.etree.ElementTree as ET
import zipfile

sys.dont_write_bytecode = True
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
import pdf_reading_text  # noqa: E402
FOLIO = os.environ.get("FOLIO", os.path.join(ROOT, "folio"))
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
HYPHENS = re.compile("[-\u2010\u2011\u00ad]")
XHTML = "{http://www.w3.org/1999/xhtml}"
EPUBNS = "{http://www.idpf.org/2007/ops}"
OPF = "{http://www.idpf.org/2007/opf}"
# The words folio adds itself (src/epub/epub_words.c, the note continuation
# mark and the cover's issue line of src/pdf/), in both languages.
FOLIO_WORDS = ("Inhoud Oriëntatiepunten Pagina's Omslag Begin vervolg Nummer "
               "Contents Landmarks Pages Cover Start continued Number")
SHOW = 15


def words(text):
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'").casefold()
    return WORD.findall(HYPHENS.sub("", text))


def run(args, **kw):
    return subprocess.run(args, capture_output=True, **kw)


# ------------------------------------------------------------------ build

def build(content, work, extra_env=None):
    """Builds CONTENT in WORK (beside copies of styles/ and fonts/, as the
    repository lays them out).  Returns (outputs dict, error)."""
    os.makedirs(work, exist_ok=True)
    dst = os.path.join(work, "content")
    shutil.copytree(content, dst, symlinks=True)
    parent = os.path.dirname(os.path.abspath(content))
    for name in ("styles", "fonts"):
        src = os.path.join(parent, name)
        if not os.path.isdir(src):
            src = os.path.join(ROOT, name)
        os.symlink(src, os.path.join(work, name))
    dump = os.path.join(work, "layout.txt")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1561939200", FOLIO_LAYOUT_DUMP=dump)
    env.update(extra_env or {})
    r = run([FOLIO, "build", "content", "-o", "out", "-q"], cwd=work, env=env)
    if r.returncode != 0:
        return None, "build failed: " + r.stderr.decode("utf-8", "replace").strip()[-600:]
    t = run([FOLIO, "text", "content"], cwd=work, env=env)
    if t.returncode != 0:
        return None, "folio text failed: " + t.stderr.decode("utf-8", "replace")[-300:]
    out = os.path.join(work, "out")
    files = os.listdir(out)
    # the reading edition; the press edition (<slug>-press.pdf) has the same words
    pdf = [f for f in files if f.endswith(".pdf") and not f.endswith("-press.pdf")]
    epub = [f for f in files if f.endswith(".epub")]
    if len(pdf) != 1 or len(epub) != 1:
        return None, "expected one PDF and one EPUB in out/, found %s" % files
    tree = run([FOLIO, "tree", "content"], cwd=work, env=env).stdout.decode("utf-8", "replace")
    return {"text": t.stdout.decode("utf-8"), "tree": tree, "dump": dump,
            "pdf": os.path.join(out, pdf[0]), "epub": os.path.join(out, epub[0])}, None


def meta_words(tree_dump):
    """Words of the issue's number and date (folio prints them on the cover)."""
    first = tree_dump.split("\n", 1)[0]
    out = []
    for key in ("number", "date"):
        m = re.search(r' %s="((?:[^"\\]|\\.)*)"' % key, first)
        if m:
            out += words(m.group(1))
    return out


# ------------------------------------------------------------------ PDF

def read_dump(path):
    """The layout dump (FOLIO_LAYOUT_DUMP): pages, each with its boxes."""
    pages = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            t = line.rstrip("\n").split("\t")
            if t[0] == "page":
                pages.append({"kind": t[4], "boxes": []})
            elif t[0] == "box":
                ln, cnt = t[10].split("/")
                pages[int(t[1])]["boxes"].append({
                    "col": int(t[2]), "kind": t[3], "role": t[4], "x": float(t[5]),
                    "y": float(t[6]), "w": float(t[7]), "h": float(t[8]),
                    "block": int(t[9]), "line": int(ln), "count": int(cnt),
                    "note": int(t[11]), "pos": t[12], "what": t[13] if len(t) > 13 else "",
                    "words": []})
    return pages


NOTE_LINK = re.compile(r"(note|ref)-(\d+)")


def is_note_number(piece):
    """A note's number: the digits under a link to the note (note-N, the
    reference mark) or back to its reference (ref-N, the note's own
    number).  folio draws the mark beside its Link element, not in it, so
    it is found by the link annotation's rectangle (see pdf_reading_text)."""
    m = NOTE_LINK.fullmatch(piece.link or "")
    return bool(m) and piece.text.strip() == m.group(2)


def navigation(run):
    """A list item that links to an article (the cover's lines, the
    contents page): it repeats the article's title and teaser."""
    return any(t == "LI" and d.get("nav") for t, d, _ in run.path)


def reading_runs(pdf):
    """(the runs of the reading text that are the tree's words, problems):
    the PDF read through its structure tree, artifacts out, and the
    allowed extras taken out by structure: list labels (Lbl), navigation
    (see above), note numbers, and a repeated table header row."""
    try:
        r = pdf_reading_text.read(pdf)
    except pdf_reading_text.PdfError as e:
        return None, ["%s" % e]
    problems = []
    if r.untagged:
        problems.append("%d pieces of text outside the structure tree and not artifacts: %s"
                        % (len(r.untagged), " | ".join(p.text for p in r.untagged[:8])))
    if r.orphans:
        problems.append("%d pieces of marked text no structure element names: %s"
                        % (len(r.orphans), " | ".join(p.text for p in r.orphans[:8])))
    problems += r.notes
    # a list item that links to an article: mark its LI once, for all its runs
    for run in r.runs:
        links_art = any(t == "Link" and (d.get("dest") or "").startswith("art-")
                        for t, d, _ in run.path)
        if links_art:
            for t, d, _ in run.path:
                if t == "LI":
                    d["nav"] = True
    keep = []
    notes_seen = set()
    for run in r.runs:
        if run.within("Lbl") or navigation(run):
            continue
        pieces = [p for p in run.pieces if not is_note_number(p)]
        note = [ref for t, _, ref in run.path if t == "Note"]
        if note and note[-1] not in notes_seen:
            notes_seen.add(note[-1])
            pieces = drop_continued_number(pieces)
        keep.append(pdf_reading_text.Run(pieces, run.path))
    r.runs = keep
    drop_repeated_headers(r)
    return r, problems


CONTINUED = re.compile(r"^\s*\d+\s*\((?:vervolg|continued)\)\s*")


def drop_continued_number(pieces):
    """A note continued in the next column starts again with its number and
    folio's continuation mark ("5 (vervolg)"): both are left out (a word
    cut at the end of the note's first part goes on after them)."""
    text = "".join(p.text for p in pieces)
    m = CONTINUED.match(text.replace(pdf_reading_text.SHY, ""))
    if not m:
        return pieces
    cut = len(m.group(0))   # characters of the mark, soft hyphens not counted
    out = []
    for p in pieces:
        t = p.text
        k = 0
        while cut and k < len(t):
            if t[k] != pdf_reading_text.SHY:
                cut -= 1
            k += 1
        out.append(pdf_reading_text.Piece(t[k:], p.x, p.y, p.size, p.page, p.mcid, p.stm)
                   if k else p)
    return out


def drop_repeated_headers(r):
    """A table's header row, set again at the top of a later column or
    page, is the same row: its second and later settings are dropped.
    A header row is a TR whose cells are all TH, in the same Table."""
    rows = collections.OrderedDict()
    for i, run in enumerate(r.runs):
        table = tr = None
        for t, d, ref in run.path:
            if t == "Table":
                table = ref
            elif t == "TR":
                tr = ref
        if table is not None and tr is not None:
            rows.setdefault((table, tr), []).append(i)
    seen = {}
    drop = set()
    for (table, tr), idx in rows.items():
        runs = [r.runs[i] for i in idx]
        if not all(run.within("TH") for run in runs):
            continue
        key = (table, tuple(run.text for run in runs))
        if key in seen:
            drop.update(idx)
        else:
            seen[key] = True
    r.runs = [run for i, run in enumerate(r.runs) if i not in drop]


def pdf_words(pdf, known):
    """Returns (words, problems): the words of the PDF's reading text,
    through its structure tree (tests/pdf_reading_text.py).  folio's text
    layer keeps the space at a line's end; a line that ends in none broke
    inside a word (a real hyphen, "spin-|off"; a word too long for its
    line) or at a hard line break: it is joined to the next line of its
    block when the joined word is a word of the text, else kept apart."""
    r, problems = reading_runs(pdf)
    if r is None:
        return [], problems
    return reading_words(r, known), problems


def reading_words(r, known, keep=None):
    """The words of the runs of reading r that KEEP says yes to, in order
    (see pdf_words)."""
    out = []
    for block in r.text(keep).split("\n\n"):
        pending = None
        for line in block.split("\n"):
            ws = line.split()
            if pending is not None and ws and not line[:1].isspace():
                joined = words(pending + ws[0])
                if joined and all(w in known for w in joined):
                    ws[0] = pending + ws[0]
                else:
                    out.append(pending)
            elif pending is not None:
                out.append(pending)
            pending = None
            if ws and line.rstrip() == line:
                pending = ws.pop()
            out += ws
        if pending is not None:
            out.append(pending)
    return words(" ".join(out))


# ------------------------------------------------------------------ EPUB

def epub_text(path):
    z = zipfile.ZipFile(path)
    c = ET.fromstring(z.read("META-INF/container.xml"))
    rf = c.find(".//{urn:oasis:names:tc:opendocument:xmlns:container}rootfile").get("full-path")
    base = os.path.dirname(rf)
    opf = ET.fromstring(z.read(rf))
    manifest = {it.get("id"): it for it in opf.find(OPF + "manifest")}
    parts = []
    for ref in opf.find(OPF + "spine"):
        it = manifest[ref.get("idref")]
        if "nav" in (it.get("properties") or "").split():
            continue
        name = os.path.normpath(os.path.join(base, it.get("href")))
        try:
            doc = ET.fromstring(z.read(name))
        except ET.ParseError as e:
            raise ValueError("%s is not well-formed XML: %s" % (name, e))
        body = doc.find(XHTML + "body")
        parts.append(visible(body))
    return "\n".join(parts)


def visible(e):
    out = []

    def walk(x, in_figure=False):
        tag = x.tag.replace(XHTML, "")
        skip = False
        if tag == "a" and (x.get(EPUBNS + "type") == "noteref" or "note-number" in (x.get("class") or "").split()):
            skip = True
        # the text equivalents that are reading text: the cover's (it shows
        # the issue's title, subtitle and publisher) and an inline
        # picture's (print sets it as text); a figure's is its caption
        if tag == "img" and not in_figure:
            out.append(" %s " % (x.get("alt") or ""))
        if tag in ("head", "script", "style"):
            skip = True
        if not skip:
            if tag in ("ul", "ol", "p", "div", "table", "blockquote", "aside", "figure", "pre"):
                out.append("\n")
            out.append(x.text or "")
            for k in x:
                walk(k, in_figure or tag == "figure")
        if tag in ("p", "li", "ul", "ol", "table", "tr", "figure", "nav", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "br", "div",
                   "figcaption", "pre", "section", "aside", "header", "blockquote", "dt", "dd"):
            out.append("\n")
        out.append(x.tail or "")
    walk(e)
    return "".join(out)


# ------------------------------------------------------------------ compare

def compare(name, edition, want, got, allowed):
    missing = want - got
    extra = got - want
    extra = collections.Counter({w: n for w, n in extra.items() if w not in allowed})
    ok = not missing and not extra
    detail = ""
    if not ok:
        bits = []
        if missing:
            bits.append("missing %d: %s" % (sum(missing.values()), " ".join(
                "%s x%d" % kv for kv in missing.most_common(SHOW))))
        if extra:
            bits.append("extra %d: %s" % (sum(extra.values()), " ".join(
                "%s x%d" % kv for kv in extra.most_common(SHOW))))
        detail = "; ".join(bits)
    return ok, "words: %s: %s %s (%d words)%s" % (
        name, edition, "== folio text" if ok else "!= folio text", sum(want.values()),
        ": " + detail if detail else "")


def check_outputs(name, o):
    """Returns a list of (ok, message) for built outputs o (see build)."""
    want = collections.Counter(words(o["text"]))
    allowed = set(words(FOLIO_WORDS)) | set(meta_words(o["tree"]))
    results = []
    pw, problems = pdf_words(o["pdf"], set(want))
    ok, msg = compare(name, "PDF", want, collections.Counter(pw), allowed)
    if problems:
        # text outside the structure tree is lost to a reader of the tree
        ok = False
        msg = msg.replace("== folio text", "!= folio text") + " [" + "; ".join(problems) + "]"
    results.append((ok, msg))
    try:
        ew = words(epub_text(o["epub"]))
    except (ValueError, KeyError, zipfile.BadZipFile) as e:
        results.append((False, "words: %s: EPUB unreadable: %s" % (name, e)))
        return results
    results.append(compare(name, "EPUB", want, collections.Counter(ew), allowed))
    return results


def check_issue(content, name=None, keep=False, extra_env=None):
    """Builds and checks one issue; returns a list of (ok, message)."""
    name = name or os.path.relpath(os.path.abspath(content), ROOT)
    tmp = tempfile.mkdtemp(prefix="wordcheck-")
    try:
        o, err = build(content, os.path.join(tmp, "w"), extra_env)
        if err:
            return [(False, "words: %s: %s" % (name, err))]
        return check_outputs(name, o)
    finally:
        if keep:
            print("kept " + tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


class Checks:
    """PASS/FAIL lines with a prefix, counting the failures (for the tests
    built on this tool)."""

    def __init__(self, prefix):
        self.prefix = prefix
        self.failures = 0

    def __call__(self, ok, name, detail=""):
        self.failures += not ok
        print(("PASS: " if ok else "FAIL: ") + self.prefix + name +
              ("" if ok or not detail else ": " + detail))


def report(results):
    bad = 0
    for ok, msg in results:
        print(("PASS: " if ok else "FAIL: ") + msg)
        bad += not ok
    return bad


def main(argv):
    keep = "--keep" in argv
    dirs = [a for a in argv if not a.startswith("--")]
    if not dirs:
        print(__doc__)
        return 2
    bad = 0
    for d in dirs:
        bad += report(check_issue(d, keep=keep))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
