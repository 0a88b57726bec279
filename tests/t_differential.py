"""Differential check of folio's reader against commonmark.js, the
CommonMark reference implementation, on generated and mutated inputs.

Two comparisons per input:
1. folio (cmark-gfm parse -> our tree -> our XHTML) against cmark-gfm's own
   HTML renderer on the same parse: any difference is ours (the tree or
   the serialiser lost or changed something) and fails the test.
2. folio against commonmark.js: a difference where folio agrees with
   cmark-gfm's own renderer comes from the parser library (cmark-gfm
   0.29.0.gfm.6 implements spec 0.29, commonmark.js spec 0.31.2); those
   are counted and shown, not failed.  A difference where folio does not
   agree with cmark-gfm is already a failure under 1.

Inputs: random documents built from markdown fragments (emphasis, links,
code, lists, quotes, headings, entities, escapes, breaks), and mutations
(deleted, duplicated, swapped characters) of the spec examples.  Both
renderers' HTML must match after the normalisation of tests/htmlnorm.py,
except where folio's format differs on purpose; those inputs are set
aside by what they contain, and counted:
  - raw HTML (folio keeps only a safe inline subset),
  - lone-image paragraphs (folio makes them figures),
  - bare URLs and e-mail addresses (GFM autolinks are on in folio),
  - `~` (GFM strikethrough), `|` (GFM tables), `[^` (footnotes), `:::` (divs),
  - the spec-version corners listed in commonmark-expected-failures.txt
    (cmark-gfm follows spec 0.29: numeric references out of range,
    currency symbols next to emphasis).
The seed is fixed, so a failure is reproducible."""
import os
import random
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from htmlnorm import normalize  # noqa: E402
import t_commonmark  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
N_GENERATED = 3000
N_MUTATED = 3000

FRAGMENTS = [
    "*a*", "**b**", "_c_", "__d__", "***e***", "`f`", "``g ` h``", "[i](/u)", "[j][r]",
    "![k](/i.png)", "\\*", "&amp;", "&copy;", "&#65;", "&#x41;", "  \n", "\\\n", "<", ">",
    "# ", "## ", "> ", "- ", "1. ", "2) ", "    ", "\t", "```\n", "~~~\n", "---\n", "***\n",
    "===\n", "\n", "\n\n", "[r]: /ref \"t\"\n", "word", "woord", "ij", "é", "\u201c",
    "\u2014", "(", ")", "[", "]", "!", "\"", "'", "_", "*", "`", "foo*bar*", "a_b_c",
    "[link *em*](/x)", "<https://x.y/z>", "<a@b.cd>", "\\[", "&nbsp;", " ", "   ",
]
EXCLUDE = [
    (re.compile(r"<[A-Za-z/!?]"), "raw HTML"),
    (re.compile(r"www\.|https?://|ftp://|mailto:|@[A-Za-z0-9]"), "autolink"),
    (re.compile(r"~"), "strikethrough"),
    (re.compile(r"\|"), "table"),
    (re.compile(r"\[\^"), "footnote"),
    (re.compile(r"^:::", re.M), "fenced div"),
    (re.compile(r"&#[xX]?[0-9a-fA-F]{7,}"), "spec 0.29 numeric reference"),
    (re.compile(r"[$\u00a2-\u00a5\u20a0-\u20c0]"), "spec 0.29 currency symbol"),
]


def excluded(md, html_ref):
    for rx, why in EXCLUDE:
        if rx.search(md):
            return why
    return None


def generate(rng):
    docs = []
    for _ in range(N_GENERATED):
        docs.append("".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 14))) + "\n")
    spec = [e["markdown"] for e in t_commonmark.load_examples()]
    for _ in range(N_MUTATED):
        s = list(rng.choice(spec))
        for _ in range(rng.randint(1, 3)):
            if not s:
                break
            i = rng.randrange(len(s))
            op = rng.randrange(3)
            if op == 0:
                del s[i]
            elif op == 1:
                s.insert(i, s[i])
            else:
                j = rng.randrange(len(s))
                s[i], s[j] = s[j], s[i]
        docs.append("".join(s))
    return [d.replace("\0", "") for d in docs]


def main():
    rng = random.Random(20261129)
    docs = generate(rng)
    data = "\0".join(docs).encode()
    ours = subprocess.run([t_commonmark.RENDER], input=data, capture_output=True,
                          check=True).stdout.decode().split("\0")[:-1]
    native = subprocess.run([t_commonmark.RENDER, "--cmark"], input=data, capture_output=True,
                            check=True).stdout.decode().split("\0")[:-1]
    ref = subprocess.run(["node", os.path.join(ROOT, "tests", "cmjs_render.js")], input=data,
                         capture_output=True, check=True, cwd=os.path.join(ROOT, "tests")
                         ).stdout.decode().split("\0")
    if len(ours) != len(docs) or len(ref) != len(docs) or len(native) != len(docs):
        print(f"FAIL: differential: output counts {len(ours)}/{len(ref)} != {len(docs)}")
        return 1
    skipped, compared, ours_wrong, parser_diff = {}, 0, [], []
    for md, a, n, b in zip(docs, ours, native, ref):
        if "<figure>" in a:
            why = "figure"
        else:
            why = excluded(md, b)
        if why:
            skipped[why] = skipped.get(why, 0) + 1
            continue
        compared += 1
        na, nn, nb = normalize(a), normalize(n), normalize(b)
        if na != nn:
            ours_wrong.append((md, na, nn))
        elif na != nb:
            parser_diff.append((md, na, nb))
    print(f"differential: {len(docs)} inputs, {compared} compared, set aside: {skipped}")
    print(f"differential: {len(parser_diff)} differ from commonmark.js where cmark-gfm "
          f"(spec 0.29) parses differently, e.g.:")
    for md, a, b in parser_diff[:3]:
        print(f"  input {md!r}\n  folio/cmark-gfm: {a!r}\n  commonmark.js:   {b!r}")
    status = 0
    for md, a, n in ours_wrong[:10]:
        print(f"--- input {md!r}\nfolio:    {a!r}\ncmark-gfm: {n!r}")
    if ours_wrong:
        print(f"FAIL: differential: {len(ours_wrong)} of {compared} inputs: folio's tree/XHTML "
              f"differs from the parser's own rendering")
        status = 1
    else:
        print(f"PASS: differential: {compared} inputs: folio's tree/XHTML renders every parse "
              f"as cmark-gfm does")
    budget = compared // 100
    if len(parser_diff) > budget:
        print(f"FAIL: differential: {len(parser_diff)} parser differences from commonmark.js "
              f"exceed 1% of inputs ({budget})")
        status = 1
    else:
        print(f"PASS: differential: parser differences from commonmark.js "
              f"{len(parser_diff)} <= 1% of {compared}")
    return status


if __name__ == "__main__":
    sys.exit(main())
