"""make_brief: read a Simplified, cleaned work report by its structure into a Brief.

What comes from where (patterns in ``doctools/data/brief/patterns.tsv``)::

    figures    review part (一、…回顾): number expressions + change + rank  (figures.py)
    targets    the 主要预期目标 sentence, one target per clause, verbatim
    goals      clauses opening with 力争/确保 that hold a number, in the plan part
    tasks      level-2 headings of the plan part （一）…, gist = first sentence; points =
               run-in leads of the paragraphs beneath; announced count from 以下十个方面
    problems   the paragraph admitting 短板/不足/问题, cut at 一是…二是…
    summary    the few sentences adding the most numbers not already shown

Nothing is generated: every item is a source sentence or a run of its whole clauses, and
the brief is refused by the checker (check.py) otherwise.

Conversion gaps (Traditional characters or Taiwan vocabulary left in the Simplified
edition): figures, targets, goals, problems and summary sentences that have one are left
out with a notice; tasks are never dropped — a task keeps its longest clean run of clauses
and lists the rest in ``Task.withheld``, and every layout marks it (label task_withheld).
Input that is not Chinese, or yields no item at all, is refused with a one-line InputError.
"""

from __future__ import annotations

import datetime as _dt
import os
import re

from doctools.brief import _data, figures
from doctools.brief._structure import Sent, clauses, norm, parts, sentences
from doctools.brief.model import Brief, Problem, Sentence, SourceInfo, Target, Task
from doctools.brief.numexpr import NumExpr, cn_int, find, unit_class
from doctools.errors import InputError
from doctools.model import Block, Document


def _targets(plan: list[Sent]) -> tuple[Target, ...]:
    """The clauses after 主要预期目标是：, or — for reports without that phrase — the first
    run of plan sentences whose clauses are targets (hedged numbers, qualitative goals)."""
    targets_re = _data.pattern("targets")
    for i, s in enumerate(plan):
        m = targets_re.search(s.text)
        if not m:
            continue
        out = _sentence_targets(s, m.end())
        rest = plan[i + 1:i + 16]
        for k, sent in enumerate(rest):
            found = _sentence_targets(sent, 0)
            if found:
                out += found
            elif (sent.text.rstrip()[-1:] in "，；,;" and len(sent.text) <= 24 and k + 1 < len(rest)
                  and _has_target(rest[k + 1].text)):
                out.append(_target(sent.text.rstrip("，；,; "), sent.id))  # 进出口保稳提质，(own line)
            else:
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
        out.append(_target(sent.text[begin:b].lstrip("是为：: "), sent.id))
        pending = -1
    return out


def _is_target(text: str) -> bool:
    """A clause that reads as a target even outside a targets paragraph."""
    hedged = [e for e in _values(text) if e.qualifier in ("左右", "以上", "以内", "以下")]
    return bool(hedged) or bool(_data.pattern("target_qualitative").search(text))


def _has_target(text: str) -> bool:
    return bool(_values(text)) or bool(_data.pattern("target_qualitative").search(text))


def _values(text: str) -> list[NumExpr]:
    return [e for e in find(text) if e.kind in ("number", "percent")]


def _target(text: str, sid: str) -> Target:
    change = _data.pattern("change").search(text)
    vals = _values(text)
    qual = vals[0].qualifier if vals else ""
    if not vals:
        q = _data.pattern("target_qualitative").search(text)
        qual = q.group(0) if q else ""
    cut = min([x for x in (change.start() if change else None, vals[0].start if vals else None) if x is not None],
              default=None)
    indicator = text[:cut] if cut else (text[: text.find(qual)] if qual and qual in text else "")
    return Target(text, sid, indicator.strip(), change.group(0) if change else "", qual)


def _goals(plan: list[Sent]) -> tuple[Target, ...]:
    goal_re = _data.pattern("goal")
    out, seen = [], set()
    for s in plan:
        for a, b in clauses(s.text):
            clause = s.text[a:b]
            m = goal_re.match(clause)
            if not m or not _values(clause) or norm(clause) in seen:
                continue
            seen.add(norm(clause))
            out.append(_target(clause, s.id))
    return tuple(out)


def _plan_figures(plan: list[Sent], taken: set[str], limit: int = 10) -> tuple[Target, ...]:
    """Policy numbers of the plan (拟安排地方政府专项债券3.75万亿元): clauses with a plan verb
    and a money amount or a hedged percentage, not already a target or goal."""
    verb = _data.pattern("plan_figure")
    out: list[Target] = []
    for s in plan:
        for a, b in clauses(s.text):
            clause = s.text[a:b]
            if not verb.search(clause) or norm(clause) in taken:
                continue
            vals = _values(clause)
            if any(unit_class(e) == "money" or (e.kind == "percent" and e.qualifier) for e in vals):
                taken.add(norm(clause))
                out.append(_target(clause, s.id))
    return tuple(out[:limit])


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
            gist = _first_sentence(b.text)
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
        m = _data.pattern("announced").search(b.text)
        if m and _data.pattern("tasks_intro").search(b.text):
            announced = cn_int(m.group(1))
    note = _truncation_note(tasks, announced)
    return tasks, announced, note


def _first_sentence(text: str) -> str:
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
        return _data.label("tasks_gap", labels="、".join(t.label for t in tasks))
    return _data.label("tasks_truncated", announced=announced, found=found,
                       first=tasks[0].label, last=tasks[-1].label)


def _problems(sents: list[Sent]) -> tuple[Problem, ...]:
    enum_re, prob_re = _data.pattern("enumerator"), _data.pattern("problems")
    by_block: dict[str, list[Sent]] = {}
    for s in sents:
        by_block.setdefault(s.block.id, []).append(s)
    for group in by_block.values():
        text = "".join(s.text for s in group)
        marks = list(enum_re.finditer(text))
        if len(marks) < 2 or not prob_re.search(text[: marks[0].start()]):
            continue
        out = []
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
                    out.append(Problem(m.group(0), body, short, s.id))
        if len(out) >= 2:
            return tuple(out)
    return _problems_unnumbered(sents)


def _problems_unnumbered(sents: list[Sent], limit: int = 16) -> tuple[Problem, ...]:
    """Problems written as plain clauses after 清醒看到…问题 (no 一是…二是…): the clauses of
    the following sentences up to the closing 我们一定要…, each one a problem."""
    intro, end = _data.pattern("problems_intro"), _data.pattern("problems_end")
    for i, s in enumerate(sents):
        if not intro.search(s.text):
            continue
        out: list[Problem] = []
        for sent in sents[i + 1:i + 24]:
            if end.search(sent.text) or sent.block.kind == "heading":
                break
            for a, b in clauses(sent.text):
                text = sent.text[a:b].strip()
                if 4 <= len(text) <= 40:
                    out.append(Problem("", text, text, sent.id))
        if len(out) >= 2:
            return tuple(out[:limit])
    return ()


def _summary(sents: list[Sent], shown: set[str], n: int = 4) -> tuple[Sentence, ...]:
    boiler = _data.pattern("boilerplate")
    scored = []
    for i, s in enumerate(sents):
        if boiler.search(s.text) or len(s.text) > 110:
            continue
        new = {e.text for e in find(s.text) if e.kind in ("number", "percent")} - shown
        score = len(new) + (1 if _data.pattern("change").search(s.text) else 0)
        if len(new) >= 2:
            scored.append((score, i, s))
    best = sorted(scored, key=lambda x: (-x[0], x[1]))[:n]
    return tuple(Sentence(s.text.rstrip(), s.id) for _, _, s in sorted(best, key=lambda x: x[1]))


def make_brief(doc: Document, *, figures_limit: int = 16, generated: str | None = None) -> Brief:
    """The brief of a Simplified, cleaned document (see the module docstring).

    InputError when ``doc`` is not a Chinese text, or when nothing of a brief is found in
    it: an empty brief is never written as if it were one."""
    _require_chinese(doc)
    p = parts(doc)
    seen: set[str] = set()
    review = sentences(p.review, seen)
    plan = sentences(p.plan, seen)
    figs = figures.extract(review, limit=figures_limit)
    targets = _targets(plan) or _targets(review)
    goals = tuple(g for g in _goals(plan) if norm(g.text) not in {norm(t.text) for t in targets})
    plan_figs = _plan_figures(plan, {norm(t.text) for t in targets + goals})
    tasks, announced, note = _tasks(p.plan, p.plan_heading)
    problems = _problems(review + plan)
    used = {f.source_id for f in figs} | {pr.source_id for pr in problems}
    shown = {f.value + f.unit for f in figs} | {f.qualifier + f.value + f.unit for f in figs}
    summary = _summary([s for s in review if s.id not in used], shown)
    title = doc.metadata.title or next((b.text for b in doc.blocks if b.kind == "title"), "")
    md = doc.metadata
    source = SourceInfo(md.source_path or "", md.derived_from or md.source_sha256 or "", title,
                        generated or _generation_date())
    notices = tuple(n.message for n in doc.notices if n.step.startswith("brief"))
    brief = Brief(title=title, source=source, figures=figs, targets=targets, goals=goals, plan_figures=plan_figs,
                 tasks=tuple(tasks),
                 tasks_announced=announced, tasks_note=note, problems=problems, summary=summary,
                 notices=notices)
    brief = _drop_unconverted(brief)
    if not brief.items() and not any(t.withheld for t in brief.tasks):
        raise InputError(f"no brief content in {_name(doc)}: no figures, targets, tasks, problems or key "
                         "sentences found (the brief reads government work reports and statistical bulletins)")
    return brief


MIN_HAN_SHARE = 0.3  # Chinese reports quote English names and numbers, but Han letters dominate


def _name(doc: Document) -> str:
    return os.path.basename(doc.metadata.source_path or "") or "the input"


def _require_chinese(doc: Document) -> None:
    """Refuse a document whose letters are mostly not Chinese characters (one line)."""
    text = "".join(b.text for b in doc.blocks)
    letters = [c for c in text if c.isalpha()]
    han = sum(1 for c in letters if "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff")
    share = han / len(letters) if letters else 0.0
    if share < MIN_HAN_SHARE:
        raise InputError(f"not a Chinese report: {_name(doc)} has {share:.0%} Chinese characters among its "
                         f"{len(letters)} letters; the brief reads Chinese government reports")


def _drop_unconverted(brief: Brief) -> Brief:
    """Leave out items the Simplified edition still has in Traditional script or Taiwan
    vocabulary (a conversion gap), with a notice — the checker refuses any that remain.

    Tasks are never dropped (the task list is the report's structure): a task keeps its
    clean clauses and records the others in ``Task.withheld`` (see ``_clean_task``)."""
    import dataclasses

    from doctools.brief.check import script_problem

    dropped: list[str] = []

    def keep(text: str) -> bool:
        why = script_problem(text)
        if why:
            dropped.append(f"{text[:20]}… ({why})")
        return not why

    tasks = []
    for t in brief.tasks:
        task = _clean_task(t)
        dropped += [f"{w[:20]}… ({script_problem(w)})" for w in task.withheld]
        tasks.append(task)
    b = dataclasses.replace(
        brief,
        figures=tuple(f for f in brief.figures if keep(f.text)),
        targets=tuple(t for t in brief.targets if keep(t.text)),
        goals=tuple(t for t in brief.goals if keep(t.text)),
        plan_figures=tuple(t for t in brief.plan_figures if keep(t.text)),
        tasks=tuple(tasks),
        problems=tuple(p for p in brief.problems if keep(p.text)),
        summary=tuple(s for s in brief.summary if keep(s.text)),
    )
    if dropped:
        note = _data.label("dropped_unconverted", n=len(dropped), items="；".join(dropped[:3]))
        b = dataclasses.replace(b, notices=(*b.notices, note))
    return b


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
    import dataclasses

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


__all__ = ["make_brief"]
