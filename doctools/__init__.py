"""doctools: messy Chinese source documents → clean, printable, translated editions.

The small Python API mirrors the CLI::

    import doctools
    doc = doctools.load("report.txt")       # read: any common encoding → raw Document
    doc = doctools.clean(doc)               # the cleaner chain (chrome, duplicates, …)
    doctools.save(doc, "report.json")       # .json / .txt / .md / .docx / .pdf by suffix

Every function raises :class:`doctools.errors.DoctoolsError` subclasses with a one-line,
user-facing message; nothing here prints.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from doctools.errors import DoctoolsError
from doctools.model import Block, Document, Edit, Metadata, Notice

__version__ = "0.1.0"

# A library does not print: its log records reach a handler only if the application sets one
# up. The CLI and the export report notices (missing glyphs, …) themselves.
logging.getLogger("doctools").addHandler(logging.NullHandler())


def load(path: str | Path) -> Document:
    """Read one input file (or a saved ``.json`` model) into a Document."""
    from doctools.pipeline import load as _load

    return _load(path)


def clean(doc: Document) -> Document:
    """Run the cleaner chain; idempotent."""
    from doctools.clean import clean as _clean

    return _clean(doc)


def save(doc: Document, path: str | Path, **options: Any) -> Path:
    """Write ``doc`` in the format named by the suffix of ``path``, atomically."""
    from doctools.writers import write

    return write(doc, path, **options)


__all__ = [
    "Block",
    "DoctoolsError",
    "Document",
    "Edit",
    "Metadata",
    "Notice",
    "__version__",
    "clean",
    "load",
    "save",
]
