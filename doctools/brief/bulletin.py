"""Statistical bulletins (统计公报): the headline indicators in the bulletin's own order.

A bulletin is a table written as sentences — 全年地区生产总值2405.16亿元，比上年增长9.3% —
section by section (一、综合 二、农业 三、工业和建筑业 …). Every value clause becomes a
figure with its indicator, value, unit, change and the period it refers to (全年, 年末,
上半年 …, as written), tagged with the section it stands in; nothing is ranked away or
reordered: the table of figures is the heart of the brief, and the layouts group it by
section. The first sentence that opens the bulletin (初步核算…, or the overview) is kept as a
key sentence.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from doctools.brief import figures
from doctools.brief._structure import sentences
from doctools.brief.model import Figure, Sentence
from doctools.model import Block, Document

MAX_FIGURES = 120
_PERIOD = re.compile(r"(?:^|[，,])(?:[^，。；\d]{0,4}?)((?:全年|年末|年初|年内|上半年|下半年|前三季度|[一二三四]季度|"
                     r"\d{1,2}月(?:末|份)?|\d{4}年(?:末|底)?|截至\d{4}年(?:底|末)?|\d{1,2}-\d{1,2}月))")


def _sections(doc: Document) -> list[tuple[str, list[Block]]]:
    """(section title, blocks) in order; the blocks before the first heading have title ""."""
    out: list[tuple[str, list[Block]]] = [("", [])]
    top = min((b.level or 9 for b in doc.blocks if b.kind == "heading"), default=9)
    for b in doc.blocks:
        if b.kind == "heading" and b.level == top:
            out.append((b.text.strip().rstrip("。"), []))
        elif b.kind in ("paragraph", "list_item", "heading"):
            out[-1][1].append(b)
    return [(t, bs) for t, bs in out if bs]


def period(text: str) -> str:
    """The period a bulletin sentence refers to, as written at the start of one of its
    clauses before the first number (初步核算，全年… → 全年); "" none."""
    digit = re.search(r"\d", text)
    m = _PERIOD.search(text[: digit.start()] if digit else text)
    return m.group(1) if m else ""


def read(doc: Document) -> dict[str, Any]:
    """The parts of a statistical bulletin's brief (Brief keyword arguments)."""
    out: list[Figure] = []
    seen: set[str] = set()
    opening: list[Sentence] = []
    for title, blocks in _sections(doc):
        sents = sentences(blocks, seen)
        if not opening and sents:
            opening.append(Sentence(sents[0].text.rstrip(), sents[0].id))
        figs = figures.extract(sents, limit=MAX_FIGURES, ranked=False)
        by_id = {s.id: s for s in sents}
        for f in figs:
            sent = by_id.get(f.source_id)
            when = period(f.text) or (period(sent.text) if sent else "")
            indicator = f.indicator
            if when and indicator.startswith(when) and len(indicator) > len(when) + 1:
                indicator = indicator[len(when):]  # 年末全市常住人口 → period 年末, indicator 全市常住人口
            out.append(dataclasses.replace(f, indicator=indicator, section=title, period=when))
    return {"figures": tuple(out[:MAX_FIGURES]), "summary": tuple(opening)}


__all__ = ["period", "read"]
