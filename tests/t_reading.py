#!/usr/bin/env python3
"""The reading edition, OUTDIR/<slug>.pdf, as PDF/UA-1: read back with
`qpdf --json` (tests/pdfjson.py), never by searching bytes.

- catalog: /Lang, /ViewerPreferences /DisplayDocTitle true, /MarkInfo;
- XMP: pdfuaid:part 1, dc:title (= the Info /Title), dc:creator;
- no text-showing operator and no painting outside marked content;
- running heads and folios are /Artifact, and nothing else is: every
  text-showing operator inside an artifact sits in a furniture box of the
  layout dump, and every furniture box has artifact text;
- every Figure element has /Alt, every TH /Scope, every Note an /ID;
  lists are L > LI > Lbl + LBody;
- link annotations have /Contents, pages /Tabs /S;
- PDF 1.7, qpdf --check clean.
Runs on content/ and on tests/pdf/features (figures, a table, lists)."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pdfjson  # noqa: E402
import t_pdf  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FOLIO = os.environ.get("FOLIO", os.path.join(ROOT, "folio"))
NS = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
      "dc": "http://purl.org/dc/elements/1.1/",
      "pdfuaid": "http://www.aiim.org/pdfua/ns/id/"}
TEXT_OPS = {"Tj", "TJ", "'", '"'}
PAINT_OPS = TEXT_OPS | {"f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "Do", "sh", "BI"}
failures = 0


def report(ok, name, detail=""):
    global failures
    print(("PASS: " if ok else "FAIL: ") + "reading: " + name + ("" if ok or not detail else ": " + detail))
    if not ok:
        failures += 1


def build(tmp, name, content):
    """(reading edition, layout dump) of content built in tmp/name, or (None, None)."""
    r = t_pdf.build(tmp, name, content)
    report(r is not None, f"{name}: build")
    return r if r else (None, None)


def furniture(dump):
    """{page index: [(x, y, w, h)]} of the running heads and folios."""
    boxes = {}
    with open(dump, encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if c[0] == "box" and c[4] == "furniture" and c[3] == "line":
                boxes.setdefault(int(c[1]), []).append(tuple(float(v) for v in c[5:9]))
    return boxes


def marked_content_walk(ops):
    """Yields (op, operands, stack) with stack the open marked-content kinds:
    'artifact', 'mcid' or 'plain'; and the last text matrix position."""
    stack, tm = [], (0.0, 0.0)
    for op, args in ops:
        if op in ("BDC", "BMC"):
            if args and args[0] == b"/Artifact":
                stack.append("artifact")
            elif op == "BDC" and len(args) > 1 and b"/MCID" in args[1]:
                stack.append("mcid")
            else:
                stack.append("plain")
            continue
        if op == "EMC":
            if stack:
                stack.pop()
            continue
        if op == "Tm" and len(args) == 6:
            tm = (float(args[4]), float(args[5]))
        yield op, args, stack, tm


def check_edition(name, pdf, dump, expect_figures=False):
    doc = pdfjson.PdfJson(pdf)
    cat = doc.catalog
    lang = pdfjson.text(cat.get("/Lang", ""))
    report(bool(re.match(r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$", lang or "")), f"{name}: catalog /Lang", lang)
    vp = doc.get(cat.get("/ViewerPreferences")) or {}
    report(vp.get("/DisplayDocTitle") is True, f"{name}: /ViewerPreferences /DisplayDocTitle true")
    mi = doc.get(cat.get("/MarkInfo")) or {}
    report(mi.get("/Marked") is True, f"{name}: /MarkInfo /Marked true")
    report(doc.header.get("pdfversion") == "1.7", f"{name}: PDF 1.7", doc.header.get("pdfversion"))

    x = doc.xmp()
    part = x.find(".//pdfuaid:part", NS) if x is not None else None
    report(part is not None and part.text == "1", f"{name}: XMP pdfuaid:part 1")
    title = x.find(".//dc:title/rdf:Alt/rdf:li", NS) if x is not None else None
    info_title = pdfjson.text(doc.info.get("/Title", ""))
    report(title is not None and title.text and title.text == info_title,
           f"{name}: XMP dc:title equals the Info /Title", f"{title is not None and title.text!r} / {info_title!r}")
    creator = x.find(".//dc:creator/rdf:Seq/rdf:li", NS) if x is not None else None
    report(creator is not None and bool(creator.text), f"{name}: XMP dc:creator")

    furn = furniture(dump)
    outside, untagged_paint, stray, missing = [], 0, [], []
    for i in range(len(doc.pages)):
        art_pos = []
        for op, args, stack, tm in marked_content_walk(pdfjson.operators(doc.page_content(i))):
            if op in PAINT_OPS and not any(k in ("artifact", "mcid") for k in stack):
                untagged_paint += 1
                if op in TEXT_OPS:
                    outside.append((i + 1, tm))
            if op in TEXT_OPS and "artifact" in stack and "mcid" not in stack:
                art_pos.append(tm)
        boxes = furn.get(i, [])
        for (tx, ty) in art_pos:
            if not any(bx - 1 <= tx <= bx + bw + 1 and by - 1 <= ty <= by + bh + 1
                       for bx, by, bw, bh in boxes):
                stray.append((i + 1, round(tx), round(ty)))
        for bx, by, bw, bh in boxes:
            if not any(bx - 1 <= tx <= bx + bw + 1 and by - 1 <= ty <= by + bh + 1
                       for tx, ty in art_pos):
                missing.append((i + 1, round(bx), round(by)))
    report(not outside, f"{name}: no text-showing operator outside marked content", str(outside[:5]))
    report(untagged_paint == 0, f"{name}: no painting outside marked content", str(untagged_paint))
    report(sum(len(v) for v in furn.values()) == 0 or not missing,
           f"{name}: running heads and folios are /Artifact ({sum(len(v) for v in furn.values())} boxes)",
           str(missing[:5]))
    report(not stray, f"{name}: no other text is an artifact (all content is in the structure tree)",
           str(stray[:5]))

    elems = doc.struct_elements()
    kinds = [e["/S"] for e in elems]
    figs = [e for e in elems if e["/S"] == "/Figure"]
    report(all(pdfjson.text(e.get("/Alt", "")).strip() for e in figs),
           f"{name}: every Figure element ({len(figs)}) has /Alt")
    if expect_figures:
        report(len(figs) >= 1, f"{name}: figures present in the structure tree")
    ths = [e for e in elems if e["/S"] == "/TH"]
    report(all((doc.get(e.get("/A")) or {}).get("/Scope") in ("/Column", "/Row", "/Both") for e in ths),
           f"{name}: every TH ({len(ths)}) has /Scope")
    notes = [e for e in elems if e["/S"] == "/Note"]
    ids = [pdfjson.text(e.get("/ID", "")) for e in notes]
    report(all(ids) and len(set(ids)) == len(ids), f"{name}: every Note ({len(notes)}) has a unique /ID")
    lis = [e for e in elems if e["/S"] == "/LI"]
    ok_lists = True
    for li in lis:
        kids = doc.get(li.get("/K"))
        kids = kids if isinstance(kids, list) else [kids]
        ks = [(doc.get(k) or {}).get("/S") for k in kids if isinstance(doc.get(k), dict)]
        ok_lists &= "/LBody" in ks
    report(ok_lists and (not lis or "/L" in kinds), f"{name}: lists are L > LI > (Lbl) LBody ({len(lis)} items)")

    bad_links, tabs = 0, True
    for p in doc.pages:
        annots = doc.get(p.get("/Annots")) or []
        if annots and p.get("/Tabs") != "/S":
            tabs = False
        for a in annots:
            a = doc.get(a)
            if a.get("/Subtype") == "/Link" and not pdfjson.text(a.get("/Contents", "")):
                bad_links += 1
    report(bad_links == 0, f"{name}: every link annotation has /Contents", str(bad_links))
    report(tabs, f"{name}: pages with annotations have /Tabs /S")
    r = subprocess.run(["qpdf", "--check", pdf], capture_output=True, text=True)
    report(r.returncode == 0, f"{name}: qpdf --check clean", (r.stdout + r.stderr)[-300:])


def check_decorative(tmp):
    """An image with neither alt text nor caption is decorative: a warning
    at its line, no Figure element, drawn inside an /Artifact, alt="" in
    the EPUB; one with only a caption is a Figure described by it."""
    content = os.path.join(tmp, "deco")
    os.makedirs(os.path.join(content, "images"))
    shutil.copy(os.path.join(ROOT, "tests", "pdf", "features", "images", "omslag.png"),
                os.path.join(content, "images", "zon.png"))
    with open(os.path.join(content, "issue.yaml"), "w", encoding="utf-8") as f:
        f.write("title: Sier\npublisher: folio tests\nlanguage: nl\ndate: \"2024\"\narticles:\n  - a.md\n")
    with open(os.path.join(content, "a.md"), "w", encoding="utf-8") as f:
        f.write("---\ntitle: Sier\n---\n\nEen alinea voor de versiering.\n\n"
                "![](images/zon.png)\n\nEen alinea tussen de beelden, met een woord in het Duits: "
                "<span lang=\"de\">Heimat</span>, en verder Nederlands.\n\n"
                "![](images/zon.png \"Alleen een onderschrift\")\n\nEen laatste alinea.\n")
    work = os.path.join(tmp, "decowork")
    pdf, dump = build(tmp, "decowork", content)
    if not pdf:
        return
    r = subprocess.run([FOLIO, "build", "content", "-o", "out2"], cwd=work, capture_output=True, text=True)
    report(re.search(r"content/a\.md:7:\d+: warning: image `images/zon.png` has neither alt text nor a caption",
                     r.stderr) is not None, "decorative image: a warning at its position", r.stderr[-300:])
    doc = pdfjson.PdfJson(pdf)
    figs = [e for e in doc.struct_elements() if e["/S"] == "/Figure"]
    report(len(figs) == 1 and pdfjson.text(figs[0].get("/Alt", "")) == "Alleen een onderschrift",
           "decorative image: no Figure; the captioned one is described by its caption",
           str([pdfjson.text(e.get("/Alt", "")) for e in figs]))
    spans = [e for e in doc.struct_elements() if e["/S"] == "/Span" and "/Lang" in e]
    report([pdfjson.text(e["/Lang"]) for e in spans] == ["de"],
           "a span in another language is a Span element with its /Lang",
           str([pdfjson.text(e["/Lang"]) for e in spans]))
    if spans:
        # its marked content shows the German word (cairo's subsets of
        # these fonts keep Latin letters as their own codes)
        k = spans[0].get("/K")
        mcids = {k} if isinstance(k, int) else {x for x in (k or []) if isinstance(x, int)}
        page = doc.page_refs.index(spans[0]["/Pg"])
        shown, depth = b"", None
        for op, args in pdfjson.operators(doc.page_content(page)):
            if op == "BDC" and len(args) > 1:
                m = re.search(rb"/MCID\s+(\d+)", args[1])
                if m and int(m.group(1)) in mcids:
                    depth = 0
                    continue
            if depth is not None:
                if op in ("BDC", "BMC"):
                    depth += 1
                elif op == "EMC":
                    if depth == 0:
                        depth = None
                    else:
                        depth -= 1
                elif op in ("Tj", "TJ"):
                    shown += b"".join(re.findall(rb"\(((?:\\.|[^\\)])*)\)", b" ".join(args)))
        report(b"Heimat" in shown, "the Span with /Lang holds the German word", shown[:80])
    inside = []
    for i in range(len(doc.pages)):
        for op, args, stack, tm in marked_content_walk(pdfjson.operators(doc.page_content(i))):
            if op == "Do":
                inside.append("artifact" if "artifact" in stack else "mcid" if "mcid" in stack else "none")
    report(sorted(inside) == ["artifact", "mcid"], "decorative image drawn as /Artifact, the figure tagged",
           str(inside))
    epub = [f for f in os.listdir(os.path.join(work, "out")) if f.endswith(".epub")]
    z = subprocess.run(["unzip", "-p", os.path.join(work, "out", epub[0])], capture_output=True).stdout
    imgs = re.findall(rb'<img[^>]*zon\.png[^>]*>', z)
    report(len(imgs) == 2 and b'alt=""' in imgs[0], 'decorative image: alt="" in the EPUB', str(imgs))


def main():
    with tempfile.TemporaryDirectory() as tmp:
        check_decorative(tmp)
        pdf, dump = build(tmp, "bundled", os.path.join(ROOT, "content"))
        if pdf:
            check_edition("bundled", pdf, dump)
        pdf, dump = build(tmp, "features", os.path.join(ROOT, "tests", "pdf", "features"))
        if pdf:
            check_edition("features", pdf, dump, expect_figures=True)
    return 1 if failures or t_pdf.failures else 0


if __name__ == "__main__":
    sys.exit(main())
