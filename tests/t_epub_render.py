#!/usr/bin/env python3
# asan: skip  (measures the EPUB in Chromium; the asan pass tests memory, not CSS)
"""The EPUB in a real reading engine: Chromium (puppeteer-core, Debian's
chromium), every content document at 360 px (a phone) and 1200 px.

Builds the bundled issue and tests/epub/all, unpacks each EPUB and checks,
from the rendered page:
  - no horizontal overflow (no element runs past the viewport's right edge);
  - footnote text at least 0.75x the body size;
  - every paragraph of running text that follows another has the style's
    first-line indent, with a print page marker between them or not
    (and the bundled issue has such paragraphs with markers);
  - all text (but code) is drawn with the EPUB's embedded fonts: no
    character is missing from a subset;
  - every block with a sup is whole lines of its own line-height (the sup
    opened no line box).
Prints PASS:/FAIL: lines (see tests/run.sh).
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
import xml.etree.ElementTree as ET

from epubtest import ROOT, Report, build, chromium
OPF = "{http://www.idpf.org/2007/opf}"
WIDTHS = [360, 1200]

report = Report()


def style_values(style_path):
    """{(group, key): points} for the lengths of a style file."""
    group, vals = None, {}
    units = {"pt": 1.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0, "": 1.0}
    for line in open(style_path, encoding="utf-8"):
        line = line.strip()
        m = re.match(r"\[(.+)\]$", line)
        if m:
            group = m.group(1)
            continue
        m = re.match(r"([\w-]+)\s*=\s*([\d.]+)\s*(pt|mm|cm|in)?$", line)
        if m:
            vals[(group, m.group(1))] = float(m.group(2)) * units[m.group(3) or ""]
    return vals


def spine_docs(epub, dest):
    """Unpacks epub into dest; the spine's documents as absolute paths."""
    with zipfile.ZipFile(epub) as z:
        z.extractall(dest)
        c = ET.fromstring(z.read("META-INF/container.xml"))
    rf = c.find(".//{urn:oasis:names:tc:opendocument:xmlns:container}rootfile")
    opf_path = os.path.join(dest, rf.get("full-path"))
    opf = ET.parse(opf_path).getroot()
    man = {it.get("id"): it.get("href") for it in opf.find(OPF + "manifest")}
    base = os.path.dirname(opf_path)
    return [os.path.normpath(os.path.join(base, man[r.get("idref")]))
            for r in opf.find(OPF + "spine")]


def render(docs, tmp, widths=WIDTHS, fonts=True):
    spec = {"chromium": chromium(), "docs": docs, "widths": widths, "height": 740, "fonts": fonts}
    spec_path = os.path.join(tmp, "spec.json")
    with open(spec_path, "w") as f:
        json.dump(spec, f)
    p = subprocess.run(["node", os.path.join(ROOT, "tests", "epub_render.js"), spec_path],
                       capture_output=True, text=True, cwd=os.path.join(ROOT, "tests"),
                       timeout=300)
    if p.returncode != 0:
        return None, p.stderr.strip()[-500:]
    return json.loads(p.stdout)["results"], ""


def check(tag, results, indent_em, want_markers, want_questions=None):
    short = lambda r: "%s@%d" % (os.path.basename(r["doc"]), r["width"])
    over = ["%s: %s" % (short(r), ", ".join(r["overflowing"][:3]) or
                        "scrollWidth %d > %d" % (r["scrollWidth"], r["viewport"]))
            for r in results if r["overflowing"] or r["scrollWidth"] > r["viewport"]]
    report(not over, tag + ": no horizontal overflow at %s px (%d documents)"
           % (" and ".join(map(str, WIDTHS)), len(results) // len(WIDTHS)), "; ".join(over[:4]))

    notes = [r for r in results if r["noteTexts"]]
    small = ["%s: %.1f px of %.1f" % (short(r), r["noteMinPx"], r["bodyPx"])
             for r in notes if r["noteMinPx"] < 0.75 * r["bodyPx"] - 0.01]
    ratio = min((r["noteMinPx"] / r["bodyPx"] for r in notes), default=0)
    report(bool(notes) and not small,
           tag + ": footnote text >= 0.75x body (smallest %.2fx, %d documents with notes)"
           % (ratio, len(notes) // len(WIDTHS)),
           "; ".join(small[:4]) or "no footnotes rendered")

    bad, n, with_marker = [], 0, 0
    for r in results:
        want = indent_em * r["bodyPx"]
        for i in r["indents"]:
            n += 1
            with_marker += i["marker"]
            if abs(i["px"] - want) > 0.5:
                bad.append("%s: %r indent %.1f px, want %.1f%s" % (
                    short(r), i["text"], i["px"], want, " (after a page marker)"
                    if i["marker"] else ""))
    with_marker //= len(WIDTHS)
    ok = not bad and ((n > 0 and with_marker > 0) or not want_markers)
    report(ok, tag + ": paragraph after paragraph indented %.3f em (%d, %d at a page marker)"
           % (indent_em, n // len(WIDTHS), with_marker),
           "; ".join(bad[:4]) or "no such paragraphs, or none at a page marker")

    # Every glyph drawn from the book's own (subset) fonts: no character
    # missing from a subset falls back to a system font.  Code is set in
    # the reader's monospace (the style embeds no mono face).
    drawn = [(short(r), u) for r in results for u in r.get("fonts") or []]
    # (Chromium reports a node's descendants' text too: a <p> with inline
    # code lists the monospace face code is drawn in.)
    mono = {u["family"] for _, u in drawn if u["code"]}
    fallback = sorted({"%s: %s in <%s>" % (d, u["family"], u["tag"])
                       for d, u in drawn
                       if not u["custom"] and not u["code"] and u["family"] not in mono})
    families = sorted({u["family"] for _, u in drawn if u["custom"]})
    report(bool(drawn) and not fallback,
           tag + ": all text drawn with the embedded fonts (%s; %d glyph runs)"
           % (", ".join(families), len(drawn)), "; ".join(fallback[:6]) or "nothing measured")

    # Only faces the book uses: every @font-face is loaded by some document.
    faces = {}
    for r in results:
        for f in r.get("faces") or []:
            k = "%s %s %s" % (f["family"], f["weight"], f["style"])
            faces[k] = faces.get(k, False) or f["status"] == "loaded"
    unused = sorted(k for k, used in faces.items() if not used)
    report(bool(faces) and not unused,
           tag + ": every embedded face is used by some text (%d faces)" % len(faces),
           "never loaded: " + "; ".join(unused) if unused else "no @font-face")

    if want_questions:
        qs = [(short(r), q) for r in results for q in r["questions"]]
        want_px = lambda r: max(want_questions[0], 0.8) * r["bodyPx"]
        bad = ["%s: %.1f px, weight %s, answer indent %s" % (d, q["px"], q["weight"],
                                                            q["nextIndent"])
               for r in results for d, q in [(short(r), q) for q in r["questions"]]
               if q["nextIndent"] not in (None, 0) or str(q["weight"]) != str(want_questions[1])
               or abs(q["px"] - want_px(r)) > 0.05]
        report(bool(qs) and not bad,
               tag + ": interview questions set as the style's [question], answers unindented "
               "(%d)" % (len(qs) // len(WIDTHS)), "; ".join(bad[:4]) or "no p.question")

    bad, nsup = [], 0
    for r in results:
        for s in r["sups"]:
            nsup += s["sups"]
            lh = s["lineHeight"]
            if lh is None or abs(s["height"] - s["lines"] * lh) > 1.0:
                bad.append("%s: %r: %.1f px for %d lines of %s px" % (
                    short(r), s["text"], s["height"], s["lines"], lh))
    report(nsup > 0 and not bad, tag + ": sup leaves the line box height unchanged (%d sups)"
           % (nsup // len(WIDTHS)), "; ".join(bad[:4]) or "no sup rendered")


def make_interview(tmp):
    """tests/epub/all with its article an interview that asks a question."""
    d = os.path.join(tmp, "interview", "content")
    shutil.copytree(os.path.join(ROOT, "tests", "epub", "all"), d)
    art = os.path.join(d, "alles.md")
    text = open(art, encoding="utf-8").read().replace("type: feature", "type: interview", 1)
    text = text.replace("## Lijsten\n", "**Wat is de vraag?**\n\nDit is het antwoord.\n\n"
                        "En nog een alinea.\n\n## Lijsten\n", 1)
    open(art, "w", encoding="utf-8").write(text)
    return d


def main():
    if not chromium():
        report(False, "chromium installed", "run scripts/install-deps.sh test")
        return 1
    if not os.path.isdir(os.path.join(ROOT, "tests", "node_modules", "puppeteer-core")):
        report(False, "puppeteer-core installed", "run make test-deps")
        return 1
    tmp = tempfile.mkdtemp(prefix="folio-render-")
    try:
        vals = style_values(os.path.join(ROOT, "styles", "dimensies.ini"))
        indent_em = vals[("paragraphs", "indent")] / vals[("body", "size")]
        question = (vals[("question", "size")] / vals[("body", "size")],
                    int(vals.get(("question", "weight"), 400)))
        interview = make_interview(tmp)
        for tag, content, markers in (("bundled", "content", True),
                                      ("all", "tests/epub/all", False),
                                      ("interview", interview, False)):
            epub, _, err = build(content, os.path.join(tmp, tag, "out"))
            if not epub:
                report(False, tag + ": build", err)
                continue
            docs = spine_docs(epub, os.path.join(tmp, tag, "x"))
            results, err = render(docs, tmp)
            if results is None:
                report(False, tag + ": chromium renders the documents", err)
                continue
            check(tag, results, indent_em, markers,
                  question if tag == "interview" else None)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return report.status()


if __name__ == "__main__":
    sys.exit(main())
