#!/usr/bin/env python3
"""Pictures like a magazine (issue 14), on tests/pictures/ with photos made
at test time by build/tools/mkimage (nothing large is kept in the repo):

  - an 8000x6000 JPEG cover photo (cover-image:), a 6000x4000 JPEG opener
    (image:), a .wide PNG and a .wide JPEG with an Adobe RGB profile, an
    .inset CMYK JPEG with text wrapped around it, and a byline portrait
    stored on its side with an EXIF orientation;
  - the build's peak memory (/usr/bin/time -v) stays under 400 MB;
  - every image XObject in the PDF is at most 300 ppi at its placed size
    (pdfimages -list reads the placement back);
  - a .wide figure is exactly as wide as the text area (layout dump);
  - lines beside the inset are shorter than the column's full lines, and
    the same paragraph's lines below it are full, numbered as one paragraph
    (layout dump); on the page (pdftotext -bbox) the lines beside it are
    justified to the short measure and no word runs past it; the same with
    FOLIO_LINEBREAK=first-fit;
  - the press PDF's images are at press-ppi (300), the reading PDF's at
    screen-ppi (150), each at most that (pdfimages -list); a JPEG that
    needs no reduction passes into the press PDF byte for byte;
  - no line of text overlaps a picture (layout dump), and no word printed
    in the PDF does (pdftotext -bbox; the cover's lines are set on the
    photo on purpose);
  - the EPUB: every image at most 1600 px on its long edge, the cover with
    the photo is the EPUB cover, accessMode visual, epubcheck 0/0;
  - a 100 KB PNG that declares 100,000 x 100,000 pixels is refused at its
    reference, with no allocation of that size (peak memory stays small),
    and the previous outputs are left alone;
  - a decorative figure and a picture printed below 150 ppi are warned
    about at their positions."""
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import t_epub  # noqa: E402
import t_pdf  # noqa: E402

ROOT = t_pdf.ROOT
FOLIO = t_pdf.FOLIO
TOOLS = os.environ.get("FOLIO_TOOLS", os.path.join(ROOT, "build", "tools"))
MKIMAGE = os.path.join(TOOLS, "mkimage")
if not os.path.exists(MKIMAGE):
    MKIMAGE = os.path.join(ROOT, "build", "tools", "mkimage")
failures = 0
# Under AddressSanitizer (make check) memory is the sanitizer's: the peak
# memory checks are the plain build's.
SANITIZED = os.sep + "asan" + os.sep in FOLIO


def report(ok, name, detail=""):
    global failures
    if ok:
        print(f"PASS: pictures: {name}")
    else:
        failures += 1
        print(f"FAIL: pictures: {name}" + (f": {detail}" if detail else ""))


def mk(*args):
    r = subprocess.run([MKIMAGE] + [str(a) for a in args], capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"FAIL: pictures: mkimage {args}: {r.stderr}")


def timed_build(work, content, out, dump=None, extra_env=None):
    """folio build under /usr/bin/time -v; returns (rc, stderr, peak KB)."""
    env = dict(os.environ, SOURCE_DATE_EPOCH="1561939200", **(extra_env or {}))
    if dump:
        env["FOLIO_LAYOUT_DUMP"] = dump
    r = subprocess.run(["/usr/bin/time", "-v", FOLIO, "build", content, "-o", out],
                       cwd=work, env=env, capture_output=True, text=True)
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr)
    return r.returncode, r.stderr, int(m.group(1)) if m else -1


def overlap(a, b, eps=0.5):
    return (a["x"] < b["x"] + b["w"] - eps and b["x"] < a["x"] + a["w"] - eps and
            a["y"] < b["y"] + b["h"] - eps and b["y"] < a["y"] + a["h"] - eps)


def image_size(data):
    """(w, h) of a PNG or JPEG in memory."""
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return struct.unpack(">II", data[16:24])
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            i += 1
            continue
        m = data[i + 1]
        if 0xC0 <= m <= 0xCF and m not in (0xC4, 0xC8, 0xCC):
            h, w = struct.unpack(">HH", data[i + 5:i + 9])
            return w, h
        if m == 0xD8 or m == 0xFF or 0xD0 <= m <= 0xD7:
            i += 2 if m != 0xFF else 1
            continue
        i += 2 + struct.unpack(">H", data[i + 2:i + 4])[0]
    return None


def page_words(pdf, page):
    """The words pdftotext finds on page (0-based), as boxes in points from
    the top left (the layout dump's coordinates)."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page + 1), "-l", str(page + 1), pdf,
                          "-"], capture_output=True, text=True).stdout
    words = []
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                         r'yMax="([\d.]+)">([^<]*)</word>', out):
        x0, y0, x1, y1 = (float(m.group(k)) for k in range(1, 5))
        words.append({"x": x0, "y": y0, "w": x1 - x0, "h": y1 - y0, "text": m.group(5)})
    return words


def check_inset(pages, boxes, lines, images, pdf, fig_line, para_line, mode):
    """The paragraph after the inset: its first lines beside the picture at
    the short measure, the rest below it at the full one, numbered as one
    paragraph; on the page, the lines beside it end at the short measure
    (justified) and never reach into the picture."""
    inset = [b for b in images if b["pos"].endswith(f"portret.md:{fig_line}")]
    report(len(inset) == 1, f"{mode}: the inset picture is placed once")
    if len(inset) != 1:
        return
    ib = dict(inset[0])
    p = pages[ib["page"]]
    # the figure's extent: the picture, its credit and its caption
    fig = [b for b in boxes if b["pos"] == ib["pos"] and b["page"] == ib["page"]]
    bottom = max(b["y"] + b["h"] for b in fig)
    ib["h"] = bottom - ib["y"]
    para = sorted((l for l in lines if l["pos"].endswith(f"portret.md:{para_line}")
                   and l["role"] == "body"), key=lambda l: (l["page"], l["col"], l["y"]))
    beside = [l for l in para if l["page"] == ib["page"] and l["col"] == ib["col"] and
              l["y"] < ib["y"] + ib["h"] and l["y"] + l["h"] > ib["y"]]
    # (a line's worth of standoff under the figure's foot may be short too)
    below = [l for l in para if l["page"] != ib["page"] or l["col"] != ib["col"] or
             l["y"] >= bottom + l["h"]]
    report(len(beside) >= 5, f"{mode}: text wraps beside the inset ({len(beside)} lines)")
    report(beside and below and max(l["w"] for l in beside) < p["col_w"] * 0.7 and
           min(l["w"] for l in below) > p["col_w"] - 1,
           f"{mode}: inset lines are shorter than the same paragraph's full lines below it",
           f"beside {[round(l['w']) for l in beside][:4]}, below "
           f"{[round(l['w']) for l in below][:4]}, col {p['col_w']:.0f}")
    report([l["line"] for l in para] == list(range(1, len(para) + 1)) and
           all(l["count"] == len(para) for l in para),
           f"{mode}: the lines beside and below the inset are one paragraph",
           str([(l["line"], l["count"]) for l in para]))
    # on the page: the words of each line beside the inset
    words = page_words(pdf, ib["page"])
    ends, over = [], []
    for l in beside:
        mid = [w for w in words if l["y"] <= w["y"] + w["h"] / 2 <= l["y"] + l["h"] and
               w["x"] >= l["x"] - 12 and w["x"] < l["x"] + l["w"]]
        if not mid:
            continue
        right = max(w["x"] + w["w"] for w in mid)
        over += [w["text"] for w in mid if w["x"] + w["w"] > l["x"] + l["w"] + 0.5]
        if l["line"] < l["count"]:
            ends.append(l["x"] + l["w"] - right)
    report(not over, f"{mode}: no word beside the inset runs past the short measure", str(over))
    flush = [e for e in ends if abs(e) < 1.0]
    report(ends and len(flush) >= 0.75 * len(ends),
           f"{mode}: lines beside the inset are justified to the short measure "
           f"({len(flush)} of {len(ends)})", str([round(e, 1) for e in ends]))


def check_issue(tmp):
    work = os.path.join(tmp, "work")
    os.makedirs(work)
    content = os.path.join(work, "content")
    shutil.copytree(os.path.join(ROOT, "tests", "pictures"), content)
    shutil.copytree(os.path.join(ROOT, "styles"), os.path.join(work, "styles"))
    os.symlink(os.path.join(ROOT, "fonts"), os.path.join(work, "fonts"))
    img = os.path.join(content, "images")
    os.makedirs(img)
    mk("jpeg", os.path.join(img, "cover.jpg"), 8000, 6000)
    mk("jpeg", os.path.join(img, "opener.jpg"), 6000, 4000)
    mk("png", os.path.join(img, "dal.png"), 3000, 1500)
    mk("jpeg", os.path.join(img, "beek.jpg"), 2400, 1200, "icc=adobe")
    mk("jpeg", os.path.join(img, "lotte.jpg"), 600, 800, "orientation=6")
    mk("jpeg", os.path.join(img, "tafel.jpg"), 800, 1000, "cmyk")
    dump = os.path.join(work, "layout.txt")
    rc, err, peak = timed_build(work, "content", "out", dump, {"FOLIO_LINEBREAK_DEBUG": "1"})
    report(rc == 0, "the issue with pictures builds", err.strip()[-400:])
    if rc != 0:
        return
    # the text beside the inset went through the one-pass shaped breaker,
    # not the line-by-line fallback
    report("linebreak: shape set line by line" not in err,
           "total fit: the inset's paragraph is broken in one pass with per-line measures",
           "\n".join(l for l in err.splitlines() if "linebreak" in l)[:400])
    print(f"pictures: peak RSS {peak / 1024:.0f} MB")
    if not SANITIZED:
        report(0 < peak < 400 * 1024, f"peak memory under 400 MB ({peak / 1024:.0f} MB)")
    pdf = os.path.join(work, "out", "beeld.pdf")
    epub = os.path.join(work, "out", "beeld.epub")

    # resolution of every placed image, read back from the PDF
    rows = subprocess.run(["pdfimages", "-list", pdf], capture_output=True,
                          text=True).stdout.splitlines()[2:]
    ppis = [(int(r.split()[12]), int(r.split()[13])) for r in rows if r.split()]
    report(len(ppis) >= 6, f"every picture is in the PDF ({len(ppis)} images)")
    report(all(x <= 301 and y <= 301 for x, y in ppis), "images at most 300 ppi", str(ppis))
    report(all(r.split()[8] == "jpeg" for r in rows if r.split()),
           "photos are embedded as JPEG", str([r.split()[8] for r in rows if r.split()]))

    check_press_ppi(pdf, os.path.join(work, "out", "beeld-press.pdf"),
                    {(8000, 6000), (6000, 4000), (3000, 1500), (2400, 1200), (600, 800),
                     (800, 1000)})

    pages, boxes = t_pdf.read_dump(dump)
    images = [b for b in boxes if b["kind"] == "image"]
    lines = [b for b in boxes if b["kind"] == "line"]

    def src_line(name):
        with open(os.path.join(content, name.split(":")[0]), encoding="utf-8") as f:
            for i, l in enumerate(f, 1):
                if name.split(":")[1] in l:
                    return i
        return -1

    for md, url in (("landschap.md", "dal.png"), ("landschap.md", "beek.jpg")):
        ln = src_line(f"{md}:{url}")
        wide = [b for b in images if b["pos"].endswith(f"{md}:{ln}")]
        ok = bool(wide)
        for b in wide:
            p = pages[b["page"]]
            text_w = p["col_x"][p["ncols"] - 1] + p["col_w"] - p["col_x"][0]
            ok = ok and abs(b["w"] - text_w) < 0.5 and abs(b["x"] - p["col_x"][0]) < 0.5
        report(ok, f".wide {url} is as wide as the text area",
               str([(b["x"], b["w"]) for b in wide]))
        # at the top or the foot of its page, never in the middle of a column
        for b in wide:
            p = pages[b["page"]]
            col_lines = [l for l in lines if l["page"] == b["page"] and l["col"] >= 0]
            above = [l for l in col_lines if l["y"] + l["h"] <= b["y"] + 0.5]
            below = [l for l in col_lines if l["y"] >= b["y"] + b["h"] - 0.5]
            report(not above or not below, f".wide {url} is not in the middle of the columns")

    check_inset(pages, boxes, lines, images, pdf, src_line("portret.md:tafel.jpg"),
                src_line("portret.md:Je moet het land"), "total fit")
    bad = [(l["page"], l["pos"], i["pos"]) for i in images for l in lines
           if l["page"] == i["page"] and l["role"] not in ("cover",) and overlap(l, i)]
    report(not bad, "no line overlaps a picture", str(bad[:3]))
    # the same on the page: no word printed over a picture but the cover's
    # (its lines are set on the photo on purpose)
    bad = []
    for i in images:
        if i["page"] == 0:
            continue
        for w in page_words(pdf, i["page"]):
            # pdftotext's word box is the font's full height (ascent to
            # descent), more than a line's ink: its middle half is tested
            ink = dict(w, y=w["y"] + w["h"] / 4, h=w["h"] / 2)
            if overlap(ink, i):
                bad.append((i["page"] + 1, w["text"], i["pos"]))
    report(not bad, "no word in the PDF overlaps a picture", str(bad[:5]))

    # first fit (FOLIO_LINEBREAK=first-fit) wraps around the inset too
    ff_dump = os.path.join(work, "layout-ff.txt")
    rc, err, _ = timed_build(work, "content", "out-ff", ff_dump, {"FOLIO_LINEBREAK": "first-fit"})
    report(rc == 0, "first fit: the issue builds", err[-300:])
    if rc == 0:
        ff_pages, ff_boxes = t_pdf.read_dump(ff_dump)
        check_inset(ff_pages, ff_boxes, [b for b in ff_boxes if b["kind"] == "line"],
                    [b for b in ff_boxes if b["kind"] == "image"],
                    os.path.join(work, "out-ff", "beeld.pdf"), src_line("portret.md:tafel.jpg"),
                    src_line("portret.md:Je moet het land"), "first fit")

    # the EPUB
    z = zipfile.ZipFile(epub)
    big = []
    for n in z.namelist():
        if n.startswith("EPUB/images/"):
            s = image_size(z.read(n))
            if not s or max(s) > 1600:
                big.append((n, s))
    report(not big, "EPUB images are at most 1600 px on their long edge", str(big))
    opf = z.read("EPUB/package.opf").decode()
    m = re.search(r'<item[^>]*properties="cover-image"[^>]*>', opf)
    report(m and 'href="images/cover.jpg"' in m.group(0) and "image/jpeg" in m.group(0),
           "the cover photo makes the EPUB cover (a JPEG cover-image)", m.group(0) if m else opf[:200])
    cover = z.read("EPUB/cover.xhtml").decode()
    report("images/cover.jpg" in cover and "Heuvels onder een blauwe lucht" in cover,
           "the cover page shows it with the cover's alt text")
    report('schema:accessMode">visual<' in opf, "accessMode visual")
    texts = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("EPUB/text/"))
    report('class="wide"' in texts and 'class="inset right"' in texts and
           'class="portrait"' in texts and 'class="credit"' in texts,
           "figures carry .wide, .inset, portrait and credit markup")
    report("Foto: Bram Jansen" in texts and "Een dal met groene heuvels" in texts,
           "credits and alt texts are carried over")
    t_epub.check_epubcheck("pictures: epubcheck 0 errors 0 warnings", epub)
    t_epub_fail = t_epub.failures
    return t_epub_fail


def image_rows(pdf):
    """pdfimages -list: one dict per placed image."""
    out = subprocess.run(["pdfimages", "-list", pdf], capture_output=True, text=True).stdout
    rows = []
    for r in out.splitlines()[2:]:
        f = r.split()
        if f:
            rows.append({"page": int(f[0]), "num": int(f[1]), "w": int(f[3]), "h": int(f[4]),
                         "enc": f[8], "xppi": int(f[12]), "yppi": int(f[13])})
    return rows


def check_press_ppi(pdf, press, sources):
    """The press edition takes pictures at press-ppi (300), the reading
    edition at screen-ppi (150): every image at most the edition's ppi, and
    at it unless the picture is as its source came (too small to reduce)."""
    for name, path, ppi in (("reading", pdf, 150), ("press", press, 300)):
        rows = image_rows(path)
        at = [r for r in rows if abs(r["xppi"] - ppi) <= 1 and abs(r["yppi"] - ppi) <= 1]
        small = [r for r in rows if r not in at and ((r["w"], r["h"]) in sources or
                                                     (r["h"], r["w"]) in sources)
                 and r["xppi"] < ppi]
        report(rows and len(at) + len(small) == len(rows),
               f"{name} edition: images at {ppi} ppi or below it at their source size",
               str([(r["w"], r["h"], r["xppi"]) for r in rows]))
        report(len(at) >= 4, f"{name} edition: the large photos are reduced to {ppi} ppi "
               f"({len(at)} of {len(rows)})")


def check_pass_through(work, src):
    """A JPEG that needs no reduction passes into the press PDF unchanged
    (its bytes are the stream's); the reading edition reduces it."""
    with open(src, "rb") as f:
        data = f.read()
    size = image_size(data)
    pdfs = sorted(n for n in os.listdir(os.path.join(work, "out")) if n.endswith(".pdf"))
    for name, same in (("press", True), ("reading", False)):
        path = os.path.join(work, "out", [n for n in pdfs if n.endswith("-press.pdf") == same][0])
        rows = image_rows(path)
        veld = [r for r in rows if abs(r["w"] / r["h"] - size[0] / size[1]) < 0.02]
        report(len(veld) == 1, f"{name} edition: the column photo is placed once", str(rows))
        if len(veld) != 1:
            continue
        r = veld[0]
        ex = os.path.join(work, f"x-{name}")
        subprocess.run(["pdfimages", "-j", "-f", str(r["page"]), "-l", str(r["page"]),
                        path, ex], check=True)
        got = [os.path.join(work, n) for n in sorted(os.listdir(work))
               if n.startswith(f"x-{name}-")]
        blobs = []
        for g in got:
            with open(g, "rb") as f:
                blobs.append(f.read())
        if same:
            report(200 < r["xppi"] <= 400 and (r["w"], r["h"]) == size and data in blobs,
                   f"press edition: a JPEG that needs no reduction passes through unchanged "
                   f"({r['xppi']} ppi)", str(r))
        else:
            report(r["xppi"] <= 151 and r["w"] < size[0] and data not in blobs,
                   f"reading edition: the same JPEG is reduced to screen-ppi ({r['xppi']} ppi)",
                   str(r))


def check_refusals(tmp):
    work = os.path.join(tmp, "bad")
    content = os.path.join(work, "content")
    os.makedirs(os.path.join(content, "images"))
    shutil.copytree(os.path.join(ROOT, "styles"), os.path.join(work, "styles"))
    os.symlink(os.path.join(ROOT, "fonts"), os.path.join(work, "fonts"))
    with open(os.path.join(content, "issue.yaml"), "w") as f:
        f.write("title: Bom\npublisher: Folio\nlanguage: nl\ndate: 2026\narticles: [a.md, b.md]\n")
    # an article that ends with a .bleed picture: no empty page after it
    with open(os.path.join(content, "b.md"), "w") as f:
        f.write("---\ntitle: Tot slot\n---\n" + "Een laatste woord over de nacht. " * 60 +
                "\n\n![De hal bij nacht](images/nacht.jpg){.bleed}\n")
    mk("jpeg", os.path.join(content, "images", "klein.jpg"), 200, 100)
    mk("jpeg", os.path.join(content, "images", "nacht.jpg"), 3000, 2000)
    # a plain sRGB JPEG that prints at 200-400 ppi in a column: the press
    # edition takes it as it is, the reading edition reduces it
    veld = os.path.join(content, "images", "veld.jpg")
    mk("jpeg", veld, 960, 540)
    with open(os.path.join(content, "a.md"), "w") as f:
        f.write("---\ntitle: Een stuk\n---\nTekst.\n\n"
                "![Klein](images/klein.jpg){.wide}\n\n"
                "![](images/klein.jpg)\n\n"
                "![De hal bij nacht](images/nacht.jpg){.bleed credit=\"Foto: N\"}\n\n"
                "Nog wat tekst.\n\n![Een veld](images/veld.jpg)\n")
    dump = os.path.join(work, "layout.txt")
    rc, err, _ = timed_build(work, "content", "out", dump)
    report(rc == 0, "a build with small pictures works", err[-300:])
    check_pass_through(work, veld)
    # (a page with nothing but its running head and folio is empty)
    pages, boxes = t_pdf.read_dump(dump)
    filled = {b["page"] for b in boxes if b["role"] != "furniture"}
    empty = [p["number"] for p in pages if p["index"] not in filled]
    report(pages and not empty, f"no empty page after an article that ends with a .bleed "
           f"picture ({len(pages)} pages)", f"empty pages {empty}")
    report("holds only 0 lines" not in err and "b.md:1:1: warning: the last page" not in err,
           "a .bleed picture after the text is not taken for a short last page of text",
           err[-300:])
    pages, boxes = t_pdf.read_dump(dump)
    bleed = [b for b in boxes if b["kind"] == "image" and b["pos"].endswith("a.md:10")]
    report(len(bleed) == 1 and abs(bleed[0]["x"]) < 0.01 and abs(bleed[0]["y"]) < 0.01 and
           abs(bleed[0]["w"] - t_pdf.A4[0]) < 0.1 and abs(bleed[0]["h"] - t_pdf.A4[1]) < 0.1,
           ".bleed fills its page to the trim edge", str(bleed))
    if bleed:
        furniture = [b for b in boxes if b["page"] == bleed[0]["page"] and b["role"] == "furniture"]
        report(not furniture, "a .bleed page has no running head or folio")
    report(re.search(r"a\.md:6:1: warning: image `images/klein\.jpg` prints at \d+ ppi", err),
           "a picture printed below 150 ppi is warned about at its position", err[-400:])
    report(re.search(r"a\.md:8:1: warning: image `images/klein\.jpg` has neither alt text nor "
                     r"a caption", err), "a decorative figure is warned about at its position")
    before = {n: os.path.getmtime(os.path.join(work, "out", n))
              for n in os.listdir(os.path.join(work, "out")) if not n.startswith(".")}
    bomb = os.path.join(content, "images", "bom.png")
    mk("bomb", bomb, 100000, 100000)
    size = os.path.getsize(bomb)
    with open(os.path.join(content, "a.md"), "a") as f:
        f.write("\nMeer tekst.\n\n![Een bom](images/bom.png){credit=\"x\"}\n")
    with open(os.path.join(content, "a.md"), encoding="utf-8") as f:
        ln = next(i for i, l in enumerate(f, 1) if "bom.png" in l)
    rc, err, peak = timed_build(work, "content", "out")
    report(90 * 1024 < size < 120 * 1024, f"the bomb PNG is about 100 KB ({size} bytes)")
    report(rc == 1 and re.search(rf"a\.md:{ln}:1: error: image `images/bom\.png` declares "
                                 r"100000 x 100000 pixels", err),
           "the bomb is refused at its reference", err[-400:])
    if not SANITIZED:
        report(0 < peak < 100 * 1024, f"no allocation of its size (peak {peak / 1024:.0f} MB)")
    after = {n: os.path.getmtime(os.path.join(work, "out", n)) for n in before}
    report(before == after, "the previous outputs are left alone")


def main():
    tmp = tempfile.mkdtemp(prefix="folio-pictures-")
    try:
        check_issue(tmp)
        check_refusals(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failures or t_epub.failures else 0


if __name__ == "__main__":
    sys.exit(main())
