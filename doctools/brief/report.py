"""The work report (政府工作报告): review part → figures, plan part → targets, goals, tasks.

What comes from where (patterns in ``doctools/data/brief/patterns.tsv``)::

    figures    review part (一、…回顾): number expressions + change + rank  (figures.py)
    targets    the 主要预期目标 sentence, one target per clause, verbatim
    goals      clauses opening with 力争/确保 that hold a number, in the plan part
    tasks      level-2 headings of the plan part （一）…, gist = first sentence; points =
               run-in leads of the paragraphs beneath; announced count from 以下十个方面
    problems   the paragraph admitting 短板/不足/问题, cut at 一是…二是…
    summary    the few sentences adding the most numbers not already shown

Nothing is generated: every item is a source sentence or a run of its whole clauses.
"""

from __future__ import annotations

import re
from typing import Any

from doctools.brief import figures, tables
from doctools.brief._structure import Sent, clauses, norm, parts, sentences
from doctools.brief.model import Problem, Sentence, Target, Task
from doctools.brief.numexpr import NumExpr, cn_int, find, unit_class
from doctools.model import Block, Document


def _targets(plan: list[Sent]) -> tuple[Target, ...]:
    """The targets list after 主要预期目标是：, up to the sentence that ends it with 。 (each
    ；-sentence one target, split further where several of its clauses are targets); or —
    for reports without that phrase — the first run of plan sentences whose clauses are
    targets (hedged numbers, qualitative goals)."""
    targets_re = tables.pattern("targets")
    for i, s in enumerate(plan):
        m = targets_re.search(s.text)
        if not m:
            continue
        out = _sentence_targets(s, m.end())
        if s.text.rstrip().endswith("。") and out:
            return tuple(out)
        for sent in plan[i + 1:i + 1 + MAX_TARGET_LINES]:
            found = _sentence_targets(sent, 0)
            whole = sent.text.strip().rstrip("，；,;。 ")
            if found and (len(found) > 1 or norm(found[0].text) == norm(whole)):
                out += found
            elif whole:  # a target the patterns do not know (进出口保稳提质，; 能耗强度目标…): still in the list
                out.append(make_target(whole, sent.id))
            if sent.text.rstrip().endswith("。") or sent.block.kind == "heading":
                break
        if out:
            return tuple(out)
    for i, s in enumerate(plan[:60]):
        if not _sentence_targets(s, 0, strict=True):
            continue
        out = []
        for sent in plan[i:i + 12]:
            found = _sentence_targets(sent, 0, strict=True)
            if not found:
                break
            out += found
        if len(out) >= 2:
            return tuple(out)
    return ()


MAX_TARGET_LINES = 20


def _sentence_targets(sent: Sent, start: int, strict: bool = False) -> list[Target]:
    """Targets of one sentence from ``start``; a clause without target content is joined
    to the next one (进出口促稳提质，国际收支基本平衡). ``strict``: hedged numbers only."""
    out: list[Target] = []
    pending = -1
    for a, b in clauses(sent.text):
        if b <= start:
            continue
        a = max(a, start)
        text = sent.text[a:b].lstrip("是为：: ")
        ok = _is_target(text) if strict else _has_target(text)
        if not ok:
            pending = a if pending < 0 else pending
            continue
        begin = pending if pending >= 0 else a
        out.append(make_target(sent.text[begin:b].lstrip("是为：: "), sent.id))
        pending = -1
    return out


def _is_target(text: str) -> bool:
    """A clause that reads as a target even outside a targets paragraph."""
    hedged = [e for e in values(text) if e.qualifier in ("左右", "以上", "以内", "以下")]
    return bool(hedged) or bool(tables.pattern("target_qualitative").search(text))


def _has_target(text: str) -> bool:
    return bool(values(text)) or bool(tables.pattern("target_qualitative").search(text))


def values(text: str) -> list[NumExpr]:
    return [e for e in find(text) if e.kind in ("number", "percent")]


def make_target(text: str, sid: str) -> Target:
    change = tables.pattern("change").search(text)
    vals = values(text)
    qual = vals[0].qualifier if vals else ""
    if not vals:
        q = tables.pattern("target_qualitative").search(text)
        qual = q.group(0) if q else ""
    cut = min([x for x in (change.start() if change else None, vals[0].start if vals else None) if x is not None],
              default=None)
    indicator = text[:cut] if cut else (text[: text.find(qual)] if qual and qual in text else "")
    return Target(text, sid, indicator.strip(), change.group(0) if change else "", qual)


def goals(plan: list[Sent]) -> tuple[Target, ...]:
    goal_re = tables.pattern("goal")
    out, seen = [], set()
    for s in plan:
        for a, b in clauses(s.text):
            clause = s.text[a:b]
            m = goal_re.match(clause)
            if not m or not values(clause) or norm(clause) in seen:
                continue
            seen.add(norm(clause))
            out.append(make_target(clause, s.id))
    return tuple(out)


def _plan_figures(plan: list[Sent], taken: set[str], limit: int = 16) -> tuple[Target, ...]:
    """Policy numbers of the plan (拟安排地方政府专项债券3.75万亿元; 今年高校毕业生超过1000万人):
    sentences (or, when long, clauses) with a plan word and a money amount, a hedged
    percentage or a count of people, not already a target or goal."""
    verb = tables.pattern("plan_figure")
    out: list[Target] = []
    for s in plan:
        if s.block.kind == "heading":
            continue
        whole = s.text.strip().rstrip("。；;")
        spans = [(0, len(whole))] if len(whole) <= SENTENCE_MAX else clauses(s.text)
        for a, b in spans:
            text = s.text[a:b].strip().rstrip("。；;")
            if not verb.search(text) or norm(text) in taken:
                continue
            vals = values(text)
            if any(unit_class(e) in ("money", "people") or (e.kind == "percent" and e.qualifier) for e in vals):
                taken.add(norm(text))
                out.append(make_target(text, s.id))
    return tuple(out[:limit])


SENTENCE_MAX = 90  # a plan figure longer than this is quoted by its clauses


def _tasks(plan_blocks: tuple[Block, ...], plan_heading: Block | None) -> tuple[list[Task], int | None, str]:
    heads = [b for b in plan_blocks if b.kind == "heading" and b.level == 2]
    if not heads:
        heads = [b for b in plan_blocks if b.kind == "heading" and b.level == 1 and b is not plan_heading]
    level: int = (heads[0].level or 2) if heads else 2
    tasks: list[Task] = []
    seen: set[str] = set()
    current: list[str] | None = None
    for b in plan_blocks:
        if b.kind == "heading" and b in heads:
            gist = first_sentence(b.text)
            if norm(gist) in seen:
                current = None
                continue
            seen.add(norm(gist))
            current = []
            tasks.append(Task(b.label or "", gist, f"{b.id}.s0", ()))
        elif b.kind == "heading" and (b.level or 9) <= level:
            current = None
        elif current is not None and tasks and b.kind == "paragraph" and b.lead:
            lead = b.lead.strip().rstrip("。；;")
            if lead and norm(lead) not in seen:
                seen.add(norm(lead))
                last = tasks[-1]
                tasks[-1] = Task(last.label, last.gist, last.source_id, (*last.points, lead))
    announced = None
    first_task = next((i for i, b in enumerate(plan_blocks) if heads and b is heads[0]), len(plan_blocks))
    for b in plan_blocks[:first_task]:
        m = tables.pattern("announced").search(b.text)
        if m and tables.pattern("tasks_intro").search(b.text):
            announced = cn_int(m.group(1))
    note = _truncation_note(tasks, announced)
    return tasks, announced, note


def first_sentence(text: str) -> str:
    m = re.match(r"[^。！？]+", text)
    return (m.group(0) if m else text).strip()


def _truncation_note(tasks: list[Task], announced: int | None) -> str:
    """Say when fewer tasks are present than announced, or the numbering has a gap."""
    nums = [cn_int(re.sub(r"[（）()、.．\s]", "", t.label)) for t in tasks]
    found = len(tasks)
    first = nums[0] if nums and nums[0] is not None else 1
    gaps = bool(nums) and all(n is not None for n in nums) and nums != list(range(first, first + found))
    short = announced is not None and announced > found
    if not tasks or (not short and not gaps):
        return ""
    if not short:
        return tables.label("tasks_gap", labels="、".join(t.label for t in tasks))
    return tables.label("tasks_truncated", announced=announced, found=found,
                       first=tasks[0].label, last=tasks[-1].label)


def problems(sents: list[Sent], limit: int = 24) -> tuple[Problem, ...]:
    """The shortcomings the report admits: every paragraph that introduces problems and
    numbers them 一是…二是…, and the plain-clause lists after 清醒看到…问题 (both kinds,
    document order, each text once)."""
    enum_re, prob_re = tables.pattern("enumerator"), tables.pattern("problems")
    by_block: dict[str, list[Sent]] = {}
    for s in sents:
        by_block.setdefault(s.block.id, []).append(s)
    out: list[Problem] = []
    for group in by_block.values():
        text = "".join(s.text for s in group)
        marks = list(enum_re.finditer(text))
        if len(marks) < 2 or not prob_re.search(text[: marks[0].start()]):
            continue
        found = []
        for s in group:
            for m in enum_re.finditer(s.text):
                if m.start() > 0 and s.text[m.start() - 1] not in "，；：。,;: ":
                    continue
                body = s.text[m.end():]
                nxt = enum_re.search(body)
                body = body[: nxt.start()] if nxt else body
                body = re.sub(r"[，,]?等等?[。；]?$", "", body.rstrip("。；; ")).rstrip("。；;，, ")
                if body:
                    short = re.split(r"[，；,;]", body)[0]
                    found.append(Problem(m.group(0), body, short, s.id))
        if len(found) >= 2:
            out += found
    enum_start = re.compile(f"^(?:{enum_re.pattern})")
    numbered = [norm(p.text) for p in out]
    for p in _problems_unnumbered(sents):  # a plain list, unless it repeats a numbered one (二是…)
        body = norm(enum_start.sub("", p.text))
        if not any(body in n for n in numbered):
            out.append(p)
    seen: set[str] = set()
    unique = []
    for p in out:
        if norm(p.text) not in seen and not any(norm(p.text) in norm(q.text) for q in out if q is not p
                                                 and len(q.text) > len(p.text)):
            seen.add(norm(p.text))
            unique.append(p)
    return tuple(unique[:limit])


def _problems_unnumbered(sents: list[Sent]) -> list[Problem]:
    """Problems written as plain clauses after 清醒看到…问题 (no 一是…二是…): the clauses of
    the following sentences up to the closing 我们一定要…, each one a problem."""
    intro, end = tables.pattern("problems_intro"), tables.pattern("problems_end")
    for i, s in enumerate(sents):
        if not intro.search(s.text):
            continue
        out: list[Problem] = []
        for sent in sents[i + 1:i + 40]:
            if end.search(sent.text) or sent.block.kind == "heading":
                break
            for a, b in clauses(sent.text):
                text = sent.text[a:b].strip()
                if 4 <= len(text) <= 40:
                    out.append(Problem("", text, text, sent.id))
        if len(out) >= 2:
            return out
    return []


def summary_sentences(sents: list[Sent], shown: set[str], n: int = 4) -> tuple[Sentence, ...]:
    """The ``n`` sentences adding the most numbers not already ``shown``, in document order."""
    boiler = tables.pattern("boilerplate")
    scored = []
    for i, s in enumerate(sents):
        if boiler.search(s.text) or len(s.text) > 110:
            continue
        new = {e.text for e in find(s.text) if e.kind in ("number", "percent")} - shown
        score = len(new) + (1 if tables.pattern("change").search(s.text) else 0)
        if len(new) >= 2:
            scored.append((score, i, s))
    best = sorted(scored, key=lambda x: (-x[0], x[1]))[:n]
    return tuple(Sentence(s.text.rstrip(), s.id) for _, _, s in sorted(best, key=lambda x: x[1]))


def read(doc: Document, *, figures_limit: int = 24) -> dict[str, Any]:
    """The parts of a work report's brief (Brief keyword arguments)."""
    p = parts(doc)
    seen: set[str] = set()
    review = sentences(p.review, seen)
    plan = sentences(p.plan, seen)
    figs = figures.extract(review, limit=figures_limit)
    targets = _targets(plan) or _targets(review)
    goal_items = tuple(g for g in goals(plan) if norm(g.text) not in {norm(t.text) for t in targets})
    plan_figs = _plan_figures(plan, {norm(t.text) for t in targets + goal_items})
    tasks, announced, note = _tasks(p.plan, p.plan_heading)
    problem_items = problems(review + plan)
    used = {f.source_id for f in figs} | {pr.source_id for pr in problem_items}
    shown = {f.value + f.unit for f in figs} | {f.qualifier + f.value + f.unit for f in figs}
    summary = summary_sentences([s for s in review if s.id not in used], shown)
    return {"figures": figs, "targets": targets, "goals": goal_items, "plan_figures": plan_figs,
            "tasks": tuple(tasks), "tasks_announced": announced, "tasks_note": note,
            "problems": problem_items, "summary": summary}


__all__ = ["first_sentence", "goals", "make_target", "problems", "read", "summary_sentences", "values"]
