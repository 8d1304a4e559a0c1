"""The brief model: what a one-to-two-page brief says, each item tied to its source.

Plain frozen dataclasses with a JSON round-trip (``schema_version`` checked on load), kept
apart from extraction and layout so the JSON, Markdown, PDF and DOCX projections and the
faithfulness checker all read the same data. Every item names the block or sentence id of
the Simplified edition it was taken from (``b13.s4``), so a reader can trace it back.

Shape::

    Brief(schema_version, kind, title, language, source, figures, targets, goals, plan_figures,
          tasks, tasks_announced, tasks_note, steps, duties, problems, summary, notices,
          withheld, english)
      Figure(indicator, value, unit, qualifier, change, rank, text, source_id,
             measure, period, section)
      Target(text, source_id, indicator, change, qualifier, year)   # also 力争 goals
      Task(label, gist, points, source_id, withheld, responsible, deadline)
      Step(label, text, source_id, responsible, deadline)          # numbered items of a plan
      Problem(label, text, short, source_id)
      Sentence(text, source_id)                                   # also duties
      Withheld(key, text, reason)                                 # left out by the check

``kind`` names the kind of document the brief was read as (``KINDS``): the layouts show
the sections that kind has, and the review page and manifest can say it.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any

from doctools.errors import InputError

BRIEF_SCHEMA_VERSION = "1.2"  # 1.1: Task.withheld; 1.2: kind, withheld, steps, duties and their fields

# the kinds of document a brief can be made for (doctools/data/brief/kinds.tsv detects them)
KINDS = ("work_report", "statistical_bulletin", "policy", "speech", "other")


@dataclass(frozen=True)
class Figure:
    """A headline figure from the review of the year.

    ``value`` is the number as written (``2405.16``), ``unit`` as written (``亿元``),
    ``qualifier`` the hedge around it (``超``, ``左右``; "" none), ``change`` the stated change
    (``增长9.3%``; "" none), ``rank`` a stated rank (``全市第3``; "" none). ``text`` is the
    source clause the figure was read from, verbatim. ``measure`` is what the number counts
    when the source says it after the number (义务教育学校100%实施“九项制度” → 实施“九项制度”),
    ``period`` the time it refers to as written (全年, 年末, 上半年), ``section`` the heading of
    the part it stands in (a bulletin's 农业, 工业和建筑业 …); "" when none.
    Digits and signs are kept in half-width form (the source may write ％ or ３).
    """

    indicator: str
    value: str
    unit: str
    qualifier: str
    change: str
    rank: str
    text: str
    source_id: str
    measure: str = ""
    period: str = ""
    section: str = ""

    @property
    def expression(self) -> str:
        """The number expression as it must stand in the source (qualifier kept)."""
        pre, post = _split_qualifier(self.qualifier)
        return f"{pre}{self.value}{self.unit}{post}"

    @property
    def change_pct(self) -> float | None:
        """Signed percent change when the change is a percentage, else None."""
        import re

        m = re.search(r"(增长|提高|上升|上涨|增加|下降|减少|降低|回落)([-+]?\d+(?:\.\d+)?)%", self.change)
        if not m:
            return None
        sign = -1.0 if m.group(1) in ("下降", "减少", "降低", "回落") else 1.0
        return sign * float(m.group(2))


def _split_qualifier(q: str) -> tuple[str, str]:
    """``超`` goes before the number, ``左右`` after; a ``pre|post`` pair holds both."""
    if "|" in q:
        a, _, b = q.partition("|")
        return a, b
    if q in POST_QUALIFIERS:
        return "", q
    return q, ""


# qualifiers written after the number (the rest are written before it)
POST_QUALIFIERS = frozenset({"左右", "以上", "以下", "以内", "多", "余", "上下"})


@dataclass(frozen=True)
class Target:
    """A target quoted exactly (``地区生产总值增长6%左右``, ``一般公共预算收入基本持平``);
    ``year`` the target year the source gives for it (``2023`` from 到2023年; "" none)."""

    text: str
    source_id: str
    indicator: str = ""
    change: str = ""
    qualifier: str = ""
    year: str = ""


@dataclass(frozen=True)
class Task:
    """A numbered task heading with its one-line gist and the run-in sub-points under it.

    ``withheld``: source clauses left out of the gist or points because the Simplified
    edition still has Traditional characters or Taiwan vocabulary in them (a conversion
    gap). A task is never dropped for that: its gist keeps its clean clauses (or is ""
    when none is clean) and the brief marks it; the checker verifies each withheld text is
    a source clause that really has such a problem.

    For the measures of a notice or plan, ``responsible`` names who carries the measure and
    ``deadline`` when it is due, as the source writes them ("" none).
    """

    label: str
    gist: str
    source_id: str
    points: tuple[str, ...] = ()
    withheld: tuple[str, ...] = ()
    responsible: str = ""
    deadline: str = ""


@dataclass(frozen=True)
class Step:
    """A numbered item of a plan with who does it and by when (``（6月底完成，牵头考核单位：
    市审批服务局）``): ``text`` its opening sentence, the other fields as written ("" none)."""

    label: str
    text: str
    source_id: str
    responsible: str = ""
    deadline: str = ""


@dataclass(frozen=True)
class Problem:
    """An admitted shortcoming: ``text`` the whole item, ``short`` its first clause."""

    label: str
    text: str
    short: str
    source_id: str


@dataclass(frozen=True)
class Sentence:
    """An extractive summary sentence."""

    text: str
    source_id: str


@dataclass(frozen=True)
class Withheld:
    """An item the faithfulness check left out: its key (``figure.9``), text and why."""

    key: str
    text: str
    reason: str


@dataclass(frozen=True)
class SourceInfo:
    """Where the brief came from. ``date`` is the document's own date as written (its
    signature date, 2022年4月14日; "" unknown). The page footer shows the title and the date;
    the file name and SHA-256 go to the document properties and the JSON only."""

    path: str = ""
    sha256: str = ""
    title: str = ""
    generated: str = ""
    date: str = ""


@dataclass(frozen=True)
class Brief:
    """A whole brief. ``kind`` is the kind of document it was read as (``KINDS``).
    ``tasks_announced`` is the count the report announces (None: none); ``tasks_note`` says
    when fewer tasks are present than announced. ``steps`` are a plan's numbered items with
    their responsible bodies and deadlines, ``duties`` the sentences saying who is
    responsible for what. ``withheld`` lists what the faithfulness check left out, with the
    reason. ``english`` holds the English rendering of each item keyed by a stable item key
    (``figure.0``), "" untranslated.
    """

    title: str
    source: SourceInfo
    figures: tuple[Figure, ...] = ()
    targets: tuple[Target, ...] = ()
    goals: tuple[Target, ...] = ()
    plan_figures: tuple[Target, ...] = ()
    tasks: tuple[Task, ...] = ()
    tasks_announced: int | None = None
    tasks_note: str = ""
    problems: tuple[Problem, ...] = ()
    summary: tuple[Sentence, ...] = ()
    notices: tuple[str, ...] = ()
    language: str = "zh-Hans"
    english: dict[str, str] = field(default_factory=dict)
    schema_version: str = BRIEF_SCHEMA_VERSION
    kind: str = "work_report"
    steps: tuple[Step, ...] = ()
    duties: tuple[Sentence, ...] = ()
    withheld: tuple[Withheld, ...] = ()

    def items(self) -> list[tuple[str, str, str]]:
        """Every text item as (key, text, source id): what the checker and translator walk."""
        out: list[tuple[str, str, str]] = []
        out += [(f"figure.{i}", f.text, f.source_id) for i, f in enumerate(self.figures)]
        out += [(f"target.{i}", t.text, t.source_id) for i, t in enumerate(self.targets)]
        out += [(f"goal.{i}", t.text, t.source_id) for i, t in enumerate(self.goals)]
        out += [(f"plan.{i}", t.text, t.source_id) for i, t in enumerate(self.plan_figures)]
        for i, t in enumerate(self.tasks):
            if t.gist or not t.withheld:  # a wholly withheld gist is marked, not an item
                out.append((f"task.{i}", t.gist, t.source_id))
            out += [(f"task.{i}.{j}", p, t.source_id) for j, p in enumerate(t.points)]
            out += [(f"task.{i}.{k}", v, t.source_id) for k, v in
                    (("responsible", t.responsible), ("deadline", t.deadline)) if v]
        for i, st in enumerate(self.steps):
            out.append((f"step.{i}", st.text, st.source_id))
            out += [(f"step.{i}.{k}", v, st.source_id) for k, v in
                    (("responsible", st.responsible), ("deadline", st.deadline)) if v]
        out += [(f"duty.{i}", d.text, d.source_id) for i, d in enumerate(self.duties)]
        out += [(f"problem.{i}", p.text, p.source_id) for i, p in enumerate(self.problems)]
        out += [(f"summary.{i}", s.text, s.source_id) for i, s in enumerate(self.summary)]
        return out

    def substantive(self) -> bool:
        """True when the brief says something: a figure, target, goal, task, step, duty or
        key sentence (problems alone or a title are not a brief)."""
        return bool(self.figures or self.targets or self.goals or self.plan_figures or self.tasks
                    or self.steps or self.duties or self.summary)


_NESTED: dict[str, type] = {
    "source": SourceInfo,
    "figures": Figure,
    "targets": Target,
    "goals": Target,
    "plan_figures": Target,
    "tasks": Task,
    "problems": Problem,
    "summary": Sentence,
    "steps": Step,
    "duties": Sentence,
    "withheld": Withheld,
}


def to_dict(brief: Brief) -> dict[str, Any]:
    from doctools.serialize import jsonable

    return jsonable(brief)


def to_json(brief: Brief) -> str:
    """Stable, readable JSON."""
    return json.dumps(to_dict(brief), ensure_ascii=False, indent=2) + "\n"


def _build(cls: type, data: dict[str, Any]) -> Any:
    names = {f.name for f in dataclasses.fields(cls)}
    kwargs = {k: (tuple(v) if isinstance(v, list) else v) for k, v in data.items() if k in names}
    return cls(**kwargs)


def from_dict(data: dict[str, Any]) -> Brief:
    """Rebuild a Brief; InputError when the data is not one or its major version differs."""
    if not isinstance(data, dict) or "figures" not in data:
        raise InputError("not a doctools brief (no 'figures')")
    version = str(data.get("schema_version", ""))
    if version.split(".")[0] != BRIEF_SCHEMA_VERSION.split(".")[0]:
        raise InputError(f"brief schema_version {version!r} is not supported (want {BRIEF_SCHEMA_VERSION})")
    try:
        kwargs: dict[str, Any] = {}
        for f in dataclasses.fields(Brief):
            if f.name not in data:
                continue
            v = data[f.name]
            sub = _NESTED.get(f.name)
            if sub is SourceInfo:
                v = _build(SourceInfo, v)
            elif sub is not None:
                v = tuple(_build(sub, x) for x in v)
            elif isinstance(v, list):
                v = tuple(v)
            kwargs[f.name] = v
        return Brief(**kwargs)
    except (TypeError, ValueError, AttributeError) as exc:
        raise InputError(f"invalid doctools brief: {exc}") from exc


def from_json(text: str) -> Brief:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid brief JSON at line {exc.lineno}: {exc.msg}") from exc
    return from_dict(data)


__all__ = [
    "BRIEF_SCHEMA_VERSION",
    "KINDS",
    "Brief",
    "Figure",
    "Problem",
    "Sentence",
    "SourceInfo",
    "Step",
    "Target",
    "Task",
    "Withheld",
    "from_dict",
    "from_json",
    "to_dict",
    "to_json",
]
