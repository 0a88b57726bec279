#!/usr/bin/env python3
"""The print edition: structure, fonts, nothing lost, layout rules, links,
reproducibility.

Builds content/ twice with `folio build` (SOURCE_DATE_EPOCH fixed,
FOLIO_LAYOUT_DUMP set) in a scratch copy of the repository layout, then
checks the PDF with qpdf and poppler-utils and the layout dump written by
the layout stage.  `--pdf FILE --dump FILE` checks an existing build
instead (for debugging; the reproducibility check is then skipped).

Nothing lost: pdftotext of every page, running head and folio removed,
line-end hyphens rejoined, must contain every word of `folio text content`
(as a multiset, words as tests/t_words.py defines them).  Reading order is
checked separately: the words of `folio text` must appear in the PDF's text
in order except the footnotes', which print at the foot of the column of
their reference rather than at the article's end (so they are out of order
by design); the check allows as many out-of-order words as the notes have.
"""
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

import pdfjson  # tests/: reads a PDF back through qpdf --json

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FOLIO = os.environ.get("FOLIO", os.path.join(ROOT, "folio"))
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
A4 = (595.276, 841.89)
EPS = 0.6
failures = 0


def report(ok, name, detail=""):
    global failures
    if ok:
        print(f"PASS: pdf: {name}")
    else:
        failures += 1
        print(f"FAIL: pdf: {name}" + (f": {detail}" if detail else ""))


def words(text):
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'").casefold()
    return WORD.findall(text)


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)


def build(tmp, name, content=os.path.join(ROOT, "content")):
    """Builds the issue in content as tmp/name/content (beside copies of
    styles/ and fonts/); returns (pdf, dump) or None."""
    work = os.path.join(tmp, name)
    os.makedirs(work)
    shutil.copytree(content, os.path.join(work, "content"))
    shutil.copytree(os.path.join(ROOT, "styles"), os.path.join(work, "styles"))
    os.symlink(os.path.join(ROOT, "fonts"), os.path.join(work, "fonts"))
    dump = os.path.join(work, "layout.txt")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1561939200", FOLIO_LAYOUT_DUMP=dump)
    r = run([FOLIO, "build", "content", "-o", "out", "-q"], cwd=work, env=env)
    out = os.path.join(work, "out")
    # the reading edition (the press edition is <slug>-press.pdf, see t_press.py)
    pdfs = sorted(f for f in os.listdir(out) if f.endswith(".pdf") and not f.endswith("-press.pdf")) if os.path.isdir(out) else []
    pdf = os.path.join(out, pdfs[0]) if pdfs else ""
    if r.returncode != 0 or not pdfs:
        report(False, "build", r.stderr.strip()[-400:])
        return None
    return pdf, dump


# ---------------------------------------------------------------- layout dump

def read_dump(path):
    pages, boxes = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            t = line.rstrip("\n").split("\t")
            if t[0] == "page":
                pages.append({"index": int(t[1]), "number": int(t[2]), "label": t[3],
                              "kind": t[4], "ncols": int(t[5]), "col_w": float(t[6]),
                              "top": float(t[7]), "bottom": float(t[8]),
                              "col_x": [float(x) for x in t[9:]]})
            elif t[0] == "box":
                ln, cnt = t[10].split("/")
                boxes.append({"page": int(t[1]), "col": int(t[2]), "kind": t[3], "role": t[4],
                              "x": float(t[5]), "y": float(t[6]), "w": float(t[7]),
                              "h": float(t[8]), "block": int(t[9]), "line": int(ln),
                              "count": int(cnt), "note": int(t[11]), "pos": t[12],
                              "what": t[13] if len(t) > 13 else ""})
    return pages, boxes


def check_layout(pages, boxes):
    # every box inside its frame: its column, or the page for the rest
    bad = []
    for b in boxes:
        if b["kind"] in ("dest",):
            continue
        p = pages[b["page"]]
        if b["col"] >= 0 and b["kind"] != "link":
            x0 = p["col_x"][b["col"]]
            if (b["x"] < x0 - EPS or b["x"] + b["w"] > x0 + p["col_w"] + EPS
                    or b["y"] < p["top"] - EPS or b["y"] + b["h"] > p["bottom"] + EPS):
                bad.append(b)
        elif b["kind"] != "rect" or b["role"] != "decor":
            if b["x"] < -EPS or b["y"] < -EPS or b["x"] + b["w"] > A4[0] + EPS \
                    or b["y"] + b["h"] > A4[1] + EPS:
                bad.append(b)
    report(not bad, "layout: every box inside its column or page",
           "; ".join(f"p{b['page']} c{b['col']} {b['kind']} {b['x']:.1f},{b['y']:.1f} "
                     f"{b['w']:.1f}x{b['h']:.1f} {b['pos']}" for b in bad[:5]))

    # widows and orphans: a paragraph split across columns keeps >= 2 lines a side
    parts = collections.defaultdict(collections.Counter)
    for b in boxes:
        if b["kind"] == "line" and b["role"] == "body" and b["count"] >= 2 \
                and b["what"] == "Para":
            parts[b["block"]][(b["page"], b["col"])] += 1
    bad = [(k, dict(v)) for k, v in parts.items() if len(v) > 1 and min(v.values()) < 2]
    report(not bad, "layout: no widows or orphans", str(bad[:5]))

    # a heading never ends a column
    last = {}
    for b in boxes:
        if b["kind"] == "line" and b["role"] in ("body", "heading") and b["col"] >= 0:
            k = (b["page"], b["col"])
            if k not in last or b["y"] > last[k]["y"]:
                last[k] = b
    bad = [k for k, b in last.items() if b["role"] == "heading"]
    report(not bad, "layout: no heading at the end of a column", str(bad[:5]))

    # a note starts on the page of its reference and never before it
    refs = {}
    for b in boxes:
        if b["kind"] == "dest" and b["what"].startswith("ref-"):
            refs.setdefault(int(b["what"][4:]), b["page"])
    first, lastp = {}, {}
    for b in boxes:
        if b["kind"] == "line" and b["role"] == "note" and b["note"]:
            first.setdefault(b["note"], b["page"])
            lastp[b["note"]] = b["page"]
    bad = []
    for n, pg in refs.items():
        if n not in first:
            bad.append(f"note {n} not placed")
        elif first[n] != pg and not (first[n] == pg + 1):
            bad.append(f"note {n} on page {first[n]}, ref on {pg}")
        elif first[n] < pg:
            bad.append(f"note {n} before its reference")
    report(refs and not bad, f"layout: {len(refs)} footnotes on the page of their reference",
           "; ".join(bad))

    # no empty page
    content = collections.Counter(b["page"] for b in boxes
                                  if b["kind"] == "line" and b["role"] != "furniture")
    empty = [p["index"] for p in pages if content[p["index"]] == 0]
    report(not empty, "layout: no empty page", str(empty))


# ------------------------------------------------------------------- the PDF

def check_pdf_structure(pdf, npages_expected, narticles, min_uris=3, min_dests=20):
    r = run(["qpdf", "--check", pdf])
    report(r.returncode == 0 and "No syntax or stream encoding errors" in r.stdout,
           "qpdf --check clean", (r.stdout + r.stderr)[-300:])

    info = run(["pdfinfo", pdf]).stdout
    m = re.search(r"^Pages:\s+(\d+)", info, re.M)
    n = int(m.group(1)) if m else 0
    report(n == npages_expected and n > 0, f"{n} pages, as laid out")
    report(re.search(r"^Tagged:\s+yes", info, re.M) is not None, "tagged PDF")
    report(re.search(r"^Title:\s+\S", info, re.M) is not None, "title set")
    report(re.search(r"^Creator:\s+folio ", info, re.M) is not None, "creator folio")
    report(re.search(r"^Author:\s+\S", info, re.M) is not None, "author set")
    sizes = run(["pdfinfo", "-f", "1", "-l", str(n), pdf]).stdout
    dims = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", sizes, re.M)
    report(len(dims) == n and all(abs(float(w) - A4[0]) < 1 and abs(float(h) - A4[1]) < 1
                                  for w, h in dims), "every page A4")

    fonts = run(["pdffonts", pdf]).stdout.splitlines()[2:]
    allowed = set(run(["fc-scan", "--format", "%{postscriptname}\n"] +
                      [os.path.join(ROOT, "fonts", f) for f in os.listdir(os.path.join(ROOT, "fonts"))
                       if f.endswith((".ttf", ".otf"))]).stdout.split())
    bad = []
    for line in fonts:
        t = line.split()
        name = t[0]
        emb, sub = t[-5], t[-4]
        base = name.split("+", 1)[-1]
        if emb != "yes" or sub != "yes" or "+" not in name or base not in allowed:
            bad.append(line)
    report(fonts and not bad, f"{len(fonts)} fonts, all embedded, subset and from fonts/",
           "; ".join(bad[:4]))

    r = run(["qpdf", "--json", pdf])
    j = json.loads(r.stdout)
    outlines = j.get("outlines", [])
    arts = [o["title"] for o in outlines]
    report(len(arts) == narticles, f"outline: {len(arts)} articles", str(arts))
    report(any(o["kids"] for o in outlines), "outline: sections nested under articles")
    labels = j.get("pagelabels", [])
    report(bool(labels), "page labels present")
    # Read back through qpdf --json (tests/pdfjson.py), never by searching bytes.
    doc = pdfjson.PdfJson(pdf)
    links = [doc.get(a) or {} for p in doc.pages for a in doc.get(p.get("/Annots")) or []]
    links = [a for a in links if a.get("/Subtype") == "/Link"]
    uris = sum(1 for a in links if (doc.get(a.get("/A")) or {}).get("/S") == "/URI")
    dests = sum(1 for a in links if "/Dest" in a or (doc.get(a.get("/A")) or {}).get("/S") == "/GoTo")
    report(uris >= min_uris, f"links: {uris} URI links")
    report(dests >= min_dests, f"links: {dests} internal links (notes both ways, cover list)")
    report(pdfjson.text(doc.catalog.get("/Lang", "")) == "nl", "document language /Lang set")
    return n


def page_texts(pdf, n):
    out = []
    for i in range(1, n + 1):
        out.append(run(["pdftotext", "-raw", "-f", str(i), "-l", str(i), "-enc", "UTF-8", pdf, "-"]).stdout)
    return out


def strip_furniture(text, pages_meta, i, heads):
    lines = [l for l in text.splitlines()]
    if pages_meta and pages_meta[i]["kind"] != "page":
        return text  # the cover and openers carry no running head or folio
    label = pages_meta[i]["label"] if pages_meta else str(i + 1)
    kept = []
    for l in lines:
        s = l.strip()
        if s == label or s.casefold() in heads:
            continue
        kept.append(l)
    return "\n".join(kept)


def rejoin(text, known):
    """Joins a word broken by a hyphen at a line end when the whole word is
    known (a hyphenation); keeps real hyphens (Noord-\\nBrabant)."""
    def fix(m):
        a, b = m.group(1), m.group(2)
        whole = (a + b).casefold()
        if whole in known or (m.group(0)[len(a)] == "\u00ad" and
                              (a.casefold() not in known or b.casefold() not in known)):
            return a + b
        return a + "-" + b
    # a soft hyphen at a line end is a hyphenation: join; one inside a line
    # is invisible (pdftotext still reports it): drop
    # is invisible (pdftotext still reports it): drop.  cairo maps a hyphen
    # glyph to one text per font subset, so a real hyphen at a line end may
    # read as a soft one: both are judged by the words they make.
    text = re.sub(r"([^\W\d_]+)[-\u2010\u00ad][ \t]*\n\s*([^\W\d_]+)", fix, text)
    return text.replace("\u00ad", "")


def lcs_length(a, b):
    """Length of the longest common subsequence (bit-parallel, Allison-Dix):
    fast enough for whole issues in pure Python."""
    masks = {}
    for i, w in enumerate(b):
        masks[w] = masks.get(w, 0) | (1 << i)
    full = (1 << len(b)) - 1
    v = full
    for w in a:
        u = v & masks.get(w, 0)
        v = ((v + u) | (v - u)) & full
    return len(b) - bin(v).count("1")


def check_words(pdf, n, pages_meta, content=os.path.join(ROOT, "content")):
    expected_text = run([FOLIO, "text", content]).stdout
    expected = words(expected_text)
    known = set(expected)
    meta = run([FOLIO, "tree", content]).stdout
    heads = {"dimensies"} | {t.casefold() for t in re.findall(r'title "([^"]*)"', meta)}
    texts = page_texts(pdf, n)
    got = []
    whole = "\n".join(strip_furniture(t, pages_meta, i, heads) for i, t in enumerate(texts))
    if True:
        for w in words(rejoin(whole, known)):
            # a note number is set superscript against its word: split it off
            m = re.match(r"^(.*?\D)(\d+)$", w)
            if w not in known and m and m.group(1) in known:
                got += [m.group(1), m.group(2)]
            else:
                got.append(w)
    missing = collections.Counter(expected) - collections.Counter(got)
    # a word hyphenated at the foot of a column is interrupted by that
    # column's notes: its two halves are apart in the text
    dangling = {m.casefold() for m in re.findall(r"([^\W\d_]+)[\u00ad-][ \t]*\n", whole)}
    have = collections.Counter(got)
    for w in list(missing):
        if any(w[:k] in dangling and have[w[k:]] for k in range(2, len(w) - 1)):
            del missing[w]
    report(not missing, f"nothing lost: all {len(expected)} words of `folio text` in the PDF",
           str(missing.most_common(12)))
    # reading order: the longest common subsequence of the two word lists
    notes_words = 0
    cdir = content
    for f in os.listdir(cdir):
        if f.endswith(".md") and f not in ("FORMAT.md", "EDITS.md", "README.md"):
            src = open(os.path.join(cdir, f), encoding="utf-8").read()
            for m in re.finditer(r"^\[\^[^\]]+\]:(.*(?:\n    .*)*)", src, re.M):
                notes_words += len(words(re.sub(r"\]\([^)]*\)", " ", m.group(1))))
            # pull quotes and figures float to the next column when they
            # do not fit: their words may move as well
            for m in re.finditer(r"^::: pullquote\n(.*?)^:::", src, re.M | re.S):
                notes_words += len(words(m.group(1)))
            for m in re.finditer(r"^!\[([^\]]*)\]\([^)\s]*(?:\s+\"([^\"]*)\")?\)", src, re.M):
                notes_words += len(words(m.group(2) or ""))
    in_order = lcs_length(expected, got)
    out_of_order = len(expected) - in_order
    limit = notes_words + 10
    report(out_of_order <= limit,
           f"reading order: {in_order}/{len(expected)} words in order "
           f"({notes_words} words of notes, pull quotes and captions may move)")


def count_articles(content):
    text = open(os.path.join(content, "issue.yaml"), encoding="utf-8").read()
    return len(re.findall(r"^\s+-\s+\S+\.md\s*$", text, re.M))


def check_issue(content, min_uris=3, min_dests=20, pdf=None, dump=None):
    """Builds content twice (unless pdf and dump are given) and runs every
    check; returns (pdf path, dump rows) for further checks, and a cleanup."""
    tmp = None
    pdf2 = None
    if not pdf:
        tmp = tempfile.mkdtemp()
        r1 = build(tmp, "a", content)
        if not r1:
            shutil.rmtree(tmp)
            return None
        pdf, dump = r1
        r2 = build(tmp, "b", content)
        pdf2 = r2[0] if r2 else None
    pages, boxes = read_dump(dump) if os.path.exists(dump) else ([], [])
    report(bool(pages), "layout dump written (FOLIO_LAYOUT_DUMP)")
    n = check_pdf_structure(pdf, len(pages), count_articles(content), min_uris, min_dests)
    if pages:
        check_layout(pages, boxes)
    check_words(pdf, n, pages, content)
    if pdf2:
        same = open(pdf, "rb").read() == open(pdf2, "rb").read()
        report(same, "reproducible: two builds byte-identical")
    return pdf, pages, boxes, tmp


def main():
    args = sys.argv[1:]
    pdf = args[args.index("--pdf") + 1] if "--pdf" in args else None
    dump = args[args.index("--dump") + 1] if "--dump" in args else None
    r = check_issue(os.path.join(ROOT, "content"), pdf=pdf, dump=dump)
    if r and r[3]:
        shutil.rmtree(r[3])
    return 1 if failures or not r else 0


if __name__ == "__main__":
    sys.exit(main())
