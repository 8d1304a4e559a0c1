"""clean.whitespace: indentation, NBSP, zero-width characters, blank lines, trailing spaces.

Examples::

    "  現在,我代表"        → "現在,我代表"       (ASCII indentation)
    "\u3000\u3000各位代表:" → "各位代表:"         (full-width indentation)
    "增長\u00a08%"          → "增長 8%"           (NBSP → space)
    "海\u200b珠區"          → "海珠區"            (zero-width space, joiner, BOM removed)
    "5G  基站\t建設"       → "5G 基站 建設"      (runs of inner spaces/tabs → one space)
    "\u200b"               → block removed       (nothing left: a stray blank line)

One Edit per changed block (before/after of the whole text) keeps the edit list readable;
the ideographic space *inside* a line is kept (it can be deliberate, e.g. in names).
"""

from __future__ import annotations

import re
from dataclasses import replace

from doctools.model import Block, Document, Edit
from doctools.transform import step

NAME = "clean.whitespace"

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e]")
_NBSP = re.compile("[\u00a0\u2007\u202f\u2000-\u2006\u2008-\u200a]")
_INNER = re.compile("[ \t]{2,}|\t")
_EDGE = " \t\u3000\r\n\u2028\u2029\x0b\x0c\x85"


def normalise(text: str) -> tuple[str, list[str]]:
    """The cleaned text and the names of the rules that changed something."""
    rules: list[str] = []
    out = _ZERO_WIDTH.sub("", text)
    if out != text:
        rules.append("whitespace.zero_width")
    t = _NBSP.sub(" ", out)
    if t != out:
        rules.append("whitespace.nbsp")
    out = t
    t = out.strip(_EDGE)
    if len(out) - len(out.lstrip(_EDGE)) and t:
        rules.append("whitespace.indent")
    if len(out) - len(out.rstrip(_EDGE)) and t:
        rules.append("whitespace.trailing")
    out = t
    t = _INNER.sub(" ", out)
    if t != out:
        rules.append("whitespace.inner")
    out = t
    if not out:
        rules = ["whitespace.blank"]
    return out, rules


@step(NAME)
def clean_whitespace(doc: Document) -> Document:
    """Normalise whitespace in every block; drop blocks left empty."""
    blocks: list[Block] = []
    edits: list[Edit] = []
    changed = False
    for b in doc.blocks:
        text, rules = normalise(b.text)
        line = b.lines[0] if b.lines else None
        if text == b.text:
            blocks.append(b)
            continue
        changed = True
        if not text:
            edits.append(Edit(NAME, "whitespace.blank", "remove", b.id, b.text, "", None, line))
            continue
        lead = b.lead if b.lead is not None and text.startswith(b.lead) else None
        blocks.append(replace(b, text=text, lead=lead))
        edits.append(Edit(NAME, "+".join(rules), "replace", b.id, b.text, text, None, line))
    if not changed:
        return doc
    return doc.with_changes(blocks=tuple(blocks), edits=tuple(edits))


__all__ = ["NAME", "clean_whitespace", "normalise"]
