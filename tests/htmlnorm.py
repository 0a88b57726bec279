"""Normalisation of HTML for comparing renderers, in the manner of the
CommonMark spec's test runner: whitespace around block tags does not count,
attributes are compared sorted, entities and literal characters are
equivalent (both sides are decoded, then escaped the same way), and
self-closing tags equal their plain form.  Written for folio's tests."""
import html
import re
from html.parser import HTMLParser

BLOCK_TAGS = set("""article header aside hgroup blockquote hr iframe body li map button
object canvas ol caption output col p colgroup pre dd progress div section dl table td
dt tbody embed textarea fieldset tfoot figcaption th figure thead footer tr form ul
h1 h2 h3 h4 h5 h6 video script style""".split())
_ws = re.compile(r"\s+")


class _Norm(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []
        self.last = "starttag"
        self.last_tag = ""
        self.in_pre = False

    def _rstrip(self):
        while self.out and self.out[-1].rstrip() != self.out[-1]:
            self.out[-1] = self.out[-1].rstrip()
            if self.out[-1]:
                break
            self.out.pop()

    def handle_starttag(self, tag, attrs):
        if tag == "pre":
            self.in_pre = True
        if tag in BLOCK_TAGS:
            self._rstrip()
        s = "<" + tag
        for k, v in sorted(attrs, key=lambda a: (a[0], a[1] or "")):
            s += " " + k
            if v is not None:
                s += '="' + html.escape(v, quote=True) + '"'
        self.out.append(s + ">")
        self.last_tag, self.last = tag, "starttag"

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.last = "endtag"

    def handle_endtag(self, tag):
        if tag == "pre":
            self.in_pre = False
        elif tag in BLOCK_TAGS:
            self._rstrip()
        self.out.append("</" + tag + ">")
        self.last_tag, self.last = tag, "endtag"

    def handle_data(self, data):
        after_tag = self.last in ("starttag", "endtag")
        if after_tag and self.last_tag == "br":
            data = data.lstrip("\n")
        if not self.in_pre:
            data = _ws.sub(" ", data)
        if after_tag and self.last_tag in BLOCK_TAGS and not self.in_pre:
            data = data.lstrip() if self.last == "starttag" else data.strip()
        self.out.append(html.escape(data, quote=True))
        self.last = "data"

    def handle_comment(self, data):
        self.out.append("<!--" + data + "-->")
        self.last = "comment"

    def handle_decl(self, data):
        self.out.append("<!" + data + ">")
        self.last = "decl"

    def unknown_decl(self, data):
        self.handle_decl(data)

    def handle_pi(self, data):
        self.out.append("<?" + data + ">")
        self.last = "pi"


def normalize(text):
    p = _Norm()
    p.feed(text)
    p.close()
    return "".join(p.out).strip()
