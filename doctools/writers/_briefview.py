"""What each layout shows, in one place: the brief's items as display strings per language.

Why: the PDF, the DOCX and the Markdown must say the same thing; they differ only in how
they draw it. The sections depend on the kind of document (a bulletin's table of
indicators, a notice's goals, measures and who-does-what table, a report's targets and
tasks). For English, an item with no translation shows its Chinese followed by the
untranslated marker, so a reader sees at once what was not translated; English text gets
typographic quotes and headings Title Case.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from doctools.brief import tables
from doctools.brief.model import Brief, Figure, Task


@dataclass(frozen=True)
class FigureView:
    indicator: str
    qualifier_pre: str
    value: str
    unit: str
    change: str
    rank: str
    source_id: str
    has_value: bool = True
    period: str = ""
    section: str = ""

    @property
    def value_text(self) -> str:
        """The value column: the number with its hedge and unit, or — for a change-only
        figure (专利授权量增长34.8%) — the change, so no figure shows an empty value."""
        return self.qualifier_pre + self.value + self.unit if self.has_value else self.change

    @property
    def detail(self) -> str:
        """The change / rank column (the change is not repeated for a change-only figure)."""
        return " · ".join(x for x in ((self.change if self.has_value else ""), self.rank) if x)


@dataclass(frozen=True)
class TaskView:
    label: str
    gist: str
    points: list[str]
    responsible: str = ""
    deadline: str = ""


@dataclass(frozen=True)
class StepView:
    label: str
    text: str
    responsible: str
    deadline: str


@dataclass(frozen=True)
class View:
    lang: str
    kind: str
    title: str
    subtitle: str
    tiles: list[FigureView]
    table: list[FigureView]
    targets: list[str]
    goals: list[str]
    plan: list[str]
    tasks: list[TaskView]
    tasks_note: str
    problems: list[tuple[str, str]]
    summary: list[str]
    footer: str
    steps: list[StepView] = field(default_factory=list)
    duties: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    chart: list[tuple[str, float]] = field(default_factory=list)
    chart_labels: list[str] = field(default_factory=list)

    def label(self, key: str, **fmt: object) -> str:
        """A section label; kinds with their own wording (``goals_policy``) take it."""
        own = f"{key}_{'policy' if self.kind == 'policy' else self.kind}"
        return tables.label(own if own in tables.labels() else key, self.lang, **fmt)

    @property
    def english(self) -> bool:
        return self.lang.startswith("en")


_POST = ("左右", "以上", "以下", "以内")


def _zh_figure(f: Figure) -> FigureView:
    pre = f.qualifier if f.qualifier and f.qualifier not in _POST and f.qualifier not in ("余", "多") else ""
    unit = f.unit
    if f.qualifier in ("余", "多"):
        unit = f.qualifier + unit
    if f.qualifier in _POST:
        unit = unit + f.qualifier
    return FigureView(f.indicator + f.measure, pre, f.value, unit, f.change, f.rank, f.source_id, bool(f.value),
                      f.period, f.section)


def tile_order(brief: Brief, n: int = 8) -> tuple[list[int], list[int]]:
    """Indices of the figures shown as tiles and the rest: a bulletin's first ``n`` (its
    headline indicators come first), otherwise change or rank first, in document order."""
    if brief.kind == "statistical_bulletin":
        tiles = list(range(min(n, len(brief.figures))))
    else:
        ranked = sorted(range(len(brief.figures)),
                        key=lambda i: (-(bool(brief.figures[i].change) + bool(brief.figures[i].rank)
                                         + bool(brief.figures[i].value)), i))
        tiles = sorted(ranked[:n])
    return tiles, [i for i in range(len(brief.figures)) if i not in tiles]


_SMALL = {"and", "of", "the", "in", "for", "on", "to", "a", "an", "by", "at", "or"}


def title_case(s: str) -> str:
    """Headline capitalisation: every word but short function words (not the first)."""
    words = s.split(" ")
    return " ".join(w if (i and w in _SMALL) or not w[:1].islower() else w[:1].upper() + w[1:]
                    for i, w in enumerate(words))


def typographic(s: str) -> str:
    """English with typographic quotes: "x" → “x”, 'x' → ‘x’, it's → it’s."""
    s = re.sub(r"(^|[\s(\[{“‘—–-])\"", "\\1“", s)
    s = s.replace('"', "”")
    s = re.sub(r"(^|[\s(\[{“—–-])'", "\\1‘", s)
    return s.replace("'", "’")


@dataclass(frozen=True)
class Limits:
    """How much of each section a page budget shows (the PDF's two pages); None: all."""

    goals: int | None = None
    summary: bool = True
    table: bool = True
    points: int | None = None
    problems: int | None = None
    steps: int | None = None
    duties: int | None = None

    def omitted(self, brief: Brief, lang: str, table_rows: int) -> str:
        """What these limits leave out, as "section n" pieces (labels from labels.tsv)."""
        def over(n: int, cap: int | None) -> int:
            return max(0, n - cap) if cap is not None else 0

        goal_key = "goals_policy" if brief.kind == "policy" else "goals"
        plan_key = "plan_figures_policy" if brief.kind == "policy" else "plan_figures"
        fig_key = "figures_bulletin" if brief.kind == "statistical_bulletin" else "figures"
        counts = [
            (fig_key, table_rows if not self.table else 0),
            (goal_key, over(len(brief.goals), self.goals)),
            (plan_key, over(len(brief.plan_figures), self.goals)),
            ("measures" if brief.kind == "policy" else "tasks",
             sum(over(len(t.points), self.points) for t in brief.tasks)),
            ("steps", over(len(brief.steps), self.steps)),
            ("duties", over(len(brief.duties), self.duties)),
            ("problems", over(len(brief.problems), self.problems)),
            ("summary", len(brief.summary) if not self.summary else 0),
        ]
        sep = ", " if lang.startswith("en") else "、"
        return sep.join(f"{tables.label(k, lang)} {n}" for k, n in counts if n)


T = TypeVar("T")


def _cap(items: list[T], n: int | None) -> list[T]:
    return items if n is None else items[:n]


def _task_view(i: int, task: Task, t: Callable[[str, str], str], lang: str, max_points: int | None) -> TaskView:
    en = lang.startswith("en")
    gist = t(f"task.{i}", task.gist) if task.gist else ""
    if task.withheld:
        mark = tables.label("task_withheld", lang)
        gist = f"{gist} {mark}".strip() if en else f"{gist}{mark}"
    points = [t(f"task.{i}.{j}", p) for j, p in enumerate(task.points)]
    who = t(f"task.{i}.responsible", task.responsible) if task.responsible else ""
    when = t(f"task.{i}.deadline", task.deadline) if task.deadline else ""
    return TaskView(f"({i + 1})" if en else task.label, gist, _cap(points, max_points), who, when)


def build(brief: Brief, lang: str, limits: Limits | None = None, *, complete_in: list[str] | None = None) -> View:
    """The View of ``brief`` in ``lang`` (``zh-Hans`` or ``en``).

    ``limits`` shorten lists for a page budget (the PDF's two pages), always from the end
    of each list, so the result is deterministic; what they leave out is said in a note
    at the top, never silently, naming the formats in ``complete_in`` as complete."""
    limits = limits or Limits()
    en = lang.startswith("en")
    tr = brief.english
    mark = " " + tables.label("untranslated", "en")
    untranslated: list[str] = []

    def t(key: str, zh: str) -> str:
        if not en:
            return zh
        v = tr.get(key, "")
        if v:
            return typographic(v)
        untranslated.append(key)
        return f"{zh}{mark}"

    tiles_i, rest_i = tile_order(brief)
    views = []
    for i, f in enumerate(brief.figures):
        z = _zh_figure(f)
        if en:
            value = (tr.get(f"figure.{i}.value") or z.value + z.unit) if f.value else ""
            indicator = t(f"figure.{i}.indicator", f.indicator)
            if f.measure:
                indicator += " " + t(f"figure.{i}.measure", f.measure)
            z = FigureView(indicator, "", value, "", tr.get(f"figure.{i}.change", "") or f.change,
                           tr.get(f"figure.{i}.rank", "") or f.rank, f.source_id, bool(f.value),
                           t(f"figure.{i}.period", f.period) if f.period else "",
                           t(f"figure.{i}.section", f.section) if f.section else "")
        views.append(z)
    title = t("title", brief.title) if brief.title else ""
    if en:
        title = title_case(title)
    src = brief.source
    date = src.date or src.generated
    shown_title = title if en and brief.english.get("title") else brief.title
    footer = tables.label("footer", lang, title=shown_title or "-", date=date) if src.date else \
        " · ".join(x for x in (shown_title, tables.label("footer_generated", lang, date=src.generated)) if x)
    view = View(
        lang=lang,
        kind=brief.kind,
        title=title,
        subtitle=tables.label("source_line", lang, title=brief.title),
        tiles=[views[i] for i in tiles_i],
        table=[views[i] for i in rest_i] if limits.table else [],
        targets=[t(f"target.{i}", x.text) for i, x in enumerate(brief.targets)],
        goals=_cap([t(f"goal.{i}", x.text) for i, x in enumerate(brief.goals)], limits.goals),
        plan=_cap([t(f"plan.{i}", x.text) for i, x in enumerate(brief.plan_figures)], limits.goals),
        tasks=[_task_view(i, k, t, lang, limits.points) for i, k in enumerate(brief.tasks)],
        tasks_note=brief.tasks_note if not en else (
            tables.label("tasks_truncated", "en", announced=brief.tasks_announced or "?", found=len(brief.tasks),
                        first="(1)", last=f"({len(brief.tasks)})") if brief.tasks_note else ""),
        problems=_cap([(f"{i + 1}." if en else p.label, t(f"problem.{i}", p.text))
                       for i, p in enumerate(brief.problems)], limits.problems),
        summary=[t(f"summary.{i}", s.text) for i, s in enumerate(brief.summary)] if limits.summary else [],
        footer=footer,
        steps=_cap([StepView(s.label, t(f"step.{i}", s.text),
                             t(f"step.{i}.responsible", s.responsible) if s.responsible else "",
                             t(f"step.{i}.deadline", s.deadline) if s.deadline else "")
                    for i, s in enumerate(brief.steps)], limits.steps),
        duties=_cap([t(f"duty.{i}", d.text) for i, d in enumerate(brief.duties)], limits.duties),
    )
    from doctools.writers._briefchart import chart_data

    data = chart_data(brief)
    idx = [i for i, f in enumerate(brief.figures) if f.change_pct is not None and f.indicator][: len(data)]
    view.chart.extend(data)
    view.chart_labels.extend([typographic(tr.get(f"figure.{i}.indicator") or brief.figures[i].indicator) if en
                              else brief.figures[i].indicator for i in idx])
    view.notes.extend(n for n in brief.notices if n)
    if brief.withheld:
        view.notes.append(tables.label("withheld_note", lang, n=len(brief.withheld)))
    if en and untranslated:
        view.notes.append(tables.label("untranslated_note", "en"))
    omitted = limits.omitted(brief, lang, len(rest_i))
    if omitted:
        note = tables.label("shortened", lang, what=omitted)
        if complete_in:
            sep = ", " if en else "、"
            note += (" " if en else "") + tables.label("shortened_complete", lang, formats=sep.join(complete_in))
        view.notes.append(note)
    return view


_COLUMN_SAYS = re.compile(r"^\s*(?:责任单位|责任部门|responsible (?:units?|departments?|bodies|entities))\s*[：:]\s*",
                          re.IGNORECASE)


def _bare_responsible(text: str) -> str:
    """The bodies without a 责任单位： the column header already says (牵头单位：/配合 stay:
    they tell lead from support)."""
    parts = re.split(r"([；;]\s*)", text)
    return "".join(_COLUMN_SAYS.sub("", p) for p in parts)


def steps_table(view: View) -> tuple[list[list[str]], list[str], list[float]]:
    """Rows, header and width shares of the who-does-what table; a column no step fills
    (no step states a deadline, say) is left out."""
    keep = [any(s.deadline for s in view.steps), any(s.responsible for s in view.steps)]
    who = 0.28 if keep[0] else 0.42  # the responsible bodies take the room a missing deadline leaves
    cols = [("col_item", 0.52), ("col_deadline", 0.2), ("col_responsible", who)]
    cols = [cols[0]] + [c for c, k in zip(cols[1:], keep, strict=True) if k]
    total = sum(w for _, w in cols)
    # numbers only when they number every row (a sub-list's 1．2．among unnumbered rows misleads)
    labels = [s.label for s in view.steps]
    numbered = all(labels) and len(set(labels)) == len(labels)
    rows = []
    for s in view.steps:
        lead = (s.label + " " if view.english else s.label) if numbered else ""
        row = [lead + s.text]
        row += [v for v, k in zip((s.deadline, _bare_responsible(s.responsible)), keep, strict=True) if k]
        rows.append(row)
    return rows, [view.label(k) for k, _ in cols], [w / total for _, w in cols]


__all__ = ["FigureView", "Limits", "StepView", "TaskView", "View", "build", "steps_table", "tile_order",
           "title_case", "typographic"]
