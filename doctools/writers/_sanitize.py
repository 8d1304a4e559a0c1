"""Characters a DOCX or PDF cannot carry, removed before writing and reported as a notice.

Why here as well as in the cleaner: a writer may be fed a model JSON directly
(``doctools render model.json``), and one ESC, BEL, U+FFFE or lone surrogate makes
python-docx/lxml raise ("All strings must be XML compatible"), losing the whole edition.
Bidi embedding, override and isolate controls (U+202A–202E, U+2066–2069) and the
direction marks (U+200E, U+200F, U+061C) have no business in Chinese or English prose and
can silently reorder what a reader sees, so they go too. Removed:

    C0/C1 controls except tab and newline (CR becomes a newline), DEL;
    lone surrogates; noncharacters (U+FDD0–FDEF, U+xFFFE/xFFFF);
    bidi controls as above.

The writers call :func:`sanitize` first; each returns the notice with the rest of its
notices (never an internal error).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import replace

from doctools.model import Document, Notice

_BIDI = frozenset([*map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A)), "\u200e", "\u200f", "\u061c"])


def unsafe(ch: str) -> bool:
    """Whether ``ch`` is dropped (see the module docstring)."""
    cp = ord(ch)
    if ch in "\t\n":
        return False
    if ch in _BIDI or 0xD800 <= cp <= 0xDFFF or 0xFDD0 <= cp <= 0xFDEF or (cp & 0xFFFE) == 0xFFFE:
        return True
    return unicodedata.category(ch) == "Cc"


def clean_text(text: str, counts: Counter[str] | None = None) -> str:
    """``text`` without unsafe characters (a CR becomes a newline); ``counts`` tallies them."""
    if text.isprintable() and not any(ch in _BIDI for ch in text):
        return text  # the common case: nothing to do, no per-character loop
    out = []
    for ch in text.replace("\r\n", "\n").replace("\r", "\n"):
        if unsafe(ch):
            if counts is not None:
                counts[ch] += 1
        else:
            out.append(ch)
    return "".join(out)


def _label(ch: str) -> str:
    name = unicodedata.name(ch, "")
    if not name:
        name = {0x1B: "ESCAPE", 0x07: "BELL", 0x00: "NULL", 0x7F: "DELETE"}.get(ord(ch), "control")
    return f"U+{ord(ch):04X} {name}"


def sanitize(doc: Document, step: str) -> tuple[Document, list[Notice]]:
    """``doc`` with every unsafe character removed, and a warning saying what went where."""
    counts: Counter[str] = Counter()
    where: list[str] = []
    blocks = []
    changed = False
    for b in doc.blocks:
        before = sum(counts.values())
        text = clean_text(b.text, counts)
        label = clean_text(b.label, counts) if b.label else b.label
        lead = clean_text(b.lead, counts) if b.lead else b.lead
        if lead is not None and not text.startswith(lead):
            lead = None
        if sum(counts.values()) != before:
            changed = True
            where.append(b.id)
            b = replace(b, text=text, label=label, lead=lead or None)
        blocks.append(b)
    meta = doc.metadata
    title = clean_text(meta.title, counts) if meta.title else meta.title
    extra = {k: clean_text(v, counts) for k, v in meta.extra.items()}
    if not counts:
        return doc, []
    if title != meta.title or extra != meta.extra:
        meta = replace(meta, title=title, extra=extra)
    listed = ", ".join(f"{_label(ch)} ×{n}" for ch, n in sorted(counts.items()))
    places = f" in block(s) {', '.join(where[:5])}{' …' if len(where) > 5 else ''}" if where else " in the metadata"
    notice = Notice(step=step, level="warning", block_id=where[0] if where else None,
                    message=f"removed {sum(counts.values())} character(s) a {step.rsplit('.', 1)[-1].upper()} "
                            f"cannot carry (control, noncharacter or bidi override){places}: {listed}")
    new = replace(doc, blocks=tuple(blocks) if changed else doc.blocks, metadata=meta)
    return new, [notice]


__all__ = ["clean_text", "sanitize", "unsafe"]
