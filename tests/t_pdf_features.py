#!/usr/bin/env python3
"""The print edition of tests/pdf/features: every kind of block (figures
in PNG and JPEG, a table, lists, a block quote, code, a sidebar, a rule),
a note referenced from a lead, a note too long for its column (it must
continue behind a continuation mark), and a one-column piece.

Runs the checks of t_pdf.py on it, then: the JPEG is embedded as JPEG
(DCTDecode, not re-encoded), both images are in the PDF, Figure elements
are in the structure tree, and the long note continued."""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import t_pdf  # noqa: E402
import pdfjson  # noqa: E402

CONTENT = os.path.join(t_pdf.ROOT, "tests", "pdf", "features")


def main():
    r = t_pdf.check_issue(CONTENT, min_uris=1, min_dests=10)
    if not r:
        return 1
    pdf, pages, boxes, tmp = r
    try:
        images = subprocess.run(["pdfimages", "-list", pdf], capture_output=True,
                                text=True).stdout.splitlines()[2:]
        encs = [l.split()[8] for l in images if l.split()]
        t_pdf.report(len(encs) == 2, f"features: {len(encs)} images in the PDF")
        t_pdf.report("jpeg" in encs, "features: the JPEG is embedded as JPEG", str(encs))
        elements = pdfjson.PdfJson(pdf).struct_elements()
        kinds = {e["/S"] for e in elements}
        for tag in ("Figure", "Table", "TR", "TD", "TH", "L", "LI", "Lbl", "LBody", "Note", "Code", "Caption",
                    "BlockQuote", "Div"):
            t_pdf.report("/" + tag in kinds, f"features: structure element {tag}")
        figs = [e for e in elements if e["/S"] == "/Figure"]
        alts = [pdfjson.text(e.get("/Alt", "")) for e in figs]
        t_pdf.report(len(figs) == 2 and all(a.strip() for a in alts),
                     "features: both figures carry their alt text (/Alt)", str(alts))
        notes = [b for b in boxes if b["kind"] == "line" and b["role"] == "note"]
        cols = {}
        for b in notes:
            cols.setdefault(b["note"], set()).add((b["page"], b["col"]))
        t_pdf.report(any(len(v) > 1 for v in cols.values()),
                     "features: a long note continues in the next column")
        text = subprocess.run(["pdftotext", "-raw", pdf, "-"], capture_output=True,
                              text=True).stdout
        t_pdf.report("(vervolg)" in text, "features: the continued note has a continuation mark")
        one = [p for p in pages if p["ncols"] == 1 and p["kind"] != "cover"]
        t_pdf.report(one and all(p["col_w"] < 400 for p in one),
                     "features: a one-column piece keeps a readable measure")
    finally:
        if tmp:
            shutil.rmtree(tmp)
    return 1 if t_pdf.failures else 0


if __name__ == "__main__":
    sys.exit(main())
