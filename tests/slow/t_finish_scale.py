#!/usr/bin/env python3
# serial (it times the finishing pass)
"""The finishing pass is linear: its CPU time at 200 articles with images
is at most 5x its time at 50 (linear gives 4x, quadratic 16x).

Builds two issues made of the bundled articles repeated (each with a PNG
or a JPEG figure appended), 50 and 200 articles, then times
finish_reading and finish_press on their editions with
tests/tools/finish_time (thread CPU time, the best of three runs).  The
whole build's CPU time (user + system of the folio process) is printed
too.  No wall time is asserted."""
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FOLIO = os.environ.get("FOLIO", os.path.join(ROOT, "folio"))
TOOLS = os.path.join(ROOT, "build", "tools")
ARTICLES = ["het-moment.md", "elkaar-vinden.md", "thuis-in-samenwerking.md", "regio-of-heimat.md"]
failures = 0


def report(ok, name, detail=""):
    global failures
    print(("PASS: " if ok else "FAIL: ") + "finish scale: " + name + ("" if ok or not detail else ": " + detail))
    if not ok:
        failures += 1


def make_issue(dest, n):
    content = os.path.join(dest, "content")
    os.makedirs(os.path.join(content, "images"))
    for img in ("omslag.png", "foto.jpg"):
        shutil.copy(os.path.join(ROOT, "tests", "pdf", "features", "images", img),
                    os.path.join(content, "images", img))
    names = []
    for i in range(n):
        src = ARTICLES[i % len(ARTICLES)]
        with open(os.path.join(ROOT, "content", src), encoding="utf-8") as f:
            text = f.read()
        # a title of its own, and a figure at the end
        text = re.sub(r"^title: (.*)$", lambda m: f"title: {m.group(1).strip(chr(34))} {i + 1}", text,
                      count=1, flags=re.M)
        if i >= 3:  # the cover lists a few articles, not all of them
            text = re.sub(r"^cover:\s*true\s*\n", "", text, flags=re.M)
        img = "omslag.png" if i % 2 else "foto.jpg"
        text += f"\n\n![Figuur {i + 1}](images/{img} \"Figuur {i + 1}\")\n"
        name = f"a{i:03d}.md"
        with open(os.path.join(content, name), "w", encoding="utf-8") as f:
            f.write(text)
        names.append(name)
    with open(os.path.join(content, "issue.yaml"), "w", encoding="utf-8") as f:
        f.write("title: Schaal\npublisher: folio tests\nlanguage: nl\ndate: \"2024\"\narticles:\n")
        f.writelines(f"  - {n}\n" for n in names)
    shutil.copytree(os.path.join(ROOT, "styles"), os.path.join(dest, "styles"))
    # a contents page holds a magazine's articles, not hundreds: the list
    # stays on the cover (which lists only the first few)
    style = os.path.join(dest, "styles", "dimensies.ini")
    with open(style, encoding="utf-8") as f:
        text = f.read()
    with open(style, "w", encoding="utf-8") as f:
        f.write(re.sub(r"^contents = \w+$", "contents = cover", text, flags=re.M))
    os.symlink(os.path.join(ROOT, "fonts"), os.path.join(dest, "fonts"))


def build(dest):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1561939200")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    r = subprocess.run([FOLIO, "build", "content", "-o", "out", "-q"], cwd=dest, env=env,
                       capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return r, cpu


def finish_cpu(dest):
    out = os.path.join(dest, "out")
    best = None
    for _ in range(3):
        r = subprocess.run([os.path.join(TOOLS, "finish_time"), os.path.join(out, "schaal.pdf"),
                            os.path.join(out, "schaal-press.pdf")], capture_output=True, text=True)
        if r.returncode != 0:
            return None, r.stderr
        reading, press = (float(v) for v in r.stdout.split())
        if best is None or reading + press < sum(best):
            best = (reading, press)
    return best, ""


def main():
    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for n in (50, 200):
            dest = os.path.join(tmp, str(n))
            make_issue(dest, n)
            r, cpu = build(dest)
            report(r.returncode == 0, f"{n} articles with images build", f"exit {r.returncode}: " + r.stderr[-300:])
            if r.returncode != 0:
                return 1
            sizes = [os.path.getsize(os.path.join(dest, "out", f)) for f in ("schaal.pdf", "schaal-press.pdf")]
            t, err = finish_cpu(dest)
            report(t is not None, f"{n} articles: finishing pass timed", err[-300:])
            if t is None:
                return 1
            results[n] = t
            print(f"INFO: finish scale: {n} articles: whole build {cpu:.2f} s CPU; reading "
                  f"{sizes[0] / 1e6:.1f} MB finished in {t[0]:.0f} ms CPU, press {sizes[1] / 1e6:.1f} MB "
                  f"in {t[1]:.0f} ms CPU")
        for i, name in enumerate(("reading", "press")):
            ratio = results[200][i] / max(results[50][i], 1e-3)
            report(ratio <= 5, f"{name} edition: 200 articles cost {ratio:.2f}x 50 articles (at most 5x)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
