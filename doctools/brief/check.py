"""The faithfulness checker: every item of a brief must say only what its source says.

``findings`` lists each way an item is not faithful, as (item key, reason); ``make_brief``
leaves those items out (``withhold.py``) and refuses the brief only when nothing faithful
remains. Checks::

    sentence   each item is its source sentence or a run of whole clauses of it (linked id);
               a step's or task's responsible body and deadline stand verbatim in the source
    numbers    each number expression of an item is in that sentence with the same value,
               unit, hedge (超/左右/余 …) and sign; figure fields (value, unit, qualifier,
               change, rank, measure) are read back from the item's own text
    script     no Traditional character (OpenCC t2s changes it, s2t does not)
    vocabulary no Taiwan term (doctools/data/brief/taiwan_terms.tsv)
    withheld   a task clause left out for a script problem is source text with that
               problem; a task without gist has withheld clauses (tasks are never dropped)
    chrome     no item is a site-furniture line (the cleaner's chrome table)
    duplicates no item twice

Digits, signs and units compare in folded form (``doctools.numerals.fold``): 增长37.2％ in the source
is 增长37.2% in a figure. Examples of findings: 增长9.4% where the source says 9.3%;
增长6% where it says 6%左右; a 區 left in the text.
"""

from __future__ import annotations

import re
from functools import cache

from doctools.brief._structure import is_clause_span, norm
from doctools.brief.model import Brief, Figure
from doctools.brief.numexpr import NumExpr, find
from doctools.clean.sentences import split
from doctools.errors import FaithfulnessError
from doctools.model import Document
from doctools.numerals import fold
from doctools.resources import data_path
from doctools.tables import load_table

Finding = tuple[str, str]  # (item key, reason)


def _sentence_index(doc: Document) -> dict[str, str]:
    out: dict[str, str] = {}
    for b in doc.blocks:
        for s in split(b.text, b.id):
            out[s.id] = s.text
    return out


def _num_keys(exprs: list[NumExpr]) -> list[tuple[str, ...]]:
    return [e.key for e in exprs if e.kind in ("number", "percent", "ordinal")]


def _check_numbers(key: str, text: str, src: str, sid: str) -> list[Finding]:
    have = _num_keys(find(src))
    return [(key, f"number {e.text!r} not in the source with this unit, hedge and sign ({sid})")
            for e in find(text) if e.kind in ("number", "percent", "ordinal") and e.key not in have]


def _check_item(key: str, text: str, sid: str, sents: dict[str, str], anywhere: bool) -> list[Finding]:
    """Clause check and number check of one item against its linked sentence (or, for
    task sub-points, any sentence of the source)."""
    source = sents.get(sid)
    if source is None and not anywhere:
        return [(key, f"source sentence {sid} not found")]
    candidates = [source] if source is not None else []
    if anywhere:
        candidates += [s for s in sents.values() if norm(text) in norm(s)]
    matches = [s for s in candidates if is_clause_span(text, s)]
    out: list[Finding] = []
    if not matches:
        out.append((key, f"not a sentence or clause of the source ({sid}): {text!r}"))
    return out + _check_numbers(key, text, matches[0] if matches else (source or ""), sid)


def _check_verbatim(key: str, text: str, sents: dict[str, str]) -> list[Finding]:
    """A responsible body or deadline: each ；-separated piece verbatim (whitespace aside)
    in some source sentence (several statements of one item are joined by ；)."""
    out: list[Finding] = []
    for piece in text.split("；"):
        t = re.sub(r"\s+", "", piece)
        host = next((s for s in sents.values() if t and t in re.sub(r"\s+", "", s)), None)
        if host is None:
            out.append((key, f"not in the source as written: {piece!r}"))
        else:
            out += _check_numbers(key, piece, host, "")
    return out


def _check_figure(i: int, f: Figure) -> list[Finding]:
    key = f"figure.{i}"
    out: list[Finding] = []
    exprs = find(f.text)
    text = fold(f.text)
    if f.value and not any(
        e.number_written == f.value and e.unit_written == f.unit and e.qualifier == f.qualifier for e in exprs
    ):
        out.append((key, f"value {f.qualifier}{f.value}{f.unit} is not what its source clause says"))
    if f.change:
        change = fold(f.change)
        m = re.match(r"(\D+?)([-+]?\d+(?:\.\d+)?(?:%|个百分点|倍|‰|(?:万|亿)?[^\d\s]{1,3}))", change)
        # 分别增长28.3%和51.3%: the verb and the number may stand apart, the sign may not differ
        apart = m is not None and m.group(1) in text and re.search(
            rf"(?<![-+\d.]){re.escape(m.group(2))}", text) is not None
        if not m or (change not in text and not apart):
            out.append((key, f"change {f.change!r} is not in its source clause"))
    if f.rank and fold(f.rank) not in text:
        out.append((key, f"rank {f.rank!r} is not in its source clause"))
    if f.measure and f.measure not in f.text:
        out.append((key, f"measure {f.measure!r} is not in its source clause"))
    if f.indicator and not indicator_in(f.indicator, f.text):
        out.append((key, f"indicator {f.indicator!r} is not in its source clause"))
    return out


@cache
def _taiwan_terms() -> tuple[str, ...]:
    rows = load_table(data_path("brief", "taiwan_terms.tsv")).rows
    return tuple(r.cells[0] for r in rows)


def traditional_chars(text: str) -> set[str]:
    """Characters of ``text`` that exist only in Traditional script."""
    from doctools.clean.script import _changed

    chars = sorted({c for c in text if "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"})
    return _changed(chars, "t2s") - _changed(chars, "s2t")


def script_problem(text: str) -> str:
    """Why ``text`` cannot stand in a Simplified brief ("" when it can)."""
    trad = traditional_chars(text)
    if trad:
        return f"Traditional characters {''.join(sorted(trad))!r}"
    for term in _taiwan_terms():
        if term in text:
            return f"Taiwan vocabulary {term!r}"
    return ""


def _texts(brief: Brief) -> list[tuple[str, str]]:
    out = [("title", brief.title)]
    out += [(k, t) for k, t, _ in brief.items()]
    out += [(f"figure.{i}", f.indicator) for i, f in enumerate(brief.figures)]
    return out


def indicator_in(indicator: str, text: str) -> bool:
    """The indicator stands in the clause — whole, or as a subject and a measure that both
    stand in it in that order (琶洲试验区 … 企业数量: an enumeration sharing its subject)."""
    if indicator in text:
        return True
    for k in range(2, len(indicator) - 1):
        head, tail = indicator[:k], indicator[k:]
        pos = text.find(head)
        if pos >= 0 and text.find(tail, pos + len(head)) >= 0:
            return True
    return False


def _check_withheld(brief: Brief, sents: dict[str, str]) -> list[Finding]:
    """A task keeps its place when clauses of it are withheld for a conversion gap; each
    withheld text must be source text that really has a script problem, and a task with
    no gist must say why (its withheld clauses)."""
    out: list[Finding] = []
    for i, t in enumerate(brief.tasks):
        if not t.gist and not t.withheld:
            out.append((f"task.{i}", "no gist and nothing withheld"))
        for w in t.withheld:
            if not any(is_clause_span(w, s) for s in sents.values() if norm(w) in norm(s)):
                out.append((f"task.{i}", f"withheld text is not a clause of the source: {w!r}"))
            if not script_problem(w):
                out.append((f"task.{i}", f"withheld without a script problem: {w!r}"))
    return out


def findings(brief: Brief, source: Document) -> list[Finding]:
    """Every way ``brief`` is not faithful to ``source`` as (item key, reason); [] faithful."""
    sents = _sentence_index(source)
    out: list[Finding] = []
    for key, text, sid in brief.items():
        if key.endswith((".responsible", ".deadline")):
            out += _check_verbatim(key, text, sents)
            continue
        # task sub-points, steps and duties may come from blocks other than the linked one
        anywhere = (key.startswith("task.") and key.count(".") == 2) or key.startswith(("step.", "duty."))
        out += _check_item(key, text, sid, sents, anywhere)
    out += _check_withheld(brief, sents)
    for i, f in enumerate(brief.figures):
        out += _check_figure(i, f)
    for prefix, group in (("target", brief.targets), ("goal", brief.goals), ("plan", brief.plan_figures)):
        for i, t in enumerate(group):
            if t.qualifier and t.qualifier not in t.text:
                out.append((f"{prefix}.{i}", f"qualifier {t.qualifier!r} is not in the target text"))
            if t.year and t.year not in sents.get(t.source_id, ""):
                out.append((f"{prefix}.{i}", f"target year {t.year!r} is not in its source sentence"))
    if brief.language.startswith("zh"):
        for key, text in _texts(brief):
            trad = traditional_chars(text)
            if trad:
                out.append((key, f"Traditional characters {''.join(sorted(trad))!r} in a Simplified brief"))
            for term in _taiwan_terms():
                if term in text:
                    out.append((key, f"Taiwan vocabulary {term!r} in a Simplified brief"))
    from doctools.clean import chrome

    seen: dict[tuple[bool, str], str] = {}
    for key, text, _ in brief.items():
        if chrome.match(text, edge=True):
            out.append((key, f"site chrome {text!r}"))
        if key.startswith("figure.") or key.endswith((".responsible", ".deadline")):
            continue  # figures may share a clause (unique by indicator below); bodies repeat
        # a step or duty may repeat a goal's words: it adds who and when (own namespace)
        k = (key.startswith(("step.", "duty.")), norm(text))
        if k in seen:
            out.append((key, f"duplicate of {seen[k]}"))
        seen.setdefault(k, key)
    firsts: dict[tuple[str, str, str], int] = {}
    for i, f in enumerate(brief.figures):
        sig = (f.indicator, f.value, f.change)
        if sig in firsts:
            out.append((f"figure.{i}", f"the same figure as figure.{firsts[sig]}"))
        firsts.setdefault(sig, i)
    return out


def violations(brief: Brief, source: Document) -> list[str]:
    """``findings`` as one line each (``key: reason``); empty when faithful."""
    return [f"{key}: {reason}" for key, reason in findings(brief, source)]


def check(brief: Brief, source: Document) -> None:
    """Raise FaithfulnessError (first violation, and how many more) unless faithful."""
    found = violations(brief, source)
    if found:
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise FaithfulnessError(f"brief is not faithful to its source: {found[0]}{more}")


__all__ = ["Finding", "check", "findings", "indicator_in", "script_problem", "traditional_chars", "violations"]
