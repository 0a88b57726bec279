#!/usr/bin/env python3
"""The press edition, OUTDIR/<slug>-press.pdf, as PDF/X-4: read back with
`qpdf --json` (tests/pdfjson.py), never by searching bytes.

- every page: TrimBox within BleedBox within MediaBox (exactly, as
  written); TrimBox is the style's page size, BleedBox trim + 3 mm,
  MediaBox = BleedBox (marks = none) or BleedBox + 12 mm (marks = crop);
- one GTS_PDFX OutputIntent embedding the default profile, labelled
  Custom (a named profile: the style's output-condition);
- XMP: pdfxid:GTS_PDFXVersion PDF/X-4, document and instance IDs, version
  ID, rendition class, dates, pdf:Trapped False; Info /Trapped /False; the
  XMP and the Info dictionary say the same (title, author, subject,
  keywords, creator, producer, dates); a trailer /ID;
- nothing PDF/X-4 forbids: encryption, transfer functions, HTP, PostScript
  XObjects, OPI, alternate images, JavaScript and the forbidden actions;
- no DeviceRGB anywhere (any object's value, any page or Form XObject
  content stream: no rg/RG/g/G, no cs/CS selecting DeviceRGB directly or
  through a /ColorSpace resource, no sc/scn/SC/SCN in such a space), no
  DeviceRGB transparency group; a page with such operators added is
  caught (the negative control);
- body text in 0 0 0 1 k, overprinting (/op true, /OPM 1);
- the cover's top and bottom bands reach the BleedBox edges;
- no annotations; every font embedded; PDF 1.6; reproducible;
- marks = crop (with another page size and bleed): crop marks outside the
  bleed, a slug line;
- a missing output profile, or one that is not a CMYK output profile:
  exit 1, the path named, nothing written."""
import base64
import datetime
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pdfjson  # noqa: E402
import project as editions  # noqa: E402

ROOT = editions.ROOT
PROFILE = "/usr/share/color/icc/ghostscript/default_cmyk.icc"
MM = 72 / 25.4
A4 = (595.276, 841.89)
NS = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
      "dc": "http://purl.org/dc/elements/1.1/",
      "xmp": "http://ns.adobe.com/xap/1.0/",
      "pdf": "http://ns.adobe.com/pdf/1.3/",
      "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
      "pdfxid": "http://www.npes.org/pdfx/ns/id/"}
failures = 0


def report(ok, name, detail=""):
    global failures
    print(("PASS: " if ok else "FAIL: ") + "press: " + name + ("" if ok or not detail else ": " + str(detail)))
    if not ok:
        failures += 1


def project(tmp, name, style_edit=None):
    return editions.make(tmp, name, style_edit=style_edit)


def build(work):
    return editions.build(work)


def near(a, b, eps=0.01):
    return all(abs(x - y) <= eps for x, y in zip(a, b)) and len(a) == len(b)


def mul(m, n):
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def apply(m, x, y):
    a, b, c, d, e, f = m
    return (a * x + c * y + e, b * x + d * y + f)


def walk(ops, resources, doc):
    """Yields (op, args, state) with state: ctm, fill (tuple), op_fill (bool), opm."""
    gs_dict = doc.get((doc.get(resources) or {}).get("/ExtGState")) or {}
    st = {"ctm": (1, 0, 0, 1, 0, 0), "fill": None, "op": False, "opm": 0}
    stack = []
    for op, args in ops:
        if op == "q":
            stack.append(dict(st))
        elif op == "Q" and stack:
            st = stack.pop()
        elif op == "cm" and len(args) == 6:
            st["ctm"] = mul(tuple(float(a) for a in args), st["ctm"])
        elif op == "k" and len(args) == 4:
            st["fill"] = tuple(float(a) for a in args)
        elif op == "gs" and args:
            g = doc.get(gs_dict.get(args[0].decode())) or {}
            if "/op" in g:
                st["op"] = g["/op"]
            if "/OPM" in g:
                st["opm"] = g["/OPM"]
        yield op, args, st


def deep_values(v):
    if isinstance(v, dict):
        for x in v.values():
            yield from deep_values(x)
    elif isinstance(v, list):
        for x in v:
            yield from deep_values(x)
    else:
        yield v


def colour_family(doc, resources, operand):
    """The colour space family an operand of cs/CS selects: a device space
    by name, or a /ColorSpace resource's (an Indexed or Pattern space's
    base counts as the base: DeviceRGB through a palette is DeviceRGB)."""
    name = operand.decode("latin-1")
    if name in ("/DeviceRGB", "/DeviceCMYK", "/DeviceGray", "/Pattern"):
        return name
    v = doc.get(((doc.get((doc.get(resources) or {}).get("/ColorSpace"))) or {}).get(name))
    for _ in range(4):
        if isinstance(v, list) and v and v[0] in ("/Indexed", "/Pattern") and len(v) > 1:
            v = doc.get(v[1])
        else:
            break
    if isinstance(v, list) and v:
        return v[0]
    return v if isinstance(v, str) else None


def rgb_colour_operators(doc, streams):
    """[(stream, operator)] of every DeviceRGB (or gray) colour operator in
    the (stream reference, resources) given: rg/RG/g/G, cs/CS that select
    DeviceRGB, and sc/scn/SC/SCN while the current space is DeviceRGB (the
    colour spaces are part of the graphics state: q/Q save and restore them)."""
    bad = []
    for ref, res in streams:
        fill = stroke = "/DeviceGray"
        saved = []
        for op, args in pdfjson.operators(doc.stream_data(ref)):
            if op == "q":
                saved.append((fill, stroke))
            elif op == "Q" and saved:
                fill, stroke = saved.pop()
            elif op in ("rg", "RG", "g", "G"):
                bad.append((ref, op))
            elif op in ("cs", "CS") and args:
                fam = colour_family(doc, res, args[0])
                if op == "cs":
                    fill = fam
                else:
                    stroke = fam
                if fam == "/DeviceRGB":
                    bad.append((ref, op))
            elif op in ("sc", "scn") and fill == "/DeviceRGB":
                bad.append((ref, op))
            elif op in ("SC", "SCN") and stroke == "/DeviceRGB":
                bad.append((ref, op))
    return bad


def content_streams(doc):
    """(reference, resources) of every page content stream and Form XObject."""
    streams = [(c, p.get("/Resources")) for p, cs in zip(doc.pages, doc.page_contents) for c in cs]
    streams += [(ref, v.get("/Resources")) for ref, v in doc.all_values()
                if v.get("/Subtype") == "/Form" and doc.is_stream(ref)]
    return streams


def pdf_date(v):
    """An Info date (D:YYYYMMDDHHmmSS+HH'mm') as an aware datetime, or None."""
    m = re.match(r"^D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(Z|[+-]\d\d'\d\d'?)?$", pdfjson.text(v or ""))
    if not m:
        return None
    tz = m.group(7) or "Z"
    off = datetime.timedelta(0) if tz == "Z" else \
        (1 if tz[0] == "+" else -1) * datetime.timedelta(hours=int(tz[1:3]), minutes=int(tz[4:6]))
    return datetime.datetime(*(int(m.group(i)) for i in range(1, 7)), tzinfo=datetime.timezone(off))


def xmp_date(v):
    try:
        return datetime.datetime.fromisoformat((v or "").replace("Z", "+00:00"))
    except ValueError:
        return None


FORBIDDEN_ACTIONS = {"/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData", "/JavaScript", "/Hide",
                     "/SetOCGState", "/Rendition", "/Trans", "/GoTo3DView"}


def pdfx_forbidden(doc):
    """What ISO 15930-7 forbids anywhere in the file, as (reference, what)."""
    found = []
    if "/Encrypt" in doc.trailer:
        found.append(("trailer", "/Encrypt"))
    for ref, v in doc.all_values():
        if not isinstance(v, dict):
            continue
        if "/TR" in v or v.get("/TR2", "/Default") != "/Default" or "/HTP" in v:
            found.append((ref, "transfer function or HTP"))
        if v.get("/Subtype") == "/PS" or v.get("/Subtype2") == "/PS" or "/PS" in v and v.get("/Subtype") == "/Form":
            found.append((ref, "PostScript XObject"))
        if "/OPI" in v or "/Alternates" in v:
            found.append((ref, "OPI or alternate images"))
        if v.get("/S") in FORBIDDEN_ACTIONS or "/JS" in v:
            found.append((ref, "action " + str(v.get("/S"))))
    names = doc.get(doc.catalog.get("/Names")) or {}
    if "/JavaScript" in names or "/AA" in doc.catalog:
        found.append(("catalog", "JavaScript or additional actions"))
    return found


def check_press(pdf, bleed_mm=3, marks=False, default_profile=True, condition=None, trim=A4):
    doc = pdfjson.PdfJson(pdf)
    bleed = bleed_mm * MM
    room = 12 * MM if marks else 0
    report(doc.header.get("pdfversion") == "1.6", "PDF 1.6 (PDF/X-4)", doc.header.get("pdfversion"))
    bad_boxes = []
    for i, p in enumerate(doc.pages):
        t = [float(v) for v in doc.get(p.get("/TrimBox")) or []]
        b = [float(v) for v in doc.get(p.get("/BleedBox")) or []]
        m = [float(v) for v in doc.get(p.get("/MediaBox")) or []]
        ok = len(t) == 4 and near((t[2] - t[0], t[3] - t[1]), trim) and len(b) == 4 and \
            near(b, [t[0] - bleed, t[1] - bleed, t[2] + bleed, t[3] + bleed]) and \
            near(m, [b[0] - room, b[1] - room, b[2] + room, b[3] + room])
        if not ok:
            bad_boxes.append((i + 1, t, b, m))
    def inside(inner, outer):
        return len(inner) == 4 and len(outer) == 4 and outer[0] <= inner[0] and outer[1] <= inner[1] and \
            inner[2] <= outer[2] and inner[3] <= outer[3]
    unnested = [i + 1 for i, p in enumerate(doc.pages)
                if not (inside([float(v) for v in doc.get(p.get("/TrimBox")) or []],
                               [float(v) for v in doc.get(p.get("/BleedBox")) or []]) and
                        inside([float(v) for v in doc.get(p.get("/BleedBox")) or []],
                               [float(v) for v in doc.get(p.get("/MediaBox")) or []]))]
    report(not unnested, "every page: TrimBox within BleedBox within MediaBox, exactly as written "
           "(PDF/X: no box past the one around it, not even by a rounding)", unnested[:5])
    report(not bad_boxes, f"every page: TrimBox is the style's page size ({trim[0] / MM:.0f} x "
           f"{trim[1] / MM:.0f} mm), BleedBox trim + {bleed_mm} mm, "
           f"MediaBox {'+ 12 mm for marks' if marks else '= BleedBox'}", bad_boxes[:2])

    intents = doc.get(doc.catalog.get("/OutputIntents")) or []
    oi = doc.get(intents[0]) if len(intents) == 1 else {}
    report(oi.get("/S") == "/GTS_PDFX", "one OutputIntent of subtype GTS_PDFX", intents)
    prof_ref = oi.get("/DestOutputProfile")
    prof_ok = prof_ref and doc.is_stream(prof_ref) and doc.get(prof_ref).get("/N") == 4
    with open(PROFILE, "rb") as f:
        report(prof_ok and doc.stream_data(prof_ref) == f.read(),
               "the OutputIntent embeds the CMYK profile (N 4, the profile's bytes)")
    head = doc.stream_data(prof_ref)[:40] if prof_ref and doc.is_stream(prof_ref) else b""
    report(head[12:16] == b"prtr" and head[16:20] == b"CMYK",
           "the embedded profile is an output (prtr) profile of CMYK data (its ICC header)", head[12:20])
    ident = pdfjson.text(oi.get("/OutputConditionIdentifier", ""))
    if default_profile:
        report(ident == "Custom" and "not the printer" in pdfjson.text(oi.get("/OutputCondition", "")),
               "the default profile is labelled Custom, never as a standard condition", ident)
    else:
        report(ident == condition, f"a named profile carries the style's condition {condition}", ident)

    x = doc.xmp()
    def one(path):
        e = x.find(path, NS) if x is not None else None
        return e.text if e is not None else None
    report(one(".//pdfxid:GTS_PDFXVersion") == "PDF/X-4", "XMP pdfxid:GTS_PDFXVersion PDF/X-4")
    report((one(".//xmpMM:DocumentID") or "").startswith("uuid:") and
           (one(".//xmpMM:InstanceID") or "").startswith("uuid:") and one(".//xmpMM:VersionID") and
           one(".//xmpMM:RenditionClass") == "default",
           "XMP xmpMM:DocumentID, InstanceID, VersionID, RenditionClass")
    report(all(one(f".//xmp:{k}") for k in ("CreateDate", "ModifyDate", "MetadataDate")) and
           one(".//pdf:Trapped") == "False" and one(".//dc:title/rdf:Alt/rdf:li") and
           one(".//xmp:CreatorTool") and one(".//pdf:Producer") == pdfjson.text(doc.info.get("/Producer")),
           "XMP dates, dc:title, CreatorTool, pdf:Trapped False, Producer = Info /Producer")
    meta = doc.get(doc.catalog.get("/Metadata")) or {}
    report(meta.get("/Type") == "/Metadata" and meta.get("/Subtype") == "/XML" and "/Filter" not in meta,
           "the XMP stream is /Type /Metadata /Subtype /XML, unfiltered", meta)
    report(doc.info.get("/Trapped") == "/False" and doc.info.get("/Title") and
           doc.info.get("/CreationDate") and doc.info.get("/ModDate"),
           "Info /Trapped /False, /Title, dates")
    info = {k: pdfjson.text(doc.info.get(k)) for k in ("/Title", "/Author", "/Subject", "/Keywords",
                                                        "/Creator", "/Producer")}
    pairs = [(info["/Title"], one(".//dc:title/rdf:Alt/rdf:li")),
             (info["/Author"], one(".//dc:creator/rdf:Seq/rdf:li")),
             (info["/Subject"], one(".//dc:description/rdf:Alt/rdf:li")),
             (info["/Keywords"], one(".//pdf:Keywords")),
             (info["/Creator"], one(".//xmp:CreatorTool")),
             (info["/Producer"], one(".//pdf:Producer")),
             (pdf_date(doc.info.get("/CreationDate")), xmp_date(one(".//xmp:CreateDate"))),
             (pdf_date(doc.info.get("/ModDate")), xmp_date(one(".//xmp:ModifyDate")))]
    report(all(a is not None and a == b for a, b in pairs),
           "the XMP says what the Info dictionary says (title, author, subject, keywords, creator, "
           "producer, creation and modification dates)", [p for p in pairs if p[0] is None or p[0] != p[1]])
    ids = doc.trailer.get("/ID")
    report(isinstance(ids, list) and len(ids) == 2 and all(ids), "a trailer /ID (two file identifiers)", ids)
    forbidden = pdfx_forbidden(doc)
    report(not forbidden, "nothing PDF/X-4 forbids: encryption, transfer functions, HTP, PostScript "
           "XObjects, OPI, alternate images, JavaScript, forbidden actions", forbidden[:5])

    rgb_values = [ref for ref, v in doc.all_values() if "/DeviceRGB" in list(deep_values(v))]
    report(not rgb_values, "no object names DeviceRGB (groups, images, shadings, colour spaces)",
           rgb_values[:5])

    streams = content_streams(doc)
    rgb_ops = rgb_colour_operators(doc, streams)
    report(not rgb_ops, f"no DeviceRGB or gray colour operator (rg RG g G, cs CS to DeviceRGB, sc scn SC SCN "
           f"in it) in {len(streams)} page and Form XObject content streams", rgb_ops[:5])
    groups = [ref for ref, v in doc.all_values() for g in [doc.get(v.get("/Group"))]
              if isinstance(g, dict) and g.get("/S") == "/Transparency" and g.get("/CS") not in ("/DeviceCMYK", None)]
    report(not groups, "every transparency group (pages, Form XObjects) blends in DeviceCMYK", groups[:5])

    text_ops = black = black_op = 0
    for i, p in enumerate(doc.pages):
        if i == 0:
            continue
        for op, args, st in walk(pdfjson.operators(doc.page_content(i)), p.get("/Resources"), doc):
            if op in ("Tj", "TJ", "'", '"'):
                text_ops += 1
                if st["fill"] == (0, 0, 0, 1):
                    black += 1
                    black_op += st["op"] is True and st["opm"] == 1
    report(text_ops and black / text_ops > 0.6, f"body text is set in 0 0 0 1 k "
           f"({black} of {text_ops} text operators)")
    report(black and black_op == black, "100 K text overprints (/op true, /OPM 1)",
           f"{black_op} of {black}")

    p0 = doc.pages[0]
    b = [float(v) for v in doc.get(p0.get("/BleedBox"))]
    t = [float(v) for v in doc.get(p0.get("/TrimBox"))]
    rects = []
    ops = pdfjson.operators(doc.page_content(0))
    pending = []
    for op, args, st in walk(ops, p0.get("/Resources"), doc):
        if op == "re":
            x0, y0, w, h = (float(a) for a in args)
            pts = [apply(st["ctm"], x0, y0), apply(st["ctm"], x0 + w, y0 + h)]
            pending.append((min(p[0] for p in pts), min(p[1] for p in pts),
                            max(p[0] for p in pts), max(p[1] for p in pts)))
        elif op in ("f", "f*", "F"):
            rects += pending
            pending = []
        elif op in ("n", "S", "W", "W*"):
            pending = [] if op != "W" else pending
    e = 0.05
    top = [r for r in rects if r[0] <= b[0] + e and r[2] >= b[2] - e and r[3] >= b[3] - e and r[1] > t[1]]
    bottom = [r for r in rects if r[0] <= b[0] + e and r[2] >= b[2] - e and r[1] <= b[1] + e and r[3] < t[3]]
    report(top and bottom, "the cover's bands reach the BleedBox edges (top, bottom, both sides)",
           f"{len(rects)} rectangles")

    report(not any(p.get("/Annots") for p in doc.pages), "no annotations (links) on any page")
    fonts = [v for _, v in doc.all_values() if v.get("/Type") == "/FontDescriptor"]
    report(fonts and all(any(k in f for k in ("/FontFile", "/FontFile2", "/FontFile3")) for f in fonts),
           f"every font embedded ({len(fonts)})")
    r = subprocess.run(["qpdf", "--check", pdf], capture_output=True, text=True)
    report(r.returncode == 0, "qpdf --check clean", (r.stdout + r.stderr)[-300:])
    return doc


def negative_control(doc, press, tmp):
    """The DeviceRGB check can fail: a copy of the press edition whose second
    page draws in DeviceRGB (qpdf --update-from-json replaces its content)
    is caught, operator by operator, through a /ColorSpace resource too."""
    ref = doc.page_contents[1][0]
    extra = b"\nq /DeviceRGB cs 1 0 0 sc Q q 0 1 0 rg Q q /FolioRGB CS 0 0 1 SCN Q\n"
    page = dict(doc.pages[1])
    res = dict(doc.get(page.get("/Resources")) or {})
    res["/ColorSpace"] = dict(doc.get(res.get("/ColorSpace")) or {}, **{"/FolioRGB": "/DeviceRGB"})
    page["/Resources"] = res
    update = {"qpdf": [{"jsonversion": 2, "pushedinheritedpageresources": False, "calledgetallpages": False,
                        "maxobjectid": doc.header.get("maxobjectid", 0)},
                       {"obj:" + ref: {"stream": {"dict": {},
                                                  "data": base64.b64encode(doc.page_content(1) + extra).decode()}},
                        "obj:" + doc.page_refs[1]: {"value": page}}]}
    upd, bad = os.path.join(tmp, "rgb.json"), os.path.join(tmp, "rgb.pdf")
    with open(upd, "w", encoding="utf-8") as f:
        json.dump(update, f)
    r = subprocess.run(["qpdf", press, "--update-from-json=" + upd, bad], capture_output=True, text=True)
    if r.returncode not in (0, 3):
        report(False, "negative control: qpdf writes the DeviceRGB copy", r.stderr[-300:])
        return
    mutated = pdfjson.PdfJson(bad)
    found = [op for _, op in rgb_colour_operators(mutated, content_streams(mutated))]
    report(found == ["cs", "sc", "rg", "CS", "SCN"],
           "negative control: DeviceRGB drawing added to a page is caught (cs, sc, rg, CS and SCN "
           "through a /ColorSpace resource)", found)


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main():
    with tempfile.TemporaryDirectory() as tmp:
        work = project(tmp, "plain")
        r = build(work)
        press = os.path.join(work, "out", "dimensies-press.pdf")
        reading = os.path.join(work, "out", "dimensies.pdf")
        report(r.returncode == 0 and os.path.exists(press), "build writes dimensies-press.pdf", r.stderr[-300:])
        report("ask the printer" in r.stderr, "the default profile's warning asks for the printer's profile")
        if os.path.exists(press):
            doc = check_press(press)
            negative_control(doc, press, tmp)
            before = (sha(press), sha(reading))
            r = build(work)
            report(r.returncode == 0 and (sha(press), sha(reading)) == before,
                   "reproducible: both editions byte-identical on a second build")

            # a missing profile: an error naming the path, no output touched
            bad = project(tmp, "missing", lambda s: s.replace(
                "# output-profile = profiles/ISOcoated_v2_eci.icc", "output-profile = printer/missing.icc"))
            r = build(bad)
            report(r.returncode == 1 and "printer/missing.icc" in r.stderr and
                   not os.path.exists(os.path.join(bad, "out", "dimensies-press.pdf")) and
                   not os.path.exists(os.path.join(bad, "out", "dimensies.pdf")),
                   "a missing output profile: exit 1, the path named, nothing written", r.stderr[-300:])
            rgb = project(tmp, "rgbprofile", lambda s: s.replace(
                "# output-profile = profiles/ISOcoated_v2_eci.icc",
                "output-profile = /usr/share/color/icc/ghostscript/srgb.icc"))
            r = build(rgb)
            report(r.returncode == 1 and "srgb.icc is not a CMYK printer" in r.stderr and
                   not os.path.exists(os.path.join(rgb, "out", "dimensies-press.pdf")),
                   "an RGB profile named as the output profile: refused, the path named, nothing written",
                   r.stderr[-300:])
            with open(os.path.join(work, "styles", "dimensies.ini"), "a", encoding="utf-8") as f:
                f.write("\n[print]\noutput-profile = gone.icc\n")
            r = build(work)
            report(r.returncode == 1 and (sha(press), sha(reading)) == before,
                   "a failed build leaves the previous editions as they were")

        crop = project(tmp, "crop", lambda s: s.replace("bleed = 3mm", "bleed = 5mm").replace(
            "width = 210mm", "width = 200mm").replace("height = 297mm", "height = 280mm").replace(
            "marks = none", "marks = crop").replace(
            "# output-profile = profiles/ISOcoated_v2_eci.icc", f"output-profile = {PROFILE}").replace(
            "# output-condition = FOGRA39", "output-condition = CGATS TR 001"))
        r = build(crop)
        press = os.path.join(crop, "out", "dimensies-press.pdf")
        report(r.returncode == 0 and "ask the printer" not in r.stderr,
               "a named profile: no default-profile warning", r.stderr[-300:])
        if os.path.exists(press):
            doc = check_press(press, bleed_mm=5, marks=True, default_profile=False, condition="CGATS TR 001",
                              trim=(200 * MM, 280 * MM))
            p = doc.pages[2]
            b = [float(v) for v in doc.get(p.get("/BleedBox"))]
            segs = []
            last = None
            for op, args, st in walk(pdfjson.operators(doc.page_content(2)), p.get("/Resources"), doc):
                if op == "m":
                    last = apply(st["ctm"], float(args[0]), float(args[1]))
                elif op == "l" and last:
                    cur = apply(st["ctm"], float(args[0]), float(args[1]))
                    outside = all(pt[0] < b[0] or pt[0] > b[2] or pt[1] < b[1] or pt[1] > b[3]
                                  for pt in (last, cur))
                    if outside and abs(cur[0] - last[0]) + abs(cur[1] - last[1]) > 4 * MM:
                        segs.append((last, cur))
                    last = cur
            report(len(segs) >= 8, f"crop marks: {len(segs)} marks outside the bleed")
            txt = subprocess.run(["pdftotext", "-f", "3", "-l", "3", press, "-"], capture_output=True,
                                 text=True).stdout
            report("dimensies-press.pdf" in txt and "page 3 of" in txt and "2019-07-01" in txt,
                   "slug line: file name, page and date")
        # images (PNG and JPEG) and the other blocks of tests/pdf/features
        feat = editions.make(tmp, "features", os.path.join(ROOT, "tests", "pdf", "features"))
        r = build(feat)
        pdfs = [f for f in os.listdir(os.path.join(feat, "out")) if f.endswith("-press.pdf")] \
            if r.returncode == 0 else []
        report(len(pdfs) == 1, "features: press edition built", r.stderr[-300:])
        if pdfs:
            doc = pdfjson.PdfJson(os.path.join(feat, "out", pdfs[0]))
            images = [(ref, v) for ref, v in doc.all_values() if v.get("/Subtype") == "/Image"
                      and "/SMask" not in str(ref) and v.get("/ColorSpace") != "/DeviceGray"]
            icc = [v for _, v in images if isinstance(v.get("/ColorSpace"), list)
                   and v["/ColorSpace"][0] == "/ICCBased"
                   and (doc.get(v["/ColorSpace"][1]) or {}).get("/N") == 3]
            report(len(images) >= 2 and len(icc) == len(images),
                   f"features: colour images tagged ICCBased sRGB ({len(icc)} of {len(images)})")
            rgb_values = [ref for ref, v in doc.all_values() if "/DeviceRGB" in list(deep_values(v))]
            report(not rgb_values, "features: no object names DeviceRGB", rgb_values[:5])
            bad = rgb_colour_operators(doc, content_streams(doc))
            report(not bad, "features: no DeviceRGB colour operator", bad[:5])
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
