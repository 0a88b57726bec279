#!/usr/bin/env python3
"""`folio watch` and the ways real editors save.  For each kind of save
the watcher must end with a rebuild that has the new text, and must never
report a failure for a save that is good once finished:

  vim       write a test file and remove it, rename the original to a
            backup, write the new file whole, remove the backup
  atomic    write the new text to a temporary file, rename it over the
            article (many editors, `sed -i`)
  chunks    truncate, write the first half (which on its own is a broken
            article: an unclosed `:::` block), pause longer than the
            settle time, write the rest
  cp        `cp` of a large file (4 MB, most of it an HTML comment inside
            a `:::` block, so a half-copied file is broken too)

Uses the small issue tests/epub/all, so each build takes milliseconds."""
import os
import re
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FOLIO = os.environ.get("FOLIO", os.path.join(ROOT, "folio"))
ISSUE = os.path.join(ROOT, "tests", "epub", "all")
failures = 0


def check(name, ok, detail=""):
    global failures
    failures += not ok
    print(f"{'PASS' if ok else 'FAIL'}: watch-saves: {name}{'' if ok else ': ' + detail}")


def pdf_text(path):
    return subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True).stdout


def wait_for(p, pdf, marker, timeout=60):
    """Reads watch's lines until a rebuild whose PDF has marker; returns
    (found, the lines read)."""
    sel = selectors.DefaultSelector()
    sel.register(p.stdout, selectors.EVENT_READ)
    lines = []
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if not sel.select(max(0.1, end - time.monotonic())):
            break
        line = p.stdout.readline()
        if not line:
            break
        lines.append(line.strip())
        if "rebuilt" in line and marker in pdf_text(pdf).replace("\u00ad", ""):
            # a last late event may still come: give it the settle time
            if sel.select(1.0):
                lines.append(p.stdout.readline().strip())
            return True, lines
    return False, lines


def article(marker, extra=""):
    return ("---\ntitle: Voorwoord\nrubric: Vooraf\ntype: editorial\n---\n\n"
            f"Een nieuwe versie met het woord {marker} erin.\n\n"
            "::: sidebar\nEen kader" + extra + " dat pas aan het eind sluit.\n:::\n")


def vim_save(path, text):
    d = os.path.dirname(path)
    with open(os.path.join(d, "4913"), "w") as f:
        f.write("")
    os.remove(os.path.join(d, "4913"))
    os.rename(path, path + "~")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    os.remove(path + "~")


def atomic_save(path, text):
    tmp = path + ".tmp4711"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.rename(tmp, path)


def chunks_save(path, text):
    half = text.index("dat pas")   # inside the open ::: block
    with open(path, "w", encoding="utf-8") as f:
        f.write(text[:half])
        f.flush()
        time.sleep(0.3)
        f.write(text[half:])


def cp_save(path, text, tmp):
    big = os.path.join(tmp, "big.md")
    filler = "<!--\n" + ("vulling " * 12 + "\n") * 40000 + "-->\n"
    with open(big, "w", encoding="utf-8") as f:
        f.write(text.replace("Een kader", "Een kader\n\n" + filler + "\nEen kader"))
    subprocess.run(["cp", big, path], check=True)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(ISSUE, os.path.join(tmp, "content"))
        shutil.copytree(os.path.join(ROOT, "styles"), os.path.join(tmp, "styles"))
        os.symlink(os.path.join(ROOT, "fonts"), os.path.join(tmp, "fonts"))
        p = subprocess.Popen([FOLIO, "watch", "content", "-o", "out"], cwd=tmp,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=dict(os.environ, SOURCE_DATE_EPOCH="1561939200"))
        art = os.path.join(tmp, "content", "voorwoord.md")
        pdf = os.path.join(tmp, "out", "proefnummer.pdf")
        try:
            sel = selectors.DefaultSelector()
            sel.register(p.stdout, selectors.EVENT_READ)
            first = p.stdout.readline() if sel.select(60) else ""
            check("first build", "first build done" in first, repr(first))
            saves = [("vim", vim_save), ("atomic", atomic_save), ("chunks", chunks_save),
                     ("cp", lambda path, text: cp_save(path, text, tmp))]
            for i, (name, save) in enumerate(saves):
                marker = "Merkwoord%s%d" % (name.capitalize(), i)
                save(art, article(marker))
                found, lines = wait_for(p, pdf, marker)
                check(f"{name}: rebuilt with the new text", found, " | ".join(lines))
                failed = [l for l in lines if "FAILED" in l]
                check(f"{name}: no failure reported for a good save", not failed,
                      " | ".join(failed))
            # a save that stays broken is still reported, once settled
            with open(art, "w", encoding="utf-8") as f:
                f.write(article("Kapot").replace("\n:::\n", "\n"))
            sel2 = selectors.DefaultSelector()
            sel2.register(p.stdout, selectors.EVENT_READ)
            line = p.stdout.readline() if sel2.select(30) else ""
            check("a broken save is reported", "FAILED" in line, repr(line))
        finally:
            p.send_signal(signal.SIGINT)
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        err = p.stderr.read()
        errors = re.findall(r"^.*error:.*$", err, re.M)
        check("errors printed only for the settled broken save",
              len(errors) == 1 and "never closed" in errors[0], " | ".join(errors))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
