"""clean.structure: title, subtitle, salutation, numbered headings, run-in headings, leads.

Examples::

    海珠區2022年政府工作報告 (first line)         → title (Metadata.title set)
    ——在海珠區第十七屆人民代表大會第一次會議上     → subtitle
    各位代表：                                    → salutation
    一、2021年工作回顧                            → heading level 1, label 一、
    （一）聚焦創新核心地位，增強…引領力。強化…     → heading level 2 (run_in) + paragraph b27.2
    1．農業 / （1）糧食                            → heading level 3 / 4
    強化創新策源功能。發揮大學大院…               → paragraph, lead 強化創新策源功能。

Rules (patterns in ``data/clean/structure.tsv``):

* **Title**: the first block, when it is short (≤ 60 characters), has no sentence mark
  inside and is not a heading or salutation. Subtitles: short lines right after the
  title matching a subtitle pattern (occasion, date, speaker).
* **Headings**: a line starting with a numbering label. The rest is a heading when it is
  one sentence of ≤ 60 (levels 1–2) or ≤ 40 (levels 3–4) characters; when more text
  follows that first sentence on the same line, the first sentence is a *run-in*
  heading (``run_in=True``) and the rest becomes the next block, id ``<id>.2``. A
  labelled line whose first sentence is longer, or ends in ；, is a ``list_item``.
* **Salutation**: a whole short line naming the addressees and ending in ：; a line that
  opens with one (各位代表：現在，我代表…) is split into the salutation and a paragraph.
* **Closing**: up to three trailing whole lines that are a signature (issuing body, date).
* **Lead** (an unnumbered run-in heading): a paragraph under some heading that opens with
  a sentence of 4–20 characters ending in 。 with no comma, enumeration comma, colon,
  semicolon, quote or bracket in it, followed by a longer rest; and at least one *other*
  paragraph of the same section opens the same way. Work reports set their sub-points
  as parallel series (強化…。 培育…。 打造…。); a lone short opening sentence of a
  narrative paragraph ("成績來之不易。") is not a heading.

The step is idempotent: blocks already given a kind are left alone, the body of a run-in
heading is never re-split, and leads are recomputed from the same text.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, replace
from functools import lru_cache

from doctools.clean._text import new_notices
from doctools.clean.sentences import spans
from doctools.errors import ConfigError
from doctools.model import Block, Document, Edit, Notice
from doctools.resources import data_path
from doctools.tables import load_table
from doctools.transform import step

NAME = "clean.structure"
TABLE = "clean/structure.tsv"
TITLE_MAX = 60
HEADING_MAX = {1: 60, 2: 60, 3: 40, 4: 40}
LEAD_MIN, LEAD_MAX = 4, 20
_LEAD_FORBIDDEN = set("，、；：,;:“”‘’「」『』（）()《》！？!?")
_SENTENCE_MARKS = "。！？；!?;"


@dataclass(frozen=True)
class Rule:
    kind: str
    regex: re.Pattern[str]
    level: int | None
    ref: str


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The structure table, compiled; ConfigError naming the line of a bad row."""
    table = load_table(data_path(*TABLE.split("/")), name=TABLE, min_cols=3)
    out: list[Rule] = []
    for row in table.rows:
        kind, pattern, level = row.get(0), row.get(1), row.get(2)
        if kind not in ("heading", "salutation", "subtitle", "closing", "announce"):
            raise ConfigError(f"{row.ref}: kind must be heading, salutation, subtitle, closing or announce")
        try:
            rx = re.compile(pattern)
        except re.error as exc:
            raise ConfigError(f"{row.ref}: bad regex ({exc})") from exc
        lvl = None
        if kind == "heading":
            if not level.isdigit() or not 1 <= int(level) <= 6:
                raise ConfigError(f"{row.ref}: heading level must be 1..6")
            lvl = int(level)
        out.append(Rule(kind, rx, lvl, row.ref))
    return tuple(out)


@lru_cache(maxsize=8)
def _rules(kind: str) -> tuple[Rule, ...]:
    return tuple(r for r in rules() if r.kind == kind)


def whole(kind: str, text: str) -> Rule | None:
    """The first ``kind`` rule matching all of ``text``."""
    return next((r for r in _rules(kind) if r.regex.fullmatch(text)), None)


def label_of(text: str) -> tuple[Rule, str] | None:
    """(heading rule, label) when ``text`` starts with a numbering label."""
    for r in _rules("heading"):
        m = r.regex.match(text)
        if m and m.end() < len(text):
            return r, m.group(0)
    return None


def salutation_prefix(text: str) -> tuple[Rule, str] | None:
    """(rule, salutation) when a line opens with an address and continues with body text."""
    for r in _rules("salutation"):
        m = r.regex.match(text)
        if m and m.end() < len(text) and text[m.end() - 1] in "：:":
            return r, m.group(0)
    return None


def _title_like(text: str) -> bool:
    return 0 < len(text) <= TITLE_MAX and not any(c in text for c in "。！？；，!?;") and not text.endswith(("：", ":"))


def lead_of(text: str) -> str | None:
    """The lead candidate of a paragraph (see module rules), or None."""
    sp = spans(text)
    if len(sp) < 2:
        return None
    first = text[: sp[0][1]]
    if not first.endswith("。") or not LEAD_MIN + 1 <= len(first) <= LEAD_MAX + 1:
        return None
    if any(c in _LEAD_FORBIDDEN for c in first) or len(text) - len(first) < len(first):
        return None
    return first


def _heading(b: Block, r: Rule, label: str) -> tuple[list[Block], Edit]:
    """A labelled line → heading (maybe run-in + body) or list_item."""
    rest = b.text[len(label) :].lstrip()
    assert r.level is not None
    sp = spans(rest)
    first = rest[: sp[0][1]] if sp else rest
    line = b.lines[0] if b.lines else None
    fits = len(first) <= HEADING_MAX.get(r.level, 40) and not first.endswith(("；", ";"))
    if not fits:
        nb = replace(b, kind="list_item", label=label, text=rest, lead=None)
        return [nb], Edit(NAME, r.ref, "retag", b.id, b.text, f"[list_item {label}]{rest}", None, line)
    body = rest[len(first) :].strip()
    head = replace(b, kind="heading", level=r.level, label=label, text=first, lead=None, run_in=bool(body))
    if not body:
        return [head], Edit(NAME, r.ref, "retag", b.id, b.text, f"[heading {r.level} {label}]{first}", None, line)
    para = Block(id=f"{b.id}.2", kind="paragraph", text=body, orig=None, lines=b.lines, attrs=dict(b.attrs))
    after = f"[heading {r.level} {label}]{first} | [paragraph {para.id}]{body}"
    return [head, para], Edit(NAME, f"{r.ref}+structure.run_in", "split", b.id, b.text, after, None, line)


def _classify(blocks: tuple[Block, ...]) -> tuple[list[Block], list[Edit]]:
    out: list[Block] = []
    edits: list[Edit] = []
    has_title = any(b.kind == "title" for b in blocks)
    front = True  # before the first salutation / heading / body paragraph
    body_next = False
    seen_heading = seen_salutation = False
    queue = deque(blocks)
    while queue:
        b = queue.popleft()
        line = b.lines[0] if b.lines else None
        if b.kind != "paragraph" or body_next:
            body_next = b.kind == "heading" and b.run_in
            seen_heading = seen_heading or b.kind == "heading"
            seen_salutation = seen_salutation or b.kind == "salutation"
            front = front and b.kind in ("title", "subtitle")
            out.append(b)
            continue
        text = b.text
        sal = whole("salutation", text)
        lab = label_of(text)
        if not out and not has_title and sal is None and lab is None and _title_like(text):
            out.append(replace(b, kind="title", lead=None))
            edits.append(Edit(NAME, "structure.title", "retag", b.id, text, f"[title]{text}", None, line))
            has_title = True
            continue
        if front and has_title and out and out[-1].kind in ("title", "subtitle"):
            sub = whole("subtitle", text)
            if sub is not None and sal is None and lab is None:
                out.append(replace(b, kind="subtitle", lead=None))
                edits.append(Edit(NAME, sub.ref, "retag", b.id, text, f"[subtitle]{text}", None, line))
                continue
        front = False
        if sal is not None:
            seen_salutation = True
            out.append(replace(b, kind="salutation", lead=None))
            edits.append(Edit(NAME, sal.ref, "retag", b.id, text, f"[salutation]{text}", None, line))
            continue
        pre = salutation_prefix(text) if not seen_heading and not seen_salutation else None
        if pre is not None and lab is None:
            rule, head = pre
            body = text[len(head) :].strip()
            out.append(replace(b, kind="salutation", text=head, lead=None))
            # the body is an ordinary paragraph: classify it like any other (idempotence)
            queue.appendleft(Block(id=f"{b.id}.2", kind="paragraph", text=body, lines=b.lines, attrs=dict(b.attrs)))
            after = f"[salutation]{head} | [paragraph {b.id}.2]{body}"
            edits.append(Edit(NAME, f"{rule.ref}+structure.run_in", "split", b.id, text, after, None, line))
            seen_salutation = True
            continue
        if lab is not None:
            new, edit = _heading(b, *lab)
            seen_heading = seen_heading or new[0].kind == "heading"
            out.extend(new)
            edits.append(edit)
            body_next = False  # the body (if any) is already emitted: the next input block is not it
            continue
        out.append(b)
    return out, edits


CLOSING_MAX_LINES = 3


def _closing(blocks: list[Block]) -> tuple[list[Block], list[Edit]]:
    """Signature lines at the very end (issuing body, date) → ``closing``.

    Only the trailing run of at most three whole-line paragraphs, each matching a closing
    pattern; a date or an office name inside the body stays a paragraph.
    """
    out = list(blocks)
    edits: list[Edit] = []
    i = len(out) - 1
    while i >= 0 and len(out) - i <= CLOSING_MAX_LINES:
        b = out[i]
        if b.kind == "closing":
            i -= 1
            continue
        r = whole("closing", b.text) if b.kind == "paragraph" and "." not in b.id else None
        if r is None or i == 0:
            break
        out[i] = replace(b, kind="closing", lead=None)
        line = b.lines[0] if b.lines else None
        edits.append(Edit(NAME, r.ref, "retag", b.id, b.text, f"[closing]{b.text}", None, line))
        i -= 1
    return out, edits


def _leads(blocks: list[Block]) -> tuple[list[Block], list[Edit]]:
    """Set ``lead`` on paragraphs of sections that open paragraphs with parallel leads."""
    sections: list[list[int]] = []
    current: list[int] | None = None
    body_next = False
    for i, b in enumerate(blocks):
        if b.kind == "heading":
            current = []
            sections.append(current)
            body_next = b.run_in
            continue
        if b.kind == "paragraph" and current is not None and not body_next:
            current.append(i)
        body_next = False
    want: dict[int, str | None] = {i: None for i, b in enumerate(blocks) if b.kind == "paragraph"}
    for sec in sections:
        cands = {i: lead_of(blocks[i].text) for i in sec}
        if sum(1 for v in cands.values() if v) >= 2:
            want.update(cands)
    out = list(blocks)
    edits: list[Edit] = []
    for i, lead in want.items():
        b = blocks[i]
        if b.lead != lead:
            out[i] = replace(b, lead=lead)
            line = b.lines[0] if b.lines else None
            after = f"[lead]{lead}" if lead else "[no lead]"
            edits.append(Edit(NAME, "structure.lead", "retag", b.id, b.lead or "", after, 0, line))
    return out, edits


def label_number(label: str) -> int | None:
    """1 for 一、/（一）/1./（1）, 12 for 十二、, 21 for （二十一）; None when not a number.

    Chinese values come from the shared parser (``doctools.numerals.cn_value``);
    only ordinals below a hundred are labels — no report has a hundred sections.
    """
    from doctools.numerals import cn_value

    core = label.strip("、（）().．")
    if core.isdigit():
        return int(core)
    if not core or any(c not in "零〇一二三四五六七八九十" for c in core):
        return None
    return cn_value(core)


def numbering_notices(blocks: list[Block]) -> list[Notice]:
    """Warnings where a heading number does not follow its predecessor of the same level.

    The count restarts under each higher-level heading. A gap or a repeat usually means a
    truncated page, a lost line, or a body line mistaken for a heading: worth a look.
    """
    last: dict[int, int] = {}
    out: list[Notice] = []
    for b in blocks:
        if b.kind != "heading" or b.level is None or b.label is None:
            continue
        for deeper in [lv for lv in last if lv > b.level]:
            del last[deeper]
        n = label_number(b.label)
        if n is None:
            continue
        want = last.get(b.level, 0) + 1
        if n != want:
            line = b.lines[0] if b.lines else None
            out.append(Notice(NAME, "warning", f"heading {b.label} where number {want} was expected", b.id, line))
        last[b.level] = n
    return out


@step(NAME)
def clean_structure(doc: Document) -> Document:
    """Classify blocks; set Metadata.title from the title block."""
    blocks, edits = _classify(doc.blocks)
    blocks, lead_edits = _leads(blocks)
    blocks, closing_edits = _closing(blocks)
    edits += lead_edits + closing_edits
    title = next((b.text for b in blocks if b.kind == "title"), "")
    meta = doc.metadata if doc.metadata.title == title or not title else replace(doc.metadata, title=title)
    found = numbering_notices(blocks)
    if blocks and not title:
        message = "no title line found (the first line reads as body text)"
        found.insert(0, Notice(NAME, "warning", message, blocks[0].id))
    notices = new_notices(doc, found)
    if not edits and meta is doc.metadata and not notices:
        return doc
    return doc.with_changes(blocks=tuple(blocks), edits=tuple(edits), metadata=meta, notices=notices)


__all__ = ["NAME", "clean_structure", "label_of", "lead_of", "rules", "whole"]
