#!/usr/bin/env python3
"""Page craft (issue 13) on the bundled issue: typographic punctuation in
both editions, no runt continuation page, balanced endings, the fit report.

Builds content/ once (SOURCE_DATE_EPOCH fixed, FOLIO_LAYOUT_DUMP set) and
measures everything from the PDF text and the layout dump, never from a
picture."""
# asan: skip
import collections
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


def body_leading():
    """[body] leading of the bundled style, in pt."""
    group = None
    for line in open(os.path.join(t_pdf.ROOT, "styles", "dimensies.ini"), encoding="utf-8"):
        line = line.strip()
        if line.startswith("["):
            group = line
        elif group == "[body]" and line.startswith("leading"):
            return float(re.sub(r"[^0-9.]", "", line.split("=", 1)[1]))
    return 12.5


def check_pages(pages, boxes):
    """No runt continuation page; every multi-column article's last page
    balanced within a line (both measured from the layout dump)."""
    article_of, lines, ends = {}, collections.Counter(), collections.defaultdict(dict)
    for b in boxes:
        if b["kind"] != "line" or b["col"] < 0 or b["role"] not in ("body", "heading"):
            continue
        article_of.setdefault(b["page"], b["pos"].split(":")[0])
        if b["role"] == "body":
            lines[b["page"]] += 1
        e = ends[b["page"]]
        e[b["col"]] = max(e.get(b["col"], 0), b["y"] + b["h"])
    runts = [(p["index"], lines[p["index"]]) for p in pages
             if p["kind"] == "page" and lines[p["index"]] < 12]
    report(not runts, "craft: no continuation page holds fewer than 12 body lines",
           str(runts))
    last = {}
    for p in pages:
        if p["index"] in article_of:
            last[article_of[p["index"]]] = p
    lead = body_leading()
    bad = []
    for art, p in sorted(last.items()):
        if p["ncols"] < 2:
            continue
        e = [ends[p["index"]].get(c, p["top"]) for c in range(p["ncols"])]
        if max(e) - min(e) > lead + 0.5:
            bad.append(f"{art} p{p['index']}: column ends {[round(x - p['top'], 1) for x in e]}")
    report(not bad, f"craft: the last page of every multi-column article is balanced within "
           f"one line ({lead} pt)", "; ".join(bad))


def check_fit_report(tmp):
    out = os.path.join(tmp, "fit-out")
    r = subprocess.run([t_pdf.FOLIO, "fit", "content", "-o", out], cwd=t_pdf.ROOT,
                       capture_output=True, text=True)
    rows = [l for l in r.stdout.splitlines() if l.strip()]
    issue = open(os.path.join(t_pdf.ROOT, "content", "issue.yaml"), encoding="utf-8").read()
    slugs = re.findall(r"^\s*-\s*(\S+)\.md\s*$", issue, re.M)
    ok = r.returncode == 0 and len(rows) == len(slugs) and all(
        row.split()[0] == slug and re.search(r"last page \d+ lines", row)
        for row, slug in zip(rows, slugs))
    report(ok, f"craft: folio fit prints one line per article ({len(rows)})", r.stdout[-300:] +
           r.stderr[-200:])
    report(not os.path.exists(out) or not os.listdir(out), "craft: folio fit writes nothing")
    print("\n".join("  " + row for row in rows))


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
        check_pages(pages, boxes)
        check_fit_report(tmp)
    finally:
        shutil.rmtree(tmp)
    return 1 if t_pdf.failures else 0


if __name__ == "__main__":
    sys.exit(main())
