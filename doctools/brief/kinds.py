"""Which kind of official document a brief is made from: title and structure decide.

Why: a statistical bulletin, a notice with its plan and a work report carry their key
facts in different places (a bulletin's sentences are all figures; a notice's goals sit
under 工作目标 and its measures under numbered headings with 责任单位), so the brief reads
each by its own rules. The signals and their weights live in ``data/brief/kinds.tsv``;
a document no row recognises is ``other`` and gets figures and key sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from doctools.brief.model import KINDS
from doctools.errors import ConfigError
from doctools.model import Document
from doctools.resources import data_path
from doctools.tables import load_table

HEAD_BLOCKS = 12
MIN_SCORE = 3.0


@dataclass(frozen=True)
class _Signal:
    kind: str
    where: str
    pattern: re.Pattern[str]
    weight: float
    cap: int


@cache
def _signals() -> tuple[_Signal, ...]:
    out = []
    for r in load_table(data_path("brief", "kinds.tsv"), min_cols=5).rows:
        kind, where = r.cells[0], r.cells[1]
        if kind not in KINDS or where not in ("title", "head", "body"):
            raise ConfigError(f"{r.ref}: unknown kind {kind!r} or place {where!r}")
        try:
            out.append(_Signal(kind, where, re.compile(r.cells[2]), float(r.cells[3]), int(r.cells[4])))
        except (re.error, ValueError) as exc:
            raise ConfigError(f"{r.ref}: {exc}") from exc
    return tuple(out)


def title_lines(doc: Document) -> list[str]:
    """The lines that may carry the title: the metadata title, title blocks, and the
    paragraphs before the first heading that read as one (short, no end mark)."""
    out = [doc.metadata.title] if doc.metadata.title else []
    for b in doc.blocks[:HEAD_BLOCKS]:
        if b.kind == "heading":
            break
        text = b.text.strip()
        if b.kind == "title" or (b.kind == "paragraph" and 6 <= len(text) <= 120 and text[-1:] not in "。；：:"):
            out.append(text)
    return out


def scores(doc: Document) -> dict[str, float]:
    """Kind → score from the signals of kinds.tsv."""
    from doctools.clean.sentences import split

    titles = title_lines(doc)
    head = [b.text.strip() for b in doc.blocks[:HEAD_BLOCKS]]
    body = [s.text for b in doc.blocks for s in split(b.text, b.id)]
    totals = dict.fromkeys(KINDS, 0.0)
    for sig in _signals():
        lines = {"title": titles, "head": head, "body": body}[sig.where]
        n = sum(1 for line in lines if sig.pattern.search(line))
        totals[sig.kind] += sig.weight * min(n, sig.cap)
    return totals


def detect(doc: Document) -> str:
    """The kind of ``doc`` (one of ``KINDS``); ``other`` when no kind scores ``MIN_SCORE``."""
    totals = scores(doc)
    kind, best = max(totals.items(), key=lambda kv: kv[1])
    return kind if best >= MIN_SCORE else "other"


__all__ = ["detect", "scores", "title_lines"]
