#!/usr/bin/env python3
"""Languages: hyphenation in the issue's language and in <span lang>
passages, front matter `lang:`, `hyphenation:` exceptions in both editions,
the check of language tags, and the warning for a missing dictionary.

The hyphenation is checked against the dictionaries themselves: libhyphen
is loaded here through ctypes, so every break the PDF shows (a line that
ends in a hyphen, read back with pdftotext) is tested against the patterns
of the language it must come from, and some must be breaks the Dutch
patterns would not make."""
import ctypes
import ctypes.util
import os
import random
import re
import subprocess
import sys
import tempfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FOLIO = os.environ.get("FOLIO", os.path.join(ROOT, "folio"))
HYPHEN = "/usr/share/hyphen"
failed = 0


def check(name, ok, detail=""):
    global failed
    if ok:
        print(f"PASS: lang: {name}")
    else:
        failed += 1
        print(f"FAIL: lang: {name} {detail}")


class Dictionary:
    """libhyphen's own answer: after which letters a word may break."""
    lib = ctypes.CDLL(ctypes.util.find_library("hyphen") or "libhyphen.so.0")
    lib.hnj_hyphen_load.restype = ctypes.c_void_p
    lib.hnj_hyphen_load.argtypes = [ctypes.c_char_p]
    lib.hnj_hyphen_hyphenate2.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int,
                                          ctypes.c_char_p, ctypes.c_char_p,
                                          ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]

    def __init__(self, path):
        with open(path, "rb") as f:
            self.charset = f.readline().strip().decode()
        self.charset = {"ISO8859-1": "latin-1"}.get(self.charset, self.charset)
        self.d = self.lib.hnj_hyphen_load(path.encode())

    def breaks(self, word):
        w = word.lower().encode(self.charset)
        marks = ctypes.create_string_buffer(len(w) + 5)
        rep, pos, cut = ctypes.c_void_p(), ctypes.c_void_p(), ctypes.c_void_p()
        self.lib.hnj_hyphen_hyphenate2(self.d, w, len(w), marks, None, ctypes.byref(rep),
                                       ctypes.byref(pos), ctypes.byref(cut))
        return {i + 1 for i in range(len(w)) if marks.raw[i] & 1}


def make_issue(d, yaml, articles, style=None):
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "issue.yaml"), "w", encoding="utf-8") as f:
        f.write(yaml + "articles:\n" + "".join(f"  - {n}\n" for n in articles))
    for name, text in articles.items():
        with open(os.path.join(d, name), "w", encoding="utf-8") as f:
            f.write(text)
    if style is not None:
        os.makedirs(os.path.join(d, "styles"), exist_ok=True)
        with open(os.path.join(d, "styles", "test.ini"), "w", encoding="utf-8") as f:
            f.write(style)


def build(d, *extra):
    out = os.path.join(d, "out")
    p = subprocess.run([FOLIO, "build", d, "-o", out, *extra], capture_output=True, timeout=120)
    return p.returncode, p.stderr.decode("utf-8", "replace"), out


def line_breaks(pdf):
    """(word start, word end) at every hyphenated line end."""
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True).stdout.decode()
    lines = [l.rstrip() for l in text.split("\n")]
    found = []
    for a, b in zip(lines, lines[1:]):
        m = re.search(r"(\w+)(?:\u00ad-?|-)$", a)
        n = re.match(r"(\w+)", b)
        if m and n and not a.endswith("--"):
            found.append((m.group(1), n.group(1)))
    return found


WORDS_EN = ["information", "international", "representation", "responsibility",
            "characteristics", "development", "organization", "understanding",
            "independently", "communication", "establishment", "unfortunately",
            "consideration", "approximately", "extraordinary", "environmental",
            "recommendation", "administration", "photographers", "manufacturing",
            "philosophical", "transportation", "investigation", "hypothetically"]
WORDS_DE = ["Donaudampfschifffahrt", "Bundesverfassungsgericht", "Geschwindigkeitsbegrenzung",
            "Rechtsschutzversicherung", "Arbeitsunfähigkeitsbescheinigung", "Haftpflichtversicherung",
            "Sehenswürdigkeiten", "Verantwortungsbewusstsein", "Wissenschaftsministerium",
            "Lebensmittelgeschäft", "Zusammengehörigkeitsgefühl", "Unabhängigkeitserklärung"]


def prose(words, seed, paras=6, template="The {0} of the {1} was {2} and {3} in its {4}."):
    r = random.Random(seed)
    return "\n\n".join(" ".join(template.format(*[r.choice(words) for _ in range(5)])
                                for _ in range(9)) for _ in range(paras))


def test_english(tmp):
    d = os.path.join(tmp, "english")
    make_issue(d, 'title: English test\npublisher: P\nlanguage: en\ndate: "2026"\n',
               {"a.md": "---\ntitle: Hyphenation\n---\n\n" + prose(WORDS_EN, 4) + "\n"})
    rc, err, out = build(d)
    check("an English issue builds", rc == 0, err)
    breaks = line_breaks(os.path.join(out, "english-test.pdf"))
    en, nl = Dictionary(f"{HYPHEN}/hyph_en_US.dic"), Dictionary(f"{HYPHEN}/hyph_nl_NL.dic")
    check("an English issue has hyphenated line ends", len(breaks) >= 5, f"{breaks}")
    wrong = [(a, b) for a, b in breaks if len(a) not in en.breaks(a + b)]
    check("every break is one the English patterns allow", not wrong and breaks, f"{wrong}")
    english_only = [(a, b) for a, b in breaks if len(a) not in nl.breaks(a + b)]
    check("some breaks are ones the Dutch patterns would not make (split the English way)",
          len(english_only) >= 1, f"breaks {breaks}")
    # (the press edition's default-profile warning is expected of any style
    # that names no printer's profile)
    err = "\n".join(l for l in err.splitlines() if "names no output-profile" not in l)
    check("no warning for English with hyphen-en-us installed", "warning" not in err, err)
    # en-GB takes the en_GB patterns (same checks, other dictionary)
    return breaks


def test_german_in_dutch(tmp):
    d = os.path.join(tmp, "dutch")
    german = prose(WORDS_DE, 7, paras=4, template="Die {0} und die {1} mit {2}, {3} oder {4}.")
    german = "\n\n".join(f'<span lang="de">{p}</span>' for p in german.split("\n\n"))
    make_issue(d, 'title: Nederlandse test\npublisher: P\nlanguage: nl\ndate: "2026"\n',
               {"a.md": "---\ntitle: Duits\ncolumns: 3\n---\n\n" + german + "\n"})
    rc, err, out = build(d)
    check("a Dutch issue with a German passage builds", rc == 0, err)
    breaks = line_breaks(os.path.join(out, "nederlandse-test.pdf"))
    de, nl = Dictionary(f"{HYPHEN}/hyph_de_DE.dic"), Dictionary(f"{HYPHEN}/hyph_nl_NL.dic")
    german_words = {w.lower() for w in WORDS_DE}
    in_german = [(a, b) for a, b in breaks if (a + b).lower() in german_words]
    check("the German passage has hyphenated line ends", len(in_german) >= 5, f"{breaks}")
    wrong = [(a, b) for a, b in in_german if len(a) not in de.breaks(a + b)]
    check("every break in the German passage is one the German patterns allow",
          not wrong and in_german, f"{wrong}")
    # The same text without the span is set with the Dutch patterns: it
    # must show a break the German patterns do not allow, or the checks
    # above could not tell the two languages apart.
    plain = german.replace('<span lang="de">', "").replace("</span>", "")
    make_issue(d, 'title: Nederlandse test\npublisher: P\nlanguage: nl\ndate: "2026"\n',
               {"a.md": "---\ntitle: Duits\ncolumns: 3\n---\n\n" + plain + "\n"})
    rc, err, out = build(d)
    dutch = [(a, b) for a, b in line_breaks(os.path.join(out, "nederlandse-test.pdf"))
             if (a + b).lower() in german_words]
    not_german = [(a, b) for a, b in dutch if len(a) not in de.breaks(a + b)]
    check("set as Dutch, the same text breaks where German would not (the test can tell)",
          rc == 0 and not_german and not any(x in in_german for x in not_german),
          f"{dutch}")


def test_front_matter_lang(tmp):
    d = os.path.join(tmp, "mixed")
    make_issue(d, 'title: Gemengd\npublisher: P\nlanguage: nl\ndate: "2026"\n',
               {"a.md": "---\ntitle: English article\nlang: en-GB\ncolumns: 3\n---\n\n" +
                prose(WORDS_EN, 9, paras=4) + "\n",
                "b.md": "---\ntitle: Bad\nlang: english\n---\n\nText.\n"})
    rc, err, out = build(d)
    check("front matter `lang: english` is an error at its position",
          rc == 1 and re.search(r"b\.md:3:7: error: `english` .*use `en`", err), err)
    make_issue(d, 'title: Gemengd\npublisher: P\nlanguage: nl\ndate: "2026"\n',
               {"a.md": "---\ntitle: English article\nlang: en-GB\ncolumns: 3\n---\n\n" +
                prose(WORDS_EN, 9, paras=4) + "\n"})
    rc, err, out = build(d)
    check("an issue with an en-GB article builds", rc == 0, err)
    with zipfile.ZipFile(os.path.join(out, "gemengd.epub")) as z:
        doc = next(z.read(n).decode() for n in z.namelist() if n.endswith("a.xhtml"))
    check("the EPUB's article document is in the article's language",
          'xml:lang="en-GB"' in doc and 'lang="en-GB"' in doc, doc[:400])
    breaks = line_breaks(os.path.join(out, "gemengd.pdf"))
    gb = Dictionary(f"{HYPHEN}/hyph_en_GB.dic")
    wrong = [(a, b) for a, b in breaks if len(a) not in gb.breaks(a + b)]
    check("the en-GB article is hyphenated with the en_GB patterns",
          breaks and not wrong, f"{wrong} of {breaks}")


def test_exceptions(tmp):
    d = os.path.join(tmp, "exceptions")
    text = prose(WORDS_EN, 11, paras=5)
    make_issue(d, 'title: Exceptions\npublisher: P\nlanguage: en\ndate: "2026"\n'
               'hyphenation:\n  - communication\n  - in-for-ma-tion\n',
               {"a.md": "---\ntitle: Exceptions\ncolumns: 3\n---\n\n" + text + "\n"})
    rc, err, out = build(d)
    check("an issue with hyphenation exceptions builds", rc == 0, err)
    breaks = line_breaks(os.path.join(out, "exceptions.pdf"))
    bad = [(a, b) for a, b in breaks if (a + b).lower() == "communication" or
           ((a + b).lower() == "information" and a.lower() not in ("in", "infor", "informa"))]
    check("print breaks listed words only at their points (never for a word without)",
          not bad and breaks, f"{bad}")
    with zipfile.ZipFile(os.path.join(out, "exceptions.epub")) as z:
        doc = next(z.read(n).decode() for n in z.namelist() if n.endswith("a.xhtml"))
    check("the EPUB carries a listed word's points as soft hyphens",
          "in\u00adfor\u00adma\u00adtion" in doc, "")
    check("the EPUB keeps a listed word without points from breaking",
          re.search(r'<span style="[^"]*hyphens: none[^"]*">communication</span>', doc), "")
    make_issue(d, 'title: Exceptions\npublisher: P\nlanguage: en\ndate: "2026"\n'
               'hyphenation:\n  - com--munication\n',
               {"a.md": "---\ntitle: Exceptions\n---\n\nText.\n"})
    rc, err, out = build(d)
    check("a malformed exception is an error at its position",
          rc == 1 and "issue.yaml:6:5: error: hyphenation: `com--munication`" in err, err)


def test_tags(tmp):
    d = os.path.join(tmp, "tags")
    for tag, status, pattern in [
            ("english", 1, r"issue\.yaml:3:11: error: `english` is not a BCP 47 language tag.*use `en` \(English\)"),
            ("en_GB", 1, r"issue\.yaml:3:11: error: .*use `en-GB`"),
            ("eng", 1, r"issue\.yaml:3:11: error: .*use `en`"),
            ("xx", 1, r"issue\.yaml:3:11: error: `xx`: `xx` is not an ISO 639 language code"),
            ("en-GB", 0, None), ("de-CH-1996", 0, None), ("sr-Latn-RS", 0, None)]:
        make_issue(d, f'title: Tags\npublisher: P\nlanguage: {tag}\ndate: "2026"\n',
                   {"a.md": "---\ntitle: T\n---\n\nText.\n"})
        out = os.path.join(d, "out")
        if os.path.exists(out):
            subprocess.run(["rm", "-rf", out])
        rc, err, out = build(d)
        if status:
            check(f"language: {tag} is refused at its position, nothing written",
                  rc == 1 and re.search(pattern, err) and not os.path.exists(
                      os.path.join(out, "tags.pdf")), err)
        else:
            check(f"language: {tag} is accepted", rc == 0, err)
    make_issue(d, 'title: Tags\npublisher: P\nlanguage: en\ndate: "2026"\n',
               {"a.md": '---\ntitle: T\n---\n\nSome <span lang="dutch">tekst</span>.\n'})
    rc, err, out = build(d)
    check("<span lang=\"dutch\"> is an error at the span, suggesting nl",
          rc == 1 and re.search(r"a\.md:5:6: error: <span lang>: .*use `nl`", err), err)


def test_missing_dictionary(tmp):
    if os.path.exists(f"{HYPHEN}/hyph_it_IT.dic") or os.path.exists(f"{HYPHEN}/hyph_it.dic"):
        print("PASS: lang: (skipped: hyphen-it is installed, no language without a dictionary)")
        return
    d = os.path.join(tmp, "italian")
    make_issue(d, 'title: Italiano\npublisher: P\nlanguage: it\ndate: "2026"\n',
               {"a.md": "---\ntitle: T\n---\n\nUna prova.\n"})
    rc, err, out = build(d)
    check("a language without a dictionary builds with a positioned warning naming the package",
          rc == 0 and re.search(r"issue\.yaml:3:11: warning: no hyphenation dictionary for `it`"
                                r".*install the Debian package hyphen-it", err), err)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        test_english(tmp)
        test_german_in_dutch(tmp)
        test_front_matter_lang(tmp)
        test_exceptions(tmp)
        test_tags(tmp)
        test_missing_dictionary(tmp)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
