"""One document: read → transform chain → (editions). I/O at the edges only."""

from __future__ import annotations

from pathlib import Path

from doctools.errors import InputError
from doctools.model import Document
from doctools.readers import read_bytes, read_path
from doctools.serialize import from_json


def load(path: str | Path) -> Document:
    """A raw Document from an input file, or a saved model from ``*.json``."""
    p = Path(path)
    if p.suffix.lower() == ".json":
        data = read_bytes(p)
        try:
            return from_json(data.decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            raise InputError(f"{p}: model JSON is not UTF-8") from exc
        except InputError as exc:
            raise InputError(f"{p}: {exc}") from exc
    return read_path(p)


def load_clean(path: str | Path) -> Document:
    """Load and clean (a saved model is cleaned again, which changes nothing: idempotent)."""
    from doctools.clean import clean

    return clean(load(path))


__all__ = ["load", "load_clean"]
