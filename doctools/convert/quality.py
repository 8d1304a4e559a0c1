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
    return difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


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


def damaged(base_lines: Sequence[str], hyp_lines: Sequence[str], ref_lines: Sequence[str]) -> list[tuple[str, str, str]]:
    """Correct words a converter broke: spans where ``base`` (plain t2s) already equals the
    reference and ``hyp`` changed them. Returns ``(was, became, context)`` triples."""
    out: list[tuple[str, str, str]] = []
    for base, hyp, ref in zip(base_lines, hyp_lines, ref_lines, strict=True):
        if base == hyp:
            continue
        correct = [False] * (len(base) + 1)
        for op, i1, i2, _j1, _j2 in _opcodes(base, ref):
            if op == "equal":
                for k in range(i1, i2):
                    correct[k] = True
        for op, i1, i2, j1, j2 in _opcodes(base, hyp):
            if op == "equal":
                continue
            span = range(i1, i2) if i2 > i1 else range(i1, i1 + 1)
            if all(correct[k] for k in span if k < len(base)) and i1 < len(base):
                out.append((base[i1:i2], hyp[j1:j2], base[max(0, i1 - 6) : i2 + 6]))
    return out


__all__ = ["Score", "damaged", "edit_distance", "levenshtein", "score"]
