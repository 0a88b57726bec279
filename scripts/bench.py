#!/usr/bin/env python3
"""folio's benchmark: whole processes, several runs after a warm-up,
medians, side by side with the peers that are installed.

  make bench                  # everything
  scripts/bench.py --quick    # fewer runs, no 100x issue (the smoke test)

Measures (folio's targets cover the reading PDF and the EPUB: those runs
use --no-press; the press edition is timed on its own line)
  folio build (EPUB + reading PDF): cold cache (out/.cache removed) and
    warm cache, each also as a ratio to pandoc's EPUB alone
  folio build with the press edition too (cold): the press edition's cost
  folio watch: one-article edit to both outputs replaced, from the end of
    the settle wait (folio's own report line) and from the file write
  peers where installed: pandoc -t epub3; pandoc -> XeLaTeX; pandoc ->
    WeasyPrint; Typst 0.14 (npm @myriaddreamin/typst-ts-node-compiler
    0.7.0, installed into build/bench on first use; scripts/typst14.js) on
    a Typst version of the issue written by this script
  scale: the issue's articles repeated 10x and 100x: folio at -j 1 and
    -j 2 and Typst 0.14 side by side: time, peak memory (of that process
    alone), time per page; the 10x -> 100x change in time per page shows
    whether anything grows faster than the page count
"""
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FOLIO = os.path.join(ROOT, "folio")
QUICK = "--quick" in sys.argv
RUNS = 3 if QUICK else 7
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1561939200")


CPU = {}  # median CPU seconds (user + sys) of the last timed() of each command


def timed(cmd, cwd, runs=RUNS, before=None):
    """Median wall time of runs (after one warm-up run), in seconds; the
    median CPU time (user + sys, all threads) goes to CPU[name of cmd].
    On a shared machine the wall time carries the other jobs' load; the
    CPU time mostly does not."""
    times, cpus = [], []
    for i in range(runs + 1):
        if before:
            before()
        dt, _, cpu = run_measured(cmd, cwd, with_cpu=True)
        if i:
            times.append(dt)
            cpus.append(cpu)
    CPU[" ".join(cmd)] = statistics.median(cpus)
    return statistics.median(times)


def project_copy(tmp, name, repeat=1):
    """A project folder (content, styles, fonts) in tmp; with repeat > 1 the
    articles are repeated to make a longer issue."""
    proj = os.path.join(tmp, name)
    os.makedirs(proj)
    shutil.copytree(os.path.join(ROOT, "styles"), os.path.join(proj, "styles"))
    os.symlink(os.path.join(ROOT, "fonts"), os.path.join(proj, "fonts"))
    src = os.path.join(ROOT, "content")
    dst = os.path.join(proj, "content")
    shutil.copytree(src, dst)
    if repeat > 1:
        with open(os.path.join(src, "issue.yaml"), encoding="utf-8") as f:
            yaml = f.read()
        names = re.findall(r"^\s*-\s*(\S+\.md)\s*$", yaml, re.M)
        listed = []
        for r in range(repeat):
            for n in names:
                new = f"r{r:03d}-{n}"
                with open(os.path.join(src, n), encoding="utf-8") as f:
                    text = f.read()
                if r:  # one cover list: the copies are not announced again
                    text = re.sub(r"^cover:\s*true\s*$", "cover: false", text, flags=re.M)
                with open(os.path.join(dst, new), "w", encoding="utf-8") as f:
                    f.write(text)
                listed.append(new)
            # the images and other files are shared
        for n in names:
            os.remove(os.path.join(dst, n))
        # a contents page holds a magazine's articles, not hundreds: at
        # scale the list stays on the cover (as tests/slow/t_finish_scale.py)
        for ini in os.listdir(os.path.join(proj, "styles")):
            path = os.path.join(proj, "styles", ini)
            with open(path, encoding="utf-8") as f:
                style = f.read()
            with open(path, "w", encoding="utf-8") as f:
                f.write(re.sub(r"^contents = \w+$", "contents = cover", style, flags=re.M))
        head = yaml[:yaml.index("articles:")]
        with open(os.path.join(dst, "issue.yaml"), "w", encoding="utf-8") as f:
            f.write(head + "articles:\n" + "".join(f"  - {n}\n" for n in listed))
    return proj


def run_measured(cmd, cwd, with_cpu=False):
    """Wall time (s) and peak RSS (MB) of one process (and, with_cpu, its
    CPU time in seconds: user + sys of all its threads)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {err.decode()[-400:]}")
    if with_cpu:
        return dt, ru.ru_maxrss / 1024, ru.ru_utime + ru.ru_stime
    return dt, ru.ru_maxrss / 1024


def article_files(proj):
    with open(os.path.join(proj, "content", "issue.yaml"), encoding="utf-8") as f:
        return re.findall(r"^\s*-\s*(\S+\.md)\s*$", f.read(), re.M)


def pdf_pages(path):
    out = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(m.group(1)) if m else 0


def bench_watch(proj, edits, extra=()):
    """Medians (seconds) of a one-article edit to both outputs replaced:
    from the end of watch's settle wait (the time its report line gives:
    the rebuild starts when the wait ends and the line is printed after
    the renames) and from the write of the file (as an editor sees it)."""
    out = os.path.join(proj, "wout")
    p = subprocess.Popen([FOLIO, "watch", "content", "-o", out, *extra], cwd=proj, env=ENV,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = p.stdout.readline()
        if "first build done" not in line:
            raise RuntimeError(f"watch did not start: {line!r}")
        paths = [os.path.join(out, f) for f in ("dimensies.epub", "dimensies.pdf")]
        art = os.path.join(proj, "content", article_files(proj)[1])
        with open(art, encoding="utf-8") as f:
            original = f.read()
        times, settled = [], []
        for i in range(edits + 1):
            inodes = [os.stat(x).st_ino for x in paths]
            text = original + ("\nEen extra zin om te meten.\n" if i % 2 == 0 else "")
            t0 = time.perf_counter()
            with open(art, "w", encoding="utf-8") as f:
                f.write(text)
            deadline = t0 + 10
            while time.perf_counter() < deadline:
                if all(os.stat(x).st_ino != ino for x, ino in zip(paths, inodes)):
                    break
                time.sleep(0.0002)
            else:
                raise RuntimeError("watch did not replace the outputs within 10 s")
            dt = time.perf_counter() - t0
            report = p.stdout.readline()  # "... rebuilt EPUB and PDF in 12.3 ms"
            m = re.search(r"rebuilt EPUB and PDF in ([0-9.]+) ms", report)
            if not m:
                raise RuntimeError(f"watch did not report a rebuild: {report!r}")
            if i:
                times.append(dt)
                settled.append(float(m.group(1)) / 1000)
            time.sleep(0.05)
        with open(art, "w", encoding="utf-8") as f:
            f.write(original)
        return statistics.median(settled), statistics.median(times)
    finally:
        p.terminate()
        p.wait()


def write_typst(proj, path):
    """A Typst version of the issue: two columns, the same text, headings,
    emphasis and footnotes (as Typst footnotes)."""
    parts = ['#set page(paper: "a4", columns: 2, margin: 18mm)\n',
             '#set text(lang: "nl", size: 9.5pt, hyphenate: true, font: "Charis SIL")\n',
             '#set par(justify: true)\n']
    for name in article_files(proj):
        with open(os.path.join(proj, "content", name), encoding="utf-8") as f:
            text = f.read()
        fm, body = "", text
        if text.startswith("---"):
            end = text.index("\n---", 3)
            fm, body = text[3:end], text[end + 4:]
        title = re.search(r"^title:\s*(.+)$", fm, re.M)
        notes = dict(re.findall(r"^\[\^([^\]]+)\]:\s*(.+)$", body, re.M))
        body = re.sub(r"^\[\^([^\]]+)\]:.*$", "", body, flags=re.M)
        body = re.sub(r"^:::.*$", "", body, flags=re.M)

        def esc(s):
            return re.sub(r"([#$@<>\\\[\]_*`])", r"\\\1", s)
        parts.append("#pagebreak(weak: true)\n= " + esc(title.group(1) if title else name) + "\n")
        for para in re.split(r"\n\s*\n", body):
            para = para.strip()
            if not para:
                continue
            level = len(para) - len(para.lstrip("#"))
            para = esc(para.lstrip("#").strip())
            para = re.sub(r"\\\*\\\*(.+?)\\\*\\\*", r"*\1*", para)
            para = re.sub(r"\\\*(.+?)\\\*", r"_\1_", para)
            para = re.sub(r"\\\[\^([^\\\]]+)\\\]",
                          lambda m: "#footnote[" + esc(notes.get(m.group(1), "")) + "]", para)
            parts.append(("=" * level + " " if level else "") + para + "\n\n")
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(parts))


TYPST_PKG = "@myriaddreamin/typst-ts-node-compiler@0.7.0"   # Typst 0.14.2


def find_typst():
    """The command that runs Typst 0.14 (scripts/typst14.js over the npm
    package, installed on first use into build/bench: npm is one of the
    registries this project may use), or None."""
    if not shutil.which("node"):
        return None
    prefix = os.path.join(ROOT, "build", "bench")
    module = os.path.join(prefix, "node_modules", "@myriaddreamin", "typst-ts-node-compiler")
    if not os.path.exists(module) and shutil.which("npm"):
        subprocess.run(["npm", "install", "--prefix", prefix, "--no-audit", "--no-fund",
                        "--loglevel=error", TYPST_PKG], stdout=subprocess.DEVNULL)
    if not os.path.exists(module):
        return None
    ENV["NODE_PATH"] = os.path.join(prefix, "node_modules")
    return ["node", os.path.join(ROOT, "scripts", "typst14.js")]


def typst_command(typst, proj, tmp, name):
    """Writes the Typst version of proj's issue; the command that makes
    its PDF (whole process), and the PDF's path."""
    typ = os.path.join(tmp, name + ".typ")
    write_typst(proj, typ)
    pdf = os.path.join(tmp, name + ".pdf")
    return typst + [typ, pdf, os.path.join(ROOT, "fonts")], pdf


def peer_timed(rows, name, cmd, cwd, runs=RUNS):
    """A peer's median, or a note that it failed (a peer's broken setup
    must not stop the benchmark)."""
    try:
        rows.append((name, timed(cmd, cwd, runs=runs), CPU[" ".join(cmd)]))
    except RuntimeError as e:
        print(f"bench: {name}: failed: {str(e).splitlines()[-1][:200]}")


def peers(proj, tmp):
    rows = []
    files = [os.path.join("content", n) for n in article_files(proj)]
    if shutil.which("pandoc"):
        peer_timed(rows, "pandoc -t epub3 (EPUB only)",
                   ["pandoc", "-t", "epub3", "-o", os.path.join(tmp, "p.epub")] + files, proj)
        if shutil.which("xelatex"):
            peer_timed(rows, "pandoc -> XeLaTeX (PDF only, 2 columns)",
                       ["pandoc", "--pdf-engine=xelatex", "-V", "classoption=twocolumn",
                        "-V", "lang=nl", "-o", os.path.join(tmp, "x.pdf")] + files,
                       proj, runs=min(RUNS, 3))
        if shutil.which("weasyprint"):
            css = os.path.join(tmp, "two.css")
            with open(css, "w") as f:
                f.write("@page{size:A4;margin:18mm} body{columns:2;font-size:9.5pt;"
                        "text-align:justify;hyphens:auto}")
            peer_timed(rows, "pandoc -> WeasyPrint (PDF only, 2 columns)",
                       ["pandoc", "--pdf-engine=weasyprint", "--css", css, "-M",
                        "lang=nl", "-o", os.path.join(tmp, "w.pdf")] + files, proj,
                       runs=min(RUNS, 3))
    typst = find_typst()
    if typst:
        cmd, _ = typst_command(typst, proj, tmp, "issue")
        peer_timed(rows, "Typst 0.14 (PDF only, 2 columns)", cmd, proj)
    return rows


def bench_scale(proj, tmp, cold, pages):
    """The issue at 1x, 10x and 100x: folio (both outputs) at -j 1 and
    -j 2, and Typst 0.14 (PDF only), each one cold run, side by side."""
    typst = find_typst()
    lines = ["", "scale (whole processes, cold: out/.cache absent; one run each; "
             "folio writes the reading PDF and the EPUB (--no-press), Typst the PDF only):",
             f"  {'issue':>5} {'pages':>6} {'folio -j 1':>11} {'folio -j 2':>11} {'j2/j1':>6} "
             f"{'ms/page':>8} {'RSS MB':>7} {'Typst 0.14':>11} {'pages':>6} {'ms/page':>8} "
             f"{'folio/Typst':>11} {'CPU -j 1':>9} {'CPU -j 2':>9} {'CPU ms/page':>11} "
             f"{'Typst CPU':>9} {'CPU folio/Typst':>15}"]
    per, ratio, vs_typst, cpu_per, cpu_vs_typst = {}, {}, {}, {}, {}

    def row(label, proj_dir, rep):
        out1, out2 = os.path.join(proj_dir, "out1"), os.path.join(proj_dir, "out2")
        t1, _, c1 = run_measured([FOLIO, "build", "content", "-o", out1, "-q", "-j", "1",
                                  "--no-press"], proj_dir, with_cpu=True)
        t2, rss, c2 = run_measured([FOLIO, "build", "content", "-o", out2, "-q", "-j", "2",
                                    "--no-press"], proj_dir, with_cpu=True)
        n = pdf_pages(os.path.join(out2, "dimensies.pdf"))
        per[rep] = t2 / n * 1000 if n else 0
        ratio[rep] = t2 / t1
        cpu_per[rep] = c2 / n * 1000 if n else 0
        ty = ty_pages = tc = None
        if typst:
            cmd, pdf = typst_command(typst, proj_dir, tmp, f"scale{rep}")
            try:
                ty, _, tc = run_measured(cmd, proj_dir, with_cpu=True)
                ty_pages = pdf_pages(pdf)
                vs_typst[rep] = t2 / ty
                cpu_vs_typst[rep] = c2 / tc
            except RuntimeError as e:
                print(f"bench: Typst {rep}x failed: {str(e).splitlines()[-1][:200]}")
        ty_s = f"{ty:9.2f} s {ty_pages:6d} {ty / ty_pages * 1000:8.2f} {t2 / ty:11.2f}" \
            if ty and ty_pages else f"{'-':>11} {'-':>6} {'-':>8} {'-':>11}"
        tc_s = f"{tc:7.2f} s {c2 / tc:15.2f}" if tc else f"{'-':>9} {'-':>15}"
        lines.append(f"  {label:>5} {n:6d} {t1:9.2f} s {t2:9.2f} s {t2 / t1:6.2f} "
                     f"{per[rep]:8.2f} {rss:7.0f} {ty_s} {c1:7.2f} s {c2:7.2f} s "
                     f"{cpu_per[rep]:11.2f} {tc_s}")

    row("1x", proj, 1)
    for rep in (10, 100):
        big = project_copy(tmp, f"big{rep}", repeat=rep)
        row(f"{rep}x", big, rep)
        shutil.rmtree(big, ignore_errors=True)
    lines.append(f"  folio time per page (-j 2) 10x -> 100x: {(per[100] / per[10] - 1) * 100:+.0f}%; "
                 f"1x -> 100x: {(per[100] / per[1] - 1) * 100 if per[1] else 0:+.0f}% "
                 f"(the 1x figure carries the fixed cost of a build: start-up, fonts, cover)")
    lines.append(f"  folio CPU time per page (-j 2) 10x -> 100x: "
                 f"{(cpu_per[100] / cpu_per[10] - 1) * 100:+.0f}%")
    return "\n".join(lines), per, ratio, vs_typst, cpu_per, cpu_vs_typst


def verdict(ok):
    return "met" if ok else "NOT met"


def main():
    if not os.access(FOLIO, os.X_OK):
        print("bench: build folio first (make)")
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        proj = project_copy(tmp, "issue")
        out = os.path.join(proj, "bout")
        cache = os.path.join(out, ".cache")
        build = [FOLIO, "build", "content", "-o", out, "-q", "--no-press"]
        cold = timed(build, proj, before=lambda: shutil.rmtree(cache, ignore_errors=True))
        cold_cpu = CPU[" ".join(build)]
        warm = timed(build, proj)
        pout = os.path.join(proj, "pout")
        pcmd = [FOLIO, "build", "content", "-o", pout, "-q"]
        press_cold = timed(pcmd, proj, before=lambda: shutil.rmtree(os.path.join(pout, ".cache"),
                                                                    ignore_errors=True))
        press_cpu = CPU[" ".join(pcmd)]
        pages = pdf_pages(os.path.join(out, "dimensies.pdf"))
        edits = 5 if QUICK else 15
        watch, watch_write = bench_watch(proj, edits, ["--no-press"])
        watch_press, _ = bench_watch(proj, edits)
        pandoc = None
        if shutil.which("pandoc"):
            files = [os.path.join("content", n) for n in article_files(proj)]
            try:
                pcmd = ["pandoc", "-t", "epub3", "-o", os.path.join(tmp, "p.epub")] + files
                pandoc = timed(pcmd, proj)
                pandoc_cpu = CPU[" ".join(pcmd)]
            except RuntimeError as e:
                print(f"bench: pandoc failed: {str(e).splitlines()[-1][:200]}")
        warm_cpu = CPU[" ".join(build)]
        rows = [("folio build, EPUB + reading PDF, cold cache", cold, cold_cpu),
                ("folio build, EPUB + reading PDF, warm cache", warm, warm_cpu),
                ("folio watch, one-article edit: settle end to outputs replaced", watch, None),
                ("folio watch, one-article edit: file write to outputs replaced", watch_write, None),
                ("press edition: folio build with it too, cold cache", press_cold, press_cpu),
                ("press edition: watch edit with it too, from settle end", watch_press, None)]
        if pandoc:
            rows.append(("pandoc -t epub3 (EPUB only)", pandoc, pandoc_cpu))
        scale = None if QUICK else bench_scale(proj, tmp, cold, pages)
        peer_rows = [] if QUICK else [r for r in peers(proj, tmp) if not r[0].startswith("pandoc -t")]
        print(f"\n{' '.join(sys.argv)} on {os.cpu_count()} CPUs; bundled issue: {pages} pages; "
              f"medians of {RUNS} runs after a warm-up; load average "
              f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} at the end\n")
        print(f"{'what':62} {'median':>10} {'vs pandoc EPUB':>15} {'CPU median':>11}")
        for name, t, *cpu in rows + peer_rows:
            ratio = f"{t / pandoc:14.2f}x" if pandoc else f"{'-':>15}"
            cpu_s = f"{cpu[0] * 1000:8.1f} ms" if cpu and cpu[0] is not None else f"{'-':>11}"
            print(f"{name:62} {t * 1000:8.1f} ms {ratio} {cpu_s}")
    if scale:
        text, per, ratio, vs_typst, cpu_per, cpu_vs_typst = scale
        print(text)
    print("\ntargets (issue 10; reading PDF + EPUB):")
    if pandoc:
        print(f"  cold <= 0.7x pandoc EPUB: {cold / pandoc:.2f}x  {verdict(cold / pandoc <= 0.7)} "
              f"(CPU time: {cold_cpu / pandoc_cpu:.2f}x)")
        print(f"  warm <= 0.5x pandoc EPUB: {warm / pandoc:.2f}x  {verdict(warm / pandoc <= 0.5)} "
              f"(CPU time: {warm_cpu / pandoc_cpu:.2f}x)")
    print(f"  watch edit <= 30 ms from settle end: {watch * 1000:.1f} ms  "
          f"{verdict(watch <= 0.030)}")
    if scale:
        for rep in (10, 100):
            print(f"  {rep}x: -j 2 <= 0.6x -j 1: {ratio[rep]:.2f}x  {verdict(ratio[rep] <= 0.6)}")
        flat = per[100] / per[10] - 1
        cflat = cpu_per[100] / cpu_per[10] - 1
        print(f"  time per page 10x -> 100x flat (grows at most 20%): {flat * 100:+.0f}%  "
              f"{verdict(flat <= 0.2)} (CPU time per page: {cflat * 100:+.0f}%)")
        for rep in (1, 10, 100):
            if rep in vs_typst:
                print(f"  {rep}x: <= 1/3 of Typst 0.14's PDF alone: {vs_typst[rep]:.2f}x  "
                      f"{verdict(vs_typst[rep] <= 1 / 3)} (CPU time: {cpu_vs_typst[rep]:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
