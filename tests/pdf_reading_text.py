#!/usr/bin/env python3
"""The reading text of a tagged PDF: its words in structure-tree order,
artifacts left out, read back through libqpdf (`qpdf --json`, see
pdfjson.py), never by searching the file's bytes.

    python3 tests/pdf_reading_text.py FILE.pdf          # the reading text
    python3 tests/pdf_reading_text.py --runs FILE.pdf   # one line per run

What a screen reader gets: the structure tree is walked depth first in /K
order; each marked-content reference (MCID on its page, or in a Form
XObject named by /Stm) gives the text its content stream shows inside that
marked content, decoded through the font's /ToUnicode CMap (/ActualText on
a marked-content span replaces the glyphs it covers, as PDF 14.9.4 says).
Content marked /Artifact is left out.  Text shown outside any marked
content is reported as untagged, and text whose MCID no structure element
references as orphaned: a tagged PDF has neither.

Why not poppler-glib's structure API (poppler_structure_element_get_text):
in poppler 22.12 (Debian 12) the end of a nested marked-content sequence
without an MCID, such as cairo's /ActualText spans, closes the enclosing
MCID, so the text of a paragraph stops at its first soft hyphen; nor does
it honour /ActualText.  mutool 1.21 reports marked content without MCIDs.

Runs and separators.  A run is the text one MCID shows.  Runs are joined
in tree order; between two runs, and inside a run, a line break is a
separator ("\\n") where the text moves to another line (the baseline moves
by more than half the font size, or the text goes back to the left on the
same baseline), and so is the edge of a block-level element (anything but
Span, Link, Quote, Code, Reference, ...).  A line that ends in U+00AD (a
soft hyphen: cairo writes the hyphen drawn at a hyphenation point as
/ActualText U+00AD) is joined to the next without a separator, and the
soft hyphen is dropped.  A line that ends in a real hyphen keeps its
separator: whether "spin-|off" or "Noord-| en" was meant is for the
caller (wordcheck.py) to decide.
"""
import re
import sys

sys.dont_write_bytecode = True
import os  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pdfjson  # noqa: E402

INLINE = {"Span", "Link", "Quote", "Code", "Reference", "BibEntry", "Annot", "Ruby", "RB",
          "RT", "RP", "Warichu", "WT", "WP", "Em", "Strong", "Sub"}
SHY = "\u00ad"

ESC = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


class PdfError(Exception):
    pass


# ------------------------------------------------------------ PDF syntax

def literal(data, i):
    """The bytes of the literal string that starts at data[i] == '(' and
    the index after it."""
    out, depth, i = bytearray(), 0, i
    while i < len(data):
        c = data[i:i + 1]
        if c == b"\\":
            n = data[i + 1:i + 2]
            if n in ESC:
                out += ESC[n]
                i += 2
            elif n.isdigit() and n < b"8":
                j = i + 1
                while j < min(i + 4, len(data)) and data[j:j + 1].isdigit() and data[j:j + 1] < b"8":
                    j += 1
                out.append(int(data[i + 1:j], 8) & 0xFF)
                i = j
            elif n == b"\r":
                i += 3 if data[i + 2:i + 3] == b"\n" else 2
            elif n == b"\n":
                i += 2
            else:
                out += n
                i += 2
            continue
        if c == b"(":
            depth += 1
            if depth == 1:
                i += 1
                continue
        elif c == b")":
            depth -= 1
            if depth == 0:
                return bytes(out), i + 1
        out += c
        i += 1
    return bytes(out), len(data)


def tokens(data):
    """(kind, value) of each token of DATA (pdfjson.TOKEN's kinds): a
    string's bytes decoded, a hex string's bytes, other tokens as bytes."""
    i = 0
    while i < len(data):
        m = pdfjson.TOKEN.match(data, i)
        kind = m.lastgroup
        if kind == "string":
            s, i = literal(data, i)
            yield kind, s
            continue
        i = m.end()
        if kind == "hex":
            h = re.sub(rb"\s", b"", m.group(kind)[1:-1])
            yield kind, bytes.fromhex((h + b"0" * (len(h) % 2)).decode())
        elif kind not in ("ws", "comment"):
            yield kind, m.group(kind)


def values(data):
    """The objects of a bytes token (a content stream operand: an array,
    a dictionary, a string, a number or a name) as Python values: str for
    names ("/MCID"), bytes for strings, float for numbers, list, dict."""
    stack = [[]]
    for kind, tok in tokens(data):
        if kind in ("string", "hex"):
            stack[-1].append(tok)
        elif kind in ("aopen", "dopen"):
            stack.append([kind])
        elif kind in ("aclose", "dclose"):
            items = stack.pop()
            if not stack:
                raise PdfError("unbalanced %r" % data[:60])
            if items[0] == "dopen":
                items = items[1:]
                stack[-1].append({items[k]: items[k + 1] for k in range(0, len(items) - 1, 2)})
            else:
                stack[-1].append(items[1:])
        elif kind == "name":
            stack[-1].append(tok.decode("latin-1"))
        elif kind == "word":
            try:
                stack[-1].append(float(tok))
            except ValueError:
                stack[-1].append(tok.decode("latin-1"))
    return stack[0]


def one(data):
    v = values(data)
    return v[0] if v else None


def text_string(v):
    """A PDF text string (bytes from a content stream, or qpdf's JSON form)."""
    if isinstance(v, bytes):
        if v[:2] == b"\xfe\xff":
            return v[2:].decode("utf-16-be", "replace")
        return v.decode("latin-1")
    return pdfjson.text(v)


# ------------------------------------------------------------ fonts

class Font:
    """Decodes the strings of one font to text through its /ToUnicode."""

    def __init__(self, doc, d):
        self.two = d.get("/Subtype") == "/Type0"
        if self.two and d.get("/Encoding") not in ("/Identity-H", "/Identity-V"):
            raise PdfError("font %s: encoding %s not read" % (d.get("/BaseFont"), d.get("/Encoding")))
        self.map = {}
        tu = d.get("/ToUnicode")
        if tu:
            self.read_cmap(doc.stream_data(tu))
        self.name = d.get("/BaseFont", "?")

    def read_cmap(self, data):
        # A CMap is PostScript: read it as tokens, section by section.
        words = []
        for kind, tok in tokens(data):
            if kind in ("string", "hex"):
                words.append(tok)
            elif kind == "aopen":
                words.append("[")
            elif kind == "aclose":
                words.append("]")
            elif kind == "word":
                words.append(tok.decode("latin-1"))
        k = 0
        while k < len(words):
            w = words[k]
            if w == "beginbfchar":
                k += 1
                while k + 1 < len(words) and words[k] != "endbfchar":
                    self.map[words[k]] = words[k + 1].decode("utf-16-be", "replace")
                    k += 2
            elif w == "beginbfrange":
                k += 1
                while k + 2 < len(words) and words[k] != "endbfrange":
                    lo, hi, dst = words[k], words[k + 1], words[k + 2]
                    n = len(lo)
                    a, b = int.from_bytes(lo, "big"), int.from_bytes(hi, "big")
                    if dst == "[":
                        j = k + 3
                        c = a
                        while words[j] != "]":
                            self.map[c.to_bytes(n, "big")] = words[j].decode("utf-16-be", "replace")
                            c += 1
                            j += 1
                        k = j + 1
                        continue
                    base = int.from_bytes(dst, "big")
                    for c in range(a, min(b, a + 65536) + 1):
                        v = (base + c - a).to_bytes(len(dst), "big")
                        self.map[c.to_bytes(n, "big")] = v.decode("utf-16-be", "replace")
                    k += 3
            else:
                k += 1

    def decode(self, s):
        step = 2 if self.two else 1
        out = []
        for i in range(0, len(s) - step + 1, step):
            code = s[i:i + step]
            t = self.map.get(code)
            if t is None:
                # no /ToUnicode entry: a simple font's code as Latin-1
                # (cairo writes /ToUnicode for every font it embeds)
                t = "\ufffd" if self.two else code.decode("latin-1")
            out.append(t)
        return "".join(out)


# ------------------------------------------------------------ content streams

def mul(a, b):
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


IDENTITY = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]


class Piece:
    """Text shown by one text-showing operator (or one /ActualText)."""
    __slots__ = ("text", "x", "y", "size", "page", "mcid", "stm", "link")

    def __init__(self, text, x, y, size, page, mcid, stm):
        self.text, self.x, self.y, self.size = text, x, y, size
        self.page, self.mcid, self.stm = page, mcid, stm
        self.link = None   # the target of the link annotation over it


class ContentReader:
    """Interprets one page's content (and the Form XObjects it draws):
    the text each marked-content id shows, artifacts apart."""

    def __init__(self, doc, fonts):
        self.doc = doc
        self.fonts = fonts          # font object ref -> Font (shared per document)
        self.by_mcid = {}           # (page, stream ref or None, mcid) -> [Piece]
        self.untagged = []          # [Piece] outside any marked content
        self.artifacts = []         # [Piece] inside /Artifact

    def font(self, resources, name):
        fd = self.doc.get(self.doc.get(resources.get("/Font", {})) or {}).get(name) \
            if resources else None
        if fd is None:
            raise PdfError("font %s not in the resources" % name)
        key = fd if isinstance(fd, str) else repr(fd)
        if key not in self.fonts:
            self.fonts[key] = Font(self.doc, self.doc.get(fd))
        return self.fonts[key]

    def read_page(self, page_index):
        page = self.doc.pages[page_index]
        res = self.inherited(page, "/Resources")
        self.run(self.doc.page_content(page_index), res, IDENTITY, page_index, None, [], 0)

    def inherited(self, node, key):
        seen = 0
        while node is not None and seen < 64:
            if key in node:
                return self.doc.get(node[key])
            node = self.doc.get(node.get("/Parent"))
            seen += 1
        return {}

    def run(self, data, res, ctm, page, stm, marks, depth):
        """marks: the marked-content stack, each ("mcid", n, stm) |
        ("artifact",) | ("actual", text, [first piece]) | ("other",)."""
        if depth > 12:
            raise PdfError("Form XObjects nested deeper than 12")
        doc = self.doc
        gstack = []
        tm = tlm = IDENTITY
        font, fsize, rise, leading = None, 0.0, 0.0, 0.0
        moved = True   # a positioning operator since the last text shown
        for op, args in pdfjson.operators(data):
            if op == "q":
                gstack.append(ctm)
            elif op == "Q":
                ctm = gstack.pop() if gstack else ctm
            elif op == "cm" and len(args) == 6:
                ctm = mul([float(a) for a in args], ctm)
            elif op == "BT":
                tm = tlm = IDENTITY
                moved = True
            elif op == "Tm" and len(args) == 6:
                tm = tlm = [float(a) for a in args]
                moved = True
            elif op in ("Td", "TD") and len(args) == 2:
                tx, ty = float(args[0]), float(args[1])
                if op == "TD":
                    leading = -ty
                tm = tlm = mul([1, 0, 0, 1, tx, ty], tlm)
                moved = True
            elif op == "T*":
                tm = tlm = mul([1, 0, 0, 1, 0, -leading], tlm)
                moved = True
            elif op == "TL" and args:
                leading = float(args[0])
            elif op == "Ts" and args:
                rise = float(args[0])
            elif op == "Tf" and len(args) == 2:
                font = self.font(res, args[0].decode("latin-1"))
                fsize = float(args[1])
            elif op in ("Tj", "TJ", "'", '"'):
                if op in ("'", '"'):
                    tm = tlm = mul([1, 0, 0, 1, 0, -leading], tlm)
                    moved = True
                if font is None:
                    raise PdfError("text shown with no font set")
                v = one(args[-1])
                strings = [x for x in v if isinstance(x, bytes)] if isinstance(v, list) else [v]
                text = "".join(font.decode(s) for s in strings if isinstance(s, bytes))
                m = mul(mul([1, 0, 0, 1, 0, rise], tm), ctm)
                size = abs(fsize) * (abs(m[0] * m[3] - m[1] * m[2]) ** 0.5)
                self.show(Piece(text, m[4] if moved else None, m[5], size, page, None, stm), marks)
                moved = False
            elif op == "BMC":
                tag = args[0].decode("latin-1") if args else ""
                marks.append(("artifact",) if tag == "/Artifact" else ("other",))
            elif op == "BDC":
                tag = args[0].decode("latin-1") if args else ""
                props = one(args[1]) if len(args) > 1 else {}
                if isinstance(props, str):   # a name in /Properties
                    props = doc.get(doc.get((res or {}).get("/Properties", {})) or {}).get(props)
                    props = self.json_dict(doc.get(props))
                props = props if isinstance(props, dict) else {}
                if tag == "/Artifact":
                    marks.append(("artifact",))
                elif "/MCID" in props:
                    marks.append(("mcid", int(props["/MCID"]), stm))
                elif "/ActualText" in props:
                    marks.append(("actual", text_string(props["/ActualText"]), []))
                else:
                    marks.append(("other",))
            elif op == "EMC":
                if marks:
                    m = marks.pop()
                    if m[0] == "actual":
                        first = m[2][0] if m[2] else None
                        self.show(Piece(m[1], first.x if first else None,
                                        first.y if first else 0.0, first.size if first else 0.0,
                                        page, None, stm), marks)
            elif op == "Do" and args:
                name = args[0].decode("latin-1")
                xo = doc.get(doc.get((res or {}).get("/XObject", {})) or {}).get(name)
                d = doc.get(xo)
                if isinstance(d, dict) and d.get("/Subtype") == "/Form":
                    fm = [float(a) for a in d.get("/Matrix", IDENTITY)]
                    fres = doc.get(d.get("/Resources")) or res
                    self.run(doc.stream_data(xo), fres, mul(fm, ctm), page, xo, marks, depth + 1)
        return marks

    @staticmethod
    def json_dict(d):
        if not isinstance(d, dict):
            return {}
        return {k: (int(v) if k == "/MCID" else v) for k, v in d.items()}

    def show(self, piece, marks):
        """Files a piece under what marks it: the innermost /ActualText
        (which replaces it), else /Artifact, else the innermost MCID."""
        for m in reversed(marks):
            if m[0] == "actual":
                m[2].append(piece)
                return
        if any(m[0] == "artifact" for m in marks):
            self.artifacts.append(piece)
            return
        for m in reversed(marks):
            if m[0] == "mcid":
                piece.mcid = m[1]
                self.by_mcid.setdefault((piece.page, m[2], m[1]), []).append(piece)
                return
        self.untagged.append(piece)


# ------------------------------------------------------------ structure tree

class Run:
    """The text of one marked-content reference, with the structure
    elements above it (outermost first): [(type, element dict, ref)]."""
    __slots__ = ("pieces", "path")

    def __init__(self, pieces, path):
        self.pieces, self.path = pieces, path

    @property
    def text(self):
        return "".join(p.text for p in self.pieces)

    def types(self):
        return [t for t, _, _ in self.path]

    def within(self, *types):
        return any(t in types for t, _, _ in self.path)

    def block(self):
        """The nearest block-level element above the run (its ref or id)."""
        for t, d, ref in reversed(self.path):
            if t not in INLINE:
                return ref
        return None

    def block_type(self):
        for t, d, ref in reversed(self.path):
            if t not in INLINE:
                return t
        return None


class Reading:
    def __init__(self, runs, untagged, orphans, artifacts, notes):
        self.runs = runs                # [Run] in structure-tree order
        self.untagged = untagged        # [Piece] outside any marked content
        self.orphans = orphans          # [Piece] under an MCID no element names
        self.artifacts = artifacts      # [Piece] inside /Artifact
        self.notes = notes              # problems met (unreadable parts)

    def text(self, keep=None):
        """The reading text of the runs KEEP says yes to (all by default),
        one line of text a line, an empty line between blocks (see the
        module's comment).  A word cut
        at a line end (U+00AD) is joined to the next line of its own
        block, even when another block comes between in the tree: a note
        or a pull quote set where a column breaks a paragraph (an element
        inside the block): the word goes on in the next line of the same
        kind of block (a P set again on the next page, a Note continued
        in the next column)."""
        segs = []           # [block, text, refs above, block type] in tree order
        last = {}           # block -> (last piece, last positioned x)
        for run in self.runs:
            if keep is not None and not keep(run):
                continue
            block = run.block()
            for p in run.pieces:
                if not p.text:
                    continue
                new_line = not segs or segs[-1][0] != block
                if block in last and not new_line:
                    lp, lx = last[block]
                    if p.page != lp.page:
                        new_line = True
                    elif p.x is not None and (
                            abs(p.y - lp.y) > 0.5 * max(p.size, lp.size)
                            or (lx is not None and p.x < lx - 0.5)):
                        new_line = True
                if new_line:
                    segs.append([block, p.text, {ref for _, _, ref in run.path},
                                 run.block_type()])
                else:
                    segs[-1][1] += p.text
                if p.size == 0 and block in last:
                    continue   # an /ActualText of no glyph: it has no place of its own
                lx = p.x if p.x is not None else (last[block][1] if block in last else None)
                last[block] = (p, lx)
        for i, seg in enumerate(segs):
            if not seg[1].endswith(SHY):
                continue
            seg[1] = seg[1].rstrip(SHY)
            for nxt in segs[i + 1:]:
                if nxt[0] == seg[0] or (seg[0] not in nxt[2] and nxt[3] == seg[3]):
                    m = re.match(r"[^\s]*", nxt[1])
                    seg[1] += m.group(0)
                    nxt[1] = nxt[1][m.end():].lstrip()
                    break
        out, last_block = [], None
        for block, t, _, _ in segs:
            t = t.replace(SHY, "")
            if not t.strip():
                continue
            if out:
                out.append("\n" if block == last_block else "\n\n")
            out.append(t)
            last_block = block
        return "".join(out)


def link_target(doc, obj):
    """The named destination (or URI) of a link annotation."""
    a = doc.get(obj) or {}
    dest = a.get("/Dest")
    if dest is None:
        act = doc.get(a.get("/A")) or {}
        dest = act.get("/D", act.get("/URI"))
    dest = doc.get(dest)
    if isinstance(dest, list):
        return None
    return pdfjson.text(dest) if dest is not None else None


def read(path):
    """Reads the PDF at PATH; raises PdfError when it has no structure tree."""
    try:
        doc = pdfjson.PdfJson(path)
    except (RuntimeError, ValueError) as e:
        raise PdfError("qpdf cannot read %s: %s" % (path, str(e)[:200]))
    root = doc.get(doc.catalog.get("/StructTreeRoot"))
    if not isinstance(root, dict):
        raise PdfError("%s has no structure tree (/StructTreeRoot): it is not tagged" % path)
    rolemap = doc.get(root.get("/RoleMap")) or {}
    page_index = {ref: i for i, ref in enumerate(doc.page_refs)}
    reader = ContentReader(doc, {})
    read_pages = set()
    runs, used, notes = [], set(), []

    def pieces(page, stm, mcid):
        if page is None:
            notes.append("an MCID with no page (/Pg)")
            return []
        if page not in read_pages:
            read_pages.add(page)
            reader.read_page(page)
        key = (page, stm, mcid)
        used.add(key)
        return reader.by_mcid.get(key, [])

    def std(s):
        seen = 0
        while s in rolemap and seen < 16:
            s = rolemap[s]
            seen += 1
        return s

    def walk(v, path, pg, depth):
        if depth > 400:
            notes.append("structure tree deeper than 400")
            return
        ref = v if isinstance(v, str) and pdfjson.REF.match(v) else None
        d = doc.get(v)
        if isinstance(d, list):
            for x in d:
                walk(x, path, pg, depth + 1)
        elif isinstance(d, (int, float)) and not isinstance(d, bool):
            runs.append(Run(pieces(pg, None, int(d)), path))
        elif isinstance(d, dict) and d.get("/Type") == "/MCR":
            p = page_index.get(d.get("/Pg")) if "/Pg" in d else pg
            stm = d.get("/Stm")
            runs.append(Run(pieces(p, stm, int(d["/MCID"])), path))
        elif isinstance(d, dict) and d.get("/Type") == "/OBJR":
            return   # an annotation or XObject: no text of its own here
        elif isinstance(d, dict) and "/S" in d:
            s = std(d["/S"]).lstrip("/")
            elem_pg = page_index.get(d.get("/Pg"), pg) if "/Pg" in d else pg
            here = path + [(s, d, ref or id(d))]
            if "/ActualText" in d:
                # the element's text, replacing what its content shows
                runs.append(Run([Piece(pdfjson.text(d["/ActualText"]), None, 0.0, 0.0,
                                       elem_pg, None, None)], here))
                mark_used(d.get("/K"), elem_pg, depth)
                return
            walk(d.get("/K"), here, elem_pg, depth + 1)

    def mark_used(v, pg, depth):
        """The MCIDs under an element with /ActualText are accounted for."""
        if depth > 400:
            return
        d = doc.get(v)
        if isinstance(d, list):
            for x in d:
                mark_used(x, pg, depth + 1)
        elif isinstance(d, (int, float)) and not isinstance(d, bool):
            pieces(pg, None, int(d))
        elif isinstance(d, dict) and d.get("/Type") == "/MCR":
            pieces(page_index.get(d.get("/Pg"), pg), d.get("/Stm"), int(d["/MCID"]))
        elif isinstance(d, dict) and "/S" in d:
            mark_used(d.get("/K"), page_index.get(d.get("/Pg"), pg) if "/Pg" in d else pg,
                      depth + 1)

    walk(root.get("/K"), [], None, 0)
    # every page is read, so that untagged text on a page the tree never
    # names is found too
    for i in range(len(doc.pages)):
        if i not in read_pages:
            read_pages.add(i)
            reader.read_page(i)
    orphans = [p for key, ps in sorted(reader.by_mcid.items(), key=lambda kv: repr(kv[0]))
               if key not in used for p in ps if p.text.strip()]
    # Links: the target of their annotation (d["dest"]); and on each piece
    # of text that starts inside a link annotation's rectangle, the link's
    # target (piece.link), so callers can tell a note's reference mark,
    # which folio draws beside its Link element, not in it
    areas = {}
    for run in runs:
        for t, d, _ in run.path:
            if t != "Link" or "dest" in d:
                continue
            d["dest"] = None
            kids = d.get("/K") if isinstance(d.get("/K"), list) else [d.get("/K")]
            for k in kids:
                kd = doc.get(k)
                if isinstance(kd, dict) and kd.get("/Type") == "/OBJR":
                    d["dest"] = link_target(doc, kd.get("/Obj"))
                    a = doc.get(kd.get("/Obj")) or {}
                    page = page_index.get(kd.get("/Pg", d.get("/Pg")))
                    rect = [float(x) for x in a.get("/Rect", [])]
                    if page is not None and len(rect) == 4 and d["dest"]:
                        areas.setdefault(page, []).append((rect, d["dest"]))
    for run in runs:
        for p in run.pieces:
            for (x0, y0, x1, y1), dest in areas.get(p.page, []):
                if p.x is not None and min(x0, x1) - 0.5 <= p.x <= max(x0, x1) + 0.5 and \
                        min(y0, y1) - 0.5 <= p.y <= max(y0, y1) + 0.5:
                    p.link = dest
    untagged = [p for p in reader.untagged if p.text.strip()]
    return Reading(runs, untagged, orphans, reader.artifacts, notes)


def main(argv):
    show_runs = "--runs" in argv
    files = [a for a in argv if not a.startswith("--")]
    if len(files) != 1:
        print(__doc__)
        return 2
    try:
        r = read(files[0])
    except PdfError as e:
        print("pdf_reading_text: %s" % e, file=sys.stderr)
        return 1
    if show_runs:
        for run in r.runs:
            dest = [d.get("dest") for t, d, _ in run.path if t == "Link"]
            print("%s%s\t%r" % ("/".join(run.types()), " ->%s" % dest[0] if dest else "", run.text))
    else:
        print(r.text())
    for what, ps in (("untagged", r.untagged), ("orphaned", r.orphans)):
        if ps:
            print("pdf_reading_text: %d %s pieces of text: %s" % (
                len(ps), what, " | ".join(p.text for p in ps[:10])), file=sys.stderr)
    return 1 if r.untagged or r.orphans or r.notes else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
