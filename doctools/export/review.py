"""The editor's review page: one self-contained HTML file per document.

No scripts, no network, no CDN: inline CSS only, so it opens anywhere and prints. Sections
(each an ``<section id=…>`` with a table): summary, editions, chrome removed, duplicates
removed, other cleaning, conversions made (grouped by rule, each in context), ambiguities
left alone, translation QA flags, brief faithfulness, errors and warnings.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

from doctools.export.manifest import DocEntry
from doctools.model import Document, Edit

_CSS = """
body{font-family:"Noto Sans SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em auto;max-width:70em;
color:#222;line-height:1.5;padding:0 1em}
h1{font-size:1.5em;border-bottom:3px solid #b22;padding-bottom:.3em}h2{font-size:1.15em;margin-top:1.6em;color:#822}
table{border-collapse:collapse;width:100%;margin:.5em 0;font-size:.92em}
th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#f3eded}td.n{text-align:right;white-space:nowrap}
.ok{color:#176b2c;font-weight:bold}.partial,.skipped{color:#a86400;font-weight:bold}
.failed{color:#b00;font-weight:bold}.na{color:#777}
del{background:#fdd;text-decoration:line-through}ins{background:#dfd;text-decoration:none}
.ctx{color:#555}.empty{color:#777;font-style:italic}
"""


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]], empty: str = "none") -> str:
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    if not body:
        return f'<p class="empty">{escape(empty)}</p>'
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _section(sid: str, title: str, content: str) -> str:
    return f'<section id="{sid}"><h2>{escape(title)}</h2>{content}</section>'


def _context(doc: Document | None, e: Edit, width: int = 12) -> str:
    """The edit in its sentence: before struck out, after inserted."""
    if doc is None or e.block_id is None or e.offset is None:
        return f"<del>{escape(e.before)}</del><ins>{escape(e.after)}</ins>"
    try:
        text = doc.block(e.block_id).text
    except KeyError:
        return f"<del>{escape(e.before)}</del><ins>{escape(e.after)}</ins>"
    # ``offset`` is in the text before the edit; the block now holds the text after it
    left = text[max(0, e.offset - width) : e.offset]
    right = text[e.offset + len(e.after) : e.offset + len(e.after) + width]
    return (
        f'<span class="ctx">…{escape(left)}</span><del>{escape(e.before)}</del>'
        f'<ins>{escape(e.after)}</ins><span class="ctx">{escape(right)}…</span>'
    )


def _edits(doc: Document | None, prefix: str) -> list[Edit]:
    return [e for e in doc.edits if e.step.startswith(prefix)] if doc else []


def _removed_rows(edits: list[Edit]) -> list[list[str]]:
    return [[escape(str(e.line or "")), escape(e.before[:120]), escape(e.rule)] for e in edits]


def _convert_section(zh: Document | None) -> str:
    if zh is None:
        return '<p class="empty">no Simplified edition in this export</p>'
    own = [e for e in zh.edits if e.step.startswith("convert")]
    groups: dict[str, list[Edit]] = defaultdict(list)
    for e in own:
        groups[e.rule].append(e)
    rows = []
    for rule in sorted(groups, key=lambda r: (-len(groups[r]), r)):
        for e in groups[rule]:
            rows.append([escape(rule), escape(e.block_id or ""), _context(zh, e)])
    return f"<p>{len(own)} phrase-level change(s) in {len(groups)} rule(s).</p>" + _table(
        ["rule (table:line)", "block", "change in context"], rows
    )


def _qa_section(qa: Any) -> str:
    if qa is None:
        return '<p class="empty">no translation in this export</p>'
    flags = getattr(qa, "flags", None)
    if flags is None and isinstance(qa, dict):
        flags = qa.get("flags")
    rows = []
    for f in flags or []:
        d = dataclasses.asdict(f) if dataclasses.is_dataclass(f) and not isinstance(f, type) else dict(f)
        rows.append([escape(str(d.get("kind", d.get("check", "")))), escape(str(d.get("severity", ""))),
                     escape(str(d.get("segment_id", d.get("id", "")))), escape(str(d.get("message", d)))])
    return _table(["check", "severity", "segment", "detail"], rows, "no QA flags")


def _brief_section(brief: Any, result: Any) -> str:
    if brief is None:
        if result is not None and result.status != "ok":
            return (f'<p class="failed">brief {escape(result.status)}: {escape(result.message)}</p>'
                    '<p>Nothing unfaithful was written: a brief that fails its check is refused.</p>')
        return '<p class="empty">no brief in this export</p>'
    rows = []
    for label, attr in (("headline figures", "figures"), ("targets", "targets"), ("goals (力争)", "goals"),
                        ("key tasks", "tasks"), ("problems", "problems"), ("summary sentences", "summary")):
        items = getattr(brief, attr, None)
        if items is not None:
            rows.append([escape(label), f'<span class="n">{len(items)}</span>'])
    return '<p class="ok">faithfulness check passed: every number, qualifier and sentence is in the source.</p>' \
        + _table(["part", "items"], rows)


def _script_line(model: Document | None, zh: Document | None) -> str:
    """Script from the cleaner; regional vocabulary from the converter's detection, with its signals."""
    if model is None:
        return ""
    variant = model.metadata.variant
    signals = ""
    if zh is not None:
        variant = zh.metadata.extra.get("convert.source_variant", variant or "")
        signals = zh.metadata.extra.get("convert.signals", "")
    line = f"{model.metadata.script} / {variant or '-'}"
    return f"{line} ({signals[:160]}{'…' if len(signals) > 160 else ''})" if signals else line


def render_review(entry: DocEntry, review: dict[str, Any]) -> str:
    """The review page for one document of a batch."""
    model: Document | None = review.get("model")
    zh: Document | None = review.get("zh-Hans")
    m = model.metadata if model else None
    summary_rows = [
        ["input", escape(entry.input)],
        ["status", f'<span class="{escape(entry.status)}">{escape(entry.status)}</span>'],
        ["title", escape(m.title if m else "")],
        ["encoding", escape((m.encoding or "") if m else "")],
        ["script / regional vocabulary", escape(_script_line(model, zh))],
        ["blocks", escape(str(len(model.blocks)) if model else "")],
        ["headings", escape(", ".join(f"h{lv}: {len(model.headings(lv))}" for lv in (1, 2, 3, 4))
                            if model else "")],
    ]
    ed_rows = [
        [escape(name), f'<span class="{escape(r.status.replace("/", ""))}">{escape(r.status)}</span>',
         escape(r.message)]
        for name, r in entry.editions.items()
    ]
    out_rows = [[escape(o.edition), escape(o.format), escape(o.path), f'<span class="n">{o.bytes:,}</span>']
                for o in entry.outputs]
    chrome = _edits(model, "clean.chrome")
    dupes = _edits(model, "clean.dup")
    other = [e for e in (model.edits if model else ()) if e not in chrome and e not in dupes]
    other_counts: dict[str, int] = defaultdict(int)
    for e in other:
        other_counts[f"{e.step} · {e.rule}"] += 1
    notices = list(model.notices if model else ()) + list(zh.notices if zh else ())
    parts = [
        _section("summary", "Summary", _table(["item", "value"], summary_rows)),
        _section("editions", "Editions", _table(["edition", "status", "message"], ed_rows)
                 + _table(["edition", "format", "file", "bytes"], out_rows, "no outputs")),
        _section("chrome", f"Site chrome removed ({len(chrome)})",
                 _table(["source line", "text", "rule"], _removed_rows(chrome))),
        _section("duplicates", f"Duplicates removed ({len(dupes)})",
                 _table(["source line", "text", "rule"], _removed_rows(dupes))),
        _section("cleaning", "Other cleaning", _table(
            ["step · rule", "edits"],
            [[escape(k), f'<span class="n">{v}</span>'] for k, v in sorted(other_counts.items())],
        )),
        _section("conversions", "Conversions made (Simplified edition)", _convert_section(zh)),
        _section("ambiguities", f"Left alone for review ({len(notices)})", _table(
            ["step", "level", "block", "message"],
            [[escape(n.step), escape(n.level), escape(n.block_id or ""), escape(n.message)] for n in notices],
        )),
        _section("translation", "Translation QA", _qa_section(review.get("qa"))),
        _section("brief", "Brief faithfulness", _brief_section(review.get("brief"), entry.editions.get("brief"))),
        _section("problems", "Errors and warnings", _table(
            ["kind", "message"],
            [["error", escape(x)] for x in entry.errors] + [["warning", escape(x)] for x in entry.warnings],
        )),
    ]
    title = escape(f"doctools review: {entry.name}")
    return (
        f'<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{_CSS}</style></head><body><h1>{title}</h1>{''.join(parts)}</body></html>\n"
    )


__all__ = ["render_review"]
