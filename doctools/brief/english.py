"""The English brief: fixed parts by rule, free sentences by the translation engine.

What is deterministic (never through a model)::

    labels          doctools/data/brief/labels.tsv
    numbers/units   doctools.translate.numbers.render_en  (超680亿元 → more than 68 billion yuan)
    changes         增长9.3% → +9.3%          (english.tsv, kind change)
    ranks           全市第3 → 3rd in the city  (english.tsv, kind rank)
    terms           the translation glossary (doctools/data/translate/glossary_zh_en.tsv),
                    whole indicator, or glossary term + a known suffix (english.tsv)
    targets         indicator + 增长6%左右 → "regional GDP: growth of about 6%"

Free text (task gists, problems, summary sentences, indicators the glossary lacks) goes
through ``doctools.translate`` when a model is installed; otherwise the item keeps its
Chinese and is listed as untranslated, and the brief says so — never a guess.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache

from doctools.brief import _data
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


def _figure_en(f: Figure) -> dict[str, str]:
    return {
        "indicator": compose(f.indicator),
        "value": _value_en(f),
        "change": change_en(f.change) if f.change else "",
        "rank": rank_en(f.rank) if f.rank else "",
    }


def machine_translate(texts: list[str]) -> tuple[list[str] | None, str]:
    """Translate with the installed model (glossary terms and numbers protected);
    (None, reason) when no engine or model is available."""
    if not texts:
        return [], ""
    try:
        from doctools.translate.engine import load_translator
        from doctools.translate.glossary import load_glossary
        from doctools.translate.protect import choose_style, protect, restore
    except ImportError as exc:
        return None, f"translation engine not available ({exc})"
    try:
        tr = load_translator("zh", "en", script="Hans")
        style = choose_style(tr.round_trips)
        glossary = load_glossary()
        prot = [protect(t, glossary, style) for t in texts]
        hyps = tr.translate([p.text for p in prot])
    except DoctoolsError as exc:
        return None, str(exc)
    return [restore(h.text, p.slots, style).text for h, p in zip(hyps, prot, strict=True)], ""


def english(brief: Brief, *, use_model: bool = True) -> tuple[Brief, list[str]]:
    """The brief with ``english`` filled in; and the keys left untranslated."""
    en: dict[str, str] = {}
    en["title"] = compose(brief.title)
    for i, f in enumerate(brief.figures):
        for k, v in _figure_en(f).items():
            en[f"figure.{i}.{k}"] = v
    for prefix, items in (("target", brief.targets), ("goal", brief.goals), ("plan", brief.plan_figures)):
        for i, t in enumerate(items):
            en[f"{prefix}.{i}"] = _target_en(t)
    free: list[tuple[str, str]] = [(f"task.{i}", k.gist) for i, k in enumerate(brief.tasks) if k.gist]
    free += [(f"task.{i}.{j}", p) for i, k in enumerate(brief.tasks) for j, p in enumerate(k.points)]
    free += [(f"problem.{i}", p.text) for i, p in enumerate(brief.problems)]
    free += [(f"summary.{i}", s.text) for i, s in enumerate(brief.summary)]
    free += [(k, _source_text(brief, k)) for k, v in list(en.items()) if not v and _source_text(brief, k)]
    notices = list(brief.notices)
    if use_model:
        out, reason = machine_translate([t for _, t in free])
    else:
        out, reason = None, "model use disabled"
    if out is not None:
        for (key, _), text in zip(free, out, strict=True):
            en[key] = text
        en["_engine"] = "model"
    else:
        for key, _ in free:
            en.setdefault(key, "")
        notices.append(_data.label("untranslated_note", "en"))
        en["_reason"] = reason
    untranslated = sorted(k for k, v in en.items() if not v and not k.startswith("_") and _source_text(brief, k))
    return dataclasses.replace(brief, english=en, notices=tuple(notices)), untranslated


def _source_text(brief: Brief, key: str) -> str:
    """The Chinese an English key renders ("" when the key has no Chinese text)."""
    parts = key.split(".")
    try:
        if key == "title":
            return brief.title
        if parts[0] == "figure":
            f = brief.figures[int(parts[1])]
            return {"indicator": f.indicator, "value": f.value and f.text, "change": f.change, "rank": f.rank}[parts[2]]
        if parts[0] in ("target", "goal", "plan"):
            group = {"target": brief.targets, "goal": brief.goals, "plan": brief.plan_figures}[parts[0]]
            return group[int(parts[1])].text
        if parts[0] == "task":
            t = brief.tasks[int(parts[1])]
            return t.points[int(parts[2])] if len(parts) > 2 else t.gist
        if parts[0] == "problem":
            return brief.problems[int(parts[1])].text
        if parts[0] == "summary":
            return brief.summary[int(parts[1])].text
    except (IndexError, KeyError, ValueError):
        return ""
    return ""


__all__ = ["change_en", "compose", "english", "machine_translate", "rank_en", "render_number", "term"]
