"""make_brief: read a Simplified, cleaned official document by its kind into a Brief.

The kind comes from title and structure (``kinds.py``); each kind has its reader::

    work_report           report.py   review figures, targets, 力争 goals, tasks, problems
    statistical_bulletin  bulletin.py every headline indicator, in the bulletin's order
    policy                policy.py   goals with target years, measures, who and when
    speech, other         here        figures and key sentences

A reader that finds nothing of substance falls back to figures and key sentences, so a
Chinese document always gets a brief. Nothing is generated: every item is a source
sentence or a run of its whole clauses; the faithfulness check (``check.py``) runs once,
in ``doctools.brief.make_brief``, and withholds what it cannot confirm.

Conversion gaps (Traditional characters or Taiwan vocabulary left in the Simplified
edition): tasks are never dropped — a task keeps its longest clean run of clauses and lists
the rest in ``Task.withheld`` (and in ``Brief.withheld``); other items with such a gap are
withheld by the check. Input that is not Chinese, or yields no item at all, is refused with
a one-line InputError.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import os
import re
from typing import Any

from doctools.brief import figures, kinds, tables
from doctools.brief._structure import Sent, clauses, norm, sentences
from doctools.brief.model import Brief, Sentence, SourceInfo, Task, Withheld
from doctools.brief.numexpr import find
from doctools.errors import InputError
from doctools.model import Document

_DATE = re.compile(r"(\d{4}年\d{1,2}月\d{1,2}日)")


def key_sentences(sents: list[Sent], shown: set[str], n: int = 6) -> tuple[Sentence, ...]:
    """Sentences a reader of an unplaced document needs: the purpose, the goals (到2025年),
    the most number-dense ones, then the opening ones — boilerplate excluded, document order."""
    boiler, purpose, year = tables.pattern("boilerplate"), tables.pattern("purpose"), tables.pattern("goal_year")
    scored = []
    for i, s in enumerate(sents):
        text = s.text.strip()
        if boiler.search(text) or not 8 <= len(text) <= 110 or s.block.kind == "heading":
            continue
        new = {e.text for e in find(text) if e.kind in ("number", "percent")} - shown
        score = 2.0 * len(new) + 2.0 * bool(purpose.search(text)) + 1.0 * bool(year.search(text))
        score += 1.0 if i < max(3, len(sents) // 10) else 0.0
        if score > 0:
            scored.append((score, i, s))
    best = sorted(scored, key=lambda x: (-x[0], x[1]))[:n]
    return tuple(Sentence(s.text.rstrip(), s.id) for _, _, s in sorted(best, key=lambda x: x[1]))


FALLBACK_FIGURES = 16
MIN_SENTENCES = 3  # a text without figures needs at least this many sentences to be briefed


def _fallback(doc: Document, figures_limit: int | None) -> dict[str, Any]:
    """Figures and key sentences: what every document gets when its kind says no more."""
    sents = sentences([b for b in doc.blocks if b.kind in ("heading", "paragraph", "list_item")])
    figs = figures.extract(sents, limit=figures_limit or FALLBACK_FIGURES)
    if not figs and len(sents) < MIN_SENTENCES:
        return {}  # too little to brief: refused, not padded with its only sentence
    shown = {f.value + f.unit for f in figs} | {e.text for f in figs for e in find(f.text)}
    used = {f.source_id for f in figs}
    return {"figures": figs, "summary": key_sentences([s for s in sents if s.id not in used], shown)}


def _read(doc: Document, kind: str, figures_limit: int | None) -> dict[str, Any]:
    if kind == "work_report":
        from doctools.brief import report

        return report.read(doc, figures_limit=figures_limit) if figures_limit else report.read(doc)
    if kind == "statistical_bulletin":
        from doctools.brief import bulletin

        return bulletin.read(doc)
    if kind == "policy":
        from doctools.brief import policy

        return policy.read(doc)
    return _fallback(doc, figures_limit)


def document_date(doc: Document) -> str:
    """The document's own date as written: a date line near its head or its end (the
    signature: 2022年4月14日), or the date in the subtitle of a report; "" when none."""
    blocks = [b for b in doc.blocks if b.kind != "heading"]
    for b in blocks[:14] + blocks[-6:]:
        m = _DATE.search(b.text)
        if m and len(b.text.strip()) <= 40:
            return m.group(1)
    return ""


def make_brief(doc: Document, *, figures_limit: int | None = None, generated: str | None = None,
               kind: str | None = None) -> Brief:
    """The brief of a Simplified, cleaned document, not yet checked (see the module docstring).

    InputError when ``doc`` is not a Chinese text, or when nothing of a brief is found in
    it: an empty brief is never written as if it were one."""
    _require_chinese(doc)
    kind = kind or kinds.detect(doc)
    found = _read(doc, kind, figures_limit)
    probe = Brief(title="", source=SourceInfo(), **found)
    if not probe.substantive():
        found = _fallback(doc, figures_limit)
    title = doc.metadata.title or next((b.text for b in doc.blocks if b.kind == "title"), "") or next(
        iter(kinds.title_lines(doc)), "")  # a title the cleaner did not mark: the first title-like line
    md = doc.metadata
    source = SourceInfo(md.source_path or "", md.derived_from or md.source_sha256 or "", title,
                        generated or _generation_date(), document_date(doc))
    notices = tuple(n.message for n in doc.notices if n.step.startswith("brief"))
    brief = Brief(title=title, source=source, kind=kind, notices=notices, **found)
    brief = _clean_tasks(_dedupe(brief))
    if not brief.items() and not any(t.withheld for t in brief.tasks):
        raise InputError(f"no brief content in {_name(doc)}: no figures, targets, tasks, problems or key "
                         "sentences found")
    return brief


def _name(doc: Document) -> str:
    return os.path.basename(doc.metadata.source_path or "") or "the input"


def _require_chinese(doc: Document) -> None:
    """Refuse a document that is not Chinese (the one rule, ``clean.script.is_chinese``)."""
    from doctools.clean.script import is_chinese

    if not is_chinese(doc):
        raise InputError(f"not a Chinese document: {_name(doc)}; the brief reads Chinese official documents")


def _dedupe(brief: Brief) -> Brief:
    """Each text once: a later target, goal, plan figure, task point, problem or key
    sentence that repeats an earlier item is dropped (steps and duties may repeat a goal's
    words — they add who and when)."""
    seen: set[str] = set()

    def fresh(text: str) -> bool:
        k = norm(text)
        if k in seen:
            return False
        seen.add(k)
        return True

    targets = tuple(t for t in brief.targets if fresh(t.text))
    goals_ = tuple(t for t in brief.goals if fresh(t.text))
    plan = tuple(t for t in brief.plan_figures if fresh(t.text))
    tasks = []
    for t in brief.tasks:
        fresh(t.gist)
        tasks.append(dataclasses.replace(t, points=tuple(p for p in t.points if fresh(p))))
    problems = tuple(p for p in brief.problems if fresh(p.text))
    summary = tuple(s for s in brief.summary if fresh(s.text))
    return dataclasses.replace(brief, targets=targets, goals=goals_, plan_figures=plan, tasks=tuple(tasks),
                               problems=problems, summary=summary)


def _clean_tasks(brief: Brief) -> Brief:
    """Tasks keep their clean clauses when some have a conversion gap (never dropped); the
    clauses left out are listed in the task and in ``Brief.withheld``."""
    from doctools.brief.check import script_problem

    tasks, withheld = [], list(brief.withheld)
    for i, t in enumerate(brief.tasks):
        task = _clean_task(t)
        withheld += [Withheld(f"task.{i}", w, script_problem(w)) for w in task.withheld if w not in t.withheld]
        tasks.append(task)
    return dataclasses.replace(brief, tasks=tuple(tasks), withheld=tuple(withheld))


def clean_clauses(text: str) -> tuple[str, tuple[str, ...]]:
    """The longest run of whole clauses of ``text`` without a script problem (first of equal
    runs), and the clauses left out; ``(text, ())`` when it is clean. The run is still a
    clause span of the source, so the checker accepts it as quoted."""
    from doctools.brief.check import script_problem

    if not script_problem(text):
        return text, ()
    spans = clauses(text)
    bad = [bool(script_problem(text[a:b])) for a, b in spans]
    best: tuple[int, int] = (0, 0)
    i = 0
    while i < len(spans):
        j = i
        while j < len(spans) and not bad[j]:
            j += 1
        if j - i > best[1] - best[0]:
            best = (i, j)
        i = j + 1
    kept = text[spans[best[0]][0]:spans[best[1] - 1][1]].strip() if best[1] > best[0] else ""
    withheld = tuple(text[a:b].strip() for (a, b), x in zip(spans, bad, strict=True) if x)
    if kept and script_problem(kept):  # a problem spanning a clause boundary
        return "", (text.strip(),)
    return kept, withheld or ((text.strip(),) if not kept else ())


def _clean_task(task: Task) -> Task:
    """The task with unconverted clauses of its gist and points withheld (never dropped)."""
    gist, withheld = clean_clauses(task.gist)
    points: list[str] = []
    for p in task.points:
        kept, w = clean_clauses(p)
        withheld += w
        if kept:
            points.append(kept)
    if not withheld:
        return task
    return dataclasses.replace(task, gist=gist, points=tuple(points), withheld=task.withheld + withheld)


def _generation_date() -> str:
    """Today, or SOURCE_DATE_EPOCH's date for reproducible output."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = _dt.datetime.fromtimestamp(int(epoch), _dt.UTC) if epoch and epoch.isdigit() else _dt.datetime.now(_dt.UTC)
    return when.date().isoformat()


__all__ = ["clean_clauses", "document_date", "key_sentences", "make_brief"]
