"""Helpers shared by the content tests (t_words.py, t_content_format.py).

Python 3 standard library only.  This is deliberately NOT a YAML or markdown
implementation: it reads the subset that content/FORMAT.md allows (flat
mappings of scalars, flow lists `[a, b]`, block lists `- a`, folded `>`/`>-`
and literal `|`/`|-` block scalars, quoted strings), which is enough for the
tests to look at the bundled issue independently of the C reader.
"""
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONTENT = os.path.join(ROOT, "content")

# Markdown files in content/ that are documentation for editors, not
# articles (the reader skips the same names).
DOC_FILES = ("FORMAT.md", "EDITS.md", "README.md")


def _scalar(s):
    s = s.strip()
    if len(s) >= 2 and s[0] == s[-1] == '"':
        return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)),
                      s[1:-1])
    if len(s) >= 2 and s[0] == s[-1] == "'":
        return s[1:-1].replace("''", "'")
    if s.startswith("[") and s.endswith("]"):
        inner = s[1:-1].strip()
        return [_scalar(x) for x in inner.split(",")] if inner else []
    if s in ("true", "True", "yes"):
        return True
    if s in ("false", "False", "no"):
        return False
    if re.fullmatch(r"-?\d+", s):
        return int(s)
    if s in ("", "~", "null"):
        return None
    return s


def parse_yaml(text):
    """Parses a flat YAML mapping (the subset described above) into a dict.
    Raises ValueError on lines it does not understand."""
    out = {}
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip() or line.lstrip().startswith("#"):
            i += 1
            continue
        m = re.match(r"^([A-Za-z_][A-Za-z0-9_-]*):(?:\s+(.*))?$", line)
        if not m:
            raise ValueError("line %d: not a `key: value` line: %r" % (i + 1, line))
        key, rest = m.group(1), (m.group(2) or "").rstrip()
        # strip a trailing comment from unquoted values
        if rest and rest[0] not in "\"'" and " #" in rest:
            rest = rest[:rest.index(" #")].rstrip()
        i += 1
        if rest in (">", ">-", "|", "|-", ">+", "|+"):
            block = []
            while i < len(lines) and (lines[i].startswith(" ") or not lines[i].strip()):
                block.append(lines[i].strip())
                i += 1
            while block and not block[-1]:
                block.pop()
            if rest.startswith(">"):
                paras, cur = [], []
                for b in block:
                    if b:
                        cur.append(b)
                    else:
                        paras.append(" ".join(cur))
                        cur = []
                paras.append(" ".join(cur))
                out[key] = "\n".join(paras)
            else:
                out[key] = "\n".join(block)
        elif rest == "":
            items = []
            while i < len(lines) and re.match(r"^\s*-\s", lines[i]):
                items.append(_scalar(re.sub(r"^\s*-\s", "", lines[i])))
                i += 1
            out[key] = items if items else None
        else:
            out[key] = _scalar(rest)
    return out


def split_front_matter(text):
    """Returns (front_matter_text or None, body_text, body_first_line)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, text, 1
    for j in range(1, len(lines)):
        if lines[j].rstrip() in ("---", "..."):
            return "\n".join(lines[1:j]), "\n".join(lines[j + 1:]), j + 2
    return None, text, 1


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def load_issue(content=CONTENT):
    return parse_yaml(read(os.path.join(content, "issue.yaml")))


def load_article(name, content=CONTENT):
    """Returns (front_matter dict or None, body text)."""
    fm_text, body, _ = split_front_matter(read(os.path.join(content, name)))
    return (parse_yaml(fm_text) if fm_text is not None else None), body
