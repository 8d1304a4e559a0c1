"""Readers: bytes of one input file → a raw :class:`~doctools.model.Document`.

A reader is a module with ``NAME``, ``SUFFIXES`` and ``read(data, *, source) -> Document``;
adding a format is one module plus one line in ``_READER_MODULES``. Readers never clean:
cleaning is the first part of the transform chain.
"""

from __future__ import annotations

import importlib
import stat
from pathlib import Path
from types import ModuleType

from doctools.errors import InputError
from doctools.model import Document

# suffix → module name under doctools.readers (imported lazily: html/docx pull libraries)
_READER_MODULES: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    "": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".docm": "docx",
    ".md": "md",
    ".markdown": "md",
    ".pdf": "pdf",
    ".doc": "office",
    ".dot": "office",
    ".wps": "office",
    ".wpt": "office",
    ".rtf": "office",
    ".odt": "office",
    ".mht": "mht",
    ".mhtml": "mht",
}

MAX_BYTES = 512 * 1024 * 1024


def register(suffix: str, module: str) -> None:
    """Add a reader module for a file suffix (lower-case, with the dot)."""
    _READER_MODULES[suffix.lower()] = module


def supported_suffixes() -> tuple[str, ...]:
    return tuple(s for s in _READER_MODULES if s)


def reader_for(path: Path) -> ModuleType | None:
    """The reader module for ``path`` by suffix; None when no reader takes it."""
    name = _READER_MODULES.get(path.suffix.lower())
    return importlib.import_module(f"doctools.readers.{name}") if name else None


def read_bytes(path: Path) -> bytes:
    """File bytes, or InputError with a one-line reason naming the file."""
    try:
        if path.is_dir():
            raise InputError(f"{path}: is a directory, not a file")
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):  # a FIFO or device would block or never end
            raise InputError(f"{path}: not a regular file")
        size = st.st_size
        if size > MAX_BYTES:
            raise InputError(f"{path}: {size // 2**20} MB is larger than the {MAX_BYTES // 2**20} MB limit")
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except PermissionError as exc:
        raise InputError(f"{path}: permission denied") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{path}: is a directory, not a file") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    return data


def read_path(path: Path | str) -> Document:
    """Read one input file into a raw Document.

    Raises InputError when the file is missing, unreadable, of an unknown type, empty,
    whitespace only, binary or undecodable.
    """
    p = Path(path)
    reader = reader_for(p)
    if reader is None:
        raise InputError(f"{p}: unsupported file type {p.suffix!r}")
    data = read_bytes(p)
    if not data:
        raise InputError(f"{p}: empty file")
    doc: Document = reader.read(data, source=str(p))
    if not doc.blocks:
        raise InputError(f"{p}: no text (whitespace only)")
    return doc


__all__ = ["read_bytes", "read_path", "reader_for", "register", "supported_suffixes"]
