"""Layout templates as data: ``templates/<name>.toml`` (or a user's file) → :class:`Template`.

Why data: a layout (GB/T 9704 numbers, a report look, the brief) is knowledge a user can
review and change without touching code, and the PDF and DOCX writers must agree on it.

A template file has ``[page]`` (size, margins, grid), ``[fonts.docx]`` (the font name each
role gets in DOCX), ``[colors]``, ``[page_number]`` and ``[styles.<element>]`` tables
for ``body, title, subtitle, salutation, heading1..heading4, lead, list_item, closing``
(and any extra names a caller uses, e.g. the brief's own elements). A style may name
``base = "body"`` to inherit. Sizes are points, lengths millimetres unless the key says
``_pt``/``_chars``. ``english = "report"`` names the template to use for English documents;
``[styles_en.<element>]`` overrides style keys for English documents.
See templates/official.toml for every key with comments.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from doctools.errors import ConfigError
from doctools.resources import templates_dir

MM = 72.0 / 25.4  # points per millimetre

_STYLE_KEYS = {
    "base", "role", "latin_role", "size_pt", "bold", "leading_pt", "first_indent_chars",
    "left_indent_chars", "right_indent_chars", "align", "space_before_pt", "space_after_pt", "tracking_pt", "color",
    "keep_with_next", "page_break_before",
}


@dataclass(frozen=True)
class Style:
    """How one element is set. ``role`` is a font role (see _fonts); ``latin_role`` replaces
    it in English documents. ``align`` is left|right|center|justify."""

    name: str
    role: str = "song"
    latin_role: str = "latin"
    size_pt: float = 12.0
    bold: bool = False
    leading_pt: float = 18.0
    first_indent_chars: float = 0.0
    left_indent_chars: float = 0.0
    right_indent_chars: float = 0.0
    align: str = "justify"
    space_before_pt: float = 0.0
    space_after_pt: float = 0.0
    tracking_pt: float = 0.0
    color: str = "000000"
    keep_with_next: bool = False
    page_break_before: bool = False

    def font_role(self, english: bool) -> str:
        return self.latin_role if english else self.role


@dataclass(frozen=True)
class PageNumber:
    format: str = "— {n} —"
    role: str = "song"
    size_pt: float = 14.0
    position: str = "outside"  # outside (odd right, even left) | center | right
    below_mm: float = 7.0  # from the bottom of the type area to the number's top
    indent_chars: float = 1.0
    first_page: bool = True


@dataclass(frozen=True)
class Page:
    width_mm: float = 210.0
    height_mm: float = 297.0
    top_mm: float = 25.0
    bottom_mm: float = 25.0
    left_mm: float = 25.0
    right_mm: float = 25.0
    grid_lines: int = 0  # DOCX docGrid lines per page (0: no grid)
    line_pitch_pt: float = 0.0  # DOCX docGrid linePitch in points
    docx_char_spacing_pt: float = 0.0  # body character spacing in DOCX (LibreOffice grid)

    @property
    def frame_width_pt(self) -> float:
        return (self.width_mm - self.left_mm - self.right_mm) * MM

    @property
    def frame_height_pt(self) -> float:
        return (self.height_mm - self.top_mm - self.bottom_mm) * MM


@dataclass(frozen=True)
class Template:
    name: str
    path: Path
    description: str
    page: Page
    styles: dict[str, Style]
    english_styles: dict[str, Style]
    page_number: PageNumber | None
    docx_fonts: dict[str, str]
    colors: dict[str, str]
    english: str | None = None
    reference_docx: Path | None = None
    header_text: str = ""
    raw: dict[str, Any] = field(default_factory=dict)

    def style(self, name: str) -> Style:
        """The style ``name``; heading levels beyond those defined use the deepest one."""
        if name in self.styles:
            return self.styles[name]
        if name.startswith("heading"):
            levels = sorted(k for k in self.styles if k.startswith("heading") and k[7:].isdigit())
            if levels:
                return self.styles[levels[-1]]
        return self.styles["body"]

    def docx_font(self, role: str) -> str:
        """The font name DOCX gets for ``role``: the template's name, else the shipped family."""
        if role in self.docx_fonts:
            return self.docx_fonts[role]
        from doctools.writers import _fonts

        return _fonts.family(role)


def _style(
    name: str, table: dict[str, Any], all_tables: dict[str, Any], path: Path, seen: tuple[str, ...] = ()
) -> Style:
    unknown = set(table) - _STYLE_KEYS
    if unknown:
        raise ConfigError(f"{path}: style {name!r} has unknown keys {sorted(unknown)}")
    base = Style(name=name)
    if "base" in table:
        parent = str(table["base"])
        if parent in seen or parent not in all_tables:
            raise ConfigError(f"{path}: style {name!r} has a bad base {parent!r}")
        base = replace(_style(parent, all_tables[parent], all_tables, path, (*seen, name)), name=name)
        # layout-only keys are not inherited: a heading does not inherit page breaks
        base = replace(base, page_break_before=False)
    values = {k: v for k, v in table.items() if k != "base"}
    try:
        return replace(base, **values)
    except TypeError as exc:
        raise ConfigError(f"{path}: style {name!r}: {exc}") from exc


def resolve_path(name_or_path: str | Path) -> Path:
    """A shipped template name (``official``) or a path to a ``.toml`` file."""
    p = Path(name_or_path)
    if p.suffix.lower() == ".toml" or p.is_file():
        if not p.is_file():
            raise ConfigError(f"template file not found: {p}")
        return p
    shipped = templates_dir() / f"{name_or_path}.toml"
    if not shipped.is_file():
        raise ConfigError(f"unknown template {name_or_path!r}; shipped: {', '.join(available())}")
    return shipped


def available() -> list[str]:
    return sorted(p.stem for p in templates_dir().glob("*.toml"))


def load(name_or_path: str | Path = "official") -> Template:
    """Load and validate a template; ConfigError with a one-line message when it is wrong."""
    path = resolve_path(name_or_path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read template ({exc})") from exc
    try:
        page = Page(**data.get("page", {}))
        pn_data = data.get("page_number")
        page_number = PageNumber(**pn_data) if pn_data is not None else None
    except TypeError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    tables = data.get("styles", {})
    if "body" not in tables:
        raise ConfigError(f"{path}: a template needs [styles.body]")
    styles = {n: _style(n, t, tables, path) for n, t in tables.items()}
    en_tables = data.get("styles_en", {})
    for n, t in en_tables.items():
        if n not in styles or set(t) - _STYLE_KEYS or "base" in t:
            raise ConfigError(f"{path}: [styles_en.{n}] must override keys of an existing style")
    english_styles = {n: replace(st, **en_tables.get(n, {})) for n, st in styles.items()}
    ref = data.get("reference_docx")
    ref_path = (path.parent / ref) if ref else None
    if ref_path is not None and not ref_path.is_file():
        raise ConfigError(f"{path}: reference_docx not found: {ref_path}")
    fonts = data.get("fonts", {})
    return Template(
        name=str(data.get("name", path.stem)),
        path=path,
        description=str(data.get("description", "")),
        page=page,
        styles=styles,
        english_styles=english_styles,
        page_number=page_number,
        docx_fonts={str(k): str(v) for k, v in fonts.get("docx", {}).items()},
        colors={str(k): str(v) for k, v in data.get("colors", {}).items()},
        english=data.get("english"),
        reference_docx=ref_path,
        header_text=str(data.get("header_text", "")),
        raw=data,
    )


def for_document(name_or_path: str | Path, language: str) -> Template:
    """The template to use for a document: English documents follow ``english = "..."`` and
    get the ``[styles_en.*]`` overrides (Latin text wants other sizes and leading)."""
    t = load(name_or_path)
    if not is_english(language):
        return t
    if t.english and t.english != t.name:
        t = load(t.english)
    return replace(t, styles=t.english_styles)


def is_english(language: str) -> bool:
    return language.lower().startswith("en")


def label(key: str, language: str) -> str:
    """A word the writers add themselves (``templates/labels.tsv``) in the edition's
    language: English for ``en*``, Traditional for zh-Hant/TW/HK, else Simplified."""
    from doctools.tables import load_table

    low = language.lower()
    lang = "en" if low.startswith("en") else (
        "zh-Hant" if "hant" in low or low in ("zh-tw", "zh-hk", "zh-mo") else "zh-Hans")
    rows = {(r.get(0), r.get(1)): r.get(2) for r in load_table(templates_dir() / "labels.tsv", min_cols=3).rows}
    text = rows.get((key, lang)) or rows.get((key, "en"))
    if not text:
        raise ConfigError(f"templates/labels.tsv: no label {key!r} for {lang}")
    return text


__all__ = ["MM", "Page", "PageNumber", "Style", "Template", "available", "for_document", "is_english", "label", "load"]
