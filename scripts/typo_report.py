#!/usr/bin/env python3
"""typo_report.py - measured typography of justified PDFs.

    scripts/typo_report.py out/dimensies.pdf [peer.pdf ...] [--json]

Reads each PDF through `pdftotext -bbox-layout` (words with coordinates)
and counts, for the running text (the most common type size):

  loose>1.5x   justified lines whose word space exceeds 1.5x the normal space
  loose>2x     ... and 2x
  overfull     lines reaching past their column's right edge (a hyphen or
               punctuation mark up to 3.5pt past it is counted as hanging)
  underfull    lines left short inside a paragraph
  hyph runs 3+ runs of three or more consecutive hyphenated lines
  hyphenated   lines ending in a hyphenated word
  widows       a paragraph's single last line at the top of a column
  orphans      a paragraph's single first line at the bottom of a column
  short last   paragraphs ending with a line under 15% of the column

The normal space is the median gap between words on lines that are not
stretched (paragraph ends), per type size; where there are too few, the
median over all lines.  Columns, paragraphs and their ends are inferred
from the geometry: a column is a cluster of line left edges with the most
common right edge; a paragraph starts after a vertical gap or at an
indented line, and ends at a line short of the right edge.  The numbers
are approximations and are meant for comparing documents set from the
same content.  Python 3 standard library and poppler-utils only."""
import json
import re
import statistics
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/1999/xhtml}"
TOL = 1.0          # pt: a justified line ends within this of the right edge
OVER = 0.6         # pt: past the right edge counts as overfull

METRICS = [
    ("lines", "body lines"),
    ("justified", "justified lines"),
    ("space", "normal space (pt)"),
    ("loose15", "loose > 1.5x space"),
    ("loose20", "loose > 2x space"),
    ("overfull", "overfull lines"),
    ("hanging", "hyphen/punct. past edge"),
    ("underfull", "underfull lines"),
    ("hyph_runs", "hyphen runs of 3+"),
    ("hyphenated", "hyphenated lines"),
    ("widows", "widows"),
    ("orphans", "orphans"),
    ("short_last", "last line < 15%"),
]


def read_pages(pdf):
    out = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True,
                         check=True).stdout.decode("utf-8", "replace")
    # pdftotext writes XHTML without entities beyond the XML ones
    out = re.sub(r"<!DOCTYPE[^>]*>", "", out)
    root = ET.fromstring(out)
    pages = []
    for page in root.iter(NS + "page"):
        raw = []
        for line in page.iter(NS + "line"):
            words = [(float(w.get("xMin")), float(w.get("xMax")), float(w.get("yMin")),
                      float(w.get("yMax")), w.text or "") for w in line.iter(NS + "word")]
            if words:
                raw.append(sorted(words))
        # pdftotext joins lines of two columns when the gutter is narrow:
        # cut them at the gutter, the widest strip in the middle of the
        # page that no word covers
        gutter = find_gutter(raw, float(page.get("width")))
        lines = []
        for words in raw:
            parts = [words]
            if gutter is not None:
                parts = [[w for w in words if w[1] <= gutter], [w for w in words if w[1] > gutter]]
            for ws in parts:
                if ws:
                    lines.append(make_line(ws))
        pages.append(lines)
    return pages


def find_gutter(raw, page_w):
    lo, hi = int(page_w * 0.3), int(page_w * 0.7)
    cover = [0] * (hi - lo + 1)
    for words in raw:
        for w in words:
            for x in range(max(lo, int(w[0])), min(hi, int(w[1])) + 1):
                cover[x - lo] += 1
    best, run, best_end = 0, 0, None
    stray = len(raw) // 40    # on a full page, a hanging mark or two may sit in it
    for i, c in enumerate(cover):
        run = run + 1 if c <= stray else 0
        if run > best:
            best, best_end = run, i
    if best < 4:
        return None
    return lo + best_end - best / 2


def make_line(words):
    # size class: the median word height (the font's ascent+descent)
    h = statistics.median(wd[3] - wd[2] for wd in words)
    return {
        "x0": min(wd[0] for wd in words), "x1": max(wd[1] for wd in words),
        "y0": statistics.median(wd[2] for wd in words),
        "y1": statistics.median(wd[3] for wd in words),
        "h": round(h, 1), "words": words,
    }


def gaps(line):
    w = line["words"]
    return [w[i + 1][0] - w[i][1] for i in range(len(w) - 1)]


def find_columns(lines):
    """Clusters of left edges -> columns [{left, right, lines}]."""
    if not lines:
        return []
    xs = sorted(lines, key=lambda l: l["x0"])
    clusters, cur = [], [xs[0]]
    for l in xs[1:]:
        if l["x0"] - cur[-1]["x0"] > 40:
            clusters.append(cur)
            cur = [l]
        else:
            cur.append(l)
    clusters.append(cur)
    cols = []
    for c in clusters:
        if len(c) < 3:
            continue
        left = min(l["x0"] for l in c)
        rights = {}
        for l in c:
            k = round(l["x1"] * 2) / 2
            rights[k] = rights.get(k, 0) + 1
        right, n = max(rights.items(), key=lambda kv: (kv[1], kv[0]))
        if n < 2:
            right = max(l["x1"] for l in c)
        cols.append({"left": left, "right": right,
                     "lines": sorted(c, key=lambda l: l["y0"])})
    return sorted(cols, key=lambda c: c["left"])


def analyse(pdf):
    pages = read_pages(pdf)
    # the running text's size: the size class with the most words
    count = {}
    for lines in pages:
        for l in lines:
            count[l["h"]] = count.get(l["h"], 0) + len(l["words"])
    if not count:
        return {k: 0 for k, _ in METRICS}
    body_h = max(count.items(), key=lambda kv: kv[1])[0]
    columns = []
    for lines in pages:
        body = [l for l in lines if abs(l["h"] - body_h) <= 0.3]
        columns.extend(find_columns(body))
    # Mark structure inside each column.
    for c in columns:
        ls = c["lines"]
        width = c["right"] - c["left"]
        lead = statistics.median([b["y0"] - a["y0"] for a, b in zip(ls, ls[1:])] or [body_h])
        c["width"] = width
        for i, l in enumerate(ls):
            l["full"] = l["x1"] >= c["right"] - TOL
            l["indented"] = l["x0"] > c["left"] + 2.0
            gap_before = i == 0 or ls[i]["y0"] - ls[i - 1]["y0"] > lead * 1.35
            l["gap_before"] = gap_before
            l["col_first"] = i == 0
            l["col_last"] = i == len(ls) - 1
        for l in ls:
            l["starts"] = l["indented"] or (l["gap_before"] and not l["col_first"])
        for i, l in enumerate(ls):
            nxt = ls[i + 1] if i + 1 < len(ls) else None
            l["ends"] = (not l["full"]) or (nxt is not None and (nxt["starts"] or nxt["gap_before"]))
    # Normal space per size: gaps on paragraph-end lines (not stretched).
    natural = [g for c in columns for l in c["lines"] if not l["full"] for g in gaps(l)
               if g > 0.3]
    allg = [g for c in columns for l in c["lines"] for g in gaps(l) if g > 0.3]
    space = statistics.median(natural) if len(natural) >= 20 else (
        statistics.median(allg) if allg else 0)
    r = {k: 0 for k, _ in METRICS}
    r["space"] = round(space, 2)
    r["loose_lines"] = []
    for ci, c in enumerate(columns):
        ls = c["lines"]
        run = 0
        for i, l in enumerate(ls):
            r["lines"] += 1
            text = " ".join(w[4] for w in l["words"])
            # (a line far past the edge belongs to something wider: a title)
            if c["right"] + OVER < l["x1"] < c["right"] + 0.2 * c["width"]:
                # a hyphen or punctuation past the edge (microtype's
                # protrusion, or a hyphen Pango hangs) is counted apart
                if re.search(r"[-\u2010\u00ad.,;:!?'\u2019\u201d\")]$", text) \
                        and l["x1"] < c["right"] + 3.5:
                    r["hanging"] += 1
                else:
                    r["overfull"] += 1
                r["loose_lines"].append(f"overfull +{l['x1'] - c['right']:.1f}pt  {text}")
            nxt = ls[i + 1] if i + 1 < len(ls) else None
            last_of_par = l["ends"] and not l["full"]
            if l["full"] and not (nxt is None and l["col_last"] and False):
                g = gaps(l)
                if g and not last_of_par:
                    r["justified"] += 1
                    sp = statistics.median(g)
                    if space and sp > 1.5 * space:
                        r["loose15"] += 1
                        r["loose_lines"].append(f"{sp / space:.2f}x  {text}")
                    if space and sp > 2 * space:
                        r["loose20"] += 1
            # short inside a paragraph: not full, but the next line continues it
            if not l["full"] and nxt is not None and not nxt["starts"] \
                    and not nxt["gap_before"] and l["x1"] < c["right"] - 0.1 * c["width"] \
                    and nxt["x1"] >= c["right"] - TOL:
                r["underfull"] += 1
            hyph = l["full"] and re.search(r"[A-Za-z\u00c0-\u024f][-\u2010\u00ad]$",
                                           l["words"][-1][4]) is not None
            if hyph:
                r["hyphenated"] += 1
                run += 1
                if run == 3:
                    r["hyph_runs"] += 1
            else:
                run = 0
            if l["ends"] and not l["full"] and not l["starts"] \
                    and (l["x1"] - c["left"]) < 0.15 * c["width"]:
                r["short_last"] += 1
        if not ls:
            continue
        # orphan: the last line of a column starts a paragraph that goes on
        last = ls[-1]
        # only columns of running text (a contents list is no paragraph)
        running = sum(1 for l in ls if l["full"] and len(l["words"]) >= 5) >= 3
        if running and last["starts"] and last["full"] and len(last["words"]) >= 3 \
                and ci + 1 < len(columns) and columns[ci + 1]["lines"] \
                and not columns[ci + 1]["lines"][0]["indented"]:
            r["orphans"] += 1
            r["loose_lines"].append("orphan: " + " ".join(w[4] for w in last["words"]))
        # widow: the first line of a column ends a paragraph begun before
        first = ls[0]
        if running and ci > 0 and not first["full"] and not first["indented"]:
            prev = columns[ci - 1]["lines"]
            if prev and prev[-1]["full"]:
                r["widows"] += 1
                r["loose_lines"].append("widow: " + " ".join(w[4] for w in first["words"])
                                        + "  <- " + " ".join(w[4] for w in prev[-1]["words"]))
    return r


def main(argv):
    as_json = "--json" in argv
    verbose = "-v" in argv
    pdfs = [a for a in argv if not a.startswith("-")]
    if not pdfs:
        print(__doc__.split("\n\n")[1])
        return 2
    results = []
    for p in pdfs:
        try:
            results.append(analyse(p))
        except (subprocess.CalledProcessError, ET.ParseError, OSError) as e:
            print(f"typo_report: {p}: {e}", file=sys.stderr)
            return 1
    if as_json:
        print(json.dumps({p: {k: v for k, v in r.items() if k != "loose_lines"}
                          for p, r in zip(pdfs, results)}, indent=1))
        return 0
    names = [p.rsplit("/", 1)[-1] for p in pdfs]
    w0 = max(len(t) for _, t in METRICS)
    ws = [max(12, len(n)) for n in names]
    print(" " * w0 + "  " + "  ".join(n.rjust(w) for n, w in zip(names, ws)))
    for k, t in METRICS:
        print(t.ljust(w0) + "  " + "  ".join(str(r[k]).rjust(w) for r, w in zip(results, ws)))
    if verbose:
        for n, r in zip(names, results):
            print(f"\n{n}: loose lines")
            for s in r["loose_lines"]:
                print("  " + s)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
