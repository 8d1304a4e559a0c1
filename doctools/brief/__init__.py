"""The summary brief: a one-to-two-page digest of a work report, every item from the source.

Public API (used by ``doctools brief`` and the export pipeline)::

    from doctools.brief import make_brief, write_brief
    brief = make_brief(doc_simplified)          # extract + faithfulness check
    paths = write_brief(brief, out_dir, stem, langs=("zh-Hans", "en"),
                        formats=("json", "md", "pdf", "docx"))

Modules: model (dataclasses, JSON), extract/figures (structure-based extraction), check
(faithfulness), english (deterministic English + engine), chart, layout_pdf/layout_docx/
layout_md (projections of one View), write (files).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from doctools.brief.model import Brief
    from doctools.model import Document


def make_brief(doc: Document, **options: Any) -> Brief:
    """The checked brief of a Simplified document (FaithfulnessError when it is not faithful).

    A document that is not yet the Simplified edition is converted first when the converter
    exists (see ``write.prepare``).
    """
    from doctools.brief.check import check
    from doctools.brief.extract import make_brief as _make
    from doctools.brief.write import prepare

    source = prepare(doc)
    brief = _make(source, **options)
    check(brief, source)
    return brief


def write_brief(brief: Brief, out_dir: Any, stem: str, langs: Any = ("zh-Hans", "en"),
                formats: Any = ("json", "md", "pdf", "docx"), **options: Any) -> list[Any]:
    """Write the brief's files atomically; see ``doctools.brief.write.write_brief``."""
    from doctools.brief.write import write_brief as _write

    return _write(brief, out_dir, stem, langs, formats, **options)


__all__ = ["make_brief", "write_brief"]
