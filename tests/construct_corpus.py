#!/usr/bin/env python3
"""Generates the construct corpus: every construct of the source format
(content/FORMAT.md) inside every container it can appear in, as one issue.

    python3 tests/construct_corpus.py OUTDIR    # writes OUTDIR/content/...

Each (container, construct) pair gets a word of its own ("ka03b07": the
container's and the construct's numbers), so a word the invariant finds
missing or extra names the pair.  One article per container keeps the
issue small (one build).  Pairs the format refuses (a `:::` block inside a
list, a heading in a pull quote, a note in a caption ...) are written as
issues of their own under OUTDIR/refused/NAME/, each of which must fail
with an error at a position.

Used by t_construct_corpus.py; the list of pairs is COMBINATIONS."""
import os
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOT = os.path.join(ROOT, "tests", "epub", "all", "images", "dot.png")

# Inline constructs: name -> template with {w} (the pair's word) and {n}
# (a note label).  "multiline" ones need a container that spans lines.
INLINES = {
    "plain": "gewone tekst {w}",
    "emphasis": "*nadruk {w}*",
    "strong": "**vet {w}**",
    "strike": "~~doorgehaald {w}~~",
    "code": "`code_{w}()`",
    "link": "[schakel {w}](https://example.org/pad-{w})",
    "autolink": "<https://example.org/auto/{w}>",
    "email": "post-{w}@example.org",
    "image": "zie ![plaatje {w}](images/dot.png) hier",
    "note": "noot {w}[^{n}]",
    "sup-sub": "m<sup>2</sup> {w} H<sub>2</sub>O",
    "span-lang": "<span lang=\"en\">english {w}</span>",
    "html-em-strong": "<em>html {w}</em> <strong>sterk</strong>",
    "entity": "&amp; {w} &eacute;&eacute;n",
    "hyphens": "spin-off {w} Noord- en Zuid-Holland",
    "soft-hyphen": "ont&shy;wik&shy;ke&shy;ling {w}",
    "long-word": "{w} Arbeidsmarktvraagstukkenonderzoeksprogrammabegeleidingscommissie",
    "quotes": "regio\u2019s {w} \u2018citaat\u2019 \u201cdubbel\u201d",
    "numbers": "2011/14 {w} 3,5% 1.234",
    "hard-break": "regel {w}\\\nvolgende regel",
}
MULTILINE = {"hard-break"}

# Block constructs: name -> template (lines, unindented).
BLOCKS = {
    "paragraph": "Alinea {w} met wat woorden.",
    "heading": "### Kop {w}",
    "bullet-list": "- punt {w}\n- tweede punt",
    "ordered-list": "1. eerste {w}\n2. tweede",
    "nested-list": "- boven {w}\n  - onder\n    - dieper",
    "block-quote": "> citaat {w}\n> tweede regel",
    "code-block": "```\ncode {w} = 1;\n```",
    "indented-code": "    ingesprongen {w}",
    "thematic-break": "voor {w}\n\n***\n\nna de lijn",
    "table": "| kop {w} | twee |\n|---|---:|\n| cel | 12 |",
    "figure": "![alt](images/dot.png \"Bijschrift {w}\")",
    "note-ref": "Tekst met noot {w}[^{n}].",
    "html-inline": "Een <em>html</em> {w} <sub>2</sub>",
    "pullquote": "::: pullquote\nTrekcitaat {w}.\n\n\u2014 Iemand\n:::",
    "sidebar": "::: sidebar\nKader {w}.\n:::",
    "byline": "::: byline\nNaam {w}\nRol\n:::",
}
DIVS = {"pullquote", "sidebar", "byline"}

# Block containers: name -> (function(lines) -> lines, allowed constructs).
def indent(lines, prefix, first=None):
    out = []
    for i, l in enumerate(lines):
        p = first if (i == 0 and first is not None) else prefix
        out.append((p + l) if l else p.rstrip())
    return out


ALL_BLOCKS = [b for b in BLOCKS if b not in DIVS]
BLOCK_CONTAINERS = {
    "body": (lambda ls: ls, list(BLOCKS)),
    "bullet-item": (lambda ls: indent(ls, "  ", "- "), ALL_BLOCKS),
    "ordered-item": (lambda ls: indent(ls, "   ", "1. "), ALL_BLOCKS),
    "nested-item": (lambda ls: ["- buiten", "  - midden"] + indent(ls, "      ", "    - "),
                    ALL_BLOCKS),
    "block-quote": (lambda ls: indent(ls, "> "), ALL_BLOCKS),
    "quote-in-item": (lambda ls: indent(indent(ls, "> "), "  ", "- "), ALL_BLOCKS),
    "sidebar": (lambda ls: ["::: sidebar"] + ls + [":::"], ALL_BLOCKS),
    "note": (None, ALL_BLOCKS),   # a footnote definition's blocks
}

# Inline containers: name -> (function(text, w) -> markdown lines, or
# front-matter key), constructs not allowed there.
INLINE_CONTAINERS = {
    "paragraph": ("para", set()),
    "heading": ("heading", MULTILINE),
    "table-cell": ("cell", MULTILINE),
    "pullquote": ("pullquote", set()),
    "attribution": ("attribution", MULTILINE),
    "byline-name": ("byline", MULTILINE),
    "lead": ("lead", MULTILINE | {"image"}),
    "link-text": ("link", MULTILINE | {"link", "autolink", "email", "note"}),
    "emphasis": ("emph", set()),
    "list-item": ("item", set()),
    "note-text": ("notetext", set()),
}
# a caption is plain text (the image's title): only words and punctuation
CAPTION_OK = {"plain", "hyphens", "long-word", "quotes", "numbers"}

# Refused pairs: (name, markdown body) -> each must be an error with a
# position.
REFUSED = {
    "pullquote-in-list": "- punt\n\n  ::: pullquote\n  Citaat.\n  :::\n",
    "sidebar-in-quote": "> ::: sidebar\n> Kader.\n> :::\n",
    "byline-in-note": "Tekst[^a].\n\n[^a]: Noot.\n\n    ::: byline\n    Naam\n    :::\n",
    "div-in-div": "::: sidebar\n::: pullquote\nx\n:::\n:::\n",
    "heading-in-pullquote": "::: pullquote\n## Kop\n:::\n",
    "list-in-pullquote": "::: pullquote\n- punt\n:::\n",
    "note-in-caption": "![alt](images/dot.png \"Bijschrift[^a]\")\n\n[^a]: Noot.\n",
    "note-in-alt": "Tekst ![alt[^a]](images/dot.png) tekst.\n\n[^a]: Noot.\n",
    "note-in-figure-alt": "![alt[^a]](images/dot.png \"Bijschrift\")\n\n[^a]: Noot.\n",
    "two-paragraphs-in-byline": "::: byline\nNaam\n\nTweede\n:::\n",
}


class Corpus:
    def __init__(self):
        self.combos = []      # (container, construct, word)
        self.notes = []       # (label, text)
        self.k = 0

    def word(self, container, construct):
        self.k += 1
        w = "kc%03d" % self.k
        self.combos.append((container, construct, w))
        return w

    def note(self, w):
        label = "n" + w
        self.notes.append((label, "Noottekst bij %s." % w))
        return label


def block_article(c, name):
    wrap, allowed = BLOCK_CONTAINERS[name]
    body = []
    defs = []
    for b in allowed:
        w = c.word(name, b)
        n = c.note(w) if "{n}" in BLOCKS[b] else None
        lines = BLOCKS[b].format(w=w, n=n).split("\n")
        if name == "note":
            # a note of its own holding the construct, referenced here
            label = "d" + w
            body.append("Verwijzing naar een noot met een %s[^%s]." % (b, label))
            body.append("")
            defs.append("[^%s]: Eerste alinea van de noot.\n\n" % label +
                        "\n".join(("    " + l) if l else "" for l in lines))
            continue
        body += wrap(lines)
        body.append("")
    return "\n".join(body) + "\n\n" + "\n\n".join(defs), ""


def inline_article(c, name):
    kind, refused = INLINE_CONTAINERS[name]
    body, lead = [], []
    for i, (cname, tpl) in enumerate(INLINES.items()):
        if cname in refused:
            continue
        w = c.word(name, cname)
        n = c.note(w) if "{n}" in tpl else None
        t = tpl.format(w=w, n=n)
        if kind == "para":
            body += [t, ""]
        elif kind == "heading":
            body += ["## " + t, ""]
        elif kind == "cell":
            body += ["| kop | %s |" % t.replace("|", "\\|"), "|---|---|", "| %s | cel |" % t, ""]
        elif kind == "pullquote":
            body += ["::: pullquote", t, ":::", ""]
        elif kind == "attribution":
            body += ["::: pullquote", "Citaat.", "", "\u2014 " + t, ":::", ""]
        elif kind == "byline":
            body += ["::: byline", t, "Rol", ":::", ""]
        elif kind == "lead":
            lead.append(t)
        elif kind == "link":
            body += ["[%s](https://example.org/doel)" % t, ""]
        elif kind == "emph":
            body += ["*in nadruk %s*" % t.replace("*", "_") if cname not in ("emphasis", "strong")
                     else "_buiten %s_" % t, ""]
        elif kind == "item":
            body += ["- " + t.replace("\n", "\n  "), ""]
        elif kind == "notetext":
            label = "t" + w
            body += ["Verwijzing[^%s]." % label, ""]
            c.notes.append((label, t.replace("\n", "\n    ")))
    for cname in CAPTION_OK if name == "paragraph" else ():
        w = c.word("figure-caption", cname)
        body += ['![alt](images/dot.png "%s")' % INLINES[cname].format(w=w).replace('"', "'"), ""]
    return "\n".join(body), " ".join(lead)


def write_article(path, title, body, notes, lead=""):
    fm = ["---", "title: %s" % title]
    if lead:
        fm.append("lead: >-")
        fm.append("  " + lead.replace("\n", "\n  "))
    fm.append("---")
    text = "\n".join(fm) + "\n\n" + body.rstrip() + "\n\n"
    text += "\n\n".join("[^%s]: %s" % (l, t) for l, t in notes) + "\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def issue_yaml(path, articles, title="Constructies"):
    with open(path, "w", encoding="utf-8") as f:
        f.write("title: %s\npublisher: folio tests\nlanguage: nl\ndate: \"2024-05\"\n"
                "articles:\n" % title)
        for a in articles:
            f.write("  - %s\n" % a)


def generate(out):
    content = os.path.join(out, "content")
    os.makedirs(os.path.join(content, "images"))
    shutil.copy(DOT, os.path.join(content, "images", "dot.png"))
    c = Corpus()
    names = []
    for i, name in enumerate(BLOCK_CONTAINERS):
        c.notes = []
        body, lead = block_article(c, name)
        fn = "blok-%02d-%s.md" % (i, name)
        write_article(os.path.join(content, fn), "Blokken in %s" % name, body, c.notes, lead)
        names.append(fn)
    for i, name in enumerate(INLINE_CONTAINERS):
        c.notes = []
        body, lead = inline_article(c, name)
        fn = "inline-%02d-%s.md" % (i, name)
        if not body.strip():
            body = "Alinea."
        write_article(os.path.join(content, fn), "Inlines in %s" % name, body, c.notes, lead)
        names.append(fn)
    issue_yaml(os.path.join(content, "issue.yaml"), names)
    refused = []
    for name, body in REFUSED.items():
        d = os.path.join(out, "refused", name, "content")
        os.makedirs(os.path.join(d, "images"))
        shutil.copy(DOT, os.path.join(d, "images", "dot.png"))
        write_article(os.path.join(d, "a.md"), "Geweigerd", body, [])
        issue_yaml(os.path.join(d, "issue.yaml"), ["a.md"])
        refused.append((name, os.path.dirname(d)))
    return c.combos, refused


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    combos, refused = generate(sys.argv[1])
    print("%d container x construct pairs, %d refused pairs" % (len(combos), len(refused)))
