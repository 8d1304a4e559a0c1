"""The brief as Markdown: the same View as the PDF, complete, for the web and for review diffs."""

from __future__ import annotations

from doctools.brief.model import Brief
from doctools.writers import _briefview as _view


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_md(brief: Brief, lang: str) -> str:
    v = _view.build(brief, lang)
    en = v.english
    out = [f"# {v.title}", "", f"*{v.subtitle}*", ""]
    out += [f"> {n}" for n in v.notes] + ([""] if v.notes else [])
    if v.tiles or v.table:
        out += [f"## {v.label('figures')}", ""]
        bulletin = v.kind == "statistical_bulletin"
        head = [v.label("col_indicator"), v.label("col_value"), v.label("col_change")]
        if bulletin:
            head.insert(1, v.label("col_period"))
        out += [f"| {' | '.join(head)} |", "|" + "---|" * len(head)]
        section = None
        for f in v.tiles + v.table:
            if bulletin and f.section and f.section != section:
                section = f.section
                out.append(f"| **{_cell(section)}** |" + " |" * (len(head) - 1))
            cells = [f.indicator, f.value_text, f.detail]
            if bulletin:
                cells.insert(1, f.period)
            out.append(f"| {' | '.join(_cell(c) for c in cells)} |")
        out.append("")
    if v.chart:
        out += [f"**{v.label('chart_title')}**: " + "; ".join(
            f"{name} {val:g}%" for name, (_, val) in zip(v.chart_labels, v.chart, strict=True)), ""]
    if v.targets:
        out += [f"## {v.label('targets')}", ""] + [f"> {t}  " for t in v.targets] + [""]
    if v.goals:
        level = "##" if v.kind == "policy" else "###"
        out += [f"{level} {v.label('goals')}", ""] + [f"- {g}" for g in v.goals] + [""]
    if v.plan:
        out += [f"### {v.label('plan_figures')}", ""] + [f"- {g}" for g in v.plan] + [""]
    if v.tasks:
        out += [f"## {v.label('measures' if v.kind == 'policy' else 'tasks')}", ""]
        for task in v.tasks:
            who = "，".join(x for x in (task.deadline, task.responsible) if x) if not en else \
                "; ".join(x for x in (task.deadline, task.responsible) if x)
            line = f"- **{task.label}{' ' if en else ''}{task.gist}**" + (f" ({who})" if en and who else
                                                                      f"（{who}）" if who else "")
            if task.points:
                line += " — " + ("; " if en else "；").join(task.points)
            out.append(line)
        if v.tasks_note:
            out += ["", f"*{v.tasks_note}*"]
        out.append("")
    if v.steps:
        out += [f"## {v.label('steps')}", ""]
        rows, head, _ = _view.steps_table(v)
        out += [f"| {' | '.join(head)} |", "|" + "---|" * len(head)]
        out += [f"| {' | '.join(_cell(c) for c in row)} |" for row in rows]
        out.append("")
    if v.duties:
        out += [f"## {v.label('duties')}", ""] + [f"- {d}" for d in v.duties] + [""]
    if v.problems:
        out += [f"## {v.label('problems')}", ""] + [f"- **{lab}** {t}" if lab else f"- {t}"
                                                    for lab, t in v.problems] + [""]
    if v.summary:
        out += [f"## {v.label('summary')}", ""] + [f"- {s}" for s in v.summary] + [""]
    out += ["---", "", f"<small>{v.footer}</small>", ""]
    return "\n".join(out)


__all__ = ["render_md"]
