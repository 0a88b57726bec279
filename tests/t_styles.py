#!/usr/bin/env python3
"""Styles and fonts: where they are found, and what is refused.

The lookup order (--style, `style:` in issue.yaml, styles/ inside then
beside the issue, $XDG_CONFIG_HOME/folio/styles, the installed or source
tree's styles/), the error that lists every place looked in, `-v`; bad
style values (page size, columns, measure, type size), a font family the
fonts folder lacks and a character no font has: each a diagnostic at its
file:line, exit status 1 and no output written.  An unknown --style is a
usage error (2)."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FOLIO = os.environ.get("FOLIO", os.path.join(ROOT, "folio"))
STYLE = open(os.path.join(ROOT, "styles", "dimensies.ini"), encoding="utf-8").read()
failed = 0


def check(name, ok, detail=""):
    global failed
    if ok:
        print(f"PASS: styles: {name}")
    else:
        failed += 1
        print(f"FAIL: styles: {name} {detail}")


def issue(d, extra_yaml="", article="Some text."):
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "issue.yaml"), "w", encoding="utf-8") as f:
        f.write('title: Styles\npublisher: P\nlanguage: en\ndate: "2026"\n' + extra_yaml +
                "articles:\n  - a.md\n")
    with open(os.path.join(d, "a.md"), "w", encoding="utf-8") as f:
        f.write("---\ntitle: T\n---\n\n" + article + "\n")


def style(path, text=STYLE, marker=None):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if marker:  # an accent colour that tells the styles apart in -v runs
        text = text + f"\n# {marker}\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def build(d, *extra, env=None, cwd=None):
    out = os.path.join(d, "out")
    shutil.rmtree(out, ignore_errors=True)
    e = dict(os.environ)
    e.pop("XDG_CONFIG_HOME", None)
    e.update(env or {})
    p = subprocess.run([FOLIO, "build", d, "-o", out, "-v", *extra], capture_output=True,
                       timeout=120, env=e, cwd=cwd)
    wrote = os.path.exists(out) and any(n.endswith((".pdf", ".epub")) for n in os.listdir(out))
    return p.returncode, p.stderr.decode("utf-8", "replace"), wrote


def used_style(err):
    m = re.search(r"^folio: style (\S+)", err, re.M)
    return m.group(1) if m else None


def test_lookup(tmp):
    home = os.path.join(tmp, "home")
    env = {"XDG_CONFIG_HOME": os.path.join(home, "config"), "HOME": home}
    parent = os.path.join(tmp, "mag")
    d = os.path.join(parent, "issue")
    issue(d)
    # 5: nothing of its own: the source tree's (or installed) style
    rc, err, wrote = build(d, env=env)
    check("without styles of its own, the shipped style is used",
          rc == 0 and wrote and used_style(err).endswith("/styles/dimensies.ini"), err)
    # 4: the user's folder
    style(os.path.join(home, "config", "folio", "styles", "user.ini"))
    rc, err, wrote = build(d, env=env)
    check("$XDG_CONFIG_HOME/folio/styles comes before the shipped style",
          rc == 0 and used_style(err) == os.path.join(home, "config", "folio", "styles", "user.ini"), err)
    # 3b: beside the issue
    style(os.path.join(parent, "styles", "beside.ini"))
    rc, err, wrote = build(d, env=env)
    check("styles/ beside the issue comes before the user's",
          rc == 0 and used_style(err) == os.path.join(parent, "styles", "beside.ini"), err)
    # 3a: inside the issue
    style(os.path.join(d, "styles", "inside.ini"))
    rc, err, wrote = build(d, env=env)
    check("styles/ inside the issue comes before the one beside it",
          rc == 0 and used_style(err) == os.path.join(d, "styles", "inside.ini"), err)
    # 2: style: NAME in issue.yaml (found in any of the folders)
    issue(d, "style: user\n")
    rc, err, wrote = build(d, env=env)
    check("`style: NAME` in issue.yaml chooses NAME.ini over the first style",
          rc == 0 and used_style(err).endswith("/folio/styles/user.ini"), err)
    # 1: --style
    rc, err, wrote = build(d, "--style", "beside", env=env)
    check("--style NAME comes before `style:`",
          rc == 0 and used_style(err).endswith("/mag/styles/beside.ini"), err)
    own = os.path.join(tmp, "elsewhere", "own.ini")
    style(own)
    rc, err, wrote = build(d, "--style", own, env=env)
    check("--style FILE takes that file", rc == 0 and used_style(err) == own, err)
    check("-v names the fonts folder", re.search(r"^folio: fonts \S+", err, re.M), err)
    # run from another folder: the same
    rc, err, wrote = build(d, env=env, cwd="/")
    check("a build from / finds the same style", rc == 0 and used_style(err).endswith("user.ini"), err)
    # errors
    issue(d, "style: nosuch\n")
    rc, err, wrote = build(d, env=env)
    places = [os.path.join(d, "styles", "nosuch.ini"), os.path.join(parent, "styles", "nosuch.ini"),
              os.path.join(home, "config", "folio", "styles", "nosuch.ini")]
    check("an unknown `style:` is an error at issue.yaml's line, listing every place looked in",
          rc == 1 and not wrote and re.search(r"issue\.yaml:5:8: error: no style `nosuch`; looked in: ", err)
          and all(p in err for p in places) and "/styles/nosuch.ini" in err.split(places[2])[1], err)
    issue(d)
    rc, err, wrote = build(d, "--style", "nosuch", env=env)
    check("an unknown --style is a usage error (exit 2) listing the places",
          rc == 2 and not wrote and all(p in err for p in places), err)
    rc, err, wrote = build(d, "--style", "/no/such/file.ini", env=env)
    check("a missing --style FILE is a usage error (exit 2)", rc == 2 and not wrote, err)


def bad_style(tmp, name, old, new, pattern, article="Some text."):
    d = os.path.join(tmp, name)
    issue(d, article=article)
    text = STYLE if old is None else STYLE.replace(old, new, 1)
    assert old is None or text != STYLE, old
    style(os.path.join(d, "styles", "s.ini"), text)
    line = next((i + 1 for i, l in enumerate(text.split("\n")) if new and l == new.strip()), 0)
    rc, err, wrote = build(d)
    want = pattern.replace("LINE", str(line))
    check(f"{name}: refused at file:line with its bounds, exit 1, nothing written",
          rc == 1 and not wrote and re.search(want, err), f"rc={rc} wrote={wrote} want {want!r}: {err}")


def test_bad_values(tmp):
    bad_style(tmp, "columns-8", "columns = 2", "columns = 8",
              r"styles/s\.ini:LINE:1: error: \[page\] columns: \"8\" is not a whole number from 1 to 6")
    bad_style(tmp, "width-148", "width = 210mm", "width = 148",
              r"styles/s\.ini:LINE:1: error: \[page\] width: \"148\" is 52\.2 mm, outside 74 mm to "
              r"1000 mm \(a number without a unit is in points: did you mean `148mm`\?\)")
    bad_style(tmp, "height-2m", "height = 297mm", "height = 2000mm",
              r"styles/s\.ini:LINE:1: error: \[page\] height: .*outside 74 mm to 1000 mm")
    bad_style(tmp, "measure", "gutter = 5mm", "gutter = 150mm",
              r"styles/s\.ini:\d+:1: error: \[page\] 2 columns .* measure of .* at least 25 mm")
    bad_style(tmp, "font-size", "\nsize = 9.5pt", "\nsize = 250pt",
              r"styles/s\.ini:LINE:1: error: \[body\] size: \"250pt\" is 250 pt, outside 4 pt to 200 pt")
    bad_style(tmp, "missing-family", "serif = Charis SIL", "serif = Garamond Premier",
              r"styles/s\.ini:LINE:1: error: font family `Garamond Premier` is not in the fonts "
              r"folder \S+ \(it has: [^)]*Charis SIL, [^)]*Lato[^)]*\)")
    bad_style(tmp, "uncovered-character", None, None,
              r"a\.md:5:11: error: no font of the style has the character U\+16A0",
              article="Some text ᚠ rune.")


def test_own_fonts(tmp):
    d = os.path.join(tmp, "own-fonts")
    issue(d)
    fonts = os.path.join(d, "fonts")
    os.makedirs(fonts)
    src = os.path.join(ROOT, "fonts")
    listed = open(os.path.join(src, "fonts.list"), encoding="utf-8").read()
    for name in os.listdir(src):
        if name.endswith((".ttf", ".otf", ".conf")):
            shutil.copy(os.path.join(src, name), fonts)
    # a font file added by hand, listed with the package "-"
    shutil.copy(os.path.join(src, "CharisSIL-Regular.ttf"), os.path.join(fonts, "Extra-Regular.ttf"))
    listed += "-  Extra-Regular.ttf  OFL-1.1\n"
    with open(os.path.join(fonts, "fonts.list"), "w", encoding="utf-8") as f:
        f.write(listed)
    line = listed.count("\n")
    rc, err, wrote = build(d)
    check("an issue's own fonts/ (with a font added by hand) is used",
          rc == 0 and wrote and f"folio: fonts {fonts}" in err, err)
    os.remove(os.path.join(fonts, "Extra-Regular.ttf"))
    rc, err, wrote = build(d)
    check("a hand-added font that is missing is an error at its fonts.list line",
          rc == 1 and not wrote and
          f"fonts/fonts.list:{line}:1: error: font file {fonts}/Extra-Regular.ttf is missing: "
          f"copy the file into {fonts}" in err, err)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        test_lookup(tmp)
        test_bad_values(tmp)
        test_own_fonts(tmp)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
