"""PDF rendering speed: doctools' own PDF path vs LibreOffice converting our DOCX.

Baseline (same run, same machine): ``soffice --headless --convert-to pdf`` of the DOCX that
doctools writes for the same document (private fontconfig + fresh profile, as in the tests).
Measured, each as the median of N runs:

  A. in-process: the first ``pdf.write`` in a fresh interpreter, *including* font loading
     and reportlab/doctools imports (a subprocess that loads the saved model and renders);
  B. CLI end to end: ``doctools render MODEL.json -o OUT.pdf`` as a new process;
  C. LibreOffice: DOCX → PDF with a fresh profile (as the tests run it);
  D. LibreOffice: DOCX → PDF reusing one warmed-up profile (its fastest case).

doctools caches parsed font metrics (~/.cache/doctools/fonts, like fontconfig's cache); a
cold run (no cache, measured once as A0) is printed too. Prints the times and the ratios
(target: ≥ 3×; the conservative one is D/B). Usage:
``python benchmarks/render_speed.py [--runs 3] [--template official]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

EXAMPLE = ROOT / "examples" / "haizhu-2022.raw.txt"

_INPROCESS = """
import sys, time
t0 = time.perf_counter()
from doctools.pipeline import load
from doctools.writers import pdf
doc = load(sys.argv[1])
pdf.write(doc, sys.argv[2], template=sys.argv[3])
print(time.perf_counter() - t0)
"""


def _timed(cmd: list[str], **kw: object) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, **kw)  # type: ignore[call-overload]
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--template", default="official")
    args = ap.parse_args()

    from doctools.pipeline import load_clean
    from doctools.serialize import to_json
    from doctools.writers import docx
    from doctools.writers._soffice import convert_to_pdf

    doc = load_clean(EXAMPLE)
    try:  # the Simplified edition when the converter is there
        from doctools.convert import to_simplified

        doc = to_simplified(doc)
    except Exception:
        pass
    py = sys.executable
    doctools_cli = str(Path(py).with_name("doctools"))
    with tempfile.TemporaryDirectory(prefix="render-speed-") as tmp:
        t = Path(tmp)
        model = t / "example.json"
        model.write_text(to_json(doc), encoding="utf-8")
        docx_path = t / "example.docx"
        docx.write(doc, docx_path, template=args.template)
        cold_env = dict(os.environ, DOCTOOLS_CACHE=str(t / "cold-cache"))
        res = subprocess.run([py, "-c", _INPROCESS, str(model), str(t / "a0.pdf"), args.template],
                             check=True, capture_output=True, text=True, cwd=ROOT, env=cold_env)
        a0 = float(res.stdout.strip().splitlines()[-1])
        warm_profile = t / "lo-profile"
        convert_to_pdf(docx_path, t / "lo-warmup", profile=warm_profile)
        a, b, c, dd = [], [], [], []
        for i in range(args.runs):
            res = subprocess.run([py, "-c", _INPROCESS, str(model), str(t / f"a{i}.pdf"), args.template],
                                 check=True, capture_output=True, text=True, cwd=ROOT)
            a.append(float(res.stdout.strip().splitlines()[-1]))
            b.append(_timed([doctools_cli, "render", str(model), "-q", "-t", args.template,
                             "-o", str(t / f"b{i}.pdf")], cwd=ROOT))
            t0 = time.perf_counter()
            convert_to_pdf(docx_path, t / f"lo{i}")
            c.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            convert_to_pdf(docx_path, t / f"lw{i}", profile=warm_profile)
            dd.append(time.perf_counter() - t0)
    ma, mb, mc, md = (statistics.median(x) for x in (a, b, c, dd))
    print(f"document: {EXAMPLE.name} ({len(doc.blocks)} blocks, {doc.metadata.language}), "
          f"template {args.template}, median of {args.runs} runs")
    print(f"  A doctools PDF in-process (imports + font loading + layout): {ma:6.2f} s")
    print(f"  B doctools render CLI, new process:                         {mb:6.2f} s")
    print(f"  A0 same, cold font cache (one run):                          {a0:6.2f} s")
    print(f"  C LibreOffice DOCX -> PDF, fresh profile (baseline):        {mc:6.2f} s")
    print(f"  D LibreOffice DOCX -> PDF, warm reused profile:             {md:6.2f} s")
    print(f"  ratios: C/A = {mc / ma:.1f}x  C/B = {mc / mb:.1f}x  D/A = {md / ma:.1f}x  D/B = {md / mb:.1f}x  "
          f"C/A0 = {mc / a0:.1f}x   (target >= 3x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
