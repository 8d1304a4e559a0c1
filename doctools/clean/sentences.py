"""Chinese sentence splitter: the one segmentation every stage shares.

Rules (examples)::

    甲。乙！丙？丁；          → 甲。 | 乙！ | 丙？ | 丁；
    他说：“好。”然后走了。     → 他说：“好。” | 然后走了。      (closing quote attached)
    增长8.1%。                → one sentence (a dot between digits is never a boundary)
    Really?! Yes.             → ASCII ! ? ; end a sentence when followed by space or CJK
    ……                        → ellipsis ends a sentence only before a new one

Sentence ids are ``<block id>.s<n>`` (n from 0), so derived editions align by id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_END = "。！？；!?;"
_CLOSE = "”’」』）)》〉】］]\"'"
# a run of end marks, then any closing quotes/brackets
_BOUNDARY = re.compile(
    rf"[{re.escape(_END)}]+[{re.escape(_CLOSE)}]*|…{{2,}}[{re.escape(_CLOSE)}]*(?=[^{re.escape(_END)}])"
)


@dataclass(frozen=True)
class Sentence:
    """One sentence of a block: its id, text and character span in the block text."""

    id: str
    text: str
    start: int
    end: int


def spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text``; they tile it exactly (lossless).

    A trailing piece without an end mark is a sentence too (a targets clause without a
    final 。 must not vanish). Whitespace-only pieces are folded into the previous span.
    """
    out: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        mark = m.group(0)[0]
        if mark in "!?;" and end < len(text) and not (text[end].isspace() or _is_cjk(text[end])):
            continue  # ASCII mark inside Latin text / URL-like token: not a boundary
        if end > start:
            out.append((start, end))
            start = end
    if start < len(text):
        if text[start:].strip() or not out:
            out.append((start, len(text)))
        else:
            out[-1] = (out[-1][0], len(text))
    return out


def _is_cjk(ch: str) -> bool:
    return "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" or "\U00020000" <= ch <= "\U0002fa1f"


def split(text: str, block_id: str = "b") -> list[Sentence]:
    """Sentences of ``text`` with ids ``<block_id>.s<n>``."""
    return [Sentence(f"{block_id}.s{i}", text[a:b], a, b) for i, (a, b) in enumerate(spans(text))]


__all__ = ["Sentence", "spans", "split"]
