"""Number expressions for the brief: a thin view over ``doctools.translate.numbers.parse``.

The parser (owned by the translation stage) finds each expression with its exact value,
unit, English qualifier and span; the brief adds what it needs on top: the Chinese hedge
as written (``超``, ``左右``, ``余`` — from ``doctools/data/numbers/qualifiers.tsv``), a unit class
(money, percent, people … from ``doctools/data/numbers/units.tsv``) for ranking figures, and a comparison key
for the faithfulness checker.

Examples::

    地区生产总值2405.16亿元  → value 240516000000, unit 元, qualifier ''
    增长6%左右                → value 6, percent, qualifier 左右
    企业数量超3.2万家          → value 32000, unit 家, qualifier 超
    增长３７．２％             → the same as 增长37.2%: full-width digits and signs fold

Full-width digits, ％ ． ＋ － ～ are folded to their half-width forms before anything is
read (``fold``, one character for one, so spans stay valid); an expression keeps the text
as the source wrote it, its fields and comparison key are the folded forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from doctools.brief import tables
from doctools.numerals import fold

_MAGNITUDE = re.compile(r"^(?:万亿|亿|万|千|百)")


@dataclass(frozen=True)
class NumExpr:
    """One expression: ``text`` as written (hedge included), exact ``value`` (scaled), ``unit``
    as the parser names it, ``kind`` (number, percent, ordinal, year, date), the Chinese
    ``qualifier`` ("" none), the English rendering ``en``, the span, and the ``sign`` written
    right before the number (``-`` in 增长-3.5%; "" none)."""

    text: str
    value: Decimal
    high: Decimal | None
    unit: str
    kind: str
    qualifier: str
    en: str
    start: int
    end: int
    sign: str = ""

    @property
    def key(self) -> tuple[str, str, str, str, str, str]:
        """What must be equal between a brief and its source (the sign included)."""
        hi = "" if self.high is None else format(self.high.normalize(), "f")
        return (self.kind, format(self.value.normalize(), "f"), hi, self.unit, self.qualifier, self.sign)

    @property
    def unit_written(self) -> str:
        """The unit as written after the number (``亿元``, ``万家``, ``%``)."""
        body = fold(self.text)
        quals = sorted(tables.qualifiers(), key=lambda q: len(q.text), reverse=True)
        for q in quals:
            if q.position == "pre" and body.startswith(q.text) and q.text != "第":
                body = body[len(q.text):]
                break
        for q in quals:
            if q.position == "post" and body.endswith(q.text):
                body = body[: -len(q.text)]
                break
        m = re.match(r"[\d.,，\s\-~～—至到]+(?:[余多])?", body)
        return body[m.end():] if m else ""

    @property
    def number_written(self) -> str:
        m = re.search(r"\d[\d.,]*", fold(self.text))
        return m.group(0) if m else ""


def _qualifier_zh(text: str) -> str:
    """The Chinese hedges in an expression as written: pre + mid + post, in order."""
    found = []
    quals = sorted(tables.qualifiers(), key=lambda q: len(q.text), reverse=True)
    for q in quals:
        if q.position == "pre" and q.text != "第" and text.startswith(q.text):
            found.append(q.text)
            break
    for q in quals:
        if q.position == "mid" and re.search(rf"\d{re.escape(q.text)}", text):
            found.append(q.text)
            break
    for q in quals:
        if q.position == "post" and text.endswith(q.text):
            found.append(q.text)
            break
    return "".join(found)


def find(text: str) -> list[NumExpr]:
    """Every number expression in ``text``, in order (digits; 十件 is not one here)."""
    from doctools.translate.numbers import parse

    out = []
    units = sorted(tables.units(), key=len, reverse=True)
    posts = sorted((q.text for q in tables.qualifiers() if q.position == "post"), key=len, reverse=True)
    folded = fold(text)
    for e in parse(folded):
        expr_text, unit, en, end = text[e.start:e.end], e.unit, e.en, e.end
        if not unit and e.kind == "number":
            # a unit the parser does not know (1.3万亿斤以上): take it, and a hedge after it,
            # so the figure keeps them; its English is then left to the untranslated path
            u = next((u for u in units if folded.startswith(u, end)), "")
            if u:
                end += len(u)
                q = next((q for q in posts if folded.startswith(q, end)), "")
                end += len(q)
                expr_text, unit, en = text[e.start:end], u, ""
        sign = folded[e.start - 1] if e.start and folded[e.start - 1] in "+-" else ""
        if sign and e.start > 1 and folded[e.start - 2].isdigit():
            sign = ""  # 2021-2023: a range, not a sign
        out.append(NumExpr(expr_text, e.value, e.high, unit, e.kind, _qualifier_zh(expr_text), en, e.start, end,
                           sign))
    return out


def cn_int(text: str) -> int | None:
    """A Chinese or Arabic numeral as int (十 → 10, 二十三 → 23, 9 → 9); None if not one.

    The value comes from the one Chinese-numeral parser, ``doctools.numerals.cn_value``.
    """
    from doctools.numerals import cn_value

    if text.isdigit():
        return int(text)
    return cn_value(text, positional=True)


def unit_class(e: NumExpr) -> str:
    """money / percent / people / count / … for ranking figures."""
    if e.kind == "percent":
        return "percent"
    if e.kind in ("year", "date", "ordinal"):
        return e.kind
    written = e.unit_written
    base = _MAGNITUDE.sub("", written)
    if written and not base:
        return "count"  # 减少1109万: a magnitude with the noun left out
    return tables.units().get(base, tables.units().get(e.unit, "other" if e.unit else "bare"))


__all__ = ["NumExpr", "cn_int", "find", "unit_class"]
