"""Measuring an edition against the true original: character error rate and damaged words.

Used by ``benchmarks/convert_quality.py`` and the quality tests. Texts are compared line
by line (evaluation pairs are line-aligned); within a line, ``difflib`` finds the changed
regions and each region's exact Levenshtein distance is summed, which is exact for the
sparse differences of a conversion and fast on long lines.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass


def levenshtein(a: str, b: str) -> int:
    """Exact edit distance (insertions, deletions, substitutions) of two short strings."""
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _opcodes(a: str, b: str) -> list[tuple[str, int, int, int, int]]:
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return [(tag, i1, i2, j1, j2) for tag, i1, i2, j1, j2 in ops]


def edit_distance(hyp: str, ref: str) -> int:
    """Edit distance of ``hyp`` to ``ref`` via diff regions (see module docstring)."""
    if hyp == ref:
        return 0
    return sum(levenshtein(hyp[i1:i2], ref[j1:j2]) for op, i1, i2, j1, j2 in _opcodes(hyp, ref) if op != "equal")


@dataclass(frozen=True)
class Score:
    """Errors, reference length and the differing spans ``(hyp, ref, context)``."""

    errors: int
    chars: int
    spans: tuple[tuple[str, str, str], ...]

    @property
    def cer(self) -> float:
        return self.errors / self.chars if self.chars else 0.0


def score(hyp_lines: Sequence[str], ref_lines: Sequence[str]) -> Score:
    """CER of line-aligned texts (ValueError when the line counts differ)."""
    if len(hyp_lines) != len(ref_lines):
        raise ValueError(f"line counts differ: {len(hyp_lines)} vs {len(ref_lines)}")
    errors = 0
    spans: list[tuple[str, str, str]] = []
    for h, r in zip(hyp_lines, ref_lines, strict=True):
        if h == r:
            continue
        for op, i1, i2, j1, j2 in _opcodes(h, r):
            if op != "equal":
                errors += levenshtein(h[i1:i2], r[j1:j2])
                spans.append((h[i1:i2], r[j1:j2], r[max(0, j1 - 6) : j2 + 6]))
    return Score(errors, sum(len(r) for r in ref_lines), tuple(spans))


def _changes(base: str, hyp: str) -> list[tuple[int, int, int, int]]:
    """Regions where ``hyp`` differs from ``base``; regions closer than 2 chars are merged
    (difflib splits 网际网路→互联网 into several opcodes)."""
    out: list[list[int]] = []
    for op, i1, i2, j1, j2 in _opcodes(base, hyp):
        if op == "equal":
            continue
        if out and i1 - out[-1][1] < 2 and j1 - out[-1][3] < 2:
            out[-1][1], out[-1][3] = i2, j2
        else:
            out.append([i1, i2, j1, j2])
    return [(a, b, c, d) for a, b, c, d in out]


def damaged(
    base_lines: Sequence[str], hyp_lines: Sequence[str], ref_lines: Sequence[str]
) -> list[tuple[str, str, str]]:
    """Changes a converter made on top of plain ``t2s`` (``base``) that made the text
    *worse*: applying that one change alone raises the edit distance to the reference.
    A change of a correct word is the typical case (指标→指针). Returns ``(was, became,
    context)`` triples."""
    out: list[tuple[str, str, str]] = []
    for base, hyp, ref in zip(base_lines, hyp_lines, ref_lines, strict=True):
        if base == hyp:
            continue
        d0 = edit_distance(base, ref)
        for i1, i2, j1, j2 in _changes(base, hyp):
            alone = base[:i1] + hyp[j1:j2] + base[i2:]
            if edit_distance(alone, ref) > d0:
                out.append((base[i1:i2], hyp[j1:j2], base[max(0, i1 - 6) : i2 + 6]))
    return out


__all__ = ["Score", "damaged", "edit_distance", "levenshtein", "score"]
