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
=================  ========  =====================================================
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
RATIO_MIN, RATIO_MAX = 0.7, 9.0  # English chars per Chinese char, well outside the usual 2-4


@dataclass(frozen=True)
class Flag:
    segment_id: str
    block_id: str
    check: str
    severity: str  # "severe" | "warning"
    message: str


@dataclass
class SegmentRecord:
    """One source segment, its target and how it was produced (the alignment record)."""

    id: str
    block_id: str
    source: str
    target: str
    cached: bool
    hit_cap: bool


@dataclass
class QAReport:
    """Per-document QA: flags, counts and the aligned segments."""

    model_id: str = ""
    segments: list[SegmentRecord] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    cache_hits: int = 0
    seconds: float = 0.0
    out_tokens: int = 0  # target tokens the model generated for this document (memory hits: 0)

    @property
    def severe(self) -> int:
        return sum(1 for f in self.flags if f.severity == "severe")

    def counts(self) -> dict[str, int]:
        return dict(Counter(f.check for f in self.flags))

    def to_dict(self) -> dict[str, object]:
        return {
            "model": self.model_id, "segments": len(self.segments), "cache_hits": self.cache_hits,
            "seconds": round(self.seconds, 3), "severe": self.severe, "counts": self.counts(),
            "flags": [asdict(f) for f in self.flags],
        }

    def to_markdown(self, limit: int = 200) -> str:
        """The report section: summary line, then one line per flag."""
        lines = [f"Translation QA: {len(self.segments)} segments, {self.cache_hits} from memory, "
                 f"{self.severe} severe, {len(self.flags) - self.severe} warnings ({self.model_id})"]
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
                  lost: Sequence[str] = ()) -> list[Flag]:
    """Flags for one segment; ``terms`` are (zh, en) glossary hits, ``lost`` dropped slots."""
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
    have = Counter(_NUM_TOKEN.findall(tgt))
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
    han_chars = len(_HAN.findall(src))
    if han_chars >= 6:
        ratio = len(tgt) / han_chars
        if not RATIO_MIN <= ratio <= RATIO_MAX:
            flag("length_ratio", f"target/source length {ratio:.1f}")
    return out


__all__ = ["SEVERE", "Flag", "QAReport", "SegmentRecord", "check_segment", "loops", "number_needles"]
