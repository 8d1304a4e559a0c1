"""A cache of parsed TrueType metrics, so a process does not re-parse 15 MB CJK fonts.

Why: reportlab parses a font's cmap, widths and glyph offsets in pure Python (~0.1 s per
CJK face, the largest fixed cost of a PDF export). Like fontconfig's cache, the parsed
tables are stored once per font file (keyed by size, mtime, reportlab and Python versions)
as packed arrays, and the font data itself is memory-mapped, so only the pages holding
the glyphs a subset needs are read. A missing, stale or broken cache is only a cache miss.
``DOCTOOLS_FONT_CACHE=0`` turns it off; ``DOCTOOLS_CACHE`` (else
``$XDG_CACHE_HOME/doctools``) says where it lives.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast, overload

if TYPE_CHECKING:
    from _collections_abc import dict_items

_T = TypeVar("_T")


class FontFace(Protocol):
    """What this package uses of reportlab's ``TTFontFace`` (reportlab ships no types)."""

    charToGlyph: dict[int, int]
    get_table: Callable[[str], bytes]  # an attribute: keep_glyf replaces it per face


class TTFontLike(Protocol):
    """What this package uses of a reportlab ``TTFont``: its parsed face."""

    face: FontFace


def _cache_file(path: Path) -> Path | None:
    """Where the parsed metrics of ``path`` are cached (None: caching off).

    Parsing a 15 MB CJK face in pure Python takes ~0.1 s; the cmap, widths and glyph
    offsets are cached like fontconfig caches its scans, keyed by file size, mtime and the
    reportlab and Python versions. ``DOCTOOLS_FONT_CACHE=0`` turns it off;
    ``DOCTOOLS_CACHE`` (the font cache alone), else ``DOCTOOLS_CACHE_DIR`` (as for the
    translation memory), else ``$XDG_CACHE_HOME/doctools`` is where it lives.
    """
    if os.environ.get("DOCTOOLS_FONT_CACHE", "1") == "0":
        return None
    import sys

    import reportlab

    base = os.environ.get("DOCTOOLS_CACHE") or os.environ.get("DOCTOOLS_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "doctools")
    st = path.stat()
    py = f"py{sys.version_info[0]}{sys.version_info[1]}"
    tag = f"{path.name}-{st.st_size}-{st.st_mtime_ns}-rl{reportlab.Version}-{py}-v3"
    return Path(base) / "fonts" / f"{tag}.pickle"


def load(name: str, path: Path) -> TTFontLike | None:
    """A reportlab TTFont rebuilt from cached metrics, or None (no cache, stale, unreadable)."""
    import pickle

    from reportlab.pdfbase import pdfmetrics, ttfonts

    cache = _cache_file(path)
    if cache is None or not cache.is_file():
        return None
    try:
        with open(cache, "rb") as fh:
            state = pickle.load(fh)
    except Exception:  # a broken cache is just a cache miss
        return None
    real_face = ttfonts.TTFontFace

    def face_from_cache(filename: str, validate: int = 0, subfontIndex: int = 0) -> object:
        face = real_face.__new__(real_face)
        pdfmetrics.TypeFace.__init__(face, None)
        face.__dict__.update(_unpack(state))
        face._ttf_data = _map(path)  # pages in only the glyphs a subset needs
        upm = face.unitsPerEm
        face._pdfScale = (lambda x: x) if upm == 1000 else (lambda x: x * (1000 / upm))
        return face

    ttfonts.TTFontFace = face_from_cache  # TTFont.__init__ looks the class up at call time
    try:
        font: TTFontLike = ttfonts.TTFont(name, str(path))
        return font
    except Exception:  # a cache from an incompatible layout: parse the font instead
        return None
    finally:
        ttfonts.TTFontFace = real_face


def _pack(state: dict[str, object]) -> dict[str, object]:
    """Big tables as arrays: unpickling 30,000-entry dicts is as slow as parsing the font."""
    from array import array

    out = dict(state)
    for key in ("charToGlyph", "charWidths"):
        d = state[key]
        assert isinstance(d, dict)
        vals = list(d.values())
        kind = "q" if all(isinstance(v, int) for v in vals) else "d"
        out[key] = ("packed", array("q", d.keys()), array(kind, vals))
    g2c = state["glyphToChar"]
    assert isinstance(g2c, dict)
    singles = {g: v[0] for g, v in g2c.items() if len(v) == 1}
    multi = {g: v for g, v in g2c.items() if len(v) != 1}
    out["glyphToChar"] = ("packed-lists", array("q", singles.keys()), array("q", singles.values()), multi)
    hm = state["hmetrics"]
    assert isinstance(hm, list)
    out["hmetrics"] = ("packed-pairs", array("q", (a for a, _ in hm)), array("q", (b for _, b in hm)))
    # reportlab's glyphPos: a list of glyph offsets (ints); the state dict is untyped
    out["glyphPos"] = ("packed-list", array("q", cast("list[int]", state["glyphPos"])))
    return out


class _Pairs:
    """``hmetrics`` as two arrays: indexable like the list of (advance, lsb) it replaces."""

    def __init__(self, a: Sequence[int], b: Sequence[int]) -> None:
        self.a, self.b = a, b

    def __getitem__(self, i: int) -> tuple[int, int]:
        return self.a[i], self.b[i]

    def __len__(self) -> int:
        return len(self.a)


class _LazyLists(dict[int, list[int]]):
    """``glyphToChar``, built on first use (only shaping needs it, not plain drawing)."""

    def __init__(self, keys: Iterable[int], vals: Iterable[int], multi: dict[int, list[int]]) -> None:
        super().__init__()
        self._src: tuple[Iterable[int], Iterable[int], dict[int, list[int]]] | None = (keys, vals, multi)

    def _fill(self) -> None:
        if self._src is not None:
            keys, vals, multi = self._src
            self._src = None
            super().update({g: [c] for g, c in zip(keys, vals, strict=True)})
            super().update(multi)

    def __getitem__(self, k: int) -> list[int]:
        self._fill()
        return super().__getitem__(k)

    def __contains__(self, k: object) -> bool:
        self._fill()
        return super().__contains__(k)

    @overload
    def get(self, k: int, default: None = None) -> list[int] | None: ...
    @overload
    def get(self, k: int, default: list[int]) -> list[int]: ...
    @overload
    def get(self, k: int, default: _T) -> list[int] | _T: ...
    def get(self, k: int, default: object = None) -> object:
        self._fill()
        return super().get(k, default)

    @overload
    def setdefault(self, k: int, default: None = None) -> list[int] | None: ...
    @overload
    def setdefault(self, k: int, default: list[int]) -> list[int]: ...  # reportlab: setdefault(gid, [])
    def setdefault(self, k: int, default: list[int] | None = None) -> list[int] | None:
        self._fill()
        # a None default is stored as plain dict.setdefault would; reportlab always passes []
        return super().setdefault(k, default)  # type: ignore[arg-type]

    def items(self) -> dict_items[int, list[int]]:
        self._fill()
        return super().items()

    def __len__(self) -> int:
        self._fill()
        return super().__len__()


def _unpack(state: dict[str, Any]) -> dict[str, Any]:
    """Undo ``_pack`` on unpickled state (Any: our own pickle, checked by the cache key)."""
    out = dict(state)
    for key, val in state.items():
        if not (isinstance(val, tuple) and val and isinstance(val[0], str) and val[0].startswith("packed")):
            continue
        if val[0] == "packed":
            out[key] = dict(zip(val[1], val[2], strict=True))
        elif val[0] == "packed-pairs":
            out[key] = _Pairs(val[1], val[2])
        elif val[0] == "packed-list":
            out[key] = val[1]  # an array indexes like the list it was
        else:
            out[key] = _LazyLists(val[1], val[2], val[3])
    return out


def _map(path: Path) -> object:
    import mmap

    with open(path, "rb") as fh:
        return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)


def store(font: TTFontLike, path: Path) -> None:
    import pickle
    import tempfile

    cache = _cache_file(path)
    if cache is None or cache.is_file():
        return
    state = _pack({k: v for k, v in vars(font.face).items() if k not in ("_ttf_data", "_pdfScale")})
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache.parent, suffix=".part")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(state, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache)
    except OSError:
        pass  # a read-only home: no cache, still correct


def keep_glyf(font: TTFontLike) -> None:
    """Copy the ``glyf`` table once instead of once per 256-glyph subset.

    reportlab's subsetter slices the whole glyph table (10+ MB for a CJK face) out of the
    font data for every subset it writes; a document uses 5-10 subsets per face.
    """
    face = font.face
    original = face.get_table
    kept: dict[str, bytes] = {}

    def get_table(tag: str) -> bytes:
        if tag != "glyf":
            return original(tag)
        if tag not in kept:
            kept[tag] = original(tag)
        return kept[tag]

    face.get_table = get_table


__all__ = ["FontFace", "TTFontLike", "keep_glyf", "load", "store"]
