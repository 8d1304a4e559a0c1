"""The brief as Markdown: the same View as the PDF, for the web and for review diffs."""

from __future__ import annotations

from doctools.brief import _view
from doctools.brief.model import Brief


def render_md(brief: Brief, lang: str) -> str:
    v = _view.build(brief, lang)
    en = lang.startswith("en")
    out = [f"# {v.title}", "", f"*{v.subtitle}*", ""]
    out += [f"> {n}" for n in v.notes] + ([""] if v.notes else [])
    if v.tiles or v.table:
        out += [f"## {v.label('figures')}", ""]
        head = ("Indicator", "Value", "Change / rank") if en else ("指标", "数值", "变化 / 排名")
        out += [f"| {' | '.join(head)} |", "|---|---|---|"]
        for f in v.tiles + v.table:
            out.append(f"| {f.indicator} | {f.value_text} | {f.detail} |")
        out.append("")
    if v.chart:
        out += [f"**{v.label('chart_title')}**: " + "; ".join(
            f"{name} {val:g}%" for name, (_, val) in zip(v.chart_labels, v.chart, strict=True)), ""]
    if v.targets:
        out += [f"## {v.label('targets')}", ""] + [f"> {t}  " for t in v.targets] + [""]
    if v.goals:
        out += [f"### {v.label('goals')}", ""] + [f"- {g}" for g in v.goals] + [""]
    if v.plan:
        out += [f"### {v.label('plan_figures')}", ""] + [f"- {g}" for g in v.plan] + [""]
    if v.tasks:
        out += [f"## {v.label('tasks')}", ""]
        for label, gist, points in v.tasks:
            out.append(f"- **{label}{' ' if en else ''}{gist}**" + (f" — {('; ' if en else '；').join(points)}"
                                                                     if points else ""))
        if v.tasks_note:
            out += ["", f"*{v.tasks_note}*"]
        out.append("")
    if v.problems:
        out += [f"## {v.label('problems')}", ""] + [f"- **{lab}** {t}" for lab, t in v.problems] + [""]
    if v.summary:
        out += [f"## {v.label('summary')}", ""] + [f"- {s}" for s in v.summary] + [""]
    out += ["---", "", f"<small>{v.footer}<br>{v.footer_hash}</small>", ""]
    return "\n".join(out)


__all__ = ["render_md"]
