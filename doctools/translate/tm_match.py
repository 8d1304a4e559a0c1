"""Memory matches as CAT tools grade them: exact, then fuzzy by character similarity.

Grading: a fuzzy score is the Levenshtein similarity of the two sources, ``1 - distance /
longer length`` (OmegaT's and memoQ's measure; rapidfuzz computes it in C), on characters,
since Chinese has no spaces to count words by. Sources are compared *masked*: every number
is one private-use character and a glossary term as many, so a sentence that differs only in its
figures scores 100 and is then repaired (:mod:`doctools.translate.tm_repair`); when a
difference cannot be repaired, the match falls back to its raw, unmasked score. Scores are
floored to whole percent; 100 is an exact match (same normalised source) or a repaired one
(masked sources equal, every differing number or term put right in the English).

Bands (memoQ's): 100 exact, ≥ 95 nearly exact, 85–94 high, 75–84 medium, below: low.

Retrieval scales with an inverted index of character bigrams over the masked sources (kept
per process, rebuilt when the memory's human translations change): a query's rarest bigrams
vote for candidates (bigrams shared by more than a tenth of the memory are skipped while
rarer ones exist), the top :data:`CANDIDATES` by votes that pass the length bound (similarity
≤ shorter/longer) are scored exactly. ``benchmarks/tm_coverage.py`` checks the index
against a full scan (same best match) and times both.

Why rapidfuzz: the well-kept C++ implementation of Levenshtein/Indel distances and their
alignments (used for scoring here and for pairing placeables in the repair); a Python edit
distance would be ~100× slower per pair.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain

from rapidfuzz.distance import Levenshtein

from doctools.translate.glossary import Glossary
from doctools.translate.memory import Memory, Unit, normalise_source, source_key
from doctools.translate.tm_repair import masked, repair

CANDIDATES = 40
FLOOR = 75  # the lowest score a lookup reports (memoQ's lowest band)
BANDS = ((100, "exact"), (95, "nearly exact"), (85, "high"), (75, "medium"), (0, "low"))


def band(score: int) -> str:
    return next(name for low, name in BANDS if score >= low)


def similarity(a: str, b: str) -> int:
    """Whole-percent Levenshtein similarity; 100 only for equal strings."""
    if a == b:
        return 100
    return min(99, int(Levenshtein.normalized_similarity(a, b) * 100 + 1e-9))


def bigrams(text: str) -> set[str]:
    if len(text) < 2:
        return {text} if text else set()
    return {text[i:i + 2] for i in range(len(text) - 1)}


class FuzzyIndex:
    """Masked sources of a memory's human translations, with a bigram inverted index."""

    def __init__(self, entries: Iterable[tuple[int, str]], glossary: Glossary | None) -> None:
        self.rowids: list[int] = []
        self.masked: list[str] = []
        self.postings: dict[str, list[int]] = {}
        for rowid, source in entries:
            pos = len(self.rowids)
            m = masked(normalise_source(source), glossary)
            self.rowids.append(rowid)
            self.masked.append(m)
            for g in bigrams(m):
                self.postings.setdefault(g, []).append(pos)

    def __len__(self) -> int:
        return len(self.rowids)

    def candidates(self, query: str, floor: int = FLOOR) -> list[int]:
        """Positions of the entries most likely to score ≥ ``floor`` against ``query`` (masked)."""
        grams = sorted((g for g in bigrams(query) if g in self.postings), key=lambda g: len(self.postings[g]))
        if not grams:
            return []
        common = max(50, len(self) // 10)
        rare = [g for g in grams if len(self.postings[g]) <= common]
        use = rare if len(rare) >= 3 or len(rare) == len(grams) else grams[:max(3, len(rare))]
        votes = Counter(chain.from_iterable(self.postings[g] for g in use))
        lo, hi = len(query) * floor / 100, len(query) * 100 / max(1, floor)
        out: list[int] = []
        for pos, _ in votes.most_common():
            if lo <= len(self.masked[pos]) <= hi:
                out.append(pos)
                if len(out) >= CANDIDATES:
                    break
        return out

    def scan(self, query: str, floor: int = FLOOR) -> list[int]:
        """Every entry scoring ≥ ``floor`` (the baseline the index is measured against)."""
        return [i for i, m in enumerate(self.masked) if similarity(query, m) >= floor]


_INDEXES: dict[tuple[str, int, str], FuzzyIndex] = {}


def index_for(memory: Memory, glossary: Glossary | None) -> FuzzyIndex:
    """The memory's index, built once per process and memory generation."""
    k = (str(memory.path), memory.generation(), glossary.version() if glossary else "")
    idx = _INDEXES.get(k)
    if idx is None:
        for old in [x for x in _INDEXES if x[0] == k[0]]:
            del _INDEXES[old]
        idx = _INDEXES[k] = FuzzyIndex(((int(r), str(s)) for r, s, _ in memory.human()), glossary)
    return idx


@dataclass(frozen=True)
class Match:
    """A memory match for one source segment: the English to use and how it was graded."""

    kind: str  # "exact" | "repaired" | "fuzzy"
    score: int
    target: str  # the English after repair
    source: str  # the memory's source
    memory_target: str  # the memory's English as stored
    origin: str  # the memory unit's origin (imported | reviewed)
    changed: tuple[str, ...] = ()  # repairs made ("6.9% → 6.7%")
    refused: tuple[str, ...] = ()  # differences that could not be repaired
    missing: tuple[str, ...] = ()  # numbers/terms of the new source with no counterpart
    date: str = ""  # the memory unit's date (TMX form): the newer of two equal matches wins

    @property
    def band(self) -> str:
        return band(self.score)

    @property
    def label(self) -> str:
        if self.kind == "exact":
            return "TM exact"
        if self.kind == "repaired":
            return "TM repaired"
        return f"TM fuzzy {self.score}%" + (", repaired" if self.changed else "")


class Matcher:
    """Look segments up in a memory (exact, then fuzzy with repair); one per document or batch."""

    def __init__(self, memory: Memory, glossary: Glossary | None = None, floor: int = FLOOR) -> None:
        self.memory, self.glossary, self.floor = memory, glossary, floor
        self._index: FuzzyIndex | None = None

    @property
    def index(self) -> FuzzyIndex:
        if self._index is None:
            self._index = index_for(self.memory, self.glossary)
        return self._index

    def lookup(self, sources: Sequence[str]) -> list[Match | None]:
        """The best match ≥ ``floor`` for each source (Simplified text), or None."""
        norms = [normalise_source(s) for s in sources]
        exact = self.memory.exact(norms)
        out: list[Match | None] = [None] * len(norms)
        pending: dict[int, list[tuple[int, int]]] = {}  # segment → [(index position, masked score)]
        for i, n in enumerate(norms):
            u = exact.get(source_key(n))
            if u is not None:
                out[i] = Match("exact", 100, u.target, u.source, u.target, u.origin, date=u.date)
            elif n and len(self.index):
                q = masked(n, self.glossary)
                cands = self.index.candidates(q, self.floor)
                scored = sorted(((p, similarity(q, self.index.masked[p])) for p in cands), key=lambda x: -x[1])
                best = [(p, s) for p, s in scored[:5] if s >= self.floor]
                if best:
                    pending[i] = best
        rowids = sorted({self.index.rowids[p] for best in pending.values() for p, _ in best})
        units = self.memory.units_by_rowid(rowids) if rowids else {}
        for i, best in pending.items():
            options = [m for p, s in best if (u := units.get(self.index.rowids[p])) is not None
                       and (m := self._grade(norms[i], u, s)) is not None]
            if options:
                # best score; then the fewest repairs; then the newest translation
                out[i] = max(options, key=lambda m: (m.score, -len(m.changed), m.date))
        return out

    def _grade(self, source: str, unit: Unit, masked_score: int) -> Match | None:
        old = normalise_source(unit.source)
        fix = repair(source, old, unit.target, self.glossary)
        if fix.refused:
            score = similarity(source, old)  # an unrepaired difference counts in full
        elif masked_score == 100:
            score = 100 if fix.changed else 99  # 99: equal but for how a number is written
        else:
            score = masked_score
        if score < self.floor:
            return None
        kind = "repaired" if score == 100 else "fuzzy"
        return Match(kind, score, fix.target, unit.source, unit.target, unit.origin, tuple(fix.changed),
                     tuple(fix.refused), tuple(fix.missing), unit.date)


__all__ = ["BANDS", "CANDIDATES", "FLOOR", "FuzzyIndex", "Match", "Matcher", "band", "bigrams", "index_for",
           "similarity"]
