"""Where things stand in a work report: the review part, the plan part, sentences, clauses.

Why separate: figures come from the review of the year, targets/goals/tasks from the plan,
and both parts are found by the report's own level-1 headings (一、…回顾 / 二、…安排), with a
fallback for documents without them (statistical bulletins: the whole text is review).
Every sentence seen twice (a repeated block the cleaner missed) is dropped here, so no
extractor can produce a duplicate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from doctools.brief import tables
from doctools.clean.sentences import split
from doctools.model import Block, Document

CLAUSE_SEP = "，；：,;:"


@dataclass(frozen=True)
class Sent:
    """A sentence with the block it belongs to."""

    id: str
    text: str
    block: Block


@dataclass(frozen=True)
class Parts:
    """Blocks of the review part and of the plan part (either may be empty)."""

    review: tuple[Block, ...]
    plan: tuple[Block, ...]
    plan_heading: Block | None


def norm(text: str) -> str:
    """A comparison form: no whitespace, no trailing end mark."""
    return re.sub(r"\s+", "", text).rstrip("。！？；;!?")


def parts(doc: Document) -> Parts:
    """Split the body at the report's level-1 headings; see the module docstring."""
    review_re, plan_re = tables.pattern("review_section"), tables.pattern("plan_section")
    blocks = [b for b in doc.blocks if b.kind in ("heading", "paragraph", "list_item")]
    review_at = plan_at = None
    for i, b in enumerate(blocks):
        if b.kind != "heading" or b.level != 1:
            continue
        if review_at is None and plan_at is None and review_re.search(b.text):
            review_at = i
        elif plan_at is None and plan_re.search(b.text) and not review_re.search(b.text):
            plan_at = i
    if plan_at is None:
        targets_re = tables.pattern("targets")
        for i, b in enumerate(blocks):
            if b.kind == "paragraph" and targets_re.search(b.text):
                plan_at = i
                break
    start = 0 if review_at is None else review_at + 1
    end = len(blocks) if plan_at is None else plan_at
    review = tuple(blocks[start:end]) if end > start else tuple(blocks[:end])
    plan = () if plan_at is None else tuple(blocks[plan_at:])
    heading = blocks[plan_at] if plan_at is not None and blocks[plan_at].kind == "heading" else None
    return Parts(review, plan, heading)


DEDUPE_MIN = 16  # shorter sentences repeat legitimately (国际收支基本平衡 in the review and the targets)


def sentences(blocks: tuple[Block, ...] | list[Block], seen: set[str] | None = None) -> list[Sent]:
    """Sentences of the blocks in order, each text of ``DEDUPE_MIN`` or more characters only
    once (a repeated block the cleaner missed; ``seen`` is shared state)."""
    seen = set() if seen is None else seen
    out = []
    for b in blocks:
        for s in split(b.text, b.id):
            key = norm(s.text)
            if not key or key in seen:
                continue
            if len(key) >= DEDUPE_MIN:
                seen.add(key)
            out.append(Sent(s.id, s.text.strip(), b))
    return out


def clauses(text: str) -> list[tuple[int, int]]:
    """Spans of the clauses of a sentence (cut at ，；： outside brackets), end marks excluded."""
    out, start, depth = [], 0, 0
    body_end = len(text.rstrip("。！？!?；; "))
    for i, ch in enumerate(text[:body_end]):
        if ch in "（(“‘《【":
            depth += 1
        elif ch in "）)”’》】":
            depth = max(0, depth - 1)
        elif ch in CLAUSE_SEP and depth == 0:
            if i > start:
                out.append((start, i))
            start = i + 1
    if body_end > start:
        out.append((start, body_end))
    return out


def is_clause_span(text: str, sentence: str) -> bool:
    """True when ``text`` is the sentence or a run of its whole clauses (a clean clause).

    Also accepted: a run that starts right after an enumerator (一是) or an item label
    (1﹒) at the start of the sentence, and a run bounded by white space (a chapter title
    run into its first article: 第二章　规划建设　　第八条 …), since those begin or end a
    clause in the document's own layout.
    """
    t = text.strip()
    if not t:
        return False
    s = sentence.strip()
    if norm(t) == norm(s):
        return True
    pos = s.find(t)
    while pos != -1:
        end = pos + len(t)
        before = s[pos - 1] if pos > 0 else ""
        after = s[end] if end < len(s) else ""
        start_ok = pos == 0 or before in CLAUSE_SEP or before.isspace() or _after_enumerator(s[:pos])
        end_ok = end == len(s) or after in CLAUSE_SEP + "。！？!?" or after.isspace()
        if start_ok and end_ok:
            return True
        pos = s.find(t, pos + 1)
    return False


_ITEM_LABEL = re.compile(r"^\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})[.．、﹒]\s*$")


def _after_enumerator(head: str) -> bool:
    """一是… or an item label (1﹒, 3．, 二、) right before: a clause starts there."""
    if _ITEM_LABEL.match(head):
        return True
    return re.search(f"(?:{tables.pattern('enumerator').pattern})$", head) is not None


__all__ = ["CLAUSE_SEP", "Parts", "Sent", "clauses", "is_clause_span", "norm", "parts", "sentences"]
