"""The lossless property of the cleaner, as a checkable function.

Every character of every input line that the cleaner did not remove as chrome or as a
duplicate must still be in the cleaned model, in order — modulo whitespace and the
punctuation width change. Both sides are compared through :func:`fold` (NFKC + no
whitespace), which is exactly that equivalence.
"""

from __future__ import annotations

from doctools.clean._text import fold
from doctools.model import Document

REMOVING_STEPS = ("clean.chrome", "clean.duplicates")


def expected_text(raw: Document, cleaned: Document) -> str:
    """Folded text of the raw lines the cleaner kept (by source line number)."""
    removed = {
        e.line for e in cleaned.edits if e.step in REMOVING_STEPS and e.action == "remove" and e.line is not None
    }
    return "".join(fold(b.text) for b in raw.blocks if not (b.lines and b.lines[0] in removed))


def actual_text(cleaned: Document) -> str:
    return "".join(fold(b.full_text) for b in cleaned.blocks)


def check(raw: Document, cleaned: Document) -> str | None:
    """None when lossless; else a one-line description of the first difference."""
    exp, act = expected_text(raw, cleaned), actual_text(cleaned)
    if exp == act:
        return None
    i = next((k for k, (a, b) in enumerate(zip(exp, act, strict=False)) if a != b), min(len(exp), len(act)))
    return f"text differs at folded offset {i}: expected {exp[i:i + 20]!r}, got {act[i:i + 20]!r}"


__all__ = ["actual_text", "check", "expected_text"]
