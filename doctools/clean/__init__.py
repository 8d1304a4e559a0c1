"""The cleaner: the first steps of the transform chain, raw reader output → clean model.

``CLEAN_CHAIN`` (in order; every step is pure and records its Edits/Notices)::

    clean.controls     control, bidi and non-characters (ESC, BEL, U+202E, U+FFFE, lone surrogates)
    clean.whitespace   indentation, NBSP, zero-width characters, blank lines
    clean.chrome       site furniture lines (data/clean/chrome.tsv)
    clean.duplicates   repeated paragraphs / runs kept once; near-duplicates reported
    clean.punctuation  half-width , : ; ! ? ( ) → full width in Chinese text
    clean.structure    title, subtitle, salutation, headings, run-in headings, leads
    clean.truncation   a source cut short: Metadata.extra["source.truncated"] + a Notice
    clean.script       Metadata.script / language (OpenCC character test)

Usage::

    from doctools.pipeline import load
    from doctools.clean import clean, CLEAN_CHAIN
    doc = clean(load("report.txt"))
    doc = CLEAN_CHAIN.without(["clean.duplicates"])(load("report.txt"))

``CLEAN_CHAIN(doc)`` is one pass; :func:`clean` repeats it to a fixpoint, so cleaning is
idempotent: ``clean(clean(d)) == clean(d)``.
"""

from __future__ import annotations

import gc
import sys
import types
from typing import cast

from doctools.clean.chrome import clean_chrome
from doctools.clean.controls import clean_controls
from doctools.clean.duplicates import clean_duplicates
from doctools.clean.punctuation import clean_punctuation
from doctools.clean.script import clean_script
from doctools.clean.structure import clean_structure
from doctools.clean.truncation import clean_truncation
from doctools.clean.whitespace import clean_whitespace
from doctools.model import Document
from doctools.transform import Chain, Step

# cast: NamedStep is a frozen dataclass, which mypy will not match to Step's plain `name`
CLEAN_CHAIN = Chain(
    cast(
        "tuple[Step, ...]",
        (
            clean_controls,
            clean_whitespace,
            clean_chrome,
            clean_duplicates,
            clean_punctuation,
            clean_structure,
            clean_truncation,
            clean_script,
        ),
    )
)


MAX_PASSES = 4


def clean(doc: Document, chain: Chain = CLEAN_CHAIN) -> Document:
    """Run the cleaning chain on ``doc`` until nothing changes (usually one or two passes).

    Why a fixpoint: one step can expose work for an earlier one — removing a duplicated
    paragraph can leave a copyright line at the bottom edge, where clean.chrome may take
    it. Iterating makes ``clean(clean(d)) == clean(d)`` hold by construction; every pass
    appends its own Edits, so the audit trail stays in order.

    The garbage collector is off meanwhile: a long document makes hundreds of thousands
    of Blocks and Edits, all acyclic, which collections would only rescan (~20 % of the time).
    """
    gc_was_on = gc.isenabled()
    gc.disable()
    try:
        return _fixpoint(doc, chain)
    finally:
        if gc_was_on:
            gc.enable()


def _fixpoint(doc: Document, chain: Chain) -> Document:
    for _ in range(MAX_PASSES):
        out = chain(doc)
        if (
            out.blocks == doc.blocks
            and out.metadata == doc.metadata
            and len(out.edits) == len(doc.edits)
            and len(out.notices) == len(doc.notices)
        ):
            return out
        doc = out
    return doc


__all__ = ["CLEAN_CHAIN", "MAX_PASSES", "clean"]


class _CallableModule(types.ModuleType):
    """``doctools.clean`` is both this package and the API function ``doctools.clean(doc)``:
    once the package is imported it takes the function's place on ``doctools``, so calling
    the package must clean too (otherwise the API works only until the first import)."""

    def __call__(self, doc: Document, chain: Chain = CLEAN_CHAIN) -> Document:
        return clean(doc, chain)


sys.modules[__name__].__class__ = _CallableModule
