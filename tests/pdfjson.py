"""Reads a PDF back through `qpdf --json` (never by searching its bytes):
objects, pages, content streams as operators, the structure tree, XMP.

    doc = PdfJson(path)
    doc.catalog, doc.info, doc.trailer          dictionaries (references resolved by get)
    doc.get(value)                              follows "N 0 R"
    doc.pages                                   page dictionaries, in order
    doc.page_content(i)                         the page's content, decoded, as bytes
    doc.stream_data(ref)                        any stream's data, decoded
    operators(data)                             [(operator, [operands])], inline images as "BI"
    doc.struct_elements()                       structure elements depth-first in /K order
    doc.xmp()                                   the XMP packet as an ElementTree root
"""
import base64
import json
import re
import subprocess
import xml.etree.ElementTree as ET

REF = re.compile(r"^\d+ \d+ R$")
TOKEN = re.compile(
    rb"(?P<ws>[\x00\t\n\f\r ]+)|(?P<comment>%[^\r\n]*)|(?P<dopen><<)|(?P<dclose>>>)"
    rb"|(?P<hex><[0-9A-Fa-f\s]*>)|(?P<aopen>\[)|(?P<aclose>\])"
    rb"|(?P<name>/[^\x00\t\n\f\r ()<>\[\]{}/%]*)|(?P<string>\()"
    rb"|(?P<word>[^\x00\t\n\f\r ()<>\[\]{}/%]+)|(?P<other>.)", re.S)


class PdfJson:
    def __init__(self, path):
        r = subprocess.run(["qpdf", "--json", "--json-stream-data=inline",
                            "--decode-level=generalized", path], capture_output=True, text=True)
        if r.returncode not in (0, 3):
            raise RuntimeError(r.stderr)
        j = json.loads(r.stdout)
        self.json = j
        self.header = j["qpdf"][0]
        self.objects = j["qpdf"][1]
        self.trailer = self.objects["trailer"]["value"]
        self.catalog = self.get(self.trailer["/Root"])
        self.info = self.get(self.trailer.get("/Info", {})) or {}
        self.page_refs = [p["object"] for p in j["pages"]]
        self.pages = [self.get(p) for p in self.page_refs]
        self.page_contents = [p["contents"] for p in j["pages"]]

    def obj(self, ref):
        return self.objects.get("obj:" + ref)

    def get(self, v):
        """The value, with one reference followed (streams give their dictionary)."""
        if isinstance(v, str) and REF.match(v):
            o = self.obj(v)
            if o is None:
                return None
            return o["value"] if "value" in o else o["stream"]["dict"]
        return v

    def is_stream(self, ref):
        o = isinstance(ref, str) and REF.match(ref) and self.obj(ref)
        return bool(o) and "stream" in o

    def stream_data(self, ref):
        return base64.b64decode(self.obj(ref)["stream"].get("data", ""))

    def page_content(self, i):
        return b"\n".join(self.stream_data(c) for c in self.page_contents[i])

    def all_values(self):
        """Every object's value (stream dictionaries too), with its reference."""
        for key, o in self.objects.items():
            if key.startswith("obj:"):
                yield key[4:], (o["value"] if "value" in o else o["stream"]["dict"])

    def struct_elements(self):
        root = self.get(self.catalog.get("/StructTreeRoot"))
        out = []
        if not root:
            return out

        def walk(v, depth):
            if depth > 300:
                return
            v2 = self.get(v)
            if isinstance(v2, list):
                for x in v2:
                    walk(x, depth + 1)
            elif isinstance(v2, dict) and "/S" in v2:
                out.append(v2)
                if "/K" in v2:
                    walk(v2["/K"], depth + 1)
        walk(root.get("/K"), 0)
        return out

    def xmp(self):
        ref = self.catalog.get("/Metadata")
        if not ref:
            return None
        return ET.fromstring(self.stream_data(ref))


def text(v):
    """A PDF string value from qpdf's JSON ("u:..." or "b:hex") as text."""
    if isinstance(v, str) and v.startswith("u:"):
        return v[2:]
    if isinstance(v, str) and v.startswith("b:"):
        b = bytes.fromhex(v[2:])
        if b[:2] == b"\xfe\xff":
            return b[2:].decode("utf-16-be")
        return b.decode("latin-1")
    return v


def _string_end(data, i):
    depth = 0
    while i < len(data):
        c = data[i]
        if c == 0x5C:
            i += 2
            continue
        if c == 0x28:
            depth += 1
        elif c == 0x29:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(data)


def operators(data):
    """[(operator, operands)] of a content stream; operands are bytes
    tokens at the top level (arrays and dictionaries as one b"[...]" /
    b"<<...>>" token each).  An inline image is ("BI", [])."""
    ops, operands, i, depth, start = [], [], 0, 0, 0
    while i < len(data):
        m = TOKEN.match(data, i)
        kind = m.lastgroup
        if kind == "string":
            j = _string_end(data, i)
            if depth == 0:
                operands.append(data[i:j])
            i = j
            continue
        i = m.end()
        tok = m.group(kind)
        if kind in ("ws", "comment"):
            continue
        if kind in ("aopen", "dopen"):
            if depth == 0:
                start = m.start()
            depth += 1
            continue
        if kind in ("aclose", "dclose"):
            depth -= 1
            if depth == 0:
                operands.append(data[start:i])
            continue
        if depth:
            continue
        if kind == "word" and not re.match(rb"^[-+]?(\d+\.?\d*|\.\d+)$", tok) \
                and tok not in (b"true", b"false", b"null"):
            if tok == b"BI":
                k = data.find(b"ID", i)
                e = re.compile(rb"\sEI(\s|$)").search(data, k + 3) if k >= 0 else None
                i = e.end() if e else len(data)
                ops.append(("BI", []))
            else:
                ops.append((tok.decode("latin-1"), operands))
            operands = []
            continue
        operands.append(tok)
    return ops
