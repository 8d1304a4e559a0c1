"""Benchmark: how much of a new work report a memory of earlier years covers, and how well.

What it does (leave-one-year-out on ``tests/data/tm/GR<year>.tmx``, the State Council's
reports with their official English, see tests/data/tm/SOURCES.md):

  for each year: a fresh memory is filled with the OTHER years' TMX (``Memory.add_units``),
  and every unit of the held-out year is looked up as ``translate_document`` does it
  (:class:`doctools.translate.tm_match.Matcher`: exact, then fuzzy on masked sources with
  numbers/dates/terms repaired). Printed per year and on average:

  * the share of segments, and of source characters, matched exact / ≥ 95 / ≥ 85 / ≥ 75
    (cumulative bands: "≥ 95" includes exact and repaired matches);
  * chrF (sacrebleu's corpus chrF, β = 2, character 6-grams) of the memory English, after
    repair, against the official English of the held-out year, over the matched segments of
    each band; and for the repaired matches, chrF before repair (what repair is worth);
  * the index against a full scan of the memory with the same scorer: how often the index
    finds the scan's best score, and the time of each (a ratio in the same run).

Then, as a translator meets it, each year against a memory of the earlier years only.

Usage: ``python benchmarks/tm_coverage.py``. The last line is the mean share of characters
covered at ≥ 85 (the default ``tm_min``).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rapidfuzz import process  # noqa: E402
from rapidfuzz.distance import Levenshtein  # noqa: E402

from doctools.translate.glossary import load_glossary  # noqa: E402
from doctools.translate.memory import Memory, Unit, normalise_source  # noqa: E402
from doctools.translate.tm_match import Match, Matcher, similarity  # noqa: E402
from doctools.translate.tm_repair import masked  # noqa: E402
from doctools.translate.tmx import read_tmx  # noqa: E402

DATA = ROOT / "tests" / "data" / "tm"
BANDS = (("exact", 100), ("≥95", 95), ("≥85", 85), ("≥75", 75))


def chrf(hyps: list[str], refs: list[str]) -> float:
    from sacrebleu.metrics import CHRF

    return float(CHRF().corpus_score(hyps, [refs]).score) if hyps else float("nan")


def in_band(m: Match | None, name: str, low: int) -> bool:
    if m is None:
        return False
    return m.kind == "exact" if name == "exact" else m.score >= low


@dataclass
class YearResult:
    year: int
    segments: int
    chars: int
    seg_share: dict[str, float] = field(default_factory=dict)
    char_share: dict[str, float] = field(default_factory=dict)
    chrf: dict[str, float] = field(default_factory=dict)
    repaired: int = 0
    chrf_repaired_before: float = float("nan")
    chrf_repaired_after: float = float("nan")
    agree: int = 0
    probed: int = 0
    index_s: float = 0.0
    scan_s: float = 0.0


def run_year(held: int, data: dict[int, list[Unit]], folder: Path, earlier_only: bool = False) -> YearResult:
    gl = load_glossary()
    with Memory(folder / f"loo-{held}-{earlier_only}.sqlite3") as mem:
        for y, units in data.items():
            if y != held and (y < held or not earlier_only):
                mem.add_units(units)
        units = data[held]
        sources = [u.source for u in units]
        matcher = Matcher(mem, gl)
        _ = matcher.index  # built once per memory (not part of the per-segment time)
        t0 = time.perf_counter()
        matches = matcher.lookup(sources)
        index_s = time.perf_counter() - t0
        idx = matcher.index
        t0 = time.perf_counter()
        scan_best = []
        for s in sources:  # the baseline: rapidfuzz scores every memory entry in C++ (same masking and scorer)
            q = masked(normalise_source(s), gl)
            best = process.extractOne(q, idx.masked, scorer=Levenshtein.normalized_similarity)
            scan_best.append(similarity(q, best[0]) if best else 0)
        scan_s = time.perf_counter() - t0
    res = YearResult(held, len(units), sum(len(s) for s in sources), index_s=index_s, scan_s=scan_s)
    for q_src, best in zip(sources, scan_best, strict=True):
        if best >= 75:
            res.probed += 1
            qm = masked(normalise_source(q_src), gl)
            got = max((similarity(qm, idx.masked[p]) for p in idx.candidates(qm)), default=0)
            res.agree += got == best
    for name, low in BANDS:
        hit = [i for i, m in enumerate(matches) if in_band(m, name, low)]
        res.seg_share[name] = len(hit) / len(units)
        res.char_share[name] = sum(len(sources[i]) for i in hit) / res.chars
        res.chrf[name] = chrf([matches[i].target for i in hit if matches[i]], [units[i].target for i in hit])
    rep = [i for i, m in enumerate(matches) if m is not None and m.changed and m.score >= 85]
    res.repaired = len(rep)
    if rep:
        res.chrf_repaired_before = chrf([matches[i].memory_target for i in rep if matches[i]],
                                        [units[i].target for i in rep])
        res.chrf_repaired_after = chrf([matches[i].target for i in rep if matches[i]], [units[i].target for i in rep])
    return res


def main() -> None:
    years = sorted(int(p.stem[2:]) for p in DATA.glob("GR*.tmx"))
    data = {y: read_tmx(DATA / f"GR{y}.tmx") for y in years}
    print(f"memory: leave-one-year-out over {len(years)} reports ({', '.join(map(str, years))}); "
          f"{sum(len(v) for v in data.values())} units")
    results: list[YearResult] = []
    with tempfile.TemporaryDirectory() as tmp:
        for y in years:
            results.append(run_year(y, data, Path(tmp)))
    head = " | ".join(f"{n:>5}" for n, _ in BANDS)
    print(f"\n{'year':>6} {'segs':>5} | segments {head} | characters {head}")
    for r in results:
        segs = " | ".join(f"{r.seg_share[n]:5.1%}" for n, _ in BANDS)
        chars = " | ".join(f"{r.char_share[n]:5.1%}" for n, _ in BANDS)
        print(f"{r.year:>6} {r.segments:>5} | segments {segs} | characters {chars}")
    mean_seg = " | ".join(f"{statistics.mean(r.seg_share[n] for r in results):5.1%}" for n, _ in BANDS)
    mean_chr = " | ".join(f"{statistics.mean(r.char_share[n] for r in results):5.1%}" for n, _ in BANDS)
    print(f"{'mean':>6} {'':>5} | segments {mean_seg} | characters {mean_chr}")
    print(f"\nchrF of the memory English (after repair) against the official English, matched segments "
          f"per band\n{'year':>6} | {head} | repaired (≥85): n, chrF before → after")
    for r in results:
        cells = " | ".join(f"{r.chrf[n]:5.1f}" for n, _ in BANDS)
        print(f"{r.year:>6} | {cells} | {r.repaired:3d}, {r.chrf_repaired_before:5.1f} → {r.chrf_repaired_after:5.1f}")
    cells = " | ".join(f"{statistics.mean(r.chrf[n] for r in results):5.1f}" for n, _ in BANDS)
    print(f"{'mean':>6} | {cells}")
    agree, probed = sum(r.agree for r in results), sum(r.probed for r in results)
    ix, sc = sum(r.index_s for r in results), sum(r.scan_s for r in results)
    print(f"\nindex vs full scan: best score found for {agree}/{probed} segments with a match ≥ 75 in the scan; "
          f"lookup {ix:.2f} s (index, grading and repair included) vs {sc:.2f} s (C++ scan, best score only): "
          f"{sc / ix:.1f}×")
    with tempfile.TemporaryDirectory() as tmp:
        forward = [run_year(y, data, Path(tmp), earlier_only=True) for y in years[1:]]
    print("\nas a translator meets it: memory of the EARLIER years only, share of characters ≥ 85 / chrF ≥ 85")
    print("  " + "; ".join(f"{r.year}: {r.char_share['≥85']:.1%} / {r.chrf['≥85']:.1f}" for r in forward))
    mean85 = statistics.mean(r.char_share["≥85"] for r in results)
    print(f"mean share of characters covered at >= 85%: {mean85:.1%}")


if __name__ == "__main__":
    main()
