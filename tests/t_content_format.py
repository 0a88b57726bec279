#!/usr/bin/env python3
"""Source-format checks on the bundled issue (content/), independent of folio.

Run from anywhere: `python3 tests/t_content_format.py [CONTENT_DIR]`.
Prints one `PASS: name` / `FAIL: name ...` line per check (details indented
below a FAIL) and exits 1 on a failure.  The format is content/FORMAT.md.

  content-issue         issue.yaml has title, publisher, language, date and
                        articles, and every listed article exists
  content-listed        every .md file in the folder (except FORMAT.md,
                        EDITS.md, README.md) is listed in issue.yaml
  content-front-matter  every article starts with front matter that has a
                        title; keys are known and values have the right type
  content-footnotes     within each article, every [^id] reference has a
                        definition and every definition is referenced, once
  content-divs          every `::: name` div has a known name, stands at the
                        top level and is closed by `:::`
"""
import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in tests/
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import contentlib  # noqa: E402

FM_KEYS = {"title", "rubric", "subtitle", "lead", "authors", "type", "cover", "columns",
           "byline-place"}
TYPES = {"editorial", "feature", "interview", "column", "colophon"}
DIVS = {"pullquote", "byline", "sidebar"}
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})")


def report(name, problems):
    if problems:
        print("FAIL: %s (%d problems)" % (name, len(problems)))
        for p in problems:
            print("  " + p)
        return False
    print("PASS: " + name)
    return True


def body_lines(body, first_line):
    """(line number, text) of body lines outside fenced code blocks."""
    fence = None
    for i, line in enumerate(body.split("\n")):
        m = FENCE.match(line)
        if fence:
            if m and m.group(2)[0] == fence[0] and len(m.group(2)) >= len(fence):
                fence = None
            continue
        if m:
            fence = m.group(2)
            continue
        yield first_line + i, line


def main(argv):
    content = os.path.abspath(argv[0]) if argv else contentlib.CONTENT
    rel = lambda n: os.path.relpath(os.path.join(content, n))
    ok = True

    # content-issue
    probs = []
    try:
        issue = contentlib.load_issue(content)
    except (OSError, ValueError) as e:
        issue = {}
        probs.append("%s: %s" % (rel("issue.yaml"), e))
    for k in ("title", "publisher", "language", "date", "articles"):
        if not issue.get(k) and not probs:
            probs.append("%s: `%s` missing" % (rel("issue.yaml"), k))
    date = issue.get("date")
    if date is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", str(date)):
        probs.append("%s: date %r is not ISO 8601 (YYYY, YYYY-MM, YYYY-MM-DD)" % (rel("issue.yaml"), date))
    articles = issue.get("articles") or []
    if not isinstance(articles, list):
        probs.append("%s: `articles` is not a list" % rel("issue.yaml"))
        articles = []
    existing = [a for a in articles if os.path.isfile(os.path.join(content, a))]
    for a in articles:
        if a not in existing:
            probs.append("%s: listed article %s does not exist" % (rel("issue.yaml"), a))
    if len(set(articles)) != len(articles):
        probs.append("%s: an article is listed twice" % rel("issue.yaml"))
    ok &= report("content-issue", probs)

    # content-listed
    probs = ["%s: not listed in issue.yaml `articles`" % rel(n)
             for n in sorted(os.listdir(content))
             if n.endswith(".md") and n not in contentlib.DOC_FILES and n not in articles]
    ok &= report("content-listed", probs)

    fm_probs, fn_probs, div_probs = [], [], []
    for name in existing:
        text = contentlib.read(os.path.join(content, name))
        fm_text, body, first = contentlib.split_front_matter(text)

        # content-front-matter
        fm = {}
        if fm_text is None:
            fm_probs.append("%s:1: no front matter (--- ... ---)" % rel(name))
        else:
            try:
                fm = contentlib.parse_yaml(fm_text)
            except ValueError as e:
                fm_probs.append("%s: front matter: %s" % (rel(name), e))
            if not (isinstance(fm.get("title"), str) and fm["title"].strip()):
                fm_probs.append("%s: front matter has no title" % rel(name))
            for k, v in fm.items():
                where = "%s: front matter `%s`" % (rel(name), k)
                if k not in FM_KEYS:
                    fm_probs.append(where + ": unknown key")
                elif k in ("rubric", "subtitle", "lead") and not isinstance(v, str):
                    fm_probs.append(where + ": not text")
                elif k == "authors" and not (isinstance(v, list) and all(isinstance(x, str) for x in v)):
                    fm_probs.append(where + ": not a list of names")
                elif k == "type" and v not in TYPES:
                    fm_probs.append(where + ": %r is not one of %s" % (v, ", ".join(sorted(TYPES))))
                elif k == "cover" and not isinstance(v, bool):
                    fm_probs.append(where + ": not true/false")
                elif k == "columns" and not (isinstance(v, int) and not isinstance(v, bool) and v >= 1):
                    fm_probs.append(where + ": not a whole number >= 1")

        # content-footnotes (references in the lead count too)
        refs, defs = {}, {}
        if isinstance(fm.get("lead"), str):
            for m in re.finditer(r"\[\^([^\]\s]+)\]", fm["lead"]):
                refs.setdefault(m.group(1), "%s: lead" % rel(name))
        for no, line in body_lines(body, first):
            m = re.match(r"^ {0,3}\[\^([^\]\s]+)\]:", line)
            if m:
                if m.group(1) in defs:
                    fn_probs.append("%s:%d: footnote [^%s] defined twice (first: %s)"
                                    % (rel(name), no, m.group(1), defs[m.group(1)]))
                defs.setdefault(m.group(1), "line %d" % no)
                line = line[m.end():]
            for r in re.finditer(r"\[\^([^\]\s]+)\]", line):
                refs.setdefault(r.group(1), "%s:%d" % (rel(name), no))
        for r in sorted(set(refs) - set(defs)):
            fn_probs.append("%s: footnote reference [^%s] has no definition" % (refs[r], r))
        for r in sorted(set(defs) - set(refs)):
            fn_probs.append("%s: %s: footnote definition [^%s] is never referenced" % (rel(name), defs[r], r))

        # content-divs
        open_div = None
        lines = list(body_lines(body, first))
        for idx, (no, line) in enumerate(lines):
            if not line.lstrip().startswith(":::"):
                continue
            if line != line.lstrip():
                div_probs.append("%s:%d: div fence not at the top level (indented)" % (rel(name), no))
            m = re.match(r"^\s*:::\s*(\S*)\s*$", line)
            if not m:
                div_probs.append("%s:%d: bad div fence %r" % (rel(name), no, line))
                continue
            prev = lines[idx - 1][1] if idx > 0 else ""
            nxt = lines[idx + 1][1] if idx + 1 < len(lines) else ""
            if m.group(1):
                if open_div:
                    div_probs.append("%s:%d: div opened inside the div opened at line %d"
                                     % (rel(name), no, open_div[1]))
                if m.group(1) not in DIVS:
                    div_probs.append("%s:%d: unknown div name %r" % (rel(name), no, m.group(1)))
                if prev.strip():
                    div_probs.append("%s:%d: no blank line before the div" % (rel(name), no))
                open_div = (m.group(1), no)
            else:
                if not open_div:
                    div_probs.append("%s:%d: `:::` closes no div" % (rel(name), no))
                elif nxt.strip():
                    div_probs.append("%s:%d: no blank line after the div" % (rel(name), no))
                open_div = None
        if open_div:
            div_probs.append("%s:%d: div `%s` is not closed" % (rel(name), open_div[1], open_div[0]))

    ok &= report("content-front-matter", fm_probs)
    ok &= report("content-footnotes", fn_probs)
    ok &= report("content-divs", div_probs)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
