"""A scratch copy of the repository layout for a test build: content (the
bundled issue or another folder), a copy of styles/ (optionally edited),
fonts/ linked; and one `folio build` of it with SOURCE_DATE_EPOCH fixed."""
import os
import shutil
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FOLIO = os.environ.get("FOLIO", os.path.join(ROOT, "folio"))


def make(tmp, name, content=None, style_edit=None):
    """tmp/name with content/, styles/ and fonts/; style_edit(text) -> text
    changes styles/dimensies.ini.  Returns the folder."""
    work = os.path.join(tmp, name)
    os.makedirs(work)
    shutil.copytree(content or os.path.join(ROOT, "content"), os.path.join(work, "content"))
    shutil.copytree(os.path.join(ROOT, "styles"), os.path.join(work, "styles"))
    os.symlink(os.path.join(ROOT, "fonts"), os.path.join(work, "fonts"))
    if style_edit:
        p = os.path.join(work, "styles", "dimensies.ini")
        with open(p, encoding="utf-8") as f:
            text = f.read()
        with open(p, "w", encoding="utf-8") as f:
            f.write(style_edit(text))
    return work


def build(work, *args, **env):
    """`folio build content -o out ARGS` in work; returns the CompletedProcess."""
    e = dict(os.environ, SOURCE_DATE_EPOCH="1561939200", **env)
    return subprocess.run([FOLIO, "build", "content", "-o", "out", *args], cwd=work, env=e,
                          capture_output=True, text=True)
