"""The faithfulness checker: a brief is refused unless the source says everything it says.

Run on every brief before it is written (``write_brief`` calls it). Checks::

    sentence   each item is its source sentence or a run of whole clauses of it (linked id)
    numbers    each number expression of an item is in that sentence with the same value,
               unit and hedge (超/左右/余 …); figure fields (value, unit, qualifier, change,
               rank) are read back from the item's own text
    script     no Traditional character (OpenCC t2s changes it, s2t does not)
    vocabulary no Taiwan term (doctools/data/brief/taiwan_terms.tsv)
    withheld   a task clause left out for a script problem is source text with that
               problem; a task without gist has withheld clauses (tasks are never dropped)
    chrome     no item is a site-furniture line (the cleaner's chrome table)
    duplicates no item twice

Examples of refusals: 增长9.4% where the source says 9.3%; 增长6% where it says 6%左右;
a 區 left in the text. A violation raises FaithfulnessError; ``violations`` lists them all.
"""

from __future__ import annotations

import re
from functools import cache

from doctools.brief._structure import is_clause_span, norm
from doctools.brief.model import Brief
from doctools.brief.numexpr import NumExpr, find
from doctools.clean.sentences import split
from doctools.errors import FaithfulnessError
from doctools.model import Document
from doctools.resources import data_path
from doctools.tables import load_table


def _sentence_index(doc: Document) -> dict[str, str]:
    out: dict[str, str] = {}
    for b in doc.blocks:
        for s in split(b.text, b.id):
            out[s.id] = s.text
    return out


def _num_keys(exprs: list[NumExpr]) -> list[tuple[str, str, str, str, str]]:
    return [e.key for e in exprs if e.kind in ("number", "percent", "ordinal")]


def _check_item(key: str, text: str, sid: str, sents: dict[str, str], anywhere: bool) -> list[str]:
    """Clause check and number check of one item against its linked sentence (or, for
    task sub-points, any sentence of the source)."""
    source = sents.get(sid)
    if source is None and not anywhere:
        return [f"{key}: source sentence {sid} not found"]
    candidates = [source] if source is not None else []
    if anywhere:
        candidates += [s for s in sents.values() if norm(text) in norm(s)]
    matches = [s for s in candidates if is_clause_span(text, s)]
    out: list[str] = []
    if not matches:
        out.append(f"{key}: not a sentence or clause of the source ({sid}): {text!r}")
    src = matches[0] if matches else (source or "")
    have = _num_keys(find(src))
    for e in find(text):
        if e.kind in ("number", "percent", "ordinal") and e.key not in have:
            out.append(f"{key}: number {e.text!r} not in the source with this unit and hedge ({sid})")
    return out


def _check_figure(i: int, f: object, brief: Brief) -> list[str]:
    from doctools.brief.model import Figure

    assert isinstance(f, Figure)
    out = []
    exprs = find(f.text)
    if f.value and not any(
        e.number_written == f.value and e.unit_written == f.unit and e.qualifier == f.qualifier for e in exprs
    ):
        out.append(f"figure.{i}: value {f.qualifier}{f.value}{f.unit} is not what its source clause says")
    if f.change:
        m = re.match(r"(\D+?)(\d+(?:\.\d+)?(?:%|个百分点|倍))", f.change)
        if not m or (f.change not in f.text and not (m.group(1) in f.text and m.group(2) in f.text)):
            out.append(f"figure.{i}: change {f.change!r} is not in its source clause")
    if f.rank and f.rank not in f.text:
        out.append(f"figure.{i}: rank {f.rank!r} is not in its source clause")
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
    for i, f in enumerate(brief.figures):
        out.append((f"figure.{i}.indicator", f.indicator))
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


def _check_withheld(brief: Brief, sents: dict[str, str]) -> list[str]:
    """A task keeps its place when clauses of it are withheld for a conversion gap; each
    withheld text must be source text that really has a script problem, and a task with
    no gist must say why (its withheld clauses)."""
    out: list[str] = []
    for i, t in enumerate(brief.tasks):
        if not t.gist and not t.withheld:
            out.append(f"task.{i}: no gist and nothing withheld")
        for j, w in enumerate(t.withheld):
            if not any(is_clause_span(w, s) for s in sents.values() if norm(w) in norm(s)):
                out.append(f"task.{i}.withheld.{j}: not a clause of the source: {w!r}")
            if not script_problem(w):
                out.append(f"task.{i}.withheld.{j}: withheld without a script problem: {w!r}")
    return out


def violations(brief: Brief, source: Document) -> list[str]:
    """Every way ``brief`` is not faithful to ``source`` (empty: faithful)."""
    sents = _sentence_index(source)
    out: list[str] = []
    for key, text, sid in brief.items():
        anywhere = key.startswith("task.") and key.count(".") == 2  # sub-points: own blocks
        out += _check_item(key, text, sid, sents, anywhere)
    out += _check_withheld(brief, sents)
    for i, f in enumerate(brief.figures):
        out += _check_figure(i, f, brief)
        if f.indicator and not indicator_in(f.indicator, f.text):
            out.append(f"figure.{i}: indicator {f.indicator!r} is not in its source clause")
    for i, t in enumerate(brief.targets + brief.goals):
        if t.qualifier and t.qualifier not in t.text:
            out.append(f"target.{i}: qualifier {t.qualifier!r} is not in the target text")
    if brief.language.startswith("zh"):
        for key, text in _texts(brief):
            trad = traditional_chars(text)
            if trad:
                out.append(f"{key}: Traditional characters {''.join(sorted(trad))!r} in a Simplified brief")
            for term in _taiwan_terms():
                if term in text:
                    out.append(f"{key}: Taiwan vocabulary {term!r} in a Simplified brief")
    from doctools.clean import chrome

    seen: dict[str, str] = {}
    for key, text, _ in brief.items():
        if chrome.match(text, edge=True):
            out.append(f"{key}: site chrome {text!r}")
        if key.startswith("figure."):
            continue  # several figures may share one clause; figures are unique by indicator below
        k = norm(text)
        if k in seen:
            out.append(f"{key}: duplicate of {seen[k]}")
        seen.setdefault(k, key)
    figs = [(f.indicator, f.value, f.change) for f in brief.figures]
    if len(set(figs)) != len(figs):
        out.append("figures: the same figure twice")
    return out


def check(brief: Brief, source: Document) -> None:
    """Raise FaithfulnessError (first violation, and how many more) unless faithful."""
    found = violations(brief, source)
    if found:
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise FaithfulnessError(f"brief is not faithful to its source: {found[0]}{more}")


__all__ = ["check", "script_problem", "traditional_chars", "violations"]
