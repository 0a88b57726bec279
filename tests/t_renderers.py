#!/usr/bin/env python3
"""Three independent renderers agree on both editions: poppler
(pdftoppm), MuPDF (mutool draw) and Ghostscript each render every page of
the reading and the press edition at 72 dpi without an error or warning,
and their renders agree: on every page, at most 0.5% of the pixels differ
by more than 64 levels in any channel between any two of them.  (The
press edition is CMYK: each renderer converts it to RGB its own way, which
the 64-level tolerance absorbs; a missing or misplaced object does not.)

Pixel by pixel, the three rasterise small type differently at 72 dpi
(stems one pixel wide land a pixel apart): on a page of 9.5 pt body text
4.6-9.7% of pixels differ by more than 64 levels between any two
renderers, for any PDF.  So the 0.5% bound is asserted with two pixels of
play (tests/tools/ppm_diff.c): a pixel counts when it is more than 64
levels outside the range of the other render within two pixels of it,
either way round, which forgives a glyph rasterised a pixel or two over
or blended differently but not a missing, moved or miscoloured object
(one pixel of play still leaves 0.55% on the densest press page); the
pixel-by-pixel figure is printed beside it."""
import glob
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import project  # noqa: E402

ROOT = project.ROOT
TOOLS = os.environ.get("FOLIO_TOOLS", os.path.join(ROOT, "build", "tools"))
failures = 0


def report(ok, name, detail=""):
    global failures
    print(("PASS: " if ok else "FAIL: ") + "renderers: " + name + ("" if ok or not detail else ": " + str(detail)))
    if not ok:
        failures += 1


def differing(a, b):
    """(pixel by pixel, with two pixels of play) fractions of pixels that
    differ by more than 64 levels in a channel."""
    r = subprocess.run([os.path.join(TOOLS, "ppm_diff"), a, b], capture_output=True, text=True)
    raw, blurred = (float(v) for v in r.stdout.split())
    return raw, blurred


def render(pdf, outdir):
    """{renderer: [ppm paths]} and the diagnostics each printed."""
    os.makedirs(outdir)
    runs = {
        "pdftoppm": ["pdftoppm", "-r", "72", pdf, os.path.join(outdir, "poppler")],
        "mutool": ["mutool", "draw", "-q", "-N", "-r", "72", "-o", os.path.join(outdir, "mupdf-%03d.ppm"), pdf],
        "gs": ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=ppmraw", "-r72", "-dTextAlphaBits=4", "-dGraphicsAlphaBits=4",
               "-o", os.path.join(outdir, "gs-%03d.ppm"), pdf],
    }
    pages, noise = {}, {}
    for name, cmd in runs.items():
        r = subprocess.run(cmd, capture_output=True, text=True)
        noise[name] = (r.returncode, (r.stdout + r.stderr).strip())
        prefix = {"pdftoppm": "poppler", "mutool": "mupdf", "gs": "gs"}[name]
        pages[name] = sorted(glob.glob(os.path.join(outdir, prefix + "*.ppm")))
    return pages, noise


def main():
    with tempfile.TemporaryDirectory() as tmp:
        work = project.make(tmp, "w")
        r = project.build(work, "-q")
        report(r.returncode == 0, "build", r.stderr[-300:])
        for edition in ("dimensies.pdf", "dimensies-press.pdf"):
            pdf = os.path.join(work, "out", edition)
            if not os.path.exists(pdf):
                continue
            pages, noise = render(pdf, os.path.join(tmp, edition))
            for name, (rc, text) in noise.items():
                report(rc == 0 and not text, f"{edition}: {name} renders without error or warning",
                       f"exit {rc}: {text[:300]}")
            counts = {n: len(p) for n, p in pages.items()}
            report(len(set(counts.values())) == 1 and counts["gs"] > 0,
                   f"{edition}: every renderer renders every page", counts)
            worst, worst_raw = (0.0, None), 0.0
            for i in range(min(counts.values())):
                for a, b in (("pdftoppm", "mutool"), ("pdftoppm", "gs"), ("mutool", "gs")):
                    raw, frac = differing(pages[a][i], pages[b][i])
                    worst_raw = max(worst_raw, raw)
                    if frac >= worst[0]:
                        worst = (frac, (i + 1, a, b))
            report(worst[0] <= 0.005, f"{edition}: the three renders agree on every page "
                   f"(worst {worst[0] * 100:.3f}% of pixels differ by > 64 levels with two pixels "
                   f"of play; {worst_raw * 100:.1f}% pixel by pixel)", worst[1])
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
