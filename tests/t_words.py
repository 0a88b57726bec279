#!/usr/bin/env python3
"""Word preservation: the bundled issue keeps every word of the seed text.

Usage (from anywhere; paths are relative to the repository root):

    python3 tests/t_words.py                 # content side: `folio text content`
    python3 tests/t_words.py --from-source   # content side: read content/ directly
    python3 tests/t_words.py --dump          # also print both word lists

The seed is tests/data/dimensies-seed.txt, a verbatim copy of the markdown
conversion the issue was edited from.  The test proves that the multiset of
words of the seed, after the repairs listed in the table of content/EDITS.md,
equals the multiset of words of the bundled issue, and prints the difference
in both directions (with counts) when it does not.

Checks (one `PASS: name` / `FAIL: name ...` line each; exit status 1 on a
failure):

  words-cover   The seed's cover teaser block (the lines between the issue
                title `# DIMENSIES` and the publisher `expertisecentrum
                beroepsonderwijs`) has the same words, in the same order, as
                the title + subtitle of the articles with `cover: true`, in
                the order of issue.yaml.  The cover block is then removed from
                the seed side: folio generates the cover list, `folio text`
                does not print it.
  words-edits   Every row of the EDITS.md table applies: its `seed` words
                occur in the seed (`count` times).
  words-multiset  seed words (cover block removed, edits applied) == content
                words.

Word definition
  * Text is NFC-normalised and case-folded (str.casefold).
  * A word is a maximal run of Unicode letters and digits (regex [^\\W_]);
    an apostrophe between two such runs is part of the word, so "regio's"
    and "zo'n" are one word.  The typographic apostrophe U+2019 is treated
    as the ASCII one ("regio’s" == "regio's").  An apostrophe at the start
    or end of a word is punctuation ("'s-Hertogenbosch" gives "s",
    "hertogenbosch").
  * Everything else separates words, hyphens and slashes included:
    "pre-conferentie" is the two words "pre" "conferentie", "2011/14" is
    "2011" "14", "(leer)proces" is "leer" "proces".  This makes the test
    indifferent to how a compound is hyphenated, except where a hyphen is
    removed (beroeps- onderwijs -> beroepsonderwijs), which EDITS.md lists.

Seed side: `<sup>N</sup>` footnote markers and the bare number that starts
some footnote texts ("4 Tomme, ...") are removed, link targets of
`[text](target)` are dropped (only the text is visible), HTML tags are
removed; other markdown punctuation is not a word anyway.

Content side, default: the output of `$FOLIO text content` (FOLIO defaults to
./folio): the visible words in reading order; footnote numbers and `authors`
are not printed, pull quotes are printed once.  `--from-source` reads the
files instead (for debugging, and for working without the binary): from
issue.yaml the title, subtitle and publisher; from each article's front matter
rubric, title, subtitle and lead; then the body with markup stripped: fence
lines of divs, footnote labels `[^id]`, link targets, image paths (the image
title, the visible caption, is kept), HTML tags; entities are decoded.
"""
import html
import os
import re
import subprocess
import sys
import unicodedata
from collections import Counter

sys.dont_write_bytecode = True  # no __pycache__ in tests/
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import contentlib  # noqa: E402

ROOT = contentlib.ROOT
SEED = os.path.join(ROOT, "tests", "data", "dimensies-seed.txt")
CONTENT = contentlib.CONTENT
EDITS = os.path.join(CONTENT, "EDITS.md")

WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
SHOW = 60  # differences shown per direction


def words(text):
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'").casefold()
    return WORD.findall(text)


# --- seed side ---------------------------------------------------------

COVER_START = re.compile(r"^# DIMENSIES\s*$", re.M)
COVER_END = re.compile(r"^expertisecentrum\s*$", re.M)


def split_seed(text):
    """Returns (cover block text, rest of the seed)."""
    a = COVER_START.search(text)
    b = COVER_END.search(text, a.end() if a else 0)
    if not a or not b:
        raise ValueError("cover block (# DIMENSIES ... expertisecentrum) not found in seed")
    return text[a.end():b.start()], text[:a.end()] + "\n" + text[b.start():]


def strip_seed(text):
    text = re.sub(r"<sup>\s*\d+\s*</sup>", " ", text)
    # footnote texts the conversion started with a bare number: "4 Tomme, ..."
    text = re.sub(r"(?:^|(?<=\n\n))\d{1,2} (?=\S)", " ", text)
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r" \1 ", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r" \1 ", text)
    text = re.sub(r"<(?:[a-zA-Z][a-zA-Z0-9+.-]*:[^<>\s]*|[^<>\s@]+@[^<>\s]+)>", lambda m: m.group(0)[1:-1], text)
    text = re.sub(r"</?[A-Za-z][^<>]*>", " ", text)
    return html.unescape(text)


# --- content side ------------------------------------------------------

def strip_markdown(text):
    out = []
    for line in text.split("\n"):
        if re.match(r"^:::", line):          # div fences
            continue
        line = re.sub(r"^\[\^[^\]\s]+\]:", " ", line)   # footnote definition label
        out.append(line)
    text = "\n".join(out)
    text = re.sub(r"\[\^[^\]\s]+\]", " ", text)                   # footnote references
    text = re.sub(r'!\[[^\]]*\]\(\s*\S+?(?:\s+"([^"]*)")?\s*\)', r" \1 ", text)  # figure: caption
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r" \1 ", text)        # links: text only
    text = re.sub(r"<(?:[a-zA-Z][a-zA-Z0-9+.-]*:[^<>\s]*|[^<>\s@]+@[^<>\s]+)>",
                  lambda m: m.group(0)[1:-1], text)               # autolinks
    text = re.sub(r"</?[A-Za-z][^<>]*>", " ", text)                # raw HTML
    return html.unescape(text)


def content_text_from_source():
    issue = contentlib.load_issue()
    parts = [str(issue.get(k) or "") for k in ("title", "subtitle", "publisher")]
    for name in issue.get("articles") or []:
        fm, body = contentlib.load_article(name)
        fm = fm or {}
        for k in ("rubric", "title", "subtitle", "lead"):
            if fm.get(k):
                parts.append(strip_markdown(str(fm[k])))
        parts.append(strip_markdown(body))
    return "\n".join(parts)


def content_text_from_folio():
    folio = os.environ.get("FOLIO") or os.path.join(ROOT, "folio")
    if not os.path.exists(folio):
        return None, "folio binary %s not found (run make; or use --from-source)" % folio
    try:
        p = subprocess.run([folio, "text", "content"], cwd=ROOT, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=120)
    except OSError as e:
        return None, "cannot run %s: %s" % (folio, e)
    if p.returncode != 0:
        err = p.stderr.decode("utf-8", "replace").strip().splitlines()
        return None, "`%s text content` exited with %d: %s" % (folio, p.returncode, " | ".join(err[:5]))
    return p.stdout.decode("utf-8", "replace"), None


# --- EDITS.md table ----------------------------------------------------

def parse_edits(path):
    """Returns a list of (line, seed words, content words, count)."""
    rows, header = [], None
    for no, line in enumerate(contentlib.read(path).split("\n"), 1):
        s = line.strip()
        if not s.startswith("|"):
            header = None if header is None or s else header
            continue
        cells = [c.strip() for c in s.strip("|").split("|")]
        if header is None:
            low = [c.lower() for c in cells]
            if "seed" in low and "content" in low:
                header = low
            continue
        if all(re.fullmatch(r":?-+:?", c) for c in cells if c):
            continue
        cell = dict(zip(header, cells))
        count = cell.get("count") or "1"
        rows.append((no, words(cell.get("seed", "")), words(cell.get("content", "")),
                     int(count) if count.isdigit() else 1))
    return rows


def show_diff(missing, extra):
    lines = []
    for title, c in (("in seed, not in content", missing), ("in content, not in seed", extra)):
        if not c:
            continue
        items = sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))
        lines.append("  %s (%d words, %d distinct):" % (title, sum(c.values()), len(c)))
        for w, n in items[:SHOW]:
            lines.append("    %-30s x%d" % (w, n))
        if len(items) > SHOW:
            lines.append("    ... %d more" % (len(items) - SHOW))
    return "\n".join(lines)


def main(argv):
    from_source = "--from-source" in argv
    dump = "--dump" in argv
    ok = True

    seed_text = contentlib.read(SEED)
    cover, rest = split_seed(seed_text)

    # words-cover
    issue = contentlib.load_issue()
    cover_words = []
    for name in issue.get("articles") or []:
        fm, _ = contentlib.load_article(name)
        if fm and fm.get("cover") is True:
            cover_words += words(strip_markdown(str(fm.get("title") or "")))
            cover_words += words(strip_markdown(str(fm.get("subtitle") or "")))
    seed_cover = words(strip_seed(cover))
    if seed_cover == cover_words:
        print("PASS: words-cover (%d words)" % len(seed_cover))
    else:
        ok = False
        print("FAIL: words-cover: seed cover block and cover articles' title + subtitle differ")
        print("  seed:    " + " ".join(seed_cover))
        print("  content: " + " ".join(cover_words))

    # words-edits
    seed = Counter(words(strip_seed(rest)))
    bad = []
    for no, sw, cw, n in parse_edits(EDITS):
        need = Counter({w: k * n for w, k in Counter(sw).items()})
        short = {w: k - seed[w] for w, k in need.items() if seed[w] < k}
        if short:
            bad.append("EDITS.md:%d: seed words not in the seed: %s" % (
                no, ", ".join("%s x%d" % kv for kv in sorted(short.items()))))
        seed.subtract(need)
        seed.update({w: k * n for w, k in Counter(cw).items()})
    seed = +seed
    if bad:
        ok = False
        print("FAIL: words-edits")
        for b in bad:
            print("  " + b)
    else:
        print("PASS: words-edits")

    # words-multiset
    mode = "from source" if from_source else "folio text"
    if from_source:
        text, err = content_text_from_source(), None
    else:
        text, err = content_text_from_folio()
    if err:
        print("FAIL: words-multiset (%s): %s" % (mode, err))
        return 1
    content = Counter(words(text))
    if dump:
        print("--- seed words (edited):\n" + " ".join(sorted(seed.elements())))
        print("--- content words:\n" + " ".join(sorted(content.elements())))
    missing, extra = seed - content, content - seed
    if not missing and not extra:
        print("PASS: words-multiset (%s; %d words)" % (mode, sum(content.values())))
    else:
        ok = False
        print("FAIL: words-multiset (%s): %d seed words missing, %d content words extra"
              % (mode, sum(missing.values()), sum(extra.values())))
        print(show_diff(missing, extra))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
