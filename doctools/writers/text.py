"""Text projections of a Document: JSON model, plain text, Markdown."""

from __future__ import annotations

from doctools.model import Document, plain_text
from doctools.serialize import to_json

_MD_MARK = {1: "##", 2: "###", 3: "####", 4: "#####"}


def to_markdown(doc: Document) -> str:
    """Markdown: the title as ``#``, headings one level down, run-in leads in bold."""
    out: list[str] = []
    for b in doc.blocks:
        if b.kind == "title":
            out.append(f"# {b.text}")
        elif b.kind == "heading":
            out.append(f"{_MD_MARK.get(b.level or 1, '######')} {b.full_text}")
        elif b.kind == "list_item":
            out.append(f"- {b.text}")
        elif b.lead:
            out.append(f"**{b.lead}**{b.text[len(b.lead):]}")
        else:
            out.append(b.full_text)
    return "\n\n".join(out) + "\n"


def to_text(doc: Document) -> str:
    return plain_text(doc) + "\n"


RENDERERS = {".json": to_json, ".txt": to_text, ".md": to_markdown}

__all__ = ["RENDERERS", "to_markdown", "to_text"]
