"""Project config: ``doctools.toml`` or ``[tool.doctools]`` in ``pyproject.toml``.

Keys (all optional)::

    [export]            # or top level
    editions = ["zh-Hans", "en", "brief"]
    formats = ["docx", "pdf"]
    template = "official"
    glossary = ["my-terms.tsv"]
    terms = ["my-phrases.tsv"]
    jobs = 2

Command-line flags override the file. Relative paths are relative to the config file.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from doctools.errors import ConfigError

_KEYS = {"editions", "formats", "template", "glossary", "terms", "jobs", "beam", "max_mb", "brief_langs"}


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
            except (tomllib.TOMLDecodeError, UnicodeDecodeError):
                return None
            return None
    return None


def load_config(path: Path | None) -> dict[str, Any]:
    """The export settings of a config file (empty when there is none)."""
    if path is None:
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config ({exc})") from exc
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("doctools", {})
    section = data.get("export", data)
    unknown = set(section) - _KEYS - {"export", "convert", "translate", "brief"}
    if unknown:
        raise ConfigError(f"{path}: unknown config key(s): {', '.join(sorted(unknown))}")
    out = {k: v for k, v in section.items() if k in _KEYS}
    convert = data.get("convert", {})
    if "terms" not in out and isinstance(convert, dict) and "terms" in convert:
        out["terms"] = convert["terms"]  # [convert] terms, as `doctools convert` reads them
    for key in ("editions", "formats", "brief_langs", "glossary", "terms"):
        if isinstance(out.get(key), str):  # "zh-Hans,brief" as well as ["zh-Hans", "brief"]
            out[key] = [v.strip() for v in out[key].split(",") if v.strip()]
        elif key in out and not isinstance(out[key], list):
            raise ConfigError(f"{path}: {key} must be a list or a comma-separated string")
    for key in ("glossary", "terms"):
        if key in out:
            vals = out[key] if isinstance(out[key], list) else [out[key]]
            out[key] = [str((path.parent / v).resolve()) for v in vals]
    if "template" in out and Path(out["template"]).suffix:
        out["template"] = str((path.parent / out["template"]).resolve())
    return out


__all__ = ["find_config", "load_config"]
