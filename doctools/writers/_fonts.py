"""Shipped fonts, typographic roles and per-character fallback for the PDF/DOCX writers.

Why this exists: reportlab draws a character its font lacks as blank space and drops it from
the text layer — silently. So every string we draw is split into *runs* by glyph coverage
(the font's cmap), falling back along a chain of fonts, and characters that no font has are
reported instead of lost.

Fonts are data: ``fonts/fonts.toml`` lists each face (reportlab name, family, weight, file,
sha256, licence, roles) and maps role names to canonical roles. Roles, as templates use them:

    song / serif / ming / title   Noto Serif SC (宋/明 role; bold for titles)
    hei / sans                    Noto Sans SC (黑体 role)
    kai                           LXGW WenKai (楷体 role)
    fangsong                      → song (no free full-coverage Simplified FangSong ships)
    latin                         Liberation Serif (English text), CJK faces as fallback

A user font file can take any role: point ``DOCTOOLS_FONTS`` at a TOML file in the same
format (``[[font]]`` entries with ``file`` relative to that TOML or absolute, and
``roles = ["fangsong"]`` for example); its faces come before the shipped ones.

Public API (all cached per process; fonts are registered with reportlab only when first
needed, ~85 ms per CJK face)::

    from doctools.writers import _fonts
    _fonts.register_role("song")            # -> "NotoSerifSC-Regular" (registered)
    _fonts.font_for("kai", "滘")             # -> a registered font name, or None
    _fonts.runs("第1章　海珠", "hei")        # -> [("NotoSansSC-Regular", "第1章　海珠")]
    _fonts.runs("abc", "latin", bold=True)  # -> [("LiberationSerif-Bold", "abc")]
    _fonts.missing_chars("A\U0001F600")     # -> {"\U0001F600"}
    _fonts.fonts()                          # -> tuple[FontSpec, ...] (manifest order)
    _fonts.chain("song", bold=False)        # -> fallback chain of font names
    _fonts.family("hei")                    # -> "Noto Sans SC" (the name DOCX uses)

``runs`` never drops a character: a character no font has stays in the run of the role's
primary face (it will print blank) and ``missing_chars`` names it so the writer can warn.
Control characters (newline, tab) are never reported missing; writers handle them.
"""

from __future__ import annotations

import hashlib
import os
import threading
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from doctools.errors import ConfigError
from doctools.resources import fonts_dir
from doctools.writers import _fontcache

_LOCK = threading.RLock()
_REGISTERED: dict[str, frozenset[int]] = {}  # font name -> codepoints covered


@dataclass(frozen=True)
class FontSpec:
    """One face from a fonts manifest."""

    name: str
    family: str
    weight: str
    path: Path
    sha256: str | None
    licence: str
    licence_file: Path | None
    source: str
    roles: tuple[str, ...]
    shipped: bool


@dataclass(frozen=True)
class _Manifest:
    fonts: tuple[FontSpec, ...]
    aliases: dict[str, str]
    fallback: tuple[str, ...]


def _read_manifest(path: Path, shipped: bool) -> tuple[list[FontSpec], dict[str, str], list[str]]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read fonts manifest ({exc})") from exc
    specs: list[FontSpec] = []
    for i, entry in enumerate(data.get("font", []), 1):
        try:
            file = Path(entry["file"]).expanduser()
            lic = entry.get("licence_file")
            specs.append(
                FontSpec(
                    name=str(entry["name"]),
                    family=str(entry.get("family", entry["name"])),
                    weight=str(entry.get("weight", "regular")),
                    path=file if file.is_absolute() else path.parent / file,
                    sha256=entry.get("sha256"),
                    licence=str(entry.get("licence", "unknown")),
                    licence_file=(path.parent / lic) if lic else None,
                    source=str(entry.get("source", "")),
                    roles=tuple(entry.get("roles", ())),
                    shipped=shipped,
                )
            )
        except KeyError as exc:
            raise ConfigError(f"{path}: font entry {i} lacks {exc.args[0]!r}") from exc
    aliases = {str(k): str(v) for k, v in data.get("roles", {}).items()}
    return specs, aliases, [str(r) for r in data.get("fallback", [])]


@cache
def _manifest() -> _Manifest:
    shipped, aliases, fallback = _read_manifest(fonts_dir() / "fonts.toml", shipped=True)
    user_path = os.environ.get("DOCTOOLS_FONTS")
    user: list[FontSpec] = []
    if user_path:
        user, user_aliases, user_fallback = _read_manifest(Path(user_path).expanduser(), shipped=False)
        aliases.update(user_aliases)
        fallback = user_fallback or fallback
    return _Manifest(tuple(user + shipped), aliases, tuple(fallback))


def fonts() -> tuple[FontSpec, ...]:
    """Every known face, user faces first, then the shipped ones in manifest order."""
    return _manifest().fonts


def spec(name: str) -> FontSpec:
    for f in fonts():
        if f.name == name:
            return f
    raise ConfigError(f"unknown font {name!r}")


def roles() -> dict[str, str]:
    """Role name → canonical role, as the manifest(s) declare them."""
    return dict(_manifest().aliases)


@cache
def _primary(role: str, bold: bool) -> FontSpec:
    """The face that plays ``role``: a face naming the role itself wins over the alias."""
    m = _manifest()
    wanted = "bold" if bold else "regular"
    for key in (role, m.aliases.get(role, role)):
        cands = [f for f in m.fonts if key in f.roles]
        for f in cands:
            if f.weight == wanted:
                return f
        if cands:
            return cands[0]
    raise ConfigError(f"unknown font role {role!r}; known: {', '.join(sorted(m.aliases))}")


def family(role: str, bold: bool = False) -> str:
    """The family name of the role's face (what DOCX and fontconfig call it)."""
    return _primary(role, bold).family


@cache
def chain(role: str, bold: bool = False) -> tuple[str, ...]:
    """Font names tried in order for ``role``: its own face, then the fallback roles."""
    names: list[str] = []
    order = [role, *_manifest().fallback]
    for b in ((bold, False) if bold else (False,)):
        for r in order:
            name = _primary(r, b).name
            if name not in names:
                names.append(name)
    return tuple(names)


def register(name: str) -> str:
    """Register the face ``name`` with reportlab (once per process) and return the name."""
    with _LOCK:
        if name in _REGISTERED:
            return name
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFError, TTFont

        f = spec(name)
        if not f.path.is_file():
            raise ConfigError(f"font file missing: {f.path} (font {name})")
        try:
            font = _fontcache.load(name, f.path) or TTFont(name, str(f.path))
        except TTFError as exc:
            raise ConfigError(f"{f.path}: reportlab cannot use this font ({exc}); TrueType needed") from exc
        _fontcache.store(font, f.path)
        _fontcache.keep_glyf(font)
        pdfmetrics.registerFont(font)
        _REGISTERED[name] = frozenset(font.face.charToGlyph)
        return name


def register_role(role: str, bold: bool = False) -> str:
    """Register the role's primary face; returns its reportlab name."""
    return register(_primary(role, bold).name)


def _covers(name: str, cp: int) -> bool:
    cov = _REGISTERED.get(name)
    if cov is None:
        register(name)
        cov = _REGISTERED[name]
    return cp in cov


def _ignorable(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc"


def font_for(role: str, char: str, bold: bool = False) -> str | None:
    """The first font of the role's chain that has ``char``; None when no font has it."""
    cp = ord(char)
    for name in chain(role, bold):
        if _covers(name, cp):
            return name
    return None


def runs(text: str, role: str, bold: bool = False) -> list[tuple[str, str]]:
    """Split ``text`` into (font name, text) runs so every character gets a font that has it.

    Characters no font has (and control characters) stay with the current run's font — or
    the primary face — so nothing is dropped; report them with :func:`missing_chars`.
    """
    primary = chain(role, bold)[0]
    out: list[tuple[str, str]] = []
    cur_font: str | None = None
    buf: list[str] = []
    for ch in text:
        if _ignorable(ch) or (ch.isspace() and cur_font is not None):
            name = cur_font or primary
        else:
            name = font_for(role, ch, bold) or cur_font or primary
        if name != cur_font and buf:
            out.append((cur_font or primary, "".join(buf)))
            buf = []
        cur_font = name
        buf.append(ch)
    if buf:
        out.append((cur_font or primary, "".join(buf)))
    return out


def missing_chars(text: str) -> set[str]:
    """Characters of ``text`` that no known font can draw (control characters excepted)."""
    todo = {ch for ch in set(text) if not _ignorable(ch)}
    for f in fonts():
        if not todo:
            break
        if not f.path.is_file():
            continue
        todo = {ch for ch in todo if not _covers(f.name, ord(ch))}
    return todo


def coverage(text: str) -> dict[str, int]:
    """For each face: how many distinct characters of ``text`` it lacks (for ``doctools fonts``)."""
    chars = {ch for ch in set(text) if not _ignorable(ch)}
    result: dict[str, int] = {}
    for f in fonts():
        if f.path.is_file():
            result[f.name] = sum(1 for ch in chars if not _covers(f.name, ord(ch)))
    return result


def sha256_ok(f: FontSpec) -> bool | None:
    """Whether the file matches its manifest hash (None: no hash given)."""
    if not f.sha256:
        return None
    h = hashlib.sha256()
    with open(f.path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest() == f.sha256


def reset() -> None:
    """Forget cached manifests (tests that set DOCTOOLS_FONTS); registrations stay."""
    _manifest.cache_clear()
    _primary.cache_clear()
    chain.cache_clear()


__all__ = [
    "FontSpec",
    "chain",
    "coverage",
    "family",
    "font_for",
    "fonts",
    "missing_chars",
    "register",
    "register_role",
    "reset",
    "roles",
    "runs",
    "sha256_ok",
    "spec",
]
