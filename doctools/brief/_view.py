"""What each layout shows, in one place: the brief's items as display strings per language.

Why: the PDF, the DOCX and the Markdown must say the same thing; they differ only in how
they draw it. For English, an item with no translation shows its Chinese followed by the
untranslated marker, so a reader sees at once what was not translated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from doctools.brief import _data
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
class View:
    lang: str
    title: str
    subtitle: str
    tiles: list[FigureView]
    table: list[FigureView]
    targets: list[str]
    goals: list[str]
    plan: list[str]
    tasks: list[tuple[str, str, list[str]]]
    tasks_note: str
    problems: list[tuple[str, str]]
    summary: list[str]
    footer: str
    footer_hash: str = ""
    notes: list[str] = field(default_factory=list)
    chart: list[tuple[str, float]] = field(default_factory=list)
    chart_labels: list[str] = field(default_factory=list)

    def label(self, key: str, **fmt: object) -> str:
        return _data.label(key, self.lang, **fmt)


_POST = ("左右", "以上", "以下", "以内")


def _zh_figure(f: Figure) -> FigureView:
    pre = f.qualifier if f.qualifier and f.qualifier not in _POST and f.qualifier not in ("余", "多") else ""
    unit = f.unit
    if f.qualifier in ("余", "多"):
        unit = f.qualifier + unit
    if f.qualifier in _POST:
        unit = unit + f.qualifier
    value, change = f.value, f.change
    return FigureView(f.indicator, pre, value, unit, change, f.rank, f.source_id, bool(f.value))


def tile_order(brief: Brief, n: int = 8) -> tuple[list[int], list[int]]:
    """Indices of the figures shown as tiles (change or rank first, document order) and the rest."""
    ranked = sorted(range(len(brief.figures)),
                    key=lambda i: (-(bool(brief.figures[i].change) + bool(brief.figures[i].rank)
                                     + bool(brief.figures[i].value)), i))
    tiles = sorted(ranked[:n])
    return tiles, [i for i in range(len(brief.figures)) if i not in tiles]


def _title_case(s: str) -> str:
    small = {"and", "of", "the", "in", "for", "on", "to", "a"}
    words = s.split(" ")
    return " ".join(w if (i and w in small) or not w[:1].islower() else w[:1].upper() + w[1:]
                    for i, w in enumerate(words))


def _omitted(brief: Brief, lang: str, *, max_goals: int, summary: bool, table: bool, rest: int,
             max_points: int, max_problems: int) -> str:
    """What the limits leave out, as "section n" pieces (labels from labels.tsv)."""
    counts = [
        ("figures", rest if not table else 0),
        ("goals", max(0, len(brief.goals) - max_goals)),
        ("plan_figures", max(0, len(brief.plan_figures) - max_goals)),
        ("tasks", sum(max(0, len(t.points) - max_points) for t in brief.tasks)),
        ("problems", max(0, len(brief.problems) - max_problems)),
        ("summary", len(brief.summary) if not summary else 0),
    ]
    sep = ", " if lang.startswith("en") else "、"
    return sep.join(f"{_data.label(k, lang)} {n}" for k, n in counts if n)


def _gist(task: Task, i: int, t: Callable[[str, str], str], lang: str) -> str:
    """The task's gist, marked when clauses of it were withheld (a conversion gap)."""
    gist = t(f"task.{i}", task.gist) if task.gist else ""
    if not task.withheld:
        return gist
    mark = _data.label("task_withheld", lang)
    return f"{gist} {mark}".strip() if lang.startswith("en") else f"{gist}{mark}"


def build(brief: Brief, lang: str, *, max_goals: int = 99, summary: bool = True, table: bool = True,
          max_points: int = 99, max_problems: int = 99) -> View:
    """The View of ``brief`` in ``lang`` (``zh-Hans`` or ``en``).

    The limits shorten lists for a page budget (the PDF's two pages), always from the end
    of each list, so the result is deterministic; what they leave out is said in a note
    at the top (the ``shortened`` label), never silently."""
    from doctools.brief.chart import chart_data

    en = lang.startswith("en")
    tr = brief.english
    mark = " " + _data.label("untranslated", "en")

    def t(key: str, zh: str) -> str:
        if not en:
            return zh
        v = tr.get(key, "")
        return v if v else f"{zh}{mark}"

    tiles_i, rest_i = tile_order(brief)
    views = []
    for i, f in enumerate(brief.figures):
        z = _zh_figure(f)
        if en:
            value = (tr.get(f"figure.{i}.value") or z.value + z.unit) if f.value else ""
            z = FigureView(t(f"figure.{i}.indicator", f.indicator), "", value, "",
                           tr.get(f"figure.{i}.change", "") or f.change,
                           tr.get(f"figure.{i}.rank", "") or f.rank, f.source_id, bool(f.value))
        views.append(z)
    src = brief.source
    title = t("title", brief.title)
    if en:
        title = _title_case(title)
    footer = _data.label("footer", lang, path=src.path.rsplit("/", 1)[-1] or "-", sha=src.sha256 or "-",
                         date=src.generated)
    notes = [n for n in brief.notices if en or not n.startswith("Labels")]
    data = chart_data(brief)
    idx = [i for i, f in enumerate(brief.figures) if f.change_pct is not None and f.indicator][: len(data)]
    chart_labels = [(tr.get(f"figure.{i}.indicator") or brief.figures[i].indicator) if en
                    else brief.figures[i].indicator for i in idx]
    omitted = _omitted(brief, lang, max_goals=max_goals, summary=summary, table=table, rest=len(rest_i),
                       max_points=max_points, max_problems=max_problems)
    if omitted:
        notes.append(_data.label("shortened", lang, what=omitted))
    note = brief.tasks_note
    if en and note:
        note = _data.label("tasks_truncated", "en", announced=brief.tasks_announced or "?", found=len(brief.tasks),
                           first="(1)", last=f"({len(brief.tasks)})")
    return View(
        lang=lang,
        title=title,
        subtitle=_data.label("source_line", lang, title=brief.title),
        tiles=[views[i] for i in tiles_i],
        table=[views[i] for i in rest_i] if table else [],
        targets=[t(f"target.{i}", x.text) for i, x in enumerate(brief.targets)],
        goals=[t(f"goal.{i}", x.text) for i, x in enumerate(brief.goals)][:max_goals],
        plan=[t(f"plan.{i}", x.text) for i, x in enumerate(brief.plan_figures)][:max_goals],
        tasks=[(f"({i + 1})" if en else k.label, _gist(k, i, t, lang),
                [t(f"task.{i}.{j}", p) for j, p in enumerate(k.points)][:max_points])
               for i, k in enumerate(brief.tasks)],
        tasks_note=note,
        problems=[(f"{i + 1}." if en else p.label, t(f"problem.{i}", p.text))
                  for i, p in enumerate(brief.problems)][:max_problems],
        summary=[t(f"summary.{i}", s.text) for i, s in enumerate(brief.summary)] if summary else [],
        footer=footer,
        footer_hash=_data.label("footer_hash", lang, sha=src.sha256 or "-"),
        notes=notes,
        chart=data,
        chart_labels=chart_labels,
    )


__all__ = ["FigureView", "View", "build", "tile_order"]
