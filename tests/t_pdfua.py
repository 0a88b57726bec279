#!/usr/bin/env python3
"""The reading edition against the machine-checkable Matterhorn Protocol
1.1 (PDF/UA-1) conditions that t_reading.py does not cover, read back with
`qpdf --json` (tests/pdfjson.py).  docs/PRESS.md lists which test checks
which condition, and which no machine can.

- 01-003, 01-004: no artifact inside tagged content, no tagged content
  inside an artifact; 01-005 (with t_reading's "no painting outside marked
  content"): every MCID on a page belongs to exactly one structure element,
  and every marked-content reference of the tree is drawn on its page;
- 01-007: /MarkInfo has no /Suspects true;
- 02-001, 02-003, 02-004: every structure type is standard or role-mapped
  to one, without cycles, and no standard type is remapped;
- 09-004: TR only in Table/THead/TBody/TFoot, TH and TD only in TR;
- 14-002, 14-003, 14-006, 14-007: the first numbered heading is H1, no
  level skipped going down, no element with two H kids, not both H and Hn;
- 17-002: every Formula has /Alt;
- 20-001..003: optional content configurations named, without /AS;
- 25-001: no XFA;
- 26-001, 26-002: not encrypted;
- 28-002, 28-007: links are the only annotations (no TrapNet); 28-011:
  every link annotation is the object of a Link element (OBJR), with a
  /StructParent;
- 30-001: no reference XObjects; 30-002: no Form XObject with MCIDs drawn
  more than once;
- 31-004, 31-005: every CIDFontType2 has a /CIDToGIDMap (/Identity or a
  stream); 31-009: every font
  embedded; 31-019: every non-symbolic TrueType font has an /Encoding;
  10-001: every font has a /ToUnicode map (that every word comes back out
  is t_pdf's "nothing lost").
Runs on content/ and on tests/pdf/features."""
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pdfjson  # noqa: E402
import project  # noqa: E402

ROOT = project.ROOT
# PDF 1.7 (ISO 32000-1) 14.8.4, the standard structure types.
STANDARD = {"Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
            "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody",
            "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference",
            "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure",
            "Formula", "Form"}
failures = 0


def report(ok, name, detail=""):
    global failures
    print(("PASS: " if ok else "FAIL: ") + "pdfua: " + name + ("" if ok or not detail else ": " + str(detail)))
    if not ok:
        failures += 1


def tree_refs(doc):
    """(elements, [(page ref, mcid)], [objr dicts]): every structure element
    with its type, every marked-content reference and object reference of
    the tree, following /K in order (a kid inherits its element's /Pg)."""
    root = doc.get(doc.catalog.get("/StructTreeRoot")) or {}
    elements, mcids, objrs = [], [], []

    def walk(k, pg, depth):
        if depth > 300:
            return
        v = doc.get(k)
        if isinstance(v, list):
            for x in v:
                walk(x, pg, depth + 1)
        elif isinstance(v, int):
            mcids.append((pg, v))
        elif isinstance(v, dict):
            if v.get("/Type") == "/MCR":
                mcids.append((v.get("/Pg", pg), v.get("/MCID")))
            elif v.get("/Type") == "/OBJR":
                objrs.append(v)
            elif "/S" in v:
                elements.append(v)
                walk(v.get("/K"), v.get("/Pg", pg), depth + 1)
    walk(root.get("/K"), None, 0)
    return elements, mcids, objrs


def page_mcids(doc, i):
    out = []
    for op, args in pdfjson.operators(doc.page_content(i)):
        if op == "BDC" and len(args) > 1:
            m = re.search(rb"/MCID\s+(\d+)", args[1])
            if m:
                out.append(int(m.group(1)))
    return out


def check(name, pdf):
    doc = pdfjson.PdfJson(pdf)
    mark = doc.get(doc.catalog.get("/MarkInfo")) or {}
    report(mark.get("/Suspects") is not True, f"{name}: 01-007 no /Suspects true")

    elements, refs, objrs = tree_refs(doc)
    drawn = {(doc.page_refs[i], m) for i in range(len(doc.pages)) for m in page_mcids(doc, i)}
    counted = {}
    for r in refs:
        counted[r] = counted.get(r, 0) + 1
    untagged = sorted(drawn - set(counted))
    twice = [r for r, n in counted.items() if n > 1]
    undrawn = [r for r in counted if r not in drawn]
    report(drawn and not untagged and not twice and not undrawn,
           f"{name}: 01-005 each of the {len(drawn)} marked-content sequences belongs to one structure element, "
           "and the tree refers to nothing undrawn",
           {"untagged": untagged[:3], "twice": twice[:3], "undrawn": undrawn[:3]})

    rolemap = doc.get((doc.get(doc.catalog.get("/StructTreeRoot")) or {}).get("/RoleMap")) or {}
    bad = set()
    for e in elements:
        s, seen = e["/S"], set()
        while s[1:] not in STANDARD and s in rolemap and s not in seen:
            seen.add(s)
            s = rolemap[s]
        if s[1:] not in STANDARD:
            bad.add(e["/S"])
    report(elements and not bad, f"{name}: 02-001 all {len(elements)} structure elements are of "
           "standard types or role-mapped to one", sorted(bad))

    levels = [int(e["/S"][2:]) for e in elements if re.match(r"^/H[1-6]$", e["/S"])]
    skips = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
    report(levels and levels[0] == 1 and not skips,
           f"{name}: 14-002, 14-003 the first heading is H1 and no level is skipped ({len(levels)} headings)",
           {"first": levels[:1], "skips": skips[:3]})

    links = [(doc.page_refs[i], doc.get(a)) for i, p in enumerate(doc.pages)
             for a in doc.get(p.get("/Annots")) or []]
    links = [(pg, a) for pg, a in links if isinstance(a, dict) and a.get("/Subtype") == "/Link"]
    annots = [a for p in doc.pages for a in doc.get(p.get("/Annots")) or []]
    link_objrs = {str(o.get("/Obj")) for e in elements if e["/S"] == "/Link"
                  for o in objrs if o in (e.get("/K") if isinstance(e.get("/K"), list) else [e.get("/K")])}
    untied = [ref for ref in annots if (doc.get(ref) or {}).get("/Subtype") == "/Link" and
              (str(ref) not in link_objrs or "/StructParent" not in (doc.get(ref) or {}))]
    report(not untied, f"{name}: 28-011 each of the {len(links)} link annotations is the object of a Link "
           "element and has a /StructParent", untied[:3])

    values = list(doc.all_values())
    refx = [ref for ref, v in values if isinstance(v, dict) and v.get("/Subtype") == "/Form" and "/Ref" in v]
    report(not refx, f"{name}: 30-001 no reference XObjects", refx[:3])
    fonts = [v for _, v in values if isinstance(v, dict) and v.get("/Type") == "/Font"]
    descriptors = [v for _, v in values if isinstance(v, dict) and v.get("/Type") == "/FontDescriptor"]
    report(descriptors and all(any(k in f for k in ("/FontFile", "/FontFile2", "/FontFile3")) for f in descriptors),
           f"{name}: 31-009 every font embedded ({len(descriptors)} font programs)")
    top = [f for f in fonts if f.get("/Subtype") in ("/Type0", "/TrueType", "/Type1", "/Type3")]
    report(top and all("/ToUnicode" in f for f in top),
           f"{name}: 10-001 every font ({len(top)}) maps its codes to Unicode (/ToUnicode)",
           [f.get("/BaseFont") for f in top if "/ToUnicode" not in f][:3])
    report("/Encrypt" not in doc.trailer, f"{name}: 26-001, 26-002 not encrypted")

    nesting = []
    for i in range(len(doc.pages)):
        stack = []
        for op, args in pdfjson.operators(doc.page_content(i)):
            if op in ("BDC", "BMC"):
                kind = "artifact" if args and args[0] == b"/Artifact" else \
                    "mcid" if op == "BDC" and len(args) > 1 and b"/MCID" in args[1] else "other"
                if kind == "artifact" and "mcid" in stack:
                    nesting.append((i + 1, "01-003"))
                if kind == "mcid" and "artifact" in stack:
                    nesting.append((i + 1, "01-004"))
                stack.append(kind)
            elif op == "EMC" and stack:
                stack.pop()
    report(not nesting, f"{name}: 01-003, 01-004 no artifact inside tagged content, nor the reverse",
           nesting[:3])

    remapped = [k for k in rolemap if k[1:] in STANDARD]
    cycles = []
    for k in rolemap:
        s, seen = k, set()
        while s in rolemap and s not in seen:
            seen.add(s)
            s = rolemap[s]
        if s in seen:
            cycles.append(k)
    report(not remapped and not cycles, f"{name}: 02-003, 02-004 no circular role mapping, no standard "
           "type remapped", remapped[:3] + cycles[:3])

    def kids(e):
        k = e.get("/K")
        return [x for x in (doc.get(y) for y in (k if isinstance(k, list) else [k]))
                if isinstance(x, dict) and "/S" in x]
    table_bad = []
    for e in elements:
        for kid in kids(e):
            if kid["/S"] == "/TR" and e["/S"] not in ("/Table", "/THead", "/TBody", "/TFoot"):
                table_bad.append((e["/S"], "/TR"))
            if kid["/S"] in ("/TH", "/TD") and e["/S"] != "/TR":
                table_bad.append((e["/S"], kid["/S"]))
    report(not table_bad, f"{name}: 09-004 TR only in a table (or its head, body, foot), TH and TD only in TR",
           table_bad[:3])
    two_h = [e["/S"] for e in elements if sum(1 for k in kids(e) if k["/S"] == "/H") > 1]
    kinds = {e["/S"] for e in elements}
    report(not two_h and not ("/H" in kinds and any(re.match(r"^/H[1-9]$", k) for k in kinds)),
           f"{name}: 14-006, 14-007 no element with two H kids, not both H and numbered headings")
    formulas = [e for e in elements if e["/S"] == "/Formula"]
    report(all(pdfjson.text(e.get("/Alt", "")).strip() for e in formulas),
           f"{name}: 17-002 every Formula ({len(formulas)}) has /Alt")

    oc = doc.get(doc.catalog.get("/OCProperties")) or {}
    configs = [doc.get(c) or {} for c in [oc.get("/D")] + list(doc.get(oc.get("/Configs")) or []) if c]
    report(all(pdfjson.text(c.get("/Name", "")) and "/AS" not in c for c in configs),
           f"{name}: 20-001..003 optional content configurations ({len(configs)}) named, without /AS")
    form = doc.get(doc.catalog.get("/AcroForm")) or {}
    report("/XFA" not in form, f"{name}: 25-001 no XFA")
    others = [a.get("/Subtype") for a in (doc.get(r) or {} for r in annots) if a.get("/Subtype") != "/Link"]
    report(not others, f"{name}: 28-002, 28-007 link annotations only (no TrapNet, none needing an Annot tag)",
           others[:3])

    uses = {}
    for i, p in enumerate(doc.pages):
        xo = doc.get((doc.get(p.get("/Resources")) or {}).get("/XObject")) or {}
        for op, args in pdfjson.operators(doc.page_content(i)):
            if op == "Do" and args:
                ref = xo.get(args[0].decode("latin-1"))
                uses[ref] = uses.get(ref, 0) + 1
    shared = [ref for ref, n in uses.items() if n > 1 and doc.is_stream(ref) and
              (doc.get(ref) or {}).get("/Subtype") == "/Form" and
              any(op == "BDC" and len(a) > 1 and b"/MCID" in a[1]
                  for op, a in pdfjson.operators(doc.stream_data(ref)))]
    report(not shared, f"{name}: 30-002 no Form XObject with MCIDs drawn more than once", shared[:3])

    cid2 = [f for f in fonts if f.get("/Subtype") == "/CIDFontType2"]
    report(all(f.get("/CIDToGIDMap") == "/Identity" or doc.is_stream(f.get("/CIDToGIDMap")) for f in cid2),
           f"{name}: 31-004, 31-005 every CIDFontType2 ({len(cid2)}) has a /CIDToGIDMap, /Identity or a stream")
    nonsym = [f for f in fonts if f.get("/Subtype") == "/TrueType" and
              int((doc.get(f.get("/FontDescriptor")) or {}).get("/Flags", 0)) & 32]
    report(all("/Encoding" in f for f in nonsym), f"{name}: 31-019 every non-symbolic TrueType font "
           f"({len(nonsym)}) has an /Encoding")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        for name, content in (("bundled", None), ("features", os.path.join(ROOT, "tests", "pdf", "features"))):
            work = project.make(tmp, name, content)
            r = project.build(work, "-q")
            pdfs = [f for f in os.listdir(os.path.join(work, "out")) if f.endswith(".pdf")
                    and not f.endswith("-press.pdf")] if r.returncode == 0 else []
            report(len(pdfs) == 1, f"{name}: build writes the reading edition", r.stderr[-300:])
            if pdfs:
                check(name, os.path.join(work, "out", pdfs[0]))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
