"""`folio watch` reuses the layout of unchanged articles between rebuilds
(src/pdf/layout_cache.c).  Whatever it reuses, every rebuild must give the
same bytes as a fresh `folio build` of the same sources: after edits that
add pages to an article (moving the following articles by an odd or an
even number of pages), that take them away again, and after a style change
(which must set everything again)."""
import filecmp
import os
import re
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FOLIO = os.environ.get("FOLIO", os.path.join(ROOT, "folio"))
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1561939200")
OUTS = ["dimensies.pdf", "dimensies.epub"]


def check(name, ok, detail=""):
    print(f"{'PASS' if ok else 'FAIL'}: watch-incremental: {name}{'' if ok else ' ' + detail}")
    return ok


def wait_line(p, timeout=120):
    sel = selectors.DefaultSelector()
    sel.register(p.stdout, selectors.EVENT_READ)
    return p.stdout.readline() if sel.select(timeout) else ""


def pages(path):
    out = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(m.group(1)) if m else 0


def main():
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        for d in ("content", "styles"):
            shutil.copytree(os.path.join(ROOT, d), os.path.join(tmp, d))
        os.symlink(os.path.join(ROOT, "fonts"), os.path.join(tmp, "fonts"))
        with open(os.path.join(tmp, "content", "issue.yaml"), encoding="utf-8") as f:
            names = re.findall(r"^\s*-\s*(\S+\.md)\s*$", f.read(), re.M)
        style = os.path.join(tmp, "styles", sorted(os.listdir(os.path.join(tmp, "styles")))[0])
        originals = {}

        def write(path, text):
            originals.setdefault(path, open(path, encoding="utf-8").read())
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)

        def art(i):
            return os.path.join(tmp, "content", names[i])

        para = "\n\n" + " ".join(["Een extra zin die de kolom een regel langer maakt."] * 12)
        steps = [
            ("one paragraph more", lambda: write(art(1), originals.get(art(1), open(art(1)).read()) + para)),
            ("back as it was", lambda: write(art(1), originals[art(1)])),
            ("a page and more", lambda: write(art(2), originals.get(art(2), open(art(2)).read()) + para * 10)),
            ("two pages and more", lambda: write(art(2), originals[art(2)] + para * 30)),
            ("edit before the moved articles", lambda: write(art(1), originals[art(1)] + para)),
            ("back again", lambda: (write(art(2), originals[art(2)]), write(art(1), originals[art(1)]))),
            ("style changed", lambda: write(style, originals.get(style, open(style).read())
                                            .replace("margin-inner = 20mm", "margin-inner = 22mm"))),
            ("style back", lambda: write(style, originals[style])),
        ]
        p = subprocess.Popen([FOLIO, "watch", "content", "-o", "wout"], cwd=tmp, env=ENV,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        counts = set()
        try:
            first = wait_line(p)
            ok &= check("first build", "first build done" in first, repr(first))
            for name, step in steps:
                step()
                line = wait_line(p)
                ok &= check(f"{name}: rebuilt", "rebuilt" in line, repr(line))
                cold = os.path.join(tmp, "cold")
                shutil.rmtree(cold, ignore_errors=True)
                r = subprocess.run([FOLIO, "build", "content", "-o", cold, "-q"], cwd=tmp, env=ENV)
                ok &= check(f"{name}: fresh build", r.returncode == 0)
                # the watcher may still be rebuilding a second event of the same save
                same = False
                for _ in range(2):
                    same = all(filecmp.cmp(os.path.join(tmp, "wout", o), os.path.join(cold, o),
                                           shallow=False) for o in OUTS)
                    if same:
                        break
                    wait_line(p, timeout=5)
                ok &= check(f"{name}: same bytes as a fresh build", same)
                counts.add(pages(os.path.join(cold, "dimensies.pdf")))
        finally:
            p.send_signal(signal.SIGINT)
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
        parities = {c % 2 for c in counts}
        ok &= check("the edits moved articles by odd and even page counts",
                    len(counts) >= 3 and len(parities) == 2, f"page counts {sorted(counts)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
