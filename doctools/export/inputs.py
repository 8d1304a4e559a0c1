"""Find the documents of a batch: files, directories (recursive) and glob patterns.

Unknown file types inside directories are skipped with a note; so are special files (FIFOs,
devices, sockets), dangling links, symlinked directories (never followed: no loops) and
doctools' own output folders — the batch's output folder and any folder holding a doctools
``manifest.json`` — so a run never reads its own outputs, even when the output folder is
the input folder. A path named directly that no reader takes is a note too (never a crash).

Names in the output folder are the file stems, made safe (no separators, no leading dots,
no control characters, never ``.``/``..``, bounded length) and unique in a stable order
(``report``, ``report-2``): a name can never lead out of the output folder.
"""

from __future__ import annotations

import fnmatch
import glob
import json
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from doctools.readers import supported_suffixes

MAX_NAME_BYTES = 180  # UTF-8 bytes of a document name: its longest file and temp name stay under 255
RESERVED = {"manifest.json"}  # names of the output folder's own files


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


_UNSAFE = re.compile(r"[\\/:*?\"<>|]+")


def safe_name(stem: str) -> str:
    """A document name that is one plain path component, whatever the file was called: NFC,
    no separators, control characters or leading dots, at most MAX_NAME_BYTES bytes."""
    text = unicodedata.normalize("NFC", stem)
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else "_" for ch in text)
    text = _UNSAFE.sub("_", text).strip().lstrip(".").strip()
    while len(text.encode("utf-8")) > MAX_NAME_BYTES:
        text = text[:-1]
    text = text.rstrip(". ")
    if text.casefold() in RESERVED:
        text += "_"
    return text or "document"


def _key(name: str) -> str:
    """How file systems compare names: case-insensitive ones (macOS, Windows, SMB) and
    normalising ones (macOS) must not see two documents as one folder."""
    return unicodedata.normalize("NFC", name).casefold()


def stem_of(path: Path) -> str:
    """A document's name before it is made safe: the file name without its suffix and a
    trailing ``.raw`` or ``.model`` (``report.raw.txt`` → report, ``report.model.json`` →
    report, ``my.report.v2.txt`` → my.report.v2)."""
    name = path.name
    if path.suffix and name.endswith(path.suffix):
        name = name[: -len(path.suffix)]
    return name.removesuffix(".raw").removesuffix(".model") or name


def _is_manifest(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
        return b'"manifest_version"' in head and b'"documents"' in head
    except OSError:
        return False


def _previous(out_dir: Path | None) -> tuple[dict[str, str], set[Path]]:
    """From the output folder's manifest: document name → the input it was made from, and
    every output file it lists (resolved), so neither is mistaken for a new input."""
    if out_dir is None:
        return {}, set()
    try:
        data = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
        docs = [d for d in data.get("documents", []) + data.get("earlier_documents", []) if isinstance(d, dict)]
    except (OSError, ValueError, TypeError, AttributeError):
        return {}, set()
    names: dict[str, str] = {}
    outputs: set[Path] = set()
    root = out_dir.resolve()
    for d in docs:
        if isinstance(d.get("name"), str) and isinstance(d.get("input"), str):
            names[d["name"]] = _resolved(Path(d["input"]))
        for o in d.get("outputs", []) if isinstance(d.get("outputs"), list) else []:
            if isinstance(o, dict) and isinstance(o.get("path"), str):
                outputs.add((root / o["path"]).resolve())
    return names, outputs


def _resolved(path: Path) -> str:
    try:
        return str(path.resolve())
    except OSError:
        return str(path)


class _Walker:
    def __init__(self, out_dir: Path | None, suffixes: set[str], notes: list[str], outputs: set[Path],
                 folders: set[str]) -> None:
        self.out = out_dir.resolve() if out_dir is not None else None
        self.suffixes = suffixes
        self.notes = notes
        self.outputs = outputs  # files an earlier run of this output folder wrote
        self.folders = folders  # its document folders

    def walk(self, root: Path) -> list[Path]:
        found: list[Path] = []
        self._dir(root, root, found)
        return sorted(found)

    def _dir(self, root: Path, folder: Path, found: list[Path]) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            self.notes.append(f"skipped {folder}: cannot list ({exc.strerror or exc})")
            return
        here = folder.resolve()
        skip_names: set[str] = set()
        if here == self.out or (folder != root and any(e.name == "manifest.json" and _is_manifest(Path(e.path))
                                                       for e in entries)):
            if folder != root:
                return  # another doctools output folder inside the input tree
            skip_names = self.folders | {"manifest.json"}  # the input folder is the output folder
        for e in entries:
            p = Path(e.path)
            if e.name.startswith(".") or e.name in skip_names:
                continue
            try:
                if e.is_symlink():
                    target = p.stat()  # follows the link
                    if stat.S_ISDIR(target.st_mode):
                        self.notes.append(f"skipped {p}: symbolic link to a directory (not followed)")
                        continue
                    mode = target.st_mode
                else:
                    mode = e.stat(follow_symlinks=False).st_mode
            except FileNotFoundError:
                self.notes.append(f"skipped {p}: dangling symbolic link")
                continue
            except OSError as exc:
                self.notes.append(f"skipped {p}: {exc.strerror or exc}")
                continue
            if stat.S_ISDIR(mode):
                if self.out is not None and p.resolve() == self.out:
                    continue  # the output folder inside the input tree
                self._dir(root, p, found)
            elif p.resolve() in self.outputs:
                continue  # an output of an earlier run (the output folder is above the inputs)
            elif not stat.S_ISREG(mode):
                self.notes.append(f"skipped {p}: not a regular file ({_kind(mode)})")
            elif p.suffix.lower() in self.suffixes:
                found.append(p)
            else:
                self.notes.append(f"skipped {p}: unsupported type {p.suffix or '(no suffix)'}")


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def discover(args: list[str], include: tuple[str, ...] = (), exclude: tuple[str, ...] = (),
             out_dir: Path | None = None) -> Discovery:
    """Expand the command-line inputs into files doctools can read, in a stable order."""
    suffixes = set(supported_suffixes()) - {""}
    found: list[Path] = []
    notes: list[str] = []
    previous, outputs = _previous(out_dir)
    walker = _Walker(out_dir, suffixes, notes, outputs, set(previous))
    for arg in args:
        p = Path(arg)
        if p.is_dir():
            taken = walker.walk(p)
            if not taken:
                notes.append(f"{p}: no input documents in this directory")
            found.extend(taken)
        elif p.exists() or p.is_symlink():
            if p.suffix.lower() in suffixes or not p.suffix:
                found.append(p)  # named directly: taken even if special (the read says why not)
            else:
                notes.append(f"skipped {p}: unsupported type {p.suffix}")
        elif any(ch in arg for ch in "*?["):
            matches = sorted(Path(m) for m in glob.glob(arg, recursive=True))
            files = [m for m in matches if m.is_file() and not _in_outputs(m, walker.out)
                     and m.resolve() not in outputs]
            if not files:
                notes.append(f"{arg}: the pattern matches no file")
            for f in files:
                if f.suffix.lower() in suffixes:
                    found.append(f)
                else:
                    notes.append(f"skipped {f}: unsupported type {f.suffix}")
        else:
            found.append(p)  # missing: reported as a failed document with a clear message
    if include:
        found = [f for f in found if _matches(f, include)]
    if exclude:
        found = [f for f in found if not _matches(f, exclude)]
    return Discovery(tuple(_named(found, previous)), tuple(notes))


def _named(found: list[Path], previous: dict[str, str]) -> list[InputFile]:
    """Each input once, with a name that stays the same from run to run: the name an earlier
    run of this output folder gave the same input, else its stem — never a name the folder
    already holds for another input (exporting a subset must not overwrite another document)."""
    by_input = {path: name for name, path in previous.items()}
    owned = {_key(name): path for name, path in previous.items()}
    seen_paths: set[str] = set()
    taken: set[str] = set()
    inputs: list[InputFile] = []
    for f in found:
        key = _resolved(f)
        if key in seen_paths:
            continue
        seen_paths.add(key)
        name = by_input.get(key)
        if name is None or _key(name) in taken or safe_name(name) != name:
            base = safe_name(stem_of(f))
            name, n = base, 2
            while _key(name) in taken or owned.get(_key(name), key) != key:
                name, n = f"{base}-{n}", n + 1
        taken.add(_key(name))
        inputs.append(InputFile(f, name))
    return inputs


def _in_outputs(path: Path, out: Path | None) -> bool:
    """True for a file inside a document folder of the output folder (a glob over it)."""
    if out is None:
        return False
    try:
        rel = path.resolve().relative_to(out)
    except ValueError:
        return False
    return len(rel.parts) > 1 or rel.name == "manifest.json"


__all__ = ["Discovery", "InputFile", "discover", "safe_name", "stem_of"]
