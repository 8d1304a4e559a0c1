"""The cleaner: the first steps of the transform chain, raw reader output → clean model.

``CLEAN_CHAIN`` (in order; every step is pure and records its Edits/Notices)::

    clean.whitespace   indentation, NBSP, zero-width characters, blank lines
    clean.chrome       site furniture lines (data/clean/chrome.tsv)
    clean.duplicates   repeated paragraphs / runs kept once; near-duplicates reported
    clean.punctuation  half-width , : ; ! ? ( ) → full width in Chinese text
    clean.structure    title, subtitle, salutation, headings, run-in headings, leads
    clean.script       Metadata.script / language (OpenCC character test)

Usage::

    from doctools.pipeline import load
    from doctools.clean import clean, CLEAN_CHAIN
    doc = clean(load("report.txt"))
    doc = CLEAN_CHAIN.without(["clean.duplicates"])(load("report.txt"))

Cleaning is idempotent: ``clean(clean(d)) == clean(d)``.
"""

from __future__ import annotations

from doctools.clean.chrome import clean_chrome
from doctools.clean.duplicates import clean_duplicates
from doctools.clean.punctuation import clean_punctuation
from doctools.clean.script import clean_script
from doctools.clean.structure import clean_structure
from doctools.clean.whitespace import clean_whitespace
from doctools.model import Document
from doctools.transform import Chain

CLEAN_CHAIN = Chain(
    (clean_whitespace, clean_chrome, clean_duplicates, clean_punctuation, clean_structure, clean_script)
)


def clean(doc: Document) -> Document:
    """Run the whole cleaning chain on ``doc`` (a raw reader Document or a cleaned one)."""
    return CLEAN_CHAIN(doc)


__all__ = ["CLEAN_CHAIN", "clean"]
