#!/usr/bin/env python3
"""Passages in another language, in the EPUB.

Builds the bundled issue and tests/epub/all and checks:
  - every element with a lang attribute has xml:lang, the same (XHTML
    content documents need both);
  - tests/epub/all's <span lang="en"> reaches the EPUB as an element with
    lang and xml:lang "en";
  - every passage content/EDITS.md lists under "Passages in another
    language" ("words" (lang, ...)) is inside an element of that language,
    as often as listed.
Prints PASS:/FAIL: lines (see tests/run.sh).  Standard library only.
"""
import os
import re
import sys
import tempfile
import zipfile
import xml.etree.ElementTree as ET

from epubtest import ROOT, Report, build
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
COUNTS = {"twice": 2, "three times": 3, "four times": 4, "five times": 5}

report = Report()


def spans(epub):
    """(lang, xml:lang, text) of every element with a language, and the mismatches."""
    out = []
    z = zipfile.ZipFile(epub)
    for name in z.namelist():
        if not name.endswith(".xhtml"):
            continue
        root = ET.fromstring(z.read(name))
        for e in root.iter():
            if e.get("lang") or e.get(XML_LANG):
                out.append((name, e.tag.split("}")[-1], e.get("lang"), e.get(XML_LANG),
                            "".join(e.itertext())))
    return out


def main():
    tmp = tempfile.mkdtemp(prefix="folio-lang-")
    found = {}
    for tag, content in (("bundled", "content"), ("all", "tests/epub/all")):
        epub, _, err = build(content, os.path.join(tmp, tag))
        if not epub:
            report(False, tag + ": build", err)
            return 1
        found[tag] = spans(epub)
        bad = ["%s <%s> lang=%s xml:lang=%s" % (n, t, l, x) for n, t, l, x, _ in found[tag]
               if l != x]
        report(not bad, tag + ": lang and xml:lang agree on every element (%d)" % len(found[tag]),
               "; ".join(bad[:4]))
    en = [s for s in found["all"] if s[1] == "span" and s[2] == "en" and s[3] == "en"]
    report(bool(en), "all: <span lang=\"en\"> carries lang and xml:lang into the EPUB")

    edits = open(os.path.join(ROOT, "content", "EDITS.md"), encoding="utf-8").read()
    section = edits.split("## Passages in another language", 1)
    rows = re.findall(r'^- "([^"]+)" \((\w[\w-]*)(?:, ([a-z ]+times|twice))?', section[1],
                      re.M) if len(section) == 2 else []
    missing = []
    for words, lang, times in rows:
        want = COUNTS.get(times, 1)
        have = sum(1 for s in found["bundled"]
                   if s[2] == lang and s[1] == "span" and s[4].strip().lower() == words.lower())
        if have != want:
            missing.append("%r (%s): %d of %d marked" % (words, lang, have, want))
    report(bool(rows) and not missing,
           "bundled: the passages EDITS.md lists are marked (%d)" % len(rows),
           "; ".join(missing) or "no list in content/EDITS.md")
    return report.status()


if __name__ == "__main__":
    sys.exit(main())
