#!/usr/bin/env python3
"""The EPUB's fonts: subset, renamed, licensed.

Builds the bundled issue and checks:
  - the EPUB is at most 400 KB;
  - every embedded font is much smaller than its original in fonts/ (a
    subset) and maps no more characters than the original;
  - its family names (name IDs 1, 4, 6, 16) carry none of the Reserved Font
    Names its own copyright and licence records (IDs 0, 13) declare, and the
    file name none either;
  - IDs 0, 13 and 14 are there, word for word as in an original font file;
  - fonts/LICENSE.txt is in the package and holds the OFL 1.1 text and
    every embedded font's copyright notice;
  - the stylesheet's @font-face families are the renamed ones;
  - a style whose name would make a subset's family carry a Reserved Font
    Name (a style called "lato": "Lato Sans") is an error, nothing written.
Prints PASS:/FAIL: lines (see tests/run.sh).  Standard library only.
"""
import os
import shutil
import re
import struct
import sys
import tempfile
import zipfile

from epubtest import ROOT, Report, build
LIMIT = 400 * 1024

report = Report()


def tables(data):
    num = struct.unpack(">H", data[4:6])[0]
    out = {}
    for i in range(num):
        tag, _, off, ln = struct.unpack(">4sIII", data[12 + 16 * i:28 + 16 * i])
        out[tag.decode("latin-1")] = data[off:off + ln]
    return out


def names(data):
    """{name id: text} from the Windows English records."""
    t = tables(data).get("name", b"")
    if len(t) < 6:
        return {}
    _, count, storage = struct.unpack(">HHH", t[:6])
    out = {}
    for j in range(count):
        p, e, lang, nid, ln, off = struct.unpack(">6H", t[6 + 12 * j:18 + 12 * j])
        if p == 3 and lang == 0x409:
            out[nid] = t[storage + off:storage + off + ln].decode("utf-16-be", "replace")
    return out


def cmap_size(data):
    """How many characters the font maps (format 4 and 12 subtables)."""
    t = tables(data).get("cmap", b"")
    n = struct.unpack(">H", t[2:4])[0]
    best = set()
    for i in range(n):
        _, _, off = struct.unpack(">HHI", t[4 + 8 * i:12 + 8 * i])
        fmt = struct.unpack(">H", t[off:off + 2])[0]
        chars = set()
        if fmt == 4:
            segs = struct.unpack(">H", t[off + 6:off + 8])[0] // 2
            ends = struct.unpack(">%dH" % segs, t[off + 14:off + 14 + 2 * segs])
            starts = struct.unpack(">%dH" % segs, t[off + 16 + 2 * segs:off + 16 + 4 * segs])
            for s, e in zip(starts, ends):
                if s != 0xFFFF:
                    chars.update(range(s, e + 1))
        elif fmt == 12:
            ng = struct.unpack(">I", t[off + 12:off + 16])[0]
            for g in range(ng):
                s, e, _ = struct.unpack(">III", t[off + 16 + 12 * g:off + 28 + 12 * g])
                chars.update(range(s, e + 1))
        if len(chars) > len(best):
            best = chars
    return len(best)


def reserved(text):
    out = []
    for m in re.finditer(r"Reserved Font Names?((?:\s*(?:,|and)?\s+\"[^\"\n]{1,64}\")+)",
                         text or ""):
        out += re.findall(r"\"([^\"]+)\"", m.group(1))
    return out


def main():
    tmp = tempfile.mkdtemp(prefix="folio-fonts-")
    epub, _, err = build("content", tmp)
    if not epub:
        report(False, "build", err)
        return 1
    size = os.path.getsize(epub)
    report(size <= LIMIT, "bundled EPUB at most 400 KB (%d bytes)" % size)

    originals = {}
    fdir = os.path.join(ROOT, "fonts")
    for f in sorted(os.listdir(fdir)):
        if f.endswith((".ttf", ".otf")):
            data = open(os.path.join(fdir, f), "rb").read()
            n = names(data)
            originals[n.get(16) or n.get(1)] = (f, data, n)
    z = zipfile.ZipFile(epub)
    fonts = [i for i in z.namelist() if i.startswith("EPUB/fonts/") and i.endswith((".ttf", ".otf"))]
    report(bool(fonts), "the EPUB embeds fonts (%d)" % len(fonts))
    licence = z.read("EPUB/fonts/LICENSE.txt").decode("utf-8") \
        if "EPUB/fonts/LICENSE.txt" in z.namelist() else ""
    report("SIL OPEN FONT LICENSE Version 1.1" in licence and "PERMISSION & CONDITIONS" in licence,
           "fonts/LICENSE.txt holds the OFL 1.1 text")
    opf = z.read("EPUB/package.opf").decode("utf-8")
    report('href="fonts/LICENSE.txt"' in opf, "fonts/LICENSE.txt is in the manifest")
    css = z.read("EPUB/css/folio.css").decode("utf-8")
    faces = set(re.findall(r"@font-face \{\s*font-family: \"([^\"]+)\"", css))

    bad_names, bad_keep, bad_size, bad_notice, rfns = [], [], [], [], set()
    for name in fonts:
        data = z.read(name)
        n = names(data)
        rfn = reserved(n.get(0)) + reserved(n.get(13))
        rfns.update(rfn)
        fam = [n.get(i, "") for i in (1, 4, 6, 16)] + [os.path.basename(name)]
        hits = [(f, r) for f in fam for r in rfn if r.lower() in f.lower()]
        if hits or not n.get(1):
            bad_names.append("%s: %s" % (name, hits or "no family name"))
        if n.get(1) not in faces:
            bad_names.append("%s: family %r not in the CSS's @font-face (%s)"
                             % (name, n.get(1), ", ".join(sorted(faces))))
        # The original it came from: the one whose licence records match.
        src = [o for o in originals.values()
               if all(o[2].get(i) == n.get(i) for i in (0, 13, 14)) and n.get(0)]
        if not src or not all(n.get(i) for i in (0, 13, 14)):
            bad_keep.append(name)
            continue
        orig = max(src, key=lambda o: len(o[1]))
        if len(data) * 4 > len(orig[1]) or cmap_size(data) > cmap_size(orig[1]):
            bad_size.append("%s: %d bytes, %d chars (original %s: %d bytes, %d chars)" % (
                name, len(data), cmap_size(data), orig[0], len(orig[1]), cmap_size(orig[1])))
        if n[0] not in licence:
            bad_notice.append(name)
    report(bool(rfns) and not bad_names,
           "no embedded font is named with a Reserved Font Name (%s)" % ", ".join(sorted(rfns)),
           "; ".join(bad_names[:4]) or "no Reserved Font Names found in the fonts")
    report(not bad_keep, "name IDs 0, 13, 14 kept word for word from the original",
           ", ".join(bad_keep))
    report(not bad_size, "every font is a subset (under a quarter of the original's bytes)",
           "; ".join(bad_size[:3]))
    report(not bad_notice, "every font's copyright notice is in fonts/LICENSE.txt",
           ", ".join(bad_notice))
    check_reserved_style(tmp)
    return report.status()


def check_reserved_style(tmp):
    """The subsets are named after the style: one named like a reserved
    font name must not go through."""
    issue = os.path.join(tmp, "rfn", "content")
    shutil.copytree(os.path.join(ROOT, "tests", "epub", "all"), issue)
    os.makedirs(os.path.join(tmp, "rfn", "styles"))
    shutil.copy(os.path.join(ROOT, "styles", "dimensies.ini"),
                os.path.join(tmp, "rfn", "styles", "lato.ini"))
    with open(os.path.join(issue, "issue.yaml"), "a", encoding="utf-8") as f:
        f.write("style: lato\n")
    out = os.path.join(tmp, "rfn", "out")
    epub, _, err = build(issue, out)
    report(epub is None and "Reserved Font Name \"Lato\"" in err
           and not any(n.endswith(".epub") for n in (os.listdir(out) if os.path.isdir(out) else [])),
           "a subset family carrying a Reserved Font Name is an error", err[-200:])


if __name__ == "__main__":
    sys.exit(main())
