"""Headline figures: number expressions of the review of the year, with change and rank.

Rules (examples from the genre)::

    实现地区生产总值2405.16亿元，同比增长9.3%，…，位居全市第3
        → 地区生产总值 · 2405.16亿元 · 增长9.3% · 全市第3
    全年举办展会204场、展览面积682.9万平方米，分别增长28.3%和51.3%
        → 举办展会 204场 增长28.3% ; 展览面积 682.9万平方米 增长51.3%
    全区专利授权量增长34.8%            → 专利授权量 · (no value) · 增长34.8%
    企业数量超3.2万家                  → qualifier 超 kept
    琶洲试验区营收3668.52亿元、企业数量超3.2万家
        → 琶洲试验区营收 ; 琶洲试验区企业数量 (a bare measure shares the first one's subject)
    52个数字经济应用场景全面推广       → no figure (no indicator before the number)
    新增甲等7家省重点实验室            → no figure (an example list, the counted thing follows)

A value clause opens a figure; later clauses of the same sentence that carry only a change
(同比增长9.3%) or a rank (全市第3) attach to it. ``text`` is the run of whole clauses from
the figure to its last attachment, verbatim, so the checker can find it in the source.
Figures are ranked by what readers of briefs look for (money, change, rank) and kept in
document order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from doctools.brief import tables
from doctools.brief._structure import Sent, clauses
from doctools.brief.model import Figure
from doctools.brief.numexpr import NumExpr, find, unit_class
from doctools.numerals import fold

_CLASS_WEIGHT = {"money": 3.0, "people": 2.5, "percent": 2.0, "area": 1.5, "length": 1.0,
                 "count": 1.0, "weight": 1.0, "ratio": 0.5, "other": 0.5}


LEAD = 12  # the first figure candidates of the review that get the lead bonus


@dataclass
class _Cand:
    indicator: str
    expr: NumExpr | None
    sent: Sent
    start: int  # clause span in the sentence
    end: int
    change: str = ""
    rank: str = ""
    order: int = 0
    extra: list[str] = field(default_factory=list)
    measure: str = ""

    def score(self) -> float:
        """Money, change and rank weigh most; the opening figures of the review get a lead
        bonus (the year's headline numbers come first in every work report)."""
        s = 1.0 if self.order < LEAD else 0.0
        s += _CLASS_WEIGHT.get(unit_class(self.expr), 0.5) if self.expr else 1.5
        s += 2.0 if self.change else 0.0
        s += 2.0 if self.rank else 0.0
        s += 0.5 if 2 <= len(self.indicator) <= 14 else -2.0
        if tables.pattern("boilerplate").search(self.sent.text):
            s -= 3.0
        return s


def _clean_indicator(text: str) -> str:
    t = text.strip(" 　的")
    t = tables.pattern("indicator_prefix").sub("", t)
    t = tables.pattern("indicator_suffix").sub("", t.strip(" 　的"))
    return t.strip(" 　的")


def _is_value(e: NumExpr) -> bool:
    return e.kind in ("number", "percent") and (e.kind == "percent" or bool(e.unit_written))


def _sub_spans(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Split a clause at 、 (enumerated figures) — only where each piece holds a value."""
    out, start = [], a
    for i in range(a, b):
        if text[i] == "、":
            out.append((start, i))
            start = i + 1
    out.append((start, b))
    return out


def _shared_subject(first: str, ind: str) -> str:
    """琶洲试验区营收…、企业数量… → 琶洲试验区企业数量: a later enumerated indicator that is a
    bare measure (``indicator_measure``) takes the subject of the first one, when that one
    is subject + measure. The checker accepts the two pieces as they stand in the clause."""
    measure = tables.pattern("indicator_measure")
    own, head = measure.search(ind), measure.search(first)
    if own is None or own.start() != 0 or head is None or head.start() < 2:
        return ind
    return first[: head.start()] + ind


def _change(m: re.Match[str]) -> str:
    """增长9.3% from 同比（下同）增长9.3% / 比上年增长了9.3%: verb, number, unit."""
    return f"{m.group(1)}{m.group(2)}{m.group(3)}"


_TIME_ONLY = re.compile(r"^(?:\d{4}年(?:末|底)?|去年|今年|全年|上年|当年|同期|年末|年底)$")
_NOT_MEASURE = re.compile(r"^(?:[，,、（(]|比|同比|较|增长|下降|提高|减少|降低|上升|上涨|回落|增加|分别|"
                          r"位居|居|排名|全市|全省|全国|全区)")


def _measure(text: str, start: int, end: int) -> str:
    """What a value counts when the source says it after the number, up to the piece's end
    (义务教育学校100%实施“九项制度” → 实施“九项制度”); "" when nothing or a change/rank follows."""
    tail = text[start:end].strip()
    if not tail or _NOT_MEASURE.match(tail) or re.search(r"\d", tail) or not 2 <= len(tail) <= 20:
        return ""
    return tail


def _sentence_figures(sent: Sent) -> list[_Cand]:
    orig = sent.text  # indicators and measures are quoted from the source as written
    text = fold(orig)  # one character for one: spans are the source's spans
    change_re, rank_re, resp_re = tables.pattern("change"), tables.pattern("rank"), tables.pattern("respectively")
    cands: list[_Cand] = []
    pending: list[_Cand] = []
    for a, b in clauses(text):
        clause = text[a:b]
        changes = list(change_re.finditer(clause))
        ranks = list(rank_re.finditer(clause))
        taken = [(m.start() + a, m.end() + a) for m in changes + ranks]
        values = [e for e in find(clause) if _is_value(e)
                  and not any(s <= e.start + a < t for s, t in taken)]
        resp = resp_re.search(clause)
        if resp and pending:
            pcts = [e for e in find(clause[resp.end():]) if e.kind == "percent"]
            verb = resp.group(1)
            for cand, e in zip(pending[-len(pcts):], pcts, strict=False):
                cand.change, cand.end = f"{verb}{e.text}", b
            pending = []
            continue
        if values:
            pieces = _sub_spans(text, a, b) if len(values) > 1 else [(a, b)]
            new: list[_Cand] = []
            for k, e in enumerate(values):
                pa, pb = next(((s, t) for s, t in pieces if s <= e.start + a < t), (a, b))
                head = orig[pa:e.start + a]
                ind = _clean_indicator(head)
                if k and new and values[k - 1].start + a >= pa:
                    ind = new[-1].indicator  # 从26.6万亿元增加到51.9万亿元: same indicator
                if len(ind) < 2 or ind.endswith("等") or _TIME_ONLY.match(ind):
                    continue  # 52个场景全面推广, 新增A等7家中心, 2010年…: no indicator before the number
                if k and new and pa > a:
                    ind = _shared_subject(new[0].indicator, ind)
                prev = cands[-1] if cands and not new else None
                if (prev is not None and prev.expr is None and prev.sent is sent and len(values) == 1
                        and tables.pattern("indicator_measure").fullmatch(ind)):
                    prev.expr, prev.end = e, b  # 国内生产总值增长6.6%，总量突破90万亿元: one figure
                    continue
                cand = _Cand(ind, e, sent, a, b)
                if len(values) == 1:
                    cand.measure = _measure(orig, e.end + a, pb)
                local = [m for m in changes if m.start() + a >= e.end + a and m.start() + a < pb]
                if local:
                    cand.change = _change(local[0])
                new.append(cand)
            cands += new
            pending = [c for c in new if not c.change]
            if len(new) == 1 and not new[0].change and changes:
                new[0].change, pending = _change(changes[0]), []
        elif changes:
            head = _clean_indicator(orig[a:a + changes[0].start()])
            head = re.sub(r"^(?:同比|比上年|比去年|增速|增幅)?(?:（[^）]*）)?", "", head)
            if len(head) >= 2 and not pending:
                cands.append(_Cand(head, None, sent, a, b, change=_change(changes[0])))
            else:
                for cand in pending[:1] or cands[-1:]:
                    if not cand.change:
                        cand.change, cand.end = _change(changes[0]), b
                pending = []
        if ranks and cands:
            last = cands[-1]
            if not last.rank:
                last.rank, last.end = ranks[0].group(0), max(last.end, b)
    return cands


def extract(sents: list[Sent], limit: int = 12, *, ranked: bool = True) -> tuple[Figure, ...]:
    """The ``limit`` best figures of the sentences, in document order; ``ranked=False`` keeps
    every plausible figure (a bulletin's table), still in document order."""
    cands: list[_Cand] = []
    for sent in sents:
        cands += _sentence_figures(sent)
    for i, c in enumerate(cands):
        c.order = i
    seen: set[tuple[str, str]] = set()
    chosen: list[_Cand] = []
    floor = 2.5 if ranked else 1.0
    for c in sorted(cands, key=lambda c: (-c.score(), c.order)) if ranked else cands:
        key = (c.indicator, c.expr.text if c.expr else c.change)
        if key in seen or c.score() < floor:
            continue
        seen.add(key)
        chosen.append(c)
        if len(chosen) >= limit:
            break
    chosen.sort(key=lambda c: c.order)
    out = []
    for c in chosen:
        e = c.expr
        out.append(Figure(
            indicator=c.indicator,
            value=e.number_written if e else "",
            unit=e.unit_written if e else "",
            qualifier=e.qualifier if e else "",
            change=c.change,
            rank=c.rank,
            text=c.sent.text[c.start:c.end],
            source_id=c.sent.id,
            measure=c.measure,
        ))
    return tuple(out)


__all__ = ["extract"]
