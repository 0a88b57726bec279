#!/usr/bin/env python3
"""PNGs of an EPUB as a reader sees it, for `make proof`: every document of
the spine in Chromium at phone (360x740) and tablet (768x1024) size, the
top of each document, plus the first footnotes and the first print page
marker of the book (markers drawn as red tags, since they are invisible).

    scripts/epub_shots.py OUT/book.epub OUTDIR

Uses tests/epub_render.js (puppeteer-core from tests/node_modules, Debian's
chromium).  Writes OUTDIR/<size>-<nn>-<document>.png and prints the paths.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
import t_epub_render as render  # noqa: E402  (spine_docs, chromium)

SIZES = (("phone", 360, 740), ("tablet", 768, 1024))


def main():
    if len(sys.argv) != 3:
        print("usage: epub_shots.py BOOK.epub OUTDIR", file=sys.stderr)
        return 2
    epub, outdir = sys.argv[1], sys.argv[2]
    if not render.chromium():
        print("epub_shots: no chromium (scripts/install-deps.sh test)", file=sys.stderr)
        return 1
    tmp = tempfile.mkdtemp(prefix="folio-shots-")
    try:
        docs = render.spine_docs(epub, os.path.join(tmp, "x"))
        targets = []
        note_doc = marker_doc = None
        notes = 0
        for d in docs:
            text = open(d, encoding="utf-8").read()
            # The document with the most notes shows how a run of them looks.
            n = text.count('role="doc-footnote"')
            if n > notes:
                note_doc, notes = d, n
            # The first marker inside running text (not at a document's top).
            body = text.find("</header>")
            for m in re.finditer(r'role="doc-pagebreak"[^>]*id="(page-[^"]+)"', text):
                if marker_doc is None and body >= 0 and m.start() > body:
                    marker_doc = (d, m.group(1))
        for size, w, h in SIZES:
            for i, d in enumerate(docs):
                name = os.path.splitext(os.path.basename(d))[0]
                targets.append({"doc": d, "width": w, "height": h,
                                "name": "%s-%02d-%s.png" % (size, i, name)})
            if note_doc:
                targets.append({"doc": note_doc, "width": w, "height": h,
                                "selector": '[role="doc-footnote"]',
                                "name": "%s-notes-%s.png" % (
                                    size, os.path.splitext(os.path.basename(note_doc))[0])})
            if marker_doc:
                targets.append({"doc": marker_doc[0], "width": w, "height": h,
                                "selector": "#" + marker_doc[1], "highlight": True,
                                "name": "%s-marker-%s.png" % (size, marker_doc[1])})
        spec = {"chromium": render.chromium(), "docs": [], "widths": [],
                "shots": {"dir": os.path.abspath(outdir), "targets": targets}}
        spec_path = os.path.join(tmp, "spec.json")
        with open(spec_path, "w") as f:
            json.dump(spec, f)
        p = subprocess.run(["node", os.path.join(ROOT, "tests", "epub_render.js"), spec_path],
                           capture_output=True, text=True, cwd=os.path.join(ROOT, "tests"))
        if p.returncode != 0:
            print("epub_shots: " + p.stderr.strip()[-500:], file=sys.stderr)
            return 1
        for s in json.loads(p.stdout)["shots"]:
            print(s)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
