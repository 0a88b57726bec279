#!/usr/bin/env python3
"""Three independent renderers agree on both editions: poppler
(pdftoppm), MuPDF (mutool draw) and Ghostscript each render every page of
the reading and the press edition without an error or warning, and their
renders agree: at 72 dpi, on every page, at most 0.5% of the pixels differ
by more than 64 levels in any channel between any two of them, pixel by
pixel (tests/tools/ppm_diff.c).

What makes the comparison fair (measured on the bundled issue with
Debian's poppler 22.12, MuPDF 1.21 and Ghostscript 10.00; the figures are
in the closing note of issue 11):

- The same page box.  pdftoppm and Ghostscript render the MediaBox, MuPDF
  the CropBox (which defaults to the MediaBox); folio writes no CropBox,
  and the test checks that, so all three render the same area: the
  MediaBox, which in the press edition is the BleedBox (plus the marks'
  room with marks = crop).
- The same anti-aliasing.  At 72 dpi each renderer anti-aliases type its
  own way and puts each glyph on its own grid of sub-pixel positions
  (Ghostscript's glyphs visibly sit on whole pixels); a stem one pixel
  wide that lands a pixel or half a pixel apart is more than 64 levels
  off.  Rendered with their own anti-aliasing at 72 dpi, 0.9-9.4% of the
  pixels of a page differ (0.3-6.5% at 144 dpi averaged 2 x 2); without
  the text (mutool -K, gs -dFILTERTEXT) MuPDF and Ghostscript agree on
  every pixel.  So all three render at SCALE x 72 dpi and each SCALE x
  SCALE block is averaged into one 72 dpi pixel (ppm_diff -s): the same
  anti-aliasing for all three, area coverage with 36 samples a pixel, and
  the rounding of glyph positions shrinks to a sixth of a pixel.  Worst
  page of the bundled issue: 0.44% at SCALE 4 (too near the limit: a
  layout change to a bold opener could cross it), 0.17% at SCALE 6, 0.013%
  at SCALE 8 (at 1.5 times SCALE 6's CPU time).  Each keeps its own
  best anti-aliasing at that resolution (poppler's and MuPDF's defaults,
  Ghostscript's TextAlphaBits and GraphicsAlphaBits 4, its maximum), so
  no edge is aliased before the average.  A missing, moved or miscoloured
  object still counts: the render of a page without its text fails (the
  negative control below).
- The same page origin.  Ghostscript puts the page's lower left corner on
  the raster's bottom edge and rounds the raster to whole pixels; poppler
  and MuPDF put the upper left corner on the raster's top edge.  A4 is
  841.89 pt high, so Ghostscript's page sits 0.44 pixels (at 288 dpi)
  lower (on page 9, 0.66% of its pixels differ from poppler's with that,
  0.20% without): its
  raster gets poppler's size (-g) and a PageOffset lifts the page by the
  fraction, onto the same origin.
- The same colour conversion (press edition).  The press edition is CMYK;
  poppler and Ghostscript convert it through the output intent's profile
  (-defaultcmykprofile, -sDefaultCMYKProfile), and Debian's MuPDF, built
  without LittleCMS, can only use the naive formula (the cover's teal
  comes out (0, 102, 64) against (0, 100, 113)).  So MuPDF renders in CMYK and
  tests/tools/pam_cmyk_rgb converts that through the same profile, as the
  other two do (relative colorimetric, black point compensation: the same
  RGB to the level).  Overprint simulation is left as each renderer has
  it: on the bundled issue, Ghostscript with and without
  -dOverprint=/simulate differs by at most 9 levels (100 K type over the
  cover's tint).
- mutool -N (no ICC workflow): Debian's MuPDF has no ICC support and warns
  so on every run otherwise; the warning is about the build, not the file."""
import math
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pdfjson  # noqa: E402
import project  # noqa: E402

ROOT = project.ROOT
TOOLS = os.environ.get("FOLIO_TOOLS", os.path.join(ROOT, "build", "tools"))
SCALE = 6           # render at SCALE x 72 dpi, average SCALE x SCALE blocks (see above)
DPI = 72 * SCALE
LIMIT = 0.005       # the rule: at most 0.5% of pixels ...
PAIRS = (("pdftoppm", "mutool"), ("pdftoppm", "gs"), ("mutool", "gs"))  # ppm_diff's order
failures = 0


def report(ok, name, detail=""):
    global failures
    print(("PASS: " if ok else "FAIL: ") + "renderers: " + name + ("" if ok or not detail else ": " + str(detail)))
    if not ok:
        failures += 1


def differing(*paths):
    """For each pair of the renders given (in ppm_diff's order: 1-2, 1-3,
    2-3, ...), the fraction of 72 dpi pixels more than 64 levels apart;
    1.0 for each when a render cannot be read."""
    r = subprocess.run([os.path.join(TOOLS, "ppm_diff"), "-s", str(SCALE), *paths],
                       capture_output=True, text=True)
    lines = r.stdout.splitlines() if r.returncode == 0 else []
    n = len(paths) * (len(paths) - 1) // 2
    return [float(l.split()[0]) for l in lines] if len(lines) == n else [1.0] * n


def run(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True)
    return r.returncode, (r.stdout + r.stderr).strip()


def render_page(pdf, page, size, profile, outdir):
    """{renderer: ppm path or None} for one page, and {renderer: (exit, output)}."""
    paths = {n: os.path.join(outdir, f"{n}-{page}.ppm") for n in ("pdftoppm", "mutool", "gs")}
    cmyk = ["-defaultcmykprofile", profile] if profile else []
    noise = {"pdftoppm": run(["pdftoppm", "-r", str(DPI), "-f", str(page), "-l", str(page), "-singlefile",
                              *cmyk, pdf, paths["pdftoppm"][:-4]])}
    if profile:
        pam = paths["mutool"][:-4] + ".pam"
        noise["mutool"] = run(["mutool", "draw", "-q", "-N", "-c", "cmyk", "-r", str(DPI), "-o", pam, pdf, str(page)])
        if noise["mutool"][0] == 0:
            rc, text = run([os.path.join(TOOLS, "pam_cmyk_rgb"), profile, pam, paths["mutool"]])
            if rc:
                noise["mutool"] = (rc, text)
            os.unlink(pam)
    else:
        noise["mutool"] = run(["mutool", "draw", "-q", "-N", "-r", str(DPI), "-o", paths["mutool"], pdf, str(page)])
    # Ghostscript's raster: poppler's size (whole pixels, rounded up), the
    # page moved up by the fraction of a pixel it would otherwise sit low.
    w_px, h_px = (math.ceil(v * SCALE - 1e-6) for v in size)
    lift = h_px / SCALE - size[1]
    noise["gs"] = run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=ppmraw", f"-r{DPI}",
                       "-dFIXEDMEDIA", f"-g{w_px}x{h_px}",
                       "-dTextAlphaBits=4", "-dGraphicsAlphaBits=4", f"-dFirstPage={page}", f"-dLastPage={page}",
                       *([f"-sDefaultCMYKProfile={profile}"] if profile else []),
                       "-o", paths["gs"], "-c", f"<</PageOffset [0 {-lift:.6f}]>> setpagedevice", "-f", pdf])
    return {n: p if os.path.exists(p) else None for n, p in paths.items()}, noise


def check_edition(label, pdf, tmp):
    doc = pdfjson.PdfJson(pdf)
    boxes = [[float(v) for v in doc.get(p.get("/MediaBox"))] for p in doc.pages]
    crops = [doc.get(p.get("/CropBox")) for p in doc.pages]
    report(all(c is None or [float(v) for v in c] == b for c, b in zip(crops, boxes)),
           f"{label}: no CropBox other than the MediaBox (all three render the same box)")
    profile = None
    intents = doc.get(doc.catalog.get("/OutputIntents")) or []
    if intents:
        ref = (doc.get(intents[0]) or {}).get("/DestOutputProfile")
        profile = os.path.join(tmp, label + ".icc")
        with open(profile, "wb") as f:
            f.write(doc.stream_data(ref))
    outdir = os.path.join(tmp, label + ".renders")
    os.makedirs(outdir)
    noisy, missing, worst, control = [], [], (0.0, None), None
    print(f"  {label}: % of pixels more than 64 levels apart, per page: "
          "pdftoppm-mutool pdftoppm-gs mutool-gs")
    for i, box in enumerate(boxes):
        paths, noise = render_page(pdf, i + 1, (box[2] - box[0], box[3] - box[1]), profile, outdir)
        noisy += [(i + 1, n, rc, text[:200]) for n, (rc, text) in noise.items() if rc or text]
        missing += [(i + 1, n) for n, p in paths.items() if not p]
        # PAIRS is ppm_diff's order for these three: each render read once
        fracs = dict(zip(PAIRS, differing(paths["pdftoppm"], paths["mutool"], paths["gs"]))) \
            if all(paths.values()) else {}
        print(f"  page {i + 1:2}: " + " ".join(f"{fracs.get(pair, 1.0) * 100:6.3f}" for pair in PAIRS))
        for pair, frac in fracs.items():
            if frac >= worst[0]:
                worst = (frac, (i + 1,) + pair)
        if i == len(boxes) // 2 and paths["pdftoppm"]:
            # The negative control: the same page drawn without its text
            # (mutool -K) must fail the comparison, or it could not fail.
            bare = os.path.join(outdir, "bare.ppm")
            rc, _ = run(["mutool", "draw", "-q", "-N", "-K", "-r", str(DPI), "-o", bare, pdf, str(i + 1)])
            control = (i + 1, differing(paths["pdftoppm"], bare)[0] if rc == 0 else 0.0)
            if os.path.exists(bare):
                os.unlink(bare)
        for p in paths.values():
            if p:
                os.unlink(p)
    report(not noisy, f"{label}: pdftoppm, mutool and gs render every page without error or warning", noisy[:3])
    report(not missing, f"{label}: every renderer renders all {len(boxes)} pages", missing[:3])
    report(control and control[1] > LIMIT, f"{label}: the comparison fails a render without its text "
           f"(page {control and control[0]}: {control and control[1] * 100:.1f}% differ)")
    report(worst[0] <= LIMIT, f"{label}: the three renders agree on every page at 72 dpi "
           f"(worst {worst[0] * 100:.3f}% of pixels differ by more than 64 levels, page and pair {worst[1]})",
           worst[1])


def main():
    with tempfile.TemporaryDirectory() as tmp:
        work = project.make(tmp, "w")
        r = project.build(work, "-q")
        report(r.returncode == 0, "build", r.stderr[-300:])
        for edition in ("dimensies.pdf", "dimensies-press.pdf"):
            pdf = os.path.join(work, "out", edition)
            report(os.path.exists(pdf), f"{edition} written")
            if os.path.exists(pdf):
                check_edition(edition, pdf, tmp)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
