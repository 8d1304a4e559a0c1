"""Editions in another script: the mainland Simplified edition (and TW/HK Traditional ones).

The documents doctools gets are mainland texts that a converter pushed into Traditional
characters *and* Taiwan vocabulary (最佳化, 網際網路, 套用, 捷運, 民眾…). Character
conversion alone (OpenCC ``t2s``) leaves every Taiwan word; reversing Taiwan vocabulary
wholesale (OpenCC ``tw2sp``) breaks correct words (指标→指针, 核心→内核). doctools chains
OpenCC ``t2s`` for characters with its own phrase layer on the Simplified result: reviewed
plain-text tables (``data/convert/*.tsv``), longest match with context and exceptions, a
guard list of words never changed, document rules that settle a word the rest of the
document shows in one sense (资料→数据 in a document about data, :mod:`.discourse`), and
ambiguous spots reported instead of guessed.
Simplified input that still carries Taiwan/Hong Kong vocabulary (a ``t2s``-only conversion)
gets the phrase layer alone; mainland Simplified input passes through unchanged
(:mod:`.simplified`, which converts a whole Document in one pass).

Public API::

    to_simplified(doc, *, terms=None) -> Document   # edition "zh-Hans"
    to_traditional(doc, region="TW" | "HK") -> Document
    detect(text) -> (script, variant, signals)
    load_terms(paths) -> rules for ``terms=`` (also used by the export command)
    ZH_HANS, ZH_HANT_TW, ZH_HANT_HK: named steps for a transform Chain
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from doctools.model import Document
from doctools.transform import NamedStep

from .detect import detect
from .edition import STEP_HANS, convert_text, to_traditional
from .phrases import Hit, PhraseTable, Rule
from .simplified import to_simplified
from .terms import load_terms, phrase_table


def simplified_step(terms: Sequence[Rule] | Sequence[str | Path] | None = None) -> NamedStep:
    """A Chain step making the Simplified edition with the given user terms."""
    def run(doc: Document) -> Document:
        return to_simplified(doc, terms=terms)

    return NamedStep(STEP_HANS, run)


ZH_HANS = NamedStep(STEP_HANS, to_simplified)
ZH_HANT_TW = NamedStep("convert.zh_hant_tw", lambda doc: to_traditional(doc, "TW"))
ZH_HANT_HK = NamedStep("convert.zh_hant_hk", lambda doc: to_traditional(doc, "HK"))

__all__ = [
    "ZH_HANS",
    "ZH_HANT_HK",
    "ZH_HANT_TW",
    "Hit",
    "PhraseTable",
    "Rule",
    "convert_text",
    "detect",
    "load_terms",
    "phrase_table",
    "simplified_step",
    "to_simplified",
    "to_traditional",
]
