"""The review report of a converted edition: every phrase-level change in context, grouped
by the rule responsible, then the ambiguous spots left alone. Markdown or HTML.

Built only from the Document (its edits and notices), so a saved ``.json`` edition can be
reported again later. The character conversion (``opencc:t2s``) is summarised, not listed:
it touches nearly every block and is not a judgement an editor reviews.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from dataclasses import dataclass

from doctools.model import Document, Edit

CONTEXT = 14  # characters shown either side
_OFFSET = re.compile(r"^left '(?P<word>.+?)' unchanged at offset (?P<off>\d+): (?P<why>.*) \((?P<rule>[^()]*)\)$")


@dataclass(frozen=True)
class Row:
    block_id: str
    line: int | None
    left: str
    before: str
    after: str
    right: str


CHARACTER_RULES = ("opencc:t2s", "opencc:s2t")  # whole-block character conversion: summarised


def _is_phrase(e: Edit) -> bool:
    """A phrase-level change: a doctools table row, or a regional OpenCC mapping on top of
    plain characters (``opencc:s2twp``/``opencc:s2hk`` in the TW/HK editions)."""
    return e.step.startswith("convert.") and e.rule not in CHARACTER_RULES


def _group(e: Edit) -> str:
    """Report group: the rule; an OpenCC config makes many different changes, so there
    each mapping (智能→智慧) is its own group, keyed ``rule<TAB>before<TAB>after``."""
    return f"{e.rule}\t{e.before}\t{e.after}" if e.rule.startswith("opencc:") else e.rule


def rule_name(group: str) -> str:
    return group.split("\t", 1)[0]


def _rule_order(group: str) -> tuple[str, int, str]:
    name, _, line = rule_name(group).rpartition(":")
    return (name, int(line), "") if line.isdigit() else (rule_name(group), 0, group)


def collect(doc: Document) -> tuple[dict[str, list[Row]], list[tuple[str, Row]], int]:
    """(changes by group (see :func:`_group`), ambiguous spots as (reason, row), blocks with
    character changes)."""
    texts = {b.id: b.text for b in doc.blocks}
    groups: dict[str, list[Row]] = defaultdict(list)
    for e in doc.edits:
        if not _is_phrase(e) or e.block_id is None or e.offset is None:
            continue
        t = texts.get(e.block_id, "")
        o = e.offset
        groups[_group(e)].append(
            Row(e.block_id, e.line, t[max(0, o - CONTEXT) : o], e.before, e.after,
                t[o + len(e.after) : o + len(e.after) + CONTEXT])
        )
    spots: list[tuple[str, Row]] = []
    for n in doc.notices:
        m = _OFFSET.match(n.message) if n.step.startswith("convert.") else None
        if m is None or n.block_id is None:
            continue
        t = texts.get(n.block_id, "")
        o, w = int(m["off"]), m["word"]
        row = Row(n.block_id, n.line, t[max(0, o - CONTEXT) : o], w, w, t[o + len(w) : o + len(w) + CONTEXT])
        spots.append((f"{m['why']} ({m['rule']})", row))
    chars = sum(1 for e in doc.edits if e.rule in CHARACTER_RULES)
    return dict(sorted(groups.items(), key=lambda kv: _rule_order(kv[0]))), spots, chars


def _note_of(doc: Document, rule: str) -> str:
    from .terms import builtin_rules

    if rule.startswith("opencc:"):
        return f"OpenCC {rule[7:]}: regional vocabulary or variant on top of plain character conversion"
    for r in builtin_rules():
        if r.ref == rule:
            return r.note
    return ""


def _rules(groups: dict[str, list[Row]]) -> str:
    """``N rules`` (``N rules, M mappings`` when an OpenCC config made several mappings)."""
    rules = len({rule_name(g) for g in groups})
    out = f"{rules} rule" + ("" if rules == 1 else "s")
    return out + (f", {len(groups)} mappings" if len(groups) != rules else "")


def md(s: str) -> str:
    """Escape Markdown table and emphasis characters."""
    return s.replace("|", "\\|").replace("*", "\\*").replace("~", "\\~")


def to_markdown(doc: Document) -> str:
    groups, spots, chars = collect(doc)
    n = sum(len(v) for v in groups.values())
    out = [
        f"# Conversion review: {doc.metadata.title or doc.metadata.source_path or ''}",
        "",
        f"- edition: `{doc.metadata.edition}` from `{doc.metadata.extra.get('convert.source_script', '?')}`"
        f" source (vocabulary: {doc.metadata.extra.get('convert.source_variant') or 'none detected'})",
        f"- phrase-level changes: **{n}** by {_rules(groups)}; ambiguous spots left alone: **{len(spots)}**",
        f"- blocks whose characters OpenCC converted: {chars}",
        "",
        "## Changes by rule",
    ]
    for group, rows in groups.items():
        first, rule = rows[0], rule_name(group)
        note = _note_of(doc, rule)
        out += ["", f"### `{rule}` {first.before} → {first.after} ({len(rows)})"]
        if note:
            out.append(f"_{md(note)}_")
        out += ["", "| block | line | in context |", "|---|---|---|"]
        for r in rows:
            ctx = f"{md(r.left)}~~{md(r.before)}~~**{md(r.after)}**{md(r.right)}"
            out.append(f"| {r.block_id} | {r.line or ''} | {ctx} |")
    out += ["", "## Ambiguous spots left unchanged", ""]
    if spots:
        out += ["| block | line | in context | why |", "|---|---|---|---|"]
        for why, r in spots:
            out.append(f"| {r.block_id} | {r.line or ''} | {md(r.left)}**{md(r.before)}**{md(r.right)} | {md(why)} |")
    else:
        out.append("None.")
    return "\n".join(out) + "\n"


_CSS = """body{font-family:"Noto Sans SC","LXGW WenKai",sans-serif;margin:2em;max-width:60em}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.2em .5em;vertical-align:top}
del{color:#a00}ins{color:#070;text-decoration:none;font-weight:bold}mark{background:#ffe58a}
.note{color:#555;font-style:italic}code{background:#f3f3f3}"""


def to_html(doc: Document) -> str:
    groups, spots, chars = collect(doc)
    e = html.escape
    n = sum(len(v) for v in groups.values())
    title = e(doc.metadata.title or doc.metadata.source_path or "")
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{e(doc.metadata.language or "und")}"><head><meta charset="utf-8">',
        f"<title>Conversion review: {title}</title><style>{_CSS}</style></head><body>",
        f"<h1>Conversion review: {title}</h1>",
        f"<p>Edition <code>{e(str(doc.metadata.edition))}</code>; phrase-level changes: <b>{n}</b> by "
        f"{e(_rules(groups))}; ambiguous spots left alone: <b>{len(spots)}</b>; blocks whose characters "
        f"OpenCC converted: {chars}.</p>",
        "<h2>Changes by rule</h2>",
    ]
    for group, rows in groups.items():
        rule = rule_name(group)
        note = _note_of(doc, rule)
        out.append(f"<h3><code>{e(rule)}</code> {e(rows[0].before)} → {e(rows[0].after)} ({len(rows)})</h3>")
        if note:
            out.append(f'<p class="note">{e(note)}</p>')
        out.append("<table><tr><th>block</th><th>line</th><th>in context</th></tr>")
        for r in rows:
            out.append(f"<tr><td>{e(r.block_id)}</td><td>{r.line or ''}</td><td>{e(r.left)}<del>{e(r.before)}</del>"
                       f"<ins>{e(r.after)}</ins>{e(r.right)}</td></tr>")
        out.append("</table>")
    out.append("<h2>Ambiguous spots left unchanged</h2>")
    if spots:
        out.append("<table><tr><th>block</th><th>line</th><th>in context</th><th>why</th></tr>")
        for why, r in spots:
            out.append(f"<tr><td>{e(r.block_id)}</td><td>{r.line or ''}</td><td>{e(r.left)}<mark>{e(r.before)}</mark>"
                       f"{e(r.right)}</td><td>{e(why)}</td></tr>")
        out.append("</table>")
    else:
        out.append("<p>None.</p>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


RENDERERS = {".md": to_markdown, ".markdown": to_markdown, ".html": to_html, ".htm": to_html}

__all__ = ["CHARACTER_RULES", "RENDERERS", "collect", "rule_name", "to_html", "to_markdown"]
