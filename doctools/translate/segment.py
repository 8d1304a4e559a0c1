"""Segments: the units sent to the model, each with the id of its source sentence.

Why our own wrapper: sentences come from the shared splitter
(:func:`doctools.clean.sentences.split`, ids ``<block>.s<n>``) so every edition aligns by
id; a sentence longer than the model's input limit is cut at clause marks (；/，, then
、/：) into pieces ``<block>.s<n>.<k>`` (k from 1) so nothing is truncated silently and
the English keeps one target per source piece (a dropped piece stays visible).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from doctools.clean.sentences import split
from doctools.model import Block

_CLAUSE_MARKS = ("；;", "，,", "、：:")


@dataclass(frozen=True)
class Segment:
    """One unit of translation: ``id`` = sentence id (+ ``.k`` for a long-sentence piece)."""

    id: str
    block_id: str
    text: str


def _cut(text: str, marks: str) -> list[str]:
    """Split after each of ``marks`` (the mark stays with the left piece)."""
    parts = re.split(rf"(?<=[{re.escape(marks)}])", text)
    return [p for p in parts if p]


def _pack(pieces: list[str], measure: Callable[[str], int], limit: int, level: int) -> list[str]:
    """Greedily join pieces up to ``limit``; cut over-long pieces at the next mark level."""
    out: list[str] = []
    cur = ""
    for piece in pieces:
        if measure(piece) > limit:
            if cur:
                out.append(cur)
                cur = ""
            out.extend(_split_long(piece, measure, limit, level + 1))
            continue
        if cur and measure(cur + piece) > limit:
            out.append(cur)
            cur = piece
        else:
            cur += piece
    if cur:
        out.append(cur)
    return out


def _split_long(text: str, measure: Callable[[str], int], limit: int, level: int = 0) -> list[str]:
    if measure(text) <= limit:
        return [text]
    if level >= len(_CLAUSE_MARKS):  # no mark left: cut by length, never drop text
        step = max(1, len(text) * limit // max(1, measure(text)))
        return [text[i:i + step] for i in range(0, len(text), step)]
    return _pack(_cut(text, _CLAUSE_MARKS[level]), measure, limit, level)


def split_sentence(sid: str, block_id: str, text: str, measure: Callable[[str], int] | None = None,
                   limit: int = 200) -> list[Segment]:
    """One sentence → one segment, or pieces ``sid.1``, ``sid.2`` … when over ``limit``."""
    m = measure or len
    pieces = _split_long(text, m, limit) if m(text) > limit else [text]
    if len(pieces) == 1:
        return [Segment(sid, block_id, text)]
    return [Segment(f"{sid}.{k}", block_id, p) for k, p in enumerate(pieces, start=1)]


def block_segments(block: Block, measure: Callable[[str], int] | None = None,
                   limit: int = 200) -> list[Segment]:
    """Segments of one block's text (the heading label is rendered separately)."""
    out: list[Segment] = []
    for s in split(block.text, block.id):
        if s.text.strip():
            out.extend(split_sentence(s.id, block.id, s.text, measure, limit))
    return out


def segments(blocks: Iterable[Block], measure: Callable[[str], int] | None = None,
             limit: int = 200) -> list[Segment]:
    """All segments of the blocks, in document order."""
    return [seg for b in blocks for seg in block_segments(b, measure, limit)]


__all__ = ["Segment", "block_segments", "segments", "split_sentence"]
