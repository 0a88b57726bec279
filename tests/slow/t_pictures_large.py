#!/usr/bin/env python3
"""Photographers' files: a 100-megapixel JPEG cover (12250 x 8170) and a
45-megapixel opener (8200 x 5480) build in bounded memory, and the PNG
row-by-row path holds a 40-megapixel PNG without its full size in memory.
Peak RSS of each build is printed (the numbers docs/PERFORMANCE.md cites)
and must stay under 400 MB.  Slow: making the pictures takes a while."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FOLIO = os.environ.get("FOLIO", os.path.join(ROOT, "folio"))
MKIMAGE = os.path.join(ROOT, "build", "tools", "mkimage")
failures = 0


def report(ok, name, detail=""):
    global failures
    print(("PASS: " if ok else "FAIL: ") + "pictures-large: " + name +
          ("" if ok or not detail else ": " + detail))
    failures += not ok


def build(work):
    r = subprocess.run(["/usr/bin/time", "-v", FOLIO, "build", "content", "-o", "out"],
                       cwd=work, capture_output=True, text=True)
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr)
    return r.returncode, int(m.group(1)) if m else -1, r.stderr


def main():
    tmp = tempfile.mkdtemp(prefix="folio-pictures-large-")
    try:
        for name, cover, opener in (
                ("100 MP JPEG cover, 45 MP JPEG opener",
                 ("jpeg", "cover.jpg", 12250, 8170), ("jpeg", "opener.jpg", 8200, 5480)),
                ("40 MP PNG cover, 24 MP PNG opener",
                 ("png", "cover.png", 7750, 5170), ("png", "opener.png", 6000, 4000))):
            work = os.path.join(tmp, cover[1])
            content = os.path.join(work, "content")
            os.makedirs(os.path.join(content, "images"))
            shutil.copytree(os.path.join(ROOT, "styles"), os.path.join(work, "styles"))
            os.symlink(os.path.join(ROOT, "fonts"), os.path.join(work, "fonts"))
            for kind, f, w, h in (cover, opener):
                subprocess.run([MKIMAGE, kind, os.path.join(content, "images", f), str(w),
                                str(h)], check=True)
            with open(os.path.join(content, "issue.yaml"), "w") as f:
                f.write("title: Groot\npublisher: Folio\nlanguage: nl\ndate: 2026\n"
                        f"cover-image: images/{cover[1]}\ncover-alt: Heuvels\n"
                        "articles: [a.md]\n")
            with open(os.path.join(content, "a.md"), "w") as f:
                f.write(f"---\ntitle: Groot beeld\ncover: true\nimage: images/{opener[1]}\n"
                        "image-alt: Heuvels onder een lucht\n---\n" +
                        "Tekst bij een groot beeld. " * 200 + "\n")
            rc, peak, err = build(work)
            print(f"pictures-large: {name}: peak RSS {peak / 1024:.0f} MB")
            report(rc == 0, f"{name} builds", err[-300:])
            report(0 < peak < 400 * 1024, f"{name}: peak memory under 400 MB "
                   f"({peak / 1024:.0f} MB)")
        # a progressive JPEG too large for bounded memory: refused at its
        # reference by the reader, never silently missing from the PDF
        work = os.path.join(tmp, "progressive")
        content = os.path.join(work, "content")
        os.makedirs(os.path.join(content, "images"))
        shutil.copytree(os.path.join(ROOT, "styles"), os.path.join(work, "styles"))
        os.symlink(os.path.join(ROOT, "fonts"), os.path.join(work, "fonts"))
        subprocess.run([MKIMAGE, "jpeg", os.path.join(content, "images", "p.jpg"), "8200",
                        "8000", "progressive"], check=True)
        with open(os.path.join(content, "issue.yaml"), "w") as f:
            f.write("title: P\npublisher: F\nlanguage: nl\ndate: 2026\narticles: [a.md]\n")
        with open(os.path.join(content, "a.md"), "w") as f:
            f.write("---\ntitle: P\n---\nTekst.\n\n![Groot](images/p.jpg)\n")
        rc, peak, err = build(work)
        report(rc == 1 and re.search(r"a\.md:6:1: error: image `images/p\.jpg`: progressive "
                                     r"JPEG of 66 megapixels", err),
               "a 66 MP progressive JPEG is refused at its reference", err[-300:])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
