"""Notices, opinions, plans and programmes (通知、意见、方案、规划): goals, measures, who, when.

What comes from where (patterns in ``doctools/data/brief/patterns.tsv``)::

    goals        the sentences under a 工作目标/发展目标 heading (到2025年…, with their
                 quantified clauses), then quantified commitments elsewhere (力争…, …以上,
                 突破…, 新增…): sentences of at most SENTENCE_MAX characters, else clauses
    plan_figures support figures of the measures (最高3000万元, 贴息40%): ``support`` words
    tasks        the numbered main measures: level-1 headings that are not framework
                 (总体要求, 基本原则 …); a container heading (重点任务, 行动步骤) gives its
                 children instead; chapters (第二章　规划建设) when there are no headings;
                 each with its sub-points and — when stated for the whole measure — who is
                 responsible and by when
    steps        every numbered item whose parentheses say who does it and by when
                 （6月底完成，牵头考核单位：市审批服务局） （省商务厅牵头，合肥海关配合）, and
                 the time limits a regulation sets (自收到申请之日起7个工作日内)
    duties       clauses saying who is responsible for what (X负责…, X是…的主管单位)
    problems     what the preamble says is wrong (还存在…等突出问题)
    summary      the purpose sentence (为…，制定本意见) and the most number-dense others

Nothing is generated: every item is a source sentence, a run of its whole clauses, or text
that stands verbatim inside an item's parentheses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from doctools.brief import tables
from doctools.brief._structure import Sent, clauses, norm, sentences
from doctools.brief.model import Problem, Sentence, Step, Target, Task
from doctools.brief.numexpr import NumExpr, find, unit_class
from doctools.brief.report import first_sentence, goals, make_target, summary_sentences
from doctools.model import Block, Document

SENTENCE_MAX = 90  # a goal or figure longer than this is quoted by its clauses
MAX_POINTS = 8
MAX_DUTIES = 12
MIN_ARTICLES = 3  # numbered articles (第一条 …) that make a document a regulation
_PAREN = re.compile(r"[（(]([^（）()]{2,80})[）)]")
_DOC_NUMBER = re.compile(r"[〔\[]\d{4}[〕\]]\s*\d+号")
_HEDGE = re.compile(r"突破|超过|以上|不低于|不少于|达到|达|力争|累计|新增|新建|提高|覆盖|确保")


def _body(doc: Document) -> list[Block]:
    return [b for b in doc.blocks if b.kind in ("heading", "paragraph", "list_item")]


def _values(text: str) -> list[NumExpr]:
    """Quantities of a text: numbers with a unit and percentages, not years, dates or
    ordinals, and not those inside parentheses (scores and notes: （0.5分））."""
    inside = [(m.start(), m.end()) for m in _PAREN.finditer(text)]
    return [e for e in find(text) if (e.kind == "percent" or (e.kind == "number" and e.unit_written))
            and not any(a <= e.start < b for a, b in inside)]


def _quote(sent: Sent, pick: Iterable[tuple[int, int]]) -> list[str]:
    """The sentence itself when short enough, else the chosen clause spans (each joined to a
    short clause before it that carries its subject: 对…给予奖补，最高3000万元)."""
    text = sent.text.rstrip("。；;")
    if len(text) <= SENTENCE_MAX:
        return [text]
    out = []
    spans = clauses(sent.text)
    for a, b in pick:
        k = next((i for i, (x, y) in enumerate(spans) if x == a and y == b), None)
        if k is not None and k > 0 and len(re.sub(r"[\d.%％]+\S?", "", sent.text[a:b])) < 6:
            a = spans[k - 1][0]
        out.append(sent.text[a:b])
    return out


def _opening(text: str, least: int = 40) -> tuple[int, int]:
    """The span of the first whole clauses of a sentence, at least ``least`` characters
    (到2022年，建成以…为龙头，整体协同、响应迅速的…矩阵体系)."""
    spans = clauses(text)
    end = spans[0][1] if spans else len(text)
    for _, b in spans:
        end = b
        if b >= least:
            break
    return (spans[0][0] if spans else 0, end)


def _only_time_limits(text: str) -> bool:
    """Every quantity of the text is a time limit (10个工作日内, 有效期2年)."""
    limit = tables.pattern("time_limit")
    spans = [(m.start(), m.end()) for m in limit.finditer(text)]
    return bool(spans) and all(any(a <= e.start < b for a, b in spans) for e in _values(text))


def _is_support(text: str) -> bool:
    return bool(tables.pattern("support").search(text)) and any(
        unit_class(e) == "money" or e.kind == "percent" for e in _values(text))


def _section(blocks: list[Block], head: Block) -> list[Block]:
    """The blocks under ``head`` up to the next heading of its level or above."""
    i = blocks.index(head)
    out = []
    for b in blocks[i + 1:]:
        if b.kind == "heading" and (b.level or 9) <= (head.level or 9):
            break
        out.append(b)
    return out


def _year(text: str) -> str:
    m = tables.pattern("goal_year").search(text)
    return m.group(1) if m else ""


def _goals(blocks: list[Block], sents: list[Sent]) -> tuple[list[Target], list[Target]]:
    """(goals, support figures) of the document; see the module docstring."""
    goal_re = tables.pattern("goal_section")
    in_section: set[str] = set()
    for h in (b for b in blocks if b.kind == "heading" and goal_re.search(b.text.strip())):
        in_section |= {b.id for b in _section(blocks, h)}
    out: list[Target] = []
    support: list[Target] = []
    taken: set[str] = set()

    def add(text: str, sent: Sent, into: list[Target]) -> None:
        if norm(text) in taken:
            return
        taken.add(norm(text))
        t = make_target(text, sent.id)
        year = _year(text)
        into.append(Target(t.text, t.source_id, t.indicator, t.change, t.qualifier, year))

    section = [s for s in sents if s.block.id in in_section]
    for k, s in enumerate(section):
        vals = _values(s.text)
        if k == 0 or vals or _year(s.text):
            picks = [(a, b) for a, b in clauses(s.text) if _values(s.text[a:b])] or [_opening(s.text)]
            for text in _quote(s, picks):
                add(text, s, out)
    for g in goals(sents):  # 力争/确保 … with a number, anywhere
        if norm(g.text) not in taken:
            taken.add(norm(g.text))
            out.append(Target(g.text, g.source_id, g.indicator, g.change, g.qualifier, _year(g.text)))
    later: list[Target] = []
    for s in sents:
        if s.block.id in in_section or (s.block.kind == "heading" and len(s.text) < 16):
            continue
        picks = [(a, b) for a, b in clauses(s.text) if _values(s.text[a:b])]
        if not picks:
            continue
        for text in _quote(s, picks):
            if _is_support(text):
                add(text, s, support)
            elif _only_time_limits(text):
                continue  # 7个工作日内答复: a deadline (the steps table has it), not a goal
            else:  # a quantity in a plan's measures is a commitment: hedged ones first
                add(text, s, out if (_HEDGE.search(text) or _year(text)) else later)
    return _unique(out + later), _unique(support)


def _unique(items: list[Target]) -> list[Target]:
    """Without items whose text stands inside a longer item of the same sentence."""
    return [t for t in items if not any(o is not t and o.source_id == t.source_id and norm(t.text) in norm(o.text)
                                        and len(o.text) > len(t.text) for o in items)]


def _strip_label(text: str) -> tuple[str, str]:
    m = re.match(r"^\s*((?:\d{1,3}|[一二三四五六七八九十]{1,3})[.．、﹒])\s*", text)
    return (m.group(1), text[m.end():]) if m else ("", text)


def _parentheticals(blocks: list[Block]) -> tuple[str, str]:
    """(responsible, deadline) from the parentheses of an item's blocks, as written; several
    responsible statements are joined by ；."""
    resp_re, due_re = tables.pattern("responsible"), tables.pattern("deadline")
    who: list[str] = []
    when = ""
    for b in blocks:
        for m in _PAREN.finditer(b.text):
            inner = m.group(1)
            d = due_re.match(inner)
            if d and d.group(0) and not when:
                when = d.group(0).rstrip("，,")
                inner = inner[d.end():].lstrip("，, ")
            r = resp_re.search(inner)
            if r and r.group(0).strip() not in who and _names_body(r.group(0)):
                who.append(r.group(0).strip())
    return "；".join(who), when


_LABELLED = re.compile(r"^\s*\d{1,3}[.．、﹒]")


def _names_body(text: str) -> bool:
    """责任单位：… always; otherwise the words before 牵头/负责 must end like an organisation
    (省商务厅牵头 yes, 包括牵头 no)."""
    if re.match(r"(?:责任单位|牵头单位|牵头考核单位|责任部门|实施主体)[：:]", text):
        return True
    m = re.search(r"牵头|负责", text)
    return m is not None and bool(tables.pattern("duty_subject").search(text[: m.start()].strip()))


def _item_starts(b: Block) -> bool:
    return (b.kind == "list_item" or b.kind == "heading"
            or (b.kind == "paragraph" and (bool(b.lead) or bool(_LABELLED.match(b.text)))))


def _steps(blocks: list[Block], heads: list[Block]) -> list[Step]:
    """Items below the measures whose parentheses say who does it and by when, in order."""
    out: list[Step] = []
    top = min((h.level or 9 for h in heads), default=0)
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if not _item_starts(b) or b in heads or (b.kind == "heading" and (b.level or 9) <= top):
            i += 1
            continue
        span = [b]
        j = i + 1
        while j < len(blocks) and not _item_starts(blocks[j]):
            span.append(blocks[j])
            j += 1
        who, when = _parentheticals(span)
        if who or when:
            head = b.lead if b.kind == "paragraph" and b.lead else first_sentence(b.text)
            label, text = _strip_label(head.strip())
            out.append(Step(b.label or label, text.rstrip("。；;"), f"{b.id}.s0", who, when))
        i = j
    return out


_ARTICLE = re.compile(r"^(?:第[一二三四五六七八九十百]+章[\s　]*\S+[\s　]+)?(第[一二三四五六七八九十百]+条)[\s　]*")


def _time_limits(sents: list[Sent], taken: set[str]) -> list[Step]:
    """The time limits a regulation sets, each as the sentence (or, when long, the clause)
    that sets it, its article number as the label."""
    limit = tables.pattern("time_limit")
    out = []
    for s in sents:
        whole = s.text.strip().rstrip("。；;")
        spans = [(0, len(whole))] if len(whole) <= SENTENCE_MAX else clauses(s.text)
        for a, b in spans:
            text = s.text[a:b].strip()
            m = limit.search(text)
            if not m:
                continue
            article = _ARTICLE.match(text)
            label = article.group(1) if article else ""
            text = text[article.end():] if article else text
            if norm(text) not in taken:
                taken.add(norm(text))
                out.append(Step(label, text, s.id, "", m.group(0)))
    return out


def _measure_heads(blocks: list[Block]) -> list[Block]:
    frame, container = tables.pattern("framework"), tables.pattern("measure_container")
    heads = [b for b in blocks if b.kind == "heading"]
    top = min((b.level or 9 for b in heads), default=9)
    out: list[Block] = []
    for h in (b for b in heads if b.level == top):
        title = h.text.strip()
        if frame.search(title):
            continue
        children = [c for c in _section(blocks, h) if c.kind == "heading" and c.level == top + 1]
        if container.search(title) and children:
            out += [c for c in children if not frame.search(c.text.strip())]
        else:
            out.append(h)
    return out


def _chapters(blocks: list[Block]) -> list[Task]:
    """第二章　规划建设 … as measures when the document has no headings (a regulation)."""
    chapter, frame = tables.pattern("chapter"), tables.pattern("framework")
    out = []
    for b in blocks:
        m = chapter.match(b.text.strip())
        if m and not frame.search(m.group(2)):
            out.append(Task(f"第{m.group(1)}章", m.group(2), f"{b.id}.s0"))
    return out


def _measures(blocks: list[Block], heads: list[Block], steps: list[Step]) -> list[Task]:
    """The measures under ``heads``; a measure's sub-points are its items that are not steps
    (those stand in the steps table with who and when). A document built of chapters (a
    regulation: 第二章　规划建设 …) is measured by its chapters, whatever stray headings the
    cleaner found among its articles."""
    chapters = _chapters(blocks)
    if not heads or len(chapters) >= 2:
        return chapters
    step_ids = {s.source_id for s in steps}
    out = []
    for k, h in enumerate(heads):
        nxt = heads[k + 1] if k + 1 < len(heads) else None
        span = []
        for b in _section(blocks, h):
            if b is nxt:
                break
            span.append(b)
        points: list[str] = []
        for b in span:
            if _item_starts(b) and f"{b.id}.s0" not in step_ids and len(points) < MAX_POINTS:
                head = b.lead if b.kind == "paragraph" and b.lead else first_sentence(b.text)
                point = _strip_label(head.strip())[1].rstrip("。；;")
                if point and norm(point) != norm(h.text) and point not in points:
                    points.append(point)
        who, when = _parentheticals([h])
        ids = {f"{b.id}.s0" for b in span}
        mine = [s for s in steps if s.source_id in ids]
        if not who and mine and len({s.responsible for s in mine}) == 1:
            who = mine[0].responsible
        if not when and mine and len({s.deadline for s in mine}) == 1:
            when = mine[0].deadline
        gist = first_sentence(h.text).rstrip("。；;")
        out.append(Task(h.label or "", gist, f"{h.id}.s0", tuple(points), (), who, when))
    return out


def _duties(sents: list[Sent], taken: set[str]) -> list[Sentence]:
    duty, subject = tables.pattern("duty"), tables.pattern("duty_subject")
    out: list[Sentence] = []
    for s in sents:
        spans = clauses(s.text)
        inside = [(p.start(), p.end()) for p in _PAREN.finditer(s.text)]
        for k, (a, b) in enumerate(spans):
            clause = s.text[a:b]
            m = duty.search(clause)
            if not m or clause.lstrip().startswith(("（", "(")) or any(x <= a + m.start() < y for x, y in inside):
                continue  # （省商务厅牵头…）: an item's responsible body, shown with the item
            head = clause[: m.start()].strip()
            start = a
            if not head and k > 0:  # 运营单位作为专区运营主体，负责…: the subject is the clause before
                start = spans[k - 1][0]
                head = s.text[start:spans[k - 1][1]]
            who = re.split(r"作为|是", head)[0] if head else ""
            if not who or not subject.search(who.strip()) or len(who) > 24:
                continue
            text = s.text[start:b]
            article = _ARTICLE.match(text.strip())
            text = text.strip()[article.end():] if article else text  # 第六条 … : the label is not the duty
            if norm(text) in taken or len(text) > SENTENCE_MAX:
                continue
            taken.add(norm(text))
            out.append(Sentence(text, s.id))
            break
        if len(out) >= MAX_DUTIES:
            break
    return out


def _preamble_problems(blocks: list[Block]) -> list[Problem]:
    first = next((i for i, b in enumerate(blocks) if b.kind == "heading"), len(blocks))
    prob = tables.pattern("problem_preamble")
    out = []
    for s in sentences(blocks[:first]):
        for a, b in clauses(s.text):
            clause = s.text[a:b]
            if prob.search(clause):
                out.append(Problem("", clause, clause, s.id))
    return out[:3]


def read(doc: Document) -> dict[str, Any]:
    """The parts of a notice's, opinion's or plan's brief (Brief keyword arguments)."""
    blocks = _body(doc)
    sents = sentences(blocks)
    goal_items, support = _goals(blocks, sents)
    heads = _measure_heads(blocks)
    steps = _steps(blocks, heads)
    taken = {norm(s.text) for s in steps}
    articles = sum(1 for b in blocks if _ARTICLE.match(b.text.strip()))
    if articles >= MIN_ARTICLES:  # a regulation (第一条 …): its time limits are its deadlines
        steps += _time_limits([s for s in sents if s.block.kind != "heading"], taken)
    tasks = _measures(blocks, heads, steps)
    duties = _duties(sents, taken | {norm(t.text) for t in goal_items})
    purpose = tables.pattern("purpose")
    summary = [Sentence(s.text.rstrip(), s.id) for s in sents if purpose.search(s.text)][:2]
    shown = {e.text for t in goal_items + support for e in find(t.text)}
    used = {t.source_id for t in goal_items + support} | {s.source_id for s in summary}
    prose = [s for s in sents if s.id not in used and len(s.text) >= 12 and not _DOC_NUMBER.search(s.text)
             and s.block.kind != "heading"]
    summary += summary_sentences(prose, shown, n=3)
    order = {b.id: i for i, b in enumerate(blocks)}
    steps.sort(key=lambda st: order.get(st.source_id.split(".s")[0], 0))
    return {"goals": tuple(goal_items), "plan_figures": tuple(support), "tasks": tuple(tasks),
            "steps": tuple(steps), "duties": tuple(duties), "problems": tuple(_preamble_problems(blocks)),
            "summary": tuple(summary)}


__all__ = ["read"]
