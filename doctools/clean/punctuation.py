"""clean.punctuation: half-width , : ; ! ? ( ) in Chinese text become ，：；！？（）.

Examples::

    現在,我代表區人民政府          → 現在，我代表區人民政府
    總體要求是:堅持               → 總體要求是：堅持
    各位代表!這些成績             → 各位代表！這些成績
    (一)聚焦創新                  → （一）聚焦創新
    細顆粒物(PM2.5)濃度           → 細顆粒物（PM2.5）濃度   (pair around Chinese text)
    1,000 · 10:30 · 8.1% · PM2.5 · 1+6+N · 5G · 2022-01-05     → unchanged
    Hello, world! (see p. 3)      → unchanged (Latin context)

"Chinese context": a mark is converted when the nearest non-space character before or
after it is a Han character or full-width punctuation, and it does not sit between two
ASCII digits (thousands separators, times, ratios). Brackets convert as a pair when the
text inside or right outside contains Chinese; an unpaired bracket converts only next to
Chinese. Spaces around a converted mark are dropped (full-width marks carry their own
spacing). Each change is one Edit with its offset in the text before the step.
"""

from __future__ import annotations

from dataclasses import replace

from doctools.clean._text import chinese_context
from doctools.model import Block, Document, Edit
from doctools.transform import step

NAME = "clean.punctuation"
FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
RULE = "punctuation.halfwidth"


def _neighbour(text: str, i: int, direction: int) -> str:
    j = i + direction
    while 0 <= j < len(text) and text[j] in " \t":
        j += direction
    return text[j] if 0 <= j < len(text) else ""


def _pairs(text: str) -> dict[int, int]:
    """Matching ASCII bracket positions (both directions)."""
    stack: list[int] = []
    out: dict[int, int] = {}
    for i, ch in enumerate(text):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            j = stack.pop()
            out[i], out[j] = j, i
    return out


def positions(text: str) -> list[int]:
    """Offsets of the half-width marks to convert."""
    pairs = _pairs(text)
    out: list[int] = []
    for i, ch in enumerate(text):
        if ch not in FULL:
            continue
        before, after = _neighbour(text, i, -1), _neighbour(text, i, 1)
        if ch in "()":
            if i in pairs:
                a, b = min(i, pairs[i]), max(i, pairs[i])
                inside = text[a + 1 : b]
                outer = _neighbour(text, a, -1) + _neighbour(text, b, 1)
                if any(chinese_context(c) for c in inside + outer):
                    out.append(i)
            elif chinese_context(after if ch == "(" else before):
                out.append(i)
            continue
        if before.isdigit() and before.isascii() and after.isdigit() and after.isascii():
            continue
        if ch in ":" and before.isascii() and before.isalpha() and after == "/":
            continue  # scheme of a URL
        if chinese_context(before) or chinese_context(after):
            out.append(i)
    return out


def fix(text: str) -> tuple[str, list[tuple[int, str, str]]]:
    """The fixed text and (offset, before, after) of each change (offsets in ``text``)."""
    pos = set(positions(text))
    if not pos:
        return text, []
    out: list[str] = []
    changes: list[tuple[int, str, str]] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if i in pos:
            # drop spaces already emitted before the mark, and those after it
            while out and out[-1] in " \t":
                out.pop()
            j = i + 1
            while j < n and text[j] in " \t":
                j += 1
            changes.append((i, text[i:j], FULL[ch]))
            out.append(FULL[ch])
            i = j
            continue
        out.append(ch)
        i += 1
    return "".join(out), changes


def _fix_block(b: Block) -> tuple[Block, list[tuple[str, int, str, str]]]:
    """Fix label, text and lead consistently; changes as (field, offset, before, after)."""
    changes: list[tuple[str, int, str, str]] = []
    label = b.label
    if label:
        label, ch = fix(label)
        changes += [("label", *c) for c in ch]
    text, ch = fix(b.text)
    changes += [("text", *c) for c in ch]
    lead = b.lead
    if lead is not None:
        lead = fix(lead)[0]
        if not text.startswith(lead):
            lead = None
    if not changes:
        return b, []
    return replace(b, label=label, text=text, lead=lead), changes


@step(NAME)
def clean_punctuation(doc: Document) -> Document:
    """Convert half-width marks in Chinese context; one Edit per mark."""
    blocks: list[Block] = []
    edits: list[Edit] = []
    for b in doc.blocks:
        nb, changes = _fix_block(b)
        blocks.append(nb)
        line = b.lines[0] if b.lines else None
        for field, off, before, after in changes:
            rule = RULE if field == "text" else f"{RULE}.label"
            edits.append(Edit(NAME, rule, "replace", b.id, before, after, off, line))
    if not edits:
        return doc
    return doc.with_changes(blocks=tuple(blocks), edits=edits)


__all__ = ["FULL", "NAME", "clean_punctuation", "fix", "positions"]
