#!/usr/bin/env python3
"""`folio proof` (make proof) writes OUTDIR/press-proof.png: every press
sheet with its bleed (the BleedBox dashed magenta), crop marks and the
TrimBox (cyan), beside the page as it is after trimming.  Read back from
the PNG, on the cover (the first cell):

- the TrimBox lies inside the BleedBox;
- the cover's teal band runs on past the TrimBox into the bleed, on the
  sheet, above and left of the trim line;
- crop marks lie above the BleedBox, in line with the trim's edges;
- the trimmed page beside the sheet shows the band too, and ends at the
  trim: nothing of it past its edge;
- one cell for every page of the reading edition."""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import project  # noqa: E402
from t_craft_issue import read_png  # noqa: E402

failures = 0


def report(ok, name, detail=""):
    global failures
    print(("PASS: " if ok else "FAIL: ") + "press proof: " + name + ("" if ok or not detail else ": " + str(detail)))
    if not ok:
        failures += 1


def near(p, q, tol=40):
    return all(abs(a - b) <= tol for a, b in zip(p, q))


def magenta(p):
    """The BleedBox's dashed line (draw_press.c: 0.9, 0, 0.6), anti-aliased
    over white or over the band at 30 dpi: red and blue well above green."""
    return p[0] > p[1] + 50 and p[2] > p[1] + 30


def cyan(p):
    """The TrimBox's line (0, 0.7, 0.9), over white or over the band."""
    return p[0] < 100 and p[1] > 140 and p[2] > 180


def teal(p):
    """The cover's accent (#006470, through the proof's RGB)."""
    return p[0] < 40 and 70 <= p[1] <= 130 and 80 <= p[2] <= 140


def bbox(points):
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return (min(xs), min(ys), max(xs), max(ys)) if points else None


def main():
    with tempfile.TemporaryDirectory() as tmp:
        work = project.make(tmp, "proof")
        e = dict(os.environ, SOURCE_DATE_EPOCH="1561939200")
        r = subprocess.run([project.FOLIO, "proof", "content", "-o", "out", "-q"], cwd=work, env=e,
                           capture_output=True, text=True)
        png = os.path.join(work, "out", "press-proof.png")
        report(r.returncode == 0 and os.path.exists(png), "folio proof writes press-proof.png", r.stderr[-300:])
        if not os.path.exists(png):
            return 1
        w, h, rows = read_png(png)
        px = lambda x, y: tuple(rows[y][3 * x:3 * x + 3])  # noqa: E731
        # The first row of cells: down to the first all-grey row below the cover.
        grey = px(0, 0)
        y_top = next(y for y in range(h) if not near(px(w // 4, y), grey, 3))
        y_end = next(y for y in range(y_top, h) if all(near(px(x, y), grey, 3) for x in range(0, w, 4)))
        # The first cell: the cover's sheet and its trimmed page, left of the
        # first all-grey column past the cover's magenta box.
        mb = bbox([(x, y) for y in range(y_end) for x in range(w // 2) if magenta(px(x, y))])
        cb = bbox([(x, y) for y in range(y_end) for x in range(w // 2) if cyan(px(x, y))])
        report(mb and cb and mb[0] < cb[0] and mb[1] < cb[1] and cb[2] < mb[2] and cb[3] < mb[3],
               "the cover's TrimBox (cyan) lies inside its BleedBox (magenta)", (mb, cb))
        if not (mb and cb):
            return 1
        band = [(x, y) for y in range(mb[1], cb[1]) for x in range(cb[0], cb[2]) if teal(px(x, y))]
        side = [(x, y) for y in range(cb[1], cb[1] + 20) for x in range(mb[0] + 1, cb[0]) if teal(px(x, y))]
        report(band and side, "the cover's band runs on past the trim into the bleed, above and to the left",
               (len(band), len(side)))
        # Crop marks: hairlines (grey at 30 dpi) above the BleedBox, in line
        # with the trim's left and right edges.
        marks = [(x, y) for y in range(y_top, mb[1]) for x in range(mb[0], mb[2] + 1)
                 if max(px(x, y)) - min(px(x, y)) < 8 and 150 < max(px(x, y)) < 245]
        aligned = [(x, y) for x, y in marks if min(abs(x - cb[0]), abs(x - cb[2])) <= 2]
        report(len(aligned) >= 8 and len(aligned) == len(marks),
               f"crop marks above the BleedBox, in line with the trim ({len(aligned)} of {len(marks)} pixels)")
        # The trimmed page: past the grey gap right of the sheet, level with the trim.
        y = cb[1] + 2
        gap = next((x for x in range(mb[2], w) if near(px(x, y), grey, 3)), None)
        x0 = next((x for x in range(gap, w) if not near(px(x, y), grey, 3)), None) if gap else None
        x1 = next((x for x in range(x0, w) if near(px(x, y), grey, 3)), w) if x0 else None
        if x0 is None:
            report(False, "the trimmed page beside the sheet")
            return 1
        inside = [(x, yy) for yy in range(cb[1], cb[1] + 20) for x in range(x0, x1) if teal(px(x, yy))]
        outside = [(x, yy) for yy in range(mb[1], cb[1] - 1) for x in range(x0, x1) if teal(px(x, yy))]
        report(inside and not outside, "the trimmed page beside it shows the band and ends at the trim",
               (len(inside), len(outside)))
        pdfinfo = subprocess.run(["pdfinfo", os.path.join(work, "out", "dimensies.pdf")],
                                 capture_output=True, text=True).stdout
        npages = int(next(l.split()[1] for l in pdfinfo.splitlines() if l.startswith("Pages:")))
        cell_h = y_end
        report(abs(h - ((npages + 1) // 2) * (cell_h - 0) - 16) <= ((npages + 1) // 2) * 2 + 16,
               f"one cell for each of the {npages} pages, two a row", (h, cell_h))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
