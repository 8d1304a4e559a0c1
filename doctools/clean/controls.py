"""clean.controls: invisible control, bidi and non-characters out of the text, each change an Edit.

Examples::

    "增長\x1b[1m9.3%"       → "增長[1m9.3%"      (ESC: a terminal escape pasted in)
    "報告\x07"              → "報告"             (BEL)
    "A\x0cB" / "A\x85B"     → "A B"              (form feed, NEL: whitespace-like, become a space)
    "合同\u202e文本"        → "合同文本"         (RIGHT-TO-LEFT OVERRIDE: display spoofing)
    "\ufffe" / "\ud800"     → block removed      (non-character / lone surrogate only)
    "\u200f" (RLM)          → removed            (see below)

What is removed (the classes, one home: :data:`doctools.clean._text.INVISIBLE`):

* C0 controls except tab and line feed, DEL, C1 controls — no printable meaning, and the
  DOCX writer cannot store most of them (XML 1.0 forbids them): one such character used
  to lose a whole edition;
* bidi embeddings, overrides and isolates (U+202A–202E, U+2066–2069) — they reorder what
  a reader sees (a "Trojan Source" trick), and the writers lay text out left to right
  anyway; the marks LRM/RLM/ALM (U+200E, U+200F, U+061C) too: doctools sets Chinese,
  where they only ever arrive as copy-paste residue and would break matching — a
  right-to-left passage quoted in a report would lose nothing visible but its direction;
* non-characters (U+FFFE, U+FFFF, U+FDD0–FDEF and the last two of every plane), lone
  surrogates (they cannot be written as UTF-8: a model holding one could not be saved),
  the interlinear-annotation controls U+FFF9–FFFB and the invisible tag characters
  (U+E0001, U+E0020–E007F, used to smuggle hidden text).

Form feed, vertical tab, the C0 separators (U+001C–001F) and NEL become a space (they
separate words), the others vanish; clean.whitespace, which runs next, tidies spaces.
One Edit per changed block, before/after of the whole text (lone surrogates shown as
``\\udxxx`` in ``before`` and in the block's ``orig``, the only way to keep them
printable), and one Notice per document naming what was removed and how often.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import replace

from doctools.clean._text import INVISIBLE, SPACE_LIKE_CONTROLS, new_notices
from doctools.model import Block, Document, Edit, Notice
from doctools.transform import step

NAME = "clean.controls"
_SHOWN = 6  # kinds of character named in the notice


def kind(ch: str) -> str:
    """The rule name for one removed character."""
    cp = ord(ch)
    if cp < 0x20 or cp == 0x7F:
        return "controls.c0"
    if 0x80 <= cp <= 0x9F:
        return "controls.c1"
    if 0xD800 <= cp <= 0xDFFF:
        return "controls.surrogate"
    if 0x202A <= cp <= 0x202E or 0x2066 <= cp <= 0x2069 or ch in "\u200e\u200f\u061c":
        return "controls.bidi"
    if 0xE0000 <= cp <= 0xE007F:
        return "controls.tag"
    if 0xFFF9 <= cp <= 0xFFFB:
        return "controls.annotation"
    return "controls.noncharacter"


def _name(ch: str) -> str:
    cp = ord(ch)
    if 0xD800 <= cp <= 0xDFFF:
        return f"U+{cp:04X} lone surrogate"
    if cp < 0x20 or cp == 0x7F or 0x80 <= cp <= 0x9F:
        abbrev = _C0_NAMES.get(cp)
        return f"U+{cp:04X} {abbrev}" if abbrev else f"U+{cp:04X} control"
    return f"U+{cp:04X} {unicodedata.name(ch, 'non-character')}"


_C0_NAMES = {
    0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0B: "VT", 0x0C: "FF", 0x0D: "CR", 0x1B: "ESC", 0x7F: "DEL", 0x85: "NEL",
}


def printable(text: str) -> str:
    """``text`` with lone surrogates written as ``\\udxxx`` (everything else unchanged)."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def strip(text: str) -> tuple[str, Counter[str]]:
    """The text without invisible characters, and what was removed."""
    found = Counter(m.group() for m in INVISIBLE.finditer(text))
    if not found:
        return text, found
    out = INVISIBLE.sub(lambda m: " " if m.group() in SPACE_LIKE_CONTROLS else "", text)
    return out, found


def _strip_block(b: Block, removed: Counter[str]) -> Block | None:
    """The block with clean text, label and lead (None: nothing left); ``removed`` counts."""
    text, found = strip(b.text)
    label, found_label = strip(b.label) if b.label else (b.label, Counter[str]())
    lead = strip(b.lead)[0] if b.lead is not None else None
    if not found and not found_label:
        return b
    removed.update(found)
    removed.update(found_label)
    if not text.strip() and not (label or "").strip():
        return None
    if lead is not None and not text.startswith(lead):
        lead = None
    orig = printable(b.orig) if b.orig is not None else None
    return replace(b, text=text, label=label or None, lead=lead, orig=orig)


def _notice(removed: Counter[str], blocks: int, first: Block | None) -> Notice:
    total = sum(removed.values())
    kinds = ", ".join(f"{_name(ch)} ×{n}" for ch, n in removed.most_common(_SHOWN))
    more = f" and {len(removed) - _SHOWN} more kinds" if len(removed) > _SHOWN else ""
    where = f"in {blocks} block{'s' if blocks != 1 else ''}"
    line = first.lines[0] if first is not None and first.lines else None
    return Notice(NAME, "warning", f"removed {total} invisible control/bidi characters {where}: {kinds}{more}",
                  first.id if first is not None else None, line)


@step(NAME)
def clean_controls(doc: Document) -> Document:
    """Remove control, bidi and non-characters from every block (and the title metadata)."""
    blocks: list[Block] = []
    edits: list[Edit] = []
    removed: Counter[str] = Counter()
    first: Block | None = None
    touched = 0
    for b in doc.blocks:
        nb = _strip_block(b, removed)
        if nb is b:
            blocks.append(b)
            continue
        touched += 1
        first = first or b
        line = b.lines[0] if b.lines else None
        before = printable(b.full_text)
        rules = "+".join(sorted({kind(c) for c in INVISIBLE.findall(b.full_text)}))
        if nb is None:
            edits.append(Edit(NAME, rules, "remove", b.id, before, "", None, line))
            continue
        edits.append(Edit(NAME, rules, "replace", b.id, before, nb.full_text, None, line))
        blocks.append(nb)
    meta = doc.metadata
    fields = {"title": meta.title, **{f"extra.{k}": v for k, v in meta.extra.items()}}
    for key, value in fields.items():
        clean_value, found = strip(value)
        if found:
            removed.update(found)
            rules = "+".join(sorted({kind(c) for c in found}))
            edits.append(Edit(NAME, f"{rules}:metadata.{key}", "replace", None, printable(value), clean_value))
            if key == "title":
                meta = replace(meta, title=clean_value)
            else:
                meta = replace(meta, extra={**meta.extra, key.removeprefix("extra."): clean_value})
    if not edits:
        return doc
    notices = new_notices(doc, [_notice(removed, touched, first)])
    return doc.with_changes(blocks=tuple(blocks), edits=tuple(edits), notices=notices, metadata=meta)


__all__ = ["NAME", "clean_controls", "kind", "printable", "strip"]
