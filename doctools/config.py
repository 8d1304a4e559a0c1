"""Project config: ``doctools.toml`` or ``[tool.doctools]`` in ``pyproject.toml``.

One config for every command: ``export`` and the single-document commands (``convert``,
``translate``, ``brief``, ``render``) find the same file (the current folder or a parent)
and read the same keys, so a document comes out the same whichever command made it.

Keys (all optional)::

    [export]            # or top level (not both)
    editions = ["zh-Hans", "en", "brief"]
    formats = ["docx", "pdf"]
    template = "official"            # Chinese editions
    template_en = "report"           # the English edition
    brief_langs = ["zh-Hans", "en"]
    glossary = ["my-terms.tsv"]
    terms = ["my-phrases.tsv"]
    jobs = 2
    beam = 4
    tm_min = 85
    device = "auto"                  # auto | cpu | cuda
    max_mb = 8
    timeout_per_doc = 900            # seconds
    executor = "local"               # local | ray
    ray_address = "auto"
    gpus_per_actor = 0

    [convert]
    terms = ["my-phrases.tsv"]       # the same as [export] terms (kept for older configs)

Command-line flags override the file. Relative paths are relative to the config file.
Every value is checked here: a wrong one, an unknown key or an unknown section is a
ConfigError naming the file and the key.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from doctools.errors import ConfigError
from doctools.options import BRIEF_LANGS, DEVICES, EDITIONS, FORMATS

EXECUTORS = ("local", "ray")


def _choices(allowed: tuple[str, ...]) -> Callable[[Any], Any]:
    def check(value: Any) -> list[str]:
        items = [v.strip() for v in value.split(",") if v.strip()] if isinstance(value, str) else value
        if not isinstance(items, list) or not items or not all(isinstance(v, str) for v in items):
            raise ValueError("a list of names or a comma-separated string")
        bad = [v for v in items if v not in allowed]
        if bad:
            raise ValueError(f"one or more of {', '.join(allowed)} (not {', '.join(bad)})")
        return items
    return check


def _paths(value: Any) -> list[str]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) and v for v in items):
        raise ValueError("a file path or a list of file paths")
    return items


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError("a non-empty string")
    return value


def _one_of(allowed: tuple[str, ...]) -> Callable[[Any], Any]:
    def check(value: Any) -> str:
        if value not in allowed:
            raise ValueError(f"one of {', '.join(allowed)}")
        return str(value)
    return check


def _number(low: float, high: float | None = None, integer: bool = False,
            strict_low: bool = False) -> Callable[[Any], Any]:
    def check(value: Any) -> float | int:
        ok_type = isinstance(value, int) if integer else isinstance(value, int | float)
        if isinstance(value, bool) or not ok_type or not math.isfinite(value):
            raise ValueError("a whole number" if integer else "a number")
        if (value <= low if strict_low else value < low) or (high is not None and value > high):
            above = f"{'over' if strict_low else 'at least'} {low:g}"
            span = f"between {low:g} and {high:g}" if high is not None else above
            raise ValueError(f"a number {span}")
        return int(value) if integer else float(value)
    return check


_KEYS: dict[str, Callable[[Any], Any]] = {
    "editions": _choices(EDITIONS),
    "formats": _choices(FORMATS),
    "brief_langs": _choices(BRIEF_LANGS),
    "template": _text,
    "template_en": _text,
    "glossary": _paths,
    "terms": _paths,
    "jobs": _number(1, 256, integer=True),
    "beam": _number(1, 16, integer=True),
    "tm_min": _number(0, 100, integer=True),
    "device": _one_of(DEVICES),
    "max_mb": _number(0, 512, strict_low=True),
    "timeout_per_doc": _number(1, 7 * 24 * 3600),
    "executor": _one_of(EXECUTORS),
    "ray_address": _text,
    "gpus_per_actor": _number(0, 64),
}


def find_config(start: Path | None = None) -> Path | None:
    """``doctools.toml`` in the folder (or a parent), else a pyproject with [tool.doctools]."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        cand = folder / "doctools.toml"
        if cand.is_file():
            return cand
        py = folder / "pyproject.toml"
        if py.is_file():
            try:
                if "doctools" in tomllib.loads(py.read_text(encoding="utf-8")).get("tool", {}):
                    return py
            except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
                return None
            return None
    return None


def load_config(path: Path | None) -> dict[str, Any]:
    """The export settings of a config file, checked (empty when there is none)."""
    if path is None:
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config ({exc})") from exc
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("doctools", {})
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: [tool.doctools] must be a table")
    tables = {k for k, v in data.items() if isinstance(v, dict)}
    unknown_sections = tables - {"export", "convert"}
    if unknown_sections:
        raise ConfigError(f"{path}: unknown config section(s): {', '.join(sorted(unknown_sections))} "
                          "(use [export], and [convert] for terms)")
    top = {k: v for k, v in data.items() if k not in tables}
    if "export" in data and top:
        raise ConfigError(f"{path}: key(s) {', '.join(sorted(top))} outside [export]: put every key in [export]")
    section = data.get("export", top)
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [export] must be a table")
    unknown = set(section) - set(_KEYS)
    if unknown:
        raise ConfigError(f"{path}: unknown config key(s): {', '.join(sorted(unknown))}")
    raw = {k: v for k, v in section.items() if k in _KEYS}
    convert = data.get("convert", {})
    if set(convert) - {"terms"}:
        raise ConfigError(f"{path}: unknown key(s) in [convert]: {', '.join(sorted(set(convert) - {'terms'}))}")
    if "terms" not in raw and "terms" in convert:
        raw["terms"] = convert["terms"]
    out: dict[str, Any] = {}
    for key, value in raw.items():
        try:
            out[key] = _KEYS[key](value)
        except ValueError as exc:
            raise ConfigError(f"{path}: {key} must be {exc} (got {value!r})") from None
    for key in ("glossary", "terms"):
        if key in out:
            out[key] = [str((path.parent / v).resolve()) for v in out[key]]
    for key in ("template", "template_en"):
        if key in out and Path(out[key]).suffix:
            out[key] = str((path.parent / out[key]).resolve())
    return out


def project_config() -> dict[str, Any]:
    """The checked settings of the config the current folder sees (empty: none)."""
    return load_config(find_config())


__all__ = ["EXECUTORS", "find_config", "load_config", "project_config"]
