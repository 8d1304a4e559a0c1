"""The editor's review page: one self-contained HTML file per document.

No scripts, no network, no CDN: inline CSS and an embedded WOFF2 subset of the shipped
Noto Sans SC (``writers._webfont``), so it reads the same on a machine without Chinese
fonts, and prints. What an editor must check comes first:

1. summary and editions (a truncated source is said here);
2. word-level changes of the Simplified edition (regional vocabulary, repairs), grouped by
   rule as “旧 → 新” with counts, each occurrence in its sentence;
3. the character-level script conversion (OpenCC) summarised in one line with counts —
   per block in a collapsed ``<details>``, the changed characters highlighted (the
   original in the tooltip), never whole paragraphs struck through and retyped;
4. what was left alone for review (ambiguities), then removals: site chrome and
   duplicates (identical removed texts grouped, with counts and source lines), other
   cleaning by rule, translation QA, brief faithfulness, errors and warnings.

Linear in the number of edits: edits are grouped in one pass, blocks found by id in a
dict, long groups shown up to a limit with the rest counted (32,000 removed duplicate
lines make one row, not 32,000).
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher
from html import escape, unescape
from typing import Any

from doctools.export.manifest import DocEntry
from doctools.model import Document, Edit

FAMILY = "doctools-review-sans"
MAX_ROWS = 400  # occurrences listed per group; the rest are counted
_CSS = """
body{font-family:"FAMILY","Noto Sans SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em auto;
max-width:70em;color:#222;line-height:1.55;padding:0 1em}
h1,h2,h3,th,b,strong{font-weight:normal}
h1{font-size:1.6em;border-bottom:3px solid #b22;padding-bottom:.3em}h2{font-size:1.25em;margin-top:1.6em;color:#822}
table{border-collapse:collapse;width:100%;margin:.5em 0;font-size:.92em}
th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#f3eded}td.n,span.n{text-align:right;white-space:nowrap}
tr.rule th{background:#faf5e8;font-weight:normal}tr.rule b{font-size:1.05em}
.ok{color:#176b2c}.partial,.skipped{color:#a86400}.failed{color:#b00}.na{color:#777}
b{color:#822}
del{background:#fdd;text-decoration:line-through}ins{background:#dfd;text-decoration:none}
mark{background:#fff0a8;padding:0 .05em}.arrow{color:#888;padding:0 .3em}
.ctx{color:#555}.empty{color:#777;font-style:italic}.more{color:#777}
details{margin:.2em 0}summary{cursor:pointer;color:#444}details p{margin:.3em 0 .6em 1.2em}
.warn{background:#fff3e0;border-left:4px solid #e08a00;padding:.4em .8em}
""".replace("FAMILY", FAMILY)


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]], empty: str = "none") -> str:
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    if not body:
        return f'<p class="empty">{escape(empty)}</p>'
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _section(sid: str, title: str, content: str) -> str:
    return f'<section id="{sid}"><h2>{escape(title)}</h2>{content}</section>'


def _more(n: int) -> str:
    return f'<p class="more">… and {n:,} more</p>' if n > 0 else ""


def _is_script(e: Edit) -> bool:
    """A character-level script conversion of a whole block (OpenCC), not a word change."""
    return e.rule.startswith("opencc") and e.offset is None


def _context(texts: dict[str, str], e: Edit, width: int = 14) -> str:
    """The change in its sentence: “…before<del>旧</del> → <ins>新</ins>after…”."""
    change = f'<del>{escape(e.before)}</del><span class="arrow">→</span><ins>{escape(e.after)}</ins>'
    text = texts.get(e.block_id or "")
    if text is None or e.offset is None:
        return change
    # ``offset`` is in the text before the edit; later edits may have moved it a little
    at = e.offset
    if text[at:at + len(e.after)] != e.after:
        near = text.find(e.after, max(0, at - 24), at + 24 + len(e.after))
        at = near if near >= 0 else at
    left = text[max(0, at - width):at]
    right = text[at + len(e.after):at + len(e.after) + width]
    return f'<span class="ctx">…{escape(left)}</span>{change}<span class="ctx">{escape(right)}…</span>'


def _word_changes(zh: Document, own: list[Edit], texts: dict[str, str]) -> str:
    groups: dict[tuple[str, str, str], list[Edit]] = defaultdict(list)
    for e in own:
        groups[(e.rule, e.before, e.after)].append(e)
    if not groups:
        return '<p class="empty">no word-level change</p>'
    rules = {r for r, _, _ in groups}
    rows = []
    for key in sorted(groups, key=lambda k: (-len(groups[k]), k)):
        rule, before, after = key
        items = groups[key]
        rows.append(f'<tr class="rule"><th colspan="2"><b>{escape(before)}<span class="arrow">→</span>'
                    f'{escape(after)}</b> · {escape(rule)} · <span class="n">×{len(items)}</span></th></tr>')
        for e in items[:MAX_ROWS]:
            rows.append(f"<tr><td>{escape(e.block_id or '')}</td><td>{_context(texts, e)}</td></tr>")
        if len(items) > MAX_ROWS:
            rows.append(f'<tr><td></td><td class="more">… and {len(items) - MAX_ROWS:,} more</td></tr>')
    return (f"<p>{len(own):,} word-level change(s) of {len(groups):,} kind(s) in {len(rules):,} rule(s), "
            "most frequent first.</p><table><thead><tr><th>block</th><th>change in context (旧 → 新)</th>"
            f"</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _marked(before: str, after: str) -> tuple[str, Counter[tuple[str, str]]]:
    """``after`` as HTML with the characters that differ from ``before`` in ``<mark>``."""
    pairs: Counter[tuple[str, str]] = Counter()
    out: list[str] = []
    if len(before) == len(after):  # OpenCC t2s maps character for character nearly always
        for a, b in zip(before, after, strict=True):
            if a == b:
                out.append(escape(b))
            else:
                pairs[(a, b)] += 1
                out.append(f'<mark title="{escape(a)}">{escape(b)}</mark>')
        return "".join(out), pairs
    sm = SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            out.append(escape(after[j1:j2]))
        elif j2 > j1:
            pairs[(before[i1:i2], after[j1:j2])] += 1
            out.append(f'<mark title="{escape(before[i1:i2])}">{escape(after[j1:j2])}</mark>')
    return "".join(out), pairs


def _script_changes(script: list[Edit]) -> str:
    if not script:
        return '<p class="empty">no character-level script conversion</p>'
    total: Counter[tuple[str, str]] = Counter()
    blocks = []
    for e in script:
        html, pairs = _marked(e.before, e.after)
        total.update(pairs)
        n = sum(pairs.values())
        if n:
            blocks.append(f"<details><summary>{escape(e.block_id or '')}"
                          f"{f' (line {e.line})' if e.line else ''} · {n:,} character(s)</summary>"
                          f"<p>{html}</p></details>")
    rules = ", ".join(sorted({e.rule for e in script}))
    top = " · ".join(f"{escape(a)}→{escape(b)} ×{n}" for (a, b), n in total.most_common(12))
    line = (f"<p><b>Script conversion</b> ({escape(rules)}): {sum(total.values()):,} character(s) changed in "
            f"{len(blocks):,} block(s), {len(total):,} distinct: {top}{' · …' if len(total) > 12 else ''}</p>")
    return line + (f"<details><summary>per block ({len(blocks):,}), changed characters marked"
                   f"</summary>{''.join(blocks)}</details>" if blocks else "")


def _convert_section(zh: Document | None) -> str:
    if zh is None:
        return '<p class="empty">no Simplified edition in this export</p>'
    own = [e for e in zh.edits if e.step.startswith("convert")]
    texts = {b.id: b.text for b in zh.blocks}
    words = [e for e in own if not _is_script(e)]
    script = [e for e in own if _is_script(e)]
    return _word_changes(zh, words, texts) + _script_changes(script)


def _removed(edits: list[Edit]) -> str:
    """Removed texts grouped when identical (a page footer on every page is one row)."""
    groups: dict[tuple[str, str], list[Edit]] = defaultdict(list)
    for e in edits:
        groups[(e.before, e.rule)].append(e)
    rows = []
    for (before, rule), items in list(groups.items())[:MAX_ROWS]:
        lines = [str(e.line) for e in items if e.line is not None]
        shown = ", ".join(lines[:8]) + (f" … ({len(lines)})" if len(lines) > 8 else "")
        rows.append([escape(shown), escape(before[:160]) + ("…" if len(before) > 160 else ""), escape(rule),
                     f'<span class="n">{len(items):,}</span>'])
    return _table(["source line(s)", "text", "rule", "times"], rows) + _more(len(groups) - MAX_ROWS)


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
    return _origins(qa) + _table(["check", "severity", "segment", "detail"], rows, "no QA flags")


def _origins(qa: Any) -> str:
    """Where each English segment came from (memory exact/repaired/fuzzy, machine, untranslated):
    the counts in one line, every segment in a collapsed table."""
    segments = getattr(qa, "segments", None) or []
    if not segments:
        return ""
    by_label = Counter(_origin_kind(r) for r in segments)
    line = ", ".join(f"{n:,} {escape(k)}" for k, n in by_label.most_common())
    rows = []
    for r in segments[:MAX_ROWS * 5]:
        detail = "; ".join(getattr(r, "repairs", ()) or ())
        if getattr(r, "origin", "") == "tm-fuzzy" and getattr(r, "memory_source", ""):
            detail = f"memory: {r.memory_source}" + (f"; {detail}" if detail else "")
        rows.append([escape(r.id), escape(getattr(r, "origin_label", "machine")), escape(r.source),
                     escape(r.target), escape(detail)])
    table = _table(["segment", "origin", "source", "English", "memory / repairs"], rows)
    return (f"<p>English segments by origin: {line}.</p><details><summary>every segment with its origin "
            f"({len(segments):,})</summary>{table}{_more(len(segments) - MAX_ROWS * 5)}</details>")


def _origin_kind(r: Any) -> str:
    label = str(getattr(r, "origin_label", "machine"))
    return "TM fuzzy" if label.startswith("TM fuzzy") else label


def _brief_section(brief: Any, result: Any) -> str:
    if brief is None:
        if result is not None and result.status != "ok":
            return (f'<p class="failed">brief {escape(result.status)}: {escape(result.message)}</p>'
                    '<p>Nothing unfaithful was written: a brief with nothing faithful left is refused.</p>')
        return '<p class="empty">no brief in this export</p>'
    rows = []
    for label, attr in (("headline figures", "figures"), ("targets", "targets"), ("goals (力争)", "goals"),
                        ("key tasks", "tasks"), ("steps", "steps"), ("duties", "duties"), ("problems", "problems"),
                        ("summary sentences", "summary")):
        items = getattr(brief, attr, None)
        if items:
            rows.append([escape(label), f'<span class="n">{len(items)}</span>'])
    withheld = list(getattr(brief, "withheld", ()) or ())
    kind = escape(str(getattr(brief, "kind", "") or "document").replace("_", " "))
    head = (f'<p class="ok">Read as a {kind}. Every number, qualifier and sentence in the brief is in the '
            "source.</p>")
    if withheld:
        head += (f'<p class="warn">{len(withheld)} item(s) failed the faithfulness check and were left out of '
                 "the brief (not printed):</p>" + _table(
                     ["item", "text", "why"],
                     [[escape(w.key), escape(w.text), escape(w.reason)] for w in withheld[:MAX_ROWS]])
                 + _more(len(withheld) - MAX_ROWS))
    return head + _table(["part", "items"], rows)


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


def _summary(entry: DocEntry, model: Document | None, zh: Document | None) -> str:
    m = model.metadata if model else None
    rows = [
        ["input", escape(entry.input)],
        ["status", f'<span class="{escape(entry.status)}">{escape(entry.status)}</span>'],
        ["title", escape(m.title or "" if m else "")],
        ["encoding", escape((m.encoding or "") if m else "")],
        ["script / regional vocabulary", escape(_script_line(model, zh))],
        ["blocks", escape(str(len(model.blocks)) if model else "")],
        ["headings", escape(", ".join(f"h{lv}: {len(model.headings(lv))}" for lv in (1, 2, 3, 4))
                            if model else "")],
    ]
    truncated = m.extra.get("source.truncated") if m else None
    warn = ""
    if truncated is not None:
        rows.append(["source truncated", escape(truncated or "yes")])
        warn = ('<p class="warn">The source is cut short: every edition ends with a note saying so '
                f"({escape(truncated or 'no reason given')}).</p>")
    return warn + _table(["item", "value"], rows)


def render_review(entry: DocEntry, review: dict[str, Any], *, embed_font: bool = True) -> str:
    """The review page for one document of a batch (``embed_font=False``: no web font,
    for callers that only read the page's text)."""
    model: Document | None = review.get("model")
    zh: Document | None = review.get("zh-Hans")
    ed_rows = [
        [escape(name), f'<span class="{escape(r.status.replace("/", ""))}">{escape(r.status)}</span>',
         escape(r.message)]
        for name, r in entry.editions.items()
    ]
    out_rows = [[escape(o.edition), escape(o.format), escape(o.path), f'<span class="n">{o.bytes:,}</span>']
                for o in entry.outputs]
    chrome: list[Edit] = []
    dupes: list[Edit] = []
    other_counts: Counter[str] = Counter()
    for e in model.edits if model else ():  # one pass: no list scans, no dataclass comparisons
        if e.step.startswith("clean.chrome") or e.step == "read.pdf":  # site chrome, page furniture
            chrome.append(e)
        elif e.step.startswith("clean.dup"):
            dupes.append(e)
        else:
            other_counts[f"{e.step} · {e.rule}"] += 1
    notices = list(model.notices if model else ()) + list(zh.notices if zh else ())
    parts = [
        _section("summary", "Summary", _summary(entry, model, zh)),
        _section("editions", "Editions", _table(["edition", "status", "message"], ed_rows)
                 + _table(["edition", "format", "file", "bytes"], out_rows, "no outputs")),
        _section("conversions", "Changes made in the Simplified edition", _convert_section(zh)),
        _section("ambiguities", f"Left alone for review ({len(notices):,})", _table(
            ["step", "level", "block", "message"],
            [[escape(n.step), escape(n.level), escape(n.block_id or ""), escape(n.message)]
             for n in notices[:MAX_ROWS]],
        ) + _more(len(notices) - MAX_ROWS)),
        _section("chrome", f"Site chrome and page furniture removed ({len(chrome):,})", _removed(chrome)),
        _section("duplicates", f"Duplicates removed ({len(dupes):,})", _removed(dupes)),
        _section("cleaning", "Other cleaning", _table(
            ["step · rule", "edits"],
            [[escape(k), f'<span class="n">{v:,}</span>'] for k, v in sorted(other_counts.items())],
        )),
        _section("translation", "Translation QA", _qa_section(review.get("qa"))),
        _section("brief", "Brief faithfulness", _brief_section(review.get("brief"), entry.editions.get("brief"))),
        _section("problems", "Errors and warnings", _table(
            ["kind", "message"],
            [["error", escape(x)] for x in entry.errors] + [["warning", escape(x)] for x in entry.warnings],
        )),
    ]
    title = escape(f"doctools review: {entry.name}")
    body = f"<h1>{title}</h1>{''.join(parts)}"
    font = ""
    if embed_font:
        from doctools.writers._webfont import font_face_css

        font = font_face_css(FAMILY, unescape(body + title))  # the characters, not their entities
    return (
        f'<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{font}{_CSS}</style></head><body>{body}</body></html>\n"
    )


__all__ = ["render_review"]
