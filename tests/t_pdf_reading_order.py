#!/usr/bin/env python3
"""The structure tree's reading order gives the words of `folio text`
(issue 11): on the bundled issue, the test issues and the construct
corpus (tests/construct_corpus.py), the reading
edition's words, read through its structure tree (tests/pdf_reading_text.py,
with the allowed extras of tests/wordcheck.py taken out), are the words of
`folio text` in the same order, not only the same words.

What may move, and why, each handled explicitly:
  - A Note element is set at the foot of a column, inside the paragraph
    the column breaks; `folio text` prints the note after its article.
  - A pull quote (a BlockQuote that holds no paragraph: folio sets its
    lines straight in it) and a Figure (its caption) float to where the
    layout puts them; `folio text` prints them where the source has them.
  Each such element's words must be found, in order and unbroken, in the
  words of `folio text`; they are taken out there, and the rest of the
  PDF's words must then be exactly the rest of the text, in order.
  - The words folio prints itself (the cover's issue number and date,
    "vervolg", ...: wordcheck.FOLIO_WORDS) may be inserted; nothing else.

The test must be able to fail: it swaps two paragraphs in the bundled
issue's structure tree (qpdf --update-from-json), and drops the tree
altogether (an untagged PDF), and both must be refused."""
import collections
import difflib
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import construct_corpus  # noqa: E402
import pdf_reading_text  # noqa: E402
import wordcheck  # noqa: E402

ROOT = wordcheck.ROOT
SHOW = 12


def movable(run):
    """The Note or pull quote the run belongs to (its ref), or None."""
    for i, (t, d, ref) in enumerate(run.path):
        if t in ("Note", "Figure"):
            return ref
        if t == "BlockQuote" and not any(t2 in ("P", "H1", "H2", "H3", "L")
                                         for t2, _, _ in run.path[i + 1:]):
            return ref
    return None


def find(seq, part, taken):
    """The first place where PART occurs unbroken in SEQ, not over TAKEN."""
    n = len(part)
    first = part[0]
    for i in range(len(seq) - n + 1):
        if seq[i] == first and seq[i:i + n] == part and not any(taken[i:i + n]):
            return i
    return -1


def order_check(name, o):
    """Returns (ok, message) for built outputs o (wordcheck.build)."""
    text = wordcheck.words(o["text"])
    known = set(text)
    allowed = set(wordcheck.words(wordcheck.FOLIO_WORDS)) | set(wordcheck.meta_words(o["tree"]))
    r, problems = wordcheck.reading_runs(o["pdf"])
    if r is None or problems:
        return False, "%s: the PDF cannot be read in reading order: %s" % (name, "; ".join(problems))
    groups = collections.OrderedDict()
    for run in r.runs:
        m = movable(run)
        if m is not None:
            groups.setdefault(m, []).append(run)
    body = wordcheck.reading_words(r, known, keep=lambda run: movable(run) is None)
    taken = [False] * len(text)
    bad = []
    for ref, runs in groups.items():
        ids = {id(x) for x in runs}
        part = wordcheck.reading_words(r, known, keep=lambda run: id(run) in ids)
        part = [w for w in part if w not in allowed or w in known]
        if not part:
            continue
        i = find(text, part, taken)
        if i < 0:
            kind = [t for t, _, rf in runs[0].path if rf == ref][0]
            bad.append("a %s's words are not found in this order in folio text: %s"
                       % (kind, " ".join(part[:SHOW])))
            continue
        for k in range(i, i + len(part)):
            taken[k] = True
    rest = [w for w, t in zip(text, taken) if not t]
    sm = difflib.SequenceMatcher(None, rest, body, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        if op == "insert" and all(w in allowed for w in body[j1:j2]):
            continue
        bad.append("%s at word %d of the text: text [%s] | PDF [%s] (after: %s)" % (
            op, i1, " ".join(rest[i1:i2][:SHOW]), " ".join(body[j1:j2][:SHOW]),
            " ".join(rest[max(0, i1 - 6):i1])))
    ok = not bad
    return ok, "reading order: %s: the structure tree gives folio text's %d words in order " \
        "(%d notes, pull quotes and figures placed)%s" % (name, len(text), len(groups),
                                                 "" if ok else ": " + "; ".join(bad[:4]))


def issues():
    """The issues t_wordcheck.py checks."""
    import t_wordcheck
    return t_wordcheck.issues()


def update(pdf, objects, out):
    """Writes OUT: PDF with OBJECTS ({"obj:N 0 R": {"value": ...}}) replaced,
    through qpdf's JSON (--json-output, then --json-input)."""
    r = subprocess.run(["qpdf", "--json-output", pdf, "-"], capture_output=True, text=True)
    if r.returncode not in (0, 3):
        raise RuntimeError(r.stderr)
    j = json.loads(r.stdout)
    j["qpdf"][1].update(objects)
    src = out + ".json"
    with open(src, "w") as f:
        json.dump(j, f)
    r = subprocess.run(["qpdf", "--json-input", src, out], capture_output=True, text=True)
    if r.returncode not in (0, 3):
        raise RuntimeError(r.stderr)


def must_fail(check, tmp, o):
    """The check refuses a PDF whose structure tree has two paragraphs
    swapped, and an untagged one."""
    doc = pdf_reading_text.pdfjson.PdfJson(o["pdf"])
    # two neighbouring P elements of one article, with different words
    swap = None
    r = pdf_reading_text.read(o["pdf"])
    text_of = collections.defaultdict(str)
    for run in r.runs:
        for t, d, ref in run.path:
            text_of[ref] += run.text
    for ref, v in doc.all_values():
        if v.get("/S") != "/Art" or not isinstance(v.get("/K"), list):
            continue
        kids = v["/K"]
        ps = [i for i, k in enumerate(kids) if isinstance(k, str) and
              (doc.get(k) or {}).get("/S") == "/P" and len(text_of[k].split()) > 5]
        for a, b in zip(ps, ps[1:]):
            if b == a + 1:
                swap = (ref, v, a, b)
                break
        if swap:
            break
    if not swap:
        check(False, "swapped paragraphs: no two neighbouring paragraphs found")
        return
    ref, v, a, b = swap
    kids = list(v["/K"])
    kids[a], kids[b] = kids[b], kids[a]
    nv = dict(v, **{"/K": kids})
    bad_pdf = os.path.join(tmp, "swapped.pdf")
    update(o["pdf"], {"obj:" + ref: {"value": nv}}, bad_pdf)
    ok, msg = order_check("swapped", dict(o, pdf=bad_pdf))
    check(not ok, "the check fails when two paragraphs of the structure tree are swapped",
          msg)
    # the same words, so the multiset check alone would pass: order matters
    want = collections.Counter(wordcheck.words(o["text"]))
    allowed = set(wordcheck.words(wordcheck.FOLIO_WORDS)) | set(wordcheck.meta_words(o["tree"]))
    pw, _ = wordcheck.pdf_words(bad_pdf, set(want))
    same, detail = wordcheck.compare("swapped", "PDF", want, collections.Counter(pw), allowed)
    check(same, "(the swapped PDF still has every word: only the order is wrong)", detail)
    cat_ref = doc.trailer["/Root"]
    cat = {k: w for k, w in doc.catalog.items() if k not in ("/StructTreeRoot", "/MarkInfo")}
    untagged = os.path.join(tmp, "untagged.pdf")
    update(o["pdf"], {"obj:" + cat_ref: {"value": cat}}, untagged)
    ok, msg = order_check("untagged", dict(o, pdf=untagged))
    check(not ok and "not tagged" in msg, "the check fails on an untagged PDF", msg)
    pdf_ok, msg = wordcheck.check_outputs("untagged", dict(o, pdf=untagged))[0]
    check(not pdf_ok, "the word check (wordcheck.py) fails on an untagged PDF too", msg)


def main():
    check = wordcheck.Checks("")
    tmp = tempfile.mkdtemp(prefix="readorder-")
    try:
        for rel in issues():
            work = os.path.join(tmp, rel.replace("/", "_"))
            o, err = wordcheck.build(os.path.join(ROOT, rel), work)
            if err:
                check(False, "reading order: %s: %s" % (rel, err))
                continue
            ok, msg = order_check(rel, o)
            check(ok, msg)
            if rel == "content":
                must_fail(check, tmp, o)
            shutil.rmtree(work, ignore_errors=True)
        # the construct corpus: every construct in every container
        gen = os.path.join(tmp, "corpus")
        os.makedirs(gen)
        combos, _ = construct_corpus.generate(gen)
        o, err = wordcheck.build(os.path.join(gen, "content"), os.path.join(tmp, "corpus-w"))
        if err:
            check(False, "reading order: construct corpus: %s" % err)
        else:
            ok, msg = order_check("construct corpus (%d pairs)" % len(combos), o)
            check(ok, msg)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if check.failures else 0


if __name__ == "__main__":
    sys.exit(main())
