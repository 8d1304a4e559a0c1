"""Offline zh→en translation: argos packages driven directly, with glossary, memory and QA.

Public API (cheap to import; CTranslate2/SentencePiece load inside ``load_translator``)::

    from doctools.translate import load_translator, translate_document
    tr = load_translator("zh", "en")                 # once per worker
    english, qa = translate_document(doc, translator=tr)
    qa.severe, qa.to_markdown(), qa.to_dict()

    from doctools.translate.numbers import render_en, parse   # deterministic numbers
"""

from __future__ import annotations

from doctools.translate.document import translate_document, translate_text
from doctools.translate.engine import Translator, load_translator
from doctools.translate.glossary import Glossary, load_glossary
from doctools.translate.qa import QAReport

__all__ = [
    "Glossary",
    "QAReport",
    "Translator",
    "load_glossary",
    "load_translator",
    "translate_document",
    "translate_text",
]
