"""Translation QA: what a reviewer must look at, per segment, in a renderable report.

Why: readers of the English edition know no Chinese, so a dropped sentence, a changed
number or a repetition loop must be caught by checks, as CAT tools do (memoQ QA, Trados QA
Checker, translate-toolkit pofilter). Checks and severities:

=================  ========  =====================================================
check              severity  meaning
=================  ========  =====================================================
empty              severe    source has text, target is empty
untranslated       severe    target == source
han_left           severe    Chinese characters remain in the target
number_missing     severe    a number of the source is absent from the target
repetition         severe    a word or phrase loops (≥4 consecutive repeats)
decoding_cap       severe    the output stopped at the decoding cap (likely cut/looping)
placeholder_lost   warning   the model dropped a protected term/number (appended in [ ])
term_missing       warning   a glossary term's English is absent from the target
length_ratio       warning   target/source length far outside the usual zh→en range
tm_fuzzy           warning   the English is a fuzzy memory match: compare the memory's source
tm_unrepaired      warning   a number or term differs from the memory's source and could not
                             be put right in its English
=================  ========  =====================================================

Every record says where its English came from (``origin``): ``tm-exact``, ``tm-repaired``,
``tm-fuzzy`` (with its score), ``machine`` or ``untranslated`` (no memory match and no
model: the English edition shows the Chinese, marked); the report counts them
(``QAReport.origins``). Memory matches get the same checks as the model's output, so a
repaired match whose numbers still disagree is flagged ``number_missing``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from doctools.translate import numbers

SEVERE = frozenset({"empty", "untranslated", "han_left", "number_missing", "repetition", "decoding_cap"})
_HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0002fa1f]")
_NUM_TOKEN = re.compile(
    r"\d+(?:st|nd|rd|th)\b|(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:%|‰| (?:million|billion|trillion))?"
)
_PERCENT_WORD = re.compile(r"(\d)\s?(?:percent|per cent)\b")  # "6.9 percent" is 6.9% (human English)
RATIO_MIN, RATIO_MAX = 0.7, 9.0  # English chars per Chinese char, well outside the usual 2-4


@dataclass(frozen=True)
class Flag:
    segment_id: str
    block_id: str
    check: str
    severity: str  # "severe" | "warning"
    message: str


ORIGINS = ("tm-exact", "tm-repaired", "tm-fuzzy", "machine", "untranslated")


@dataclass
class SegmentRecord:
    """One source segment, its target and how it was produced (the alignment record).

    ``origin`` is one of :data:`ORIGINS`; ``match`` the memory score (100 exact/repaired,
    else the fuzzy percentage); ``memory_source`` the memory's source a fuzzy match was
    graded against; ``repairs`` what was put right in the memory English ("6.9% → 6.7%").
    ``cached``: the model's output came from the cache.
    """

    id: str
    block_id: str
    source: str
    target: str
    cached: bool
    hit_cap: bool
    origin: str = "machine"
    match: int | None = None
    memory_source: str = ""
    repairs: tuple[str, ...] = ()

    @property
    def origin_label(self) -> str:
        """How a reviewer reads the origin: "TM exact", "TM fuzzy 88%", "machine", …"""
        if self.origin == "tm-exact":
            return "TM exact"
        if self.origin == "tm-repaired":
            return "TM repaired"
        if self.origin == "tm-fuzzy":
            return f"TM fuzzy {self.match}%" + (", repaired" if self.repairs else "")
        return self.origin


@dataclass
class QAReport:
    """Per-document QA: flags, counts and the aligned segments."""

    model_id: str = ""
    segments: list[SegmentRecord] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    cache_hits: int = 0
    seconds: float = 0.0
    out_tokens: int = 0  # target tokens the model generated for this document (memory hits: 0)
    origins: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ORIGINS, 0))

    def count_origins(self) -> dict[str, int]:
        """Recount :attr:`origins` from the segments (every origin present, zeros included)."""
        self.origins = dict.fromkeys(ORIGINS, 0)
        for r in self.segments:
            self.origins[r.origin] = self.origins.get(r.origin, 0) + 1
        return self.origins

    @property
    def untranslated(self) -> int:
        return self.origins.get("untranslated", 0)

    @property
    def memory_hits(self) -> int:
        return sum(self.origins.get(k, 0) for k in ("tm-exact", "tm-repaired", "tm-fuzzy"))

    @property
    def severe(self) -> int:
        return sum(1 for f in self.flags if f.severity == "severe")

    def counts(self) -> dict[str, int]:
        return dict(Counter(f.check for f in self.flags))

    def to_dict(self) -> dict[str, object]:
        return {
            "model": self.model_id, "segments": len(self.segments), "cache_hits": self.cache_hits,
            "seconds": round(self.seconds, 3), "severe": self.severe, "counts": self.counts(),
            "origins": dict(self.origins),
            "flags": [asdict(f) for f in self.flags],
            "segment_origins": [{"id": r.id, "origin": r.origin, "label": r.origin_label, "match": r.match,
                                 "repairs": list(r.repairs)} for r in self.segments],
        }

    def to_markdown(self, limit: int = 200) -> str:
        """The report section: summary line, then one line per flag."""
        o = self.origins
        lines = [f"Translation QA: {len(self.segments)} segments ({o.get('tm-exact', 0)} TM exact, "
                 f"{o.get('tm-repaired', 0)} TM repaired, {o.get('tm-fuzzy', 0)} TM fuzzy, "
                 f"{o.get('machine', 0)} machine of which {self.cache_hits} cached, "
                 f"{o.get('untranslated', 0)} untranslated), "
                 f"{self.severe} severe, {len(self.flags) - self.severe} warnings ({self.model_id or 'no model'})"]
        for f in self.flags[:limit]:
            lines.append(f"- [{f.severity}] {f.segment_id} {f.check}: {f.message}")
        if len(self.flags) > limit:
            lines.append(f"- … {len(self.flags) - limit} more")
        return "\n".join(lines)


def number_needles(source: str) -> list[str]:
    """The numeric tokens the English must contain for each number of the source."""
    out: list[str] = []
    for e in numbers.parse(source):
        out.extend(_NUM_TOKEN.findall(e.en))
    return out


def loops(text: str, min_repeats: int = 4) -> str | None:
    """The looping unit when a 1-4 word phrase repeats ``min_repeats`` times in a row."""
    words = text.split()
    for n in range(1, 5):
        for i in range(0, max(0, len(words) - n * min_repeats + 1)):
            unit = words[i:i + n]
            if all(words[i + k * n:i + (k + 1) * n] == unit for k in range(1, min_repeats)):
                return " ".join(unit)
    m = re.search(r"(.{2,12}?)\1{" + str(min_repeats - 1) + ",}", text)  # loops without spaces
    return m.group(1) if m else None


def check_segment(rec: SegmentRecord, *, terms: Sequence[tuple[str, str]] = (),
                  lost: Sequence[str] = (), unrepaired: Sequence[str] = ()) -> list[Flag]:
    """Flags for one segment; ``terms`` are (zh, en) glossary hits, ``lost`` dropped slots,
    ``unrepaired`` the placeables a memory match differs in and that could not be repaired."""
    out: list[Flag] = []

    def flag(check: str, message: str) -> None:
        out.append(Flag(rec.id, rec.block_id, check, "severe" if check in SEVERE else "warning", message))

    src, tgt = rec.source.strip(), rec.target.strip()
    if not src:
        return out
    if not tgt:
        flag("empty", "no translation")
        return out
    if tgt == src:
        flag("untranslated", "target equals source")
    elif _HAN.search(tgt):
        flag("han_left", f"Chinese left: {''.join(_HAN.findall(tgt))[:20]}")
    have = Counter(_NUM_TOKEN.findall(_PERCENT_WORD.sub(r"\1%", tgt)))
    for needle in number_needles(src):
        if have[needle] > 0:
            have[needle] -= 1
        else:
            flag("number_missing", f"{needle} not in target")
    unit = loops(tgt)
    if unit:
        flag("repetition", f"repeats “{unit[:30]}”")
    if rec.hit_cap:
        flag("decoding_cap", "output reached the decoding cap")
    for zh, en in terms:
        if en.lower() not in tgt.lower():
            flag("term_missing", f"{zh} → {en}")
    for s in lost:
        flag("placeholder_lost", f"model dropped {s}; appended")
    if rec.origin == "tm-fuzzy":
        flag("tm_fuzzy", f"{rec.origin_label}; memory source: {rec.memory_source[:80]}")
    for s in unrepaired:
        flag("tm_unrepaired", f"{s} differs from the memory's source; its English was left as it was")
    han_chars = len(_HAN.findall(src))
    if han_chars >= 6:
        ratio = len(tgt) / han_chars
        if not RATIO_MIN <= ratio <= RATIO_MAX:
            flag("length_ratio", f"target/source length {ratio:.1f}")
    return out


__all__ = ["ORIGINS", "SEVERE", "Flag", "QAReport", "SegmentRecord", "check_segment", "loops", "number_needles"]
