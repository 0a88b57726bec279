#!/usr/bin/env python3
# asan: skip  (checks the EPUB's accessibility; the asan pass tests memory)
"""(tests/slow: about 15 s alone, 50 s on a busy machine.)
DAISY Ace (npm @daisy/ace, run as ace-puppeteer with Debian's chromium)
on the bundled issue and on tests/epub/all: 0 violations, and the
accessibility metadata Ace looks for is present.
Prints PASS:/FAIL: lines (see tests/run.sh).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from epubtest import ROOT, Report, build, chromium
ACE = os.path.join(ROOT, "tests", "node_modules", ".bin", "ace-puppeteer")

report = Report()


def violations(rep):
    """(rule id, impact, document) for every failed check in an Ace report."""
    out = []
    for doc in rep.get("assertions", []):
        where = doc.get("earl:testSubject", {}).get("url", "?")
        for a in doc.get("assertions", []):
            if a.get("earl:result", {}).get("earl:outcome") == "fail":
                out.append((a.get("earl:test", {}).get("dct:title", "?"),
                            a.get("earl:test", {}).get("earl:impact", "?"), where))
    return out


def main():
    browser = chromium()
    if not browser or not os.path.exists(ACE):
        report(False, "ace installed", "run scripts/install-deps.sh test and make test-deps")
        return 1
    env = dict(os.environ, PUPPETEER_EXECUTABLE_PATH=browser)
    tmp = tempfile.mkdtemp(prefix="folio-ace-")
    try:
        for tag, content in (("bundled", "content"), ("all", "tests/epub/all")):
            epub, _, err = build(content, os.path.join(tmp, tag))
            if not epub:
                report(False, tag + ": build", err)
                continue
            rep_dir = os.path.join(tmp, tag + "-ace")
            p = subprocess.run([ACE, "-f", "-s", "-o", rep_dir, epub],
                               capture_output=True, text=True, env=env, cwd=tmp, timeout=300)
            rep_path = os.path.join(rep_dir, "report.json")
            if p.returncode != 0 or not os.path.exists(rep_path):
                report(False, tag + ": ace ran", (p.stdout + p.stderr).strip()[-400:])
                continue
            rep = json.load(open(rep_path, encoding="utf-8"))
            v = violations(rep)
            outcome = rep.get("earl:result", {}).get("earl:outcome")
            report(not v and outcome == "pass",
                   "%s: ace: 0 violations (%d documents checked)"
                   % (tag, len(rep.get("assertions", []))),
                   "%s; %s" % (outcome, "; ".join("%s [%s] in %s" % x for x in v[:6])))
            md = rep.get("a11y-metadata", {})
            want = {"schema:accessMode", "schema:accessibilityFeature",
                    "schema:accessibilityHazard", "schema:accessibilitySummary",
                    "schema:accessModeSufficient"}
            missing = sorted(want - set(md.get("present", [])))
            report(not missing, tag + ": ace finds the accessibility metadata",
                   "missing " + ", ".join(missing))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return report.status()


if __name__ == "__main__":
    sys.exit(main())
