"""Readers: bytes of one input file → a raw :class:`~doctools.model.Document`.

A reader is a module with ``NAME``, ``SUFFIXES`` and ``read(data, *, source) -> Document``;
adding a format is one module plus one line in ``_READER_MODULES``. Readers never clean:
cleaning is the first part of the transform chain.
"""

from __future__ import annotations

import importlib
import os
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


def _limit_text(limit: int) -> str:
    return f"{limit / 2**20:g} MB" if limit >= 2**20 else f"{limit:,} bytes"


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """File bytes, or InputError with a one-line reason naming the file.

    Only a regular file is opened (checked before any read: a FIFO or device would block
    or never end), and never more than ``limit`` bytes are read, whatever the size the file
    claims (a file can grow while it is read, and /proc files claim 0).
    """
    try:
        if path.is_dir():
            raise InputError(f"{path}: is a directory, not a file")
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{path}: not a regular file ({_kind(st.st_mode)})")
        if st.st_size > limit:
            raise InputError(f"{path}: {st.st_size / 2**20:.1f} MB is over the {_limit_text(limit)} limit per document"
                             " (--max-mb to raise it)")
        with open(path, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):  # swapped for a FIFO after the check
                raise InputError(f"{path}: not a regular file")
            data = fh.read(limit + 1)
        if len(data) > limit:
            raise InputError(f"{path}: over the {_limit_text(limit)} limit per document (--max-mb to raise it)")
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except PermissionError as exc:
        raise InputError(f"{path}: permission denied") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{path}: is a directory, not a file") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    return data


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def read_data(data: bytes, path: Path | str) -> Document:
    """Parse the bytes of an input file; the reader is chosen by ``path``'s suffix.

    Raises InputError when no reader takes the suffix, or the data is empty, whitespace
    only, binary or undecodable.
    """
    p = Path(path)
    reader = reader_for(p)
    if reader is None:
        raise InputError(f"{p}: unsupported file type {p.suffix!r}")
    if not data:
        raise InputError(f"{p}: empty file")
    doc: Document = reader.read(data, source=str(p))
    if not doc.blocks:
        raise InputError(f"{p}: no text (whitespace only)")
    return doc


def read_path(path: Path | str, limit: int = MAX_BYTES) -> Document:
    """Read one input file into a raw Document (see :func:`read_bytes`, :func:`read_data`)."""
    p = Path(path)
    if reader_for(p) is None:
        raise InputError(f"{p}: unsupported file type {p.suffix!r}")
    return read_data(read_bytes(p, limit), p)


__all__ = ["MAX_BYTES", "read_bytes", "read_data", "read_path", "reader_for", "register", "supported_suffixes"]
