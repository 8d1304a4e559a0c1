"""Stress: time and peak memory per MB of input, by input shape and size — is every stage linear?

Each (shape, size) runs in a fresh child process (so one case's memory never colours the
next, and a runaway case is killed at ``--timeout``). The child reads → cleans → converts
(the *core*, the stages this benchmark guards), then writes the Simplified edition with
each ``--writers`` writer and makes the brief (reported separately: other owners), and
prints one JSON line per stage: seconds and the process's peak RSS so far (``ru_maxrss``,
a high-water mark, so the figure after a stage is the peak up to and including it).

Shapes (every input is built here, from the example and the corpus texts; sizes are the
input file's bytes, what ``--max-mb`` checks)::

    txt          the reports, one sentence or paragraph a line (the realistic case)
    txt-line     the same text as one huge line (no line break at all)
    txt-short    ~14-character distinct lines (200k lines in 8 MB)
    txt-repeat   one 80-byte line repeated (32,000 lines in 2.5 MB): a duplicate edit each
    txt-heads    numbered headings of every level with a short body line each
    html         the reports as <p> paragraphs inside page chrome (nav, link lists)
    html-deep    <div> nested as deep as the size allows (100,000 levels in 1.1 MB)
    md           the reports as Markdown (headings, paragraphs, lists)
    md-table     one Markdown table of short cells (240k cells in 5.2 MB)
    docx         the reports as DOCX paragraphs (sized by the compressed file)

Times are CPU seconds of the child process (``time.process_time``), not wall time: the
machine is shared, and another job's load must not read as super-linear growth.

Read the ``growth`` column: (time at the largest size / time at the smallest) divided by
the size ratio — 1.0 is linear, the size ratio itself is quadratic. Memory is reported as
peak RSS minus the child's RSS after imports, per MB of input, and the absolute peak.

Usage: ``.venv/bin/python benchmarks/stress.py [--sizes 0.5,1,2,4] [--shapes txt,html-deep]
[--writers pdf|docx|pdf,docx|none] [--no-brief] [--timeout 300]``
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SOURCES = [ROOT / "examples" / "haizhu-2022.raw.txt", *sorted((ROOT / "tests" / "data" / "corpus").glob("*.raw.txt"))]
CORE = ("read", "clean", "convert")
MB = 1024 * 1024


def _report_lines() -> list[str]:
    return [ln for p in SOURCES for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]


def _fill(unit: Callable[[int], str], size: int, head: str = "", tail: str = "") -> bytes:
    """``head`` + unit(0) + unit(1) + … + ``tail``, cut at the first unit that reaches ``size`` bytes."""
    parts = [head]
    n = len(head.encode()) + len(tail.encode())
    i = 0
    while n < size:
        u = unit(i)
        parts.append(u)
        n += len(u.encode())
        i += 1
    parts.append(tail)
    return "".join(parts).encode()


def _vary(line: str, copy: int) -> str:
    """The line of the ``copy``-th repetition, made distinct (a repeated copy would be removed
    as a duplicate and leave the later stages nothing to do): the copy number goes before
    the line's last character."""
    if copy == 0 or len(line) < 2:
        return line
    return f"{line[:-1]}{copy}{line[-1]}"


def _cycle(lines: list[str], sep: str = "\n") -> Callable[[int], str]:
    return lambda i: _vary(lines[i % len(lines)], i // len(lines)) + sep


_CN = "零一二三四五六七八九十"


def _cn(n: int) -> str:
    """1..99 as Chinese numerals (一, 十二, 二十一)."""
    tens, ones = divmod(n, 10)
    return (_CN[tens] if tens > 1 else "") + ("十" if tens else "") + (_CN[ones] if ones else "")


def make_txt(size: int) -> bytes:
    return _fill(_cycle(_report_lines()), size)


def make_txt_line(size: int) -> bytes:
    return _fill(_cycle(_report_lines(), ""), size)


def make_txt_short(size: int) -> bytes:
    return _fill(lambda i: f"第{i}项工作稳步推进\n", size)


def make_txt_repeat(size: int) -> bytes:
    line = "海珠区坚持稳中求进工作总基调，推动经济社会高质量发展取得新成效。\n"  # 97 bytes
    return _fill(lambda i: line, size, head="海珠区政府工作报告\n")


def make_txt_heads(size: int) -> bytes:
    def unit(i: int) -> str:
        a, b, c = i // 100 % 10 + 1, i // 10 % 10 + 1, i % 10 + 1
        return (f"{_cn(a)}、第{i}部分工作\n" if i % 100 == 0 else "") + (
            f"（{_cn(b)}）推进第{i}项任务\n" if i % 10 == 0 else ""
        ) + f"{c}．落实第{i}项举措\n全面完成年度目标任务。\n"

    return _fill(unit, size, head="某区政府工作报告\n各位代表：\n")


def make_html(size: int) -> bytes:
    lines = _report_lines()
    line = _cycle(lines, "")
    chrome = '<nav><a href="/">首页</a><a href="/a">新闻</a></nav><ul class="related">' + "".join(
        f'<li><a href="/e{k}">词条{k}</a></li>' for k in range(8)
    ) + "</ul>"
    return _fill(
        lambda i: f"<p>{line(i)}</p>\n" + (chrome if i % 200 == 0 else ""),
        size,
        head='<!DOCTYPE html><html><head><meta charset="utf-8"><title>报告</title></head><body><main>',
        tail="</main></body></html>",
    )


def make_html_deep(size: int) -> bytes:
    depth = (size - 60) // 11
    text = "<div>" * depth + "正文" + "</div>" * depth
    return f"<html><body>{text}</body></html>".encode()


def make_md(size: int) -> bytes:
    lines = _report_lines()

    def unit(i: int) -> str:
        ln = _vary(lines[i % len(lines)], i // len(lines))
        if i % 40 == 0:
            return f"\n## {ln[:20]}\n\n"
        if i % 7 == 0:
            return f"- **{ln[:6]}**{ln[6:]}\n"
        return f"\n{ln}\n"

    return _fill(unit, size, head="# 政府工作报告\n\n")


def make_md_table(size: int) -> bytes:
    def row(i: int) -> str:
        return "| " + " | ".join(f"项{i}.{k}" for k in range(8)) + " |\n"

    head = "# 统计表\n\n| " + " | ".join(f"列{k}" for k in range(8)) + " |\n|" + "---|" * 8 + "\n"
    return _fill(row, size, head=head)


def make_docx(size: int) -> bytes:
    """Report paragraphs as a DOCX whose *file* is about ``size`` bytes (calibrated once).

    python-docx makes the package (styles, settings, relationships); the paragraphs go
    into its ``word/document.xml`` as XML text, because ``add_paragraph`` searches the
    body for the section properties on every call — building 100,000 paragraphs that way
    is quadratic and took longer than reading them.
    """
    import zipfile
    from xml.sax.saxutils import escape

    import docx

    lines = _report_lines()
    buf = io.BytesIO()
    d = docx.Document()
    d.add_paragraph("@@BODY@@")
    d.save(buf)
    template = buf.getvalue()

    def build(n: int) -> bytes:
        paras = "".join(
            f"<w:p><w:r><w:t>{escape(_vary(lines[i % len(lines)], i // len(lines)))}</w:t></w:r></w:p>"
            for i in range(n)
        )
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(template)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for item in src.infolist():
                data = src.read(item.filename)
                if item.filename == "word/document.xml":
                    text = data.decode("utf-8")
                    at = text.index("@@BODY@@")
                    p_open, p_close = text.rfind("<w:p>", 0, at), text.index("</w:p>", at) + len("</w:p>")
                    if p_open < 0:
                        p_open = text.rfind("<w:p ", 0, at)
                    data = (text[:p_open] + paras + text[p_close:]).encode("utf-8")
                dst.writestr(item, data)
        return out.getvalue()

    probe = 2000
    per = (len(build(probe)) - len(build(0))) / probe
    return build(max(1, int((size - len(build(0))) / per)))


SHAPES: dict[str, tuple[str, Callable[[int], bytes]]] = {
    "txt": (".txt", make_txt),
    "txt-line": (".txt", make_txt_line),
    "txt-short": (".txt", make_txt_short),
    "txt-repeat": (".txt", make_txt_repeat),
    "txt-heads": (".txt", make_txt_heads),
    "html": (".html", make_html),
    "html-deep": (".html", make_html_deep),
    "md": (".md", make_md),
    "md-table": (".md", make_md_table),
    "docx": (".docx", make_docx),
}


def _rss_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def child(path: str, writers: list[str], brief: bool) -> None:
    """Run the stages on ``path``; one JSON line per stage on stdout, flushed as it ends."""
    from doctools.brief import make_brief
    from doctools.clean import clean
    from doctools.convert import to_simplified
    from doctools.errors import DoctoolsError
    from doctools.readers import read_path
    from doctools.writers import write

    def emit(stage: str, seconds: float, **extra: object) -> None:
        print(json.dumps({"stage": stage, "s": seconds, "rss_kb": _rss_kb(), **extra}), flush=True)

    # every stage once on a small text: lazy imports, tables and fonts load before the baseline
    warm = Path(path).parent / "warm-up.txt"
    warm.write_bytes(make_txt(20_000))
    warm_doc = to_simplified(clean(read_path(warm)))
    for fmt in writers:
        write(warm_doc, warm.with_suffix(f".{fmt}"))
    if brief:
        try:
            make_brief(warm_doc)
        except DoctoolsError:
            pass
    emit("start", 0.0)
    doc = None
    for stage in CORE:
        t = time.process_time()
        try:
            if stage == "read":
                doc = read_path(path)
            elif stage == "clean":
                assert doc is not None
                doc = clean(doc)
            else:
                assert doc is not None
                doc = to_simplified(doc)
        except DoctoolsError as exc:
            emit(stage, time.process_time() - t, error=str(exc))
            return
        assert doc is not None
        emit(stage, time.process_time() - t, blocks=len(doc.blocks), edits=len(doc.edits))
    assert doc is not None
    out = Path(path).parent
    for fmt in writers:
        t = time.process_time()
        try:
            write(doc, out / f"out.{fmt}")
            emit(f"write.{fmt}", time.process_time() - t)
        except DoctoolsError as exc:
            emit(f"write.{fmt}", time.process_time() - t, error=str(exc))
    if brief:
        t = time.process_time()
        try:
            make_brief(doc)
            emit("brief", time.process_time() - t)
        except DoctoolsError as exc:
            emit("brief", time.process_time() - t, error=str(exc))


def run_case(path: Path, writers: list[str], brief: bool, timeout: float) -> dict[str, dict[str, object]]:
    """Stage → its JSON record; a stage cut off by the timeout is recorded as such."""
    cmd = [sys.executable, __file__, "--child", str(path), "--writers", ",".join(writers)]
    if not brief:
        cmd.append("--no-brief")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        err = f"killed after {timeout:.0f} s"
    records = {r["stage"]: r for r in map(json.loads, out.splitlines()) if r}
    if proc.returncode != 0:
        last = (err.strip().splitlines() or ["?"])[-1]
        records["failed"] = {"stage": "failed", "error": last[:200]}
    return records


def _fmt_time(s: float) -> str:
    return f"{s:7.2f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="0.5,1,2,4", help="input sizes in MB (comma-separated)")
    ap.add_argument("--shapes", default=",".join(SHAPES), help=f"of {', '.join(SHAPES)}")
    ap.add_argument("--writers", default="pdf", help="writers for the Simplified edition: pdf, docx, pdf,docx or none")
    ap.add_argument("--no-brief", action="store_true", help="skip the brief")
    ap.add_argument("--timeout", type=float, default=300, help="seconds per case before it is killed")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    writers = [w for w in args.writers.split(",") if w and w != "none"]
    if args.child:
        child(args.child, writers, not args.no_brief)
        return
    sizes = [float(s) for s in args.sizes.split(",")]
    shapes = [s for s in args.shapes.split(",") if s]
    unknown = set(shapes) - set(SHAPES)
    if unknown:
        ap.error(f"unknown shape(s): {', '.join(sorted(unknown))}")
    stages = [*CORE, "core", *(f"write.{w}" for w in writers), *([] if args.no_brief else ["brief"])]
    print(f"stress: sizes {sizes} MB; CPU time in s (s/MB); "
          "memory = peak RSS above the child's warm-up, MB per input MB")
    worst_peak = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for shape in shapes:
            suffix, make = SHAPES[shape]
            rows: list[tuple[float, dict[str, float], float, float, str]] = []
            for mb in sizes:
                path = Path(tmp) / f"{shape}-{mb}{suffix}"
                data = make(int(mb * MB))
                path.write_bytes(data)
                real_mb = len(data) / MB
                rec = run_case(path, writers, not args.no_brief, args.timeout)
                path.unlink()
                times = {k: float(r["s"]) for k, r in rec.items() if "s" in r and k != "start"}
                if all(k in times for k in CORE):
                    times["core"] = sum(times[k] for k in CORE)
                base = float(rec.get("start", {}).get("rss_kb", 0)) / 1024
                core_peak = max((float(rec[k]["rss_kb"]) / 1024 for k in CORE if k in rec), default=base)
                peak = max((float(r["rss_kb"]) / 1024 for r in rec.values() if "rss_kb" in r), default=base)
                worst_peak = max(worst_peak, peak)
                notes = "; ".join(f"{k}: {str(r['error'])[:90]}" for k, r in rec.items() if "error" in r)
                # the high-water mark after each stage, as growth over the previous stage's
                level, grown = base, []
                for st in (s for s in stages if s != "core"):
                    if st in rec and "rss_kb" in rec[st]:
                        now = float(rec[st]["rss_kb"]) / 1024
                        grown.append(f"{st.removeprefix('write.')}+{max(0.0, now - level):.0f}")
                        level = max(level, now)
                rows.append((real_mb, times, core_peak - base, peak, notes))
                cells = "  ".join(
                    f"{st} {_fmt_time(times[st])} ({times[st] / real_mb:6.2f})" if st in times else f"{st}    -   "
                    for st in stages
                )
                print(f"{shape:10} {real_mb:5.2f} MB  {cells}  core mem {(core_peak - base) / real_mb:6.1f}/MB"
                      f"  peak {peak:6.0f} MB (base {base:.0f}, {' '.join(grown)})"
                      f"{'  ! ' + notes if notes else ''}", flush=True)
            if len(rows) >= 2:
                (mb0, t0, m0, _, _), (mb1, t1, m1, _, _) = rows[0], rows[-1]
                ratio = mb1 / mb0
                growth = "  ".join(
                    f"{st} {t1[st] / t0[st] / ratio:5.2f}" for st in stages if st in t0 and st in t1 and t0[st] > 0.02
                )
                mem = f"  core mem {m1 / m0 / ratio:5.2f}" if m0 > 5 else ""
                print(f"{shape:10} growth ({mb1:.1f} MB vs {mb0:.1f} MB, 1.0 = linear): {growth}{mem}", flush=True)
    print(f"largest peak RSS of any case: {worst_peak:.0f} MB")


if __name__ == "__main__":
    os.environ.setdefault("DOCTOOLS_FONT_CACHE", "1")
    main()
