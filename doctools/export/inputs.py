"""Find the documents of a batch: files, directories (recursive) and glob patterns.

Unknown file types inside directories are skipped with a note; a path named directly that
no reader takes is a note too (never a crash). Names in the output folder are the file
stems, made unique in a stable order (``report``, ``report-2``).
"""

from __future__ import annotations

import fnmatch
import glob
from dataclasses import dataclass
from pathlib import Path

from doctools.readers import supported_suffixes


@dataclass(frozen=True)
class InputFile:
    path: Path
    name: str


@dataclass(frozen=True)
class Discovery:
    inputs: tuple[InputFile, ...]
    notes: tuple[str, ...]


def _matches(path: Path, patterns: tuple[str, ...]) -> bool:
    s = path.as_posix()
    return any(fnmatch.fnmatch(s, p) or fnmatch.fnmatch(path.name, p) for p in patterns)


def _stem(path: Path) -> str:
    name = path.name
    for suffix in (path.suffix,):
        if suffix and name.endswith(suffix):
            name = name[: -len(suffix)]
    return name.removesuffix(".raw") or name


def discover(args: list[str], include: tuple[str, ...] = (), exclude: tuple[str, ...] = ()) -> Discovery:
    """Expand the command-line inputs into files doctools can read, in a stable order."""
    suffixes = set(supported_suffixes()) - {""}
    found: list[Path] = []
    notes: list[str] = []
    for arg in args:
        p = Path(arg)
        if p.is_dir():
            files = sorted(x for x in p.rglob("*") if x.is_file() and not x.name.startswith("."))
            taken = [f for f in files if f.suffix.lower() in suffixes]
            for f in files:
                if f.suffix.lower() not in suffixes:
                    notes.append(f"skipped {f}: unsupported type {f.suffix or '(no suffix)'}")
            if not taken:
                notes.append(f"{p}: no input documents in this directory")
            found.extend(taken)
        elif p.exists() or p.is_symlink():
            if p.suffix.lower() in suffixes or not p.suffix:
                found.append(p)
            else:
                notes.append(f"skipped {p}: unsupported type {p.suffix}")
        elif any(ch in arg for ch in "*?["):
            matches = sorted(Path(m) for m in glob.glob(arg, recursive=True))
            files = [m for m in matches if m.is_file()]
            if not files:
                notes.append(f"{arg}: the pattern matches no file")
            for f in files:
                (found if f.suffix.lower() in suffixes else []).append(f)
                if f.suffix.lower() not in suffixes:
                    notes.append(f"skipped {f}: unsupported type {f.suffix}")
        else:
            found.append(p)  # missing: reported as a failed document with a clear message
    if include:
        found = [f for f in found if _matches(f, include)]
    if exclude:
        found = [f for f in found if not _matches(f, exclude)]
    seen_paths: set[Path] = set()
    names: set[str] = set()
    inputs: list[InputFile] = []
    for f in found:
        key = f.resolve() if f.exists() else f
        if key in seen_paths:
            continue
        seen_paths.add(key)
        base = _stem(f)
        name, n = base, 2
        while name in names:
            name, n = f"{base}-{n}", n + 1
        names.add(name)
        inputs.append(InputFile(f, name))
    return Discovery(tuple(inputs), tuple(notes))


__all__ = ["Discovery", "InputFile", "discover"]
