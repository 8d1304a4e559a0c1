"""The summary brief: a one-to-two-page digest of an official document, every item from the source.

Public API (the pipeline and ``doctools brief`` use it)::

    from doctools.brief import make_brief
    brief = make_brief(doc_simplified)      # kind, extraction, the one faithfulness check
    brief.kind, brief.withheld              # what it was read as; what the check left out

    from doctools.writers.brief import brief_files, write_brief   # its files, like any writer's
    files = brief_files(brief, stem, langs=("zh-Hans", "en"), formats=("json", "md", "pdf", "docx"),
                        translator=None)     # {file name: bytes}
    paths = write_brief(brief, out_dir, stem, langs, formats, translator=None)   # all or none

``doc`` is already the Simplified edition (the pipeline makes it); the brief package never
converts. English: ``doctools.brief.english.english(brief, translator=…)`` — the caller
passes its loaded translator (or None: free sentences stay untranslated, and the result
says why).

Modules: kinds (which kind of document), extract (dispatch, fallback), report / bulletin /
policy (one reader per kind), figures, check (findings), withhold (leave out, don't
refuse), english, tables (the brief's data tables), model. The layouts (PDF, DOCX,
Markdown, chart) are writers: ``doctools.writers.brief_pdf`` / ``brief_docx`` / ``brief_md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from doctools.brief.model import Brief
    from doctools.model import Document


def make_brief(doc: Document, **options: Any) -> Brief:
    """The faithful brief of a Simplified document.

    Items the faithfulness check cannot confirm are left out and listed in
    ``Brief.withheld``; FaithfulnessError only when nothing faithful of substance remains;
    InputError when the document is not Chinese or has nothing a brief could say.
    """
    from doctools.brief.extract import make_brief as _make
    from doctools.brief.withhold import withhold

    return withhold(_make(doc, **options), doc)


__all__ = ["make_brief"]
