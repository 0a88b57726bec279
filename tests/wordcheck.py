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
  PDF   Every word of the text layer (pdftotext -bbox) is placed in the
        line box of the layout dump (FOLIO_LAYOUT_DUMP) that holds it.
        Left out: running heads and folios (role furniture); the cover
        lines (cover text under a link to an article); list labels (the
        narrow box before an item's first line); a table header row
        repeated in a later column; note numbers (the digits inside a
        note-N link, or at the start of a note's ref-N link).  A word that
        lies in no line box is kept, so text drawn outside the layout
        fails the check.  A line that ends in a hyphen is joined to the
        next line of the same block.
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
import html
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
    pdf = [f for f in files if f.endswith(".pdf")]
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


def pdf_page_words(pdf):
    """[[(text, x0, y0, x1, y1)] per page] from pdftotext -bbox."""
    r = run(["pdftotext", "-bbox", "-enc", "UTF-8", pdf, "-"])
    pages, cur = [], None
    for line in r.stdout.decode("utf-8", "replace").split("\n"):
        if "<page " in line:
            cur = []
            pages.append(cur)
            continue
        m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)
        if m and cur is not None:
            cur.append((html.unescape(m.group(5)), float(m.group(1)), float(m.group(2)),
                        float(m.group(3)), float(m.group(4))))
    return pages


def inside(b, x, y, slack=1.0):
    return b["x"] - slack <= x <= b["x"] + b["w"] + slack and \
        b["y"] - slack <= y <= b["y"] + b["h"] + slack


def overlaps(b, w):
    return w[1] < b["x"] + b["w"] and w[3] > b["x"] and w[2] < b["y"] + b["h"] and w[4] > b["y"]


def glue(pieces, known):
    """The words of one line box, left to right.  pdftotext splits a word
    where its letters stand apart: letter-spaced capitals ("V o o r a f")
    and a sub- or superscript ("H 2 O").  A run of pieces closer than any
    space is joined again when what it makes is words of the text and the
    pieces alone are not (a tight justified line keeps its words)."""
    runs = []
    last = None
    for x0, x1, h, text in pieces:
        if last is not None and x0 - last < 0.12 * h:
            runs[-1].append(text)
        else:
            runs.append([text])
        last = x1
    out = []
    for r in runs:
        joined = words("".join(r))
        if len(r) > 1 and joined and all(w in known for w in joined) and \
                not all(w in known for p in r for w in words(p)):
            out.append("".join(r))
        else:
            out += r
    return out


def pdf_words(pdf, dump, known):
    """Returns (words, notes about what could not be placed)."""
    pages = read_dump(dump)
    texts = pdf_page_words(pdf)
    problems = []
    if len(pages) != len(texts):
        problems.append("layout dump has %d pages, the PDF %d" % (len(pages), len(texts)))
    loose = []
    for pi, (page, ws) in enumerate(zip(pages, texts)):
        lines = [b for b in page["boxes"] if b["kind"] == "line"]
        links = [b for b in page["boxes"] if b["kind"] in ("link", "dest")]
        for w in ws:
            text = w[0]
            # note numbers: the digits a note link covers
            for l in links:
                m = re.fullmatch(r"(note|ref)-(\d+)", l["what"])
                if m and overlaps(l, w):
                    n = m.group(2)
                    if m.group(1) == "note" and text.endswith(n):
                        text = text[:-len(n)]
                    elif m.group(1) == "ref" and text.startswith(n):
                        text = text[len(n):]
            cx, cy = (w[1] + w[3]) / 2, (w[2] + w[4]) / 2
            hold = [b for b in lines if inside(b, cx, cy)]
            if not hold:
                loose.append(text)
                continue
            b = min(hold, key=lambda b: b["w"] * b["h"])
            b["words"].append((w[1], w[3], w[4] - w[2], text))
        # classify the boxes of the page
        cover_links = [l for l in links if l["kind"] == "link" and l["what"].startswith("art-")]
        for b in lines:
            b["words"] = glue(sorted(b["words"]), known)
            b["drop"] = None
            if b["role"] == "furniture":
                b["drop"] = "furniture"
            elif b["role"] == "cover" and any(inside(l, b["x"] + b["w"] / 2, b["y"] + b["h"] / 2, 0)
                                              for l in cover_links):
                b["drop"] = "cover line"
            elif b["line"] == 0 and b["count"] == 0 and b["what"] != "Cell" and any(
                    o is not b and o["block"] == b["block"] and abs(o["y"] - b["y"]) < 0.5
                    and o["x"] > b["x"] for o in lines):
                b["drop"] = "label"
    # table header rows repeated in a later column; note continuation marks
    seen_rows = {}
    for pi, page in enumerate(pages):
        for b in page["boxes"]:
            if b["kind"] != "line":
                continue
            if b["what"] == "Cell":
                key = (b["block"], b["pos"])
                where = (pi, b["col"])
                if seen_rows.setdefault(key, where) != where:
                    b["drop"] = "repeated header"
            if b["role"] == "note" and len(b["words"]) >= 2 and re.fullmatch(r"\d+", b["words"][0]) \
                    and re.fullmatch(r"\((vervolg|continued)\)", b["words"][1]):
                b["words"] = b["words"][2:]
    # join lines that end in a hyphen with the next line of their block
    out = []
    pending = {}
    for page in pages:
        for b in page["boxes"]:
            if b["kind"] != "line" or b["drop"] or not b["words"]:
                continue
            ws = list(b["words"])
            key = b["block"]
            if key in pending:
                head = pending.pop(key)
                # a line-end hyphen is a hyphenation when the joined word is
                # a word of the text; else it is a real one ("Noord- en")
                if words(head + ws[0])[:1] and all(w in known for w in words(head + ws[0])):
                    ws[0] = head + ws[0]
                else:
                    ws.insert(0, head)
            if HYPHENS.search(ws[-1][-1:]):
                pending[key] = ws.pop()
            out += ws
    out += list(pending.values())
    if loose:
        problems.append("%d words outside every line box of the layout: %s"
                        % (len(loose), " ".join(loose[:12])))
    return words(" ".join(out + loose)), problems


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
        doc = ET.fromstring(z.read(os.path.normpath(os.path.join(base, it.get("href")))))
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
    pw, problems = pdf_words(o["pdf"], o["dump"], set(want))
    ok, msg = compare(name, "PDF", want, collections.Counter(pw), allowed)
    if problems:
        msg += " [" + "; ".join(problems) + "]"
    results.append((ok, msg))
    ew = words(epub_text(o["epub"]))
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
