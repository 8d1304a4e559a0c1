"""Placeholders: glossary terms and numbers cross the model as opaque tokens.

Why: the model may alter numbers and names (argos#499); a placeholder it copies through
comes back as the deterministic English (``numbers.render_en`` / the glossary). The token
shape must survive SentencePiece (argos's decoder turns ``_`` into spaces, so ``__NUM_1__``
breaks): :func:`choose_style` tries candidate shapes against the loaded model's tokenizer.
Restoration tolerates the usual damage (case, spaces inside the token); a placeholder the
model dropped is appended in brackets and reported, so no number silently disappears.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from doctools.translate import numbers
from doctools.translate.glossary import Glossary

# candidate shapes: letters the model treats as a foreign token + an index
STYLES = ("ZX{n}", "QZ{n}", "XQ{n}", "ZZ{n}ZZ")


@dataclass(frozen=True)
class Slot:
    """One protected span: its token, what it was and what it becomes."""

    token: str
    kind: str  # "term" | "number"
    source: str
    en: str
    ref: str = ""


@dataclass(frozen=True)
class Protected:
    text: str
    slots: tuple[Slot, ...]


@dataclass
class Restored:
    text: str
    lost: list[Slot] = field(default_factory=list)  # dropped by the model, appended
    repaired: list[Slot] = field(default_factory=list)  # found only by the tolerant pattern
    repeated: list[Slot] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # tokens with no slot (removed)


def choose_style(round_trips: Callable[[str], bool]) -> str:
    """The first placeholder shape the tokenizer encodes and decodes unchanged."""
    for style in STYLES:
        if all(round_trips(style.format(n=n)) for n in (1, 9, 10, 99)):
            return style
    return STYLES[0]


def protect(text: str, glossary: Glossary | None, style: str = STYLES[0]) -> Protected:
    """Replace glossary terms (longest first), then numeric expressions, by placeholders."""
    spans: list[tuple[int, int, str, str, str, str]] = []
    taken = [False] * len(text)
    for a, b, term in glossary.find(text) if glossary else []:
        spans.append((a, b, "term", text[a:b], term.en, term.ref))
        for i in range(a, b):
            taken[i] = True
    for e in numbers.parse(text):
        if any(taken[e.start:e.end]):
            continue
        spans.append((e.start, e.end, "number", text[e.start:e.end], e.en, ""))
    spans.sort()
    out: list[str] = []
    slots: list[Slot] = []
    pos = 0
    for n, (a, b, kind, src, en, ref) in enumerate(spans, start=1):
        token = style.format(n=n)
        out.append(text[pos:a])
        prev = out[-1][-1:] if out[-1] else (out[-2][-1:] if len(out) > 1 else "")
        # keep a placeholder apart from Latin letters/digits so it stays one token
        out.append((" " if prev.isascii() and prev.isalnum() else "") + token)
        nxt = text[b] if b < len(text) else ""
        if nxt.isascii() and nxt.isalnum():
            out.append(" ")
        slots.append(Slot(token, kind, src, en, ref))
        pos = b
    out.append(text[pos:])
    return Protected("".join(out), tuple(slots))


def _tolerant(style: str) -> re.Pattern[str]:
    head, _, tail = style.partition("{n}")
    letters = r"\s?".join(re.escape(c) for c in head)
    trail = r"\s?".join(re.escape(c) for c in tail)
    return re.compile(rf"(?<![A-Za-z]){letters}\s?(\d{{1,3}})" + (rf"\s?{trail}" if tail else r"(?!\d)"),
                      re.IGNORECASE)


def restore(target: str, slots: tuple[Slot, ...], style: str = STYLES[0]) -> Restored:
    """Put each slot's English back; report lost, repaired, repeated and unknown tokens."""
    by_index = {i: s for i, s in enumerate(slots, start=1)}
    seen: dict[int, int] = {}
    res = Restored("")

    def sub(m: re.Match[str]) -> str:
        n = int(m.group(1))
        slot = by_index.get(n)
        if slot is None:
            res.unknown.append(m.group(0))
            return ""
        seen[n] = seen.get(n, 0) + 1
        if m.group(0) != slot.token and slot not in res.repaired:
            res.repaired.append(slot)
        return slot.en

    text = _tolerant(style).sub(sub, target)
    res.repeated = [by_index[n] for n, c in seen.items() if c > 1]
    res.lost = [s for n, s in by_index.items() if n not in seen]
    if res.lost:
        text = text.rstrip() + " " + " ".join(f"[{s.en}]" for s in res.lost)
    text = re.sub(r"\s+([,.;:!?)\]])", r"\1", text)
    res.text = re.sub(r"\s{2,}", " ", text).strip()
    return res


__all__ = ["STYLES", "Protected", "Restored", "Slot", "choose_style", "protect", "restore"]
