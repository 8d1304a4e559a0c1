"""The English brief: fixed parts by rule, free sentences by the translation engine.

What is deterministic (never through a model)::

    labels          doctools/data/brief/labels.tsv
    numbers/units   doctools.translate.numbers.render_en  (超680亿元 → more than 68 billion yuan)
    changes         增长9.3% → +9.3%          (english.tsv, kind change)
    ranks           全市第3 → 3rd in the city  (english.tsv, kind rank)
    terms           the translation glossary (doctools/data/translate/glossary_zh_en.tsv),
                    whole indicator, or glossary term + a known suffix (english.tsv)
    targets         indicator + 增长6%左右 → "regional GDP: growth of about 6%"

Free text (task gists, steps, duties, problems, summary sentences, indicators the glossary
lacks) goes through the translation engine the caller passes (the worker's loaded one: this
module never loads a model); without one the item keeps its Chinese, is listed as
untranslated, and the page marks it — never a guess.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache
from typing import Any, NamedTuple

from doctools.brief.model import Brief, Figure, Target
from doctools.errors import ConfigError, DoctoolsError
from doctools.resources import data_path
from doctools.tables import load_table


@cache
def _table() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for r in load_table(data_path("brief", "english.tsv"), min_cols=3).rows:
        out.setdefault(r.cells[0], {})[r.cells[1]] = r.cells[2]
    return out


@cache
def _glossary() -> dict[str, str]:
    """zh → en from the translation glossary via its loader; {} when it is absent."""
    try:
        from doctools.translate.glossary import load_glossary
    except ImportError:
        return {}
    try:
        g = load_glossary()
    except ConfigError:
        return {}
    return {zh.strip("“”"): t.en for zh, t in g.terms.items()}


def term(zh: str) -> str:
    """The glossary English of an indicator or phrase; "" when unknown."""
    key = zh.strip().strip("“”")
    gl = _glossary()
    if key in gl:
        return gl[key]
    for suffix, pattern in sorted(_table().get("suffix", {}).items(), key=lambda x: -len(x[0])):
        if key.endswith(suffix) and key[: -len(suffix)].strip("“”") in gl:
            return pattern.format(term=gl[key[: -len(suffix)].strip("“”")])
    return ""


def compose(zh: str) -> str:
    """A short phrase made only of glossary terms, numbers and a few joiners (海珠区2022年政府
    工作报告 → Haizhu District 2022 government work report); "" when any Chinese is left."""
    whole = term(zh)
    if whole:
        return whole
    try:
        from doctools.translate.glossary import load_glossary
        from doctools.translate.numbers import parse
    except ImportError:
        return ""
    pieces: list[tuple[int, int, str]] = [(a, b, t.en) for a, b, t in load_glossary().find(zh)]
    for e in parse(zh):
        if not any(a < e.end and e.start < b for a, b, _ in pieces):
            pieces.append((e.start, e.end, e.en))
    pieces.sort()
    out, pos = [], 0
    for a, b, en in pieces:
        gap = zh[pos:a].strip("“”的 ")
        if gap and gap not in _JOINERS:
            return ""
        if gap:
            out.append(_JOINERS[gap])
        out.append(en)
        pos = b
    rest = zh[pos:].strip("“”的 ")
    if rest and rest not in _JOINERS:
        return ""
    if rest:
        out.append(_JOINERS[rest])
    return " ".join(out) if out else ""


_JOINERS = {"和": "and", "与": "and", "及": "and", "、": ","}


def render_number(text: str) -> str:
    from doctools.translate.numbers import render_en

    return render_en(text).strip()


def change_en(change: str) -> str:
    """增长9.3% → +9.3%; 下降2个百分点 → -2 percentage points."""
    m = re.match(r"(\D+?)(\d.*)$", change)
    if not m:
        return ""
    sign = _table().get("change", {}).get(m.group(1), "")
    return f"{sign}{render_number(m.group(2))}" if sign else ""


def rank_en(rank: str) -> str:
    """全市第3 → 3rd in the city."""
    m = re.match(r"(.*?)(?:排名|排位|排在)?第(\d+)", rank)
    if not m:
        return ""
    from doctools.translate.numbers import ordinal

    scope = _table().get("rank", {}).get(m.group(1), "")
    return f"{ordinal(int(m.group(2)))} {scope}".strip() if scope else ""


def _target_en(t: Target) -> str:
    ind = compose(t.indicator.removeprefix("力争").strip()) if t.indicator else ""
    if not ind:
        return ""
    if t.change:
        m = re.search(re.escape(t.change) + (re.escape(t.qualifier) if t.qualifier else ""), t.text)
        amount = render_number(t.text[t.text.find(t.change) + len(t.change.rstrip("0123456789.%")):]) if m else ""
        verb = _table()["change"].get(re.sub(r"[\d.%]+", "", t.change), "")
        word = "growth" if verb == "+" else "decrease"
        return f"{ind}: {word} of {amount}" if amount else ""
    qual = _table().get("qualitative", {}).get(t.qualifier, "")
    if qual:
        return f"{ind}: {qual}"
    from doctools.brief.numexpr import find

    values = [e for e in find(t.text) if e.kind in ("number", "percent")]
    if len(values) == 1 and t.text.endswith(values[0].text):
        return f"{ind}: {values[0].en}"
    return ""


def _value_en(f: Figure) -> str:
    """The English of the figure's own number expression, read from its source clause."""
    from doctools.brief.numexpr import find

    if not f.value:
        return ""
    for e in find(f.text):
        if e.number_written == f.value and e.unit_written == f.unit and e.qualifier == f.qualifier:
            return e.en
    return ""


def period_en(zh: str) -> str:
    """全年 → full year, 年末 → year-end (english.tsv, kind period); 2022年 → 2022; else ""."""
    if re.fullmatch(r"\d{4}年", zh):
        return zh[:4]
    return _table().get("period", {}).get(zh, "")


def _figure_en(f: Figure) -> dict[str, str]:
    out = {
        "indicator": compose(f.indicator),
        "value": _value_en(f),
        "change": change_en(f.change) if f.change else "",
        "rank": rank_en(f.rank) if f.rank else "",
    }
    if f.period:
        out["period"] = period_en(f.period)
    if f.section:
        out["section"] = compose(f.section)
    return out


def machine_translate(texts: list[str], translator: Any, glossary: Any = None) -> list[str]:
    """Translate with the caller's loaded engine (``doctools.translate.engine.Translator``),
    glossary terms and numbers protected by placeholders (restored after)."""
    if not texts:
        return []
    from doctools.translate.protect import choose_style, protect, restore

    if glossary is None:
        from doctools.translate.glossary import load_glossary

        glossary = load_glossary()
    style = choose_style(translator.round_trips)
    prot = [protect(t, glossary, style) for t in texts]
    hyps = translator.translate([p.text for p in prot])
    return [restore(h.text, p.slots, style).text for h, p in zip(hyps, prot, strict=True)]


class EnglishResult(NamedTuple):
    """The brief with ``english`` filled in, the keys left untranslated, and why they were
    ("" when none was): the caller prints the reason and puts it in the manifest."""

    brief: Brief
    untranslated: list[str]
    reason: str


def _free_items(brief: Brief) -> list[tuple[str, str]]:
    """(key, Chinese) of every item that needs a translation engine (no fixed rendering)."""
    free: list[tuple[str, str]] = [(f"task.{i}", k.gist) for i, k in enumerate(brief.tasks) if k.gist]
    free += [(f"task.{i}.{j}", p) for i, k in enumerate(brief.tasks) for j, p in enumerate(k.points)]
    for prefix, pairs in (("task", [(t.responsible, t.deadline) for t in brief.tasks]),
                          ("step", [(s.responsible, s.deadline) for s in brief.steps])):
        for i, (who, when) in enumerate(pairs):
            if who:
                free.append((f"{prefix}.{i}.responsible", who))
            if when and not deadline_en(when):
                free.append((f"{prefix}.{i}.deadline", when))
    free += [(f"step.{i}", st.text) for i, st in enumerate(brief.steps)]
    free += [(f"duty.{i}", d.text) for i, d in enumerate(brief.duties)]
    free += [(f"problem.{i}", p.text) for i, p in enumerate(brief.problems)]
    free += [(f"summary.{i}", s.text) for i, s in enumerate(brief.summary)]
    free += [(f"figure.{i}.measure", f.measure) for i, f in enumerate(brief.figures) if f.measure]
    return free


def english(brief: Brief, *, translator: Any = None, glossary: Any = None,
            missing_reason: str = "") -> EnglishResult:
    """The English rendering of every item: fixed parts by rule, free sentences through
    ``translator`` when the caller passes its loaded one. Never loads a model: without one,
    free items stay untranslated and ``reason`` says why (``missing_reason``, e.g. the
    caller's ModelMissingError text, or "no translation model was given")."""
    en: dict[str, str] = {}
    en["title"] = compose(brief.title)
    for i, f in enumerate(brief.figures):
        for k, v in _figure_en(f).items():
            en[f"figure.{i}.{k}"] = v
    for prefix, items in (("target", brief.targets), ("goal", brief.goals), ("plan", brief.plan_figures)):
        for i, t in enumerate(items):
            en[f"{prefix}.{i}"] = _target_en(t)
    for prefix, whens in (("task", [t.deadline for t in brief.tasks]), ("step", [s.deadline for s in brief.steps])):
        for i, when in enumerate(whens):
            if when and deadline_en(when):
                en[f"{prefix}.{i}.deadline"] = deadline_en(when)
    free = _free_items(brief)
    free += [(k, _source_text(brief, k)) for k, v in list(en.items()) if not v and _source_text(brief, k)]
    reason = ""
    if translator is not None and free:
        try:
            out = machine_translate([t for _, t in free], translator, glossary)
        except DoctoolsError as exc:
            out, reason = None, str(exc)
        if out is not None:
            for (key, _), text in zip(free, out, strict=True):
                en[key] = text
            en["_engine"] = "model"
    elif free:
        reason = missing_reason or "no translation model was given"
    for key, _ in free:
        en.setdefault(key, "")
    if reason:
        en["_reason"] = reason
    untranslated = sorted(k for k, v in en.items() if not v and not k.startswith("_") and _source_text(brief, k))
    return EnglishResult(dataclasses.replace(brief, english=en), untranslated, reason if untranslated else "")


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def deadline_en(zh: str) -> str:
    """6月底完成 → by the end of June; 持续推进 → ongoing (english.tsv, kind deadline);
    "" for anything else (then the engine translates it, or it stays marked)."""
    fixed = _table().get("deadline", {}).get(zh, "")
    if fixed:
        return fixed
    m = re.fullmatch(r"(\d{1,2})月(底|末)?(前)?完成", zh)
    if m and 1 <= int(m.group(1)) <= 12:
        return f"{'before' if m.group(3) else 'by'} the end of {_MONTHS[int(m.group(1)) - 1]}"
    return ""


def _source_text(brief: Brief, key: str) -> str:
    """The Chinese an English key renders ("" when the key has no Chinese text)."""
    parts = key.split(".")
    try:
        if key == "title":
            return brief.title
        if parts[0] == "figure":
            f = brief.figures[int(parts[1])]
            return {"indicator": f.indicator, "value": f.value and f.text, "change": f.change, "rank": f.rank,
                    "measure": f.measure, "period": f.period, "section": f.section}[parts[2]]
        if parts[0] in ("target", "goal", "plan"):
            group = {"target": brief.targets, "goal": brief.goals, "plan": brief.plan_figures}[parts[0]]
            return group[int(parts[1])].text
        if parts[0] in ("task", "step") and len(parts) > 2 and parts[2] in ("responsible", "deadline"):
            item = (brief.tasks if parts[0] == "task" else brief.steps)[int(parts[1])]
            return str(getattr(item, parts[2]))
        if parts[0] == "task":
            t = brief.tasks[int(parts[1])]
            return t.points[int(parts[2])] if len(parts) > 2 else t.gist
        if parts[0] == "step":
            return brief.steps[int(parts[1])].text
        if parts[0] == "duty":
            return brief.duties[int(parts[1])].text
        if parts[0] == "problem":
            return brief.problems[int(parts[1])].text
        if parts[0] == "summary":
            return brief.summary[int(parts[1])].text
    except (IndexError, KeyError, ValueError):
        return ""
    return ""


__all__ = ["EnglishResult", "change_en", "compose", "deadline_en", "english", "machine_translate", "period_en",
           "rank_en", "render_number", "term"]
