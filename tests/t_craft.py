#!/usr/bin/env python3
"""Page craft (issue 13) on the bundled issue: typographic punctuation in
both editions, no runt continuation page, balanced endings, the fit report.

Builds content/ once (SOURCE_DATE_EPOCH fixed, FOLIO_LAYOUT_DUMP set) and
measures everything from the PDF text and the layout dump, never from a
picture."""
# asan: skip
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import t_pdf  # noqa: E402

report = t_pdf.report


def check_punctuation(pdf, epub):
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
    bad = [m.group(0) for m in re.finditer(r".{0,20}['\"].{0,20}", text)]
    report(text.strip() and not bad, "craft: pdftotext of the bundled PDF has no straight ' or \"",
           " | ".join(bad[:5]))
    bad = []
    with zipfile.ZipFile(epub) as z:
        for name in z.namelist():
            if not name.endswith(".xhtml"):
                continue
            body = z.read(name).decode("utf-8")
            body = re.sub(r"<(code|pre)\b.*?</\1>", " ", body, flags=re.S)
            for chunk in re.sub(r"<[^>]*>", "\n", body).split("\n"):
                if "'" in chunk or '"' in chunk or "&quot;" in chunk or "&apos;" in chunk:
                    bad.append(f"{name}: {chunk.strip()[:50]}")
    report(not bad, "craft: the EPUB's text has no straight ' or \"", " | ".join(bad[:5]))


def order(b):
    return (b["page"], b["col"], b["y"])


def check_bylines(boxes):
    """Dimensies: bylines of the interview and the column at the end of the
    text, of features under the title (style [byline.<type>])."""
    for name in ("elkaar-vinden.md", "regio-of-heimat.md"):
        mine = [b for b in boxes if b["kind"] == "line" and b["col"] >= 0
                and b["pos"].split(":")[0].endswith("/" + name)]
        by = [b for b in mine if b["what"] == "Byline"]
        text = [b for b in mine if b["what"] == "Para" and b["role"] == "body"]
        report(by and text and min(map(order, by)) > max(map(order, text)),
               f"craft: the byline of {name} stands after its text (byline-place end)")


def main():

    tmp = tempfile.mkdtemp(prefix="folio-craft-")
    try:
        r = t_pdf.build(tmp, "bundled")
        if not r:
            return 1
        pdf, dump = r
        epub = pdf[:-4] + ".epub"
        check_punctuation(pdf, epub)
        pages, boxes = t_pdf.read_dump(dump)
        check_bylines(boxes)
    finally:
        shutil.rmtree(tmp)
    return 1 if t_pdf.failures else 0


if __name__ == "__main__":
    sys.exit(main())
