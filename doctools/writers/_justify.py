"""Whole-paragraph line fitting with CJK justification as W3C CLREQ (§3.1.7, §3.2) describes it.

Why not greedy: a greedy fill that meets an unbreakable unit (“1+18+N”, 习近平, 2405.16亿元)
near a line end must spread the whole gap over that one line (0.23 em between characters
was measured). Here every line of a paragraph is chosen together (a shortest path over the
legal break points, as Knuth and Plass do for TeX), and each line is adjusted in CLREQ's
order:

1. adjacent punctuation pairs are always set tighter (。“ ”， ）。 take 1.5 em, not 2), and
   an opening mark that starts a line (not the paragraph) loses its empty half;
2. a line that is too long first compresses its line-end punctuation to half width, then
   the blank halves of punctuation inside the line;
3. a line that is too short spreads the rest over its character gaps, at most
   ``cap_em`` (0.1 em) per gap; a line needing more costs so much that the fitter pushes
   characters from earlier lines down instead (or pulls them up by compression), and
   when nothing helps (a long unbreakable number follows) the cap still holds and the
   rest stays blank at the line's end;
4. a last line of fewer than ``min_last`` (3) visible characters costs as much, so a
   character is pulled down to it.

Latin text (English editions) stretches and shrinks at spaces instead, with a cubic cost
so spacing stays even from line to line, and may break inside a word at a hyphenation
point (``_hyphen``) for a price. Everything here is
pure arithmetic on per-character advances and compressible blanks (measured from the font
by the caller); :func:`place` gives each glyph's x position on its line.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from doctools.writers.kinsoku import Line, break_lines, is_cjk

_INF = float("inf")
_EPS = 1e-6
_HYPHEN = 50.0  # a hyphenated line costs as much as a rather loose one
_SHORT_LAST = 100000.0  # a last line under min_last characters: worse than a line left ragged before an
# unbreakable span (the cap keeps a loose line short, not spread), so only impossible cases keep one


@dataclass
class Metrics:
    """A paragraph's characters as the fitter sees them (lengths in points).

    ``lcap``/``rcap``: how much of the blank left/right of a glyph may be removed
    (punctuation's empty half; a space's shrink in Latin text). ``breakable[i]``: a line
    may start at ``i``. ``em``: the paragraph's body size, the unit of the caps.
    """

    text: str
    width: Sequence[float]
    lcap: Sequence[float]
    rcap: Sequence[float]
    breakable: Sequence[bool]
    em: float
    latin: bool = False  # English: stretch and shrink at spaces, not between letters
    cap_em: float = 0.1
    max_latin_em: float = 1.0  # the most a word space may grow in Latin text
    min_last: int = 3
    hyphens: Sequence[int] = ()  # where a Latin word may break with a hyphen (``_hyphen.points``)
    hyphen_width: float = 0.0  # the hyphen's advance

    def __post_init__(self) -> None:
        text, n = self.text, len(self.text)
        lcap, rcap = self.lcap, self.rcap
        # adjacent punctuation marks: the pair's blank is taken from the left mark first
        self.pr_r = [0.0] * n
        self.pr_l = [0.0] * n
        for k in range(1, n):
            a, b = rcap[k - 1], lcap[k]
            if (a or b) and _is_mark(text[k - 1]) and _is_mark(text[k]):
                red = min(0.5 * self.em, a + b)
                self.pr_r[k - 1] = min(a, red)
                self.pr_l[k] = red - self.pr_r[k - 1]
        space = [ch.isspace() for ch in text]
        cjk = [is_cjk(ch) for ch in text]
        self.stretchy = [False] * (n + 1)
        for k in range(1, n):
            if space[k - 1]:
                self.stretchy[k] = not space[k]
            elif not self.latin and not space[k] and (cjk[k - 1] or cjk[k]):
                self.stretchy[k] = True
        # prefix sums: natural width, pair reductions per boundary, mid-line squeeze, gaps
        pr_r, pr_l = self.pr_r, self.pr_l
        reds = [0.0] + [pr_r[i - 1] + pr_l[i] for i in range(1, n)]
        mid = [max(0.0, rcap[i] - pr_r[i]) + max(0.0, lcap[i] - pr_l[i]) for i in range(n)]
        self.N = [0.0, *itertools.accumulate(self.width)]
        self.B = [0.0, *itertools.accumulate(reds)]
        self.M = [0.0, *itertools.accumulate(mid)]
        self.G = [0, *itertools.accumulate(self.stretchy[:n])]
        self.V = [0, *itertools.accumulate(0 if sp else 1 for sp in space)]  # visible characters
        self.first = next((i for i, sp in enumerate(space) if not sp), n)
        self.hyph = [False] * (n + 1)
        for i in self.hyphens:
            if 0 < i < n:
                self.hyph[i] = True
        self.trim = list(range(n + 1))  # end of a line broken before k, trailing spaces dropped
        for k in range(1, n + 1):
            if space[k - 1]:
                self.trim[k] = self.trim[k - 1]


def _is_mark(ch: str) -> bool:
    return not ch.isspace() and not ch.isalnum()


@dataclass(frozen=True)
class _Fit:
    width: float  # with pair reductions, before any squeeze or stretch
    slack: float  # measure - width (negative: squeeze needed)
    end_cap: float
    mid_cap: float
    gaps: int


def _fit(m: Metrics, i: int, k: int, measure: float) -> _Fit:
    e = m.trim[k]
    if e <= i:
        return _Fit(0.0, measure, 0.0, 0.0, 0)
    width = m.N[e] - m.N[i] - (m.B[e] - m.B[i + 1] if e > i + 1 else 0.0)
    if m.hyph[k]:
        width += m.hyphen_width
    if i > m.first:  # an opening mark starting a line (not the paragraph) loses its blank half
        width -= m.lcap[i]
    # the line's first and last characters keep their outer blanks for the edges
    mid = m.M[e - 1] - m.M[i + 1] if e - 1 > i + 1 else 0.0
    end_cap = m.rcap[e - 1]  # the line-end mark's blank (its pair partner is on the next line)
    gaps = m.G[e] - m.G[i + 1] if e > i + 1 else 0
    return _Fit(width, measure - width, end_cap, mid, gaps)


def _cost(m: Metrics, f: _Fit, last: bool, visible: int, first: bool) -> float:
    em = m.em
    cap = (0.33 if m.latin else m.cap_em) * em
    if f.slack >= -_EPS:
        if last:
            short = visible < m.min_last and not first and m.V[-1] >= m.min_last
            return _SHORT_LAST if short else 0.0
        if f.gaps == 0:
            return 0.0 if f.slack <= _EPS else 50000.0 + f.slack
        per = f.slack / f.gaps
        if per <= cap + _EPS:
            if m.latin:  # TeX's badness: a space stretched by half its width (1/8 em) scores 100
                return 10.0 + 100.0 * (per / (0.125 * em)) ** 3
            return 10.0 + 100.0 * (per / cap) ** 2
        return 10000.0 + 10000.0 * (per - cap) / em
    need = -f.slack
    if need <= f.end_cap + _EPS:
        return 10.0 + 10.0 * need / em
    if need <= f.end_cap + f.mid_cap + _EPS:
        return 20.0 + 400.0 * (need - f.end_cap) / em
    return _INF


def fit(m: Metrics, first_width: float, width: float) -> list[Line]:
    """The best set of lines for the paragraph (see the module docstring).

    Most paragraphs are set well by filling each line as far as it goes (compression
    included): that is tried first and kept when every line honours the cap and the last
    line is long enough; the whole-paragraph search runs only for the others.
    """
    n = len(m.text)
    start = m.first
    if start >= n:
        return []
    if not m.latin:  # Latin text: always the whole-paragraph search (even spaces, hyphens)
        quick = _greedy(m, start, first_width, width)
        if quick is not None:
            return quick
    order = [start, *(i for i in range(start + 1, n) if m.breakable[i] or m.hyph[i])]
    norder = [m.N[i] for i in order]
    best: dict[int, float] = {start: 0.0}
    prev: dict[int, int] = {}
    window = 3.0 * m.em if not m.latin else 0.35 * width
    longest = max(first_width, width)
    for idx_k, k in enumerate([*order[1:], n], start=1):
        last = k == n
        # lines from order[:hi] are long enough to be set tight; the rest are loose, tried
        # for a last line or when nothing tight fits (a long unbreakable word follows)
        hi = bisect.bisect_right(norder, m.N[k] - (longest - window), 0, idx_k)
        best_k, arg = _INF, -1
        for j in range(idx_k - 1, -1, -1):
            loose = j >= hi
            if loose and not last:
                continue
            i = order[j]
            f = _fit(m, i, k, first_width if i == start else width)
            c = _cost(m, f, last, m.V[m.trim[k]] - m.V[i], i == start) + (_HYPHEN if m.hyph[k] else 0.0)
            if c < _INF and i in best and c + best[i] < best_k:
                best_k, arg = c + best[i], i
            if not loose and f.slack + f.end_cap + f.mid_cap < -m.em:
                break  # longer lines only get worse
        if arg < 0:
            for j in range(idx_k - 1, hi - 1, -1):
                i = order[j]
                f = _fit(m, i, k, first_width if i == start else width)
                c = _cost(m, f, last, m.V[m.trim[k]] - m.V[i], i == start) + (_HYPHEN if m.hyph[k] else 0.0)
                if c < _INF and i in best and c + best[i] < best_k:
                    best_k, arg = c + best[i], i
        if arg >= 0:
            best[k] = best_k
            prev[k] = arg
    if n not in prev:
        return break_lines(m.text, m.width, first_width, width, m.breakable)
    cuts = [n]
    while cuts[-1] != start:
        cuts.append(prev[cuts[-1]])
    cuts.reverse()
    lines = []
    for a, b in itertools.pairwise(cuts):
        measure = first_width if a == start else width
        f = _fit(m, a, b, measure)
        lines.append(_adjusted(m, a, b, f, b == n))
    return lines


def _greedy(m: Metrics, start: int, first_width: float, width: float) -> list[Line] | None:
    """Lines filled as far as they go (squeezing when that lets a break fit), or None when
    one of them would need more than the cap or the last line is short."""
    n = len(m.text)
    order = [i for i in range(start + 1, n) if m.breakable[i]] + [n]
    norder = [m.N[k] for k in order]
    lines: list[Line] = []
    i = start
    while i < n:
        measure = first_width if i == start else width
        j = bisect.bisect_right(norder, m.N[i] + measure + m.em) - 1  # a little beyond: squeezes
        j = min(max(j, bisect.bisect_right(order, i)), len(order) - 1)
        # the cheapest of the squeezed fits and the first line that needs no squeeze (a
        # local choice; compression is not taken just because it lets one more in)
        chosen: tuple[float, int, _Fit] | None = None
        while j >= 0 and order[j] > i:
            k = order[j]
            f = _fit(m, i, k, measure)
            cost = _cost(m, f, k == n, m.V[m.trim[k]] - m.V[i], i == start)
            if cost < _INF and (chosen is None or cost < chosen[0]):
                chosen = (cost, k, f)
            if f.slack >= -_EPS:
                break
            j -= 1
        if chosen is None or chosen[0] >= 10000.0:
            return None  # nothing fits, over the cap, or a short last line: the search decides
        _, k, f = chosen
        lines.append(_adjusted(m, i, k, f, k == n))
        i = k
    return lines


def _adjusted(m: Metrics, i: int, k: int, f: _Fit, last: bool) -> Line:
    stretch = end = mid = 0.0
    if f.slack >= 0:
        if not last and f.gaps:  # never beyond the cap: the rest stays at the line's end
            stretch = min(f.slack / f.gaps, (m.max_latin_em if m.latin else m.cap_em) * m.em)
    else:
        need = -f.slack
        end = min(need, f.end_cap)
        rest = need - end
        mid = min(1.0, rest / f.mid_cap) if f.mid_cap > 0 else 0.0
    width = f.width - end - mid * f.mid_cap + stretch * f.gaps
    return Line(i, k, width, last, stretch=stretch, squeeze_end=end, squeeze_mid=mid, hyphen=m.hyph[k])


def place(m: Metrics, line: Line) -> tuple[list[float], list[float], list[float]]:
    """For each glyph ``line.start ..`` trimmed end: its x from the line's left edge, and
    how much was taken from its left and right blank (the writer draws a compressed mark
    from a half-width companion glyph, so extracted text never overlaps)."""
    i, e = line.start, m.trim[line.end]
    xs: list[float] = []
    lcs: list[float] = []
    rcs: list[float] = []
    x = 0.0
    for c in range(i, e):
        inner = i < c < e - 1
        left = m.pr_l[c] if c > i else (m.lcap[c] if c > m.first else 0.0)
        if inner:
            left += line.squeeze_mid * max(0.0, m.lcap[c] - m.pr_l[c])
        if c == e - 1:
            right = line.squeeze_end
        else:
            right = m.pr_r[c] + (line.squeeze_mid * max(0.0, m.rcap[c] - m.pr_r[c]) if inner else 0.0)
        xs.append(x - left)
        lcs.append(left)
        rcs.append(right)
        x += m.width[c] - left - right
        if c + 1 < e and m.stretchy[c + 1]:
            x += line.stretch
    return xs, lcs, rcs


__all__ = ["Metrics", "fit", "place"]
