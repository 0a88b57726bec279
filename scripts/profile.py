#!/usr/bin/env python3
"""Where folio's time per page goes: `perf` over a cold build of the
bundled issue repeated N times (default 10, as `make bench`'s 10x issue),
at -j 1 so the stages do not overlap, reading PDF + EPUB + press edition.

  scripts/profile.py [REPEAT]       # prints the table of docs/PERFORMANCE.md

perf samples the whole process at 999 Hz with DWARF call graphs; each row
is the share of all samples spent inside a function and what it calls
(perf report --children).  Rows nest as the call tree does, so the shares
of sub-rows add up to at most their parent's.  Needs perf (Debian
linux-perf) and a kernel that lets it sample (perf_event_paranoid <= 2).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (project_copy, pdf_pages, FOLIO, ENV)

# (label, symbol): the stages a page goes through
ROWS = [
    ("layout (pdf_layout_issue)", "pdf_layout_issue"),
    ("- paragraphs: shaping + breaking (break_paragraph)", "break_paragraph"),
    ("-- shaping (pango_shape_item)", "pango_shape_item"),
    ("--- HarfBuzz (hb_shape_full)", "hb_shape_full"),
    ("-- Pango's line building (pango_layout_get_lines_readonly)",
     "pango_layout_get_lines_readonly"),
    ("-- Pango's log attributes (pango_default_break)", "pango_default_break"),
    ("-- total fit: measuring (tf_measure)", "tf_measure"),
    ("-- total fit: the search (linebreak_total_fit)", "linebreak_total_fit"),
    ("-- total fit: justifying the lines (tf_justify)", "tf_justify"),
    ("- copyfitting: paragraphs set again a line shorter or longer (blocks_refit)",
     "blocks_refit"),
    ("- hyphenation (hyphenate_append)", "hyphenate_append"),
    ("- glyph runs from Pango's lines (layout_glyph_line)", "layout_glyph_line"),
    ("reading PDF drawn (pdf_write)", "pdf_write"),
    ("press PDF drawn (pdf_write_press)", "pdf_write_press"),
    ("- drawing glyph runs (cairo_show_text_glyphs)", "cairo_show_text_glyphs"),
    ("- cairo's page output (cairo_show_page)", "cairo_show_page"),
    ("- font subsetting, PDF trailer (cairo_surface_finish)", "cairo_surface_finish"),
    ("- finishing, PDF/UA-1 (finish_reading, libqpdf)", "finish_reading"),
    ("- finishing, PDF/X-4 (finish_press, libqpdf + LittleCMS)", "finish_press"),
    ("- deflate (zlib deflate, all callers)", "deflate"),
    ("EPUB (epub_thread)", "epub_thread"),
    ("EPUB fonts deflated ahead (prefetch_one)", "prefetch_one"),
    ("reading the issue (reader_read_issue)", "reader_read_issue"),
]


def main():
    rep = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    if not shutil.which("perf"):
        print("profile: perf is not installed (Debian: linux-perf)")
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        proj = bench.project_copy(tmp, "issue", repeat=rep)
        data = os.path.join(tmp, "perf.data")
        cmd = ["perf", "record", "-q", "-F", "999", "--call-graph", "dwarf,16384", "-o", data,
               bench.FOLIO, "build", "content", "-o", "out", "-q", "-j", "1"]
        p = subprocess.run(cmd, cwd=proj, env=bench.ENV, capture_output=True, text=True)
        if p.returncode != 0:
            print(f"profile: perf record failed: {p.stderr[-400:]}")
            return 1
        pages = bench.pdf_pages(os.path.join(proj, "out", "dimensies.pdf"))
        rep_out = subprocess.run(["perf", "report", "-i", data, "--children", "--stdio",
                                  "-g", "none", "--percent-limit", "0.1", "--sort", "symbol"],
                                 capture_output=True, text=True).stdout
        samples = re.search(r"^# Samples: (\S+)", rep_out, re.M)
    share = {}
    for line in rep_out.splitlines():
        m = re.match(r"\s*([0-9.]+)%\s+[0-9.]+%\s+\[[.k]\]\s+(\S+)", line)
        if m and m.group(2) not in share:
            share[m.group(2)] = float(m.group(1))
    print(f"{rep}x issue, {pages} pages, cold build at -j 1, "
          f"{samples.group(1) if samples else '?'} samples (perf record -F 999 "
          f"--call-graph dwarf; perf report --children)\n")
    print("| stage | share of samples |\n|---|---:|")
    for label, sym in ROWS:
        v = share.get(sym)
        print(f"| {label} | {f'{v:.1f}%' if v is not None else 'below 0.1%'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
