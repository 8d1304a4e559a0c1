"""Writers: a Document → a file, chosen by the output's suffix, always written atomically.

Text projections (``.json``, ``.txt``, ``.md``) live in :mod:`doctools.writers.text`;
``.docx`` and ``.pdf`` in their own modules, imported only when used (reportlab and
python-docx are heavy). Adding a format is one module plus one line in ``_BINARY``.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from doctools.errors import ConfigError
from doctools.model import Document, Notice
from doctools.writers._atomic import write_text
from doctools.writers.text import RENDERERS

# suffix → module with ``write(doc, path, **options)``
_BINARY: dict[str, str] = {".docx": "docx", ".pdf": "pdf"}


def formats() -> tuple[str, ...]:
    return tuple(s.lstrip(".") for s in (*RENDERERS, *_BINARY))


def write(doc: Document, path: Path | str, **options: Any) -> Path:
    """Write ``doc`` to ``path`` in the format its suffix names; returns the path."""
    return write_with_notices(doc, path, **options)[0]


def write_with_notices(doc: Document, path: Path | str, **options: Any) -> tuple[Path, tuple[Notice, ...]]:
    """As :func:`write`, also returning what the writer warns about (characters no font has)."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in RENDERERS:
        write_text(p, RENDERERS[suffix](doc))
        return p, ()
    if suffix in _BINARY:
        module = importlib.import_module(f"doctools.writers.{_BINARY[suffix]}")
        result = module.write(doc, p, **options)
        return p, tuple(getattr(result, "notices", ()) or ())
    raise ConfigError(f"{p}: unknown output format {suffix or '(none)'}; use one of {', '.join(formats())}")


__all__ = ["formats", "write", "write_with_notices"]
