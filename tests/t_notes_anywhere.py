#!/usr/bin/env python3
"""Notes anywhere (tests/words/notes-anywhere): a note referenced from a
table cell, a list item, a sidebar, a pull quote, a block quote or another
note is typeset in the PDF, at the foot of the column that holds its
reference; a note referenced from a note comes right after that note.
The tree links every reference to the definition with its own label.
(That no word is lost is t_wordcheck.py's.)"""
import os
import re
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wordcheck  # noqa: E402

CASE = os.path.join(wordcheck.ROOT, "tests", "words", "notes-anywhere")
failures = 0


def report(ok, name, detail=""):
    global failures
    failures += not ok
    print(("PASS: " if ok else "FAIL: ") + "notes: " + name + ("" if ok else ": " + detail))


def main():
    src = open(os.path.join(CASE, "noten.md"), encoding="utf-8").read()
    with tempfile.TemporaryDirectory() as tmp:
        o, err = wordcheck.build(CASE, os.path.join(tmp, "w"))
        if err:
            report(False, "build", err)
            return 1
        # labels: each reference's label is the one written at its place
        tree = o["tree"]
        refs = re.findall(r"NoteRef (\d+):(\d+) number=(\d+) label=\"([^\"]*)\"", tree)
        lines = src.split("\n")
        wrong = []
        for line, col, num, label in refs:
            # positions are of the article file; the body starts after front matter
            text = lines[int(line) - 1] if int(line) - 1 < len(lines) else ""
            if "[^%s]" % label not in text:
                wrong.append("%s:%s [^%s]" % (line, col, label))
        report(refs and not wrong, "every reference carries its own label (%d)" % len(refs),
               ", ".join(wrong))
        pages = wordcheck.read_dump(o["dump"])
        refs_at, notes_at = {}, {}
        note_lines = []
        for pi, p in enumerate(pages):
            for b in p["boxes"]:
                m = re.fullmatch(r"ref-(\d+)", b["what"])
                if b["kind"] == "dest" and m and b["role"] == "body" and b["note"] == 0:
                    refs_at.setdefault(int(m.group(1)), (pi, b["col"]))
                if b["kind"] == "dest" and m and b["note"]:   # a reference inside a note
                    refs_at.setdefault(int(m.group(1)), (pi, b["col"], "in note", b["note"]))
                if b["kind"] == "line" and b["role"] == "note":
                    notes_at.setdefault(b["note"], (pi, b["col"]))
                    note_lines.append(b["note"])
        numbers = sorted(int(n) for _, _, n, _ in refs)
        missing = [n for n in numbers if n not in notes_at]
        report(numbers and not missing, "every note is typeset (%d)" % len(numbers),
               "not in the PDF: %s" % missing)
        misplaced = [n for n in numbers if n in notes_at and n in refs_at
                     and notes_at[n] != refs_at[n][:2]]
        report(not misplaced, "each note at the foot of its reference's column",
               str({n: (refs_at[n], notes_at[n]) for n in misplaced}))
        order = [n for i, n in enumerate(note_lines) if i == 0 or note_lines[i - 1] != n]
        nested = [(v[3], n) for n, v in refs_at.items() if len(v) > 2]
        bad = [(parent, child) for parent, child in nested
               if parent not in order or child not in order
               or order.index(child) != order.index(parent) + 1]
        report(nested and not bad, "a note within a note comes right after its parent",
               "order %s, nested %s" % (order, nested))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
